//! The performance target forms (绩效目标表, `kind: performance-targets`): a department's
//! whole-expenditure target form (部门整体支出绩效目标表), the summary of its special funds
//! (专项资金预算绩效目标汇总表) and one target form per spending direction
//! (专项资金支出方向绩效目标表), as Hunan's departments publish them with their budget.
//!
//! Each fact is entered once: 资金总额, the summary table's rows, its 合计 and ordinals are
//! derived from the funds and the directions. The optional `stated_total` and `summary`
//! fields hold figures and texts as printed elsewhere (the summary table copies each
//! direction's amount and goals), which `validate` compares with the facts they copy.
//!
//! Amounts are [`Money`] in 万元, to the yuan (at most 4 decimals).

use schemars::JsonSchema;
use serde::Deserialize;

use crate::num::Money;

/// The whole input file of performance target forms.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceTargets {
    /// Document kind: `performance-targets` (绩效目标表).
    #[schemars(extend("const" = "performance-targets"))]
    pub kind: String,
    /// Layout (template set) to render with; `performance-targets` when absent.
    #[serde(default)]
    pub layout: Option<String>,
    /// Budget year, e.g. 2021.
    pub year: i32,
    /// The department: 填报单位 of the department form and 项目主管部门 of the special fund
    /// forms, e.g. `石峰区信访局`.
    pub department: String,
    /// District or city, e.g. `石峰区` (not printed on the forms; kept with the report).
    #[serde(default)]
    pub region: Option<String>,
    /// 部门整体支出绩效目标表.
    pub department_form: DepartmentTargets,
    /// 专项资金: the summary table and one form per spending direction.
    #[serde(default)]
    pub special_funds: SpecialFunds,
}

/// 部门整体支出绩效目标表.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentTargets {
    /// 部门名称 as the form prints it: the budget unit, e.g. `信访局本级`.
    pub unit: String,
    /// 年度预算申请 (万元), by income nature and by expenditure nature.
    pub funds: Funds,
    /// 部门职责概述: one item per duty, without its number (（一）… is printed).
    pub duties: Vec<String>,
    /// 年度重点工作计划.
    pub work_plan: Vec<WorkItem>,
    /// 年度绩效指标.
    pub indicators: Vec<TargetIndicator>,
}

/// 年度预算申请: the year's funds, split two ways; both splits add up to 资金总额.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// 按收入性质分：一般公共预算拨款.
    #[serde(default)]
    pub general: Money,
    /// 按收入性质分：政府性基金拨款.
    #[serde(default)]
    pub fund: Money,
    /// 按收入性质分：其他资金.
    #[serde(default)]
    pub other: Money,
    /// 按支出性质分：基本支出.
    #[serde(default)]
    pub basic: Money,
    /// 按支出性质分：项目支出 (the special funds' directions add up to it).
    #[serde(default)]
    pub project: Money,
    /// 资金总额 as printed, when copied from a document; checked against the sum.
    #[serde(default)]
    pub stated_total: Option<Money>,
}

/// One item of 年度重点工作计划.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItem {
    /// 事项, e.g. `强化责任担当`.
    pub item: String,
    /// 责任单位/科室.
    pub owner: String,
    /// 工作目标.
    pub goal: String,
}

/// A performance indicator of a target form (年度绩效指标).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetIndicator {
    /// 一级指标, e.g. `产出指标`; consecutive equal values are merged when printed.
    pub level1: String,
    /// 二级指标, e.g. `产出数量`, `产出成本`; consecutive equal values are merged.
    pub level2: String,
    /// 三级指标, e.g. `预算资金使用率`.
    pub name: String,
    /// 指标值, e.g. `100%`, `50人`, `≤38.598万元`, `良好`.
    pub value: String,
    /// 备注, e.g. the calculation basis `612元/人/月`.
    #[serde(default)]
    pub note: String,
}

/// 专项资金: its spending directions, and the summary table's total as printed.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpecialFunds {
    /// The summary table's 合计 as printed, when copied; checked against the directions.
    #[serde(default)]
    pub stated_total: Option<Money>,
    /// The spending directions (支出方向/子项), in the summary table's order.
    #[serde(default)]
    pub directions: Vec<Direction>,
}

/// A spending direction (支出方向/子项) of a special fund, with its target form.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    /// 支出方向（子项）.
    pub name: String,
    /// 所属专项: the special fund it belongs to.
    pub special: String,
    /// 项目金额 (万元).
    pub amount: Money,
    /// 项目实施期, e.g. `1年`.
    pub period: String,
    /// 实施期绩效目标.
    pub period_goal: String,
    /// 年度绩效目标.
    pub annual_goal: String,
    /// 年度绩效指标.
    pub indicators: Vec<TargetIndicator>,
    /// The direction's row as printed in the summary table, when copied from there;
    /// each field given is checked against the direction's own.
    #[serde(default)]
    pub summary: Option<SummaryCopy>,
}

/// A direction's figures and texts as the summary table prints them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryCopy {
    /// 金额 as printed in the summary table.
    #[serde(default)]
    pub amount: Option<Money>,
    /// 实施期绩效目标 as printed in the summary table.
    #[serde(default)]
    pub period_goal: Option<String>,
    /// 年度绩效目标 as printed in the summary table.
    #[serde(default)]
    pub annual_goal: Option<String>,
}
