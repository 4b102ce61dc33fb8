//! Presentation rounding (RND-003): where figures carry more decimals than are printed,
//! the printed figures of a parent and its children may disagree by rounding alone,
//! unless 尾差调整 is switched on.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::load::amounts::ExpAmounts;
use crate::num::{round, Money};
use crate::validate::Out;

/// Where figures carry more decimals than are printed, the printed figures of a parent and
/// its children may disagree by rounding alone (RND-003), unless 尾差调整 is switched on.
pub(super) fn check(out: &mut Out<'_>) {
    let d = &out.budget().display;
    if d.adjust_rounding || d.input_decimals.is_none_or(|i| i <= d.decimals) {
        return;
    }
    let dp = d.decimals;
    // (level name, code length of the parent, of the child) over 项 lines and 款 lines.
    let mut leaves: Vec<(String, Decimal, String)> = out
        .budget()
        .expenditure
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.code.clone(),
                ExpAmounts::of(l).total().0,
                format!("expenditure[{i}]"),
            )
        })
        .collect();
    let econ: Vec<(String, Decimal, String)> = out
        .budget()
        .basic_economic
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.code.clone(),
                (l.personnel + l.public).0,
                format!("basic_economic[{i}]"),
            )
        })
        .collect();
    let mut found = Vec::new();
    for (lines, levels) in [
        (&mut leaves, &[0usize, 3, 5, 7][..]),
        (&mut econ.clone(), &[0usize, 3, 5][..]),
    ] {
        for w in levels.windows(2) {
            let (parent_len, child_len) = (w[0], w[1]);
            let mut groups: BTreeMap<String, BTreeMap<String, (Decimal, String)>> = BTreeMap::new();
            for (code, v, field) in lines.iter() {
                let (Some(p), Some(c)) = (code.get(..parent_len), code.get(..child_len)) else {
                    continue;
                };
                let e = groups
                    .entry(p.to_owned())
                    .or_default()
                    .entry(c.to_owned())
                    .or_insert((Decimal::ZERO, field.clone()));
                e.0 += *v;
            }
            for (parent, kids) in groups {
                let exact: Decimal = kids.values().map(|k| k.0).sum();
                let shown = round(exact, dp);
                let sum_shown: Decimal = kids.values().map(|k| round(k.0, dp)).sum();
                if shown != sum_shown {
                    let field = kids
                        .values()
                        .next()
                        .map(|k| k.1.clone())
                        .unwrap_or_default();
                    let cells: Vec<&str> = kids.keys().map(String::as_str).collect();
                    let label = if parent.is_empty() {
                        "合计".to_owned()
                    } else {
                        format!("科目 {parent}")
                    };
                    found.push((
                        field,
                        format!(
                            "{label} 显示为 {}，其下 {} 显示值之和为 {}，仅因四舍五入而不等",
                            Money(shown),
                            cells.join("、"),
                            Money(sum_shown)
                        ),
                    ));
                }
            }
        }
    }
    for (field, msg) in found {
        out.push_hint(
            "RND-003",
            field,
            msg,
            "可设置 display.adjust_rounding: true 进行尾差调整",
        );
    }
}
