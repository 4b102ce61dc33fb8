use super::*;

#[test]
fn scalars_are_quoted_when_needed() {
    assert_eq!(yaml::scalar("行政运行"), "行政运行");
    assert_eq!(yaml::scalar("=100%"), "\"=100%\"");
    assert_eq!(yaml::scalar("2025"), "\"2025\"");
    assert_eq!(yaml::scalar("a: b"), "\"a: b\"");
    assert_eq!(yaml::scalar(""), "\"\"");
}

#[test]
fn bracketed_codes_split() {
    assert_eq!(
        yaml_lists::bracketed("[A02010104]台式计算机"),
        ("A02010104".to_owned(), "台式计算机".to_owned())
    );
    assert_eq!(
        yaml_lists::bracketed("2120102 一般行政管理事务").0,
        "2120102"
    );
}

#[test]
fn titles_are_recognised() {
    use specs::{by_title, TableId};
    let id = |t: &str| by_title(t).first().map(|s| s.id);
    assert_eq!(id("一、2025 年收支预算总表"), Some(TableId::T01));
    assert_eq!(id("四、2025 年财政拨款收支预算总表"), Some(TableId::T04));
    assert_eq!(
        id("五、2025 年一般公共预算支出表（分功能科目）"),
        Some(TableId::T05)
    );
    assert_eq!(id("2025年一般公共预算支出表(分单位)"), Some(TableId::T06));
    assert_eq!(
        id("八、2025 年一般公共预算“三公”经费支出表"),
        Some(TableId::T08)
    );
    assert_eq!(id("注：本单位无政府性基金预算相关支出"), None);
    assert_eq!(facts::year_in("一、2025 年收支预算总表"), Some(2025));
    // Shenzhen titles; a shared title has both candidates.
    assert_eq!(id("收支总表"), Some(TableId::S01));
    assert_eq!(id("基本支出总表"), Some(TableId::S04));
    assert_eq!(id("一般公共预算支出表"), Some(TableId::S07));
    let shared: Vec<TableId> = by_title("政府性基金预算支出表")
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(shared, [TableId::T09, TableId::S08]);
}
