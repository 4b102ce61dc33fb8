//! EVL rules: the checks of a performance self-evaluation (绩效自评表).
//!
//! - Amounts: not negative, within the printed decimals (EVL-005, EVL-006).
//! - Spending: actual ≤ budget in total and per source unless a reason is stated
//!   (EVL-003); no spending against a zero budget (EVL-004).
//! - A stated execution rate (预算支出执行率 as printed) against 实际 ÷ 预算 × 100. Both amounts
//!   are printed rounded to the display unit u, so each stands for [x − u/2, x + u/2] and
//!   the rate for [(A − u/2) ÷ (B + u/2), (A + u/2) ÷ (B − u/2)] × 100; a stated rate r
//!   printed with k decimals stands for [r − v/2, r + v/2], v = 10^−k. Intervals that meet:
//!   the rounding of the amounts can explain the difference (warning EVL-002); otherwise it
//!   is an error (EVL-001), as `sums.rs` compares stated totals.
//! - Texts: required texts, half-filled indicators, problems without fixes, placeholders,
//!   stale years, duplicate projects, the year.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::structure::{excerpt, placeholder, years_in};
use super::{Options, Out};
use crate::error::Diagnostic;
use crate::load::schema::selfeval::{EvalProject, Indicator, SelfEvaluation};
use crate::load::Loaded;
use crate::num::{percent, round, Money};

type EvalOut<'a> = Out<'a, SelfEvaluation>;

/// Every EVL rule; all findings sorted by position.
pub fn check(loaded: &Loaded<SelfEvaluation>, opts: &Options) -> Vec<Diagnostic> {
    let mut out = Out::new(loaded, opts);
    document(&mut out);
    for (i, p) in loaded.doc.projects.iter().enumerate() {
        let at = format!("projects[{i}]");
        let amounts_ok = amounts(&mut out, &at, p);
        if amounts_ok {
            spending(&mut out, &at, p);
            stated_rate(&mut out, &at, p);
        }
        texts(&mut out, &at, p);
    }
    out.finish()
}

/// Year, department, project list and names, placeholders and stale years in any text.
fn document(out: &mut EvalOut<'_>) {
    let e = out.doc();
    if !(2000..=2100).contains(&e.year) {
        out.push(
            "EVL-013",
            "year",
            format!("评价年度 {} 不合理（应为四位年份）", e.year),
        );
    }
    if e.department.name.trim().is_empty() {
        out.push("EVL-009", "department.name", "部门名称不能为空");
    }
    if e.department
        .full_name
        .as_deref()
        .is_some_and(|n| n.trim().is_empty())
    {
        out.push(
            "EVL-009",
            "department.full_name",
            "部门名称（盖章）写了但为空",
        );
    }
    if e.projects.is_empty() {
        out.push_hint(
            "EVL-009",
            "projects",
            "没有列出任何项目",
            "绩效自评表每个预算项目一行，请在 projects 下逐项录入",
        );
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in e.projects.iter().enumerate() {
        let name = p.name.trim();
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(name, i) {
            out.push(
                "EVL-008",
                format!("projects[{i}].name"),
                format!("项目“{name}”与第 {} 个项目重名", first + 1),
            );
        }
    }
    let year = e.year;
    let mut found = Vec::new();
    for (path, _, value) in out.loaded.source.scalars() {
        if let Some(p) = placeholder(value) {
            found.push((
                "EVL-011",
                path.to_owned(),
                format!("文字中留有占位符“{p}”：{}", excerpt(value)),
            ));
        }
        if let Some(y) = years_in(value)
            .into_iter()
            .find(|y| *y < year.saturating_sub(2) || *y > year.saturating_add(5))
        {
            found.push((
                "EVL-012",
                path.to_owned(),
                format!("文字中出现 {y} 年，与 {year} 年度的自评不符（是否沿用了往年的文字？）"),
            ));
        }
    }
    for (rule, field, msg) in found {
        out.push(rule, field, msg);
    }
}

/// Signs and decimals of the six amounts; false when one is unusable for the sums.
fn amounts(out: &mut EvalOut<'_>, at: &str, p: &EvalProject) -> bool {
    let dp = out.doc().display.decimals;
    let mut ok = true;
    for (side, funds) in [("budget", &p.budget), ("actual", &p.actual)] {
        for (key, label, v) in funds.sources() {
            let field = format!("{at}.{side}.{key}");
            let what = format!("{}（{label}）", side_label(side));
            if v.0.is_sign_negative() && !v.is_zero() {
                out.push_hint(
                    "EVL-005",
                    field.clone(),
                    format!("项目“{}”的{what}为负数 {v}", p.name),
                    "预算与实际支出都不能为负；调减请在文字中说明",
                );
                ok = false;
            }
            if v.decimals() > dp {
                out.push_hint(
                    "EVL-006",
                    field,
                    format!("项目“{}”的{what} {v} 的小数位多于设定的 {dp} 位", p.name),
                    "请按 display.decimals 设定的精度录入（万元保留两位小数）",
                );
            }
        }
    }
    ok
}

fn side_label(side: &str) -> &'static str {
    if side == "budget" {
        "预算金额"
    } else {
        "实际支出"
    }
}

/// Actual spending within the budget, per source and in total.
fn spending(out: &mut EvalOut<'_>, at: &str, p: &EvalProject) {
    let (b, a) = (p.budget.total(), p.actual.total());
    if b.is_zero() && !a.is_zero() {
        out.push_hint(
            "EVL-004",
            format!("{at}.budget"),
            format!(
                "项目“{}”预算金额合计为 0，却有实际支出 {a} 万元，执行率无法计算",
                p.name
            ),
            "请核对预算金额；无预算安排的支出不应列为预算项目",
        );
        return;
    }
    if p.overspend_reason
        .as_deref()
        .is_some_and(|r| !r.trim().is_empty())
    {
        return;
    }
    for ((key, label, spent), (_, _, planned)) in
        p.actual.sources().into_iter().zip(p.budget.sources())
    {
        if spent > planned {
            let total = if a > b {
                format!("；合计实际支出 {a} 万元，超过预算 {b} 万元")
            } else {
                String::new()
            };
            out.push_hint(
                "EVL-003",
                format!("{at}.actual.{key}"),
                format!(
                    "项目“{}”的实际支出（{label}）{spent} 万元超过预算 {planned} 万元，超出 {} 万元{total}，未说明原因",
                    p.name,
                    spent - planned
                ),
                "请核对金额，或在该项目的 overspend_reason 中写明超支原因",
            );
        }
    }
}

/// A stated rate against the amounts, as rounding intervals (see the module docs).
fn stated_rate(out: &mut EvalOut<'_>, at: &str, p: &EvalProject) {
    let Some(stated) = p.stated_rate else { return };
    let r = stated.0 .0;
    let display = &out.doc().display;
    let (b, a) = (p.budget.total(), p.actual.total());
    let field = format!("{at}.stated_rate");
    let Some(exact) = percent(a, b) else {
        out.push(
            "EVL-001",
            field,
            format!(
                "项目“{}”预算金额合计为 0，执行率无法计算，却写为 {r}%",
                p.name
            ),
        );
        return;
    };
    let k = r.scale().max(display.rate_decimals);
    let computed = round(exact, k);
    if computed == r {
        return;
    }
    let half_u = Decimal::new(5, display.decimals + 1);
    let half_v = Decimal::new(5, k + 1);
    let (lo, hi) = rate_interval(a, b, half_u);
    let diff = (r - computed).abs();
    let shown = round(exact, display.rate_decimals.max(k));
    let base = format!(
        "项目“{}”的预算支出执行率写为 {r}%，按实际支出 {a} 万元 ÷ 预算 {b} 万元计算为 {shown}%，相差 {} 个百分点",
        p.name,
        diff.normalize()
    );
    let meets = r - half_v <= hi && lo <= r + half_v;
    if meets {
        out.push_hint(
            "EVL-002",
            field,
            format!(
                "{base}，可由金额的四舍五入解释（金额各有 ±{} 万元的舍入误差时，执行率在 {}%～{}% 之间）",
                half_u.normalize(),
                round(lo, k + 2).normalize(),
                round(hi, k + 2).normalize()
            ),
            format!("本表按所录金额列示 {shown}%；请改为 {shown}% 或删去 stated_rate"),
        );
    } else {
        out.push_hint(
            "EVL-001",
            field,
            format!("{base}，金额的四舍五入不能解释"),
            "执行率 = 实际支出合计 ÷ 预算金额合计 × 100%；请核对金额与执行率",
        );
    }
}

/// The interval of 实际 ÷ 预算 × 100 when each amount may be off by `half_u` (B > half_u).
fn rate_interval(a: Money, b: Money, half_u: Decimal) -> (Decimal, Decimal) {
    let a_lo = (a.0 - half_u).max(Decimal::ZERO);
    let a_hi = a.0 + half_u;
    let b_lo = (b.0 - half_u).max(half_u);
    let b_hi = b.0 + half_u;
    let lo = percent(Money(a_lo), Money(b_hi)).unwrap_or_default();
    let hi = percent(Money(a_hi), Money(b_lo)).unwrap_or_default();
    (lo, hi)
}

/// Texts that say there is no problem.
const NO_PROBLEM: &[&str] = &["无", "没有", "暂无", "无问题", "不存在问题", "未发现问题"];

/// Required texts, half-filled indicators, problems without fixes.
fn texts(out: &mut EvalOut<'_>, at: &str, p: &EvalProject) {
    for (key, what, value) in [
        ("name", "项目名称", &p.name),
        ("target", "年初绩效目标", &p.target),
        ("completion", "绩效目标整体完成情况", &p.completion),
        (
            "problems",
            "项目执行中存在的问题（没有时写“无”）",
            &p.problems,
        ),
    ] {
        if value.trim().is_empty() {
            out.push("EVL-009", format!("{at}.{key}"), format!("{what}不能为空"));
        }
    }
    if p.department.as_deref().is_some_and(|d| d.trim().is_empty()) {
        out.push("EVL-009", format!("{at}.department"), "部门名称写了但为空");
    }
    for (path, name, ind) in p.indicators.all() {
        let Indicator::Given(t) = ind else { continue };
        let filled = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        let field = format!("{at}.indicators.{path}");
        let message = match (filled(&t.target), filled(&t.result)) {
            (true, true) => continue,
            (true, false) => format!("项目“{}”的{name}写了年度指标内容，没有完成情况", p.name),
            (false, true) => format!("项目“{}”的{name}写了完成情况，没有年度指标内容", p.name),
            (false, false) => format!(
                "项目“{}”的{name}既无年度指标内容也无完成情况（表中留空时可省略该指标）",
                p.name
            ),
        };
        out.push_hint(
            "EVL-007",
            field,
            message,
            "年度指标内容与完成情况应成对填写；不适用的指标写“不适用”",
        );
    }
    let problems = p
        .problems
        .trim()
        .trim_end_matches(['。', '.', '；', ';', '，', ',']);
    let has_fixes = p.fixes.as_deref().is_some_and(|f| !f.trim().is_empty());
    if !problems.is_empty() && !NO_PROBLEM.contains(&problems) && !has_fixes {
        out.push_hint(
            "EVL-010",
            format!("{at}.problems"),
            format!("项目“{}”写明了存在的问题，但没有整改情况", p.name),
            "请在 fixes 中写明整改措施或进展",
        );
    }
}

#[cfg(test)]
mod tests;
