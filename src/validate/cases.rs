//! The harness every rule family's tests share: a case is a few text changes to a valid
//! fixture, the rule it must trigger, and the field and line it must report.

use crate::error::Diagnostic;
use crate::validate::rules::{self, RULES};

/// `base` with each `(from, to)` applied once; each `from` must occur exactly once.
pub(crate) fn apply<A: AsRef<str>, B: AsRef<str>>(base: &str, changes: &[(A, B)]) -> String {
    let mut text = base.to_owned();
    for (from, to) in changes {
        let (from, to) = (from.as_ref(), to.as_ref());
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

/// A case: the rule, the text changes, the field (empty: any) and line (0: any) expected.
pub(crate) type Case<A, B> = (&'static str, Vec<(A, B)>, &'static str, usize);

/// How strictly a family's cases are held.
pub(crate) struct Strictness {
    /// A case may trigger other rules too (the budget's fixture is large and its rules
    /// overlap); otherwise it must trigger its rule alone.
    pub others_allowed: bool,
}

/// Checks that every case triggers its rule at its field (empty: any) and line (0: any),
/// with the catalogued severity. `diagnostics` runs loading and the rules on a text.
pub(crate) fn check_cases<A: AsRef<str>, B: AsRef<str>>(
    base: &str,
    cases: &[Case<A, B>],
    diagnostics: impl Fn(&str) -> Vec<Diagnostic>,
    strictness: &Strictness,
) {
    let mut failures = Vec::new();
    for (rule, changes, field, line) in cases {
        let diags = diagnostics(&apply(base, changes));
        let same_rule = || diags.iter().filter(|d| d.rule == *rule);
        let Some(d) = same_rule()
            .find(|d| d.field == *field)
            .or_else(|| same_rule().next())
        else {
            failures.push(format!(
                "{rule} not reported; got {:?}",
                diags
                    .iter()
                    .map(|d| (d.rule, &d.field, &d.message))
                    .collect::<Vec<_>>()
            ));
            continue;
        };
        if !field.is_empty() && d.field != *field {
            failures.push(format!("{rule}: field {} (expected {field})", d.field));
        }
        if *line > 0 && d.line != *line {
            failures.push(format!(
                "{rule}: line {} (expected {line}): {}",
                d.line, d.message
            ));
        }
        let catalogued = rules::find(rule).expect("catalogued");
        if d.severity != catalogued.severity {
            failures.push(format!("{rule}: severity {:?}", d.severity));
        }
        if !strictness.others_allowed {
            let others: Vec<&str> = diags.iter().map(|d| d.rule).filter(|r| r != rule).collect();
            if !others.is_empty() {
                failures.push(format!("{rule}: also reported {others:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Rules whose triggering cases live with the stage that finds them: the output
/// invariant after derivation (`model/tests.rs`), missing glyphs in the PDF (`tests/pdf.rs`).
pub(crate) const CHECKED_ELSEWHERE: &[&str] = &["PDF-001", "RND-003", "RND-005"];

/// Every catalogued rule whose ID starts with one of `families` has a case.
pub(crate) fn every_rule_has_a_case<A, B>(families: &[&str], cases: &[Case<A, B>]) {
    for r in RULES.iter().filter(|r| {
        families.iter().any(|f| r.id.starts_with(f)) && !CHECKED_ELSEWHERE.contains(&r.id)
    }) {
        assert!(
            cases.iter().any(|c| c.0 == r.id),
            "{} has no triggering case",
            r.id
        );
    }
}
