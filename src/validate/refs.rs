//! REF rules beyond units and codes of their own: everything a line or text names exists,
//! so nothing vanishes from a table while a total counts it — the unit of a procurement or
//! purchased-service line (REF-001/002), the 类 a purpose text explains (REF-004), the
//! 项 a project is charged to (REF-005).

use std::collections::BTreeSet;

use super::Out;
use crate::load::schema::Funding;

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    for (i, l) in b.procurement.lines.iter().enumerate() {
        out.unit_ref(&l.unit, &format!("procurement.lines[{i}]"));
    }
    for (i, l) in b.purchased_services.lines.iter().enumerate() {
        out.unit_ref(&l.unit, &format!("purchased_services.lines[{i}]"));
    }
    purposes(out);
}

/// A purpose text explains a 类 the budget spends on (the narrative prints it beside that
/// 类, so a text for another code would be dropped).
fn purposes(out: &mut Out<'_>) {
    let b = out.budget();
    let general: BTreeSet<&str> = b
        .expenditure
        .iter()
        .filter(|l| l.funding == Funding::General)
        .filter_map(|l| l.code.get(..3))
        .collect();
    let economic: BTreeSet<&str> = b
        .basic_economic
        .iter()
        .filter_map(|l| l.code.get(..3))
        .collect();
    for (list, used, what) in [
        ("function_purposes", &general, "一般公共预算支出"),
        ("economic_purposes", &economic, "基本支出经济分类"),
    ] {
        let purposes = if list == "function_purposes" {
            &b.narrative.function_purposes
        } else {
            &b.narrative.economic_purposes
        };
        for (i, p) in purposes.iter().enumerate() {
            if !used.contains(p.code.as_str()) {
                let listed: Vec<&str> = used.iter().copied().collect();
                out.push_hint(
                    "REF-004",
                    format!("narrative.{list}[{i}].code"),
                    format!("说明了类级科目 {} 的用途，但{what}中没有该类", p.code),
                    format!("{what}的类级科目：{}", listed.join("、")),
                );
            }
        }
    }
}

/// A project's function classification 项 is one the expenditure lists with project
/// expenditure.
pub(super) fn project_codes(out: &mut Out<'_>) {
    let b = out.budget();
    let used: BTreeSet<&str> = b
        .expenditure
        .iter()
        .filter(|l| !l.project.is_zero())
        .map(|l| l.code.as_str())
        .collect();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(code) = p.function_code.as_deref() else {
            continue;
        };
        if !used.contains(code) {
            out.push_hint(
                "REF-005",
                format!("projects[{i}].function_code"),
                format!("项目“{}”的功能科目 {code} 在支出表中没有项目支出", p.name),
                format!(
                    "支出表中有项目支出的科目：{}",
                    used.iter().copied().collect::<Vec<_>>().join("、")
                ),
            );
        }
    }
}
