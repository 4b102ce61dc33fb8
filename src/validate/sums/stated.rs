//! Figures a clerk copied from a printed report or approval (`stated:`): totals (SUM-004),
//! year-over-year changes (RND-002) and shares (RND-004), each judged as a print of the
//! value the entered figures give ([`crate::num::interval::judge`]). Rounding artefacts,
//! possible only when the figures are themselves transcribed prints, are RND-001.

use rust_decimal::Decimal;

use super::Part;
use crate::error::Note;
use crate::load::amounts::ExpAmounts;
use crate::load::schema::{ChangeSubject, Funding, ShareSubject};
use crate::num::interval::{
    estimate_interval, judge, judge_percent, printed_decimals, printed_interval, Estimate, Verdict,
};
use crate::num::{percent, round, Change, Money};
use crate::validate::Out;

pub(super) fn check(out: &mut Out<'_>) {
    totals(out);
    changes(out);
    shares(out);
    assets(out);
}

/// Printed asset totals and changes against the categories' figures.
fn assets(out: &mut Out<'_>) {
    let b = out.budget();
    let a = &b.assets;
    let s = &b.stated.assets;
    let parts = |opening: bool| -> Vec<Part> {
        a.categories
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let (key, v) = if opening {
                    ("opening", c.opening?)
                } else {
                    ("closing", c.closing)
                };
                Some(Part::new(
                    format!("assets.categories[{i}].{key}"),
                    c.name.clone(),
                    v,
                ))
            })
            .collect()
    };
    if let Some(v) = s.opening_total {
        judge_total(
            out,
            "stated.assets.opening_total".into(),
            "年初资产总额",
            v,
            &derived(parts(true)),
        );
    }
    if let Some(v) = s.closing_total {
        judge_total(
            out,
            "stated.assets.closing_total".into(),
            "资产总额",
            v,
            &derived(parts(false)),
        );
    }
    let unit = out.transcribed_unit();
    let dp = b.display.decimals;
    let mut printed = Vec::new();
    let (open, close) = (derived(parts(true)), derived(parts(false)));
    if let Some(v) = s.change {
        printed.push((
            "stated.assets.change".to_owned(),
            "资产总额".to_owned(),
            Some(v),
            None,
            close.estimate(unit),
            open.estimate(unit),
        ));
    }
    for (i, c) in s.categories.iter().enumerate() {
        let Some(cat) = a.categories.iter().find(|x| x.name.trim() == c.name.trim()) else {
            out.push(
                "REF-004",
                format!("stated.assets.categories[{i}].name"),
                format!("资产类别“{}”不在 assets.categories 中", c.name),
            );
            continue;
        };
        let Some(opening) = cat.opening else { continue };
        let one = |m: Money| Estimate::of_parts(m.0, 1, unit);
        printed.push((
            format!("stated.assets.categories[{i}]"),
            cat.name.clone(),
            c.amount,
            c.percent,
            one(cat.closing),
            one(opening),
        ));
    }
    for (field, what, amount, pct, cur, prev) in printed {
        let change = cur.minus(prev);
        let signed = Money(change.value);
        if let Some(a) = amount {
            let adp = printed_decimals(a.0, dp);
            match judge(a.0, adp, change) {
                Verdict::Agrees => {}
                Verdict::Rounding => out.push(
                    "RND-001",
                    format!("{field}.amount").replace("change.amount", "change"),
                    format!(
                        "{what}的增减印为 {a} 万元，按录入的数字为 {signed} 万元，可由四舍五入解释"
                    ),
                ),
                Verdict::Contradicts => out.push(
                    "RND-002",
                    format!("{field}.amount").replace("change.amount", "change"),
                    format!(
                        "{what}的增减写为 {a} 万元，按年末 {} 与年初 {} 计算应为 {signed} 万元",
                        Money(cur.value),
                        Money(prev.value)
                    ),
                ),
            }
        }
        if let Some(p) = pct {
            let k = p.0.normalize().scale();
            if judge_percent(p.0, k, change, prev) == Verdict::Contradicts {
                let expected = percent(signed, Money(prev.value)).map_or_else(
                    || "无法计算（年初为 0）".to_owned(),
                    |r| format!("{}%", round(r, k).normalize()),
                );
                out.push(
                    "RND-002",
                    format!("{field}.percent"),
                    format!(
                        "{what}的增幅写为 {p}%，按年末 {} 与年初 {} 计算应为 {expected}",
                        Money(cur.value),
                        Money(prev.value)
                    ),
                );
            }
        }
    }
}

/// A figure the entered ones give: its value as entered, how many entered figures make
/// it (for the spread of transcribed prints), and those figures, for notes.
struct Derived {
    value: Money,
    parts: Vec<Part>,
}

impl Derived {
    fn estimate(&self, unit: Option<Decimal>) -> Estimate {
        Estimate::of_parts(self.value.0, self.parts.len(), unit)
    }
}

fn derived(parts: Vec<Part>) -> Derived {
    Derived {
        value: parts.iter().map(|p| p.amount).sum(),
        parts,
    }
}

fn part_notes(out: &Out<'_>, parts: &[Part]) -> Vec<Note> {
    let mut notes: Vec<Note> = parts
        .iter()
        .take(super::MAX_NOTES)
        .map(|p| out.note(p.field.clone(), format!("{} {} 万元", p.label, p.amount)))
        .collect();
    if parts.len() > super::MAX_NOTES {
        notes.push(out.note(
            String::new(),
            format!("……另有 {} 项未列出", parts.len() - super::MAX_NOTES),
        ));
    }
    notes
}

/// Judges the printed `stated` figure at `field` against the value `d` gives.
fn judge_total(out: &mut Out<'_>, field: String, what: &str, stated: Money, d: &Derived) {
    let unit = out.transcribed_unit();
    let dp = printed_decimals(stated.0, out.budget().display.decimals);
    let e = d.estimate(unit);
    let verdict = judge(stated.0, dp, e);
    if verdict == Verdict::Agrees {
        return;
    }
    let notes = part_notes(out, &d.parts);
    let n = d.parts.len();
    let diag = match verdict {
        Verdict::Rounding => out.emit(
            "RND-001",
            field,
            format!(
                "{what}印为 {stated} 万元（代表 {}），{n} 个明细之和为 {} 万元（代表 {}），可由四舍五入解释",
                printed_interval(stated.0, dp),
                d.value,
                estimate_interval(e)
            ),
        ),
        _ => out.emit(
            "SUM-004",
            field,
            format!(
                "{what}录入为 {stated} 万元（代表 {}），明细合计为 {} 万元（{}），相差 {} 万元，四舍五入不能解释",
                printed_interval(stated.0, dp),
                d.value,
                if e.is_exact() {
                    format!("四舍五入应印为 {}", crate::num::format_decimal(d.value.0, dp, false))
                } else {
                    format!("代表 {}", estimate_interval(e))
                },
                stated - d.value
            ),
        ),
    };
    diag.notes = notes;
}

fn exp_parts(
    out: &Out<'_>,
    keep: impl Fn(&str) -> bool,
    column: fn(&ExpAmounts) -> Money,
) -> Vec<Part> {
    out.budget()
        .expenditure
        .iter()
        .enumerate()
        .filter(|(_, l)| keep(&l.code))
        .map(|(i, l)| {
            Part::new(
                format!("expenditure[{i}]"),
                format!("{} {}", l.code, l.name),
                column(&ExpAmounts::of(l)),
            )
        })
        .filter(|p| !p.amount.is_zero())
        .collect()
}

fn income_parts(out: &Out<'_>) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, l) in out.budget().income.iter().enumerate() {
        for (key, v) in l.current.by_key() {
            if !v.is_zero() {
                parts.push(Part::new(
                    format!("income[{i}].current.{key}"),
                    "本年收入",
                    v,
                ));
            }
        }
        for (key, v) in l.carryover.by_key() {
            if !v.is_zero() {
                parts.push(Part::new(
                    format!("income[{i}].carryover.{key}"),
                    "上年结转",
                    v,
                ));
            }
        }
    }
    parts
}

/// A code stated twice (the narrative and a table print the same 类 total): one fact
/// printed twice must print identically (SUM-004).
fn twice(out: &mut Out<'_>, list: &str, entries: &[crate::load::schema::StatedCode]) {
    for (i, c) in entries.iter().enumerate() {
        let Some(j) = entries[..i].iter().position(|e| e.code == c.code) else {
            continue;
        };
        if entries[j].amount != c.amount {
            let note = out.note(
                format!("stated.{list}[{j}].amount"),
                format!("另一处印为 {} 万元", entries[j].amount),
            );
            out.emit(
                "SUM-004",
                format!("stated.{list}[{i}].amount"),
                format!(
                    "科目 {} 合计印为 {} 万元，另一处印为 {} 万元：同一个数印出了两个值",
                    c.code, c.amount, entries[j].amount
                ),
            )
            .notes = vec![note];
        }
    }
}

/// Stated control totals against the sums of the entered figures.
fn totals(out: &mut Out<'_>) {
    let b = out.budget();
    twice(out, "function_totals", &b.stated.function_totals);
    twice(out, "economic_totals", &b.stated.economic_totals);
    let s = &b.stated;
    let all = |_: &str| true;
    let checks: [(&str, &str, Option<Money>, Vec<Part>); 4] = [
        (
            "stated.income_total",
            "收入总计",
            s.income_total,
            income_parts(out),
        ),
        (
            "stated.expenditure_total",
            "支出总计",
            s.expenditure_total,
            exp_parts(out, all, ExpAmounts::total),
        ),
        (
            "stated.basic",
            "基本支出",
            s.basic,
            exp_parts(out, all, ExpAmounts::basic),
        ),
        (
            "stated.project",
            "项目支出",
            s.project,
            exp_parts(out, all, |a| a.project),
        ),
    ];
    for (field, what, stated, parts) in checks {
        if let Some(v) = stated {
            judge_total(out, field.into(), what, v, &derived(parts));
        }
    }
    for (i, c) in s.function_totals.iter().enumerate() {
        let code = c.code.as_str();
        let parts = exp_parts(out, |l| l.starts_with(code), ExpAmounts::total);
        judge_total(
            out,
            format!("stated.function_totals[{i}].amount"),
            &format!("科目 {code} 合计"),
            c.amount,
            &derived(parts),
        );
    }
    for (i, c) in s.economic_totals.iter().enumerate() {
        let parts: Vec<Part> = b
            .basic_economic
            .iter()
            .enumerate()
            .filter(|(_, l)| l.code.starts_with(&c.code))
            .map(|(j, l)| {
                Part::new(
                    format!("basic_economic[{j}]"),
                    format!("{} {}", l.code, l.name),
                    l.personnel + l.public,
                )
            })
            .collect();
        judge_total(
            out,
            format!("stated.economic_totals[{i}].amount"),
            &format!("科目 {} 合计", c.code),
            c.amount,
            &derived(parts),
        );
    }
}

/// This year's and last year's figure of a stated change, as estimates, and its name;
/// `None` when last year's figure was not entered.
fn subject(
    out: &Out<'_>,
    s: ChangeSubject,
    code: Option<&str>,
) -> Option<(Estimate, Estimate, String)> {
    let b = out.budget();
    let unit = out.transcribed_unit();
    let one = |m: Money| Estimate::of_parts(m.0, 1, unit);
    let sum = |parts: Vec<Part>| derived(parts).estimate(unit);
    let all = |_: &str| true;
    let sg = &b.sangong;
    let sangong = [
        &sg.outbound,
        &sg.reception,
        &sg.vehicle_purchase,
        &sg.vehicle_operation,
    ];
    let nonzero = |v: &[Money]| v.iter().filter(|m| !m.is_zero()).count();
    let (cur, prev, what) = match s {
        ChangeSubject::Class => {
            let code = code?;
            let parts = b
                .expenditure
                .iter()
                .enumerate()
                .filter(|(_, l)| l.funding == Funding::General && l.code.starts_with(code))
                .map(|(i, l)| Part::new(format!("expenditure[{i}]"), "", ExpAmounts::of(l).total()))
                .filter(|p| !p.amount.is_zero())
                .collect();
            let previous = b
                .previous_year
                .general_classes
                .iter()
                .find(|c| c.code == code)?;
            let name = crate::catalog::function(code).map_or("", |e| e.name);
            return Some((
                sum(parts),
                one(previous.amount),
                format!("科目 {code} {name}"),
            ));
        }
        ChangeSubject::Total => (
            sum(exp_parts(out, all, ExpAmounts::total)),
            one(b.previous_year.total),
            "收支总预算",
        ),
        ChangeSubject::General => {
            let parts = b
                .expenditure
                .iter()
                .enumerate()
                .filter(|(_, l)| l.funding == Funding::General)
                .map(|(i, l)| Part::new(format!("expenditure[{i}]"), "", ExpAmounts::of(l).total()))
                .collect();
            (
                sum(parts),
                one(b.previous_year.general_public),
                "一般公共预算拨款",
            )
        }
        ChangeSubject::Basic => (
            sum(exp_parts(out, all, ExpAmounts::basic)),
            one(b.previous_year.basic?),
            "基本支出",
        ),
        ChangeSubject::Project => (
            sum(exp_parts(out, all, |a| a.project)),
            one(b.previous_year.project?),
            "项目支出",
        ),
        ChangeSubject::AdminCosts => (
            one(b.admin_costs.current),
            one(b.admin_costs.previous),
            "机关运行经费",
        ),
        ChangeSubject::Sangong => {
            let cur: Vec<Money> = sangong.iter().map(|i| i.current).collect();
            let prev: Vec<Money> = sangong.iter().map(|i| i.previous).collect();
            (
                Estimate::of_parts(cur.iter().sum::<Money>().0, nonzero(&cur), unit),
                Estimate::of_parts(prev.iter().sum::<Money>().0, nonzero(&prev), unit),
                "“三公”经费",
            )
        }
        ChangeSubject::Outbound => (
            one(sg.outbound.current),
            one(sg.outbound.previous),
            "因公出国（境）费",
        ),
        ChangeSubject::Reception => (
            one(sg.reception.current),
            one(sg.reception.previous),
            "公务接待费",
        ),
        ChangeSubject::VehiclePurchase => (
            one(sg.vehicle_purchase.current),
            one(sg.vehicle_purchase.previous),
            "公务用车购置费",
        ),
        ChangeSubject::VehicleOperation => (
            one(sg.vehicle_operation.current),
            one(sg.vehicle_operation.previous),
            "公务用车运行维护费",
        ),
        ChangeSubject::Procurement => {
            let lines: Vec<Money> = b.procurement.lines.iter().map(|l| l.amount).collect();
            (
                Estimate::of_parts(lines.iter().sum::<Money>().0, lines.len(), unit),
                one(b.procurement.previous?),
                "政府采购预算",
            )
        }
    };
    Some((cur, prev, what.to_owned()))
}

/// A printed change or percentage is judged against this year's and last year's figures
/// (RND-002); a percentage computed on this year's figure is named as such.
fn changes(out: &mut Out<'_>) {
    let dp = out.budget().display.decimals;
    for (i, sc) in out.budget().stated.changes.iter().enumerate() {
        let Some((cur, prev, what)) = subject(out, sc.subject, sc.code.as_deref()) else {
            out.push_hint(
                "RND-002",
                format!("stated.changes[{i}].subject"),
                "未录入上年数（或未写明类级科目 code），无法核对这一增减",
                "请在 previous_year（general_classes、basic、project）或 procurement.previous 中填写上年数",
            );
            continue;
        };
        let change = cur.minus(prev);
        let exact = Change::new(Money(cur.value), Money(prev.value));
        let signed = Money(change.value);
        if let Some(a) = sc.amount {
            let adp = printed_decimals(a.0, dp);
            match judge(a.0, adp, change) {
                Verdict::Agrees => {}
                Verdict::Rounding => out.push(
                    "RND-001",
                    format!("stated.changes[{i}].amount"),
                    format!(
                        "{what}的变动额印为 {a} 万元，按录入的本年 {} 与上年 {} 为 {signed} 万元（代表 {}），可由四舍五入解释",
                        exact.current,
                        exact.previous,
                        estimate_interval(change)
                    ),
                ),
                Verdict::Contradicts => out.push(
                    "RND-002",
                    format!("stated.changes[{i}].amount"),
                    format!(
                        "{what}的变动额写为 {a} 万元，按本年 {} 与上年 {} 计算应为 {signed} 万元",
                        exact.current, exact.previous
                    ),
                ),
            }
        }
        let Some(p) = sc.percent else { continue };
        let k = p.0.normalize().scale();
        let field = format!("stated.changes[{i}].percent");
        match judge_percent(p.0, k, change, prev) {
            Verdict::Agrees => {}
            Verdict::Rounding => out.push(
                "RND-001",
                field,
                format!(
                    "{what}的变动幅度印为 {p}%，按录入的数字为 {}，可由四舍五入解释",
                    percent(signed, exact.previous).map_or_else(
                        || "无法计算".to_owned(),
                        |r| format!("{}%", round(r, k + 1).normalize())
                    )
                ),
            ),
            Verdict::Contradicts => {
                let expected = percent(signed, exact.previous).map_or_else(
                    || "无法计算（上年为 0）".to_owned(),
                    |r| format!("{}%", round(r, k).normalize()),
                );
                if judge_percent(p.0, k, change, cur) != Verdict::Contradicts {
                    out.push_hint(
                        "RND-002",
                        field,
                        format!(
                            "{what}的变动幅度写为 {p}%，应为 {expected}：写出的数字是以本年数 {} 为基数算出的",
                            exact.current
                        ),
                        "增减幅度应以上年数为基数：（本年 − 上年）÷ 上年",
                    );
                } else {
                    out.push(
                        "RND-002",
                        field,
                        format!(
                            "{what}的变动幅度写为 {p}%，按本年 {} 与上年 {} 计算应为 {expected}",
                            exact.current, exact.previous
                        ),
                    );
                }
            }
        }
    }
}

/// Printed shares (占比) against the figures (RND-004).
fn shares(out: &mut Out<'_>) {
    let b = out.budget();
    let unit = out.transcribed_unit();
    let general = |code: &str| -> Vec<Part> {
        b.expenditure
            .iter()
            .enumerate()
            .filter(|(_, l)| l.funding == Funding::General && l.code.starts_with(code))
            .map(|(i, l)| Part::new(format!("expenditure[{i}]"), "", ExpAmounts::of(l).total()))
            .filter(|p| !p.amount.is_zero())
            .collect()
    };
    let general_column = |column: fn(&ExpAmounts) -> Money| -> Vec<Part> {
        b.expenditure
            .iter()
            .enumerate()
            .filter(|(_, l)| l.funding == Funding::General)
            .map(|(i, l)| Part::new(format!("expenditure[{i}]"), "", column(&ExpAmounts::of(l))))
            .filter(|p| !p.amount.is_zero())
            .collect()
    };
    for (i, sh) in b.stated.shares.iter().enumerate() {
        let field = format!("stated.shares[{i}]");
        let (part, whole, what) = match (&sh.code, sh.subject) {
            (Some(code), None) => (
                general(code),
                general(""),
                format!("科目 {code} 占一般公共预算支出的比重"),
            ),
            (None, Some(s)) => {
                let all = |_: &str| true;
                match s {
                    ShareSubject::Basic => (
                        exp_parts(out, all, ExpAmounts::basic),
                        exp_parts(out, all, ExpAmounts::total),
                        "基本支出占支出预算的比重".to_owned(),
                    ),
                    ShareSubject::Project => (
                        exp_parts(out, all, |a| a.project),
                        exp_parts(out, all, ExpAmounts::total),
                        "项目支出占支出预算的比重".to_owned(),
                    ),
                    ShareSubject::GeneralBasic => (
                        general_column(ExpAmounts::basic),
                        general(""),
                        "一般公共预算基本支出的比重".to_owned(),
                    ),
                    ShareSubject::GeneralProject => (
                        general_column(|a| a.project),
                        general(""),
                        "一般公共预算项目支出的比重".to_owned(),
                    ),
                }
            }
            _ => {
                out.push_hint(
                    "STR-005",
                    field,
                    "占比须写明 code（类级科目）或 subject 之一",
                    "例如 { code: \"201\", percent: 82.0 } 或 { subject: basic, percent: 58.5 }",
                );
                continue;
            }
        };
        let (part, whole) = (derived(part), derived(whole));
        let k = sh.percent.0.normalize().scale();
        let p = sh.percent;
        let exact = percent(part.value, whole.value);
        let expected = exact.map_or_else(
            || "无法计算（基数为 0）".to_owned(),
            |r| format!("{}%", round(r, k).normalize()),
        );
        match judge_percent(p.0, k, part.estimate(unit), whole.estimate(unit)) {
            Verdict::Agrees => {}
            Verdict::Rounding => out.push(
                "RND-001",
                format!("{field}.percent"),
                format!("{what}印为 {p}%，按录入的数字为 {expected}，可由四舍五入解释"),
            ),
            Verdict::Contradicts => out.push(
                "RND-004",
                format!("{field}.percent"),
                format!(
                    "{what}写为 {p}%，按 {} ÷ {} 计算应为 {expected}",
                    part.value, whole.value
                ),
            ),
        }
    }
}
