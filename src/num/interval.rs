//! Printed figures as intervals: the one model behind every comparison between a figure a
//! report prints (or a clerk copied from one) and the value it should show.
//!
//! A figure printed with `dp` decimals stands for every value that rounds to it, the
//! interval [d − u/2, d + u/2] with u = 10^−dp. What it is compared with is an
//! [`Estimate`]: a value and a spread. Figures entered exactly (the normal case, whatever
//! their number of decimals) make estimates of spread zero, and so do their sums. Figures
//! copied from a printed report (`display.transcribed_decimals`) are themselves rounded
//! prints: each stands for ±u/2, and a sum of n of them for ±n·u/2.
//!
//! [`judge`] then gives one of three verdicts, the same everywhere:
//!
//! * [`Verdict::Agrees`]: the printed figure is the correct rounding (四舍五入) of the value;
//! * [`Verdict::Rounding`]: it is not, but the value's interval meets the printed figure's,
//!   which can only happen because the inputs are rounded prints — a rounding artefact;
//! * [`Verdict::Contradicts`]: no value the inputs allow prints as this figure.

use rust_decimal::Decimal;

use super::round;

/// A value known exactly (spread zero) or up to ± `spread`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Estimate {
    /// The value as entered (the sum of the figures as entered).
    pub value: Decimal,
    /// How far the true value may lie from `value` on either side.
    pub spread: Decimal,
}

impl Estimate {
    /// A value known exactly.
    pub fn exact(value: Decimal) -> Estimate {
        Estimate {
            value,
            spread: Decimal::ZERO,
        }
    }

    /// The sum of `n` figures entered as `value`, each a rounded print of unit `unit`
    /// (`None`: entered exactly).
    pub fn of_parts(value: Decimal, n: usize, unit: Option<Decimal>) -> Estimate {
        let spread = unit.map_or(Decimal::ZERO, |u| u * Decimal::from(n) / Decimal::TWO);
        Estimate { value, spread }
    }

    /// The smallest value it stands for.
    pub fn lo(self) -> Decimal {
        self.value - self.spread
    }

    /// The largest value it stands for.
    pub fn hi(self) -> Decimal {
        self.value + self.spread
    }

    /// True when known exactly.
    pub fn is_exact(self) -> bool {
        self.spread.is_zero()
    }

    /// The difference of two estimates (spreads add up).
    pub fn minus(self, other: Estimate) -> Estimate {
        Estimate {
            value: self.value - other.value,
            spread: self.spread + other.spread,
        }
    }
}

/// How a printed figure relates to the value it should show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The printed figure is the correct rounding of the value (or equal to it).
    Agrees,
    /// It differs, but only because the inputs are themselves rounded prints.
    Rounding,
    /// No value the inputs allow prints as this figure.
    Contradicts,
}

/// Half the unit of `dp` decimals: how far a printed figure may lie from its value.
pub fn half_unit(dp: u32) -> Decimal {
    Decimal::new(5, dp + 1)
}

/// The decimals a printed figure was printed with: at least `dp`, more when the figure
/// itself carries more (a clerk who copied 825.163 copied three decimals).
pub fn printed_decimals(printed: Decimal, dp: u32) -> u32 {
    printed.normalize().scale().max(dp)
}

/// Judges a figure printed with `dp` decimals against the value it should show.
pub fn judge(printed: Decimal, dp: u32, actual: Estimate) -> Verdict {
    if printed == actual.value || round(actual.value, dp) == printed {
        return Verdict::Agrees;
    }
    let gap = (printed - actual.value).abs();
    if !actual.is_exact() && gap <= half_unit(dp) + actual.spread {
        Verdict::Rounding
    } else {
        Verdict::Contradicts
    }
}

/// Judges two estimates of one fact (a total entered twice, two sums that must agree).
pub fn compare(a: Estimate, b: Estimate) -> Verdict {
    if a.value == b.value {
        Verdict::Agrees
    } else if (a.value - b.value).abs() <= a.spread + b.spread {
        Verdict::Rounding
    } else {
        Verdict::Contradicts
    }
}

/// The range of 100 · part ÷ whole over every value the two estimates allow; `None` when
/// the whole may be zero (or the arithmetic overflows).
pub fn percent_range(part: Estimate, whole: Estimate) -> Option<(Decimal, Decimal)> {
    if whole.lo() <= Decimal::ZERO && whole.hi() >= Decimal::ZERO {
        return None;
    }
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for p in [part.lo(), part.hi()] {
        for w in [whole.lo(), whole.hi()] {
            let q = p.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(w)?;
            lo = Some(lo.map_or(q, |l| l.min(q)));
            hi = Some(hi.map_or(q, |h| h.max(q)));
        }
    }
    Some((lo?, hi?))
}

/// Judges a percentage printed with `dp` decimals against 100 · part ÷ whole.
pub fn judge_percent(printed: Decimal, dp: u32, part: Estimate, whole: Estimate) -> Verdict {
    let exact = super::percent(super::Money(part.value), super::Money(whole.value));
    if exact.is_some_and(|e| round(e, dp) == printed) {
        return Verdict::Agrees;
    }
    if part.is_exact() && whole.is_exact() {
        return Verdict::Contradicts;
    }
    match percent_range(part, whole) {
        Some((lo, hi)) if printed + half_unit(dp) >= lo && printed - half_unit(dp) <= hi => {
            Verdict::Rounding
        }
        _ => Verdict::Contradicts,
    }
}

/// The interval a figure printed with `dp` decimals stands for, for messages: `[94.5, 95.5]`.
pub fn printed_interval(printed: Decimal, dp: u32) -> String {
    let h = half_unit(dp);
    format!(
        "[{}, {}]",
        (printed - h).normalize(),
        (printed + h).normalize()
    )
}

/// The interval an estimate stands for, for messages: `93.8` or `[93.3, 94.3]`.
pub fn estimate_interval(e: Estimate) -> String {
    if e.is_exact() {
        e.value.normalize().to_string()
    } else {
        format!("[{}, {}]", e.lo().normalize(), e.hi().normalize())
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("literal")
    }

    #[test]
    fn a_correctly_rounded_print_agrees_with_an_exact_value() {
        // input_decimals: 4, correctly rounded control total: silence.
        assert_eq!(
            judge(d("100.12"), 2, Estimate::exact(d("100.1234"))),
            Verdict::Agrees
        );
        assert_eq!(
            judge(d("94"), 0, Estimate::exact(d("93.8"))),
            Verdict::Agrees
        );
    }

    #[test]
    fn a_wrong_print_of_an_exact_value_contradicts_it() {
        // Longgang's narrative 95 against exact parts of 93.8.
        assert_eq!(
            judge(d("95"), 0, Estimate::exact(d("93.8"))),
            Verdict::Contradicts
        );
        assert_eq!(
            judge(d("100.13"), 2, Estimate::exact(d("100.1234"))),
            Verdict::Contradicts
        );
    }

    #[test]
    fn rounded_inputs_make_nearby_prints_rounding_artefacts() {
        // Three parts printed 20 + 50 + 25 = 95; the report printed their total as 94.
        let parts = Estimate::of_parts(d("95"), 3, Some(Decimal::ONE));
        assert_eq!(parts.spread, d("1.5"));
        assert_eq!(judge(d("94"), 0, parts), Verdict::Rounding);
        assert_eq!(judge(d("95"), 0, parts), Verdict::Agrees);
        assert_eq!(judge(d("98"), 0, parts), Verdict::Contradicts);
    }

    #[test]
    fn two_sums_of_rounded_prints_compare_by_their_spreads() {
        let a = Estimate::of_parts(d("100"), 1, Some(Decimal::ONE));
        let b = Estimate::of_parts(d("101"), 3, Some(Decimal::ONE));
        assert_eq!(compare(a, b), Verdict::Rounding);
        let c = Estimate::of_parts(d("103"), 3, Some(Decimal::ONE));
        assert_eq!(compare(a, c), Verdict::Contradicts);
        assert_eq!(
            compare(Estimate::exact(d("1")), Estimate::exact(d("1.00"))),
            Verdict::Agrees
        );
        assert_eq!(
            compare(Estimate::exact(d("1")), Estimate::exact(d("1.01"))),
            Verdict::Contradicts
        );
    }

    #[test]
    fn percentages_follow_the_intervals_of_their_inputs() {
        // Printed whole 万元: 2,063 against 1,858 is +205, 11.03 %.
        let unit = Some(Decimal::ONE);
        let change =
            Estimate::of_parts(d("2062"), 5, unit).minus(Estimate::of_parts(d("1858"), 1, unit));
        let previous = Estimate::of_parts(d("1858"), 1, unit);
        assert_eq!(judge(d("205"), 0, change), Verdict::Rounding);
        assert_eq!(judge_percent(d("11"), 0, change, previous), Verdict::Agrees);
        assert_eq!(
            judge_percent(d("15"), 0, change, previous),
            Verdict::Contradicts
        );
        // 190 ÷ 1,858 is 10.2 %, but ten rounded parts allow up to 10.5 %: 11 % is a
        // rounding artefact.
        let wide =
            Estimate::of_parts(d("2048"), 10, unit).minus(Estimate::of_parts(d("1858"), 1, unit));
        assert_eq!(judge_percent(d("11"), 0, wide, previous), Verdict::Rounding);
        assert_eq!(
            judge_percent(d("12"), 0, wide, previous),
            Verdict::Contradicts
        );
        // Exact figures: 0.03 ÷ 0.23 = 13.04 %, so 13 agrees and 15 contradicts.
        let (c, p) = (Estimate::exact(d("-0.03")), Estimate::exact(d("0.23")));
        assert_eq!(judge_percent(d("-13"), 0, c, p), Verdict::Agrees);
        assert_eq!(judge_percent(d("-15"), 0, c, p), Verdict::Contradicts);
        assert_eq!(percent_range(c, Estimate::exact(Decimal::ZERO)), None);
    }

    #[test]
    fn intervals_print_for_messages() {
        assert_eq!(printed_interval(d("95"), 0), "[94.5, 95.5]");
        assert_eq!(
            estimate_interval(Estimate::of_parts(d("95"), 3, Some(Decimal::ONE))),
            "[93.5, 96.5]"
        );
        assert_eq!(estimate_interval(Estimate::exact(d("93.80"))), "93.8");
    }
}
