//! Diagnostics as a person reads them: the text `gongkai check` prints (compiler-style,
//! with the YAML line and a caret), shared by the command line and the `watch` page so
//! both say the same words. Presentation only: it formats, never prints, never reads a
//! file (the caller hands over the source line).

use std::fmt::Write;

use crate::error::{Diagnostic, Severity};
use crate::text::visible;

/// The Chinese word for a severity: 错误 or 警告.
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    }
}

/// Whether the diagnostic is located at a workbook cell (`gongkai import`) rather than
/// at a line of a YAML file.
pub fn at_workbook_cell(d: &Diagnostic) -> bool {
    d.line == 0
        && [".xlsx", ".xls", ".XLSX", ".XLS"]
            .iter()
            .any(|e| d.file.ends_with(e))
}

/// One diagnostic as `check` prints it, every line ending in a newline (the blank line
/// that separates diagnostics is the caller's). `source` is the text of line `d.line` of
/// the input, when it can be shown.
pub fn diagnostic_text(d: &Diagnostic, source: Option<&str>) -> String {
    // Everything shown comes from the input: never a raw control character.
    let file = visible(&d.file);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]：{}",
        severity_word(d.severity),
        d.rule,
        visible(&d.message)
    );
    if at_workbook_cell(d) {
        // A workbook cell: `field` is the cell, 预算05表!D12.
        match d.field.as_str() {
            "" => {
                let _ = writeln!(out, "  --> {file}");
            }
            cell => {
                let _ = writeln!(out, "  --> {file}：{}", visible(cell));
            }
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  = 提示：{}", visible(h));
        }
        return out;
    }
    // A problem of the whole file has no line: name the file alone.
    if d.line == 0 {
        let _ = writeln!(out, "  --> {file}");
    } else {
        let _ = writeln!(out, "  --> {file}:{}:{}", d.line, d.column);
    }
    if let Some(text) = source.filter(|_| d.line > 0) {
        let (text, column) = excerpt(text, d.column);
        let text = visible(&text);
        let n = d.line.to_string();
        let pad = " ".repeat(n.len());
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{n} | {text}");
        let caret = " ".repeat(text.chars().take(column.saturating_sub(1)).map(width).sum());
        let _ = writeln!(out, "{pad} | {caret}^");
    }
    if !d.field.is_empty() {
        let _ = writeln!(out, "  = 字段：{}", visible(&d.field));
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = 提示：{}", visible(h));
    }
    if !d.notes.is_empty() {
        let _ = writeln!(out, "  = 相关位置：");
        for n in &d.notes {
            let at = if n.line > 0 {
                format!("第 {} 行 ", n.line)
            } else {
                String::new()
            };
            let field = if n.field.is_empty() {
                String::new()
            } else {
                format!("{}：", n.field)
            };
            let _ = writeln!(out, "      {at}{}{}", visible(&field), visible(&n.message));
        }
    }
    out
}

/// At most 100 characters of a source line around `column` (a 20 KB line of a broken file
/// is not shown whole); returns the excerpt and the column within it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    const SPAN: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SPAN {
        return (line.to_owned(), column);
    }
    let start = column.saturating_sub(SPAN / 2).min(chars.len() - SPAN);
    let mut text: String = chars[start..start + SPAN].iter().collect();
    let mut col = column.saturating_sub(start);
    if start > 0 {
        text.insert(0, '…');
        col += 1;
    }
    if start + SPAN < chars.len() {
        text.push('…');
    }
    (text, col)
}

/// Display width of a character in a terminal (CJK wide characters take two columns).
fn width(c: char) -> usize {
    if c == '\t' {
        4
    } else if c as u32 >= 0x1100 {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests;
