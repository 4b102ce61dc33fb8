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
//!
//! The types are split by concept into the modules below and re-exported here, so every
//! type is `load::schema::Name` whatever file it lives in.

mod department;
mod funds;
mod narrative;
mod projects;
pub mod selfeval;
mod spending;
mod stated;
pub mod targets;

pub use department::{
    CodeName, Department, Display, Headcount, OrdinalStyle, Overview, Staffing, Unit, UnitStaffing,
    Vehicles,
};
pub use funds::{
    Allocation, EconomicLine, ExpenditureLine, Funding, IncomeLine, PreviousYear,
    ProjectEconomicLine, Sources,
};
pub use narrative::{GlossaryEntry, Narrative, Paragraphs, Purpose};
pub use projects::{
    AssetPlan, DepartmentPerformance, FundHistory, Goal, Indicator, OverallTargets, Period,
    Project, ProjectDetail, ProjectPerformance,
};
pub use spending::{
    AdminCosts, AssetCategory, Assets, KindTexts, Procurement, ProcurementLine, PurchasedServices,
    Sangong, SangongItem, ServiceLine,
};
pub use stated::{
    ChangeSubject, ShareSubject, Stated, StatedAssetChange, StatedAssets, StatedChange, StatedCode,
    StatedShare,
};

use schemars::JsonSchema;
use serde::Deserialize;

/// A date as the editor schema accepts it (`"2024-01-15"`). Written quoted, so that no
/// YAML parser takes it for a timestamp; gongkai reads an unquoted date as the same text.
pub(crate) const DATE_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// The whole input file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Document kind: `budget` (部门预算), the default.
    #[serde(default)]
    #[schemars(extend("enum" = ["budget", null]))]
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
    #[schemars(extend("pattern" = DATE_PATTERN))]
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
    /// Free narrative sections by the name a layout prints them under (`机构设置: …`),
    /// so that a region adds a section without a change of the input format.
    #[serde(default)]
    pub sections: std::collections::BTreeMap<String, Paragraphs>,
    /// Control totals copied from the approval document, checked against derived sums.
    #[serde(default)]
    pub stated: Stated,
}
