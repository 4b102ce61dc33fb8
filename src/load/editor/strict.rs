//! Rewrites what schemars emits into JSON Schema that strict validators accept (ajv's
//! strict mode, yaml-language-server), keeping what it allows unchanged:
//!
//! * `format`s that are not standard (`int32`, `uint32`, `double`) are removed; integer
//!   widths become `minimum`/`maximum`. Standard ones go too: ajv knows none without the
//!   ajv-formats plugin, and a `pattern` says the same to every validator.
//! * A union `type` (`["string", "null"]`, `["number", "string"]`) becomes an `anyOf` of
//!   one branch per type, each with the keywords that apply to it (ajv's `strictTypes`
//!   refuses a `pattern` beside a `type` that is not only `string`).
//! * A `oneOf` of string constants (a unit enum with documented variants) becomes an
//!   `enum`: the variants' English doc comments are not for clerks, and the field's
//!   description lists the values.

use serde_json::{Map, Value as Json};

/// Keywords that only constrain values of one type.
const BY_TYPE: &[(&str, &[&str])] = &[
    ("string", &["pattern", "minLength", "maxLength"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "patternProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
        ],
    ),
    (
        "array",
        &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
        ],
    ),
];

/// Rewrites `node` and every schema below it (see the module docs).
pub(super) fn strict(node: &mut Json) {
    let Some(obj) = node.as_object_mut() else {
        return;
    };
    for key in ["properties", "patternProperties", "$defs"] {
        if let Some(Json::Object(children)) = obj.get_mut(key) {
            children.values_mut().for_each(strict);
        }
    }
    for key in ["anyOf", "oneOf", "allOf", "prefixItems"] {
        if let Some(Json::Array(children)) = obj.get_mut(key) {
            children.iter_mut().for_each(strict);
        }
    }
    for key in ["items", "additionalProperties", "not", "if", "then", "else"] {
        if let Some(child) = obj.get_mut(key) {
            strict(child);
        }
    }
    formats(obj);
    constants(obj);
    unions(obj);
}

/// Removes `format`, turning integer widths into bounds.
fn formats(obj: &mut Map<String, Json>) {
    let Some(Json::String(format)) = obj.remove("format") else {
        return;
    };
    let (min, max): (i64, i64) = match format.as_str() {
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "uint8" => (0, u8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        _ => return,
    };
    obj.entry("minimum").or_insert(min.into());
    obj.entry("maximum").or_insert(max.into());
}

/// `oneOf: [{const: "a"}, {const: "b"}]` (strings) → `type: string, enum: ["a", "b"]`.
fn constants(obj: &mut Map<String, Json>) {
    let Some(Json::Array(branches)) = obj.get("oneOf") else {
        return;
    };
    let values: Option<Vec<Json>> = branches
        .iter()
        .map(|b| {
            let b = b.as_object()?;
            let only_const = b
                .keys()
                .all(|k| matches!(k.as_str(), "const" | "type" | "description"));
            let value = b.get("const").filter(|v| v.is_string())?;
            only_const.then(|| value.clone())
        })
        .collect();
    if let Some(values) = values.filter(|v| !v.is_empty()) {
        obj.remove("oneOf");
        obj.insert("type".into(), "string".into());
        obj.insert("enum".into(), Json::Array(values));
    }
}

/// A union `type` → `anyOf`, one branch per type with the keywords that apply to it.
fn unions(obj: &mut Map<String, Json>) {
    let Some(Json::Array(types)) = obj.get("type") else {
        return;
    };
    let types: Vec<String> = types
        .iter()
        .filter_map(Json::as_str)
        .map(str::to_owned)
        .collect();
    if types.len() < 2 {
        if let Some(t) = types.first() {
            obj.insert("type".into(), Json::String(t.clone()));
        }
        return;
    }
    obj.remove("type");
    let mut branches: Vec<Json> = types
        .iter()
        .map(|t| {
            let mut branch = Map::new();
            branch.insert("type".into(), Json::String(t.clone()));
            let keywords = BY_TYPE
                .iter()
                .find(|(name, _)| name == t)
                .map_or(&[][..], |(_, k)| k);
            for k in keywords.iter() {
                if let Some(v) = obj.get(*k) {
                    branch.insert((*k).into(), v.clone());
                }
            }
            Json::Object(branch)
        })
        .collect();
    for (_, keywords) in BY_TYPE {
        for k in keywords.iter() {
            obj.remove(*k);
        }
    }
    // `enum` values sort into the branch of their type (`null` into the null branch).
    if let Some(Json::Array(values)) = obj.remove("enum") {
        for b in &mut branches {
            let t = b["type"].as_str().unwrap_or_default().to_owned();
            let own: Vec<Json> = values
                .iter()
                .filter(|v| json_type(v) == t || (t == "number" && json_type(v) == "integer"))
                .cloned()
                .collect();
            if t != "null" && !own.is_empty() {
                b["enum"] = Json::Array(own);
            }
        }
    }
    let branches = match obj.remove("anyOf") {
        // Already a union of schemas: both must hold.
        Some(existing) => {
            obj.insert(
                "allOf".into(),
                Json::Array(vec![
                    serde_json::json!({ "anyOf": existing }),
                    serde_json::json!({ "anyOf": branches }),
                ]),
            );
            return;
        }
        None => branches,
    };
    obj.insert("anyOf".into(), Json::Array(branches));
}

/// The JSON Schema type name of a value.
fn json_type(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}
