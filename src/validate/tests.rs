//! Every rule of the catalogue has a triggering case here (a change to the minimal valid
//! input, with the rule, field and line it must report), and the clean inputs trigger
//! nothing. Adding a rule without a case fails `every_rule_has_a_triggering_case`.

use super::*;
use crate::error::Error;
use crate::load;

const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.yaml");

/// All diagnostics for `text`, from loading or from the rules.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match load::from_str("t.yaml", text) {
        Ok(l) => check(&l),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn mutate(from: &str, to: &str) -> String {
    assert_eq!(
        MINIMAL.matches(from).count(),
        1,
        "`{from}` must occur once in minimal.yaml"
    );
    MINIMAL.replacen(from, to, 1)
}

/// (rule, from, to, expected field, expected line)
const CASES: &[(&str, &str, &str, &str, usize)] = &[
    ("AMT-001", "general: 110.5", "general: 110.5000000000000000001", "income[0].current.general", 27),
    ("AMT-002", "general: 110.5", "general: \"110,5\"", "income[0].current.general", 27),
    ("COD-001", "code: \"2014002\"\n    name: 一般行政管理事务", "code: \"201402\"\n    name: 一般行政管理事务", "expenditure[1].code", 33),
    ("COD-002", "code: \"2014002\"\n    name: 一般行政管理事务\n    project: 20", "code: \"2014002\"\n    name: 一般行政管理事务\n    project: 10\n  - code: \"2014002\"\n    name: 一般行政事务\n    project: 10", "expenditure[2].name", 37),
    ("COD-003", "name: 办公费", "name: 办公经费", "basic_economic[1].name", 41),
    ("COD-004", "code: \"2014002\"\n    name: 一般行政管理事务", "code: \"9990101\"\n    name: 某事务", "expenditure[1].code", 33),
    ("COD-005", "code: \"2014002\"\n    name: 一般行政管理事务", "code: \"2014088\"\n    name: 新设事务", "expenditure[1].name", 34),
    ("REF-001", "  - current:\n      general: 110.5", "  - unit: \"901002\"\n    current:\n      general: 110.5", "income[0].unit", 26),
    ("REF-002", "units:\n  - code: \"901001\"\n    name: 测试局本级", "units:\n  - code: \"901001\"\n    name: 测试局本级\n  - code: \"901002\"\n    name: 测试中心", "income[0]", 28),
    ("REF-003", "units:\n  - code: \"901001\"\n    name: 测试局本级", "units:\n  - code: \"901001\"\n    name: 测试局本级\n  - code: \"901001\"\n    name: 测试中心", "units[1].code", 9),
    ("STR-001", "  name: 测试局\n", "  name: \"测试局\n", "", 0),
    ("STR-002", "year: 2025", "yaer: 2025", "", 2),
    ("STR-003", "year: 2025\n", "", "", 0),
    ("STR-004", "year: 2025", "year: 2025\nyear: 2025", "year", 3),
    ("STR-005", "year: 2025", "year: 今年", "year", 2),
    ("STR-006", "units:\n  - code: \"901001\"\n    name: 测试局本级", "units: []", "units", 6),
    ("SUM-001", "general: 110.5", "general: 110.4", "income[0].current.general", 27),
    ("SUM-002", "personnel: 80.25\n  - code: \"30201\"", "personnel: 80.15\n  - code: \"30201\"", "basic_economic[0]", 37),
    ("SUM-003", "amounts:\n      general: 20", "amounts:\n      general: 19", "projects[0].amounts", 47),
    ("SUM-004", "narrative:", "stated:\n  basic: 90\nnarrative:", "stated.basic", 63),
];

#[test]
fn every_case_triggers_its_rule_where_expected() {
    let mut failures = Vec::new();
    for (rule, from, to, field, line) in CASES {
        let diags = diagnostics(&mutate(from, to));
        let Some(d) = diags.iter().find(|d| d.rule == *rule) else {
            failures.push(format!("{rule} not reported; got {diags:#?}"));
            continue;
        };
        if !field.is_empty() && d.field != *field {
            failures.push(format!("{rule}: field {} (expected {field})", d.field));
        }
        if *line > 0 && d.line != *line {
            failures.push(format!(
                "{rule}: line {} (expected {line}): {}",
                d.line, d.message
            ));
        }
        let catalogued = rules::find(rule).expect("catalogued");
        if d.severity != catalogued.severity {
            failures.push(format!("{rule}: severity {:?}", d.severity));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_triggering_case() {
    for r in RULES {
        assert!(
            CASES.iter().any(|c| c.0 == r.id),
            "{} has no triggering case",
            r.id
        );
    }
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "rule IDs are unique and sorted");
}

#[test]
fn clean_inputs_trigger_nothing() {
    for (name, text) in [
        ("minimal", MINIMAL),
        ("jianghan", include_str!("../../inputs/jianghan-2024.yaml")),
        ("example", include_str!("../../inputs/example-2025.yaml")),
    ] {
        let diags = diagnostics(text);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
    }
}
