//! AMT rules: decimals within the configured precision, signs, plausible magnitudes.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::structure::shape;
use super::Out;

/// Numeric fields that are not amounts of money.
const NOT_MONEY: &[&str] = &[
    "year",
    "count",
    "retired",
    "decimals",
    "percent_decimals",
    "input_decimals",
    "long_term_until",
    "weight",
    "annual_goal_weights",
    "quantity",
    "percent",
];

/// Amounts still to be entered (`待填`), as one list (AMT-006); true when there are any.
pub(super) fn pending(out: &mut Out<'_>) -> bool {
    let found: Vec<String> = out
        .loaded
        .source
        .scalars()
        .filter(|(_, _, v)| v.trim() == crate::num::PENDING)
        .map(|(p, _, _)| p.to_owned())
        .collect();
    let Some(first) = found.first().cloned() else {
        return false;
    };
    let notes = found.iter().map(|p| out.note(p.clone(), "待填")).collect();
    let d = out.emit(
        "AMT-006",
        first,
        format!(
            "还有 {} 个金额待填写（init --from 生成的文件把本年数留空，须逐项填入本年的数字）",
            found.len()
        ),
    );
    d.hint = Some("把每个“待填”改为本年的金额；填完之前不核对各表是否相加".into());
    d.notes = notes;
    true
}

pub(super) fn check(out: &mut Out<'_>) {
    let display = &out.budget().display;
    let max_dp = display.input_decimals.unwrap_or(display.decimals);
    let max_amount = out.opts.settings.max_amount;
    let mut found = Vec::new();
    for (path, _, text) in out.loaded.source.plain_scalars() {
        let Ok(d) = Decimal::from_str(text.trim_start_matches('+')) else {
            continue;
        };
        let last = shape(path)
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_owned();
        // Codes are text whatever their YAML type (STR-014 asks to quote them).
        let is_money =
            !NOT_MONEY.contains(&last.as_str()) && !super::structure::is_code_field(&last);
        if !is_money {
            continue;
        }
        // A stated change is signed: negative means a decrease.
        let signed = path.starts_with("stated.changes") || path.starts_with("stated.assets");
        if d.is_sign_negative() && !d.is_zero() && !signed {
            found.push((
                "AMT-004",
                path.to_owned(),
                format!("数值 {text} 为负数"),
                Some("预算数不能为负；调减请在说明中写明"),
            ));
            continue;
        }
        if d.normalize().scale() > max_dp {
            found.push((
                "AMT-003",
                path.to_owned(),
                format!("金额 {text} 的小数位多于设定的 {max_dp} 位"),
                Some("请按 display.decimals（或 display.input_decimals）设定的精度录入"),
            ));
        }
        if d > max_amount.0 {
            found.push((
                "AMT-005",
                path.to_owned(),
                format!(
                    "金额 {text} {} 异常大（超过 {max_amount}）",
                    out.budget().display.unit
                ),
                Some("请确认金额单位是否为万元"),
            ));
        }
    }
    for (rule, field, msg, hint) in found {
        match hint {
            Some(h) => out.push_hint(rule, field, msg, h),
            None => out.push(rule, field, msg),
        }
    }
}
