//! Every missing required field and every unknown field of a document at once. serde
//! stops at the first; a clerk who left out nine sections should not fix them in nine
//! runs. The document is walked alongside its kind's JSON Schema as schemars derives it
//! from the serde types (the editors' schema, `editor`, is the same rewritten for strict
//! validators and described): `required` lists what must be there,
//! `additionalProperties: false` what may not. Only these two are checked here: they
//! mean the same to the schema and to serde; types and values stay serde's.

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

/// A problem found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// Required field `name` is missing from the mapping at `parent`.
    Missing { parent: String, name: String },
    /// The mapping at `parent` has a key `name` its type does not know; `known` are the
    /// keys it does know.
    Unknown {
        parent: String,
        name: String,
        known: Vec<String>,
    },
}

/// Nesting followed at most (the document is at most 64 deep; refs add levels).
const MAX_DEPTH: usize = 200;

/// Every missing and unknown field of `doc` under `schema` (a whole JSON Schema document
/// with its `$defs`), in document order.
pub(super) fn problems(schema: &Json, doc: &Yaml) -> Vec<Problem> {
    let mut out = Vec::new();
    walk(schema, schema, doc, "", 0, &mut out);
    out
}

/// Follows `$ref` (`#/$defs/Name`) and single-alternative wrappers (`Option<T>` is
/// `anyOf: [T, null]`) to the schema that describes a value of `value`'s shape.
fn resolve<'a>(root: &'a Json, mut node: &'a Json, value: &Yaml) -> Option<&'a Json> {
    for _ in 0..MAX_DEPTH {
        if let Some(r) = node.get("$ref").and_then(Json::as_str) {
            let name = r.strip_prefix("#/$defs/")?;
            node = root.get("$defs")?.get(name)?;
            continue;
        }
        let alternatives = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Json::as_array);
        if let Some(alts) = alternatives {
            // The alternatives that could describe this value; more than one is ambiguous.
            let fitting: Vec<&Json> = alts.iter().filter(|a| fits(root, a, value)).collect();
            match fitting.as_slice() {
                [one] => {
                    node = one;
                    continue;
                }
                _ => return None,
            }
        }
        return Some(node);
    }
    None
}

/// Whether schema `node` could describe `value` by its shape (mapping, list, scalar).
fn fits(root: &Json, node: &Json, value: &Yaml) -> bool {
    let mut node = node;
    for _ in 0..MAX_DEPTH {
        match node.get("$ref").and_then(Json::as_str) {
            Some(r) => match r
                .strip_prefix("#/$defs/")
                .and_then(|n| root.get("$defs")?.get(n))
            {
                Some(n) => node = n,
                None => return false,
            },
            None => break,
        }
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        // No type: anything (or a union to look into later).
        _ => return !matches!(value, Yaml::Null) || node.get("properties").is_none(),
    };
    match value {
        Yaml::Mapping(_) => types.contains(&"object"),
        Yaml::Sequence(_) => types.contains(&"array"),
        Yaml::Null => types.contains(&"null"),
        _ => types
            .iter()
            .any(|t| matches!(*t, "string" | "number" | "integer" | "boolean")),
    }
}

fn walk(root: &Json, node: &Json, value: &Yaml, path: &str, depth: usize, out: &mut Vec<Problem>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(node) = resolve(root, node, value) else {
        return;
    };
    match value {
        Yaml::Mapping(map) => {
            let props = node.get("properties").and_then(Json::as_object);
            let closed = node.get("additionalProperties") == Some(&Json::Bool(false));
            let required: Vec<&str> = node
                .get("required")
                .and_then(Json::as_array)
                .map(|r| r.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            for name in &required {
                if !map.contains_key(*name) {
                    out.push(Problem::Missing {
                        parent: path.to_owned(),
                        name: (*name).to_owned(),
                    });
                }
            }
            for (k, v) in map {
                let Some(key) = k.as_str() else { continue };
                let child = if path.is_empty() {
                    key.to_owned()
                } else {
                    format!("{path}.{key}")
                };
                match props.and_then(|p| p.get(key)) {
                    Some(sub) => walk(root, sub, v, &child, depth + 1, out),
                    None if closed => out.push(Problem::Unknown {
                        parent: path.to_owned(),
                        name: key.to_owned(),
                        known: props
                            .map(|p| p.keys().cloned().collect())
                            .unwrap_or_default(),
                    }),
                    None => {}
                }
            }
        }
        Yaml::Sequence(items) => {
            if let Some(item) = node.get("items") {
                for (i, v) in items.iter().enumerate() {
                    walk(root, item, v, &format!("{path}[{i}]"), depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Json {
        serde_json::to_value(schemars::schema_for!(super::super::schema::Budget))
            .expect("schema as JSON")
    }

    #[test]
    fn every_missing_section_is_found_at_once() {
        let doc: Yaml = serde_yaml::from_str("year: 2025\n").expect("yaml");
        let found = problems(&schema(), &doc);
        let missing: Vec<&str> = found
            .iter()
            .filter_map(|p| match p {
                Problem::Missing { parent, name } if parent.is_empty() => Some(name.as_str()),
                _ => None,
            })
            .collect();
        for section in ["department", "units", "income", "expenditure"] {
            assert!(missing.contains(&section), "{missing:?}");
        }
        assert!(!missing.contains(&"year"));
    }

    #[test]
    fn nested_and_unknown_fields_are_found_with_their_paths() {
        let doc: Yaml = serde_yaml::from_str(
            "year: 2025\ndepartment: { name: 甲 }\nunits:\n  - { code: \"1\", nmae: 乙 }\n",
        )
        .expect("yaml");
        let found = problems(&schema(), &doc);
        assert!(found.contains(&Problem::Missing {
            parent: "department".into(),
            name: "code".into()
        }));
        assert!(found.contains(&Problem::Missing {
            parent: "units[0]".into(),
            name: "name".into()
        }));
        assert!(found.iter().any(|p| matches!(p,
            Problem::Unknown { parent, name, known } if parent == "units[0]" && name == "nmae" && known.contains(&"name".to_owned()))));
    }

    #[test]
    fn a_complete_document_has_no_problem() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.yaml"),
        )
        .expect("fixture");
        let doc: Yaml = serde_yaml::from_str(&text).expect("yaml");
        assert_eq!(problems(&schema(), &doc), Vec::new());
    }
}
