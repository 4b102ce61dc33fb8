//! The format-neutral document every writer walks: a small set of [`Block`]s (title,
//! contents, headings, paragraphs, tables with real merged cells, page breaks).
//!
//! Render produces them from a layout's `document.tera` through the block markup
//! ([`markup::parse`]); the Markdown and HTML page templates, the PDF layout and any other
//! writer read them. Nothing here knows about a report, a format or a page.
//!
//! ```text
//! mod.rs     the block types
//! markup.rs  block markup → blocks; the escape the block templates apply to what they print
//! flat.rs    merged cells resolved into plain columns (Markdown, CSV, checks)
//! audit.rs   the output invariant read off the printed tables
//! ```

pub mod audit;
pub mod flat;
pub mod markup;

use serde::Serialize;

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The document title.
    Title {
        /// Title text.
        text: String,
    },
    /// The table of contents (filled from headings and table captions).
    Toc {
        /// Entries in document order.
        entries: Vec<TocEntry>,
    },
    /// A heading.
    Heading {
        /// 1 (part) to 4.
        level: u8,
        /// Text.
        text: String,
        /// Anchor id.
        id: String,
    },
    /// A paragraph.
    Paragraph {
        /// Text.
        text: String,
    },
    /// A table or form.
    Table(Grid),
    /// Start a new page in paged output.
    PageBreak,
}

/// A table of contents entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Nesting level (1 = part).
    pub level: u8,
    /// Text.
    pub text: String,
    /// Anchor id.
    pub id: String,
}

/// A table with real merged cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Grid {
    /// Anchor id.
    pub id: String,
    /// Caption (number and title).
    pub caption: String,
    /// Label above the caption (预算01表).
    pub label: String,
    /// Unit line (单位：万元).
    pub unit: String,
    /// True for tables that need a landscape page in print.
    pub wide: bool,
    /// True when its rows are not sums of the rows below them (the two sides of a summary
    /// table, years side by side): row kinds only style it, and its totals are not checked
    /// against the rows below (`@@nosum`).
    pub nosum: bool,
    /// Header rows.
    pub head: Vec<GridRow>,
    /// Body rows.
    pub body: Vec<GridRow>,
    /// Notes printed under the table.
    pub notes: Vec<String>,
    /// Its entry in the contents and the PDF bookmarks (`@@contents`): `None` for the
    /// caption, empty for none; tables in a row with the same entry share one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents: Option<String>,
}

impl Grid {
    /// The text of its contents and bookmark entry, if it has one.
    pub fn contents_entry(&self) -> Option<&str> {
        let text = self.contents.as_deref().unwrap_or(&self.caption);
        (!text.is_empty()).then_some(text)
    }
}

/// A row of a grid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GridRow {
    /// Row kind: total, 类/款 group or plain.
    pub kind: RowKind,
    /// Cells.
    pub cells: Vec<GridCell>,
}

/// A cell of a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridCell {
    /// Text.
    pub text: String,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Right-aligned figure.
    pub numeric: bool,
    /// Header cell (always true in header rows).
    pub header: bool,
    /// The exact figure behind the printed text, when a figure filter (`money`, `num`)
    /// printed the cell's text (`{=825.164 d2}` in the markup); writers that keep numbers
    /// as numbers (the workbook) use it, the others print `text`. Not given to the page
    /// templates, which print `text`: a table's figures were a fifth of the page
    /// context's entries (1.8% of a synthetic department's CPU time).
    #[serde(skip_serializing)]
    pub figure: Option<Figure>,
}

/// An exact figure and the decimals it is printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The exact value, before rounding for print.
    pub value: rust_decimal::Decimal,
    /// Decimals of the printed text.
    pub decimals: u32,
}

/// The kind of a body row, from the hierarchy of the table it belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum RowKind {
    /// A total row (合计, 总计).
    #[serde(rename = "total")]
    Total,
    /// A first-level group (类, a department).
    #[serde(rename = "group1")]
    Group1,
    /// A second-level group (款, a unit).
    #[serde(rename = "group2")]
    Group2,
    /// A group under a second-level group (a project category under its unit); printed
    /// like a second-level group.
    #[serde(rename = "group3")]
    Group3,
    /// A leaf row of a hierarchy (项).
    #[serde(rename = "item")]
    Item,
    /// A row outside any hierarchy.
    #[default]
    #[serde(rename = "")]
    Plain,
}

impl RowKind {
    /// Parses the kind written before a row's first bar in the markup (`g1`/`g2` are
    /// short for `group1`/`group2`).
    pub fn parse(s: &str) -> Option<RowKind> {
        Some(match s {
            "total" => RowKind::Total,
            "group1" | "g1" => RowKind::Group1,
            "group2" | "g2" => RowKind::Group2,
            "group3" | "g3" => RowKind::Group3,
            "item" => RowKind::Item,
            "" => RowKind::Plain,
            _ => return None,
        })
    }

    /// True for the rows printed in bold: totals and first-level groups.
    pub fn is_strong(self) -> bool {
        matches!(self, RowKind::Total | RowKind::Group1)
    }

    /// The hierarchy level (0 = total, 1 = 类, 2 = 款, 3 = a group under 款, 4 = 项);
    /// `None` outside a hierarchy.
    pub fn level(self) -> Option<usize> {
        match self {
            RowKind::Total => Some(0),
            RowKind::Group1 => Some(1),
            RowKind::Group2 => Some(2),
            RowKind::Group3 => Some(3),
            RowKind::Item => Some(4),
            RowKind::Plain => None,
        }
    }
}
