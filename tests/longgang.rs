//! The Longgang example (`inputs/longgang-2021.yaml`, layout `shenzhen`) reproduces its
//! published reference `$GONGKAI_REFERENCE/000_c7f12fa4947da4dc.txt`: every sentence of
//! the eight parts and every figure row of tables 1–14 appears in the generated Markdown,
//! apart from the reference's own mistakes listed below with their reasons. The validator
//! on the document as published finds its contradiction at the right line.

mod common;

use std::collections::BTreeSet;

use gongkai::{Diagnostic, Options, Severity};

const REFERENCE: &str = "000_c7f12fa4947da4dc.txt";
const INPUT: &str = "inputs/longgang-2021.yaml";

/// Sentences of the published narrative that our output words differently, and why.
const NARRATIVE_MISTAKES: &[(&str, &str)] = &[
    (
        "3.社会保障和就业支出95万元",
        "tables 1 and 6 print 94 (19.6 + 49.6 + 24.6 = 93.8); the change follows from it",
    ),
    (
        "2.教育支出7万元，占0.3%，比2020年减少1万元，下降12.5%",
        "12.5% is 1/8 from the rounded figures; 6.6 against last year's 8 is 17.5%",
    ),
    (
        "对个人和家庭的补助支出46万元",
        "2021 economic classification name of 303 is 对个人和家庭的补助",
    ),
    (
        "2021区信访局本级机关运行经费财政拨款预算118万元",
        "the published sentence lacks 年 after the year",
    ),
    (
        "六、其他情况说明",
        "the published section numbers jump from 三 to 六",
    ),
    (
        "因此区财政局2021年公务用车购置经费预算数为零",
        "copied from the finance bureau's report: this department is 区信访局 (EXP-012)",
    ),
    (
        "详见表二）,比2020年增加205万元",
        "a half-width comma in the published text",
    ),
];

/// Table rows (label and figures) printed differently, and why.
const TABLE_MISTAKES: &[(&str, &str)] = &[
    (
        "住房公积金 65",
        "table 4 prints 65 for the same 住房公积金 that tables 1 and 7 print as 66",
    ),
    (
        "退休费 32",
        "table 4 prints 32 for 退休费, the same retirement pay tables 1 and 7 print as 行政单位离退休 20 (SUM-015)",
    ),
    (
        "对个人和家庭的补助支出",
        "pre-2021 name of economic class 303 (对个人和家庭的补助)",
    ),
    (
        "其他对个人和家庭的补助支出",
        "pre-2021 name of economic class 30399 (其他对个人和家庭的补助)",
    ),
];

fn generate() -> Option<(String, String)> {
    let text = common::reference(REFERENCE)?;
    let loaded = gongkai::Input::read(&common::root().join(INPUT)).expect("loads");
    let art = gongkai::build(
        loaded,
        &Options {
            formats: vec![gongkai::Format::Markdown],
            ..Options::default()
        },
    )
    .expect("builds");
    let md = String::from_utf8(art.outputs[0].1.clone()).expect("utf-8");
    Some((text, md))
}

#[test]
fn every_sentence_of_the_narrative_is_reproduced() {
    let Some((reference, md)) = generate() else {
        return;
    };
    // Headings run into the next sentence in the extraction; ours are joined the same way.
    let end = reference.find("附表：").expect("list of tables");
    let missing = common::missing_sentences(
        &common::sentences(&reference[..end]),
        &common::searchable(&md),
        NARRATIVE_MISTAKES,
    );
    assert!(
        missing.is_empty(),
        "{} narrative pieces are not in our Markdown:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// A table line of the reference split into rows: a label (text, possibly after a code)
/// followed by its figures. Two-sided tables give two rows per line.
fn rows_of(line: &str) -> Vec<(String, Vec<String>)> {
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    for token in line.split_whitespace() {
        // Execution periods (2021-01-01 至 2021-12-31) are text, not figures.
        if token == "至" || token.matches('-').count() == 2 {
            continue;
        }
        // "1,995一、一般公共服务支出" joins a figure to the next label.
        let split = token
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '%'))
            .map_or(token.len(), |(i, _)| i);
        let (figure, label) = token.split_at(split);
        let is_code = figure.len() >= 5 && !figure.contains([',', '.']) && !label.is_empty();
        if !figure.is_empty() && !is_code {
            match rows.last_mut() {
                Some(r) => r.1.push(figure.replace(',', "")),
                None => rows.push((String::new(), vec![figure.replace(',', "")])),
            }
        }
        let label = if is_code { token } else { label };
        if !label.is_empty() {
            match rows.last_mut() {
                Some(r) if r.1.is_empty() => r.0.push_str(label),
                _ => rows.push((label.to_owned(), Vec::new())),
            }
        }
    }
    // Captions ("表 1"), page numbers and the header row with the year are not figures.
    rows.retain(|r| {
        !r.0.is_empty()
            && !r.1.is_empty()
            && !["表", "—", "收入项目", "年预算支出项目"].contains(&r.0.as_str())
    });
    rows
}

/// Our Markdown table rows as (cells without markup).
fn md_rows(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("| ---"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| common::normalise(c).replace(',', ""))
                .collect()
        })
        .collect()
}

#[test]
fn every_figure_row_of_the_tables_is_reproduced() {
    let Some((reference, md)) = generate() else {
        return;
    };
    let start = reference.find(" 表 1").expect("tables");
    let ours = md_rows(&md);
    let mut checked = 0;
    let mut missing = BTreeSet::new();
    let mut used = BTreeSet::new();
    for line in reference[start..].lines() {
        for (label, figures) in rows_of(line) {
            let label = common::normalise(&label);
            let code = label
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>();
            let name = label[code.len()..].to_owned();
            let found = ours.iter().any(|row| {
                // Indicator rows run their merged level cells into the label.
                let has_name = row.iter().any(|c| {
                    c == &label
                        || c == &name
                        || c.trim_start_matches(|ch: char| "一二三四五六七八、".contains(ch))
                            == name
                        || (c.chars().count() > 2 && label.ends_with(c.as_str()))
                });
                let has_code = code.is_empty() || row.contains(&code);
                let numbers: Vec<&String> = row
                    .iter()
                    .filter(|c| {
                        !c.is_empty()
                            && c.chars().all(|ch| ch.is_ascii_digit() || ".%".contains(ch))
                    })
                    .filter(|c| **c != code)
                    .collect();
                has_name
                    && has_code
                    && numbers
                        .windows(figures.len())
                        .any(|w| w.iter().zip(&figures).all(|(a, b)| *a == b))
            });
            checked += 1;
            if !found {
                let shown = format!("{label} {}", figures.join(" "));
                match TABLE_MISTAKES.iter().position(|(m, _)| {
                    common::normalise(&shown).starts_with(&common::normalise(m))
                        || label == common::normalise(m)
                }) {
                    Some(i) => {
                        used.insert(i);
                    }
                    None => {
                        missing.insert(shown);
                    }
                }
            }
        }
    }
    assert!(
        checked > 100,
        "only {checked} rows were read from the reference"
    );
    let unused: Vec<&str> = (0..TABLE_MISTAKES.len())
        .filter(|i| !used.contains(i))
        .map(|i| TABLE_MISTAKES[i].0)
        .collect();
    assert!(
        unused.is_empty(),
        "listed as mistakes but reproduced: {unused:?}"
    );
    assert!(
        missing.is_empty(),
        "{} of {checked} reference rows are not in our Markdown:\n{}",
        missing.len(),
        missing.into_iter().collect::<Vec<_>>().join("\n")
    );
}

fn check(text: &str) -> Vec<Diagnostic> {
    let loaded = gongkai::Input::from_str("published.yaml", text).expect("loads");
    gongkai::check(&loaded, &Options::default()).expect("layout")
}

#[test]
fn the_clean_input_only_warns_about_what_the_published_document_shows() {
    let text = std::fs::read_to_string(common::root().join(INPUT)).expect("input");
    let diags = check(&text);
    assert!(
        diags.iter().all(|d| d.severity == Severity::Warning),
        "{diags:#?}"
    );
    let rules: Vec<&str> = diags.iter().map(|d| d.rule).collect();
    // Whole 万元 printed from figures to the 0.01: three printed tables have totals that
    // differ from the sum of their printed rows (as the published tables do), each named
    // with its rows, at the display settings; the approval date is not published. (The
    // layout does not compare procurement with last year, so EXP-005 does not ask for
    // last year's figure.)
    let tables: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "RND-003")
        .map(|d| d.message.split('：').next().unwrap_or(""))
        .collect();
    assert_eq!(
        tables,
        [
            "表4 基本支出总表",
            "表5 项目支出总表",
            "表7 一般公共预算支出表"
        ],
        "{diags:#?}"
    );
    let display = common::line_of(&text, "display:", 0);
    for d in diags.iter().filter(|d| d.rule == "RND-003") {
        assert_eq!(d.line, display);
        assert!(!d.notes.is_empty());
    }
    let basic = diags
        .iter()
        .find(|d| d.message.starts_with("表4"))
        .expect("表4");
    assert!(
        basic.notes[0]
            .message
            .starts_with("工资福利支出 印为 986，其下各行印出之和为 987"),
        "{:?}",
        basic.notes
    );
    let others: BTreeSet<&str> = rules.into_iter().filter(|r| *r != "RND-003").collect();
    assert_eq!(others, BTreeSet::from(["EXP-006"]));
}

/// The stated figures of the published narrative and tables, copied as printed.
const PUBLISHED_STATED: &str = "stated:
  income_total: 1995
  expenditure_total: 1995
  basic: 1150
  project: 845
  function_totals:
    - { code: \"201\", amount: 1687 }
    - { code: \"205\", amount: 7 }
    - { code: \"208\", amount: 95 }
    - { code: \"210\", amount: 20 }
    - { code: \"221\", amount: 188 }
  economic_totals:
    - { code: \"301\", amount: 986 }
    - { code: \"302\", amount: 118 }
    - { code: \"303\", amount: 46 }
  changes:
    - { subject: total, amount: 205, percent: 11 }
    - { subject: class, code: \"205\", amount: -1, percent: -12.5 }
    - { subject: sangong, amount: -1 }
    - { subject: vehicle_operation, amount: -1 }
";

/// (rule, field, line) of every error.
fn errors(diags: &[Diagnostic]) -> Vec<(&str, &str, usize)> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.rule, d.field.as_str(), d.line))
        .collect()
}

#[test]
fn longgang_as_published() {
    // The input holds figures to 0.01 万元, exact; the published narrative prints
    // 社会保障和就业支出 95 万元 where the class is 93.8 (printed 94 in the tables), and
    // 教育支出 "减少 1 万元，下降 12.5%" where 6.6 against 8 is 17.5%. Every other printed
    // total and change is the correct rounding of its figures, so it passes silently. The
    // vehicle note copied from the finance bureau's report names 区财政局 (a warning).
    let clean = std::fs::read_to_string(common::root().join(INPUT))
        .expect("input")
        .replace("因此区信访局2021年", "因此区财政局2021年");
    let text = format!("{clean}\n{PUBLISHED_STATED}");
    let diags = check(&text);
    let line = |needle: &str| common::line_of(&text, needle, 0);
    assert_eq!(
        errors(&diags),
        [
            (
                "SUM-004",
                "stated.function_totals[2].amount",
                line("code: \"208\", amount: 95")
            ),
            (
                "RND-002",
                "stated.changes[1].percent",
                line("code: \"205\", amount: -1")
            ),
        ],
        "{diags:#?}"
    );
    let sum = diags.iter().find(|d| d.rule == "SUM-004").expect("SUM-004");
    assert!(
        sum.message.contains("明细合计为 93.8 万元") && sum.message.contains("应印为 94"),
        "{}",
        sum.message
    );
    assert_eq!(sum.notes.len(), 3, "the class's three 项 are listed");
    assert!(
        !diags.iter().any(|d| d.rule == "RND-001"),
        "correct roundings of exact figures are silent: {diags:#?}"
    );
    let copied = diags.iter().find(|d| d.rule == "EXP-012").expect("EXP-012");
    assert_eq!(copied.field, "sangong.vehicle_purchase.note");
    assert!(copied.message.contains("区财政局"), "{}", copied.message);
}

/// The clean input as a clerk would copy the published tables: every amount in whole
/// 万元 as printed, declared as transcribed (`display.transcribed_decimals: 0`), with the
/// figures the published tables print differently from one another.
fn as_printed() -> String {
    let clean = std::fs::read_to_string(common::root().join(INPUT)).expect("input");
    let mut text = String::new();
    for line in clean.lines() {
        let line = line.replace(
            "  input_decimals: 2    # 录入到两位小数（元以下不录）",
            "  transcribed_decimals: 0",
        );
        text.push_str(&round_amounts(&line));
        text.push('\n');
    }
    let text = text
        .replace(
            "code: \"30302\", name: 退休费, personnel: 20 }        # 原文表 4 印 32，见文件头\n  - { unit: \"001001\", code: \"30305\", name: 生活补助, personnel: 12 }",
            "code: \"30302\", name: 退休费, personnel: 32 }",
        )
        .replace(
            "code: \"30113\", name: 住房公积金, personnel: 66 }",
            "code: \"30113\", name: 住房公积金, personnel: 65 }",
        );
    format!(
        "{text}
stated:
  function_totals:
    - {{ code: \"208\", amount: 94 }}
    - {{ code: \"208\", amount: 95 }}
  changes:
    - {{ subject: total, amount: 205, percent: 11 }}
    - {{ subject: class, code: \"205\", amount: -1, percent: -12.5 }}
"
    )
}

/// `line` with every decimal amount (`key: 12.34`) rounded half up to whole 万元.
fn round_amounts(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find(": ") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..end];
        match number.split_once('.') {
            Some((int, frac)) if !int.is_empty() && !frac.is_empty() => {
                let v: rust_decimal::Decimal = number.parse().expect("amount");
                let r = v.round_dp_with_strategy(
                    0,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                out.push_str(&r.to_string());
            }
            _ => out.push_str(number),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn longgang_transcribed_in_whole_wan_yuan() {
    // Copied as printed, the tables' ±1 artefacts are rounding warnings at the total's
    // line, the printed change 205 (11%) is accepted, and what no rounding explains is an
    // error where it was entered: 住房公积金 printed 65 and 66, 退休费 32 against
    // 行政单位离退休 20, and the class 208 printed as 94 in the tables and 95 in the text.
    let text = as_printed();
    let diags = check(&text);
    let line = |needle: &str| common::line_of(&text, needle, 0);
    assert_eq!(
        errors(&diags),
        [
            ("SUM-015", "basic_economic[7]", line("code: \"30113\"")),
            ("SUM-015", "basic_economic[22]", line("code: \"30302\"")),
            (
                "SUM-004",
                "stated.function_totals[1].amount",
                line("code: \"208\", amount: 95")
            ),
        ],
        "{diags:#?}"
    );
    let rounding: Vec<&str> = diags
        .iter()
        .filter(|d| d.rule == "RND-001")
        .map(|d| d.field.as_str())
        .collect();
    assert_eq!(
        rounding,
        [
            "income[0].current.general",
            "basic_economic",
            "project_economic",
            "stated.function_totals[0].amount",
            "stated.changes[0].amount",
            "stated.changes[0].percent",
        ],
        "{diags:#?}"
    );
    assert!(
        diags
            .iter()
            .filter(|d| d.rule == "RND-001")
            .all(|d| d.message.contains("四舍五入")),
        "{diags:#?}"
    );
}

#[test]
fn the_pdf_prints_every_table_with_wide_ones_in_landscape() {
    let tools = common::has_program("qpdf", &["--version"])
        && common::has_program("pdftotext", &["-v"])
        && common::has_program("pdfinfo", &["-v"]);
    if !common::require_tool("qpdf and poppler-utils", tools) {
        return;
    }
    let dir = common::temp_dir("longgang-pdf");
    let input = common::root().join(INPUT);
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "-f",
            "pdf",
            "-o",
            ".",
            input.to_str().expect("utf-8"),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = dir.join("longgang-2021.pdf");
    let pdf = pdf.to_str().expect("utf-8");
    common::run("qpdf", &["--check", pdf]);
    let text: String = common::run("pdftotext", &[pdf, "-"])
        .split_whitespace()
        .collect();
    for needle in [
        "收入总表",
        "财政专项资金拨款",
        "1,995",
        "1,495",
        "73.09",
        "2021-01-01至2021-12-31",
        "≥9500宗",
    ] {
        assert!(text.contains(needle), "the PDF lacks {needle}");
    }
    // Tables 2, 4 and 5 (19 columns) are set on landscape pages.
    let info = common::run("pdfinfo", &["-f", "1", "-l", "40", pdf]);
    let landscape = info
        .lines()
        .filter(|l| l.contains("size:") && l.contains("841.89 x 595.2"))
        .count();
    assert!(landscape >= 3, "landscape pages: {landscape}\n{info}");
}
