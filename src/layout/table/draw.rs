//! Drawing a table fragment: header fills, cell text and rules as page items. Cell text is
//! marked with its cell's structure node; what is drawn again on a later page — the
//! repeated header rows, a merged cell continued from the page before — is marked as a
//! running head, so a reader announces each cell once.

use std::ops::Range;

use super::{Cell, Table};
use crate::layout::document::{Item, Point, Size, TextRun};
use crate::layout::settings::Settings;
use crate::layout::structure::{Artifact, Mark};
use crate::layout::text;

impl Table {
    /// Draws the header rows and body rows `rows` with the table's top-left corner at
    /// `origin`; returns the height drawn. `first` is true for the fragment on the table's
    /// first page: later fragments repeat the header as a running head.
    pub fn draw(
        &self,
        rows: Range<usize>,
        first: bool,
        origin: Point,
        settings: &Settings,
        items: &mut Vec<(Point, Item)>,
    ) -> f32 {
        let mut y = origin.y;
        if !self.head_rows.is_empty() {
            let all = 0..self.head_rows.len();
            let section = Section {
                cells: &self.head,
                heights: &self.head_rows,
                col_x: &self.col_x,
                repeat: !first,
            };
            section.draw(all, origin.x, y, settings, items);
            y += self.head_height();
        }
        if !rows.is_empty() {
            // Cells are in row order: those starting in the fragment, and those whose
            // rowspan reaches into it from above.
            let from = rows
                .start
                .saturating_sub(self.max_rowspan.saturating_sub(1));
            let lo = self.body.partition_point(|c| c.row < from);
            let hi = self.body.partition_point(|c| c.row < rows.end);
            let section = Section {
                cells: &self.body[lo..hi],
                heights: &self.body_rows,
                col_x: &self.col_x,
                repeat: false,
            };
            section.draw(rows.clone(), origin.x, y, settings, items);
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

/// One section (head or body) of a fragment.
struct Section<'t> {
    cells: &'t [Cell],
    heights: &'t [f32],
    col_x: &'t [f32],
    /// Drawn again on a continued page: a running head.
    repeat: bool,
}

impl Section<'_> {
    /// Draws the cells that touch rows `rows`, with row `rows.start` at `top`.
    fn draw(
        &self,
        rows: Range<usize>,
        left: f32,
        top: f32,
        settings: &Settings,
        items: &mut Vec<(Point, Item)>,
    ) {
        let mut row_y = Vec::with_capacity(rows.len() + 1);
        row_y.push(top);
        for r in rows.clone() {
            let last = row_y.last().copied().unwrap_or(top);
            row_y.push(last + self.heights[r]);
        }
        let ts = &settings.table;
        let pad_x = settings.spacing.cell_padding_x;
        let columns = self.col_x.len().saturating_sub(1);
        let mut texts = Vec::new();
        let mut fills = Vec::new();
        let mut across = Vec::new();
        let mut down = Vec::new();
        for c in self.cells {
            let (a, b) = (c.row.max(rows.start), (c.row + c.rowspan).min(rows.end));
            if a >= b {
                continue;
            }
            let end_col = (c.col + c.colspan).min(columns);
            let x0 = left + self.col_x[c.col];
            let x1 = left + self.col_x[end_col];
            let y0 = row_y[a - rows.start];
            let y1 = row_y[b - rows.start];
            if c.header && ts.header_fill < 1.0 {
                fills.push((y0, y1, x0, x1));
            }
            let repeated = self.repeat || c.row < rows.start;
            let mark = match c.node {
                Some(n) if !repeated => Mark::Node(n),
                _ => Mark::Artifact(Artifact::Header),
            };
            // Text block centred vertically in the cell fragment.
            let line_height = c.size * settings.spacing.table_line;
            let block = c.lines.len() as f32 * line_height;
            let mut y = y0 + ((y1 - y0 - block) / 2.0).max(settings.spacing.cell_padding_y);
            let drawn = texts.len();
            for line in &c.lines {
                let baseline = y + text::baseline_offset(c.size, line_height);
                texts.extend(text::runs(line, x0 + pad_x, baseline, c.size, 0.0, mark));
                y += line_height;
            }
            if texts.len() == drawn && matches!(mark, Mark::Node(_)) && !c.continued {
                // An empty cell still takes its place in the table's structure.
                texts.push((
                    Point {
                        x: x0 + pad_x,
                        y: y0,
                    },
                    Item::Text(TextRun {
                        font: 0,
                        size: c.size,
                        gray: 0.0,
                        angle: 0.0,
                        glyphs: Vec::new(),
                        mark,
                    }),
                ));
            }
            across.push((y0, x0, x1));
            across.push((y1, x0, x1));
            down.push((x0, y0, y1));
            down.push((x1, y0, y1));
        }
        // Neighbouring cells share their borders: each rule once, as long as it runs.
        for (y0, y1, x0, x1) in merge(fills, |a, b| a.0 == b.0 && a.1 == b.1) {
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
        for (y, a, b) in merge(across, |p, q| p.0 == q.0) {
            items.push((
                Point { x: a, y },
                Item::Line {
                    to: Point { x: b, y },
                    width: ts.rule,
                },
            ));
        }
        for (x, a, b) in merge(down, |p, q| p.0 == q.0) {
            items.push((
                Point { x, y: a },
                Item::Line {
                    to: Point { x, y: b },
                    width: ts.rule,
                },
            ));
        }
        items.extend(texts);
    }
}

/// Joins spans that lie on one line (`same`) and touch or overlap: the last two fields of
/// each item are its start and end along the line.
fn merge<T: Copy + PartialOrd + Span>(mut spans: Vec<T>, same: impl Fn(&T, &T) -> bool) -> Vec<T> {
    spans.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<T> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if same(last, &s) && s.start() <= last.end() + 0.01 => {
                if s.end() > last.end() {
                    last.set_end(s.end());
                }
            }
            _ => out.push(s),
        }
    }
    out
}

/// Something with a start and an end along a line.
trait Span {
    fn start(&self) -> f32;
    fn end(&self) -> f32;
    fn set_end(&mut self, end: f32);
}

impl Span for (f32, f32, f32) {
    fn start(&self) -> f32 {
        self.1
    }
    fn end(&self) -> f32 {
        self.2
    }
    fn set_end(&mut self, end: f32) {
        self.2 = end;
    }
}

impl Span for (f32, f32, f32, f32) {
    fn start(&self) -> f32 {
        self.2
    }
    fn end(&self) -> f32 {
        self.3
    }
    fn set_end(&mut self, end: f32) {
        self.3 = end;
    }
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
