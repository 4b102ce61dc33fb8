//! SET rules: projects are one set with one name and one code each, wherever they appear
//! (project list, performance forms, procurement and purchased-service lines). One
//! function per rule.

use std::collections::BTreeMap;

use super::Out;

pub(super) fn check(out: &mut Out<'_>) {
    charged_projects_exist(out);
    form_names_agree(out);
    unique_names(out);
    codes_agree_and_are_unique(out);
    charged_lines_share_the_function(out);
    procurement_details(out);
    periods(out);
}

/// SET-001: a charged line (procurement, purchased service …) names a listed project.
fn charged_projects_exist(out: &mut Out<'_>) {
    let b = out.budget();
    for l in super::charged_lines(b) {
        let Some(project) = l.project else { continue };
        if !b.projects.iter().any(|p| p.name == project) {
            out.push_hint(
                "SET-001",
                format!("{}.project", l.field),
                format!("项目“{project}”不在项目清单（projects）中"),
                "明细须挂在项目清单中已有的项目上，名称须完全一致",
            );
        }
    }
}

/// SET-002: a project's performance form names the project as the list does.
fn form_names_agree(out: &mut Out<'_>) {
    let b = out.budget();
    for (i, p) in b.projects.iter().enumerate() {
        let name = p.performance.as_ref().and_then(|f| f.name.as_deref());
        if let Some(n) = name.filter(|n| *n != p.name) {
            out.push(
                "SET-002",
                format!("projects[{i}].performance.name"),
                format!(
                    "绩效目标申报表中的项目名称“{n}”与项目清单中的“{}”不一致",
                    p.name
                ),
            );
        }
    }
}

/// SET-003: no two projects share a name.
fn unique_names(out: &mut Out<'_>) {
    let b = out.budget();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in b.projects.iter().enumerate() {
        if let Some(first) = names.insert(p.name.as_str(), i) {
            out.push(
                "SET-003",
                format!("projects[{i}].name"),
                format!("项目“{}”与 projects[{first}] 重名", p.name),
            );
        }
    }
}

/// SET-004: a project's form gives the list's code, and no code names two projects.
fn codes_agree_and_are_unique(out: &mut Out<'_>) {
    let b = out.budget();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in b.projects.iter().enumerate() {
        let form_code = p.performance.as_ref().and_then(|f| f.code.as_deref());
        if let (Some(a), Some(c)) = (p.code.as_deref(), form_code) {
            if a != c {
                out.push(
                    "SET-004",
                    format!("projects[{i}].performance.code"),
                    format!("绩效目标申报表中的项目代码“{c}”与项目清单中的“{a}”不一致"),
                );
            }
        }
        for (code, field) in [
            (p.code.as_deref(), format!("projects[{i}].code")),
            (
                form_code.filter(|c| Some(*c) != p.code.as_deref()),
                format!("projects[{i}].performance.code"),
            ),
        ] {
            let Some(code) = code.filter(|c| !c.is_empty()) else {
                continue;
            };
            match codes.get(code) {
                Some(j) if *j != i => out.push_hint(
                    "SET-004",
                    field,
                    format!(
                        "项目代码“{code}”同时用于“{}”和“{}”",
                        b.projects[*j].name, p.name
                    ),
                    "每个项目的代码应唯一",
                ),
                Some(_) => {}
                None => {
                    codes.insert(code, i);
                }
            }
        }
    }
}

/// SET-005: a charged line's function code is its project's.
fn charged_lines_share_the_function(out: &mut Out<'_>) {
    let b = out.budget();
    for l in super::charged_lines(b) {
        let Some(project) = l.project else { continue };
        let Some(p) = b.projects.iter().find(|p| p.name == project) else {
            continue;
        };
        if let (Some(a), Some(c)) = (p.function_code.as_ref(), l.function_code) {
            if a != c {
                out.push(
                    "SET-005",
                    format!("{}.function_code", l.field),
                    format!(
                        "明细的功能科目 {c} 与所属项目“{}”的功能科目 {a} 不一致",
                        p.name
                    ),
                );
            }
        }
    }
}

/// SET-006: where the layout's procurement table lists each line's details, every line
/// has them.
fn procurement_details(out: &mut Out<'_>) {
    if !out.opts.settings.procurement_details {
        return;
    }
    let b = out.budget();
    for (i, l) in b.procurement.lines.iter().enumerate() {
        let missing: Vec<&str> = [
            ("project", l.project.is_none()),
            ("function_code", l.function_code.is_none()),
            ("economic_code", l.economic_code.is_none()),
            ("fund_source", l.fund_source.is_none()),
            ("fund_nature", l.fund_nature.is_none()),
            ("quantity", l.quantity.is_none()),
            ("unit_price", l.unit_price.is_none()),
            ("measure", l.measure.is_none()),
        ]
        .into_iter()
        .filter_map(|(k, m)| m.then_some(k))
        .collect();
        if !missing.is_empty() {
            out.push_hint(
                "SET-006",
                format!("procurement.lines[{i}]"),
                format!(
                    "本版式的政府采购表列示每条明细的{}，此处缺少",
                    missing.join("、")
                ),
                "补齐这些字段，或改用不列示采购明细的版式",
            );
        }
    }
}

/// SET-007: a project's period is two dates, in order, meeting the budget year.
fn periods(out: &mut Out<'_>) {
    let b = out.budget();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(period) = &p.period else { continue };
        let start = period.start.parse::<jiff::civil::Date>().ok();
        let end = period.end.parse::<jiff::civil::Date>().ok();
        let field = format!("projects[{i}].period");
        match (start, end) {
            (Some(s), Some(e)) if s > e => out.push(
                "SET-007",
                field,
                format!("预算执行时间 {} 至 {} 起止颠倒", period.start, period.end),
            ),
            (Some(s), Some(e)) if i32::from(s.year()) > b.year || i32::from(e.year()) < b.year => {
                out.push(
                    "SET-007",
                    field,
                    format!(
                        "预算执行时间 {} 至 {} 与预算年度 {} 没有交集",
                        period.start, period.end, b.year
                    ),
                )
            }
            (Some(_), Some(_)) => {}
            _ => out.push_hint(
                "SET-007",
                field,
                format!(
                    "预算执行时间“{}”至“{}”不是 YYYY-MM-DD 格式的日期",
                    period.start, period.end
                ),
                "例如 start: \"2021-01-01\"，end: \"2021-12-31\"（日期加引号）",
            ),
        }
    }
}
