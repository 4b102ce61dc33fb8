//! 尾差调整 (`display.adjust_rounding`): the budget's entered figures rounded once, to the
//! printed precision, before anything is derived from them.
//!
//! Every table and sentence is then derived from the same rounded figures, so each fact
//! prints identically wherever it appears, every printed total is the sum of its printed
//! parts, and no figure is negative. The rounding itself is controlled
//! ([`crate::num::controlled`]): expenditure is rounded along the tree funding source →
//! unit → 类 → 款 → 项 → line → column, so the total, each funding source, each unit and
//! each classification node print as the floor or the ceiling of their exact value (and
//! unchanged when already exact). The figures entered twice follow the expenditure they
//! repeat: income per unit and source, basic expenditure by economic classification (the
//! 款 that mirror a function 项 first), the project list and its economic classification.
//! Standalone groups ("三公", procurement, last year's figures) are rounded so that their
//! totals print correctly.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::catalog::MIRRORS;
use crate::load::amounts::ALL_FUNDINGS;
use crate::load::schema::{Budget, Funding, Sources};
use crate::num::controlled::{round_tree, round_two_way, round_two_way_pinned, split, Cell};
use crate::num::{round, Money};

/// The budget with every amount rounded to `display.decimals` as 尾差调整 requires.
pub(super) fn adjust(b: &Budget) -> Budget {
    let dp = b.display.decimals;
    let mut a = b.clone();
    let exp = expenditure(&mut a, dp);
    income(&mut a, &exp, dp);
    economic(&mut a, &exp, dp);
    projects(&mut a, &exp, dp);
    standalone(&mut a, dp);
    a
}

/// The unit a line belongs to (the only unit when omitted).
fn unit_of(b: &Budget, unit: &Option<String>) -> String {
    unit.clone()
        .or_else(|| b.units.first().map(|u| u.code.clone()))
        .unwrap_or_default()
}

fn funding_index(f: Funding) -> usize {
    ALL_FUNDINGS.iter().position(|x| *x == f).unwrap_or(0)
}

/// The expenditure columns of a line, in a fixed order.
const COLUMNS: [&str; 6] = [
    "personnel",
    "public",
    "project",
    "operating",
    "remit_superior",
    "subsidy_affiliated",
];

fn column_mut(l: &mut crate::load::schema::ExpenditureLine, c: usize) -> &mut Money {
    match c {
        0 => &mut l.personnel,
        1 => &mut l.public,
        2 => &mut l.project,
        3 => &mut l.operating,
        4 => &mut l.remit_superior,
        _ => &mut l.subsidy_affiliated,
    }
}

/// Rounded expenditure, summed by (funding, unit, column) and by (funding, unit,
/// allocation) of the project column, for the figures that repeat it.
struct Rounded {
    /// (funding index, unit, column index) → rounded sum.
    by_column: BTreeMap<(usize, String, usize), Decimal>,
    /// (funding index, unit, allocation) → rounded project sum.
    by_allocation: BTreeMap<(usize, String, String), Decimal>,
    /// (unit, line index) → the line's rounded (personnel, public), general budget only.
    general_basic: BTreeMap<(String, usize), (Decimal, Decimal)>,
}

/// The column group of a column: personnel and public costs are basic expenditure.
fn group(c: usize) -> usize {
    if c < 2 {
        0
    } else {
        c - 1
    }
}

/// Expenditure as a two-way table: by funding source, unit, column group, column and
/// classification (what each unit prints, and income and the economic lines repeat), and
/// by funding source, classification, column group and column (the department's tables
/// and sentences).
fn expenditure(a: &mut Budget, dp: u32) -> Rounded {
    let mut cells = Vec::new();
    for l in &a.expenditure {
        let unit = unit_of(a, &l.unit);
        let f = format!("{:02}", funding_index(l.funding));
        let class = l.code.get(..3).unwrap_or(&l.code).to_owned();
        let kuan = l.code.get(..5).unwrap_or(&l.code).to_owned();
        for c in 0..COLUMNS.len() {
            let mut line = l.clone();
            let value = column_mut(&mut line, c).0;
            let (g, c) = (format!("{}", group(c)), format!("{c}"));
            cells.push(Cell {
                by_a: vec![
                    f.clone(),
                    unit.clone(),
                    g.clone(),
                    c.clone(),
                    class.clone(),
                    kuan.clone(),
                    l.code.clone(),
                ],
                by_b: vec![f.clone(), class.clone(), kuan.clone(), l.code.clone(), g, c],
                value,
            });
        }
    }
    let out = round_two_way(&cells, None, dp);
    let mut r = Rounded {
        by_column: BTreeMap::new(),
        by_allocation: BTreeMap::new(),
        general_basic: BTreeMap::new(),
    };
    let n = COLUMNS.len();
    let units: Vec<String> = a.expenditure.iter().map(|l| unit_of(a, &l.unit)).collect();
    for (i, l) in a.expenditure.iter_mut().enumerate() {
        let f = funding_index(l.funding);
        for c in 0..n {
            let v = out[i * n + c];
            *column_mut(l, c) = Money(v);
            *r.by_column.entry((f, units[i].clone(), c)).or_default() += v;
        }
        *r.by_allocation
            .entry((f, units[i].clone(), format!("{:?}", l.allocation)))
            .or_default() += l.project.0;
        if l.funding == Funding::General {
            r.general_basic
                .insert((units[i].clone(), i), (l.personnel.0, l.public.0));
        }
    }
    r
}

/// Where a funding source is entered in a set of sources: (keys in `current`, keys in
/// `carryover`).
fn income_keys(f: Funding) -> (&'static [&'static str], &'static [&'static str]) {
    const UNIT_FUNDS: &[&str] = &["business", "operating", "superior", "affiliated", "other"];
    match f {
        Funding::General => (&["general"], &[]),
        Funding::Fund => (&["fund"], &[]),
        Funding::StateCapital => (&["state_capital"], &[]),
        Funding::CarryoverGeneral => (&[], &["general"]),
        Funding::CarryoverFund => (&[], &["fund"]),
        Funding::CarryoverStateCapital => (&[], &["state_capital"]),
        Funding::SpecialAccount => (&["special_account"], &["special_account"]),
        Funding::UnitFunds => (UNIT_FUNDS, UNIT_FUNDS),
    }
}

fn source_mut<'s>(s: &'s mut Sources, key: &str) -> &'s mut Money {
    match key {
        "general" => &mut s.general,
        "fund" => &mut s.fund,
        "state_capital" => &mut s.state_capital,
        "special_account" => &mut s.special_account,
        "business" => &mut s.business,
        "operating" => &mut s.operating,
        "superior" => &mut s.superior,
        "affiliated" => &mut s.affiliated,
        _ => &mut s.other,
    }
}

/// Sets the amounts a set of (current, carryover) sources holds for funding `f` in each
/// of `owners` so that they add up to `target`.
fn split_sources(
    owners: &mut [(&mut Sources, &mut Sources)],
    f: Funding,
    target: Option<Decimal>,
    dp: u32,
) {
    let (cur_keys, carry_keys) = income_keys(f);
    let mut values = Vec::new();
    for (cur, carry) in owners.iter_mut() {
        for k in cur_keys {
            values.push(source_mut(cur, k).0);
        }
        for k in carry_keys {
            values.push(source_mut(carry, k).0);
        }
    }
    let rounded = split(&values, target, dp);
    let mut it = rounded.into_iter();
    for (cur, carry) in owners.iter_mut() {
        for k in cur_keys {
            if let Some(v) = it.next() {
                *source_mut(cur, k) = Money(v);
            }
        }
        for k in carry_keys {
            if let Some(v) = it.next() {
                *source_mut(carry, k) = Money(v);
            }
        }
    }
}

/// Income per unit and funding source is the rounded expenditure it pays for.
fn income(a: &mut Budget, r: &Rounded, dp: u32) {
    let units: Vec<String> = a.income.iter().map(|l| unit_of(a, &l.unit)).collect();
    let mut by_unit: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        by_unit.entry(u.clone()).or_default().push(i);
    }
    for (unit, lines) in by_unit {
        for f in ALL_FUNDINGS {
            let fi = funding_index(f);
            let target = (0..COLUMNS.len())
                .map(|c| r.by_column.get(&(fi, unit.clone(), c)))
                .try_fold(Decimal::ZERO, |acc, v| v.map(|v| acc + v));
            let mut owners: Vec<(&mut Sources, &mut Sources)> = a
                .income
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| lines.contains(i))
                .map(|(_, l)| (&mut l.current, &mut l.carryover))
                .collect();
            split_sources(&mut owners, f, target.or(Some(Decimal::ZERO)), dp);
        }
    }
}

/// Basic expenditure by economic classification: per unit and column (personnel,
/// public), the rounded general budget basic expenditure; a 款 that mirrors a function 项
/// takes that 项's rounded figure.
fn economic(a: &mut Budget, r: &Rounded, dp: u32) {
    let units: Vec<String> = a
        .basic_economic
        .iter()
        .map(|l| unit_of(a, &l.unit))
        .collect();
    let func_units: Vec<String> = a.expenditure.iter().map(|l| unit_of(a, &l.unit)).collect();
    // Mirrored 款: one line per unit and code, equal to its 项 before rounding.
    for m in MIRRORS {
        for unit in units.iter().collect::<std::collections::BTreeSet<_>>() {
            let lines: Vec<usize> = (0..a.basic_economic.len())
                .filter(|&i| &units[i] == unit && a.basic_economic[i].code == m.economic)
                .collect();
            let [line] = lines.as_slice() else { continue };
            let func: Vec<usize> = (0..a.expenditure.len())
                .filter(|&i| {
                    &func_units[i] == unit
                        && a.expenditure[i].funding == Funding::General
                        && m.function.contains(&a.expenditure[i].code.as_str())
                })
                .collect();
            for c in 0..2 {
                let rounded: Decimal = func
                    .iter()
                    .filter_map(|i| r.general_basic.get(&(unit.clone(), *i)))
                    .map(|(p, q)| if c == 0 { *p } else { *q })
                    .sum();
                let e = &a.basic_economic[*line];
                let exact = if c == 0 { e.personnel.0 } else { e.public.0 };
                // Only a line that equals its 项 follows it (an invalid draft may differ).
                if crate::num::controlled::reachable(rounded, exact, dp) && !func.is_empty() {
                    let e = &mut a.basic_economic[*line];
                    if c == 0 {
                        e.personnel = Money(rounded);
                    } else {
                        e.public = Money(rounded);
                    }
                }
            }
        }
    }
    // A two-way table of the remaining figures: by unit and column (pinned to the rounded
    // expenditure they repeat) and by classification and column (the department's table).
    let fi = funding_index(Funding::General);
    let mut cells = Vec::new();
    let mut index = Vec::new();
    let mut pins: BTreeMap<Vec<String>, Decimal> = BTreeMap::new();
    for (i, l) in a.basic_economic.iter().enumerate() {
        let class = l.code.get(..3).unwrap_or(&l.code).to_owned();
        for (c, v) in [(0usize, l.personnel.0), (1, l.public.0)] {
            let by_a = vec![
                units[i].clone(),
                format!("{c}"),
                class.clone(),
                l.code.clone(),
            ];
            if let Some(t) = r.by_column.get(&(fi, units[i].clone(), c)) {
                pins.insert(by_a[..2].to_vec(), *t);
            }
            cells.push(Cell {
                by_a,
                by_b: vec![class.clone(), l.code.clone(), format!("{c}")],
                // A mirrored line is already rounded: it enters as exact.
                value: v,
            });
            index.push((i, c));
        }
    }
    let pins: Vec<(Vec<String>, Decimal)> = pins.into_iter().collect();
    let target = pins.iter().map(|p| p.1).sum::<Decimal>();
    let out = round_two_way_pinned(&cells, Some(target), &pins, dp);
    for ((i, c), v) in index.into_iter().zip(out) {
        let l = &mut a.basic_economic[i];
        if c == 0 {
            l.personnel = Money(v);
        } else {
            l.public = Money(v);
        }
    }
}

/// The project list (per unit and funding source) and the project economic
/// classification (per unit, source and allocation) add up to the rounded project column;
/// each project form's breakdown to its project.
fn projects(a: &mut Budget, r: &Rounded, dp: u32) {
    let project_column = COLUMNS.iter().position(|c| *c == "project").unwrap_or(2);
    let units: Vec<String> = a.projects.iter().map(|p| unit_of(a, &p.unit)).collect();
    let unit_set: std::collections::BTreeSet<String> = units.iter().cloned().collect();
    for unit in &unit_set {
        for f in ALL_FUNDINGS {
            let target = r
                .by_column
                .get(&(funding_index(f), unit.clone(), project_column))
                .copied()
                .unwrap_or(Decimal::ZERO);
            let mut owners: Vec<(&mut Sources, &mut Sources)> = a
                .projects
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| &units[*i] == unit)
                .map(|(_, p)| (&mut p.amounts, &mut p.carryover))
                .collect();
            split_sources(&mut owners, f, Some(target), dp);
        }
    }
    let pe_units: Vec<String> = a
        .project_economic
        .iter()
        .map(|l| unit_of(a, &l.unit))
        .collect();
    let mut groups: BTreeMap<(usize, String, String), Vec<usize>> = BTreeMap::new();
    for (i, l) in a.project_economic.iter().enumerate() {
        groups
            .entry((
                funding_index(l.funding),
                pe_units[i].clone(),
                format!("{:?}", l.allocation),
            ))
            .or_default()
            .push(i);
    }
    for (key, lines) in groups {
        let leaves: Vec<(Vec<String>, Decimal)> = lines
            .iter()
            .map(|&i| {
                let l = &a.project_economic[i];
                (
                    vec![
                        l.code.get(..3).unwrap_or(&l.code).to_owned(),
                        l.code.clone(),
                        format!("{i:08}"),
                    ],
                    l.amount.0,
                )
            })
            .collect();
        let out = round_tree(&leaves, r.by_allocation.get(&key).copied(), dp);
        for (i, v) in lines.into_iter().zip(out) {
            a.project_economic[i].amount = Money(v);
        }
    }
    for p in &mut a.projects {
        let total = p.amounts.total() + p.carryover.total();
        if let Some(t) = &mut p.total_budget {
            *t = Money(round(t.0, dp));
        }
        let Some(form) = &mut p.performance else {
            continue;
        };
        let mut values = Vec::new();
        for d in &form.details {
            values.extend([d.local.0, d.transfer.0, d.other.0]);
        }
        let out = split(&values, Some(total.0), dp);
        for (d, v) in form.details.iter_mut().zip(out.chunks(3)) {
            if let [local, transfer, other] = v {
                d.local = Money(*local);
                d.transfer = Money(*transfer);
                d.other = Money(*other);
            }
        }
        for asset in &mut form.assets {
            asset.amount = Money(round(asset.amount.0, dp));
        }
    }
}

/// Rounds `items` so that they add up to the correct rounding of their sum (or `target`).
fn split_money(items: &mut [&mut Money], target: Option<Decimal>, dp: u32) {
    let values: Vec<Decimal> = items.iter().map(|m| m.0).collect();
    for (m, v) in items.iter_mut().zip(split(&values, target, dp)) {
        **m = Money(v);
    }
}

/// Figures that stand alone or in groups of their own: last year's, "三公", 机关运行经费,
/// procurement and purchased services, the department form's history.
fn standalone(a: &mut Budget, dp: u32) {
    let p = &mut a.previous_year;
    p.total = Money(round(p.total.0, dp));
    p.general_public = Money(round(p.general_public.0, dp));
    let total = p.total.0;
    if let (Some(basic), Some(project)) = (&mut p.basic, &mut p.project) {
        split_money(&mut [basic, project], Some(total), dp);
    } else {
        for v in [&mut p.basic, &mut p.project].into_iter().flatten() {
            *v = Money(round(v.0, dp));
        }
    }
    let general = p.general_public.0;
    let mut classes: Vec<&mut Money> = p
        .general_classes
        .iter_mut()
        .map(|c| &mut c.amount)
        .collect();
    split_money(&mut classes, Some(general), dp);

    let s = &mut a.sangong;
    split_money(
        &mut [
            &mut s.outbound.current,
            &mut s.reception.current,
            &mut s.vehicle_purchase.current,
            &mut s.vehicle_operation.current,
        ],
        None,
        dp,
    );
    split_money(
        &mut [
            &mut s.outbound.previous,
            &mut s.reception.previous,
            &mut s.vehicle_purchase.previous,
            &mut s.vehicle_operation.previous,
        ],
        None,
        dp,
    );
    a.admin_costs.current = Money(round(a.admin_costs.current.0, dp));
    a.admin_costs.previous = Money(round(a.admin_costs.previous.0, dp));

    let pr = &mut a.procurement;
    if let Some(v) = &mut pr.previous {
        *v = Money(round(v.0, dp));
    }
    split_money(
        &mut pr
            .lines
            .iter_mut()
            .map(|l| &mut l.amount)
            .collect::<Vec<_>>(),
        None,
        dp,
    );
    split_money(
        &mut pr.lines.iter_mut().map(|l| &mut l.sme).collect::<Vec<_>>(),
        None,
        dp,
    );
    split_money(
        &mut pr
            .lines
            .iter_mut()
            .map(|l| &mut l.small_micro)
            .collect::<Vec<_>>(),
        None,
        dp,
    );
    let ps = &mut a.purchased_services;
    if let Some(v) = &mut ps.previous {
        *v = Money(round(v.0, dp));
    }
    split_money(
        &mut ps
            .lines
            .iter_mut()
            .map(|l| &mut l.amount)
            .collect::<Vec<_>>(),
        None,
        dp,
    );

    let previous_total = a.previous_year.total.0;
    if let Some(d) = &mut a.department_performance {
        let h = &mut d.history;
        for k in 0..2 {
            let target = (k == 1).then_some(previous_total);
            let [f, s, u] = [&mut h.fiscal, &mut h.special_account, &mut h.unit_funds];
            split_money(&mut [&mut f[k], &mut s[k], &mut u[k]], target, dp);
            let [p, o, sp] = [&mut h.personnel, &mut h.operation, &mut h.specific];
            split_money(&mut [&mut p[k], &mut o[k], &mut sp[k]], target, dp);
        }
    }
}

#[cfg(test)]
mod tests;
