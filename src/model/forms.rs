//! Performance forms: the whole-department form (table 14) and one form per project
//! (table 15), with merged indicator cells worked out here so every format agrees.

use serde::Serialize;

use super::Ctx;
use crate::load::schema::{Goal, Indicator, Project};
use crate::num::{percent, Money};

/// An indicator row of any form, with how many rows its 一级/二级 cells span (0 = merged
/// into the row above); `E` is what the form adds to the common columns (a project's
/// [`Assessment`], a target form's [`super::targets::Remark`]), serialised beside them.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct IndicatorRow<E = Assessment> {
    /// 一级指标.
    pub level1: String,
    /// Rows the 一级 cell spans; 0 when this row continues the one above.
    pub level1_span: usize,
    /// 二级指标.
    pub level2: String,
    /// Rows the 二级 cell spans; 0 when this row continues the one above.
    pub level2_span: usize,
    /// 三级指标.
    pub name: String,
    /// 指标值.
    pub value: String,
    /// The form's own columns.
    #[serde(flatten)]
    pub more: E,
}

/// The columns a project's performance form adds to an indicator.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Assessment {
    /// [前年, 上年] values, when given.
    pub history: Option<[String; 2]>,
    /// 指标分值权重.
    pub weight: Option<Money>,
    /// 指标值确定依据.
    pub basis: String,
}

/// The cells of one indicator before its spans are known.
pub(crate) struct Cells<'a, E> {
    /// (一级, 二级) as compared for merging.
    pub key: Levels<'a>,
    /// 一级, 二级, 三级 and 指标值 as printed.
    pub texts: [&'a str; 4],
    /// The form's own columns.
    pub more: E,
}

/// Indicator rows with their 一级/二级 spans (see [`level_spans`]).
pub(crate) fn with_spans<E>(cells: Vec<Cells<'_, E>>) -> Vec<IndicatorRow<E>> {
    let keys: Vec<Levels<'_>> = cells.iter().map(|c| c.key).collect();
    cells
        .into_iter()
        .zip(level_spans(&keys))
        .map(|(c, (level1_span, level2_span))| {
            let [level1, level2, name, value] = c.texts.map(str::to_owned);
            IndicatorRow {
                level1,
                level1_span,
                level2,
                level2_span,
                name,
                value,
                more: c.more,
            }
        })
        .collect()
}

/// A goal and its indicator rows.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GoalView {
    /// 1-based number of the goal.
    pub number: usize,
    /// Goal text.
    pub text: String,
    /// Indicator rows.
    pub indicators: Vec<IndicatorRow>,
    /// True when any indicator carries history values.
    pub has_history: bool,
    /// Sum of indicator weights, when any weight is given.
    pub weight_total: Option<Money>,
    /// The indicators grouped by consecutive equal 一级指标, for prose
    /// ("产出指标：…，指标设立依据是…").
    pub groups: Vec<IndicatorGroup>,
}

/// Consecutive indicators sharing one 一级指标.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct IndicatorGroup {
    /// 一级指标.
    pub level1: String,
    /// Its indicator rows, in order.
    pub indicators: Vec<IndicatorRow>,
    /// The distinct non-empty 指标值确定依据 of these indicators, in order of appearance.
    pub bases: Vec<String>,
}

fn indicator_groups(rows: &[IndicatorRow]) -> Vec<IndicatorGroup> {
    let mut out: Vec<IndicatorGroup> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(g) if r.level1_span == 0 && g.level1 == r.level1 => g.indicators.push(r.clone()),
            _ => out.push(IndicatorGroup {
                level1: r.level1.clone(),
                indicators: vec![r.clone()],
                bases: Vec::new(),
            }),
        }
        if let Some(g) = out.last_mut() {
            if !r.more.basis.is_empty() && !g.bases.contains(&r.more.basis) {
                g.bases.push(r.more.basis.clone());
            }
        }
    }
    out
}

/// An indicator's (一级, 二级).
pub(crate) type Levels<'a> = (&'a str, &'a str);

/// How many rows each row's 一级 and 二级 cells span, for rows given as (一级, 二级):
/// consecutive equal 一级 merge, and consecutive equal (一级, 二级) pairs merge; 0 means the
/// row continues the merged cell above.
pub(crate) fn level_spans(levels: &[Levels<'_>]) -> Vec<(usize, usize)> {
    let span = |i: usize, same: &dyn Fn(&Levels<'_>, &Levels<'_>) -> bool| -> usize {
        if i > 0 && same(&levels[i - 1], &levels[i]) {
            return 0;
        }
        1 + levels[i + 1..]
            .iter()
            .take_while(|n| same(&levels[i], n))
            .count()
    };
    let same1 = |a: &Levels<'_>, b: &Levels<'_>| a.0 == b.0;
    let same2 = |a: &Levels<'_>, b: &Levels<'_>| a == b;
    (0..levels.len())
        .map(|i| (span(i, &same1), span(i, &same2)))
        .collect()
}

pub(super) fn indicator_rows(ind: &[Indicator]) -> Vec<IndicatorRow> {
    with_spans(
        ind.iter()
            .map(|i| Cells {
                key: (i.level1.as_str(), i.level2.as_str()),
                texts: [&i.level1, &i.level2, &i.name, &i.value],
                more: Assessment {
                    history: i.history.clone(),
                    weight: i.weight,
                    basis: i.basis.clone(),
                },
            })
            .collect(),
    )
}

fn goals(gs: &[Goal]) -> Vec<GoalView> {
    gs.iter()
        .enumerate()
        .map(|(i, g)| {
            let indicators = indicator_rows(&g.indicators);
            GoalView {
                number: i + 1,
                text: g.text.clone(),
                groups: indicator_groups(&indicators),
                indicators,
                has_history: g.indicators.iter().any(|x| x.history.is_some()),
                weight_total: g
                    .indicators
                    .iter()
                    .any(|x| x.weight.is_some())
                    .then(|| g.indicators.iter().filter_map(|x| x.weight).sum()),
            }
        })
        .collect()
}

/// A row of the department form's fund composition.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FundRow {
    /// Row label key (`fiscal`, `special_account`, `unit_funds`, `total`, `personnel`, …).
    pub key: &'static str,
    /// This year's amount.
    pub current: Money,
    /// Share of this year's total in percent (unrounded).
    pub share: Option<rust_decimal::Decimal>,
    /// [two years ago, last year].
    pub history: [Money; 2],
}

/// A project line of the department form.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FormProject {
    /// 项目名称.
    pub name: String,
    /// 支出项目类别.
    pub kind: String,
    /// 项目总预算.
    pub total_budget: Money,
    /// 项目本年度预算.
    pub amount: Money,
    /// 项目主要支出方向和用途.
    pub purpose: String,
}

/// 部门整体绩效目标申报表 (table 14).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DepartmentForm {
    /// 部门（单位）名称.
    pub name: String,
    /// 填报人.
    pub filler: String,
    /// 联系电话.
    pub phone: String,
    /// The two history years [year − 2, year − 1].
    pub history_years: [i32; 2],
    /// 收入构成 rows, last the 合计.
    pub income: Vec<FundRow>,
    /// 支出构成 rows, last the 合计.
    pub expenditure: Vec<FundRow>,
    /// 部门职能概述.
    pub functions: Vec<String>,
    /// 年度工作任务.
    pub tasks: Vec<String>,
    /// 项目支出情况.
    pub projects: Vec<FormProject>,
    /// 长期目标.
    pub long_term_goals: Vec<GoalView>,
    /// 年度目标.
    pub annual_goals: Vec<GoalView>,
    /// 长期目标截止年份.
    pub long_term_until: Option<i32>,
}

fn fund_rows(parts: Vec<(&'static str, Money, [Money; 2])>) -> Vec<FundRow> {
    let total: Money = parts.iter().map(|p| p.1).sum();
    let h0: Money = parts.iter().map(|p| p.2[0]).sum();
    let h1: Money = parts.iter().map(|p| p.2[1]).sum();
    let mut rows: Vec<FundRow> = parts
        .into_iter()
        .map(|(key, current, history)| FundRow {
            key,
            current,
            share: if current.is_zero() {
                None
            } else {
                percent(current, total)
            },
            history,
        })
        .collect();
    rows.push(FundRow {
        key: "total",
        current: total,
        share: percent(total, total),
        history: [h0, h1],
    });
    rows
}

/// Builds table 14, when the input has the form.
pub(super) fn department(ctx: &Ctx<'_>) -> Option<DepartmentForm> {
    let f = ctx.budget.department_performance.as_ref()?;
    let b = ctx.budget;
    let (cur, carry) = (ctx.income_current(), ctx.income_carryover());
    let exp = crate::load::amounts::ExpAmounts::sum_of(&b.expenditure, |_| true);
    let h = &f.history;
    let income = fund_rows(vec![
        ("fiscal", cur.fiscal() + carry.fiscal(), h.fiscal),
        (
            "special_account",
            cur.special_account + carry.special_account,
            h.special_account,
        ),
        (
            "unit_funds",
            cur.unit_funds() + carry.unit_funds(),
            h.unit_funds,
        ),
    ]);
    let expenditure = fund_rows(vec![
        ("personnel", exp.personnel, h.personnel),
        ("operation", exp.public, h.operation),
        (
            "specific",
            exp.project + exp.operating + exp.remit_superior + exp.subsidy_affiliated,
            h.specific,
        ),
    ]);
    Some(DepartmentForm {
        name: f.name.clone(),
        filler: f.filler.clone(),
        phone: f.phone.clone(),
        history_years: [b.year - 2, b.year - 1],
        income,
        expenditure,
        functions: f.functions.clone(),
        tasks: f.tasks.clone(),
        projects: b
            .projects
            .iter()
            .map(|p| {
                let amount = p.amounts.total() + p.carryover.total();
                FormProject {
                    name: p.name.clone(),
                    kind: p.kind.clone().unwrap_or_default(),
                    total_budget: p.total_budget.unwrap_or(amount),
                    amount,
                    purpose: p.form_purpose.clone().unwrap_or_else(|| p.purpose.clone()),
                }
            })
            .collect(),
        long_term_goals: goals(&f.long_term_goals),
        annual_goals: goals(&f.annual_goals),
        long_term_until: f.long_term_until,
    })
}

/// A line of a project form's breakdown.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct DetailRow {
    /// 项目内容.
    pub content: String,
    /// 测算依据及说明.
    pub basis: String,
    /// 本级财政拨款金额.
    pub local: Money,
    /// 上级转移支付金额.
    pub transfer: Money,
    /// 其他资金.
    pub other: Money,
}

/// 项目支出绩效目标申报表 (table 15), one per project with a form.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ProjectForm {
    /// 项目名称.
    pub name: String,
    /// 项目代码.
    pub code: String,
    /// 单位名称 / 项目主管部门.
    pub department: String,
    /// 项目执行单位.
    pub executor: String,
    /// 项目负责人.
    pub manager: String,
    /// 联系电话.
    pub phone: String,
    /// 项目类别.
    pub category: String,
    /// 项目安排频度.
    pub frequency: String,
    /// 立项依据.
    pub basis: String,
    /// 项目实施方案.
    pub plan: String,
    /// 上年绩效评价结果、整改及应用.
    pub last_evaluation: String,
    /// 项目前两年预算及当年预算变动情况.
    pub budget_history: String,
    /// 项目总预算 (延续性项目).
    pub total_budget: Option<Money>,
    /// 项目当年预算.
    pub amount: Money,
    /// 一般公共预算本年拨款 part of `amount`.
    pub general: Money,
    /// What the project is used for (the project's `purpose`).
    pub purpose: String,
    /// 资金来源: [财政拨款(本级), 上级转移支付, 专户管理的非税收入, 其他资金].
    pub sources: [Money; 4],
    /// 项目支出明细.
    pub details: Vec<DetailRow>,
    /// Totals of the breakdown columns [本级, 上级, 其他].
    pub details_total: [Money; 3],
    /// 项目资产配置计划及采购计划: (品名, 数量, 金额).
    pub assets: Vec<(String, String, Money)>,
    /// 长期绩效目标.
    pub long_term_goals: Vec<GoalView>,
    /// 年度绩效目标.
    pub annual_goals: Vec<GoalView>,
    /// 指标权重比例(%) per annual goal.
    pub annual_goal_weights: Vec<Money>,
}

/// Builds the project's table-15 form, when it has one.
pub(super) fn project(p: &Project) -> Option<ProjectForm> {
    let f = p.performance.as_ref()?;
    let (a, c) = (&p.amounts, &p.carryover);
    let details: Vec<DetailRow> = f
        .details
        .iter()
        .map(|d| DetailRow {
            content: d.content.clone(),
            basis: d.basis.clone(),
            local: d.local,
            transfer: d.transfer,
            other: d.other,
        })
        .collect();
    Some(ProjectForm {
        name: p.name.clone(),
        code: f
            .code
            .clone()
            .or_else(|| p.code.clone())
            .unwrap_or_default(),
        department: f.department.clone(),
        executor: f.executor.clone(),
        manager: f.manager.clone(),
        phone: f.phone.clone(),
        category: f.category.clone(),
        frequency: f.frequency.clone(),
        basis: f.basis.clone(),
        plan: f.plan.clone(),
        last_evaluation: f.last_evaluation.clone(),
        budget_history: f.budget_history.clone(),
        total_budget: p.total_budget,
        amount: a.total() + c.total(),
        general: a.general,
        purpose: p.purpose.clone(),
        sources: [
            a.fiscal(),
            a.superior,
            a.special_account + c.special_account,
            a.business + a.operating + a.affiliated + a.other + c.total() - c.special_account,
        ],
        details_total: [
            details.iter().map(|d| d.local).sum(),
            details.iter().map(|d| d.transfer).sum(),
            details.iter().map(|d| d.other).sum(),
        ],
        details,
        assets: f
            .assets
            .iter()
            .map(|x| (x.name.clone(), x.quantity.clone(), x.amount))
            .collect(),
        long_term_goals: goals(&f.long_term_goals),
        annual_goals: goals(&f.annual_goals),
        annual_goal_weights: f.annual_goal_weights.clone(),
    })
}
