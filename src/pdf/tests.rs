//! Unit tests of the PDF edge: dates from `SOURCE_DATE_EPOCH`.

use super::Stamp;

#[test]
fn epoch_is_converted_to_china_standard_time() {
    // 2024-01-15T16:30:00Z is 2024-01-16 00:30 in UTC+8.
    let s = Stamp::from_epoch(1_705_336_200);
    assert_eq!(
        (s.year, s.month, s.day, s.hour, s.minute),
        (2024, 1, 16, 0, 30)
    );
    assert_eq!(s.pdf(), "D:20240116003000+08'00'");
    assert_eq!(Stamp::from_epoch(0).pdf(), "D:19700101080000+08'00'");
    // Leap day.
    let s = Stamp::from_epoch(1_709_164_800); // 2024-02-29T00:00:00Z
    assert_eq!((s.month, s.day), (2, 29));
}

#[test]
fn default_date_is_new_year_of_the_budget() {
    assert_eq!(Stamp::new_year(2024).pdf(), "D:20240101000000+08'00'");
}
