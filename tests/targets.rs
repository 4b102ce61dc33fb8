//! The performance target forms (`kind: performance-targets`) of 石峰区信访局 2021:
//!
//! - the generated Markdown carries every figure and every text cell of the published
//!   reference `$GONGKAI_REFERENCE/002_d461a073141fe6fc.txt`, apart from its mistakes
//!   listed in [`KNOWN_MISTAKES`]; a reference row that holds figures is found as one
//!   row, with the same figures and texts;
//! - the forms entered as published (the summary table's goal texts as printed there, the
//!   unfinished sentence) give exactly the expected warnings at the right lines;
//! - the PDF passes `qpdf --check` and its text holds the key figures;
//! - the command line: `check` accepts the input, `schema --kind performance-targets`
//!   prints its schema, a layout of another kind is refused with exit code 2.

mod common;

use std::path::{Path, PathBuf};

use gongkai::{Format, Options, Severity};

const REFERENCE: &str = "002_d461a073141fe6fc.txt";

fn input() -> PathBuf {
    common::root().join("inputs/shifeng-2021.yaml")
}

/// Mistakes of the published document: (as printed, what we print instead, why). The
/// reference text is corrected with these before comparing.
const KNOWN_MISTAKES: &[(&str, &str, &str)] = &[
    (
        "有效维护辖区稳定，化解社会矛盾、促进社会和谐发展。",
        "有效维护辖区稳定，化解社会矛盾，促进社会和谐稳定。",
        "the summary table (附件2) copies the goals of 社区（村）治安巡逻防控费 differently \
         from the direction's own form; the summary is derived from the form (TGT-007)",
    ),
    (
        "实现社区巡逻工作无缝衔接，确保无死角、无盲区，",
        "实现社区巡逻工作无缝衔接，确保无死角、无盲区",
        "the indicator text ends with a comma: an unfinished sentence (TGT-011)",
    ),
];

/// Text as compared: no whitespace (line breaks inside cells and spacing are extraction
/// artifacts), half-width punctuation as full-width, no Markdown escapes or emphasis.
fn normalise(s: &str) -> String {
    s.replace("<br>", "")
        .replace("**", "")
        .replace('\\', "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ';' => '；',
            ':' => '：',
            ',' => '，',
            c => c,
        })
        .collect()
}

/// The reference with its known mistakes corrected, normalised per cell.
fn corrected(cell: &str) -> String {
    let mut c = normalise(cell);
    for (published, ours, _) in KNOWN_MISTAKES {
        c = c.replace(&normalise(published), &normalise(ours));
    }
    c
}

/// A figure cell: a number (after an optional comparator) with at most a short unit.
fn is_figure(cell: &str) -> bool {
    let body = cell.trim_start_matches(['≤', '≥', '<', '>', '=']);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body.chars().count() <= 12
        && !body.contains(['，', '；', '、', '。'])
}

/// The generated Markdown as rows of normalised cells; a line outside a table is a row of
/// one cell.
fn markdown_rows() -> Vec<Vec<String>> {
    let loaded = gongkai::Input::read(&input()).expect("input loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![Format::Markdown],
            ..Options::default()
        },
    )
    .expect("builds");
    let md = String::from_utf8(art.outputs[0].1.clone()).expect("utf-8");
    md.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.starts_with('|') {
                l.trim_matches('|').split(" | ").map(normalise).collect()
            } else {
                vec![normalise(l)]
            }
        })
        .collect()
}

/// Whether `row` holds `fragment`: a figure as a whole cell, text within a cell.
fn row_holds(row: &[String], fragment: &str) -> bool {
    if is_figure(fragment) {
        row.iter().any(|c| c == fragment)
    } else {
        row.iter().any(|c| c.contains(fragment))
    }
}

#[test]
fn every_figure_and_text_of_the_reference_is_reproduced() {
    let Some(text) = common::reference(REFERENCE) else {
        return;
    };
    let whole = normalise(&text);
    for (published, _, why) in KNOWN_MISTAKES {
        assert!(
            whole.contains(&normalise(published)),
            "known mistake no longer in the reference: {published} ({why})"
        );
    }
    let rows = markdown_rows();
    // Every cell (the text between tabs, line breaks inside it included).
    let mut missing = Vec::new();
    let mut cells = 0;
    for cell in text.split('\t').map(corrected).filter(|c| !c.is_empty()) {
        cells += 1;
        if !rows.iter().any(|r| row_holds(r, &cell)) {
            missing.push(cell);
        }
    }
    assert!(cells > 150, "only {cells} reference cells found");
    assert!(
        missing.is_empty(),
        "cells not reproduced:\n{}",
        missing.join("\n")
    );
    // Every row holding a figure: its cells together in one row. The extraction puts each
    // cell on a line of its own (a tab, then the text) and a blank line between rows.
    let mut blocks = vec![String::new()];
    for line in text.lines() {
        if line.trim().is_empty() && !line.contains('\t') {
            blocks.push(String::new());
        } else if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
    }
    let mut figure_rows = 0;
    let mut split = Vec::new();
    for block in &blocks {
        let fragments: Vec<String> = block
            .split('\t')
            .map(corrected)
            .filter(|c| !c.is_empty())
            .collect();
        if !fragments.iter().any(|f| is_figure(f)) {
            continue;
        }
        figure_rows += 1;
        if !rows
            .iter()
            .any(|r| fragments.iter().all(|f| row_holds(r, f)))
        {
            split.push(fragments.join(" | "));
        }
    }
    assert!(
        figure_rows >= 20,
        "only {figure_rows} reference rows with figures"
    );
    assert!(
        split.is_empty(),
        "rows not reproduced as one row:\n{}",
        split.join("\n")
    );
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
    text.replacen(from, to, 1)
}

#[test]
fn the_forms_as_published_show_their_inconsistencies() {
    let clean = std::fs::read_to_string(input()).expect("input");
    // Everything as printed: 资金总额, the summary table's 合计 and its row of 社区（村）治安
    // 巡逻防控费 (amount and both goal texts), and the social benefit indicator's comma.
    let printed = "有效维护辖区稳定，化解社会矛盾、促进社会和谐发展。";
    let mut text = replace_once(
        &clean,
        "    project: 38.598        # 项目支出\n",
        "    project: 38.598        # 项目支出\n    stated_total: 173.4271\n",
    );
    text = replace_once(
        &text,
        "special_funds:\n  directions:\n",
        "special_funds:\n  stated_total: 38.598\n  directions:\n",
    );
    text = replace_once(
        &text,
        "      annual_goal: 有效维护辖区稳定，化解社会矛盾，促进社会和谐稳定。\n",
        &format!(
            "      annual_goal: 有效维护辖区稳定，化解社会矛盾，促进社会和谐稳定。\n      summary:\n        \
             amount: 36.72\n        period_goal: {printed}\n        annual_goal: {printed}\n"
        ),
    );
    text = replace_once(
        &text,
        "确保无死角、无盲区, value",
        "确保无死角、无盲区，, value",
    );
    let gongkai::Input::Targets(loaded) =
        gongkai::Input::from_str("published.yaml", &text).expect("loads")
    else {
        panic!("not read as performance targets");
    };
    let diags =
        gongkai::check(&gongkai::Input::Targets(loaded), &Options::default()).expect("layout");
    let found: Vec<(&str, Severity, &str, usize)> = diags
        .iter()
        .map(|d| (d.rule, d.severity, d.field.as_str(), d.line))
        .collect();
    let summary = common::line_of(&text, "      summary:", 0);
    assert_eq!(
        found,
        [
            (
                "TGT-007",
                Severity::Warning,
                "special_funds.directions[1].summary.period_goal",
                summary + 2
            ),
            (
                "TGT-007",
                Severity::Warning,
                "special_funds.directions[1].summary.annual_goal",
                summary + 3
            ),
            (
                "TGT-011",
                Severity::Warning,
                "special_funds.directions[1].indicators[5].name",
                common::line_of(&text, "无盲区，,", 0)
            ),
        ],
        "{diags:#?}"
    );
    assert!(
        diags[0]
            .message
            .contains("汇总表为“…社会矛盾、促进社会和谐发展。”")
            && diags[0]
                .message
                .contains("绩效目标表为“…社会矛盾，促进社会和谐稳定。”"),
        "{}",
        diags[0].message
    );
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn the_pdf_is_sound_and_holds_the_figures() {
    let qpdf = common::require_tool("qpdf", common::has_program("qpdf", &["--version"]));
    let poppler = common::require_tool(
        "poppler-utils (pdftotext)",
        common::has_program("pdftotext", &["-v"]),
    );
    let dir = common::temp_dir("targets-pdf");
    let out = common::gongkai(
        &dir,
        &["generate", "-f", "pdf", "-o", ".", path_str(&input())],
    );
    assert!(
        out.status.success(),
        "generate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.join("shifeng-2021.pdf");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF-"));
    if qpdf {
        let report = common::run("qpdf", &["--check", path_str(&pdf)]);
        assert!(
            report.contains("No syntax or stream encoding errors"),
            "{report}"
        );
    }
    if poppler {
        let text: String = common::run("pdftotext", &["-enc", "UTF-8", path_str(&pdf), "-"])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for s in [
            "2021年部门整体支出绩效目标表",
            "填报单位：石峰区信访局",
            "资金总额：173.4271万元",
            "134.8291万元",
            "38.598万元",
            "≤38.598万元",
            "附件2",
            "2021年专项资金预算绩效目标汇总表",
            "38.598",
            "附件3",
            "2021年专项资金支出方向绩效目标表",
            "1.878",
            "36.72",
            "≤36.72万元",
            "612元/人/月",
        ] {
            assert!(text.contains(s), "the PDF's text lacks {s}");
        }
    }
}

#[test]
fn cli_checks_the_input_prints_its_schema_and_refuses_a_layout_of_another_kind() {
    let dir = common::temp_dir("targets-cli");
    let out = common::gongkai(&dir, &["check", path_str(&input())]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = common::gongkai(&dir, &["schema", "--kind", "performance-targets"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(schema["additionalProperties"], false);
    for key in [
        "kind",
        "year",
        "department",
        "department_form",
        "special_funds",
    ] {
        assert!(
            schema["properties"].get(key).is_some(),
            "schema lacks {key}"
        );
    }

    let text = std::fs::read_to_string(input()).expect("input");
    let mismatched = dir.join("mismatched.yaml");
    std::fs::write(&mismatched, format!("layout: standard\n{text}")).expect("write");
    for cmd in ["check", "generate"] {
        let out = common::gongkai(&dir, &[cmd, "mismatched.yaml"]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("版式“standard”用于部门预算，不能排版绩效目标表"),
            "{cmd}: {err}"
        );
    }
    assert!(!dir.join("output").exists(), "nothing is written");

    // A figure that does not add up is an error (exit 1) named by its rule, as JSON too.
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, text.replacen("basic: 134.8291", "basic: 134.8", 1)).expect("write");
    let out = common::gongkai(&dir, &["check", "--format", "json", "broken.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = report.as_array().cloned().unwrap_or_default();
    assert!(
        items
            .iter()
            .any(|i| i["rule"] == "TGT-001" && i["field"] == "department_form.funds"),
        "{report:#}"
    );
}
