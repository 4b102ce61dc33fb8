//! The Jianghan example reproduces its published reference: every table row of
//! `$GONGKAI_REFERENCE/001_fce939101f1044cf.txt` that carries figures appears in the
//! generated Markdown with the same name and the same figures (compared as decimals, so
//! `52` and `52.00` agree), apart from the reference's own mistakes listed below.

mod common;

use std::str::FromStr;

use rust_decimal::Decimal;

/// Reference rows that are mistakes of the published document, not of our output.
const KNOWN_MISTAKES: &[(&str, &str)] = &[(
    "合计\t\t\t\t\t\t\t\t1.00",
    "table 12 sums the unit prices (0.50 + 0.50) into its total row",
)];

fn normalise(s: &str) -> String {
    s.replace(['(', '（'], "（")
        .replace([')', '）'], "）")
        .replace([':', '：'], "：")
        .replace(['*', '\\', ' ', '\u{3000}'], "")
        .replace("<b>", "")
        .replace("</b>", "")
}

fn decimals(cells: &[String]) -> Vec<Decimal> {
    cells
        .iter()
        .filter_map(|c| {
            let c = c.trim_end_matches('%');
            if c.chars().all(|ch| ch.is_ascii_digit() || ch == '.') && c.contains('.') {
                Decimal::from_str(c).ok().map(|d| d.normalize())
            } else {
                None
            }
        })
        .collect()
}

#[test]
fn every_figure_row_of_the_reference_is_reproduced() {
    let Some(text) = common::reference("001_fce939101f1044cf.txt") else {
        return;
    };
    let loaded =
        gongkai::Input::read(&common::root().join("inputs/jianghan-2024.yaml")).expect("loads");
    let art = gongkai::build(
        loaded,
        &gongkai::Options {
            formats: vec![gongkai::Format::Markdown],
            ..Default::default()
        },
    )
    .expect("builds");
    let md = String::from_utf8(art.outputs[0].1.clone()).expect("utf-8");
    let md_rows: Vec<Vec<String>> = md
        .lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| normalise(c.trim()))
                .collect()
        })
        .collect();
    let mut checked = 0;
    let mut missing = Vec::new();
    for line in text.lines().filter(|l| l.contains('\t')) {
        if KNOWN_MISTAKES
            .iter()
            .any(|(prefix, _)| line.trim_start().starts_with(prefix))
        {
            continue;
        }
        let cells: Vec<String> = line
            .split('\t')
            .map(normalise)
            .filter(|c| !c.is_empty())
            .collect();
        let figures = decimals(&cells);
        if figures.is_empty() {
            continue;
        }
        // The row's label: its first text cell, without the form's "项目N：" numbering.
        let label = cells
            .iter()
            .find(|c| {
                c.chars()
                    .any(|ch| !ch.is_ascii_digit() && ch != '.' && ch != '%')
            })
            .map(|c| match c.split_once('：') {
                Some((head, rest)) if head.starts_with("项目") => rest.to_owned(),
                _ => c.clone(),
            })
            .unwrap_or_default();
        checked += 1;
        let found = md_rows.iter().any(|r| {
            let rd = decimals(r);
            r.iter().any(|c| c.contains(&label)) && figures.iter().all(|f| rd.contains(f))
        });
        if !found {
            missing.push(format!("{label}: {figures:?}   ({line})"));
        }
    }
    assert!(checked > 100, "only {checked} reference rows found");
    assert!(
        missing.is_empty(),
        "rows not reproduced:\n{}",
        missing.join("\n")
    );
}
