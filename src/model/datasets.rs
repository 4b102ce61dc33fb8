//! The registry of datasets every budget report carries (`Report.tables`): their keys,
//! what they are, and whether their rows form an additive hierarchy (合计 → 类/单位 →
//! 款 → 项, each total the sum of the rows under it), which the output invariant checks.

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
}

const fn info(key: &'static str, title: &'static str, shape: Shape) -> Info {
    Info { key, title, shape }
}

use Shape::{Hierarchy, Other};

/// Every dataset, in key order.
pub const ALL: &[Info] = &[
    info("basic_split", "基本支出（分资金来源）", Hierarchy),
    info("expenditure", "支出预算总表", Hierarchy),
    info("fiscal", "财政拨款收支预算总表", Other),
    info("fiscal_hierarchy", "财政拨款支出（分功能科目）", Hierarchy),
    info(
        "fiscal_summary_split",
        "政府预算拨款收支总表（分资金来源）",
        Other,
    ),
    info("fund", "政府性基金预算支出表", Hierarchy),
    info("fund_units", "政府性基金预算支出表（分单位）", Hierarchy),
    info(
        "general_economic",
        "一般公共预算基本支出表（分经济科目）",
        Hierarchy,
    ),
    info(
        "general_function",
        "一般公共预算支出表（分功能科目）",
        Hierarchy,
    ),
    info("general_unit", "一般公共预算支出表（分单位）", Hierarchy),
    info(
        "general_units",
        "一般公共预算支出表（分单位、功能科目）",
        Hierarchy,
    ),
    info("income", "收入预算总表", Hierarchy),
    info("income_split", "收入预算（分资金来源）", Hierarchy),
    info("performance_projects", "预算绩效管理项目情况表", Hierarchy),
    info("procurement", "政府采购预算表", Hierarchy),
    info("procurement_items", "政府采购项目支出表", Hierarchy),
    info(
        "project_split",
        "项目支出（分经济科目、资金来源）",
        Hierarchy,
    ),
    info("projects", "项目支出预算表", Hierarchy),
    info("sangong", "一般公共预算“三公”经费支出表", Other),
    info("sangong_units", "“三公”经费支出表（分单位）", Other),
    info("services", "政府购买服务预算表", Hierarchy),
    info("state_capital", "国有资本经营预算支出表", Hierarchy),
    info(
        "state_capital_units",
        "国有资本经营预算支出表（分单位）",
        Hierarchy,
    ),
    info("summary", "收支预算总表", Other),
    info("summary_split", "收支总表（分资金来源）", Other),
    info("transfer_units", "上级专项转移支付支出表", Hierarchy),
    info("unit_expenditure", "部门支出（分单位）", Hierarchy),
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
