//! The HTML page, as a portal would publish it: structure and open data (pure Rust), escaping
//! of hostile user text, HTML5 validity (the Nu HTML Checker) and what a reader sees in a real
//! browser at desktop and phone widths, with an accessibility audit (headless Chromium and
//! axe-core, through `tests/browser/check.mjs`).
//!
//! The last two need Java, Node.js, Chromium and `npm ci --prefix tests/browser`; they print
//! listed as not run without them (`tests/zz_not_run.rs`), and fail without them under `GONGKAI_CI=1`.
//! Every test writes its outputs to its own temporary directory, never to `output/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;

/// Hostile text put into every kind of user field by [`hostile_input`]: markup, both quote
/// kinds, an entity, and Tera syntax that must come out as literal text.
const EVIL: &str = r#"<script>alert(1)</script> "quotes" 'single' &amp; {{ x }} {% raw %}"#;

/// [`EVIL`] as Tera's HTML escaping writes it.
const EVIL_ESCAPED: &str = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &quot;quotes&quot; \
                            &#x27;single&#x27; &amp;amp; {{ x }} {% raw %}";

/// Runs `gongkai generate` on `input` into `out` and returns the path of the `ext` output.
#[track_caller]
fn generate(input: &Path, out: &Path, formats: &str, extra: &[&str], ext: &str) -> PathBuf {
    let input_s = input.to_string_lossy();
    let out_s = out.to_string_lossy();
    let mut args = vec!["generate", "-f", formats, "-o", &out_s];
    args.extend_from_slice(extra);
    args.push(&input_s);
    let o = common::gongkai(&common::root(), &args);
    assert!(
        o.status.success(),
        "gongkai {} failed ({}):\n{}",
        args.join(" "),
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = input.file_stem().expect("input stem").to_string_lossy();
    out.join(format!("{stem}.{ext}"))
}

fn jianghan() -> PathBuf {
    common::root().join("inputs/jianghan-2024.yaml")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The text between `start` (first occurrence) and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// The values of attribute `name` in `html`, in order (attributes are always double-quoted
/// in the generated page).
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The embedded dataset, parsed.
fn embedded_json(html: &str) -> Result<serde_json::Value, String> {
    let json = between(
        html,
        r#"<script type="application/json" id="budget-data">"#,
        "</script>",
    )
    .ok_or("no <script type=\"application/json\" id=\"budget-data\">")?;
    serde_json::from_str(json).map_err(|e| format!("embedded JSON does not parse: {e}"))
}

/// Everything wrong with the structure of a generated page, checked without a browser.
fn structure_problems(html: &str) -> Vec<String> {
    let mut p = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            p.push(what.to_owned());
        }
    };
    check(
        html.starts_with("<!DOCTYPE html>\n"),
        "starts with <!DOCTYPE html>",
    );
    check(html.matches("<html").count() == 1, "exactly one <html>");
    check(
        html.contains(r#"<html lang="zh-CN">"#),
        r#"<html lang="zh-CN">"#,
    );
    check(html.contains(r#"<meta charset="utf-8">"#), "meta charset");
    check(html.contains(r#"<meta name="viewport""#), "meta viewport");
    check(
        between(html, "<title>", "</title>").is_some_and(|t| !t.trim().is_empty()),
        "non-empty <title>",
    );
    check(
        html.contains(r#"<meta name="description" content=""#),
        "meta description",
    );
    check(html.matches("<h1>").count() == 1, "exactly one <h1>");
    check(html.contains("<nav "), "<nav> table of contents");
    check(html.contains("<style>"), "inline <style>");
    // Self-contained: nothing is loaded from anywhere.
    for bad in [
        "http://", "https://", "<link", "<img", "<iframe", " src=", "@import", "url(",
    ] {
        check(!html.contains(bad), &format!("no {bad}"));
    }
    check(
        html.matches("<script").count() == 2,
        "exactly two <script>s (the scroll cue and the JSON dataset)",
    );
    check(
        html.contains("<script>\n/* Scroll cue (style.css)"),
        "the scroll cue's inline script",
    );
    // Balanced table markup.
    for tag in ["table", "thead", "tbody", "tr", "caption"] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        check(
            open == close,
            &format!("<{tag}> opened {open}, closed {close} times"),
        );
    }
    // Anchors: ids unique, every in-page link has a target.
    let ids: Vec<&str> = attributes(html, "id");
    let id_set: BTreeSet<&str> = ids.iter().copied().collect();
    check(ids.len() == id_set.len(), "ids are unique");
    for href in attributes(html, "href") {
        if let Some(target) = href.strip_prefix('#') {
            check(
                id_set.contains(target),
                &format!("link target #{target} exists"),
            );
        }
    }
    // Table semantics.
    check(html.contains(r#"<th scope="col""#), r#"th scope="col""#);
    check(
        html.contains(r#"<th scope="colgroup""#),
        r#"th scope="colgroup""#,
    );
    check(
        html.contains(r#"<th scope="row""#),
        r#"th scope="row" (forms)"#,
    );
    check(!html.contains("<th>"), "every <th> has a scope");
    match between(html, r#"id="t05""#, "</thead>") {
        Some(t05) => {
            check(t05.contains("rowspan="), "table 5's head has rowspan");
            check(t05.contains("colspan="), "table 5's head has colspan");
        }
        None => check(false, "table 5 with a <thead>"),
    }
    for n in 1..=15 {
        check(
            html.contains(&format!(">预算{n:02}表<")),
            &format!("label 预算{n:02}表"),
        );
    }
    // Captions: tables 1–14 and one form 15 per project (or the one empty form 15).
    match embedded_json(html) {
        Ok(data) => {
            let forms = data["project_forms"].as_array().map_or(0, Vec::len);
            let expected = 14 + forms.max(1);
            let captions = html.matches("<caption").count();
            check(
                captions == expected,
                &format!("{expected} captions (14 + {forms} project forms), found {captions}"),
            );
            check(
                data["meta"]["department"].is_string(),
                "embedded JSON has meta.department",
            );
        }
        Err(e) => check(false, &e),
    }
    // Every CSV link carries a data: URI of UTF-8 CSV.
    for href in attributes(html, "href")
        .iter()
        .filter(|h| h.starts_with("data:"))
    {
        check(
            href.starts_with("data:text/csv;charset=utf-8;base64,"),
            &format!(
                "CSV link is a base64 CSV data URI: {}",
                &href[..40.min(href.len())]
            ),
        );
    }
    p
}

/// Decodes the CSV download of table `id`.
fn csv_of(html: &str, id: &str) -> Option<String> {
    let href = between(html, &format!(r#"download="{id}.csv" href=""#), "\"")?;
    let b64 = href.strip_prefix("data:text/csv;charset=utf-8;base64,")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    String::from_utf8(bytes).ok()
}

#[test]
fn page_is_complete_self_contained_and_accessible_by_structure() {
    let dir = common::temp_dir("html-structure");
    let html = read(&generate(&jianghan(), &dir, "html", &[], "html"));
    let problems = structure_problems(&html);
    assert!(
        problems.is_empty(),
        "structure problems:\n{}",
        problems.join("\n")
    );

    assert!(html.contains("<title>江汉区信访局2024年部门预算</title>"));
    assert!(html.contains(r#"<meta name="description" content="江汉区信访局2024年"#));
    // Regions that scroll on their own, named by their caption, reachable by keyboard.
    assert!(html.contains(
        r#"<div class="table-wrap" role="region" tabindex="0" aria-labelledby="t05-caption">"#
    ));
    // Hierarchy rows and figures.
    assert!(html.contains(r#"<tr class="group1"><td>201</td>"#));
    assert!(html.contains(r#"<tr class="group2"><td>20140</td>"#));
    assert!(html.contains(r#"<td class="num">825.16</td>"#));
    // Empty tables carry their note; tables with figures their CSV.
    assert!(html.contains(r#"<p class="note">注：本单位无政府性基金预算相关支出</p>"#));
    let csv = csv_of(&html, "t05").expect("table 5 has a CSV download");
    assert!(csv.starts_with('\u{feff}'), "CSV starts with a BOM");
    assert!(csv.contains("2014001,行政运行,334.75"), "{csv}");
    assert!(csv_of(&html, "t09").is_none(), "no CSV for an empty table");
    // The whole dataset, for reuse.
    let data = embedded_json(&html).expect("embedded JSON");
    assert_eq!(data["meta"]["department"], "江汉区信访局");
    assert!(!html.contains(r#"class="draft-banner""#), "not a draft");

    // A draft says so, visibly.
    let draft_dir = dir.join("draft");
    let draft = read(&generate(
        &jianghan(),
        &draft_dir,
        "html",
        &["--draft"],
        "html",
    ));
    assert!(draft.contains(r#"<p class="draft-banner" role="note"><strong>草稿</strong>"#));
    assert!(draft.contains("<title>【草稿】"));
    let problems = structure_problems(&draft);
    assert!(
        problems.is_empty(),
        "draft structure problems:\n{}",
        problems.join("\n")
    );
}

/// Writes a copy of the Jianghan input with [`EVIL`] as the department name, a unit name,
/// a function, a project name, an indicator value and the "三公" scope.
///
/// Validation rejects text with a leftover template placeholder (`{`), so this input is
/// generated with `--draft`, which writes despite errors: a draft must be just as safe.
fn hostile_input(dir: &Path) -> PathBuf {
    let yaml = read(&jianghan());
    let quoted = format!("'{}'", EVIL.replace('\'', "''"));
    let replacements: [(&str, String); 6] = [
        ("  name: 江汉区信访局\n", format!("  name: {quoted}\n")),
        (
            "name: 中共武汉市江汉区信访局本级\n",
            format!("name: {quoted}\n"),
        ),
        (
            "- 代表区委、区政府受理人民群众的来信来访，保证信访渠道畅通。\n",
            format!("- {quoted}\n"),
        ),
        (": 复查复核委员会经费\n", format!(": {quoted}\n")),
        ("value: 更加完善,", format!("value: {quoted},")),
        (
            "scope: 局机关及下属1家基层单位\n",
            format!("scope: {quoted}\n"),
        ),
    ];
    let mut text = yaml;
    for (from, to) in &replacements {
        assert!(
            text.contains(from),
            "the Jianghan input no longer has {from:?}"
        );
        text = text.replace(from, to);
    }
    let path = dir.join("hostile-2024.yaml");
    std::fs::write(&path, text).expect("write hostile input");
    path
}

#[test]
fn user_text_is_escaped_everywhere() {
    let dir = common::temp_dir("html-escaping");
    let input = hostile_input(&dir);
    let html = read(&generate(&input, &dir, "html,md", &["--draft"], "html"));
    let md = read(&dir.join("hostile-2024.md"));

    assert!(!html.contains("<script>alert"), "raw <script> in the HTML");
    assert!(
        !html.contains("\"quotes\""),
        "raw double quotes in the HTML"
    );
    assert!(
        !md.contains("<script>alert"),
        "raw <script> in the Markdown"
    );
    assert!(
        md.contains("{{ x }}") && md.contains("{% raw %}"),
        "Tera syntax kept literally in Markdown"
    );

    // Each kind of place the text goes: document title, meta attribute, heading, paragraph
    // (function, 三公 scope), table cell (unit, indicator value), caption (project form).
    for (place, needle) in [
        (
            "title",
            format!("<title>【草稿】{EVIL_ESCAPED}2024年部门预算</title>"),
        ),
        (
            "meta description",
            format!(r#"content="{EVIL_ESCAPED}2024年部门预算公开"#),
        ),
        ("h1", format!("<h1>{EVIL_ESCAPED}2024年部门预算</h1>")),
        ("function paragraph", format!("<p>2、{EVIL_ESCAPED}</p>")),
        ("三公 scope", format!("开支单位包括{EVIL_ESCAPED}。</p>")),
        ("unit cell", format!("<td>{EVIL_ESCAPED}</td>")),
        (
            "caption",
            format!("项目支出绩效目标申报表（{EVIL_ESCAPED}）</span>"),
        ),
    ] {
        assert!(html.contains(&needle), "{place}: expected {needle}");
    }
    let count = html.matches(EVIL_ESCAPED).count();
    assert!(count >= 12, "the escaped text appears only {count} times");

    // The dataset keeps the original text exactly.
    let data = embedded_json(&html).expect("embedded JSON");
    assert_eq!(data["meta"]["department"], EVIL);

    let problems = structure_problems(&html);
    assert!(
        problems.is_empty(),
        "structure problems:\n{}",
        problems.join("\n")
    );
}

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

fn vnu_jar() -> PathBuf {
    browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar")
}

#[test]
fn nu_html_checker_finds_no_error() {
    let java = common::has_program("java", &["-version"]);
    if !common::require_tool("java (apt-get install default-jre-headless)", java)
        || !common::require_tool(
            "the Nu HTML Checker (npm ci --prefix tests/browser)",
            vnu_jar().is_file(),
        )
    {
        return;
    }
    let dir = common::temp_dir("html-vnu");
    let mut pages = vec![
        generate(&jianghan(), &dir.join("plain"), "html", &[], "html"),
        generate(
            &jianghan(),
            &dir.join("draft"),
            "html",
            &["--draft"],
            "html",
        ),
        generate(
            &hostile_input(&dir),
            &dir.join("hostile"),
            "html",
            &["--draft"],
            "html",
        ),
    ];
    for input in std::fs::read_dir(common::root().join("inputs")).expect("inputs/") {
        let input = input.expect("inputs/ entry").path();
        if input.extension().is_some_and(|e| e == "yaml") && input != jianghan() {
            pages.push(generate(&input, &dir.join("inputs"), "html", &[], "html"));
        }
    }
    // The portal index of a batch run of every example.
    let batch = dir.join("batch");
    let o = common::gongkai(
        &common::root(),
        &[
            "generate",
            "inputs",
            "-f",
            "html",
            "-o",
            &batch.to_string_lossy(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    pages.push(batch.join("index.html"));
    let o = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
        .expect("run java");
    // The checker writes its JSON report to stderr.
    let report: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu output is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let messages = report["messages"].as_array().cloned().unwrap_or_default();
    let mut by_page: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in &messages {
        by_page
            .entry(m["url"].as_str().unwrap_or("?").to_owned())
            .or_default()
            .push(format!(
                "line {}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("")
            ));
    }
    assert!(
        messages.is_empty() && o.status.success(),
        "the Nu HTML Checker found errors:\n{by_page:#?}"
    );
    eprintln!("Nu HTML Checker: 0 errors in {} pages", pages.len());
}

fn chromium() -> PathBuf {
    std::env::var_os("GONGKAI_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

#[test]
fn headless_chromium_shows_every_table_without_sideways_scroll_and_axe_passes() {
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
    let dir = common::temp_dir("html-browser");
    let mut pages = vec![
        (
            "jianghan".to_owned(),
            generate(&jianghan(), &dir.join("jianghan"), "html", &[], "html"),
        ),
        (
            "hostile".to_owned(),
            generate(
                &hostile_input(&dir),
                &dir.join("hostile"),
                "html",
                &["--draft"],
                "html",
            ),
        ),
    ];
    // Every other example: other layouts and document kinds have their own wide tables.
    for input in std::fs::read_dir(common::root().join("inputs")).expect("inputs/") {
        let input = input.expect("inputs/ entry").path();
        if input.extension().is_some_and(|e| e == "yaml") && input != jianghan() {
            let stem = input
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("utf-8 stem")
                .to_owned();
            let page = generate(&input, &dir.join(&stem), "html", &[], "html");
            pages.push((stem, page));
        }
    }
    pages.sort();
    for (name, page) in pages {
        let shots = dir.join(format!("screenshots-{name}"));
        let o = Command::new("node")
            .arg(browser_dir().join("check.mjs"))
            .arg(&page)
            .arg(&shots)
            .env("GONGKAI_CHROMIUM", chromium())
            .env(
                "GONGKAI_EXPECT_TABLES",
                if name == "zengdu-2023" { "0" } else { "1" },
            )
            // The width rule is for the examples: hostile text is one unbreakable "word".
            .env(
                "GONGKAI_FIT_TABLES",
                if name == "hostile" { "0" } else { "1" },
            )
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
        eprintln!("{name}: screenshots in {}", shots.display());
        assert_eq!(
            summary["ok"], true,
            "{name}: browser check failed:\n{summary:#}"
        );
        assert!(o.status.success(), "{name}: check.mjs exited {}", o.status);
        let viewports = summary["viewports"].as_array().expect("viewports");
        assert_eq!(
            viewports.len(),
            3,
            "{name}: desktop, phone, phone without scripts"
        );
        for v in viewports {
            let vp = v["name"].as_str().unwrap_or("?");
            assert!(
                v["scrollWidth"].as_u64() <= v["innerWidth"].as_u64(),
                "{name} {vp}: sideways scroll: {v:#}"
            );
            let least = match name.as_str() {
                "jianghan" => 15,
                "zengdu-2023" => 0,
                _ => 1,
            };
            assert!(v["tables"].as_u64() >= Some(least), "{name} {vp}: {v:#}");
            assert_eq!(v["tables"], v["captions"], "{name} {vp}");
            for key in [
                "unrendered",
                "tooWide",
                "wrappedHeaders",
                "smallText",
                "cueWrong",
                "brokenAnchors",
                "outside",
                "dialogs",
                "errors",
            ] {
                assert_eq!(
                    v[key].as_array().map(Vec::len),
                    Some(0),
                    "{name} {vp}: {key}: {:#}",
                    v[key]
                );
            }
            let blocking: Vec<&serde_json::Value> = v["axe"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter(|x| matches!(x["impact"].as_str(), Some("serious" | "critical")))
                        .collect()
                })
                .unwrap_or_default();
            assert!(blocking.is_empty(), "{name} {vp}: axe: {blocking:#?}");
            for shot in v["screenshots"].as_array().into_iter().flatten() {
                let path = Path::new(shot.as_str().unwrap_or_default());
                assert!(
                    path.metadata().is_ok_and(|m| m.len() > 0),
                    "{name} {vp}: screenshot {} missing",
                    path.display()
                );
            }
            eprintln!(
                "{name} {vp}: {} tables ({} scroll in their box, with the cue), scrollWidth {} of {}, \
                 axe violations (any impact): {}",
                v["tables"],
                v["cues"]["scrolling"],
                v["scrollWidth"],
                v["innerWidth"],
                v["axe"].as_array().map_or(0, Vec::len)
            );
        }
    }
}
