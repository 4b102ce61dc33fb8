//! The performance forms (表14 部门整体绩效目标申报表, 表15 项目支出绩效目标申报表), read by
//! their labels rather than by columns.

use std::collections::BTreeMap;

use super::tables::Tables;
use super::Findings;
use crate::num::Money;

/// What the forms say.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// The department form.
    pub(crate) department: Option<DepartmentForm>,
    /// Project forms by project name.
    pub(crate) projects: BTreeMap<String, ProjectForm>,
    /// Region, from a form's title.
    pub(crate) region: Option<String>,
}

/// The department form (表14).
#[derive(Debug, Default)]
pub(crate) struct DepartmentForm {
    /// 部门（单位）名称.
    pub(crate) name: String,
    /// `department_performance:` body as YAML lines (indented two spaces).
    pub(crate) yaml: String,
    /// This year's 人员类 expenditure (all funding).
    pub(crate) personnel: Option<Money>,
    /// This year's 财政专户管理资金 income.
    pub(crate) special_account: Option<Money>,
    /// Last year's income total.
    pub(crate) last_total: Option<Money>,
    /// Project rows: name → (kind, total budget, purpose).
    pub(crate) projects: BTreeMap<String, (String, Option<Money>, String)>,
}

/// A project form (表15).
#[derive(Debug, Default)]
pub(crate) struct ProjectForm {
    /// Project code on the form.
    pub(crate) code: String,
    /// 项目总预算, when given.
    pub(crate) total_budget: Option<Money>,
    /// `performance:` body as YAML lines.
    pub(crate) yaml: String,
}

/// Reads the forms.
pub(crate) fn read(_t: &Tables<'_>, _f: &mut Findings) -> Forms {
    Forms::default()
}
