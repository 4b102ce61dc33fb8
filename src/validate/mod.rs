//! Validate: the budget's business rules. Every rule returns all its findings at once as
//! [`Diagnostic`]s located at YAML nodes; success wraps the budget in [`Validated`].
//!
//! Validators never format figures for display beyond naming them in messages, do no I/O,
//! and never change the input. The rule catalogue (`rules.rs`) lists every rule with its
//! stable ID; to add one, add a [`Rule`] there and a check function here or in a sibling
//! file, plus a triggering and a passing fixture under `tests/`.

mod checks;
pub mod rules;

use crate::error::{Diagnostic, Severity};
use crate::load::schema::Budget;
use crate::load::Loaded;

pub use rules::{Rule, RULES};

/// A budget that passed validation without errors (warnings may remain).
#[derive(Debug, Clone)]
pub struct Validated {
    loaded: Loaded,
    warnings: Vec<Diagnostic>,
}

impl Validated {
    /// The budget.
    pub fn budget(&self) -> &Budget {
        &self.loaded.budget
    }

    /// The loaded file (budget plus source map).
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// Warnings found on the way (and errors, for drafts).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// Runs every rule; returns all findings sorted by position.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    checks::run(loaded, &mut out);
    out.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    out.dedup();
    out
}

/// Runs every rule; `Ok` when no error was found, or always when `draft` is set (errors
/// then travel with the warnings, for a draft marked as such).
pub fn validate(loaded: Loaded, draft: bool) -> Result<Validated, Vec<Diagnostic>> {
    let diags = check(&loaded);
    if !draft && diags.iter().any(|d| d.severity == Severity::Error) {
        Err(diags)
    } else {
        Ok(Validated {
            loaded,
            warnings: diags,
        })
    }
}

#[cfg(test)]
mod tests;
