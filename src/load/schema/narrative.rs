//! Authored texts of part 2 (reasons and purposes, performance paragraphs), extra
//! glossary entries and the free narrative sections a layout names (`sections:`).

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

/// The text of a free narrative section (`sections:`): one text, whose lines are its
/// paragraphs, or a list of paragraphs. Blank lines are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraphs(pub Vec<String>);

impl<'de> serde::Deserialize<'de> for Paragraphs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Paragraphs;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a text or a list of texts")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Paragraphs, E> {
                Ok(Paragraphs(
                    s.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Paragraphs, A::Error> {
                let mut out = Vec::new();
                while let Some(p) = seq.next_element::<String>()? {
                    out.push(p);
                }
                Ok(Paragraphs(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Paragraphs {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Paragraphs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "array"],
            "items": { "type": "string" }
        })
    }
}
