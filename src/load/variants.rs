//! Variants of an input for checking a layout (`gongkai templates check`): the same
//! document with every optional field left out, so that a template which reads a value
//! that may be empty fails on the variant rather than on some clerk's input later.

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

use crate::error::Error;

/// Fields kept although optional: they choose the kind and the layout.
const KEPT: &[&str] = &["kind", "layout"];

/// `text` (a YAML document) without any field that `schema` (the kind's JSON Schema,
/// inlined) does not require, at every level.
pub fn without_optional(text: &str, schema: &Json) -> Result<String, Error> {
    let mut doc: Yaml = serde_yaml::from_str(text)
        .map_err(|e| Error::Internal(format!("示例输入无法读取：{e}")))?;
    strip(&mut doc, schema, 0);
    serde_yaml::to_string(&doc).map_err(|e| Error::Internal(e.to_string()))
}

/// `text` (a YAML document) with `layout: <layout>`.
pub fn with_layout(text: &str, layout: &str) -> Result<String, Error> {
    let mut doc: Yaml = serde_yaml::from_str(text)
        .map_err(|e| Error::Internal(format!("示例输入无法读取：{e}")))?;
    if let Yaml::Mapping(map) = &mut doc {
        map.insert("layout".into(), layout.into());
    }
    serde_yaml::to_string(&doc).map_err(|e| Error::Internal(e.to_string()))
}

fn strip(v: &mut Yaml, schema: &Json, depth: usize) {
    if depth > 64 {
        return;
    }
    let schema = branch(v, schema);
    match v {
        Yaml::Mapping(map) => {
            let Some(props) = schema.get("properties").and_then(Json::as_object) else {
                return;
            };
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Json::as_array)
                .map(|r| r.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            map.retain(|k, _| {
                k.as_str()
                    .is_some_and(|k| required.contains(&k) || (depth == 0 && KEPT.contains(&k)))
            });
            for (k, child) in map.iter_mut() {
                if let Some(sub) = k.as_str().and_then(|k| props.get(k)) {
                    strip(child, sub, depth + 1);
                }
            }
        }
        Yaml::Sequence(items) => {
            if let Some(item) = schema.get("items") {
                for child in items {
                    strip(child, item, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The alternative of `schema` (`anyOf`/`oneOf`) that fits `v`'s shape.
fn branch<'a>(v: &Yaml, schema: &'a Json) -> &'a Json {
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Json::as_array) {
            let want = match v {
                Yaml::Mapping(_) => "object",
                Yaml::Sequence(_) => "array",
                _ => return schema,
            };
            if let Some(b) = branches
                .iter()
                .find(|b| b.get("type").and_then(Json::as_str) == Some(want))
            {
                return b;
            }
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    #[test]
    fn optional_fields_go_at_every_level() {
        let schema =
            crate::load::editor::document::<crate::load::schema::Budget>("budget", "部门预算").json;
        let text = include_str!("../../inputs/example-2025.yaml");
        let bare = super::without_optional(text, &schema).expect("strips");
        let doc: serde_yaml::Value = serde_yaml::from_str(&bare).expect("yaml");
        assert!(doc.get("year").is_some() && doc.get("units").is_some());
        assert!(doc.get("procurement").is_none() && doc.get("codes").is_none());
        assert!(doc["previous_year"].get("basic").is_none());
        assert!(doc["department"].get("phone").is_none());
        // Still a budget the loader reads.
        crate::load::parse::<crate::load::schema::Budget>("bare.yaml", &bare).expect("loads");
    }
}
