//! PDF tests: the Jianghan report generated as a real PDF and checked from the outside with
//! poppler and qpdf, the way a reader's tools see it.
//!
//! - two runs give byte-identical files;
//! - `qpdf --check` finds no error;
//! - `pdffonts` lists only embedded subset fonts with ToUnicode maps;
//! - `pdftotext` holds every paragraph of the Markdown output and every figure of its
//!   tables (whitespace removed on both sides: line breaks differ, text does not);
//! - a character that no font has is a PDF-001 warning naming it, not a silent blank.
//!
//! poppler-utils and qpdf are skipped with a message locally when missing, and required
//! under `GONGKAI_CI=1`.

mod common;

use std::path::{Path, PathBuf};

const STEM: &str = "jianghan-2024";

/// Generates `inputs/<STEM>.yaml` in `formats` into a fresh temp dir named `name`.
fn generate(name: &str, formats: &str) -> PathBuf {
    let dir = common::temp_dir(name);
    let input = common::root().join(format!("inputs/{STEM}.yaml"));
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "-f",
            formats,
            "-o",
            ".",
            input.to_str().expect("utf-8 path"),
        ],
    );
    assert!(
        out.status.success(),
        "generate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn poppler() -> bool {
    common::require_tool(
        "poppler-utils (pdftotext)",
        common::has_program("pdftotext", &["-v"]),
    )
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Text without any whitespace (CJK text has no word spaces; line breaks differ).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn two_runs_are_byte_identical() {
    let a = generate("pdf-a", "pdf").join(format!("{STEM}.pdf"));
    let b = generate("pdf-b", "pdf").join(format!("{STEM}.pdf"));
    let (a, b) = (std::fs::read(a).expect("a"), std::fs::read(b).expect("b"));
    assert!(a.starts_with(b"%PDF-"));
    assert!(a == b, "the two PDFs differ");
}

#[test]
fn qpdf_finds_no_error() {
    if !common::require_tool("qpdf", common::has_program("qpdf", &["--version"])) {
        return;
    }
    let pdf = generate("pdf-qpdf", "pdf").join(format!("{STEM}.pdf"));
    let out = common::run("qpdf", &["--check", path_str(&pdf)]);
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn only_embedded_subset_fonts() {
    if !poppler() {
        return;
    }
    let pdf = generate("pdf-fonts", "pdf").join(format!("{STEM}.pdf"));
    let out = common::run("pdffonts", &[path_str(&pdf)]);
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let tag = name.split('+').next().unwrap_or("");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "not a subset name: {row}"
        );
        // name, type words…, encoding, emb, sub, uni, object id, generation
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni: {row}"
        );
    }
}

/// The Markdown's paragraphs (markup stripped) and its tables' figures.
fn markdown_texts(md: &str) -> (Vec<String>, Vec<String>) {
    let mut paragraphs = Vec::new();
    let mut figures = Vec::new();
    for line in md.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("|---") || t.starts_with("| ---") {
            continue;
        }
        if t.starts_with('|') {
            for cell in t.trim_matches('|').split('|') {
                let c = cell.trim().trim_matches('*').trim_end_matches('%');
                let is_figure = !c.is_empty()
                    && c.contains('.')
                    && c.chars()
                        .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',' || ch == '-');
                if is_figure {
                    figures.push(c.to_owned());
                }
            }
            continue;
        }
        let t = t.trim_start_matches('#').trim_start_matches('>').trim();
        let t = t.strip_prefix("- ").unwrap_or(t);
        let text: String = t.replace("**", "").replace('\\', "");
        // Two ideographic spaces separate items set apart on one line (单位名称… 单位：万元),
        // which a text extractor may read as separate columns.
        for piece in text.split("\u{3000}\u{3000}") {
            if !piece.trim().is_empty() {
                paragraphs.push(piece.trim().to_owned());
            }
        }
    }
    figures.sort();
    figures.dedup();
    (paragraphs, figures)
}

#[test]
fn text_copies_out_with_every_paragraph_and_figure() {
    if !poppler() {
        return;
    }
    let dir = generate("pdf-text", "md,pdf");
    let md = std::fs::read_to_string(dir.join(format!("{STEM}.md"))).expect("md");
    let pdf = dir.join(format!("{STEM}.pdf"));
    let text = common::run("pdftotext", &["-enc", "UTF-8", path_str(&pdf), "-"]);
    // Page numbers ("— 7 —") sit between the two halves of a paragraph that runs on.
    let body: String = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_matches('\u{c}');
            !(t.starts_with('—') && t.ends_with('—'))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let body = squash(&body);
    assert!(
        body.contains("江汉区信访局2024年部门预算"),
        "no Chinese text"
    );
    let (paragraphs, figures) = markdown_texts(&md);
    assert!(paragraphs.len() > 50 && figures.len() > 10);
    let missing_p: Vec<&String> = paragraphs
        .iter()
        .filter(|p| !body.contains(&squash(p)))
        .collect();
    let missing_f: Vec<&String> = figures
        .iter()
        .filter(|f| !body.contains(f.as_str()))
        .collect();
    assert!(
        missing_p.is_empty() && missing_f.is_empty(),
        "not in the PDF text:\nparagraphs: {missing_p:#?}\nfigures: {missing_f:?}"
    );
}

#[test]
fn missing_character_is_a_warning_naming_it() {
    let dir = common::temp_dir("pdf-missing");
    let src =
        std::fs::read_to_string(common::root().join(format!("inputs/{STEM}.yaml"))).expect("input");
    // U+20000 (CJK Extension B) is outside GBK and the built-in fonts.
    let yaml = src.replacen("本单位由机关", "本单位\u{20000}由机关", 1);
    assert_ne!(yaml, src, "the sentence to change is gone from the input");
    std::fs::write(dir.join("odd.yaml"), yaml).expect("write input");
    let out = common::gongkai(&dir, &["generate", "-f", "pdf", "-o", ".", "odd.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("PDF-001"), "{stderr}");
    assert!(
        stderr.contains('\u{20000}') && stderr.contains("U+20000"),
        "{stderr}"
    );
    assert!(
        stderr.contains("二、预算单位构成情况"),
        "no place: {stderr}"
    );
    assert!(dir.join("odd.pdf").exists());
}

#[test]
fn a_layout_can_name_its_own_font_file_next_to_its_templates() {
    let dir = common::temp_dir("own-font");
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).expect("dir");
    let pdf_yaml = std::fs::read_to_string(common::root().join("templates/standard/pdf.yaml"))
        .expect("pdf.yaml");
    std::fs::write(
        tpl.join("pdf.yaml"),
        pdf_yaml.replacen("  serif: \"\"", "  serif: myserif.ttf", 1),
    )
    .expect("write");
    let input = common::root().join("tests/fixtures/minimal.yaml");
    let input = input.to_string_lossy();
    let args = [
        "generate",
        &input,
        "-o",
        "out",
        "-f",
        "pdf",
        "--templates",
        "tpl",
    ];
    // Named but missing: an I/O error naming the file, nothing written.
    let out = common::gongkai(&dir, &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("myserif.ttf"));
    assert!(!dir.join("out/minimal.pdf").exists());
    // Present beside the templates (here: a copy of the built-in serif): used.
    std::fs::copy(
        common::root().join("fonts/GongkaiSerifSC-Regular.ttf"),
        tpl.join("myserif.ttf"),
    )
    .expect("copy font");
    let out = common::gongkai(&dir, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("out/minimal.pdf").exists());
}
