//! 部门预算: the department budget, the default kind.

use super::{Kind, Summary};
use crate::error::Diagnostic;
use crate::load::schema::Budget;
use crate::load::Loaded;
use crate::model::{self, Meta};
use crate::validate::{self, Validated};

impl Kind for Budget {
    const NAME: &'static str = "budget";
    const LABEL: &'static str = "部门预算";
    const DEFAULT_LAYOUT: &'static str = "standard";
    const SKELETON: &'static str = include_str!("../../skeletons/budget.yaml");
    const SAMPLES: &'static [(&'static str, &'static str)] = &[
        (
            "example-2025.yaml",
            include_str!("../../inputs/example-2025.yaml"),
        ),
        (
            "jianghan-2024.yaml",
            include_str!("../../inputs/jianghan-2024.yaml"),
        ),
    ];
    type Report = model::Report;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool, layout: &str) -> model::Report {
        model::derive(v, draft, layout)
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
