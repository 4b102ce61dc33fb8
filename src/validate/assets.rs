//! AST rules: state-owned assets entered as figures — well-formed dates in the right order
//! and before the budget year, opening figures for every category or none, one line per
//! category. Printed totals and changes (`stated.assets`) are judged in `sums/stated.rs`.

use std::collections::BTreeMap;

use super::Out;

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    let a = &b.assets;
    if a.categories.is_empty() && a.text.trim().is_empty() {
        out.push_hint(
            "STR-007",
            "assets",
            "国有资产占有使用情况既无分类金额也无说明文字",
            "填写 assets.categories（各类资产的年末数，可加年初数）和 assets.as_of，或 assets.text",
        );
    }
    // None: not given; Some(None): not a date.
    let date = |s: &Option<String>| {
        s.as_deref()
            .map(|s| s.trim().parse::<jiff::civil::Date>().ok())
    };
    let since = date(&a.since);
    let as_of = date(&a.as_of);
    for (field, d, raw) in [
        ("assets.since", since, &a.since),
        ("assets.as_of", as_of, &a.as_of),
    ] {
        if d == Some(None) {
            out.push_hint(
                "AST-001",
                field,
                format!("日期“{}”不是 YYYY-MM-DD 格式", raw.as_deref().unwrap_or("")),
                "例如 as_of: \"2024-12-31\"",
            );
        }
    }
    if let (Some(Some(s)), Some(Some(e))) = (since, as_of) {
        if s > e {
            out.push(
                "AST-001",
                "assets.since",
                format!("年初数的日期 {s} 晚于年末数的日期 {e}"),
            );
        }
    }
    if let Some(Some(e)) = as_of {
        if i32::from(e.year()) >= b.year {
            out.push_hint(
                "AST-002",
                "assets.as_of",
                format!(
                    "资产数据截至 {e}，不在 {} 年预算年度之前（是否沿用了往年的日期，或写成了预算年度？）",
                    b.year
                ),
                format!("部门预算公开的是上一年末（{}-12-31）的资产", b.year.saturating_sub(1)),
            );
        }
    }
    let with_opening = a.categories.iter().filter(|c| c.opening.is_some()).count();
    if with_opening > 0 && with_opening < a.categories.len() {
        if let Some(i) = a.categories.iter().position(|c| c.opening.is_none()) {
            out.push(
                "AST-003",
                format!("assets.categories[{i}]"),
                format!(
                    "“{}”没有年初数，而其他类别有：年初总额无法计算",
                    a.categories[i].name
                ),
            );
        }
    }
    if with_opening > 0 && a.since.is_none() {
        out.push_hint(
            "AST-003",
            "assets",
            "填了年初数，但没有写明年初数的日期（assets.since）",
            "例如 since: \"2024-01-01\"",
        );
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in a.categories.iter().enumerate() {
        if let Some(j) = seen.insert(c.name.trim(), i) {
            out.push(
                "AST-004",
                format!("assets.categories[{i}].name"),
                format!("资产类别“{}”与 assets.categories[{j}] 重复", c.name),
            );
        }
    }
}
