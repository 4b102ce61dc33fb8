//! Every EVL rule has a triggering case here (changes to the minimal valid self-evaluation,
//! with the field and line it must report); the clean inputs trigger nothing.

use super::*;
use crate::error::{Error, Severity};
use crate::load;

const MINIMAL: &str = include_str!("../../../tests/fixtures/selfeval-minimal.yaml");
const LONGGANG: &str = include_str!("../../../inputs/longgang-2021-selfeval.yaml");

/// All diagnostics for `text`, from loading or from the rules.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match load::parse::<SelfEvaluation>("t.yaml", text) {
        Ok(l) => check(&l, &Options::default()),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn apply(changes: &[(&str, &str)]) -> String {
    crate::validate::cases::apply(MINIMAL, changes)
}

/// A rule case: rule, changes to the minimal input, expected field, expected line.
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
    usize,
);

fn cases() -> Vec<Case> {
    vec![
        (
            "EVL-001",
            vec![("84.87%", "90%")],
            "projects[1].stated_rate",
            23,
        ),
        (
            "EVL-002",
            vec![("84.87%", "84.88%")],
            "projects[1].stated_rate",
            23,
        ),
        (
            "EVL-003",
            vec![("actual: { general: 9.5 }", "actual: { general: 10.5 }")],
            "projects[0].actual.general",
            10,
        ),
        (
            "EVL-004",
            vec![("budget: { general: 10 }", "budget: { general: 0 }")],
            "projects[0].budget",
            9,
        ),
        (
            "EVL-005",
            vec![("actual: { general: 9.5 }", "actual: { general: -1 }")],
            "projects[0].actual.general",
            10,
        ),
        (
            "EVL-006",
            vec![("actual: { general: 9.5 }", "actual: { general: 9.505 }")],
            "projects[0].actual.general",
            10,
        ),
        (
            "EVL-007",
            vec![(
                "{ target: 购置设备数量, result: 5件 }",
                "{ target: 购置设备数量 }",
            )],
            "projects[0].indicators.output.quantity",
            15,
        ),
        (
            "EVL-008",
            vec![("- name: 业务培训", "- name: 办公设备购置")],
            "projects[1].name",
            20,
        ),
        (
            "EVL-009",
            vec![("target: 按计划购置办公设备。", "target: \"\"")],
            "projects[0].target",
            11,
        ),
        (
            "EVL-010",
            vec![("    fixes: 已协调会议室。\n", "")],
            "projects[1].problems",
            26,
        ),
        (
            "EVL-011",
            vec![(
                "target: 按计划购置办公设备。",
                "target: 按计划购置XX台办公设备。",
            )],
            "projects[0].target",
            11,
        ),
        (
            "EVL-012",
            vec![(
                "target: 按计划购置办公设备。",
                "target: 2019年按计划购置办公设备。",
            )],
            "projects[0].target",
            11,
        ),
        ("EVL-013", vec![("year: 2025", "year: 1925")], "year", 3),
    ]
}

#[test]
fn every_case_triggers_its_rule_where_expected() {
    crate::validate::cases::check_cases(
        MINIMAL,
        &cases(),
        diagnostics,
        &crate::validate::cases::Strictness {
            others_allowed: false,
        },
    );
}

#[test]
fn every_evl_rule_has_a_triggering_case() {
    crate::validate::cases::every_rule_has_a_case(&["EVL-"], &cases());
}

#[test]
fn clean_fixtures_trigger_nothing() {
    for (name, text) in [("minimal", MINIMAL), ("longgang", LONGGANG)] {
        let diags = diagnostics(text);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
    }
}

#[test]
fn a_stated_reason_allows_overspending_but_not_against_a_zero_budget() {
    let over = [
        ("actual: { general: 9.5 }", "actual: { general: 10.5 }"),
        (
            "    problems: 无\n",
            "    problems: 无\n    overspend_reason: 追加采购经区财政局批准。\n",
        ),
    ];
    assert!(diagnostics(&apply(&over)).is_empty());
    let mut zero = over.to_vec();
    zero.push(("budget: { general: 10 }", "budget: { general: 0 }"));
    let rules: Vec<&str> = diagnostics(&apply(&zero)).iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["EVL-004"]);
    // Overspending one source while the total stays within budget still needs the reason.
    let shifted = [
        (
            "actual: { general: 6.01, fund: 1, non_fiscal: 0 }",
            "actual: { general: 6.01, fund: 1.2, non_fiscal: 0 }",
        ),
        ("84.87%", "87.29%"),
    ];
    let d = diagnostics(&apply(&shifted));
    assert_eq!(
        d.iter()
            .map(|d| (d.rule, d.field.as_str()))
            .collect::<Vec<_>>(),
        [("EVL-003", "projects[1].actual.fund")],
        "{d:#?}"
    );
}

#[test]
fn indicators_are_empty_not_applicable_or_pairs() {
    let d = diagnostics(&apply(&[("quality: 不适用", "quality: 见附件")]));
    assert_eq!(
        (d[0].rule, d[0].field.as_str(), d[0].line),
        ("STR-005", "projects[0].indicators.output.quality", 16),
        "{d:#?}"
    );
    assert!(d[0].message.contains("不适用"), "{}", d[0].message);
    let d = diagnostics(&apply(&[(
        "quality: 不适用",
        "quality: { target: 甲, reslt: 乙 }",
    )]));
    assert_eq!((d[0].rule, d[0].line), ("STR-002", 16), "{d:#?}");
    assert!(diagnostics(&apply(&[("quality: 不适用", "quality: ~")])).is_empty());
}

#[test]
fn the_published_rates_of_longgang_are_explained_by_rounding() {
    // 龙岗区信访局 2021 prints 98.13% for 89.94 ÷ 91.66 (98.12%), 94.88% for 32.51 ÷ 34.26
    // (94.89%) and 98.06% for 159.19 ÷ 162.33 (98.07%). With each amount ±0.005 万元 the
    // rates can be 98.1124–98.1343%, 94.8636–94.9204% and 98.0596–98.0718%: every printed
    // rate is within reach of the rounding of the amounts, so each is a warning.
    let half_u = Decimal::new(5, 3);
    let m = |s: &str| Money(s.parse().expect("decimal"));
    for (a, b, printed) in [
        ("89.94", "91.66", "98.13"),
        ("32.51", "34.26", "94.88"),
        ("159.19", "162.33", "98.06"),
    ] {
        let (lo, hi) = rate_interval(m(a), m(b), half_u);
        let r: Decimal = printed.parse().expect("decimal");
        assert!(
            lo <= r + Decimal::new(5, 3) && r - Decimal::new(5, 3) <= hi,
            "{a}/{b}"
        );
    }
    let text = apply(&[("84.87%", "84.5%")]);
    let d = diagnostics(&text);
    assert_eq!(d[0].rule, "EVL-001", "{d:#?}");
    assert_eq!(d[0].severity, Severity::Error);
    assert!(d[0].message.contains("84.87%"), "{}", d[0].message);
}
