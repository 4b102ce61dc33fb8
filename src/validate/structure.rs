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
    "glossary.term",
    "glossary.text",
    "display.unit",
];

/// Fields holding a count of people, vehicles or houses, by the last segment of their path.
const COUNTS: &[&str] = &[
    "count",
    "retired",
    "admin_posts",
    "admin_actual",
    "institution_posts",
    "institution_actual",
    "retired_veteran",
    "employees",
    "temporary",
    "general",
    "enforcement",
    "special",
    "other",
    "vehicles",
    "houses",
];

/// The largest count a department's form can hold.
const MAX_COUNT: u64 = 100_000;

/// Display settings and their ranges (decimals beyond these print nonsense).
const SETTINGS: &[(&str, u32)] = &[
    ("display.decimals", 6),
    ("display.input_decimals", 8),
    ("display.transcribed_decimals", 6),
    ("display.percent_decimals", 4),
];

/// Placeholders a template or last year's file leaves behind, found anywhere in a text.
const PLACEHOLDERS: &[&str] = &[
    "××",
    "ＸＸ",
    "待填写",
    "待补充",
    "待填",
    "某某",
    "【】",
    "（）",
];

/// Placeholders that are Latin letters: only where they stand alone, not inside a word or
/// a model number (`XXL`, `TX-XX5` are real text; `第XX号`, `XX 万元` are not).
const LATIN_PLACEHOLDERS: &[&str] = &["XX", "TODO", "TBD"];

/// The placeholder `text` still holds, if any.
pub(super) fn placeholder(text: &str) -> Option<&'static str> {
    if let Some(p) = PLACEHOLDERS.iter().find(|p| text.contains(**p)) {
        return Some(p);
    }
    // A template's field left unfilled: `{部门名称}`.
    if let Some(open) = text.find('{') {
        if text[open..].contains('}') {
            return Some("{…}");
        }
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
    for p in LATIN_PLACEHOLDERS {
        for (at, _) in text.match_indices(p) {
            let before = text[..at].chars().next_back();
            let after = text[at + p.len()..].chars().next();
            // XX within a longer run of X (XXX) is the same placeholder.
            let (before, after) = if *p == "XX" {
                (
                    text[..at].trim_end_matches('X').chars().next_back(),
                    text[at + p.len()..].trim_start_matches('X').chars().next(),
                )
            } else {
                (before, after)
            };
            if !word(before) && !word(after) {
                return Some(p);
            }
        }
    }
    None
}

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
    ranges(out);
    unquoted_codes(out);
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

/// Whether a field (the last segment of its path) holds a classification, unit or
/// project code: text, even when written as a bare number.
pub(super) fn is_code_field(last: &str) -> bool {
    last == "code" || last.ends_with("_code") || last == "codes"
}

/// Codes written as bare numbers (STR-014): gongkai reads them as written, but a YAML
/// editor or another tool takes `2014001` for a number (and `0101` for 101).
fn unquoted_codes(out: &mut Out<'_>) {
    let found: Vec<(String, String)> = out
        .loaded
        .source
        .plain_scalars()
        .filter(|(path, _, text)| {
            let sh = shape(path);
            let last = sh.rsplit('.').next().unwrap_or_default();
            is_code_field(last)
                && !text.is_empty()
                && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
        .map(|(path, _, text)| (path.to_owned(), text.to_owned()))
        .collect();
    for (path, text) in found {
        out.push_hint(
            "STR-014",
            path,
            format!("编码 {text} 没有加引号，会被编辑器和其他程序当作数字"),
            format!("写成 \"{text}\"：编码是文字，0 开头的编码不加引号会丢掉前导 0"),
        );
    }
}

/// Counts, settings and dates within what a report can hold (STR-012, STR-013).
fn ranges(out: &mut Out<'_>) {
    let b = out.budget();
    let mut found = Vec::new();
    for (path, _, text) in out.loaded.source.plain_scalars() {
        let sh = shape(path);
        let last = sh.rsplit('.').next().unwrap_or_default();
        let counted = COUNTS.contains(&last)
            && (sh.starts_with("overview.staffing")
                || sh.starts_with("units.staffing")
                || sh.starts_with("assets."));
        if counted && text.parse::<u64>().map_or(true, |n| n > MAX_COUNT) {
            found.push((
                path.to_owned(),
                format!("数量 {text} 超出合理范围（0 至 {MAX_COUNT}）"),
            ));
        }
    }
    let d = &b.display;
    for (field, max) in SETTINGS {
        let value = match *field {
            "display.decimals" => Some(d.decimals),
            "display.input_decimals" => d.input_decimals,
            "display.transcribed_decimals" => d.transcribed_decimals,
            _ => Some(d.percent_decimals),
        };
        if value.is_some_and(|v| v > *max) {
            found.push((
                (*field).to_owned(),
                format!("{field} 为 {}，最多 {max} 位小数", value.unwrap_or(0)),
            ));
        }
    }
    for (field, msg) in found {
        out.push("STR-012", field, msg);
    }
    if let Some(approved) = b.approval_date.as_deref() {
        if let Ok(date) = approved.parse::<jiff::civil::Date>() {
            let year = i32::from(date.year());
            if year < b.year.saturating_sub(1) || year > b.year {
                out.push_hint(
                    "STR-013",
                    "approval_date",
                    format!("批复日期 {date} 不在 {} 年预算的批复期内", b.year),
                    format!(
                        "预算于上年末或当年批复，应在 {}-01-01 至 {}-12-31 之间",
                        b.year.saturating_sub(1),
                        b.year
                    ),
                );
            }
        }
    }
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
        .unwrap_or(year.saturating_add(5))
        .max(year.saturating_add(1));
    let source = &out.loaded.source;
    let mut found = Vec::new();
    for (path, _, value) in source.scalars() {
        let bad: Vec<String> = value
            .chars()
            .filter(|c| crate::text::forbidden(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        if !bad.is_empty() {
            found.push((
                "STR-011",
                path.to_owned(),
                format!("文字中含有控制字符或不可见字符（{}）", bad.join("、")),
                Some("这些字符会改变文字的显示顺序或隐藏内容；请删去后重新输入"),
            ));
        }
        let sh = shape(path);
        if REQUIRED_TEXTS.contains(&sh.as_str()) && value.trim().is_empty() {
            found.push(("STR-007", path.to_owned(), "必填文字为空".to_owned(), None));
        }
        // A value that is exactly `待填` is an amount left to fill (AMT-006 lists them).
        let pending = value.trim() == crate::num::PENDING;
        if let Some(p) = placeholder(value).filter(|_| !pending) {
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
            if y < year.saturating_sub(2) || y > until {
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
    for (name, text) in &b.sections {
        if name.trim().is_empty() || text.0.is_empty() {
            found.push((
                "STR-007",
                format!("sections.{name}"),
                format!("说明“{name}”的名称或文字为空"),
                None,
            ));
        }
    }
    for name in &out.opts.settings.sections {
        if !b.sections.contains_key(name) {
            found.push((
                "STR-007",
                "sections".into(),
                format!("版式要求的说明“{name}”没有写（在 sections 下写 {name}: 及其文字）"),
                None,
            ));
        }
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
    fn placeholders_are_found_where_they_stand_alone() {
        for t in [
            "本部门由XX个单位组成",
            "第XXX号",
            "XX 万元",
            "TODO：补充",
            "{部门名称}",
            "（）",
            "【待填写】职能",
        ] {
            assert!(placeholder(t).is_some(), "{t}");
        }
        for t in [
            "购置XXL号制服",
            "型号 TX-XX5",
            "MAXX",
            "无",
            "Windows 与 Linux",
            "预算(含上年结转)",
        ] {
            assert_eq!(placeholder(t), None, "{t}");
        }
    }

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
