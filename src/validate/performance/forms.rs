//! What performance forms say against one another and against their own goal texts: one
//! indicator, two histories or targets (PRF-005, PRF-006); a goal text whose figure
//! contradicts its indicator (PRF-007); a function classification code used as a project
//! code (PRF-008); two projects with one goal text (PRF-009).

use std::collections::BTreeMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::COMPARATORS;
use crate::catalog;
use crate::load::schema::{Goal, Indicator};
use crate::validate::Out;

pub(super) fn check(out: &mut Out<'_>) {
    shared_indicators(out);
    goal_texts(out);
    codes(out);
    copied_goals(out);
}

/// Units an indicator or a goal text gives a figure in, longest first.
const UNITS: &[&str] = &[
    "人次", "万元", "小时", "%", "％", "件", "人", "次", "天", "日", "个", "种", "场", "户", "元",
    "宗", "项", "篇", "期", "台", "套", "辆", "家", "所", "座", "名", "批", "份",
];

/// The number and unit of an indicator value (`≥95%` → 95, `%`); `None` for
/// qualitative values.
pub(super) fn quantity(value: &str) -> Option<(Decimal, &'static str)> {
    let rest = value.trim().trim_start_matches(COMPARATORS).trim_start();
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    let number = Decimal::from_str(&rest[..end]).ok()?;
    let unit = UNITS
        .iter()
        .find(|u| rest[end..].trim_start().starts_with(**u))?;
    Some((number, if *unit == "％" { "%" } else { unit }))
}

/// The names a goal text may call an indicator by: its 三级指标, and that name without a
/// trailing 率/数 (网上信访占比率 → 网上信访占比).
fn stems(name: &str) -> Vec<String> {
    let mut v = vec![name.to_owned()];
    for suffix in ["次数", "人数", "率", "数"] {
        if let Some(s) = name.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                v.push(s.to_owned());
            }
        }
    }
    v
}

/// Figures a goal text states right after `stem` (`网上信访占比达到50%` → 50, `%`).
fn stated_after(text: &str, stem: &str) -> Vec<(Decimal, &'static str)> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices(stem) {
        let after = &text[at + stem.len()..];
        // Up to a few characters of wording (达到、不低于、在) before the number.
        let mut chars = after.char_indices().peekable();
        let mut start = None;
        for (n, (i, c)) in chars.by_ref().enumerate() {
            if c.is_ascii_digit() {
                start = Some(i);
                break;
            }
            if n >= 6 || "，。；、,;：:（(".contains(c) {
                break;
            }
        }
        let Some(start) = start else { continue };
        if let Some(q) = quantity(&after[start..]) {
            found.push(q);
        }
    }
    found
}

/// A goal text that states a figure for one of its own indicators states the same figure
/// (PRF-007).
fn goal_texts(out: &mut Out<'_>) {
    let b = out.budget();
    let mut goals: Vec<(String, &Goal)> = Vec::new();
    if let Some(d) = &b.department_performance {
        for (list, v) in [
            ("long_term_goals", &d.long_term_goals),
            ("annual_goals", &d.annual_goals),
        ] {
            goals.extend(
                v.iter()
                    .enumerate()
                    .map(|(g, goal)| (format!("department_performance.{list}[{g}]"), goal)),
            );
        }
    }
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        for (list, v) in [
            ("long_term_goals", &f.long_term_goals),
            ("annual_goals", &f.annual_goals),
        ] {
            goals.extend(
                v.iter()
                    .enumerate()
                    .map(|(g, goal)| (format!("projects[{i}].performance.{list}[{g}]"), goal)),
            );
        }
    }
    for (field, goal) in goals {
        for (k, ind) in goal.indicators.iter().enumerate() {
            let Some((value, unit)) = quantity(&ind.value) else {
                continue;
            };
            let said: Vec<(Decimal, &str)> = stems(&ind.name)
                .iter()
                .flat_map(|s| stated_after(&goal.text, s))
                .collect();
            let Some((n, _)) = said
                .iter()
                .find(|(n, u)| *u == unit && n.normalize() != value.normalize())
            else {
                continue;
            };
            let note = out.note(
                format!("{field}.indicators[{k}].value"),
                format!("指标“{}”：{}", ind.name, ind.value),
            );
            out.emit(
                "PRF-007",
                format!("{field}.text"),
                format!(
                    "目标文字写“{}”为 {}{unit}，其指标“{}”的指标值为 {}",
                    ind.name,
                    n.normalize(),
                    ind.name,
                    ind.value
                ),
            )
            .notes = vec![note];
        }
    }
}

/// One indicator on the department form and on a project form: one history, one target
/// (PRF-005); long-term targets alike (PRF-006).
fn shared_indicators(out: &mut Out<'_>) {
    let b = out.budget();
    let Some(d) = &b.department_performance else {
        return;
    };
    let index = |goals: &[Goal], list: &str| -> BTreeMap<String, (String, Indicator)> {
        let mut m = BTreeMap::new();
        for (g, goal) in goals.iter().enumerate() {
            for (k, ind) in goal.indicators.iter().enumerate() {
                m.entry(ind.name.trim().to_owned()).or_insert_with(|| {
                    (
                        format!("department_performance.{list}[{g}].indicators[{k}]"),
                        ind.clone(),
                    )
                });
            }
        }
        m
    };
    let annual = index(&d.annual_goals, "annual_goals");
    let long_term = index(&d.long_term_goals, "long_term_goals");
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        for (list, goals, dept, rule) in [
            ("annual_goals", &f.annual_goals, &annual, "PRF-005"),
            ("long_term_goals", &f.long_term_goals, &long_term, "PRF-006"),
        ] {
            for (g, goal) in goals.iter().enumerate() {
                for (k, ind) in goal.indicators.iter().enumerate() {
                    let Some((dfield, dind)) = dept.get(ind.name.trim()) else {
                        continue;
                    };
                    let field = format!("projects[{i}].performance.{list}[{g}].indicators[{k}]");
                    let history = |x: &Indicator| {
                        x.history
                            .as_ref()
                            .map(|h| format!("{}、{}", h[0].trim(), h[1].trim()))
                    };
                    let mut differs = Vec::new();
                    if ind.value.trim() != dind.value.trim() {
                        differs.push(format!(
                            "指标值为 {}，部门整体绩效目标表为 {}",
                            ind.value, dind.value
                        ));
                    }
                    if let (Some(a), Some(b)) = (history(ind), history(dind)) {
                        if rule == "PRF-005" && a != b {
                            differs.push(format!("近两年指标值为 {a}，部门整体绩效目标表为 {b}"));
                        }
                    }
                    if differs.is_empty() {
                        continue;
                    }
                    let note = out.note(
                        dfield.clone(),
                        format!("部门整体绩效目标表的“{}”", dind.name),
                    );
                    let what = if rule == "PRF-005" { "" } else { "长期" };
                    out.emit(
                        rule,
                        field.clone(),
                        format!(
                            "项目“{}”的{what}指标“{}”与部门整体绩效目标表的同名指标不一致：{}",
                            p.name,
                            ind.name,
                            differs.join("；")
                        ),
                    )
                    .notes = vec![note];
                }
            }
        }
    }
}

/// A project code that is a function classification code (PRF-008).
fn codes(out: &mut Out<'_>) {
    let b = out.budget();
    for (i, p) in b.projects.iter().enumerate() {
        let form = p.performance.as_ref().and_then(|f| f.code.as_deref());
        for (code, field) in [
            (p.code.as_deref(), format!("projects[{i}].code")),
            (form, format!("projects[{i}].performance.code")),
        ] {
            let Some(code) = code.map(str::trim) else {
                continue;
            };
            if code.len() != 7 || !code.bytes().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let message = match (catalog::function(code), code.get(..3).and_then(catalog::function)) {
                (Some(e), _) => format!(
                    "项目“{}”的代码“{code}”是支出功能分类科目“{}”的编码，不是项目代码",
                    p.name, e.name
                ),
                (None, Some(class)) => format!(
                    "项目“{}”的代码“{code}”形如支出功能分类科目（{}）的项级编码（目录中没有，或已废止），不是项目代码",
                    p.name, class.name
                ),
                _ => continue,
            };
            out.push_hint(
                "PRF-008",
                field,
                message,
                "项目代码是预算管理一体化系统中项目库的编码",
            );
        }
    }
}

/// Two projects with the same goal text (PRF-009): one was copied from the other.
fn copied_goals(out: &mut Out<'_>) {
    let b = out.budget();
    let mut seen: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        for (list, goals) in [
            ("long_term_goals", &f.long_term_goals),
            ("annual_goals", &f.annual_goals),
        ] {
            for (g, goal) in goals.iter().enumerate() {
                let text = goal.text.trim();
                if text.chars().count() < 8 {
                    continue;
                }
                let field = format!("projects[{i}].performance.{list}[{g}].text");
                match seen.get(text) {
                    Some((j, first)) if *j != i => {
                        let note = out.note(
                            first.clone(),
                            format!("项目“{}”的目标", b.projects[*j].name),
                        );
                        out.emit(
                            "PRF-009",
                            field,
                            format!(
                                "项目“{}”的绩效目标与项目“{}”的完全相同",
                                p.name, b.projects[*j].name
                            ),
                        )
                        .notes = vec![note];
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(text, (i, field));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_in_indicators_and_goal_texts() {
        assert_eq!(quantity("≥70%"), Some((Decimal::from(70), "%")));
        assert_eq!(quantity("5人次"), Some((Decimal::from(5), "人次")));
        assert_eq!(quantity("更加完善"), None);
        assert_eq!(
            stated_after("实现网上信访占比达到50%，案件受理及时", "网上信访占比"),
            vec![(Decimal::from(50), "%")]
        );
        assert_eq!(
            stated_after("区党政主要领导阅信件不低于50件", "区党政主要领导阅信件"),
            vec![(Decimal::from(50), "件")]
        );
        // A figure after punctuation belongs to something else.
        assert!(stated_after("网上信访占比，2024年", "网上信访占比").is_empty());
        assert_eq!(stems("网上信访占比率"), ["网上信访占比率", "网上信访占比"]);
    }
}
