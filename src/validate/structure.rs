//! STR and REF rules: units, required texts, year, code shapes, placeholders, stale years.

use std::collections::BTreeMap;

use super::Out;

/// Paths (after removing list indices) of texts that must not be empty.
const REQUIRED_TEXTS: &[&str] = &[
    "department.name",
    "department.code",
    "units.code",
    "units.name",
    "overview.functions",
    "overview.composition",
    "overview.staffing.as_of",
    "expenditure.name",
    "basic_economic.name",
    "projects.name",
    "projects.category",
    "projects.purpose",
    "sangong.scope",
    "admin_costs.includes",
    "narrative.performance",
    "narrative.function_purposes.text",
    "narrative.economic_purposes.text",
];

/// Placeholders a template or last year's file leaves behind.
pub(super) const PLACEHOLDERS: &[&str] = &[
    "XX",
    "××",
    "ＸＸ",
    "待填写",
    "待补充",
    "某某",
    "TODO",
    "TBD",
    "{",
    "}",
    "【】",
    "（）",
];

/// A path with its list indices removed: `projects[2].name` → `projects.name`.
pub(super) fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

pub(super) fn check(out: &mut Out<'_>) {
    let b = out.budget();
    if b.units.is_empty() {
        out.push("STR-006", "units", "至少需要列出一个预算单位");
    }
    let mut seen = BTreeMap::new();
    for (i, u) in b.units.iter().enumerate() {
        if let Some(first) = seen.insert(u.code.as_str(), i) {
            out.push(
                "REF-003",
                format!("units[{i}].code"),
                format!("预算单位编码“{}”与 units[{first}] 重复", u.code),
            );
        }
        if !u.code.starts_with(&b.department.code) {
            out.push_hint(
                "STR-009",
                format!("units[{i}].code"),
                format!(
                    "单位编码“{}”不以部门编码“{}”开头",
                    u.code, b.department.code
                ),
                "预算单位编码通常由部门编码加三位顺序号组成，请核对",
            );
        }
    }
    if !(2000..=2100).contains(&b.year) {
        out.push(
            "STR-008",
            "year",
            format!("预算年度 {} 不合理（应为四位年份）", b.year),
        );
    }
    for (code, field) in std::iter::once((&b.department.code, "department.code".to_owned())).chain(
        b.units
            .iter()
            .enumerate()
            .map(|(i, u)| (&u.code, format!("units[{i}].code"))),
    ) {
        if !code.is_empty() && !code.bytes().all(|c| c.is_ascii_digit()) {
            out.push("STR-010", field, format!("编码“{code}”应只含数字"));
        }
    }
    texts(out);
}

/// Texts (by field shape) whose purpose is to tell past events, exempt from EXP-009.
const HISTORICAL_TEXTS: &[&str] = &["overview.vehicles_note"];

/// Empty required texts, placeholders and years in authored texts.
fn texts(out: &mut Out<'_>) {
    let year = out.budget().year;
    let until = out
        .budget()
        .department_performance
        .as_ref()
        .and_then(|d| d.long_term_until)
        .unwrap_or(year + 5)
        .max(year + 1);
    let source = &out.loaded.source;
    let mut found = Vec::new();
    for (path, _, value) in source.scalars() {
        let sh = shape(path);
        if REQUIRED_TEXTS.contains(&sh.as_str()) && value.trim().is_empty() {
            found.push(("STR-007", path.to_owned(), "必填文字为空".to_owned(), None));
        }
        if let Some(p) = PLACEHOLDERS.iter().find(|p| value.contains(*p)) {
            found.push((
                "EXP-008",
                path.to_owned(),
                format!("文字中留有占位符“{p}”：{}", excerpt(value)),
                Some("请替换为实际内容"),
            ));
        }
        // Texts that tell history (how the units came by their vehicles) name old years.
        let historical = HISTORICAL_TEXTS.contains(&sh.as_str());
        for y in years_in(value).into_iter().filter(|_| !historical) {
            if y < year - 2 || y > until {
                found.push((
                    "EXP-009",
                    path.to_owned(),
                    format!("文字中出现 {y} 年，与 {year} 年预算不符（是否沿用了往年的文字？）"),
                    None,
                ));
                break;
            }
        }
    }
    // Required lists must not be empty either.
    let b = out.budget();
    if b.overview.functions.is_empty() {
        found.push((
            "STR-007",
            "overview.functions".into(),
            "主要职能不能为空".into(),
            None,
        ));
    }
    if b.narrative.performance.is_empty() {
        found.push((
            "STR-007",
            "narrative.performance".into(),
            "预算绩效开展情况不能为空".into(),
            None,
        ));
    }
    for (rule, field, msg, hint) in found {
        match hint {
            Some(h) => out.push_hint(rule, field, msg, h),
            None => out.push(rule, field, msg),
        }
    }
}

pub(super) fn excerpt(s: &str) -> String {
    let t: String = s.chars().take(24).collect();
    if s.chars().count() > 24 {
        format!("{t}…")
    } else {
        t
    }
}

/// Four-digit years written as `2023年` or `2023 年` in a text.
pub(super) fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let digits = &chars[i..i + 4];
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if !before_digit && digits.iter().all(char::is_ascii_digit) {
            let mut j = i + 4;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if chars.get(j) == Some(&'年') {
                let y: String = digits.iter().collect();
                if let Ok(y) = y.parse::<i32>() {
                    years.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_years() {
        assert_eq!(
            shape("projects[2].performance.details[0].content"),
            "projects.performance.details.content"
        );
        assert_eq!(
            years_in("截至2023年12月31日，2024 年预算；12023年"),
            vec![2023, 2024]
        );
    }
}
