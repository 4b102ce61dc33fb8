//! The output invariant, read off the tables as they will print: in every table of every
//! layout, each total row (合计, a 类, a unit …) equals the sum of the rows under it as
//! printed, and no printed amount is negative.
//!
//! Reading the printed grids rather than the report model checks exactly what a reader
//! sees, whatever the layout: its choice of tables, columns, decimals and merged headers.
//! Only numeric cells are read; rows outside the hierarchy (plain rows, such as the two
//! sides of a summary table) are neither totals nor parts.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::flat::{flatten, Flat};
use super::{Block, Grid, RowKind};

/// A printed total that is not the sum of its printed parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The table, as its label and caption read (`预算05表 一般公共预算支出表`).
    pub table: String,
    /// The total's row, as its first non-empty text reads.
    pub row: String,
    /// The columns where it does not add up, by their header.
    pub columns: Vec<String>,
    /// The total as printed.
    pub printed: Decimal,
    /// The sum of the parts as printed.
    pub parts: Decimal,
}

/// A printed amount below zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    /// The table.
    pub table: String,
    /// The row.
    pub row: String,
    /// The column's header.
    pub column: String,
    /// The cell as printed.
    pub text: String,
}

/// The table's name as printed.
fn title(g: &Grid) -> String {
    [g.label.as_str(), g.caption.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A printed amount (`1,995`, `825.16`, `-0.01`); blank, dashes and text are not.
fn amount(text: &str) -> Option<Decimal> {
    let t: String = text
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    Decimal::from_str(&t).ok()
}

fn level(kind: RowKind) -> Option<usize> {
    kind.level()
}

/// The rows directly under each row: a row's parent is the nearest row above it on a
/// higher level of the hierarchy.
fn children(flat: &Flat) -> Vec<Vec<usize>> {
    let mut kids = vec![Vec::new(); flat.rows.len()];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for (i, row) in flat.rows.iter().enumerate() {
        let Some(l) = level(row.kind) else {
            continue;
        };
        while stack.last().is_some_and(|&(pl, _)| pl >= l) {
            stack.pop();
        }
        if let Some(&(_, p)) = stack.last() {
            kids[p].push(i);
        }
        stack.push((l, i));
    }
    kids
}

/// The printed parts of row `i` in column `c`, looking through a child row that prints
/// nothing there (a department row above its units' lines).
fn parts(flat: &Flat, kids: &[Vec<usize>], i: usize, c: usize) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    let mut any = false;
    for &k in &kids[i] {
        let text = flat.rows[k].cells.get(c).map_or("", String::as_str);
        if let Some(v) = amount(text) {
            sum += v;
            any = true;
        } else if text.trim().is_empty() {
            if let Some(v) = parts(flat, kids, k, c) {
                sum += v;
                any = true;
            }
        }
    }
    any.then_some(sum)
}

/// A row as its text columns read (`20805 行政事业单位养老支出`).
fn row_label(flat: &Flat, cells: &[String]) -> String {
    cells
        .iter()
        .enumerate()
        .filter(|(c, t)| !flat.numeric.get(*c).copied().unwrap_or(false) && !t.trim().is_empty())
        .map(|(_, t)| t.trim())
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every printed total of every table that differs from the sum of its printed parts.
pub fn gaps(blocks: &[Block]) -> Vec<Gap> {
    let mut out: Vec<Gap> = Vec::new();
    for b in blocks {
        let Block::Table(g) = b else { continue };
        if g.nosum {
            continue;
        }
        let flat = flatten(g);
        let kids = children(&flat);
        for (i, row) in flat.rows.iter().enumerate() {
            if kids[i].is_empty() {
                continue;
            }
            for (c, text) in row.cells.iter().enumerate() {
                if !flat.numeric.get(c).copied().unwrap_or(false) {
                    continue;
                }
                let (Some(printed), Some(sum)) = (amount(text), parts(&flat, &kids, i, c)) else {
                    continue;
                };
                if printed == sum {
                    continue;
                }
                let column = flat.header.get(c).cloned().unwrap_or_default();
                let table = title(g);
                let label = row_label(&flat, &row.cells);
                match out.iter_mut().find(|x| {
                    x.table == table && x.row == label && x.printed == printed && x.parts == sum
                }) {
                    Some(x) => x.columns.push(column),
                    None => out.push(Gap {
                        table,
                        row: label,
                        columns: vec![column],
                        printed,
                        parts: sum,
                    }),
                }
            }
        }
    }
    out
}

/// Every printed amount below zero.
pub fn negatives(blocks: &[Block]) -> Vec<Negative> {
    let mut out = Vec::new();
    for b in blocks {
        let Block::Table(g) = b else { continue };
        let flat = flatten(g);
        for row in &flat.rows {
            for (c, text) in row.cells.iter().enumerate() {
                if flat.numeric.get(c).copied().unwrap_or(false)
                    && amount(text).is_some_and(|v| v < Decimal::ZERO)
                {
                    out.push(Negative {
                        table: title(g),
                        row: row_label(&flat, &row.cells),
                        column: flat.header.get(c).cloned().unwrap_or_default(),
                        text: text.clone(),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::markup::parse;

    fn blocks(body: &str) -> Vec<Block> {
        parse(&format!(
            "@@table t\n@@label 表1\n@@caption 测试表\n@@head\n| 科目 | 金额 | 项目 |\n@@body\n{body}@@end\n"
        ))
        .expect("markup")
    }

    #[test]
    fn totals_that_do_not_add_up_are_found_by_row_and_column() {
        let b = blocks(
            "total| 合计 | {n}1,995 | {n}10 |\ngroup1| 201 | {n}1,687 | {n}10 |\nitem| 2010301 | {n}848 | {n}4 |\nitem| 2010308 | {n}838 | {n}6 |\ngroup1| 208 | {n}309 | |\n",
        );
        let found = gaps(&b);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert_eq!(found[0].row, "合计");
        assert_eq!(
            (found[0].printed, found[0].parts),
            (Decimal::from(1995), Decimal::from(1996))
        );
        assert_eq!(found[0].columns, ["金额"]);
        assert_eq!(found[1].row, "201");
        assert_eq!(found[0].table, "表1 测试表");
    }

    #[test]
    fn department_rows_without_figures_are_looked_through() {
        let b = blocks(
            "total| 合计 | {n}3.00 | |\ngroup1| 部门 | | |\nitem| 甲 | {n}1.00 | |\nitem| 乙 | {n}2.00 | |\n",
        );
        assert!(gaps(&b).is_empty());
        let b = blocks("total| 合计 | {n}3.01 | |\ngroup1| 部门 | | |\nitem| 甲 | {n}1.00 | |\nitem| 乙 | {n}2.00 | |\n");
        assert_eq!(gaps(&b).len(), 1);
    }

    #[test]
    fn tables_marked_nosum_are_not_checked() {
        let text = "@@table t\n@@nosum\n@@head\n| 年 | 金额 |\n@@body\ngroup1| 2020 | {n}10 |\nitem| 2021 | {n}9 |\n@@end\n";
        let b = parse(text).expect("markup");
        assert!(gaps(&b).is_empty());
        let b = parse(&text.replace("@@nosum\n", "")).expect("markup");
        assert_eq!(gaps(&b).len(), 1);
    }

    #[test]
    fn plain_rows_are_neither_totals_nor_parts_and_negatives_are_found() {
        let b = blocks("| 收入 | {n}5 | |\ntotal| 合计 | {n}7 | |\n| 支出 | {n}-0.01 | |\n");
        assert!(gaps(&b).is_empty());
        let n = negatives(&b);
        assert_eq!(n.len(), 1);
        assert_eq!((n[0].row.as_str(), n[0].text.as_str()), ("支出", "-0.01"));
    }
}
