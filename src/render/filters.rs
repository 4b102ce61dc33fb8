//! Tera filters and tests: number formatting (through `num`, never computing), escaping,
//! and what a figure means (`x is zero`), so that templates never compare printed text.
//!
//! In the block templates every printed string is escaped for the block markup by the
//! environment itself (see [`super::Role`]); a filter whose output *is* markup says so
//! ([`Safe`]): `money` and `num`, which write figure marks (`{=825.164 d2}825.16`).

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use tera::{Tera, Value};

use crate::blocks::markup;
use crate::load::schema::OrdinalStyle;
use crate::model::ordinal;
use crate::num;

/// Settings the filters need.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Settings {
    /// Decimals of amounts.
    pub decimals: u32,
    /// Decimals of percentages.
    pub percent_decimals: u32,
    /// Thousands separators.
    pub thousands: bool,
    /// What a zero amount prints as in tables.
    pub zero: String,
    /// Ordinal style.
    pub ordinals: OrdinalStyle,
    /// Percentages below a threshold and the decimals they get instead.
    pub percent_small: Option<(Decimal, u32)>,
    /// Whether `money` and `num` put the exact figure before their text (block markup,
    /// see [`crate::blocks::markup`]); off for pages rendered without the markup.
    pub figure_marks: bool,
}

impl Settings {
    /// Plain settings with `decimals` and no figure marks: the unit tests' (the figure
    /// marks are switched on where a test needs them).
    #[cfg(test)]
    pub(crate) fn plain(decimals: u32) -> Settings {
        Settings {
            decimals,
            percent_decimals: 1,
            thousands: false,
            zero: String::new(),
            ordinals: OrdinalStyle::Nian,
            percent_small: None,
            figure_marks: false,
        }
    }
}

fn decimal(v: &Value) -> tera::Result<Option<Decimal>> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Decimal::from_str(s)
            .map(Some)
            .map_err(|_| tera::Error::msg(format!("不是数字：{s}"))),
        Value::Number(n) => Decimal::from_str(&n.to_string())
            .map(Some)
            .map_err(|_| tera::Error::msg(format!("不是数字：{n}"))),
        other => Err(tera::Error::msg(format!("不是数字：{other}"))),
    }
}

fn arg_u32(args: &HashMap<String, Value>, name: &str, default: u32) -> u32 {
    args.get(name)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(default)
}

/// A filter whose output is markup, not text: Tera's autoescaping leaves it as it is.
struct Safe<F>(F);

impl<F> tera::Filter for Safe<F>
where
    F: Fn(&Value, &HashMap<String, Value>) -> tera::Result<Value> + Sync + Send,
{
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        (self.0)(value, args)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Registers the filters on `tera`.
pub(crate) fn register(tera: &mut Tera, s: &Settings) {
    let st = s.clone();
    // Table amount: configured decimals; zero prints as the layout's zero. Safe: the
    // figure mark is markup (and a layout's `zero` its own text).
    let money = move |v: &Value, args: &HashMap<String, Value>| {
        let dp = arg_u32(args, "dp", st.decimals);
        let zero = args
            .get("zero")
            .and_then(Value::as_str)
            .unwrap_or(&st.zero)
            .to_owned();
        let text = match decimal(v)? {
            None => return Ok(Value::String(String::new())),
            Some(d) if d.is_zero() => zero,
            Some(d) => num::format_decimal(d, dp, st.thousands),
        };
        Ok(Value::String(match decimal(v)? {
            Some(d) if st.figure_marks => format!("{}{text}", markup::figure_mark(d, dp)),
            _ => text,
        }))
    };
    tera.register_filter("money", Safe(money));
    let st = s.clone();
    // Narrative amount: configured decimals, no thousands separators (the published
    // narratives write 1995 万元 even where their tables print 1,995); zero prints as 0.
    tera.register_filter("amount", move |v: &Value, args: &HashMap<String, Value>| {
        let dp = arg_u32(args, "dp", st.decimals);
        Ok(Value::String(match decimal(v)? {
            None => String::new(),
            Some(d) if d.is_zero() => "0".to_owned(),
            Some(d) => num::format_decimal(d, dp, false),
        }))
    });
    // Count or quantity, as written; safe as `money` is.
    let marks = s.figure_marks;
    let num = move |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(
            decimal(v)?
                .map(|d| {
                    let d = d.normalize();
                    if marks {
                        format!("{}{d}", markup::figure_mark(d, d.scale()))
                    } else {
                        d.to_string()
                    }
                })
                .unwrap_or_default(),
        ))
    };
    tera.register_filter("num", Safe(num));
    let st = s.clone();
    // Percentage: rounded to `dp` (default: the display setting), trailing zeros dropped
    // unless `fixed=true` (then always `dp` decimals: 98.10).
    tera.register_filter("pct", move |v: &Value, args: &HashMap<String, Value>| {
        let explicit = args.contains_key("dp");
        let dp = arg_u32(args, "dp", st.percent_decimals);
        let fixed = args.get("fixed").and_then(Value::as_bool).unwrap_or(false);
        Ok(Value::String(
            decimal(v)?
                .map(|d| {
                    let dp = if explicit {
                        dp
                    } else {
                        num::percent_decimals(d, dp, st.percent_small)
                    };
                    if fixed {
                        num::format_decimal(d, dp, false)
                    } else {
                        num::format_percent(d, dp)
                    }
                })
                .unwrap_or_default(),
        ))
    });
    let style = s.ordinals;
    // Chinese ordinal of an integer.
    tera.register_filter("cn", move |v: &Value, _: &HashMap<String, Value>| {
        let n = v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg(format!("不是正整数：{v}")))?;
        Ok(Value::String(ordinal::chinese(n, style)))
    });
    // Kept, doing nothing, for layouts written when user text had to be escaped by hand
    // (`{{ name | t }}`): the block templates escape every printed string themselves, so
    // an old template's `| t` — printed, or `set` and printed later — escapes once.
    tera.register_filter("t", |v: &Value, _: &HashMap<String, Value>| Ok(v.clone()));
    // An authored fragment embedded in a sentence: trailing punctuation dropped, so that
    // "原因是：{{ reason | clause }}。" never doubles the full stop.
    tera.register_filter("clause", |v: &Value, _: &HashMap<String, Value>| {
        let s = v.as_str().unwrap_or_default();
        Ok(Value::String(
            s.trim()
                .trim_end_matches(['。', '；', '，', '、', ';', ',', '.', ' '])
                .to_owned(),
        ))
    });
    register_tests(tera, s);
    // Escape text for a Markdown paragraph or table cell.
    tera.register_filter("md", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(markdown_escape(
            v.as_str().unwrap_or_default(),
        )))
    });
}

/// The figure a test is asked about; an undefined value is a template error, `null` (an
/// amount the report does not have) is no figure.
fn tested(name: &str, v: Option<&Value>) -> tera::Result<Option<Decimal>> {
    match v {
        Some(v) => decimal(v),
        None => Err(tera::Error::msg(format!("“is {name}”测试的值不存在"))),
    }
}

/// Registers the tests on figures: `x is zero` (exactly zero) and `x is zero_as_printed`
/// (prints as zero with the report's decimals: a change too small to show).
fn register_tests(tera: &mut Tera, s: &Settings) {
    tera.register_tester("zero", |v: Option<&Value>, _: &[Value]| {
        Ok(tested("zero", v)?.is_some_and(|d| d.is_zero()))
    });
    let dp = s.decimals;
    tera.register_tester("zero_as_printed", move |v: Option<&Value>, _: &[Value]| {
        Ok(tested("zero_as_printed", v)?.is_some_and(|d| num::round(d, dp).is_zero()))
    });
}

/// Escapes the characters that would change meaning in GitHub-flavoured Markdown; a line
/// break inside a cell or paragraph becomes `<br>`.
pub(crate) fn markdown_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // A leading `- ` or `+ ` would make a list item, a line of `-` or `=` a rule or a
    // heading underline; `-5.00` and `=100%` are text and stay as they are.
    let marker = s.starts_with("- ") || s.starts_with("+ ") || s == "-" || s == "+";
    let rule = !s.trim().is_empty() && s.chars().all(|c| matches!(c, '-' | '=' | ' '));
    if marker || rule {
        out.push('\\');
    }
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '@'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push_str("<br>");
            continue;
        }
        out.push(c);
    }
    // Bare addresses would become links (GitHub-flavoured autolinks). Most cells hold
    // neither: copying each one four times was a measurable part of a Markdown page.
    if out.contains("://") {
        for scheme in ["https://", "http://", "ftp://"] {
            out = out.replace(scheme, &scheme.replace("://", "\\://"));
        }
    }
    if out.contains("www.") {
        out = out.replace("www.", "www\\.");
    }
    // "1. text" at the start would become a list item.
    if let Some(pos) = out.find(['.', ')']) {
        if pos > 0
            && out[..pos].bytes().all(|b| b.is_ascii_digit())
            && out[pos + 1..].starts_with(' ')
        {
            out.insert(pos, '\\');
        }
    }
    out
}
