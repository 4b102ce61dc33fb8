//! Derive for self-evaluations: a validated [`SelfEvaluation`] → the [`SelfEvalReport`], every
//! printed figure prepared once: 合计 by source, the execution rates, the row numbers.
//!
//! Like the budget report, it holds amounts as [`Money`] and rates as decimals rounded to
//! the printed decimals, never formatted text.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Meta;
use crate::load::schema::selfeval::{EvalProject, Funds, Indicator, SelfEvaluation};
use crate::load::schema::OrdinalStyle;
use crate::num::{percent, round, Money};
use crate::validate::Validated;

/// What the document is (PDF subject, portal index).
pub const DOCUMENT: &str = "预算项目绩效自评表";

/// The derived self-evaluation.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SelfEvalReport {
    /// Title data and display settings; `percent_decimals` is the rate's decimals.
    pub meta: Meta,
    /// One row per project, in input order.
    pub projects: Vec<ProjectRow>,
    /// Sums over every project (for a 合计 row, if a layout prints one; the reference
    /// form does not).
    pub totals: Amounts,
    /// The projects whose actual spending exceeds the budget, with the stated reason.
    pub overspent: Vec<Overspent>,
}

/// One project's row of the form.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProjectRow {
    /// 序号, from 1.
    pub number: usize,
    /// 部门名称 of the row.
    pub department: String,
    /// 项目名称.
    pub name: String,
    /// 项目年度预算金额 and 实际支出金额.
    pub amounts: Amounts,
    /// 预算支出执行率 in percent (实际 ÷ 预算 × 100), rounded half away from zero to the
    /// rate's decimals; `None` when the budget is zero.
    pub rate: Option<Decimal>,
    /// 年初绩效目标.
    pub target: String,
    /// 绩效目标整体完成情况.
    pub completion: String,
    /// The seven indicators in the form's column order.
    pub indicators: Vec<IndicatorCell>,
    /// 项目执行中存在的问题.
    pub problems: String,
    /// 整改情况 (empty when none).
    pub fixes: String,
}

/// Budget and actual amounts of one project, or of all.
#[derive(Debug, Clone, Copy, Default, Serialize, schemars::JsonSchema)]
pub struct Amounts {
    /// 项目年度预算金额.
    pub budget: Columns,
    /// 实际支出金额.
    pub actual: Columns,
}

/// The four amount columns of one side of the form.
#[derive(Debug, Clone, Copy, Default, Serialize, schemars::JsonSchema)]
pub struct Columns {
    /// 合计.
    pub total: Money,
    /// 财政拨款：一般公共预算.
    pub general: Money,
    /// 财政拨款：政府性基金.
    pub fund: Money,
    /// 非财政资金.
    pub non_fiscal: Money,
}

impl Columns {
    fn of(f: &Funds) -> Columns {
        Columns {
            total: f.total(),
            general: f.general,
            fund: f.fund,
            non_fiscal: f.non_fiscal,
        }
    }

    fn add(&mut self, other: &Columns) {
        self.total += other.total;
        self.general += other.general;
        self.fund += other.fund;
        self.non_fiscal += other.non_fiscal;
    }
}

/// One indicator as printed: two cells (年度指标内容, 完成情况), or one merged 不适用 cell.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct IndicatorCell {
    /// Its Chinese name (数量指标 …).
    pub name: &'static str,
    /// `given`, `empty` or `not_applicable`.
    pub state: &'static str,
    /// 年度指标内容 (empty when not given).
    pub target: String,
    /// 完成情况 (empty when not given).
    pub result: String,
}

/// A project whose actual spending exceeds its budget, and why.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Overspent {
    /// 序号 of its row.
    pub number: usize,
    /// 项目名称.
    pub name: String,
    /// The stated reason.
    pub reason: String,
}

/// 实际 ÷ 预算 × 100 rounded to `dp` decimals; `None` when the budget is zero.
pub fn execution_rate(actual: Money, budget: Money, dp: u32) -> Option<Decimal> {
    percent(actual, budget).map(|p| round(p, dp))
}

fn indicator(name: &'static str, i: &Indicator) -> IndicatorCell {
    let (state, target, result) = match i {
        Indicator::Empty => ("empty", String::new(), String::new()),
        Indicator::NotApplicable => ("not_applicable", String::new(), String::new()),
        Indicator::Given(t) => (
            "given",
            t.target.clone().unwrap_or_default(),
            t.result.clone().unwrap_or_default(),
        ),
    };
    IndicatorCell {
        name,
        state,
        target,
        result,
    }
}

fn row(e: &SelfEvaluation, i: usize, p: &EvalProject) -> ProjectRow {
    let amounts = Amounts {
        budget: Columns::of(&p.budget),
        actual: Columns::of(&p.actual),
    };
    ProjectRow {
        number: i + 1,
        department: p
            .department
            .clone()
            .unwrap_or_else(|| e.department.name.clone()),
        name: p.name.clone(),
        rate: execution_rate(
            amounts.actual.total,
            amounts.budget.total,
            e.display.rate_decimals,
        ),
        amounts,
        target: p.target.clone(),
        completion: p.completion.clone(),
        indicators: p
            .indicators
            .all()
            .iter()
            .map(|(_, name, ind)| indicator(name, ind))
            .collect(),
        problems: p.problems.clone(),
        fixes: p.fixes.clone().unwrap_or_default(),
    }
}

/// The report of a validated self-evaluation.
pub fn derive(v: &Validated<SelfEvaluation>, draft: bool, layout: &str) -> SelfEvalReport {
    let e = v.doc();
    let projects: Vec<ProjectRow> = e
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| row(e, i, p))
        .collect();
    let mut totals = Amounts::default();
    for r in &projects {
        totals.budget.add(&r.amounts.budget);
        totals.actual.add(&r.amounts.actual);
    }
    let overspent = e
        .projects
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let over = p.actual.total() > p.budget.total()
                || p.actual
                    .sources()
                    .iter()
                    .zip(p.budget.sources())
                    .any(|(a, b)| a.2 > b.2);
            let reason = p.overspend_reason.as_deref().map(str::trim)?;
            (over && !reason.is_empty()).then(|| Overspent {
                number: i + 1,
                name: p.name.clone(),
                reason: reason.to_owned(),
            })
        })
        .collect();
    let full = e
        .department
        .full_name
        .clone()
        .unwrap_or_else(|| e.department.name.clone());
    SelfEvalReport {
        meta: Meta {
            document: DOCUMENT.to_owned(),
            department: e.department.name.clone(),
            department_full: full,
            department_code: e.department.code.clone().unwrap_or_default(),
            region: String::new(),
            phone: String::new(),
            year: e.year,
            previous_year: e.year.saturating_sub(1),
            unit: e.display.unit.clone(),
            decimals: e.display.decimals,
            percent_decimals: e.display.rate_decimals,
            ordinals: OrdinalStyle::default(),
            layout: layout.to_owned(),
            draft,
        },
        projects,
        totals,
        overspent,
    }
}

#[cfg(test)]
mod tests;
