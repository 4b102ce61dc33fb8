//! Setting text into lines: shaping with the fonts' advances, breaking with the Chinese
//! rules of [`linebreak`](super::linebreak), aligning (justified paragraphs with a
//! first-line indent, centred titles, right-aligned figures), and turning lines into
//! positioned text runs.

use super::document::{Glyph, Item, Point, TextRun};
use super::font::{FontSet, Role};
use super::linebreak::{avoid_lone_last_char, breakpoints, fill, Breakpoint};

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

/// Largest gap justification may add between two break opportunities, in em: past this a
/// line is left flush left rather than torn apart.
const MAX_JUSTIFY_GAP_EM: f32 = 1.0;

/// Sets `text` into lines of `width`.
pub fn set(fonts: &FontSet<'_>, text: &str, width: f32, style: &Style) -> SetText {
    let mut missing = Vec::new();
    let shaped = fonts.shape(style.role, text, &mut missing);
    let chars: Vec<char> = shaped.iter().map(|g| g.ch).collect();
    let advances: Vec<f32> = shaped.iter().map(|g| g.advance * style.size).collect();
    let breaks = breakpoints(&chars);
    let first_width = width - style.indent - style.first_indent;
    let rest_width = width - style.indent;
    let mut ranges = fill(&chars, &advances, &breaks, first_width, rest_width);
    if style.align == Align::Justify && ranges.len() > 2 {
        avoid_lone_last_char(&mut ranges, &chars, &advances, &breaks, rest_width);
    }
    let mut lines = Vec::with_capacity(ranges.len());
    for (li, r) in ranges.iter().enumerate() {
        let mut end = r.end;
        while end > r.start && (chars[end - 1] == ' ' || chars[end - 1] == '\n') {
            end -= 1;
        }
        let left = style.indent + if li == 0 { style.first_indent } else { 0.0 };
        let avail = width - left;
        let natural: f32 = advances[r.start..end].iter().sum();
        let slack = (avail - natural).max(0.0);
        let gaps = (r.start + 1..end)
            .filter(|&i| breaks[i] == Some(Breakpoint::Allowed))
            .count();
        let (offset, per_gap) = match style.align {
            Align::Justify
                if !r.last
                    && gaps > 0
                    && slack / gaps as f32 <= MAX_JUSTIFY_GAP_EM * style.size =>
            {
                (0.0, slack / gaps as f32)
            }
            Align::Center => (slack / 2.0, 0.0),
            Align::Right => (slack, 0.0),
            _ => (0.0, 0.0),
        };
        let mut x = left + offset;
        let mut glyphs = Vec::with_capacity(end - r.start);
        for i in r.start..end {
            if i > r.start && breaks[i] == Some(Breakpoint::Allowed) {
                x += per_gap;
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
    let breaks = breakpoints(&chars);
    let (mut widest_piece, mut piece) = (0f32, 0f32);
    let (mut widest_line, mut line) = (0f32, 0f32);
    for (i, g) in shaped.iter().enumerate() {
        if i > 0 && breaks[i].is_some() {
            widest_piece = widest_piece.max(piece);
            piece = 0.0;
        }
        if breaks[i] == Some(Breakpoint::Mandatory) {
            widest_line = widest_line.max(line);
            line = 0.0;
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
/// `x` and its baseline at `baseline`.
pub fn runs(line: &SetLine, x: f32, baseline: f32, size: f32, gray: f32) -> Vec<(Point, Item)> {
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
