//! Property tests: random valid budgets (from `gongkai::synth`, random sizes and seeds)
//! never panic, validate clean, add up in every hierarchy table, and carry the same figures
//! in Markdown and HTML.

use std::collections::BTreeSet;

use gongkai::synth::{budget_yaml, Spec};
use gongkai::{Format, Options};
use proptest::prelude::*;

/// Two-decimal figures (`1234.56`) in the Markdown table rows.
fn table_figures(md: &str) -> BTreeSet<String> {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .flat_map(|l| l.split('|'))
        .map(|c| c.trim().trim_matches('*'))
        .filter(|c| {
            c.split_once('.').is_some_and(|(a, b)| {
                !a.is_empty()
                    && a.bytes().all(|x| x.is_ascii_digit())
                    && b.len() == 2
                    && b.bytes().all(|x| x.is_ascii_digit())
            })
        })
        .map(str::to_owned)
        .collect()
}

fn spec() -> impl Strategy<Value = Spec> {
    (any::<u64>(), 1usize..5, 0usize..25, 0usize..12, 0usize..4).prop_map(
        |(seed, units, projects, lines, forms)| Spec {
            seed,
            units,
            projects,
            procurement_lines: if projects == 0 { 0 } else { lines },
            forms: forms.min(projects),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn random_budgets_validate_render_and_agree(spec in spec()) {
        let text = budget_yaml(&spec);
        let loaded = gongkai::Input::from_str("synth.yaml", &text).expect("synthetic input loads");
        let diags = gongkai::check(&loaded, &Options::default()).expect("layout");
        prop_assert!(diags.is_empty(), "{:?}", diags);
        let art = gongkai::build(loaded, &Options { formats: vec![Format::Markdown, Format::Html], ..Options::default() })
            .expect("builds");
        let md = String::from_utf8(art.outputs[0].1.clone()).expect("utf-8");
        let html = String::from_utf8(art.outputs[1].1.clone()).expect("utf-8");
        let figures = table_figures(&md);
        prop_assert!(!figures.is_empty());
        for f in &figures {
            prop_assert!(html.contains(&format!(">{f}<")), "{} is in the Markdown tables but not in the HTML", f);
        }
    }

    #[test]
    fn derived_tables_add_up(spec in spec()) {
        let loaded = <gongkai::load::schema::Budget as gongkai::Kind>::parse("synth.yaml", &budget_yaml(&spec)).expect("loads");
        let v = gongkai::kind::validated(loaded, &gongkai::validate::Options::default(), false).expect("valid");
        let r = gongkai::model::derive(&v, false, "standard");
        // Income total = expenditure total, in table 1.
        let t1 = serde_json::to_value(&r.tables["summary"]).expect("json");
        let rows = t1["rows"].as_array().expect("rows");
        let last = &rows[rows.len() - 1]["cells"];
        prop_assert_eq!(&last["in_amount"], &last["out_amount"]);
        // 合计 of table 3 = Σ 类 rows.
        let t3 = serde_json::to_value(&r.tables["expenditure"]).expect("json");
        let rows = t3["rows"].as_array().expect("rows");
        let dec = |v: &serde_json::Value| v.as_str().map(|s| s.parse::<rust_decimal::Decimal>().expect("decimal")).unwrap_or_default();
        let total = dec(&rows[0]["cells"]["total"]);
        let classes: rust_decimal::Decimal = rows.iter().filter(|r| r["kind"] == "group1").map(|r| dec(&r["cells"]["total"])).sum();
        prop_assert_eq!(total, classes);
        prop_assert_eq!(total, r.budget.total.current.get());
        // The detailed-source tables (Shenzhen 2, 5): appropriations split by allocation
        // add up, and the department rows are the report's income and project figures.
        for (key, whole) in [("income_split", r.budget.income.current), ("project_split", r.budget.project)] {
            let t = serde_json::to_value(&r.tables[key]).expect("json");
            let rows = t["rows"].as_array().expect("rows");
            for row in rows {
                let c = &row["cells"];
                prop_assert_eq!(
                    dec(&c["general"]),
                    dec(&c["general_regular"]) + dec(&c["general_special"]) + dec(&c["general_investment"])
                );
            }
            prop_assert_eq!(dec(&rows[0]["cells"]["total"]), whole.get());
        }
    }
}
