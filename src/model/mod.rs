//! Derive: a validated budget → the [`Report`]: every figure of the narrative and every
//! table, computed once with exact decimals.
//!
//! The report is the serialise-only view the templates read; it holds numbers as
//! [`Money`] and percentages as unrounded decimals, never formatted text. It knows nothing
//! of Tera, HTML, Markdown, fonts or pages.

mod adjust;
pub mod assets;
pub mod datasets;
pub mod detail;
pub mod forms;
pub mod ordinal;
mod other;
mod paired;
pub mod selfeval;
pub mod tables;
pub mod targets;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use self::other::{other_matters, sangong};
pub use self::other::{OtherMatters, SangongFigures, SangongLine};
use self::tables::Dataset;
use crate::catalog;
use crate::load::amounts::{self, ExpAmounts, SOURCE_NAMES};
use crate::load::schema::{Budget, Display, Funding, Sources};
use crate::num::{percent, Change, Money};
use crate::validate::Validated;

/// Shared read access to the budget while deriving.
pub(crate) struct Ctx<'a> {
    budget: &'a Budget,
}

impl<'a> Ctx<'a> {
    /// The unit code a line belongs to (the only unit when omitted).
    fn unit_of<'b>(&'b self, unit: &'b Option<String>) -> &'b str {
        match unit {
            Some(u) => u,
            None => self
                .budget
                .units
                .first()
                .map(|u| u.code.as_str())
                .unwrap_or(""),
        }
    }

    fn dept_full_name(&self) -> &'a str {
        let d = &self.budget.department;
        d.full_name.as_deref().unwrap_or(&d.name)
    }

    fn income_current(&self) -> Sources {
        amounts::income_totals(self.budget).0
    }

    fn income_carryover(&self) -> Sources {
        amounts::income_totals(self.budget).1
    }

    fn expenditure(&self, keep: impl Fn(Funding) -> bool) -> ExpAmounts {
        ExpAmounts::sum_of(&self.budget.expenditure, keep)
    }
}

/// The whole derived report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// Title data and display settings.
    pub meta: Meta,
    /// Part 1: 基本概况.
    pub overview: Overview,
    /// Part 2: 预算情况说明 figures.
    pub budget: BudgetFigures,
    /// Part 2 section 十 and part 3 figures.
    pub other: OtherMatters,
    /// Part 3: "三公".
    pub sangong: SangongFigures,
    /// Part 4: function classification 项 used, with their official descriptions.
    pub glossary_items: Vec<GlossaryItem>,
    /// Extra glossary terms from the input.
    pub glossary_extra: Vec<Term>,
    /// Free narrative sections from the input (`sections:`): name → paragraphs.
    pub sections: BTreeMap<String, Vec<String>>,
    /// Tables 1–13 by dataset key.
    pub tables: BTreeMap<&'static str, Dataset>,
    /// With 尾差调整, the same datasets from the figures as entered, for tables a layout
    /// prints with more decimals than `display.decimals` (they print the exact figures);
    /// absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exact_tables: Option<BTreeMap<&'static str, Dataset>>,
    /// Table 14.
    pub department_form: Option<forms::DepartmentForm>,
    /// Table 15, one per project with a form.
    pub project_forms: Vec<forms::ProjectForm>,
    /// Figures of layouts that split appropriations and describe units one by one.
    pub detail: detail::Detail,
}

/// Title data and display settings.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Meta {
    /// What the document is, e.g. `部门预算公开` (PDF subject, portal index).
    pub document: String,
    /// Department name for titles.
    pub department: String,
    /// Department name for tables.
    pub department_full: String,
    /// Department code.
    pub department_code: String,
    /// District or city.
    pub region: String,
    /// Public enquiry telephone.
    pub phone: String,
    /// Budget year.
    pub year: i32,
    /// Previous year.
    pub previous_year: i32,
    /// Display settings (unit, decimals).
    pub unit: String,
    /// Decimals of amounts.
    pub decimals: u32,
    /// Decimals of percentages.
    pub percent_decimals: u32,
    /// Ordinal style (廿一 or 二十一).
    pub ordinals: crate::load::schema::OrdinalStyle,
    /// Layout name.
    pub layout: String,
    /// True when generated as a draft.
    pub draft: bool,
}

/// Part 1 data.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Overview {
    /// 主要职能.
    pub functions: Vec<String>,
    /// 预算单位构成情况.
    pub composition: String,
    /// 编制数 total.
    pub authorized_total: u32,
    /// 编制数 by kind.
    pub authorized: Vec<(String, u32)>,
    /// When the actual headcount was taken.
    pub as_of: String,
    /// 在职人员实有数 total.
    pub actual_total: u32,
    /// 在职人员 by kind.
    pub actual: Vec<(String, u32)>,
    /// 离退休人员.
    pub retired: u32,
    /// Further remarks.
    pub note: Option<String>,
    /// Budget units.
    pub units: Vec<(String, String)>,
}

/// A named amount with its share of a whole.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Part {
    /// Key (source key or classification code).
    pub key: String,
    /// Official name.
    pub name: String,
    /// Amount.
    pub amount: Money,
    /// Share of the whole in percent, unrounded.
    pub share: Option<Decimal>,
    /// Authored purpose text (主要用于…), when given.
    pub purpose: Option<String>,
}

/// Part 2 figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BudgetFigures {
    /// 收支总预算 vs last year.
    pub total: Change,
    /// Reason for the total's change.
    pub total_reason: Option<String>,
    /// 收入预算 (本年收入 + 上年结转) vs last year.
    pub income: Change,
    /// Non-zero income sources with shares of total income.
    pub income_sources: Vec<Part>,
    /// 上年结转结余.
    pub carryover: Money,
    /// 支出预算 vs last year.
    pub expenditure: Change,
    /// Non-zero expenditure kinds (basic, project, operating, …) with shares.
    pub expenditure_kinds: Vec<Part>,
    /// 基本支出 (all sources).
    pub basic: Money,
    /// 项目支出 (all sources).
    pub project: Money,
    /// 财政拨款收支总预算.
    pub fiscal_total: Money,
    /// 本年财政拨款收入 (general + fund + state capital, this year's only).
    pub fiscal_current: Money,
    /// 上年财政拨款结转结余.
    pub fiscal_carryover: Money,
    /// Income other than 财政拨款 (this year's and carried over): 收入预算 − 财政拨款收支总预算.
    pub non_fiscal_income: Money,
    /// 财政拨款 income parts (本年 general/fund/state capital, 上年结转).
    pub fiscal_income: Vec<Part>,
    /// 财政拨款 expenditure by 类.
    pub fiscal_classes: Vec<Part>,
    /// 一般公共预算拨款 vs last year.
    pub general: Change,
    /// Reason for its change.
    pub general_reason: Option<String>,
    /// General public budget basic / personnel / public / project.
    pub general_basic: Money,
    /// Share of basic in general.
    pub general_basic_share: Option<Decimal>,
    /// 人员经费 (general).
    pub general_personnel: Money,
    /// 公用经费 (general).
    pub general_public: Money,
    /// 项目支出 (general).
    pub general_project: Money,
    /// Share of project in general.
    pub general_project_share: Option<Decimal>,
    /// General public budget by 类, with authored purposes.
    pub general_classes: Vec<Part>,
    /// Basic expenditure by economic 类, with authored purposes.
    pub economic_classes: Vec<Part>,
    /// Economic classification total (一般公共预算基本支出).
    pub economic_total: Money,
    /// The 款 of each economic 类 of basic expenditure (general public budget), in the
    /// order of `economic_classes`: non-zero 款 in code order, shares of their 类.
    pub economic_items: Vec<EconomicItems>,
    /// 基本支出 (all sources) vs `previous_year.basic`, when last year's figure is given.
    pub basic_change: Option<Change>,
    /// 项目支出 (all sources) vs `previous_year.project`, when last year's figure is given.
    pub project_change: Option<Change>,
    /// Government fund budget: total, basic, project, and by 类.
    pub fund: FamilyFigures,
    /// State capital operating budget.
    pub state_capital: FamilyFigures,
    /// 项目支出 total (all sources).
    pub projects_total: Money,
    /// Project totals by source family (一般公共预算本年拨款, …).
    pub projects_by_source: Vec<Part>,
    /// Projects with amounts and purposes.
    pub projects: Vec<Part>,
}

/// The economic 款 of one economic 类 (basic expenditure, general public budget).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct EconomicItems {
    /// The 类 code (3 digits), as the key of the matching `economic_classes` entry.
    pub class: String,
    /// Its 款 (key = 款 code, name = official or input name), summed over units.
    pub items: Vec<Part>,
}

/// Expenditure of one budget family (fund or state capital).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FamilyFigures {
    /// Total.
    pub total: Money,
    /// Basic.
    pub basic: Money,
    /// Project.
    pub project: Money,
    /// By function 类.
    pub classes: Vec<Part>,
}

/// A function classification 项 used by the department, for the glossary.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct GlossaryItem {
    /// 项 code.
    pub code: String,
    /// 类 name.
    pub class: String,
    /// 款 name.
    pub kuan: String,
    /// 项 name.
    pub name: String,
    /// Official description.
    pub description: String,
}

/// A glossary term.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Term {
    /// The term.
    pub term: String,
    /// Its explanation.
    pub text: String,
}

/// Builds the report from a validated budget.
pub fn derive(v: &Validated<Budget>, draft: bool, layout: &str) -> Report {
    let b = v.budget();
    let display = &b.display;
    if display.adjust_rounding && display.input_decimals.is_some_and(|d| d > display.decimals) {
        let exact = derive_budget(b, draft, layout);
        let mut report = derive_budget(&adjust::adjust(b), draft, layout);
        report.exact_tables = Some(exact.tables);
        report
    } else {
        derive_budget(b, draft, layout)
    }
}

/// The report of a budget whose figures are as they are to be printed from.
fn derive_budget(b: &Budget, draft: bool, layout: &str) -> Report {
    let ctx = Ctx { budget: b };
    let display: &Display = &b.display;
    let tables = datasets::build_all(&ctx);
    let detail = detail::derive(&ctx);
    let budget = budget_figures(&ctx);

    Report {
        meta: Meta {
            document: "部门预算公开".to_owned(),
            department: b.department.name.clone(),
            department_full: ctx.dept_full_name().to_owned(),
            department_code: b.department.code.clone(),
            region: b.department.region.clone().unwrap_or_default(),
            phone: b.department.phone.clone().unwrap_or_default(),
            year: b.year,
            previous_year: b.year - 1,
            unit: display.unit.clone(),
            decimals: display.decimals,
            percent_decimals: display.percent_decimals,
            ordinals: display.ordinals,
            layout: layout.to_owned(),
            draft,
        },
        overview: overview(b),
        budget,
        other: other_matters(&ctx),
        sangong: sangong(b),
        glossary_items: glossary_items(&ctx),
        glossary_extra: b
            .glossary
            .iter()
            .map(|g| Term {
                term: g.term.clone(),
                text: g.text.clone(),
            })
            .collect(),
        sections: b
            .sections
            .iter()
            .map(|(name, text)| (name.clone(), text.0.clone()))
            .collect(),
        tables,
        exact_tables: None,
        department_form: forms::department(&ctx),
        project_forms: b.projects.iter().filter_map(forms::project).collect(),
        detail,
    }
}

fn overview(b: &Budget) -> Overview {
    let s = &b.overview.staffing;
    let pairs = |v: &[crate::load::schema::Headcount]| {
        v.iter()
            .map(|h| (h.kind.clone(), h.count))
            .collect::<Vec<_>>()
    };
    Overview {
        functions: b.overview.functions.clone(),
        composition: b.overview.composition.clone(),
        authorized_total: s
            .authorized
            .iter()
            .fold(0, |a: u32, h| a.saturating_add(h.count)),
        authorized: pairs(&s.authorized),
        as_of: s.as_of.clone(),
        actual_total: s
            .actual
            .iter()
            .fold(0, |a: u32, h| a.saturating_add(h.count)),
        actual: pairs(&s.actual),
        retired: s.retired,
        note: s.note.clone(),
        units: b
            .units
            .iter()
            .map(|u| (u.code.clone(), u.name.clone()))
            .collect(),
    }
}

fn part(key: &str, name: &str, amount: Money, whole: Money) -> Part {
    Part {
        key: key.to_owned(),
        name: name.to_owned(),
        amount,
        share: percent(amount, whole),
        purpose: None,
    }
}

/// Non-zero expenditure per 类 in the fixed category order, with authored purposes.
fn classes(
    ctx: &Ctx<'_>,
    keep: impl Fn(Funding) -> bool,
    purposes: &[crate::load::schema::Purpose],
) -> Vec<Part> {
    let totals = tables::class_totals(ctx, keep);
    let whole: Money = totals.values().sum();
    let mut out: Vec<Part> = catalog::function_classes()
        .iter()
        .filter_map(|e| {
            totals
                .get(e.code)
                .map(|v| (e.code.to_owned(), e.name.to_owned(), *v))
        })
        .chain(
            // Codes outside the fixed list (malformed 类) still show, after it.
            totals
                .iter()
                .filter(|(c, _)| {
                    !catalog::function_classes()
                        .iter()
                        .any(|e| e.code == c.as_str())
                })
                .map(|(c, v)| (c.clone(), tables::function_name(ctx, c), *v)),
        )
        .filter(|(_, _, v)| !v.is_zero())
        .map(|(code, name, v)| part(&code, &name, v, whole))
        .collect();
    for p in &mut out {
        p.purpose = purposes
            .iter()
            .find(|x| x.code == p.key)
            .map(|x| x.text.clone());
    }
    out
}

fn family(ctx: &Ctx<'_>, fam: Funding) -> FamilyFigures {
    let a = ctx.expenditure(|f| f == fam);
    FamilyFigures {
        total: a.total(),
        basic: a.basic(),
        project: a.project,
        classes: classes(ctx, |f| f == fam, &[]),
    }
}

fn budget_figures(ctx: &Ctx<'_>) -> BudgetFigures {
    let b = ctx.budget;
    let (cur, carry) = (ctx.income_current(), ctx.income_carryover());
    let income_total = cur.total() + carry.total();
    let all = ctx.expenditure(|_| true);
    let exp_total = all.total();
    let prev = &b.previous_year;
    let mut income_sources: Vec<Part> = SOURCE_NAMES
        .iter()
        .zip(cur.by_key())
        .filter(|(_, (_, v))| !v.is_zero())
        .map(|((k, name), (_, v))| part(k, name, v, income_total))
        .collect();
    if !carry.total().is_zero() {
        income_sources.push(part(
            "carryover",
            "上年结转结余",
            carry.total(),
            income_total,
        ));
    }
    let kinds = [
        ("basic", "基本支出", all.basic()),
        ("project", "项目支出", all.project),
        ("operating", "事业单位经营支出", all.operating),
        ("remit_superior", "上缴上级支出", all.remit_superior),
        (
            "subsidy_affiliated",
            "对附属单位补助支出",
            all.subsidy_affiliated,
        ),
    ];
    let expenditure_kinds = kinds
        .iter()
        .filter(|k| !k.2.is_zero())
        .map(|(k, n, v)| part(k, n, *v, exp_total))
        .collect();
    let fiscal_income: Vec<Part> = [
        ("general", "一般公共预算拨款本年收入", cur.general),
        ("fund", "政府性基金预算拨款本年收入", cur.fund),
        (
            "state_capital",
            "国有资本经营预算拨款本年收入",
            cur.state_capital,
        ),
        ("carryover", "上年财政拨款结转结余", carry.fiscal()),
    ]
    .iter()
    .filter(|p| !p.2.is_zero())
    .map(|(k, n, v)| part(k, n, *v, cur.fiscal() + carry.fiscal()))
    .collect();
    let general = ctx.expenditure(|f| f == Funding::General);
    let general_total = general.total();
    let economic_total: Money = b
        .basic_economic
        .iter()
        .map(|l| l.personnel + l.public)
        .sum();
    let mut econ: BTreeMap<String, Money> = BTreeMap::new();
    for l in &b.basic_economic {
        *econ
            .entry(l.code.get(..3).unwrap_or(&l.code).to_owned())
            .or_default() += l.personnel + l.public;
    }
    let mut kuan: BTreeMap<String, Money> = BTreeMap::new();
    for l in &b.basic_economic {
        *kuan.entry(l.code.clone()).or_default() += l.personnel + l.public;
    }
    let economic_items = econ
        .iter()
        .map(|(class, whole)| EconomicItems {
            class: class.clone(),
            items: kuan
                .iter()
                .filter(|(code, v)| code.starts_with(class.as_str()) && !v.is_zero())
                .map(|(code, v)| part(code, &tables::economic_name(ctx, code), *v, *whole))
                .collect(),
        })
        .collect();
    let economic_classes = econ
        .iter()
        .map(|(code, v)| {
            let mut p = part(code, &tables::economic_name(ctx, code), *v, economic_total);
            p.purpose = b
                .narrative
                .economic_purposes
                .iter()
                .find(|x| &x.code == code)
                .map(|x| x.text.clone());
            p
        })
        .collect();
    let mut proj_cur = Sources::default();
    let mut proj_carry = Sources::default();
    for p in &b.projects {
        proj_cur.add(&p.amounts);
        proj_carry.add(&p.carryover);
    }
    let projects_total = proj_cur.total() + proj_carry.total();
    let projects_by_source = [
        ("general", "一般公共预算本年拨款", proj_cur.general),
        ("fund", "政府性基金预算本年拨款", proj_cur.fund),
        (
            "state_capital",
            "国有资本经营预算本年拨款",
            proj_cur.state_capital,
        ),
        ("carryover", "财政拨款结转结余", proj_carry.fiscal()),
        (
            "special_account",
            "财政专户管理资金",
            proj_cur.special_account + proj_carry.special_account,
        ),
        (
            "unit_funds",
            "单位资金",
            proj_cur.unit_funds() + proj_carry.unit_funds(),
        ),
    ]
    .iter()
    .filter(|p| !p.2.is_zero())
    .map(|(k, n, v)| part(k, n, *v, projects_total))
    .collect();
    let projects = b
        .projects
        .iter()
        .map(|p| {
            let amount = p.amounts.total() + p.carryover.total();
            let mut x = part(
                p.code.as_deref().unwrap_or(""),
                &p.name,
                amount,
                projects_total,
            );
            x.purpose = Some(p.purpose.clone());
            x
        })
        .collect();
    BudgetFigures {
        total: Change::new(income_total.max(exp_total), prev.total),
        total_reason: b.narrative.total_change_reason.clone(),
        income: Change::new(income_total, prev.total),
        income_sources,
        carryover: carry.total(),
        expenditure: Change::new(exp_total, prev.total),
        expenditure_kinds,
        basic: all.basic(),
        project: all.project,
        fiscal_total: cur.fiscal() + carry.fiscal(),
        fiscal_current: cur.fiscal(),
        fiscal_carryover: carry.fiscal(),
        non_fiscal_income: income_total - cur.fiscal() - carry.fiscal(),
        fiscal_income,
        fiscal_classes: classes(ctx, Funding::is_fiscal, &[]),
        general: Change::new(general_total, prev.general_public),
        general_reason: b
            .narrative
            .general_change_reason
            .clone()
            .or_else(|| b.narrative.total_change_reason.clone()),
        general_basic: general.basic(),
        general_basic_share: percent(general.basic(), general_total),
        general_personnel: general.personnel,
        general_public: general.public,
        general_project: general.project,
        general_project_share: percent(general.project, general_total),
        general_classes: classes(
            ctx,
            |f| f == Funding::General,
            &b.narrative.function_purposes,
        ),
        economic_classes,
        economic_total,
        economic_items,
        basic_change: prev.basic.map(|p| Change::new(all.basic(), p)),
        project_change: prev.project.map(|p| Change::new(all.project, p)),
        fund: family(ctx, Funding::Fund),
        state_capital: family(ctx, Funding::StateCapital),
        projects_total,
        projects_by_source,
        projects,
    }
}

fn glossary_items(ctx: &Ctx<'_>) -> Vec<GlossaryItem> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for l in &ctx.budget.expenditure {
        seen.entry(l.code.as_str()).or_insert(l.name.as_str());
    }
    let description = |code: &str| {
        ctx.budget
            .codes
            .iter()
            .find(|c| c.code == code)
            .and_then(|c| c.description.clone())
            .or_else(|| catalog::function(code).map(|e| e.description.to_owned()))
            .unwrap_or_default()
    };
    // Order by the fixed category order, then by code.
    let rank = |code: &str| {
        catalog::function_classes()
            .iter()
            .position(|e| code.starts_with(e.code))
            .unwrap_or(usize::MAX)
    };
    let mut codes: Vec<(&str, &str)> = seen.into_iter().collect();
    codes.sort_by_key(|(c, _)| (rank(c), *c));
    codes
        .into_iter()
        .map(|(code, name)| GlossaryItem {
            code: code.to_owned(),
            class: tables::function_name(ctx, code.get(..3).unwrap_or(code)),
            kuan: tables::function_name(ctx, code.get(..5).unwrap_or(code)),
            name: name.to_owned(),
            description: description(code),
        })
        .collect()
}

#[cfg(test)]
mod tests;
