//! 尾差调整 on every example and on synthetic budgets: the adjusted report prints every
//! figure identically wherever it appears, every printed total is the sum of its printed
//! parts, nothing is negative, and figures already exact at the printed precision keep
//! their value.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::super::tables::{Cell, Dataset, Row, RowKind};
use super::super::{derive, Report};
use crate::load;
use crate::num::round;

/// The report of `text` printed with `dp` decimals from figures entered with two, exact
/// and with 尾差调整.
fn reports(text: &str, dp: u32) -> (Report, Report) {
    let make = |adjust: bool| {
        let mut loaded = load::parse::<load::schema::Budget>("t.yaml", text).expect("loads");
        let d = &mut loaded.doc.display;
        d.decimals = dp;
        d.input_decimals = Some(d.input_decimals.unwrap_or(2).max(2));
        d.adjust_rounding = adjust;
        let diags = crate::validate::check(&loaded, &crate::validate::Options::default());
        let v = crate::validate::gate(loaded, diags, true).expect("draft");
        derive(&v, false, "standard")
    };
    (make(false), make(true))
}

fn level(kind: RowKind) -> usize {
    match kind {
        RowKind::Total => 0,
        RowKind::Group1 => 1,
        RowKind::Group2 => 2,
        RowKind::Group3 => 3,
        RowKind::Item => 4,
    }
}

/// The printed value of row `i`'s parts in `column`, looking through rows that do not
/// carry it (a department row above its lines).
fn parts(ds: &Dataset, kids: &[Vec<usize>], i: usize, column: &str, dp: u32) -> Decimal {
    kids[i]
        .iter()
        .map(|&k| match ds.rows[k].cells.get(column) {
            Some(Cell::Money(m)) => round(m.0, dp),
            _ => parts(ds, kids, k, column, dp),
        })
        .sum()
}

/// Every total of a hierarchy dataset that is not the sum of its parts as printed.
fn gaps(ds: &Dataset, dp: u32) -> Vec<String> {
    let mut kids = vec![Vec::new(); ds.rows.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, row) in ds.rows.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&p| level(ds.rows[p].kind) >= level(row.kind))
        {
            stack.pop();
        }
        if let Some(&p) = stack.last() {
            kids[p].push(i);
        }
        stack.push(i);
    }
    let mut out = Vec::new();
    for (i, row) in ds.rows.iter().enumerate() {
        if kids[i].is_empty() {
            continue;
        }
        for (column, cell) in &row.cells {
            if let Cell::Money(m) = cell {
                let sum = parts(ds, &kids, i, column, dp);
                if round(m.0, dp) != sum {
                    out.push(format!("{} {column}: {} ≠ {sum}", row_label(row), m.0));
                }
            }
        }
    }
    out
}

/// A row's own identity: its kind and its text cells.
fn row_label(row: &Row) -> String {
    let texts: Vec<String> = row
        .cells
        .iter()
        .filter_map(|(k, c)| match c {
            Cell::Text(t) => Some(format!("{k}={t}")),
            _ => None,
        })
        .collect();
    format!("{:?}|{}", row.kind, texts.join("|"))
}

/// Each row's identity across the two reports: its label under its parents' labels.
fn row_keys(rows: &[Row]) -> Vec<String> {
    let level = |r: &Row| r.kind as u8;
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    rows.iter()
        .map(|r| {
            while stack.last().is_some_and(|(l, _)| *l >= level(r)) {
                stack.pop();
            }
            let key = format!(
                "{} / {}",
                stack
                    .iter()
                    .map(|s| s.1.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
                row_label(r)
            );
            stack.push((level(r), row_label(r)));
            // Rows that read alike (two lines of one 品目) are told apart by their order.
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            format!("{key} #{n}")
        })
        .collect()
}

fn code(row: &Row) -> Option<String> {
    match row.cells.get("code") {
        Some(Cell::Text(c)) if !c.is_empty() => Some(c.clone()),
        _ => None,
    }
}

fn check(name: &str, text: &str, dp: u32) {
    let failures = failures(name, text, dp, true);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// What breaks the invariants; `exact_kept` also asks that every figure already exact at
/// the printed precision keeps its value (guaranteed where the rounding trees cover it:
/// see the module docs of `adjust`).
fn failures(name: &str, text: &str, dp: u32, exact_kept: bool) -> Vec<String> {
    let (exact, adjusted) = reports(text, dp);
    let mut failures = Vec::new();
    // Every total is the sum of its printed parts; nothing is negative.
    for info in super::super::datasets::ALL {
        if info.shape != super::super::datasets::Shape::Hierarchy {
            continue;
        }
        if let Some(ds) = adjusted.tables.get(info.key) {
            for g in gaps(ds, dp) {
                failures.push(format!("{name}: {} {g}", info.key));
            }
        }
    }
    for (key, ds) in &adjusted.tables {
        for row in &ds.rows {
            for (column, cell) in &row.cells {
                if matches!(cell, Cell::Money(m) if round(m.0, dp) < Decimal::ZERO) {
                    failures.push(format!(
                        "{name}: {key} {} {column} is negative",
                        row_label(row)
                    ));
                }
            }
        }
    }
    // One fact (a code, a column, an exact value) prints one value everywhere; a figure
    // exact at the printed precision prints unchanged.
    let mut printed: BTreeMap<(String, &str, Decimal), BTreeSet<Decimal>> = BTreeMap::new();
    for (key, ds) in &adjusted.tables {
        let Some(original) = exact.tables.get(key) else {
            continue;
        };
        let by_key: BTreeMap<String, &Row> = row_keys(&original.rows)
            .into_iter()
            .zip(&original.rows)
            .collect();
        for (rk, row) in row_keys(&ds.rows).into_iter().zip(&ds.rows) {
            let Some(before) = by_key.get(&rk) else {
                continue;
            };
            for (column, cell) in &row.cells {
                let (Cell::Money(after), Some(Cell::Money(was))) = (cell, before.cells.get(column))
                else {
                    continue;
                };
                if exact_kept && round(was.0, dp) == was.0 && after.0 != was.0 {
                    failures.push(format!(
                        "{name}: {key} {rk} {column}: exact {} printed as {}",
                        was.0, after.0
                    ));
                }
                if let Some(c) = code(row) {
                    printed
                        .entry((c, column, was.0))
                        .or_default()
                        .insert(round(after.0, dp));
                }
            }
        }
    }
    for (parts, was, now) in [
        (
            &adjusted.budget.general_classes,
            &exact.budget.general_classes,
            "general",
        ),
        (
            &adjusted.budget.economic_classes,
            &exact.budget.economic_classes,
            "economic",
        ),
    ] {
        for p in parts.iter() {
            if let Some(e) = was.iter().find(|x| x.key == p.key) {
                let _ = now;
                printed
                    .entry((p.key.clone(), "total", e.amount.0))
                    .or_default()
                    .insert(round(p.amount.0, dp));
            }
        }
    }
    for ((c, column, v), values) in &printed {
        if values.len() > 1 {
            failures.push(format!("{name}: {c} {column} ({v}) printed as {values:?}"));
        }
    }
    failures
}

#[test]
fn every_example_prints_each_figure_once_and_adds_up() {
    for (name, text) in [
        ("example", include_str!("../../../inputs/example-2025.yaml")),
        (
            "jianghan",
            include_str!("../../../inputs/jianghan-2024.yaml"),
        ),
        (
            "longgang",
            include_str!("../../../inputs/longgang-2021.yaml"),
        ),
        ("zengdu", include_str!("../../../inputs/zengdu-2023.yaml")),
    ] {
        for dp in [0, 1] {
            check(&format!("{name} at {dp} decimals"), text, dp);
        }
    }
}

#[test]
fn synthetic_budgets_print_each_figure_once_and_add_up() {
    let mut all = Vec::new();
    for seed in 1..=40 {
        let spec = crate::synth::Spec {
            seed,
            units: 1 + (seed as usize % 4),
            projects: 3 + (seed as usize % 9),
            procurement_lines: seed as usize % 5,
            forms: seed as usize % 3,
        };
        let text = crate::synth::budget_yaml(&spec);
        let single = spec.units == 1;
        all.extend(failures(
            &format!("synthetic {seed}"),
            &text,
            (seed % 2) as u32,
            single,
        ));
    }
    assert!(all.is_empty(), "\n{}", all.join("\n"));
}
