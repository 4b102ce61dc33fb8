//! Setting text into lines: shaping with the fonts' advances, spacing between Chinese and
//! Latin letters or figures, breaking with the Chinese rules of
//! [`linebreak`](super::linebreak), aligning (justified paragraphs with a first-line
//! indent, centred titles, right-aligned figures), and turning lines into positioned text
//! runs.
//!
//! - **CJK–Latin spacing.** A quarter em goes between an ideograph and a Latin letter or
//!   digit next to it (W3C, *Requirements for Chinese Text Layout* §3.2.5; CSS
//!   `text-autospace`), whether the text came from a template or from the clerk, so one
//!   paragraph never mixes spaced and unspaced figures. It is dropped at a line's start
//!   and end, and never stretched.
//! - **Justification.** A justified line spreads its slack over its break opportunities,
//!   at most [`MAX_JUSTIFY_GAP_EM`] each; slack beyond that stays at the line's end. Wider
//!   gaps between Chinese characters read as spaces to text extraction (pdftotext splits
//!   words at 0.1 em) and break search.

use super::document::{Glyph, Item, Point, TextRun};
use super::font::{FontSet, Role};
use super::linebreak::{
    avoid_lone_chars, breakpoints, fill, is_ideograph, is_in, Breakpoint, HANGING,
};
use super::structure::Mark;

/// Horizontal alignment of lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Both edges flush; the last line flush left.
    Justify,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Font role.
    pub role: Role,
    /// Font size.
    pub size: f32,
    /// Distance between baselines.
    pub line_height: f32,
    /// Indent of the first line.
    pub first_indent: f32,
    /// Indent of every line (hanging structure, hierarchy levels).
    pub indent: f32,
    /// Alignment.
    pub align: Align,
    /// Gray level of the text.
    pub gray: f32,
    /// Balance the last two lines so that the last does not hold a single character
    /// (paragraphs and table cells; not titles).
    pub balance: bool,
}

impl Style {
    /// A style with no indents, black text.
    pub fn new(role: Role, size: f32, line_height: f32, align: Align) -> Style {
        Style {
            role,
            size,
            line_height,
            first_indent: 0.0,
            indent: 0.0,
            align,
            gray: 0.0,
            balance: matches!(align, Align::Justify | Align::Left),
        }
    }
}

/// A glyph placed on a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Font index.
    pub font: usize,
    /// Glyph id.
    pub id: u16,
    /// Character.
    pub ch: char,
    /// Offset from the line's left edge (the measure's left edge, indents included).
    pub x: f32,
    /// Advance.
    pub advance: f32,
}

/// A set line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SetLine {
    /// Glyphs, left to right (no trailing spaces).
    pub glyphs: Vec<Placed>,
    /// Natural width of the line's content.
    pub width: f32,
}

/// The set text of one block: its lines and the characters no font had.
#[derive(Debug, Clone, Default)]
pub struct SetText {
    /// Lines.
    pub lines: Vec<SetLine>,
    /// Characters that no font has (shown as the missing-glyph box).
    pub missing: Vec<char>,
}

/// Largest space justification may add at one break opportunity, in em.
pub const MAX_JUSTIFY_GAP_EM: f32 = 0.08;

/// Space between an ideograph and a Latin letter or digit, in em.
pub const CJK_LATIN_GAP_EM: f32 = 0.25;

/// True when a quarter em goes between `a` and `b` (in either order: an ideograph and a
/// Latin letter or an ASCII digit).
pub fn autospace(a: char, b: char) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric();
    (is_ideograph(a) && latin(b)) || (latin(a) && is_ideograph(b))
}

/// Extra space in front of each character (CJK–Latin spacing) at `size`.
fn spacing(chars: &[char], size: f32) -> Vec<f32> {
    let gap = CJK_LATIN_GAP_EM * size;
    let mut before = vec![0.0; chars.len()];
    for i in 1..chars.len() {
        if autospace(chars[i - 1], chars[i]) {
            before[i] = gap;
        }
    }
    before
}

/// Sets `text` into lines of `width`.
pub fn set(fonts: &FontSet<'_>, text: &str, width: f32, style: &Style) -> SetText {
    let mut missing = Vec::new();
    let shaped = fonts.shape(style.role, text, &mut missing);
    let chars: Vec<char> = shaped.iter().map(|g| g.ch).collect();
    let advances: Vec<f32> = shaped.iter().map(|g| g.advance * style.size).collect();
    let before = spacing(&chars, style.size);
    let breaks = breakpoints(&chars);
    let first_width = width - style.indent - style.first_indent;
    let rest_width = width - style.indent;
    let mut ranges = fill(&chars, &advances, &before, &breaks, first_width, rest_width);
    if style.balance && ranges.len() >= 2 {
        avoid_lone_chars(&mut ranges, &chars, &advances, &before, &breaks, rest_width);
    }
    let mut lines = Vec::with_capacity(ranges.len());
    for (li, r) in ranges.iter().enumerate() {
        let mut end = r.end;
        while end > r.start && (chars[end - 1] == ' ' || chars[end - 1] == '\n') {
            end -= 1;
        }
        let left = style.indent + if li == 0 { style.first_indent } else { 0.0 };
        let avail = width - left;
        let natural: f32 = advances[r.start..end].iter().sum::<f32>()
            + before
                .get(r.start + 1..end)
                .map_or(0.0, |b| b.iter().sum::<f32>());
        // Punctuation hanging past the end is not part of the measure.
        let hang = match chars.get(end.wrapping_sub(1)) {
            Some(&c) if end > r.start && natural > avail + 0.01 && is_in(HANGING, c) => {
                advances[end - 1]
            }
            _ => 0.0,
        };
        let slack = (avail - (natural - hang)).max(0.0);
        let gaps = (r.start + 1..end)
            .filter(|&i| breaks[i] == Some(Breakpoint::Allowed))
            .count();
        let (offset, per_gap) = match style.align {
            Align::Justify if !r.last && gaps > 0 => (
                0.0,
                (slack / gaps as f32).min(MAX_JUSTIFY_GAP_EM * style.size),
            ),
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
            _ => (0.0, 0.0),
        };
        let mut x = left + offset;
        let mut glyphs = Vec::with_capacity(end - r.start);
        for i in r.start..end {
            if i > r.start {
                x += before[i];
                if breaks[i] == Some(Breakpoint::Allowed) {
                    x += per_gap;
                }
            }
            let g = &shaped[i];
            if g.ch != '\n' {
                glyphs.push(Placed {
                    font: g.font,
                    id: g.id,
                    ch: g.ch,
                    x,
                    advance: advances[i],
                });
            }
            x += advances[i];
        }
        lines.push(SetLine {
            glyphs,
            width: natural,
        });
    }
    SetText { lines, missing }
}

/// The widest piece of `text` that cannot be broken, and its natural single-line width
/// (the widest of its explicit lines), at `size` in `role`.
pub fn extent(fonts: &FontSet<'_>, text: &str, role: Role, size: f32) -> (f32, f32) {
    let mut sink = Vec::new();
    let shaped = fonts.shape(role, text, &mut sink);
    let chars: Vec<char> = shaped.iter().map(|g| g.ch).collect();
    let before = spacing(&chars, size);
    let breaks = breakpoints(&chars);
    let (mut widest_piece, mut piece) = (0f32, 0f32);
    let (mut widest_line, mut line) = (0f32, 0f32);
    for (i, g) in shaped.iter().enumerate() {
        match breaks[i] {
            Some(Breakpoint::Mandatory) => {
                widest_piece = widest_piece.max(piece);
                widest_line = widest_line.max(line);
                (piece, line) = (0.0, 0.0);
            }
            // A piece after a break may start a line, where the spacing is dropped.
            Some(Breakpoint::Allowed) => {
                widest_piece = widest_piece.max(piece);
                piece = 0.0;
                line += before[i];
            }
            None => {
                piece += before[i];
                line += before[i];
            }
        }
        let w = g.advance * size;
        if g.ch != ' ' && g.ch != '\n' {
            piece += w;
        }
        line += w;
    }
    (widest_piece.max(piece), widest_line.max(line))
}

/// Turns a set line into text runs (one per font change) with the line's left edge at
/// `x` and its baseline at `baseline`, marked with `mark`.
pub fn runs(
    line: &SetLine,
    x: f32,
    baseline: f32,
    size: f32,
    gray: f32,
    mark: Mark,
) -> Vec<(Point, Item)> {
    let mut out: Vec<(Point, Item)> = Vec::new();
    let mut current: Option<(f32, TextRun)> = None;
    for g in &line.glyphs {
        let same = matches!(&current, Some((_, r)) if r.font == g.font);
        if !same {
            if let Some((x0, run)) = current.take() {
                out.push((
                    Point {
                        x: x + x0,
                        y: baseline,
                    },
                    Item::Text(run),
                ));
            }
            current = Some((
                g.x,
                TextRun {
                    font: g.font,
                    size,
                    gray,
                    angle: 0.0,
                    glyphs: Vec::new(),
                    mark,
                },
            ));
        }
        if let Some((x0, run)) = current.as_mut() {
            run.glyphs.push(Glyph {
                id: g.id,
                ch: g.ch,
                x: g.x - *x0,
                advance: g.advance,
            });
        }
    }
    if let Some((x0, run)) = current {
        out.push((
            Point {
                x: x + x0,
                y: baseline,
            },
            Item::Text(run),
        ));
    }
    out
}

/// Distance from the top of a line box to the baseline, for text of `size` in a line of
/// `line_height`: the em box centred in the line, baseline at 88% of the em (the CJK
/// ideographic em box sits 0.88 above and 0.12 below the baseline).
pub fn baseline_offset(size: f32, line_height: f32) -> f32 {
    (line_height - size) / 2.0 + size * 0.88
}
