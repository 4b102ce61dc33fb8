//! The PDF of every example as its readers get it: tagged for screen readers and export
//! tools, and set so that text extraction and the eye find nothing to fault.
//!
//! - Tags, read back by two independent readers: poppler (`pdfinfo` says `Tagged: yes`;
//!   `pdfinfo -struct-text` shows the tree) and pdf.js (`getStructTree()`, through
//!   `tests/browser/struct.mjs`). Both must find one heading per heading of the HTML page
//!   (its h2–h4 are the PDF's H1–H3: the contents, parts, sections, subsections) with the
//!   same text, and one table per HTML table, each with header and data cells. The catalog
//!   says `/Marked true`, `/DisplayDocTitle true` and `/Lang (zh-CN)` (qpdf).
//! - `pdftotext` yields no line of characters spaced out by justification (a run of four
//!   or more single CJK characters between spaces that the text itself does not have).
//! - In the laid-out pages (in process, no outside program): no page ends with a heading,
//!   and no data cell of a table is broken into a line of one character.
//!
//! poppler-utils, qpdf and Node.js with `npm ci --prefix tests/browser` are skipped with a
//! message locally when missing, and required under `GONGKAI_CI=1`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use gongkai::layout::structure::Role;
use gongkai::layout::{Document, Item, Mark};
use gongkai::{Format, Options};

/// Every example input.
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

fn stem(input: &Path) -> String {
    input
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("utf-8 stem")
        .to_owned()
}

/// Generates `input` as HTML, Markdown and PDF into `dir`.
fn generate(input: &Path, dir: &Path) {
    let out = common::gongkai(
        dir,
        &[
            "generate",
            "-f",
            "md,html,pdf",
            "-o",
            ".",
            input.to_str().expect("utf-8 path"),
        ],
    );
    assert!(
        out.status.success(),
        "{}: {}",
        input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The laid-out pages of `input`'s PDF, in process.
fn pages(input: &Path) -> Document {
    let loaded = gongkai::Input::read(input).expect("input loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![Format::Pdf],
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
    art.pages.expect("a PDF was laid out")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What the readers must find: `(role, text)` of every heading, and per table whether it
/// has header cells and data cells.
#[derive(Debug, PartialEq)]
struct Expected {
    headings: Vec<(String, String)>,
    tables: Vec<(bool, bool)>,
}

/// Headings and tables of the HTML page: its h2–h4 are the PDF's H1–H3 (h1 is the title).
fn expected(html: &str) -> Expected {
    let mut headings = Vec::new();
    for level in 2..=4u8 {
        let open = format!("<h{level}");
        let close = format!("</h{level}>");
        for (at, _) in html.match_indices(&open) {
            let rest = &html[at..];
            let (Some(gt), Some(end)) = (rest.find('>'), rest.find(&close)) else {
                continue;
            };
            headings.push((at, format!("H{}", level - 1), squash(&rest[gt + 1..end])));
        }
    }
    headings.sort();
    let tables = html
        .split("<table")
        .skip(1)
        .map(|t| {
            let t = t.split("</table>").next().unwrap_or("");
            (t.contains("<th"), t.contains("<td"))
        })
        .collect();
    Expected {
        headings: headings.into_iter().map(|(_, r, t)| (r, t)).collect(),
        tables,
    }
}

/// One table as a reader found it.
#[derive(Debug, Default)]
struct Table {
    th: usize,
    td: usize,
}

/// Headings and tables in `pdfinfo -struct-text` output: an indented tree, one element a
/// line (`H1 "title" (block)`, `TH:`), the text of marked content as quoted lines below.
fn poppler_tree(text: &str) -> (Vec<(String, String)>, Vec<Table>) {
    let mut headings: Vec<(String, String)> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    // (indent, role) of the heading being read.
    let mut heading: Option<usize> = None;
    let mut table: Option<usize> = None;
    // Element names poppler prints; a line starting otherwise is the rest of a title whose
    // UTF-16 bytes held a line feed (poppler prints /T raw), or an attribute.
    const ROLES: &[&str] = &[
        "Document", "P", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "LBody", "Lbl", "Link",
        "Table", "Caption", "THead", "TBody", "TFoot", "TR", "TH", "TD", "Span", "Object",
    ];
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        let first = t.split([' ', ':']).next().unwrap_or("");
        if !t.starts_with('"') && !ROLES.contains(&first) {
            continue;
        }
        if heading.is_some_and(|i| indent <= i) {
            heading = None;
        }
        if table.is_some_and(|i| indent <= i) {
            table = None;
        }
        if t.starts_with('"') {
            if heading.is_some() {
                if let Some(h) = headings.last_mut() {
                    h.1.push_str(&squash(t.trim_matches('"')));
                }
            }
            continue;
        }
        let role = t.split([' ', ':']).next().unwrap_or("");
        if role.len() == 2 && role.starts_with('H') && role[1..].parse::<u8>().is_ok() {
            headings.push((role.to_owned(), String::new()));
            heading = Some(indent);
        } else if role == "Table" {
            tables.push(Table::default());
            table = Some(indent);
        } else if table.is_some() {
            if let Some(tb) = tables.last_mut() {
                match role {
                    "TH" => tb.th += 1,
                    "TD" => tb.td += 1,
                    _ => {}
                }
            }
        }
    }
    (headings, tables)
}

fn poppler() -> bool {
    common::require_tool(
        "poppler-utils (pdfinfo, pdftotext)",
        common::has_program("pdfinfo", &["-v"]),
    )
}

fn pdfjs() -> bool {
    let node = common::has_program("node", &["--version"]);
    let module = common::root()
        .join("tests/browser/node_modules/pdfjs-dist/package.json")
        .is_file();
    common::require_tool("node (apt-get install nodejs)", node)
        && common::require_tool("pdfjs-dist (npm ci --prefix tests/browser)", module)
}

#[test]
fn poppler_and_pdfjs_read_one_heading_per_heading_and_every_table_with_its_cells() {
    let (with_poppler, with_pdfjs) = (poppler(), pdfjs());
    let with_qpdf = common::require_tool("qpdf", common::has_program("qpdf", &["--version"]));
    if !with_poppler && !with_pdfjs {
        return;
    }
    let dir = common::temp_dir("tagged");
    for input in inputs() {
        let name = stem(&input);
        generate(&input, &dir);
        let pdf = dir.join(format!("{name}.pdf"));
        let pdf_s = pdf.to_str().expect("utf-8 path");
        let html = std::fs::read_to_string(dir.join(format!("{name}.html"))).expect("html");
        let want = expected(&html);
        assert!(
            !want.headings.is_empty() || !want.tables.is_empty(),
            "{name}: nothing to look for"
        );
        if with_poppler {
            let info = common::run("pdfinfo", &[pdf_s]);
            assert!(
                info.lines()
                    .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
                "{name}: not tagged:\n{info}"
            );
            let (headings, tables) =
                poppler_tree(&common::run("pdfinfo", &["-struct-text", pdf_s]));
            assert_eq!(headings, want.headings, "{name}: headings (poppler)");
            let found: Vec<(bool, bool)> = tables.iter().map(|t| (t.th > 0, t.td > 0)).collect();
            assert_eq!(found, want.tables, "{name}: tables with TH, TD (poppler)");
        }
        if with_pdfjs {
            let o = Command::new("node")
                .arg(common::root().join("tests/browser/struct.mjs"))
                .arg(&pdf)
                .output()
                .expect("run node");
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
                panic!(
                    "{name}: struct.mjs printed no JSON ({e}): {}",
                    String::from_utf8_lossy(&o.stderr)
                )
            });
            assert_eq!(v["tagged"], true, "{name}: /MarkInfo (pdf.js)");
            assert_eq!(v["lang"], "zh-CN", "{name}: /Lang (pdf.js)");
            let headings: Vec<(String, String)> = v["headings"]
                .as_array()
                .expect("headings")
                .iter()
                .map(|h| {
                    (
                        h["role"].as_str().unwrap_or("").to_owned(),
                        h["text"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect();
            assert_eq!(headings, want.headings, "{name}: headings (pdf.js)");
            let found: Vec<(bool, bool)> = v["tables"]
                .as_array()
                .expect("tables")
                .iter()
                .map(|t| (t["th"].as_u64() > Some(0), t["td"].as_u64() > Some(0)))
                .collect();
            assert_eq!(found, want.tables, "{name}: tables with TH, TD (pdf.js)");
        }
        if with_qpdf {
            let qdf = dir.join(format!("{name}.qdf"));
            let qdf_s = qdf.to_str().expect("utf-8 path");
            let _ = Command::new("qpdf")
                .args(["--qdf", "--object-streams=disable", pdf_s, qdf_s])
                .status();
            let bytes = std::fs::read(&qdf).expect("qpdf output");
            let text = String::from_utf8_lossy(&bytes);
            for needle in ["/Marked true", "/DisplayDocTitle true", "/Lang (zh-CN)"] {
                assert!(text.contains(needle), "{name}: no {needle} in the catalog");
            }
        }
    }
}

/// Runs of at least four single CJK characters separated by single spaces in `line`.
fn spaced_runs(line: &str) -> Vec<String> {
    let single = |t: &str| {
        let mut cs = t.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF))
    };
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for token in line.split(' ').chain(std::iter::once("")) {
        if single(token) {
            run.push(token);
            continue;
        }
        if run.len() >= 4 {
            out.push(run.join(" "));
        }
        run.clear();
    }
    out
}

#[test]
fn spaced_run_detection() {
    assert_eq!(spaced_runs("预算 本 年 项 目 支出"), vec!["本 年 项 目"]);
    assert!(spaced_runs("2024 年项目支出 115.00 万元").is_empty());
    assert!(spaced_runs("收 入 总计").is_empty());
}

#[test]
fn pdftotext_finds_no_prose_spaced_out_by_justification() {
    if !poppler() {
        return;
    }
    let dir = common::temp_dir("tagged-text");
    for input in inputs() {
        let name = stem(&input);
        generate(&input, &dir);
        let md = std::fs::read_to_string(dir.join(format!("{name}.md"))).expect("md");
        let pdf = dir.join(format!("{name}.pdf"));
        let text = common::run(
            "pdftotext",
            &["-enc", "UTF-8", pdf.to_str().expect("utf-8"), "-"],
        );
        // A spaced run the text itself has (支 出 总 计) is the text, not justification.
        let spaced: Vec<String> = text
            .lines()
            .flat_map(spaced_runs)
            .filter(|run| !md.contains(run.as_str()))
            .collect();
        assert!(
            spaced.is_empty(),
            "{name}: pdftotext finds characters spaced apart: {spaced:#?}"
        );
    }
}

/// The node a run of text belongs to, when it is content.
fn node(item: &Item) -> Option<usize> {
    match item {
        Item::Text(r) if !r.glyphs.is_empty() => match r.mark {
            Mark::Node(n) => Some(n),
            Mark::Artifact(_) => None,
        },
        _ => None,
    }
}

#[test]
fn no_page_ends_with_a_heading() {
    for input in inputs() {
        let doc = pages(&input);
        for (i, page) in doc.pages.iter().enumerate() {
            let last = page.items.iter().rev().find_map(|(_, it)| node(it));
            if let Some(Role::Heading { title, .. }) = last.and_then(|n| doc.structure.role(n)) {
                panic!(
                    "{}: page {} ends with the heading {title}",
                    stem(&input),
                    i + 1
                );
            }
        }
    }
}

/// Data cells of tables that have room: a table already set at the smallest type its
/// layout allows (`sizes.table_min`, the 30-column self-evaluation) may have to. Headers
/// wrap at the minimum width of a column; the layout's unit tests check them where the
/// table has room.
#[test]
fn no_table_cell_is_broken_into_a_line_of_one_character() {
    for input in inputs() {
        let doc = pages(&input);
        let loaded = gongkai::Input::read(&input).expect("input loads");
        let theme = gongkai::theme::load(loaded.layout(), &[]).expect("layout");
        let settings = gongkai::layout::Settings::from_yaml(
            theme.files.get("pdf.yaml").map_or("", String::as_str),
        )
        .expect("pdf.yaml");
        let floor = settings.sizes.table_min + 0.01;
        for (p, page) in doc.pages.iter().enumerate() {
            // Lines of each cell on this page: (cell, baseline) → characters.
            let mut lines: Vec<(usize, i32, String)> = Vec::new();
            for (at, item) in &page.items {
                let (Some(n), Item::Text(run)) = (node(item), item) else {
                    continue;
                };
                if run.size <= floor {
                    continue;
                }
                let cell = matches!(doc.structure.role(n), Some(Role::DataCell { .. }));
                if !cell {
                    continue;
                }
                let y = (at.y * 10.0).round() as i32;
                match lines.iter_mut().find(|l| l.0 == n && l.1 == y) {
                    Some(l) => l.2.push_str(&run.text()),
                    None => lines.push((n, y, run.text())),
                }
            }
            for (n, _, text) in &lines {
                let in_cell = lines.iter().filter(|l| l.0 == *n).count();
                let real = text.chars().filter(|c| c.is_alphanumeric()).count();
                let whole: String = lines
                    .iter()
                    .filter(|l| l.0 == *n)
                    .map(|l| l.2.as_str())
                    .collect();
                assert!(
                    in_cell == 1 || real != 1,
                    "{}: page {}: a cell broken into a line of one character: {whole:?}",
                    stem(&input),
                    p + 1
                );
            }
        }
    }
}
