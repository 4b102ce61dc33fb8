//! The data of tables 1–13: one [`Dataset`] per table, rows of typed cells keyed by
//! column name. The layout description picks which columns a table shows and how its
//! header reads; formatting the cells is the renderer's job.

use std::collections::BTreeMap;

use serde::Serialize;

use super::paired::{self, Line};
use super::Ctx;
use crate::catalog;
use crate::load::amounts::{ExpAmounts, SOURCE_NAMES};
use crate::load::schema::{Funding, Sources};
use crate::num::Money;

/// One cell's value. Serialised as its bare value (text, or the decimal as a string):
/// the template decides how to print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// Text, left-aligned.
    Text(String),
    /// An amount of money in the display unit, right-aligned, display decimals.
    Money(Money),
    /// A count or quantity, right-aligned, printed as written.
    Number(Money),
    /// A row's level or position among its siblings (two-sided tables, `paired`): the
    /// template prints it as an ordinal, or decides by it.
    Count(u32),
}

/// How a row stands in its table's hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// 合计 / 总计 rows.
    Total,
    /// 类, department, or first-level group.
    Group1,
    /// 款, unit, or second-level group.
    Group2,
    /// A group under a second-level group (a project category under its unit); printed
    /// like a second-level group.
    Group3,
    /// Leaf rows (项, lines, projects).
    Item,
}

/// One table row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Hierarchy level (drives bold and indentation).
    pub kind: RowKind,
    /// Cells by column key; a missing key is a blank cell.
    pub cells: BTreeMap<&'static str, Cell>,
    /// Columns this row has but leaves blank (an optional figure not given): the dataset
    /// keeps them, as empty, even when no row fills them, so a template that prints the
    /// column prints a blank instead of failing on a column it cannot find.
    blank: std::collections::BTreeSet<&'static str>,
}

impl Row {
    pub(super) fn new(kind: RowKind) -> Row {
        Row {
            kind,
            cells: BTreeMap::new(),
            blank: Default::default(),
        }
    }

    pub(super) fn text(mut self, key: &'static str, v: impl Into<String>) -> Row {
        self.cells.insert(key, Cell::Text(v.into()));
        self
    }

    /// Sets a money cell; zero stays a (blank-able) zero, the layout decides how to print it.
    pub(super) fn money(mut self, key: &'static str, v: Money) -> Row {
        self.cells.insert(key, Cell::Money(v));
        self
    }

    fn opt_money(mut self, key: &'static str, v: Option<Money>) -> Row {
        match v {
            Some(v) => self.money(key, v),
            None => {
                self.blank.insert(key);
                self
            }
        }
    }

    fn opt_number(mut self, key: &'static str, v: Option<Money>) -> Row {
        match v {
            Some(v) => self.number(key, v),
            None => {
                self.blank.insert(key);
                self
            }
        }
    }

    fn number(mut self, key: &'static str, v: Money) -> Row {
        self.cells.insert(key, Cell::Number(v));
        self
    }
}

/// The rows of one table; empty when the department has no data for it.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// Rows in print order.
    pub rows: Vec<Row>,
}

/// Serialises as `{ rows: [{ kind, cells: { key: value | null } }] }` where every row has
/// every column key of the dataset, so templates never meet an undefined cell.
impl Serialize for Dataset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let keys: std::collections::BTreeSet<&'static str> = self
            .rows
            .iter()
            .flat_map(|r| r.cells.keys().chain(r.blank.iter()).copied())
            .collect();
        #[derive(Serialize)]
        struct RowView<'a> {
            kind: RowKind,
            cells: Cells<'a>,
        }
        /// A row's cells under every key of the dataset, in key order (as a map of them
        /// would write them), without building that map for each row.
        struct Cells<'a> {
            keys: &'a std::collections::BTreeSet<&'static str>,
            row: &'a Row,
        }
        impl Serialize for Cells<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(Some(self.keys.len()))?;
                for key in self.keys {
                    map.serialize_entry(key, &self.row.cells.get(key))?;
                }
                map.end()
            }
        }
        let rows: Vec<RowView<'_>> = self
            .rows
            .iter()
            .map(|row| RowView {
                kind: row.kind,
                cells: Cells { keys: &keys, row },
            })
            .collect();
        let mut st = s.serialize_struct("Dataset", 1)?;
        st.serialize_field("rows", &rows)?;
        st.end()
    }
}

impl schemars::JsonSchema for Dataset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Dataset".into()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let kind = g.subschema_for::<RowKind>();
        schemars::json_schema!({
            "type": "object",
            "description": "A table's rows in print order; every row has every column of the dataset (null where the row has no value).",
            "properties": {
                "rows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "kind": kind,
                            "cells": {
                                "type": "object",
                                "additionalProperties": { "type": ["string", "null"] }
                            }
                        },
                        "required": ["kind", "cells"]
                    }
                }
            },
            "required": ["rows"]
        })
    }
}

impl Dataset {
    /// True when the table has no data row (its note is printed instead).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The name of a function classification code (input `codes:` first, then the catalogue).
pub(super) fn function_name(ctx: &Ctx<'_>, code: &str) -> String {
    ctx.budget
        .codes
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.clone())
        .or_else(|| catalog::function(code).map(|e| e.name.to_owned()))
        .unwrap_or_default()
}

/// The name of an economic classification code.
pub(super) fn economic_name(ctx: &Ctx<'_>, code: &str) -> String {
    ctx.budget
        .codes
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.clone())
        .or_else(|| catalog::economic(code).map(|e| e.name.to_owned()))
        .unwrap_or_default()
}

fn exp_cells(row: Row, a: &ExpAmounts) -> Row {
    row.money("total", a.total())
        .money("basic", a.basic())
        .money("personnel", a.personnel)
        .money("public", a.public)
        .money("project", a.project)
        .money("operating", a.operating)
        .money("remit_superior", a.remit_superior)
        .money("subsidy_affiliated", a.subsidy_affiliated)
}

/// Function-classification hierarchy (合计, 类, 款, 项) of the lines whose funding matches.
pub(super) fn function_hierarchy(ctx: &Ctx<'_>, keep: impl Fn(Funding) -> bool) -> Dataset {
    let mut items: BTreeMap<&str, (String, ExpAmounts)> = BTreeMap::new();
    for line in ctx.budget.expenditure.iter().filter(|l| keep(l.funding)) {
        let e = items
            .entry(line.code.as_str())
            .or_insert_with(|| (line.name.clone(), ExpAmounts::default()));
        e.1.add(&ExpAmounts::of(line));
    }
    items.retain(|_, (_, a)| *a != ExpAmounts::default());
    if items.is_empty() {
        return Dataset::default();
    }
    let mut total = ExpAmounts::default();
    for (_, a) in items.values() {
        total.add(a);
    }
    let mut rows = vec![exp_cells(
        Row::new(RowKind::Total).text("name", "合计"),
        &total,
    )];
    let mut classes: BTreeMap<&str, ExpAmounts> = BTreeMap::new();
    let mut kuans: BTreeMap<&str, ExpAmounts> = BTreeMap::new();
    for (code, (_, a)) in &items {
        classes.entry(prefix(code, 3)).or_default().add(a);
        kuans.entry(prefix(code, 5)).or_default().add(a);
    }
    for (class, ca) in &classes {
        rows.push(exp_cells(
            Row::new(RowKind::Group1)
                .text("code", *class)
                .text("name", function_name(ctx, class)),
            ca,
        ));
        for (kuan, ka) in kuans
            .range(*class..)
            .take_while(|(k, _)| k.starts_with(class))
        {
            rows.push(exp_cells(
                Row::new(RowKind::Group2)
                    .text("code", *kuan)
                    .text("name", function_name(ctx, kuan)),
                ka,
            ));
            for (code, (name, a)) in items
                .range(*kuan..)
                .take_while(|(k, _)| k.starts_with(kuan))
            {
                rows.push(exp_cells(
                    Row::new(RowKind::Item)
                        .text("code", *code)
                        .text("name", name.clone()),
                    a,
                ));
            }
        }
    }
    Dataset { rows }
}

fn prefix(code: &str, n: usize) -> &str {
    code.get(..n).unwrap_or(code)
}

/// Expenditure per function 类 code, for the lines whose funding matches.
pub(super) fn class_totals(
    ctx: &Ctx<'_>,
    keep: impl Fn(Funding) -> bool,
) -> BTreeMap<String, Money> {
    let mut m: BTreeMap<String, Money> = BTreeMap::new();
    for line in ctx.budget.expenditure.iter().filter(|l| keep(l.funding)) {
        *m.entry(prefix(&line.code, 3).to_owned()).or_default() += ExpAmounts::of(line).total();
    }
    m
}

/// 表1 收支预算总表: two-sided, nine income sources against the 25 fixed categories, then
/// 本年收入合计 / 本年支出合计 (`current_total`), the carry-over (`carryover`) and the totals
/// (`total`). Worded by the template (see [`super::paired`]).
pub(super) fn summary(ctx: &Ctx<'_>) -> Dataset {
    let income = ctx.income_current();
    let carry = ctx.income_carryover();
    let by_class = class_totals(ctx, |_| true);
    let left: Vec<Line> = SOURCE_NAMES
        .iter()
        .zip(income.by_key())
        .zip(1..)
        .map(|(((key, name), (_, v)), n)| Line::numbered(key, 1, n, Some(name), v))
        .collect();
    let right = class_lines(&by_class, 1);
    let mut rows = paired::pair(&left, &right);
    let exp_total: Money = by_class.values().sum();
    rows.push(paired::row(
        RowKind::Group1,
        Some(&Line::plain("current_total", income.total())),
        Some(&Line::plain("current_total", exp_total)),
    ));
    rows.push(paired::row(
        RowKind::Item,
        Some(&Line::plain("carryover", carry.total())),
        Some(&Line::plain("carryover", Money::ZERO)),
    ));
    rows.push(paired::row(
        RowKind::Total,
        Some(&Line::plain("total", income.total() + carry.total())),
        Some(&Line::plain("total", exp_total)),
    ));
    Dataset { rows }
}

/// The 25 fixed function 类 at `level`, numbered, with their amounts in `by_class`.
fn class_lines(by_class: &BTreeMap<String, Money>, level: u32) -> Vec<Line> {
    catalog::function_classes()
        .iter()
        .zip(1..)
        .map(|(e, n)| {
            let v = by_class.get(e.code).copied().unwrap_or_default();
            Line::numbered(e.code, level, n, Some(e.name), v)
        })
        .collect()
}

/// 表4 财政拨款收支预算总表: 本年收入 (`current`) and 上年结转 (`carryover`), each with its
/// three appropriations (`general`, `fund`, `state_capital`), against 本年支出 with the 25
/// categories and 年终结转结余; then the totals (`total`). Worded by the template.
pub(super) fn fiscal_summary(ctx: &Ctx<'_>) -> Dataset {
    let inc = ctx.income_current();
    let carry = ctx.income_carryover();
    let by_class = class_totals(ctx, Funding::is_fiscal);
    let exp_total: Money = by_class.values().sum();
    let appropriations = |s: &Sources| {
        [
            ("general", s.general),
            ("fund", s.fund),
            ("state_capital", s.state_capital),
        ]
        .into_iter()
        .zip(1..)
        .map(|((k, v), n)| Line::numbered(k, 2, n, None, v))
    };
    let mut left = vec![Line::numbered("current", 1, 1, None, inc.fiscal())];
    left.extend(appropriations(&inc));
    left.push(Line::numbered("carryover", 1, 2, None, carry.fiscal()));
    left.extend(appropriations(&carry));
    let mut right = vec![Line::numbered("current", 1, 1, None, exp_total)];
    right.extend(class_lines(&by_class, 2));
    right.push(Line::numbered("carryover", 1, 2, None, Money::ZERO));
    let mut rows = paired::pair(&left, &right);
    rows.push(paired::row(
        RowKind::Total,
        Some(&Line::plain("total", inc.fiscal() + carry.fiscal())),
        Some(&Line::plain("total", exp_total)),
    ));
    Dataset { rows }
}

/// 表2 收入预算总表: income by unit and source.
pub(super) fn income_by_unit(ctx: &Ctx<'_>) -> Dataset {
    let row = |kind, code: &str, name: &str, cur: &Sources, carry: &Sources| {
        let mut r = Row::new(kind)
            .text("code", code)
            .text("name", name)
            .money("total", cur.total() + carry.total())
            .money("carryover", carry.total());
        for (k, v) in cur.by_key() {
            r = r.money(k, v);
        }
        r
    };
    let (cur, carry) = (ctx.income_current(), ctx.income_carryover());
    let mut rows = vec![row(RowKind::Total, "", "合计", &cur, &carry)];
    rows.push(row(
        RowKind::Group1,
        &ctx.budget.department.code,
        ctx.dept_full_name(),
        &cur,
        &carry,
    ));
    for u in &ctx.budget.units {
        let (mut c, mut k) = (Sources::default(), Sources::default());
        for l in ctx
            .budget
            .income
            .iter()
            .filter(|l| ctx.unit_of(&l.unit) == u.code)
        {
            c.add(&l.current);
            k.add(&l.carryover);
        }
        rows.push(row(RowKind::Item, &u.code, &u.name, &c, &k));
    }
    Dataset { rows }
}

/// 表6 一般公共预算支出表(分单位).
pub(super) fn general_by_unit(ctx: &Ctx<'_>) -> Dataset {
    let general = |l: &&crate::load::schema::ExpenditureLine| l.funding == Funding::General;
    let mut total = ExpAmounts::default();
    for l in ctx.budget.expenditure.iter().filter(general) {
        total.add(&ExpAmounts::of(l));
    }
    if total.total().is_zero() {
        return Dataset::default();
    }
    let mut rows = vec![exp_cells(
        Row::new(RowKind::Total).text("name", "合计"),
        &total,
    )];
    rows.push(exp_cells(
        Row::new(RowKind::Group1)
            .text("code", ctx.budget.department.code.clone())
            .text("name", ctx.dept_full_name()),
        &total,
    ));
    for u in &ctx.budget.units {
        let mut a = ExpAmounts::default();
        for l in ctx
            .budget
            .expenditure
            .iter()
            .filter(general)
            .filter(|l| ctx.unit_of(&l.unit) == u.code)
        {
            a.add(&ExpAmounts::of(l));
        }
        rows.push(exp_cells(
            Row::new(RowKind::Item)
                .text("code", u.code.clone())
                .text("name", u.name.clone()),
            &a,
        ));
    }
    Dataset { rows }
}

/// 表7 一般公共预算基本支出表: economic classification 类 and 款.
pub(super) fn economic(ctx: &Ctx<'_>) -> Dataset {
    let mut kuans: BTreeMap<&str, (String, Money, Money)> = BTreeMap::new();
    for l in &ctx.budget.basic_economic {
        let e = kuans
            .entry(l.code.as_str())
            .or_insert_with(|| (l.name.clone(), Money::ZERO, Money::ZERO));
        e.1 += l.personnel;
        e.2 += l.public;
    }
    if kuans.is_empty() {
        return Dataset::default();
    }
    let cells = |r: Row, p: Money, q: Money| {
        r.money("total", p + q)
            .money("personnel", p)
            .money("public", q)
    };
    let (p, q): (Money, Money) = (
        kuans.values().map(|v| v.1).sum(),
        kuans.values().map(|v| v.2).sum(),
    );
    let mut rows = vec![cells(Row::new(RowKind::Total).text("name", "合计"), p, q)];
    let mut classes: BTreeMap<&str, (Money, Money)> = BTreeMap::new();
    for (code, v) in &kuans {
        let c = classes.entry(prefix(code, 3)).or_default();
        c.0 += v.1;
        c.1 += v.2;
    }
    for (class, (cp, cq)) in &classes {
        rows.push(cells(
            Row::new(RowKind::Group1)
                .text("code", *class)
                .text("name", economic_name(ctx, class)),
            *cp,
            *cq,
        ));
        for (code, (name, kp, kq)) in kuans
            .range(*class..)
            .take_while(|(k, _)| k.starts_with(class))
        {
            rows.push(cells(
                Row::new(RowKind::Item)
                    .text("code", *code)
                    .text("name", name.clone()),
                *kp,
                *kq,
            ));
        }
    }
    Dataset { rows }
}

/// 表8 "三公" 经费支出表: one row, or none when every item is zero.
pub(super) fn sangong(ctx: &Ctx<'_>) -> Dataset {
    let s = &ctx.budget.sangong;
    let vehicles = s.vehicle_purchase.current + s.vehicle_operation.current;
    let total = s.outbound.current + s.reception.current + vehicles;
    if total.is_zero() {
        return Dataset::default();
    }
    let row = Row::new(RowKind::Item)
        .money("total", total)
        .money("outbound", s.outbound.current)
        .money("vehicles", vehicles)
        .money("vehicle_purchase", s.vehicle_purchase.current)
        .money("vehicle_operation", s.vehicle_operation.current)
        .money("reception", s.reception.current);
    Dataset { rows: vec![row] }
}

/// Funding families of the columns of table 11.
fn project_cells(r: Row, cur: &Sources, carry: &Sources) -> Row {
    r.money("total", cur.total() + carry.total())
        .money("general", cur.general)
        .money("fund", cur.fund)
        .money("state_capital", cur.state_capital)
        .money("carryover_general", carry.general)
        .money("carryover_fund", carry.fund)
        .money("carryover_state_capital", carry.state_capital)
        .money(
            "special_account",
            cur.special_account + carry.special_account,
        )
        .money("unit_funds", cur.unit_funds() + carry.unit_funds())
}

/// 表11 项目支出预算表: 合计, department, units, categories, projects.
pub(super) fn projects(ctx: &Ctx<'_>) -> Dataset {
    let ps = &ctx.budget.projects;
    if ps.is_empty() {
        return Dataset::default();
    }
    let sum = |it: &mut dyn Iterator<Item = &crate::load::schema::Project>| {
        let (mut c, mut k) = (Sources::default(), Sources::default());
        for p in it {
            c.add(&p.amounts);
            k.add(&p.carryover);
        }
        (c, k)
    };
    let (c, k) = sum(&mut ps.iter());
    let mut rows = vec![project_cells(
        Row::new(RowKind::Total).text("name", "合计"),
        &c,
        &k,
    )];
    rows.push(project_cells(
        Row::new(RowKind::Group1)
            .text("code", ctx.budget.department.code.clone())
            .text("name", ctx.dept_full_name()),
        &c,
        &k,
    ));
    for u in &ctx.budget.units {
        let in_unit = |p: &&crate::load::schema::Project| ctx.unit_of(&p.unit) == u.code;
        if !ps.iter().any(|p| in_unit(&p)) {
            continue;
        }
        let (c, k) = sum(&mut ps.iter().filter(in_unit));
        rows.push(project_cells(
            Row::new(RowKind::Group2)
                .text("code", u.code.clone())
                .text("name", u.name.clone()),
            &c,
            &k,
        ));
        let mut categories: Vec<(&Option<String>, &str)> = Vec::new();
        for p in ps.iter().filter(in_unit) {
            if !categories.iter().any(|c| c.1 == p.category) {
                categories.push((&p.category_code, &p.category));
            }
        }
        for (ccode, cname) in categories {
            let in_cat = |p: &&crate::load::schema::Project| in_unit(p) && p.category == cname;
            let (c, k) = sum(&mut ps.iter().filter(in_cat));
            rows.push(project_cells(
                Row::new(RowKind::Group3)
                    .text("code", ccode.clone().unwrap_or_default())
                    .text("name", cname),
                &c,
                &k,
            ));
            for p in ps.iter().filter(in_cat) {
                rows.push(project_cells(
                    Row::new(RowKind::Item)
                        .text("code", p.code.clone().unwrap_or_default())
                        .text("name", p.name.clone())
                        .text("unit_name", u.name.clone()),
                    &p.amounts,
                    &p.carryover,
                ));
            }
        }
    }
    Dataset { rows }
}

fn bracketed(code: &str, name: &str) -> String {
    format!("[{code}]{name}")
}

/// 表12 政府采购预算表.
pub(super) fn procurement(ctx: &Ctx<'_>) -> Dataset {
    let lines = &ctx.budget.procurement.lines;
    if lines.is_empty() {
        return Dataset::default();
    }
    let mut rows = vec![Row::new(RowKind::Total)
        .text("unit_name", "合计")
        .money("amount", lines.iter().map(|l| l.amount).sum())
        .money("sme", lines.iter().map(|l| l.sme).sum())
        .money("small_micro", lines.iter().map(|l| l.small_micro).sum())];
    rows.push(
        Row::new(RowKind::Group1)
            .text("unit_code", ctx.budget.department.code.clone())
            .text("unit_name", ctx.dept_full_name()),
    );
    for u in &ctx.budget.units {
        for l in lines.iter().filter(|l| ctx.unit_of(&l.unit) == u.code) {
            rows.push(
                Row::new(RowKind::Item)
                    .text("unit_code", u.code.clone())
                    .text("unit_name", u.name.clone())
                    .text("project", l.project.clone().unwrap_or_default())
                    .text("item", bracketed(&l.item_code, &l.item_name))
                    .text("item_code", l.item_code.clone())
                    .text("item_name", l.item_name.clone())
                    .text(
                        "function",
                        l.function_code
                            .as_deref()
                            .map(|c| bracketed(c, &function_name(ctx, c)))
                            .unwrap_or_default(),
                    )
                    .text(
                        "economic",
                        l.economic_code
                            .as_deref()
                            .map(|c| bracketed(c, &economic_name(ctx, c)))
                            .unwrap_or_default(),
                    )
                    .text("fund_source", l.fund_source.clone().unwrap_or_default())
                    .text("fund_nature", l.fund_nature.clone().unwrap_or_default())
                    .opt_number("quantity", l.quantity)
                    .opt_money("unit_price", l.unit_price)
                    .text("measure", l.measure.clone().unwrap_or_default())
                    .money("amount", l.amount)
                    .money("sme", l.sme)
                    .money("small_micro", l.small_micro),
            );
        }
    }
    Dataset { rows }
}

/// 表13 政府向社会力量购买服务预算表.
pub(super) fn services(ctx: &Ctx<'_>) -> Dataset {
    let lines = &ctx.budget.purchased_services.lines;
    if lines.is_empty() {
        return Dataset::default();
    }
    let mut rows = vec![Row::new(RowKind::Total)
        .text("unit_name", "合计")
        .money("amount", lines.iter().map(|l| l.amount).sum())];
    rows.push(
        Row::new(RowKind::Group1)
            .text("unit_code", ctx.budget.department.code.clone())
            .text("unit_name", ctx.dept_full_name()),
    );
    for u in &ctx.budget.units {
        for l in lines.iter().filter(|l| ctx.unit_of(&l.unit) == u.code) {
            let cat = |i: usize| l.catalog.get(i).cloned().unwrap_or_default();
            rows.push(
                Row::new(RowKind::Item)
                    .text("unit_code", u.code.clone())
                    .text("unit_name", u.name.clone())
                    .text(
                        "includes_procurement",
                        if l.includes_procurement { "是" } else { "否" },
                    )
                    .text("project", l.project.clone())
                    .text("content", l.content.clone())
                    .number("quantity", l.quantity)
                    .money("amount", l.amount)
                    .text("fund_source", l.fund_source.clone())
                    .text("fund_nature", l.fund_nature.clone())
                    .text(
                        "function",
                        bracketed(&l.function_code, &function_name(ctx, &l.function_code)),
                    )
                    .text(
                        "economic",
                        bracketed(&l.economic_code, &economic_name(ctx, &l.economic_code)),
                    )
                    .text("catalog1", cat(0))
                    .text("catalog2", cat(1))
                    .text("catalog3", cat(2)),
            );
        }
    }
    Dataset { rows }
}
