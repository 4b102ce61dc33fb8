//! Rows: their heights, the groups of rows a rowspan joins (kept on one page), rows
//! taller than a page cut into pieces, and the split of a table's body into page
//! fragments. Everything here is linear in the number of cells: a department with 40,000
//! projects has a table of 40,000 rows.

use std::ops::Range;

use super::{Cell, Table};
use crate::layout::settings::Settings;

/// Row heights: the tallest single-row cell of each row, then rowspans stretch their last row.
pub(super) fn heights(cells: &[Cell], rows: usize, line_height: f32, pad_y: f32) -> Vec<f32> {
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
pub(super) fn groups(cells: &[Cell], rows: usize) -> Vec<Range<usize>> {
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

impl Table {
    /// Splits every body row taller than `page` into rows that fit, cutting each cell's
    /// lines between the pieces, so that no row runs off a page. Rows crossed by a rowspan
    /// are left whole (their group is split between rows instead).
    pub fn split_tall_rows(&mut self, page: f32, settings: &Settings) {
        let line_height = self.size * settings.spacing.table_line;
        let pad = settings.spacing.cell_padding_y;
        let per_piece = (((page - 2.0 * pad) / line_height).floor().max(1.0)) as usize;
        let rows = self.body_rows.len();
        let mut crossed = vec![false; rows];
        let mut lines = vec![0usize; rows];
        for c in self.body.iter().filter(|c| c.row < rows) {
            lines[c.row] = lines[c.row].max(c.lines.len());
            if c.rowspan > 1 {
                let end = (c.row + c.rowspan).min(rows);
                crossed[c.row..end].iter_mut().for_each(|x| *x = true);
            }
        }
        let pieces: Vec<usize> = (0..rows)
            .map(|r| {
                if crossed[r] || self.body_rows[r] <= page + 0.01 {
                    1
                } else {
                    lines[r].div_ceil(per_piece).max(1)
                }
            })
            .collect();
        if pieces.iter().all(|&p| p == 1) {
            return;
        }
        // New index of each old row.
        let mut first = Vec::with_capacity(rows + 1);
        let mut next = 0;
        for &p in &pieces {
            first.push(next);
            next += p;
        }
        let new_rows = next;
        let mut out = Vec::with_capacity(self.body.len());
        for mut c in std::mem::take(&mut self.body) {
            let (r, p) = (c.row, pieces.get(c.row).copied().unwrap_or(1));
            c.row = first.get(r).copied().unwrap_or(r);
            if p == 1 {
                out.push(c);
                continue;
            }
            // Every cell continues in every piece (empty once its text ran out), so the
            // pieces keep their borders.
            let mut rest = std::mem::take(&mut c.lines);
            let mut chunks = Vec::with_capacity(p);
            for _ in 0..p {
                let tail = rest.split_off(per_piece.min(rest.len()));
                chunks.push(std::mem::replace(&mut rest, tail));
            }
            for (k, lines) in chunks.into_iter().enumerate() {
                out.push(Cell {
                    row: c.row + k,
                    lines,
                    continued: k > 0,
                    ..c.clone()
                });
            }
        }
        // The pieces of a row were pushed cell by cell; keep the cells in row order.
        out.sort_by_key(|c| c.row);
        self.body = out;
        self.body_rows = heights(&self.body, new_rows, line_height, pad);
        self.groups = groups(&self.body, new_rows);
    }
}
