//! The validator on the reference reports as they were published: entering their tables
//! the way a clerk copies them (with the printed subtotals, totals and narrative changes)
//! makes `check` report the documents' real contradictions at the right place.

mod common;

use gongkai::{Diagnostic, Options, Severity};

fn check(text: &str) -> Vec<Diagnostic> {
    let loaded = gongkai::Input::from_str("published.yaml", text).expect("loads");
    gongkai::check(&loaded, &Options::default()).expect("layout")
}

/// Everything Jianghan's published tables print as totals, as a clerk would copy it.
const JIANGHAN_STATED: &str = "stated:
  income_total: 825.16
  expenditure_total: 825.16
  basic: 482.97
  project: 342.19
  function_totals:
    - { code: \"201\", amount: 676.94 }
    - { code: \"20140\", amount: 676.94 }
    - { code: \"208\", amount: 46.79 }
    - { code: \"20805\", amount: 46.79 }
    - { code: \"210\", amount: 37.09 }
    - { code: \"21011\", amount: 37.09 }
    - { code: \"221\", amount: 64.34 }
    - { code: \"22102\", amount: 64.34 }
  economic_totals:
    - { code: \"301\", amount: 425.11 }
    - { code: \"302\", amount: 44.75 }
    - { code: \"303\", amount: 13.11 }
  changes:
    - { subject: total, amount: 28.64, percent: 3.6 }
    - { subject: general, amount: 28.64 }
    - { subject: admin_costs, amount: -7.25, percent: -13.9 }
    - { subject: procurement, amount: -9, percent: -60 }
    - { subject: sangong, amount: 0 }
";

/// The published 指标分值权重 of table 15, form by form, in the order of the annual
/// indicators (each form adds up to 80).
const JIANGHAN_WEIGHTS: [&[u32]; 3] = [
    &[10, 10, 10, 10, 10, 10, 20],
    &[5, 5, 6, 6, 6, 6, 6, 10, 10, 20],
    &[3, 3, 3, 3, 4, 5, 5, 5, 5, 4, 10, 10, 20],
];

/// The Jianghan input as its published tables print it: the forms' codes (2010308 on
/// all three), the second form's misspelt project name, the weights adding up to 80,
/// 人员在位数 with another history on the second form, 网上信访占比率 ≥70% under a goal
/// text that says 50%, and the printed totals and changes.
fn jianghan_published() -> String {
    let clean =
        std::fs::read_to_string(common::root().join("inputs/jianghan-2024.yaml")).expect("input");
    let mut text = String::new();
    let (mut form, mut annual, mut k) = (0, false, 0);
    for line in clean.lines() {
        let mut line = line.to_owned();
        if line.starts_with("      annual_goals:") {
            annual = true;
            k = 0;
        } else if !line.starts_with("        ") {
            // Another key of the form (or anything less indented) ends the annual goals.
            annual = false;
        }
        if annual && line.contains("level1:") && form >= 1 {
            let w = JIANGHAN_WEIGHTS[form - 1][k];
            line = line.replacen(", basis:", &format!(", weight: {w}, basis:"), 1);
            k += 1;
        }
        if form == 2 {
            line = line.replace(
                "name: 人员在位数, history: [8人, 6人]",
                "name: 人员在位数, history: [5人, 5人]",
            );
        }
        line = line.replace(
            "name: 网上信访占比率, value: \"≥50%\"",
            "name: 网上信访占比率, value: \"≥70%\"",
        );
        text.push_str(&line);
        text.push('\n');
        if line == "    performance:" {
            form += 1;
            text.push_str("      code: \"2010308\"\n");
            if form == 2 {
                text.push_str("      name: 临时工作人员经费\n");
            }
        }
    }
    text.replacen("narrative:", &format!("{JIANGHAN_STATED}narrative:"), 1)
}

#[test]
fn jianghan_as_published() {
    let text = jianghan_published();
    let diags = check(&text);
    let errors: Vec<(&str, &str, usize)> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule, d.field.as_str(), d.line))
        .collect();
    let first_form = common::line_of(&text, "      code: \"2010308\"", 0);
    let second_form = common::line_of(&text, "      code: \"2010308\"", first_form);
    let third_form = common::line_of(&text, "      code: \"2010308\"", second_form);
    let weights = |form: usize| {
        common::line_of(
            &text,
            "          indicators:",
            common::line_of(&text, "      annual_goals:", form),
        )
    };
    let staff = common::line_of(&text, "name: 人员在位数, history: [5人, 5人]", 0);
    assert_eq!(
        errors,
        [
            (
                "PRF-001",
                "projects[0].performance.annual_goals[0].indicators",
                weights(first_form)
            ),
            ("SET-004", "projects[1].performance.code", second_form),
            ("SET-002", "projects[1].performance.name", second_form + 1),
            (
                "PRF-001",
                "projects[1].performance.annual_goals[0].indicators",
                weights(second_form)
            ),
            (
                "PRF-005",
                "projects[1].performance.annual_goals[0].indicators[0]",
                staff
            ),
            ("SET-004", "projects[2].performance.code", third_form),
            (
                "PRF-001",
                "projects[2].performance.annual_goals[0].indicators",
                weights(third_form)
            ),
        ],
        "{diags:#?}"
    );
    let staff_error = diags.iter().find(|d| d.rule == "PRF-005").expect("PRF-005");
    assert!(
        staff_error.message.contains("8人、6人"),
        "{}",
        staff_error.message
    );
    assert_eq!(
        staff_error.notes.len(),
        1,
        "the department form's indicator is noted"
    );
    // Every printed total and change agrees with the tables. The warnings: the goal text's
    // 50% against its indicator's ≥70%, the function code used as project code on each
    // form, unexplained changes, no approval date.
    let mut warnings: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.rule)
        .collect();
    warnings.sort_unstable();
    assert_eq!(
        warnings,
        ["EXP-004", "EXP-005", "EXP-006", "PRF-007", "PRF-008", "PRF-008", "PRF-008"],
        "{diags:#?}"
    );
    let goal = diags.iter().find(|d| d.rule == "PRF-007").expect("PRF-007");
    assert_eq!(goal.field, "department_performance.annual_goals[1].text");
    assert!(
        goal.message.contains("50%") && goal.message.contains("≥70%"),
        "{}",
        goal.message
    );
}

#[test]
fn zengdu_sangong_percentage_is_computed_on_the_wrong_base() {
    // 曾都区信访局 2023: "公务接待费 0.2 万元，比上年 0.23 万元减少 0.03 万元，同比减少 15%".
    // 0.03 ÷ 0.23 = 13.0%; the printed 15% is 0.03 ÷ 0.2, this year's figure.
    let minimal = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("fixture");
    let text = minimal
        .replace(
            "reception: { current: 0, previous: 0 }",
            "reception: { current: 0.2, previous: 0.23, reason: 严格控制三公经费支出 }",
        )
        .replacen(
            "narrative:",
            "stated:\n  changes:\n    - { subject: reception, amount: -0.03, percent: -15 }\nnarrative:",
            1,
        );
    let diags = check(&text);
    let d = diags
        .iter()
        .find(|d| d.rule == "RND-002")
        .expect("RND-002 reported");
    assert_eq!(d.field, "stated.changes[0].percent");
    assert_eq!(d.line, common::line_of(&text, "subject: reception", 0));
    assert!(
        d.message.contains("应为 -13%") && d.message.contains("以本年数 0.2 为基数"),
        "{}",
        d.message
    );
}

#[test]
fn zengdu_as_published() {
    // 曾都区信访局 2023 (hubei-short layout), entered as published: last year's basic
    // expenditure 123.54 (with 195 of projects against a total of 318.55), a performance
    // form for a project without a budget, and the changes its narrative prints: "减少了
    // 12.92 万元，减少 4%" (total and general), 机关运行经费 "减少 0.05 万元，降低 0.29%",
    // "三公" and 公务接待费 "减少 0.03 万元，同比减少 15%" (0.03 ÷ 0.2, this year's figure; on
    // last year's 0.23 it is 13%), 基本支出 "增加 34.09 万元" and 项目支出 "减少 35 万元"
    // (148 − 195 = −47).
    let clean =
        std::fs::read_to_string(common::root().join("inputs/zengdu-2023.yaml")).expect("input");
    let form = include_str!("fixtures/zengdu-jiefang-form.yaml");
    let clean = clean
        .replace(
            "  basic: 123.55     # 原文印 123.54（与 195 相加不等于 318.55），见文件头",
            "  basic: 123.54",
        )
        .replace(
            "  since: \"2022-01-01\"\n  as_of: \"2022-12-31\"",
            "  since: \"2023-01-01\"\n  as_of: \"2023-12-31\"",
        )
        .replace(
            "    purpose: 接访中心日常办公费\n",
            &format!("    purpose: 接访中心日常办公费\n{form}"),
        );
    let text = clean.replacen(
        "narrative:",
        "stated:
  income_total: 305.63
  expenditure_total: 305.63
  basic: 157.63
  project: 148
  function_totals:
    - { code: \"201\", amount: 257.53 }
    - { code: \"208\", amount: 24.53 }
    - { code: \"210\", amount: 13.16 }
    - { code: \"221\", amount: 10.41 }
  economic_totals:
    - { code: \"301\", amount: 128.89 }
    - { code: \"302\", amount: 17.27 }
    - { code: \"303\", amount: 11.47 }
  changes:
    - { subject: total, amount: -12.92, percent: -4 }
    - { subject: general, amount: -12.92 }
    - { subject: admin_costs, amount: -0.05, percent: -0.29 }
    - { subject: sangong, amount: -0.03, percent: -15 }
    - { subject: reception, amount: -0.03, percent: -15 }
    - { subject: basic, amount: 34.09 }
    - { subject: project, amount: -35 }
  assets:
    opening_total: 30.77
    closing_total: 37.35
    change: 6.58
    categories:
      - { name: 通用设备, amount: 5.95, percent: 23 }
      - { name: 家具用具, percent: 2 }
narrative:",
        1,
    );
    let diags = check(&text);
    let errors: Vec<(&str, &str, usize)> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule, d.field.as_str(), d.line))
        .collect();
    assert_eq!(
        errors,
        [
            (
                "SUM-014",
                "previous_year.total",
                common::line_of(&text, "  total: 318.55", 0)
            ),
            (
                "PRF-004",
                "projects[3].performance",
                common::line_of(
                    &text,
                    "    performance:",
                    common::line_of(&text, "name: 接访中心工作经费", 0)
                )
            ),
            (
                "RND-002",
                "stated.changes[3].percent",
                common::line_of(&text, "subject: sangong", 0)
            ),
            (
                "RND-002",
                "stated.changes[4].percent",
                common::line_of(&text, "subject: reception", 0)
            ),
            (
                "RND-002",
                "stated.changes[6].amount",
                common::line_of(&text, "subject: project", 0)
            ),
            (
                "SUM-004",
                "stated.assets.opening_total",
                common::line_of(&text, "opening_total: 30.77", 0)
            ),
            (
                "SUM-004",
                "stated.assets.closing_total",
                common::line_of(&text, "closing_total: 37.35", 0)
            ),
            (
                "RND-002",
                "stated.assets.change",
                common::line_of(&text, "change: 6.58", 0)
            ),
            (
                "RND-002",
                "stated.assets.categories[0].amount",
                common::line_of(&text, "name: 通用设备, amount: 5.95", 0)
            ),
            (
                "RND-002",
                "stated.assets.categories[0].percent",
                common::line_of(&text, "name: 通用设备, amount: 5.95", 0)
            ),
        ],
        "{diags:#?}"
    );
    for d in diags.iter().filter(|d| {
        d.rule == "RND-002" && d.field.starts_with("stated.changes") && d.field.ends_with("percent")
    }) {
        assert!(
            d.message.contains("应为 -13%") && d.message.contains("以本年数 0.2 为基数"),
            "{}",
            d.message
        );
    }
    let project = diags
        .iter()
        .find(|d| d.field == "stated.changes[6].amount")
        .expect("project change");
    assert!(
        project.message.contains("应为 -47 万元"),
        "{}",
        project.message
    );
    // The other printed totals agree; the warnings: the assets dated in the budget year
    // itself, and the missing approval date.
    let mut warnings: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.rule)
        .collect();
    warnings.sort_unstable();
    assert_eq!(warnings, ["AST-002", "EXP-006"], "{diags:#?}");
}
