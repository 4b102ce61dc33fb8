//! What the importer knows of a budget before it is written as YAML: the input file's
//! fields (see `inputs/README.md`), filled from the tables. Texts the tables do not carry
//! are left `None` here and become marked placeholders in the written file.

use std::collections::BTreeMap;

use crate::num::Money;

/// The nine income sources of `income[].current` / `projects[].amounts`, in file order.
pub(crate) use crate::load::amounts::SOURCE_KEYS as SOURCES;

/// The sources that make up 单位资金.
pub(crate) const UNIT_FUNDS: [&str; 5] =
    ["business", "operating", "superior", "affiliated", "other"];

/// Amounts by source (only non-zero ones kept).
pub(crate) type Sources = BTreeMap<&'static str, Money>;

/// The six expenditure columns of `expenditure[]`, in file order.
pub(crate) const EXPENDITURE_COLUMNS: [&str; 6] = [
    "personnel",
    "public",
    "project",
    "operating",
    "remit_superior",
    "subsidy_affiliated",
];

/// The funding kinds of `expenditure[].funding`, in file order.
pub(crate) const FUNDING: [&str; 8] = [
    "general",
    "fund",
    "state_capital",
    "carryover_general",
    "carryover_fund",
    "carryover_state_capital",
    "special_account",
    "unit_funds",
];

/// A budget read from a workbook.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The layout the tables are in (`None`: standard).
    pub(crate) layout: Option<&'static str>,
    /// Department and unit codes were made up (the tables print none).
    pub(crate) invented_codes: bool,
    /// Project expenditure by economic 款 (Shenzhen 表5).
    pub(crate) project_economic: Vec<ProjectEconLine>,
    /// Last year's "三公" (Shenzhen 表12), in `sangong` order.
    pub(crate) sangong_previous: Option<[Money; 4]>,
    /// The unit whose budget holds the "三公" (Shenzhen 表12).
    pub(crate) sangong_unit: Option<String>,
    /// `overall_targets:` body as YAML lines (Shenzhen 表14).
    pub(crate) overall_targets: Option<String>,
    /// Budget year.
    pub(crate) year: i32,
    /// Department name for titles (from the document title, the form, or the full name).
    pub(crate) name: String,
    /// Department name in tables.
    pub(crate) full_name: String,
    /// Department code.
    pub(crate) code: String,
    /// Region (from the performance forms' titles).
    pub(crate) region: Option<String>,
    /// Budget units: code and name.
    pub(crate) units: Vec<(String, String)>,
    /// Codes whose names are not in the built-in catalogue: code and name.
    pub(crate) codes: Vec<(String, String)>,
    /// Income per unit: current and carry-over by source.
    pub(crate) income: Vec<(String, Sources, Sources)>,
    /// Expenditure lines.
    pub(crate) expenditure: Vec<ExpLine>,
    /// Basic expenditure by economic 款 per unit.
    pub(crate) economic: Vec<EconLine>,
    /// Projects in table order.
    pub(crate) projects: Vec<Project>,
    /// "三公" this year: outbound, reception, vehicle purchase, vehicle operation.
    pub(crate) sangong: [Money; 4],
    /// Procurement lines.
    pub(crate) procurement: Vec<BTreeMap<&'static str, String>>,
    /// Purchased-service lines.
    pub(crate) services: Vec<BTreeMap<&'static str, String>>,
    /// The department performance form, as YAML lines under `department_performance:`.
    pub(crate) department_form: Option<String>,
    /// Last year's total, when a form gives it.
    pub(crate) previous_total: Option<Money>,
    /// Decimals the workbook shows its amounts with (its number formats), if known.
    pub(crate) shown_decimals: Option<u32>,
    /// The expenditure of several units was split by inference (see `alloc`).
    pub(crate) inferred_split: bool,
}

/// One `expenditure[]` line.
#[derive(Debug, Clone, Default)]
pub(crate) struct ExpLine {
    /// Unit code.
    pub(crate) unit: String,
    /// 项 code.
    pub(crate) code: String,
    /// 项 name.
    pub(crate) name: String,
    /// Funding kind.
    pub(crate) funding: &'static str,
    /// Allocation (`regular`, `special`, `investment`; Shenzhen).
    pub(crate) allocation: &'static str,
    /// Upper-level special transfer (Shenzhen 表10).
    pub(crate) transfer: bool,
    /// Amounts by column.
    pub(crate) amounts: BTreeMap<&'static str, Money>,
}

/// One `project_economic[]` line (Shenzhen 表5).
#[derive(Debug, Clone, Default)]
pub(crate) struct ProjectEconLine {
    /// Unit code.
    pub(crate) unit: String,
    /// 款 code.
    pub(crate) code: String,
    /// 款 name.
    pub(crate) name: String,
    /// Funding kind.
    pub(crate) funding: &'static str,
    /// Allocation.
    pub(crate) allocation: &'static str,
    /// Amount.
    pub(crate) amount: Money,
}

/// One `basic_economic[]` line.
#[derive(Debug, Clone, Default)]
pub(crate) struct EconLine {
    /// Unit code.
    pub(crate) unit: String,
    /// 款 code.
    pub(crate) code: String,
    /// 款 name.
    pub(crate) name: String,
    /// 人员经费.
    pub(crate) personnel: Money,
    /// 公用经费.
    pub(crate) public: Money,
}

/// One project.
#[derive(Debug, Clone, Default)]
pub(crate) struct Project {
    /// Project code.
    pub(crate) code: String,
    /// Name.
    pub(crate) name: String,
    /// Unit code.
    pub(crate) unit: String,
    /// Category code and name (table 11's group rows).
    pub(crate) category: (String, String),
    /// 支出项目类别 (table 14).
    pub(crate) kind: Option<String>,
    /// This year's amounts by source.
    pub(crate) amounts: Sources,
    /// Carry-over by source.
    pub(crate) carryover: Sources,
    /// 项目总预算 (tables 14, 15).
    pub(crate) total_budget: Option<Money>,
    /// 项目主要支出方向和用途 (table 14).
    pub(crate) form_purpose: Option<String>,
    /// The project form (table 15), as YAML lines under `performance:`.
    pub(crate) form: Option<String>,
    /// Allocation (Shenzhen).
    pub(crate) allocation: &'static str,
    /// 预算执行时间: start and end (Shenzhen 表13).
    pub(crate) period: Option<(String, String)>,
}
