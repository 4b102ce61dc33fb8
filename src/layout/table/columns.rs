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

use std::collections::HashMap;

use super::Raw;
use crate::layout::font::{FontSet, Role};
use crate::layout::text;

/// A text cell's preferred minimum width, in em, when its text could wrap further: four
/// characters a line (a header such as 单位编码 stays whole), unless shorter. Decides the
/// orientation and type size of a table.
const SOFT_MIN_EM: f32 = 4.0;

/// A text cell's narrowest width, in em: two characters a line, unless shorter. A column
/// one character wide reads as a vertical strip, never as a word.
const HARD_MIN_EM: f32 = 2.0;

/// Width step of the line-saving allocation, in em (lines are counted in whole
/// characters, so a smaller step changes nothing).
const STEP_EM: f32 = 1.0;
/// Most widenings of one column tried per step (the nearest widths at which a cell loses
/// a line; a column whose lines only drop after several characters is still found).
const LOOKAHEAD: usize = 6;
/// Weight of a cell's own lines against the lines of the table's height.
const CELL_LINE_WEIGHT: f32 = 0.3;
/// Weight of a cell whose last line holds a single character (基金预 / 算).
const LONE_CHAR_WEIGHT: f32 = 3.0;
/// Most width moves between columns after the widening, and the most steps one moves.
const REBALANCE_ROUNDS: usize = 30;
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
    /// Padding and indent.
    extra: f32,
    /// Rows spanned less one: a merged cell's lines beyond these make its last row taller.
    more_rows: f32,
    /// One em at the table's size.
    em: f32,
    /// The single-line width in ems.
    ems: f32,
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
        let mut seen: HashMap<(&str, Role), (f32, f32)> = HashMap::new();
        Natural {
            widths: head
                .iter()
                .chain(body)
                .map(|c| {
                    *seen
                        .entry((c.text, c.role))
                        .or_insert_with(|| text::extent(fonts, c.text, c.role, 1.0))
                })
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
                    extra,
                    more_rows: (c.rowspan - 1) as f32,
                    em: size,
                    ems: natural / size,
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
    /// Whether each cell ends with a lone character now.
    lone: Vec<f32>,
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
            lone: vec![0.0; ext.wraps.len()],
            tallest: vec![(1.0, usize::MAX, 1.0); ext.rows],
            by_col,
        };
        for i in 0..ext.wraps.len() {
            (s.lines[i], s.lone[i]) = s.lines_and_lone_at(i, s.span_width(i));
        }
        s.rank_rows();
        s
    }

    fn span_width(&self, i: usize) -> f32 {
        match self.ext.wraps[i].cols {
            (a, b) if b == a + 1 => self.widths[a],
            (a, b) => self.widths[a..b].iter().sum(),
        }
    }

    /// Lines of cell `i` at column span width `w`, the ems on its last line, and the ems
    /// a line holds: its text counted in ems, wrapped at whole characters.
    fn wrap_at(&self, i: usize, w: f32) -> (f32, f32, f32) {
        let c = &self.ext.wraps[i];
        let per_line = ((w - c.extra + 0.01) / c.em).floor().max(1.0);
        let lines = (c.ems / per_line - 1e-3).ceil().max(1.0);
        (lines, c.ems - (lines - 1.0) * per_line, per_line)
    }

    /// At column span width `w`: the lines of cell `i`, less the rows a merged cell spans
    /// beyond its last; and 1 when it would end with a line of a single character (with
    /// three or more characters a line, setting the text balances its last two lines:
    /// [`avoid_lone_chars`](crate::layout::linebreak::avoid_lone_chars)), else 0.
    fn lines_and_lone_at(&self, i: usize, w: f32) -> (f32, f32) {
        let (lines, last, per_line) = self.wrap_at(i, w);
        let lone = if lines > 1.0 && last < 1.5 && per_line < 3.0 {
            1.0
        } else {
            0.0
        };
        ((lines - self.ext.wraps[i].more_rows).max(1.0), lone)
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

    /// The objective: the table's height in lines, plus every cell's lines (lightly) and
    /// every lone last character (heavily).
    fn objective(&self) -> f32 {
        let height: f32 = self.tallest.iter().map(|t| t.0).sum();
        let cells: f32 = self.lines.iter().sum();
        let lone: f32 = self.lone.iter().sum();
        height + CELL_LINE_WEIGHT * cells + LONE_CHAR_WEIGHT * lone
    }

    /// Sets column `col` to `width` and updates its cells' lines and the rows' tallest.
    fn set_width(&mut self, col: usize, width: f32) {
        self.widths[col] = width;
        for &i in &self.by_col[col] {
            (self.lines[i], self.lone[i]) = self.lines_and_lone_at(i, self.span_width(i));
        }
        self.rank_rows();
    }

    /// How much widening column `col` by `add` (narrowing, when negative) lowers the
    /// objective, judging each of its cells alone.
    fn gain(&self, col: usize, add: f32) -> f32 {
        let mut gain = [0.0];
        self.gains(col, &[add], &mut gain);
        gain[0]
    }

    /// [`Shares::gain`] of each of `adds` into `gains`, in one pass over the column's
    /// cells (each sum is taken in the same order as one `gain` would).
    fn gains(&self, col: usize, adds: &[f32], gains: &mut [f32]) {
        gains.fill(0.0);
        for &i in &self.by_col[col] {
            let (now, lone) = (self.lines[i], self.lone[i]);
            let width = self.span_width(i);
            let (top, cell, second) = self.tallest[self.ext.wraps[i].row];
            let other = if cell == i { second } else { top };
            for (&add, gain) in adds.iter().zip(gains.iter_mut()) {
                // Widening a one-line cell changes nothing.
                if add > 0.0 && now <= 1.0 && lone == 0.0 {
                    continue;
                }
                let (then, then_lone) = self.lines_and_lone_at(i, width + add);
                *gain += top.max(now) - other.max(then)
                    + CELL_LINE_WEIGHT * (now - then)
                    + LONE_CHAR_WEIGHT * (lone - then_lone);
            }
        }
    }

    /// The widenings of column `col` (at most `room`) at which one of its cells loses a
    /// line or its lone last character, nearest first: the only ones worth trying.
    fn next_widths(&self, col: usize, room: f32) -> Vec<f32> {
        let mut adds: Vec<f32> = Vec::new();
        for &i in &self.by_col[col] {
            let c = &self.ext.wraps[i];
            let w = self.span_width(i);
            let (lines, _, per_line) = self.wrap_at(i, w);
            if lines <= 1.0 {
                continue;
            }
            let fewer = (c.ems / (lines - 1.0) - 1e-3).ceil();
            for target in [fewer, per_line + 1.0] {
                let add = (target * c.em + c.extra - w).max(0.0) + 0.01;
                if add <= room {
                    adds.push(add);
                }
            }
        }
        adds.sort_by(f32::total_cmp);
        adds.dedup_by(|a, b| (*a - *b).abs() < 0.05);
        adds.truncate(LOOKAHEAD);
        adds
    }

    /// Moves width from one column to another while that lowers the objective (the
    /// greedy widening never takes back what it gave early).
    fn rebalance(&mut self) {
        let step = self.ext.step;
        let columns = self.widths.len();
        for _ in 0..REBALANCE_ROUNDS {
            // What each column gains from k steps more, and loses from k steps less,
            // each judged alone.
            let mut more = vec![[f32::NEG_INFINITY; REBALANCE_STEPS]; columns];
            let mut less = vec![[f32::NEG_INFINITY; REBALANCE_STEPS]; columns];
            for c in 0..columns {
                for k in 0..REBALANCE_STEPS {
                    let d = step * (k + 1) as f32;
                    if !self.by_col[c].is_empty() {
                        more[c][k] = self.gain(c, d);
                    }
                    if self.widths[c] - d >= self.ext.hard[c] - 0.01 {
                        less[c][k] = self.gain(c, -d);
                    }
                }
            }
            let mut best: Option<(f32, usize, usize, f32)> = None;
            for (to, gains) in more.iter().enumerate() {
                for (from, losses) in less.iter().enumerate().filter(|(c, _)| *c != to) {
                    for k in 0..REBALANCE_STEPS {
                        let net = gains[k] + losses[k];
                        if net > 0.05 && best.is_none_or(|b| net > b.0 + 1e-6) {
                            best = Some((net, from, to, step * (k + 1) as f32));
                        }
                    }
                }
            }
            let Some((_, from, to, d)) = best else {
                return;
            };
            // Judged cell by cell the move looked good; keep it only if it is.
            let before = self.objective();
            let (wf, wt) = (self.widths[from], self.widths[to]);
            self.set_width(from, wf - d);
            self.set_width(to, wt + d);
            if self.objective() > before - 0.01 {
                self.set_width(from, wf);
                self.set_width(to, wt);
                return;
            }
        }
    }

    /// Widens columns step by step where that saves most lines per point, then shares
    /// what is left in proportion to what the columns still lack.
    fn fit(mut self, width: f32) -> Vec<f32> {
        let mut room = width - sum(&self.widths);
        while room > 0.05 {
            let mut best: Option<(f32, usize, f32)> = None;
            let mut gains = [0.0; LOOKAHEAD];
            for col in (0..self.widths.len()).filter(|&c| !self.by_col[c].is_empty()) {
                let adds = self.next_widths(col, room);
                let gains = &mut gains[..adds.len()];
                self.gains(col, &adds, gains);
                for (&add, &gain) in adds.iter().zip(gains.iter()) {
                    let rate = gain / add;
                    if rate > 1e-6 && best.is_none_or(|b| rate > b.0 + 1e-6) {
                        best = Some((rate, col, add));
                    }
                }
            }
            let Some((_, col, add)) = best else {
                break;
            };
            self.set_width(col, self.widths[col] + add);
            room -= add;
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
