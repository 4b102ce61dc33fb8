//! Facts → a draft budget. Most fields are copied; the expenditure lines (unit × 项 ×
//! funding) and the economic 款 by unit are rebuilt from the margins the tables give:
//!
//! * 一般公共预算: 表5 per 项 and 表6 per unit, for 人员经费, 公用经费 and 项目支出 each;
//! * 政府性基金, 国有资本经营: 表9, 表10 per 项; per unit, 表2's income less the unit's
//!   projects in 表11 is basic expenditure;
//! * the rest of 表3 (carry-over, 财政专户, 单位资金) goes to each unit's funding as 表2,
//!   表4 and 表11 give it, 类 by 类 within 表4's fiscal totals.
//!
//! With one unit every split is exact; with several, the split is one of those whose
//! margins are the tables' (the file says so: IMP-007), so the report's tables are the
//! workbook's.

use std::collections::BTreeMap;

use super::alloc::{greedy, north_west};
use super::draft::{Draft, EconLine, ExpLine, Project, Sources, FUNDING, UNIT_FUNDS};
use super::facts::{Facts, Row};
use super::forms::Forms;
use super::Findings;
use crate::catalog;
use crate::num::Money;

/// Funding kinds beyond the three current appropriations, in `FUNDING` order from 3.
/// 表11's column of each of `REST`.
const REST_T11: [&str; 5] = [
    "carryover_general",
    "carryover_fund",
    "carryover_state_capital",
    "special_account",
    "unit_funds",
];

/// Builds the draft.
pub(crate) fn build(facts: &Facts, forms: &Forms, title: Option<&str>, f: &mut Findings) -> Draft {
    let mut d = Draft {
        year: facts.year.unwrap_or_default(),
        ..Draft::default()
    };
    if facts.year.is_none() {
        f.error(
            "IMP-008",
            String::new(),
            "表题中找不到预算年度（如“2025 年”）".into(),
            None,
        );
    }
    let unit_rows: Vec<&Row> = if facts.units.is_empty() {
        facts.t06.iter().collect()
    } else {
        facts.units.iter().collect()
    };
    d.units = unit_rows
        .iter()
        .map(|u| (u.code.clone(), u.name.clone()))
        .collect();
    if d.units.is_empty() {
        f.error(
            "IMP-006",
            String::new(),
            "找不到预算单位（预算02表、06表的单位行），写成一个待填写的单位".into(),
            None,
        );
        let code = facts
            .department
            .as_ref()
            .map_or("000".to_owned(), |d| d.0.clone());
        d.units.push((
            format!("{code}001"),
            format!("{}预算单位名称", super::PLACEHOLDER),
        ));
    }
    let (code, full) = facts.department.clone().unwrap_or_else(|| {
        let code: String = d
            .units
            .first()
            .map(|u| u.0.chars().take(3).collect())
            .unwrap_or_default();
        (
            code,
            d.units.first().map(|u| u.1.clone()).unwrap_or_default(),
        )
    });
    d.code = code;
    d.full_name = full.clone();
    let from_title = title.and_then(|t| {
        let t = t.trim();
        let i = t.find(&d.year.to_string())?;
        Some(t[..i].trim().to_owned()).filter(|s| !s.is_empty())
    });
    d.name = from_title
        .or_else(|| forms.department.as_ref().map(|x| x.name.clone()))
        .unwrap_or(full);
    d.region = forms.region.clone();
    for (code, name) in &facts.names {
        let known = if code.starts_with('3') {
            catalog::economic(code).is_some()
        } else {
            catalog::function(code).is_some()
        };
        if !known {
            d.codes.push((code.clone(), name.clone()));
        }
    }
    d.inferred_split = d.units.len() > 1;
    expenditure(facts, forms, &mut d);
    economic(facts, &mut d);
    d.sangong = facts.sangong;
    d.procurement = facts.procurement.clone();
    d.services = facts.services.clone();
    if let Some(df) = &forms.department {
        d.department_form = Some(df.yaml.clone());
        d.previous_total = df.last_total;
    }
    if d.inferred_split {
        f.warning(
            "IMP-007",
            String::new(),
            format!(
                "有 {} 个预算单位：公开表只给出按单位和按科目的合计，导入时按两组合计推出了按单位、按科目的支出明细和经济分类明细（各表合计不变），请对照预算系统中的明细核对",
                d.units.len()
            ),
            None,
        );
    }
    d
}

/// Expenditure lines, income by unit, and projects.
fn expenditure(facts: &Facts, forms: &Forms, d: &mut Draft) {
    let units: Vec<String> = d.units.iter().map(|u| u.0.clone()).collect();
    let nu = units.len().max(1);
    let unit_row = |code: &str| facts.units.iter().find(|u| u.code == code);
    // 项 in table order: 表3, then any only in 表5, 9, 10.
    let mut items: Vec<(String, String)> = facts
        .t03
        .iter()
        .map(|r| (r.code.clone(), r.name.clone()))
        .collect();
    for r in facts.t05.iter().chain(&facts.t09).chain(&facts.t10) {
        if !items.iter().any(|i| i.0 == r.code) {
            items.push((r.code.clone(), r.name.clone()));
        }
    }
    let find = |rows: &[Row], code: &str, key: &str| {
        rows.iter()
            .find(|r| r.code == code)
            .map_or(Money::ZERO, |r| r.get(key))
    };
    // lines[(unit, item, funding)][column]
    let mut lines: BTreeMap<(usize, usize, usize), BTreeMap<&'static str, Money>> = BTreeMap::new();
    let mut add = |u: usize, i: usize, k: usize, c: &'static str, v: Money| {
        if !v.is_zero() {
            *lines.entry((u, i, k)).or_default().entry(c).or_default() += v;
        }
    };
    // 一般公共预算: 表6 × 表5.
    for c in ["personnel", "public", "project"] {
        let cols: Vec<Money> = items.iter().map(|i| find(&facts.t05, &i.0, c)).collect();
        let rows: Vec<Money> = if nu == 1 {
            vec![cols.iter().copied().sum()]
        } else {
            units.iter().map(|u| find(&facts.t06, u, c)).collect()
        };
        for (u, row) in north_west(&rows, &cols).iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                add(u, i, 0, c, *v);
            }
        }
    }
    // Projects of each unit by 表11 column.
    let project_sum = |u: &str, key: &str| -> Money {
        facts
            .projects
            .iter()
            .filter(|p| p.1 == u)
            .map(|p| p.0.get(key))
            .sum()
    };
    // 政府性基金, 国有资本经营: 表9, 表10 × (表2 less 表11).
    let mut basic_other: Vec<(usize, usize, usize, Money)> = Vec::new();
    for (k, rows, income_key) in [(1, &facts.t09, "fund"), (2, &facts.t10, "state_capital")] {
        for c in ["basic", "project"] {
            let cols: Vec<Money> = items.iter().map(|i| find(rows, &i.0, c)).collect();
            let unit_totals: Vec<Money> = if nu == 1 {
                vec![cols.iter().copied().sum()]
            } else {
                units
                    .iter()
                    .map(|u| {
                        let projects = project_sum(u, income_key);
                        let income = unit_row(u).map_or(Money::ZERO, |r| r.get(income_key));
                        if c == "project" {
                            projects
                        } else {
                            income - projects
                        }
                    })
                    .collect()
            };
            for (u, row) in north_west(&unit_totals, &cols).iter().enumerate() {
                for (i, v) in row.iter().enumerate() {
                    if c == "basic" {
                        basic_other.push((u, i, k, *v));
                    } else {
                        add(u, i, k, "project", *v);
                    }
                }
            }
        }
    }
    // Carry-over of each unit by kind: 表11's project carry-over first, the rest as 表4
    // (fiscal) and 表2 (total) leave it.
    let carry_total: Vec<Money> = units
        .iter()
        .map(|u| unit_row(u).map_or(Money::ZERO, |r| r.get("carryover")))
        .collect();
    let mut carry = vec![[Money::ZERO; 5]; nu];
    for (u, code) in units.iter().enumerate() {
        for k in 0..3 {
            carry[u][k] = project_sum(code, REST_T11[k]);
        }
    }
    let fiscal: [Money; 3] = facts.fiscal_carryover.unwrap_or_else(|| {
        let mut s = [Money::ZERO; 3];
        for c in &carry {
            for k in 0..3 {
                s[k] += c[k];
            }
        }
        s
    });
    let sa_current: Money = units
        .iter()
        .filter_map(|u| unit_row(u))
        .map(|r| r.get("special_account"))
        .sum();
    let sa_projects: Money = units
        .iter()
        .map(|u| project_sum(u, "special_account"))
        .sum();
    let non_fiscal =
        carry_total.iter().copied().sum::<Money>() - fiscal.iter().copied().sum::<Money>();
    let sa_carry = forms
        .department
        .as_ref()
        .and_then(|x| x.special_account)
        .map_or(sa_projects - sa_current, |s| s - sa_current)
        .max(Money::ZERO)
        .min(non_fiscal.max(Money::ZERO));
    let unit_left: Vec<Money> = (0..nu)
        .map(|u| carry_total[u] - carry[u][..3].iter().copied().sum::<Money>())
        .collect();
    let kind_left: Vec<Money> = (0..3)
        .map(|k| fiscal[k] - carry.iter().map(|c| c[k]).sum::<Money>())
        .chain([sa_carry, non_fiscal.max(Money::ZERO) - sa_carry])
        .collect();
    for (u, row) in north_west(&unit_left, &kind_left).iter().enumerate() {
        for (k, v) in row.iter().enumerate() {
            carry[u][k] += *v;
        }
    }
    // Funding of each unit per kind, and what its projects take of it.
    let mut want_project = vec![[Money::ZERO; 5]; nu];
    let mut want_other = vec![[Money::ZERO; 5]; nu];
    for (u, code) in units.iter().enumerate() {
        let r = unit_row(code);
        let current = |key: &str| r.map_or(Money::ZERO, |r| r.get(key));
        let uf_current: Money = UNIT_FUNDS.iter().map(|k| current(k)).sum();
        for k in 0..5 {
            let total = carry[u][k]
                + match k {
                    3 => current("special_account"),
                    4 => uf_current,
                    _ => Money::ZERO,
                };
            want_project[u][k] = project_sum(code, REST_T11[k]);
            want_other[u][k] = (total - want_project[u][k]).max(Money::ZERO);
        }
    }
    // What 表3 has beyond 表5, 9, 10, per 项 and column; 类 budgets from 表4.
    const T3_COLS: [&str; 5] = [
        "basic",
        "project",
        "operating",
        "remit_superior",
        "subsidy_affiliated",
    ];
    let mut supply: Vec<[Money; 5]> = items
        .iter()
        .map(|(code, _)| {
            let mut s = [Money::ZERO; 5];
            for (j, c) in T3_COLS.iter().enumerate() {
                let t3 = find(&facts.t03, code, c);
                let known = match *c {
                    "basic" => {
                        find(&facts.t05, code, "personnel")
                            + find(&facts.t05, code, "public")
                            + find(&facts.t09, code, "basic")
                            + find(&facts.t10, code, "basic")
                    }
                    "project" => {
                        find(&facts.t05, code, "project")
                            + find(&facts.t09, code, "project")
                            + find(&facts.t10, code, "project")
                    }
                    _ => Money::ZERO,
                };
                s[j] = (t3 - known).max(Money::ZERO);
            }
            s
        })
        .collect();
    let class_of = |i: usize| items[i].0.chars().take(3).collect::<String>();
    let mut fiscal_budget: BTreeMap<String, Money> = BTreeMap::new();
    let mut other_budget: BTreeMap<String, Money> = BTreeMap::new();
    let limited = !facts.fiscal_classes.is_empty();
    for (i, s) in supply.iter().enumerate() {
        let class = class_of(i);
        let known: Money = ["total"]
            .iter()
            .map(|k| {
                find(&facts.t05, &items[i].0, k)
                    + find(&facts.t09, &items[i].0, k)
                    + find(&facts.t10, &items[i].0, k)
            })
            .sum();
        let b = fiscal_budget.entry(class.clone()).or_default();
        *b = *b - known;
        *other_budget.entry(class).or_default() += s.iter().copied().sum::<Money>();
    }
    for (class, b) in fiscal_budget.iter_mut() {
        *b += facts.fiscal_classes.get(class).copied().unwrap_or_default();
        *b = (*b).max(Money::ZERO);
        if let Some(o) = other_budget.get_mut(class) {
            *o = (*o - *b).max(Money::ZERO);
        }
    }
    for (u, _) in units.iter().enumerate() {
        for k in 0..5 {
            let is_fiscal = k < 3;
            for (cols, want) in [
                (&[1usize][..], want_project[u][k]),
                (&[0usize, 2, 3, 4][..], want_other[u][k]),
            ] {
                let mut left = want;
                for &j in cols {
                    let mut column: Vec<Money> = supply.iter().map(|s| s[j]).collect();
                    let got = greedy(left, &mut column, |i, _| {
                        if !limited {
                            return Money(rust_decimal::Decimal::MAX);
                        }
                        let budget = if is_fiscal {
                            &fiscal_budget
                        } else {
                            &other_budget
                        };
                        budget.get(&class_of(i)).copied().unwrap_or_default()
                    });
                    for (i, g) in got.iter().enumerate() {
                        if g.is_zero() {
                            continue;
                        }
                        supply[i][j] = supply[i][j] - *g;
                        left = left - *g;
                        let budget = if is_fiscal {
                            &mut fiscal_budget
                        } else {
                            &mut other_budget
                        };
                        if let Some(b) = budget.get_mut(&class_of(i)) {
                            *b = *b - *g;
                        }
                        match j {
                            0 => basic_other.push((u, i, 3 + k, *g)),
                            _ => add(u, i, 3 + k, T3_COLS[j], *g),
                        }
                    }
                }
            }
        }
    }
    // Whatever 表3 still has, no income covers: the last unit's 单位资金 (check reports it).
    for (i, s) in supply.iter().enumerate() {
        for (j, v) in s.iter().enumerate() {
            if !v.is_zero() {
                match j {
                    0 => basic_other.push((nu - 1, i, 7, *v)),
                    _ => add(nu - 1, i, 7, T3_COLS[j], *v),
                }
            }
        }
    }
    // Basic expenditure outside 一般公共预算: 人员经费 up to what the department form
    // gives for all funding, 公用经费 beyond.
    let general_personnel: Money = facts.t05.iter().map(|r| r.get("personnel")).sum();
    let mut personnel_left = forms
        .department
        .as_ref()
        .and_then(|x| x.personnel)
        .map(|p| (p - general_personnel).max(Money::ZERO));
    for (u, i, k, v) in basic_other {
        match personnel_left.as_mut() {
            Some(left) => {
                let p = v.min(*left);
                *left = *left - p;
                add(u, i, k, "personnel", p);
                add(u, i, k, "public", v - p);
            }
            None => add(u, i, k, "personnel", v),
        }
    }
    for ((u, i, k), amounts) in lines {
        d.expenditure.push(ExpLine {
            unit: units.get(u).cloned().unwrap_or_default(),
            code: items[i].0.clone(),
            name: items[i].1.clone(),
            funding: FUNDING[k],
            allocation: "regular",
            transfer: false,
            amounts,
        });
    }
    d.expenditure.sort_by_key(|l| {
        let u = units.iter().position(|x| *x == l.unit);
        let i = items.iter().position(|x| x.0 == l.code);
        let k = FUNDING.iter().position(|x| *x == l.funding);
        (u, i, k)
    });
    // Income: 表2 this year; carry-over as split above.
    for (u, code) in units.iter().enumerate() {
        let mut current = Sources::new();
        if let Some(r) = unit_row(code) {
            for s in super::draft::SOURCES {
                if !r.get(s).is_zero() {
                    current.insert(s, r.get(s));
                }
            }
        }
        let mut carryover = Sources::new();
        for (k, key) in [
            "general",
            "fund",
            "state_capital",
            "special_account",
            "other",
        ]
        .iter()
        .enumerate()
        {
            if !carry[u][k].is_zero() {
                carryover.insert(key, carry[u][k]);
            }
        }
        d.income.push((code.clone(), current, carryover));
    }
    projects(facts, forms, d);
}

/// Projects from 表11 (and the forms' fields).
fn projects(facts: &Facts, forms: &Forms, d: &mut Draft) {
    // What each unit's 单位资金 income is by source, taken as projects use it.
    let mut uf_left: BTreeMap<String, Vec<(&'static str, Money)>> = BTreeMap::new();
    for (unit, current, _) in &d.income {
        let v = UNIT_FUNDS
            .iter()
            .map(|k| (*k, current.get(k).copied().unwrap_or_default()))
            .collect();
        uf_left.insert(unit.clone(), v);
    }
    for (row, unit, category) in &facts.projects {
        let mut p = Project {
            code: row.code.clone(),
            name: row.name.clone(),
            unit: unit.clone(),
            category: category.clone(),
            ..Project::default()
        };
        for (from, to) in [
            ("general", "general"),
            ("fund", "fund"),
            ("state_capital", "state_capital"),
            ("special_account", "special_account"),
        ] {
            if !row.get(from).is_zero() {
                p.amounts.insert(to, row.get(from));
            }
        }
        for (from, to) in [
            ("carryover_general", "general"),
            ("carryover_fund", "fund"),
            ("carryover_state_capital", "state_capital"),
        ] {
            if !row.get(from).is_zero() {
                p.carryover.insert(to, row.get(from));
            }
        }
        let mut uf = row.get("unit_funds");
        if let Some(sources) = uf_left.get_mut(unit) {
            for (k, left) in sources.iter_mut() {
                let take = uf.min(*left).max(Money::ZERO);
                if !take.is_zero() {
                    *p.amounts.entry(k).or_default() += take;
                    *left = *left - take;
                    uf = uf - take;
                }
            }
        }
        if !uf.is_zero() {
            p.carryover.insert("other", uf);
        }
        if let Some(df) = &forms.department {
            if let Some((kind, total, purpose)) = df.projects.get(&p.name) {
                p.kind = Some(kind.clone()).filter(|k| !k.is_empty());
                // 表14 prints this year's budget where no total is given.
                p.total_budget = total.filter(|t| *t != row.get("total"));
                p.form_purpose = Some(purpose.clone()).filter(|k| !k.is_empty());
            }
        }
        if let Some(pf) = forms.projects.get(&p.name) {
            p.form = Some(pf.yaml.clone());
            p.total_budget = pf.total_budget;
            if p.code.is_empty() {
                p.code.clone_from(&pf.code);
            }
        }
        d.projects.push(p);
    }
}

/// Basic expenditure by economic 款 and unit: 表7 per 款 × each unit's general basic. A
/// 款 that mirrors a function 项 (`catalog::MIRRORS`) takes, in each unit, what that 项
/// has there; the rest is split north-west.
fn economic(facts: &Facts, d: &mut Draft) {
    let units: Vec<String> = d.units.iter().map(|u| u.0.clone()).collect();
    let mut cells: BTreeMap<(usize, usize), (Money, Money)> = BTreeMap::new();
    for (c, key) in ["personnel", "public"].iter().enumerate() {
        let mut cols: Vec<Money> = facts.t07.iter().map(|r| r.get(key)).collect();
        let function = |u: &str, codes: Option<&[&str]>| -> Money {
            d.expenditure
                .iter()
                .filter(|l| l.unit == u && l.funding == "general")
                .filter(|l| codes.is_none_or(|c| c.contains(&l.code.as_str())))
                .map(|l| l.amounts.get(key).copied().unwrap_or_default())
                .sum()
        };
        let mut rows: Vec<Money> = units.iter().map(|u| function(u, None)).collect();
        if units.len() <= 1 {
            rows = vec![cols.iter().copied().sum()];
        } else {
            for m in crate::catalog::MIRRORS {
                let Some(e) = facts.t07.iter().position(|r| r.code == m.economic) else {
                    continue;
                };
                for (u, unit) in units.iter().enumerate() {
                    let v = function(unit, Some(m.function)).min(cols[e]).min(rows[u]);
                    if v > Money::ZERO {
                        let cell = cells.entry((u, e)).or_default();
                        if c == 0 {
                            cell.0 += v;
                        } else {
                            cell.1 += v;
                        }
                        cols[e] = cols[e] - v;
                        rows[u] = rows[u] - v;
                    }
                }
            }
        }
        for (u, row) in north_west(&rows, &cols).iter().enumerate() {
            for (e, v) in row.iter().enumerate() {
                if !v.is_zero() {
                    let cell = cells.entry((u, e)).or_default();
                    if c == 0 {
                        cell.0 += *v;
                    } else {
                        cell.1 += *v;
                    }
                }
            }
        }
    }
    for ((u, e), (personnel, public)) in cells {
        d.economic.push(EconLine {
            unit: units.get(u).cloned().unwrap_or_default(),
            code: facts.t07[e].code.clone(),
            name: facts.t07[e].name.clone(),
            personnel,
            public,
        });
    }
}
