//! Unit tests of the paged step: the document date from `SOURCE_DATE_EPOCH`.

use super::document_date;

#[test]
fn epoch_is_converted_to_china_standard_time() {
    // 2024-01-15T16:30:00Z is 2024-01-16 00:30 in UTC+8.
    let (d, line) = document_date(Some(1_705_336_200), 2030);
    assert_eq!(d.to_string(), "2024-01-16T00:30:00");
    assert_eq!(line, "2024年1月16日");
    let (d, _) = document_date(Some(0), 2030);
    assert_eq!(d.to_string(), "1970-01-01T08:00:00");
    // Leap day.
    let (d, _) = document_date(Some(1_709_164_800), 2030); // 2024-02-29T00:00:00Z
    assert_eq!((d.month(), d.day()), (2, 29));
}

#[test]
fn default_date_is_new_year_of_the_budget() {
    let (d, line) = document_date(None, 2024);
    assert_eq!(d.to_string(), "2024-01-01T00:00:00");
    assert_eq!(line, "2024年1月");
    // An epoch outside the calendar falls back to the budget year too.
    assert_eq!(document_date(Some(i64::MAX), 2024).1, "2024年1月");
}
