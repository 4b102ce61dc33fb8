//! The input of a performance self-evaluation (绩效自评表, `kind: self-evaluation`): one
//! department's budget projects at year end, each with its budget and actual spending by
//! funding source, its targets and results per indicator, problems and fixes.
//!
//! As for budgets, every fact is entered once: the 合计 columns and the execution rate
//! (预算支出执行率) are derived by `model::selfeval`. A rate copied from a printed form goes
//! into `stated_rate`, which `validate::selfeval` checks against the amounts.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::num::{decimal_from_f64, parse_amount, Money};

/// What a form prints in an indicator that does not apply (不适用).
pub const NOT_APPLICABLE: &str = "不适用";

/// The whole input file of a self-evaluation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// Document kind: `self-evaluation` (绩效自评表).
    pub kind: SelfEvaluationKind,
    /// Layout (template set) to render with; `self-evaluation` when absent.
    #[serde(default)]
    pub layout: Option<String>,
    /// The budget year evaluated, e.g. 2021.
    pub year: i32,
    /// The department.
    pub department: EvalDepartment,
    /// Display settings.
    #[serde(default)]
    pub display: EvalDisplay,
    /// The budget projects evaluated, in the order of the form; at least one.
    pub projects: Vec<EvalProject>,
}

/// The only `kind:` value of a self-evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum SelfEvaluationKind {
    /// 绩效自评表.
    #[serde(rename = "self-evaluation")]
    SelfEvaluation,
}

/// The department (部门).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvalDepartment {
    /// Name as in the title and the 部门名称 column, e.g. `区信访局`.
    pub name: String,
    /// Name as stamped on the form (部门名称（盖章）), e.g. `龙岗区信访局`; defaults to `name`.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Department code, when the budget system gives one.
    #[serde(default)]
    pub code: Option<String>,
}

/// Display settings of a self-evaluation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvalDisplay {
    /// Unit of all amounts, `万元` by default.
    #[serde(default = "default_unit")]
    pub unit: String,
    /// Decimals of amounts, as printed and as entered (2 by default).
    #[serde(default = "default_decimals")]
    pub decimals: u32,
    /// Decimals of the execution rate in percent (2 by default: `98.12%`).
    #[serde(default = "default_decimals")]
    pub rate_decimals: u32,
}

impl Default for EvalDisplay {
    fn default() -> Self {
        EvalDisplay {
            unit: default_unit(),
            decimals: default_decimals(),
            rate_decimals: default_decimals(),
        }
    }
}

fn default_unit() -> String {
    "万元".to_owned()
}

fn default_decimals() -> u32 {
    2
}

/// One budget project as evaluated (one row of the form).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvalProject {
    /// 部门名称 in the row, when it differs from the department's `name` (a unit).
    #[serde(default)]
    pub department: Option<String>,
    /// 项目名称.
    pub name: String,
    /// 项目年度预算金额 by source (合计 is derived).
    pub budget: Funds,
    /// 实际支出金额 by source (合计 is derived).
    pub actual: Funds,
    /// 预算支出执行率 as printed on a form copied from (e.g. `98.13%` or `98.13`), checked
    /// against 实际支出 ÷ 预算; the document prints the computed rate.
    #[serde(default)]
    pub stated_rate: Option<Rate>,
    /// Why actual spending exceeds the budget, in total or in a source; required then.
    #[serde(default)]
    pub overspend_reason: Option<String>,
    /// 年初绩效目标.
    pub target: String,
    /// 绩效目标整体完成情况, e.g. `100%`.
    pub completion: String,
    /// Targets and results per indicator.
    #[serde(default)]
    pub indicators: Indicators,
    /// 项目执行中存在的问题 (`无` when none).
    pub problems: String,
    /// 整改情况; may stay empty when there is no problem.
    #[serde(default)]
    pub fixes: Option<String>,
}

/// Amounts by funding source; absent sources are zero.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funds {
    /// 财政拨款：一般公共预算.
    #[serde(default)]
    pub general: Money,
    /// 财政拨款：政府性基金.
    #[serde(default)]
    pub fund: Money,
    /// 非财政资金.
    #[serde(default)]
    pub non_fiscal: Money,
}

impl Funds {
    /// 合计.
    pub fn total(&self) -> Money {
        self.general + self.fund + self.non_fiscal
    }

    /// Each source with its field name and Chinese label, in the form's column order.
    pub fn sources(&self) -> [(&'static str, &'static str, Money); 3] {
        [
            ("general", "一般公共预算", self.general),
            ("fund", "政府性基金", self.fund),
            ("non_fiscal", "非财政资金", self.non_fiscal),
        ]
    }
}

/// The indicator groups of the form. An indicator left out is empty on the form.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicators {
    /// 产出目标.
    #[serde(default)]
    pub output: OutputIndicators,
    /// 效益目标.
    #[serde(default)]
    pub benefit: BenefitIndicators,
    /// 满意度指标.
    #[serde(default)]
    pub satisfaction: SatisfactionIndicators,
}

impl Indicators {
    /// Every indicator with its field path (below `indicators.`) and Chinese name, in the
    /// form's column order.
    pub fn all(&self) -> [(&'static str, &'static str, &Indicator); 7] {
        [
            ("output.quantity", "数量指标", &self.output.quantity),
            ("output.quality", "质量指标", &self.output.quality),
            ("output.timeliness", "时效指标", &self.output.timeliness),
            ("benefit.economic", "经济效益指标", &self.benefit.economic),
            ("benefit.social", "社会效益指标", &self.benefit.social),
            (
                "benefit.ecological",
                "生态效益指标",
                &self.benefit.ecological,
            ),
            (
                "satisfaction.service",
                "服务对象满意度指标",
                &self.satisfaction.service,
            ),
        ]
    }
}

/// 产出目标.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutputIndicators {
    /// 数量指标.
    #[serde(default)]
    pub quantity: Indicator,
    /// 质量指标.
    #[serde(default)]
    pub quality: Indicator,
    /// 时效指标.
    #[serde(default)]
    pub timeliness: Indicator,
}

/// 效益目标.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BenefitIndicators {
    /// 经济效益指标.
    #[serde(default)]
    pub economic: Indicator,
    /// 社会效益指标.
    #[serde(default)]
    pub social: Indicator,
    /// 生态效益指标.
    #[serde(default)]
    pub ecological: Indicator,
}

/// 满意度指标.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SatisfactionIndicators {
    /// 服务对象满意度指标.
    #[serde(default)]
    pub service: Indicator,
}

/// One indicator of the form: left empty (absent or `~`), marked `不适用`, or a
/// `{ target, result }` pair (年度指标内容 / 完成情况).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Indicator {
    /// The form leaves both cells empty.
    #[default]
    Empty,
    /// The form marks the indicator 不适用.
    NotApplicable,
    /// 年度指标内容 and 完成情况 (either may be missing, which validation reports).
    Given(IndicatorText),
}

/// 年度指标内容 and 完成情况 of one indicator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorText {
    /// 年度指标内容, e.g. `购置办公设备数量`.
    #[serde(default)]
    pub target: Option<String>,
    /// 完成情况, e.g. `20件`, `100%`.
    #[serde(default)]
    pub result: Option<String>,
}

impl<'de> Deserialize<'de> for Indicator {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Indicator, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Indicator;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("“不适用”或 { target: 年度指标内容, result: 完成情况 }")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Indicator, E> {
                Ok(Indicator::Empty)
            }
            fn visit_none<E: de::Error>(self) -> Result<Indicator, E> {
                Ok(Indicator::Empty)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Indicator, E> {
                if v.trim() == NOT_APPLICABLE {
                    Ok(Indicator::NotApplicable)
                } else {
                    Err(E::custom(format!(
                        "指标写为文字“{v}”：只能写“{NOT_APPLICABLE}”，或写成 {{ target: 年度指标内容, result: 完成情况 }}"
                    )))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Indicator, A::Error> {
                IndicatorText::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Indicator::Given)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Indicator {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Indicator".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let text = generator.subschema_for::<IndicatorText>();
        schemars::json_schema!({
            "description": "绩效指标：空（表中留空）、“不适用”，或 { target: 年度指标内容, result: 完成情况 }",
            "anyOf": [
                { "type": "null" },
                { "const": NOT_APPLICABLE },
                text
            ]
        })
    }
}

/// A percentage as printed (`98.13%`) or as a number (`98.13`), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate(pub Money);

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Rate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("百分比（例如 98.13% 或 98.13）")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rate, E> {
                Ok(Rate(Money(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rate, E> {
                Ok(Rate(Money(v.into())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rate, E> {
                decimal_from_f64(v)
                    .map(|d| Rate(Money(d)))
                    .map_err(E::custom)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Rate, E> {
                let t = v.trim();
                let t = t
                    .strip_suffix('%')
                    .or_else(|| t.strip_suffix('％'))
                    .unwrap_or(t);
                parse_amount(t)
                    .map(|d| Rate(Money(d)))
                    .map_err(|_| E::custom(format!("执行率“{v}”不是百分比（应如 98.13%）")))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Rate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["number", "string"],
            "pattern": "^[0-9]+(\\.[0-9]+)?[%％]?$",
            "description": "百分比，例如 98.13% 或 98.13"
        })
    }
}
