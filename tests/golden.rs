//! Golden tests: every `inputs/*.yaml` rendered in every text format its layout supports
//! equals `tests/golden/<stem>.<ext>`, its PDF's layout summary (page count; per page its
//! orientation and first line of text, from the laid-out pages in process) equals
//! `<stem>.layout.txt`, its workbook's dump `<stem>.xlsx.txt`, and every `inputs/*.xlsx`
//! imported equals `<stem>.import.yaml`. On a mismatch the test prints a unified diff.
//!
//! Regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`, then read every change
//! with `git diff tests/golden` before committing it. A golden file that no input
//! produces is an error, so renamed inputs do not leave stale expectations behind.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use gongkai::{Format, Options};

fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(common::root().join("inputs"))
        .expect("inputs/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

fn update() -> bool {
    std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1")
}

/// Compares `actual` with the golden file, or rewrites it under UPDATE_GOLDEN=1.
/// Returns a failure description.
fn compare(golden: &Path, actual: &str) -> Option<String> {
    if update() {
        std::fs::write(golden, actual).expect("write golden");
        return None;
    }
    let expected = match std::fs::read_to_string(golden) {
        Ok(t) => t,
        Err(_) => {
            return Some(format!(
                "{} is missing; run UPDATE_GOLDEN=1 cargo test --test golden",
                golden.display()
            ))
        }
    };
    if expected == actual {
        return None;
    }
    let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
        .unified_diff()
        .context_radius(3)
        .header(&golden.display().to_string(), "actual")
        .to_string();
    Some(format!("{} differs:\n{diff}", golden.display()))
}

#[test]
fn every_input_matches_its_golden_files() {
    let golden_dir = common::root().join("tests/golden");
    let mut produced = BTreeSet::new();
    let mut failures = Vec::new();
    for input in inputs() {
        let stem = input
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 stem")
            .to_owned();
        let loaded = gongkai::Input::read(&input).expect("input loads");
        let theme = gongkai::theme::load(loaded.layout(), &[]).expect("layout");
        // The PDF is compared through its layout summary; the workbook through its dump.
        let formats: Vec<Format> = gongkai::supported_formats(&theme)
            .into_iter()
            .filter(|f| *f != Format::Xlsx)
            .collect();
        let art = gongkai::build(
            loaded,
            &Options {
                formats: formats.clone(),
                ..Options::default()
            },
        )
        .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        if let Some(pages) = &art.pages {
            let name = format!("{stem}.layout.txt");
            produced.insert(name.clone());
            let summary = gongkai::layout::summary(pages);
            if let Some(f) = compare(&golden_dir.join(&name), &summary) {
                failures.push(f);
            }
        }
        for (format, bytes) in art.outputs.iter().filter(|o| o.0 != Format::Pdf) {
            let name = format!("{stem}.{}", format.extension());
            produced.insert(name.clone());
            let text = String::from_utf8(bytes.clone()).expect("text output is UTF-8");
            if let Some(f) = compare(&golden_dir.join(&name), &text) {
                failures.push(f);
            }
        }
    }
    // The example workbook imported: the file `gongkai import` writes.
    for entry in std::fs::read_dir(common::root().join("inputs")).expect("inputs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
            let name = format!("{stem}.import.yaml");
            let imported = gongkai::import::import(&path).expect("imports");
            produced.insert(name.clone());
            if let Some(f) = compare(&golden_dir.join(&name), &imported.yaml) {
                failures.push(f);
            }
        }
    }
    for input in inputs() {
        if let Some((name, dump)) = workbook_dump(&input) {
            produced.insert(name.clone());
            if let Some(f) = compare(&golden_dir.join(&name), &dump) {
                failures.push(f);
            }
        }
    }
    for entry in std::fs::read_dir(&golden_dir).expect("tests/golden") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let is_text_golden = name.ends_with(".md")
            || name.ends_with(".html")
            || name.ends_with(".layout.txt")
            || name.ends_with(".xlsx.txt")
            || name.ends_with(".import.yaml");
        if is_text_golden && !produced.contains(&name) {
            failures.push(format!(
                "tests/golden/{name} is produced by no input: remove it"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn output_is_deterministic() {
    let input = common::root().join("inputs/jianghan-2024.yaml");
    let run = || {
        let loaded = gongkai::Input::read(&input).expect("loads");
        gongkai::build(loaded, &Options::default())
            .expect("builds")
            .outputs
    };
    assert_eq!(
        run().iter().map(|o| &o.1).collect::<Vec<_>>(),
        run().iter().map(|o| &o.1).collect::<Vec<_>>()
    );
}

/// The text dump of `input`'s workbook (`<stem>.xlsx.txt`: properties, sheets, print
/// setup, merges, every cell with its look and number format), when its layout makes one.
fn workbook_dump(input: &Path) -> Option<(String, String)> {
    struct Dump;
    impl gongkai::kind::Visit for Dump {
        type Out = Option<String>;
        fn run<K: gongkai::Kind>(self, loaded: gongkai::load::Loaded<K>) -> Option<String> {
            let layout = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT).to_owned();
            dump(loaded, &layout)
        }
    }
    fn dump<K: gongkai::Kind>(loaded: gongkai::load::Loaded<K>, layout: &str) -> Option<String> {
        let theme = gongkai::theme::load(layout, &[]).expect("layout");
        if !theme.info.workbook {
            return None;
        }
        let opts = gongkai::validate::Options {
            settings: theme.info.checks.clone(),
            today: None,
        };
        let validated = gongkai::kind::validated(loaded, &opts, false).expect("valid");
        let report = K::derive(&validated, false, layout);
        let renderer =
            gongkai::render::Renderer::new(theme.clone(), K::meta(&report)).expect("templates");
        let blocks = renderer.blocks(&report).expect("blocks");
        let book = gongkai::xlsx::plan(
            &blocks,
            K::meta(&report),
            &theme,
            &gongkai::xlsx::XlsxOptions::default(),
        );
        Some(gongkai::xlsx::dump(&book))
    }
    let text = gongkai::Input::read(input)
        .expect("input loads")
        .visit(Dump)?;
    let stem = input.file_stem()?.to_str()?;
    Some((format!("{stem}.xlsx.txt"), text))
}
