//! The Shenzhen layout's tables (表1 … 表14) → a draft budget with `layout: shenzhen`.
//!
//! These tables name units and 款 but print no codes: units get made-up codes (said so
//! in the file), economic 款 are coded from their names through the built-in catalogue.
//! They do give unit × 项 (表7–10), so expenditure is exact; appropriations split
//! (一般性经费 / 专项资金 / 政府投资项目) comes from 表5 per unit, and projects made as
//! 专项资金 are the ones whose amounts make up that part (表13 names no allocation).

use std::collections::BTreeMap;

use super::alloc::north_west;
use super::draft::{Draft, EconLine, ExpLine, ProjectEconLine, Sources};
use super::facts::{check_sum, year_in, Fig, Row};
use super::specs::TableId;
use super::tables::{Found, Tables};
use super::{Findings, PLACEHOLDER};
use crate::catalog;
use crate::num::Money;

/// The amount keys of 表2, 4, 5 that are leaves (subtotals left out), with the funding
/// and allocation each stands for.
const LEAVES: [(&str, &str, &str); 14] = [
    ("general_regular", "general", "regular"),
    ("general_special", "general", "special"),
    ("general_investment", "general", "investment"),
    ("fund_regular", "fund", "regular"),
    ("fund_investment", "fund", "investment"),
    ("special_account", "special_account", "regular"),
    ("business", "unit_funds", "regular"),
    ("operating", "unit_funds", "regular"),
    ("other", "unit_funds", "regular"),
    ("superior", "unit_funds", "regular"),
    ("affiliated", "unit_funds", "regular"),
    ("reserve", "unit_funds", "regular"),
    ("carryover", "carryover_general", "regular"),
    ("state_capital", "state_capital", "regular"),
];

/// All amount keys of 表2, 4, 5.
use crate::load::amounts::SPLIT_KEYS;

/// True when the workbook's tables are the Shenzhen layout's.
pub(crate) fn is_shenzhen(t: &Tables<'_>) -> bool {
    t.found.iter().filter(|x| x.spec.id.shenzhen()).count() > t.found.len() / 2
}

/// A row read by keys: texts and amounts.
pub(super) fn row(
    t: &Tables<'_>,
    x: &Found<'_>,
    r: usize,
    texts: &[&str],
    f: &mut Findings,
) -> (Vec<String>, Row) {
    let words = texts.iter().map(|k| t.text(x, r, k)).collect();
    let mut row = Row::default();
    for c in x.spec.columns {
        if texts.contains(&c.key) {
            continue;
        }
        if let Some(&col) = x.columns.get(c.key) {
            let v = t.amount_at(x, r, col, f);
            row.amounts.insert(
                c.key,
                Fig {
                    v,
                    at: x.sheet.cell_ref(r, col),
                },
            );
        }
    }
    (words, row)
}

/// Builds the draft from the Shenzhen tables.
pub(crate) fn build(t: &Tables<'_>, title: Option<&str>, f: &mut Findings) -> Draft {
    let mut d = Draft {
        layout: Some("shenzhen"),
        invented_codes: true,
        ..Draft::default()
    };
    d.year = title
        .and_then(year_in)
        .or_else(|| {
            t.found
                .iter()
                .find_map(|x| x.head.iter().find_map(|&h| header_year(x, h)))
        })
        .unwrap_or_default();
    // 表2: the department row, then one row per unit.
    let mut units: Vec<(String, Row)> = Vec::new();
    if let Some(x) = t.get(TableId::S02) {
        let mut dept: Option<Row> = None;
        for &r in &x.body {
            let (w, mut rw) = row(t, x, r, &["unit"], f);
            rw.name = w[0].clone();
            if dept.is_none() {
                d.full_name = w[0].clone();
                dept = Some(rw);
            } else {
                units.push((w[0].clone(), rw));
            }
        }
        let parts: Vec<Row> = units.iter().map(|u| u.1.clone()).collect();
        check_sum(
            f,
            x.spec.label,
            &d.full_name,
            dept.as_ref(),
            &parts,
            SPLIT_KEYS,
        );
    }
    d.name = d.full_name.clone();
    d.code = "900".into();
    for (i, (name, _)) in units.iter().enumerate() {
        d.units.push((format!("900{:03}", i + 1), name.clone()));
    }
    if d.units.is_empty() {
        f.error(
            "IMP-006",
            String::new(),
            "表2（收入总表）中找不到预算单位".into(),
            None,
        );
        d.units
            .push(("900001".into(), format!("{PLACEHOLDER}预算单位名称")));
    }
    let code_of = |name: &str| d.units.iter().find(|u| u.1 == name).map(|u| u.0.clone());
    for (name, r) in &units {
        let unit = code_of(name).unwrap_or_default();
        let mut current = Sources::new();
        for (from, to) in [
            ("general", "general"),
            ("fund", "fund"),
            ("state_capital", "state_capital"),
            ("special_account", "special_account"),
            ("business", "business"),
            ("operating", "operating"),
            ("other", "other"),
            ("superior", "superior"),
            ("affiliated", "affiliated"),
        ] {
            if !r.get(from).is_zero() {
                current.insert(to, r.get(from));
            }
        }
        let mut carry = Sources::new();
        if !r.get("carryover").is_zero() {
            carry.insert("general", r.get("carryover"));
        }
        d.income.push((unit, current, carry));
    }
    economic(t, f, &mut d);
    expenditure(t, f, &mut d);
    super::sz_lists::projects(t, f, &mut d, &units);
    super::sz_lists::sangong(t, f, &mut d);
    super::sz_lists::procurement(t, f, &mut d);
    super::sz_lists::targets(t, f, &mut d);
    // 表1, 3, 6 only repeat figures placed above: read to be placed.
    for id in [TableId::S01, TableId::S03, TableId::S06] {
        if let Some(x) = t.get(id) {
            for &r in &x.body {
                for (key, &c) in &x.columns {
                    if !matches!(*key, "unit" | "in_name" | "out_name") {
                        t.amount_at(x, r, c, f);
                    }
                }
            }
        }
    }
    d
}

/// A year in a header cell ("2021 年预算").
fn header_year(x: &Found<'_>, r: usize) -> Option<i32> {
    x.sheet.rows.get(r)?.iter().find_map(|v| year_in(&v.text()))
}

/// The unit (by name) a row of a by-unit table starts, or `None` for a detail row.
pub(super) fn unit_row(d: &Draft, name: &str) -> Option<String> {
    d.units.iter().find(|u| u.1 == name).map(|u| u.0.clone())
}

/// An economic code from its name: a 款 under `class` when given.
fn economic_code(name: &str, class: Option<&str>) -> Option<String> {
    let hits = catalog::economic_by_name(name);
    hits.iter()
        .find(|e| class.is_some_and(|c| e.code.len() == 5 && e.code.starts_with(c)))
        .or_else(|| hits.first())
        .map(|e| e.code.to_owned())
}

/// 表4 → `basic_economic`, 表5 → `project_economic`.
fn economic(t: &Tables<'_>, f: &mut Findings, d: &mut Draft) {
    for id in [TableId::S04, TableId::S05] {
        let Some(x) = t.get(id) else { continue };
        let mut unit = d.units.first().map(|u| u.0.clone()).unwrap_or_default();
        let mut class: Option<String> = None;
        for &r in &x.body {
            let (w, rw) = row(t, x, r, &["name"], f);
            let name = w[0].clone();
            if let Some(u) = unit_row(d, &name) {
                unit = u;
                continue;
            }
            if name == d.full_name {
                continue;
            }
            let Some(code) = economic_code(&name, class.as_deref()) else {
                f.error(
                    "IMP-006",
                    rw.amounts
                        .get("total")
                        .map_or(String::new(), |x| x.at.clone()),
                    format!(
                        "{}的“{name}”不是内置目录中的经济分类名称，无法编码；该行未导入",
                        x.spec.label
                    ),
                    Some("核对科目名称是否为当年《政府收支分类科目》中的名称".into()),
                );
                continue;
            };
            if code.len() == 3 {
                class = Some(code);
                continue;
            }
            if id == TableId::S04 {
                let v = rw.get("total");
                let public = code.starts_with("302") || code.starts_with("310");
                d.economic.push(EconLine {
                    unit: unit.clone(),
                    code,
                    name,
                    personnel: if public { Money::ZERO } else { v },
                    public: if public { v } else { Money::ZERO },
                });
            } else {
                for (key, funding, allocation) in LEAVES {
                    let v = rw.get(key);
                    if !v.is_zero() {
                        d.project_economic.push(ProjectEconLine {
                            unit: unit.clone(),
                            code: code.clone(),
                            name: name.clone(),
                            funding,
                            allocation,
                            amount: v,
                        });
                    }
                }
            }
        }
    }
}

/// 表7–10 → expenditure lines; the project part split by allocation as 表5 says per unit.
fn expenditure(t: &Tables<'_>, f: &mut Findings, d: &mut Draft) {
    let mut lines: Vec<ExpLine> = Vec::new();
    for (id, funding, transfer) in [
        (TableId::S07, "general", false),
        (TableId::S08, "fund", false),
        (TableId::S09, "state_capital", false),
        (TableId::S10, "general", true),
    ] {
        let Some(x) = t.get(id) else { continue };
        let mut unit = d.units.first().map(|u| u.0.clone()).unwrap_or_default();
        let mut items: Vec<(String, String, Money, Money)> = Vec::new();
        let flush = |unit: &str,
                     items: &mut Vec<(String, String, Money, Money)>,
                     lines: &mut Vec<ExpLine>| {
            for (code, name, basic, project) in items.drain(..) {
                let mut amounts = BTreeMap::new();
                amounts.insert("basic", basic);
                amounts.insert("project", project);
                lines.push(ExpLine {
                    unit: unit.to_owned(),
                    code,
                    name,
                    funding,
                    allocation: "regular",
                    transfer,
                    amounts,
                });
            }
        };
        for &r in &x.body {
            let (w, rw) = row(t, x, r, &["unit", "code", "name"], f);
            if w[1].is_empty() {
                if let Some(u) = unit_row(d, &w[0]) {
                    flush(&unit, &mut items, &mut lines);
                    unit = u;
                }
                continue;
            }
            items.push((
                w[1].clone(),
                w[2].clone(),
                rw.get("basic"),
                rw.get("project"),
            ));
        }
        flush(&unit, &mut items, &mut lines);
    }
    // Basic: 人员经费 and 公用经费 as each unit's economic 款 say; project: 专项资金 and
    // 政府投资项目 as 表5's unit row says, the rest 一般性经费.
    let s05 = t.get(TableId::S05);
    let mut split_rows: BTreeMap<String, Row> = BTreeMap::new();
    if let Some(x) = s05 {
        for &r in &x.body {
            let name = t.text(x, r, "name");
            if let Some(u) = unit_row(d, &name) {
                let (_, rw) = row(t, x, r, &["name"], f);
                split_rows.insert(u, rw);
            }
        }
    }
    let mut out = Vec::new();
    for (unit, _) in &d.units {
        for funding in ["general", "fund", "state_capital"] {
            let mine: Vec<&ExpLine> = lines
                .iter()
                .filter(|l| l.unit == *unit && l.funding == funding)
                .collect();
            if mine.is_empty() {
                continue;
            }
            let basic: Vec<Money> = mine.iter().map(|l| l.amounts["basic"]).collect();
            let project: Vec<Money> = mine.iter().map(|l| l.amounts["project"]).collect();
            let (personnel, public): (Money, Money) = if funding == "general" {
                d.economic
                    .iter()
                    .filter(|e| e.unit == *unit)
                    .fold((Money::ZERO, Money::ZERO), |(p, q), e| {
                        (p + e.personnel, q + e.public)
                    })
            } else {
                (basic.iter().copied().sum(), Money::ZERO)
            };
            let basic_split = north_west(&[personnel, public], &basic);
            let row = split_rows.get(unit);
            let part = |k: &str| row.map_or(Money::ZERO, |r| r.get(k));
            let (special, investment) = match funding {
                "general" => (part("general_special"), part("general_investment")),
                "fund" => (Money::ZERO, part("fund_investment")),
                _ => (Money::ZERO, Money::ZERO),
            };
            let total: Money = project.iter().copied().sum();
            let project_split = north_west(
                &[special, investment, total - special - investment],
                &project,
            );
            for (i, l) in mine.iter().enumerate() {
                for (k, allocation) in ["special", "investment", "regular"].iter().enumerate() {
                    let mut amounts = BTreeMap::new();
                    if k == 2 {
                        amounts.insert("personnel", basic_split[0][i]);
                        amounts.insert("public", basic_split[1][i]);
                    }
                    amounts.insert("project", project_split[k][i]);
                    amounts.retain(|_, v: &mut Money| !v.is_zero());
                    if amounts.is_empty() {
                        continue;
                    }
                    out.push(ExpLine {
                        allocation,
                        amounts,
                        ..(*l).clone()
                    });
                }
            }
        }
    }
    d.expenditure = out;
}
