//! Text the figures contradict (EXP-011, EXP-012): a reason that calls a large change 持平,
//! and a narrative that names another government body of the department's own level —
//! text copied from another department's report.

use super::Out;
use crate::load::amounts::ExpAmounts;
use crate::load::schema::Funding;
use crate::num::{Change, Money};

pub(super) fn check(out: &mut Out<'_>) {
    flat_words(out);
    other_bodies(out);
}

/// Words that call a change negligible.
const FLAT: &[&str] = &[
    "基本持平",
    "持平",
    "变化较小",
    "变化不大",
    "基本无变化",
    "无变化",
    "基本一致",
    "变动不大",
];

/// A change above the layout's threshold described as negligible (EXP-011).
fn flat_words(out: &mut Out<'_>) {
    let b = out.budget();
    let threshold = out.opts.settings.flat_change_percent;
    let exp = ExpAmounts::sum_of(&b.expenditure, |_| true).total();
    let general = ExpAmounts::sum_of(&b.expenditure, |f| f == Funding::General).total();
    let sg = &b.sangong;
    let sangong = |f: fn(&crate::load::schema::SangongItem) -> Money| -> Money {
        [
            &sg.outbound,
            &sg.reception,
            &sg.vehicle_purchase,
            &sg.vehicle_operation,
        ]
        .iter()
        .map(|i| f(i))
        .sum()
    };
    let procurement: Money = b.procurement.lines.iter().map(|l| l.amount).sum();
    let mut texts: Vec<(String, &str, Change, Option<&str>)> = vec![
        (
            "narrative.total_change_reason".into(),
            "收支总预算",
            Change::new(exp, b.previous_year.total),
            b.narrative.total_change_reason.as_deref(),
        ),
        (
            "narrative.general_change_reason".into(),
            "一般公共预算拨款",
            Change::new(general, b.previous_year.general_public),
            b.narrative.general_change_reason.as_deref(),
        ),
        (
            "admin_costs.reason".into(),
            "机关运行经费",
            Change::new(b.admin_costs.current, b.admin_costs.previous),
            b.admin_costs.reason.as_deref(),
        ),
        (
            "sangong.reason".into(),
            "“三公”经费",
            Change::new(sangong(|i| i.current), sangong(|i| i.previous)),
            sg.reason.as_deref(),
        ),
    ];
    for (key, what, item) in [
        ("outbound", "因公出国（境）费", &sg.outbound),
        ("reception", "公务接待费", &sg.reception),
        ("vehicle_purchase", "公务用车购置费", &sg.vehicle_purchase),
        (
            "vehicle_operation",
            "公务用车运行维护费",
            &sg.vehicle_operation,
        ),
    ] {
        let change = Change::new(item.current, item.previous);
        for (field, text) in [("reason", &item.reason), ("note", &item.note)] {
            texts.push((
                format!("sangong.{key}.{field}"),
                what,
                change,
                text.as_deref(),
            ));
        }
    }
    if let Some(prev) = b.procurement.previous {
        texts.push((
            "procurement.reason".into(),
            "政府采购预算",
            Change::new(procurement, prev),
            b.procurement.reason.as_deref(),
        ));
    }
    for (field, what, change, text) in texts {
        let Some(text) = text else { continue };
        let Some(word) = FLAT.iter().find(|w| text.contains(**w)) else {
            continue;
        };
        let large = match change.percent {
            Some(p) => p > threshold.0,
            // From nothing to something is no small change.
            None => !change.current.is_zero(),
        };
        if large {
            let how = change.percent.map_or_else(
                || "从无到有".to_owned(),
                |p| format!("变动 {}%", crate::num::round(p, 1).normalize()),
            );
            out.push_hint(
                "EXP-011",
                field,
                format!(
                    "{what}由 {} 万元变为 {} 万元（{how}），说明却写“{word}”",
                    change.previous, change.current
                ),
                format!("变动超过 {}% 时应说明实际增减及原因（阈值为版式设置 checks.flat_change_percent）", threshold),
            );
        }
    }
}

/// Administrative levels a body's name starts with.
const LEVELS: &[char] = &['区', '县', '市', '旗'];

/// Bodies named in `text` at `level` (`区财政局`): the level character, up to eight
/// Chinese characters, and 局.
fn bodies(text: &str, level: char) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != level {
            continue;
        }
        for (j, d) in chars.iter().enumerate().skip(i + 1).take(8) {
            if !('\u{4e00}'..='\u{9fff}').contains(d) {
                break;
            }
            if *d == '局' {
                out.push(chars[i..=j].iter().collect());
                break;
            }
        }
    }
    out
}

/// Narrative texts that name another government body of the department's own level
/// (EXP-012): `区财政局` in a `区信访局` report.
fn other_bodies(out: &mut Out<'_>) {
    let b = out.budget();
    let names = [
        b.department.name.as_str(),
        b.department.full_name.as_deref().unwrap_or(""),
    ];
    // The department's own body name at its level: 江汉区信访局 → 区信访局.
    let own: Vec<(char, String)> = names
        .iter()
        .filter_map(|n| {
            let (at, level) = n.char_indices().rfind(|(_, c)| LEVELS.contains(c))?;
            Some((level, n[at..].to_owned()))
        })
        .collect();
    let Some((level, _)) = own.first().cloned() else {
        return;
    };
    let n = &b.narrative;
    let sg = &b.sangong;
    let mut texts: Vec<(String, &str)> = Vec::new();
    fn push<'a>(texts: &mut Vec<(String, &'a str)>, field: String, t: &'a Option<String>) {
        if let Some(t) = t.as_deref() {
            texts.push((field, t));
        }
    }
    push(
        &mut texts,
        "narrative.total_change_reason".into(),
        &n.total_change_reason,
    );
    push(
        &mut texts,
        "narrative.general_change_reason".into(),
        &n.general_change_reason,
    );
    push(
        &mut texts,
        "admin_costs.reason".into(),
        &b.admin_costs.reason,
    );
    push(&mut texts, "sangong.reason".into(), &sg.reason);
    for (key, item) in [
        ("outbound", &sg.outbound),
        ("reception", &sg.reception),
        ("vehicle_purchase", &sg.vehicle_purchase),
        ("vehicle_operation", &sg.vehicle_operation),
    ] {
        push(&mut texts, format!("sangong.{key}.reason"), &item.reason);
        push(&mut texts, format!("sangong.{key}.note"), &item.note);
    }
    push(
        &mut texts,
        "procurement.reason".into(),
        &b.procurement.reason,
    );
    texts.push(("assets.text".into(), b.assets.text.as_str()));
    for (i, t) in n.other_matters.iter().enumerate() {
        texts.push((format!("narrative.other_matters[{i}]"), t.as_str()));
    }
    let mut found = Vec::new();
    for (field, text) in texts {
        for body in bodies(text, level) {
            if own
                .iter()
                .any(|(_, o)| body == *o || o.ends_with(&body[level.len_utf8()..]))
            {
                continue;
            }
            found.push((field.clone(), body));
        }
    }
    for (field, body) in found {
        out.push_hint(
            "EXP-012",
            field,
            format!(
                "文字中出现“{body}”，本部门是“{}”：是否沿用了其他部门的文字？",
                b.department.name
            ),
            "说明本部门的情况时应写本部门的名称",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::bodies;

    #[test]
    fn bodies_of_one_level() {
        assert_eq!(
            bodies("因此区财政局2021年公务用车购置经费预算数为零", '区'),
            ["区财政局"]
        );
        assert!(bodies("由区财政统一预留和调配，以及区委、区政府", '区').is_empty());
        assert_eq!(bodies("市信访局、区信访局", '区'), ["区信访局"]);
    }
}
