//! Workbook output (`generate -f xlsx`): every table of the document as a worksheet, for
//! portals that publish the tables as an Excel attachment beside the PDF.
//!
//! Like the PDF layout it walks the same [`Block`]s as the Markdown and HTML writers, so
//! the sheets have exactly their tables, captions and merged headers. It formats nothing
//! and computes nothing: figures arrive from the templates' figure filters with their
//! exact values and printed decimals ([`crate::blocks::Figure`]), and become numeric
//! cells whose number format prints the page's text.
//!
//! ```text
//! mod.rs     render(): blocks → Book (sheet plans, properties) → bytes; dump() for tests
//! sheet.rs   one grid → the plan of one sheet (cells, merges, widths, print setup)
//! figure.rs  one cell → a number with its number format, or text
//! ```
//!
//! The file is deterministic: the creation date is fixed (`SOURCE_DATE_EPOCH`, or
//! 1 January of the budget year, as in the PDF) and rust_xlsxwriter writes its zip
//! entries with a fixed timestamp.

mod figure;
mod sheet;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, IgnoreError, Workbook,
    XlsxError,
};

use crate::blocks::Block;
use crate::error::Error;
use crate::model::Meta;
use crate::theme::Theme;

pub use figure::Content;
pub use sheet::{Look, PlacedCell, SheetPlan};

/// Options of one workbook.
#[derive(Debug, Clone, Default)]
pub struct XlsxOptions {
    /// The document date as seconds since the Unix epoch (`SOURCE_DATE_EPOCH`, read by the
    /// caller). `None`: 1 January of the budget year.
    pub source_date_epoch: Option<i64>,
}

/// A planned workbook: its properties and sheets.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// Title (the document's title).
    pub title: String,
    /// Author: the department.
    pub author: String,
    /// Subject: department, year and document.
    pub subject: String,
    /// The budget year.
    pub year: i32,
    /// Creation date and time (UTC): year, month, day, hour, minute, second.
    pub created: (i32, u8, u8, u8, u8, u8),
    /// One sheet per table, in document order.
    pub sheets: Vec<SheetPlan>,
}

/// Plans the workbook of `blocks`.
pub fn plan(blocks: &[Block], meta: &Meta, theme: &Theme, opts: &XlsxOptions) -> Book {
    let style = figure::Style {
        thousands: theme.info.numbers.thousands,
    };
    let mut used = BTreeSet::new();
    let sheets = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(g),
            _ => None,
        })
        .map(|g| {
            let printed = if is_table_number(&g.label) || g.caption.is_empty() {
                &g.label
            } else {
                &g.caption
            };
            sheet::plan(g, unique_name(printed, &mut used), &style)
        })
        .collect();
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title { text } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| format!("{} {} 年{}", meta.department, meta.year, meta.document));
    Book {
        title,
        author: meta.department_full.clone(),
        subject: format!("{} {} 年{}", meta.department_full, meta.year, meta.document),
        year: meta.year,
        created: created(meta.year, opts.source_date_epoch),
        sheets,
    }
}

/// Writes `blocks` as an xlsx workbook.
pub fn render(
    blocks: &[Block],
    meta: &Meta,
    theme: &Theme,
    opts: &XlsxOptions,
) -> Result<Vec<u8>, Error> {
    write(&plan(blocks, meta, theme, opts)).map_err(|e| Error::Xlsx(e.to_string()))
}

/// A label that numbers a table (预算01表, 表 1, 附件2), as opposed to a stamp line.
fn is_table_number(label: &str) -> bool {
    !label.is_empty() && (label.contains('表') || label.starts_with("附件"))
}

/// A sheet name from the printed label: characters Excel forbids replaced, at most 31
/// characters, made unique with a counter (预算15表, 预算15表-2, …).
fn unique_name(printed: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = printed
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let base = if clean.is_empty() {
        "表".to_owned()
    } else {
        clean
    };
    let truncate = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let mut name = truncate(&base, 31);
    let mut n = 1;
    while used.contains(&name.to_lowercase()) {
        n += 1;
        let suffix = format!("-{n}");
        name = format!("{}{suffix}", truncate(&base, 31 - suffix.chars().count()));
    }
    used.insert(name.to_lowercase());
    name
}

/// The creation date (UTC, as the file stores it): `SOURCE_DATE_EPOCH`, or midnight of
/// 1 January of `year`.
fn created(year: i32, epoch: Option<i64>) -> (i32, u8, u8, u8, u8, u8) {
    let zoned = epoch
        .and_then(|e| jiff::Timestamp::from_second(e).ok())
        .map(|t| t.to_zoned(jiff::tz::TimeZone::UTC));
    match zoned {
        Some(z) => (
            i32::from(z.year()),
            z.month() as u8,
            z.day() as u8,
            z.hour() as u8,
            z.minute() as u8,
            z.second() as u8,
        ),
        None => (year, 1, 1, 0, 0, 0),
    }
}

/// The cell formats of a workbook, each made once.
#[derive(Default)]
struct Formats(HashMap<(Look, Option<String>), Format>);

impl Formats {
    fn get(&mut self, look: Look, num: Option<&str>) -> &Format {
        self.0
            .entry((look, num.map(str::to_owned)))
            .or_insert_with(|| cell_format(look, num))
    }
}

/// The cell format of one look and number format.
fn cell_format(look: Look, num: Option<&str>) -> Format {
    let bordered = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let f = match look {
        Look::Label => Format::new(),
        Look::Caption => Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        Look::Unit => Format::new().set_align(FormatAlign::Right),
        Look::Header => bordered
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color(0xEEF1F5),
        Look::Body { strong, right } => {
            let f = if right {
                bordered.set_align(FormatAlign::Right)
            } else {
                bordered.set_align(FormatAlign::Left)
            };
            if strong {
                f.set_bold()
            } else {
                f
            }
        }
        Look::Note => Format::new().set_text_wrap(),
    };
    match num {
        Some(n) => f.set_num_format(n),
        None => f,
    }
}

/// A decimal as the double Excel stores: its shortest text parsed, so `825.16` is written
/// as `825.16`.
fn to_f64(d: rust_decimal::Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// Deflate level of the workbook's zip container: 1 instead of rust_xlsxwriter's 6, which
/// saves about 5% of a batch's CPU time for workbooks about 30% larger (tens of KB;
/// ARCHITECTURE.md, Decisions).
const ZIP_LEVEL: u8 = 1;

fn write(book: &Book) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(ZIP_LEVEL);
    let (y, mo, d, h, mi, s) = book.created;
    let date = ExcelDateTime::from_ymd(u16::try_from(y).unwrap_or(1900), mo, d)?.and_hms(
        u16::from(h),
        mi,
        s,
    )?;
    let props = DocProperties::new()
        .set_title(&book.title)
        .set_author(&book.author)
        .set_subject(&book.subject)
        .set_keywords(format!("{} 年", book.year))
        .set_custom_property("年度", book.year)
        .set_creation_datetime(&date);
    wb.set_properties(&props);
    let mut formats = Formats::default();
    for plan in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&plan.name)?;
        ws.set_paper_size(9); // A4
        if plan.landscape {
            ws.set_landscape();
        }
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_center_horizontally(true);
        ws.set_footer("&C第 &P 页，共 &N 页");
        if let Some((first, last)) = plan.repeat {
            ws.set_repeat_rows(first, last)?;
        }
        if plan.freeze_rows > 0 {
            ws.set_freeze_panes(plan.freeze_rows, 0)?;
        }
        // Codes are text on purpose: no "number stored as text" marks on them.
        let last_row = plan.cells.iter().map(|c| c.row).max().unwrap_or(0);
        let last_col = u16::try_from(plan.widths.len().saturating_sub(1)).unwrap_or(0);
        ws.ignore_error_range(0, 0, last_row, last_col, IgnoreError::NumberStoredAsText)?;
        for (c, w) in plan.widths.iter().enumerate() {
            ws.set_column_width(u16::try_from(c).unwrap_or(u16::MAX), *w)?;
        }
        // Merged ranges first (they write their origin as text), then every cell.
        // The first cell planned at each place (the origin of a merge).
        let mut at: HashMap<(u32, u16), &PlacedCell> = HashMap::new();
        for c in &plan.cells {
            at.entry((c.row, c.col)).or_insert(c);
        }
        for &(r0, c0, r1, c1) in &plan.merges {
            let (look, num) = at
                .get(&(r0, c0))
                .map_or((Look::Note, None), |c| (c.look, num_format(&c.content)));
            ws.merge_range(r0, c0, r1, c1, "", formats.get(look, num))?;
        }
        for cell in &plan.cells {
            let format = formats.get(cell.look, num_format(&cell.content));
            match &cell.content {
                Content::Blank => ws.write_blank(cell.row, cell.col, format)?,
                Content::Text(t) => ws.write_string_with_format(cell.row, cell.col, t, format)?,
                Content::Number { value, .. } => {
                    ws.write_number_with_format(cell.row, cell.col, to_f64(*value), format)?
                }
            };
        }
    }
    wb.save_to_buffer()
}

fn num_format(c: &Content) -> Option<&str> {
    match c {
        Content::Number { format, .. } => Some(format),
        _ => None,
    }
}

/// A text dump of a planned workbook, for golden files and review: properties, then per
/// sheet its print setup, merges and every non-blank cell with its look and format.
pub fn dump(book: &Book) -> String {
    let mut out = String::new();
    let (y, mo, d, h, mi, s) = book.created;
    let _ = writeln!(out, "title: {}", book.title);
    let _ = writeln!(out, "author: {}", book.author);
    let _ = writeln!(out, "subject: {}", book.subject);
    let _ = writeln!(out, "year: {}", book.year);
    let _ = writeln!(out, "created: {y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}");
    for p in &book.sheets {
        let _ = writeln!(out, "\n== {}", p.name);
        let _ = writeln!(
            out,
            "A4 {}; fit 1 page wide; freeze {} rows; repeat {}",
            if p.landscape { "landscape" } else { "portrait" },
            p.freeze_rows,
            p.repeat.map_or("none".to_owned(), |(a, b)| format!(
                "rows {}-{}",
                a + 1,
                b + 1
            ))
        );
        let widths: Vec<String> = p.widths.iter().map(|w| format!("{w}")).collect();
        let _ = writeln!(out, "widths: {}", widths.join(" "));
        if !p.merges.is_empty() {
            let merges: Vec<String> = p
                .merges
                .iter()
                .map(|&(r0, c0, r1, c1)| format!("{}:{}", cell_ref(r0, c0), cell_ref(r1, c1)))
                .collect();
            let _ = writeln!(out, "merges: {}", merges.join(" "));
        }
        for c in &p.cells {
            let look = match c.look {
                Look::Label => "label",
                Look::Caption => "caption",
                Look::Unit => "unit",
                Look::Header => "head",
                Look::Body { strong: true, .. } => "bold",
                Look::Body { .. } => "body",
                Look::Note => "note",
            };
            let what = match &c.content {
                Content::Blank => continue,
                Content::Text(t) => format!("\"{}\"", t.replace('\n', "\\n")),
                Content::Number { value, format } => format!("{value} [{format}]"),
            };
            let _ = writeln!(out, "{} {look} {what}", cell_ref(c.row, c.col));
        }
    }
    out
}

/// An A1-style cell reference of a 0-based row and column.
pub fn cell_ref(row: u32, col: u16) -> String {
    let mut c = u32::from(col) + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests;
