//! Tables read row by row rather than by code: the two-sided summaries (表1, 表4), the
//! project list (表11, with its unit and category rows) and the line tables (表12
//! procurement, 表13 purchased services).

use std::collections::BTreeMap;

use super::facts::{Facts, Fig, Row, Sides};
use super::specs::{norm, TableId};
use super::tables::{Found, Tables};
use super::Findings;
use crate::catalog;
use crate::num::Money;

/// A label without its ordinal: "（十七）住房保障支出" → "住房保障支出", "廿一、其他支出" →
/// "其他支出".
pub(crate) fn strip_ordinal(label: &str) -> String {
    let l = norm(label);
    let l = l.trim_start_matches('（');
    let ordinal = |c: char| "一二三四五六七八九十廿百零〇0123456789".contains(c);
    let rest = l.trim_start_matches(ordinal);
    let rest = rest.trim_start_matches(['、', '）', '.', '．']);
    if rest.len() < l.len() {
        rest.to_owned()
    } else {
        l.to_owned()
    }
}

/// The 类 code of a function class name (one of the 25).
pub(crate) fn class_code(name: &str) -> Option<String> {
    let n = strip_ordinal(name);
    catalog::function_classes()
        .iter()
        .find(|e| norm(e.name) == n)
        .map(|e| e.code.to_owned())
}

/// Both sides of 表1 and 表4.
pub(crate) fn two_sided(t: &Tables<'_>, f: &mut Findings, facts: &mut Facts) {
    if let Some(x) = t.get(TableId::T01) {
        facts.t01 = sides(t, x, f);
    }
    if let Some(x) = t.get(TableId::T04) {
        let (left, right) = sides(t, x, f);
        let mut carry = [Money::ZERO; 3];
        let mut in_carryover = false;
        for (label, fig) in &left {
            let l = strip_ordinal(label);
            if l.contains("上年结转") {
                in_carryover = true;
                continue;
            }
            let k = if l.contains("一般公共预算") {
                0
            } else if l.contains("政府性基金") {
                1
            } else if l.contains("国有资本经营") {
                2
            } else {
                continue;
            };
            if in_carryover {
                carry[k] += fig.v;
            }
        }
        facts.fiscal_carryover = Some(carry);
        for (label, fig) in &right {
            if let Some(code) = class_code(label) {
                *facts.fiscal_classes.entry(code).or_default() += fig.v;
            }
        }
    }
}

/// The labelled amounts of a two-sided table: (left, right).
fn sides(t: &Tables<'_>, x: &Found<'_>, f: &mut Findings) -> Sides {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for &r in &x.body {
        for (name, amount, side) in [
            ("in_name", "in_amount", &mut left),
            ("out_name", "out_amount", &mut right),
        ] {
            let label = t.text(x, r, name);
            let Some(&c) = x.columns.get(amount) else {
                continue;
            };
            let v = t.amount_at(x, r, c, f);
            if !label.is_empty() {
                side.push((
                    label,
                    Fig {
                        v,
                        at: x.sheet.cell_ref(r, c),
                    },
                ));
            }
        }
    }
    (left, right)
}

/// The amount keys of 表11.
pub(crate) const PROJECT_KEYS: [&str; 9] = [
    "total",
    "general",
    "fund",
    "state_capital",
    "carryover_general",
    "carryover_fund",
    "carryover_state_capital",
    "special_account",
    "unit_funds",
];

/// 表11: project rows with their unit and category.
pub(crate) fn projects(t: &Tables<'_>, f: &mut Findings, facts: &mut Facts) {
    let Some(x) = t.get(TableId::T11) else { return };
    let dept = facts.department.as_ref().map(|d| d.0.clone());
    let mut unit = facts
        .units
        .first()
        .map(|u| u.code.clone())
        .unwrap_or_default();
    let mut category = (String::new(), String::new());
    let mut total: Option<Row> = None;
    let mut dept_row: Option<Row> = None;
    let mut per_unit: Vec<(Row, Vec<Row>)> = Vec::new();
    for &r in &x.body {
        let code = t.text(x, r, "code");
        let name = t.text(x, r, "name");
        let unit_name = t.text(x, r, "unit_name");
        let mut row = Row {
            code: code.clone(),
            name: name.clone(),
            amounts: BTreeMap::new(),
        };
        for k in PROJECT_KEYS {
            if let Some(&c) = x.columns.get(k) {
                let v = t.amount_at(x, r, c, f);
                row.amounts.insert(
                    k,
                    Fig {
                        v,
                        at: x.sheet.cell_ref(r, c),
                    },
                );
            }
        }
        let parts: Money = PROJECT_KEYS[1..].iter().map(|k| row.get(k)).sum();
        if code.is_empty() && matches!(norm(&name).as_str(), "合计" | "总计") {
            total = Some(row);
            continue;
        }
        if Some(&code) == dept.as_ref() && unit_name.is_empty() {
            dept_row = Some(row);
            continue;
        }
        let known_unit = facts
            .units
            .iter()
            .find(|u| (u.code == code || u.name == name) && unit_name.is_empty());
        if let Some(u) = known_unit {
            unit = u.code.clone();
            per_unit.push((row, Vec::new()));
            continue;
        }
        if unit_name.is_empty() {
            category = (code, name);
            continue;
        }
        super::facts::check_pair(
            f,
            "IMP-005",
            &format!("{}项目“{}”的合计", x.spec.label, row.name),
            row.amounts.get("total"),
            parts,
            "各资金来源之和",
        );
        let unit_code = facts
            .units
            .iter()
            .find(|u| u.name == unit_name)
            .map_or(unit.clone(), |u| u.code.clone());
        if let Some((_, list)) = per_unit.last_mut() {
            list.push(row.clone());
        }
        facts.projects.push((row, unit_code, category.clone()));
    }
    let keys: Vec<&'static str> = PROJECT_KEYS.to_vec();
    let all: Vec<Row> = facts.projects.iter().map(|p| p.0.clone()).collect();
    super::facts::check_sum(f, x.spec.label, "合计", total.as_ref(), &all, &keys);
    if let Some(d) = &dept_row {
        let name = d.name.clone();
        super::facts::check_sum(f, x.spec.label, &name, Some(d), &all, &keys);
    }
    for (u, list) in &per_unit {
        super::facts::check_sum(f, x.spec.label, &u.name, Some(u), list, &keys);
    }
}

/// 表12 and 表13: one map per line (texts; amounts as exact 万元 decimals).
pub(crate) fn lines(t: &Tables<'_>, f: &mut Findings, facts: &mut Facts) {
    let units: Vec<String> = facts.units.iter().map(|u| u.code.clone()).collect();
    for (id, money, counts) in [
        (
            TableId::T12,
            &["unit_price", "amount", "sme", "small_micro"][..],
            &["quantity"][..],
        ),
        (TableId::T13, &["amount"][..], &["quantity"][..]),
    ] {
        let Some(x) = t.get(id) else { continue };
        let mut list = Vec::new();
        let mut sum_total: Option<Fig> = None;
        let mut sum = Money::ZERO;
        for &r in &x.body {
            let code = t.text(x, r, "unit_code");
            let name = t.text(x, r, "unit_name");
            if code.is_empty() && matches!(norm(&name).as_str(), "合计" | "总计") {
                if let Some(&c) = x.columns.get("amount") {
                    let v = t.amount_at(x, r, c, f);
                    sum_total = Some(Fig {
                        v,
                        at: x.sheet.cell_ref(r, c),
                    });
                }
                for k in money.iter().chain(counts) {
                    t.amount(x, r, k, f);
                }
                continue;
            }
            if !units.contains(&code) && t.text(x, r, "project").is_empty() {
                // The department row.
                continue;
            }
            let mut line = BTreeMap::new();
            for c in x.spec.columns {
                if money.contains(&c.key) {
                    let v = t.amount(x, r, c.key, f);
                    if c.key == "amount" {
                        sum += v;
                    }
                    line.insert(c.key, v.to_string());
                } else if counts.contains(&c.key) {
                    let Some(&col) = x.columns.get(c.key) else {
                        continue;
                    };
                    t.mark(x.sheet, r, col);
                    let n = super::tables::number(x.sheet.get(r, col)).unwrap_or_default();
                    line.insert(c.key, Money(n).to_string());
                } else {
                    line.insert(c.key, t.text(x, r, c.key));
                }
            }
            list.push(line);
        }
        if let Some(total) = &sum_total {
            super::facts::check_pair(
                f,
                "IMP-005",
                &format!("{}的采购（购买）金额合计", x.spec.label),
                Some(total),
                sum,
                "各行之和",
            );
        }
        match id {
            TableId::T12 => facts.procurement = list,
            _ => facts.services = list,
        }
    }
}
