//! Validate: the budget's business rules. Every rule returns all its findings at once as
//! [`Diagnostic`]s located at YAML nodes; success wraps the budget in [`Validated`].
//!
//! Rules are grouped by family, one file each: `structure` (STR), `amounts` (AMT),
//! `codes` (COD), `sums` (SUM, RND), `explain` (EXP), `sets` (SET), `performance` (PRF);
//! the rules of other document kinds live beside them (`selfeval`: EVL, 绩效自评表;
//! `targets`: TGT, 绩效目标表).
//! The catalogue in `rules.rs` lists every rule with its stable ID. To add one: a `Rule`
//! there, a check in the family's file, a case in `tests.rs`.
//!
//! Validators do no I/O, never change the input and never format report text; the
//! current date arrives in [`Options`] from the command line's edge.

mod amounts;
mod assets;
mod codes;
mod explain;
mod performance;
mod refs;
pub mod rules;
pub mod selfeval;
mod sets;
mod structure;
mod sums;
pub(crate) mod targets;
mod wording;

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Note, Severity};
use crate::load::schema::Budget;
use crate::load::Loaded;
use crate::num::Money;

pub use rules::{Rule, RULES};

/// Tolerances and thresholds of a layout (`checks:` in `layout.yaml`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Largest plausible single amount in the display unit (AMT-005).
    #[serde(default = "default_max_amount")]
    pub max_amount: Money,
    /// Days after approval within which the report must be published (EXP-006).
    #[serde(default = "default_publish_days")]
    pub publish_within_days: i64,
    /// The layout prints each procurement line's project, classification codes, funding
    /// and quantity × unit price, so they must be given (SET-006).
    #[serde(default = "default_true")]
    pub procurement_details: bool,
    /// The layout compares procurement with last year, so last year's figure and the
    /// reason for a change are asked for (EXP-005).
    #[serde(default = "default_true")]
    pub procurement_change: bool,
    /// A change above this percentage is not 持平 (EXP-011).
    #[serde(default = "default_flat_change")]
    pub flat_change_percent: Money,
    /// The layout's glossary (名词解释) prints every function classification 项 the
    /// budget uses with its official description, so each needs one (COD-007). When a
    /// layout does not say, `theme::load` sets it from whether its templates print the
    /// 项 glossary; unset (no layout at hand) counts as on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_descriptions: Option<bool>,
    /// Free narrative sections (`sections:` of the input) the layout prints and so
    /// requires, by name (STR-007 when one is missing or empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

impl Settings {
    /// Whether COD-007 applies: the layout prints each used 项 with its description.
    pub fn item_descriptions(&self) -> bool {
        self.item_descriptions.unwrap_or(true)
    }
}

fn default_flat_change() -> Money {
    Money(rust_decimal::Decimal::TEN)
}

fn default_true() -> bool {
    true
}

fn default_max_amount() -> Money {
    Money(rust_decimal::Decimal::from(1_000_000))
}

fn default_publish_days() -> i64 {
    20
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_amount: default_max_amount(),
            publish_within_days: default_publish_days(),
            procurement_details: true,
            procurement_change: true,
            flat_change_percent: default_flat_change(),
            item_descriptions: None,
            sections: Vec::new(),
        }
    }
}

/// What a validation run needs besides the input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The layout's thresholds.
    pub settings: Settings,
    /// Today's date (`YYYY-MM-DD`), for the publication deadline; `None` skips that check.
    pub today: Option<String>,
}

/// A document that passed validation without errors (warnings may remain). Only
/// validated documents reach `model`.
#[derive(Debug, Clone)]
pub struct Validated<T> {
    loaded: Loaded<T>,
    warnings: Vec<Diagnostic>,
}

impl Validated<Budget> {
    /// The budget.
    pub fn budget(&self) -> &Budget {
        &self.loaded.doc
    }
}

impl<T> Validated<T> {
    /// The validated document.
    pub fn doc(&self) -> &T {
        &self.loaded.doc
    }

    /// The loaded file (document plus source map).
    pub fn loaded(&self) -> &Loaded<T> {
        &self.loaded
    }

    /// Warnings found on the way (and errors, for drafts).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// A procurement or purchased-service line, as the rules that follow the money see it.
pub(crate) struct ChargedLine<'a> {
    /// 政府采购 or 政府购买服务.
    kind: &'static str,
    /// Its field path, e.g. `procurement.lines[2]`.
    field: String,
    /// The project it is charged to, when given.
    project: Option<&'a str>,
    /// Function classification 项 code, when given.
    function_code: Option<&'a str>,
    /// Economic classification 款 code, when given.
    economic_code: Option<&'a str>,
    /// Amount.
    amount: Money,
}

/// Every procurement line, then every purchased-service line.
fn charged_lines(b: &Budget) -> impl Iterator<Item = ChargedLine<'_>> {
    let procurement = b
        .procurement
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| ChargedLine {
            kind: "政府采购",
            field: format!("procurement.lines[{i}]"),
            project: l.project.as_deref(),
            function_code: l.function_code.as_deref(),
            economic_code: l.economic_code.as_deref(),
            amount: l.amount,
        });
    let services = b
        .purchased_services
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| ChargedLine {
            kind: "政府购买服务",
            field: format!("purchased_services.lines[{i}]"),
            project: Some(&l.project),
            function_code: Some(&l.function_code),
            economic_code: Some(&l.economic_code),
            amount: l.amount,
        });
    procurement.chain(services)
}

/// Collects diagnostics with each rule's catalogued severity.
pub(crate) struct Out<'a, T = Budget> {
    loaded: &'a Loaded<T>,
    opts: &'a Options,
    diags: Vec<Diagnostic>,
}

impl<'a, T> Out<'a, T> {
    fn new(loaded: &'a Loaded<T>, opts: &'a Options) -> Self {
        Out {
            loaded,
            opts,
            diags: Vec::new(),
        }
    }

    /// The document being checked.
    fn doc(&self) -> &'a T {
        &self.loaded.doc
    }

    /// All findings, sorted by position.
    fn finish(self) -> Vec<Diagnostic> {
        let mut diags = self.diags;
        diags.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
        diags.dedup();
        diags
    }

    /// Reports `rule` at `field`.
    fn push(&mut self, rule: &'static str, field: impl Into<String>, message: impl Into<String>) {
        self.emit(rule, field, message);
    }

    /// Reports `rule` at `field`; the returned diagnostic can take a hint and notes.
    fn emit(
        &mut self,
        rule: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        // Every ID the code reports is catalogued (`every_reported_rule_id_is_catalogued`
        // checks the source); a slip is caught in debug builds rather than made an error.
        debug_assert!(rules::find(rule).is_some(), "rule {rule} is not catalogued");
        let severity = rules::find(rule).map_or(Severity::Error, |r| r.severity);
        self.diags
            .push(self.loaded.diagnostic(rule, severity, field, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// A note pointing at `field`, located through the source map.
    fn note(&self, field: impl Into<String>, message: impl Into<String>) -> Note {
        let field = field.into();
        let pos = self.loaded.source.locate(&field).unwrap_or_default();
        Note {
            line: pos.line,
            column: pos.column,
            field,
            message: message.into(),
        }
    }

    fn push_hint(
        &mut self,
        rule: &'static str,
        field: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.emit(rule, field, message).hint = Some(hint.into());
    }
}

impl<'a> Out<'a, Budget> {
    fn budget(&self) -> &'a Budget {
        self.doc()
    }

    /// The unit of the print the figures were copied from (`display.transcribed_decimals`),
    /// or `None` when they are entered exactly.
    fn transcribed_unit(&self) -> Option<rust_decimal::Decimal> {
        self.budget()
            .display
            .transcribed_decimals
            .map(|dp| rust_decimal::Decimal::new(1, dp))
    }

    /// The unit code a line belongs to; `None` (reported) when it cannot be resolved.
    fn unit_ref(&mut self, unit: &'a Option<String>, field: &str) -> Option<&'a str> {
        let b = self.budget();
        match unit {
            Some(u) if b.units.iter().any(|x| &x.code == u) => Some(u.as_str()),
            Some(u) => {
                let known: Vec<&str> = b.units.iter().map(|x| x.code.as_str()).collect();
                self.push_hint(
                    "REF-001",
                    format!("{field}.unit"),
                    format!("预算单位“{u}”不存在"),
                    format!("已列示的单位编码：{}", known.join("、")),
                );
                None
            }
            None if b.units.len() == 1 => Some(b.units[0].code.as_str()),
            None if b.units.is_empty() => None,
            None => {
                self.push(
                    "REF-002",
                    field,
                    "有多个预算单位，此处必须写明 unit（单位编码）",
                );
                None
            }
        }
    }
}

/// Runs every rule of a department budget; returns all findings sorted by position.
pub fn check(loaded: &Loaded<Budget>, opts: &Options) -> Vec<Diagnostic> {
    let mut out = Out::new(loaded, opts);
    structure::check(&mut out);
    amounts::check(&mut out);
    assets::check(&mut out);
    codes::check(&mut out);
    sets::check(&mut out);
    refs::check(&mut out);
    // While amounts are still to be entered, what they add up to means nothing.
    if !amounts::pending(&mut out) {
        refs::project_codes(&mut out);
        sums::check(&mut out);
        explain::check(&mut out);
        wording::check(&mut out);
        performance::check(&mut out);
    }
    out.finish()
}

/// The gate into derivation: `Ok` when `diags` (every finding of the document's rules)
/// hold no error, or, when `draft` is set, no error of a rule in
/// [`rules::BLOCKS_DRAFT`] (the other errors then travel with the warnings, for a draft
/// marked as such).
pub fn gate<T>(
    loaded: Loaded<T>,
    diags: Vec<Diagnostic>,
    draft: bool,
) -> Result<Validated<T>, Vec<Diagnostic>> {
    let blocks = |d: &Diagnostic| {
        d.severity == Severity::Error && (!draft || rules::BLOCKS_DRAFT.contains(&d.rule))
    };
    if diags.iter().any(blocks) {
        Err(diags)
    } else {
        Ok(Validated {
            loaded,
            warnings: diags,
        })
    }
}

#[cfg(test)]
mod cases;
#[cfg(test)]
mod tests;
