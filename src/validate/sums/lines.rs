//! Lines that must fit other figures: "三公" items against the economic lines that carry
//! them (SUM-005), procurement lines (SUM-006), procurement and service lines within their
//! projects (SUM-007), and economic items that mirror a function 项 (SUM-015).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{agree, Part, Side};
use crate::catalog::MIRRORS;
use crate::load::schema::Funding;
use crate::num::{round, Money};
use crate::validate::Out;

pub(super) fn check(out: &mut Out<'_>) {
    sangong_vs_economic(out);
    procurement(out);
    lines_within_projects(out);
    mirrors(out);
}

/// "三公" items cover at least the matching economic lines (公务接待费 30217, 公务用车运行维护费
/// 30231): the economic line is part of the "三公" figure.
fn sangong_vs_economic(out: &mut Out<'_>) {
    let b = out.budget();
    let pairs = [
        (
            "30217",
            "公务接待费",
            b.sangong.reception.current,
            "sangong.reception.current",
        ),
        (
            "30231",
            "公务用车运行维护费",
            b.sangong.vehicle_operation.current,
            "sangong.vehicle_operation.current",
        ),
    ];
    for (code, what, sg, field) in pairs {
        let lines: Vec<(usize, Money)> = b
            .basic_economic
            .iter()
            .enumerate()
            .filter(|(_, l)| l.code == code)
            .map(|(i, l)| (i, l.personnel + l.public))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let econ: Money = lines.iter().map(|l| l.1).sum();
        if econ > sg {
            let notes = lines
                .iter()
                .map(|(i, v)| {
                    out.note(
                        format!("basic_economic[{i}]"),
                        format!("{code} {what} {v} 万元"),
                    )
                })
                .collect();
            out.emit(
                "SUM-005",
                field,
                format!("“三公”{what} {sg} 万元，少于基本支出经济分类 {code} {what} {econ} 万元"),
            )
            .notes = notes;
        }
    }
}

/// Procurement lines: amount = quantity × unit price; SME shares within the amount.
fn procurement(out: &mut Out<'_>) {
    let dp = out.budget().display.decimals;
    let lines = &out.budget().procurement.lines;
    for (i, l) in lines.iter().enumerate() {
        if let (Some(quantity), Some(unit_price)) = (l.quantity, l.unit_price) {
            let field = format!("procurement.lines[{i}].amount");
            match quantity.0.checked_mul(unit_price.0) {
                None => out.push(
                    "SUM-006",
                    field,
                    format!("数量 {quantity} × 单价 {unit_price} 超出可计算的范围"),
                ),
                Some(product) if round(l.amount.0, dp) != round(product, dp) => out.push(
                    "SUM-006",
                    field,
                    format!(
                        "采购金额 {} 万元 ≠ 数量 {} × 单价 {} = {} 万元",
                        l.amount,
                        quantity,
                        unit_price,
                        Money(round(product, dp))
                    ),
                ),
                Some(_) => {}
            }
        }
        if l.sme > l.amount {
            out.push(
                "SUM-006",
                format!("procurement.lines[{i}].sme"),
                format!(
                    "面向中小企业金额 {} 万元超过采购金额 {} 万元",
                    l.sme, l.amount
                ),
            );
        }
        if l.small_micro > l.sme {
            out.push(
                "SUM-006",
                format!("procurement.lines[{i}].small_micro"),
                format!(
                    "面向小微企业金额 {} 万元超过面向中小企业金额 {} 万元",
                    l.small_micro, l.sme
                ),
            );
        }
    }
}

/// Procurement and purchased-service lines stay within the projects they are charged to.
fn lines_within_projects(out: &mut Out<'_>) {
    let b = out.budget();
    for kind in ["政府采购", "政府购买服务"] {
        let mut per_project: BTreeMap<&str, Vec<(String, Money)>> = BTreeMap::new();
        for l in crate::validate::charged_lines(b).filter(|l| l.kind == kind) {
            let Some(project) = l.project else { continue };
            per_project
                .entry(project)
                .or_default()
                .push((format!("{}.amount", l.field), l.amount));
        }
        for (name, lines) in per_project {
            let Some((i, p)) = b.projects.iter().enumerate().find(|(_, p)| p.name == name) else {
                continue;
            };
            let budget = p.amounts.total() + p.carryover.total();
            let sum: Money = lines.iter().map(|l| l.1).sum();
            if sum > budget {
                let mut notes = vec![out.note(
                    format!("projects[{i}].amounts"),
                    format!("项目预算 {budget} 万元"),
                )];
                notes.extend(
                    lines
                        .iter()
                        .skip(1)
                        .map(|(f, v)| out.note(f.clone(), format!("{kind}明细 {v} 万元"))),
                );
                out.emit(
                    "SUM-007",
                    lines[0].0.clone(),
                    format!("项目“{name}”的{kind}明细合计 {sum} 万元，超过项目预算 {budget} 万元"),
                )
                .notes = notes;
            }
        }
    }
}

/// Economic items that mirror a function 项 agree per unit (SUM-015): the same payment
/// classified twice. The diagnostic points at the economic line (the function lines when
/// there is none).
fn mirrors(out: &mut Out<'_>) {
    let b = out.budget();
    for m in MIRRORS {
        let mut econ: BTreeMap<String, Side> = BTreeMap::new();
        for (i, l) in b.basic_economic.iter().enumerate() {
            if l.code != m.economic {
                continue;
            }
            let Some(u) = out.unit_ref(&l.unit, &format!("basic_economic[{i}]")) else {
                continue;
            };
            econ.entry(u.to_owned()).or_default().push(Part::new(
                format!("basic_economic[{i}]"),
                format!("{} {}", l.code, l.name),
                l.personnel + l.public,
            ));
        }
        let mut func: BTreeMap<String, Side> = BTreeMap::new();
        for (i, l) in b.expenditure.iter().enumerate() {
            if l.funding != Funding::General || !m.function.contains(&l.code.as_str()) {
                continue;
            }
            let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) else {
                continue;
            };
            let basic = l.personnel + l.public;
            if basic.0 != Decimal::ZERO || econ.contains_key(u) {
                func.entry(u.to_owned()).or_default().push(Part::new(
                    format!("expenditure[{i}]"),
                    format!("{} {}", l.code, l.name),
                    basic,
                ));
            }
        }
        let units: Vec<String> = econ.keys().chain(func.keys()).cloned().collect();
        let empty = Side::default();
        let mut done = std::collections::BTreeSet::new();
        for u in units {
            if !done.insert(u.clone()) {
                continue;
            }
            let e = econ.get(&u).unwrap_or(&empty);
            let f = func.get(&u).unwrap_or(&empty);
            let field = e
                .parts
                .first()
                .or_else(|| f.parts.first())
                .map_or_else(|| "basic_economic".to_owned(), |p| p.field.clone());
            let name = crate::catalog::economic(m.economic).map_or("", |e| e.name);
            agree(
                out,
                "SUM-015",
                &field,
                &format!(
                    "单位 {u} 的{name}（经济分类 {}）与功能分类 {} 的基本支出应为同一笔钱",
                    m.economic,
                    m.function.join("、")
                ),
                ("经济分类", e),
                ("功能分类", f),
            );
        }
    }
}
