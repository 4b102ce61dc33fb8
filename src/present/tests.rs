//! Unit tests of the diagnostic text shared by `check` and `watch`.

use super::*;
use crate::error::Note;

fn diag(file: &str, line: usize, column: usize) -> Diagnostic {
    Diagnostic {
        file: file.into(),
        line,
        column,
        field: "income[0].current.general".into(),
        rule: "SUM-001",
        severity: Severity::Error,
        message: "收入 825.17 万元，支出 825.16 万元".into(),
        hint: Some("核对收入".into()),
        notes: vec![Note {
            line: 75,
            column: 5,
            field: "expenditure[0]".into(),
            message: "支出：2014001 行政运行 334.75 万元".into(),
        }],
    }
}

#[test]
fn a_yaml_diagnostic_reads_like_a_compiler_message_with_the_caret_under_the_column() {
    let d = diag("a.yaml", 68, 7);
    let text = diagnostic_text(&d, Some("  名称: 825.17"));
    assert_eq!(
        text,
        "错误[SUM-001]：收入 825.17 万元，支出 825.16 万元\n  \
         --> a.yaml:68:7\n   |\n68 |   名称: 825.17\n   |         ^\n  \
         = 字段：income[0].current.general\n  = 提示：核对收入\n  = 相关位置：\n      \
         第 75 行 expenditure[0]：支出：2014001 行政运行 334.75 万元\n"
    );
}

#[test]
fn without_a_source_line_the_location_still_shows() {
    let mut d = diag("a.yaml", 0, 0);
    d.severity = Severity::Warning;
    d.notes.clear();
    d.hint = None;
    let text = diagnostic_text(&d, Some("ignored: the line is 0"));
    assert_eq!(
        text,
        "警告[SUM-001]：收入 825.17 万元，支出 825.16 万元\n  --> a.yaml\n  \
         = 字段：income[0].current.general\n"
    );
}

#[test]
fn a_workbook_diagnostic_names_the_cell() {
    let mut d = diag("t.xlsx", 0, 0);
    d.field = "预算05表!D12".into();
    let text = diagnostic_text(&d, None);
    assert_eq!(
        text,
        "错误[SUM-001]：收入 825.17 万元，支出 825.16 万元\n  --> t.xlsx：预算05表!D12\n  \
         = 提示：核对收入\n"
    );
}

#[test]
fn long_lines_are_cut_and_control_characters_never_shown() {
    let mut d = diag("a.yaml", 3, 150);
    d.message = "坏\u{1b}[2J消息".into();
    d.notes.clear();
    let line = format!("{}\u{1b}[31m{}", "甲".repeat(140), "乙".repeat(20_000));
    let text = diagnostic_text(&d, Some(&line));
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(text.len() < 2_000, "{}", text.len());
    assert!(text.contains('…'));
}
