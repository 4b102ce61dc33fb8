//! The one registry of datasets every budget report carries (`Report.tables`): their
//! keys, what they are, whether their rows form an additive hierarchy (合计 → 类/单位 →
//! 款 → 项, each total the sum of the rows under it, which the output invariant checks),
//! and the function that builds each. To add a dataset: its builder in `tables.rs` (the
//! standard tables) or `detail.rs` (the split and per-unit ones) and one line here.

use std::collections::BTreeMap;

use super::tables::{self, Dataset};
use super::{detail, paired, Ctx};
use crate::load::schema::Funding;

/// The datasets built so far, by key (a builder may read those before it in [`ALL`]).
pub(crate) type Tables = BTreeMap<&'static str, Dataset>;

/// Builds one dataset.
type Build = fn(&Ctx<'_>, &Tables) -> Dataset;

/// How a dataset's rows relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Totals (total/group1/group2 rows) are sums of the rows under them.
    Hierarchy,
    /// Rows that are not sums of one another (two-sided tables, lists, years side by side).
    Other,
}

/// One dataset.
#[derive(Debug, Clone, Copy)]
pub struct Info {
    /// Key in `Report.tables`.
    pub key: &'static str,
    /// What it holds, in Chinese, for messages.
    pub title: &'static str,
    /// How its rows relate.
    pub shape: Shape,
    /// How it is built.
    build: Build,
}

const fn info(key: &'static str, title: &'static str, shape: Shape, build: Build) -> Info {
    Info {
        key,
        title,
        shape,
        build,
    }
}

/// Every dataset of a budget, built in [`ALL`]'s order.
pub(super) fn build_all(ctx: &Ctx<'_>) -> Tables {
    let mut tables = Tables::new();
    for i in ALL {
        let d = (i.build)(ctx, &tables);
        tables.insert(i.key, d);
    }
    tables
}

/// The dataset `key` built before, or an empty one.
fn built(tables: &Tables, key: &str) -> Dataset {
    tables.get(key).cloned().unwrap_or_default()
}

/// Funds whose spending the fiscal tables show.
fn fiscal(f: Funding) -> bool {
    matches!(
        f,
        Funding::General | Funding::Fund | Funding::SpecialAccount
    )
}

use Shape::{Hierarchy, Other};

/// Every dataset, in key order (a builder reading others comes after them).
pub const ALL: &[Info] = &[
    info(
        "basic_split",
        "基本支出（分资金来源）",
        Hierarchy,
        |c, _| detail::basic_split(c),
    ),
    info("expenditure", "支出预算总表", Hierarchy, |c, _| {
        tables::function_hierarchy(c, |_| true)
    }),
    info("fiscal", "财政拨款收支预算总表", Other, |c, _| {
        tables::fiscal_summary(c)
    }),
    info(
        "fiscal_hierarchy",
        "财政拨款支出（分功能科目）",
        Hierarchy,
        |c, _| tables::function_hierarchy(c, fiscal),
    ),
    info(
        "fiscal_summary_split",
        "政府预算拨款收支总表（分资金来源）",
        Other,
        |c, t| split_summaries(c, t).1,
    ),
    info(
        "fund",
        "政府性基金预算支出表",
        Hierarchy,
        |c, _| tables::function_hierarchy(c, |f| f == Funding::Fund),
    ),
    info(
        "fund_units",
        "政府性基金预算支出表（分单位）",
        Hierarchy,
        |c, _| detail::function_by_unit(c, |l| l.funding == Funding::Fund),
    ),
    info(
        "general_economic",
        "一般公共预算基本支出表（分经济科目）",
        Hierarchy,
        |c, _| tables::economic(c),
    ),
    info(
        "general_function",
        "一般公共预算支出表（分功能科目）",
        Hierarchy,
        |c, _| tables::function_hierarchy(c, |f| f == Funding::General),
    ),
    info(
        "general_unit",
        "一般公共预算支出表（分单位）",
        Hierarchy,
        |c, _| tables::general_by_unit(c),
    ),
    info(
        "general_units",
        "一般公共预算支出表（分单位、功能科目）",
        Hierarchy,
        |c, _| detail::function_by_unit(c, |l| l.funding == Funding::General && !l.transfer),
    ),
    info("income", "收入预算总表", Hierarchy, |c, _| {
        tables::income_by_unit(c)
    }),
    info(
        "income_split",
        "收入预算（分资金来源）",
        Hierarchy,
        |c, _| detail::income_split_by_unit(c),
    ),
    info(
        "performance_projects",
        "预算绩效管理项目情况表",
        Hierarchy,
        |c, _| detail::performance_projects(c),
    ),
    info("procurement", "政府采购预算表", Hierarchy, |c, _| {
        tables::procurement(c)
    }),
    info(
        "procurement_items",
        "政府采购项目支出表",
        Hierarchy,
        |c, _| detail::procurement_items(c),
    ),
    info(
        "project_split",
        "项目支出（分经济科目、资金来源）",
        Hierarchy,
        |c, _| detail::project_split(c),
    ),
    info("projects", "项目支出预算表", Hierarchy, |c, _| {
        tables::projects(c)
    }),
    info(
        "sangong",
        "一般公共预算“三公”经费支出表",
        Other,
        |c, _| tables::sangong(c),
    ),
    info(
        "sangong_units",
        "“三公”经费支出表（分单位）",
        Other,
        |c, _| detail::sangong_by_unit(c),
    ),
    info(
        "services",
        "政府购买服务预算表",
        Hierarchy,
        |c, _| tables::services(c),
    ),
    info(
        "state_capital",
        "国有资本经营预算支出表",
        Hierarchy,
        |c, _| tables::function_hierarchy(c, |f| f == Funding::StateCapital),
    ),
    info(
        "state_capital_units",
        "国有资本经营预算支出表（分单位）",
        Hierarchy,
        |c, _| detail::function_by_unit(c, |l| l.funding == Funding::StateCapital),
    ),
    info("summary", "收支预算总表", Other, |c, _| {
        tables::summary(c)
    }),
    info(
        "summary_split",
        "收支总表（分资金来源）",
        Other,
        |c, t| split_summaries(c, t).0,
    ),
    info(
        "transfer_units",
        "上级专项转移支付支出表",
        Hierarchy,
        |c, _| detail::function_by_unit(c, |l| l.transfer),
    ),
    info(
        "unit_expenditure",
        "部门支出（分单位）",
        Hierarchy,
        |c, _| detail::expenditure_by_unit(c),
    ),
];

/// The registry entry of `key`.
pub fn find(key: &str) -> Option<&'static Info> {
    ALL.iter().find(|i| i.key == key)
}

/// What dataset `key` holds, for messages.
pub fn title(key: &str) -> &str {
    find(key).map_or(key, |i| i.title)
}

/// The Chinese name of a money column, for messages.
pub fn column_title(column: &str) -> &str {
    match column {
        "total" => "合计",
        "basic" => "基本支出",
        "personnel" => "人员经费",
        "public" => "公用经费",
        "project" => "项目支出",
        "current" => "本年",
        "fiscal" => "财政拨款",
        "general" => "一般公共预算",
        "fund" => "政府性基金",
        "state_capital" => "国有资本经营预算",
        "special_account" => "财政专户",
        "carryover" => "上年结转",
        "carryover_general" => "一般公共预算上年结转",
        "general_regular" => "一般性经费拨款",
        "general_special" => "财政专项资金拨款",
        "general_investment" => "政府投资项目",
        "fund_regular" => "政府性基金一般性经费",
        "fund_investment" => "政府性基金政府投资项目",
        "reserve" => "预备费",
        "business" => "事业收入",
        "operating" => "事业单位经营收入",
        "superior" => "上级补助收入",
        "affiliated" => "附属单位上缴收入",
        "other" => "其他收入",
        "unit_funds" => "单位资金",
        "sme" => "面向中小企业",
        "small_micro" => "面向小微企业",
        "amount" => "金额",
        other => other,
    }
}

/// The two-sided summaries split by source (`summary_split`, `fiscal_summary_split`),
/// from the income split and the expenditure hierarchies built before them.
fn split_summaries(ctx: &Ctx<'_>, tables: &Tables) -> (Dataset, Dataset) {
    paired::split_summaries(
        &detail::income_split_total(ctx).0,
        &built(tables, "expenditure"),
        &built(tables, "fiscal_hierarchy"),
    )
}
