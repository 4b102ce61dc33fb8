//! 绩效自评表: a department's performance self-evaluation of last year's projects.

use super::{Kind, Summary};
use crate::error::Diagnostic;
use crate::load::schema::selfeval::SelfEvaluation;
use crate::load::Loaded;
use crate::model::selfeval::SelfEvalReport;
use crate::model::{self, Meta};
use crate::validate::{self, Validated};

impl Kind for SelfEvaluation {
    const NAME: &'static str = "self-evaluation";
    const LABEL: &'static str = "绩效自评表";
    const DEFAULT_LAYOUT: &'static str = "self-evaluation";
    const SKELETON: &'static str = include_str!("../../skeletons/self-evaluation.yaml");
    const SAMPLES: &'static [(&'static str, &'static str)] = &[(
        "longgang-2021-selfeval.yaml",
        include_str!("../../inputs/longgang-2021-selfeval.yaml"),
    )];
    type Report = SelfEvalReport;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::selfeval::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool, layout: &str) -> SelfEvalReport {
        model::selfeval::derive(v, draft, layout)
    }

    fn meta(report: &SelfEvalReport) -> &Meta {
        &report.meta
    }

    /// Headline figures: the budget the evaluation covers.
    fn summary(r: &SelfEvalReport) -> Summary {
        Summary {
            department: r.meta.department.clone(),
            year: r.meta.year,
            document: r.meta.document.clone(),
            total: r.totals.budget.total,
            sangong: None,
            decimals: r.meta.decimals,
        }
    }
}
