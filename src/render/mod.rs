//! Render: a report ([`crate::model::Report`], or another kind's) → text in each format,
//! through the layout's Tera templates.
//!
//! `document.tera` turns the report into format-neutral block markup (all wording lives
//! there), [`markup::parse`](crate::blocks::markup::parse) turns that into [`Block`]s, and `page.<ext>.tera` writes the
//! blocks as Markdown or HTML. Renderers format figures (through `num`) but never compute
//! them.

mod filters;
mod open_data;

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;
use tera::{Context, Tera};

use crate::blocks::flat as grid;
use crate::blocks::{markup, Block};
use crate::error::Error;
use crate::model::Meta;
use crate::theme::Theme;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML5 page.
    Html,
    /// Print-ready PDF.
    Pdf,
}

impl Format {
    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// Parses a format name as given on the command line.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// A prepared Tera environment for one theme.
pub struct Renderer {
    tera: Tera,
    theme: Theme,
}

/// What the page templates see for each block.
#[derive(Serialize)]
struct PageBlock<'a> {
    #[serde(flatten)]
    block: &'a Block,
    /// For tables: the flattened view Markdown needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    flat: Option<grid::Flat>,
    /// For tables: the figures as a CSV `data:` URI (open data download link).
    #[serde(skip_serializing_if = "Option::is_none")]
    csv_uri: Option<String>,
}

impl Renderer {
    /// Compiles the theme's templates, with figures formatted per the report's settings.
    pub fn new(theme: Theme, meta: &Meta) -> Result<Renderer, Error> {
        let mut tera = parsed(&theme)?;
        let m = meta;
        filters::register(
            &mut tera,
            &filters::Settings {
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
            },
        );
        Ok(Renderer { tera, theme })
    }

    /// The report (of any document kind) as blocks (the format-neutral document).
    pub fn blocks<R: Serialize>(&self, report: &R) -> Result<Vec<Block>, Error> {
        let mut ctx =
            Context::from_serialize(report).map_err(|e| Error::Template(tera_message(&e)))?;
        ctx.insert("layout", &self.theme.info);
        let text = self
            .tera
            .render("document.tera", &ctx)
            .map_err(|e| Error::Template(tera_message(&e)))?;
        markup::parse(&text).map_err(|e| {
            Error::Template(format!(
                "document.tera 生成的第 {} 行：{}",
                e.line, e.message
            ))
        })
    }

    /// Writes `blocks` in a text format (Markdown or HTML); HTML embeds `report` as JSON.
    pub fn page<R: Serialize>(
        &self,
        meta: &Meta,
        report: &R,
        blocks: &[Block],
        format: Format,
    ) -> Result<String, Error> {
        let name = match format {
            Format::Markdown => "page.md.tera",
            Format::Html => "page.html.tera",
            Format::Pdf => return Err(Error::Usage("PDF 不是文本格式".into())),
        };
        if !self.theme.files.contains_key(name) {
            return Err(Error::Usage(format!(
                "版式“{}”尚不支持 {} 输出",
                self.theme.info.name,
                format.extension()
            )));
        }
        let page_blocks: Vec<PageBlock<'_>> = blocks
            .iter()
            .map(|b| {
                let flat = match b {
                    Block::Table(g) => Some(grid::flatten(g)),
                    _ => None,
                };
                let csv_uri = match (&flat, format) {
                    (Some(f), Format::Html) if !f.rows.is_empty() => {
                        Some(open_data::data_uri("text/csv", &open_data::to_csv(f)))
                    }
                    _ => None,
                };
                PageBlock {
                    block: b,
                    flat,
                    csv_uri,
                }
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("meta", meta);
        ctx.insert("layout", &self.theme.info);
        ctx.insert("blocks", &page_blocks);
        if format == Format::Html {
            ctx.insert("data_json", &script_json(report)?);
        }
        ctx.insert(
            "css",
            self.theme
                .files
                .get("style.css")
                .map(String::as_str)
                .unwrap_or(""),
        );
        let text = self
            .tera
            .render(name, &ctx)
            .map_err(|e| Error::Template(tera_message(&e)))?;
        // Templates are easier to read with free whitespace; the file starts at its first
        // character and ends with exactly one newline.
        Ok(format!("{}\n", text.trim()))
    }
}

/// Template sets already parsed, by their sources (name → text), most recent first:
/// parsing is most of what a [`Renderer`] costs, and a batch renders hundreds of
/// documents in the same layout. Figures are formatted by filters registered on each copy.
static PARSED: Mutex<Vec<(BTreeMap<String, String>, Tera)>> = Mutex::new(Vec::new());

/// Layouts kept in [`PARSED`].
const PARSED_KEPT: usize = 8;

/// A copy of `theme`'s templates parsed, with HTML templates autoescaping.
fn parsed(theme: &Theme) -> Result<Tera, Error> {
    let sources: BTreeMap<String, String> = theme
        .files
        .iter()
        .filter(|(name, _)| name.ends_with(".tera"))
        .map(|(n, t)| (n.clone(), t.clone()))
        .collect();
    let lock = || {
        PARSED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    };
    if let Some((_, tera)) = lock().iter().find(|(s, _)| *s == sources) {
        return Ok(tera.clone());
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html.tera"]);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| Error::Template(tera_message(&e)))?;
    let mut cache = lock();
    cache.insert(0, (sources, tera.clone()));
    cache.truncate(PARSED_KEPT);
    Ok(tera)
}

/// The portal index page of a batch run from its template (`index.html.tera`), listing
/// `entries` (department, year, totals, file names) in the order given.
pub fn index_page<T: Serialize>(entries: &[T], template: &str) -> Result<String, Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html.tera"]);
    tera.add_raw_template("index.html.tera", template)
        .map_err(|e| Error::Template(tera_message(&e)))?;
    filters::register(
        &mut tera,
        &filters::Settings {
            decimals: 2,
            percent_decimals: 1,
            thousands: false,
            zero: String::new(),
            ordinals: crate::load::schema::OrdinalStyle::Nian,
            percent_small: None,
        },
    );
    let mut ctx = Context::new();
    ctx.insert("entries", entries);
    let text = tera
        .render("index.html.tera", &ctx)
        .map_err(|e| Error::Template(tera_message(&e)))?;
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

/// Tera's error with its causes, on one line.
fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push('：');
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

#[cfg(test)]
mod tests;
