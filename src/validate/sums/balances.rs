//! Balances: facts entered twice that must agree — income and expenditure per unit and
//! funding source (SUM-001), economic and function classification of basic expenditure
//! (SUM-002), the project list and the project column (SUM-003), allocation splits
//! (SUM-011), staffing (SUM-012) and last year's figures (SUM-013, SUM-014).

use std::collections::{BTreeMap, BTreeSet};

use super::{agree, funding_label, Part, Side};
use crate::load::amounts::{ExpAmounts, ALL_FUNDINGS};
use crate::load::schema::{Allocation, Funding, Headcount, UnitStaffing};
use crate::validate::Out;

pub(super) fn check(out: &mut Out<'_>) {
    income_and_expenditure(out);
    economic_and_function(out);
    projects_and_project_column(out);
    allocations(out);
    staffing(out);
    previous_year(out);
}

/// Where a funding source is entered in an income line.
fn income_field(f: Funding) -> &'static str {
    match f {
        Funding::General => "current.general",
        Funding::Fund => "current.fund",
        Funding::StateCapital => "current.state_capital",
        Funding::CarryoverGeneral => "carryover.general",
        Funding::CarryoverFund => "carryover.fund",
        Funding::CarryoverStateCapital => "carryover.state_capital",
        Funding::SpecialAccount => "current.special_account",
        Funding::UnitFunds => "current",
    }
}

fn line_label(code: &str, name: &str) -> String {
    format!("{code} {name}")
}

/// Income = expenditure, per unit and funding source (SUM-001). The income figure is the
/// total; the expenditure lines are its parts.
fn income_and_expenditure(out: &mut Out<'_>) {
    let b = out.budget();
    let mut income: BTreeMap<(&str, Funding), Side> = BTreeMap::new();
    for (i, l) in b.income.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("income[{i}]")) else {
            continue;
        };
        for f in ALL_FUNDINGS {
            let v = l.current.for_funding(&l.carryover, f);
            if !v.is_zero() {
                income.entry((u, f)).or_default().push(Part::new(
                    format!("income[{i}].{}", income_field(f)),
                    "收入",
                    v,
                ));
            }
        }
    }
    let mut spent: BTreeMap<(&str, Funding), Side> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) else {
            continue;
        };
        spent.entry((u, l.funding)).or_default().push(Part::new(
            format!("expenditure[{i}]"),
            line_label(&l.code, &l.name),
            ExpAmounts::of(l).total(),
        ));
    }
    let keys: BTreeSet<(&str, Funding)> = income.keys().chain(spent.keys()).copied().collect();
    let empty = Side::default();
    for key in keys {
        let inc = income.get(&key).unwrap_or(&empty);
        let exp = spent.get(&key).unwrap_or(&empty);
        let field = match inc.parts.as_slice() {
            [only] => only.field.clone(),
            _ => unit_income_field(out, key.0),
        };
        agree(
            out,
            "SUM-001",
            &field,
            &format!("单位 {} 的{}", key.0, funding_label(key.1)),
            ("收入", inc),
            ("支出", exp),
        );
    }
}

/// The income line of unit `u`, or the income collection when it has none.
fn unit_income_field(out: &Out<'_>, u: &str) -> String {
    let b = out.budget();
    b.income
        .iter()
        .position(|l| l.unit.as_deref() == Some(u) || (l.unit.is_none() && b.units.len() == 1))
        .map_or_else(|| "income".to_owned(), |i| format!("income[{i}]"))
}

/// Basic expenditure by economic classification = the general public budget's basic
/// expenditure by function classification, per unit, for personnel and public costs
/// (SUM-002). Neither side is the total: the diagnostic points at the economic lines.
fn economic_and_function(out: &mut Out<'_>) {
    let b = out.budget();
    type Sides = BTreeMap<(&'static str, String), Side>;
    let mut econ: Sides = BTreeMap::new();
    let mut func: Sides = BTreeMap::new();
    for (i, l) in b.basic_economic.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("basic_economic[{i}]")) else {
            continue;
        };
        for (what, v, key) in [
            ("人员经费", l.personnel, "personnel"),
            ("公用经费", l.public, "public"),
        ] {
            if !v.is_zero() {
                econ.entry((what, u.to_owned()))
                    .or_default()
                    .push(Part::new(
                        format!("basic_economic[{i}].{key}"),
                        line_label(&l.code, &l.name),
                        v,
                    ));
            }
        }
    }
    for (i, l) in b.expenditure.iter().enumerate() {
        if l.funding != Funding::General {
            continue;
        }
        let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) else {
            continue;
        };
        for (what, v, key) in [
            ("人员经费", l.personnel, "personnel"),
            ("公用经费", l.public, "public"),
        ] {
            if !v.is_zero() {
                func.entry((what, u.to_owned()))
                    .or_default()
                    .push(Part::new(
                        format!("expenditure[{i}].{key}"),
                        line_label(&l.code, &l.name),
                        v,
                    ));
            }
        }
    }
    let keys: BTreeSet<(&str, String)> = econ.keys().chain(func.keys()).cloned().collect();
    let empty = Side::default();
    for key in keys {
        let e = econ.get(&key).unwrap_or(&empty);
        let f = func.get(&key).unwrap_or(&empty);
        agree(
            out,
            "SUM-002",
            "basic_economic",
            &format!("单位 {} 的基本支出{}", key.1, key.0),
            ("经济分类合计", e),
            ("功能分类（一般公共预算）合计", f),
        );
    }
}

/// The project list = the project column of the function classification, per unit and
/// funding source (SUM-003). Neither side is the total: the diagnostic points at the list.
fn projects_and_project_column(out: &mut Out<'_>) {
    let b = out.budget();
    if b.projects.is_empty() {
        return;
    }
    let mut listed: BTreeMap<(&str, Funding), Side> = BTreeMap::new();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(u) = out.unit_ref(&p.unit, &format!("projects[{i}]")) else {
            continue;
        };
        for f in ALL_FUNDINGS {
            let v = p.amounts.for_funding(&p.carryover, f);
            if !v.is_zero() {
                listed.entry((u, f)).or_default().push(Part::new(
                    format!("projects[{i}].amounts"),
                    p.name.clone(),
                    v,
                ));
            }
        }
    }
    let mut column: BTreeMap<(&str, Funding), Side> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) else {
            continue;
        };
        if !l.project.is_zero() {
            column.entry((u, l.funding)).or_default().push(Part::new(
                format!("expenditure[{i}].project"),
                line_label(&l.code, &l.name),
                l.project,
            ));
        }
    }
    let keys: BTreeSet<(&str, Funding)> = listed.keys().chain(column.keys()).copied().collect();
    let empty = Side::default();
    for key in keys {
        agree(
            out,
            "SUM-003",
            "projects",
            &format!("单位 {} 的{}项目", key.0, funding_label(key.1)),
            ("项目清单合计", listed.get(&key).unwrap_or(&empty)),
            ("支出表项目支出", column.get(&key).unwrap_or(&empty)),
        );
    }
}

fn allocation_label(a: Allocation) -> &'static str {
    match a {
        Allocation::Regular => "一般性经费拨款",
        Allocation::Special => "财政专项资金拨款",
        Allocation::Investment => "政府投资项目",
    }
}

/// Where a region splits appropriations (一般性经费 / 专项资金 / 政府投资项目) or lists
/// project expenditure by economic classification, each split adds up to the project
/// expenditure of the function classification, per unit, funding source and allocation
/// (SUM-011).
fn allocations(out: &mut Out<'_>) {
    let b = out.budget();
    if b.sangong.unit.is_some() {
        out.unit_ref(&b.sangong.unit, "sangong");
    }
    type Key<'a> = (&'a str, Funding, Allocation);
    let mut by_function: BTreeMap<Key<'_>, Side> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        if let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) {
            if !l.project.is_zero() {
                by_function
                    .entry((u, l.funding, l.allocation))
                    .or_default()
                    .push(Part::new(
                        format!("expenditure[{i}].project"),
                        line_label(&l.code, &l.name),
                        l.project,
                    ));
            }
        }
    }
    let mut others: Vec<(&str, &str, BTreeMap<Key<'_>, Side>)> = Vec::new();
    if !b.project_economic.is_empty() {
        let mut econ: BTreeMap<Key<'_>, Side> = BTreeMap::new();
        for (i, l) in b.project_economic.iter().enumerate() {
            if let Some(u) = out.unit_ref(&l.unit, &format!("project_economic[{i}]")) {
                econ.entry((u, l.funding, l.allocation))
                    .or_default()
                    .push(Part::new(
                        format!("project_economic[{i}].amount"),
                        line_label(&l.code, &l.name),
                        l.amount,
                    ));
            }
        }
        others.push(("project_economic", "经济分类合计", econ));
    }
    let split = b
        .expenditure
        .iter()
        .any(|l| l.allocation != Allocation::Regular)
        || b.projects
            .iter()
            .any(|p| p.allocation != Allocation::Regular);
    if split && !b.projects.is_empty() {
        let mut listed: BTreeMap<Key<'_>, Side> = BTreeMap::new();
        for (i, p) in b.projects.iter().enumerate() {
            if let Some(u) = out.unit_ref(&p.unit, &format!("projects[{i}]")) {
                for f in ALL_FUNDINGS {
                    let v = p.amounts.for_funding(&p.carryover, f);
                    if !v.is_zero() {
                        listed
                            .entry((u, f, p.allocation))
                            .or_default()
                            .push(Part::new(
                                format!("projects[{i}].allocation"),
                                p.name.clone(),
                                v,
                            ));
                    }
                }
            }
        }
        others.push(("projects", "项目清单合计", listed));
    }
    let empty = Side::default();
    for (collection, what, other) in &others {
        let keys: BTreeSet<Key<'_>> = by_function.keys().chain(other.keys()).copied().collect();
        for k in keys {
            let o = other.get(&k).unwrap_or(&empty);
            // A single part can be blamed: it is the allocation that is wrong.
            let field = match o.parts.as_slice() {
                [only] => only.field.clone(),
                _ => (*collection).to_owned(),
            };
            agree(
                out,
                "SUM-011",
                &field,
                &format!(
                    "单位 {} 的{}（{}）项目支出",
                    k.0,
                    funding_label(k.1),
                    allocation_label(k.2)
                ),
                (what, o),
                ("功能分类合计", by_function.get(&k).unwrap_or(&empty)),
            );
        }
    }
}

/// Where units carry their own staffing, their posts, staff and retirees add up to the
/// department's staffing (SUM-012). The department's figure is the total.
fn staffing(out: &mut Out<'_>) {
    let b = out.budget();
    let units: Vec<(usize, &UnitStaffing)> = b
        .units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.staffing.as_ref().map(|s| (i, s)))
        .collect();
    if units.is_empty() {
        return;
    }
    let s = &b.overview.staffing;
    let count = |v: &[Headcount]| -> u64 { v.iter().map(|h| u64::from(h.count)).sum() };
    type Of = fn(&UnitStaffing) -> u64;
    let rows: [(&str, &str, u64, Of); 3] = [
        (
            "编制数",
            "overview.staffing.authorized",
            count(&s.authorized),
            |u| u64::from(u.admin_posts) + u64::from(u.institution_posts),
        ),
        (
            "实有人数",
            "overview.staffing.actual",
            count(&s.actual),
            |u| u64::from(u.admin_actual) + u64::from(u.institution_actual),
        ),
        (
            "退休人数",
            "overview.staffing.retired",
            u64::from(s.retired),
            |u| u64::from(u.retired),
        ),
    ];
    for (what, field, dept, of) in rows {
        let sum: u64 = units.iter().map(|(_, u)| of(u)).sum();
        if dept != sum {
            let notes = units
                .iter()
                .map(|(i, u)| {
                    out.note(
                        format!("units[{i}].staffing"),
                        format!("{} {} 人", b.units[*i].name, of(u)),
                    )
                })
                .collect();
            out.emit(
                "SUM-012",
                field,
                format!("部门{what} {dept} 人，各单位（units[].staffing）合计 {sum} 人"),
            )
            .notes = notes;
        }
    }
}

/// Last year's figures: its classes add up to its general public budget (SUM-013), and
/// its basic and project expenditure to its total (SUM-014).
fn previous_year(out: &mut Out<'_>) {
    let p = &out.budget().previous_year;
    if !p.general_classes.is_empty() {
        let mut total = Side::default();
        total.push(Part::new(
            "previous_year.general_public",
            "上年一般公共预算拨款",
            p.general_public,
        ));
        let mut classes = Side::default();
        for (i, c) in p.general_classes.iter().enumerate() {
            classes.push(Part::new(
                format!("previous_year.general_classes[{i}].amount"),
                format!("类 {}", c.code),
                c.amount,
            ));
        }
        agree(
            out,
            "SUM-013",
            "previous_year.general_public",
            "上年一般公共预算拨款",
            ("录入", &total),
            ("各类合计", &classes),
        );
    }
    if let (Some(basic), Some(project)) = (p.basic, p.project) {
        let mut total = Side::default();
        total.push(Part::new("previous_year.total", "上年收支总预算", p.total));
        let mut parts = Side::default();
        parts.push(Part::new("previous_year.basic", "上年基本支出", basic));
        parts.push(Part::new("previous_year.project", "上年项目支出", project));
        agree(
            out,
            "SUM-014",
            "previous_year.total",
            "上年收支总预算",
            ("录入", &total),
            ("基本支出与项目支出之和", &parts),
        );
    }
}
