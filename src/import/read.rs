//! Reading a workbook (`.xlsx` or `.xls`, through calamine) into plain grids of cells
//! with their merged ranges and A1 references: the only place that knows calamine.
//!
//! Numbers arrive from calamine as `f64`; each is turned into the exact decimal of its
//! shortest round-trip text ([`num::decimal_from_f64`]), the decimal the spreadsheet
//! shows, so `825.16` stays 825.16 and no figure is ever kept as a float.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use rust_decimal::Decimal;

use crate::error::Error;
use crate::num;

/// One cell's content.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Value {
    /// An empty cell.
    #[default]
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number, exact.
    Number(Decimal),
}

impl Value {
    /// The text of the cell as it reads: numbers in their plain decimal form (a code
    /// stored as a number reads as its digits).
    pub(crate) fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(d) => d.normalize().to_string(),
        }
    }
}

/// A worksheet: its cells (absolute rows and columns from A1) and merged ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    /// Sheet name.
    pub(crate) name: String,
    /// Rows of cells; ragged, absent cells are empty.
    pub(crate) rows: Vec<Vec<Value>>,
    /// Merged ranges: (first row, first column, last row, last column).
    pub(crate) merges: Vec<(u32, u32, u32, u32)>,
}

impl Sheet {
    /// The cell at `row`, `col` (0-based).
    pub(crate) fn get(&self, row: usize, col: usize) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The merged range whose top-left cell covers (`row`, `col`), if any.
    pub(crate) fn merge_at(&self, row: usize, col: usize) -> Option<(usize, usize, usize, usize)> {
        self.merges
            .iter()
            .map(|&(r0, c0, r1, c1)| (r0 as usize, c0 as usize, r1 as usize, c1 as usize))
            .find(|&(r0, c0, r1, c1)| (r0..=r1).contains(&row) && (c0..=c1).contains(&col))
    }

    /// The text of a cell, or of the merged range covering it.
    pub(crate) fn text_merged(&self, row: usize, col: usize) -> String {
        match self.merge_at(row, col) {
            Some((r0, c0, _, _)) => self.get(r0, c0).text(),
            None => self.get(row, col).text(),
        }
    }

    /// A cell reference `预算05表!D12`.
    pub(crate) fn cell_ref(&self, row: usize, col: usize) -> String {
        format!("{}!{}", self.name, a1(row, col))
    }
}

/// An A1 reference of a 0-based row and column.
pub(crate) fn a1(row: usize, col: usize) -> String {
    let mut c = col + 1;
    let mut letters = Vec::new();
    while c > 0 {
        letters.push(char::from(b'A' + ((c - 1) % 26) as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A workbook: its sheets in file order and its title property.
#[derive(Debug, Clone, Default)]
pub(crate) struct Book {
    /// Sheets in file order.
    pub(crate) sheets: Vec<Sheet>,
    /// The document title property, if any.
    pub(crate) title: Option<String>,
    /// The decimals most amounts are shown with (from their number formats; `.xlsx`
    /// only), which the report should print them with too.
    pub(crate) shown_decimals: Option<u32>,
}

/// Reads the workbook at `path`.
pub(crate) fn read(path: &Path) -> Result<Book, Error> {
    // calamine's messages are English and nest the system's: say it in Chinese.
    std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let bad = |_: &dyn std::fmt::Display| {
        Error::Usage(format!(
            "{}：无法读取工作簿：不是有效的 Excel 文件（.xlsx 或 .xls），或文件已损坏；请在 Excel 中打开并另存为 .xlsx 后再试",
            path.display()
        ))
    };
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(io) => Error::io(path, io),
        other => bad(&other),
    })?;
    let title = wb.workbook_properties().ok().and_then(|p| p.title);
    let names = wb.sheet_names();
    let mut sheets = Vec::new();
    let mut shown: BTreeMap<u32, usize> = BTreeMap::new();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(|e| bad(&e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Value>> = vec![Vec::new(); r0 as usize];
        for row in range.rows() {
            let mut cells = vec![Value::Empty; c0 as usize];
            cells.extend(row.iter().map(value));
            rows.push(cells);
        }
        if let Sheets::Xlsx(x) = &mut wb {
            if let Ok(styles) = x.worksheet_style(&name) {
                for (r, row) in rows.iter().enumerate() {
                    for (c, v) in row.iter().enumerate() {
                        let Value::Number(d) = v else { continue };
                        let format = styles
                            .get((r as u32, c as u32))
                            .and_then(|s| s.number_format.as_ref())
                            .map(|f| f.format_code.as_str());
                        if let Some(dp) = format.and_then(format_decimals) {
                            if !d.is_zero() {
                                *shown.entry(dp).or_default() += 1;
                            }
                        }
                    }
                }
            }
        }
        let merges = merges(&mut wb, &name)
            .into_iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        sheets.push(Sheet { name, rows, merges });
    }
    let shown_decimals = shown
        .iter()
        .max_by_key(|(dp, n)| (**n, **dp))
        .map(|(dp, _)| *dp);
    Ok(Book {
        sheets,
        title,
        shown_decimals,
    })
}

/// The decimals of a number format's first section (`#,##0.00` → 2); `None` for text,
/// general, percentages and dates.
fn format_decimals(code: &str) -> Option<u32> {
    let first = code.split(';').next()?;
    let mut plain = String::new();
    let mut quoted = false;
    for c in first.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted => plain.push(c),
            _ => {}
        }
    }
    if !plain.contains('0') || plain.contains('%') || plain.contains(['y', 'm', 'd', 'h', 's', '@'])
    {
        return None;
    }
    Some(
        plain
            .split_once('.')
            .map_or(0, |(_, f)| f.chars().filter(|c| *c == '0').count() as u32),
    )
}

fn merges<RS: std::io::Read + std::io::Seek>(
    wb: &mut Sheets<RS>,
    name: &str,
) -> Vec<calamine::Dimensions> {
    match wb {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) if s.trim().is_empty() => Value::Empty,
        Data::String(s) => Value::Text(s.trim().to_owned()),
        Data::Int(i) => Value::Number(Decimal::from(*i)),
        Data::Float(f) => num::decimal_from_f64(*f)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::Text(f.to_string())),
        Data::Bool(b) => Value::Text(if *b { "是" } else { "否" }.to_owned()),
        Data::DateTime(dt) => Value::Text(dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
    }
}
