//! 表15 项目支出绩效目标申报表, one per project: its fields by their labels, the 支出明细,
//! the assets, and the goals' indicator tables (with the weights of the annual goals).

use std::fmt::Write as _;

use super::forms::{goals, Indicator, ProjectForm, Reader};
use super::specs::norm;
use super::yaml::{quoted, scalar};
use crate::num::Money;

/// The option ticked (☑) in a choice cell: "1.运转类 ☐　2.特定目标类本级支出 ☑" → 特定目标类本级支出.
fn ticked(text: &str) -> Option<String> {
    let i = text.find('☑')?;
    let before = text[..i].trim_end();
    let start = before.rfind(['☐', '　']).map_or(0, |k| {
        k + before[k..].chars().next().map_or(1, char::len_utf8)
    });
    let option = before[start..].trim();
    let option = option.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．');
    Some(option.trim().to_owned()).filter(|s| !s.is_empty())
}

/// One 表15 form: the project's name and its form.
pub(crate) fn project(r: &mut Reader<'_, '_, '_>) -> Option<(String, ProjectForm)> {
    let rows = r.x.body.clone();
    let mut form = ProjectForm::default();
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut name = String::new();
    let mut details: Vec<(String, String, [Money; 3])> = Vec::new();
    let mut assets: Vec<(String, String, Money)> = Vec::new();
    let mut texts: Vec<(bool, String)> = Vec::new();
    let mut long: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut annual: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut weights: Vec<Money> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        let label = r.label(row);
        let until = |k: usize, stop: &[&str]| {
            rows[k..]
                .iter()
                .position(|&x| stop.iter().any(|s| r.find(x, |t| t == norm(s)).is_some()))
                .map_or(rows.len(), |p| k + p)
        };
        match label.as_str() {
            "项目名称" => {
                name = r.value_after(row, "项目名称");
                form.code = r.value_after(row, "项目代码");
            }
            "项目主管部门" => {
                fields.push(("department", r.value_after(row, "项目主管部门")));
                fields.push(("executor", r.value_after(row, "项目执行单位")));
            }
            "项目负责人" => {
                fields.push(("manager", r.value_after(row, "项目负责人")));
                fields.push(("phone", r.value_after(row, "联系电话")));
            }
            "项目年度" => {
                if let Some((c, _)) = r.next(row, 0) {
                    r.t.mark(r.x.sheet, row, c);
                }
            }
            "项目类别" | "项目安排频度" => {
                let key = if label == "项目类别" {
                    "category"
                } else {
                    "frequency"
                };
                let text = r.value_after(row, &label);
                let value =
                    ticked(&text).unwrap_or_else(|| format!("{}{}", super::PLACEHOLDER, label));
                fields.push((key, value));
            }
            "立项依据" => fields.push(("basis", r.value_after(row, "立项依据"))),
            "项目实施方案" => fields.push(("plan", r.value_after(row, "项目实施方案"))),
            "上年绩效评价结果、整改及应用" => {
                fields.push(("last_evaluation", r.value_after(row, &label)))
            }
            "项目前两年预算及当年预算变动情况" => {
                fields.push(("budget_history", r.value_after(row, &label)))
            }
            "项目总预算" => {
                if let Some((c, _)) = r.next(row, 0) {
                    form.total_budget = r.amount(row, c);
                }
                if let Some(c) = r
                    .find(row, |t| t == "项目当年预算")
                    .and_then(|c| r.next(row, c))
                    .map(|x| x.0)
                {
                    r.amount(row, c);
                }
            }
            l if l.ends_with("预算申报项目资金来源") => {
                // 当年预算合计 and the four sources: derived figures, read to be placed.
                let col = r.find(row, |t| t.ends_with("预算申报数"));
                let end = rows[i + 1..]
                    .iter()
                    .position(|&x| r.label(x).ends_with("项目支出明细及依据"))
                    .map_or(rows.len(), |p| i + 1 + p);
                if let Some(c) = col {
                    for &p in &rows[i + 1..end] {
                        r.amount(p, c);
                    }
                }
                i = end;
                continue;
            }
            l if l.ends_with("项目支出明细及依据") => {
                let find = |t: &str| r.find(row, |x| x == t);
                let cols = [
                    find("项目内容"),
                    find("测算依据及说明"),
                    find("本级财政拨款金额"),
                    find("上级转移支付金额"),
                    find("其他资金"),
                ];
                let end = until(i + 1, &["项目资产配置计划及采购计划"]);
                for &p in &rows[i + 1..end] {
                    let is_total = r.find(p, |t| t == "合计").is_some();
                    let amounts: Vec<Money> = cols[2..]
                        .iter()
                        .map(|c| c.and_then(|c| r.amount(p, c)).unwrap_or_default())
                        .collect();
                    if is_total {
                        continue;
                    }
                    let text = |c: Option<usize>| c.map_or(String::new(), |c| r.raw(p, c));
                    details.push((
                        text(cols[0]),
                        text(cols[1]),
                        [amounts[0], amounts[1], amounts[2]],
                    ));
                }
                i = end;
                continue;
            }
            _ if r.find(row, |t| t == "项目资产配置计划及采购计划").is_some() => {
                let head = rows.get(i + 1).copied().unwrap_or(row);
                let cols = [
                    r.find(head, |t| t == "品名"),
                    r.find(head, |t| t == "数量"),
                    r.find(head, |t| t == "金额"),
                ];
                let end = until(i + 1, &["项目绩效总目标"]);
                for &p in rows.get(i + 2..end).unwrap_or(&[]) {
                    let text = |c: Option<usize>| c.map_or(String::new(), |c| r.raw(p, c));
                    let (item, quantity) = (text(cols[0]), text(cols[1]));
                    if item.is_empty() || norm(&item) == "无" {
                        continue;
                    }
                    let amount = cols[2].and_then(|c| r.amount(p, c)).unwrap_or_default();
                    assets.push((item, quantity, amount));
                }
                i = end;
                continue;
            }
            _ if r.find(row, |t| t == "项目绩效总目标").is_some() => {
                let end = until(i + 1, &["长期绩效目标表"]);
                for &p in rows.get(i + 2..end).unwrap_or(&[]) {
                    let l = r.label(p);
                    let text = r.next(p, 0).map(|x| x.1).unwrap_or_default();
                    texts.push((l.starts_with("长期"), text));
                }
                i = end;
                continue;
            }
            _ if r
                .find(row, |t| t == "长期绩效目标表" || t == "年度绩效目标表")
                .is_some() =>
            {
                let is_long = r.find(row, |t| t == "长期绩效目标表").is_some();
                let head = rows.get(i + 1).copied().unwrap_or(row);
                let (cols, two) = r.indicator_cols(head);
                let start = i + 2 + usize::from(two);
                let end = if is_long {
                    until(i + 1, &["年度绩效目标表"])
                } else {
                    rows.len()
                };
                let body = &rows[start.min(end)..end];
                // Rows by goal (the merged 目标名称 cell), each goal's weight once.
                let mut by_goal: Vec<(String, Vec<usize>)> = Vec::new();
                for &p in body {
                    let g = cols
                        .get("goal")
                        .map_or(String::new(), |&c| r.x.sheet.text_merged(p, c));
                    match by_goal.last_mut() {
                        Some((last, list)) if *last == g => list.push(p),
                        _ => {
                            if !is_long {
                                if let Some(&c) = cols.get("goal_weight") {
                                    if let Some(w) = r.count(p, c) {
                                        weights.push(w);
                                    }
                                }
                            }
                            by_goal.push((g, vec![p]));
                        }
                    }
                }
                for (_, list) in by_goal {
                    let ind = r.indicators(&cols, &list);
                    if is_long {
                        long.push((String::new(), ind));
                    } else {
                        annual.push((String::new(), ind));
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if name.is_empty() {
        return None;
    }
    let (long_texts, annual_texts): (Vec<_>, Vec<_>) = texts.into_iter().partition(|(l, _)| *l);
    for (k, (_, t)) in long_texts.into_iter().enumerate() {
        match long.get_mut(k) {
            Some(g) => g.0 = t,
            None => long.push((t, Vec::new())),
        }
    }
    for (k, (_, t)) in annual_texts.into_iter().enumerate() {
        match annual.get_mut(k) {
            Some(g) => g.0 = t,
            None => annual.push((t, Vec::new())),
        }
    }
    let w = &mut form.yaml;
    for (key, value) in &fields {
        let v = if *key == "phone" {
            quoted(value)
        } else {
            scalar(value)
        };
        let _ = writeln!(w, "      {key}: {v}");
    }
    let _ = writeln!(w, "      details:");
    for (content, basis, [local, transfer, other]) in &details {
        let _ = writeln!(w, "        - content: {}", scalar(content));
        let _ = writeln!(w, "          basis: {}", scalar(basis));
        for (k, v) in [("local", local), ("transfer", transfer), ("other", other)] {
            if !v.is_zero() {
                let _ = writeln!(w, "          {k}: {v}");
            }
        }
    }
    if !assets.is_empty() {
        let _ = writeln!(w, "      assets:");
        for (n, q, a) in &assets {
            let _ = writeln!(
                w,
                "        - {{ name: {}, quantity: {}, amount: {a} }}",
                scalar(n),
                scalar(q)
            );
        }
    }
    goals(w, "      ", "long_term_goals", &long);
    goals(w, "      ", "annual_goals", &annual);
    if !weights.is_empty() {
        let list: Vec<String> = weights.iter().map(ToString::to_string).collect();
        let _ = writeln!(w, "      annual_goal_weights: [{}]", list.join(", "));
    }
    Some((name, form))
}
