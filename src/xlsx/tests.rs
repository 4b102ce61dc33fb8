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
