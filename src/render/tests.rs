use super::filters::markdown_escape;
use super::open_data::{data_uri, to_csv};
use super::*;
use crate::blocks::flat::flatten;

#[test]
fn markdown_escaping() {
    assert_eq!(markdown_escape("a|b*c_d"), "a\\|b\\*c\\_d");
    assert_eq!(markdown_escape("<script>"), "\\<script\\>");
    assert_eq!(markdown_escape("1. 项目"), "1\\. 项目");
    assert_eq!(markdown_escape("1.项目"), "1.项目");
    assert_eq!(markdown_escape("甲\n乙"), "甲<br>乙");
    assert_eq!(markdown_escape("- 不是列表"), "\\- 不是列表");
    assert_eq!(markdown_escape("---"), "\\---");
    assert_eq!(markdown_escape("+ 1"), "\\+ 1");
    // Numbers and formulas-looking text in cells are text, not structure.
    assert_eq!(markdown_escape("-5.00"), "-5.00");
    assert_eq!(markdown_escape("=100%"), "=100%");
    assert_eq!(markdown_escape("==="), "\\===");
    assert_eq!(
        markdown_escape("见 https://x.cn 或 www.x.cn"),
        "见 https\\://x.cn 或 www\\.x.cn"
    );
    assert_eq!(markdown_escape("a@b.cn"), "a\\@b.cn");
}

#[test]
fn csv_has_bom_header_and_quoted_fields() {
    let blocks =
        markup::parse("@@table t\n@@head\n| 名称 | 金额 |\n@@body\n| 甲,乙 | {n}1.00 |\n@@end\n")
            .expect("markup");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    let csv = to_csv(&flatten(g));
    assert_eq!(csv, "\u{feff}名称,金额\n\"甲,乙\",1.00\n");
    assert!(data_uri("text/csv", &csv).starts_with("data:text/csv;charset=utf-8;base64,"));
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    let blocks = markup::parse(
        "@@table t\n@@head\n| 名称 | 值 |\n@@body\n| =cmd() | =100% |\n| @SUM(A1) | {n}-12.50 |\n| +1 | -x |\n@@end\n",
    )
    .expect("markup");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    let csv = to_csv(&flatten(g));
    assert_eq!(
        csv,
        "\u{feff}名称,值\n'=cmd(),'=100%\n'@SUM(A1),-12.50\n'+1,'-x\n"
    );
}

#[test]
fn formats_parse_from_their_names() {
    assert_eq!(Format::parse("MD"), Some(Format::Markdown));
    assert_eq!(Format::parse("html"), Some(Format::Html));
    assert_eq!(Format::parse("docx"), None);
}
