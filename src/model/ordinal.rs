//! Chinese ordinals (一、二 … 廿五) for numbered sections and the fixed category lists.

use crate::load::schema::OrdinalStyle;

const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The Chinese numeral for `n` (1 ≤ n ≤ 99); 21–29 as 廿一… in the `Nian` style.
pub fn chinese(n: usize, style: OrdinalStyle) -> String {
    match n {
        0 => DIGITS[0].to_owned(),
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20 if style == OrdinalStyle::Nian => "二十".to_owned(),
        21..=29 if style == OrdinalStyle::Nian => format!("廿{}", DIGITS[n - 20]),
        20..=99 => {
            let (tens, ones) = (n / 10, n % 10);
            let ones = if ones == 0 { "" } else { DIGITS[ones] };
            format!("{}十{}", DIGITS[tens], ones)
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        let n = OrdinalStyle::Nian;
        let p = OrdinalStyle::Plain;
        assert_eq!(chinese(1, n), "一");
        assert_eq!(chinese(10, n), "十");
        assert_eq!(chinese(11, n), "十一");
        assert_eq!(chinese(20, n), "二十");
        assert_eq!(chinese(21, n), "廿一");
        assert_eq!(chinese(25, n), "廿五");
        assert_eq!(chinese(25, p), "二十五");
        assert_eq!(chinese(30, n), "三十");
        assert_eq!(chinese(99, p), "九十九");
        assert_eq!(chinese(100, p), "100");
    }
}
