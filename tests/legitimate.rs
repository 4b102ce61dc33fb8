//! Unusual but legitimate budgets pass: no error, and no rounding warning where every
//! printed figure is the correct rounding of the figures entered. Each case is a few
//! changes to the minimal valid input (`fixtures/minimal.yaml`).

mod common;

use gongkai::{Diagnostic, Options, Severity};

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

fn apply(changes: &[(&str, &str)]) -> String {
    let mut text = MINIMAL.to_owned();
    for (from, to) in changes {
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

fn check(text: &str) -> Vec<Diagnostic> {
    let loaded = gongkai::Input::from_str("t.yaml", text).expect("loads");
    gongkai::check(&loaded, &Options::default()).expect("layout")
}

/// No error, no rounding diagnostic; and it generates.
#[track_caller]
fn passes(name: &str, text: &str) {
    let diags = check(text);
    let bad: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error || d.rule.starts_with("RND"))
        .collect();
    assert!(bad.is_empty(), "{name}: {bad:#?}");
    let loaded = gongkai::Input::from_str("t.yaml", text).expect("loads");
    gongkai::build(
        loaded,
        &Options {
            formats: vec![gongkai::Format::Markdown, gongkai::Format::Html],
            ..Options::default()
        },
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn no_projects() {
    passes(
        "no projects",
        &apply(&[
            ("  - code: \"2014002\"\n    name: 一般行政管理事务\n    project: 20\n", ""),
            ("projects:\n  - name: 测试项目\n    category: 本级支出项目\n    function_code: \"2014002\"\n    amounts:\n      general: 20\n    purpose: 测试\n", "projects: []\n"),
            ("general: 110.5", "general: 90.5"),
        ]),
    );
}

#[test]
fn a_unit_funded_only_by_the_government_fund_budget() {
    passes(
        "fund-only unit",
        &apply(&[
            (
                "units:\n  - code: \"901001\"\n    name: 测试局本级\n",
                "units:\n  - code: \"901001\"\n    name: 测试局本级\n  - code: \"901002\"\n    name: 测试基金中心\n",
            ),
            (
                "income:\n  - current:\n      general: 110.5\n",
                "income:\n  - unit: \"901001\"\n    current:\n      general: 110.5\n  - unit: \"901002\"\n    current:\n      fund: 35\n",
            ),
            ("expenditure:\n  - code: \"2014001\"", "expenditure:\n  - unit: \"901002\"\n    code: \"2120803\"\n    name: 城市建设支出\n    funding: fund\n    project: 35\n  - unit: \"901001\"\n    code: \"2014001\""),
            ("  - code: \"2014002\"\n", "  - unit: \"901001\"\n    code: \"2014002\"\n"),
            ("basic_economic:\n  - code: \"30101\"", "basic_economic:\n  - unit: \"901001\"\n    code: \"30101\""),
            ("  - code: \"30201\"", "  - unit: \"901001\"\n    code: \"30201\""),
            (
                "  - name: 测试项目\n    category: 本级支出项目\n",
                "  - name: 基金项目\n    unit: \"901002\"\n    category: 本级支出项目\n    function_code: \"2120803\"\n    amounts:\n      fund: 35\n    purpose: 基金安排的建设\n  - name: 测试项目\n    unit: \"901001\"\n    category: 本级支出项目\n",
            ),
            ("  total: 100\n", "  total: 135\n"),
            // The catalogue has no description for this 项; the glossary prints it (COD-007).
            (
                "approval_date: \"2025-01-20\"",
                "approval_date: \"2025-01-20\"\ncodes:\n  - { code: \"2120803\", name: 城市建设支出, description: 反映国有土地使用权出让收入安排用于完善城市道路、桥涵、公共绿地、公共厕所、环境卫生设施等城市公共基础设施建设的支出。 }",
            ),
        ]),
    );
}

#[test]
fn last_year_was_zero() {
    passes(
        "previous year zero",
        &apply(&[
            (
                "  total: 100\n  general_public: 100\n",
                "  total: 0\n  general_public: 0\n",
            ),
            ("  previous: 10.25\n", "  previous: 0\n"),
            (
                "  includes: 办公费\n",
                "  includes: 办公费\n  reason: 新设机构\n",
            ),
        ]),
    );
}

#[test]
fn an_item_falls_by_a_hundred_percent() {
    passes(
        "100% decrease",
        &apply(&[
            (
                "reception: { current: 0, previous: 0 }",
                "reception: { current: 0, previous: 2, reason: 不再安排接待费 }",
            ),
            (
                "narrative:",
                "stated:\n  changes:\n    - { subject: reception, amount: -2, percent: -100 }\nnarrative:",
            ),
        ]),
    );
}

#[test]
fn amounts_to_the_yuan_with_correctly_rounded_printed_totals() {
    passes(
        "amounts in yuan",
        &apply(&[
            ("year: 2025", "year: 2025\ndisplay:\n  input_decimals: 4"),
            ("general: 110.5", "general: 110.5026"),
            ("    personnel: 80.25\n    public: 10.25\n", "    personnel: 80.2513\n    public: 10.2513\n"),
            ("    name: 基本工资\n    personnel: 80.25", "    name: 基本工资\n    personnel: 80.2513"),
            ("    name: 办公费\n    public: 10.25", "    name: 办公费\n    public: 10.2513"),
            (
                "narrative:",
                "stated:\n  income_total: 110.50\n  expenditure_total: 110.50\n  basic: 90.50\n  project: 20\n  function_totals: [{ code: \"201\", amount: 110.50 }]\n  economic_totals: [{ code: \"301\", amount: 80.25 }, { code: \"302\", amount: 10.25 }]\n  changes:\n    - { subject: total, amount: 10.50, percent: 10.5 }\nnarrative:",
            ),
        ]),
    );
}

#[test]
fn a_report_transcribed_in_whole_wan_yuan_whose_totals_add_up() {
    passes(
        "transcribed",
        &apply(&[
            ("year: 2025", "year: 2025\ndisplay:\n  decimals: 0\n  transcribed_decimals: 0"),
            ("general: 110.5", "general: 110"),
            ("    personnel: 80.25\n    public: 10.25\n", "    personnel: 80\n    public: 10\n"),
            ("    name: 基本工资\n    personnel: 80.25", "    name: 基本工资\n    personnel: 80"),
            ("    name: 办公费\n    public: 10.25", "    name: 办公费\n    public: 10"),
            ("  current: 10.25\n  previous: 10.25\n", "  current: 10\n  previous: 10\n"),
            (
                "narrative:",
                "stated:\n  expenditure_total: 110\n  changes:\n    - { subject: total, amount: 10, percent: 10 }\nnarrative:",
            ),
        ]),
    );
}

#[test]
fn sangong_all_zero_is_the_minimal_input() {
    passes("三公 all zero", MINIMAL);
}
