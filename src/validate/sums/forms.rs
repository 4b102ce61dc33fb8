//! Performance forms: a project form's breakdown adds up to the project's budget
//! (SUM-008); the department form's two-year history balances (SUM-009) and agrees with
//! last year's budget (SUM-010).

use super::{agree, Part, Side};
use crate::validate::Out;

pub(super) fn check(out: &mut Out<'_>) {
    projects(out);
    department(out);
}

/// The breakdown of a project form (项目支出明细) adds up to the project's budget, the
/// total the form prints as 当年预算合计.
fn projects(out: &mut Out<'_>) {
    let b = out.budget();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        if f.details.is_empty() {
            continue;
        }
        let mut budget = Side::default();
        budget.push(Part::new(
            format!("projects[{i}].amounts"),
            "项目预算",
            p.amounts.total() + p.carryover.total(),
        ));
        let mut details = Side::default();
        for (k, d) in f.details.iter().enumerate() {
            details.push(Part::new(
                format!("projects[{i}].performance.details[{k}]"),
                d.content.clone(),
                d.local + d.transfer + d.other,
            ));
        }
        agree(
            out,
            "SUM-008",
            &format!("projects[{i}].amounts"),
            &format!("项目“{}”", p.name),
            ("项目预算", &budget),
            ("绩效目标申报表支出明细合计", &details),
        );
    }
}

/// The department form's history: income = spending in each year, and last year's income
/// is last year's budget.
fn department(out: &mut Out<'_>) {
    let b = out.budget();
    let Some(d) = &b.department_performance else {
        return;
    };
    let h = &d.history;
    let base = "department_performance.history";
    for (k, year) in [
        (0usize, b.year.saturating_sub(2)),
        (1, b.year.saturating_sub(1)),
    ] {
        let mut income = Side::default();
        for (key, name, v) in [
            ("fiscal", "财政拨款", h.fiscal[k]),
            (
                "special_account",
                "专户管理的非税收入",
                h.special_account[k],
            ),
            ("unit_funds", "单位资金", h.unit_funds[k]),
        ] {
            income.push(Part::new(format!("{base}.{key}[{k}]"), name, v));
        }
        let mut spending = Side::default();
        for (key, name, v) in [
            ("personnel", "人员经费", h.personnel[k]),
            ("operation", "公用经费", h.operation[k]),
            ("specific", "项目支出", h.specific[k]),
        ] {
            spending.push(Part::new(format!("{base}.{key}[{k}]"), name, v));
        }
        agree(
            out,
            "SUM-009",
            base,
            &format!("整体绩效目标表 {year} 年"),
            ("收入合计", &income),
            ("支出合计", &spending),
        );
        if k == 1 {
            let mut budget = Side::default();
            budget.push(Part::new(
                "previous_year.total",
                "上年预算",
                b.previous_year.total,
            ));
            agree(
                out,
                "SUM-010",
                &format!("{base}.fiscal[1]"),
                &format!("整体绩效目标表中 {year} 年收入合计与上年预算 previous_year.total"),
                ("绩效目标表", &income),
                ("上年预算", &budget),
            );
        }
    }
}
