//! TGT rules: the performance target forms (`kind: performance-targets`).
//!
//! What a budget reviewer checks on these forms: the department's funds add up the same
//! both ways, the special funds' directions add up to its project expenditure, amounts are
//! to the yuan, a cost indicator names the budget it caps, the per-head calculation basis
//! in a remark gives the headcount and the amount, texts copied into the summary table
//! agree with the forms they were copied from, and nothing is left empty or half written.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::structure::placeholder;
use super::{Options, Out};
use crate::error::Diagnostic;
use crate::load::schema::targets::{PerformanceTargets, TargetIndicator};
use crate::load::Loaded;
use crate::num::Money;

/// Most decimals of an amount in 万元: to the yuan.
const MAX_DECIMALS: u32 = 4;

type O<'a> = Out<'a, PerformanceTargets>;

/// Every TGT rule on one input; all findings sorted by position.
pub(crate) fn check(loaded: &Loaded<PerformanceTargets>, opts: &Options) -> Vec<Diagnostic> {
    let mut out = Out::new(loaded, opts);
    if !(2000..=2100).contains(&loaded.doc.year) {
        out.push(
            "TGT-013",
            "year",
            format!("预算年度 {} 不合理（应为四位年份）", loaded.doc.year),
        );
    }
    amounts(&mut out);
    totals(&mut out);
    texts(&mut out);
    directions(&mut out);
    indicators(&mut out);
    out.finish()
}

/// Every amount of the input with its field path.
fn money_fields(t: &PerformanceTargets) -> Vec<(String, Money)> {
    let f = &t.department_form.funds;
    let mut v = vec![
        ("department_form.funds.general".to_owned(), f.general),
        ("department_form.funds.fund".to_owned(), f.fund),
        ("department_form.funds.other".to_owned(), f.other),
        ("department_form.funds.basic".to_owned(), f.basic),
        ("department_form.funds.project".to_owned(), f.project),
    ];
    if let Some(s) = f.stated_total {
        v.push(("department_form.funds.stated_total".to_owned(), s));
    }
    if let Some(s) = t.special_funds.stated_total {
        v.push(("special_funds.stated_total".to_owned(), s));
    }
    for (i, d) in t.special_funds.directions.iter().enumerate() {
        v.push((format!("special_funds.directions[{i}].amount"), d.amount));
        if let Some(a) = d.summary.as_ref().and_then(|s| s.amount) {
            v.push((format!("special_funds.directions[{i}].summary.amount"), a));
        }
    }
    v
}

/// TGT-003, TGT-004: to the yuan, never negative.
fn amounts(out: &mut O<'_>) {
    for (field, m) in money_fields(out.doc()) {
        if m.0.is_sign_negative() && !m.is_zero() {
            out.push("TGT-004", field, format!("金额 {m} 万元为负数"));
        } else if m.decimals() > MAX_DECIMALS {
            out.push_hint(
                "TGT-003",
                field,
                format!("金额 {m} 万元的小数位多于 {MAX_DECIMALS} 位"),
                "金额以万元为单位、精确到元，至多 4 位小数（1 元 = 0.0001 万元）",
            );
        }
    }
}

/// TGT-001, TGT-002, TGT-005 and the zero total of TGT-008.
fn totals(out: &mut O<'_>) {
    let t = out.doc();
    let f = &t.department_form.funds;
    let income = f.general + f.fund + f.other;
    let spending = f.basic + f.project;
    if income != spending {
        out.push(
            "TGT-001",
            "department_form.funds",
            format!(
                "按收入性质分合计 {income} 万元（一般公共预算拨款 {} + 政府性基金拨款 {} + \
                 其他资金 {}）与按支出性质分合计 {spending} 万元（基本支出 {} + 项目支出 {}）\
                 不相等，相差 {} 万元",
                f.general,
                f.fund,
                f.other,
                f.basic,
                f.project,
                income - spending
            ),
        );
    }
    if income.is_zero() && spending.is_zero() {
        out.push(
            "TGT-008",
            "department_form.funds",
            "年度预算申请的资金总额为 0：请填写按收入性质分和按支出性质分的金额",
        );
    }
    if let Some(stated) = f.stated_total {
        if stated != income && stated != spending {
            out.push(
                "TGT-005",
                "department_form.funds.stated_total",
                format!(
                    "印刷的资金总额 {stated} 万元与各项之和 {income} 万元不一致，相差 {} 万元",
                    stated - income
                ),
            );
        }
    }
    let dirs = &t.special_funds.directions;
    let sum: Money = dirs.iter().map(|d| d.amount).sum();
    if dirs.is_empty() && !f.project.is_zero() {
        out.push_hint(
            "TGT-002",
            "department_form.funds.project",
            format!(
                "部门整体表列有项目支出 {} 万元，但没有填写任何专项资金支出方向",
                f.project
            ),
            "在 special_funds.directions 中逐项填写支出方向及其绩效目标表",
        );
    } else if sum != f.project {
        let parts: Vec<String> = dirs
            .iter()
            .map(|d| format!("{} {}", d.name.trim(), d.amount))
            .collect();
        out.push(
            "TGT-002",
            "special_funds.directions",
            format!(
                "专项资金各支出方向金额之和 {sum} 万元（{}）与部门整体表的项目支出 {} 万元\
                 不一致，相差 {} 万元",
                parts.join(" + "),
                f.project,
                sum - f.project
            ),
        );
    }
    if let Some(stated) = t.special_funds.stated_total {
        if stated != sum {
            out.push(
                "TGT-005",
                "special_funds.stated_total",
                format!(
                    "汇总表印刷的合计 {stated} 万元与各支出方向金额之和 {sum} 万元不一致，\
                     相差 {} 万元",
                    stated - sum
                ),
            );
        }
    }
    for (i, d) in dirs.iter().enumerate() {
        if let Some(copied) = d.summary.as_ref().and_then(|s| s.amount) {
            if copied != d.amount {
                out.push(
                    "TGT-005",
                    format!("special_funds.directions[{i}].summary.amount"),
                    format!(
                        "汇总表中“{}”的金额 {copied} 万元与其绩效目标表的项目金额 {} 万元\
                         不一致，相差 {} 万元",
                        d.name.trim(),
                        d.amount,
                        copied - d.amount
                    ),
                );
            }
        }
    }
}

/// A text of the input: its field, what the form calls it, its content and whether it
/// must be filled in.
struct Text<'a> {
    field: String,
    label: &'static str,
    text: &'a str,
    required: bool,
}

fn indicator_texts<'a>(field: &str, list: &'a [TargetIndicator], v: &mut Vec<Text<'a>>) {
    for (k, ind) in list.iter().enumerate() {
        for (name, label, text, required) in [
            ("level1", "一级指标", &ind.level1, true),
            ("level2", "二级指标", &ind.level2, true),
            ("name", "三级指标", &ind.name, true),
            ("value", "指标值", &ind.value, true),
            ("note", "备注", &ind.note, false),
        ] {
            v.push(Text {
                field: format!("{field}[{k}].{name}"),
                label,
                text,
                required,
            });
        }
    }
}

/// Every authored text of the input (the summary table's copies excepted: TGT-007
/// compares them with their originals).
fn all_texts(t: &PerformanceTargets) -> Vec<Text<'_>> {
    let d = &t.department_form;
    let mut v = vec![
        Text {
            field: "department".into(),
            label: "填报单位",
            text: &t.department,
            required: true,
        },
        Text {
            field: "department_form.unit".into(),
            label: "部门名称",
            text: &d.unit,
            required: true,
        },
    ];
    for (i, x) in d.duties.iter().enumerate() {
        v.push(Text {
            field: format!("department_form.duties[{i}]"),
            label: "部门职责",
            text: x,
            required: true,
        });
    }
    for (i, w) in d.work_plan.iter().enumerate() {
        for (name, label, text) in [
            ("item", "事项", &w.item),
            ("owner", "责任单位/科室", &w.owner),
            ("goal", "工作目标", &w.goal),
        ] {
            v.push(Text {
                field: format!("department_form.work_plan[{i}].{name}"),
                label,
                text,
                required: true,
            });
        }
    }
    indicator_texts("department_form.indicators", &d.indicators, &mut v);
    for (i, dir) in t.special_funds.directions.iter().enumerate() {
        let base = format!("special_funds.directions[{i}]");
        for (name, label, text) in [
            ("name", "支出方向（子项）", &dir.name),
            ("special", "所属专项", &dir.special),
            ("period", "项目实施期", &dir.period),
            ("period_goal", "实施期绩效目标", &dir.period_goal),
            ("annual_goal", "年度绩效目标", &dir.annual_goal),
        ] {
            v.push(Text {
                field: format!("{base}.{name}"),
                label,
                text,
                required: true,
            });
        }
        indicator_texts(&format!("{base}.indicators"), &dir.indicators, &mut v);
    }
    v
}

/// Characters a complete sentence or cell never ends with.
const DANGLING: &[char] = &['，', '、', ',', '（', '(', '“', '《'];

/// The last few characters of `s`, for naming a text in a message.
fn tail(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n <= 16 {
        s.to_owned()
    } else {
        format!("…{}", chars[n - 16..].iter().collect::<String>())
    }
}

/// TGT-008 (required, placeholders, empty lists) and TGT-011 (dangling punctuation).
fn texts(out: &mut O<'_>) {
    let t = out.doc();
    let d = &t.department_form;
    for (field, empty, what) in [
        (
            "department_form.duties",
            d.duties.is_empty(),
            "部门职责概述",
        ),
        (
            "department_form.work_plan",
            d.work_plan.is_empty(),
            "年度重点工作计划",
        ),
        (
            "department_form.indicators",
            d.indicators.is_empty(),
            "部门整体年度绩效指标",
        ),
    ] {
        if empty {
            out.push("TGT-008", field, format!("{what}不能为空"));
        }
    }
    for (i, dir) in t.special_funds.directions.iter().enumerate() {
        if dir.indicators.is_empty() {
            out.push(
                "TGT-008",
                format!("special_funds.directions[{i}].indicators"),
                format!("支出方向“{}”没有年度绩效指标", dir.name.trim()),
            );
        }
    }
    for x in all_texts(t) {
        let text = x.text.trim();
        if text.is_empty() {
            if x.required {
                out.push("TGT-008", x.field, format!("{}不能为空", x.label));
            }
            continue;
        }
        if let Some(p) = placeholder(text) {
            out.push_hint(
                "TGT-008",
                x.field,
                format!("{}“{}”含占位符“{p}”，尚未填写完整", x.label, tail(text)),
                "请填写实际内容",
            );
            continue;
        }
        if let Some(c) = text.chars().last().filter(|c| DANGLING.contains(c)) {
            out.push_hint(
                "TGT-011",
                x.field,
                format!("{}“{}”以“{c}”结尾，句子疑似不完整", x.label, tail(text)),
                "补全句子，或删去末尾的标点",
            );
        }
    }
}

/// Text compared as a clerk reads it: line breaks and spaces from copying ignored.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where two texts differ: the differing middle of each, with a little context.
fn difference(a: &str, b: &str) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    const CONTEXT: usize = 4;
    let show = |s: &[char]| {
        let from = prefix.saturating_sub(CONTEXT);
        let to = (s.len() - suffix + CONTEXT).min(s.len());
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.extend(&s[from..to]);
        if to < s.len() {
            out.push('…');
        }
        out
    };
    (show(&a), show(&b))
}

/// TGT-009 (duplicate directions) and TGT-007 (the summary table's copies of the goals).
fn directions(out: &mut O<'_>) {
    let dirs = &out.doc().special_funds.directions;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, d) in dirs.iter().enumerate() {
        let name = d.name.trim();
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(name, i) {
            out.push_hint(
                "TGT-009",
                format!("special_funds.directions[{i}].name"),
                format!("支出方向“{name}”与第 {} 个支出方向重复", first + 1),
                "同一支出方向只填一次；确为两项的，请用不同名称区分",
            );
        }
    }
    for (i, d) in dirs.iter().enumerate() {
        let Some(copy) = &d.summary else { continue };
        for (name, what, copied, original) in [
            (
                "period_goal",
                "实施期绩效目标",
                &copy.period_goal,
                &d.period_goal,
            ),
            (
                "annual_goal",
                "年度绩效目标",
                &copy.annual_goal,
                &d.annual_goal,
            ),
        ] {
            let Some(copied) = copied else { continue };
            let (c, o) = (squash(copied), squash(original));
            if c != o {
                let (dc, dor) = difference(&c, &o);
                out.push_hint(
                    "TGT-007",
                    format!("special_funds.directions[{i}].summary.{name}"),
                    format!(
                        "汇总表中“{}”的{what}与该方向绩效目标表不一致：汇总表为“{dc}”，\
                         绩效目标表为“{dor}”",
                        d.name.trim()
                    ),
                    "同一目标两处应一字不差；以支出方向绩效目标表为准改正汇总表",
                );
            }
        }
    }
}

/// A "≤X万元" cost value in 万元 (`元` converted), or `None` for anything else.
fn cost_value(value: &str) -> Option<Money> {
    let mut v = value.trim();
    for p in [
        "≤",
        "<=",
        "＜＝",
        "<",
        "＜",
        "=",
        "＝",
        "不超过",
        "不高于",
        "控制在",
    ] {
        if let Some(rest) = v.strip_prefix(p) {
            v = rest.trim_start();
            break;
        }
    }
    let end = v
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(v.len(), |(i, _)| i);
    let (number, unit) = v.split_at(end);
    let n: Decimal = number.parse().ok()?;
    match unit.trim() {
        "万元" => Some(Money(n)),
        "元" => Some(crate::num::wan_from_yuan(n)),
        _ => None,
    }
}

fn is_cost(ind: &TargetIndicator) -> bool {
    ind.level1.contains("成本") || ind.level2.contains("成本")
}

/// One line of a per-head calculation basis: "一线信访岗位5人，235元/人/月".
#[derive(Debug, Clone, PartialEq)]
struct BasisLine {
    /// Headcount written in the line (`None`: the indicator value's).
    count: Option<Decimal>,
    /// Yuan per head per period.
    rate: Decimal,
    /// Periods per year (12 for 元/人/月, 1 for 元/人/年).
    periods: u32,
}

/// The number that ends `s` ("…岗位5" → 5) and where it starts.
fn trailing_number(s: &str) -> Option<(usize, Decimal)> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    s[start..].parse().ok().map(|n| (start, n))
}

/// A headcount value such as `50人` (optionally after `=`).
fn headcount(value: &str) -> Option<Decimal> {
    let v = value.trim().trim_start_matches(['=', '＝']).trim();
    let n = v.strip_suffix('人')?;
    n.parse().ok()
}

/// The per-head basis in a remark: every `；`-separated part must name a rate in 元/人/月
/// or 元/人/年, with or without its own headcount; anything else is not a basis.
fn basis(note: &str) -> Option<Vec<BasisLine>> {
    let mut lines = Vec::new();
    for part in note
        .split(['；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (at, periods, len) = [("元/人/月", 12), ("元/人·月", 12), ("元/人/年", 1)]
            .iter()
            .find_map(|(pat, n)| part.find(pat).map(|i| (i, *n, pat.len())))?;
        if part[at + len..].trim_start_matches(['。', '.']).trim() != "" {
            return None;
        }
        let before = &part[..at];
        let (start, rate) = trailing_number(before)?;
        let rest = &before[..start];
        // "…岗位5人，" before the rate: the headcount of this part.
        let rest = rest.trim_end_matches([' ', '，', ',', '、', '：', ':', '按']);
        let count = rest
            .strip_suffix('人')
            .and_then(trailing_number)
            .map(|(_, n)| n);
        lines.push(BasisLine {
            count,
            rate,
            periods,
        });
    }
    (!lines.is_empty()).then_some(lines)
}

/// What a basis amounts to: the total headcount, the yearly amount in 万元 and the
/// calculation as text; `None` when a part's headcount is unknown.
fn basis_total(
    lines: &[BasisLine],
    value_count: Option<Decimal>,
) -> Option<(Decimal, Money, String)> {
    let single = lines.len() == 1;
    let mut heads = Decimal::ZERO;
    let mut yuan = Decimal::ZERO;
    let mut steps = Vec::new();
    for l in lines {
        let count = match (l.count, single) {
            (Some(c), _) => c,
            (None, true) => value_count?,
            (None, false) => return None,
        };
        heads += count;
        yuan += count * l.rate * Decimal::from(l.periods);
        let per = if l.periods == 12 {
            "元/人/月 × 12 个月"
        } else {
            "元/人/年"
        };
        steps.push(format!(
            "{} 人 × {} {per}",
            count.normalize(),
            l.rate.normalize()
        ));
    }
    let wan = crate::num::wan_from_yuan(yuan).round(MAX_DECIMALS);
    Some((heads, wan, steps.join(" + ")))
}

/// Checks of one indicator list: TGT-012 (completeness), TGT-006 (cost caps), TGT-010
/// (per-head basis). `budgets` are the amounts a cost value may equal, with their names;
/// `amount` is what the per-head bases of the list must add up to, if anything.
fn indicator_list(
    out: &mut O<'_>,
    field: &str,
    list: &[TargetIndicator],
    budgets: &[(&str, Money)],
    amount: Option<(&str, Money)>,
    directions: &[(&str, Money)],
) {
    if !list.is_empty() {
        for (kind, what) in [("产出", "产出指标"), ("效益", "效益指标")] {
            if !list.iter().any(|i| i.level1.contains(kind)) {
                out.push("TGT-012", field, format!("年度绩效指标缺少{what}"));
            }
        }
    }
    let mut based: Vec<(usize, Money, String)> = Vec::new();
    for (k, ind) in list.iter().enumerate() {
        if is_cost(ind) {
            if let Some(v) = cost_value(&ind.value) {
                if !budgets.iter().any(|(_, b)| *b == v) {
                    let named: Vec<String> = budgets
                        .iter()
                        .map(|(n, b)| format!("{n} {b} 万元"))
                        .collect();
                    out.push_hint(
                        "TGT-006",
                        format!("{field}[{k}].value"),
                        format!(
                            "成本指标“{}”的指标值“{}”（{v} 万元）与{}不一致",
                            ind.name.trim(),
                            ind.value.trim(),
                            named.join("、")
                        ),
                        "成本指标以预算金额为上限，请核对指标值或金额",
                    );
                }
            }
        }
        let Some(lines) = basis(&ind.note) else {
            continue;
        };
        let value_count = headcount(&ind.value);
        let Some((heads, wan, steps)) = basis_total(&lines, value_count) else {
            continue;
        };
        if let Some(v) = value_count.filter(|v| *v != heads) {
            out.push_hint(
                "TGT-010",
                format!("{field}[{k}].value"),
                format!(
                    "指标值 {} 人与备注所列人数之和 {} 人不符",
                    v.normalize(),
                    heads.normalize()
                ),
                "核对指标值或备注中的人数",
            );
        }
        // A department-form indicator named after a direction is costed against it.
        if let Some((name, a)) = directions.iter().find(|(n, _)| *n == ind.name.trim()) {
            if *a != wan {
                out.push_hint(
                    "TGT-010",
                    format!("{field}[{k}].note"),
                    format!(
                        "按备注测算：{steps} = {wan} 万元，与支出方向“{name}”的金额 {a} 万元不符"
                    ),
                    "核对人数、标准或预算金额",
                );
            }
        }
        based.push((k, wan, steps));
    }
    if let Some((name, a)) = amount {
        if !based.is_empty() {
            let total: Money = based.iter().map(|b| b.1).sum();
            if total != a {
                let (at, steps) = match based.as_slice() {
                    [(k, _, steps)] => (format!("{field}[{k}].note"), steps.clone()),
                    _ => (
                        field.to_owned(),
                        based
                            .iter()
                            .map(|b| b.2.as_str())
                            .collect::<Vec<_>>()
                            .join(" + "),
                    ),
                };
                out.push_hint(
                    "TGT-010",
                    at,
                    format!("按备注测算：{steps} = {total} 万元，与{name} {a} 万元不符"),
                    "核对人数、标准或预算金额",
                );
            }
        }
    }
}

/// Indicator checks of the department form and of every direction.
fn indicators(out: &mut O<'_>) {
    let t = out.doc();
    let f = &t.department_form.funds;
    let total = f.general + f.fund + f.other;
    let dirs: Vec<(&str, Money)> = t
        .special_funds
        .directions
        .iter()
        .map(|d| (d.name.trim(), d.amount))
        .collect();
    indicator_list(
        out,
        "department_form.indicators",
        &t.department_form.indicators,
        &[("项目支出", f.project), ("资金总额", total)],
        None,
        &dirs,
    );
    for (i, d) in t.special_funds.directions.iter().enumerate() {
        indicator_list(
            out,
            &format!("special_funds.directions[{i}].indicators"),
            &d.indicators,
            &[("该支出方向金额", d.amount)],
            Some(("该支出方向金额", d.amount)),
            &[],
        );
    }
}

#[cfg(test)]
mod tests;
