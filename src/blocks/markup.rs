//! The block markup: the layout's `document.tera` renders to this small line-based text,
//! parsed here into [`Block`]s that every writer (Markdown, HTML, PDF) walks. One template
//! thus decides the wording of all formats.
//!
//! Markup (one directive per line; other lines are paragraph text, blank lines separate
//! paragraphs):
//!
//! ```text
//! @@title 江汉区信访局 2024 年部门预算
//! @@toc
//! @@h1 第一部分 基本概况          (h1–h4)
//! @@pagebreak
//! @@table t01                     starts a grid; then, in any order before @@end:
//! @@caption 2024 年收支预算总表
//! @@label 预算01表
//! @@unit 单位：万元
//! @@wide                          (landscape in print)
//! @@nosum                         rows are not sums of the rows below them (row kinds
//!                                 only style the table); its totals are not checked
//! @@head                          following rows are header rows
//! | {c2}收 入 | {c2}支 出 |
//! @@body                          following rows are body rows
//! total| 合计 | {n}825.16 |       row kind before the first bar: total, g1, g2 or empty
//! @@note 注：本单位无…
//! @@end
//! ```
//!
//! A cell may start with attributes in braces: `c2` colspan, `r3` rowspan, `n` numeric
//! (right-aligned), `h` header cell in the body; `\\n` in a cell is a line break. Every
//! string the block templates print is escaped by [`escape`] (Tera's autoescaping, see
//! `render::Role`): `\`, `|`, `{` and `@` get a backslash, so no input can forge structure.
//!
//! The figure filters (`money`, `num`) put the exact figure before the text they print:
//! `{=825.164 d2}825.16` (value, then the printed decimals). At the start of a cell's text
//! it becomes the cell's [`Figure`]; anywhere else it is dropped, so every writer that
//! prints text sees only `825.16`.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::{Block, Figure, Grid, GridCell, GridRow, RowKind, TocEntry};

/// Every directive of the markup: name, where it may stand (正文 or 表格内), what it does
/// (Chinese, for the template reference). The parser refuses any other.
pub const DIRECTIVES: &[(&str, &str, &str)] = &[
    ("title", "正文", "文档标题（封面、HTML 的 h1）"),
    ("toc", "正文", "目录：各级标题（一至三级）和各表的目录项"),
    ("pagebreak", "正文", "分页（PDF）"),
    ("h1", "正文", "一级标题（部分），h2、h3、h4 依次为下级标题"),
    ("h2", "正文", "二级标题"),
    ("h3", "正文", "三级标题"),
    ("h4", "正文", "四级标题（不进目录）"),
    ("table", "正文", "开始一张表，其后的参数是表的锚点 id；到 @@end 为止"),
    ("caption", "表格内", "表题；也是目录和 PDF 书签中这张表的条目"),
    ("label", "表格内", "表题上方的表号（预算01表）"),
    ("unit", "表格内", "表题右下的单位行（单位：万元）"),
    ("wide", "表格内", "宽表：PDF 中排在横向页上"),
    ("nosum", "表格内", "各行不是其下各行之和（两栏的总表、并列的年度）：行类型只决定样式，不核对合计"),
    ("contents", "表格内", "这张表在目录和 PDF 书签中的条目（默认是表题）；不写文字则不进目录；相邻几张表写同一文字时合为一条（如一组项目绩效目标表）"),
    ("head", "表格内", "其后的行是表头行"),
    ("body", "表格内", "其后的行是表体行；行首竖线前写行类型：total、group1、group2、group3、item 或空"),
    ("note", "表格内", "表下的注"),
    ("end", "表格内", "结束这张表"),
];

/// Whether directive `name` is documented for `place` ([`DIRECTIVES`]).
fn listed(name: &str, place: &str) -> bool {
    DIRECTIVES.iter().any(|d| d.0 == name && d.1 == place)
}

/// A markup error: line number (1-based, in the rendered document) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Line in the rendered document.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The most rows or columns one cell may span (a real table has a few dozen columns).
const MAX_SPAN: usize = 1000;

/// Escapes text for the markup: the escape function of the block templates' Tera
/// environment, applied to every string they print.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_ascii = false;
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '{' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => {
                // Folded lines: no space between CJK characters, one between Latin words.
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if prev_ascii && chars.peek().is_some_and(|c| c.is_ascii_alphanumeric()) {
                    out.push(' ');
                }
            }
            c if c.is_control() || crate::text::forbidden(c) => {}
            c => out.push(c),
        }
        prev_ascii = c.is_ascii_alphanumeric() || c.is_ascii_punctuation();
    }
    out
}

/// The figure mark a figure filter writes before its text: `{=VALUE dDECIMALS}`.
pub fn figure_mark(value: Decimal, decimals: u32) -> String {
    format!("{{={} d{decimals}}}", value.normalize())
}

/// Parses the inside of a figure mark (`825.164 d2`).
fn parse_figure(inner: &str) -> Option<Figure> {
    let (value, dp) = inner.split_once(' ')?;
    Some(Figure {
        value: Decimal::from_str(value).ok()?,
        decimals: dp.strip_prefix('d')?.parse().ok()?,
    })
}

/// Resolves escapes and drops figure marks.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(n) => out.push(n),
                None => {}
            }
        } else if c == '{' && chars.peek() == Some(&'=') {
            for c in chars.by_ref() {
                if c == '}' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Splits a row's content on unescaped bars.
fn split_cells(s: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                cells.push(&s[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(&s[start..]);
    cells
}

fn parse_cell(raw: &str, header: bool) -> Result<GridCell, String> {
    let raw = raw.trim();
    let mut cell = GridCell {
        text: String::new(),
        colspan: 1,
        rowspan: 1,
        numeric: false,
        header,
        figure: None,
    };
    let mut text = raw;
    if let Some(rest) = raw.strip_prefix('{').filter(|r| !r.starts_with('=')) {
        let (attrs, after) = rest
            .split_once('}')
            .ok_or_else(|| format!("单元格属性未闭合：{raw}"))?;
        for a in attrs.split_whitespace() {
            match a.split_at(1) {
                ("c", n) => cell.colspan = n.parse().map_err(|_| format!("列合并写法错误：{a}"))?,
                ("r", n) => cell.rowspan = n.parse().map_err(|_| format!("行合并写法错误：{a}"))?,
                ("n", "") => cell.numeric = true,
                ("h", "") => cell.header = true,
                _ => return Err(format!("未知单元格属性：{a}")),
            }
        }
        if cell.colspan == 0 || cell.rowspan == 0 {
            return Err(format!("合并数不能为 0：{raw}"));
        }
        if cell.colspan > MAX_SPAN || cell.rowspan > MAX_SPAN {
            return Err(format!("合并数过大（最多 {MAX_SPAN}）：{raw}"));
        }
        text = after;
    }
    let text = text.trim();
    if let Some((inner, _)) = text.strip_prefix("{=").and_then(|r| r.split_once('}')) {
        cell.figure = Some(parse_figure(inner).ok_or_else(|| format!("数字标记写法错误：{text}"))?);
    }
    cell.text = unescape(text);
    Ok(cell)
}

fn join_line(para: &mut String, line: &str) {
    let ascii_end = para
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ascii_start = line
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    if !para.is_empty() && ascii_end && ascii_start {
        para.push(' ');
    }
    para.push_str(line);
}

/// Parses the rendered markup into blocks.
pub fn parse(text: &str) -> Result<Vec<Block>, MarkupError> {
    let mut blocks = Vec::new();
    let mut para: Option<String> = None;
    let mut grid: Option<(Grid, bool, usize)> = None; // (grid, in_head, start line)
    let mut counters = [0usize; 4];
    let err = |line: usize, message: String| MarkupError { line, message };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some((g, in_head, _)) = grid.as_mut() {
            if let Some(d) = line.strip_prefix("@@") {
                let (name, arg) = d.split_once(' ').unwrap_or((d, ""));
                let arg = unescape(arg.trim());
                if !listed(name, "表格内") {
                    return Err(err(n, format!("表格内未知指令 @@{name}")));
                }
                match name {
                    "caption" => g.caption = arg,
                    "label" => g.label = arg,
                    "unit" => g.unit = arg,
                    "wide" => g.wide = true,
                    "nosum" => g.nosum = true,
                    "head" => *in_head = true,
                    "body" => *in_head = false,
                    "note" => g.notes.push(arg),
                    "contents" => g.contents = Some(arg),
                    "end" => {
                        if let Some((g, _, _)) = grid.take() {
                            blocks.push(Block::Table(g));
                        }
                    }
                    _ => return Err(err(n, format!("表格内未知指令 @@{name}"))),
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            let (kind, rest) = line
                .split_once('|')
                .ok_or_else(|| err(n, format!("表格行应以 | 开头：{line}")))?;
            let rest = rest
                .strip_suffix('|')
                .filter(|r| !r.ends_with('\\') || r.ends_with("\\\\"))
                .ok_or_else(|| err(n, format!("表格行应以 | 结尾：{line}")))?;
            let cells = split_cells(rest)
                .into_iter()
                .map(|c| parse_cell(c, *in_head))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| err(n, m))?;
            let kind = RowKind::parse(kind.trim()).ok_or_else(|| {
                err(
                    n,
                    format!(
                        "未知行类型“{}”（应为 total、group1、group2、group3、item 或空）",
                        kind.trim()
                    ),
                )
            })?;
            let row = GridRow { kind, cells };
            if *in_head {
                g.head.push(row);
            } else {
                g.body.push(row);
            }
            continue;
        }
        if let Some(d) = line.strip_prefix("@@") {
            if let Some(p) = para.take() {
                blocks.push(Block::Paragraph { text: p });
            }
            let (name, arg) = d.split_once(' ').unwrap_or((d, ""));
            let arg = unescape(arg.trim());
            if !listed(name, "正文") {
                return Err(err(n, format!("未知指令 @@{name}")));
            }
            match name {
                "title" => blocks.push(Block::Title { text: arg }),
                "toc" => blocks.push(Block::Toc {
                    entries: Vec::new(),
                }),
                "pagebreak" => blocks.push(Block::PageBreak),
                "h1" | "h2" | "h3" | "h4" => {
                    let level = name.as_bytes()[1] - b'0';
                    let l = usize::from(level - 1);
                    counters[l] += 1;
                    counters[l + 1..].iter_mut().for_each(|c| *c = 0);
                    let id = format!(
                        "s{}",
                        counters[..=l]
                            .iter()
                            .map(|c| c.to_string())
                            .collect::<Vec<_>>()
                            .join("-")
                    );
                    blocks.push(Block::Heading {
                        level,
                        text: arg,
                        id,
                    });
                }
                "table" => {
                    let id = if arg.is_empty() {
                        format!("t{}", blocks.len())
                    } else {
                        arg
                    };
                    grid = Some((
                        Grid {
                            id,
                            ..Grid::default()
                        },
                        false,
                        n,
                    ));
                }
                _ => return Err(err(n, format!("未知指令 @@{name}"))),
            }
            continue;
        }
        if line.is_empty() {
            if let Some(p) = para.take() {
                blocks.push(Block::Paragraph { text: p });
            }
            continue;
        }
        join_line(para.get_or_insert_with(String::new), &unescape(line));
    }
    if let Some((_, _, start)) = grid {
        return Err(err(start, "表格缺少 @@end".into()));
    }
    if let Some(p) = para.take() {
        blocks.push(Block::Paragraph { text: p });
    }
    fill_toc(&mut blocks);
    Ok(blocks)
}

/// Fills every `Toc` block with the headings (levels 1–3) and captioned tables.
fn fill_toc(blocks: &mut [Block]) {
    let mut entries = Vec::new();
    let mut level = 1;
    for b in blocks.iter() {
        match b {
            Block::Heading { level: l, text, id } => {
                level = *l;
                if *l <= 3 {
                    entries.push(TocEntry {
                        level: *l,
                        text: text.clone(),
                        id: id.clone(),
                    });
                }
            }
            Block::Table(g) => {
                let Some(text) = g.contents_entry() else {
                    continue;
                };
                // Tables in a row with the same entry (a group of forms) share the first's.
                let same = entries
                    .last()
                    .is_some_and(|e: &TocEntry| e.level == level + 1 && e.text == text);
                if !same {
                    entries.push(TocEntry {
                        level: level + 1,
                        text: text.to_owned(),
                        id: g.id.clone(),
                    });
                }
            }
            _ => {}
        }
    }
    for b in blocks.iter_mut() {
        if let Block::Toc { entries: e } = b {
            e.clone_from(&entries);
        }
    }
}

#[cfg(test)]
mod tests;
