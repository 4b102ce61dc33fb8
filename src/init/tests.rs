use std::path::Path;

use super::{file_url, from_last_year, modeline};

#[test]
fn schema_urls_survive_spaces_chinese_names_and_windows_paths() {
    assert_eq!(
        file_url(Path::new("/home/a b/张三/s.json")),
        "file:///home/a%20b/%E5%BC%A0%E4%B8%89/s.json"
    );
    assert_eq!(
        file_url(Path::new("C:\\Users\\x\\AppData\\s.json")),
        "file:///C:/Users/x/AppData/s.json"
    );
    // The modeline ends at the first space, so the URL must have none.
    let line = modeline(&file_url(Path::new("/a b/c.json")));
    assert!(!line.rsplit("$schema=").next().unwrap_or(" ").contains(' '));
}

#[test]
fn every_skeleton_starts_with_the_schema_it_is_given() {
    for kind in ["budget", "performance-targets", "self-evaluation"] {
        let text = crate::kind::skeleton(kind, kind, 2026, "file:///x/s.json").expect("known kind");
        assert!(
            text.starts_with("# yaml-language-server: $schema=file:///x/s.json\n"),
            "{text}"
        );
    }
}

#[test]
fn next_years_file_names_this_machines_schema_instead_of_last_years() {
    let fixture = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.yaml"),
    )
    .expect("fixture");
    let text = format!("# yaml-language-server: $schema=gongkai.schema.json\n{fixture}");
    let loaded =
        crate::load::parse::<crate::load::schema::Budget>("minimal.yaml", &text).expect("valid");
    let next = from_last_year(&loaded, &text, "file:///new/budget.schema.json").expect("next");
    assert!(next.starts_with("# yaml-language-server: $schema=file:///new/budget.schema.json\n"));
    assert_eq!(next.matches("yaml-language-server").count(), 1, "{next}");
}
