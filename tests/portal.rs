//! The portal index a batch run writes (`index.html`, from `templates/index.html.tera`):
//! one number format per column whatever each document prints, with the exact figure kept
//! for sorting (pure Rust), and what a reader sees in headless Chromium at 1280 and 375 px —
//! every link of every row on screen, one format per column, sorting by a header click on
//! the exact values, axe-core (`tests/browser/check.mjs` with `GONGKAI_INDEX=1`).
//!
//! The browser test needs Node.js, Chromium and `npm ci --prefix tests/browser`; it is
//! listed as not run without them (`tests/zz_not_run.rs`), and fails without them under
//! `GONGKAI_CI=1`. The Nu HTML Checker sees the index in `html.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `gongkai generate inputs` (every example, every format its layout has) into `out`
/// and returns the index page's path.
fn batch(out: &Path) -> PathBuf {
    let o = common::gongkai(
        &common::root(),
        &["generate", "inputs", "-o", &out.to_string_lossy()],
    );
    assert!(
        o.status.success(),
        "gongkai generate inputs failed ({}):\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    out.join("index.html")
}

/// The body row of the index whose row header starts with `department` and names
/// `document` (empty: the budget, which names none).
fn row<'a>(index: &'a str, department: &str, document: &str) -> &'a str {
    let body = &index[index.find("<tbody>").expect("<tbody>")..];
    body.split("<tr>")
        .find(|r| {
            r.starts_with(&format!("\n<th scope=\"row\">{department}"))
                && if document.is_empty() {
                    !r.contains("<small>")
                } else {
                    r.contains(&format!("<small>{document}</small>"))
                }
        })
        .unwrap_or_else(|| panic!("no row for {department} {document}:\n{index}"))
}

#[test]
fn every_amount_in_one_format_with_its_exact_value() {
    let dir = common::temp_dir("portal-format");
    let index = std::fs::read_to_string(batch(&dir)).expect("index.html");

    assert!(index.contains(">预算总额（万元）</button>"), "{index}");
    assert!(index.contains(">“三公”经费（万元）</button>"), "{index}");
    // Documents printed to 2, 0 (Shenzhen, with separators) and 4 decimals (targets, to
    // the yuan): all at two decimals with separators here, the exact figure kept.
    for (department, document, cell) in [
        (
            "江汉区信访局",
            "",
            r#"data-label="预算总额（万元）" data-value="825.16">825.16</td>"#,
        ),
        (
            "江汉区信访局",
            "",
            r#"data-label="“三公”经费（万元）" data-value="0">0.00</td>"#,
        ),
        (
            "区信访局",
            "",
            r#"data-label="预算总额（万元）" data-value="1995">1,995.00</td>"#,
        ),
        (
            "示例区城市管理局",
            "",
            r#"data-label="预算总额（万元）" data-value="2000.68">2,000.68</td>"#,
        ),
        (
            "石峰区信访局",
            "绩效目标表",
            r#"data-label="预算总额（万元）" data-value="173.4271">173.43</td>"#,
        ),
        (
            "石峰区信访局",
            "绩效目标表",
            r#"data-label="“三公”经费（万元）"></td>"#,
        ),
    ] {
        let r = row(&index, department, document);
        assert!(
            r.contains(cell),
            "{department} {document}: no {cell} in\n{r}"
        );
    }
    // Every printed amount: two decimals, separators between thousands.
    let money = |t: &str| {
        let (int, dec) = t.split_once('.').unwrap_or((t, ""));
        let groups: Vec<&str> = int.split(',').collect();
        dec.len() == 2
            && groups[0].len() <= 3
            && !groups[0].is_empty()
            && groups[1..].iter().all(|g| g.len() == 3)
            && int.chars().all(|c| c.is_ascii_digit() || c == ',')
    };
    let mut amounts = 0;
    for cell in index.split(r#"（万元）" data-value=""#).skip(1) {
        let text = cell
            .split_once("\">")
            .and_then(|(_, rest)| rest.split_once("</td>"))
            .map(|(text, _)| text)
            .expect("a figure cell");
        assert!(money(text), "amount printed as {text:?}");
        amounts += 1;
    }
    assert!(amounts >= 10, "only {amounts} amounts in the index");
}

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("GONGKAI_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

#[test]
fn headless_chromium_shows_every_index_link_on_a_phone_and_sorts_by_exact_value() {
    let node = common::has_program("node", &["--version"]);
    let modules = ["playwright-core", "axe-core"].iter().all(|m| {
        browser_dir()
            .join("node_modules")
            .join(m)
            .join("package.json")
            .is_file()
    });
    if !common::require_tool("node (apt-get install nodejs)", node)
        || !common::require_tool("chromium (apt-get install chromium)", chromium().is_file())
        || !common::require_tool(
            "playwright-core and axe-core (npm ci --prefix tests/browser)",
            modules,
        )
    {
        return;
    }
    let dir = common::temp_dir("portal-browser");
    let index = batch(&dir.join("out"));
    let shots = dir.join("screenshots");
    let o = Command::new("node")
        .arg(browser_dir().join("check.mjs"))
        .arg(&index)
        .arg(&shots)
        .env("GONGKAI_CHROMIUM", chromium())
        .env("GONGKAI_INDEX", "1")
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let summary: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "check.mjs printed no JSON summary ({e}); exit {}\nstdout:\n{stdout}\nstderr:\n{}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        )
    });
    eprintln!("index: screenshots in {}", shots.display());
    assert_eq!(summary["ok"], true, "browser check failed:\n{summary:#}");
    assert!(o.status.success(), "check.mjs exited {}", o.status);
    let viewports = summary["viewports"].as_array().expect("viewports");
    assert_eq!(viewports.len(), 3, "desktop, phone, phone without scripts");
    for v in viewports {
        let vp = v["name"].as_str().unwrap_or("?");
        assert!(
            v["scrollWidth"].as_u64() <= v["innerWidth"].as_u64(),
            "{vp}: sideways scroll: {v:#}"
        );
        // Six examples, up to four files each.
        assert!(
            v["index"]["links"].as_u64() >= Some(20),
            "{vp}: {:#}",
            v["index"]
        );
        for key in ["hiddenLinks", "mixedFormats"] {
            assert_eq!(
                v["index"][key].as_array().map(Vec::len),
                Some(0),
                "{vp}: {key}: {:#}",
                v["index"][key]
            );
        }
        for key in ["sorting", "errors", "outside", "captionsOffScreen"] {
            assert_eq!(
                v[key].as_array().map(Vec::len),
                Some(0),
                "{vp}: {key}: {:#}",
                v[key]
            );
        }
        eprintln!(
            "index {vp}: {} links on screen, formats {}, axe violations (any impact): {}",
            v["index"]["links"],
            v["index"]["formats"],
            v["axe"].as_array().map_or(0, Vec::len)
        );
    }
}
