//! The report of the performance target forms (`kind: performance-targets`): every figure
//! and row the forms print, derived once — 资金总额, the funds block's row pairs, the
//! summary table's ordinals and 合计, and the indicator rows with the spans of their merged
//! 一级/二级 cells.

use serde::Serialize;

use super::forms::{with_spans, Cells, IndicatorRow};
use super::{ordinal, Meta};
use crate::load::schema::targets::{PerformanceTargets, TargetIndicator};
use crate::load::schema::OrdinalStyle;
use crate::num::Money;
use crate::validate::Validated;

/// Decimals of amounts: 万元 to the yuan.
pub const DECIMALS: u32 = 4;

/// The derived report of the target forms.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TargetsReport {
    /// Title data and display settings.
    pub meta: Meta,
    /// 部门整体支出绩效目标表.
    pub department_form: DepartmentView,
    /// 专项资金预算绩效目标汇总表.
    pub summary: SummaryView,
    /// 专项资金支出方向绩效目标表, one per direction, in the summary table's order.
    pub directions: Vec<DirectionView>,
}

/// The department form.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DepartmentView {
    /// 部门名称 (the budget unit, e.g. 信访局本级).
    pub unit: String,
    /// 资金总额: the sum of the funds by income nature.
    pub total: Money,
    /// The funds block, one row per pair: by income nature beside by expenditure nature.
    pub funds: Vec<FundPair>,
    /// 部门职责概述, numbered.
    pub duties: Vec<Numbered>,
    /// 年度重点工作计划.
    pub work_plan: Vec<WorkRow>,
    /// 年度绩效指标.
    pub indicators: Vec<TargetRow>,
}

/// An amount of the funds block; `key` names the line (`general`, `fund`, `other`,
/// `basic`, `project`), the layout words it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FundLine {
    /// Which line.
    pub key: &'static str,
    /// Amount in 万元.
    pub amount: Money,
}

/// One row of the funds block.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FundPair {
    /// 按收入性质分.
    pub income: Option<FundLine>,
    /// 按支出性质分.
    pub spending: Option<FundLine>,
}

/// A numbered text (（一）…).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Numbered {
    /// Chinese ordinal: 一, 二 ….
    pub ordinal: String,
    /// Text.
    pub text: String,
}

/// One item of 年度重点工作计划.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WorkRow {
    /// 事项.
    pub item: String,
    /// 责任单位/科室.
    pub owner: String,
    /// 工作目标.
    pub goal: String,
}

/// An indicator of a target form (the spans and common columns: [`IndicatorRow`]).
pub type TargetRow = IndicatorRow<Remark>;

/// The column a target form adds to an indicator.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Remark {
    /// 备注.
    pub note: String,
}

/// The summary table of the special funds.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SummaryView {
    /// 合计: the sum of the directions.
    pub total: Money,
    /// One row per direction.
    pub rows: Vec<SummaryRow>,
}

/// A row of the summary table.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SummaryRow {
    /// 序号: 一, 二 ….
    pub ordinal: String,
    /// 支出方向（子项）.
    pub name: String,
    /// 金额.
    pub amount: Money,
    /// 实施期绩效目标 (the direction's own).
    pub period_goal: String,
    /// 年度绩效目标 (the direction's own).
    pub annual_goal: String,
}

/// A direction's target form.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DirectionView {
    /// 支出方向（子项）.
    pub name: String,
    /// 所属专项.
    pub special: String,
    /// 项目金额.
    pub amount: Money,
    /// 项目实施期.
    pub period: String,
    /// 实施期绩效目标.
    pub period_goal: String,
    /// 年度绩效目标.
    pub annual_goal: String,
    /// 年度绩效指标.
    pub indicators: Vec<TargetRow>,
}

fn indicator_rows(list: &[TargetIndicator]) -> Vec<TargetRow> {
    with_spans(
        list.iter()
            .map(|i| Cells {
                key: (i.level1.trim(), i.level2.trim()),
                texts: [&i.level1, &i.level2, &i.name, &i.value],
                more: Remark {
                    note: i.note.clone(),
                },
            })
            .collect(),
    )
}

/// The funds block's rows: the income lines beside the expenditure lines.
fn fund_pairs(t: &PerformanceTargets) -> Vec<FundPair> {
    let f = &t.department_form.funds;
    let income = [("general", f.general), ("fund", f.fund), ("other", f.other)];
    let spending = [("basic", f.basic), ("project", f.project)];
    let line = |(key, amount): (&'static str, Money)| FundLine { key, amount };
    (0..income.len().max(spending.len()))
        .map(|i| FundPair {
            income: income.get(i).copied().map(line),
            spending: spending.get(i).copied().map(line),
        })
        .collect()
}

/// The report of validated target forms.
pub fn derive(v: &Validated<PerformanceTargets>, draft: bool, layout: &str) -> TargetsReport {
    let t = v.doc();
    let style = OrdinalStyle::default();
    let d = &t.department_form;
    let f = &d.funds;
    let dirs = &t.special_funds.directions;
    TargetsReport {
        meta: Meta {
            document: "绩效目标表".to_owned(),
            department: t.department.clone(),
            department_full: t.department.clone(),
            department_code: String::new(),
            region: t.region.clone().unwrap_or_default(),
            phone: String::new(),
            year: t.year,
            previous_year: t.year - 1,
            unit: "万元".to_owned(),
            decimals: DECIMALS,
            percent_decimals: 1,
            ordinals: style,
            layout: layout.to_owned(),
            draft,
        },
        department_form: DepartmentView {
            unit: d.unit.clone(),
            total: f.general + f.fund + f.other,
            funds: fund_pairs(t),
            duties: d
                .duties
                .iter()
                .enumerate()
                .map(|(i, text)| Numbered {
                    ordinal: ordinal::chinese(i + 1, style),
                    text: text.clone(),
                })
                .collect(),
            work_plan: d
                .work_plan
                .iter()
                .map(|w| WorkRow {
                    item: w.item.clone(),
                    owner: w.owner.clone(),
                    goal: w.goal.clone(),
                })
                .collect(),
            indicators: indicator_rows(&d.indicators),
        },
        summary: SummaryView {
            total: dirs.iter().map(|x| x.amount).sum(),
            rows: dirs
                .iter()
                .enumerate()
                .map(|(i, x)| SummaryRow {
                    ordinal: ordinal::chinese(i + 1, style),
                    name: x.name.clone(),
                    amount: x.amount,
                    period_goal: x.period_goal.clone(),
                    annual_goal: x.annual_goal.clone(),
                })
                .collect(),
        },
        directions: dirs
            .iter()
            .map(|x| DirectionView {
                name: x.name.clone(),
                special: x.special.clone(),
                amount: x.amount,
                period: x.period.clone(),
                period_goal: x.period_goal.clone(),
                annual_goal: x.annual_goal.clone(),
                indicators: indicator_rows(&x.indicators),
            })
            .collect(),
    }
}
