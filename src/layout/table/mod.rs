//! Tables: a [`Grid`] measured into columns and rows, split across pages with its header
//! rows repeated, and drawn as ruled cells.
//!
//! - Column widths come from the content, as an HTML table's automatic layout does
//!   ([`columns`]): every column gets at least its widest unbreakable piece (a figure is
//!   never wrapped), then the width at which its body cells fit on one line, then room for
//!   its header; a table whose minimum does not fit a portrait page (or that the template
//!   marks `wide`) goes on landscape pages, and only if it still does not fit is its type
//!   made smaller, never below `sizes.table_min`.
//! - Merged cells (colspan and rowspan) are real: a rowspan's rows are one unit that is
//!   not split across pages unless the unit is taller than a page ([`rows`]).
//! - Figures are right-aligned, header cells centred in the 黑体 role, totals and
//!   first-level rows in 黑体; in a hierarchy (a table that opens with a group row) lower
//!   levels are indented one character per level ([`indents`]).
//!
//! ```text
//! mod.rs      Cell, Table, measuring
//! columns.rs  column widths from content
//! rows.rs     row heights, rowspan groups, rows taller than a page, pagination
//! draw.rs     cells, fills and rules as page items, with their structure marks
//! ```

mod columns;
mod draw;
mod rows;

use std::collections::HashMap;
use std::ops::Range;

use super::font::{FontSet, Role};
use super::settings::Settings;
use super::structure::NodeId;
use super::text::{self, Align, SetLine, Style};
use crate::blocks::{Grid, GridRow, RowKind};

pub use draw::frame;
pub use rows::paginate;

/// Step by which a too-wide table's type is reduced on landscape pages.
const SIZE_STEP: f32 = 0.5;

/// A measured cell.
#[derive(Debug, Clone)]
pub struct Cell {
    /// First row (within its section: head or body).
    pub row: usize,
    /// First column.
    pub col: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// Header cell (filled, centred, 黑体).
    pub header: bool,
    /// The set lines.
    pub lines: Vec<SetLine>,
    /// Font size.
    pub size: f32,
    /// Hierarchy indent (already included in the line positions).
    pub indent: f32,
    /// The cell's node in the document structure (set by the page flow).
    pub node: Option<NodeId>,
    /// True for the later pieces of a cell split between pages ([`Table::split_tall_rows`]).
    pub continued: bool,
}

/// A table measured for one orientation and type size.
#[derive(Debug, Clone)]
pub struct Table {
    /// Set on landscape pages.
    pub landscape: bool,
    /// Type size of the cells.
    pub size: f32,
    /// Column edges from the table's left edge (`columns + 1` values).
    pub col_x: Vec<f32>,
    /// Header cells, in row order.
    pub head: Vec<Cell>,
    /// Header row heights.
    pub head_rows: Vec<f32>,
    /// Body cells, in row order.
    pub body: Vec<Cell>,
    /// Body row heights.
    pub body_rows: Vec<f32>,
    /// Body rows that must stay on one page (joined by rowspans), in order.
    pub groups: Vec<Range<usize>>,
    /// Characters that no font has.
    pub missing: Vec<char>,
    /// The most rows a body cell spans.
    pub max_rowspan: usize,
}

/// A cell before measuring.
pub(super) struct Raw<'g> {
    pub(super) row: usize,
    pub(super) col: usize,
    pub(super) rowspan: usize,
    pub(super) colspan: usize,
    pub(super) header: bool,
    pub(super) numeric: bool,
    pub(super) role: Role,
    pub(super) indent_em: f32,
    pub(super) text: &'g str,
}

/// Places the cells of `rows` on the column grid, honouring rowspans from rows above.
fn place<'g>(rows: &'g [GridRow], head: bool, indents: &[f32]) -> (Vec<Raw<'g>>, usize) {
    // Columns taken by rowspans from rows above, per row (only as long as needed).
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    let mut width = 0;
    for (r, row) in rows.iter().enumerate() {
        let strong = head || row.kind.is_strong();
        let indent_em = indents.get(r).copied().unwrap_or(0.0);
        // The hierarchy's name: the first text cell that is not a code (codes are Latin
        // letters and digits: 2010301, 42019925T000000031501).
        let name_cell = row.cells.iter().position(|c| {
            !c.numeric
                && !c.header
                && !c
                    .text
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        });
        let mut c = 0;
        for (i, cell) in row.cells.iter().enumerate() {
            while taken[r].get(c).copied().unwrap_or(false) {
                c += 1;
            }
            let rowspan = cell.rowspan.min(rows.len() - r).max(1);
            for line in taken.iter_mut().skip(r).take(rowspan) {
                if line.len() < c + cell.colspan {
                    line.resize(c + cell.colspan, false);
                }
                for slot in &mut line[c..c + cell.colspan] {
                    *slot = true;
                }
            }
            let header = head || cell.header;
            out.push(Raw {
                row: r,
                col: c,
                rowspan,
                colspan: cell.colspan,
                header,
                numeric: cell.numeric && !head,
                role: if header || strong {
                    Role::Sans
                } else {
                    Role::Serif
                },
                indent_em: if Some(i) == name_cell { indent_em } else { 0.0 },
                text: cell.text.as_str(),
            });
            c += cell.colspan;
            width = width.max(c);
        }
        // This row's slots are no longer needed.
        taken[r] = Vec::new();
    }
    (out, width)
}

/// Hierarchy indent (in em) of each body row: the rank of its kind among the kinds the
/// table uses, so a table of only leaf rows is not indented. Only a table that opens with
/// a group row (after any total) is a hierarchy: a two-sided summary whose subtotal rows
/// come after the items indents nothing.
pub(crate) fn indents(rows: &[GridRow], per_level: f32) -> Vec<f32> {
    let level = |k: &RowKind| match k {
        RowKind::Group1 => Some(0),
        RowKind::Group2 | RowKind::Group3 => Some(1),
        RowKind::Item | RowKind::Plain => Some(2),
        RowKind::Total => None,
    };
    let opens_with_group = rows
        .iter()
        .find(|r| r.kind != RowKind::Total)
        .is_some_and(|r| matches!(r.kind, RowKind::Group1 | RowKind::Group2));
    if !opens_with_group {
        return vec![0.0; rows.len()];
    }
    let mut present: Vec<usize> = rows.iter().filter_map(|r| level(&r.kind)).collect();
    present.sort_unstable();
    present.dedup();
    rows.iter()
        .map(|r| {
            level(&r.kind)
                .and_then(|l| present.iter().position(|p| *p == l))
                .map_or(0.0, |rank| rank as f32 * per_level)
        })
        .collect()
}

impl Table {
    /// Measures `grid`: picks the orientation and type size, the column widths, and sets
    /// every cell. `portrait` and `landscape` are the text-block widths.
    pub fn measure<'g>(
        grid: &'g Grid,
        fonts: &FontSet<'_>,
        settings: &Settings,
        portrait: f32,
        landscape: f32,
    ) -> Table {
        let sp = &settings.spacing;
        let pad = sp.cell_padding_x;
        let body_indents = indents(&grid.body, sp.level_indent);
        let (head, hw) = place(&grid.head, true, &[]);
        let (body, bw) = place(&grid.body, false, &body_indents);
        let columns = hw.max(bw).max(1);
        let natural = columns::Natural::measure(fonts, &head, &body);

        // Candidate (landscape, size) in order of preference.
        let base = settings.sizes.table;
        let floor = settings.sizes.table_min.min(base);
        let mut candidates = Vec::new();
        if !grid.wide {
            candidates.push((false, base));
        }
        let mut s = base;
        while s >= floor - 1e-3 {
            candidates.push((true, s));
            s -= SIZE_STEP;
        }
        let mut chosen = None;
        for &(land, size) in &candidates {
            let ext = natural.extents(&head, &body, columns, size, pad);
            let width = if land { landscape } else { portrait };
            if ext.min.iter().sum::<f32>() <= width + 0.01 {
                chosen = Some((land, size, ext.allocate(width)));
                break;
            }
        }
        let (landscape_on, size, widths) = chosen.unwrap_or_else(|| {
            let ext = natural.extents(&head, &body, columns, floor, pad);
            (true, floor, ext.allocate(landscape))
        });
        let mut col_x = vec![0f32];
        for w in &widths {
            let last = col_x.last().copied().unwrap_or(0.0);
            col_x.push(last + w);
        }
        let line_height = size * sp.table_line;
        let mut missing = Vec::new();
        // Tables repeat their texts (empty cells, the same figure, the same unit): each
        // text is set once per column width, role and indent.
        let mut seen: HashMap<(&'g str, Role, u32, u32, bool, bool), text::SetText> =
            HashMap::new();
        let mut set_cells = |raw: &[Raw<'g>]| -> Vec<Cell> {
            raw.iter()
                .map(|c| {
                    let end = (c.col + c.colspan).min(columns);
                    let width = col_x[end] - col_x[c.col] - 2.0 * pad;
                    let align = if c.numeric {
                        Align::Right
                    } else if c.header {
                        Align::Center
                    } else {
                        Align::Left
                    };
                    let mut style = Style::new(c.role, size, line_height, align);
                    style.indent = c.indent_em * size;
                    style.balance = true;
                    let key = (
                        c.text,
                        c.role,
                        width.to_bits(),
                        style.indent.to_bits(),
                        c.numeric,
                        c.header,
                    );
                    let set = seen
                        .entry(key)
                        .or_insert_with(|| text::set(fonts, c.text, width, &style))
                        .clone();
                    for ch in set.missing {
                        if !missing.contains(&ch) {
                            missing.push(ch);
                        }
                    }
                    Cell {
                        row: c.row,
                        col: c.col,
                        rowspan: c.rowspan,
                        colspan: c.colspan,
                        header: c.header,
                        lines: set.lines,
                        size,
                        indent: style.indent,
                        node: None,
                        continued: false,
                    }
                })
                .collect()
        };
        let head_cells = set_cells(&head);
        let body_cells = set_cells(&body);
        let pad_y = sp.cell_padding_y;
        let head_rows = rows::heights(&head_cells, grid.head.len(), line_height, pad_y);
        let body_rows = rows::heights(&body_cells, grid.body.len(), line_height, pad_y);
        let groups = rows::groups(&body_cells, grid.body.len());
        let max_rowspan = body_cells.iter().map(|c| c.rowspan).max().unwrap_or(1);
        Table {
            landscape: landscape_on,
            size,
            col_x,
            head: head_cells,
            head_rows,
            body: body_cells,
            body_rows,
            groups,
            missing,
            max_rowspan,
        }
    }

    /// Total width.
    pub fn width(&self) -> f32 {
        self.col_x.last().copied().unwrap_or(0.0)
    }

    /// Height of the header rows.
    pub fn head_height(&self) -> f32 {
        self.head_rows.iter().sum()
    }

    /// Height of body rows `range`.
    pub fn rows_height(&self, range: Range<usize>) -> f32 {
        self.body_rows[range].iter().sum()
    }

    /// Splits the body into page fragments: the first gets `first` points of height (the
    /// rest of the current page, below the caption and the header), every other one `page`
    /// (a whole page below the 续表 line and the repeated header). Row groups joined by
    /// rowspans stay together unless a group alone is taller than `page`; a single row is
    /// never split.
    pub fn paginate(&self, first: f32, page: f32) -> Vec<Range<usize>> {
        paginate(&self.body_rows, &self.groups, first, page)
    }
}
