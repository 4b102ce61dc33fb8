//! Money, percentages and rounding: the one module that decides how figures are computed
//! and rounded.
//!
//! Money is an exact [`Decimal`] in the display unit (万元 by default). A YAML number is
//! never kept as `f64`: integers are taken as they are, and a float is converted through
//! its shortest round-trip decimal representation, which is exactly the literal the clerk
//! typed for every literal of up to 15 significant digits (`0.39`, `825.16`, `173.4271`).
//! The loader separately checks longer literals against the source text.
//!
//! Rounding is half away from zero (四舍五入), the rule of Chinese budget tables.

pub mod controlled;
pub mod interval;

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An exact amount of money in the display unit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(pub Decimal);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// The underlying decimal.
    pub fn get(self) -> Decimal {
        self.0
    }

    /// True when exactly zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// Rounded half away from zero to `dp` decimals.
    pub fn round(self, dp: u32) -> Money {
        Money(round(self.0, dp))
    }

    /// Number of decimals written (scale after removing trailing zeros).
    pub fn decimals(self) -> u32 {
        self.0.normalize().scale()
    }
}

/// Plain decimal without trailing zeros (`110.5`), for messages; reports format through
/// [`format_decimal`].
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

/// In the input's JSON Schema an amount is a number, or a string holding one.
impl schemars::JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["number", "string"],
            "pattern": "^([+-]?[0-9]+(\\.[0-9]+)?|待填)$",
            "description": "金额，单位为 display.unit（默认万元），例如 825.16"
        })
    }
}

/// An amount still to be entered (`init --from` leaves this year's figures so): read as
/// zero, and refused by the validator until replaced.
pub const PENDING: &str = "待填";

/// Why a written amount is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Not a number at all.
    #[error("金额“{0}”不是数字")]
    NotANumber(String),
    /// Thousands separators.
    #[error("金额“{0}”含千分位分隔符，请去掉逗号，例如 1234.56")]
    Separators(String),
    /// Full-width digits.
    #[error("金额“{0}”含全角数字，请改用半角数字")]
    FullWidth(String),
    /// Infinity or NaN.
    #[error("金额“{0}”不是有限数")]
    NotFinite(String),
    /// More digits than a decimal holds.
    #[error("金额“{0}”位数过多（最多 28 位有效数字）")]
    TooLong(String),
    /// Larger than any budget: sums of such amounts could exceed what is computed exactly.
    #[error("金额“{0}”超出范围（绝对值须小于 10^15）")]
    OutOfRange(String),
}

/// Amounts must be smaller than this in absolute value (10^15 万元 is far beyond any
/// budget): millions of them still add up without leaving the exact decimal range.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// `d` when it is within [`MAX_AMOUNT`].
fn in_range(d: Decimal, text: &str) -> Result<Decimal, AmountError> {
    if d.abs() >= MAX_AMOUNT {
        Err(AmountError::OutOfRange(text.to_owned()))
    } else {
        Ok(d)
    }
}

/// Parses a written amount (`825.16`, `-3`, `1e2` is refused) into an exact decimal.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    if t.chars().any(|c| ('０'..='９').contains(&c) || c == '．') {
        return Err(AmountError::FullWidth(t.to_owned()));
    }
    if t.contains(',') || t.contains('，') {
        return Err(AmountError::Separators(t.to_owned()));
    }
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.trim_start_matches(['+', '-']),
        ".inf" | "inf" | "infinity" | ".nan" | "nan"
    ) {
        return Err(AmountError::NotFinite(t.to_owned()));
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let well_formed = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|&c| c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return Err(AmountError::NotANumber(t.to_owned()));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if digits > 28 {
        return Err(AmountError::TooLong(t.to_owned()));
    }
    let d = Decimal::from_str(t).map_err(|_| AmountError::TooLong(t.to_owned()))?;
    in_range(d, t)
}

/// Converts a YAML float to the exact decimal the clerk typed (see the module docs).
pub fn decimal_from_f64(v: f64) -> Result<Decimal, AmountError> {
    if !v.is_finite() {
        return Err(AmountError::NotFinite(v.to_string()));
    }
    // `{}` on f64 prints the shortest representation that round-trips, never exponent form.
    parse_amount(&format!("{v}"))
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("金额（数字，例如 825.16）")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Money, E> {
                in_range(Decimal::from(v), &v.to_string())
                    .map(Money)
                    .map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Money, E> {
                in_range(Decimal::from(v), &v.to_string())
                    .map(Money)
                    .map_err(E::custom)
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Money, E> {
                Decimal::try_from_i128_with_scale(v, 0)
                    .map_err(|_| AmountError::TooLong(v.to_string()))
                    .and_then(|d| in_range(d, &v.to_string()))
                    .map(Money)
                    .map_err(E::custom)
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Money, E> {
                i128::try_from(v)
                    .ok()
                    .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
                    .ok_or_else(|| AmountError::TooLong(v.to_string()))
                    .and_then(|d| in_range(d, &v.to_string()))
                    .map(Money)
                    .map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Money, E> {
                decimal_from_f64(v).map(Money).map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                if v.trim() == PENDING {
                    // Counted as zero; the validator lists every pending amount (AMT-006).
                    return Ok(Money::ZERO);
                }
                parse_amount(v).map(Money).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// Rounds half away from zero (四舍五入) to `dp` decimals.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds `parts` to `dp` decimals so that they add up to `target` (already at `dp`
/// decimals): largest-remainder adjustment (尾差调整). Each part is first cut down to
/// `dp` decimals; the units still missing go, one each, to the parts with the largest
/// cut-off remainders (earlier parts first on ties). Parts may be negative.
pub fn largest_remainder(target: Decimal, parts: &[Decimal], dp: u32) -> Vec<Decimal> {
    let unit = Decimal::new(1, dp);
    let mut floors: Vec<Decimal> = parts
        .iter()
        .map(|p| p.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity))
        .collect();
    let floor_sum: Decimal = floors.iter().sum();
    let missing = ((target - floor_sum) / unit).round();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        (parts[b] - floors[b])
            .cmp(&(parts[a] - floors[a]))
            .then(a.cmp(&b))
    });
    let n = usize::try_from(missing.mantissa().unsigned_abs()).unwrap_or(0);
    if missing.is_sign_negative() {
        // The target is below the floors (only with negative parts): take units back from
        // the smallest remainders.
        for &i in order.iter().rev().take(n) {
            floors[i] -= unit;
        }
    } else {
        for &i in order.iter().cycle().take(n) {
            floors[i] += unit;
        }
    }
    floors
}

/// `part` as a percentage of `whole` (58.5 for 58.5%), unrounded; `None` when `whole` is zero.
pub fn percent(part: Money, whole: Money) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.0
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole.0))
}

/// Direction of a year-over-year change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// This year is larger.
    Up,
    /// This year is smaller.
    Down,
    /// Equal.
    Flat,
}

/// A year-over-year comparison of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// This year's figure.
    pub current: Money,
    /// Last year's figure.
    pub previous: Money,
    /// Absolute difference (always ≥ 0).
    pub amount: Money,
    /// Up, down or flat.
    pub direction: Direction,
    /// Relative change in percent of last year (absolute value, unrounded);
    /// `None` when last year was zero.
    pub percent: Option<Decimal>,
}

impl Change {
    /// Compares `current` with `previous`.
    pub fn new(current: Money, previous: Money) -> Change {
        let diff = current - previous;
        let direction = match diff.0.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
            std::cmp::Ordering::Equal => Direction::Flat,
        };
        let amount = Money(diff.0.abs());
        Change {
            current,
            previous,
            amount,
            direction,
            percent: percent(amount, previous),
        }
    }
}

/// Formats a decimal rounded to `dp` decimals, with thousands separators when asked.
pub fn format_decimal(d: Decimal, dp: u32, thousands: bool) -> String {
    let mut r = round(d, dp);
    r.rescale(dp);
    let s = r.to_string();
    if !thousands {
        return s;
    }
    let (sign, rest) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Formats a percentage value rounded to `dp` decimals, trailing zeros dropped as the
/// published reports print them (58.46 → `58.5`, 100.0 → `100`, 60.00 → `60`).
pub fn format_percent(p: Decimal, dp: u32) -> String {
    round(p, dp).normalize().to_string()
}

/// An amount in 元 as 万元 (exact: 1 元 = 0.0001 万元).
pub fn wan_from_yuan(yuan: Decimal) -> Money {
    Money(yuan / Decimal::from(10_000))
}

/// The decimals a percentage is printed with: `dp`, or `small_dp` when its magnitude is
/// below `below` (so 0.33% prints as 0.3% rather than 0%).
pub fn percent_decimals(p: Decimal, dp: u32, small: Option<(Decimal, u32)>) -> u32 {
    match small {
        Some((below, small_dp)) if p.abs() < below => small_dp.max(dp),
        _ => dp,
    }
}

#[cfg(test)]
mod tests;
