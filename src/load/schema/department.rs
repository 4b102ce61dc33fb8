//! The department and its budget units, display settings and part 1 (基本概况): who
//! publishes, how figures are printed, staffing and vehicles.

use schemars::JsonSchema;
use serde::Deserialize;

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
