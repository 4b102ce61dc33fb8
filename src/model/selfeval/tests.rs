//! Derive invariants of self-evaluations: 合计 = Σ sources, rates rounded half away from
//! zero to two decimals, indicators in the form's column order.

use super::*;
use crate::load;
use crate::validate::{self, Options};

const MINIMAL: &str = include_str!("../../../tests/fixtures/selfeval-minimal.yaml");

fn report(text: &str) -> SelfEvalReport {
    let l = load::parse::<SelfEvaluation>("t.yaml", text).expect("a self-evaluation");
    let diags = validate::selfeval::check(&l, &Options::default());
    let v = validate::gate(l, diags, false).expect("valid");
    derive(&v, false, "self-evaluation")
}

#[test]
fn totals_rates_and_rows() {
    let r = report(MINIMAL);
    assert_eq!(r.meta.document, DOCUMENT);
    assert_eq!(r.meta.department, "测试局");
    assert_eq!(r.meta.department_full, "某区测试局");
    assert_eq!(r.meta.percent_decimals, 2);
    let p = &r.projects[1];
    assert_eq!(p.number, 2);
    assert_eq!(p.department, "测试局");
    assert_eq!(p.amounts.budget.total.to_string(), "8.26");
    assert_eq!(p.amounts.actual.total.to_string(), "7.01");
    // 7.01 ÷ 8.26 = 84.866…%
    assert_eq!(p.rate.map(|d| d.to_string()).as_deref(), Some("84.87"));
    assert_eq!(r.totals.budget.total.to_string(), "18.26");
    assert_eq!(r.totals.actual.general.to_string(), "15.51");
    let states: Vec<&str> = r.projects[0].indicators.iter().map(|i| i.state).collect();
    assert_eq!(
        states,
        [
            "given",
            "not_applicable",
            "empty",
            "empty",
            "empty",
            "empty",
            "given"
        ]
    );
    assert_eq!(r.projects[0].indicators[6].result, "100%");
    assert!(r.overspent.is_empty());
}

#[test]
fn rates_round_half_away_from_zero_and_need_a_budget() {
    let m = |s: &str| Money(s.parse().expect("decimal"));
    // 1 ÷ 8 = 12.5% exactly; to no decimals it is 13, not the banker's 12.
    assert_eq!(execution_rate(m("1"), m("8"), 0), Some(Decimal::from(13)));
    assert_eq!(
        execution_rate(m("89.94"), m("91.66"), 2).map(|d| d.to_string()),
        Some("98.12".to_owned())
    );
    assert_eq!(execution_rate(m("1"), m("0"), 2), None);
}

#[test]
fn overspending_with_a_reason_is_listed() {
    let text = MINIMAL
        .replace("actual: { general: 9.5 }", "actual: { general: 10.5 }")
        .replace(
            "    problems: 无\n",
            "    problems: 无\n    overspend_reason: 追加采购经批准。\n",
        );
    let r = report(&text);
    assert_eq!(r.overspent.len(), 1);
    assert_eq!(r.overspent[0].number, 1);
    assert_eq!(r.overspent[0].reason, "追加采购经批准。");
    assert_eq!(r.projects[0].rate, Some(Decimal::from(105)));
}
