//! Render: a report ([`crate::model::Report`], or another kind's) → text in each format,
//! through the layout's Tera templates.
//!
//! `document.tera` turns the report into format-neutral block markup (all wording lives
//! there), [`crate::blocks::markup::parse`] turns that into [`Block`]s, and
//! `page.<ext>.tera` writes the blocks as Markdown or HTML. Renderers format figures
//! (through `num`) but never compute them.

mod arith;
pub mod docs;
mod errors;
mod filters;
mod guard;
mod markers;
mod open_data;
pub mod sandbox;

use std::sync::{Arc, Mutex, Weak};

use serde::Serialize;
use tera::{Context, Tera};

use crate::blocks::flat as grid;
use crate::blocks::{markup, Block};
use crate::error::Error;
use crate::model::Meta;
use crate::theme::Theme;

pub use sandbox::Sandbox;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML5 page.
    Html,
    /// Print-ready PDF.
    Pdf,
    /// The tables as an Excel workbook (one sheet per table).
    Xlsx,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
        }
    }

    /// Parses a format name as given on the command line.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            "xlsx" | "excel" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// Which templates a Tera environment renders, and so how it escapes what `{{ … }}`
/// prints. One environment has one escape function, so a layout gets two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Role {
    /// `document.tera` and every file it imports or includes: every printed string is
    /// escaped for the block markup ([`markup::escape`]), so no user text can forge
    /// structure; a template opts out with `| safe` where it prints markup it built.
    /// The figure filters (`money`, `num`) are safe: they write figure marks.
    Blocks,
    /// `page.md.tera`, `page.html.tera`, `index.html.tera`: HTML escaping in
    /// `.html.tera` files (Markdown pages escape with the `md` filter).
    Pages,
}

/// A prepared Tera environment for one theme.
pub struct Renderer {
    /// Renders `document.tera` (escaping for the block markup).
    blocks: Arc<Tera>,
    /// Renders the page templates (escaping HTML).
    pages: Arc<Tera>,
    theme: Arc<Theme>,
    settings: filters::Settings,
    /// Where templates from a user's directory are rendered; `None` renders in process.
    sandbox: Option<Sandbox>,
}

/// Compiles template `files` (name → text) for `role` with gongkai's filters (formatting
/// figures as `settings` say) and the bounded `range`, refusing a template set that
/// recurses; cached in [`COMPILED`]. The sandbox's child compiles with this same function,
/// so a user's templates escape exactly as built-in ones.
fn compile<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    settings: &filters::Settings,
    role: Role,
) -> Result<Arc<Tera>, String> {
    compile_from(files, settings, role, None)
}

/// As [`compile`], for the templates of `theme`: a theme shared by a batch's documents
/// ([`crate::theme::Cache`]) is recognised by identity, without comparing its texts again.
fn compile_theme(
    theme: &Arc<Theme>,
    settings: &filters::Settings,
    role: Role,
) -> Result<Arc<Tera>, String> {
    compile_from(templates(theme), settings, role, Some(theme))
}

/// [`compile`] and [`compile_theme`]: the cached set for `theme` (by identity) or for the
/// same sources, role and settings, else a new one, remembered with `theme`.
fn compile_from<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    settings: &filters::Settings,
    role: Role,
    theme: Option<&Arc<Theme>>,
) -> Result<Arc<Tera>, String> {
    let lock = || {
        COMPILED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    // The entry's `Weak` keeps the theme's allocation, so no other theme can have its
    // address while the entry exists.
    let same_theme =
        |c: &Compiled| theme.is_some_and(|t| std::ptr::eq(c.theme.as_ptr(), Arc::as_ptr(t)));
    if theme.is_some() {
        let cache = lock();
        if let Some(c) =
            (cache.iter()).find(|c| c.role == role && c.settings == *settings && same_theme(c))
        {
            return Ok(Arc::clone(&c.tera));
        }
    }
    let mut files: Vec<(&str, &str)> = files.into_iter().collect();
    files.sort_unstable();
    let same = |c: &Compiled| {
        c.role == role
            && c.settings == *settings
            && c.sources.len() == files.len()
            && c.sources
                .iter()
                .zip(&files)
                .all(|((n, t), (fname, ftext))| n == fname && t == ftext)
    };
    if let Some(c) = lock().iter_mut().find(|c| same(c)) {
        if let Some(t) = theme {
            c.theme = Arc::downgrade(t);
        }
        return Ok(Arc::clone(&c.tera));
    }
    let mut tera = Tera::default();
    match role {
        Role::Blocks => {
            // Every template of this environment: it only ever renders `document.tera`
            // and what that imports or includes.
            tera.autoescape_on(vec![".tera"]);
            tera.set_escape_fn(markup::escape);
        }
        Role::Pages => {
            tera.autoescape_on(vec![".html.tera"]);
            tera.set_escape_fn(escape_html);
        }
    }
    tera.add_raw_templates(files.iter().copied())
        .map_err(|e| errors::describe(&e, &files))?;
    guard::check_recursion(&tera)?;
    filters::register(&mut tera, settings);
    arith::register(&mut tera);
    guard::register(&mut tera);
    let tera = Arc::new(tera);
    let mut cache = lock();
    cache.insert(
        0,
        Compiled {
            sources: files
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect(),
            role,
            settings: settings.clone(),
            tera: Arc::clone(&tera),
            theme: theme.map_or_else(Weak::new, Arc::downgrade),
        },
    );
    cache.truncate(COMPILED_KEPT);
    Ok(tera)
}

/// What the page templates see for each block.
#[derive(Serialize)]
struct PageBlock<'a> {
    #[serde(flatten)]
    block: &'a Block,
    /// For tables: the flattened view Markdown needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    flat: Option<&'a grid::Flat>,
    // HTML pages also get `csv_uri` on each table with rows: the figures as a CSV `data:`
    // URI (open data download link), added by `add_html_variables`.
    /// For tables: what the page templates would otherwise work out row by row with
    /// Tera filters (each of which copies the rows it reads).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    shape: Option<Shape>,
}

/// Facts about a table's rows for the page templates.
#[derive(Serialize)]
struct Shape {
    /// Columns of the flattened table.
    columns: usize,
    /// True when some body row is a 款 under a 类 (the rows form a tree).
    tree: bool,
    /// Indexes (from 0) of the body rows made only of header cells: they label the
    /// columns below them.
    header_rows: Vec<usize>,
}

impl Shape {
    fn of(g: &crate::blocks::Grid, flat: &grid::Flat) -> Shape {
        Shape {
            columns: flat.header.len(),
            tree: g
                .body
                .iter()
                .any(|r| r.kind == crate::blocks::RowKind::Group2),
            header_rows: (g.body.iter().enumerate())
                .filter(|(_, r)| r.cells.iter().all(|c| c.header))
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

impl Renderer {
    /// Compiles the theme's templates, with figures formatted per the report's settings.
    pub fn new(theme: impl Into<Arc<Theme>>, meta: &Meta) -> Result<Renderer, Error> {
        let theme = theme.into();
        let m = meta;
        let settings = filters::Settings {
            decimals: m.decimals,
            percent_decimals: m.percent_decimals,
            thousands: theme.info.numbers.thousands,
            zero: theme.info.numbers.zero.clone(),
            ordinals: m.ordinals,
            percent_small: theme
                .info
                .numbers
                .percent_small
                .map(|p| (p.below, p.decimals)),
            figure_marks: true,
        };
        let blocks = compile_theme(&theme, &settings, Role::Blocks).map_err(Error::Template)?;
        let pages = compile_theme(&theme, &settings, Role::Pages).map_err(Error::Template)?;
        Ok(Renderer {
            blocks,
            pages,
            theme,
            settings,
            sandbox: None,
        })
    }

    /// Renders templates from a user's directory in `sandbox` (built-in templates are
    /// trusted and always rendered in process).
    pub fn sandboxed(mut self, sandbox: Option<Sandbox>) -> Renderer {
        if self.theme.user_templates {
            self.sandbox = sandbox;
        }
        self
    }

    /// Renders template `name` with `ctx` in the environment of `role`, bounded (see
    /// [`guard`] and [`sandbox`]).
    fn render(&self, name: &str, role: Role, ctx: &Context) -> Result<String, Error> {
        self.render_from(name, role, ctx, None)
    }

    /// As [`Renderer::render`], from `files` (name → text) instead of the theme's
    /// templates when given (the marked copies of [`markers`]).
    fn render_from(
        &self,
        name: &str,
        role: Role,
        ctx: &Context,
        files: Option<&[(String, String)]>,
    ) -> Result<String, Error> {
        if let Some(files) = files {
            let job = sandbox::Job {
                files: files.to_vec(),
                settings: self.settings.clone(),
                role,
                template: name.to_owned(),
                context: ctx.clone().into_json(),
            };
            return match &self.sandbox {
                Some(sb) => sandbox::render(sb, &job),
                None => sandbox::run_job(job).map_err(Error::Template),
            };
        }
        match &self.sandbox {
            Some(sb) => sandbox::render(
                sb,
                &sandbox::Job {
                    files: templates(&self.theme)
                        .map(|(n, t)| (n.to_owned(), t.to_owned()))
                        .collect(),
                    settings: self.settings.clone(),
                    role,
                    template: name.to_owned(),
                    context: ctx.clone().into_json(),
                },
            ),
            None => {
                let sources: Vec<(&str, &str)> = templates(&self.theme).collect();
                let tera = match role {
                    Role::Blocks => &self.blocks,
                    Role::Pages => &self.pages,
                };
                guard::render(tera, name, ctx, &sources).map_err(Error::Template)
            }
        }
    }

    /// The report (of any document kind) as blocks (the format-neutral document).
    pub fn blocks<R: Serialize>(&self, report: &R) -> Result<Vec<Block>, Error> {
        let mut ctx =
            Context::from_serialize(report).map_err(|e| Error::Template(e.to_string()))?;
        ctx.insert("layout", &self.theme.info);
        let text = self.render("document.tera", Role::Blocks, &ctx)?;
        markup::parse(&text).map_err(|e| self.markup_error(&e, &ctx, &text))
    }

    /// A markup error at the template line that produced it: the document rendered once
    /// more from marked templates ([`markers`]) tells which line that was.
    fn markup_error(&self, e: &markup::MarkupError, ctx: &Context, text: &str) -> Error {
        let marked: Vec<(String, String)> = templates(&self.theme)
            .map(|(n, t)| {
                let text = if n.starts_with("page.") {
                    t.to_owned()
                } else {
                    markers::mark(n, t)
                };
                (n.to_owned(), text)
            })
            .collect();
        let found = self
            .render_from("document.tera", Role::Blocks, ctx, Some(&marked))
            .ok()
            // Only when the marked output is the same text: then its lines are the same.
            .filter(|out| markers::strip(out) == text)
            .and_then(|out| markers::position(&out, e.line));
        let source = found.as_ref().and_then(|(file, line)| {
            let text = self.theme.files.get(file)?;
            Some(
                text.lines()
                    .nth(line.checked_sub(1)?)?
                    .trim()
                    .chars()
                    .take(120)
                    .collect::<String>(),
            )
        });
        match (found, source) {
            (Some((file, line)), Some(shown)) => Error::Template(format!(
                "{file} 第 {line} 行：{}（生成的块标记第 {} 行）\n    {line} | {shown}",
                e.message, e.line
            )),
            _ => Error::Template(format!(
                "document.tera 生成的第 {} 行：{}",
                e.line, e.message
            )),
        }
    }

    /// Writes `blocks` in a text format (Markdown or HTML); HTML embeds `report` as JSON.
    pub fn page<R: Serialize>(
        &self,
        meta: &Meta,
        report: &R,
        blocks: &[Block],
        format: Format,
    ) -> Result<String, Error> {
        let mut pages = self.pages(meta, report, blocks, &[format])?;
        pages
            .pop()
            .ok_or_else(|| Error::Internal("未生成页面".into()))
    }

    /// [`Renderer::page`] for each of `formats` (text formats), in that order. The page
    /// context is built once: Markdown is rendered from it first, then the same context,
    /// given the HTML page's own variables (each table's CSV download, the report as
    /// JSON), renders the HTML; so each page sees exactly the variables of
    /// [`Renderer::page`], whatever else was asked for.
    pub fn pages<R: Serialize>(
        &self,
        meta: &Meta,
        report: &R,
        blocks: &[Block],
        formats: &[Format],
    ) -> Result<Vec<String>, Error> {
        for format in formats {
            let name = page_template(*format)?;
            if !self.theme.files.contains_key(name) {
                return Err(Error::Usage(format!(
                    "版式“{}”尚不支持 {} 输出",
                    self.theme.info.name,
                    format.extension()
                )));
            }
        }
        let flats: Vec<Option<grid::Flat>> = blocks
            .iter()
            .map(|b| match b {
                Block::Table(g) => Some(grid::flatten(g)),
                _ => None,
            })
            .collect();
        let page_blocks: Vec<PageBlock<'_>> = blocks
            .iter()
            .zip(&flats)
            .map(|(b, flat)| PageBlock {
                block: b,
                flat: flat.as_ref(),
                shape: match (b, flat) {
                    (Block::Table(g), Some(f)) => Some(Shape::of(g, f)),
                    _ => None,
                },
            })
            .collect();
        // The first title (the page's <title>) and whether any table follows: found here,
        // since a Tera `filter` over `blocks` copies the whole document.
        let title = blocks.iter().find_map(|b| match b {
            Block::Title { text } => Some(text.as_str()),
            _ => None,
        });
        let css = (self.theme.files.get("style.css").map(String::as_str)).unwrap_or("");
        let json = |e: serde_json::Error| Error::Template(e.to_string());
        let mut context = serde_json::Map::new();
        for (key, value) in [
            ("meta", serde_json::to_value(meta).map_err(json)?),
            (
                "layout",
                serde_json::to_value(&self.theme.info).map_err(json)?,
            ),
            ("blocks", serde_json::to_value(&page_blocks).map_err(json)?),
            ("title", serde_json::to_value(title).map_err(json)?),
            (
                "has_tables",
                serde_json::Value::Bool(blocks.iter().any(|b| matches!(b, Block::Table(_)))),
            ),
            ("css", serde_json::Value::String(css.to_owned())),
        ] {
            context.insert(key.to_owned(), value);
        }
        // Markdown first, from the context without the HTML page's variables.
        let mut order: Vec<usize> = (0..formats.len()).collect();
        order.sort_by_key(|&i| formats[i] != Format::Markdown);
        let mut out: Vec<Option<String>> = formats.iter().map(|_| None).collect();
        let mut html_ready = false;
        for i in order {
            let format = formats[i];
            if format == Format::Html && !html_ready {
                add_html_variables(&mut context, &flats, report)?;
                html_ready = true;
            }
            let ctx = Context::from_value(serde_json::Value::Object(context))
                .map_err(|e| Error::Template(e.to_string()))?;
            let text = self.render(page_template(format)?, Role::Pages, &ctx);
            context = match ctx.into_json() {
                serde_json::Value::Object(map) => map,
                _ => serde_json::Map::new(),
            };
            // Templates are easier to read with free whitespace; the file starts at its
            // first character and ends with exactly one newline.
            out[i] = Some(format!("{}\n", text?.trim()));
        }
        Ok(out.into_iter().flatten().collect())
    }
}

/// The page template of a text format.
fn page_template(format: Format) -> Result<&'static str, Error> {
    match format {
        Format::Markdown => Ok("page.md.tera"),
        Format::Html => Ok("page.html.tera"),
        Format::Pdf | Format::Xlsx => {
            Err(Error::Usage(format!("{} 不是文本格式", format.extension())))
        }
    }
}

/// The HTML page's own variables, added to the page context: each table's figures as a
/// CSV `data:` URI (`csv_uri`, tables with rows only) and the report as JSON (`data_json`).
fn add_html_variables<R: Serialize>(
    context: &mut serde_json::Map<String, serde_json::Value>,
    flats: &[Option<grid::Flat>],
    report: &R,
) -> Result<(), Error> {
    if let Some(serde_json::Value::Array(blocks)) = context.get_mut("blocks") {
        for (block, flat) in blocks.iter_mut().zip(flats) {
            if let (serde_json::Value::Object(b), Some(f)) = (block, flat) {
                if !f.rows.is_empty() {
                    let uri = open_data::data_uri("text/csv", &open_data::to_csv(f));
                    b.insert("csv_uri".to_owned(), serde_json::Value::String(uri));
                }
            }
        }
    }
    context.insert(
        "data_json".to_owned(),
        serde_json::Value::String(script_json(report)?),
    );
    Ok(())
}

/// The theme's Tera templates: (name, text).
fn templates(theme: &Theme) -> impl Iterator<Item = (&str, &str)> {
    theme
        .files
        .iter()
        .filter(|(name, _)| name.ends_with(".tera"))
        .map(|(n, t)| (n.as_str(), t.as_str()))
}

/// A template set compiled for one role and one way of printing figures: parsing is most
/// of what a [`Renderer`] costs, and a batch renders hundreds of documents in the same
/// layout, nearly always with the same settings.
struct Compiled {
    /// Name → text, sorted by name.
    sources: Vec<(String, String)>,
    role: Role,
    settings: filters::Settings,
    tera: Arc<Tera>,
    /// The shared theme these templates were last asked for by (see [`compile_theme`]).
    theme: Weak<Theme>,
}

/// Template sets already compiled, most recent first.
static COMPILED: Mutex<Vec<Compiled>> = Mutex::new(Vec::new());

/// Environments kept in [`COMPILED`] (a layout has two per way of printing figures).
const COMPILED_KEPT: usize = 16;

/// The portal index page of a batch run from its template (`index.html.tera`), listing
/// `entries` (department, year, totals, file names) in the order given, every amount in
/// one format (`money`: two decimals, thousands separators) whatever decimals its document
/// prints. A user's template is rendered in `sandbox` when one is given.
pub fn index_page<T: Serialize>(
    entries: &[T],
    template: &str,
    sandbox: Option<&Sandbox>,
) -> Result<String, Error> {
    // One number format for every department, whatever its document prints: 万元 to two
    // decimals with thousands separators, a zero as 0.00 (`money` in the template).
    let settings = filters::Settings {
        decimals: 2,
        percent_decimals: 1,
        thousands: true,
        zero: "0.00".to_owned(),
        ordinals: crate::load::schema::OrdinalStyle::Nian,
        percent_small: None,
        figure_marks: false,
    };
    let name = "index.html.tera";
    let tera = compile([(name, template)], &settings, Role::Pages).map_err(Error::Template)?;
    let mut ctx = Context::new();
    ctx.insert("entries", entries);
    let text = match sandbox {
        Some(sb) => sandbox::render(
            sb,
            &sandbox::Job {
                files: vec![(name.to_owned(), template.to_owned())],
                settings,
                role: Role::Pages,
                template: name.to_owned(),
                context: ctx.clone().into_json(),
            },
        )?,
        None => guard::render(&tera, name, &ctx, &[(name, template)]).map_err(Error::Template)?,
    };
    Ok(format!("{}\n", text.trim()))
}

/// The whole derived report as JSON that is safe inside `<script type="application/json">`:
/// `<`, `>` and `&` only occur inside JSON strings, where their `\u` escapes mean the same.
fn script_json<R: Serialize>(report: &R) -> Result<String, Error> {
    let json = serde_json::to_string(report).map_err(|e| Error::Template(e.to_string()))?;
    Ok(json
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026"))
}

/// HTML escaping that also drops characters no reader should get (controls, bidirectional
/// overrides, zero-width characters: see [`crate::text`]), wherever a page prints text.
fn escape_html(s: &str) -> String {
    tera::escape_html(&crate::text::clean(s))
}

#[cfg(test)]
mod tests;
