//! SET rules: projects are one set with one name and one code each, wherever they appear
//! (project list, performance forms, procurement and purchased-service lines).

use std::collections::BTreeMap;

use super::Out;

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut codes: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    let mut found = Vec::new();
    for (i, p) in b.projects.iter().enumerate() {
        if let Some(first) = names.insert(p.name.as_str(), i) {
            found.push((
                "SET-003",
                format!("projects[{i}].name"),
                format!("项目“{}”与 projects[{first}] 重名", p.name),
                None,
            ));
        }
        let form = p.performance.as_ref();
        if let Some(n) = form.and_then(|f| f.name.as_deref()) {
            if n != p.name {
                found.push((
                    "SET-002",
                    format!("projects[{i}].performance.name"),
                    format!(
                        "绩效目标申报表中的项目名称“{n}”与项目清单中的“{}”不一致",
                        p.name
                    ),
                    None,
                ));
            }
        }
        let form_code = form.and_then(|f| f.code.as_deref());
        if let (Some(a), Some(c)) = (p.code.as_deref(), form_code) {
            if a != c {
                found.push((
                    "SET-004",
                    format!("projects[{i}].performance.code"),
                    format!("绩效目标申报表中的项目代码“{c}”与项目清单中的“{a}”不一致"),
                    None,
                ));
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
                Some((j, _)) if *j != i => found.push((
                    "SET-004",
                    field,
                    format!(
                        "项目代码“{code}”同时用于“{}”和“{}”",
                        b.projects[*j].name, p.name
                    ),
                    Some("每个项目的代码应唯一"),
                )),
                Some(_) => {}
                None => {
                    codes.insert(code, (i, field));
                }
            }
        }
    }
    for l in super::charged_lines(b) {
        let (field, function_code) = (l.field, l.function_code);
        let Some(project) = l.project else { continue };
        match b.projects.iter().find(|p| p.name == project) {
            None => found.push((
                "SET-001",
                format!("{field}.project"),
                format!("项目“{project}”不在项目清单（projects）中"),
                Some("明细须挂在项目清单中已有的项目上，名称须完全一致"),
            )),
            Some(p) => {
                if let (Some(a), Some(b)) = (p.function_code.as_ref(), function_code) {
                    if a != b {
                        found.push((
                            "SET-005",
                            format!("{field}.function_code"),
                            format!(
                                "明细的功能科目 {b} 与所属项目“{}”的功能科目 {a} 不一致",
                                p.name
                            ),
                            None,
                        ));
                    }
                }
            }
        }
    }
    if out.opts.settings.procurement_details {
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
                found.push((
                    "SET-006",
                    format!("procurement.lines[{i}]"),
                    format!(
                        "本版式的政府采购表列示每条明细的{}，此处缺少",
                        missing.join("、")
                    ),
                    Some("补齐这些字段，或改用不列示采购明细的版式"),
                ));
            }
        }
    }
    for (i, p) in b.projects.iter().enumerate() {
        let Some(period) = &p.period else { continue };
        let start = period.start.parse::<jiff::civil::Date>().ok();
        let end = period.end.parse::<jiff::civil::Date>().ok();
        let field = format!("projects[{i}].period");
        match (start, end) {
            (Some(s), Some(e)) if s > e => found.push((
                "SET-007",
                field,
                format!("预算执行时间 {} 至 {} 起止颠倒", period.start, period.end),
                None,
            )),
            (Some(s), Some(e)) if i32::from(s.year()) > b.year || i32::from(e.year()) < b.year => {
                found.push((
                    "SET-007",
                    field,
                    format!(
                        "预算执行时间 {} 至 {} 与预算年度 {} 没有交集",
                        period.start, period.end, b.year
                    ),
                    None,
                ))
            }
            (Some(_), Some(_)) => {}
            _ => found.push((
                "SET-007",
                field,
                format!(
                    "预算执行时间“{}”至“{}”不是 YYYY-MM-DD 格式的日期",
                    period.start, period.end
                ),
                Some("例如 start: \"2021-01-01\"，end: \"2021-12-31\"（日期加引号）"),
            )),
        }
    }
    for (rule, field, msg, hint) in found {
        match hint {
            Some(h) => out.push_hint(rule, field, msg, h),
            None => out.push(rule, field, msg),
        }
    }
}
