//! gongkai — a department budget (YAML) → the standard public budget disclosure report
//! (部门预算公开) as Markdown and HTML, refusing numbers that do not add up.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! load      bytes → schema::Budget (+ SourceMap: path → line/column)
//! validate  Budget → Vec<Diagnostic>; no errors → Validated
//! model     Validated → Report (every figure and table, exact decimals)
//! render    Report → Blocks (document.tera) → Markdown / HTML (page.*.tera)
//! layout    Blocks → layout::Document (pages of positioned glyphs; pdf.yaml, fonts)
//! pdf       layout::Document → PDF bytes (printpdf; subset fonts, outline, metadata)
//! output    bytes → files, atomically
//! ```
//!
//! `main.rs` is the process edge: arguments, printing, exit codes.

pub mod batch;
pub mod catalog;
pub mod error;
pub mod init;
pub mod layout;
pub mod load;
pub mod model;
pub mod num;
pub mod output;
pub mod pdf;
pub mod render;
pub mod synth;
pub mod theme;
pub mod validate;

use std::path::PathBuf;

pub use error::{Diagnostic, Error, Severity};
pub use render::Format;

/// What `generate` should produce.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Formats to write; empty means every format the layout supports.
    pub formats: Vec<Format>,
    /// A directory whose files override the layout's templates by name.
    pub templates: Option<PathBuf>,
    /// Write even when the input has errors, marked as a draft (草稿).
    pub draft: bool,
    /// Today's date (`YYYY-MM-DD`) for the publication-deadline check; read at the CLI
    /// edge (or from `SOURCE_DATE_EPOCH`), never inside the library.
    pub today: Option<String>,
    /// The PDF's date as seconds since the Unix epoch (`SOURCE_DATE_EPOCH`, read at the CLI
    /// edge); `None` gives a fixed date from the budget year, so output stays reproducible.
    pub source_date_epoch: Option<i64>,
}

/// The rendered outputs of one input.
#[derive(Debug, Clone)]
pub struct Artifacts {
    /// Format and content, in the order asked for.
    pub outputs: Vec<(Format, Vec<u8>)>,
    /// Warnings (and, for drafts, errors) found by validation.
    pub diagnostics: Vec<Diagnostic>,
    /// Headline figures, for a portal index.
    pub summary: Summary,
}

/// Headline figures of one report.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Department name (as in the title).
    pub department: String,
    /// Budget year.
    pub year: i32,
    /// 收支总预算.
    pub total: num::Money,
    /// "三公" total.
    pub sangong: num::Money,
}

/// The formats a layout can write.
pub fn supported_formats(theme: &theme::Theme) -> Vec<Format> {
    [Format::Markdown, Format::Html, Format::Pdf]
        .into_iter()
        .filter(|f| {
            let file = match f {
                Format::Pdf => "pdf.yaml".to_owned(),
                _ => format!("page.{}.tera", f.extension()),
            };
            theme.files.contains_key(&file)
        })
        .collect()
}

/// The layout an input asks for, with the user's overrides.
fn theme_of(loaded: &load::Loaded, opts: &Options) -> Result<theme::Theme, Error> {
    let name = loaded
        .budget
        .layout
        .as_deref()
        .unwrap_or(theme::DEFAULT_LAYOUT);
    theme::load(name, opts.templates.as_deref())
}

fn validate_options(theme: &theme::Theme, opts: &Options) -> validate::Options {
    validate::Options {
        settings: theme.info.checks.clone(),
        today: opts.today.clone(),
    }
}

/// Every diagnostic for one loaded input (the `check` command).
pub fn check(loaded: &load::Loaded, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    let theme = theme_of(loaded, opts)?;
    Ok(validate::check(loaded, &validate_options(&theme, opts)))
}

/// Runs the whole pipeline on one loaded input.
pub fn build(loaded: load::Loaded, opts: &Options) -> Result<Artifacts, Error> {
    let theme = theme_of(&loaded, opts)?;
    let validated = validate::validate(loaded, &validate_options(&theme, opts), opts.draft)
        .map_err(Error::Invalid)?;
    let report = model::derive(&validated, opts.draft);
    let supported = supported_formats(&theme);
    let formats = if opts.formats.is_empty() {
        supported.clone()
    } else {
        opts.formats.clone()
    };
    for f in &formats {
        if !supported.contains(f) {
            return Err(Error::Usage(format!(
                "版式“{}”不支持 {} 输出",
                theme.info.name,
                f.extension()
            )));
        }
    }
    let renderer = render::Renderer::new(theme.clone(), &report)?;
    let blocks = renderer.blocks(&report)?;
    let mut diagnostics = validated.warnings().to_vec();
    let pdf_opts = pdf::PdfOptions {
        source_date_epoch: opts.source_date_epoch,
    };
    let outputs = formats
        .iter()
        .map(|f| match f {
            Format::Pdf => {
                let (bytes, warnings) = pdf::render(&blocks, &report.meta, &theme, &pdf_opts)?;
                diagnostics.extend(warnings.into_iter().map(|message| Diagnostic {
                    file: validated.loaded().file.clone(),
                    line: 0,
                    column: 0,
                    field: String::new(),
                    rule: "PDF-001",
                    severity: Severity::Warning,
                    message,
                    hint: Some("换用含该字的字体（pdf.yaml 的 fonts），或改写该字".into()),
                }));
                Ok((*f, bytes))
            }
            _ => Ok((*f, renderer.page(&report, &blocks, *f)?.into_bytes())),
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Artifacts {
        outputs,
        diagnostics,
        summary: Summary {
            department: report.meta.department.clone(),
            year: report.meta.year,
            total: report.budget.total.current,
            sangong: report.sangong.total.current,
        },
    })
}
