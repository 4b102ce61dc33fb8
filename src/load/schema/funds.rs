//! Income and expenditure: amounts by funding source, the function classification 项
//! lines, economic classification 款 lines, and last year's figures they are compared with.

use schemars::JsonSchema;
use serde::Deserialize;

use super::StatedCode;
use crate::num::Money;

/// Last year's budget figures (上年预算数).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousYear {
    /// Last year's total budget (收支总预算); also last year's income and expenditure.
    pub total: Money,
    /// Last year's general public budget appropriation (一般公共预算拨款).
    pub general_public: Money,
    /// Last year's basic expenditure, when the layout compares it.
    #[serde(default)]
    pub basic: Option<Money>,
    /// Last year's project expenditure, when the layout compares it.
    #[serde(default)]
    pub project: Option<Money>,
    /// Last year's general public budget by function classification 类, when the layout
    /// compares each 类 with last year.
    #[serde(default)]
    pub general_classes: Vec<StatedCode>,
}

/// Amounts by funding source. Absent sources are zero.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// 一般公共预算拨款.
    #[serde(default)]
    pub general: Money,
    /// 政府性基金预算拨款.
    #[serde(default)]
    pub fund: Money,
    /// 国有资本经营预算拨款.
    #[serde(default)]
    pub state_capital: Money,
    /// 财政专户管理资金.
    #[serde(default)]
    pub special_account: Money,
    /// 事业收入.
    #[serde(default)]
    pub business: Money,
    /// 事业单位经营收入.
    #[serde(default)]
    pub operating: Money,
    /// 上级补助收入.
    #[serde(default)]
    pub superior: Money,
    /// 附属单位上缴收入.
    #[serde(default)]
    pub affiliated: Money,
    /// 其他收入.
    #[serde(default)]
    pub other: Money,
}

/// Income of one budget unit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// This year's income by source (本年收入).
    #[serde(default)]
    pub current: Sources,
    /// Carry-over from last year by source (上年结转结余).
    #[serde(default)]
    pub carryover: Sources,
}

/// Where an expenditure line's money comes from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    /// 一般公共预算拨款 (this year).
    #[default]
    General,
    /// 政府性基金预算拨款 (this year).
    Fund,
    /// 国有资本经营预算拨款 (this year).
    StateCapital,
    /// 一般公共预算 上年结转结余.
    CarryoverGeneral,
    /// 政府性基金预算 上年结转结余.
    CarryoverFund,
    /// 国有资本经营预算 上年结转结余.
    CarryoverStateCapital,
    /// 财政专户管理资金.
    SpecialAccount,
    /// 单位资金 (事业收入, 经营收入, 上级补助, 附属单位上缴, 其他收入 and their carry-over).
    UnitFunds,
}

/// How an appropriation is made (拨款方式), where a region splits its appropriations.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// 一般性经费拨款 (of a government fund: 其他政府性基金).
    #[default]
    Regular,
    /// 财政专项资金拨款.
    Special,
    /// 政府投资项目.
    Investment,
}

/// Expenditure on one function classification 项 by one unit from one funding source.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpenditureLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Function classification 项 code (7 digits).
    pub code: String,
    /// Its name as the clerk copied it.
    pub name: String,
    /// Funding source; `general` when absent.
    #[serde(default)]
    pub funding: Funding,
    /// How the appropriation is made; `regular` (一般性经费拨款) when absent.
    #[serde(default)]
    pub allocation: Allocation,
    /// True for funds of a special transfer from a higher government (上级专项转移支付).
    #[serde(default)]
    pub transfer: bool,
    /// Basic expenditure: personnel (人员经费).
    #[serde(default)]
    pub personnel: Money,
    /// Basic expenditure: public (公用经费).
    #[serde(default)]
    pub public: Money,
    /// Project expenditure (项目支出).
    #[serde(default)]
    pub project: Money,
    /// 事业单位经营支出.
    #[serde(default)]
    pub operating: Money,
    /// 上缴上级支出.
    #[serde(default)]
    pub remit_superior: Money,
    /// 对附属单位补助支出.
    #[serde(default)]
    pub subsidy_affiliated: Money,
}

/// Basic expenditure on one economic classification 款 (general public budget).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EconomicLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Economic classification 款 code (5 digits), e.g. `"30101"`.
    pub code: String,
    /// Its name, e.g. `基本工资`.
    pub name: String,
    /// 人员经费 part.
    #[serde(default)]
    pub personnel: Money,
    /// 公用经费 part.
    #[serde(default)]
    pub public: Money,
}

/// Project expenditure on one economic classification 款 (项目支出经济分类).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectEconomicLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Economic classification 款 code (5 digits), e.g. `"30299"`.
    pub code: String,
    /// Its name, e.g. `其他商品和服务支出`.
    pub name: String,
    /// Funding source; `general` when absent.
    #[serde(default)]
    pub funding: Funding,
    /// How the appropriation is made; `regular` when absent.
    #[serde(default)]
    pub allocation: Allocation,
    /// Amount.
    pub amount: Money,
}
