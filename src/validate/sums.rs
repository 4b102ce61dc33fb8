//! SUM and RND rules: what must add up, and how rounded figures are compared.
//!
//! Figures entered once are compared exactly (they are exact decimals). A figure the clerk
//! copied from a printed total (`stated:`) is compared the way XBRL Calculations 1.1 does:
//! a printed value d with display unit u stands for [d − u/2, d + u/2), and the sum of n
//! printed parts for [Σ − n·u/2, Σ + n·u/2). Intervals that cannot meet are an error
//! (SUM-004); a difference that rounding can explain is a warning naming the cells (RND-001).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Out;
use crate::load::schema::{Allocation, ChangeSubject, Funding};
use crate::model::amounts::{income_totals, ExpAmounts, ALL_FUNDINGS};
use crate::num::{percent, round, Change, Direction, Money};

pub(super) fn check(out: &mut Out<'_>) {
    balances(out);
    allocations(out);
    staffing(out);
    previous_classes(out);
    stated(out);
    stated_changes(out);
    sangong_vs_economic(out);
    procurement(out);
    lines_within_projects(out);
    forms(out);
    presentation(out);
}

/// Where figures carry more decimals than are printed, the printed figures of a parent and
/// its children may disagree by rounding alone (RND-003), unless 尾差调整 is switched on.
fn presentation(out: &mut Out<'_>) {
    let d = &out.budget().display;
    if d.adjust_rounding || d.input_decimals.is_none_or(|i| i <= d.decimals) {
        return;
    }
    let dp = d.decimals;
    // (level name, code length of the parent, of the child) over 项 lines and 款 lines.
    let mut leaves: Vec<(String, Decimal, String)> = out
        .budget()
        .expenditure
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.code.clone(),
                ExpAmounts::of(l).total().0,
                format!("expenditure[{i}]"),
            )
        })
        .collect();
    let econ: Vec<(String, Decimal, String)> = out
        .budget()
        .basic_economic
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                l.code.clone(),
                (l.personnel + l.public).0,
                format!("basic_economic[{i}]"),
            )
        })
        .collect();
    let mut found = Vec::new();
    for (lines, levels) in [
        (&mut leaves, &[0usize, 3, 5, 7][..]),
        (&mut econ.clone(), &[0usize, 3, 5][..]),
    ] {
        for w in levels.windows(2) {
            let (parent_len, child_len) = (w[0], w[1]);
            let mut groups: BTreeMap<String, BTreeMap<String, (Decimal, String)>> = BTreeMap::new();
            for (code, v, field) in lines.iter() {
                let (Some(p), Some(c)) = (code.get(..parent_len), code.get(..child_len)) else {
                    continue;
                };
                let e = groups
                    .entry(p.to_owned())
                    .or_default()
                    .entry(c.to_owned())
                    .or_insert((Decimal::ZERO, field.clone()));
                e.0 += *v;
            }
            for (parent, kids) in groups {
                let exact: Decimal = kids.values().map(|k| k.0).sum();
                let shown = round(exact, dp);
                let sum_shown: Decimal = kids.values().map(|k| round(k.0, dp)).sum();
                if shown != sum_shown {
                    let field = kids
                        .values()
                        .next()
                        .map(|k| k.1.clone())
                        .unwrap_or_default();
                    let cells: Vec<&str> = kids.keys().map(String::as_str).collect();
                    let label = if parent.is_empty() {
                        "合计".to_owned()
                    } else {
                        format!("科目 {parent}")
                    };
                    found.push((
                        field,
                        format!(
                            "{label} 显示为 {}，其下 {} 显示值之和为 {}，仅因四舍五入而不等",
                            Money(shown),
                            cells.join("、"),
                            Money(sum_shown)
                        ),
                    ));
                }
            }
        }
    }
    for (field, msg) in found {
        out.push_hint(
            "RND-003",
            field,
            msg,
            "可设置 display.adjust_rounding: true 进行尾差调整",
        );
    }
}

fn funding_label(f: Funding) -> &'static str {
    match f {
        Funding::General => "一般公共预算拨款",
        Funding::Fund => "政府性基金预算拨款",
        Funding::StateCapital => "国有资本经营预算拨款",
        Funding::CarryoverGeneral => "一般公共预算上年结转",
        Funding::CarryoverFund => "政府性基金预算上年结转",
        Funding::CarryoverStateCapital => "国有资本经营预算上年结转",
        Funding::SpecialAccount => "财政专户管理资金",
        Funding::UnitFunds => "单位资金",
    }
}

/// Where a funding source is entered in an income line.
fn income_field(f: Funding) -> &'static str {
    match f {
        Funding::General => "current.general",
        Funding::Fund => "current.fund",
        Funding::StateCapital => "current.state_capital",
        Funding::CarryoverGeneral => "carryover.general",
        Funding::CarryoverFund => "carryover.fund",
        Funding::CarryoverStateCapital => "carryover.state_capital",
        Funding::SpecialAccount => "current.special_account",
        Funding::UnitFunds => "current",
    }
}

type Sums<'a> = BTreeMap<(&'a str, Funding), (Money, String)>;

fn add<'a>(m: &mut Sums<'a>, key: (&'a str, Funding), v: Money, field: impl FnOnce() -> String) {
    m.entry(key).or_insert_with(|| (Money::ZERO, field())).0 += v;
}

/// Where a region splits appropriations (一般性经费 / 专项资金 / 政府投资项目) or lists
/// project expenditure by economic classification, each split adds up to the project
/// expenditure of the function classification, per unit, funding source and allocation.
fn allocations(out: &mut Out<'_>) {
    let b = out.budget();
    if b.sangong.unit.is_some() {
        out.unit_ref(&b.sangong.unit, "sangong");
    }
    type Key<'a> = (&'a str, Funding, Allocation);
    let mut by_function: BTreeMap<Key<'_>, Money> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        if let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) {
            *by_function.entry((u, l.funding, l.allocation)).or_default() += l.project;
        }
    }
    let label = |a: Allocation| match a {
        Allocation::Regular => "一般性经费拨款",
        Allocation::Special => "财政专项资金拨款",
        Allocation::Investment => "政府投资项目",
    };
    let compare = |out: &mut Out<'_>,
                   field0: &str,
                   what: &str,
                   other: BTreeMap<Key<'_>, (Money, String)>| {
        let keys: std::collections::BTreeSet<Key<'_>> =
            by_function.keys().chain(other.keys()).copied().collect();
        for k in keys {
            let f = by_function.get(&k).copied().unwrap_or_default();
            let (o, field) = other
                .get(&k)
                .cloned()
                .unwrap_or((Money::ZERO, field0.to_owned()));
            if f != o {
                out.push(
                    "SUM-011",
                    field,
                    format!(
                        "单位 {} 的{}（{}）项目支出：{what} {o} 万元，功能分类合计 {f} 万元，相差 {} 万元",
                        k.0,
                        funding_label(k.1),
                        label(k.2),
                        o - f
                    ),
                );
            }
        }
    };
    if !b.project_economic.is_empty() {
        let mut econ: BTreeMap<Key<'_>, (Money, String)> = BTreeMap::new();
        for (i, l) in b.project_economic.iter().enumerate() {
            if let Some(u) = out.unit_ref(&l.unit, &format!("project_economic[{i}]")) {
                econ.entry((u, l.funding, l.allocation))
                    .or_insert_with(|| (Money::ZERO, format!("project_economic[{i}].amount")))
                    .0 += l.amount;
            }
        }
        compare(out, "project_economic", "经济分类合计", econ);
    }
    let split = b
        .expenditure
        .iter()
        .any(|l| l.allocation != Allocation::Regular)
        || b.projects
            .iter()
            .any(|p| p.allocation != Allocation::Regular);
    if split && !b.projects.is_empty() {
        let mut listed: BTreeMap<Key<'_>, (Money, String)> = BTreeMap::new();
        for (i, p) in b.projects.iter().enumerate() {
            if let Some(u) = out.unit_ref(&p.unit, &format!("projects[{i}]")) {
                for f in ALL_FUNDINGS {
                    let v = p.amounts.for_funding(&p.carryover, f);
                    if !v.is_zero() {
                        listed
                            .entry((u, f, p.allocation))
                            .or_insert_with(|| (Money::ZERO, format!("projects[{i}].allocation")))
                            .0 += v;
                    }
                }
            }
        }
        compare(out, "projects", "项目清单合计", listed);
    }
}

/// Where units carry their own staffing, their posts, staff and retirees add up to the
/// department's staffing (one fact entered twice must agree).
fn staffing(out: &mut Out<'_>) {
    let b = out.budget();
    let units: Vec<_> = b.units.iter().filter_map(|u| u.staffing.as_ref()).collect();
    if units.is_empty() {
        return;
    }
    let s = &b.overview.staffing;
    let sum = |f: fn(&crate::load::schema::UnitStaffing) -> u32| -> u32 {
        units.iter().map(|u| f(u)).sum()
    };
    let count = |v: &[crate::load::schema::Headcount]| -> u32 { v.iter().map(|h| h.count).sum() };
    for (what, field, dept, units_sum) in [
        (
            "编制数",
            "overview.staffing.authorized",
            count(&s.authorized),
            sum(|u| u.admin_posts + u.institution_posts),
        ),
        (
            "实有人数",
            "overview.staffing.actual",
            count(&s.actual),
            sum(|u| u.admin_actual + u.institution_actual),
        ),
        (
            "退休人数",
            "overview.staffing.retired",
            s.retired,
            sum(|u| u.retired),
        ),
    ] {
        if dept != units_sum {
            out.push(
                "SUM-012",
                field,
                format!("部门{what} {dept} 人，各单位（units[].staffing）合计 {units_sum} 人"),
            );
        }
    }
}

/// Last year's general public budget by function 类 adds up to last year's total.
fn previous_classes(out: &mut Out<'_>) {
    let p = &out.budget().previous_year;
    if p.general_classes.is_empty() {
        return;
    }
    let sum: Money = p.general_classes.iter().map(|c| c.amount).sum();
    if sum != p.general_public {
        out.push(
            "SUM-013",
            "previous_year.general_classes",
            format!(
                "上年各类合计 {sum} 万元，上年一般公共预算拨款 {} 万元，相差 {} 万元",
                p.general_public,
                sum - p.general_public
            ),
        );
    }
}

/// Income = expenditure; economic = function basic; project list = project expenditure.
fn balances(out: &mut Out<'_>) {
    let b = out.budget();
    let mut income: Sums<'_> = BTreeMap::new();
    for (i, l) in b.income.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("income[{i}]")) else {
            continue;
        };
        for f in ALL_FUNDINGS {
            let v = l.current.for_funding(&l.carryover, f);
            add(&mut income, (u, f), v, || {
                format!("income[{i}].{}", income_field(f))
            });
        }
    }
    let mut spent: Sums<'_> = BTreeMap::new();
    let mut project_lines: Sums<'_> = BTreeMap::new();
    let mut basic_general: BTreeMap<&str, (Money, Money)> = BTreeMap::new();
    for (i, l) in b.expenditure.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("expenditure[{i}]")) else {
            continue;
        };
        add(
            &mut spent,
            (u, l.funding),
            ExpAmounts::of(l).total(),
            || format!("expenditure[{i}]"),
        );
        add(&mut project_lines, (u, l.funding), l.project, || {
            format!("expenditure[{i}].project")
        });
        if l.funding == Funding::General {
            let e = basic_general.entry(u).or_default();
            e.0 += l.personnel;
            e.1 += l.public;
        }
    }
    let units: Vec<&str> = b.units.iter().map(|u| u.code.as_str()).collect();
    for &u in &units {
        for f in ALL_FUNDINGS {
            let inc = income.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            let exp = spent.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            if inc != exp {
                let field = income
                    .get(&(u, f))
                    .filter(|x| !x.0.is_zero())
                    .or_else(|| spent.get(&(u, f)))
                    .map_or_else(|| "income".to_owned(), |x| x.1.clone());
                out.push(
                    "SUM-001",
                    field,
                    format!(
                        "单位 {u} 的{}：收入 {inc} 万元，支出 {exp} 万元，相差 {} 万元",
                        funding_label(f),
                        inc - exp
                    ),
                );
            }
        }
    }
    let mut econ: BTreeMap<&str, (Money, Money, String)> = BTreeMap::new();
    for (i, l) in b.basic_economic.iter().enumerate() {
        let Some(u) = out.unit_ref(&l.unit, &format!("basic_economic[{i}]")) else {
            continue;
        };
        let e = econ
            .entry(u)
            .or_insert((Money::ZERO, Money::ZERO, format!("basic_economic[{i}]")));
        e.0 += l.personnel;
        e.1 += l.public;
    }
    for &u in &units {
        let (fp, fq) = basic_general.get(u).copied().unwrap_or_default();
        let (ep, eq, field) =
            econ.get(u)
                .cloned()
                .unwrap_or((Money::ZERO, Money::ZERO, "basic_economic".into()));
        for (what, e, f) in [("人员经费", ep, fp), ("公用经费", eq, fq)] {
            if e != f {
                out.push(
                    "SUM-002",
                    field.clone(),
                    format!(
                        "单位 {u} 的基本支出{what}：经济分类合计 {e} 万元，功能分类（一般公共预算）合计 {f} 万元，相差 {} 万元",
                        e - f
                    ),
                );
            }
        }
    }
    if b.projects.is_empty() {
        return;
    }
    let mut listed: Sums<'_> = BTreeMap::new();
    for (i, p) in b.projects.iter().enumerate() {
        let Some(u) = out.unit_ref(&p.unit, &format!("projects[{i}]")) else {
            continue;
        };
        for f in ALL_FUNDINGS {
            add(
                &mut listed,
                (u, f),
                p.amounts.for_funding(&p.carryover, f),
                || format!("projects[{i}].amounts"),
            );
        }
    }
    for &u in &units {
        for f in ALL_FUNDINGS {
            let l = listed.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            let s = project_lines.get(&(u, f)).map(|x| x.0).unwrap_or_default();
            if l != s {
                let field = listed
                    .get(&(u, f))
                    .map_or_else(|| "projects".to_owned(), |x| x.1.clone());
                out.push(
                    "SUM-003",
                    field,
                    format!(
                        "单位 {u} 的{}项目：项目清单合计 {l} 万元，支出表项目支出 {s} 万元，相差 {} 万元",
                        funding_label(f),
                        l - s
                    ),
                );
            }
        }
    }
}

/// The display unit u = 10^-decimals.
fn unit_step(out: &Out<'_>) -> Decimal {
    Decimal::new(1, out.budget().display.decimals)
}

/// Compares a stated total with the sum of `n` parts, rounding-aware.
fn compare_stated(
    out: &mut Out<'_>,
    field: String,
    what: &str,
    stated: Money,
    parts: Money,
    n: usize,
) {
    if stated == parts {
        return;
    }
    let u = unit_step(out);
    let diff = (stated - parts).0.abs();
    let slack = u * Decimal::from(n + 1) / Decimal::TWO;
    if diff < slack {
        out.push(
            "RND-001",
            field,
            format!(
                "{what}录入为 {stated} 万元，{n} 个明细之和为 {parts} 万元，相差 {} 万元，可由四舍五入解释",
                stated - parts
            ),
        );
    } else {
        out.push(
            "SUM-004",
            field,
            format!(
                "{what}录入为 {stated} 万元，明细合计为 {parts} 万元，相差 {} 万元",
                stated - parts
            ),
        );
    }
}

/// Stated control totals against derived sums.
fn stated(out: &mut Out<'_>) {
    let b = out.budget();
    let s = &b.stated;
    let (inc, carry) = income_totals(b);
    let exp = ExpAmounts::sum_of(&b.expenditure, |_| true);
    let n_income = b.income.len() * 2;
    let n_exp = b.expenditure.len();
    let checks = [
        (
            "stated.income_total",
            "收入总计",
            s.income_total,
            inc.total() + carry.total(),
            n_income,
        ),
        (
            "stated.expenditure_total",
            "支出总计",
            s.expenditure_total,
            exp.total(),
            n_exp,
        ),
        ("stated.basic", "基本支出", s.basic, exp.basic(), n_exp),
        ("stated.project", "项目支出", s.project, exp.project, n_exp),
    ];
    for (field, what, stated, derived, n) in checks {
        if let Some(v) = stated {
            compare_stated(out, field.into(), what, v, derived, n);
        }
    }
    for (i, c) in s.function_totals.iter().enumerate() {
        let parts: Vec<Money> = b
            .expenditure
            .iter()
            .filter(|l| l.code.starts_with(&c.code))
            .map(|l| ExpAmounts::of(l).total())
            .collect();
        let what = format!("科目 {} 合计", c.code);
        compare_stated(
            out,
            format!("stated.function_totals[{i}].amount"),
            &what,
            c.amount,
            parts.iter().sum(),
            parts.len(),
        );
    }
    for (i, c) in s.economic_totals.iter().enumerate() {
        let parts: Vec<Money> = b
            .basic_economic
            .iter()
            .filter(|l| l.code.starts_with(&c.code))
            .map(|l| l.personnel + l.public)
            .collect();
        let what = format!("科目 {} 合计", c.code);
        compare_stated(
            out,
            format!("stated.economic_totals[{i}].amount"),
            &what,
            c.amount,
            parts.iter().sum(),
            parts.len(),
        );
    }
}

fn subject_change(out: &Out<'_>, s: ChangeSubject) -> Option<(Change, &'static str)> {
    let b = out.budget();
    let sg = &b.sangong;
    let items = [
        &sg.outbound,
        &sg.reception,
        &sg.vehicle_purchase,
        &sg.vehicle_operation,
    ];
    Some(match s {
        ChangeSubject::Total => {
            let exp = ExpAmounts::sum_of(&b.expenditure, |_| true);
            (
                Change::new(exp.total(), b.previous_year.total),
                "收支总预算",
            )
        }
        ChangeSubject::General => {
            let general = ExpAmounts::sum_of(&b.expenditure, |f| f == Funding::General).total();
            (
                Change::new(general, b.previous_year.general_public),
                "一般公共预算拨款",
            )
        }
        ChangeSubject::AdminCosts => (
            Change::new(b.admin_costs.current, b.admin_costs.previous),
            "机关运行经费",
        ),
        ChangeSubject::Sangong => (
            Change::new(
                items.iter().map(|i| i.current).sum(),
                items.iter().map(|i| i.previous).sum(),
            ),
            "“三公”经费",
        ),
        ChangeSubject::Outbound => (
            Change::new(sg.outbound.current, sg.outbound.previous),
            "因公出国（境）费",
        ),
        ChangeSubject::Reception => (
            Change::new(sg.reception.current, sg.reception.previous),
            "公务接待费",
        ),
        ChangeSubject::VehiclePurchase => (
            Change::new(sg.vehicle_purchase.current, sg.vehicle_purchase.previous),
            "公务用车购置费",
        ),
        ChangeSubject::VehicleOperation => (
            Change::new(sg.vehicle_operation.current, sg.vehicle_operation.previous),
            "公务用车运行维护费",
        ),
        ChangeSubject::Procurement => {
            let total: Money = b.procurement.lines.iter().map(|l| l.amount).sum();
            (Change::new(total, b.procurement.previous?), "政府采购预算")
        }
    })
}

/// A printed change or percentage is recomputed from its figures (RND-002).
fn stated_changes(out: &mut Out<'_>) {
    let dp = out.budget().display.decimals;
    let changes = &out.budget().stated.changes;
    for (i, sc) in changes.iter().enumerate() {
        let Some((c, what)) = subject_change(out, sc.subject) else {
            continue;
        };
        let signed = match c.direction {
            Direction::Down => -c.amount,
            _ => c.amount,
        };
        if let Some(a) = sc.amount {
            if round(a.0, dp) != round(signed.0, dp) {
                out.push(
                    "RND-002",
                    format!("stated.changes[{i}].amount"),
                    format!(
                        "{what}的变动额写为 {a} 万元，按本年 {} 与上年 {} 计算应为 {signed} 万元",
                        c.current, c.previous
                    ),
                );
            }
        }
        let Some(p) = sc.percent else { continue };
        let k = p.0.normalize().scale();
        let right = percent(signed, c.previous).map(|x| round(x, k));
        if right == Some(round(p.0, k)) {
            continue;
        }
        let wrong_base = percent(signed, c.current).map(|x| round(x, k));
        let field = format!("stated.changes[{i}].percent");
        let expected = right.map_or_else(
            || "无法计算（上年为 0）".to_owned(),
            |r| format!("{}%", r.normalize()),
        );
        if wrong_base == Some(round(p.0, k)) {
            out.push_hint(
                "RND-002",
                field,
                format!("{what}的变动幅度写为 {p}%，应为 {expected}：写出的数字是以本年数 {} 为基数算出的", c.current),
                "增减幅度应以上年数为基数：（本年 − 上年）÷ 上年",
            );
        } else {
            out.push(
                "RND-002",
                field,
                format!(
                    "{what}的变动幅度写为 {p}%，按本年 {} 与上年 {} 计算应为 {expected}",
                    c.current, c.previous
                ),
            );
        }
    }
}

/// "三公" items against the matching economic lines (公务接待费 30217, 公务用车运行维护费 30231).
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
        let lines: Vec<Money> = b
            .basic_economic
            .iter()
            .filter(|l| l.code == code)
            .map(|l| l.personnel + l.public)
            .collect();
        if lines.is_empty() {
            continue;
        }
        let econ: Money = lines.iter().sum();
        if econ > sg {
            out.push(
                "SUM-005",
                field,
                format!("“三公”{what} {sg} 万元，少于基本支出经济分类 {code} {what} {econ} 万元"),
            );
        }
    }
}

/// Procurement lines: amount = quantity × unit price; SME shares within the amount.
fn procurement(out: &mut Out<'_>) {
    let dp = out.budget().display.decimals;
    let lines = &out.budget().procurement.lines;
    for (i, l) in lines.iter().enumerate() {
        if let (Some(quantity), Some(unit_price)) = (l.quantity, l.unit_price) {
            let product = round(quantity.0 * unit_price.0, dp);
            if round(l.amount.0, dp) != product {
                out.push(
                    "SUM-006",
                    format!("procurement.lines[{i}].amount"),
                    format!(
                        "采购金额 {} 万元 ≠ 数量 {} × 单价 {} = {} 万元",
                        l.amount,
                        quantity,
                        unit_price,
                        Money(product)
                    ),
                );
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
        let mut per_project: BTreeMap<&str, (Money, String)> = BTreeMap::new();
        for l in super::charged_lines(b).filter(|l| l.kind == kind) {
            let Some(project) = l.project else { continue };
            per_project
                .entry(project)
                .or_insert((Money::ZERO, format!("{}.amount", l.field)))
                .0 += l.amount;
        }
        for (name, (sum, field)) in per_project {
            let Some(p) = b.projects.iter().find(|p| p.name == name) else {
                continue;
            };
            let budget = p.amounts.total() + p.carryover.total();
            if sum > budget {
                out.push(
                    "SUM-007",
                    field,
                    format!("项目“{name}”的{kind}明细合计 {sum} 万元，超过项目预算 {budget} 万元"),
                );
            }
        }
    }
}

/// Performance forms: project breakdowns equal the project's budget; department history
/// balances and agrees with last year's budget.
fn forms(out: &mut Out<'_>) {
    let b = out.budget();
    let dp = b.display.decimals;
    for (i, p) in b.projects.iter().enumerate() {
        let Some(f) = &p.performance else { continue };
        let detail: Money = f
            .details
            .iter()
            .map(|d| d.local + d.transfer + d.other)
            .sum();
        let budget = p.amounts.total() + p.carryover.total();
        if !f.details.is_empty() && detail != budget {
            out.push(
                "SUM-008",
                format!("projects[{i}].performance.details"),
                format!("项目“{}”支出明细合计 {detail} 万元，与项目预算 {budget} 万元不符，相差 {} 万元", p.name, detail - budget),
            );
        }
    }
    let Some(d) = &b.department_performance else {
        return;
    };
    let h = &d.history;
    for (k, year) in [(0usize, b.year - 2), (1, b.year - 1)] {
        let income = h.fiscal[k] + h.special_account[k] + h.unit_funds[k];
        let spending = h.personnel[k] + h.operation[k] + h.specific[k];
        if income != spending {
            out.push(
                "SUM-009",
                format!("department_performance.history.fiscal[{k}]"),
                format!("整体绩效目标表 {year} 年收入合计 {income} 万元，支出合计 {spending} 万元，不相等"),
            );
        }
        if k == 1 && round(income.0, dp) != round(b.previous_year.total.0, dp) {
            out.push(
                "SUM-010",
                "department_performance.history.fiscal[1]",
                format!(
                    "整体绩效目标表中 {year} 年收入合计 {income} 万元，与上年预算 previous_year.total {} 万元不一致",
                    b.previous_year.total
                ),
            );
        }
    }
}
