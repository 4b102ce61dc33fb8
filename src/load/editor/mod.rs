//! The JSON Schema editors read (`gongkai schema`): the VS Code YAML extension
//! (yaml-language-server) checks, completes and explains an input file with it.
//!
//! Built from the serde types by schemars, then:
//!
//! * every subschema inlined (no `$ref`): each field has its own schema, so each can have
//!   its own description, and validators need not resolve references;
//! * rewritten for strict validators (`strict.rs`: no non-standard `format`, no union
//!   `type`);
//! * every field described in Chinese by its row in `inputs/README.md` (`fields.rs`):
//!   the hover text is the reference's text, and every code field adds that codes are
//!   quoted. The serde types' doc comments, written for engineers in English, never reach
//!   the schema.
//!
//! The loader's own walk of required and unknown fields (`load/required.rs`) reads the
//! plain schemars schema; both come from the same types.

mod fields;
mod strict;
#[cfg(test)]
mod tests;

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value as Json;

/// An editor schema and what its descriptions lack.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The JSON Schema document (draft 2020-12).
    pub json: Json,
    /// Fields (by path, `projects[].name`) no row of `inputs/README.md` documents.
    pub undocumented: Vec<String>,
    /// Fields two README rows document equally well, with the rows' lines.
    pub ambiguous: Vec<(String, usize, usize)>,
    /// README rows of this kind that document no field (`line: key`).
    pub stale: Vec<String>,
}

/// The editor schema of document type `T`, whose `kind:` is `kind` and Chinese name `name`.
pub fn document<T: JsonSchema>(kind: &str, name: &str) -> Schema {
    let mut settings = SchemaSettings::draft2020_12();
    settings.inline_subschemas = true;
    let mut json = settings
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    strict::strict(&mut json);
    let fields = fields::fields(fields::README);
    let roots: Vec<String> = json
        .get("properties")
        .and_then(Json::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    let mut walk = Walk {
        kind,
        fields: &fields,
        roots: &roots,
        paths: Vec::new(),
        undocumented: Vec::new(),
        ambiguous: Vec::new(),
    };
    walk.node(&mut json, "");
    if let Some(root) = json.as_object_mut() {
        // No `title`: yaml-language-server would print it above every field's hover.
        root.insert(
            "description".into(),
            format!(
                "gongkai 的{name}输入文件（kind: {kind}）。各字段的说明见 inputs/README.md；`gongkai check 文件名` 逐项校验。"
            )
            .into(),
        );
    }
    let stale = fields
        .iter()
        .filter(|f| {
            f.kind == kind
                && !walk
                    .paths
                    .iter()
                    .any(|p| fields::specificity(&f.key, p, &roots).is_some())
        })
        .map(|f| format!("{}: {}", f.line, f.key))
        .collect();
    Schema {
        json,
        undocumented: walk.undocumented,
        ambiguous: walk.ambiguous,
        stale,
    }
}

/// Added to the description of every code field: the schema wants a string, and an
/// unquoted code is a number to an editor (gongkai reads it as text; STR-014 warns).
const CODE_NOTE: &str =
    "编码是文字，要加引号，如 `\"2014001\"`：不加引号的编码会被编辑器当作数字，0 开头的丢掉前导 0";

/// Whether the field at `path`, documented as `text`, holds a code: named as `validate`
/// recognises codes (`code`, `…_code`), or a `unit` documented as a unit's code.
fn is_code(path: &str, text: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    last == "code" || last.ends_with("_code") || (last == "unit" && text.contains("编码"))
}

/// The walk that describes every field of a schema.
struct Walk<'a> {
    kind: &'a str,
    fields: &'a [fields::Field],
    /// The kind's top-level fields.
    roots: &'a [String],
    /// Every field's path.
    paths: Vec<String>,
    undocumented: Vec<String>,
    ambiguous: Vec<(String, usize, usize)>,
}

impl Walk<'_> {
    /// Describes the properties below `node`, which stands at `path`; removes every other
    /// description (the doc comments of types and variants).
    fn node(&mut self, node: &mut Json, path: &str) {
        let Some(obj) = node.as_object_mut() else {
            return;
        };
        obj.remove("description");
        obj.remove("title");
        if let Some(Json::Object(props)) = obj.get_mut("properties") {
            for (name, sub) in props.iter_mut() {
                let at = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                self.node(sub, &at);
                match fields::lookup(self.fields, self.kind, &at, self.roots) {
                    Ok(Some(f)) => {
                        let text = if is_code(&at, &f.text) {
                            format!("{}\n\n{CODE_NOTE}", f.text)
                        } else {
                            f.text.clone()
                        };
                        if let Some(o) = sub.as_object_mut() {
                            o.insert("description".into(), text.into());
                        }
                    }
                    Ok(None) => self.undocumented.push(at.clone()),
                    Err((a, b)) => self.ambiguous.push((at.clone(), a, b)),
                }
                self.paths.push(at);
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(Json::Array(branches)) = obj.get_mut(key) {
                for b in branches {
                    self.node(b, path);
                }
            }
        }
        if let Some(items) = obj.get_mut("items") {
            self.node(items, &format!("{path}[]"));
        }
        if let Some(Json::Array(items)) = obj.get_mut("prefixItems") {
            for item in items {
                self.node(item, &format!("{path}[]"));
            }
        }
    }
}
