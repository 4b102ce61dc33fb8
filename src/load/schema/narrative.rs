//! Authored texts of part 2 (reasons and purposes, performance paragraphs) and extra
//! glossary entries.

use schemars::JsonSchema;
use serde::Deserialize;

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
