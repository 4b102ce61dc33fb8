use serde_json::{json, Value as Json};

use super::fields::{fields, lookup, specificity, README};
use super::strict::strict;
use crate::kind::{editor_schema, NAMES as KINDS};

/// Every property schema of `node` with its path.
fn properties<'a>(node: &'a Json, path: &str, out: &mut Vec<(String, &'a Json)>) {
    let Some(obj) = node.as_object() else { return };
    if let Some(props) = obj.get("properties").and_then(Json::as_object) {
        for (name, sub) in props {
            let at = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            out.push((at.clone(), sub));
            properties(sub, &at, out);
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for b in obj.get(key).and_then(Json::as_array).into_iter().flatten() {
            properties(b, path, out);
        }
    }
    if let Some(items) = obj.get("items") {
        properties(items, &format!("{path}[]"), out);
    }
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_field_of_every_kind_has_a_chinese_description() {
    let mut total = 0;
    for (kind, _) in KINDS {
        let schema = editor_schema(kind).expect("known kind");
        let mut props = Vec::new();
        properties(&schema.json, "", &mut props);
        assert!(props.len() > 20, "{kind}: {} fields", props.len());
        for (path, sub) in &props {
            let text = sub["description"].as_str().unwrap_or_default();
            assert!(
                has_chinese(text),
                "{kind}: {path} has no Chinese description: {text:?}"
            );
            // No sentence (or paragraph) of it is English only.
            for part in text
                .split(['。', '；', '\n'])
                .filter(|p| p.trim().len() > 3)
            {
                assert!(
                    has_chinese(part)
                        || !part.chars().any(|c| c.is_ascii_alphabetic())
                        || part.trim_start().starts_with("示例：")
                        || part.trim().starts_with('`'),
                    "{kind}: {path}: English sentence {part:?}"
                );
            }
        }
        let root = schema.json["description"].as_str().unwrap_or_default();
        assert!(has_chinese(root), "{kind}: root description {root:?}");
        total += props.len();
    }
    assert!(total > 300, "{total} fields in all");
}

#[test]
fn the_readme_documents_every_field_once_and_no_field_that_is_gone() {
    for (kind, _) in KINDS {
        let s = editor_schema(kind).expect("known kind");
        assert_eq!(
            s.undocumented,
            Vec::<String>::new(),
            "{kind}: fields without a row in inputs/README.md"
        );
        assert_eq!(
            s.ambiguous,
            Vec::new(),
            "{kind}: fields two rows of inputs/README.md document"
        );
        assert_eq!(
            s.stale,
            Vec::<String>::new(),
            "{kind}: rows of inputs/README.md that name no field"
        );
    }
}

#[test]
fn descriptions_are_the_readme_rows() {
    let s = editor_schema("budget").expect("budget");
    let code = s.json["properties"]["department"]["properties"]["code"]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(code.starts_with("部门编码，只含数字（STR-010）"), "{code}");
    assert!(
        code.contains("必填：是") && code.contains("示例：`\"112\"`"),
        "{code}"
    );
    assert!(code.contains("要加引号"), "{code}");
    // A generic row (13.2) documents the indicators of every goal.
    let goals = &s.json["properties"]["projects"]["items"]["properties"]["performance"];
    let level1 = goals["anyOf"][0]["properties"]["long_term_goals"]["items"]["properties"]
        ["indicators"]["items"]["properties"]["level1"]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(level1.starts_with("一级指标"), "{level1}");
    // The overview's text gives way to the section's own row.
    let layout = s.json["properties"]["layout"]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(layout.starts_with("生成报告所用的版式"), "{layout}");
}

#[test]
fn field_rows_are_read_by_kind_and_prose_rows_are_skipped() {
    let readme = "\
| 字段 | 必填 | 含义 | 示例 |
| --- | --- | --- | --- |
| `a.b`、[`c`](#x) | 是 | 甲的**乙**，见[第 1 节](#1) | `1` |
| `a` 的 `b` | 否 | 散文 | |

### 24.1 表（`kind: other`）

| 字段 | 含义 |
| --- | --- |
| `x[].y` | 丙 |

## 25. 别的

| 取值 | 含义 |
| --- | --- |
| `general` | 不是字段 |
";
    let f = fields(readme);
    let keys: Vec<(&str, &str)> = f
        .iter()
        .map(|f| (f.kind.as_str(), f.key.as_str()))
        .collect();
    assert_eq!(
        keys,
        [("budget", "a.b"), ("budget", "c"), ("other", "x[].y")]
    );
    assert_eq!(f[0].text, "甲的乙，见第 1 节\n\n必填：是\n\n示例：`1`");
    assert_eq!(f[2].text, "丙");
    assert!(!fields(README).is_empty());
}

#[test]
fn keys_name_a_path_from_the_top_or_the_end_of_any() {
    let roots = ["projects".to_owned(), "year".to_owned()];
    assert_eq!(
        specificity("projects[].name", "projects[].name", &roots),
        Some(2)
    );
    assert_eq!(
        specificity("year", "department_performance.year", &roots),
        None
    );
    assert_eq!(
        specificity(
            "annual_goals[].text",
            "projects[].performance.annual_goals[].text",
            &roots
        ),
        Some(2)
    );
    assert_eq!(
        specificity(
            "indicators.*.*.target",
            "projects[].indicators.output.quality.target",
            &roots
        ),
        Some(2)
    );
    assert_eq!(
        specificity(
            "indicators.*.*.target",
            "projects[].indicators.output.target",
            &roots
        ),
        None
    );
    let f = fields("| 字段 | 含义 |\n| --- | --- |\n| `target` | 甲 |\n| `target` | 乙 |\n");
    assert_eq!(lookup(&f, "budget", "a.target", &roots), Err((3, 4)));
}

#[test]
fn strict_drops_formats_and_splits_union_types() {
    let mut schema = json!({
        "type": "object",
        "properties": {
            "year": { "type": "integer", "format": "int32" },
            "count": { "type": ["integer", "null"], "format": "uint32", "minimum": 0 },
            "money": { "type": ["number", "string"], "pattern": "^[0-9]+$", "description": "d" },
            "style": { "oneOf": [
                { "type": "string", "const": "nian", "description": "廿一" },
                { "type": "string", "const": "plain", "description": "二十一" }
            ] },
            "kind": { "type": ["string", "null"], "enum": ["budget", null] }
        }
    });
    strict(&mut schema);
    let p = &schema["properties"];
    assert_eq!(
        p["year"],
        json!({ "type": "integer", "minimum": -2147483648_i64, "maximum": 2147483647 })
    );
    assert_eq!(
        p["count"],
        json!({ "anyOf": [{ "type": "integer", "minimum": 0, "maximum": 4294967295_u64 }, { "type": "null" }] })
    );
    assert_eq!(
        p["money"],
        json!({ "description": "d", "anyOf": [{ "type": "number" }, { "type": "string", "pattern": "^[0-9]+$" }] })
    );
    assert_eq!(
        p["style"],
        json!({ "type": "string", "enum": ["nian", "plain"] })
    );
    assert_eq!(
        p["kind"],
        json!({ "anyOf": [{ "type": "string", "enum": ["budget"] }, { "type": "null" }] })
    );
    assert!(!schema.to_string().contains("format"));
}
