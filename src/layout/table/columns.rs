//! Column widths from content, after the automatic table layout of HTML (CSS 2.1 §17.5.2.2):
//! every column has a minimum width and a preferred one, and the table's width is shared
//! out between the two.
//!
//! Unlike a browser, the preferred width comes in two steps, because headers wrap well and
//! names do not: first the width at which every *body* cell of the column fits on one line
//! (`needed`), then the width at which its header does too (`max`). So an empty amount
//! column under a long header keeps only what its header needs, and a column of names gets
//! the room: 东湖区档案馆本级 is not cut into 东湖区档案馆本 / 级 while the page has width
//! to spare.
//!
//! When the body cells cannot all be one line, the width goes where it saves the most
//! lines ([`Shares::fit`]): starting from each column's narrowest (its widest unbreakable
//! piece), the table's height — plus, lightly weighted, every cell's own line count, so
//! that short cells are not stacked one character a line — is reduced step by step by
//! the widening that saves the most per point. A long target text thus gets a wide column
//! and 不适用 stays on one line, where an even share would give every one of thirty
//! columns four characters.

use super::Raw;
use crate::layout::font::FontSet;
use crate::layout::text;

/// A text cell's preferred minimum width, in em, when its text could wrap further: four
/// characters a line (a header such as 单位编码 stays whole), unless shorter. Decides the
/// orientation and type size of a table.
const SOFT_MIN_EM: f32 = 4.0;

/// A text cell's narrowest width, in em: two characters a line, unless shorter. A column
/// one character wide reads as a vertical strip, never as a word.
const HARD_MIN_EM: f32 = 2.0;

/// Width step of the line-saving allocation, in em.
const STEP_EM: f32 = 0.5;
/// Most steps one widening looks ahead (a column whose lines only drop after several
/// steps is still found).
const LOOKAHEAD: usize = 32;
/// Weight of a cell's own lines against the lines of the table's height.
const CELL_LINE_WEIGHT: f32 = 0.3;
/// Weight of a cell whose last line holds a single character (基金预 / 算).
const LONE_CHAR_WEIGHT: f32 = 3.0;
/// Most width moves between columns after the widening, and the most steps one moves.
const REBALANCE_ROUNDS: usize = 60;
/// See [`REBALANCE_ROUNDS`].
const REBALANCE_STEPS: usize = 4;
/// Body rows the line-saving allocation looks at: a longer table is sampled evenly.
const SAMPLE_ROWS: usize = 400;

/// Every cell's widest unbreakable piece and single-line width at size 1, measured once
/// for all the sizes a table is tried at.
pub(super) struct Natural {
    /// Head cells then body cells, in the order of the slices given to [`Natural::measure`].
    widths: Vec<(f32, f32)>,
}

/// A cell that may wrap, as the line-saving allocation sees it.
struct Wrap {
    /// Row, head rows first.
    row: usize,
    /// First column and one past the last.
    cols: (usize, usize),
    /// Single-line width of the text.
    natural: f32,
    /// Padding and indent.
    extra: f32,
    /// Rows spanned less one: a merged cell's lines beyond these make its last row taller.
    more_rows: f32,
    /// One em at the table's size.
    em: f32,
}

/// The width limits of every column at one type size.
pub(super) struct Extents {
    /// Narrowest width: the widest unbreakable piece (a whole figure, two characters).
    pub(super) hard: Vec<f32>,
    /// Preferred narrowest width (see [`SOFT_MIN_EM`]).
    pub(super) min: Vec<f32>,
    /// Width at which every body cell is one line.
    pub(super) needed: Vec<f32>,
    /// Width at which every cell, headers included, is one line.
    pub(super) max: Vec<f32>,
    /// The cells that may wrap.
    wraps: Vec<Wrap>,
    /// Number of rows, head rows first.
    rows: usize,
    /// The allocation step in points.
    step: f32,
}

impl Natural {
    pub(super) fn measure(fonts: &FontSet<'_>, head: &[Raw<'_>], body: &[Raw<'_>]) -> Natural {
        Natural {
            widths: head
                .iter()
                .chain(body)
                .map(|c| text::extent(fonts, c.text, c.role, 1.0))
                .collect(),
        }
    }

    /// The columns' limits at `size` with `pad` on either side of a cell.
    pub(super) fn extents(
        &self,
        head: &[Raw<'_>],
        body: &[Raw<'_>],
        columns: usize,
        size: f32,
        pad: f32,
    ) -> Extents {
        let mut ext = Extents {
            hard: vec![0f32; columns],
            min: vec![0f32; columns],
            needed: vec![0f32; columns],
            max: vec![0f32; columns],
            wraps: Vec::new(),
            rows: 0,
            step: STEP_EM * size,
        };
        let head_rows = head.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
        let body_rows = body.iter().map(|c| c.row + c.rowspan).max().unwrap_or(0);
        ext.rows = head_rows + body_rows;
        let every = body_rows.div_ceil(SAMPLE_ROWS).max(1);
        let mut spanning = Vec::new();
        let cells = head
            .iter()
            .map(|c| (c, true))
            .chain(body.iter().map(|c| (c, false)));
        for ((c, in_head), (piece, natural)) in cells.zip(&self.widths) {
            let (piece, natural) = (piece * size, natural * size);
            let extra = 2.0 * pad + c.indent_em * size;
            let soft = SOFT_MIN_EM * size;
            let (hard, lo) = if c.numeric {
                (natural + extra, natural + extra)
            } else {
                let hard = piece.max(natural.min(HARD_MIN_EM * size));
                (hard + extra, piece.max(natural.min(soft)) + extra)
            };
            let hi = natural + extra;
            let need = if in_head { lo } else { hi };
            let end = (c.col + c.colspan).min(columns);
            // A merged cell counts in its last row, as row heights do.
            let last = c.row + c.rowspan - 1;
            let row = if in_head { last } else { head_rows + last };
            let sampled = in_head || c.row % every == 0;
            if !c.numeric && natural + extra > hard + 0.01 && sampled {
                ext.wraps.push(Wrap {
                    row,
                    cols: (c.col, end),
                    natural,
                    extra,
                    more_rows: (c.rowspan - 1) as f32,
                    em: size,
                });
            }
            if c.colspan == 1 {
                ext.hard[c.col] = ext.hard[c.col].max(hard);
                ext.min[c.col] = ext.min[c.col].max(lo);
                ext.needed[c.col] = ext.needed[c.col].max(need);
                ext.max[c.col] = ext.max[c.col].max(hi);
            } else {
                spanning.push((c.col, end, [hard, lo, need, hi]));
            }
        }
        // Spanning cells widen the columns they cover evenly, narrowest spans first.
        spanning.sort_by_key(|s| s.1 - s.0);
        for (col, end, limits) in spanning {
            for (target, need) in [&mut ext.hard, &mut ext.min, &mut ext.needed, &mut ext.max]
                .into_iter()
                .zip(limits)
            {
                let have: f32 = target[col..end].iter().sum();
                if need > have {
                    let add = (need - have) / (end - col) as f32;
                    target[col..end].iter_mut().for_each(|w| *w += add);
                }
            }
        }
        for c in 0..columns {
            ext.min[c] = ext.min[c].max(ext.hard[c]);
            ext.needed[c] = ext.needed[c].max(ext.min[c]);
            ext.max[c] = ext.max[c].max(ext.needed[c]);
        }
        ext
    }
}

/// Shares `room` out in proportion to `weights` (evenly when they are all zero).
fn share(base: &[f32], weights: &[f32], room: f32) -> Vec<f32> {
    let total: f32 = weights.iter().sum();
    base.iter()
        .zip(weights)
        .map(|(b, w)| {
            b + if total > 0.0 {
                room * w / total
            } else {
                room / base.len().max(1) as f32
            }
        })
        .collect()
}

fn sum(v: &[f32]) -> f32 {
    v.iter().sum()
}

impl Extents {
    /// Column widths filling `width`: every header on one line when the table has room
    /// for that (extra room in proportion to the widths); else every body cell on one line
    /// and the rest to the headers that want it; else the width where it saves most lines.
    pub(super) fn allocate(&self, width: f32) -> Vec<f32> {
        let diff = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x - y).collect::<Vec<_>>();
        let (shard, sneed, smax) = (sum(&self.hard), sum(&self.needed), sum(&self.max));
        if smax <= width {
            share(&self.max, &self.max, width - smax)
        } else if sneed <= width {
            share(&self.needed, &diff(&self.max, &self.needed), width - sneed)
        } else if shard <= width {
            Shares::new(self).fit(width)
        } else {
            self.hard.iter().map(|m| m * width / shard).collect()
        }
    }
}

/// The line-saving allocation's state: widths and every wrapping cell's line count.
struct Shares<'e> {
    ext: &'e Extents,
    widths: Vec<f32>,
    lines: Vec<f32>,
    /// Per row: its tallest cell's lines, which cell that is, and the next tallest.
    tallest: Vec<(f32, usize, f32)>,
    /// The wrapping cells touching each column.
    by_col: Vec<Vec<usize>>,
}

impl<'e> Shares<'e> {
    fn new(ext: &'e Extents) -> Shares<'e> {
        let mut by_col = vec![Vec::new(); ext.hard.len()];
        for (i, w) in ext.wraps.iter().enumerate() {
            for list in &mut by_col[w.cols.0..w.cols.1] {
                list.push(i);
            }
        }
        let mut s = Shares {
            ext,
            widths: ext.hard.clone(),
            lines: vec![1.0; ext.wraps.len()],
            tallest: vec![(1.0, usize::MAX, 1.0); ext.rows],
            by_col,
        };
        for i in 0..ext.wraps.len() {
            s.lines[i] = s.lines_at(i, s.span_width(i));
        }
        s.rank_rows();
        s
    }

    fn span_width(&self, i: usize) -> f32 {
        let (a, b) = self.ext.wraps[i].cols;
        self.widths[a..b].iter().sum()
    }

    /// Lines of cell `i` at column span width `w`, the ems on its last line, and the ems
    /// a line holds: its text counted in ems, wrapped at whole characters.
    fn wrap_at(&self, i: usize, w: f32) -> (f32, f32, f32) {
        let c = &self.ext.wraps[i];
        let per_line = ((w - c.extra + 0.01) / c.em).floor().max(1.0);
        let ems = c.natural / c.em;
        let lines = (ems / per_line - 1e-3).ceil().max(1.0);
        (lines, ems - (lines - 1.0) * per_line, per_line)
    }

    /// Lines of cell `i` at column span width `w`, less the rows a merged cell spans
    /// beyond its last.
    fn lines_at(&self, i: usize, w: f32) -> f32 {
        (self.wrap_at(i, w).0 - self.ext.wraps[i].more_rows).max(1.0)
    }

    /// 1 when cell `i` at width `w` would end with a line of a single character: with
    /// three or more characters a line, setting the text balances its last two lines
    /// ([`avoid_lone_chars`](crate::layout::linebreak::avoid_lone_chars)).
    fn lone_at(&self, i: usize, w: f32) -> f32 {
        match self.wrap_at(i, w) {
            (lines, last, per_line) if lines > 1.0 && last < 1.5 && per_line < 3.0 => 1.0,
            _ => 0.0,
        }
    }

    fn rank_rows(&mut self) {
        self.tallest
            .iter_mut()
            .for_each(|t| *t = (1.0, usize::MAX, 1.0));
        for (i, c) in self.ext.wraps.iter().enumerate() {
            let l = self.lines[i];
            let t = &mut self.tallest[c.row];
            if l > t.0 {
                *t = (l, i, t.0);
            } else if l > t.2 {
                t.2 = l;
            }
        }
    }

    /// How much widening column `col` by `add` (narrowing, when negative) lowers the
    /// objective.
    fn gain(&self, col: usize, add: f32) -> f32 {
        let mut gain = 0.0;
        for &i in &self.by_col[col] {
            let now = self.lines[i];
            let w = self.span_width(i);
            // Widening a one-line cell changes nothing.
            if add > 0.0 && now <= 1.0 && self.lone_at(i, w) == 0.0 {
                continue;
            }
            let then = self.lines_at(i, w + add);
            let (top, cell, second) = self.tallest[self.ext.wraps[i].row];
            let other = if cell == i { second } else { top };
            gain += top.max(now) - other.max(then)
                + CELL_LINE_WEIGHT * (now - then)
                + LONE_CHAR_WEIGHT * (self.lone_at(i, w) - self.lone_at(i, w + add));
        }
        gain
    }

    /// Moves width from one column to another while that lowers the objective (the
    /// greedy widening never takes back what it gave early).
    fn rebalance(&mut self) {
        let step = self.ext.step;
        let columns = self.widths.len();
        for _ in 0..REBALANCE_ROUNDS {
            let mut best: Option<(f32, usize, usize, f32)> = None;
            for to in (0..columns).filter(|&c| !self.by_col[c].is_empty()) {
                for from in (0..columns).filter(|&c| c != to) {
                    for k in 1..=REBALANCE_STEPS {
                        let d = step * k as f32;
                        if self.widths[from] - d < self.ext.hard[from] - 0.01 {
                            break;
                        }
                        let net = self.gain(to, d) + self.gain(from, -d);
                        if net > 0.05 && best.is_none_or(|b| net > b.0 + 1e-6) {
                            best = Some((net, from, to, d));
                        }
                    }
                }
            }
            let Some((_, from, to, d)) = best else {
                return;
            };
            self.widths[from] -= d;
            self.widths[to] += d;
            for c in [from, to] {
                for &i in &self.by_col[c] {
                    self.lines[i] = self.lines_at(i, self.span_width(i));
                }
            }
            self.rank_rows();
        }
    }

    /// Widens columns step by step where that saves most lines per point, then shares
    /// what is left in proportion to what the columns still lack.
    fn fit(mut self, width: f32) -> Vec<f32> {
        let step = self.ext.step;
        let mut room = width - sum(&self.widths);
        while room >= step {
            let mut best: Option<(f32, usize, f32)> = None;
            for col in 0..self.widths.len() {
                for k in 1..=LOOKAHEAD {
                    let add = step * k as f32;
                    if add > room {
                        break;
                    }
                    let rate = self.gain(col, add) / add;
                    if rate > 1e-6 && best.is_none_or(|b| rate > b.0 + 1e-6) {
                        best = Some((rate, col, add));
                    }
                }
            }
            let Some((_, col, add)) = best else {
                break;
            };
            self.widths[col] += add;
            room -= add;
            for &i in &self.by_col[col] {
                self.lines[i] = self.lines_at(i, self.span_width(i));
            }
            self.rank_rows();
        }
        self.rebalance();
        let lack: Vec<f32> = self
            .widths
            .iter()
            .zip(&self.ext.needed)
            .map(|(w, n)| (n - w).max(0.0))
            .collect();
        let weights = if sum(&lack) > 0.0 {
            lack
        } else {
            self.widths.clone()
        };
        share(&self.widths, &weights, room)
    }
}
