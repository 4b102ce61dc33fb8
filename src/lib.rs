//! gongkai — a department budget (YAML) → the standard public budget disclosure report
//! (部门预算公开) as Markdown and HTML, refusing numbers that do not add up.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! load      bytes → Input: one document kind, e.g. schema::Budget (+ SourceMap)
//! validate  document → Vec<Diagnostic>; no errors → Validated
//! model     Validated → the kind's report (every figure and table, exact decimals)
//! render    Report → Blocks (document.tera) → Markdown / HTML (page.*.tera)
//! paged     Blocks → layout (pdf.yaml, fonts, dates) → layout::Document (pages of
//!           positioned glyphs, structure, outline, metadata)
//! pdf       layout::Document → PDF bytes (subset fonts, tags, outline, metadata)
//! output    bytes → files, atomically
//! ```
//!
//! `kind.rs` ties the stages of each document kind together (budget, …); `main.rs` is
//! the process edge: arguments, printing, exit codes.

pub mod batch;
pub mod blocks;
pub mod catalog;
pub mod error;
pub mod init;
pub mod kind;
pub mod layout;
pub mod load;
pub mod model;
pub mod num;
pub mod output;
pub mod paged;
pub mod pdf;
pub mod render;
pub mod synth;
pub mod theme;
pub mod validate;

use std::path::PathBuf;

pub use error::{Diagnostic, Error, Severity};
pub use kind::{Kind, Summary};
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
    /// The laid-out pages, when a PDF was written (for layout tests and tools that
    /// inspect pages without reading the PDF back).
    pub pages: Option<layout::Document>,
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

/// The layout an input asks for, with the user's overrides; the layout must be one for
/// the input's kind.
fn theme_of<K: Kind>(loaded: &load::Loaded<K>, opts: &Options) -> Result<theme::Theme, Error> {
    let name = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT);
    let theme = theme::load(name, opts.templates.as_deref())?;
    if theme.info.kind != K::NAME {
        let label = |k: &str| {
            load::KINDS
                .iter()
                .find(|(n, _)| *n == k)
                .map_or(k.to_owned(), |(_, l)| (*l).to_owned())
        };
        return Err(Error::Usage(format!(
            "{}：版式“{}”用于{}，不能排版{}（kind: {}）",
            loaded.file,
            name,
            label(&theme.info.kind),
            label(K::NAME),
            K::NAME
        )));
    }
    Ok(theme)
}

fn validate_options(theme: &theme::Theme, opts: &Options) -> validate::Options {
    validate::Options {
        settings: theme.info.checks.clone(),
        today: opts.today.clone(),
    }
}

/// Every diagnostic for one loaded department budget (the `check` command).
pub fn check(loaded: &load::Loaded, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    check_kind(loaded, opts)
}

/// Every diagnostic for one loaded input of any kind.
pub fn check_input(input: &load::Input, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    match input {
        load::Input::Budget(l) => check_kind(l, opts),
        load::Input::SelfEvaluation(l) => check_kind(l, opts),
        load::Input::Targets(l) => check_kind(l, opts),
    }
}

fn check_kind<K: Kind>(loaded: &load::Loaded<K>, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    let theme = theme_of(loaded, opts)?;
    Ok(K::check(loaded, &validate_options(&theme, opts)))
}

/// Runs the whole pipeline on one loaded department budget.
pub fn build(loaded: load::Loaded, opts: &Options) -> Result<Artifacts, Error> {
    build_kind(loaded, opts)
}

/// Runs the whole pipeline on one loaded input of any kind.
pub fn build_input(input: load::Input, opts: &Options) -> Result<Artifacts, Error> {
    match input {
        load::Input::Budget(l) => build_kind(l, opts),
        load::Input::SelfEvaluation(l) => build_kind(l, opts),
        load::Input::Targets(l) => build_kind(l, opts),
    }
}

/// The pipeline for one kind: validate → derive → render every format asked for.
fn build_kind<K: Kind>(loaded: load::Loaded<K>, opts: &Options) -> Result<Artifacts, Error> {
    let theme = theme_of(&loaded, opts)?;
    let validated = validate::validate(loaded, &validate_options(&theme, opts), opts.draft)
        .map_err(Error::Invalid)?;
    let report = K::derive(&validated, opts.draft);
    let meta = K::meta(&report);
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
    let renderer = render::Renderer::new(theme.clone(), meta)?;
    let blocks = renderer.blocks(&report)?;
    let mut diagnostics = validated.warnings().to_vec();
    let paged_opts = paged::PagedOptions {
        source_date_epoch: opts.source_date_epoch,
    };
    // The PDF (layout and writing, most of the work) on a thread of its own while this one
    // writes the text formats; outputs keep the order asked for. A plain thread, not a
    // job of a rayon pool: a pool job that waits runs other queued jobs on its stack, and
    // in a batch those are whole documents.
    let wants_pdf = formats.contains(&Format::Pdf);
    let pdf_job = || {
        paged::typeset(&blocks, meta, &theme, &paged_opts).and_then(|typeset| {
            let bytes = pdf::write(&typeset.document, &typeset.fonts)?;
            Ok((bytes, typeset))
        })
    };
    let text_job = || {
        formats
            .iter()
            .filter(|f| **f != Format::Pdf)
            .map(|f| Ok((*f, renderer.page(meta, &report, &blocks, *f)?.into_bytes())))
            .collect::<Vec<Result<_, Error>>>()
    };
    let (paged_result, texts) = if wants_pdf && formats.len() > 1 {
        std::thread::scope(|s| {
            let pdf = s.spawn(pdf_job);
            let texts = text_job();
            let pdf = pdf
                .join()
                .unwrap_or_else(|_| Err(Error::Template("PDF 排版线程异常退出".into())));
            (Some(pdf), texts)
        })
    } else {
        (wants_pdf.then(pdf_job), text_job())
    };
    let mut pages = None;
    let mut pdf_bytes = None;
    if let Some(result) = paged_result {
        let (bytes, typeset) = result?;
        diagnostics.extend(typeset.warnings.into_iter().map(|message| Diagnostic {
            file: validated.loaded().file.clone(),
            line: 0,
            column: 0,
            field: String::new(),
            rule: "PDF-001",
            severity: Severity::Warning,
            message,
            hint: Some("换用含该字的字体（pdf.yaml 的 fonts），或改写该字".into()),
        }));
        pdf_bytes = Some(bytes);
        pages = Some(typeset.document);
    }
    let mut texts = texts.into_iter();
    let mut pdfs_left = formats.iter().filter(|f| **f == Format::Pdf).count();
    let outputs = formats
        .iter()
        .map(|f| match f {
            Format::Pdf => {
                pdfs_left -= 1;
                let bytes = if pdfs_left == 0 {
                    pdf_bytes.take()
                } else {
                    pdf_bytes.clone()
                };
                Ok((*f, bytes.unwrap_or_default()))
            }
            _ => texts
                .next()
                .unwrap_or_else(|| Err(Error::Usage("内部错误：缺少输出".into()))),
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Artifacts {
        outputs,
        diagnostics,
        summary: K::summary(&report),
        pages,
    })
}
