//! Finding the tables of a workbook and reading their cells: a table starts at a title
//! row that names it ([`specs::by_title`]), its header rows are the rows below that hold
//! its header texts, its columns are found by those texts, and its body runs to the next
//! title or the end of the sheet. Blank rows, unit lines and notes are skipped; the unit
//! line says whether amounts are in 万元 or in 元.
//!
//! Every amount read is marked as placed, so that the importer can report each figure it
//! did not place ([`Tables::unplaced`]).

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use rust_decimal::Decimal;

use super::read::{Book, Sheet, Value};
use super::specs::{self, norm, Spec, TableId};
use super::Findings;
use crate::num::{self, Money};

/// A table found in a sheet.
#[derive(Debug)]
pub(crate) struct Found<'a> {
    /// Its spec.
    pub(crate) spec: &'static Spec,
    /// Its sheet.
    pub(crate) sheet: &'a Sheet,
    /// The title row.
    pub(crate) title_row: usize,
    /// The title text.
    pub(crate) title: String,
    /// True when the unit line says 元: amounts are converted to 万元.
    pub(crate) yuan: bool,
    /// Column of each key found in the header.
    pub(crate) columns: BTreeMap<&'static str, usize>,
    /// Header rows.
    pub(crate) head: Vec<usize>,
    /// Body rows (blank rows and notes left out).
    pub(crate) body: Vec<usize>,
}

/// All tables of a workbook, and which of their cells have been placed.
#[derive(Debug)]
pub(crate) struct Tables<'a> {
    /// Found tables, in workbook order.
    pub(crate) found: Vec<Found<'a>>,
    /// Cells read (sheet index in the book, row, column).
    placed: RefCell<BTreeSet<(String, usize, usize)>>,
    book: &'a Book,
}

impl<'a> Tables<'a> {
    /// Finds every table in `book`.
    pub(crate) fn find(book: &'a Book, findings: &mut Findings) -> Tables<'a> {
        let mut found = Vec::new();
        for sheet in &book.sheets {
            let titles: Vec<(usize, Vec<&'static Spec>, String)> = (0..sheet.rows.len())
                .filter_map(|r| title_of(sheet, r).map(|(s, t)| (r, s, t)))
                .collect();
            for (i, (row, specs, title)) in titles.iter().enumerate() {
                let end = titles
                    .get(i + 1)
                    .map_or(sheet.rows.len(), |(next, _, _)| *next)
                    .saturating_sub(1);
                // Tables sharing a title are told apart by their header texts.
                let spec = specs
                    .iter()
                    .max_by_key(|spec| {
                        let mut scratch = Findings::default();
                        let t = read_table(sheet, *row, spec, title.clone(), end, &mut scratch);
                        (t.columns.len(), std::cmp::Reverse(t.spec.id))
                    })
                    .copied();
                if let Some(spec) = spec {
                    found.push(read_table(sheet, *row, spec, title.clone(), end, findings));
                }
            }
        }
        Tables {
            found,
            placed: RefCell::new(BTreeSet::new()),
            book,
        }
    }

    /// The first table with `id`.
    pub(crate) fn get(&self, id: TableId) -> Option<&Found<'a>> {
        self.found.iter().find(|f| f.spec.id == id)
    }

    /// Marks a cell as placed.
    pub(crate) fn mark(&self, sheet: &Sheet, row: usize, col: usize) {
        self.placed
            .borrow_mut()
            .insert((sheet.name.clone(), row, col));
    }

    /// An amount of `t` at `row` in column `key` (zero when the column or cell is empty),
    /// in 万元; marks the cell placed. A cell that is not a number is reported.
    pub(crate) fn amount(
        &self,
        t: &Found<'_>,
        row: usize,
        key: &str,
        findings: &mut Findings,
    ) -> Money {
        let Some(&col) = t.columns.get(key) else {
            return Money::ZERO;
        };
        self.amount_at(t, row, col, findings)
    }

    /// The amount in the cell at `row`, `col` of `t`'s sheet (see [`Tables::amount`]).
    pub(crate) fn amount_at(
        &self,
        t: &Found<'_>,
        row: usize,
        col: usize,
        findings: &mut Findings,
    ) -> Money {
        self.mark(t.sheet, row, col);
        match number(t.sheet.get(row, col)) {
            Ok(d) if t.yuan => num::wan_from_yuan(d),
            Ok(d) => Money(d),
            Err(text) => {
                findings.error(
                    "IMP-003",
                    t.sheet.cell_ref(row, col),
                    format!("“{text}”不是数字，按 0 处理"),
                    None,
                );
                Money::ZERO
            }
        }
    }

    /// The text of `t` at `row` in column `key` (empty when absent); marks it placed.
    pub(crate) fn text(&self, t: &Found<'_>, row: usize, key: &str) -> String {
        match t.columns.get(key) {
            Some(&col) => {
                self.mark(t.sheet, row, col);
                t.sheet.text_merged(row, col).trim().to_owned()
            }
            None => String::new(),
        }
    }

    /// Every figure in the workbook that no table placed: cells holding a number (or text
    /// that reads as one) outside header rows, with their references.
    pub(crate) fn unplaced(&self) -> Vec<(String, String)> {
        let placed = self.placed.borrow();
        let mut out = Vec::new();
        for sheet in &self.book.sheets {
            let heads: BTreeSet<usize> = self
                .found
                .iter()
                .filter(|f| std::ptr::eq(f.sheet, sheet))
                .flat_map(|f| f.head.iter().copied().chain([f.title_row]))
                .collect();
            for (r, row) in sheet.rows.iter().enumerate() {
                if heads.contains(&r) {
                    continue;
                }
                for (c, v) in row.iter().enumerate() {
                    let is_figure = match v {
                        Value::Number(d) => !d.is_zero(),
                        Value::Text(t) => looks_numeric(t),
                        Value::Empty => false,
                    };
                    if is_figure && !placed.contains(&(sheet.name.clone(), r, c)) {
                        out.push((sheet.cell_ref(r, c), v.text()));
                    }
                }
            }
        }
        out
    }
}

/// The spec a row's title names: the row's first non-empty cell, alone or nearly (the
/// caption of a table, not a data row that mentions a table).
fn title_of(sheet: &Sheet, row: usize) -> Option<(Vec<&'static Spec>, String)> {
    let cells: Vec<String> = sheet
        .rows
        .get(row)?
        .iter()
        .map(Value::text)
        .filter(|t| !t.trim().is_empty())
        .collect();
    if cells.is_empty() || cells.len() > 2 {
        return None;
    }
    let specs = specs::by_title(&cells[0]);
    (!specs.is_empty()).then(|| (specs, cells[0].clone()))
}

/// A number in a cell: numbers as they are; text with thousands separators, full-width
/// digits or a dash for zero read as the number they show; empty as zero.
pub(crate) fn number(v: &Value) -> Result<Decimal, String> {
    match v {
        Value::Empty => Ok(Decimal::ZERO),
        Value::Number(d) => Ok(*d),
        Value::Text(t) => {
            let s: String = t
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '\u{3000}'))
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '．' => '.',
                    '－' => '-',
                    c => c,
                })
                .collect();
            if s.is_empty() || matches!(s.as_str(), "-" | "—" | "——" | "－") {
                return Ok(Decimal::ZERO);
            }
            Decimal::from_str(&s).map_err(|_| t.clone())
        }
    }
}

/// True for text that reads as a number (`1,234.50`, `１２`), not for codes with letters.
fn looks_numeric(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && number(&Value::Text(t.to_owned())).is_ok_and(|d| !d.is_zero())
}

/// Reads the table titled at `title_row` of `sheet`, its region ending at `end`.
fn read_table<'a>(
    sheet: &'a Sheet,
    title_row: usize,
    spec: &'static Spec,
    title: String,
    end: usize,
    findings: &mut Findings,
) -> Found<'a> {
    let mut t = Found {
        spec,
        sheet,
        title_row,
        title,
        yuan: false,
        columns: BTreeMap::new(),
        head: Vec::new(),
        body: Vec::new(),
    };
    let labels: BTreeSet<String> = spec
        .columns
        .iter()
        .flat_map(|c| c.leaf.iter().copied().chain(c.under))
        .map(norm)
        .collect();
    let mut r = title_row + 1;
    // Unit line, table number, blank rows; then the header rows.
    while r <= end {
        let texts: Vec<String> = row_texts(sheet, r);
        let joined = norm(&texts.concat());
        if let Some(unit) = unit_of(&joined) {
            t.yuan = unit;
        }
        let is_head = !labels.is_empty()
            && texts
                .iter()
                .any(|x| labels.contains(&norm(x)) || split_matches(x, &labels))
            && !sheet
                .rows
                .get(r)
                .is_some_and(|row| row.iter().any(|v| matches!(v, Value::Number(_))));
        if is_head {
            t.head.push(r);
        } else if !t.head.is_empty() || spec.columns.is_empty() {
            break;
        }
        r += 1;
    }
    if spec.columns.is_empty() {
        // A form: every row of its region.
        t.body = (title_row + 1..=end.min(sheet.rows.len().saturating_sub(1)))
            .filter(|&r| !row_texts(sheet, r).is_empty())
            .collect();
        return t;
    }
    match_columns(&mut t);
    if !t.head.is_empty() {
        for c in spec.columns {
            if !t.columns.contains_key(c.key) {
                findings.warning(
                    "IMP-001",
                    sheet.cell_ref(t.head[0], 0),
                    format!(
                        "{}的表头中找不到“{}”列，该列按空处理",
                        spec.label, c.leaf[0]
                    ),
                    None,
                );
            }
        }
    }
    let first_body = t.head.last().map_or(r, |h| h + 1);
    for row in first_body..=end.min(sheet.rows.len().saturating_sub(1)) {
        let texts = row_texts(sheet, row);
        if texts.is_empty() {
            continue;
        }
        let first = norm(&texts[0]);
        let is_note =
            (first.starts_with("注") || first.starts_with("备注") || first.starts_with("说明"))
                && !sheet.rows[row]
                    .iter()
                    .any(|v| matches!(v, Value::Number(_)));
        if is_note || unit_of(&first).is_some() && texts.len() == 1 {
            continue;
        }
        t.body.push(row);
    }
    if t.head.is_empty() {
        findings.error(
            "IMP-001",
            sheet.cell_ref(title_row, 0),
            format!("{}“{}”下面找不到表头", spec.label, t.title),
            Some("表头应有列名，如“科目编码”“合计”".into()),
        );
    }
    t
}

/// The non-empty texts of a row.
fn row_texts(sheet: &Sheet, r: usize) -> Vec<String> {
    sheet
        .rows
        .get(r)
        .map(|row| {
            row.iter()
                .map(Value::text)
                .filter(|t| !t.trim().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `Some(true)` for a unit line in 元, `Some(false)` in 万元.
fn unit_of(joined: &str) -> Option<bool> {
    let i = joined.find("单位：").or_else(|| joined.find("单位:"))?;
    let rest = &joined[i..];
    let rest = rest.split_once(['：', ':']).map_or(rest, |(_, r)| r);
    if rest.starts_with("万元") {
        Some(false)
    } else if rest.starts_with('元') {
        Some(true)
    } else {
        None
    }
}

/// Header text written as "group/leaf" in one cell.
fn split_matches(text: &str, labels: &BTreeSet<String>) -> bool {
    segments(text).iter().any(|s| labels.contains(s))
}

/// The parts of a header text: "基本支出/人员经费" → [基本支出, 人员经费].
fn segments(text: &str) -> Vec<String> {
    norm(text)
        .split(['/', '／', '-', '—', '|', '\\'])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The header path of every column: the distinct texts above it, top to bottom, with
/// merged cells spread over their range and a group text without a merge spread right
/// over the blank cells beside it whose row below has text.
fn header_paths(t: &Found<'_>) -> Vec<Vec<String>> {
    let s = t.sheet;
    let width = t.head.iter().map(|&r| s.rows[r].len()).max().unwrap_or(0);
    let mut grid: Vec<Vec<String>> = t
        .head
        .iter()
        .map(|&r| (0..width).map(|c| s.text_merged(r, c)).collect())
        .collect();
    for i in 0..grid.len().saturating_sub(1) {
        for c in 1..width {
            let merged = s.merge_at(t.head[i], c).is_some();
            if grid[i][c].is_empty() && !merged && !grid[i + 1][c].is_empty() {
                let left = grid[i][c - 1].clone();
                let left_spans = !grid[i + 1][c - 1].is_empty();
                if !left.is_empty() && left_spans {
                    grid[i][c] = left;
                }
            }
        }
    }
    (0..width)
        .map(|c| {
            let mut path: Vec<String> = Vec::new();
            for row in &grid {
                for seg in segments(&row[c]) {
                    if path.last() != Some(&seg) {
                        path.push(seg);
                    }
                }
            }
            path
        })
        .collect()
}

/// Finds each spec column among the header paths: columns with a group first, each table
/// column used once.
fn match_columns(t: &mut Found<'_>) {
    let paths = header_paths(t);
    let mut used = BTreeSet::new();
    let mut order: Vec<&specs::Col> = t.spec.columns.iter().collect();
    order.sort_by_key(|c| c.under.is_none());
    for c in order {
        let hit = paths.iter().enumerate().find(|(i, p)| {
            if used.contains(i) || p.is_empty() {
                return false;
            }
            let leaf = p.last().map(String::as_str).unwrap_or("");
            let leaf_ok = c.leaf.iter().any(|l| {
                if let Some(suffix) = l.strip_prefix('*') {
                    return leaf.ends_with(&norm(suffix));
                }
                let l = norm(l);
                leaf == l
                    || (leaf.ends_with(&l)
                        && c.under.is_some_and(|u| leaf == format!("{}{l}", norm(u))))
            });
            let under_ok = c.under.is_none_or(|u| {
                let u = norm(u);
                // The group directly above the leaf (or written into it).
                (p.len() >= 2 && p[p.len() - 2] == u) || leaf.starts_with(&u)
            });
            leaf_ok && under_ok
        });
        if let Some((i, _)) = hit {
            used.insert(i);
            t.columns.insert(c.key, i);
        }
    }
}
