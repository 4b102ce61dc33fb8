//! COD rules: classification codes well-formed, named consistently and as officially.

use std::collections::BTreeMap;

use super::Out;
use crate::catalog;
use crate::load::schema::Budget;

fn is_digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|c| c.is_ascii_digit())
}

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    let mut names: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        if !is_digits(&l.code, 7) {
            out.push_hint(
                "COD-001",
                format!("expenditure[{i}].code"),
                format!("功能分类科目编码“{}”应为 7 位数字（细化到项级）", l.code),
                "例如 2014001（一般公共服务支出/信访事务/行政运行）",
            );
            continue;
        }
        name_checks(
            out,
            &mut names,
            &l.code,
            &l.name,
            format!("expenditure[{i}].name"),
            catalog::function(&l.code),
        );
    }
    let mut econ: BTreeMap<&str, (&str, String)> = BTreeMap::new();
    for (field, code, name) in economic_lines(b) {
        if !is_digits(code, 5) {
            out.push_hint(
                "COD-001",
                format!("{field}.code"),
                format!("经济分类科目编码“{code}”应为 5 位数字（细化到款级）"),
                "例如 30101（工资福利支出/基本工资）",
            );
            continue;
        }
        name_checks(
            out,
            &mut econ,
            code,
            name,
            format!("{field}.name"),
            catalog::economic(code),
        );
    }
    for (i, c) in b.codes.iter().enumerate() {
        let well_formed =
            c.code.bytes().all(|x| x.is_ascii_digit()) && matches!(c.code.len(), 3 | 5 | 7);
        if !well_formed {
            out.push(
                "COD-001",
                format!("codes[{i}].code"),
                format!("科目编码“{}”应为 3、5 或 7 位数字", c.code),
            );
        }
        let known = catalog::function(&c.code).or_else(|| catalog::economic(&c.code));
        if let Some(e) = known {
            if e.name != c.name {
                out.push(
                    "COD-003",
                    format!("codes[{i}].name"),
                    format!(
                        "科目 {} 的官方名称是“{}”，此处写作“{}”",
                        c.code, e.name, c.name
                    ),
                );
            }
        }
    }
    parents(out);
    line_codes(out);
    descriptions(out);
}

/// Every 项 the budget uses has a glossary description, from `codes:` or the catalogue,
/// where the layout prints them: otherwise 名词解释 shows a dangling “（项）：”.
fn descriptions(out: &mut Out<'_>) {
    if !out.opts.settings.item_descriptions() {
        return;
    }
    let b = out.budget();
    let mut seen: Vec<&str> = Vec::new();
    let mut missing = Vec::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        if !is_digits(&l.code, 7) || seen.contains(&l.code.as_str()) {
            continue;
        }
        seen.push(&l.code);
        // The description the glossary prints: `codes:` first, then the catalogue.
        let declared = b.codes.iter().find(|c| c.code == l.code);
        let known = catalog::function(&l.code);
        let text = declared
            .and_then(|c| c.description.as_deref())
            .or_else(|| known.map(|e| e.description))
            .unwrap_or_default();
        if text.trim().is_empty() {
            let name = known.map_or(l.name.as_str(), |e| e.name);
            missing.push((i, l.code.as_str(), name));
        }
    }
    for (i, code, name) in missing {
        out.push_hint(
            "COD-007",
            format!("expenditure[{i}].code"),
            format!("项级科目 {code}“{name}”没有说明，名词解释会印出空条目"),
            format!(
                "请在 codes: 中补录当年《政府收支分类科目》的说明：- {{ code: \"{code}\", name: \"{name}\", description: \"反映……\" }}"
            ),
        );
    }
}

/// 类 and 款 of every code need a name from `codes:` or the catalogue.
fn parents(out: &mut Out<'_>) {
    let b = out.budget();
    let has_name = |code: &str, economic: bool| {
        b.codes.iter().any(|c| c.code == code)
            || if economic {
                catalog::economic(code).is_some()
            } else {
                catalog::function(code).is_some()
            }
    };
    let mut reported: Vec<&str> = Vec::new();
    let mut missing = Vec::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        for n in [3, 5] {
            let Some(parent) = l.code.get(..n) else {
                continue;
            };
            if is_digits(&l.code, 7) && !has_name(parent, false) && !reported.contains(&parent) {
                reported.push(parent);
                missing.push((format!("expenditure[{i}].code"), parent));
            }
        }
    }
    for (field, code, _) in economic_lines(b) {
        let Some(parent) = code.get(..3) else {
            continue;
        };
        if is_digits(code, 5) && !has_name(parent, true) && !reported.contains(&parent) {
            reported.push(parent);
            missing.push((format!("{field}.code"), parent));
        }
    }
    for (field, parent) in missing {
        out.push_hint(
            "COD-004",
            field,
            format!("上级科目 {parent} 不在内置目录中，报表无法列示其名称"),
            format!("请在 codes: 中补充 {{ code: \"{parent}\", name: … }}"),
        );
    }
}

/// Procurement and purchased-service lines name codes the budget actually uses.
fn line_codes(out: &mut Out<'_>) {
    let b = out.budget();
    let used: Vec<&str> = b.expenditure.iter().map(|l| l.code.as_str()).collect();
    let mut found = Vec::new();
    for l in super::charged_lines(b) {
        let field = l.field;
        if let Some(f) = l.function_code.filter(|f| !used.contains(f)) {
            found.push((
                format!("{field}.function_code"),
                format!("功能科目 {f} 不是本部门支出使用的项级科目"),
            ));
        }
        if let Some(e) = l.economic_code.filter(|e| {
            !is_digits(e, 5)
                || catalog::economic(e).is_none() && !b.codes.iter().any(|c| c.code == *e)
        }) {
            found.push((
                format!("{field}.economic_code"),
                format!("经济分类科目 {e} 应为内置目录中的 5 位款级科目"),
            ));
        }
    }
    for (field, msg) in found {
        out.push("COD-006", field, msg);
    }
}

fn name_checks<'a>(
    out: &mut Out<'_>,
    names: &mut BTreeMap<&'a str, (&'a str, String)>,
    code: &'a str,
    name: &'a str,
    field: String,
    known: Option<&'static catalog::Entry>,
) {
    match names.get(code) {
        Some((first, first_field)) if *first != name => {
            out.push(
                "COD-002",
                field,
                format!("科目 {code} 在 {first_field} 名为“{first}”，此处却为“{name}”"),
            );
        }
        Some(_) => {}
        None => {
            names.insert(code, (name, field.clone()));
            let declared = out.budget().codes.iter().any(|c| c.code == code);
            match known {
                Some(e) if e.name != name => out.push(
                    "COD-003",
                    field,
                    format!("科目 {code} 的官方名称是“{}”，此处写作“{name}”", e.name),
                ),
                None if !declared => out.push_hint(
                    "COD-005",
                    field,
                    format!("科目 {code}“{name}”不在内置目录中，请核对"),
                    add_code_hint(code, name),
                ),
                _ => {}
            }
        }
    }
}

/// Where an unknown code is added: `codes:`, with the description a 项 prints in 名词解释.
fn add_code_hint(code: &str, name: &str) -> String {
    let description = if code.len() == 7 {
        ", description: \"反映……\""
    } else {
        ""
    };
    format!(
        "确认是当年有效科目后，在 codes: 中补录：- {{ code: \"{code}\", name: \"{name}\"{description} }}"
    )
}

/// Every economic classification line (basic, then project) as (field path, code, name).
fn economic_lines(b: &Budget) -> impl Iterator<Item = (String, &str, &str)> {
    let basic = b.basic_economic.iter().enumerate().map(|(i, l)| {
        (
            format!("basic_economic[{i}]"),
            l.code.as_str(),
            l.name.as_str(),
        )
    });
    let project = b.project_economic.iter().enumerate().map(|(i, l)| {
        (
            format!("project_economic[{i}]"),
            l.code.as_str(),
            l.name.as_str(),
        )
    });
    basic.chain(project)
}
