//! Figures for layouts that split appropriations and list budget units one by one (the
//! Shenzhen layout): income and expenditure by detailed source (一般性经费拨款 / 财政专项资金
//! 拨款 / 政府投资项目), tables per budget unit, unit staffing, the short department
//! performance form, and the two summary tables built on the detailed income
//! (`summary_split`, `fiscal_summary_split`: see `paired`). Every budget gets them; a
//! layout prints what it needs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::forms::{indicator_rows, IndicatorRow};
use super::tables::{economic_name, Dataset, Row, RowKind};
use super::Ctx;
use crate::load::schema::{Allocation, ExpenditureLine, Funding, Sources, UnitStaffing};
use crate::num::{Change, Money};

pub use crate::load::amounts::SPLIT_KEYS;

/// Amounts by detailed source (keys of [`SPLIT_KEYS`]; subtotals included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split(pub(super) BTreeMap<&'static str, Money>);

impl Split {
    fn add(&mut self, key: &'static str, v: Money) {
        *self.0.entry(key).or_default() += v;
    }

    /// Adds `v` of `funding` made as `allocation`.
    fn add_funded(&mut self, funding: Funding, allocation: Allocation, v: Money) {
        let leaf = match (funding, allocation) {
            (Funding::General, Allocation::Regular) => "general_regular",
            (Funding::General, Allocation::Special) => "general_special",
            (Funding::General, Allocation::Investment) => "general_investment",
            (Funding::Fund, Allocation::Investment) => "fund_investment",
            (Funding::Fund, _) => "fund_regular",
            (Funding::StateCapital, _) => "state_capital",
            (Funding::SpecialAccount, _) => "special_account",
            (Funding::UnitFunds, _) => "other",
            (
                Funding::CarryoverGeneral | Funding::CarryoverFund | Funding::CarryoverStateCapital,
                _,
            ) => "carryover",
        };
        self.add(leaf, v);
    }

    /// Fills the subtotal keys from the leaves.
    fn with_subtotals(mut self) -> Split {
        let g = |s: &Split, k: &str| s.0.get(k).copied().unwrap_or_default();
        let general = g(&self, "general_regular")
            + g(&self, "general_special")
            + g(&self, "general_investment");
        let fund = g(&self, "fund_regular") + g(&self, "fund_investment");
        let fiscal = general + fund + g(&self, "state_capital") + g(&self, "special_account");
        let current = fiscal
            + ["business", "operating", "other", "superior", "affiliated"]
                .iter()
                .map(|k| g(&self, k))
                .sum::<Money>();
        let total = current + g(&self, "reserve") + g(&self, "carryover");
        for (k, v) in [
            ("general", general),
            ("fund", fund),
            ("fiscal", fiscal),
            ("current", current),
            ("total", total),
        ] {
            self.0.insert(k, v);
        }
        self
    }

    fn cells(&self, mut row: Row) -> Row {
        for k in SPLIT_KEYS {
            row = row.money(k, self.0.get(k).copied().unwrap_or_default());
        }
        row
    }

    fn merge(&mut self, other: &Split) {
        for (k, v) in &other.0 {
            self.add(k, *v);
        }
    }
}

/// Income of one unit by detailed source. The general and fund appropriations are the
/// income entered; the part made as 专项资金 or 政府投资项目 is what the unit's
/// expenditure of them is made as, and the rest is 一般性经费 (validation holds income =
/// expenditure, so in a valid budget the split is the expenditure's exactly).
fn income_split(ctx: &Ctx<'_>, unit: &str) -> Split {
    let b = ctx.budget;
    let mut s = Split::default();
    let mut special = Split::default();
    for l in b
        .expenditure
        .iter()
        .filter(|l| ctx.unit_of(&l.unit) == unit && l.allocation != Allocation::Regular)
    {
        if matches!(l.funding, Funding::General | Funding::Fund) {
            special.add_funded(l.funding, l.allocation, line_total(l));
        }
    }
    let part = |k: &str| special.0.get(k).copied().unwrap_or_default();
    for l in b.income.iter().filter(|l| ctx.unit_of(&l.unit) == unit) {
        let c: &Sources = &l.current;
        for (k, v) in [
            ("general_regular", c.general),
            ("fund_regular", c.fund),
            ("state_capital", c.state_capital),
            ("special_account", c.special_account),
            ("business", c.business),
            ("operating", c.operating),
            ("other", c.other),
            ("superior", c.superior),
            ("affiliated", c.affiliated),
            ("carryover", l.carryover.total()),
        ] {
            s.add(k, v);
        }
    }
    for (k, v) in &special.0 {
        s.add(k, *v);
    }
    let moved_general = part("general_special") + part("general_investment");
    s.add("general_regular", Money::ZERO - moved_general);
    s.add("fund_regular", Money::ZERO - part("fund_investment"));
    s.with_subtotals()
}

fn line_total(l: &ExpenditureLine) -> Money {
    crate::load::amounts::ExpAmounts::of(l).total()
}

/// The units that have any amount, in input order.
fn units_with_money<'a>(ctx: &Ctx<'a>) -> Vec<&'a crate::load::schema::Unit> {
    let b = ctx.budget;
    b.units
        .iter()
        .filter(|u| {
            b.expenditure
                .iter()
                .any(|l| ctx.unit_of(&l.unit) == u.code && !line_total(l).is_zero())
                || b.income
                    .iter()
                    .any(|l| ctx.unit_of(&l.unit) == u.code && !l.current.total().is_zero())
        })
        .collect()
}

/// A department row followed by one row per unit with money, each with `split`.
fn by_unit(ctx: &Ctx<'_>, split: impl Fn(&str) -> Split) -> Dataset {
    let units = units_with_money(ctx);
    let mut dept = Split::default();
    let mut rows = Vec::new();
    for u in &units {
        let s = split(&u.code);
        dept.merge(&s);
        rows.push(s.cells(Row::new(RowKind::Group2).text("name", u.name.clone())));
    }
    rows.insert(
        0,
        dept.cells(Row::new(RowKind::Group1).text("name", ctx.dept_full_name())),
    );
    Dataset { rows }
}

/// Economic classification lines (code, name, split) of one unit → 类 and 款 rows.
fn economic_rows(ctx: &Ctx<'_>, lines: Vec<(String, String, Split)>) -> Vec<Row> {
    let mut kuans: BTreeMap<String, (String, Split)> = BTreeMap::new();
    for (code, name, s) in lines {
        let e = kuans
            .entry(code)
            .or_insert_with(|| (name, Split::default()));
        e.1.merge(&s);
    }
    let mut classes: BTreeMap<String, Split> = BTreeMap::new();
    for (code, (_, s)) in &kuans {
        classes
            .entry(code.get(..3).unwrap_or(code).to_owned())
            .or_default()
            .merge(s);
    }
    let mut rows = Vec::new();
    for (class, cs) in &classes {
        rows.push(
            cs.clone().with_subtotals().cells(
                Row::new(RowKind::Group2)
                    .text("code", class.clone())
                    .text("name", economic_name(ctx, class)),
            ),
        );
        for (code, (name, s)) in kuans.iter().filter(|(k, _)| k.starts_with(class.as_str())) {
            rows.push(
                s.clone().with_subtotals().cells(
                    Row::new(RowKind::Item)
                        .text("code", code.clone())
                        .text("name", name.clone()),
                ),
            );
        }
    }
    rows
}

/// Department row, then per unit with money: the unit row and its economic rows.
fn economic_by_unit(
    ctx: &Ctx<'_>,
    lines_of: impl Fn(&str) -> Vec<(String, String, Split)>,
) -> Dataset {
    let mut dept = Split::default();
    let mut rows = Vec::new();
    for u in units_with_money(ctx) {
        let lines = lines_of(&u.code);
        let mut unit = Split::default();
        for (_, _, s) in &lines {
            unit.merge(s);
        }
        let unit = unit.with_subtotals();
        dept.merge(&unit);
        rows.push(unit.cells(Row::new(RowKind::Group1).text("name", u.name.clone())));
        rows.extend(economic_rows(ctx, lines));
    }
    // The unit rows' subtotals were merged already.
    rows.insert(
        0,
        dept.cells(Row::new(RowKind::Total).text("name", ctx.dept_full_name())),
    );
    Dataset { rows }
}

/// Function classification 项 lines of the chosen funding, per unit: total, basic, project.
pub(super) fn function_by_unit(ctx: &Ctx<'_>, keep: impl Fn(&ExpenditureLine) -> bool) -> Dataset {
    let b = ctx.budget;
    let amounts = |ls: &mut dyn Iterator<Item = &ExpenditureLine>| {
        let mut a = crate::load::amounts::ExpAmounts::default();
        for l in ls {
            a.add(&crate::load::amounts::ExpAmounts::of(l));
        }
        a
    };
    let cells = |row: Row, a: &crate::load::amounts::ExpAmounts| {
        row.money("total", a.total())
            .money("basic", a.basic())
            .money("project", a.project)
    };
    let mut rows = Vec::new();
    let dept = amounts(&mut b.expenditure.iter().filter(|l| keep(l)));
    rows.push(cells(
        Row::new(RowKind::Group1).text("unit", ctx.dept_full_name()),
        &dept,
    ));
    for u in units_with_money(ctx) {
        let mine = |l: &&ExpenditureLine| ctx.unit_of(&l.unit) == u.code && keep(l);
        rows.push(cells(
            Row::new(RowKind::Group2).text("unit", u.name.clone()),
            &amounts(&mut b.expenditure.iter().filter(mine)),
        ));
        let mut items: BTreeMap<&str, (String, crate::load::amounts::ExpAmounts)> = BTreeMap::new();
        for l in b.expenditure.iter().filter(mine) {
            let e = items
                .entry(l.code.as_str())
                .or_insert_with(|| (l.name.clone(), Default::default()));
            e.1.add(&crate::load::amounts::ExpAmounts::of(l));
        }
        for (code, (name, a)) in items {
            if a.total().is_zero() {
                continue;
            }
            rows.push(cells(
                Row::new(RowKind::Item)
                    .text("code", code)
                    .text("name", name),
                &a,
            ));
        }
    }
    Dataset { rows }
}

/// Table 3 (支出总表): per unit total, basic, project and procurement.
pub(super) fn expenditure_by_unit(ctx: &Ctx<'_>) -> Dataset {
    let b = ctx.budget;
    let row = |kind, name: &str, unit: Option<&str>| {
        let mine = |u: &Option<String>| unit.is_none_or(|x| ctx.unit_of(u) == x);
        let mut a = crate::load::amounts::ExpAmounts::default();
        for l in b.expenditure.iter().filter(|l| mine(&l.unit)) {
            a.add(&crate::load::amounts::ExpAmounts::of(l));
        }
        let procurement: Money = b
            .procurement
            .lines
            .iter()
            .filter(|l| mine(&l.unit))
            .map(|l| l.amount)
            .sum();
        Row::new(kind)
            .text("name", name)
            .money("total", a.total())
            .money("basic", a.basic())
            .money("project", a.project)
            .money("procurement", procurement)
    };
    let mut rows = vec![row(RowKind::Group1, ctx.dept_full_name(), None)];
    for u in units_with_money(ctx) {
        rows.push(row(RowKind::Group2, &u.name, Some(&u.code)));
    }
    Dataset { rows }
}

/// Table 11 (政府采购项目支出表): department, unit, kind (A 货物类 …) and item rows.
pub(super) fn procurement_items(ctx: &Ctx<'_>) -> Dataset {
    let b = ctx.budget;
    let lines = &b.procurement.lines;
    if lines.is_empty() {
        return Dataset::default();
    }
    let total: Money = lines.iter().map(|l| l.amount).sum();
    let mut rows = vec![Row::new(RowKind::Total)
        .text("name", ctx.dept_full_name())
        .money("amount", total)];
    for u in &b.units {
        let mine: Vec<_> = lines
            .iter()
            .filter(|l| ctx.unit_of(&l.unit) == u.code)
            .collect();
        if mine.is_empty() {
            continue;
        }
        rows.push(
            Row::new(RowKind::Group1)
                .text("name", u.name.clone())
                .money("amount", mine.iter().map(|l| l.amount).sum()),
        );
        for (letter, kind) in [("A", "货物类"), ("B", "工程类"), ("C", "服务类")] {
            let of_kind: Vec<_> = mine
                .iter()
                .filter(|l| l.item_code.starts_with(letter))
                .collect();
            if of_kind.is_empty() {
                continue;
            }
            rows.push(
                Row::new(RowKind::Group2)
                    .text("code", letter)
                    .text("item", kind)
                    .money("amount", of_kind.iter().map(|l| l.amount).sum()),
            );
            for l in of_kind {
                rows.push(
                    Row::new(RowKind::Item)
                        .text("code", l.item_code.clone())
                        .text("item", l.item_name.clone())
                        .money("amount", l.amount),
                );
            }
        }
    }
    Dataset { rows }
}

/// Table 12 ("三公" by unit and year): the department and the unit holding them, last
/// year then this year.
pub(super) fn sangong_by_unit(ctx: &Ctx<'_>) -> Dataset {
    let b = ctx.budget;
    let s = &b.sangong;
    let items = [
        &s.outbound,
        &s.reception,
        &s.vehicle_purchase,
        &s.vehicle_operation,
    ];
    let previous = items.map(|x| x.previous);
    let current = items.map(|x| x.current);
    let year_rows = |name: &str, rows: &mut Vec<Row>| {
        for (first, year, [o, r, p, v]) in [(true, b.year - 1, previous), (false, b.year, current)]
        {
            let row = Row::new(if first {
                RowKind::Group1
            } else {
                RowKind::Item
            })
            .text("year", year.to_string())
            .money("total", o + r + p + v)
            .money("outbound", o)
            .money("reception", r)
            .money("vehicles", p + v)
            .money("vehicle_operation", v)
            .money("vehicle_purchase", p);
            rows.push(if first { row.text("name", name) } else { row });
        }
    };
    let mut rows = Vec::new();
    year_rows(ctx.dept_full_name(), &mut rows);
    if let Some(u) = s
        .unit
        .as_deref()
        .and_then(|c| b.units.iter().find(|u| u.code == c))
    {
        year_rows(&u.name, &mut rows);
    }
    Dataset { rows }
}

/// Table 13 (绩效管理项目情况表): per unit, its projects with amounts and periods.
pub(super) fn performance_projects(ctx: &Ctx<'_>) -> Dataset {
    let b = ctx.budget;
    let mut rows = Vec::new();
    for u in &b.units {
        let mine: Vec<_> = b
            .projects
            .iter()
            .filter(|p| ctx.unit_of(&p.unit) == u.code)
            .collect();
        for (i, p) in mine.iter().enumerate() {
            let total = p.amounts.total() + p.carryover.total();
            let general = p.amounts.general;
            let mut row = Row::new(RowKind::Item)
                .text("project", p.name.clone())
                .money("total", total)
                .money("general", general)
                .money("other", total - general)
                .text(
                    "period",
                    p.period
                        .as_ref()
                        .map(|x| format!("{} 至 {}", x.start, x.end))
                        .unwrap_or_default(),
                );
            if i == 0 {
                row = row
                    .text("unit", u.name.clone())
                    .text("unit_span", mine.len().to_string());
            }
            rows.push(row);
        }
    }
    Dataset { rows }
}

/// One unit as the narrative describes it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct UnitView {
    /// Short name (or full name).
    pub name: String,
    /// Its posts, staff and vehicles.
    #[serde(flatten)]
    pub staffing: StaffView,
}

/// Staffing figures, of one unit or summed over the department.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct StaffView {
    /// 行政编制数.
    pub admin_posts: u32,
    /// 行政编制实有.
    pub admin_actual: u32,
    /// 事业编制数.
    pub institution_posts: u32,
    /// 事业编制实有.
    pub institution_actual: u32,
    /// 总编制数.
    pub posts: u32,
    /// 编内实有人数.
    pub actual: u32,
    /// 离休.
    pub retired_veteran: u32,
    /// 退休.
    pub retired: u32,
    /// 雇员.
    pub employees: u32,
    /// How employees are described.
    pub employees_note: String,
    /// 临聘员额.
    pub temporary: u32,
    /// Vehicle reform sentence.
    pub vehicle_reform: String,
    /// Vehicles: general, enforcement, special, other, and all.
    pub vehicles: [u32; 4],
    /// All vehicles.
    pub vehicles_total: u32,
}

impl StaffView {
    fn of(s: &UnitStaffing) -> StaffView {
        let v = [
            s.vehicles.general,
            s.vehicles.enforcement,
            s.vehicles.special,
            s.vehicles.other,
        ];
        StaffView {
            admin_posts: s.admin_posts,
            admin_actual: s.admin_actual,
            institution_posts: s.institution_posts,
            institution_actual: s.institution_actual,
            posts: s.admin_posts.saturating_add(s.institution_posts),
            actual: s.admin_actual.saturating_add(s.institution_actual),
            retired_veteran: s.retired_veteran,
            retired: s.retired,
            employees: s.employees,
            employees_note: s.employees_note.clone().unwrap_or_default(),
            temporary: s.temporary,
            vehicle_reform: s.vehicle_reform.clone().unwrap_or_default(),
            vehicles: v,
            vehicles_total: v.iter().fold(0, |a: u32, b| a.saturating_add(*b)),
        }
    }

    fn add(&mut self, o: &StaffView) {
        self.admin_posts = self.admin_posts.saturating_add(o.admin_posts);
        self.admin_actual = self.admin_actual.saturating_add(o.admin_actual);
        self.institution_posts = self.institution_posts.saturating_add(o.institution_posts);
        self.institution_actual = self.institution_actual.saturating_add(o.institution_actual);
        self.posts = self.posts.saturating_add(o.posts);
        self.actual = self.actual.saturating_add(o.actual);
        self.retired_veteran = self.retired_veteran.saturating_add(o.retired_veteran);
        self.retired = self.retired.saturating_add(o.retired);
        self.employees = self.employees.saturating_add(o.employees);
        self.temporary = self.temporary.saturating_add(o.temporary);
        for (a, b) in self.vehicles.iter_mut().zip(o.vehicles) {
            *a = a.saturating_add(b);
        }
        self.vehicles_total = self.vehicles_total.saturating_add(o.vehicles_total);
    }
}

/// The short department performance form (部门整体支出绩效目标表) with its amounts.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TargetsView {
    /// 年度绩效目标.
    pub goals: Vec<String>,
    /// Indicator rows with the merges of their level cells.
    pub indicators: Vec<IndicatorRow>,
    /// 合计.
    pub total: Money,
    /// 一般公共预算: 本级, 上级转移支付.
    pub general: [Money; 2],
    /// 政府性基金: 本级, 上级转移支付.
    pub fund: [Money; 2],
    /// 其他资金.
    pub other: Money,
}

/// Everything of this module, for the templates.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Detail {
    /// Department income by detailed source (summary tables' left side).
    pub income: BTreeMap<&'static str, Money>,
    /// Units with their staffing, in input order (units without staffing left out).
    pub units: Vec<UnitView>,
    /// Staffing summed over the units.
    pub staff: StaffView,
    /// Number of budget units.
    pub unit_count: usize,
    /// Year-over-year change of the general public budget per function 类, where last
    /// year's figure is given.
    pub general_class_changes: BTreeMap<String, Change>,
    /// 上级专项转移支付 expenditure.
    pub transfer_total: Money,
    /// Number of projects.
    pub project_count: usize,
    /// The short department performance form.
    pub targets: Option<TargetsView>,
    /// Authored texts of 其他需要说明的情况.
    pub other_matters: Vec<String>,
    /// 主要工作目标.
    pub work_goals: Vec<String>,
    /// The sentence on the units' vehicles as a whole.
    pub vehicles_note: Option<String>,
}

/// The income of every unit by detailed source (`income_split`).
pub(super) fn income_split_by_unit(ctx: &Ctx<'_>) -> Dataset {
    by_unit(ctx, |u| income_split(ctx, u))
}

/// The department's income by detailed source, every key present.
pub(super) fn income_split_total(ctx: &Ctx<'_>) -> Split {
    let mut income = Split::default();
    for k in SPLIT_KEYS {
        income.add(k, Money::ZERO);
    }
    for u in &ctx.budget.units {
        income.merge(&income_split(ctx, &u.code));
    }
    income
}

/// Basic spending by economic 款 and unit, all of it regular general appropriation
/// (`basic_split`).
pub(super) fn basic_split(ctx: &Ctx<'_>) -> Dataset {
    economic_by_unit(ctx, |unit| {
        ctx.budget
            .basic_economic
            .iter()
            .filter(|l| ctx.unit_of(&l.unit) == unit)
            .map(|l| {
                let mut s = Split::default();
                s.add_funded(
                    Funding::General,
                    Allocation::Regular,
                    l.personnel + l.public,
                );
                (l.code.clone(), l.name.clone(), s)
            })
            .collect()
    })
}

/// Project spending by economic 款, unit and source (`project_split`).
pub(super) fn project_split(ctx: &Ctx<'_>) -> Dataset {
    economic_by_unit(ctx, |unit| {
        ctx.budget
            .project_economic
            .iter()
            .filter(|l| ctx.unit_of(&l.unit) == unit)
            .map(|l| {
                let mut s = Split::default();
                s.add_funded(l.funding, l.allocation, l.amount);
                (l.code.clone(), l.name.clone(), s)
            })
            .collect()
    })
}

/// The figures of `Report.detail` (the datasets are built by `datasets`).
pub(super) fn derive(ctx: &Ctx<'_>) -> Detail {
    let b = ctx.budget;
    let income = income_split_total(ctx);
    let mut staff = StaffView::default();
    let units: Vec<UnitView> = b
        .units
        .iter()
        .filter_map(|u| {
            let s = StaffView::of(u.staffing.as_ref()?);
            staff.add(&s);
            Some(UnitView {
                name: u.short_name.clone().unwrap_or_else(|| u.name.clone()),
                staffing: s,
            })
        })
        .collect();
    let general_classes = super::tables::class_totals(ctx, |f| f == Funding::General);
    let general_class_changes = b
        .previous_year
        .general_classes
        .iter()
        .map(|c| {
            let cur = general_classes.get(&c.code).copied().unwrap_or_default();
            (c.code.clone(), Change::new(cur, c.amount))
        })
        .collect();
    let sum = |keep: &dyn Fn(&ExpenditureLine) -> bool| -> Money {
        b.expenditure
            .iter()
            .filter(|l| keep(l))
            .map(line_total)
            .sum()
    };
    let transfer_total = sum(&|l| l.transfer);
    let targets = b.overall_targets.as_ref().map(|t| {
        let general = [
            sum(&|l| l.funding == Funding::General && !l.transfer),
            sum(&|l| l.funding == Funding::General && l.transfer),
        ];
        let fund = [
            sum(&|l| l.funding == Funding::Fund && !l.transfer),
            sum(&|l| l.funding == Funding::Fund && l.transfer),
        ];
        let total = sum(&|_| true);
        TargetsView {
            goals: t.goals.clone(),
            indicators: indicator_rows(&t.indicators),
            total,
            general,
            fund,
            other: total - general[0] - general[1] - fund[0] - fund[1],
        }
    });
    Detail {
        income: income.0,
        units,
        staff,
        unit_count: b.units.len(),
        general_class_changes,
        transfer_total,
        project_count: b.projects.len(),
        targets,
        other_matters: b.narrative.other_matters.clone(),
        work_goals: b.overview.work_goals.clone(),
        vehicles_note: b.overview.vehicles_note.clone(),
    }
}
