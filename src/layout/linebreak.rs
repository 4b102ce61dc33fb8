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

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Characters that may not begin a line (行首禁则).
pub const NO_LINE_START: &str = "，。、；：？！）》」』”’】〕〉｝］〗〙｠…—%‰℃·．,.;:?!)]}>％～";

/// Characters that may not end a line (行尾禁则).
pub const NO_LINE_END: &str = "（《「『“‘【〔〈｛［〖〘｟(<[{";

/// Characters that must not be separated from an identical neighbour (—— and ……).
pub const NO_SPLIT_PAIRS: &str = "—…";

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
        let quote_break = (OPEN_QUOTES.contains(next) && !prev.is_whitespace())
            || (CLOSE_QUOTES.contains(prev) && !next.is_whitespace());
        if quote_break {
            out[i] = Some(Breakpoint::Allowed);
        }
        let forbidden = NO_LINE_START.contains(next)
            || NO_LINE_END.contains(prev)
            || (prev == next && NO_SPLIT_PAIRS.contains(next));
        if forbidden && out[i] == Some(Breakpoint::Allowed) {
            out[i] = None;
        }
    }
    out[0] = None;
    out
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

/// Width of `start..end` without trailing spaces.
fn visible_width(advances: &[f32], chars: &[char], start: usize, end: usize) -> f32 {
    let mut end = end;
    while end > start && is_space(chars[end - 1]) {
        end -= 1;
    }
    advances[start..end].iter().sum()
}

/// Fills lines greedily: as many characters as fit in `first_width` (first line) or `width`,
/// ending each line at the last allowed break. A piece with no break that is wider than a
/// whole line is cut before the character that overflows (the only way it can fit).
pub fn fill(
    chars: &[char],
    advances: &[f32],
    breaks: &[Option<Breakpoint>],
    first_width: f32,
    width: f32,
) -> Vec<LineRange> {
    let n = chars.len();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut candidate: Option<usize> = None;
    let mut k = 0;
    // Tolerance for rounding: a line exactly as wide as the measure fits.
    const EPS: f32 = 0.01;
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
                    continue;
                }
                Some(Breakpoint::Allowed) => candidate = Some(k),
                None => {}
            }
        }
        let avail = if lines.is_empty() { first_width } else { width };
        if visible_width(advances, chars, start, k + 1) > avail + EPS && k > start {
            let cut = candidate.filter(|c| *c > start).unwrap_or(k);
            lines.push(LineRange {
                start,
                end: cut,
                last: false,
            });
            start = cut;
            candidate = None;
            k = cut;
            continue;
        }
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

/// Avoids a lone character on a paragraph's last line (孤字): when the last line holds a
/// single character (punctuation after it not counted), the line before gives up its last
/// breakable piece, if the last line still fits in `width`.
pub fn avoid_lone_last_char(
    lines: &mut [LineRange],
    chars: &[char],
    advances: &[f32],
    breaks: &[Option<Breakpoint>],
    width: f32,
) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    let (prev, last) = (lines[n - 2], lines[n - 1]);
    if prev.last {
        return;
    }
    let real = chars[last.start..last.end]
        .iter()
        .filter(|c| !c.is_whitespace() && !NO_LINE_START.contains(**c))
        .count();
    if real != 1 {
        return;
    }
    // The last allowed break inside the previous line, leaving it at least two characters.
    let Some(b) = (prev.start + 2..prev.end)
        .rev()
        .find(|&i| breaks[i] == Some(Breakpoint::Allowed))
    else {
        return;
    };
    if visible_width(advances, chars, b, last.end) <= width {
        lines[n - 2].end = b;
        lines[n - 1].start = b;
    }
}
