//! The workbook (`generate -f xlsx`) as other programs see it: byte-identical runs,
//! LibreOffice opens it without repair (headless conversion to PDF), and openpyxl
//! (`python/read_xlsx.py`) sees numeric amount cells, text codes, the merged headers,
//! bold totals, landscape wide sheets, repeated and frozen header rows. Batch runs link the
//! workbook from the portal index. The sheets' content is the golden dump
//! (`golden/<stem>.xlsx.txt`, tests/golden.rs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use gongkai::{Format, Options};

fn workbook_of(input: &str, dir: &Path) -> PathBuf {
    let path = common::root().join("inputs").join(input);
    let loaded = gongkai::Input::read(&path).expect("loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![Format::Xlsx],
            ..Options::default()
        },
    )
    .expect("builds");
    let out = dir.join(input.replace(".yaml", ".xlsx"));
    std::fs::write(&out, &art.outputs[0].1).expect("write");
    out
}

#[test]
fn workbooks_are_byte_identical_across_runs() {
    let run = || {
        let loaded =
            gongkai::Input::read(&common::root().join("inputs/example-2025.yaml")).expect("loads");
        gongkai::build(
            loaded,
            &Options {
                formats: vec![Format::Xlsx],
                source_date_epoch: Some(1_738_368_000),
                ..Options::default()
            },
        )
        .expect("builds")
        .outputs
        .remove(0)
        .1
    };
    let (a, b) = (run(), run());
    assert!(a.starts_with(b"PK"), "a zip file");
    assert_eq!(a, b);
}

#[test]
fn the_command_writes_the_same_bytes_at_another_time() {
    // Without SOURCE_DATE_EPOCH the date comes from the budget year, never the clock.
    let dir = common::temp_dir("xlsx-clock");
    let input = common::root().join("inputs/jianghan-2024.yaml");
    let run = |out: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "generate",
                input.to_str().expect("utf-8"),
                "-f",
                "xlsx",
                "-o",
                out,
            ])
            .current_dir(&dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("run");
        assert!(status.status.success());
        std::fs::read(dir.join(out).join("jianghan-2024.xlsx")).expect("xlsx")
    };
    let first = run("a");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, run("b"));
}

#[test]
fn libreoffice_converts_every_workbook_to_pdf() {
    if !common::require_tool(
        "LibreOffice (soffice)",
        common::has_program("soffice", &["--version"]),
    ) {
        return;
    }
    let dir = common::temp_dir("xlsx-libreoffice");
    for input in [
        "example-2025.yaml",
        "longgang-2021.yaml",
        "longgang-2021-selfeval.yaml",
        "shifeng-2021.yaml",
    ] {
        let book = workbook_of(input, &dir);
        let out = Command::new("soffice")
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(&dir)
            .arg(&book)
            .env("HOME", &dir)
            .output()
            .expect("run soffice");
        let pdf = book.with_extension("pdf");
        assert!(
            out.status.success() && pdf.is_file(),
            "{input}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"),
            "{input}"
        );
    }
}

fn has_openpyxl() -> bool {
    common::has_program("python3", &["-c", "import openpyxl"])
}

/// What openpyxl reads from `book`.
fn read(book: &Path) -> serde_json::Value {
    let script = common::root().join("tests/python/read_xlsx.py");
    let text = common::run(
        "python3",
        &[
            script.to_str().expect("utf-8"),
            book.to_str().expect("utf-8"),
        ],
    );
    serde_json::from_str(&text).expect("json")
}

fn sheet<'a>(book: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    book["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

#[test]
fn openpyxl_sees_numbers_merges_and_print_setup() {
    if !common::require_tool("python3 with openpyxl", has_openpyxl()) {
        return;
    }
    let dir = common::temp_dir("xlsx-openpyxl");
    let book = read(&workbook_of("example-2025.yaml", &dir));
    assert_eq!(book["title"], "示例区城市管理局2025年部门预算");
    assert_eq!(book["creator"], "示例市示例区城市管理局");
    let names: Vec<&str> = book["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(&names[..3], ["预算01表", "预算02表", "预算03表"]);
    assert!(names.contains(&"预算15表-2"), "{names:?}");
    // Amounts are numbers with the layout's decimals; codes stay text; 合计 is bold.
    let t5 = sheet(&book, "预算05表");
    let total = &t5["cells"]["C6"];
    assert_eq!(total["kind"], "number");
    assert_eq!(total["value"], 1678.08);
    assert_eq!(total["format"], "0.00");
    assert_eq!(total["bold"], true);
    assert_eq!(t5["cells"]["A9"]["kind"], "text", "{}", t5["cells"]["A9"]);
    assert_eq!(t5["cells"]["A9"]["value"], "2080501");
    // Zero amounts are numbers that print blank, as on the page.
    assert_eq!(t5["cells"]["F7"]["value"], 0);
    assert_eq!(t5["cells"]["F7"]["format"], "0.00;-0.00;;@");
    // The merged header of the HTML and PDF: 基本支出 over three columns.
    let merges: Vec<&str> = t5["merges"]
        .as_array()
        .expect("merges")
        .iter()
        .map(|m| m.as_str().expect("str"))
        .collect();
    for m in ["A4:A5", "D4:F4", "G4:G5"] {
        assert!(merges.contains(&m), "{m} not in {merges:?}");
    }
    // Header rows repeated on every page and frozen; A4, one page wide.
    assert_eq!(t5["print_title_rows"], "$4:$5");
    assert_eq!(t5["freeze"], "A6");
    assert_eq!(t5["paper"], 9);
    assert_eq!(t5["fit_to_page"], true);
    assert_eq!(t5["fit_width"], 1);
    assert_eq!(t5["fit_height"], 0);
    assert_eq!(t5["orientation"], "portrait");
    // Wide tables print landscape, as in the PDF.
    for wide in ["预算02表", "预算11表", "预算12表", "预算15表"] {
        assert_eq!(sheet(&book, wide)["orientation"], "landscape", "{wide}");
    }
    // A percentage of the department form is a number shown as on the page (98.8%).
    let t14 = sheet(&book, "预算14表");
    let share = t14["cells"]
        .as_object()
        .expect("cells")
        .values()
        .find(|c| c["format"] == "0.0%")
        .expect("a percentage");
    assert_eq!(share["kind"], "number");
}

#[test]
fn shenzhen_amounts_keep_their_exact_value_behind_whole_wan_yuan() {
    if !common::require_tool("python3 with openpyxl", has_openpyxl()) {
        return;
    }
    let dir = common::temp_dir("xlsx-shenzhen");
    let book = read(&workbook_of("longgang-2021.yaml", &dir));
    let t1 = sheet(&book, "表1");
    // 行政运行 848.30 prints as 848 (whole 万元 with thousands separators).
    let cell = t1["cells"]
        .as_object()
        .expect("cells")
        .values()
        .find(|c| c["value"] == 848.3)
        .expect("848.3");
    assert_eq!(cell["format"], "#,##0");
}

#[test]
fn batch_runs_link_the_workbook_from_the_portal_index() {
    let dir = common::temp_dir("xlsx-batch");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).expect("mkdir");
    for name in ["jianghan-2024.yaml", "zengdu-2023.yaml"] {
        std::fs::copy(common::root().join("inputs").join(name), inputs.join(name)).expect("copy");
    }
    let out = common::gongkai(
        &dir,
        &["generate", "inputs", "-o", "out", "-f", "html,xlsx"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // hubei-short has no tables, so no workbook: that input fails, the other is written.
    assert!(dir.join("out/jianghan-2024.xlsx").is_file(), "{stderr}");
    let index = std::fs::read_to_string(dir.join("out/index.html")).expect("index");
    assert!(index.contains("href=\"jianghan-2024.xlsx\""), "{index}");
    assert!(stderr.contains("不支持 xlsx"), "{stderr}");
}
