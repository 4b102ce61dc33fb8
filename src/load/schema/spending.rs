//! "三公" expenses, 机关运行经费, government procurement (table 12), purchased services
//! (table 13) and state-owned assets.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::num::Money;

/// "三公" expenses of the general public budget.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sangong {
    /// Which units spend them (单位范围), e.g. `局机关及下属1家基层单位`.
    pub scope: String,
    /// The unit whose budget holds all of them, for layouts that list "三公" by unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// 因公出国(境)费.
    pub outbound: SangongItem,
    /// 公务接待费.
    pub reception: SangongItem,
    /// 公务用车购置费.
    pub vehicle_purchase: SangongItem,
    /// 公务用车运行维护费.
    pub vehicle_operation: SangongItem,
    /// Reason for the change of the "三公" total.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One "三公" item this year and last year.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SangongItem {
    /// This year's budget.
    pub current: Money,
    /// Last year's budget.
    pub previous: Money,
    /// Reason for the change.
    #[serde(default)]
    pub reason: Option<String>,
    /// Further explanation printed after the figures (management rules, main uses).
    #[serde(default)]
    pub note: Option<String>,
}

/// 机关运行经费.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminCosts {
    /// This year.
    pub current: Money,
    /// Last year.
    pub previous: Money,
    /// Reason for the change.
    #[serde(default)]
    pub reason: Option<String>,
    /// What it mainly covers (主要包括…).
    pub includes: String,
}

/// Government procurement.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// Last year's procurement budget, for the year-over-year sentence.
    #[serde(default)]
    pub previous: Option<Money>,
    /// Reason for the change.
    #[serde(default)]
    pub reason: Option<String>,
    /// What the goods / works / services are (为办公设备…), by kind.
    #[serde(default)]
    pub descriptions: KindTexts,
    /// Procurement lines (table 12).
    #[serde(default)]
    pub lines: Vec<ProcurementLine>,
}

/// Texts per procurement kind.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindTexts {
    /// 货物.
    #[serde(default)]
    pub goods: Option<String>,
    /// 工程.
    #[serde(default)]
    pub works: Option<String>,
    /// 服务.
    #[serde(default)]
    pub services: Option<String>,
}

/// One procurement line (table 12).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcurementLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Project name it is charged to (required by layouts that print it).
    #[serde(default)]
    pub project: Option<String>,
    /// Procurement catalogue code (政府采购品目), e.g. `A` or `A02010104`; its first letter
    /// gives the kind: A 货物, B 工程, C 服务.
    pub item_code: String,
    /// Procurement catalogue name, e.g. `货物`.
    pub item_name: String,
    /// Function classification 项 code (required by layouts that print it).
    #[serde(default)]
    pub function_code: Option<String>,
    /// Economic classification 款 code (required by layouts that print it).
    #[serde(default)]
    pub economic_code: Option<String>,
    /// 资金来源, e.g. `预算安排`.
    #[serde(default)]
    pub fund_source: Option<String>,
    /// 资金性质, e.g. `经费拨款补助`.
    #[serde(default)]
    pub fund_nature: Option<String>,
    /// 采购数量.
    #[serde(default)]
    pub quantity: Option<Money>,
    /// 单价 in the display unit.
    #[serde(default)]
    pub unit_price: Option<Money>,
    /// 计量单位, e.g. `台`.
    #[serde(default)]
    pub measure: Option<String>,
    /// 采购金额.
    pub amount: Money,
    /// 其中面向中小企业.
    #[serde(default)]
    pub sme: Money,
    /// 其中面向小微企业.
    #[serde(default)]
    pub small_micro: Money,
}

/// Government-purchased services.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurchasedServices {
    /// Last year's total, for the year-over-year sentence.
    #[serde(default)]
    pub previous: Option<Money>,
    /// Lines (table 13).
    #[serde(default)]
    pub lines: Vec<ServiceLine>,
}

/// One purchased-service line (table 13).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    /// Unit code; may be omitted when there is only one unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// 是否包含政府采购.
    #[serde(default)]
    pub includes_procurement: bool,
    /// Project name it is charged to.
    pub project: String,
    /// 政府购买服务内容.
    pub content: String,
    /// 购买数量.
    pub quantity: Money,
    /// 购买金额.
    pub amount: Money,
    /// 资金来源.
    pub fund_source: String,
    /// 资金性质.
    pub fund_nature: String,
    /// Function classification 项 code.
    pub function_code: String,
    /// Economic classification 款 code.
    pub economic_code: String,
    /// 政府购买服务指导目录: 一级, 二级, 三级.
    pub catalog: Vec<String>,
}

/// State-owned assets (国有资产占有使用情况): the figures by category at a date, and
/// remarks. Totals, changes and growth are derived.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// The date the closing figures refer to (截至, `YYYY-MM-DD`), before the budget year.
    #[serde(default)]
    #[schemars(extend("pattern" = super::DATE_PATTERN))]
    pub as_of: Option<String>,
    /// The date the opening figures refer to (年初, `YYYY-MM-DD`), when they are given.
    #[serde(default)]
    #[schemars(extend("pattern" = super::DATE_PATTERN))]
    pub since: Option<String>,
    /// Amounts by category (通用设备, 专用设备, 家具用具, 房屋, 车辆 …), in 万元.
    #[serde(default)]
    pub categories: Vec<AssetCategory>,
    /// Vehicles (辆) at `as_of`.
    #[serde(default)]
    pub vehicles: Option<u32>,
    /// Houses and buildings (处) at `as_of`.
    #[serde(default)]
    pub houses: Option<u32>,
    /// Remarks printed after the figures (what was added, what is shared …); the whole
    /// description where no figures are given.
    #[serde(default)]
    pub text: String,
}

/// One category of assets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetCategory {
    /// 通用设备, 专用设备, 家具用具, 房屋, 车辆 ….
    pub name: String,
    /// The amount at `since` (年初), when the report compares.
    #[serde(default)]
    pub opening: Option<Money>,
    /// The amount at `as_of`.
    pub closing: Money,
}
