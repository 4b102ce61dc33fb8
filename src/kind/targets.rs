//! 绩效目标表: a department's performance target forms (整体绩效目标表 and one form per
//! spending direction of its special funds).

use super::{Kind, Summary};
use crate::error::Diagnostic;
use crate::load::schema::targets::PerformanceTargets;
use crate::load::Loaded;
use crate::model::targets::TargetsReport;
use crate::model::{self, Meta};
use crate::validate::{self, Validated};

impl Kind for PerformanceTargets {
    const NAME: &'static str = "performance-targets";
    const LABEL: &'static str = "绩效目标表";
    const DEFAULT_LAYOUT: &'static str = "performance-targets";
    const SKELETON: &'static str = include_str!("../../skeletons/performance-targets.yaml");
    const SAMPLES: &'static [(&'static str, &'static str)] = &[(
        "shifeng-2021.yaml",
        include_str!("../../inputs/shifeng-2021.yaml"),
    )];
    type Report = TargetsReport;

    fn layout(&self) -> Option<&str> {
        self.layout.as_deref()
    }

    fn check(loaded: &Loaded<Self>, opts: &validate::Options) -> Vec<Diagnostic> {
        validate::targets::check(loaded, opts)
    }

    fn derive(v: &Validated<Self>, draft: bool, layout: &str) -> TargetsReport {
        model::targets::derive(v, draft, layout)
    }

    fn meta(report: &TargetsReport) -> &Meta {
        &report.meta
    }

    fn summary(report: &TargetsReport) -> Summary {
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
