//! The Shenzhen tables read as lists: 表13 projects (and which are 专项资金), 表12
//! "三公" of both years, 表11 procurement items, 表14 the department's targets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::draft::{Draft, Project};
use super::facts::Row;
use super::forms::Reader;
use super::shenzhen::{row, unit_row};
use super::specs::{norm, TableId};
use super::tables::Tables;
use super::yaml::scalar;
use super::{Findings, PLACEHOLDER};
use crate::num::Money;

/// 表13 → projects; those made as 专项资金 found by their amounts.
pub(super) fn projects(t: &Tables<'_>, f: &mut Findings, d: &mut Draft, units: &[(String, Row)]) {
    let Some(x) = t.get(TableId::S13) else { return };
    let mut unit = d.units.first().map(|u| u.0.clone()).unwrap_or_default();
    for &r in &x.body {
        let (w, rw) = row(t, x, r, &["unit", "project", "period"], f);
        if let Some(u) = unit_row(
            d,
            &x.sheet
                .text_merged(r, x.columns.get("unit").copied().unwrap_or(0)),
        ) {
            unit = u;
        }
        if w[1].is_empty() {
            continue;
        }
        let mut p = Project {
            name: w[1].clone(),
            unit: unit.clone(),
            category: (String::new(), format!("{PLACEHOLDER}项目类别（表中没有）")),
            allocation: "regular",
            ..Project::default()
        };
        if !rw.get("general").is_zero() {
            p.amounts.insert("general", rw.get("general"));
        }
        if !rw.get("other").is_zero() {
            p.amounts.insert("fund", rw.get("other"));
        }
        let period = norm(&w[2]);
        if let Some((a, b)) = period.split_once('至') {
            p.period = Some((a.to_owned(), b.to_owned()));
        }
        d.projects.push(p);
    }
    // The projects made as 专项资金 / 政府投资项目: those whose general amounts make up
    // the unit's part in 表5.
    for (name, _) in units {
        let Some(code) = unit_row(d, name) else {
            continue;
        };
        for (allocation, key) in [
            ("special", "general_special"),
            ("investment", "general_investment"),
        ] {
            let want: Money = d
                .expenditure
                .iter()
                .filter(|l| l.unit == code && l.funding == "general" && l.allocation == allocation)
                .map(|l| l.amounts.get("project").copied().unwrap_or_default())
                .sum();
            if want.is_zero() {
                continue;
            }
            let idx: Vec<usize> = (0..d.projects.len())
                .filter(|&i| d.projects[i].unit == code && d.projects[i].allocation == "regular")
                .collect();
            let amount = |i: usize| {
                d.projects[i]
                    .amounts
                    .get("general")
                    .copied()
                    .unwrap_or_default()
            };
            let chosen = idx
                .iter()
                .find(|&&i| amount(i) == want)
                .map(|&i| vec![i])
                .or_else(|| {
                    let mut sorted = idx.clone();
                    sorted.sort_by_key(|&i| std::cmp::Reverse(amount(i)));
                    let mut left = want;
                    let pick: Vec<usize> = sorted
                        .into_iter()
                        .filter(|&i| {
                            let take = amount(i) <= left;
                            if take {
                                left = left - amount(i);
                            }
                            take
                        })
                        .collect();
                    left.is_zero().then_some(pick)
                });
            match chosen {
                Some(list) => list.into_iter().for_each(|i| d.projects[i].allocation = allocation),
                None => f.warning(
                    "IMP-007",
                    x.sheet.cell_ref(x.title_row, 0),
                    format!("表5中单位“{name}”的{key}为 {want}，表13中找不到金额恰好合计为此数的项目，项目的拨款方式请手工填写 allocation"),
                    None,
                ),
            }
        }
    }
}

/// 表12: this year and last year, and the unit whose budget holds them.
pub(super) fn sangong(t: &Tables<'_>, f: &mut Findings, d: &mut Draft) {
    let Some(x) = t.get(TableId::S12) else { return };
    let keys = [
        "outbound",
        "reception",
        "vehicle_purchase",
        "vehicle_operation",
    ];
    let mut current_unit = String::new();
    let mut first = true;
    for &r in &x.body {
        let name = x
            .sheet
            .text_merged(r, x.columns.get("unit").copied().unwrap_or(0));
        let (w, rw) = row(t, x, r, &["unit", "year"], f);
        let year: i32 = w[1].trim().parse().unwrap_or_default();
        let values = keys.map(|k| rw.get(k));
        if name == d.full_name && first {
            if year == d.year {
                d.sangong = values;
            } else {
                d.sangong_previous = Some(values);
            }
            continue;
        }
        first = false;
        if let Some(u) = unit_row(d, &name) {
            if current_unit != u && values.iter().any(|v| !v.is_zero()) && d.sangong_unit.is_none()
            {
                d.sangong_unit = Some(u.clone());
            }
            current_unit = u;
        }
    }
}

/// 表11 → procurement lines (item code, name, amount).
pub(super) fn procurement(t: &Tables<'_>, f: &mut Findings, d: &mut Draft) {
    let Some(x) = t.get(TableId::S11) else { return };
    let mut unit = d.units.first().map(|u| u.0.clone()).unwrap_or_default();
    for &r in &x.body {
        let (w, rw) = row(t, x, r, &["unit", "code", "item"], f);
        if w[1].is_empty() {
            if let Some(u) = unit_row(d, &w[0]) {
                unit = u;
            }
            continue;
        }
        // The 货物类 / 工程类 / 服务类 subtotal rows.
        if w[1].chars().count() == 1 && w[2].ends_with('类') {
            continue;
        }
        let mut line = BTreeMap::new();
        line.insert("unit_code", unit.clone());
        line.insert("item", format!("[{}]{}", w[1], w[2]));
        line.insert("amount", rw.get("amount").to_string());
        d.procurement.push(line);
    }
}

/// 表14 → `overall_targets`.
pub(super) fn targets(t: &Tables<'_>, f: &mut Findings, d: &mut Draft) {
    let Some(x) = t.get(TableId::S14) else { return };
    let mut r = Reader { t, x, f };
    let rows = x.body.clone();
    let mut goals = Vec::new();
    let mut indicators: Vec<[String; 4]> = Vec::new();
    let mut cols: Option<[Option<usize>; 4]> = None;
    for &row in &rows {
        let label = r.label(row);
        if label == "年度绩效目标" {
            goals = r
                .value_after(row, "年度绩效目标")
                .lines()
                .map(|l| {
                    l.trim()
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .trim_start_matches(['.', '、', '．'])
                        .trim()
                        .to_owned()
                })
                .filter(|l| !l.is_empty())
                .collect();
        } else if label == "一级指标" {
            let find = |t: &str| r.find(row, |x| x == t);
            cols = Some([
                find("一级指标"),
                find("二级指标"),
                find("三级指标"),
                find("指标目标值").or(find("指标值")),
            ]);
        } else if let Some(c) = cols {
            let get = |k: usize| {
                c[k].map_or(String::new(), |c| {
                    x.sheet.text_merged(row, c).trim().to_owned()
                })
            };
            indicators.push([get(0), get(1), get(2), get(3)]);
        } else {
            // 年度预算金额: figures the report derives; read to be placed.
            for c in 0..r.width(row) {
                r.amount(row, c);
            }
        }
    }
    let mut y = String::new();
    let _ = writeln!(y, "  goals:");
    for g in &goals {
        let _ = writeln!(y, "    - {}", scalar(g));
    }
    let _ = writeln!(y, "  indicators:");
    for [l1, l2, name, value] in &indicators {
        let _ = writeln!(
            y,
            "    - {{ level1: {}, level2: {}, name: {}, value: {} }}",
            scalar(l1),
            scalar(l2),
            scalar(name),
            scalar(value)
        );
    }
    d.overall_targets = Some(y);
}
