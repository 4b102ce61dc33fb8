//! Tables: a [`Grid`] measured into columns and rows, split across pages with its header
//! rows repeated, and drawn as ruled cells.
//!
//! - Column widths come from the content: each column gets at least its widest unbreakable
//!   piece (a figure is never wrapped) and, space permitting, its natural single-line width;
//!   leftover width is shared in proportion. A table whose minimum does not fit a portrait
//!   page (or that the template marks `wide`) goes on landscape pages, and only if it
//!   still does not fit is its type made smaller, never below `sizes.table_min`.
//! - Merged cells (colspan and rowspan) are real: a rowspan's rows are one unit that is
//!   not split across pages unless the unit is taller than a page.
//! - Figures are right-aligned, header cells centred in the 黑体 role, totals and
//!   first-level rows in 黑体, lower levels indented one character per level.

use std::ops::Range;

use super::document::{Item, Point, Size};
use super::font::{FontSet, Role};
use super::settings::Settings;
use super::text::{self, Align, SetLine, Style};
use crate::blocks::{Grid, GridRow, RowKind};

/// A cell's minimum width, in em, when its text could wrap further: at least four
/// characters a line (a header such as 单位编码 stays whole), unless shorter.
const SOFT_MIN_EM_BODY: f32 = 4.0;
/// See [`SOFT_MIN_EM_BODY`].
const SOFT_MIN_EM_HEADER: f32 = 4.0;
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
    /// Header cells.
    pub head: Vec<Cell>,
    /// Header row heights.
    pub head_rows: Vec<f32>,
    /// Body cells.
    pub body: Vec<Cell>,
    /// Body row heights.
    pub body_rows: Vec<f32>,
    /// Body rows that must stay on one page (joined by rowspans), in order.
    pub groups: Vec<Range<usize>>,
    /// Characters that no font has.
    pub missing: Vec<char>,
}

/// A cell before measuring.
struct Raw<'g> {
    row: usize,
    col: usize,
    rowspan: usize,
    colspan: usize,
    header: bool,
    numeric: bool,
    role: Role,
    indent_em: f32,
    text: &'g str,
}

/// Places the cells of `rows` on the column grid, honouring rowspans from rows above.
fn place<'g>(rows: &'g [GridRow], head: bool, indents: &[f32]) -> (Vec<Raw<'g>>, usize) {
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); rows.len()];
    let mut out = Vec::new();
    let mut width = 0;
    for (r, row) in rows.iter().enumerate() {
        let strong = head || row.kind.is_strong();
        let indent_em = indents.get(r).copied().unwrap_or(0.0);
        let name_cell = row
            .cells
            .iter()
            .position(|c| !c.numeric && !c.header && !c.text.chars().all(|ch| ch.is_ascii_digit()));
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
    }
    (out, width)
}

/// Hierarchy indent (in em) of each body row: the rank of its kind among the kinds the
/// table uses, so a table of only leaf rows is not indented.
fn indents(rows: &[GridRow], per_level: f32) -> Vec<f32> {
    let level = |k: &RowKind| match k {
        RowKind::Group1 => Some(0),
        RowKind::Group2 | RowKind::Group3 => Some(1),
        RowKind::Item | RowKind::Plain => Some(2),
        RowKind::Total => None,
    };
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

/// Minimum and natural widths of every column at `size`.
fn column_extents(
    fonts: &FontSet<'_>,
    cells: &[&Raw<'_>],
    columns: usize,
    size: f32,
    pad: f32,
) -> (Vec<f32>, Vec<f32>) {
    let mut min = vec![0f32; columns];
    let mut max = vec![0f32; columns];
    let mut spanning = Vec::new();
    for c in cells {
        let (piece, natural) = text::extent(fonts, c.text, c.role, size);
        let indent = c.indent_em * size;
        let soft = if c.header {
            SOFT_MIN_EM_HEADER
        } else {
            SOFT_MIN_EM_BODY
        } * size;
        let lo = if c.numeric {
            natural
        } else {
            piece.max(natural.min(soft))
        } + 2.0 * pad
            + indent;
        let hi = natural + 2.0 * pad + indent;
        if c.colspan == 1 {
            min[c.col] = min[c.col].max(lo);
            max[c.col] = max[c.col].max(hi);
        } else {
            spanning.push((c.col, c.colspan, lo, hi));
        }
    }
    spanning.sort_by_key(|s| s.1);
    for (col, span, lo, hi) in spanning {
        let end = (col + span).min(columns);
        for (target, need) in [(&mut min, lo), (&mut max, hi)] {
            let have: f32 = target[col..end].iter().sum();
            if need > have {
                let add = (need - have) / (end - col) as f32;
                target[col..end].iter_mut().for_each(|w| *w += add);
            }
        }
    }
    for c in 0..columns {
        max[c] = max[c].max(min[c]);
    }
    (min, max)
}

/// Column widths filling `width` from the extents.
fn allocate(min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if smax <= width && smax > 0.0 {
        max.iter().map(|m| m + (width - smax) * m / smax).collect()
    } else if smin <= width {
        let room = smax - smin;
        min.iter()
            .zip(max)
            .map(|(lo, hi)| {
                lo + if room > 0.0 {
                    (width - smin) * (hi - lo) / room
                } else {
                    0.0
                }
            })
            .collect()
    } else {
        min.iter().map(|m| m * width / smin).collect()
    }
}

impl Table {
    /// Measures `grid`: picks the orientation and type size, the column widths, and sets
    /// every cell. `portrait` and `landscape` are the text-block widths.
    pub fn measure(
        grid: &Grid,
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
        let all: Vec<&Raw<'_>> = head.iter().chain(body.iter()).collect();

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
            let (min, max) = column_extents(fonts, &all, columns, size, pad);
            let width = if land { landscape } else { portrait };
            if min.iter().sum::<f32>() <= width + 0.01 {
                chosen = Some((land, size, allocate(&min, &max, width)));
                break;
            }
        }
        let (landscape_on, size, widths) = chosen.unwrap_or_else(|| {
            let (min, max) = column_extents(fonts, &all, columns, floor, pad);
            (true, floor, allocate(&min, &max, landscape))
        });
        let mut col_x = vec![0f32];
        for w in &widths {
            let last = col_x.last().copied().unwrap_or(0.0);
            col_x.push(last + w);
        }
        let line_height = size * sp.table_line;
        let mut missing = Vec::new();
        let mut set_cells = |raw: &[Raw<'_>]| -> Vec<Cell> {
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
                    let set = text::set(fonts, c.text, width, &style);
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
                    }
                })
                .collect()
        };
        let head_cells = set_cells(&head);
        let body_cells = set_cells(&body);
        let head_rows = row_heights(&head_cells, grid.head.len(), line_height, sp.cell_padding_y);
        let body_rows = row_heights(&body_cells, grid.body.len(), line_height, sp.cell_padding_y);
        let groups = groups(&body_cells, grid.body.len());
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

    /// Splits every body row taller than `page` into rows that fit, cutting each cell's
    /// lines between the pieces, so that no row runs off a page. Rows crossed by a rowspan
    /// are left whole (their group is split between rows instead).
    pub fn split_tall_rows(&mut self, page: f32, settings: &Settings) {
        let line_height = self.size * settings.spacing.table_line;
        let pad = settings.spacing.cell_padding_y;
        let per_piece = (((page - 2.0 * pad) / line_height).floor().max(1.0)) as usize;
        let mut rows = self.body_rows.len();
        let mut r = 0;
        let mut changed = false;
        while r < rows {
            let crossed = self
                .body
                .iter()
                .any(|c| c.rowspan > 1 && c.row <= r && r < c.row + c.rowspan);
            let lines = self
                .body
                .iter()
                .filter(|c| c.row == r)
                .map(|c| c.lines.len())
                .max()
                .unwrap_or(0);
            let pieces = lines.div_ceil(per_piece);
            if crossed || self.body_rows[r] <= page + 0.01 || pieces <= 1 {
                r += 1;
                continue;
            }
            for c in self.body.iter_mut().filter(|c| c.row > r) {
                c.row += pieces - 1;
            }
            let mut continued = Vec::new();
            for c in self.body.iter_mut().filter(|c| c.row == r) {
                let mut rest = std::mem::take(&mut c.lines);
                let tail = rest.split_off(per_piece.min(rest.len()));
                c.lines = rest;
                // Every cell continues in every piece (empty once its text ran out), so the
                // pieces keep their borders.
                for k in 0..pieces - 1 {
                    let from = (k * per_piece).min(tail.len());
                    let to = ((k + 1) * per_piece).min(tail.len());
                    continued.push(Cell {
                        row: r + 1 + k,
                        lines: tail[from..to].to_vec(),
                        ..c.clone()
                    });
                }
            }
            self.body.extend(continued);
            // Keep the rows' heights and groups consistent for the rows after this one.
            self.body_rows
                .splice(r + 1..r + 1, std::iter::repeat_n(0.0, pieces - 1));
            rows += pieces - 1;
            r += pieces;
            changed = true;
        }
        if changed {
            self.body_rows = row_heights(&self.body, rows, line_height, pad);
            self.groups = groups(&self.body, rows);
        }
    }

    /// Splits the body into page fragments: the first gets `first` points of height (the
    /// rest of the current page, below the caption and the header), every other one `page`
    /// (a whole page below the 续表 line and the repeated header). Row groups joined by
    /// rowspans stay together unless a group alone is taller than `page`; a single row is
    /// never split.
    pub fn paginate(&self, first: f32, page: f32) -> Vec<Range<usize>> {
        paginate(&self.body_rows, &self.groups, first, page)
    }

    /// Draws the header rows (when `with_head`) and body rows `rows` with the table's
    /// top-left corner at `origin`; returns the height drawn.
    pub fn draw(
        &self,
        rows: Range<usize>,
        with_head: bool,
        origin: Point,
        settings: &Settings,
        items: &mut Vec<(Point, Item)>,
    ) -> f32 {
        let mut y = origin.y;
        if with_head && !self.head_rows.is_empty() {
            let all = 0..self.head_rows.len();
            draw_section(
                &self.head,
                &self.head_rows,
                all,
                origin.x,
                y,
                &self.col_x,
                settings,
                items,
            );
            y += self.head_height();
        }
        if !rows.is_empty() {
            draw_section(
                &self.body,
                &self.body_rows,
                rows.clone(),
                origin.x,
                y,
                &self.col_x,
                settings,
                items,
            );
            y += self.rows_height(rows);
        }
        let height = y - origin.y;
        if height > 0.0 {
            frame(
                origin,
                Size {
                    width: self.width(),
                    height,
                },
                settings.table.frame,
                items,
            );
        }
        height
    }
}

/// Row heights: the tallest single-row cell of each row, then rowspans stretch their last row.
fn row_heights(cells: &[Cell], rows: usize, line_height: f32, pad_y: f32) -> Vec<f32> {
    let min_row = line_height + 2.0 * pad_y;
    let mut h = vec![min_row; rows];
    let need = |c: &Cell| c.lines.len().max(1) as f32 * line_height + 2.0 * pad_y;
    for c in cells.iter().filter(|c| c.rowspan == 1 && c.row < rows) {
        h[c.row] = h[c.row].max(need(c));
    }
    let mut spanning: Vec<&Cell> = cells.iter().filter(|c| c.rowspan > 1).collect();
    spanning.sort_by_key(|c| c.rowspan);
    for c in spanning {
        let end = (c.row + c.rowspan).min(rows);
        let have: f32 = h[c.row..end].iter().sum();
        if need(c) > have {
            h[end - 1] += need(c) - have;
        }
    }
    h
}

/// Body row groups joined by rowspans (and sub-header rows joined to what follows).
fn groups(cells: &[Cell], rows: usize) -> Vec<Range<usize>> {
    let mut reach = vec![0usize; rows];
    for c in cells {
        if c.row < rows {
            reach[c.row] = reach[c.row].max(c.row + c.rowspan);
        }
    }
    // A body row of header cells only (a form's sub-header) stays with the row after it.
    let mut all_header = vec![true; rows];
    let mut has_cell = vec![false; rows];
    for c in cells.iter().filter(|c| c.row < rows) {
        has_cell[c.row] = true;
        all_header[c.row] &= c.header;
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut r = 0;
    while r < rows {
        let start = r;
        let mut end = (r + 1).max(reach[r]);
        while r < end {
            end = end.max(reach[r]).min(rows);
            r += 1;
        }
        match out.last_mut() {
            Some(prev) if has_cell[prev.end - 1] && all_header[prev.end - 1] => prev.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

/// See [`Table::paginate`].
pub fn paginate(rows: &[f32], groups: &[Range<usize>], first: f32, page: f32) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut used, mut avail) = (0usize, 0f32, first);
    let eps = 0.01;
    for g in groups {
        let h: f32 = rows[g.clone()].iter().sum();
        if used + h <= avail + eps {
            used += h;
            continue;
        }
        if used > 0.0 || (g.start == start && h <= page + eps && avail < page) {
            if g.start > start {
                out.push(start..g.start);
            } else {
                out.push(start..start);
            }
            start = g.start;
            used = 0.0;
            avail = page;
            if h <= avail + eps {
                used = h;
                continue;
            }
        }
        // A group taller than a page: split it between rows.
        for r in g.clone() {
            if used + rows[r] > avail + eps && used > 0.0 {
                out.push(start..r);
                start = r;
                used = 0.0;
                avail = page;
            }
            used += rows[r];
        }
    }
    out.push(start..rows.len());
    out
}

/// Draws the cells of one section that touch rows `rows`, with row `rows.start` at `top`.
#[allow(clippy::too_many_arguments)]
fn draw_section(
    cells: &[Cell],
    heights: &[f32],
    rows: Range<usize>,
    left: f32,
    top: f32,
    col_x: &[f32],
    settings: &Settings,
    items: &mut Vec<(Point, Item)>,
) {
    let mut row_y = vec![top];
    for r in rows.clone() {
        let last = row_y.last().copied().unwrap_or(top);
        row_y.push(last + heights[r]);
    }
    let ts = &settings.table;
    let pad_x = settings.spacing.cell_padding_x;
    let columns = col_x.len().saturating_sub(1);
    let mut texts = Vec::new();
    let mut rules = Vec::new();
    for c in cells {
        let (a, b) = (c.row.max(rows.start), (c.row + c.rowspan).min(rows.end));
        if a >= b {
            continue;
        }
        let end_col = (c.col + c.colspan).min(columns);
        let x0 = left + col_x[c.col];
        let x1 = left + col_x[end_col];
        let y0 = row_y[a - rows.start];
        let y1 = row_y[b - rows.start];
        if c.header && ts.header_fill < 1.0 {
            items.push((
                Point { x: x0, y: y0 },
                Item::Rect {
                    size: Size {
                        width: x1 - x0,
                        height: y1 - y0,
                    },
                    gray: ts.header_fill,
                },
            ));
        }
        // Text block centred vertically in the cell fragment.
        let line_height = c.size * settings.spacing.table_line;
        let block = c.lines.len() as f32 * line_height;
        let mut y = y0 + ((y1 - y0 - block) / 2.0).max(settings.spacing.cell_padding_y);
        for line in &c.lines {
            let baseline = y + text::baseline_offset(c.size, line_height);
            texts.extend(text::runs(line, x0 + pad_x, baseline, c.size, 0.0));
            y += line_height;
        }
        for (p, q) in [
            ((x0, y0), (x1, y0)),
            ((x0, y1), (x1, y1)),
            ((x0, y0), (x0, y1)),
            ((x1, y0), (x1, y1)),
        ] {
            rules.push((
                Point { x: p.0, y: p.1 },
                Item::Line {
                    to: Point { x: q.0, y: q.1 },
                    width: ts.rule,
                },
            ));
        }
    }
    items.extend(rules);
    items.extend(texts);
}

/// A rectangle outline.
pub fn frame(origin: Point, size: Size, width: f32, items: &mut Vec<(Point, Item)>) {
    let (x0, y0, x1, y1) = (
        origin.x,
        origin.y,
        origin.x + size.width,
        origin.y + size.height,
    );
    for (p, q) in [
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ] {
        items.push((
            Point { x: p.0, y: p.1 },
            Item::Line {
                to: Point { x: q.0, y: q.1 },
                width,
            },
        ));
    }
}
