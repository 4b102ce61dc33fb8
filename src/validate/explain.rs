//! EXP rules: every year-over-year change the report states has a reason; last year's
//! figures exist where the layout compares; procurement is split by kind; the approval
//! date is recorded and the publication deadline is watched.

use super::Out;
use crate::load::amounts::ExpAmounts;
use crate::load::schema::{Funding, SangongItem};
use crate::num::Money;

fn missing(reason: &Option<String>) -> bool {
    reason.as_deref().is_none_or(|r| r.trim().is_empty())
}

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    let n = &b.narrative;
    let exp = ExpAmounts::sum_of(&b.expenditure, |_| true);
    if exp.total() != b.previous_year.total && missing(&n.total_change_reason) {
        out.push_hint(
            "EXP-001",
            "narrative",
            format!(
                "收支总预算由 {} 万元变为 {} 万元，未说明变动原因",
                b.previous_year.total,
                exp.total()
            ),
            "请填写 narrative.total_change_reason",
        );
    }
    let general = ExpAmounts::sum_of(&b.expenditure, |f| f == Funding::General).total();
    if general != b.previous_year.general_public
        && missing(&n.general_change_reason)
        && missing(&n.total_change_reason)
    {
        out.push_hint(
            "EXP-002",
            "narrative",
            format!(
                "一般公共预算拨款由 {} 万元变为 {general} 万元，未说明变动原因",
                b.previous_year.general_public
            ),
            "请填写 narrative.general_change_reason",
        );
    }
    let s = &b.sangong;
    let items: [(&str, &SangongItem, &str); 4] = [
        ("因公出国（境）费", &s.outbound, "sangong.outbound"),
        ("公务接待费", &s.reception, "sangong.reception"),
        (
            "公务用车购置费",
            &s.vehicle_purchase,
            "sangong.vehicle_purchase",
        ),
        (
            "公务用车运行维护费",
            &s.vehicle_operation,
            "sangong.vehicle_operation",
        ),
    ];
    for (what, item, field) in items {
        if item.current != item.previous && missing(&item.reason) {
            out.push_hint(
                "EXP-003",
                field,
                format!(
                    "“三公”{what}由 {} 万元变为 {} 万元，未说明原因",
                    item.previous, item.current
                ),
                format!("请填写 {field}.reason"),
            );
        }
    }
    let (cur, prev): (Money, Money) = (
        items.iter().map(|i| i.1.current).sum(),
        items.iter().map(|i| i.1.previous).sum(),
    );
    if cur != prev && missing(&s.reason) && items.iter().all(|i| missing(&i.1.reason)) {
        out.push(
            "EXP-003",
            "sangong",
            format!("“三公”经费合计由 {prev} 万元变为 {cur} 万元，未说明原因"),
        );
    }
    let a = &b.admin_costs;
    if a.current != a.previous && missing(&a.reason) {
        out.push_hint(
            "EXP-004",
            "admin_costs",
            format!(
                "机关运行经费由 {} 万元变为 {} 万元，未说明变动原因",
                a.previous, a.current
            ),
            "请填写 admin_costs.reason",
        );
    }
    procurement(out);
    deadline(out);
}

fn procurement(out: &mut Out<'_>) {
    if !out.opts.settings.procurement_change {
        return;
    }
    let p = &out.budget().procurement;
    let total: Money = p.lines.iter().map(|l| l.amount).sum();
    match p.previous {
        None if !p.lines.is_empty() => out.push_hint(
            "EXP-005",
            "procurement",
            "有政府采购预算，但未填写上年政府采购预算数，无法说明增减",
            "请填写 procurement.previous",
        ),
        Some(prev) if prev != total && missing(&p.reason) => out.push_hint(
            "EXP-005",
            "procurement.previous",
            format!("政府采购预算由 {prev} 万元变为 {total} 万元，未说明原因"),
            "请填写 procurement.reason",
        ),
        _ => {}
    }
    let bad: Vec<(usize, String)> = p
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !matches!(l.item_code.chars().next(), Some('A' | 'B' | 'C')))
        .map(|(i, l)| (i, l.item_code.clone()))
        .collect();
    for (i, code) in bad {
        out.push_hint(
            "EXP-010",
            format!("procurement.lines[{i}].item_code"),
            format!("政府采购品目“{code}”无法归入货物（A）、工程（B）或服务（C）"),
            "品目编码应以 A、B 或 C 开头",
        );
    }
}

/// The approval date is recorded, and the report is published within the deadline.
fn deadline(out: &mut Out<'_>) {
    let Some(approved) = out.budget().approval_date.clone() else {
        out.push_hint(
            "EXP-006",
            "approval_date",
            "未填写预算批复日期，无法核对公开时限（批复后 20 日内）",
            "请填写 approval_date，例如 2024-01-15",
        );
        return;
    };
    let Ok(date) = approved.parse::<jiff::civil::Date>() else {
        out.push(
            "STR-005",
            "approval_date",
            format!("批复日期“{approved}”应写作 YYYY-MM-DD"),
        );
        return;
    };
    let Some(today) = out
        .opts
        .today
        .as_deref()
        .and_then(|t| t.parse::<jiff::civil::Date>().ok())
    else {
        return;
    };
    let days = out.opts.settings.publish_within_days;
    let Ok(due) = date.checked_add(jiff::Span::new().days(days)) else {
        return;
    };
    if today > due {
        out.push(
            "EXP-007",
            "approval_date",
            format!("预算于 {date} 批复，应在 {days} 日内（{due} 前）公开，今天（{today}）已超期"),
        );
    }
}
