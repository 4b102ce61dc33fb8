//! The checks behind the rules of `rules.rs`.

use std::collections::BTreeMap;

use crate::catalog;
use crate::error::{Diagnostic, Severity};
use crate::load::schema::{Funding, Sources};
use crate::load::Loaded;
use crate::model::amounts::ALL_FUNDINGS;
use crate::num::Money;

use super::rules;

/// Collects diagnostics with the rule's catalogued severity.
struct Out<'a> {
    loaded: &'a Loaded,
    diags: &'a mut Vec<Diagnostic>,
}

impl Out<'_> {
    fn push(&mut self, rule: &'static str, field: impl Into<String>, message: impl Into<String>) {
        let severity = rules::find(rule)
            .map(|r| r.severity)
            .unwrap_or(Severity::Error);
        self.diags
            .push(self.loaded.diagnostic(rule, severity, field, message));
    }

    fn push_hint(
        &mut self,
        rule: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(rule, field, message);
        if let Some(d) = self.diags.last_mut() {
            d.hint = Some(hint.into());
        }
    }
}

/// Runs all checks.
pub(super) fn run(loaded: &Loaded, diags: &mut Vec<Diagnostic>) {
    let mut out = Out { loaded, diags };
    units(&mut out);
    codes(&mut out);
    balances(&mut out);
    stated(&mut out);
}

/// Resolves an optional unit reference; `None` when it cannot be resolved (reported).
fn unit_ref<'a>(
    out: &mut Out<'_>,
    unit: &'a Option<String>,
    field: &str,
    only: Option<&'a str>,
) -> Option<&'a str> {
    let b = &out.loaded.budget;
    match unit {
        Some(u) if b.units.iter().any(|x| &x.code == u) => Some(u.as_str()),
        Some(u) => {
            let known: Vec<&str> = b.units.iter().map(|x| x.code.as_str()).collect();
            out.push_hint(
                "REF-001",
                format!("{field}.unit"),
                format!("预算单位“{u}”不存在"),
                format!("已列示的单位编码：{}", known.join("、")),
            );
            None
        }
        None if only.is_some() => only,
        None => {
            out.push(
                "REF-002",
                field,
                "有多个预算单位，此处必须写明 unit（单位编码）",
            );
            None
        }
    }
}

fn units(out: &mut Out<'_>) {
    let b = &out.loaded.budget;
    if b.units.is_empty() {
        out.push("STR-006", "units", "至少需要列出一个预算单位");
    }
    let mut seen = BTreeMap::new();
    for (i, u) in b.units.iter().enumerate() {
        if let Some(first) = seen.insert(u.code.as_str(), i) {
            out.push(
                "REF-003",
                format!("units[{i}].code"),
                format!("预算单位编码“{}”与 units[{first}] 重复", u.code),
            );
        }
    }
}

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|c| c.is_ascii_digit())
}

fn codes(out: &mut Out<'_>) {
    let b = &out.loaded.budget;
    // Function classification: 项 codes, names consistent, parents named.
    let mut names: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        let field = format!("expenditure[{i}].code");
        if !is_digits(&l.code, 7) {
            out.push_hint(
                "COD-001",
                field,
                format!("功能分类科目编码“{}”应为 7 位数字（细化到项级）", l.code),
                "例如 2014001（一般公共服务支出/信访事务/行政运行）",
            );
            continue;
        }
        name_checks(
            out,
            &mut names,
            &l.code,
            &l.name,
            format!("expenditure[{i}].name"),
            catalog::function(&l.code),
        );
    }
    let mut econ: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (i, l) in b.basic_economic.iter().enumerate() {
        if !is_digits(&l.code, 5) {
            out.push_hint(
                "COD-001",
                format!("basic_economic[{i}].code"),
                format!("经济分类科目编码“{}”应为 5 位数字（细化到款级）", l.code),
                "例如 30101（工资福利支出/基本工资）",
            );
            continue;
        }
        name_checks(
            out,
            &mut econ,
            &l.code,
            &l.name,
            format!("basic_economic[{i}].name"),
            catalog::economic(&l.code),
        );
    }
    for (i, c) in b.codes.iter().enumerate() {
        let known = catalog::function(&c.code).or_else(|| catalog::economic(&c.code));
        if let Some(e) = known {
            if e.name != c.name {
                out.push(
                    "COD-003",
                    format!("codes[{i}].name"),
                    format!(
                        "科目 {} 的官方名称是“{}”，此处写作“{}”",
                        c.code, e.name, c.name
                    ),
                );
            }
        }
    }
    // Parents (类 and 款) need a name from `codes:` or the catalogue.
    let has_name = |code: &str, economic: bool| {
        b.codes.iter().any(|c| c.code == code)
            || if economic {
                catalog::economic(code).is_some()
            } else {
                catalog::function(code).is_some()
            }
    };
    let mut reported = Vec::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        for n in [3, 5] {
            let Some(parent) = l.code.get(..n) else {
                continue;
            };
            if is_digits(&l.code, 7) && !has_name(parent, false) && !reported.contains(&parent) {
                reported.push(parent);
                out.push_hint(
                    "COD-004",
                    format!("expenditure[{i}].code"),
                    format!("上级科目 {parent} 不在内置目录中，报表无法列示其名称"),
                    format!("请在 codes: 中补充 {{ code: \"{parent}\", name: … }}"),
                );
            }
        }
    }
    for (i, l) in b.basic_economic.iter().enumerate() {
        let Some(parent) = l.code.get(..3) else {
            continue;
        };
        if is_digits(&l.code, 5) && !has_name(parent, true) && !reported.contains(&parent) {
            reported.push(parent);
            out.push_hint(
                "COD-004",
                format!("basic_economic[{i}].code"),
                format!("上级科目 {parent} 不在内置目录中，报表无法列示其名称"),
                format!("请在 codes: 中补充 {{ code: \"{parent}\", name: … }}"),
            );
        }
    }
}

fn name_checks<'a>(
    out: &mut Out<'_>,
    names: &mut BTreeMap<&'a str, (&'a str, String)>,
    code: &'a str,
    name: &'a str,
    field: String,
    known: Option<&'static catalog::Entry>,
) {
    match names.get(code) {
        Some((first, first_field)) if *first != name => {
            out.push(
                "COD-002",
                field.clone(),
                format!("科目 {code} 在 {first_field} 名为“{first}”，此处却为“{name}”"),
            );
        }
        Some(_) => {}
        None => {
            names.insert(code, (name, field.clone()));
            let declared = out.loaded.budget.codes.iter().any(|c| c.code == code);
            match known {
                Some(e) if e.name != name => out.push(
                    "COD-003",
                    field,
                    format!("科目 {code} 的官方名称是“{}”，此处写作“{name}”", e.name),
                ),
                None if !declared => out.push(
                    "COD-005",
                    field,
                    format!("科目 {code}“{name}”不在内置目录中，请核对"),
                ),
                _ => {}
            }
        }
    }
}

fn funding_label(f: Funding) -> &'static str {
    match f {
        Funding::General => "一般公共预算拨款",
        Funding::Fund => "政府性基金预算拨款",
        Funding::StateCapital => "国有资本经营预算拨款",
        Funding::CarryoverGeneral => "一般公共预算上年结转",
        Funding::CarryoverFund => "政府性基金预算上年结转",
        Funding::CarryoverStateCapital => "国有资本经营预算上年结转",
        Funding::SpecialAccount => "财政专户管理资金",
        Funding::UnitFunds => "单位资金",
    }
}

/// Where a funding source is entered in an income line.
fn income_field(f: Funding) -> &'static str {
    match f {
        Funding::General => "current.general",
        Funding::Fund => "current.fund",
        Funding::StateCapital => "current.state_capital",
        Funding::CarryoverGeneral => "carryover.general",
        Funding::CarryoverFund => "carryover.fund",
        Funding::CarryoverStateCapital => "carryover.state_capital",
        Funding::SpecialAccount => "current.special_account",
        Funding::UnitFunds => "current",
    }
}

/// Income = expenditure, economic = function basic, project list = project expenditure.
fn balances(out: &mut Out<'_>) {
    let b = &out.loaded.budget;
    let only = (b.units.len() == 1).then(|| b.units[0].code.as_str());
    // Per (unit, funding) sums.
    let mut income: BTreeMap<(&str, Funding), (Money, String)> = BTreeMap::new();
    for (i, l) in b.income.iter().enumerate() {
        let Some(u) = unit_ref(out, &l.unit, &format!("income[{i}]"), only) else {
            continue;
        };
        for f in ALL_FUNDINGS {
            let v = l.current.for_funding(&l.carryover, f);
            let e = income
                .entry((u, f))
                .or_insert((Money::ZERO, format!("income[{i}].{}", income_field(f))));
            e.0 += v;
        }
    }
    let mut spent: BTreeMap<(&str, Funding), (Money, String)> = BTreeMap::new();
    let mut projects_spent: BTreeMap<(&str, Funding), (Money, String)> = BTreeMap::new();
    let mut basic_general: BTreeMap<&str, (Money, Money)> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        let Some(u) = unit_ref(out, &l.unit, &format!("expenditure[{i}]"), only) else {
            continue;
        };
        let a = crate::model::amounts::ExpAmounts::of(l);
        spent
            .entry((u, l.funding))
            .or_insert((Money::ZERO, format!("expenditure[{i}]")))
            .0 += a.total();
        projects_spent
            .entry((u, l.funding))
            .or_insert((Money::ZERO, format!("expenditure[{i}].project")))
            .0 += l.project;
        if l.funding == Funding::General {
            let e = basic_general.entry(u).or_default();
            e.0 += l.personnel;
            e.1 += l.public;
        }
    }
    for u in b.units.iter().map(|u| u.code.as_str()) {
        for f in ALL_FUNDINGS {
            let inc = income.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            let exp = spent.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            if inc != exp {
                let field = income
                    .get(&(u, f))
                    .filter(|x| !x.0.is_zero())
                    .or_else(|| spent.get(&(u, f)))
                    .map(|x| x.1.clone())
                    .unwrap_or_else(|| "income".into());
                out.push(
                    "SUM-001",
                    field,
                    format!(
                        "单位 {u} 的{}：收入 {inc} 万元，支出 {exp} 万元，相差 {} 万元",
                        funding_label(f),
                        inc - exp
                    ),
                );
            }
        }
    }
    // Economic classification basic = function classification basic (general), per unit.
    let mut econ: BTreeMap<&str, (Money, Money, String)> = BTreeMap::new();
    for (i, l) in b.basic_economic.iter().enumerate() {
        let Some(u) = unit_ref(out, &l.unit, &format!("basic_economic[{i}]"), only) else {
            continue;
        };
        let e = econ
            .entry(u)
            .or_insert((Money::ZERO, Money::ZERO, format!("basic_economic[{i}]")));
        e.0 += l.personnel;
        e.1 += l.public;
    }
    for u in b.units.iter().map(|u| u.code.as_str()) {
        let (fp, fq) = basic_general.get(u).copied().unwrap_or_default();
        let (ep, eq, field) =
            econ.get(u)
                .cloned()
                .unwrap_or((Money::ZERO, Money::ZERO, "basic_economic".into()));
        for (what, e, f) in [("人员经费", ep, fp), ("公用经费", eq, fq)] {
            if e != f {
                out.push(
                    "SUM-002",
                    field.clone(),
                    format!(
                        "单位 {u} 的基本支出{what}：经济分类合计 {e} 万元，功能分类（一般公共预算）合计 {f} 万元，相差 {} 万元",
                        e - f
                    ),
                );
            }
        }
    }
    // Project list = project expenditure, per unit and funding.
    if !b.projects.is_empty() {
        let mut listed: BTreeMap<(&str, Funding), (Money, String)> = BTreeMap::new();
        for (i, p) in b.projects.iter().enumerate() {
            let Some(u) = unit_ref(out, &p.unit, &format!("projects[{i}]"), only) else {
                continue;
            };
            for f in ALL_FUNDINGS {
                listed
                    .entry((u, f))
                    .or_insert((Money::ZERO, format!("projects[{i}].amounts")))
                    .0 += p.amounts.for_funding(&p.carryover, f);
            }
        }
        for u in b.units.iter().map(|u| u.code.as_str()) {
            for f in ALL_FUNDINGS {
                let l = listed.get(&(u, f)).map(|x| x.0).unwrap_or_default();
                let s = projects_spent.get(&(u, f)).map(|x| x.0).unwrap_or_default();
                if l != s {
                    let field = listed
                        .get(&(u, f))
                        .map(|x| x.1.clone())
                        .unwrap_or_else(|| "projects".into());
                    out.push(
                        "SUM-003",
                        field,
                        format!(
                            "单位 {u} 的{}项目：项目清单合计 {l} 万元，支出表项目支出 {s} 万元，相差 {} 万元",
                            funding_label(f),
                            l - s
                        ),
                    );
                }
            }
        }
    }
}

/// Stated control totals against derived sums.
fn stated(out: &mut Out<'_>) {
    let b = &out.loaded.budget;
    let s = &b.stated;
    let mut inc = Sources::default();
    let mut carry = Sources::default();
    for l in &b.income {
        inc.add(&l.current);
        carry.add(&l.carryover);
    }
    let mut exp = crate::model::amounts::ExpAmounts::default();
    for l in &b.expenditure {
        exp.add(&crate::model::amounts::ExpAmounts::of(l));
    }
    let checks = [
        (
            "stated.income_total",
            "收入总计",
            s.income_total,
            inc.total() + carry.total(),
        ),
        (
            "stated.expenditure_total",
            "支出总计",
            s.expenditure_total,
            exp.total(),
        ),
        ("stated.basic", "基本支出", s.basic, exp.basic()),
        ("stated.project", "项目支出", s.project, exp.project),
    ];
    for (field, what, stated, derived) in checks {
        if let Some(v) = stated {
            if v != derived {
                out.push(
                    "SUM-004",
                    field,
                    format!(
                        "{what}录入为 {v} 万元，明细合计为 {derived} 万元，相差 {} 万元",
                        v - derived
                    ),
                );
            }
        }
    }
    for (i, c) in s.function_totals.iter().enumerate() {
        let derived: Money = b
            .expenditure
            .iter()
            .filter(|l| l.code.starts_with(&c.code))
            .map(|l| crate::model::amounts::ExpAmounts::of(l).total())
            .sum();
        if c.amount != derived {
            out.push(
                "SUM-004",
                format!("stated.function_totals[{i}].amount"),
                format!(
                    "科目 {} 录入合计 {} 万元，其下各项之和为 {derived} 万元，相差 {} 万元",
                    c.code,
                    c.amount,
                    c.amount - derived
                ),
            );
        }
    }
    for (i, c) in s.economic_totals.iter().enumerate() {
        let derived: Money = b
            .basic_economic
            .iter()
            .filter(|l| l.code.starts_with(&c.code))
            .map(|l| l.personnel + l.public)
            .sum();
        if c.amount != derived {
            out.push(
                "SUM-004",
                format!("stated.economic_totals[{i}].amount"),
                format!(
                    "科目 {} 录入合计 {} 万元，其下各款之和为 {derived} 万元，相差 {} 万元",
                    c.code,
                    c.amount,
                    c.amount - derived
                ),
            );
        }
    }
}
