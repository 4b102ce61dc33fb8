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
//! xlsx      Blocks → a workbook, one sheet per table (rust_xlsxwriter)
//! output    bytes → files, atomically
//! ```
//!
//! `import` goes the other way: the budget system's workbook of the standard tables →
//! an input file (YAML) for the pipeline above.
//!
//! `kind.rs` ties the stages of each document kind together (budget, …); `main.rs` is
//! the process edge: arguments, printing, exit codes. Beside `main`, two callers of the
//! façade below rather than stages: `batch` (many inputs in parallel) and `watch` (the
//! live preview: rebuilds on every save and serves the page from memory, writing no file);
//! `present` holds the text of a diagnostic that both `main` and `watch` show.

pub mod batch;
pub mod blocks;
pub mod catalog;
pub mod error;
pub mod import;
pub mod init;
pub mod kind;
pub mod layout;
pub mod load;
pub mod model;
pub mod num;
pub mod output;
pub mod paged;
pub mod pdf;
pub mod present;
pub mod render;
pub mod synth;
pub mod text;
pub mod theme;
pub mod validate;
pub mod watch;
pub mod xlsx;

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
    /// Where templates from a user's directory are rendered: a child process bounded in
    /// time and memory (set by the CLI); `None` renders them in process.
    pub sandbox: Option<render::Sandbox>,
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
    [Format::Markdown, Format::Html, Format::Pdf, Format::Xlsx]
        .into_iter()
        .filter(|f| match f {
            Format::Pdf => theme.files.contains_key("pdf.yaml"),
            Format::Xlsx => theme.info.workbook,
            _ => theme
                .files
                .contains_key(&format!("page.{}.tera", f.extension())),
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

fn check_kind<K: Kind + Clone>(
    loaded: &load::Loaded<K>,
    opts: &Options,
) -> Result<Vec<Diagnostic>, Error> {
    let theme = theme_of(loaded, opts)?;
    let vopts = validate_options(&theme, opts);
    let mut diags = K::check(loaded, &vopts);
    if !diags.iter().any(|d| d.severity == Severity::Error) {
        // What the report would print is checked too (the output invariant).
        if let Ok(v) = validate::validate(loaded.clone(), &vopts, false) {
            let report = K::derive(&v, false);
            let renderer =
                render::Renderer::new(theme, K::meta(&report))?.sandboxed(opts.sandbox.clone());
            diags.extend(audit(&renderer.blocks(&report)?, v.loaded()));
        }
    }
    Ok(diags)
}

/// The output invariant of the printed tables as diagnostics: totals that do not add up
/// as printed (RND-003, pointing at `display`, where 尾差调整 is switched on) and negative
/// printed amounts (RND-005).
fn audit<K>(blocks: &[blocks::Block], loaded: &load::Loaded<K>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let gaps = blocks::audit::gaps(blocks);
    let mut tables: Vec<&str> = gaps.iter().map(|g| g.table.as_str()).collect();
    tables.dedup();
    for table in tables {
        let found: Vec<&blocks::audit::Gap> = gaps.iter().filter(|g| g.table == table).collect();
        let mut d = loaded.diagnostic(
            "RND-003",
            Severity::Warning,
            "display",
            format!(
                "{table}：{} 处合计与印出的分项之和不等，仅因四舍五入（金额的小数位多于印出的位数）",
                found.len()
            ),
        );
        d.hint = Some("设置 display.adjust_rounding: true 做尾差调整，各表即可相加".into());
        d.notes = found
            .iter()
            .map(|g| error::Note {
                line: 0,
                column: 0,
                field: String::new(),
                message: format!(
                    "{} 印为 {}，其下各行印出之和为 {}（{}）",
                    g.row,
                    g.printed,
                    g.parts,
                    g.columns.join("、")
                ),
            })
            .collect();
        diags.push(d);
    }
    for n in blocks::audit::negatives(blocks) {
        diags.push(loaded.diagnostic(
            "RND-005",
            Severity::Error,
            "display",
            format!("{}：{}（{}）印为负数 {}", n.table, n.row, n.column, n.text),
        ));
    }
    diags
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
    let renderer = render::Renderer::new(theme.clone(), meta)?.sandboxed(opts.sandbox.clone());
    let blocks = renderer.blocks(&report)?;
    let mut diagnostics = validated.warnings().to_vec();
    let audit = audit(&blocks, validated.loaded());
    if !opts.draft && audit.iter().any(|d| d.severity == Severity::Error) {
        diagnostics.extend(audit);
        return Err(Error::Invalid(diagnostics));
    }
    diagnostics.extend(audit);
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
            .map(|f| match f {
                Format::Xlsx => {
                    let xopts = xlsx::XlsxOptions {
                        source_date_epoch: opts.source_date_epoch,
                    };
                    Ok((*f, xlsx::render(&blocks, meta, &theme, &xopts)?))
                }
                _ => Ok((*f, renderer.page(meta, &report, &blocks, *f)?.into_bytes())),
            })
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
            notes: Vec::new(),
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
