//! PRF rules: performance indicators are well-formed and their weights add up; a form
//! belongs to a project with a budget. What one form says against another or against its
//! own goal texts is in `performance/forms.rs`.

mod forms;

use rust_decimal::Decimal;

use super::Out;
use crate::load::schema::Goal;
use crate::num::Money;

/// Comparators an indicator value may start with.
const COMPARATORS: &[char] = &['=', '≥', '≤', '>', '<', '＞', '＜', '≈', '＝'];

/// True for values like `=100%`, `≥95%`, `5件`, `0次`, `≥2种`, or qualitative text.
pub(super) fn well_formed(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    if !v.chars().any(|c| c.is_ascii_digit()) {
        // Qualitative: 更加完善, 下降, 提高 … but not a bare comparator.
        return !v
            .chars()
            .all(|c| COMPARATORS.contains(&c) || c.is_whitespace());
    }
    let rest = v.trim_start_matches(COMPARATORS).trim_start();
    let number_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let (number, unit) = rest.split_at(number_end);
    !number.is_empty()
        && number.parse::<Decimal>().is_ok()
        && unit.chars().count() <= 4
        && !unit.chars().any(|c| c.is_ascii_digit())
}

fn goals(out: &mut Out<'_>, goals: &[Goal], field: &str, owner: &str) {
    let mut found = Vec::new();
    for (g, goal) in goals.iter().enumerate() {
        for (k, ind) in goal.indicators.iter().enumerate() {
            if !well_formed(&ind.value) {
                found.push((
                    "PRF-002",
                    format!("{field}[{g}].indicators[{k}].value"),
                    format!("指标“{}”的指标值“{}”无法识别", ind.name, ind.value),
                ));
            }
            if let Some(h) = &ind.history {
                for (j, v) in h.iter().enumerate() {
                    if !v.trim().is_empty() && !well_formed(v) {
                        found.push((
                            "PRF-002",
                            format!("{field}[{g}].indicators[{k}].history[{j}]"),
                            format!("指标“{}”的历史值“{v}”无法识别", ind.name),
                        ));
                    }
                }
            }
        }
        if goal.indicators.iter().any(|i| i.weight.is_some()) {
            let total: Money = goal.indicators.iter().filter_map(|i| i.weight).sum();
            if total.0 != Decimal::ONE_HUNDRED {
                found.push((
                    "PRF-001",
                    format!("{field}[{g}].indicators"),
                    format!(
                        "{owner}目标 {} 的指标分值权重合计为 {total}，应为 100",
                        g + 1
                    ),
                ));
            }
        }
    }
    for (rule, f, msg) in found {
        out.push(rule, f, msg);
    }
}

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    if let Some(d) = &b.department_performance {
        goals(
            out,
            &d.long_term_goals,
            "department_performance.long_term_goals",
            "部门整体长期",
        );
        goals(
            out,
            &d.annual_goals,
            "department_performance.annual_goals",
            "部门整体年度",
        );
    }
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        let owner = format!("项目“{}”", p.name);
        goals(
            out,
            &f.long_term_goals,
            &format!("projects[{i}].performance.long_term_goals"),
            &format!("{owner}长期"),
        );
        goals(
            out,
            &f.annual_goals,
            &format!("projects[{i}].performance.annual_goals"),
            &format!("{owner}年度"),
        );
        if !f.annual_goal_weights.is_empty() {
            let total: Money = f.annual_goal_weights.iter().sum();
            if total.0 != Decimal::ONE_HUNDRED {
                out.push(
                    "PRF-003",
                    format!("projects[{i}].performance.annual_goal_weights"),
                    format!(
                        "项目“{}”各年度目标的指标权重比例合计为 {total}%，应为 100%",
                        p.name
                    ),
                );
            }
        }
        if (p.amounts.total() + p.carryover.total()).is_zero() {
            out.push_hint(
                "PRF-004",
                format!("projects[{i}].performance"),
                format!("项目“{}”申报了绩效目标，但本年没有预算", p.name),
                "绩效目标随预算申报：没有预算的项目不填申报表（或补录其预算）",
            );
        }
    }
    forms::check(out);
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn indicator_values() {
        for ok in [
            "=100%",
            "≥95%",
            "5件",
            "0次",
            "≥ 2种",
            "更加完善",
            "下降",
            ">0%",
            "100%",
            "≥150件",
            "8人",
        ] {
            assert!(well_formed(ok), "{ok}");
        }
        for bad in ["", "=", "≥≥", "95%%%%%%", "1.2.3%", "约 5 件 以上 之类"] {
            assert!(!well_formed(bad), "{bad}");
        }
    }
}
