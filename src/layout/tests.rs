//! Unit tests of line breaking (punctuation rules, numbers) and table pagination.

use super::linebreak::{breakpoints, fill, Breakpoint};
use super::table::paginate;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Lines of `s` when every character is 1 wide and a line holds `width`.
fn lines(s: &str, width: f32) -> Vec<String> {
    let cs = chars(s);
    let adv: Vec<f32> = cs
        .iter()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .collect();
    let br = breakpoints(&cs);
    let before = vec![0.0; cs.len()];
    fill(&cs, &adv, &before, &br, width, width)
        .into_iter()
        .map(|r| cs[r.start..r.end].iter().collect::<String>())
        .collect()
}

fn can_break_before(s: &str, at: usize) -> bool {
    breakpoints(&chars(s))[at] == Some(Breakpoint::Allowed)
}

#[test]
fn ideographs_break_anywhere() {
    assert!(can_break_before("部门预算", 1));
    assert!(can_break_before("部门预算", 3));
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    for p in "，。、；：？！）》」』”’".chars() {
        let s = format!("预算{p}公开");
        assert!(!can_break_before(&s, 2), "break before {p}");
    }
    // Filling: the semicolon pulls the character before it to the next line.
    assert_eq!(lines("收入预算；支出", 4.0), vec!["收入预", "算；支出"]);
}

#[test]
fn commas_and_full_stops_hang_past_a_full_line() {
    assert_eq!(lines("收入预算，支出。", 4.0), vec!["收入预算，", "支出。"]);
    assert_eq!(lines("收入预算。", 4.0), vec!["收入预算。"]);
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    for p in "（《「『“‘".chars() {
        let s = format!("预算{p}公开");
        assert!(!can_break_before(&s, 3), "break after {p}");
        assert!(can_break_before(&s, 2), "no break before {p}");
    }
    assert_eq!(lines("一二三（四）五", 4.0), vec!["一二三", "（四）五"]);
}

#[test]
fn quotes_open_and_close_like_brackets() {
    let s = "一般公共预算“三公”经费";
    // before “ and after ” are allowed; inside the quotes' edges not.
    assert!(can_break_before(s, 6));
    assert!(!can_break_before(s, 7));
    assert!(!can_break_before(s, 9));
    assert!(can_break_before(s, 10));
}

#[test]
fn numbers_codes_and_words_stay_whole() {
    let s = "支出 825.16 万元，科目 2010301 和 gongkai 工具，增长 12.5% 左右";
    let cs = chars(s);
    let br = breakpoints(&cs);
    for token in ["825.16", "2010301", "gongkai", "12.5%"] {
        let start = s.find(token).map(|b| s[..b].chars().count()).unwrap_or(0);
        let inside = &br[start + 1..start + token.chars().count()];
        assert!(inside.iter().all(Option::is_none), "break inside {token}");
    }
    // A narrow measure moves the figure whole.
    for l in lines("合计金额为825.16万元", 6.0) {
        assert!(!l.ends_with('8') && !l.starts_with('.'), "{l}");
    }
}

#[test]
fn a_number_keeps_its_unit() {
    for s in [
        "共计0.60万元整",
        "共计0.60 万元整",
        "增长3个百分点左右",
        "截至2024年12月",
    ] {
        let cs = chars(s);
        let br = breakpoints(&cs);
        // No break between a digit and the unit after it, nor inside 万元 / 个百分点.
        for (i, b) in br.iter().enumerate().skip(1).take(cs.len() - 1) {
            let after_digit = cs[..i]
                .iter()
                .rev()
                .find(|c| **c != ' ')
                .is_some_and(char::is_ascii_digit);
            let in_unit = matches!(
                (cs[i - 1], cs[i]),
                ('万', '元') | ('个', '百') | ('百', '分') | ('分', '点')
            );
            if (after_digit && !cs[i].is_ascii_digit() && cs[i] != '.') || in_unit {
                assert_eq!(*b, None, "{s}: break before {}", cs[i]);
            }
        }
    }
    // A narrow measure moves 0.60万元 whole to the next line.
    for l in lines("本单位合计0.60万元", 6.0) {
        assert!(!l.ends_with('万') && !l.starts_with('元'), "{l}");
    }
}

#[test]
fn dashes_and_ellipses_stay_together() {
    assert!(!can_break_before("甲——乙", 2));
    assert!(!can_break_before("甲……乙", 2));
}

#[test]
fn newline_is_a_mandatory_break() {
    let br = breakpoints(&chars("第一行\n第二行"));
    assert_eq!(br[4], Some(Breakpoint::Mandatory));
    assert_eq!(lines("第一行\n第二行", 10.0).len(), 2);
}

#[test]
fn unbreakable_overlong_piece_is_cut() {
    // Digits are half an em wide in this helper: eight fit a line of four.
    assert_eq!(lines("1234567890123456", 4.0), vec!["12345678", "90123456"]);
}

#[test]
fn table_fits_on_one_page() {
    let rows = vec![10.0; 5];
    let groups: Vec<_> = (0..5).map(|r| r..r + 1).collect();
    assert_eq!(paginate(&rows, &groups, 100.0, 100.0), vec![0..5]);
}

#[test]
fn table_breaks_between_rows_and_continues_on_full_pages() {
    let rows = vec![10.0; 25];
    let groups: Vec<_> = (0..25).map(|r| r..r + 1).collect();
    // 3 rows left on the first page, then 10 per page: fragments after the first are
    // continuation pages, each of which repeats the header under a 续表 line.
    let f = paginate(&rows, &groups, 35.0, 100.0);
    assert_eq!(f, vec![0..3, 3..13, 13..23, 23..25]);
}

#[test]
fn rowspan_groups_are_not_split() {
    let rows = vec![10.0; 6];
    let groups = vec![0..1, 1..4, 4..6];
    let f = paginate(&rows, &groups, 30.0, 100.0);
    assert_eq!(f, vec![0..1, 1..6]);
}

#[test]
fn group_taller_than_a_page_is_split_between_rows() {
    let rows = vec![10.0; 15];
    let groups = std::slice::from_ref(&(0..15));
    let f = paginate(&rows, groups, 100.0, 100.0);
    assert_eq!(f, vec![0..10, 10..15]);
}

#[test]
fn first_group_not_fitting_leaves_first_fragment_empty() {
    let rows = vec![10.0; 4];
    let groups = std::slice::from_ref(&(0..4));
    let f = paginate(&rows, groups, 20.0, 100.0);
    assert_eq!(f, vec![0..0, 0..4]);
}

#[test]
fn hierarchy_indents_only_tables_that_open_with_a_group() {
    use super::table::indents;
    use crate::blocks::{GridRow, RowKind};
    let rows = |kinds: &[RowKind]| -> Vec<GridRow> {
        kinds
            .iter()
            .map(|k| GridRow {
                kind: *k,
                cells: Vec::new(),
            })
            .collect()
    };
    // 预算01表: items of both sides, then the subtotal and total rows: no indent at all.
    let summary = rows(&[
        RowKind::Item,
        RowKind::Item,
        RowKind::Group1,
        RowKind::Item,
        RowKind::Total,
    ]);
    assert!(indents(&summary, 1.0).iter().all(|i| *i == 0.0));
    // 功能分类: 合计, 类, 款, 项.
    let tree = rows(&[
        RowKind::Total,
        RowKind::Group1,
        RowKind::Group2,
        RowKind::Item,
    ]);
    assert_eq!(indents(&tree, 1.0), vec![0.0, 0.0, 1.0, 2.0]);
}

mod with_fonts {
    use crate::blocks::{Block, Grid, GridCell, GridRow, RowKind};
    use crate::layout::{layout, summary, Cover, FontSet, Item, Settings};
    use crate::theme::{SANS_FONT, SERIF_FONT};

    fn cell(text: &str, numeric: bool) -> GridCell {
        GridCell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            numeric,
            header: false,
            figure: None,
        }
    }

    fn long_table() -> Grid {
        Grid {
            id: "t99".into(),
            caption: "九十九、测试表".into(),
            label: "预算99表".into(),
            unit: "单位：万元".into(),
            wide: false,
            nosum: false,
            contents: None,
            head: vec![GridRow {
                kind: RowKind::Plain,
                cells: vec![cell("科目名称", false), cell("金额", false)],
            }],
            body: (0..120)
                .map(|i| GridRow {
                    kind: RowKind::Item,
                    cells: vec![
                        cell(&format!("第{i}项支出"), false),
                        cell(&format!("{i}.50"), true),
                    ],
                })
                .collect(),
            notes: vec![],
        }
    }

    fn page_texts(doc: &crate::layout::Document, page: usize) -> Vec<String> {
        doc.pages[page]
            .items
            .iter()
            .filter_map(|(_, it)| match it {
                Item::Text(r) => Some(r.text()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn continued_pages_repeat_the_header_under_a_continued_mark() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let (doc, missing) = layout(
            &[Block::Table(long_table())],
            &Cover::default(),
            Default::default(),
            &fonts,
            &Settings::default(),
        );
        assert!(missing.is_empty());
        // Cover, then at least three pages of table.
        assert!(doc.pages.len() >= 4, "{}", summary(&doc));
        let first = page_texts(&doc, 1);
        assert!(first.iter().any(|t| t == "九十九、测试表"));
        assert!(!first.iter().any(|t| t.contains("续表")));
        for p in 2..doc.pages.len() {
            let texts = page_texts(&doc, p);
            assert!(
                texts.iter().any(|t| t == "续表（预算99表）"),
                "page {p}: {texts:?}"
            );
            assert!(
                texts.iter().any(|t| t == "科目名称"),
                "no header on page {p}"
            );
            assert!(!texts.iter().any(|t| t == "九十九、测试表"));
        }
        // Every row is somewhere, once.
        let all: Vec<String> = (1..doc.pages.len())
            .flat_map(|p| page_texts(&doc, p))
            .collect();
        for i in 0..120 {
            let row = format!("第{i}项支出");
            assert_eq!(all.iter().filter(|t| **t == row).count(), 1, "{row}");
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_nothing_runs_off() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let mut g = long_table();
        g.body.truncate(3);
        g.body[1].cells[0].text = "预算说明".repeat(1500);
        let (doc, _) = layout(
            &[Block::Table(g)],
            &Cover::default(),
            Default::default(),
            &fonts,
            &Settings::default(),
        );
        assert!(doc.pages.len() >= 4, "{}", summary(&doc));
        let mut count = 0;
        for page in &doc.pages[1..] {
            for (pos, item) in &page.items {
                if let Item::Text(r) = item {
                    assert!(
                        pos.y < page.size.height && pos.y > 0.0,
                        "text off the page at {pos:?}"
                    );
                    count += r.text().matches('说').count();
                }
            }
        }
        assert_eq!(count, 1500, "every line of the tall cell is printed once");
    }

    #[test]
    fn wide_tables_go_on_landscape_pages() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let mut g = long_table();
        g.wide = true;
        let (doc, _) = layout(
            &[Block::Table(g)],
            &Cover::default(),
            Default::default(),
            &fonts,
            &Settings::default(),
        );
        let p = &doc.pages[1];
        assert!(p.size.width > p.size.height);
    }

    #[test]
    fn missing_characters_are_reported_with_their_place() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let blocks = vec![
            Block::Heading {
                level: 2,
                text: "一、测试".into(),
                id: "s1".into(),
            },
            Block::Paragraph {
                text: "生僻字\u{20000}在此".into(),
            },
        ];
        let (_, missing) = layout(
            &blocks,
            &Cover::default(),
            Default::default(),
            &fonts,
            &Settings::default(),
        );
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].ch, '\u{20000}');
        assert!(
            missing[0].place.contains("一、测试"),
            "{}",
            missing[0].place
        );
    }

    #[test]
    fn fonts_cover_the_checkboxes_and_comparison_signs() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        for font in &fonts.fonts {
            for c in "☐☑≥≤，。“”（）《》—…、．0123456789abcXYZ部门预算龘".chars()
            {
                assert!(font.glyph(c).is_some(), "{} lacks {c}", font.name);
            }
        }
    }

    /// Lines of every cell of the first page of `doc` that holds table cells, by the
    /// cell's node: (node, text of each line).
    fn cell_lines(doc: &crate::layout::Document) -> Vec<(usize, Vec<String>)> {
        use crate::layout::structure::Role;
        let mut cells: Vec<(usize, Vec<(i32, String)>)> = Vec::new();
        for page in &doc.pages {
            for (at, item) in &page.items {
                let Item::Text(r) = item else { continue };
                let crate::layout::Mark::Node(n) = r.mark else {
                    continue;
                };
                if !matches!(
                    doc.structure.role(n),
                    Some(Role::DataCell { .. } | Role::HeaderCell { .. })
                ) {
                    continue;
                }
                let y = (at.y * 10.0).round() as i32;
                let i = match cells.iter().position(|c| c.0 == n) {
                    Some(i) => i,
                    None => {
                        cells.push((n, Vec::new()));
                        cells.len() - 1
                    }
                };
                match cells[i].1.iter_mut().find(|l| l.0 == y) {
                    Some(l) => l.1.push_str(&r.text()),
                    None => cells[i].1.push((y, r.text())),
                }
            }
        }
        cells
            .into_iter()
            .map(|(n, ls)| (n, ls.into_iter().map(|l| l.1).collect()))
            .collect()
    }

    /// The table: unit names beside eight amount columns under long headers, most
    /// of them empty. The names fit on one line when the page has room, and no cell —
    /// header or data — is broken into a line of one character.
    #[test]
    fn columns_give_names_their_width_and_leave_no_one_character_line() {
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let headers = [
            "单位名称",
            "合计",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
            "财政专户管理资金收入",
            "事业收入",
            "上级补助收入",
            "其他收入",
        ];
        let head_cell = |t: &str| GridCell {
            header: true,
            ..cell(t, false)
        };
        let names = [
            "东湖区档案馆本级",
            "东湖区档案馆",
            "东湖区档案馆机关服务中心",
        ];
        let g = Grid {
            id: "t98".into(),
            caption: "表".into(),
            label: String::new(),
            unit: String::new(),
            wide: false,
            contents: None,
            head: vec![GridRow {
                kind: RowKind::Plain,
                cells: headers.iter().map(|h| head_cell(h)).collect(),
            }],
            body: names
                .iter()
                .map(|n| GridRow {
                    kind: RowKind::Item,
                    cells: std::iter::once(cell(n, false))
                        .chain(["825.16", "825.16", "", "", "", "", "", ""].map(|v| cell(v, true)))
                        .collect(),
                })
                .collect(),
            notes: vec![],
            nosum: false,
        };
        let (doc, _) = layout(
            &[Block::Table(g)],
            &Cover::default(),
            Default::default(),
            &fonts,
            &Settings::default(),
        );
        let cells = cell_lines(&doc);
        assert!(cells.len() >= 9 + 3 * 9, "{cells:?}");
        for (_, lines) in &cells {
            if lines.len() > 1 {
                for l in lines {
                    let real = l.chars().filter(|c| c.is_alphanumeric()).count();
                    assert!(real != 1, "a line of one character: {lines:?}");
                }
            }
        }
        for n in names {
            assert!(
                cells.iter().any(|(_, l)| l.len() == 1 && l[0] == n),
                "{n} is not on one line: {cells:?}"
            );
        }
    }

    /// A quarter em between Chinese and figures, none at a line's start; the text of the
    /// glyphs is unchanged (no space characters are added).
    #[test]
    fn chinese_and_figures_are_spaced_by_a_quarter_em() {
        use crate::layout::text::{set, Align, Style};
        let fonts = FontSet::new(SERIF_FONT, SANS_FONT).expect("fonts");
        let style = Style::new(crate::layout::Role::Serif, 10.0, 16.0, Align::Left);
        let out = set(&fonts, "收入825.16万元", 500.0, &style);
        let g = &out.lines[0].glyphs;
        let text: String = g.iter().map(|g| g.ch).collect();
        assert_eq!(text, "收入825.16万元");
        let gap = |i: usize| g[i].x - (g[i - 1].x + g[i - 1].advance);
        assert!((gap(2) - 2.5).abs() < 0.01, "入|8: {}", gap(2));
        assert!((gap(8) - 2.5).abs() < 0.01, "6|万: {}", gap(8));
        assert!(gap(4).abs() < 0.01 && gap(9).abs() < 0.01);
    }
}
