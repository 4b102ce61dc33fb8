//! Chinese line breaking: where a line may end, and filling lines greedily.
//!
//! Break opportunities come from the Unicode line breaking algorithm (UAX #14, through the
//! `unicode-linebreak` crate), which already keeps numbers (`825.16`, `95%`), codes
//! (`2010301`) and Latin words whole and lets ideographs break anywhere. Two Chinese
//! adjustments follow, each a table below:
//!
//! 1. Quotation marks: UAX #14 treats `“ ” ‘ ’` as ambiguous quotes that glue to both
//!    neighbours; in Chinese text they open or close like brackets, so a break is allowed
//!    before an opening and after a closing quote.
//! 2. Kinsoku (禁则): no line starts with a closing or pausing mark (`，。、；：？！）》」』”’`
//!    …), no line ends with an opening mark (`（《「『“‘`…), and `——` / `……` stay together.
//! 3. A number keeps its unit: no break between a digit and the ideograph after it
//!    (`2024年`, `12人`), nor inside a unit of several characters after a number
//!    (`0.60万元`, `3个百分点`, [`UNITS`]), with or without a space before the unit.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Characters that may not begin a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）》」』”’】〕〉｝］〗〙｠…—%‰℃·．,.;:?!)]}>％～";

/// Characters that may not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（《「『“‘【〔〈｛［〖〘｟(<[{";

/// Punctuation that may hang past the end of a full line rather than pull the character
/// before it down (clreq §3.1.7: 行末点号悬挂), so no line is left holding one character.
pub const HANGING: &str = "，。、";

/// Characters that must not be separated from an identical neighbour (—— and ……).
pub const NO_SPLIT_PAIRS: &str = "—…";

/// Units of several characters that stay whole after a number (a one-character unit is
/// covered by the digit–ideograph rule).
pub const UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    "万亿元",
    "万元",
    "亿元",
    "千元",
    "小时",
];

/// Whether `c` is one of the characters of `set` (one of the tables above). Letters,
/// digits and ideographs, nearly every character of a report, are in none of them.
pub fn is_in(set: &str, c: char) -> bool {
    !c.is_ascii_alphanumeric() && !is_ideograph(c) && set.contains(c)
}

/// Opening Chinese quotation marks.
const OPEN_QUOTES: &str = "“‘";
/// Closing Chinese quotation marks.
const CLOSE_QUOTES: &str = "”’";

/// A place where a line may end, before the character at its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakpoint {
    /// The line must end here (after a newline).
    Mandatory,
    /// The line may end here.
    Allowed,
}

/// Break opportunities of `chars`: entry `i` says whether a line may start at character
/// `i` (entry 0 is always `None`; entry `len` is the end of the text).
pub fn breakpoints(chars: &[char]) -> Vec<Option<Breakpoint>> {
    let n = chars.len();
    let mut out = vec![None; n + 1];
    let text: String = chars.iter().collect();
    // Byte offset → character index.
    let mut index_of = vec![0usize; text.len() + 1];
    for (i, (b, _)) in text.char_indices().enumerate() {
        index_of[b] = i;
    }
    index_of[text.len()] = n;
    for (b, op) in linebreaks(&text) {
        out[index_of[b]] = Some(match op {
            BreakOpportunity::Mandatory => Breakpoint::Mandatory,
            BreakOpportunity::Allowed => Breakpoint::Allowed,
        });
    }
    for i in 1..n {
        if out[i] == Some(Breakpoint::Mandatory) {
            continue;
        }
        let (prev, next) = (chars[i - 1], chars[i]);
        let quote_break = (is_in(OPEN_QUOTES, next) && !prev.is_whitespace())
            || (is_in(CLOSE_QUOTES, prev) && !next.is_whitespace());
        if quote_break {
            out[i] = Some(Breakpoint::Allowed);
        }
        let forbidden = is_in(NO_LINE_START, next)
            || is_in(NO_LINE_END, prev)
            || (prev == next && is_in(NO_SPLIT_PAIRS, next));
        if forbidden && out[i] == Some(Breakpoint::Allowed) {
            out[i] = None;
        }
    }
    keep_units(chars, &mut out);
    out[0] = None;
    out
}

/// True for the ideographs a number's unit is written in.
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Removes the breaks between a number and its unit (rule 3).
fn keep_units(chars: &[char], out: &mut [Option<Breakpoint>]) {
    let n = chars.len();
    let mut i = 1;
    while i < n {
        if !chars[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The unit starts after the digit, or after one space.
        let start = if chars[i] == ' ' && i + 1 < n {
            i + 1
        } else {
            i
        };
        if !is_ideograph(chars[start]) {
            i += 1;
            continue;
        }
        let len = UNITS
            .iter()
            .find(|u| {
                let mut k = start;
                u.chars().all(|c| {
                    let ok = chars.get(k) == Some(&c);
                    k += 1;
                    ok
                })
            })
            .map_or(1, |u| u.chars().count());
        for b in &mut out[i..start + len] {
            if *b == Some(Breakpoint::Allowed) {
                *b = None;
            }
        }
        i = start + len;
    }
}

/// A filled line: characters `start..end` (trailing spaces and the newline included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// True when the paragraph's text ends the line (newline or end of text): such a line
    /// is not justified.
    pub last: bool,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Width of `start..end` without trailing spaces, `before[i]` being the extra space in
/// front of character `i` (CJK–Latin spacing), which a line's first character drops.
pub fn visible_width(
    advances: &[f32],
    before: &[f32],
    chars: &[char],
    start: usize,
    end: usize,
) -> f32 {
    let mut end = end;
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    if end <= start {
        return 0.0;
    }
    advances[start..end].iter().sum::<f32>() + before[start + 1..end].iter().sum::<f32>()
}

/// Fills lines greedily: as many characters as fit in `first_width` (first line) or `width`,
/// ending each line at the last allowed break; a comma or full stop that does not fit
/// hangs past the end ([`HANGING`]). A piece with no break that is wider than a
/// whole line is cut before the character that overflows (the only way it can fit).
/// `before[i]` is extra space in front of character `i`, dropped at the start of a line.
pub fn fill(
    chars: &[char],
    advances: &[f32],
    before: &[f32],
    breaks: &[Option<Breakpoint>],
    first_width: f32,
    width: f32,
) -> Vec<LineRange> {
    // Tolerance for rounding: a line exactly as wide as the measure fits.
    const EPS: f32 = 0.01;
    let n = chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut candidate: Option<usize> = None;
    // Width of start..k, and of start..(last non-space before k).
    let (mut all, mut visible) = (0f32, 0f32);
    let mut k = 0;
    while k < n {
        if k > start {
            match breaks[k] {
                Some(Breakpoint::Mandatory) => {
                    lines.push(LineRange {
                        start,
                        end: k,
                        last: true,
                    });
                    start = k;
                    candidate = None;
                    (all, visible) = (0.0, 0.0);
                    continue;
                }
                Some(Breakpoint::Allowed) => candidate = Some(k),
                None => {}
            }
        }
        let avail = if lines.is_empty() { first_width } else { width };
        let add = advances[k] + if k > start { before[k] } else { 0.0 };
        let next_visible = if is_space(chars[k]) {
            visible
        } else {
            all + add
        };
        let hangs = is_in(HANGING, chars[k])
            && visible <= avail + EPS
            && (k + 1 == n || breaks[k + 1].is_some());
        if next_visible > avail + EPS && k > start && hangs {
            lines.push(LineRange {
                start,
                end: k + 1,
                last: k + 1 == n,
            });
            start = k + 1;
            candidate = None;
            (all, visible) = (0.0, 0.0);
            k += 1;
            continue;
        }
        if next_visible > avail + EPS && k > start {
            let cut = candidate.filter(|c| *c > start).unwrap_or(k);
            lines.push(LineRange {
                start,
                end: cut,
                last: false,
            });
            start = cut;
            candidate = None;
            (all, visible) = (0.0, 0.0);
            k = cut;
            continue;
        }
        all += add;
        visible = next_visible;
        k += 1;
    }
    if start < n || lines.is_empty() {
        lines.push(LineRange {
            start,
            end: n,
            last: true,
        });
    }
    lines
}

/// Avoids lines of a single character (孤字): when a line holds one character (punctuation
/// after it not counted) — the last line, or a middle one before a piece too long to join
/// it — the line before gives up its last breakable piece, if the line still fits in
/// `width` and the line before keeps at least two characters.
pub fn avoid_lone_chars(
    lines: &mut [LineRange],
    chars: &[char],
    advances: &[f32],
    before: &[f32],
    breaks: &[Option<Breakpoint>],
    width: f32,
) {
    for i in 1..lines.len() {
        let (prev, line) = (lines[i - 1], lines[i]);
        if prev.last {
            continue;
        }
        let real = chars[line.start..line.end]
            .iter()
            .filter(|c| !c.is_whitespace() && !is_in(NO_LINE_START, **c))
            .count();
        if real != 1 {
            continue;
        }
        // The last allowed break inside the previous line, leaving it two characters.
        let Some(b) = (prev.start + 2..prev.end)
            .rev()
            .find(|&k| breaks[k] == Some(Breakpoint::Allowed))
        else {
            continue;
        };
        if visible_width(advances, before, chars, b, line.end) <= width {
            lines[i - 1].end = b;
            lines[i].start = b;
        }
    }
}
