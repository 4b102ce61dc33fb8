//! The performance self-evaluation (`kind: self-evaluation`) end to end, on the Longgang
//! example `inputs/longgang-2021-selfeval.yaml`:
//!
//! - it reproduces its published reference `$GONGKAI_REFERENCE/003_f385ac392f5d94c6.txt`:
//!   every text and figure cell of the table appears in the generated Markdown (in its
//!   project's row for the project rows), apart from the reference's own mistakes;
//! - entered as published (with the printed execution rates) it gives exactly the expected
//!   diagnostics at the right lines;
//! - its PDF puts the table on landscape pages, passes `qpdf --check` and copies out with
//!   every figure; its HTML page passes the browser check (no sideways page scroll, axe);
//! - the command line accepts it, and refuses overspending without a reason, writing nothing.

mod common;

use std::path::{Path, PathBuf};

use gongkai::{Diagnostic, Format, Options, Severity};

const INPUT: &str = "inputs/longgang-2021-selfeval.yaml";
const REFERENCE: &str = "003_f385ac392f5d94c6.txt";

/// Printed execution rates that the amounts do not give (the document prints the computed
/// rate instead): (as printed, computed, why).
const KNOWN_MISTAKES: &[(&str, &str, &str)] = &[
    (
        "98.13%",
        "98.12%",
        "办公设备购置: 89.94 ÷ 91.66 = 98.1235…%",
    ),
    (
        "94.88%",
        "94.89%",
        "信访信息化运行维护: 32.51 ÷ 34.26 = 94.8920…%",
    ),
    (
        "98.06%",
        "98.07%",
        "区信访大厅（区维稳中心）管理事务: 159.19 ÷ 162.33 = 98.0656…%",
    ),
];

/// Cells of the extraction that are not part of the document.
const EXTRACTION_ARTIFACTS: &[(&str, &str)] = &[(
    "...",
    "a stray mark of the PDF extraction in the second header row",
)];

fn input_text() -> String {
    std::fs::read_to_string(common::root().join(INPUT)).expect("input")
}

/// Whitespace removed, half- and full-width punctuation made one, Markdown marks dropped.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\\' | '*'))
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '(' => '（',
            ')' => '）',
            '!' => '！',
            '?' => '？',
            c => c,
        })
        .collect()
}

fn markdown(text: &str) -> String {
    let input = gongkai::Input::from_str(INPUT, text).expect("loads");
    let art = gongkai::build(
        input,
        &Options {
            formats: vec![Format::Markdown],
            ..Options::default()
        },
    )
    .expect("builds");
    String::from_utf8(art.outputs[0].1.clone()).expect("utf-8")
}

#[test]
fn every_cell_of_the_reference_is_reproduced() {
    let Some(text) = common::reference(REFERENCE) else {
        return;
    };
    let md = markdown(&input_text());
    let whole = normalise(&md);
    // Project rows of the Markdown by their number.
    let md_row = |n: &str| {
        md.lines()
            .find(|l| l.starts_with(&format!("| {n} | ")))
            .map(normalise)
    };
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut mistakes_seen = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let number = cells
            .first()
            .filter(|c| c.chars().all(|ch| ch.is_ascii_digit()))
            .copied();
        for (i, cell) in cells.iter().enumerate() {
            if EXTRACTION_ARTIFACTS.iter().any(|(a, _)| a == cell) {
                continue;
            }
            if let Some((_, computed, _)) = KNOWN_MISTAKES.iter().find(|(m, _, _)| m == cell) {
                mistakes_seen.push(*cell);
                let row = number.and_then(md_row).unwrap_or_default();
                assert!(
                    !row.contains(cell) && row.contains(computed),
                    "row {number:?} should print {computed} for the published {cell}"
                );
                continue;
            }
            checked += 1;
            let wanted = normalise(cell);
            let found = match number {
                // A project row: every cell in that project's row (its number is the first).
                Some(n) if i > 0 => md_row(n).is_some_and(|r| r.contains(&wanted)),
                _ => whole.contains(&wanted),
            };
            if !found {
                missing.push(format!("{cell}   (row {number:?})"));
            }
        }
    }
    assert!(checked > 150, "only {checked} reference cells found");
    assert!(
        missing.is_empty(),
        "cells not reproduced:\n{}",
        missing.join("\n")
    );
    let mut listed: Vec<&str> = KNOWN_MISTAKES.iter().map(|m| m.0).collect();
    listed.sort_unstable();
    mistakes_seen.sort_unstable();
    assert_eq!(
        mistakes_seen, listed,
        "every known mistake is in the reference"
    );
}

/// The input as published: the printed execution rate of every project added as its
/// `stated_rate`. Returns the text and the line of each added rate.
fn as_published() -> (String, Vec<usize>) {
    const PRINTED: [&str; 6] = ["98.13%", "99.01%", "97.23%", "94.88%", "98.06%", "88.91%"];
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut n = 0;
    for line in input_text().lines() {
        text.push_str(line);
        text.push('\n');
        if line.starts_with("  - name: ") {
            text.push_str(&format!("    stated_rate: {}\n", PRINTED[n]));
            n += 1;
            lines.push(text.lines().count());
        }
    }
    assert_eq!(n, 6, "six projects");
    (text, lines)
}

fn check(text: &str) -> Vec<Diagnostic> {
    let input = gongkai::Input::from_str("published.yaml", text).expect("loads");
    gongkai::check(&input, &Options::default()).expect("layout")
}

#[test]
fn the_published_rates_give_three_rounding_warnings_where_printed() {
    let (text, lines) = as_published();
    let diags = check(&text);
    let found: Vec<(&str, Severity, &str, usize)> = diags
        .iter()
        .map(|d| (d.rule, d.severity, d.field.as_str(), d.line))
        .collect();
    // 98.13%, 94.88% and 98.06% differ from 98.12%, 94.89% and 98.07% by one unit of the
    // last digit, which the rounding of the amounts to 0.01 万元 can explain: warnings.
    assert_eq!(
        found,
        [
            (
                "EVL-002",
                Severity::Warning,
                "projects[0].stated_rate",
                lines[0]
            ),
            (
                "EVL-002",
                Severity::Warning,
                "projects[3].stated_rate",
                lines[3]
            ),
            (
                "EVL-002",
                Severity::Warning,
                "projects[4].stated_rate",
                lines[4]
            ),
        ],
        "{diags:#?}"
    );
    assert!(diags[0].message.contains("98.13%") && diags[0].message.contains("98.12%"));
    // A rate no rounding explains is an error.
    let wrong = text.replacen("stated_rate: 88.91%", "stated_rate: 89.91%", 1);
    let errors: Vec<(&str, usize)> = check(&wrong)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule, d.line))
        .collect();
    assert_eq!(errors, [("EVL-001", lines[5])]);
}

fn generate(dir: &Path, formats: &str) -> PathBuf {
    let input = common::root().join(INPUT);
    let o = common::gongkai(
        dir,
        &[
            "generate",
            input.to_str().expect("utf-8 path"),
            "-f",
            formats,
            "-o",
            dir.to_str().expect("utf-8 path"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join("longgang-2021-selfeval")
}

#[test]
fn pdf_has_the_table_on_landscape_pages_and_copies_out_with_every_figure() {
    let poppler =
        common::has_program("pdftotext", &["-v"]) && common::has_program("pdfinfo", &["-v"]);
    if !common::require_tool(
        "pdftotext and pdfinfo (apt-get install poppler-utils)",
        poppler,
    ) || !common::require_tool("qpdf", common::has_program("qpdf", &["--version"]))
    {
        return;
    }
    let dir = common::temp_dir("selfeval-pdf");
    let pdf = generate(&dir, "pdf").with_extension("pdf");
    let pdf = pdf.to_str().expect("utf-8 path");
    common::run("qpdf", &["--check", pdf]);
    let info = common::run("pdfinfo", &["-f", "1", "-l", "99", pdf]);
    let sizes: Vec<(f32, f32)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .filter_map(|l| {
            let dims = l.split("size:").nth(1)?;
            let mut it = dims.split_whitespace();
            let w = it.next()?.parse().ok()?;
            it.next();
            let h = it.next()?.parse().ok()?;
            Some((w, h))
        })
        .collect();
    assert!(sizes.len() >= 2, "{info}");
    // The cover is portrait; every page of the table is landscape.
    assert!(sizes[0].0 < sizes[0].1, "cover: {:?}", sizes[0]);
    for (i, (w, h)) in sizes.iter().enumerate().skip(1) {
        assert!(w > h, "page {} is not landscape: {w} × {h}", i + 1);
    }
    let text: String = common::run("pdftotext", &["-layout", pdf, "-"])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for figure in [
        "91.66", "89.94", "98.12%", "50.36", "49.86", "99.01%", "129.22", "125.64", "97.23%",
        "34.26", "32.51", "94.89%", "162.33", "159.19", "98.07%", "6.76", "6.01", "88.91%",
    ] {
        assert!(text.contains(figure), "{figure} not in the PDF text");
    }
    // Texts that fit on one line of their cell (wrapped cells interleave in the dump).
    for words in [
        "2021年度区信访局预算项目绩效自评表",
        "龙岗区信访局",
        "不适用",
    ] {
        assert!(text.contains(words), "{words} not in the PDF text");
    }
}

#[test]
fn cli_checks_the_example_and_refuses_overspending_without_a_reason() {
    let dir = common::temp_dir("selfeval-cli");
    let input = common::root().join(INPUT);
    let o = common::gongkai(&dir, &["check", input.to_str().expect("utf-8 path")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // 全区信访业务培训 spends 7.01 of its 6.76 万元.
    let over = input_text().replacen(
        "actual: { general: 6.01, fund: 0, non_fiscal: 0 }",
        "actual: { general: 7.01, fund: 0, non_fiscal: 0 }",
        1,
    );
    assert_ne!(over, input_text());
    let file = dir.join("over.yaml");
    std::fs::write(&file, &over).expect("write");
    let out = dir.join("out");
    let o = common::gongkai(
        &dir,
        &[
            "generate",
            "over.yaml",
            "-o",
            out.to_str().expect("utf-8 path"),
        ],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("EVL-003"), "{stderr}");
    assert!(stderr.contains("超过预算"), "{stderr}");
    let line = over
        .lines()
        .position(|l| l.contains("general: 7.01"))
        .map(|i| i + 1)
        .expect("line");
    assert!(stderr.contains(&format!("over.yaml:{line}:")), "{stderr}");
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "nothing is written");
    // With a reason the same figures generate.
    let reasoned = over.replacen(
        "  - name: 全区信访业务培训\n",
        "  - name: 全区信访业务培训\n    overspend_reason: 培训人数增加，经区财政局批准追加。\n",
        1,
    );
    std::fs::write(&file, reasoned).expect("write");
    let o = common::gongkai(
        &dir,
        &[
            "generate",
            "over.yaml",
            "-f",
            "md",
            "-o",
            out.to_str().expect("utf-8 path"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = std::fs::read_to_string(out.join("over.md")).expect("md");
    assert!(md.contains("103.70%"), "7.01 ÷ 6.76");
    assert!(
        md.contains("原因：培训人数增加"),
        "the reason is printed under the table"
    );
}

#[test]
fn cli_gives_the_schema_and_refuses_a_layout_of_another_kind() {
    let dir = common::temp_dir("selfeval-schema");
    let o = common::gongkai(&dir, &["schema", "--kind", "self-evaluation"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let props = &schema["properties"];
    for key in ["kind", "year", "department", "projects"] {
        assert!(props.get(key).is_some(), "{key} missing:\n{schema:#}");
    }
    assert!(schema.to_string().contains("self-evaluation"));
    assert!(schema.to_string().contains("不适用"));
    let o = common::gongkai(&dir, &["layouts"]);
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(
        listed.contains("self-evaluation  （绩效自评表）"),
        "{listed}"
    );
    // A budget layout cannot set a self-evaluation.
    std::fs::write(
        dir.join("x.yaml"),
        input_text().replacen("year: 2021", "layout: standard\nyear: 2021", 1),
    )
    .expect("write");
    let o = common::gongkai(&dir, &["check", "x.yaml"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("不能排版绩效自评表"), "{stderr}");
}

#[test]
fn the_a4_forms_layout_carries_every_cell_on_portrait_pages() {
    let Some(text) = common::reference(REFERENCE) else {
        return;
    };
    let forms = input_text().replacen("year: 2021", "layout: self-evaluation-forms\nyear: 2021", 1);
    let md = normalise(&markdown(&forms));
    let mut missing = Vec::new();
    // Every cell of the project rows (the header wording differs: it is a form).
    for line in text
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    {
        for cell in line.split('\t').map(str::trim).skip(1) {
            let known = KNOWN_MISTAKES.iter().any(|(m, _, _)| *m == cell);
            if !cell.is_empty() && !known && !md.contains(&normalise(cell)) {
                missing.push(cell.to_owned());
            }
        }
    }
    assert!(missing.is_empty(), "cells not reproduced: {missing:#?}");
    for (_, computed, _) in KNOWN_MISTAKES {
        assert!(md.contains(computed), "{computed}");
    }
    if !common::require_tool(
        "pdfinfo (apt-get install poppler-utils)",
        common::has_program("pdfinfo", &["-v"]),
    ) {
        return;
    }
    let dir = common::temp_dir("selfeval-forms");
    std::fs::write(dir.join("forms.yaml"), &forms).expect("write");
    let o = common::gongkai(&dir, &["generate", "forms.yaml", "-f", "pdf", "-o", "."]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join("forms.pdf");
    let info = common::run(
        "pdfinfo",
        &["-f", "1", "-l", "99", pdf.to_str().expect("utf-8")],
    );
    let pages: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .collect();
    assert!(pages.len() > 6, "{info}");
    assert!(
        pages.iter().all(|l| l.contains("595.276 x 841.89")),
        "every page is A4 portrait:\n{info}"
    );
}
