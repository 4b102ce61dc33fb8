//! The output invariant, checked on the tables as they print (`blocks::audit`): a printed
//! total that is not the sum of its printed rows is reported (RND-003) unless 尾差调整 is
//! on, and a negative printed amount refuses publication (RND-005). These rules are found
//! after derivation, so their triggering cases live here rather than in the validator's
//! rule-case list.

mod common;

use gongkai::{Diagnostic, Format, Options, Severity};

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

/// Two 项 of 1.005 under one 款, entered with three decimals and printed with two: the 款
/// prints 2.01, its 项 1.01 + 1.01 (their economic lines mirror them).
fn rounding_break(adjust: bool) -> String {
    MINIMAL
        .replace(
            "year: 2025",
            &format!("year: 2025\ndisplay:\n  input_decimals: 3\n  adjust_rounding: {adjust}"),
        )
        .replace(
            "    project: 20\nbasic_economic:",
            "    project: 20\n  - code: \"2080501\"\n    name: 行政单位离退休\n    personnel: 1.005\n  - code: \"2080505\"\n    name: 机关事业单位基本养老保险缴费支出\n    personnel: 1.005\nbasic_economic:",
        )
        .replace("general: 110.5", "general: 112.51")
        .replace(
            "  - code: \"30201\"",
            "  - code: \"30302\"\n    name: 退休费\n    personnel: 1.005\n  - code: \"30108\"\n    name: 机关事业单位基本养老保险缴费\n    personnel: 1.005\n  - code: \"30201\"",
        )
}

fn check(text: &str) -> Vec<Diagnostic> {
    let loaded = gongkai::Input::from_str("t.yaml", text).expect("loads");
    gongkai::check(&loaded, &Options::default()).expect("layout")
}

#[test]
fn rnd003_names_each_table_whose_printed_totals_do_not_add_up() {
    let text = rounding_break(false);
    let diags = check(&text);
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.rule == "RND-003").collect();
    assert!(!found.is_empty(), "{diags:#?}");
    assert!(found.iter().all(|d| d.severity == Severity::Warning));
    assert!(
        found.iter().any(|d| d.message.starts_with("预算05表")),
        "the general public budget table by function is named: {found:#?}"
    );
    let line = common::line_of(&text, "display:", 0);
    assert!(found.iter().all(|d| d.field == "display" && d.line == line));
    assert!(
        found.iter().flat_map(|d| &d.notes).any(|n| n
            .message
            .starts_with("20805 行政事业单位养老支出 印为 2.01，其下各行印出之和为 2.02")),
        "{found:#?}"
    );
}

#[test]
fn rnd003_is_silent_when_the_printed_tables_add_up() {
    // 尾差调整 on: the same budget prints tables that add up.
    let diags = check(&rounding_break(true));
    assert!(!diags.iter().any(|d| d.rule == "RND-003"), "{diags:#?}");
    // Figures entered with the printed decimals add up by themselves.
    assert!(!check(MINIMAL).iter().any(|d| d.rule.starts_with("RND")));
}

#[test]
fn rnd005_refuses_a_negative_printed_amount() {
    // Only a draft gets this far with a negative figure (AMT-004 refuses it otherwise).
    let text = MINIMAL.replace(
        "    public: 10.25\n  - code: \"2014002\"",
        "    public: -10.25\n  - code: \"2014002\"",
    );
    let loaded = gongkai::Input::from_str("t.yaml", &text).expect("loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![Format::Markdown],
            draft: true,
            ..Options::default()
        },
    )
    .expect("a draft is written");
    let neg: Vec<&Diagnostic> = art
        .diagnostics
        .iter()
        .filter(|d| d.rule == "RND-005")
        .collect();
    assert!(!neg.is_empty(), "{:#?}", art.diagnostics);
    assert!(neg.iter().all(|d| d.severity == Severity::Error));
    assert!(neg[0].message.contains("-10.25"), "{}", neg[0].message);
    // Without a negative figure nothing prints negative.
    assert!(!check(MINIMAL).iter().any(|d| d.rule == "RND-005"));
}

/// `text` printed with `dp` decimals from figures entered to the 0.01, with 尾差调整.
fn adjusted(text: &str, dp: u32) -> String {
    let mut e = gongkai::load::edit::Editor::new(text).expect("valid yaml");
    if e.has("display") {
        for (key, value) in [
            ("decimals", dp.to_string()),
            ("input_decimals", "2".to_owned()),
            ("adjust_rounding", "true".to_owned()),
        ] {
            if !e.set(&format!("display.{key}"), value.clone()) {
                e.insert("display", key, &value);
            }
        }
        e.finish().expect("edits")
    } else {
        text.replacen(
            "\ndepartment:",
            &format!("\ndisplay:\n  decimals: {dp}\n  input_decimals: 2\n  adjust_rounding: true\ndepartment:"),
            1,
        )
    }
}

#[test]
fn with_adjustment_every_example_prints_tables_that_add_up_and_nothing_negative() {
    for name in [
        "example-2025",
        "jianghan-2024",
        "longgang-2021",
        "zengdu-2023",
    ] {
        let text = std::fs::read_to_string(common::root().join(format!("inputs/{name}.yaml")))
            .expect("input");
        for dp in [0, 1] {
            let diags = check(&adjusted(&text, dp));
            let bad: Vec<&Diagnostic> = diags
                .iter()
                .filter(|d| {
                    d.severity == Severity::Error || matches!(d.rule, "RND-003" | "RND-005")
                })
                .collect();
            assert!(bad.is_empty(), "{name} at {dp} decimals: {bad:#?}");
        }
    }
}
