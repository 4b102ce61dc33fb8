//! SUM and RND rules: what must add up, and how printed figures are compared.
//!
//! Every comparison goes through one model, [`crate::num::interval`]. Figures entered
//! exactly (whatever their decimals) are compared exactly: two sums of them that must be
//! equal are, and a stated (printed) figure must be the correct rounding of what it
//! stands for. Figures copied from a printed report (`display.transcribed_decimals`) are
//! rounded prints themselves, so a gap their rounding explains is a warning (RND-001)
//! named at the total's line, and a larger one is an error.
//!
//! A diagnostic about a total that disagrees with its parts points at the total, or at
//! the collection when neither side is the total, and lists every part as a note with
//! its line: which part is wrong cannot be known.
//!
//! ```text
//! balances.rs  income = expenditure, economic = function, project list = project column,
//!              allocation splits, staffing, last year's figures
//! stated.rs    printed totals, changes and shares copied from a report
//! lines.rs     "三公" against economic lines, procurement lines, lines within projects,
//!              economic items that mirror a function 项
//! forms.rs     performance forms: project breakdowns, department history
//! ```

mod balances;
mod forms;
mod lines;
mod stated;

use rust_decimal::Decimal;

use super::Out;
use crate::load::schema::Funding;
use crate::num::interval::{compare, estimate_interval, Estimate, Verdict};
use crate::num::Money;

pub(super) fn check(out: &mut Out<'_>) {
    balances::check(out);
    stated::check(out);
    lines::check(out);
    forms::check(out);
}

/// One entered figure that is part of a sum.
#[derive(Debug, Clone)]
pub(super) struct Part {
    /// Where it is entered.
    field: String,
    /// What it is, for the note (`2014001 行政运行`).
    label: String,
    /// Its amount.
    amount: Money,
}

impl Part {
    fn new(field: impl Into<String>, label: impl Into<String>, amount: Money) -> Part {
        Part {
            field: field.into(),
            label: label.into(),
            amount,
        }
    }
}

/// A sum of entered figures.
#[derive(Debug, Clone, Default)]
pub(super) struct Side {
    parts: Vec<Part>,
}

impl Side {
    fn push(&mut self, part: Part) {
        self.parts.push(part);
    }

    fn total(&self) -> Money {
        self.parts.iter().map(|p| p.amount).sum()
    }

    /// The sum as an estimate: exact, or ± half a unit per part when transcribed.
    fn estimate(&self, transcribed: Option<Decimal>) -> Estimate {
        Estimate::of_parts(self.total().0, self.parts.len(), transcribed)
    }
}

/// Most notes listed under one diagnostic; the rest are counted.
const MAX_NOTES: usize = 24;

/// The parts of both sides as notes, leaving out the part at `field` itself.
fn notes(out: &Out<'_>, field: &str, sides: &[(&str, &Side)]) -> Vec<crate::error::Note> {
    let mut notes = Vec::new();
    let mut left_out = 0;
    for (name, side) in sides {
        for p in side.parts.iter().filter(|p| p.field != field) {
            if notes.len() < MAX_NOTES {
                notes.push(out.note(
                    p.field.clone(),
                    format!("{name}：{} {} 万元", p.label, p.amount),
                ));
            } else {
                left_out += 1;
            }
        }
    }
    if left_out > 0 {
        notes.push(out.note(String::new(), format!("……另有 {left_out} 项未列出")));
    }
    notes
}

/// Two sums of entered figures that must be equal (`rule` when they are not). `field` is
/// where the diagnostic points: the total, or the collection. `what` names the fact;
/// each side is named for the message and its notes.
pub(super) fn agree(
    out: &mut Out<'_>,
    rule: &'static str,
    field: &str,
    what: &str,
    left: (&str, &Side),
    right: (&str, &Side),
) {
    // One figure on each side is one fact printed twice: it must print identically, even
    // when transcribed. Sums of several rounded prints may differ by their rounding.
    let unit = out
        .transcribed_unit()
        .filter(|_| left.1.parts.len() > 1 || right.1.parts.len() > 1);
    let (a, b) = (left.1.estimate(unit), right.1.estimate(unit));
    let verdict = compare(a, b);
    if verdict == Verdict::Agrees {
        return;
    }
    let diff = left.1.total() - right.1.total();
    let notes = notes(out, field, &[left, right]);
    let base = format!(
        "{what}：{} {} 万元，{} {} 万元，相差 {diff} 万元",
        left.0,
        left.1.total(),
        right.0,
        right.1.total()
    );
    let d = if verdict == Verdict::Rounding {
        out.emit(
            "RND-001",
            field,
            format!(
                "{base}，可由四舍五入解释（录入数抄自印出的报告：前者代表 {}，后者代表 {}）",
                estimate_interval(a),
                estimate_interval(b)
            ),
        )
    } else {
        out.emit(rule, field, base)
    };
    d.notes = notes;
}

/// Official name of an expenditure funding source.
pub(super) fn funding_label(f: Funding) -> &'static str {
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

#[cfg(test)]
mod tests;
