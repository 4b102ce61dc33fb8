//! Document kinds: what one input file is. A department budget (部门预算) is the main kind;
//! performance target forms and performance self-evaluations are documents of their own
//! with their own input shape, rules and report, sharing everything after the report
//! model: the block markup, the Markdown/HTML writers, the PDF layout and the output.
//!
//! A kind ties one stage function per pipeline module together:
//!
//! ```text
//! load::schema   its root input type            (YAML `kind:` selects it, load::Input)
//! validate       Kind::check  → diagnostics
//! model          Kind::derive → its report (Serialize; the templates' context)
//! templates      a layout whose layout.yaml says `kind: <name>`
//! ```
//!
//! To add a kind: the root type in `load/schema/`, a variant of [`load::Input`] and of
//! [`load::KINDS`], a rule file in `validate/`, a report file in `model/`, a built-in
//! layout in `templates/`, and an `impl Kind` here.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::Diagnostic;
use crate::load::schema::selfeval::SelfEvaluation;
use crate::load::{self, Loaded};
use crate::model::{self, Meta};
use crate::num::Money;
use crate::validate::{self, Validated};

/// One kind of input document.
pub trait Kind: Sized + DeserializeOwned {
    /// Its `kind:` value in YAML (and in a layout's `layout.yaml`).
    const NAME: &'static str;
    /// The built-in layout used when the input names none.
    const DEFAULT_LAYOUT: &'static str;
    /// The derived report: every figure and table, the templates' context.
    type Report: Serialize;

    /// The layout the input names, if any.
    fn layout(&self) -> Option<&str>;
    /// Every rule of this kind; all findings sorted by position.
    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic>;
    /// The report of a validated document.
    fn derive(v: &Validated<Self>, draft: bool) -> Self::Report;

    /// Title data and display settings of a report.
    fn meta(report: &Self::Report) -> &Meta;
    /// Headline figures of a report, for a portal index.
    fn summary(report: &Self::Report) -> Summary;
}

/// Headline figures of one report.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Department name (as in the title).
    pub department: String,
    /// Budget year.
    pub year: i32,
    /// What the document is (部门预算, 绩效目标表 …).
    pub document: String,
    /// Its headline amount: 收支总预算 of a budget, the funds a form or evaluation covers.
    pub total: Money,
    /// "三公" total, for budgets.
    pub sangong: Option<Money>,
    /// Decimals the document prints its amounts with.
    pub decimals: u32,
}

impl Kind for load::schema::Budget {
    const NAME: &'static str = "budget";
    const DEFAULT_LAYOUT: &'static str = "standard";
    type Report = model::Report;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool) -> model::Report {
        model::derive(v, draft)
    }

    fn meta(report: &model::Report) -> &Meta {
        &report.meta
    }

    fn summary(report: &model::Report) -> Summary {
        Summary {
            department: report.meta.department.clone(),
            year: report.meta.year,
            document: report.meta.document.clone(),
            total: report.budget.total.current,
            sangong: Some(report.sangong.total.current),
            decimals: report.meta.decimals,
        }
    }
}

impl Kind for SelfEvaluation {
    const NAME: &'static str = "self-evaluation";
    const DEFAULT_LAYOUT: &'static str = "self-evaluation";
    type Report = model::selfeval::SelfEvalReport;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::selfeval::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool) -> Self::Report {
        model::selfeval::derive(v, draft)
    }

    fn meta(report: &Self::Report) -> &Meta {
        &report.meta
    }

    fn summary(report: &Self::Report) -> Summary {
        model::selfeval::summary(report)
    }
}

impl Kind for load::schema::targets::PerformanceTargets {
    const NAME: &'static str = "performance-targets";
    const DEFAULT_LAYOUT: &'static str = "performance-targets";
    type Report = model::targets::TargetsReport;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::targets::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool) -> Self::Report {
        model::targets::derive(v, draft)
    }

    fn meta(report: &Self::Report) -> &Meta {
        &report.meta
    }

    fn summary(report: &Self::Report) -> Summary {
        Summary {
            department: report.meta.department.clone(),
            year: report.meta.year,
            document: report.meta.document.clone(),
            total: report.department_form.total,
            sangong: None,
            decimals: report.meta.decimals,
        }
    }
}

impl load::Input {
    /// The layout the input names, or its kind's default.
    pub fn layout(&self) -> &str {
        match self {
            load::Input::Budget(l) => l
                .doc
                .layout()
                .unwrap_or(load::schema::Budget::DEFAULT_LAYOUT),
            load::Input::SelfEvaluation(l) => {
                l.doc.layout().unwrap_or(SelfEvaluation::DEFAULT_LAYOUT)
            }
            load::Input::Targets(l) => l
                .doc
                .layout()
                .unwrap_or(load::schema::targets::PerformanceTargets::DEFAULT_LAYOUT),
        }
    }
}
