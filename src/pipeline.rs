//! The pipeline for one input, of any kind: theme → validate → derive → render every
//! format asked for. `main`, `batch` and `watch` call it; it calls the stages in order and
//! nothing calls back up into it.

use crate::error::{self, Diagnostic, Error, Severity};
use crate::kind::{self, Input, Kind, Summary, Visit, VisitRef};
use crate::render::Format;
use crate::{blocks, layout, load, paged, pdf, render, theme, validate, xlsx};

use std::path::PathBuf;
use std::sync::Arc;

/// What `generate` should produce.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Formats to write; empty means every format the layout supports.
    pub formats: Vec<Format>,
    /// The user's layout directories (`--templates`, repeatable): a directory whose
    /// `layout.yaml` declares a layout applies to inputs of that layout only; one that
    /// declares none overrides files of every layout by name (see [`theme::user`]).
    pub templates: Vec<PathBuf>,
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
fn theme_of<K: Kind>(
    loaded: &load::Loaded<K>,
    opts: &Options,
    layouts: &theme::Cache,
) -> Result<Arc<theme::Theme>, Error> {
    let name = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT);
    let theme = layouts.load(name, &opts.templates)?;
    if theme.info.kind != K::NAME {
        let label = kind::label;
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

/// Every diagnostic for one input (the `check` command): its kind's rules and, when they
/// find no error, what the report would print (the output invariant).
pub fn check(input: &Input, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    struct Check<'o>(&'o Options);
    impl VisitRef<'_> for Check<'_> {
        type Out = Result<Vec<Diagnostic>, Error>;
        fn run<K: Kind>(self, loaded: &load::Loaded<K>) -> Self::Out {
            check_kind(loaded, self.0)
        }
    }
    input.visit_ref(Check(opts))
}

fn check_kind<K: Kind>(loaded: &load::Loaded<K>, opts: &Options) -> Result<Vec<Diagnostic>, Error> {
    let theme = theme_of(loaded, opts, &theme::Cache::default())?;
    let vopts = validate_options(&theme, opts);
    let diags = K::check(loaded, &vopts);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        return Ok(diags);
    }
    // What the report would print is checked too (the output invariant).
    let layout = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT).to_owned();
    let v = match validate::gate(loaded.clone(), diags, false) {
        Ok(v) => v,
        Err(diags) => return Ok(diags),
    };
    let report = K::derive(&v, false, &layout);
    let renderer = render::Renderer::new(theme, K::meta(&report))?.sandboxed(opts.sandbox.clone());
    let blocks = renderer
        .blocks(&report)
        .map_err(|e| name_input(e, &v.loaded().file))?;
    let audit = audit(&blocks, v.loaded());
    let mut diags = v.warnings().to_vec();
    diags.extend(audit);
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

/// The context `document.tera` renders with for one input of any kind: its report (as
/// a draft when the input has errors, which come back with the warnings) plus `layout`,
/// the layout's merged `layout.yaml` (`gongkai templates vars`).
pub fn context(
    input: Input,
    opts: &Options,
) -> Result<(serde_json::Value, Vec<Diagnostic>), Error> {
    struct Context<'o>(&'o Options);
    impl Visit for Context<'_> {
        type Out = Result<(serde_json::Value, Vec<Diagnostic>), Error>;
        fn run<K: Kind>(self, loaded: load::Loaded<K>) -> Self::Out {
            let theme = theme_of(&loaded, self.0, &theme::Cache::default())?;
            let layout = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT).to_owned();
            let validated = kind::validated(loaded, &validate_options(&theme, self.0), true)
                .map_err(Error::Invalid)?;
            let report = K::derive(&validated, false, &layout);
            let mut value =
                serde_json::to_value(&report).map_err(|e| Error::Template(e.to_string()))?;
            if let serde_json::Value::Object(map) = &mut value {
                let info = serde_json::to_value(&theme.info)
                    .map_err(|e| Error::Template(e.to_string()))?;
                map.insert("layout".into(), info);
            }
            Ok((value, validated.warnings().to_vec()))
        }
    }
    input.visit(Context(opts))
}

/// A template error about a value empty "in this input" names the input.
fn name_input(e: Error, file: &str) -> Error {
    match e {
        Error::Template(m) => {
            Error::Template(m.replace("在本输入中", &format!("在本输入（{file}）中")))
        }
        other => other,
    }
}

/// Runs the whole pipeline on one input of any kind.
pub fn build(input: Input, opts: &Options) -> Result<Artifacts, Error> {
    build_with(input, opts, &theme::Cache::default())
}

/// As [`build`], taking layouts from `layouts`: a batch shares one [`theme::Cache`]
/// between its documents, so each layout is loaded and compiled once.
pub fn build_with(
    input: Input,
    opts: &Options,
    layouts: &theme::Cache,
) -> Result<Artifacts, Error> {
    struct Build<'o>(&'o Options, &'o theme::Cache);
    impl Visit for Build<'_> {
        type Out = Result<Artifacts, Error>;
        fn run<K: Kind>(self, loaded: load::Loaded<K>) -> Self::Out {
            build_kind(loaded, self.0, self.1)
        }
    }
    input.visit(Build(opts, layouts))
}

/// The pipeline for one kind: validate → derive → render every format asked for.
fn build_kind<K: Kind>(
    loaded: load::Loaded<K>,
    opts: &Options,
    layouts: &theme::Cache,
) -> Result<Artifacts, Error> {
    let theme = theme_of(&loaded, opts, layouts)?;
    let layout = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT).to_owned();
    let validated = kind::validated(loaded, &validate_options(&theme, opts), opts.draft)
        .map_err(Error::Invalid)?;
    let report = K::derive(&validated, opts.draft, &layout);
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
    let renderer = render::Renderer::new(Arc::clone(&theme), meta)?.sandboxed(opts.sandbox.clone());
    let file = validated.loaded().file.clone();
    let blocks = renderer.blocks(&report).map_err(|e| name_input(e, &file))?;
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
    // in a batch those are whole documents. A batch (a caller on a rayon pool's worker)
    // already keeps every core busy, so there each document is made on its own thread.
    let wants_pdf = formats.contains(&Format::Pdf);
    let in_batch = rayon::current_thread_index().is_some();
    let pdf_job = || {
        paged::typeset(&blocks, meta, &theme, &paged_opts).and_then(|typeset| {
            let bytes = pdf::write(&typeset.document, &typeset.fonts)?;
            Ok((bytes, typeset))
        })
    };
    let text_job = || {
        // The Markdown and HTML pages share one page context (`Renderer::pages`).
        let pages: Vec<Format> = (formats.iter().copied())
            .filter(|f| matches!(f, Format::Markdown | Format::Html))
            .collect();
        let (mut pages, mut failed) = match renderer.pages(meta, &report, &blocks, &pages) {
            Ok(texts) => (texts.into_iter(), None),
            Err(e) => (Vec::new().into_iter(), Some(name_input(e, &file))),
        };
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
                _ => match (pages.next(), failed.take()) {
                    (Some(text), _) => Ok((*f, text.into_bytes())),
                    (None, Some(e)) => Err(e),
                    (None, None) => Err(Error::Internal("未生成页面".into())),
                },
            })
            .collect::<Vec<Result<_, Error>>>()
    };
    let (paged_result, texts) = if wants_pdf && formats.len() > 1 && !in_batch {
        std::thread::scope(|s| {
            let pdf = s.spawn(pdf_job);
            let texts = text_job();
            let pdf = pdf
                .join()
                .unwrap_or_else(|_| Err(Error::Internal("PDF 排版线程异常退出".into())));
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
