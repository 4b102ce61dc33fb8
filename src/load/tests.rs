use super::*;
use schema::Budget;

fn from_str(file: &str, text: &str) -> Result<Loaded<Budget>, Error> {
    parse(file, text)
}

fn from_bytes(file: &str, bytes: &[u8]) -> Result<Loaded<Budget>, Error> {
    parse(file, utf8(file, bytes)?)
}

const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.yaml");

fn first_error(text: &str) -> Diagnostic {
    match from_str("x.yaml", text) {
        Err(Error::Invalid(d)) => d.into_iter().next().expect("one diagnostic"),
        other => panic!("expected a diagnostic, got {other:?}"),
    }
}

#[test]
fn minimal_input_loads_with_exact_amounts() {
    let l = from_str("m.yaml", MINIMAL).expect("loads");
    assert_eq!(l.doc.income[0].current.general.to_string(), "110.5");
    assert_eq!(l.doc.expenditure[0].personnel.0.to_string(), "80.25");
    assert_eq!(
        l.source.locate("expenditure[1].project"),
        Some(Pos {
            line: 35,
            column: 5
        })
    );
}

#[test]
fn unknown_key_names_the_closest_valid_one() {
    let d = first_error(&MINIMAL.replace("year: 2025", "yaer: 2025"));
    assert_eq!((d.rule, d.line), ("STR-002", 2));
    assert_eq!(d.message, "未知字段“yaer”");
    assert_eq!(d.hint.as_deref(), Some("是否应为“year”？"));
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = format!("\u{feff}{}", MINIMAL.replace('\n', "\r\n"));
    let l = from_bytes("crlf.yaml", text.as_bytes()).expect("loads");
    assert_eq!(l.doc.year, 2025);
}

#[test]
fn empty_and_non_utf8_files_are_refused_with_a_reason() {
    assert_eq!(first_error("  \n").message, "文件为空");
    let Err(Error::Invalid(d)) = from_bytes("gbk.yaml", b"year: 2025\nname: \xd6\xd0\n") else {
        panic!("non-UTF-8 must be refused");
    };
    assert_eq!(
        (d[0].message.as_str(), d[0].line),
        ("文件不是 UTF-8 编码", 2)
    );
}

#[test]
fn duplicate_keys_wrong_types_and_long_numbers() {
    let d = first_error(&MINIMAL.replace("year: 2025", "year: 2025\nyear: 2026"));
    assert_eq!((d.rule, d.line, d.field.as_str()), ("STR-004", 3, "year"));
    let d = first_error(&MINIMAL.replace("year: 2025", "year: 二〇二五"));
    assert_eq!((d.rule, d.field.as_str()), ("STR-005", "year"));
    let d = first_error(&MINIMAL.replace("general: 110.5", "general: 110.50000000000000001"));
    assert_eq!((d.rule, d.line), ("AMT-001", 27));
}

#[test]
fn amounts_may_be_quoted_but_not_decorated() {
    let l = from_str(
        "q.yaml",
        &MINIMAL.replace("general: 110.5", "general: \"110.5\""),
    )
    .expect("loads");
    assert_eq!(l.doc.income[0].current.general.to_string(), "110.5");
    let d = first_error(&MINIMAL.replace("general: 110.5", "general: ＿１１０"));
    assert_eq!(d.rule, "AMT-002");
    let d = first_error(&MINIMAL.replace("general: 110.5", "general: .inf"));
    assert!(d.message.contains("不是有限数"), "{}", d.message);
}
