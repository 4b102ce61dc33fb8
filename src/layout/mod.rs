//! Layout: the format-neutral [`Block`]s → a [`Document`] of pages with positioned glyphs,
//! rules and links, in points. Everything a printed page needs is decided here — fonts'
//! real advances, Chinese line breaking, justified paragraphs, tables with repeated
//! headers and landscape pages, the cover, the table of contents with page numbers, page
//! numbers, bookmarks — so that the PDF writer only has to draw.
//!
//! This module never calls printpdf, reads a file or looks at the clock: fonts arrive as
//! bytes ([`FontSet`]), settings as text ([`Settings`]).
//!
//! ```text
//! font.rs       characters → glyphs and advances (serif / sans roles, fallback)
//! linebreak.rs  break opportunities (UAX #14 + CJK kinsoku table), greedy line filling
//! text.rs       shaping, CJK–Latin spacing, wrapping, justification → text runs
//! table/        column widths, merged cells, row groups, pagination with repeated headers
//! flow/         cover, contents, body flow, headings kept with what follows, page
//!               numbers, outline; builds the structure tree on the way
//! structure.rs  the logical structure (headings, paragraphs, lists, tables) and the marks
//!               that tie drawn runs to it or make them artifacts
//! document.rs   the output: Document / Page / Item
//! settings.rs   pdf.yaml: paper, margins, sizes, spacing, rules
//! ```

pub mod document;
mod flow;
pub mod font;
pub mod linebreak;
pub mod settings;
pub mod structure;
pub mod table;
pub mod text;

pub use document::{
    Dest, DocInfo, Document, Glyph, Item, OutlineEntry, Page, Point, Size, TextRun,
};
pub use font::{FontSet, Role};
pub use settings::Settings;
pub use structure::{Artifact, Mark, NodeId, Structure};

use crate::blocks::Block;

/// What the cover shows besides the title block.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    /// The lines under the title, in order (by default the department as it signs the
    /// report and the date line, e.g. "2024 年 1 月"; a layout's `cover:` chooses them).
    pub lines: Vec<String>,
    /// Mark every page as a draft.
    pub draft: bool,
}

/// A character that no font has, and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The character.
    pub ch: char,
    /// Where: the block, in words (e.g. `表“一、2024 年收支预算总表”`).
    pub place: String,
}

/// Lays out `blocks` into pages.
pub fn layout(
    blocks: &[Block],
    cover: &Cover,
    info: DocInfo,
    fonts: &FontSet<'_>,
    settings: &Settings,
) -> (Document, Vec<Missing>) {
    let (mut doc, missing) = flow::run(blocks, cover, fonts, settings);
    doc.info = info;
    (doc, missing)
}

/// A one-line-per-page summary of a laid-out document: page number, orientation and the
/// first line of text — the PDF's golden test compares this rather than PDF bytes.
pub fn summary(doc: &Document) -> String {
    let mut out = format!("pages: {}\n", doc.pages.len());
    for (i, p) in doc.pages.iter().enumerate() {
        let orientation = if p.size.width > p.size.height {
            "landscape"
        } else {
            "portrait"
        };
        // Text runs grouped by baseline, in reading order; the first non-empty line.
        let mut runs: Vec<(f32, f32, String)> = p
            .items
            .iter()
            .filter_map(|(pt, it)| match it {
                Item::Text(r) if r.angle == 0.0 => Some((pt.y, pt.x, r.text())),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let first_y = runs.first().map(|r| r.0);
        let line: String = runs
            .iter()
            .filter(|r| Some(r.0) == first_y)
            .map(|r| r.2.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "{:>3} {:<9} {}\n",
            i + 1,
            orientation,
            line.trim()
        ));
    }
    out
}

#[cfg(test)]
mod tests;
