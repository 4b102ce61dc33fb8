//! The validator on the reference reports as they were published: entering their tables
//! the way a clerk copies them (with the printed subtotals, totals and narrative changes)
//! makes `check` report the documents' real contradictions at the right place.

mod common;

use gongkai::{Diagnostic, Options, Severity};

fn check(text: &str) -> Vec<Diagnostic> {
    let loaded = gongkai::load::from_str("published.yaml", text).expect("loads");
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

#[test]
fn jianghan_as_published() {
    let clean =
        std::fs::read_to_string(common::root().join("inputs/jianghan-2024.yaml")).expect("input");
    // The three table-15 forms print the code 2010308, and the second form misspells its
    // project as 临时工作人员经费.
    let mut text = String::new();
    let mut form = 0;
    for line in clean.lines() {
        text.push_str(line);
        text.push('\n');
        if line == "    performance:" {
            form += 1;
            text.push_str("      code: \"2010308\"\n");
            if form == 2 {
                text.push_str("      name: 临时工作人员经费\n");
            }
        }
    }
    let text = text.replacen("narrative:", &format!("{JIANGHAN_STATED}narrative:"), 1);
    let diags = check(&text);
    let errors: Vec<(&str, &str, usize)> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule, d.field.as_str(), d.line))
        .collect();
    let first_form = common::line_of(&text, "      code: \"2010308\"", 0);
    let second_form = common::line_of(&text, "      code: \"2010308\"", first_form);
    let third_form = common::line_of(&text, "      code: \"2010308\"", second_form);
    assert_eq!(
        errors,
        [
            ("SET-004", "projects[1].performance.code", second_form),
            ("SET-002", "projects[1].performance.name", second_form + 1),
            ("SET-004", "projects[2].performance.code", third_form),
        ],
        "{diags:#?}"
    );
    // Every printed total and change agrees with the tables; the published problems that
    // remain are warnings: weights adding up to 80, unexplained changes, no approval date.
    let mut warnings: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.rule)
        .collect();
    warnings.sort_unstable();
    assert_eq!(
        warnings,
        ["EXP-004", "EXP-005", "EXP-006", "PRF-001", "PRF-001", "PRF-001"]
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
    // 曾都区信访局 2023 (hubei-short layout), entered with the changes its narrative prints:
    // "减少了 12.92 万元，减少 4%" (total and general), 机关运行经费 "减少 0.05 万元，降低 0.29%",
    // "三公" and 公务接待费 "减少 0.03 万元，同比减少 15%". The 15% is 0.03 ÷ 0.2, this year's
    // figure; on last year's 0.23 it is 13%. Its other contradictions (项目支出 "减少 35 万元" vs
    // "比上年 195 万元减少 47 万元"; 上年 123.54 + 195 ≠ 318.55) have no `stated` field and
    // are recorded in the input's header.
    let clean =
        std::fs::read_to_string(common::root().join("inputs/zengdu-2023.yaml")).expect("input");
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
                "RND-002",
                "stated.changes[3].percent",
                common::line_of(&text, "subject: sangong", 0)
            ),
            (
                "RND-002",
                "stated.changes[4].percent",
                common::line_of(&text, "subject: reception", 0)
            ),
        ],
        "{diags:#?}"
    );
    for d in diags.iter().filter(|d| d.rule == "RND-002") {
        assert!(
            d.message.contains("应为 -13%") && d.message.contains("以本年数 0.2 为基数"),
            "{}",
            d.message
        );
    }
    // The printed totals all agree; the only warning is the missing approval date.
    let warnings: Vec<&str> = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.rule)
        .collect();
    assert_eq!(warnings, ["EXP-006"], "{diags:#?}");
}
