//! What a grid cell becomes in a workbook: a number with the number format that prints it
//! exactly as the page does, or text.
//!
//! A cell whose text a figure filter printed carries its exact [`Figure`] (value and
//! printed decimals); the number format is built so that the spreadsheet shows the same
//! text as the page: the decimals of the print, thousands separators when the print has
//! them (or the layout uses them), a zero shown as the layout shows it (blank, `0`, `—`),
//! and literal text around the figure (`173.4271万元`, `98.8%`). A `{n}` cell without a
//! figure (a percentage, an amount from the narrative filter) is read from its printed
//! text. Anything else — codes, names, `（延续性项目填写）` — stays text, so a code like
//! `2080501` is never turned into a number.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::blocks::GridCell;

/// A cell's content in the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Nothing (an empty text cell).
    Blank,
    /// Text, written as a string cell.
    Text(String),
    /// A number and the Excel number format that prints it as the page does.
    Number {
        /// The exact value (a percentage as a fraction: 0.988 for 98.8%).
        value: Decimal,
        /// Excel number format code.
        format: String,
    },
}

/// Number style of the layout: thousands separators and the text of a zero amount.
#[derive(Debug, Clone)]
pub(super) struct Style {
    /// Amounts with thousands separators.
    pub(super) thousands: bool,
}

/// The content of `cell`.
pub(super) fn content(cell: &GridCell, style: &Style) -> Content {
    let text = cell.text.trim();
    if let Some(f) = cell.figure {
        if let Some(c) = from_figure(f.value, f.decimals, text, style) {
            return c;
        }
    } else if cell.numeric {
        if let Some(c) = from_text(text) {
            return c;
        }
    }
    if text.is_empty() {
        Content::Blank
    } else {
        Content::Text(cell.text.clone())
    }
}

/// The figure printed as `text`: the printed number must be the figure rounded to its
/// decimals (anything else means a template printed something else there).
fn from_figure(value: Decimal, dp: u32, text: &str, style: &Style) -> Option<Content> {
    let zero = value.is_zero();
    if text.is_empty() {
        // A zero the layout prints as nothing.
        return zero.then(|| Content::Number {
            value,
            format: format_code(dp, style.thousands, "", "", Some("")),
        });
    }
    let (prefix, number, suffix) = split_number(text)?;
    if number.is_empty() {
        // A zero printed as a word or a dash ("—") is still the figure.
        return zero.then(|| Content::Number {
            value,
            format: format_code(dp, style.thousands, "", "", Some(text)),
        });
    }
    let printed = Decimal::from_str(&number.replace(',', "")).ok()?;
    if printed != crate::num::round(value, dp) {
        return None;
    }
    let thousands = style.thousands || number.contains(',');
    Some(Content::Number {
        value,
        format: format_code(dp, thousands, prefix, suffix, None),
    })
}

/// A printed figure without its exact value: `98.8%`, `1,995`, `0.00`.
fn from_text(text: &str) -> Option<Content> {
    let (prefix, number, suffix) = split_number(text)?;
    if number.is_empty() || !prefix.is_empty() || !matches!(suffix, "" | "%") {
        return None;
    }
    let plain = number.replace(',', "");
    let value = Decimal::from_str(&plain).ok()?;
    let dp = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    let thousands = number.contains(',');
    if suffix == "%" {
        let mut base = format_code(dp, thousands, "", "", None);
        base.push('%');
        return Some(Content::Number {
            value: value / Decimal::ONE_HUNDRED,
            format: base,
        });
    }
    Some(Content::Number {
        value,
        format: format_code(dp, thousands, "", "", None),
    })
}

/// Splits `text` into the literal text before the first number, the number (digits,
/// thousands commas, one point, a leading minus) and the text after it.
fn split_number(text: &str) -> Option<(&str, &str, &str)> {
    let start = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || *c == '-')
        .map_or(text.len(), |(i, _)| i);
    let rest = &text[start..];
    let mut end = 0;
    let mut seen_point = false;
    for (i, c) in rest.char_indices() {
        let ok = c.is_ascii_digit()
            || (c == '-' && i == 0)
            || (c == ',' && i > 0)
            || (c == '.' && !seen_point);
        if !ok {
            break;
        }
        seen_point |= c == '.';
        end = i + c.len_utf8();
    }
    let number = rest[..end].trim_end_matches([',', '.']);
    let end = start + number.len();
    if number.is_empty() && start != text.len() {
        return None;
    }
    Some((&text[..start], &text[start..end], &text[end..]))
}

/// An Excel number format: `dp` decimals, thousands separators, literal text around the
/// number, and how zero prints (`Some("")`: blank; `Some("—")`: that text; `None`: as a
/// number).
pub(super) fn format_code(
    dp: u32,
    thousands: bool,
    prefix: &str,
    suffix: &str,
    zero: Option<&str>,
) -> String {
    let mut base = String::from(if thousands { "#,##0" } else { "0" });
    if dp > 0 {
        base.push('.');
        base.extend(std::iter::repeat_n('0', dp as usize));
    }
    let lit = |s: &str| {
        if s.is_empty() {
            String::new()
        } else {
            format!("\"{}\"", s.replace('"', "\"\""))
        }
    };
    let positive = format!("{}{base}{}", lit(prefix), lit(suffix));
    match zero {
        None => positive,
        Some(z) => format!("{positive};-{positive};{};@", lit(z)),
    }
}
