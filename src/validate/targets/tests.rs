//! Every TGT rule has a triggering case here (changes to the minimal valid target forms,
//! with the field and line it must report), and the clean inputs trigger nothing. Adding a
//! TGT rule without a case fails `every_tgt_rule_has_a_triggering_case`.

use super::*;
use crate::error::{Error, Severity};
use crate::load;

const MINIMAL: &str = include_str!("../../../tests/fixtures/targets.yaml");

fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match load::parse::<PerformanceTargets>("t.yaml", text) {
        Ok(l) => check(&l, &Options::default()),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn apply(changes: &[(&str, &str)]) -> String {
    crate::validate::cases::apply(MINIMAL, changes)
}

/// The last direction's 效益指标 line, removed by the TGT-012 case.
const BENEFIT: &str =
    "        - { level1: 效益指标, level2: 社会效益, name: 知晓度提高, value: 良好 }\n";

/// (rule, changes, expected field, expected line)
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    &'static str,
    usize,
);

fn cases() -> Vec<Case> {
    vec![
        ("TGT-001", vec![("basic: 10", "basic: 10.1")], "department_form.funds", 7),
        ("TGT-002", vec![("amount: 0.1", "amount: 0.2")], "special_funds.directions", 22),
        ("TGT-003", vec![("general: 12.5", "general: 12.50001"), ("basic: 10", "basic: 10.00001")], "department_form.funds.general", 8),
        ("TGT-004", vec![("general: 12.5", "general: 13.5\n    other: -1")], "department_form.funds.other", 9),
        ("TGT-005", vec![("    project: 2.5\n", "    project: 2.5\n    stated_total: 12.4\n")], "department_form.funds.stated_total", 11),
        ("TGT-005", vec![("special_funds:\n", "special_funds:\n  stated_total: 2.6\n")], "special_funds.stated_total", 22),
        ("TGT-005", vec![("      annual_goal: 宣传测试工作。\n", "      annual_goal: 宣传测试工作。\n      summary: { amount: 0.2 }\n")], "special_funds.directions[1].summary.amount", 39),
        ("TGT-006", vec![("value: ≤2.5万元", "value: ≤2.6万元")], "department_form.indicators[1].value", 19),
        ("TGT-006", vec![("value: ≤2.4万元", "value: ≤25000元")], "special_funds.directions[0].indicators[1].value", 31),
        ("TGT-007", vec![("      annual_goal: 稳定测试队伍。\n", "      annual_goal: 稳定测试队伍。\n      summary: { period_goal: 稳定测试队伍，促进发展。 }\n")], "special_funds.directions[0].summary.period_goal", 29),
        ("TGT-008", vec![("unit: 测试局本级", "unit: \"\"")], "department_form.unit", 6),
        ("TGT-008", vec![("goal: 完成全年测试任务。", "goal: 完成XX项测试任务。")], "department_form.work_plan[0].goal", 16),
        ("TGT-008", vec![("    general: 12.5\n    basic: 10\n    project: 2.5\n", "    general: 0\n")], "department_form.funds", 7),
        ("TGT-008", vec![("  duties:\n    - 负责测试工作。\n", "  duties: []\n")], "department_form.duties", 11),
        ("TGT-009", vec![("name: 测试宣传", "name: 测试岗位补贴")], "special_funds.directions[1].name", 33),
        ("TGT-010", vec![("note: 1000元/人/月 }", "note: 1100元/人/月 }")], "department_form.indicators[0].note", 18),
        ("TGT-010", vec![("乙岗位1人", "乙岗位2人")], "special_funds.directions[0].indicators[0].value", 30),
        ("TGT-011", vec![("period_goal: 宣传测试工作。", "period_goal: 宣传测试工作，")], "special_funds.directions[1].period_goal", 37),
        ("TGT-012", vec![(BENEFIT, "")], "special_funds.directions[1].indicators", 39),
        ("TGT-013", vec![("year: 2021", "year: -2147483648")], "year", 3),
    ]
}

#[test]
fn every_case_triggers_its_rule_where_expected() {
    crate::validate::cases::check_cases(
        MINIMAL,
        &cases(),
        diagnostics,
        &crate::validate::cases::Strictness {
            others_allowed: true,
        },
    );
}

#[test]
fn every_tgt_rule_has_a_triggering_case() {
    crate::validate::cases::every_rule_has_a_case(&["TGT-"], &cases());
}

#[test]
fn clean_inputs_trigger_nothing() {
    let minimal = diagnostics(MINIMAL);
    assert!(minimal.is_empty(), "{minimal:#?}");
    let shifeng = diagnostics(include_str!("../../../inputs/shifeng-2021.yaml"));
    assert!(shifeng.is_empty(), "{shifeng:#?}");
}

#[test]
fn project_spending_without_any_direction_is_named() {
    let head = MINIMAL
        .split("special_funds:")
        .next()
        .expect("fixture has special funds");
    let diags = diagnostics(head);
    let d = diags
        .iter()
        .find(|d| d.rule == "TGT-002")
        .expect("TGT-002 reported");
    assert_eq!(
        (d.field.as_str(), d.line),
        ("department_form.funds.project", 10)
    );
    assert!(d.message.contains("项目支出 2.5 万元"), "{}", d.message);
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn messages_name_the_figures_and_the_difference() {
    let diags = diagnostics(&apply(&[("basic: 10", "basic: 10.1")]));
    assert_eq!(
        diags[0].message,
        "按收入性质分合计 12.5 万元（一般公共预算拨款 12.5 + 政府性基金拨款 0 + 其他资金 0）\
         与按支出性质分合计 12.6 万元（基本支出 10.1 + 项目支出 2.5）不相等，相差 -0.1 万元"
    );
    let diags = diagnostics(&apply(&[("乙岗位1人", "乙岗位2人")]));
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "指标值 2 人与备注所列人数之和 3 人不符",
            "按备注测算：1 人 × 1000 元/人/月 × 12 个月 + 2 人 × 1000 元/人/月 × 12 个月 \
             = 3.6 万元，与该支出方向金额 2.4 万元不符",
        ]
    );
    let diags = diagnostics(&apply(&[(
        "      annual_goal: 稳定测试队伍。\n",
        "      annual_goal: 稳定测试队伍。\n      summary: { annual_goal: 稳定测试人员队伍。 }\n",
    )]));
    assert_eq!(
        diags[0].message,
        "汇总表中“测试岗位补贴”的年度绩效目标与该方向绩效目标表不一致：\
         汇总表为“稳定测试人员队伍。”，绩效目标表为“稳定测试队伍。”"
    );
}

#[test]
fn texts_are_named_as_the_form_names_them() {
    let diags = diagnostics(&apply(&[("unit: 测试局本级", "unit: \"\"")]));
    assert_eq!(diags[0].message, "部门名称不能为空");
    let diags = diagnostics(&apply(&[(
        "period_goal: 宣传测试工作。",
        "period_goal: 宣传测试工作，",
    )]));
    assert_eq!(
        diags[0].message,
        "实施期绩效目标“宣传测试工作，”以“，”结尾，句子疑似不完整"
    );
}

#[test]
fn copies_that_differ_only_in_line_breaks_agree() {
    let diags = diagnostics(&apply(&[(
        "      annual_goal: 稳定测试队伍。\n",
        "      annual_goal: 稳定测试队伍。\n      summary: { amount: 2.4, period_goal: \"稳定测试\\n队伍。\", annual_goal: 稳定测试 队伍。 }\n",
    )]));
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn cost_values_are_read_in_wan_or_yuan() {
    assert_eq!(
        cost_value("≤38.598万元"),
        Some(Money(Decimal::new(38598, 3)))
    );
    assert_eq!(
        cost_value("<=1.878万元"),
        Some(Money(Decimal::new(1878, 3)))
    );
    assert_eq!(
        cost_value("不超过18780元"),
        Some(Money(Decimal::new(1878, 3)))
    );
    assert_eq!(cost_value("36.72万元"), Some(Money(Decimal::new(3672, 2))));
    assert_eq!(cost_value("≤100%"), None);
    assert_eq!(cost_value("良好"), None);
    assert_eq!(cost_value("≤万元"), None);
}

#[test]
fn per_head_bases_are_read_or_left_alone() {
    let lines = basis("一线信访岗位5人，235元/人/月；其他信访岗位3人，130元/人/月").expect("basis");
    let (heads, wan, steps) = basis_total(&lines, Some(Decimal::from(8))).expect("total");
    assert_eq!(
        (heads, wan),
        (Decimal::from(8), Money(Decimal::new(1878, 3)))
    );
    assert_eq!(
        steps,
        "5 人 × 235 元/人/月 × 12 个月 + 3 人 × 130 元/人/月 × 12 个月"
    );
    let lines = basis("612元/人/月").expect("basis");
    let (_, wan, _) = basis_total(&lines, headcount("50人")).expect("total");
    assert_eq!(wan, Money(Decimal::new(3672, 2)));
    assert!(basis_total(&lines, headcount("若干")).is_none());
    let lines = basis("甲岗位2人，3000元/人/年").expect("basis");
    assert_eq!(
        basis_total(&lines, None).map(|t| t.1),
        Some(Money(Decimal::new(6, 1)))
    );
    // Not a per-head basis: left to the reader.
    assert!(basis("按实际发生数结算").is_none());
    assert!(basis("612元/人/月；另有设备购置").is_none());
    assert!(basis("612元/人/月，按季度发放").is_none());
    assert!(basis("").is_none());
}

#[test]
fn difference_shows_the_differing_middle() {
    assert_eq!(
        difference(
            "有效维护辖区稳定，化解社会矛盾、促进社会和谐发展。",
            "有效维护辖区稳定，化解社会矛盾，促进社会和谐稳定。"
        ),
        (
            "…社会矛盾、促进社会和谐发展。".to_owned(),
            "…社会矛盾，促进社会和谐稳定。".to_owned()
        )
    );
    assert_eq!(
        difference("甲乙", "甲乙丙"),
        ("甲乙".to_owned(), "甲乙丙".to_owned())
    );
}
