//! Unit tests of the theme: inheritance, scoping of user layout directories.

use super::*;

/// Every built-in template file: (layout/name, text).
fn builtin_templates() -> Vec<(String, String)> {
    layouts()
        .into_iter()
        .flat_map(|l| {
            let dir = BUILTIN.get_dir(l).into_iter();
            dir.flat_map(|d| d.files())
                .filter(|f| f.path().extension().is_some_and(|e| e == "tera"))
                .map(|f| {
                    let text = f.contents_utf8().unwrap_or_default().to_owned();
                    (f.path().display().to_string(), text)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn built_in_templates_stay_readable_and_test_meaning() {
    let files = builtin_templates();
    assert!(files.len() > 10, "{}", files.len());
    for (name, text) in files {
        for (i, line) in text.lines().enumerate() {
            let n = line.chars().count();
            assert!(n <= 200, "{name}:{}: {n} characters", i + 1);
            // Tags only: comments may quote the old ways.
            let code = line.split("{#").next().unwrap_or_default();
            assert!(
                !code.contains("== \"0\"") && !code.contains("!= \"0\""),
                "{name}:{}: compares an amount with \"0\" (use `is zero`)",
                i + 1
            );
            assert!(
                !code.contains("| t }}") && !code.contains("| t %}"),
                "{name}:{}: `| t` (escaping is the default)",
                i + 1
            );
        }
    }
}

#[test]
fn a_layout_inherits_what_it_does_not_have() {
    let short = builtin_files("hubei-short").expect("built in");
    let standard = builtin_files("standard").expect("built in");
    assert_eq!(short["page.html.tera"], standard["page.html.tera"]);
    assert_eq!(short["style.css"], standard["style.css"]);
    assert_ne!(short["document.tera"], standard["document.tera"]);
    let theme = load("hubei-short", &[]).expect("loads");
    assert_eq!(theme.info.name, "hubei-short");
    assert_eq!(theme.info.extends.as_deref(), Some("standard"));
    assert!(builtin_files("no-such-layout").is_none());
}

#[test]
fn item_descriptions_are_checked_exactly_where_the_glossary_prints_them() {
    // COD-007 asks for a description of every 项 used; a layout whose document
    // template never prints `glossary_items` must turn it off in its `checks:`.
    for layout in layouts() {
        let theme = load(layout, &[]).expect("built-in layout loads");
        if theme.info.kind != "budget" {
            continue;
        }
        let prints = theme.files["document.tera"].contains(GLOSSARY_ITEMS);
        assert_eq!(theme.info.checks.item_descriptions(), prints, "{layout}");
        // The built-in layouts say so themselves rather than leave it to inference.
        let own = builtin_files(layout).expect("built in")["layout.yaml"].clone();
        let own: LayoutInfo = serde_yaml::from_str(&own).expect("parses");
        assert!(
            own.checks.item_descriptions.is_some() || prints,
            "{layout}: set checks.item_descriptions"
        );
    }
}

#[test]
fn a_layout_that_does_not_say_is_checked_by_what_its_templates_print() {
    let dir = std::env::temp_dir().join(format!("gongkai-theme-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("layout.yaml"),
        "name: own-short\nextends: hubei-short\ndescription: 本区简版\nnumbers: { thousands: false, zero: \"\" }\n",
    )
    .expect("layout.yaml");
    let own = load("own-short", std::slice::from_ref(&dir)).expect("loads");
    assert_eq!(own.info.checks.item_descriptions, Some(false));
    std::fs::write(
        dir.join("layout.yaml"),
        "name: own-standard\ndescription: 本区标准\nnumbers: { thousands: false, zero: \"\" }\n",
    )
    .expect("layout.yaml");
    let own = load("own-standard", std::slice::from_ref(&dir)).expect("loads");
    assert_eq!(own.info.checks.item_descriptions, Some(true));
    std::fs::remove_dir_all(&dir).ok();
}

/// A batch's cache loads each layout once per set of user directories, and keeps no
/// failure: every document naming a layout that does not load is told why.
#[test]
fn the_cache_shares_a_loaded_layout_and_keeps_no_failure() {
    let cache = Cache::default();
    let a = cache.load("standard", &[]).expect("loads");
    let b = cache.load("standard", &[]).expect("loads");
    assert!(Arc::ptr_eq(&a, &b));
    let other = cache.load("shenzhen", &[]).expect("loads");
    assert!(!Arc::ptr_eq(&a, &other));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("style.css"), "p { color: black }").expect("write");
    let own = cache
        .load("standard", &[dir.path().to_path_buf()])
        .expect("loads");
    assert!(!Arc::ptr_eq(&a, &own));
    assert_eq!(own.files["style.css"], "p { color: black }");
    for _ in 0..2 {
        assert!(cache.load("no-such-layout", &[]).is_err());
    }
}
