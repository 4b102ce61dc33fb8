use super::tables::{Cell, Dataset, RowKind};
use super::*;
use crate::load;
use crate::num::Direction;

/// The report of a valid input, checked with its layout's settings.
fn report(text: &str) -> Report {
    let loaded = load::parse::<load::schema::Budget>("t.yaml", text).expect("loads");
    let layout = loaded
        .doc
        .layout
        .clone()
        .unwrap_or_else(|| "standard".into());
    let layout = layout.as_str();
    let opts = crate::validate::Options {
        settings: crate::theme::load(layout, &[]).expect("layout").info.checks,
        today: None,
    };
    let diags = crate::validate::check(&loaded, &opts);
    let v = crate::validate::gate(loaded, diags, false).expect("valid");
    derive(&v, false, layout)
}

fn jianghan() -> Report {
    report(include_str!("../../inputs/jianghan-2024.yaml"))
}

fn m(s: &str) -> Money {
    Money(s.parse().expect("decimal"))
}

fn money(ds: &Dataset, row: usize, key: &str) -> Money {
    match ds.rows[row].cells.get(key) {
        Some(Cell::Money(v)) => *v,
        None => Money::ZERO,
        other => panic!("{key} is not money: {other:?}"),
    }
}

#[test]
fn jianghan_narrative_figures() {
    let r = jianghan();
    let b = &r.budget;
    assert_eq!(b.total.current, m("825.16"));
    assert_eq!(
        (b.total.direction, b.total.amount),
        (Direction::Up, m("28.64"))
    );
    assert_eq!(
        crate::num::format_percent(b.total.percent.expect("base"), 1),
        "3.6"
    );
    assert_eq!((b.basic, b.project), (m("482.97"), m("342.19")));
    assert_eq!(
        (b.general_personnel, b.general_public),
        (m("438.22"), m("44.75"))
    );
    let shares: Vec<String> = b
        .expenditure_kinds
        .iter()
        .map(|k| crate::num::format_percent(k.share.expect("share"), 1))
        .collect();
    assert_eq!(shares, ["58.5", "41.5"]);
    let classes: Vec<(&str, Money)> = b
        .general_classes
        .iter()
        .map(|c| (c.key.as_str(), c.amount))
        .collect();
    assert_eq!(
        classes,
        [
            ("201", m("676.94")),
            ("208", m("46.79")),
            ("210", m("37.09")),
            ("221", m("64.34"))
        ]
    );
    assert_eq!(r.other.admin_costs.amount, m("7.25"));
    assert_eq!(
        r.other.procurement_change.expect("previous given").amount,
        m("9")
    );
    assert_eq!(r.sangong.total.direction, Direction::Flat);
    assert_eq!(r.glossary_items.len(), 10);
}

#[test]
fn summary_table_lists_the_25_categories_numbered() {
    let r = jianghan();
    let t = &r.tables["summary"];
    let outs: Vec<(u32, String)> = t
        .rows
        .iter()
        .filter_map(
            |row| match (row.cells.get("out_number"), row.cells.get("out_name")) {
                (Some(Cell::Count(n)), Some(Cell::Text(s))) if *n > 0 => Some((*n, s.clone())),
                _ => None,
            },
        )
        .collect();
    assert_eq!(outs[0], (1, "一般公共服务支出".to_owned()));
    assert_eq!(outs[20], (21, "其他支出".to_owned()));
    assert_eq!(outs[24], (25, "国防支出".to_owned()));
    assert_eq!(outs.len(), 25);
    let keys = |side: &str| -> Vec<String> {
        t.rows[t.rows.len() - 3..]
            .iter()
            .filter_map(|row| match row.cells.get(side) {
                Some(Cell::Text(k)) => Some(k.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(keys("in_key"), ["current_total", "carryover", "total"]);
    assert_eq!(keys("out_key"), ["current_total", "carryover", "total"]);
    let last = t.rows.len() - 1;
    assert_eq!(money(t, last, "in_amount"), money(t, last, "out_amount"));
}

#[test]
fn the_split_summaries_pair_the_detailed_income_with_the_classes() {
    let r = jianghan();
    for (key, left) in [("summary_split", 13), ("fiscal_summary_split", 8)] {
        let t = &r.tables[key];
        let lefts = t
            .rows
            .iter()
            .filter(|r| r.cells.contains_key("in_key"))
            .count();
        assert_eq!(lefts, left, "{key}");
        let numbered: Vec<u32> = t
            .rows
            .iter()
            .filter_map(|row| match row.cells.get("out_number") {
                Some(Cell::Count(n)) if *n > 0 => Some(*n),
                _ => None,
            })
            .collect();
        assert!(!numbered.is_empty(), "{key}");
        assert_eq!(
            numbered,
            (1..=numbered.len() as u32).collect::<Vec<_>>(),
            "{key}"
        );
    }
}

/// 合计 = Σ类, 类 = Σ款 = Σ项 for every column of every hierarchy table.
fn assert_hierarchy_adds_up(ds: &Dataset, columns: &[&str]) {
    let rows = &ds.rows;
    for col in columns {
        let total: Money = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Total)
            .map(|(i, _)| money(ds, i, col))
            .sum();
        let groups: Money = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Group1)
            .map(|(i, _)| money(ds, i, col))
            .sum();
        let items: Money = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind == RowKind::Item)
            .map(|(i, _)| money(ds, i, col))
            .sum();
        assert_eq!(total, groups, "{col}: 合计 ≠ Σ类");
        assert_eq!(total, items, "{col}: 合计 ≠ Σ项");
        // Each 类 equals the 项 below it.
        let mut i = 0;
        while i < rows.len() {
            if rows[i].kind == RowKind::Group1 {
                let end = (i + 1..rows.len())
                    .find(|&j| rows[j].kind == RowKind::Group1)
                    .unwrap_or(rows.len());
                let sum: Money = (i + 1..end)
                    .filter(|&j| rows[j].kind == RowKind::Item)
                    .map(|j| money(ds, j, col))
                    .sum();
                assert_eq!(money(ds, i, col), sum, "{col}: row {i}");
                i = end;
            } else {
                i += 1;
            }
        }
    }
}

#[test]
fn hierarchy_tables_add_up() {
    for text in [
        include_str!("../../inputs/jianghan-2024.yaml"),
        include_str!("../../inputs/example-2025.yaml"),
    ] {
        let r = report(text);
        let cols = ["total", "basic", "personnel", "public", "project"];
        for key in ["expenditure", "general_function", "fund", "state_capital"] {
            assert_hierarchy_adds_up(&r.tables[key], &cols);
        }
        assert_hierarchy_adds_up(
            &r.tables["general_economic"],
            &["total", "personnel", "public"],
        );
        // Basic expenditure agrees between the function and economic classifications.
        let f = &r.tables["general_function"];
        let e = &r.tables["general_economic"];
        assert_eq!(money(f, 0, "basic"), money(e, 0, "total"));
    }
}

#[test]
fn example_exercises_what_jianghan_leaves_empty() {
    let r = report(include_str!("../../inputs/example-2025.yaml"));
    assert!(!r.tables["fund"].is_empty());
    assert!(!r.tables["sangong"].is_empty());
    assert!(!r.tables["procurement"].is_empty());
    assert_eq!(r.overview.units.len(), 2);
    assert_ne!(r.sangong.total.direction, Direction::Flat);
    assert!(r.budget.carryover > Money::ZERO);
    // Table 6 lists the department and each unit, and the units add up to it.
    let t = &r.tables["general_unit"];
    assert_eq!(t.rows.len(), 4);
    assert_eq!(
        money(t, 1, "total"),
        money(t, 2, "total") + money(t, 3, "total")
    );
}

#[test]
fn indicator_merges_span_consecutive_equal_levels() {
    let r = jianghan();
    let form = r.department_form.expect("form");
    let rows = &form.long_term_goals[0].indicators;
    let spans: Vec<(usize, usize)> = rows
        .iter()
        .map(|i| (i.level1_span, i.level2_span))
        .collect();
    assert_eq!(spans[0].0, 6, "产出指标 spans its six rows");
    assert_eq!(spans[0].1, 2, "数量指标 spans two rows");
    assert_eq!(spans[1], (0, 0));
    let total: usize = spans.iter().map(|s| s.0).sum();
    assert_eq!(total, rows.len());
    assert_eq!(
        form.expenditure.last().map(|r| r.current),
        Some(m("825.16"))
    );
}

#[test]
fn rounding_adjustment_makes_printed_tables_and_narrative_agree() {
    let text = include_str!("../../tests/fixtures/minimal.yaml")
        .replace("year: 2025", "year: 2025\ndisplay:\n  input_decimals: 3\n  adjust_rounding: true")
        .replace(
            "    project: 20\nbasic_economic:",
            "    project: 20\n  - code: \"2080501\"\n    name: 行政单位离退休\n    personnel: 1.005\n  - code: \"2080505\"\n    name: 机关事业单位基本养老保险缴费支出\n    personnel: 1.005\nbasic_economic:",
        )
        .replace("general: 110.5", "general: 112.51")
        .replace(
            "  - code: \"30201\"",
            "  - code: \"30302\"\n    name: 退休费\n    personnel: 1.005\n  - code: \"30108\"\n    name: 机关事业单位基本养老保险缴费\n    personnel: 1.005\n  - code: \"30201\"",
        );
    let r = report(&text);
    let t = &r.tables["general_function"];
    // 208 / 20805 / two 项: printed 2.01 = 1.01 + 1.00 after adjustment.
    let pos = |code: &str| {
        t.rows
            .iter()
            .position(|row| matches!(row.cells.get("code"), Some(Cell::Text(c)) if c == code))
            .expect("row")
    };
    assert_eq!(money(t, pos("20805"), "total"), m("2.01"));
    assert_eq!(
        money(t, pos("2080501"), "total") + money(t, pos("2080505"), "total"),
        m("2.01")
    );
    assert_hierarchy_adds_up(t, &["total", "personnel"]);
    let narrative = r
        .budget
        .general_classes
        .iter()
        .find(|c| c.key == "208")
        .expect("208");
    assert_eq!(narrative.amount, money(t, pos("208"), "total"));
}

/// The detailed-source datasets (Shenzhen tables 2, 4, 5) add up within each row and to
/// the figures of the rest of the report, for every example budget.
#[test]
fn detailed_source_splits_add_up() {
    let inputs = [
        include_str!("../../inputs/jianghan-2024.yaml"),
        include_str!("../../inputs/example-2025.yaml"),
        include_str!("../../inputs/zengdu-2023.yaml"),
        include_str!("../../inputs/longgang-2021.yaml"),
    ];
    for text in inputs {
        let r = report(text);
        for key in ["income_split", "basic_split", "project_split"] {
            let ds = &r.tables[key];
            for (i, _) in ds.rows.iter().enumerate() {
                let v = |k: &str| money(ds, i, k);
                let parts = |ks: &[&str]| ks.iter().map(|k| v(k)).sum::<Money>();
                assert_eq!(
                    v("general"),
                    parts(&["general_regular", "general_special", "general_investment"]),
                    "{key} row {i}"
                );
                assert_eq!(
                    v("fund"),
                    parts(&["fund_regular", "fund_investment"]),
                    "{key} row {i}"
                );
                assert_eq!(
                    v("total"),
                    v("current") + v("reserve") + v("carryover"),
                    "{key} row {i}"
                );
            }
        }
        let first = |key: &str, col: &str| {
            let ds = &r.tables[key];
            if ds.rows.is_empty() {
                Money::ZERO
            } else {
                money(ds, 0, col)
            }
        };
        // The department row of each split is the report's own figure.
        assert_eq!(first("income_split", "total"), r.budget.income.current);
        assert_eq!(first("basic_split", "total"), r.budget.economic_total);
        assert_eq!(first("unit_expenditure", "total"), r.budget.total.current);
        assert_eq!(first("unit_expenditure", "basic"), r.budget.basic);
        assert_eq!(first("unit_expenditure", "project"), r.budget.project);
        assert_eq!(first("general_units", "total"), r.budget.general.current);
        if text.contains("project_economic:") {
            assert_eq!(first("project_split", "total"), r.budget.project);
        }
    }
}

#[test]
fn longgang_splits_its_appropriation_and_describes_its_units() {
    let r = report(include_str!("../../inputs/longgang-2021.yaml"));
    let d = &r.detail;
    assert_eq!(
        (d.income["general_regular"], d.income["general_special"]),
        (m("1495"), m("500"))
    );
    assert_eq!(
        (d.staff.posts, d.staff.actual, d.staff.vehicles_total),
        (17, 15, 2)
    );
    assert_eq!(d.units.len(), 2);
    let change = &d.general_class_changes["201"];
    assert_eq!(
        (change.direction, change.amount),
        (Direction::Up, m("167.7"))
    );
    let targets = d.targets.as_ref().expect("table 14");
    assert_eq!(
        (targets.total, targets.general),
        (m("1995"), [m("1995"), m("0")])
    );
    // Table 13 merges the unit cell over its seven projects.
    let t13 = &r.tables["performance_projects"];
    assert_eq!(t13.rows.len(), 7);
    assert!(matches!(t13.rows[0].cells.get("unit_span"), Some(Cell::Text(s)) if s == "7"));
}

#[test]
fn precomputed_sums_add_up_to_the_income() {
    for text in [
        include_str!("../../inputs/jianghan-2024.yaml"),
        include_str!("../../inputs/example-2025.yaml"),
    ] {
        let b = report(text).budget;
        assert_eq!(b.fiscal_current + b.fiscal_carryover, b.fiscal_total);
        assert_eq!(b.fiscal_total + b.non_fiscal_income, b.income.current);
        let parts: Money = b.fiscal_income.iter().map(|p| p.amount).sum();
        assert_eq!(parts, b.fiscal_total);
    }
}
