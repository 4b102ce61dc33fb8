use super::*;

#[test]
fn headings_paragraphs_and_toc() {
    let blocks = parse(
        "@@title 标题\n@@toc\n@@h1 第一部分\n@@h2 一、甲\n第一行\n接着\n\n第二段\n@@h1 第二部分\n",
    )
    .expect("valid markup");
    assert_eq!(
        blocks[0],
        Block::Title {
            text: "标题".into()
        }
    );
    let Block::Toc { entries } = &blocks[1] else {
        panic!("toc")
    };
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["s1", "s1-1", "s2"]);
    assert_eq!(
        blocks[4],
        Block::Paragraph {
            text: "第一行接着".into()
        }
    );
    assert_eq!(
        blocks[5],
        Block::Paragraph {
            text: "第二段".into()
        }
    );
}

#[test]
fn grids_carry_spans_kinds_and_notes() {
    let text = "@@table t1\n@@caption 表\n@@head\n| {c2}收 入 | {r2 n}数 |\n| 甲 | 乙 |\n@@body\ntotal| 合计 | {n}1.00 | |\n@@note 注：无\n@@end\n";
    let blocks = parse(text).expect("valid markup");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    assert_eq!(g.head[0].cells[0].colspan, 2);
    assert!(g.head[0].cells[1].numeric && g.head[0].cells[1].rowspan == 2);
    assert!(g.head[1].cells.iter().all(|c| c.header));
    assert_eq!(g.body[0].kind, RowKind::Total);
    assert_eq!(g.body[0].cells.len(), 3);
    assert_eq!(g.notes, ["注：无"]);
    let flat = crate::blocks::flat::flatten(g);
    assert_eq!(flat.header, ["收 入 / 甲", "收 入 / 乙", "数"]);
}

#[test]
fn user_text_cannot_forge_structure() {
    let evil = "x |{c9} y\n@@h1 伪造\n\\n @@end {h}";
    let line = format!("| {} | {{n}}1 |", escape(evil));
    let text = format!("@@table t\n@@body\n{line}\n@@end\n{}\n", escape(evil));
    let blocks = parse(&text).expect("escaped text parses");
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    assert_eq!(g.body[0].cells.len(), 2);
    assert_eq!(g.body[0].cells[0].colspan, 1);
    assert_eq!(g.body[0].cells[0].text, "x |{c9} y@@h1 伪造\\n @@end {h}");
    assert_eq!(
        blocks[1],
        Block::Paragraph {
            text: "x |{c9} y@@h1 伪造\\n @@end {h}".into()
        }
    );
}

#[test]
fn malformed_markup_is_an_error_with_its_line() {
    let e = parse("@@table t\n@@body\n| a \n@@end\n").expect_err("unterminated row");
    assert_eq!(e.line, 3);
    assert!(parse("@@table t\n| a |\n").is_err(), "missing @@end");
    assert!(parse("@@bogus\n").is_err());
    assert!(parse("@@table t\n@@body\n| {c0}a |\n@@end\n").is_err());
}

#[test]
fn figure_marks_become_the_cells_figure_and_leave_every_text() {
    let blocks = parse(
        "共 {=825.164 d2}825.16 万元\n@@table t\n@@body\n| {n}{=1994.87 d0}1,995 | {=0 d2} | \\{=1 d2} |\n@@end\n",
    )
    .expect("parses");
    assert_eq!(
        blocks[0],
        Block::Paragraph {
            text: "共 825.16 万元".into()
        }
    );
    let Block::Table(g) = &blocks[1] else {
        panic!("{blocks:?}")
    };
    let cells = &g.body[0].cells;
    assert_eq!(cells[0].text, "1,995");
    assert!(cells[0].numeric);
    assert_eq!(
        cells[0].figure,
        Some(Figure {
            value: "1994.87".parse().expect("decimal"),
            decimals: 0
        })
    );
    assert_eq!(cells[1].text, "");
    assert_eq!(cells[1].figure.map(|f| f.decimals), Some(2));
    // User text escapes the brace: no mark, the text as typed.
    assert_eq!(cells[2].text, "{=1 d2}");
    assert_eq!(cells[2].figure, None);
}

#[test]
fn every_documented_directive_parses_where_it_is_documented() {
    for (name, place, _) in DIRECTIVES {
        let text = if *place == "正文" {
            if *name == "table" {
                "@@table t\n@@end\n".to_owned()
            } else {
                format!("@@{name} 文字\n")
            }
        } else if *name == "end" {
            "@@table t\n@@end\n".to_owned()
        } else {
            format!("@@table t\n@@{name} 文字\n@@end\n")
        };
        assert!(parse(&text).is_ok(), "@@{name}: {:?}", parse(&text));
    }
}

#[test]
fn contents_entries_are_chosen_by_the_table_and_grouped() {
    let text = "@@toc\n@@h1 第一部分\n@@table a\n@@caption 甲表\n@@end\n@@table b\n@@caption 项目一绩效目标表\n@@contents 项目绩效目标表\n@@end\n@@table c\n@@caption 项目二绩效目标表\n@@contents 项目绩效目标表\n@@end\n@@table d\n@@caption 附表\n@@contents\n@@end\n";
    let blocks = parse(text).expect("parses");
    let Block::Toc { entries } = &blocks[0] else {
        panic!("toc first")
    };
    let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["第一部分", "甲表", "项目绩效目标表"]);
    assert_eq!(entries[2].id, "b");
}
