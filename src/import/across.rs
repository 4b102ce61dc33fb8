//! One table of the workbook against another: the same figure printed twice must be the
//! same figure. Each contradiction names the cell on one side and the table (and cell,
//! where one cell holds it) on the other.

use std::collections::BTreeMap;

use super::facts::{Facts, Fig, Row};
use super::lists::{class_code, strip_ordinal};
use super::specs::TableId;
use super::tables::Tables;
use super::Findings;
use crate::num::Money;

/// Table 1's income labels and the table 2 column of each.
const T01_SOURCES: [(&str, &str); 9] = [
    ("一般公共预算拨款收入", "general"),
    ("政府性基金预算拨款收入", "fund"),
    ("国有资本经营预算拨款收入", "state_capital"),
    ("财政专户管理资金收入", "special_account"),
    ("事业收入", "business"),
    ("事业单位经营收入", "operating"),
    ("上级补助收入", "superior"),
    ("附属单位上缴收入", "affiliated"),
    ("其他收入", "other"),
];

fn sum(rows: &[Row], key: &str) -> Money {
    rows.iter().map(|r| r.get(key)).sum()
}

fn first_at(rows: &[Row], key: &str) -> String {
    rows.first()
        .and_then(|r| r.amounts.get(key))
        .map_or_else(String::new, |f| f.at.clone())
}

/// `a` (a cell) against `b` (another table's figure, `b_at` its cell or rows).
fn pair(f: &mut Findings, what: &str, a: &Fig, b: Money, b_what: &str, b_at: &str) {
    if a.v != b {
        f.error(
            "IMP-004",
            a.at.clone(),
            format!("{what}为 {}，而{b_what}为 {b}，相差 {}", a.v, a.v - b),
            Some(format!("对照：{b_at}")),
        );
    }
}

/// Every cross-table check the tables present allow.
pub(crate) fn check(t: &Tables<'_>, f: &mut Findings, facts: &Facts) {
    let label = |id| super::specs::spec(id).label;
    let (l1, l2, l3, l5, l6, l7) = (
        label(TableId::T01),
        label(TableId::T02),
        label(TableId::T03),
        label(TableId::T05),
        label(TableId::T06),
        label(TableId::T07),
    );
    // 表1's income sources against 表2's total row.
    if let Some(total) = &facts.t02_total {
        for (name, fig) in &facts.t01.0 {
            let n = strip_ordinal(name);
            let key = T01_SOURCES
                .iter()
                .find(|(l, _)| *l == n)
                .map(|(_, k)| *k)
                .or_else(|| n.starts_with("上年结转").then_some("carryover"));
            if let Some(k) = key {
                let at = total.amounts.get(k).map_or(l2.to_owned(), |x| x.at.clone());
                pair(
                    f,
                    &format!("{l1}“{n}”"),
                    fig,
                    total.get(k),
                    &format!("{l2}合计行"),
                    &at,
                );
            }
        }
    }
    // 表1's expenditure by 类 against 表3's 类 rows (or its 项 rows).
    if t.get(TableId::T03).is_some() {
        let mut by_class: BTreeMap<String, Money> = BTreeMap::new();
        for r in &facts.t03 {
            *by_class
                .entry(r.code.chars().take(3).collect())
                .or_default() += r.get("total");
        }
        for (name, fig) in &facts.t01.1 {
            if let Some(code) = class_code(name) {
                let b = by_class.get(&code).copied().unwrap_or_default();
                let at = facts
                    .t03_groups
                    .get(&code)
                    .and_then(|g| g.amounts.get("total"))
                    .map_or(format!("{l3}各项之和"), |x| x.at.clone());
                pair(
                    f,
                    &format!("{l1}“{}”", strip_ordinal(name)),
                    fig,
                    b,
                    &format!("{l3}该类合计"),
                    &at,
                );
            }
        }
    }
    // 表1's general income against 表5's rows (general expenditure).
    if t.get(TableId::T05).is_some() {
        if let Some((_, fig)) = facts
            .t01
            .0
            .iter()
            .find(|(n, _)| strip_ordinal(n) == "一般公共预算拨款收入")
        {
            pair(
                f,
                &format!("{l1}“一般公共预算拨款收入”"),
                fig,
                sum(&facts.t05, "total"),
                &format!("{l5}各项之和"),
                &first_at(&facts.t05, "total"),
            );
        }
    }
    // 表5 against 表6: the same general expenditure by 科目 and by unit.
    if t.get(TableId::T05).is_some() && t.get(TableId::T06).is_some() {
        for k in ["personnel", "public", "project"] {
            let a = sum(&facts.t05, k);
            let b = sum(&facts.t06, k);
            if a != b {
                f.error(
                    "IMP-004",
                    first_at(&facts.t05, k),
                    format!(
                        "{l5}各项的{}之和为 {a}，而{l6}各单位之和为 {b}，相差 {}",
                        name_of(k),
                        a - b
                    ),
                    Some(format!("对照：{}", first_at(&facts.t06, k))),
                );
            }
        }
    }
    // 表6's units against 表2's general income.
    for u in &facts.t06 {
        if let Some(income) = facts.units.iter().find(|x| x.code == u.code) {
            if let Some(fig) = u.amounts.get("total") {
                let at = income
                    .amounts
                    .get("general")
                    .map_or(String::new(), |x| x.at.clone());
                pair(
                    f,
                    &format!("{l6}单位“{}”的合计", u.name),
                    fig,
                    income.get("general"),
                    &format!("{l2}该单位的一般公共预算拨款收入"),
                    &at,
                );
            }
        }
    }
    // 表7 against 表5: basic expenditure by economic and by function classification.
    if t.get(TableId::T07).is_some() && t.get(TableId::T05).is_some() {
        for k in ["personnel", "public"] {
            let a = sum(&facts.t07, k);
            let b = sum(&facts.t05, k);
            if a != b {
                f.error(
                    "IMP-004",
                    first_at(&facts.t07, k),
                    format!(
                        "{l7}的{}之和为 {a}，而{l5}为 {b}，相差 {}",
                        name_of(k),
                        a - b
                    ),
                    Some(format!("对照：{}", first_at(&facts.t05, k))),
                );
            }
        }
    }
    // 表5, 表9, 表10 against 表3, 项 by 项.
    let mut parts: BTreeMap<&str, Money> = BTreeMap::new();
    for rows in [&facts.t05, &facts.t09, &facts.t10] {
        for r in rows.iter() {
            *parts.entry(r.code.as_str()).or_default() += r.get("total");
        }
    }
    if t.get(TableId::T03).is_some() {
        for (code, part) in &parts {
            let whole = facts.t03.iter().find(|r| r.code == *code);
            let w = whole.map_or(Money::ZERO, |r| r.get("total"));
            if *part > w {
                f.error(
                    "IMP-004",
                    whole
                        .and_then(|r| r.amounts.get("total"))
                        .map_or(l3.to_owned(), |x| x.at.clone()),
                    format!(
                        "{l3}科目 {code} 的合计为 {w}，小于{l5}、预算09、10表中该科目之和 {part}"
                    ),
                    None,
                );
            }
        }
    }
}

fn name_of(key: &str) -> &'static str {
    match key {
        "personnel" => "人员经费",
        "public" => "公用经费",
        "project" => "项目支出",
        _ => "合计",
    }
}
