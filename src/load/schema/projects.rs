//! Projects and performance forms: the project list (table 11), each project's
//! performance form (table 15), the whole-department form (table 14) and the short
//! whole-department targets, with their goals and indicators.

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Allocation, Sources};
use crate::num::Money;

/// A project's execution period (预算执行时间).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    #[schemars(extend("pattern" = super::DATE_PATTERN))]
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    #[schemars(extend("pattern" = super::DATE_PATTERN))]
    pub end: String,
}

/// A project (项目).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Project code, when the budget system gives one.
    #[serde(default)]
    pub code: Option<String>,
    /// Project name.
    pub name: String,
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Category code in table 11, e.g. `"31"`.
    #[serde(default)]
    pub category_code: Option<String>,
    /// Category name in table 11, e.g. `本级支出项目`.
    #[serde(default)]
    pub category: String,
    /// Category in the department performance form, e.g. `经常性项目`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Function classification 项 it is charged to.
    #[serde(default)]
    pub function_code: Option<String>,
    /// Amounts by source (this year); carry-over in `carryover`.
    pub amounts: Sources,
    /// Carry-over funds by source (财政拨款结转结余: general / fund / state_capital).
    #[serde(default)]
    pub carryover: Sources,
    /// What it is used for (主要用于…), part 2 section 九.
    #[serde(default)]
    pub purpose: String,
    /// How the appropriation is made; `regular` (一般性经费拨款) when absent.
    #[serde(default)]
    pub allocation: Allocation,
    /// Execution period (预算执行时间), where the layout lists it.
    #[serde(default)]
    pub period: Option<Period>,
    /// Direction and use as written in the department performance form (项目主要支出方向和用途).
    #[serde(default)]
    pub form_purpose: Option<String>,
    /// Total budget over the project's life (延续性项目).
    #[serde(default)]
    pub total_budget: Option<Money>,
    /// The project's performance form (table 15).
    #[serde(default)]
    pub performance: Option<ProjectPerformance>,
}

/// A project's performance form (项目支出绩效目标申报表, table 15).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectPerformance {
    /// 项目名称 as printed on the form, when it was copied; must equal the project's name.
    #[serde(default)]
    pub name: Option<String>,
    /// 项目代码 as printed on the form.
    #[serde(default)]
    pub code: Option<String>,
    /// 单位名称 (盖章) and 项目主管部门.
    pub department: String,
    /// 项目执行单位.
    pub executor: String,
    /// 项目负责人.
    pub manager: String,
    /// 联系电话.
    pub phone: String,
    /// 项目类别: 运转类 / 特定目标类本级支出 / 特定目标类上级转移支出.
    pub category: String,
    /// 项目安排频度: 一次性项目 / 常年项目 / 延续性项目.
    pub frequency: String,
    /// 立项依据.
    pub basis: String,
    /// 项目实施方案.
    pub plan: String,
    /// 上年绩效评价结果、整改及应用.
    pub last_evaluation: String,
    /// 项目前两年预算及当年预算变动情况.
    pub budget_history: String,
    /// 项目支出明细及依据.
    pub details: Vec<ProjectDetail>,
    /// 项目资产配置计划及采购计划.
    #[serde(default)]
    pub assets: Vec<AssetPlan>,
    /// 长期绩效目标 with indicators.
    pub long_term_goals: Vec<Goal>,
    /// 年度绩效目标 with indicators (with history and weights).
    pub annual_goals: Vec<Goal>,
    /// 指标权重比例(%) of the annual goals, in order.
    #[serde(default)]
    pub annual_goal_weights: Vec<Money>,
}

/// One line of a project's expenditure breakdown (项目支出明细).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectDetail {
    /// 项目内容.
    pub content: String,
    /// 测算依据及说明.
    pub basis: String,
    /// 本级财政拨款金额.
    #[serde(default)]
    pub local: Money,
    /// 上级转移支付金额.
    #[serde(default)]
    pub transfer: Money,
    /// 其他资金.
    #[serde(default)]
    pub other: Money,
}

/// One line of a project's asset and procurement plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetPlan {
    /// 品名.
    pub name: String,
    /// 数量 as written (`办公电脑2台,其他若干`).
    pub quantity: String,
    /// 金额.
    pub amount: Money,
}

/// Whole-department performance form (部门整体绩效目标申报表, table 14).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentPerformance {
    /// 部门（单位）名称 as printed on the form.
    pub name: String,
    /// 填报人.
    pub filler: String,
    /// 联系电话.
    pub phone: String,
    /// 近两年收支金额: income and expenditure composition of the two previous years.
    pub history: FundHistory,
    /// 部门职能概述, one entry per item.
    pub functions: Vec<String>,
    /// 年度工作任务, one entry per item.
    pub tasks: Vec<String>,
    /// 长期目标 with their indicators.
    pub long_term_goals: Vec<Goal>,
    /// 年度目标 with their indicators.
    pub annual_goals: Vec<Goal>,
    /// The year the long-term goals run to (截止 2026 年).
    #[serde(default)]
    pub long_term_until: Option<i32>,
}

/// Whole-department performance targets (部门整体支出绩效目标表, short form).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverallTargets {
    /// 年度绩效目标, one entry per numbered goal.
    pub goals: Vec<String>,
    /// 年度绩效目标分解: the indicators (一级, 二级, 三级指标, 指标目标值).
    pub indicators: Vec<Indicator>,
}

/// Income and expenditure composition of the two years before the budget year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundHistory {
    /// 财政拨款 [two years ago, last year].
    pub fiscal: [Money; 2],
    /// 财政专户管理资金.
    #[serde(default)]
    pub special_account: [Money; 2],
    /// 单位资金.
    #[serde(default)]
    pub unit_funds: [Money; 2],
    /// 人员类项目支出.
    pub personnel: [Money; 2],
    /// 运转类项目支出.
    pub operation: [Money; 2],
    /// 特定目标类项目支出.
    pub specific: [Money; 2],
}

/// A performance goal with its indicators.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal text.
    pub text: String,
    /// Its indicators, in order; consecutive equal level1/level2 are merged when printed.
    pub indicators: Vec<Indicator>,
}

/// A performance indicator (绩效指标).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标, e.g. `产出指标`.
    pub level1: String,
    /// 二级指标, e.g. `数量指标`.
    pub level2: String,
    /// 三级指标, e.g. `政策宣传覆盖率`.
    pub name: String,
    /// 指标值 (this year), e.g. `=100%`, `≥95%`, `5件`, `0次`.
    pub value: String,
    /// Values of the two previous years [前年, 上年], when the form shows them.
    #[serde(default)]
    pub history: Option<[String; 2]>,
    /// 指标分值权重.
    #[serde(default)]
    pub weight: Option<Money>,
    /// 指标值确定依据.
    #[serde(default)]
    pub basis: String,
}
