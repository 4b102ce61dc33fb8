//! Two-sided tables (收支总表, 财政拨款收支总表): income on the left, expenditure on the
//! right, paired row by row as they are printed. The model decides which rows there are,
//! what they hold and how they are numbered; the templates word them.
//!
//! Each side of a row has cells `<side>_key` (what the row is: an income source key such as
//! `general_regular`, a function 类 code, or `current` / `current_total` / `carryover` /
//! `total`), `<side>_level` and `<side>_number` (1 and n print as `n、`, 2 and n as `（n）`;
//! no number, no ordinal), `<side>_name` (the official name where the row is a category —
//! an income source, a function 类 — and no name where the template words it) and
//! `<side>_amount`; `<side>` is `in` or `out`. A side that has run out of rows has none of
//! them (they serialise as null).

use std::collections::BTreeMap;

use super::tables::{Cell, Dataset, Row, RowKind};
use crate::num::Money;

/// One row of one side.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// What the row is.
    pub(super) key: String,
    /// 1 for a top-level row, 2 for a row under one; 0 for an unnumbered row.
    pub(super) level: u32,
    /// Position among the rows of its level under the same parent (1-based); 0 for none.
    pub(super) number: u32,
    /// The official name of the category, where the row is one.
    pub(super) name: Option<String>,
    /// Its amount.
    pub(super) amount: Money,
}

impl Line {
    /// A numbered row.
    pub(super) fn numbered(
        key: &str,
        level: u32,
        number: u32,
        name: Option<&str>,
        amount: Money,
    ) -> Line {
        Line {
            key: key.to_owned(),
            level,
            number,
            name: name.map(str::to_owned),
            amount,
        }
    }

    /// An unnumbered row (a total), worded by the template from its key.
    pub(super) fn plain(key: &str, amount: Money) -> Line {
        Line::numbered(key, 0, 0, None, amount)
    }
}

/// `row` with the cells of `line` on `side`.
fn side(mut row: Row, side: Side, line: &Line) -> Row {
    let [key, level, number, name, amount] = side.keys();
    row.cells.insert(level, Cell::Count(line.level));
    row.cells.insert(number, Cell::Count(line.number));
    row.text(key, line.key.clone())
        .text(name, line.name.clone().unwrap_or_default())
        .money(amount, line.amount)
}

/// The left (income) or right (expenditure) side.
#[derive(Debug, Clone, Copy)]
enum Side {
    In,
    Out,
}

impl Side {
    fn keys(self) -> [&'static str; 5] {
        match self {
            Side::In => ["in_key", "in_level", "in_number", "in_name", "in_amount"],
            Side::Out => [
                "out_key",
                "out_level",
                "out_number",
                "out_name",
                "out_amount",
            ],
        }
    }
}

/// One row of `kind` holding `left` and `right` (either may be absent).
pub(super) fn row(kind: RowKind, left: Option<&Line>, right: Option<&Line>) -> Row {
    let mut r = Row::new(kind);
    if let Some(l) = left {
        r = side(r, Side::In, l);
    }
    if let Some(l) = right {
        r = side(r, Side::Out, l);
    }
    r
}

/// `left` and `right` side by side, as many rows as the longer side has.
pub(super) fn pair(left: &[Line], right: &[Line]) -> Vec<Row> {
    (0..left.len().max(right.len()))
        .map(|i| row(RowKind::Item, left.get(i), right.get(i)))
        .collect()
}

/// The lines of a hierarchy dataset's rows below its total: key = code, name as printed
/// there; its 类 rows (`Group1`) numbered in order.
pub(super) fn hierarchy_lines(ds: &Dataset) -> Vec<Line> {
    let mut classes = 0;
    ds.rows
        .iter()
        .filter(|r| r.kind != RowKind::Total)
        .map(|r| {
            let text = |k: &str| match r.cells.get(k) {
                Some(Cell::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let amount = match r.cells.get("total") {
                Some(Cell::Money(m)) => *m,
                _ => Money::ZERO,
            };
            let (level, number) = if r.kind == RowKind::Group1 {
                classes += 1;
                (1, classes)
            } else {
                (0, 0)
            };
            Line::numbered(&text("code"), level, number, Some(&text("name")), amount)
        })
        .collect()
}

/// The detailed income sources of the summary tables of layouts that split
/// appropriations, as they are listed: (key, level, number). The first eight are the
/// appropriations (政府预算拨款).
const SPLIT_INCOME: &[(&str, u32, u32)] = &[
    ("general", 1, 1),
    ("general_regular", 2, 1),
    ("general_special", 2, 2),
    ("general_investment", 2, 3),
    ("fund", 1, 2),
    ("fund_regular", 2, 1),
    ("fund_investment", 2, 2),
    ("special_account", 1, 3),
    ("business", 1, 4),
    ("operating", 1, 5),
    ("other", 1, 6),
    ("superior", 1, 7),
    ("affiliated", 1, 8),
];

/// How many of [`SPLIT_INCOME`] are appropriations.
const SPLIT_APPROPRIATIONS: usize = 8;

/// The summary tables of layouts that split appropriations (the Shenzhen 收支总表 and
/// 政府预算拨款收支总表): the detailed income sources (`income`, by key) beside the rows of
/// `expenditure` (all sources) and `fiscal` (appropriations), hierarchy datasets. Only the
/// paired rows: the totals under them are figures the report has already.
pub(super) fn split_summaries(
    income: &BTreeMap<&'static str, Money>,
    expenditure: &Dataset,
    fiscal: &Dataset,
) -> (Dataset, Dataset) {
    let left: Vec<Line> = SPLIT_INCOME
        .iter()
        .map(|(k, level, n)| {
            let amount = income.get(k).copied().unwrap_or_default();
            Line::numbered(k, *level, *n, None, amount)
        })
        .collect();
    (
        Dataset {
            rows: pair(&left, &hierarchy_lines(expenditure)),
        },
        Dataset {
            rows: pair(&left[..SPLIT_APPROPRIATIONS], &hierarchy_lines(fiscal)),
        },
    )
}
