//! Figures copied from an approval document or a published report (`stated:`), which
//! `validate` checks against the derived sums; nothing here is printed.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::num::Money;

/// Totals copied from the approval document; each is checked against the derived sum.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stated {
    /// 收入总计.
    #[serde(default)]
    pub income_total: Option<Money>,
    /// 支出总计.
    #[serde(default)]
    pub expenditure_total: Option<Money>,
    /// 基本支出.
    #[serde(default)]
    pub basic: Option<Money>,
    /// 项目支出.
    #[serde(default)]
    pub project: Option<Money>,
    /// Subtotals of function classification 类/款 codes (table 3 合计 column).
    #[serde(default)]
    pub function_totals: Vec<StatedCode>,
    /// Subtotals of economic classification 类 codes (table 7 合计 column).
    #[serde(default)]
    pub economic_totals: Vec<StatedCode>,
    /// Year-over-year changes as a published narrative states them.
    #[serde(default)]
    pub changes: Vec<StatedChange>,
    /// Shares (占比) as a published narrative states them.
    #[serde(default)]
    pub shares: Vec<StatedShare>,
    /// State-owned asset totals and changes as a published text states them.
    #[serde(default)]
    pub assets: StatedAssets,
}

/// Asset figures as a published text prints them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedAssets {
    /// 年初资产总额.
    #[serde(default)]
    pub opening_total: Option<Money>,
    /// 年末资产总额 (or 截至… 资产总额).
    #[serde(default)]
    pub closing_total: Option<Money>,
    /// The printed change of the total (positive for 增加).
    #[serde(default)]
    pub change: Option<Money>,
    /// Printed changes of categories.
    #[serde(default)]
    pub categories: Vec<StatedAssetChange>,
}

/// A category's change as printed ("通用设备比上年增加 5.95 万元，增加 23%").
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedAssetChange {
    /// The category, as in `assets.categories`.
    pub name: String,
    /// The printed change (positive for 增加).
    #[serde(default)]
    pub amount: Option<Money>,
    /// The printed growth in percent.
    #[serde(default)]
    pub percent: Option<Money>,
}

/// Which share a stated percentage is about: a function classification 类 (`code`) as a
/// share of general public budget expenditure, or one of the `subject`s.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedShare {
    /// A function classification 类 code (3 digits): its share of general public budget
    /// expenditure (一般公共预算支出).
    #[serde(default)]
    pub code: Option<String>,
    /// Or a named share.
    #[serde(default)]
    pub subject: Option<ShareSubject>,
    /// The printed percentage, e.g. `82.0`.
    pub percent: Money,
}

/// A named share of the narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShareSubject {
    /// 基本支出 as a share of total expenditure (支出预算).
    Basic,
    /// 项目支出 as a share of total expenditure.
    Project,
    /// 一般公共预算基本支出 as a share of general public budget expenditure.
    GeneralBasic,
    /// 一般公共预算项目支出 as a share of general public budget expenditure.
    GeneralProject,
}

/// Which figure a stated change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeSubject {
    /// 收支总预算.
    Total,
    /// 一般公共预算拨款.
    General,
    /// 基本支出 (against `previous_year.basic`).
    Basic,
    /// 项目支出 (against `previous_year.project`).
    Project,
    /// 机关运行经费.
    AdminCosts,
    /// "三公" total.
    Sangong,
    /// 因公出国(境)费.
    Outbound,
    /// 公务接待费.
    Reception,
    /// 公务用车购置费.
    VehiclePurchase,
    /// 公务用车运行维护费.
    VehicleOperation,
    /// 政府采购.
    Procurement,
    /// A function classification 类 of the general public budget (its `code`), against
    /// `previous_year.general_classes`.
    Class,
}

/// A year-over-year change as printed (e.g. "减少 0.03 万元，下降 15%").
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedChange {
    /// Which figure.
    pub subject: ChangeSubject,
    /// The 类 code, for `subject: class`.
    #[serde(default)]
    pub code: Option<String>,
    /// The printed difference (positive for 增加, negative for 减少).
    #[serde(default)]
    pub amount: Option<Money>,
    /// The printed percentage (positive for 增长, negative for 下降).
    #[serde(default)]
    pub percent: Option<Money>,
}

/// A stated subtotal of a classification code.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedCode {
    /// The 类 or 款 code.
    pub code: String,
    /// The stated amount.
    pub amount: Money,
}
