//! Starting a new input file: a commented skeleton in Chinese, or next year's file carried
//! over from last year's (structure and texts kept, last year's figures moved into the
//! "previous year" fields, reasons and control totals cleared).

use serde_yaml::{Mapping, Value};

use crate::error::Error;
use crate::load::amounts::ExpAmounts;
use crate::load::Loaded;
use crate::num::Money;

/// The schema line editors read (written by `gongkai schema > gongkai.schema.json`).
const SCHEMA_LINE: &str = "# yaml-language-server: $schema=gongkai.schema.json";

/// A commented skeleton for `layout`, whose document kind is `kind` (see `kind.rs`);
/// every 待填写 must be replaced before `check` passes. `None` for an unknown kind.
pub fn skeleton_of(kind: &str, layout: &str) -> Option<String> {
    match kind {
        "budget" => Some(skeleton(layout)),
        "performance-targets" => Some(format!(
            "# yaml-language-server: $schema=gongkai.{kind}.schema.json
# gongkai 绩效目标表输入文件。字段说明见 inputs/README.md 第 24 节；`gongkai check 本文件` 逐项校验。
# 金额单位：万元，精确到元（至多 4 位小数）；资金总额、汇总表、合计由程序计算。
kind: {kind}
layout: {layout}
year: 2026
department: 待填写                # 填报单位、项目主管部门
department_form:                  # 部门整体支出绩效目标表
  unit: 待填写                    # 部门名称，如“信访局本级”
  funds: {{ general: 0, fund: 0, other: 0, basic: 0, project: 0 }}   # 按收入性质分 = 按支出性质分
  duties:                         # 部门职责概述，每条一项
    - 待填写
  work_plan:                      # 年度重点工作计划
    - {{ item: 待填写, owner: 待填写, goal: 待填写 }}
  indicators:                     # 年度绩效指标
    - {{ level1: 产出指标, level2: 产出数量, name: 待填写, value: 待填写 }}
    - {{ level1: 效益指标, level2: 社会效益, name: 待填写, value: 待填写 }}
special_funds:                    # 专项资金：每个支出方向一张表，汇总表由程序生成
  directions:
    - name: 待填写                # 支出方向（子项）
      special: 待填写             # 所属专项
      amount: 0
      period: 1年                 # 项目实施期
      period_goal: 待填写         # 实施期绩效目标
      annual_goal: 待填写         # 年度绩效目标
      indicators:
        - {{ level1: 产出指标, level2: 产出数量, name: 待填写, value: 待填写 }}
        - {{ level1: 效益指标, level2: 社会效益, name: 待填写, value: 待填写 }}
"
        )),
        "self-evaluation" => Some(format!(
            "# yaml-language-server: $schema=gongkai.{kind}.schema.json
# gongkai 绩效自评表输入文件。字段说明见 inputs/README.md 第 24 节；`gongkai check 本文件` 逐项校验。
# 金额单位：万元；合计与预算执行率（实际 ÷ 预算）由程序计算。
kind: {kind}
layout: {layout}
year: 2025                        # 自评的预算年度
department:
  name: 待填写                    # 标题与“部门名称”列，如“区信访局”
  full_name: 待填写               # 盖章的部门名称
projects:
  - name: 待填写                  # 项目名称
    budget: {{ general: 0, fund: 0, non_fiscal: 0 }}   # 项目年度预算金额
    actual: {{ general: 0, fund: 0, non_fiscal: 0 }}   # 实际支出金额；超过预算须写 overspend_reason
    target: 待填写                # 年初绩效目标
    completion: 待填写            # 绩效目标整体完成情况，如 100%
    indicators:                   # 每项写 {{ target: 年度指标内容, result: 完成情况 }}，或 不适用
      output:
        quantity: {{ target: 待填写, result: 待填写 }}
      satisfaction:
        service: {{ target: 待填写, result: 待填写 }}
    problems: 无                  # 项目执行中存在的问题
"
        )),
        _ => None,
    }
}

/// A commented skeleton of a department budget for `layout`; every 待填写 must be
/// replaced before `check` passes.
pub fn skeleton(layout: &str) -> String {
    format!(
        "{SCHEMA_LINE}
# gongkai 部门预算输入文件。字段说明见 inputs/README.md；`gongkai check 本文件` 逐项校验。
# 金额单位：万元；科目编码加引号；每个事实只录一次，合计、占比、增减由程序计算。
layout: {layout}
year: 2026                      # 预算年度
approval_date: \"2026-01-15\"     # 财政批复日期，用于核对 20 日内公开的时限
department:
  name: 待填写                  # 标题中的部门名称，如“江汉区信访局”
  full_name: 待填写             # 报表中的部门全称
  code: \"000\"                   # 部门编码
  region: 待填写                # 区名，如“江汉区”
  phone: 待填写                 # 公开咨询电话
units:                          # 预算单位（至少一个）
  - code: \"000001\"
    name: 待填写
overview:
  functions:                    # 主要职能，每条一项，不写序号
    - 待填写
  composition: 待填写           # 预算单位构成情况
  staffing:
    authorized: [{{ kind: 行政编制, count: 0 }}]
    as_of: 2025 年 12 月
    actual: [{{ kind: 行政人员, count: 0 }}]
    retired: 0
previous_year:                  # 上年预算数（用于同比）
  total: 0
  general_public: 0
income:                         # 收入：按单位、按来源
  - current: {{ general: 0 }}
expenditure:                    # 支出：功能分类项级，分人员经费/公用经费/项目支出
  - {{ code: \"2010101\", name: 行政运行, personnel: 0, public: 0 }}
basic_economic:                 # 基本支出：经济分类款级
  - {{ code: \"30101\", name: 基本工资, personnel: 0 }}
projects: []
sangong:                        # “三公”经费：本年、上年，有增减须写原因
  scope: 待填写
  outbound: {{ current: 0, previous: 0 }}
  reception: {{ current: 0, previous: 0 }}
  vehicle_purchase: {{ current: 0, previous: 0 }}
  vehicle_operation: {{ current: 0, previous: 0 }}
admin_costs:                    # 机关运行经费
  current: 0
  previous: 0
  includes: 待填写
assets:
  text: 待填写                  # 国有资产占有使用情况
narrative:
  total_change_reason: 待填写   # 收支总预算增减的主要原因
  performance:
    - 待填写                    # 预算绩效开展情况
"
    )
}

fn get<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, k| v.get_mut(*k))
}

/// An amount as a YAML number. serde_yaml holds numbers as `f64` and writes their
/// shortest round-trip text, which is exactly the decimal for amounts of up to 15
/// significant digits — the most the loader accepts unquoted (AMT-001) — so the round trip
/// through this value keeps every amount exact.
fn money(m: Money) -> Value {
    serde_yaml::to_value(
        m.get()
            .normalize()
            .to_string()
            .parse::<f64>()
            .unwrap_or(0.0),
    )
    .unwrap_or(Value::Null)
}

fn remove(v: &mut Value, path: &[&str], key: &str) {
    if let Some(Value::Mapping(m)) = get(v, path) {
        m.remove(key);
    }
}

/// Next year's file from last year's: `loaded` must be last year's valid input.
pub fn from_last_year(loaded: &Loaded, text: &str) -> Result<String, Error> {
    let b = &loaded.doc;
    let mut v: Value = serde_yaml::from_str(text).map_err(|e| Error::Template(e.to_string()))?;
    let exp = ExpAmounts::sum_of(&b.expenditure, |_| true);
    let general = ExpAmounts::sum_of(&b.expenditure, |f| {
        f == crate::load::schema::Funding::General
    })
    .total();
    if let Some(y) = get(&mut v, &["year"]) {
        *y = Value::from(b.year + 1);
    }
    let mut prev = Mapping::new();
    prev.insert("total".into(), money(exp.total()));
    prev.insert("general_public".into(), money(general));
    if !b.previous_year.general_classes.is_empty() {
        // Last year's classes compared year on year: this year's general classes.
        let mut classes: std::collections::BTreeMap<&str, Money> = Default::default();
        for l in b
            .expenditure
            .iter()
            .filter(|l| l.funding == crate::load::schema::Funding::General)
        {
            *classes
                .entry(l.code.get(..3).unwrap_or(&l.code))
                .or_default() += ExpAmounts::of(l).total();
        }
        let rows = classes
            .into_iter()
            .map(|(code, amount)| {
                let mut m = Mapping::new();
                m.insert("code".into(), Value::from(code));
                m.insert("amount".into(), money(amount));
                Value::Mapping(m)
            })
            .collect();
        prev.insert("general_classes".into(), Value::Sequence(rows));
    }
    // Execution periods within last year move on by one year.
    if let Some(Value::Sequence(projects)) = get(&mut v, &["projects"]) {
        for p in projects {
            for end in ["start", "end"] {
                if let Some(Value::String(d)) = get(p, &["period", end]) {
                    if let Some(rest) = d.strip_prefix(&b.year.to_string()) {
                        *d = format!("{}{rest}", b.year + 1);
                    }
                }
            }
        }
    }
    if let Value::Mapping(m) = &mut v {
        m.insert("previous_year".into(), Value::Mapping(prev));
        m.remove("approval_date");
        m.remove("stated");
    }
    for item in [
        "outbound",
        "reception",
        "vehicle_purchase",
        "vehicle_operation",
    ] {
        let current = get(&mut v, &["sangong", item, "current"]).cloned();
        if let (Some(c), Some(p)) = (current, get(&mut v, &["sangong", item, "previous"])) {
            *p = c;
        }
        remove(&mut v, &["sangong", item], "reason");
    }
    remove(&mut v, &["sangong"], "reason");
    if let Some(c) = get(&mut v, &["admin_costs", "current"]).cloned() {
        if let Some(p) = get(&mut v, &["admin_costs", "previous"]) {
            *p = c;
        }
    }
    remove(&mut v, &["admin_costs"], "reason");
    let procurement: Money = b.procurement.lines.iter().map(|l| l.amount).sum();
    if let Some(Value::Mapping(m)) = get(&mut v, &["procurement"]) {
        m.insert("previous".into(), money(procurement));
        m.remove("reason");
    }
    let services: Money = b.purchased_services.lines.iter().map(|l| l.amount).sum();
    if let Some(Value::Mapping(m)) = get(&mut v, &["purchased_services"]) {
        m.insert("previous".into(), money(services));
    }
    remove(&mut v, &["narrative"], "total_change_reason");
    remove(&mut v, &["narrative"], "general_change_reason");
    // The department form's history moves one year on: [last year's 上年, last year's budget].
    if let Some(d) = &b.department_performance {
        let (cur, carry) = crate::load::amounts::income_totals(b);
        let h = &d.history;
        let rows = [
            ("fiscal", h.fiscal[1], cur.fiscal() + carry.fiscal()),
            (
                "special_account",
                h.special_account[1],
                cur.special_account + carry.special_account,
            ),
            (
                "unit_funds",
                h.unit_funds[1],
                cur.unit_funds() + carry.unit_funds(),
            ),
            ("personnel", h.personnel[1], exp.personnel),
            ("operation", h.operation[1], exp.public),
            (
                "specific",
                h.specific[1],
                exp.project + exp.operating + exp.remit_superior + exp.subsidy_affiliated,
            ),
        ];
        if let Some(Value::Mapping(m)) = get(&mut v, &["department_performance", "history"]) {
            for (key, older, newer) in rows {
                m.insert(
                    key.into(),
                    Value::Sequence(vec![money(older), money(newer)]),
                );
            }
        }
    }
    let body = serde_yaml::to_string(&v).map_err(|e| Error::Template(e.to_string()))?;
    Ok(format!(
        "{SCHEMA_LINE}\n# 由 {} 年的输入生成：结构和文字沿用上年；上年数（previous_year、“三公”、机关运行经费、\n# 政府采购的 previous 等）已填入上年预算数。本年数暂沿用上年，请逐项改为 {} 年的数字，\n# 并为有增减的数字写明原因，然后运行 gongkai check。\n{body}",
        b.year,
        b.year + 1
    ))
}
