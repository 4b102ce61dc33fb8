//! One rebuild of the preview: read the input, run the pipeline through the library
//! façade for HTML, and make the page to serve — the report with its warnings above it,
//! or every diagnostic in the words of `check`, or what else went wrong. A panic inside
//! the pipeline is caught here and shown like any other problem: the preview must
//! outlive every input. The PDF is made on request, from the same input.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

use super::page::{self, Head, Shown};
use super::{absolute, Config};
use crate::error::{Diagnostic, Error, Severity};
use crate::kind::Input;
use crate::pipeline::{build, Options};
use crate::{load, Format};

/// How often, and how long apart, a missing input is looked for again before the page
/// says it is missing: editors that save by delete-and-recreate leave a short gap.
const MISSING_RETRIES: u32 = 10;
const MISSING_PAUSE: Duration = Duration::from_millis(30);

/// Everything the server needs from one build.
pub(super) struct Snapshot {
    /// Tells this build from every other (the event stream sends it).
    pub(super) token: String,
    /// The page at `/`.
    pub(super) page: String,
    /// The page at `/pdf` (the PDF in a frame), when there is a report.
    pub(super) pdf_page: Option<String>,
    /// Every diagnostic found.
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Why there is no report, when it is not the input's errors.
    pub(super) failure: Option<String>,
    /// The input the report was made from, for the PDF.
    input: Option<Input>,
    pdf: OnceLock<Result<Vec<u8>, String>>,
}

impl Snapshot {
    /// The page shown before the first build is done.
    pub(super) fn starting(run: &str) -> Snapshot {
        let token = format!("{run}-0");
        Snapshot {
            page: page::starting(&token),
            token,
            pdf_page: None,
            diagnostics: Vec::new(),
            failure: None,
            input: None,
            pdf: OnceLock::new(),
        }
    }

    /// The report as PDF, made on the first request and kept; `None` when there is no
    /// report.
    pub(super) fn pdf(&self, cfg: &Config) -> Option<&Result<Vec<u8>, String>> {
        let input = self.input.as_ref()?;
        Some(self.pdf.get_or_init(|| {
            match guarded(|| build(input.clone(), &options(cfg, Format::Pdf))) {
                Ok(artifacts) => artifacts
                    .outputs
                    .into_iter()
                    .next()
                    .map(|(_, bytes)| bytes)
                    .ok_or_else(|| "未生成 PDF".to_owned()),
                Err(Trouble::Failed(message)) => Err(message),
                Err(Trouble::Invalid(diags)) => Err(diags
                    .iter()
                    .map(|d| crate::present::diagnostic_text(d, None))
                    .collect::<Vec<_>>()
                    .join("\n")),
            }
        }))
    }
}

/// Builds the input as it is now on disk; `count` numbers the build within `run`.
pub(super) fn rebuild(cfg: &Config, run: &str, count: u64) -> Snapshot {
    let file = cfg.input.display().to_string();
    let bytes = read(&cfg.input);
    let built = match &bytes {
        Ok(bytes) => guarded(|| {
            let input = Input::from_bytes(&file, bytes)?;
            let kept = input.clone();
            let artifacts = build(input, &options(cfg, Format::Html))?;
            let html = artifacts
                .outputs
                .into_iter()
                .find(|(f, _)| *f == Format::Html)
                .map(|(_, b)| String::from_utf8_lossy(&b).into_owned())
                .ok_or_else(|| Error::Usage("未生成 HTML".into()))?;
            Ok((html, artifacts.diagnostics, kept))
        }),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Err(Trouble::Failed(format!(
                "找不到输入文件 {file}（编辑器保存时可能暂时删除了它；文件再出现时自动重新生成）"
            )))
        }
        Err(Error::Invalid(diags)) => Err(Trouble::Invalid(diags.clone())),
        Err(e) => Err(Trouble::Failed(format!("错误：{e}"))),
    };
    let source: &[u8] = bytes.as_deref().unwrap_or_default();
    let shown = |diags: &[Diagnostic]| -> Vec<Shown> {
        diags.iter().map(|d| shown(d, &file, source)).collect()
    };
    let token = format!("{run}-{count}");
    let (input, diagnostics, failure) = match built {
        Ok((html, diags, input)) => (Some((html, input)), diags, None),
        Err(Trouble::Invalid(diags)) => (None, diags, None),
        Err(Trouble::Failed(message)) => (None, Vec::new(), Some(message)),
    };
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let head = Head {
        token: &token,
        file: &file,
        count,
        errors,
        warnings: diagnostics.len() - errors,
        failed: failure.is_some(),
    };
    // Errors first (the order of `check` within each severity): they are why the page
    // is not the report.
    let mut ordered: Vec<Diagnostic> = diagnostics.clone();
    ordered.sort_by_key(|d| d.severity != Severity::Error);
    let items = shown(&ordered);
    let (page, pdf_page, input) = match input {
        Some((html, input)) => (
            page::report(&html, &head, &items),
            Some(page::pdf(&head, &items)),
            Some(input),
        ),
        None => (
            page::problems(&head, &items, failure.as_deref()),
            None,
            None,
        ),
    };
    Snapshot {
        token,
        page,
        pdf_page,
        diagnostics,
        failure,
        input,
        pdf: OnceLock::new(),
    }
}

/// The input's bytes, looked for again a few times while it is missing.
fn read(path: &Path) -> Result<Vec<u8>, Error> {
    for _ in 0..MISSING_RETRIES {
        match load::read_checked(path) {
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                std::thread::sleep(MISSING_PAUSE)
            }
            other => return other,
        }
    }
    load::read_checked(path)
}

fn options(cfg: &Config, format: Format) -> Options {
    Options {
        formats: vec![format],
        templates: cfg.templates.clone(),
        today: cfg.today.clone(),
        sandbox: cfg.sandbox.clone(),
        ..Options::default()
    }
}

/// One diagnostic as the page shows it: the text `check` prints (with the source line
/// from the bytes that were checked), what a click copies, an editor link.
fn shown(d: &Diagnostic, file: &str, source: &[u8]) -> Shown {
    let line = if d.file == file {
        load::source_line_in(source, d.line)
    } else {
        load::source_line(Path::new(&d.file), d.line)
    };
    let (copy, editor) = if d.line > 0 {
        let abs = absolute(Path::new(&d.file));
        (
            format!("{}:{}", d.file, d.line),
            Some(page::vscode_link(&abs, d.line, d.column)),
        )
    } else {
        (d.file.clone(), None)
    };
    Shown {
        severity: d.severity,
        text: crate::present::diagnostic_text(d, line.as_deref()),
        copy,
        editor,
    }
}

/// What kept a build from a report.
enum Trouble {
    /// The input's errors (and warnings).
    Invalid(Vec<Diagnostic>),
    /// Anything else, as a sentence to show.
    Failed(String),
}

/// Runs `f`, turning its error and any panic inside it into a [`Trouble`].
fn guarded<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, Trouble> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(Error::Invalid(diags))) => Err(Trouble::Invalid(diags)),
        Ok(Err(e)) => Err(Trouble::Failed(format!("错误：{e}"))),
        Err(payload) => Err(Trouble::Failed(format!(
            "内部错误（程序的缺陷，不是输入的问题；请把输入文件和这条消息报告给维护者）：{}",
            panic_text(payload.as_ref())
        ))),
    }
}

/// The message of a panic.
fn panic_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "（无消息）".to_owned())
}

#[cfg(test)]
pub(super) fn guarded_for_test<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<T, String> {
    guarded(f).map_err(|t| match t {
        Trouble::Invalid(d) => format!("{} diagnostics", d.len()),
        Trouble::Failed(m) => m,
    })
}
