//! The template reference `docs/templates.md` is what `gongkai::reference::page` makes from
//! the code and the shipped inputs (regenerate with `UPDATE_GOLDEN=1 cargo test --test
//! template_reference`), names what templates really use, and ships with every
//! `templates export`; `templates vars` prints an input's real context as YAML.

mod common;

use std::path::PathBuf;

fn shipped_inputs() -> Vec<gongkai::Input> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(common::root().join("inputs"))
        .expect("inputs/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| gongkai::Input::read(p).expect("shipped input loads"))
        .collect()
}

#[test]
fn the_reference_page_is_generated_from_the_code() {
    let page = gongkai::reference::page(&shipped_inputs());
    let path = common::root().join("docs/templates.md");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &page).expect("write docs/templates.md");
        return;
    }
    let shipped = std::fs::read_to_string(&path).expect("docs/templates.md");
    if shipped != page {
        let diff = similar::TextDiff::from_lines(shipped.as_str(), page.as_str())
            .unified_diff()
            .header("docs/templates.md", "generated")
            .to_string();
        panic!("docs/templates.md is stale; run UPDATE_GOLDEN=1 cargo test --test template_reference\n{diff}");
    }
    // The binary carries the same page.
    assert_eq!(gongkai::reference::PAGE, page);
}

#[test]
fn the_reference_names_what_the_templates_use() {
    let page = gongkai::reference::PAGE;
    for needle in [
        "`budget.total.direction` | 取值 `up`、`down`、`flat`",
        "`budget.basic_change` | 对象 | 是",
        "`overview.functions` | 列表（文字）",
        "`sections` | 映射",
        "### `tables.general_function`",
        "| `personnel` | 人员经费 | 金额 |",
        "`total`、`group1`、`group2`、`item`",
        "| `plus` | 过滤器 |",
        "| `@@contents` | 表格内 |",
        "| `extends` |",
        "绩效目标表（`kind: performance-targets`）",
    ] {
        assert!(page.contains(needle), "reference lacks {needle}");
    }
    // Every dataset of the registry has its section.
    for d in gongkai::model::datasets::ALL {
        assert!(
            page.contains(&format!("### `tables.{}`", d.key)),
            "{}",
            d.key
        );
    }
}

#[test]
fn export_ships_the_reference_and_vars_prints_the_context_as_yaml() {
    let dir = common::temp_dir("reference-export");
    let out = common::gongkai(&dir, &["templates", "export", "standard", "tpl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported = std::fs::read_to_string(dir.join("tpl").join(gongkai::reference::FILE_NAME))
        .expect("reference exported");
    assert_eq!(exported, gongkai::reference::PAGE);
    let input = common::root().join("inputs/jianghan-2024.yaml");
    let out = common::gongkai(&dir, &["templates", "vars", input.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    assert_eq!(value["meta"]["year"].as_i64(), Some(2024));
    assert_eq!(value["budget"]["total"]["current"].as_str(), Some("825.16"));
    assert_eq!(value["layout"]["name"].as_str(), Some("standard"));
    assert!(value["tables"]["general_function"]["rows"].is_sequence());
}
