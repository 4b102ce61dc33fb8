//! What the commands print about an input: diagnostics as `check` shows them, errors
//! with their exit codes; and the two things read at the edge (today's date, this
//! executable as the template sandbox).

use std::io::Write;
use std::path::Path;

use gongkai::{load, present, render, Diagnostic, Error, Severity};

/// The child process user templates are rendered in: this executable.
pub(crate) fn sandbox() -> Option<render::Sandbox> {
    std::env::current_exe().ok().map(render::Sandbox::new)
}

/// Text safe to print on a terminal: control characters (an escape sequence in a hostile
/// file) and invisible ones are shown as their code, never sent.
pub(crate) fn terminal_safe(s: &str) -> String {
    gongkai::text::visible(s)
}

/// Today's date in China (UTC+8), or the date of `SOURCE_DATE_EPOCH` when set, so that
/// reproducible builds and tests see a fixed day. The clock is read here, at the edge.
pub(crate) fn today() -> Option<String> {
    let ts = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => jiff::Timestamp::from_second(s.trim().parse().ok()?).ok()?,
        Err(_) => jiff::Timestamp::now(),
    };
    let offset = jiff::tz::Offset::constant(8);
    Some(
        ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
            .date()
            .to_string(),
    )
}

/// Prints an error; returns its exit code.
pub(crate) fn report_error(input: &Path, e: &Error, generating: bool) -> u8 {
    match e {
        Error::Invalid(diags) => {
            print_diagnostics(diags);
            let n = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if generating {
                eprintln!(
                    "{}：有 {n} 个错误，未生成任何文件（可用 --draft 生成草稿）",
                    input.display()
                );
            }
            1
        }
        other => {
            eprintln!("错误：{}", terminal_safe(&other.to_string()));
            2
        }
    }
}

pub(crate) fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let source = load::source_line(Path::new(&d.file), d.line);
        let _ = writeln!(err, "{}", present::diagnostic_text(d, source.as_deref()));
    }
}
