//! One grid → the plan of one worksheet: where every cell goes, what it holds, how it
//! looks, which ranges are merged, and how the sheet prints.
//!
//! The sheet reads as the page does: the table number (预算01表) in the first row, the
//! caption merged across the table, the unit line (单位：万元) at the right, the header
//! rows with the grid's own merges (the same merges the HTML and PDF draw, from
//! [`crate::blocks::flat::columns`]), the body, and the notes. Header rows are frozen and
//! repeated on every printed page; wide grids print landscape, as in the PDF.

use crate::blocks::{flat, Grid, GridRow};

use super::figure::{self, Content};

/// The plan of one worksheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetPlan {
    /// Sheet name (unique in the workbook, at most 31 characters).
    pub name: String,
    /// Landscape pages (wide grids).
    pub landscape: bool,
    /// Column widths in characters.
    pub widths: Vec<f64>,
    /// Cells, row by row.
    pub cells: Vec<PlacedCell>,
    /// Merged ranges: first row, first column, last row, last column.
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// Rows above the body: frozen, and (from `repeat.0`) repeated on printed pages.
    pub freeze_rows: u32,
    /// Header rows repeated on every printed page (first, last), if the grid has any.
    pub repeat: Option<(u32, u32)>,
}

/// A cell of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCell {
    /// Row (0-based).
    pub row: u32,
    /// Column (0-based).
    pub col: u16,
    /// What it holds.
    pub content: Content,
    /// How it looks.
    pub look: Look,
}

/// The look of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Look {
    /// The table number above the caption.
    Label,
    /// The caption: large, bold, centred.
    Caption,
    /// The unit line, at the right.
    Unit,
    /// A header cell: bold, centred, shaded, bordered.
    Header,
    /// A body cell (bordered); `strong` for 合计 and 类 rows, `right` for figures.
    Body {
        /// Bold.
        strong: bool,
        /// Right-aligned.
        right: bool,
    },
    /// A note under the table.
    Note,
}

/// Widest column, in characters: longer texts wrap.
const MAX_WIDTH: f64 = 40.0;
/// Narrowest column, in characters.
const MIN_WIDTH: f64 = 6.0;

/// Plans `g` as a sheet named `name`.
pub(super) fn plan(g: &Grid, name: String, style: &figure::Style) -> SheetPlan {
    let (head_cols, head_w) = flat::columns(&g.head);
    let (body_cols, body_w) = flat::columns(&g.body);
    let width = head_w.max(body_w).max(1);
    let last_col = col(width - 1);
    let mut p = SheetPlan {
        name,
        landscape: g.wide,
        widths: vec![MIN_WIDTH; width],
        cells: Vec::new(),
        merges: Vec::new(),
        freeze_rows: 0,
        repeat: None,
    };
    let mut row = 0u32;
    if !g.label.is_empty() {
        p.put(row, 0, Content::Text(g.label.clone()), Look::Label);
        row += 1;
    }
    if !g.caption.is_empty() {
        p.put(row, 0, Content::Text(g.caption.clone()), Look::Caption);
        p.merge(row, 0, row, last_col);
        row += 1;
    }
    if !g.unit.is_empty() {
        p.put(row, 0, Content::Text(g.unit.clone()), Look::Unit);
        p.merge(row, 0, row, last_col);
        row += 1;
    }
    let head_start = row;
    row = p.rows(&g.head, &head_cols, row, style, true);
    if !g.head.is_empty() {
        p.repeat = Some((head_start, row - 1));
        p.freeze_rows = row;
    }
    row = p.rows(&g.body, &body_cols, row, style, false);
    for note in &g.notes {
        p.put(row, 0, Content::Text(note.clone()), Look::Note);
        p.merge(row, 0, row, last_col);
        row += 1;
    }
    p
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

impl SheetPlan {
    fn put(&mut self, row: u32, col: u16, content: Content, look: Look) {
        self.cells.push(PlacedCell {
            row,
            col,
            content,
            look,
        });
    }

    fn merge(&mut self, r0: u32, c0: u16, r1: u32, c1: u16) {
        if r1 > r0 || c1 > c0 {
            self.merges.push((r0, c0, r1, c1));
        }
    }

    /// Places `rows` from sheet row `start`; returns the row after them.
    fn rows(
        &mut self,
        rows: &[GridRow],
        cols: &[Vec<usize>],
        start: u32,
        style: &figure::Style,
        head: bool,
    ) -> u32 {
        for (r, gr) in rows.iter().enumerate() {
            let sheet_row = start + r as u32;
            for (i, cell) in gr.cells.iter().enumerate() {
                let c = cols[r][i];
                let content = if cell.header {
                    match cell.text.trim() {
                        "" => Content::Blank,
                        _ => Content::Text(cell.text.clone()),
                    }
                } else {
                    figure::content(cell, style)
                };
                let look = if head || cell.header {
                    Look::Header
                } else {
                    Look::Body {
                        strong: gr.kind.is_strong(),
                        right: matches!(content, Content::Number { .. }) || cell.numeric,
                    }
                };
                if cell.colspan == 1 {
                    let w = display_width(&cell.text) + 2.0;
                    self.widths[c] = self.widths[c].max(w.min(MAX_WIDTH));
                }
                self.put(sheet_row, col(c), content, look);
                self.merge(
                    sheet_row,
                    col(c),
                    sheet_row + cell.rowspan as u32 - 1,
                    col(c + cell.colspan - 1),
                );
            }
        }
        start + rows.len() as u32
    }
}

/// Width of `s` in spreadsheet characters (a CJK character counts two), its longest line.
pub(super) fn display_width(s: &str) -> f64 {
    s.lines()
        .map(|l| {
            l.chars()
                .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}
