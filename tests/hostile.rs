//! Hostile input is harmless: one test per class of attack or accident found in the
//! hardening review (issue 12), each asserting the exit code, the message, and what is
//! on disk afterwards. `bad_input.rs` covers files a clerk breaks by accident.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn minimal() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml")).expect("fixture")
}

fn example() -> String {
    std::fs::read_to_string(common::root().join("inputs/example-2025.yaml")).expect("example")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `dir/out`'s visible entries (ours start with a dot), sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every temporary file of ours under `dir`, at any depth.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                stack.push(p);
            } else if name.ends_with(".tmp") {
                found.push(p);
            }
        }
    }
    found
}

/// Writes `text` as `name` in a fresh directory and runs `args` there.
fn run(test: &str, name: &str, text: &str, args: &[&str]) -> (PathBuf, Output) {
    let dir = common::temp_dir(test);
    std::fs::write(dir.join(name), text).expect("write input");
    let out = common::gongkai(&dir, args);
    (dir, out)
}

#[track_caller]
fn assert_refused(out: &Output, exit: i32, says: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(exit), "exit code; stderr:\n{err}");
    for s in says {
        assert!(err.contains(s), "stderr lacks `{s}`:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "raw ESC reached the terminal: {err:?}"
    );
}

// 1. Amounts that overflow when combined.
#[test]
fn amounts_that_would_overflow_are_refused_by_field() {
    let huge = "999999999999999999999999999";
    let text = minimal().replace("general: 110.5", &format!("general: {huge}"));
    let (dir, out) = run("overflow", "input.yaml", &text, &["check", "input.yaml"]);
    assert_refused(&out, 1, &["income[0].current.general", "超出"]);
    assert!(listing(&dir).len() == 1);

    // Each factor is within range, the product is not.
    let big = "999999999999999";
    let text = minimal().replace(
        "sangong:",
        &format!(
            "procurement:\n  lines:\n    - item_code: A\n      item_name: 货物\n      \
             quantity: {big}\n      unit_price: {big}\n      amount: 1\nsangong:"
        ),
    );
    let (_, out) = run(
        "overflow-product",
        "input.yaml",
        &text,
        &["check", "input.yaml"],
    );
    assert_refused(&out, 1, &["SUM-006", "超出可计算的范围"]);
}

// A year that would overflow the years derived from it (`year − 1`, `year − 2`) is refused
// even in a draft, for every kind, before anything is derived.
#[test]
fn a_draft_with_an_impossible_year_is_refused_before_derivation() {
    let targets = std::fs::read_to_string(common::root().join("tests/fixtures/targets.yaml"))
        .expect("fixture");
    let selfeval =
        std::fs::read_to_string(common::root().join("inputs/longgang-2021-selfeval.yaml"))
            .expect("example");
    for (name, text, from, rule) in [
        ("budget.yaml", minimal(), "year: 2025", "STR-008"),
        ("targets.yaml", targets, "year: 2021", "TGT-013"),
        ("selfeval.yaml", selfeval, "year: 2021", "EVL-013"),
    ] {
        assert!(text.contains(from), "{name} has {from}");
        for year in ["-2147483648", "2147483647"] {
            let text = text.replacen(from, &format!("year: {year}"), 1);
            let (dir, out) = run(
                "impossible-year",
                name,
                &text,
                &["generate", name, "--draft", "-o", "out"],
            );
            assert_refused(&out, 1, &[rule, "不合理"]);
            assert!(!dir.join("out").exists(), "{name}: nothing written");
        }
    }
}

// 2. Aliases expanding beyond the size limit, in both shapes found.
#[test]
fn alias_expansion_is_bounded() {
    // One anchored 10,000-character string aliased 5,000 times (50 MB expanded).
    let mut text = minimal().replace(
        "  composition: 本部门只有本级一个预算单位。\n",
        &format!("  composition: &big \"{}\"\n", "字".repeat(10_000)),
    );
    text.push_str("glossary:\n");
    for _ in 0..5_000 {
        text.push_str("  - { term: 词, text: *big }\n");
    }
    let (dir, out) = run(
        "alias-wide",
        "input.yaml",
        &text,
        &["generate", "input.yaml", "-o", "out"],
    );
    assert_refused(&out, 1, &["别名", "展开后超过", "input.yaml:"]);
    assert!(!dir.join("out").exists());
}

// 3. A department called `index` would take the portal index's name.
#[test]
fn the_portal_index_name_is_reserved() {
    let dir = common::temp_dir("index-name");
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    std::fs::write(dir.join("in/Index.yaml"), minimal()).expect("write");
    std::fs::write(dir.join("in/good.yaml"), minimal()).expect("write");
    let out = common::gongkai(&dir, &["generate", "in", "-o", "out", "-f", "html"]);
    assert_refused(&out, 2, &["Index.yaml", "index.html"]);
    assert_eq!(listing(&dir.join("out")), ["good.html", "index.html"]);
    let index = std::fs::read_to_string(dir.join("out/index.html")).expect("index");
    assert!(index.contains("good.html") && !index.contains("href=\"index.html\""));
}

// 4. CSV downloads never carry a live formula.
#[test]
fn csv_downloads_neutralise_formulas() {
    let text = minimal().replace(
        "  - name: 测试项目\n",
        "  - name: \"=HYPERLINK(\\\"http://x\\\")\"\n",
    );
    let (dir, out) = run(
        "csv",
        "input.yaml",
        &text,
        &["generate", "input.yaml", "-o", "out", "-f", "html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.join("out/input.html")).expect("html");
    let mut cells = 0;
    for uri in html.split("data:text/csv;").skip(1) {
        let b64 = uri
            .split_once("base64,")
            .map(|(_, r)| r.split('"').next().unwrap_or_default())
            .expect("base64 data URI");
        let csv = decode(b64);
        for cell in csv.split(['\n', ',']).map(|c| c.trim_start_matches('"')) {
            cells += 1;
            let live = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell[1..].parse::<f64>().is_err() && cell.len() > 1);
            assert!(!live, "live formula in a CSV download: {cell}");
        }
    }
    assert!(cells > 100, "the page has its CSV downloads");
    assert!(
        html.contains("HYPERLINK"),
        "the name is still published as text"
    );
}

/// Standard base64 (the CSV downloads' encoding).
fn decode(s: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().take_while(|c| *c != b'=') {
        let v = A.iter().position(|a| *a == c).expect("base64 digit") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    String::from_utf8(out).expect("utf-8 CSV")
}

// 5. Invisible and control characters.
#[test]
fn invisible_and_control_characters_are_refused_where_they_are() {
    for (name, ch) in [
        ("bidi", "\\u202E"),
        ("zero-width", "\\u200B"),
        ("nul", "\\0"),
        ("esc", "\\e[31m"),
        ("c1", "\\u0085"),
    ] {
        let text = minimal().replace(
            "    purpose: 测试\n",
            &format!("    purpose: \"测试{ch}项目\"\n"),
        );
        let (dir, out) = run(
            &format!("ctl-{name}"),
            "input.yaml",
            &text,
            &["generate", "input.yaml", "-o", "out"],
        );
        assert_refused(&out, 1, &["STR-011", "projects[0].purpose", "input.yaml:"]);
        assert!(!dir.join("out").exists(), "{name}");
    }
    // Raw control bytes in the file itself (not escapes) are located too.
    let text = minimal().replace("    purpose: 测试\n", "    purpose: 测\u{1b}[2J试\n");
    let (_, out) = run("ctl-raw", "input.yaml", &text, &["check", "input.yaml"]);
    assert_refused(&out, 1, &["input.yaml:"]);
    // What Chinese text needs passes: full-width punctuation, ideographic space, ·, —.
    let text = minimal().replace(
        "    purpose: 测试\n",
        "    purpose: \"用于“测试”工作　（含·项目——一期）\"\n",
    );
    let (_, out) = run("ctl-fine", "input.yaml", &text, &["check", "input.yaml"]);
    assert!(!stderr(&out).contains("STR-011"), "{}", stderr(&out));
}

// 6. Planted links: output targets and template files.
#[cfg(unix)]
#[test]
fn links_never_lead_a_write_or_a_read_outside() {
    use std::os::unix::fs::symlink;
    let dir = common::temp_dir("links");
    std::fs::write(dir.join("input.yaml"), minimal()).expect("write");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    std::fs::write(dir.join("precious"), "keep me").expect("write");
    // A link where an output goes is replaced, not written through.
    symlink(dir.join("precious"), dir.join("out/input.md")).expect("link");
    // A stale temporary file of an interrupted run is cleaned up.
    std::fs::write(dir.join("out/.gongkai-abc123.tmp"), "stale").expect("write");
    let out = common::gongkai(&dir, &["generate", "input.yaml", "-o", "out", "-f", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("precious")).expect("read"),
        "keep me"
    );
    let meta = std::fs::symlink_metadata(dir.join("out/input.md")).expect("md");
    assert!(meta.file_type().is_file());
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));

    // A template file that is a link leading out of the template directory is refused.
    std::fs::create_dir_all(dir.join("tpl")).expect("tpl");
    std::fs::write(dir.join("secret.css"), "root:x:0:0").expect("write");
    symlink(dir.join("secret.css"), dir.join("tpl/style.css")).expect("link");
    let out = common::gongkai(
        &dir,
        &["generate", "input.yaml", "-o", "out2", "--templates", "tpl"],
    );
    assert_refused(&out, 2, &["style.css", "模板目录之外"]);
    assert!(!dir.join("out2").exists());
}

// 7. A second run into a folder being written is refused; the index lists every report.
#[cfg(unix)]
#[test]
fn a_locked_output_folder_is_refused_and_the_index_keeps_earlier_reports() {
    let dir = common::temp_dir("lock");
    for d in ["a", "b"] {
        std::fs::create_dir_all(dir.join(d)).expect("dir");
    }
    std::fs::write(dir.join("a/one.yaml"), minimal()).expect("write");
    std::fs::write(dir.join("a/two.yaml"), minimal()).expect("write");
    std::fs::write(dir.join("b/three.yaml"), minimal()).expect("write");
    let out = common::gongkai(&dir, &["generate", "a", "-o", "out", "-f", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = common::gongkai(&dir, &["generate", "b", "-o", "out", "-f", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(dir.join("out/index.html")).expect("index");
    for r in ["one.html", "two.html", "three.html"] {
        assert!(index.contains(r), "index lacks {r}");
    }

    // Hold the lock as a running batch would.
    let held = std::fs::File::open(dir.join("out")).expect("open dir");
    held.lock().expect("lock");
    let before = std::fs::read(dir.join("out/one.html")).expect("read");
    std::fs::write(
        dir.join("a/one.yaml"),
        minimal().replace("测试局", "改名局"),
    )
    .expect("write");
    let out = common::gongkai(&dir, &["generate", "a", "-o", "out", "-f", "html"]);
    assert_refused(&out, 2, &["另一个 gongkai 正在向"]);
    assert_eq!(
        std::fs::read(dir.join("out/one.html")).expect("read"),
        before
    );
    drop(held);
}

// 8. Directory runs say what they skip.
#[cfg(unix)]
#[test]
fn a_directory_run_reports_every_file_it_skips() {
    use std::os::unix::fs::symlink;
    let dir = common::temp_dir("dir-run");
    let inp = dir.join("in");
    std::fs::create_dir_all(inp.join("sub")).expect("dirs");
    std::fs::write(inp.join("Upper.YAML"), minimal()).expect("write");
    std::fs::write(inp.join("short.yml"), minimal()).expect("write");
    std::fs::write(inp.join("sub/deeper.yaml"), minimal()).expect("write");
    std::fs::write(inp.join(".hidden.yaml"), minimal()).expect("write");
    std::fs::write(inp.join("notes.txt"), "x").expect("write");
    symlink(inp.join("gone.yaml"), inp.join("dangling.yaml")).expect("link");
    let fifo = inp.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let out = common::gongkai(&dir, &["generate", "in", "-o", "out", "-f", "md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(
        listing(&dir.join("out")),
        ["index.html", "short.md", "Upper.md"]
            .map(String::from)
            .into_iter()
            .collect::<Vec<_>>()
            .tap_sort()
    );
    for s in ["sub", "dangling.yaml", "notes.txt", "未读取"] {
        assert!(err.contains(s), "summary lacks {s}:\n{err}");
    }
    if made.is_ok_and(|s| s.success()) {
        assert!(err.contains("pipe.yaml"), "{err}");
    }
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

// 9. A failed write replaces none of a department's files.
#[test]
fn a_failed_write_keeps_the_old_set_whole() {
    let dir = common::temp_dir("failed-write");
    std::fs::write(dir.join("input.yaml"), minimal()).expect("write");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    std::fs::write(dir.join("out/input.md"), "OLD").expect("write");
    // The PDF cannot be written: a directory is in its place.
    std::fs::create_dir_all(dir.join("out/input.pdf")).expect("dir");
    let out = common::gongkai(
        &dir,
        &["generate", "input.yaml", "-o", "out", "-f", "md,pdf"],
    );
    assert_refused(&out, 2, &["input.pdf"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("out/input.md")).expect("md"),
        "OLD"
    );
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

// 10. Inputs that are not regular files.
#[cfg(unix)]
#[test]
fn pipes_and_devices_are_refused_at_once() {
    let dir = common::temp_dir("non-regular");
    let fifo = dir.join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = common::gongkai(&dir, &["check", "pipe.yaml"]);
        assert_refused(&out, 2, &["pipe.yaml", "不是普通文件"]);
    }
    let out = common::gongkai(&dir, &["check", "/dev/zero"]);
    assert_refused(&out, 2, &["/dev/zero", "不是普通文件"]);
}

// 11. Templates that would run forever, recurse or fill the memory.
#[test]
fn runaway_templates_fail_with_the_template_named() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "macro",
            "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}{{ self::f(n=1) }}",
            &["宏调用了自己", "document.tera"],
        ),
        (
            "include",
            "x{% include \"document.tera\" %}",
            &["模板包含了自己", "document.tera"],
        ),
        (
            "range",
            "{% for i in range(end=200000000) %}x{% endfor %}",
            &["range 最多产生", "document.tera"],
        ),
        (
            "loops",
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
            &["document.tera", "已中止"],
        ),
        (
            "doubling",
            "{% set_global s = \"xxxxxxxx\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s }}",
            &["document.tera", "已中止"],
        ),
        (
            "span",
            "@@table t\n@@body\n| {c100000000}a |\n@@end\n",
            &["document.tera", "合并数过大"],
        ),
    ];
    for (name, template, says) in cases {
        let dir = common::temp_dir(&format!("tpl-{name}"));
        std::fs::create_dir_all(dir.join("tpl")).expect("tpl");
        std::fs::write(dir.join("tpl/document.tera"), template).expect("write");
        std::fs::write(dir.join("input.yaml"), minimal()).expect("write");
        let started = std::time::Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "generate",
                "input.yaml",
                "-o",
                "out",
                "-f",
                "md",
                "--templates",
                "tpl",
            ])
            .current_dir(&dir)
            .env("SOURCE_DATE_EPOCH", common::TEST_EPOCH)
            .env("GONGKAI_TEMPLATE_SECONDS", "3")
            .output()
            .expect("run");
        assert_refused(&out, 2, says);
        assert!(
            started.elapsed().as_secs() < 30,
            "{name} took {:?}",
            started.elapsed()
        );
        assert!(!dir.join("out").exists(), "{name}");
    }
}

#[test]
fn page_settings_must_leave_a_text_area() {
    for (name, setting, says) in [
        (
            "margins",
            "page:\n  margin_top_mm: 150\n  margin_bottom_mm: 150\n",
            "版心",
        ),
        ("font", "sizes:\n  body: 0.1\n", "sizes.body"),
    ] {
        let dir = common::temp_dir(&format!("pdf-{name}"));
        std::fs::create_dir_all(dir.join("tpl")).expect("tpl");
        std::fs::write(dir.join("tpl/pdf.yaml"), setting).expect("write");
        std::fs::write(dir.join("input.yaml"), minimal()).expect("write");
        let out = common::gongkai(
            &dir,
            &[
                "generate",
                "input.yaml",
                "-o",
                "out",
                "-f",
                "pdf",
                "--templates",
                "tpl",
            ],
        );
        assert_refused(&out, 2, &["pdf.yaml", says]);
        assert!(!dir.join("out").exists());
    }
}

// 12. -j is capped.
#[test]
fn jobs_are_capped_with_a_note() {
    let (dir, out) = run(
        "jobs",
        "input.yaml",
        &minimal(),
        &[
            "generate",
            "input.yaml",
            "-o",
            "out",
            "-f",
            "md",
            "-j",
            "100000",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("并行数 100000"), "{}", stderr(&out));
    assert!(dir.join("out/input.md").exists());
}

// 13. Counts and settings out of range.
#[test]
fn counts_settings_and_dates_are_range_checked() {
    let m = minimal();
    for (name, from, to, says) in [
        (
            "count",
            "        count: 5\n",
            "        count: 4294967295\n",
            "overview.staffing.authorized[0].count",
        ),
        (
            "decimals",
            "year: 2025\n",
            "year: 2025\ndisplay:\n  decimals: 255\n",
            "display.decimals",
        ),
        (
            "unit",
            "year: 2025\n",
            "year: 2025\ndisplay:\n  unit: \"\"\n",
            "display.unit",
        ),
        (
            "glossary",
            "approval_date",
            "glossary:\n  - term: \"\"\n    text: \"\"\napproval_date",
            "glossary[0]",
        ),
        (
            "date",
            "approval_date: \"2025-01-20\"",
            "approval_date: \"9999-12-31\"",
            "approval_date",
        ),
        ("year", "year: 2025", "year: -1", "year"),
    ] {
        assert!(m.contains(from), "{name}: fixture changed");
        let (_, out) = run(
            &format!("range-{name}"),
            "input.yaml",
            &m.replacen(from, to, 1),
            &["check", "input.yaml"],
        );
        assert_refused(&out, 1, &[says, "input.yaml:"]);
        assert!(!stderr(&out).contains("负数"), "{name}: {}", stderr(&out));
    }
}

// 14. Messages: located, Chinese, short.
#[test]
fn messages_are_located_chinese_and_short() {
    // A second YAML document.
    let (_, out) = run(
        "two-docs",
        "input.yaml",
        &format!("{}---\nyear: 2026\n", minimal()),
        &["check", "input.yaml"],
    );
    assert_refused(&out, 1, &["多个 YAML 文档", "input.yaml"]);
    let err = stderr(&out);
    assert!(
        !err.contains(":0:0") && !err.contains("deserializing"),
        "{err}"
    );
    // A wrong type names the expected kind in Chinese.
    let (_, out) = run(
        "type",
        "input.yaml",
        &minimal().replace("        count: 5", "        count: 五"),
        &["check", "input.yaml"],
    );
    let err = stderr(&out);
    assert!(!err.contains("u32") && !err.contains("expected"), "{err}");
    // A 20 KB line is cut in the excerpt.
    let long = format!("  composition: [{}\n", "甲".repeat(20_000));
    let (_, out) = run(
        "long-line",
        "input.yaml",
        &minimal().replace("  composition: 本部门只有本级一个预算单位。\n", &long),
        &["check", "input.yaml"],
    );
    assert!(
        out.status.code() == Some(1) && stderr(&out).len() < 4_000,
        "{}",
        stderr(&out).len()
    );
    // The same input twice names the other input.
    let (_, out) = run(
        "twice",
        "a.yaml",
        &minimal(),
        &["generate", "a.yaml", "./a.yaml", "-o", "out", "-f", "md"],
    );
    assert_refused(&out, 2, &["a.yaml"]);
    assert!(!stderr(&out).contains("与  相同"), "{}", stderr(&out));
    // Real text with XX in it is not a placeholder; a standalone XX is.
    let text = minimal().replace("    purpose: 测试\n", "    purpose: 购置XXL号防护服\n");
    let (_, out) = run("xx-word", "input.yaml", &text, &["check", "input.yaml"]);
    assert!(!stderr(&out).contains("EXP-008"), "{}", stderr(&out));
    let text = minimal().replace("    purpose: 测试\n", "    purpose: 用于XX工作\n");
    let (_, out) = run("xx", "input.yaml", &text, &["check", "input.yaml"]);
    assert!(stderr(&out).contains("EXP-008"), "{}", stderr(&out));
}

// 15. User text never becomes Markdown structure.
#[test]
fn user_text_stays_text_in_markdown() {
    let text = minimal()
        .replace(
            "  composition: 本部门只有本级一个预算单位。",
            "  composition: \"- 不是列表\"",
        )
        .replace("  text: 无自有房屋。", "  text: \"+ 也不是\"")
        .replace(
            "    - 所有项目均申报绩效目标。",
            "    - \"---\"\n    - 见 https://example.org 的说明",
        );
    let (dir, out) = run(
        "markdown",
        "input.yaml",
        &text,
        &["generate", "input.yaml", "-o", "out", "-f", "md"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(dir.join("out/input.md")).expect("md");
    assert!(
        md.contains("\\- 不是列表") && md.contains("\\+ 也不是"),
        "{md}"
    );
    assert!(md.contains("\\---") || md.contains("\\-\\-\\-"), "{md}");
    assert!(md.contains("https\\://example.org"), "{md}");
}

// The whole review at once: a folder mixing good inputs with every hostile input.
#[cfg(unix)]
#[test]
fn a_batch_of_good_and_hostile_inputs_finishes_with_a_summary_and_a_complete_index() {
    use std::os::unix::fs::symlink;
    let dir = common::temp_dir("mixed-batch");
    let inp = dir.join("in");
    std::fs::create_dir_all(inp.join("sub")).expect("dirs");
    let m = minimal();
    let w = |name: &str, text: &str| std::fs::write(inp.join(name), text).expect("write");
    w("example.yaml", &example());
    w("good.yaml", &m);
    w("LOUD.YML", &m);
    w(
        "overflow.yaml",
        &m.replace("general: 110.5", "general: 99999999999999999999999"),
    );
    w(
        "bidi.yaml",
        &m.replace("  name: 测试局\n", "  name: \"测试\\u202E局\"\n"),
    );
    w("index.yaml", &m);
    w(
        "staff.yaml",
        &m.replace("        count: 5\n", "        count: 4294967295\n"),
    );
    w("broken.yaml", "year: [2025\n");
    w("empty.yaml", "");
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (p, c) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        ));
    }
    w("bomb.yaml", &bomb);
    w("sub/nested.yaml", &m);
    symlink(inp.join("nowhere.yaml"), inp.join("dangling.yaml")).expect("link");
    let _ = std::process::Command::new("mkfifo")
        .arg(inp.join("fifo.yaml"))
        .status();

    let out = common::gongkai(&dir, &["generate", "in", "-o", "out", "-f", "md,html"]);
    let err = stderr(&out);
    assert!(matches!(out.status.code(), Some(1 | 2)), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("门户目录"),
        "the summary ends with the index:\n{err}"
    );
    for name in [
        "overflow.yaml",
        "bidi.yaml",
        "index.yaml",
        "staff.yaml",
        "broken.yaml",
        "empty.yaml",
        "bomb.yaml",
        "sub",
        "dangling.yaml",
    ] {
        assert!(err.contains(name), "the summary lacks {name}:\n{err}");
    }
    let index = std::fs::read_to_string(dir.join("out/index.html")).expect("index");
    for r in ["example.html", "good.html", "LOUD.html"] {
        assert!(dir.join("out").join(r).exists(), "{r}");
        assert!(index.contains(r), "the index lacks {r}");
    }
    for r in ["overflow", "bidi", "staff", "broken", "empty", "bomb"] {
        assert!(
            !dir.join(format!("out/{r}.html")).exists(),
            "{r} was published"
        );
    }
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}
