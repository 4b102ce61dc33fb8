use super::*;

fn m(s: &str) -> Money {
    Money(Decimal::from_str(s).expect("test literal"))
}

#[test]
fn yaml_floats_become_the_typed_decimal() {
    for lit in ["0.39", "825.16", "173.4271", "0.1", "43.80", "1995", "0.05"] {
        let v: f64 = lit.parse().expect("f64");
        let d = decimal_from_f64(v).expect("finite");
        assert_eq!(d, Decimal::from_str(lit).expect("decimal"), "{lit}");
    }
}

#[test]
fn amounts_in_yaml_are_exact() {
    let v: Vec<Money> =
        serde_yaml::from_str("[0.39, 825.16, 173.4271, 12, \"676.94\", -3.5]").expect("valid yaml");
    assert_eq!(
        v,
        vec![
            m("0.39"),
            m("825.16"),
            m("173.4271"),
            m("12"),
            m("676.94"),
            m("-3.5")
        ]
    );
    let sum: Money = v[..2].iter().sum();
    assert_eq!(sum, m("825.55"));
}

#[test]
fn bad_amounts_are_refused_with_a_reason() {
    assert!(matches!(
        parse_amount("1,234.5"),
        Err(AmountError::Separators(_))
    ));
    assert!(matches!(
        parse_amount("１２"),
        Err(AmountError::FullWidth(_))
    ));
    assert!(matches!(
        parse_amount(".inf"),
        Err(AmountError::NotFinite(_))
    ));
    assert!(matches!(
        parse_amount("abc"),
        Err(AmountError::NotANumber(_))
    ));
    assert!(matches!(
        parse_amount("1.2.3"),
        Err(AmountError::NotANumber(_))
    ));
    assert!(matches!(
        parse_amount("12345678901234567890123456789"),
        Err(AmountError::TooLong(_))
    ));
    assert!(serde_yaml::from_str::<Money>(".nan").is_err());
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(round(m("0.125").0, 2), m("0.13").0);
    assert_eq!(round(m("-0.125").0, 2), m("-0.13").0);
    assert_eq!(round(m("3.5955").0, 1), m("3.6").0);
}

#[test]
fn percentages_and_changes() {
    let c = Change::new(m("825.16"), m("796.52"));
    assert_eq!(c.direction, Direction::Up);
    assert_eq!(c.amount, m("28.64"));
    assert_eq!(format_percent(c.percent.expect("non-zero base"), 1), "3.6");
    let c = Change::new(m("44.75"), m("52"));
    assert_eq!((c.direction, c.amount), (Direction::Down, m("7.25")));
    assert_eq!(format_percent(c.percent.expect("non-zero base"), 1), "13.9");
    let c = Change::new(Money::ZERO, Money::ZERO);
    assert_eq!((c.direction, c.percent), (Direction::Flat, None));
    assert_eq!(
        percent(m("482.97"), m("825.16")).map(|p| format_percent(p, 1)),
        Some("58.5".into())
    );
}

#[test]
fn formatting() {
    assert_eq!(format_decimal(m("43.8").0, 2, false), "43.80");
    assert_eq!(format_decimal(m("1995").0, 0, true), "1,995");
    assert_eq!(
        format_decimal(m("-1234567.891").0, 2, true),
        "-1,234,567.89"
    );
    assert_eq!(format_decimal(m("6").0, 0, true), "6");
}

#[test]
fn largest_remainder_makes_rounded_parts_add_up() {
    let parts = [m("0.334").0, m("0.333").0, m("0.333").0];
    let target = round(parts.iter().sum(), 2);
    assert_eq!(target, m("1.00").0);
    // Rounded one by one they would add up to 0.99.
    let adjusted = largest_remainder(target, &parts, 2);
    assert_eq!(adjusted, vec![m("0.34").0, m("0.33").0, m("0.33").0]);
    let parts = [m("1.005").0, m("2.005").0, m("3.005").0];
    let adjusted = largest_remainder(round(parts.iter().sum(), 2), &parts, 2);
    assert_eq!(adjusted.iter().sum::<Decimal>(), m("6.02").0);
    assert_eq!(adjusted, vec![m("1.01").0, m("2.01").0, m("3.00").0]);
    // Exact parts are left alone.
    let parts = [m("1.25").0, m("2.50").0];
    assert_eq!(largest_remainder(m("3.75").0, &parts, 2), parts.to_vec());
}

#[test]
fn amounts_beyond_any_budget_are_refused() {
    assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_000u64));
    assert!(parse_amount("999999999999999.99").is_ok());
    assert!(matches!(
        parse_amount("1000000000000000"),
        Err(AmountError::OutOfRange(_))
    ));
    assert!(serde_yaml::from_str::<Money>("99999999999999999999").is_err());
    assert!(serde_yaml::from_str::<Money>("\"-5000000000000000\"").is_err());
}
