//! The input model: one YAML file = one department's budget for one year.
//!
//! These are the raw serde types exactly as a clerk writes them. Every struct denies
//! unknown fields so a typo is an error that names the key. Each fact is entered once:
//! totals and subtotals are derived by `model`, never stored here, except the optional
//! `stated_*` figures a clerk copies from an approval document, which `validate` checks
//! against the derived sums.
//!
//! Amounts are [`Money`] (an exact `rust_decimal::Decimal` in the display unit, 万元 by
//! default). Codes are strings (`"2014001"`), never numbers, so leading zeros survive.

pub mod selfeval;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::num::Money;

pub mod targets;

/// The whole input file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Document kind: `budget` (部门预算), the default.
    #[serde(default)]
    pub kind: Option<String>,
    /// Layout (template set) to render with; `standard` when absent.
    #[serde(default)]
    pub layout: Option<String>,
    /// Budget year, e.g. 2024.
    pub year: i32,
    /// The department.
    pub department: Department,
    /// Date the finance bureau approved the budget (`2024-01-15`), for the publication deadline.
    #[serde(default)]
    pub approval_date: Option<String>,
    /// Display settings.
    #[serde(default)]
    pub display: Display,
    /// Budget units (预算单位); at least one.
    pub units: Vec<Unit>,
    /// Names (and glossary descriptions) of classification codes not in the built-in catalogue,
    /// or overriding nothing: a code here that the catalogue knows must carry the same name.
    #[serde(default)]
    pub codes: Vec<CodeName>,
    /// Part 1 texts.
    pub overview: Overview,
    /// Last year's budget figures for the year-over-year sentences.
    pub previous_year: PreviousYear,
    /// Income by budget unit and source (table 1 left side, table 2).
    pub income: Vec<IncomeLine>,
    /// Expenditure at function classification 项 level, per unit and funding source.
    pub expenditure: Vec<ExpenditureLine>,
    /// Basic expenditure by economic classification 款 (table 7), general public budget.
    pub basic_economic: Vec<EconomicLine>,
    /// Project expenditure by economic classification 款, where the layout shows it.
    #[serde(default)]
    pub project_economic: Vec<ProjectEconomicLine>,
    /// Projects (table 11, part 2 section 九, table 15 forms).
    #[serde(default)]
    pub projects: Vec<Project>,
    /// "三公" expenses.
    pub sangong: Sangong,
    /// 机关运行经费.
    pub admin_costs: AdminCosts,
    /// Government procurement (table 12).
    #[serde(default)]
    pub procurement: Procurement,
    /// Government-purchased services (table 13).
    #[serde(default)]
    pub purchased_services: PurchasedServices,
    /// State-owned assets (国有资产占有使用情况).
    #[serde(default)]
    pub assets: Assets,
    /// Authored narrative texts of part 2 (reasons and purposes).
    pub narrative: Narrative,
    /// Whole-department performance form (table 14).
    #[serde(default)]
    pub department_performance: Option<DepartmentPerformance>,
    /// Whole-department performance targets in the shorter form some regions use
    /// (部门整体支出绩效目标表: annual goals and their indicators).
    #[serde(default)]
    pub overall_targets: Option<OverallTargets>,
    /// Extra glossary entries appended after the layout's standard terms.
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    /// Control totals copied from the approval document, checked against derived sums.
    #[serde(default)]
    pub stated: Stated,
}

/// The department (部门).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Name used in titles and narrative, e.g. `江汉区信访局`.
    pub name: String,
    /// Name used in tables, e.g. `中共武汉市江汉区信访局`; defaults to `name`.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Department code, e.g. `"112"`.
    pub code: String,
    /// District or city, e.g. `江汉区` (used in performance form titles).
    #[serde(default)]
    pub region: Option<String>,
    /// Public enquiry telephone (公开咨询电话).
    #[serde(default)]
    pub phone: Option<String>,
}

/// Display settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Display {
    /// Unit of all amounts, `万元` by default.
    #[serde(default = "default_unit")]
    pub unit: String,
    /// Decimals of amounts in tables and narrative (2 by default).
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// Most decimals an input amount may carry (default: `decimals`). More than `decimals`
    /// means figures are rounded for display, and displayed totals may need 尾差调整.
    #[serde(default)]
    pub input_decimals: Option<u32>,
    /// Apply largest-remainder adjustment (尾差调整) so displayed tables add up.
    #[serde(default)]
    pub adjust_rounding: bool,
    /// The figures were copied from a report printed with this many decimals (a published
    /// report transcribed as printed): each entered amount then stands for every value
    /// that prints as it, and a gap that this rounding explains between a printed total and
    /// its printed parts is a rounding warning (RND-001), not an error.
    #[serde(default)]
    pub transcribed_decimals: Option<u32>,
    /// Decimals of percentages in the narrative (1 by default).
    #[serde(default = "default_percent_decimals")]
    pub percent_decimals: u32,
    /// Ordinals from 21 on: `nian` gives 廿一, `plain` gives 二十一.
    #[serde(default)]
    pub ordinals: OrdinalStyle,
}

impl Default for Display {
    fn default() -> Self {
        Display {
            unit: default_unit(),
            decimals: default_decimals(),
            input_decimals: None,
            adjust_rounding: false,
            transcribed_decimals: None,
            percent_decimals: default_percent_decimals(),
            ordinals: OrdinalStyle::default(),
        }
    }
}

fn default_unit() -> String {
    "万元".to_owned()
}
fn default_decimals() -> u32 {
    2
}
fn default_percent_decimals() -> u32 {
    1
}

/// How Chinese ordinals from 21 to 29 are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrdinalStyle {
    /// 廿一、廿二 … as in the Hubei tables.
    #[default]
    Nian,
    /// 二十一、二十二 ….
    Plain,
}

/// A budget unit (预算单位).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Unit code, e.g. `"112001"`.
    pub code: String,
    /// Unit name, e.g. `中共武汉市江汉区信访局本级`.
    pub name: String,
    /// Short name used in narrative (`区信访局本级`), when layouts describe units one by one.
    #[serde(default)]
    pub short_name: Option<String>,
    /// The unit's posts, staff and vehicles, when the layout describes units one by one.
    #[serde(default)]
    pub staffing: Option<UnitStaffing>,
}

/// One budget unit's posts, staff and vehicles (单位编制、人员及车辆).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitStaffing {
    /// 行政编制数.
    #[serde(default)]
    pub admin_posts: u32,
    /// 行政编制实有在编人数.
    #[serde(default)]
    pub admin_actual: u32,
    /// 事业编制数.
    #[serde(default)]
    pub institution_posts: u32,
    /// 事业编制实有在编人数.
    #[serde(default)]
    pub institution_actual: u32,
    /// 离休人员.
    #[serde(default)]
    pub retired_veteran: u32,
    /// 退休人员.
    #[serde(default)]
    pub retired: u32,
    /// 从基本支出工资福利列支的雇员.
    #[serde(default)]
    pub employees: u32,
    /// How employees are described, e.g. `（含老工勤）`.
    #[serde(default)]
    pub employees_note: Option<String>,
    /// 从基本支出工资福利列支的临聘员额.
    #[serde(default)]
    pub temporary: u32,
    /// Sentence about the vehicle reform, e.g. `已实行公务用车改革`.
    #[serde(default)]
    pub vehicle_reform: Option<String>,
    /// Vehicles by kind.
    #[serde(default)]
    pub vehicles: Vehicles,
}

/// Vehicles by kind (车辆).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vehicles {
    /// 一般公务用车.
    #[serde(default)]
    pub general: u32,
    /// 一般执法执勤用车.
    #[serde(default)]
    pub enforcement: u32,
    /// 特种专业技术用车.
    #[serde(default)]
    pub special: u32,
    /// 其他用车.
    #[serde(default)]
    pub other: u32,
}

/// A classification code's name and glossary description.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeName {
    /// Function (3/5/7 digits) or economic (3/5 digits) classification code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Glossary description (反映…), for 项 codes.
    #[serde(default)]
    pub description: Option<String>,
}

/// Part 1 texts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overview {
    /// 主要职能, one entry per numbered function.
    pub functions: Vec<String>,
    /// 预算单位构成情况.
    pub composition: String,
    /// 人员构成情况.
    pub staffing: Staffing,
    /// 主要工作目标 (the year's main work goals), one entry per numbered goal.
    #[serde(default)]
    pub work_goals: Vec<String>,
    /// Sentence on the units' vehicles as a whole (the reforms they came through), printed
    /// after the vehicle count when the layout describes units one by one.
    #[serde(default)]
    pub vehicles_note: Option<String>,
}

/// Staffing figures (人员构成). Totals are derived from the parts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    /// Authorised posts by kind (编制数), e.g. 行政编制 11.
    pub authorized: Vec<Headcount>,
    /// When the actual headcount was taken, e.g. `2023 年 12 月`.
    pub as_of: String,
    /// Actual staff by kind (在职人员实有数).
    pub actual: Vec<Headcount>,
    /// Retired staff (离退休人员实有数).
    #[serde(default)]
    pub retired: u32,
    /// Further remarks (vehicles, contracted staff…), printed after the figures.
    #[serde(default)]
    pub note: Option<String>,
}

/// A number of people of one kind.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Headcount {
    /// Kind, e.g. `行政编制`, `事业人员`.
    pub kind: String,
    /// Number of people.
    pub count: u32,
}

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

/// A project's execution period (预算执行时间).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
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
    pub as_of: Option<String>,
    /// The date the opening figures refer to (年初, `YYYY-MM-DD`), when they are given.
    #[serde(default)]
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

/// Authored narrative texts of part 2.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// Reason for the change of the total budget (变动的主要原因).
    #[serde(default)]
    pub total_change_reason: Option<String>,
    /// Reason for the change of the general public budget appropriation.
    #[serde(default)]
    pub general_change_reason: Option<String>,
    /// What each function classification 类 is used for, by 类 code.
    #[serde(default)]
    pub function_purposes: Vec<Purpose>,
    /// What each economic classification 类 of basic expenditure is used for, by 类 code.
    #[serde(default)]
    pub economic_purposes: Vec<Purpose>,
    /// 预算绩效开展情况, authored paragraphs before the generated coverage sentence.
    pub performance: Vec<String>,
    /// 其他需要说明的情况, where the layout has such a section (none: says there is none).
    #[serde(default)]
    pub other_matters: Vec<String>,
}

/// What a classification 类 is used for.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// Classification code (3 digits).
    pub code: String,
    /// 主要用于… text.
    pub text: String,
}

/// A glossary entry.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The term.
    pub term: String,
    /// Its explanation.
    pub text: String,
}

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
