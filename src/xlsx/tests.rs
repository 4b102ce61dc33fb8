use super::*;

#[test]
fn cell_references() {
    assert_eq!(cell_ref(0, 0), "A1");
    assert_eq!(cell_ref(11, 3), "D12");
    assert_eq!(cell_ref(0, 26), "AA1");
}

#[test]
fn sheet_names_are_unique_and_short() {
    let mut used = BTreeSet::new();
    assert_eq!(unique_name("预算15表", &mut used), "预算15表");
    assert_eq!(unique_name("预算15表", &mut used), "预算15表-2");
    assert_eq!(unique_name("a/b:c", &mut used), "a_b_c");
    let long = "十".repeat(40);
    let n = unique_name(&long, &mut used);
    assert_eq!(n.chars().count(), 31);
    let n2 = unique_name(&long, &mut used);
    assert!(n2.ends_with("-2") && n2.chars().count() == 31, "{n2}");
}

fn cell(text: &str, figure: Option<(&str, u32)>, numeric: bool) -> crate::blocks::GridCell {
    crate::blocks::GridCell {
        text: text.into(),
        colspan: 1,
        rowspan: 1,
        numeric,
        header: false,
        figure: figure.map(|(v, d)| crate::blocks::Figure {
            value: v.parse().expect("decimal"),
            decimals: d,
        }),
    }
}

fn number(value: &str, format: &str) -> Content {
    Content::Number {
        value: value.parse().expect("decimal"),
        format: format.into(),
    }
}

#[test]
fn cells_print_as_the_page_does() {
    let plain = figure::Style { thousands: false };
    let sz = figure::Style { thousands: true };
    let c = |t, f, n, s| figure::content(&cell(t, f, n), s);
    // Exact value, the page's decimals and separators.
    assert_eq!(
        c("825.16", Some(("825.164", 2)), true, &plain),
        number("825.164", "0.00")
    );
    assert_eq!(
        c("1,995", Some(("1994.87", 0)), true, &sz),
        number("1994.87", "#,##0")
    );
    // Zero as the layout prints it: blank, or a word.
    assert_eq!(
        c("", Some(("0", 2)), true, &plain),
        number("0", "0.00;-0.00;;@")
    );
    assert_eq!(
        c("—", Some(("0", 2)), true, &plain),
        number("0", "0.00;-0.00;\"—\";@")
    );
    // Literal text around the figure, and percentages from their text.
    assert_eq!(
        c("173.4271万元", Some(("173.4271", 4)), true, &plain),
        number("173.4271", "0.0000\"万元\"")
    );
    assert_eq!(c("98.8%", None, true, &plain), number("0.988", "0.0%"));
    // Codes and dates stay text, even in a figure column.
    assert_eq!(
        c("2080501", None, false, &plain),
        Content::Text("2080501".into())
    );
    assert_eq!(
        c("2021-01-01", None, true, &plain),
        Content::Text("2021-01-01".into())
    );
    // A mark whose value the text does not print is not trusted.
    assert_eq!(
        c("12.00", Some(("13", 2)), true, &plain),
        Content::Text("12.00".into())
    );
}
