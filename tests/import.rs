//! `gongkai import`: workbooks of the standard tables back to input files.
//!
//! * Round trip: every shipped budget input, written as a workbook (`generate -f xlsx`)
//!   in its own layout's tables (the standard ones, the Shenzhen ones for Longgang; the
//!   narrative-only hubei-short with the standard ones) and imported, gives report tables
//!   identical row for row to the original's; so do synthetic budgets of several units.
//! * Messy workbooks (`fixtures/workbooks/`, made by `make.py` from our own export the way
//!   real exports differ): 元 units, reordered and renamed sheets, note and blank rows,
//!   codes stored as numbers, amounts stored as text, merged headers laid out differently,
//!   an `.xls`, and the Shenzhen tables shuffled — all import to the original figures; a
//!   workbook whose tables disagree
//!   gives diagnostics located at the cells on both sides.
//! * The command: exit codes, refusing to overwrite, placeholders refused by `check`.

mod common;

use std::path::{Path, PathBuf};

use gongkai::blocks::{Block, Grid};
use gongkai::{Format, Options, Severity};

/// The report tables of a budget (drafts allowed: an imported file has placeholders).
fn tables(file: &str, text: &str) -> Vec<Grid> {
    let loaded = <gongkai::load::schema::Budget as gongkai::Kind>::parse(file, text)
        .unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let layout = loaded
        .doc
        .layout
        .clone()
        .unwrap_or_else(|| "standard".into());
    let theme = gongkai::theme::load(&layout, &[]).expect("layout");
    let opts = gongkai::validate::Options {
        settings: theme.info.checks.clone(),
        today: None,
    };
    let validated = gongkai::kind::validated(loaded, &opts, true).expect("draft validates");
    let report = gongkai::model::derive(&validated, true, &layout);
    let renderer = gongkai::render::Renderer::new(theme, &report.meta).expect("templates");
    renderer
        .blocks(&report)
        .expect("blocks")
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(g),
            _ => None,
        })
        .collect()
}

/// The workbook of a budget, written to `dir`.
fn workbook(file: &str, text: &str, dir: &Path) -> PathBuf {
    let loaded = gongkai::Input::from_str(file, text).expect("loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![Format::Xlsx],
            draft: true,
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{file}: {e}"));
    let path = dir.join("book.xlsx");
    std::fs::write(&path, &art.outputs[0].1).expect("write");
    path
}

/// Compares two sets of tables grid by grid, row by row; a readable failure.
#[track_caller]
fn assert_same_tables(what: &str, expected: &[Grid], actual: &[Grid]) {
    assert_eq!(
        expected.iter().map(|g| &g.caption).collect::<Vec<_>>(),
        actual.iter().map(|g| &g.caption).collect::<Vec<_>>(),
        "{what}: tables"
    );
    for (e, a) in expected.iter().zip(actual) {
        let (fe, fa) = (
            gongkai::blocks::flat::flatten(e),
            gongkai::blocks::flat::flatten(a),
        );
        for (i, (re, ra)) in fe.rows.iter().zip(&fa.rows).enumerate() {
            assert_eq!(re, ra, "{what}: {} ({}) row {}", e.label, e.caption, i + 1);
        }
        assert_eq!(fe.rows.len(), fa.rows.len(), "{what}: {} rows", e.label);
        assert_eq!(e, a, "{what}: {} ({})", e.label, e.caption);
    }
}

/// Budget inputs as the round trip writes them: a layout without tables (hubei-short)
/// is written with the standard tables.
fn budget_inputs() -> Vec<(String, String)> {
    let mut v = Vec::new();
    for entry in std::fs::read_dir(common::root().join("inputs")).expect("inputs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        if text.lines().any(|l| l.starts_with("kind:")) {
            continue;
        }
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = text
            .lines()
            .map(|l| {
                if l.starts_with("layout: hubei-short") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        v.push((name, text));
    }
    v.sort();
    v
}

#[test]
fn every_budget_input_round_trips_through_a_workbook() {
    let dir = common::temp_dir("import-round-trip");
    let inputs = budget_inputs();
    assert!(inputs.len() >= 4, "{inputs:?}");
    for (name, text) in inputs {
        let book = workbook(&name, &text, &dir);
        let imported = gongkai::import::import(&book).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<_> = imported
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_same_tables(
            &name,
            &tables(&name, &text),
            &tables("imported.yaml", &imported.yaml),
        );
    }
}

#[test]
fn synthetic_budgets_of_several_units_round_trip_in_both_layouts() {
    let dir = common::temp_dir("import-synth");
    for (seed, units, projects) in [(3, 1, 2), (5, 3, 7), (11, 4, 0)] {
        let spec = gongkai::synth::Spec {
            seed,
            units,
            projects,
            procurement_lines: projects.min(3),
            forms: projects.min(2),
        };
        for layout in ["standard", "shenzhen"] {
            let text = format!("layout: {layout}\n{}", gongkai::synth::budget_yaml(&spec));
            let book = workbook("synth.yaml", &text, &dir);
            let imported = gongkai::import::import(&book).expect("imports");
            let what = format!("synth seed {seed}, {layout}");
            assert_same_tables(
                &what,
                &tables("synth.yaml", &text),
                &tables("imported.yaml", &imported.yaml),
            );
        }
    }
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/workbooks").join(name)
}

#[test]
fn messy_workbooks_import_to_the_same_figures() {
    let example =
        std::fs::read_to_string(common::root().join("inputs/example-2025.yaml")).expect("example");
    let expected = tables("example-2025.yaml", &example);
    for name in ["yuan.xlsx", "messy.xlsx", "messy.xls"] {
        let imported =
            gongkai::import::import(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let errors: Vec<_> = imported
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        assert_same_tables(name, &expected, &tables(name, &imported.yaml));
    }
    // The Shenzhen tables, shuffled the same way, import to Longgang's.
    let longgang = std::fs::read_to_string(common::root().join("inputs/longgang-2021.yaml"))
        .expect("longgang");
    let imported = gongkai::import::import(&fixture("shenzhen.xlsx")).expect("imports");
    assert!(imported.yaml.contains("layout: shenzhen"));
    assert!(
        imported
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:#?}",
        imported.diagnostics
    );
    assert_same_tables(
        "shenzhen.xlsx",
        &tables("longgang-2021.yaml", &longgang),
        &tables("shenzhen.yaml", &imported.yaml),
    );
    // The example workbook the README's tour imports is the example budget.
    let imported = gongkai::import::import(&common::root().join("inputs/example-2025.xlsx"))
        .expect("example workbook");
    assert_same_tables(
        "inputs/example-2025.xlsx",
        &expected,
        &tables("example.yaml", &imported.yaml),
    );
}

#[test]
fn amounts_in_yuan_become_exact_wan_yuan() {
    let imported = gongkai::import::import(&fixture("yuan.xlsx")).expect("imports");
    // 825.16 万元 was written as 8251600 元; nothing is rounded through a float.
    assert!(
        imported.yaml.contains("general: 678.04"),
        "{}",
        imported.yaml
    );
    assert!(imported.yaml.contains("business: 24"), "{}", imported.yaml);
    assert!(!imported.yaml.contains("display:"), "{}", imported.yaml);
}

#[test]
fn tables_that_disagree_are_reported_at_the_cells_of_both_sides() {
    let imported = gongkai::import::import(&fixture("disagree.xlsx")).expect("imports");
    let find = |rule: &str, cell: &str| {
        imported
            .diagnostics
            .iter()
            .find(|d| d.rule == rule && d.field == cell)
            .unwrap_or_else(|| panic!("no {rule} at {cell}: {:#?}", imported.diagnostics))
    };
    // 表1's 一般公共预算拨款收入 against 表2's total row and 表5's rows.
    let d = find("IMP-004", "预算01表!B6");
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message.contains("1687.08") && d.message.contains("1678.08"),
        "{}",
        d.message
    );
    let hints: Vec<&str> = imported
        .diagnostics
        .iter()
        .filter(|d| d.field == "预算01表!B6")
        .filter_map(|d| d.hint.as_deref())
        .collect();
    assert!(hints.iter().any(|h| h.contains("预算02表!D6")), "{hints:?}");
    assert!(hints.iter().any(|h| h.contains("预算05表!")), "{hints:?}");
    // A 类 against its 款: the class row and the rows it should add up.
    let d = find("IMP-005", "预算03表!C16");
    assert!(
        d.message.contains("预算03表!C17") && d.message.contains("1719.1"),
        "{}",
        d.message
    );
    // The file is still written, and the loader reads it.
    gongkai::Input::from_str("disagree.yaml", &imported.yaml).expect("loads");
}

#[test]
fn a_figure_no_table_holds_is_reported_not_dropped() {
    let dir = common::temp_dir("import-stray");
    // One table (表8) with a figure beside it under no header, and a sheet of notes with
    // a figure of its own.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [&[&str]; 3] = [
        &["八、2025 年一般公共预算“三公”经费支出表"],
        &["单位：万元"],
        &[
            "“三公”经费合计",
            "因公出国（境）费",
            "公务用车购置费",
            "公务用车运行费",
            "公务接待费",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *text).expect("write");
        }
    }
    for (c, v) in [4.8, 0.0, 0.0, 3.6, 1.2, 99.0].iter().enumerate() {
        ws.write_number(3, c as u16, *v).expect("write");
    }
    let notes = wb.add_worksheet();
    notes.set_name("备注").expect("name");
    notes.write_string(0, 0, "另有说明").expect("write");
    notes.write_number(3, 2, 12.5).expect("write");
    let path = dir.join("stray.xlsx");
    wb.save(&path).expect("save");
    let imported = gongkai::import::import(&path).expect("imports");
    let stray: Vec<&str> = imported
        .diagnostics
        .iter()
        .filter(|d| d.rule == "IMP-002")
        .map(|d| d.field.as_str())
        .collect();
    assert_eq!(
        stray,
        ["Sheet1!F4", "备注!C4"],
        "{:#?}",
        imported.diagnostics
    );
    assert!(imported.yaml.contains("current: 1.2"), "{}", imported.yaml);
    // A workbook without any table is refused as a whole.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_number(0, 0, 1.0).expect("write");
    let empty = dir.join("empty.xlsx");
    wb.save(&empty).expect("save");
    assert!(gongkai::import::import(&empty).is_err());
}

#[test]
fn the_command_writes_a_file_that_check_refuses_until_the_texts_are_written() {
    let dir = common::temp_dir("import-cli");
    let book = fixture("messy.xlsx");
    let book = book.to_str().expect("utf-8");
    let out = common::gongkai(&dir, &["import", book, "-o", "city.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("已导入：city.yaml"), "{stderr}");
    assert!(stderr.contains("IMP-007"), "{stderr}");
    let text = std::fs::read_to_string(dir.join("city.yaml")).expect("written");
    assert!(text.contains("【待填写】"));
    // Never overwrites unless asked.
    let again = common::gongkai(&dir, &["import", book, "-o", "city.yaml"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("已存在"));
    assert_eq!(
        common::gongkai(&dir, &["import", book, "-o", "city.yaml", "--force"])
            .status
            .code(),
        Some(0)
    );
    // check refuses every placeholder (EXP-008), and nothing else.
    let check = common::gongkai(&dir, &["check", "city.yaml", "--format", "json"]);
    assert_eq!(check.status.code(), Some(1));
    let diags: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    let errors: Vec<&serde_json::Value> = diags
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.len() >= 10, "{errors:?}");
    assert!(errors.iter().all(|d| d["rule"] == "EXP-008"), "{errors:#?}");
    // Once the texts are written, only the figures the tables lack remain to look at.
    let written = text.replace("【待填写】", "");
    std::fs::write(dir.join("done.yaml"), written).expect("write");
    let check = common::gongkai(&dir, &["check", "done.yaml", "--format", "json"]);
    let diags: serde_json::Value = serde_json::from_slice(&check.stdout).expect("json");
    assert!(
        diags
            .as_array()
            .expect("list")
            .iter()
            .all(|d| d["rule"] != "EXP-008"),
        "{diags:#?}"
    );
}

#[test]
fn the_command_reports_contradictions_at_cells_and_fails() {
    let dir = common::temp_dir("import-cli-disagree");
    let book = fixture("disagree.xlsx");
    let out = common::gongkai(
        &dir,
        &["import", book.to_str().expect("utf-8"), "-o", "x.yaml"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("错误[IMP-004]：预算01表“一般公共预算拨款收入”为 1687.08"),
        "{stderr}"
    );
    assert!(stderr.contains("disagree.xlsx：预算01表!B6"), "{stderr}");
    assert!(stderr.contains("= 提示：对照：预算02表!D6"), "{stderr}");
    // The file is written all the same, for the clerk to correct.
    assert!(dir.join("x.yaml").is_file());
    // A missing workbook, or a file that is not one: usage errors.
    let missing = common::gongkai(&dir, &["import", "nope.xlsx", "-o", "y.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::write(dir.join("not.xlsx"), "year: 2025\n").expect("write");
    let bad = common::gongkai(&dir, &["import", "not.xlsx", "-o", "y.yaml"]);
    assert_eq!(
        bad.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("无法读取工作簿"));
    assert!(!dir.join("y.yaml").exists());
    let help = common::gongkai(&dir, &["import", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("工作簿"));
}

/// Titles and header texts the importer knows, and other texts, for random workbooks.
const WORDS: &[&str] = &[
    "一、2025 年收支预算总表",
    "五、2025 年一般公共预算支出表（分功能科目）",
    "十一、2025 年项目支出预算表",
    "十四、2025 年示例区部门（单位）整体绩效目标申报表",
    "十五、2025 年示例区项目支出绩效目标申报表（某项目）",
    "收入总表",
    "基本支出总表",
    "单位：元",
    "单位：万元",
    "科目编码",
    "科目名称",
    "合计",
    "基本支出",
    "人员经费",
    "项目支出",
    "收 入",
    "项 目",
    "预算数",
    "本年拨款",
    "一般公共预算",
    "预算单位",
    "2080501",
    "208",
    "305001",
    "部门（单位）名称",
    "年度绩效指标",
    "一级指标",
    "项目名称",
    "注：",
    "1,234.50",
    "—",
    "",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// Any grid of the tables' own words, numbers and merges imports or is refused, and
    /// never panics; every figure it could not place is reported.
    #[test]
    fn random_workbooks_never_panic(
        cells in proptest::collection::vec((0u32..14, 0u16..8, 0usize..WORDS.len(), proptest::option::of(-1.0e6f64..1.0e6)), 1..90),
        merges in proptest::collection::vec((0u32..14, 0u16..8, 0u32..3, 0u16..3), 0..6),
    ) {
        let dir = common::temp_dir("import-random");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        let mut used = std::collections::BTreeSet::new();
        for (r, c, h, w) in merges {
            let cells: Vec<(u32, u16)> = (r..=r + h).flat_map(|y| (c..=c + w).map(move |x| (y, x))).collect();
            if (h > 0 || w > 0) && cells.iter().all(|p| !used.contains(p)) {
                used.extend(cells);
                ws.merge_range(r, c, r + h, c + w, "合计", &rust_xlsxwriter::Format::new()).expect("merge");
            }
        }
        for (r, c, word, number) in cells {
            if used.contains(&(r, c)) {
                continue;
            }
            match number {
                Some(n) => ws.write_number(r, c, (n * 100.0).round() / 100.0).expect("write"),
                None => ws.write_string(r, c, WORDS[word]).expect("write"),
            };
        }
        let path = dir.join("random.xlsx");
        wb.save(&path).expect("save");
        if let Ok(imported) = gongkai::import::import(&path) {
            // Whatever it wrote, the loader reads.
            let loaded = gongkai::Input::from_str("random.yaml", &imported.yaml);
            proptest::prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), imported.yaml);
        }
    }
}
