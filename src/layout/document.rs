//! The laid-out document: pages of positioned items, the one value that crosses from
//! `layout` to `pdf`. Everything is decided here — the PDF writer only walks it.
//!
//! Coordinates are points from the page's top-left corner, y growing downwards. A text
//! run's point is the baseline origin of its first glyph.

use super::structure::{Mark, NodeId, Structure};

/// A point on a page, in points from the top-left corner (y downwards).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f32,
    /// Distance from the top edge.
    pub y: f32,
}

/// A width and height in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
}

/// The whole document, ready to be written.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Pages in order.
    pub pages: Vec<Page>,
    /// Bookmarks in document order; `level` gives the nesting.
    pub outline: Vec<OutlineEntry>,
    /// Index of the first page whose printed number is 1 (pages before it are unnumbered).
    pub first_numbered: usize,
    /// Title, author, language and date of the document.
    pub info: DocInfo,
    /// The logical structure the text runs are marked with.
    pub structure: Structure,
}

/// What a reader's "document properties" show, and what identifies the file.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// Title (the report title).
    pub title: String,
    /// Author (the department).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Language of the text (BCP 47, `zh-CN`).
    pub lang: String,
    /// Creation date, China Standard Time (never the clock: `SOURCE_DATE_EPOCH` or the
    /// budget year).
    pub created: jiff::civil::DateTime,
    /// What the file's document ID is derived from (the same input, the same ID).
    pub id_seed: String,
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Paper size (landscape pages are wider than tall).
    pub size: Size,
    /// What is drawn, in drawing order.
    pub items: Vec<(Point, Item)>,
}

/// Something drawn on a page. Kept small on purpose: text, rules, boxes, links.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of glyphs of one font and size; the point is the baseline origin.
    Text(TextRun),
    /// A straight rule from the point to `to`.
    Line {
        /// End point (absolute).
        to: Point,
        /// Stroke width.
        width: f32,
    },
    /// A filled rectangle whose top-left corner is the point.
    Rect {
        /// Size.
        size: Size,
        /// Fill as a gray level (0 black, 1 white).
        gray: f32,
    },
    /// A clickable area (top-left corner at the point) that jumps to a place in the document.
    Link {
        /// Size of the area.
        size: Size,
        /// Where it jumps to.
        target: Dest,
        /// The link node of the structure it belongs to.
        node: NodeId,
        /// What it leads to, for readers that announce links.
        alt: String,
    },
}

/// A place in the document: a page and a distance from its top.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Dest {
    /// Page index (0-based).
    pub page: usize,
    /// Distance from the top of the page.
    pub y: f32,
}

/// A run of glyphs in one font and size.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Index into the font set (see `layout::font::FontSet`).
    pub font: usize,
    /// Font size.
    pub size: f32,
    /// Fill as a gray level (0 black).
    pub gray: f32,
    /// Rotation in degrees, counter-clockwise around the run's origin (0 for normal text).
    pub angle: f32,
    /// The glyphs, with their positions along the baseline (empty for an empty table
    /// cell, which still has its place in the structure).
    pub glyphs: Vec<Glyph>,
    /// The structure node it belongs to, or the kind of furniture it is.
    pub mark: Mark,
}

/// One glyph of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the font.
    pub id: u16,
    /// The character it shows (for text extraction).
    pub ch: char,
    /// Offset from the run's origin along the baseline.
    pub x: f32,
    /// The glyph's advance at the run's size.
    pub advance: f32,
}

/// A bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Nesting level, 1 = top.
    pub level: u8,
    /// Title.
    pub title: String,
    /// Where it points.
    pub dest: Dest,
}

impl TextRun {
    /// The run's text (for summaries and tests).
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}
