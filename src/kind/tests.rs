use super::*;

const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.yaml");

#[test]
fn the_kind_field_selects_the_document_type() {
    let input = Input::from_str("k.yaml", &format!("kind: budget\n{MINIMAL}")).expect("loads");
    assert!(matches!(input, Input::Budget(_)));
    assert_eq!(input.layout(), "standard");
    let input = Input::from_str("k.yaml", MINIMAL).expect("loads");
    assert!(matches!(input, Input::Budget(_)));
    let Err(Error::Invalid(d)) = Input::from_str("k.yaml", &format!("kind: budgt\n{MINIMAL}"))
    else {
        panic!("an unknown kind is refused");
    };
    assert_eq!(
        (d[0].rule, d[0].line, d[0].field.as_str()),
        ("STR-001", 1, "kind")
    );
    assert!(d[0]
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("是否应为“budget”"));
    // Nesting is refused before the kind is probed.
    let deep = format!("kind: budget\nx: {}{}", "[".repeat(100), "]".repeat(100));
    let Err(Error::Invalid(d)) = Input::from_str("k.yaml", &deep) else {
        panic!("deep nesting is refused");
    };
    assert_eq!(d[0].message, "嵌套层数过深");
}

#[test]
fn performance_targets_are_their_own_kind() {
    let text = include_str!("../../tests/fixtures/targets.yaml");
    let input = Input::from_str("t.yaml", text).expect("loads");
    assert!(matches!(input, Input::Targets(_)));
    assert_eq!(input.layout(), "performance-targets");
    // Its schema is its own: a budget's field is unknown there.
    let Err(Error::Invalid(d)) = Input::from_str("t.yaml", &format!("{text}units: []\n")) else {
        panic!("a budget field is refused");
    };
    assert_eq!(
        (d[0].rule, d[0].message.as_str()),
        ("STR-002", "未知字段“units”")
    );
    assert!(schema("performance-targets").is_some_and(|s| s.contains("department_form")));
}

#[test]
fn every_kind_has_a_skeleton_that_loads_as_that_kind() {
    for (kind, _) in NAMES {
        let text = skeleton(kind, "standard", 2027, "gongkai.schema.json").expect("a skeleton");
        assert!(!text.contains("{{"), "{kind}: unfilled placeholder");
        assert!(
            text.contains("2027") || text.contains("2026"),
            "{kind}: year filled in"
        );
        // It parses as its own kind (placeholders are text the validator refuses later).
        let input = Input::from_str("s.yaml", &text).unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        assert_eq!(input.kind(), *kind);
    }
}
