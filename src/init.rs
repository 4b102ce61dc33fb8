//! Starting a new input file: a commented skeleton in Chinese, or next year's file carried
//! over from last year's (structure and texts kept, last year's figures moved into the
//! "previous year" fields, reasons and control totals cleared).

use crate::error::Error;
use crate::load::amounts::ExpAmounts;
use crate::load::Loaded;
use crate::num::Money;

/// The first line of a new input file: where editors (yaml-language-server, the VS Code
/// YAML extension) find the file's JSON Schema. `schema` is a `file://` URL or a path
/// relative to the file (see [`file_url`]).
pub fn modeline(schema: &str) -> String {
    format!("# yaml-language-server: $schema={schema}")
}

/// Whether `line` is an editor's schema modeline.
fn is_modeline(line: &str) -> bool {
    line.starts_with("# yaml-language-server:")
}

/// `path` (absolute) as a `file://` URL, percent-encoded, as a modeline names it: a
/// modeline ends at the first space, and a path with spaces or Chinese characters (a
/// Windows user folder) must survive. `C:\Users\x` becomes `file:///C:/Users/x`.
pub fn file_url(path: &std::path::Path) -> String {
    use std::fmt::Write;
    let path = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A commented skeleton for `layout`, whose document kind is `kind` (see `kind.rs`), its
/// first line naming `schema` for editors; every 待填写 must be replaced before `check`
/// passes. `None` for an unknown kind.
pub fn skeleton_of(kind: &str, layout: &str, schema: &str) -> Option<String> {
    let first = modeline(schema);
    match kind {
        "budget" => Some(skeleton(layout, schema)),
        "performance-targets" => Some(format!(
            "{first}
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
            "{first}
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

/// A commented skeleton of a department budget for `layout`, its first line naming
/// `schema` for editors; every 待填写 must be replaced before `check` passes.
pub fn skeleton(layout: &str, schema: &str) -> String {
    let first = modeline(schema);
    format!(
        "{first}
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

/// A decimal as YAML writes it (`825.16`).
fn num(m: Money) -> String {
    m.get().normalize().to_string()
}

/// Next year's file from last year's, edited as text so that comments, order, quoting and
/// number formats stay: `loaded` is last year's valid input and `text` its source. Last
/// year's figures move into the "previous year" fields; this year's amounts become
/// `待填`, so that `check` lists what remains to be entered and nothing is published by
/// accident; reasons, control totals and the approval date go; dates move on a year. The
/// first line names `schema` for editors, replacing the modeline last year's file had.
pub fn from_last_year(loaded: &Loaded, text: &str, schema: &str) -> Result<String, Error> {
    use crate::load::edit::Editor;
    use crate::load::schema::Funding;
    use crate::num::PENDING;

    let b = &loaded.doc;
    let mut e = Editor::new(text)?;
    let exp = ExpAmounts::sum_of(&b.expenditure, |_| true);
    let general = ExpAmounts::sum_of(&b.expenditure, |f| f == Funding::General).total();
    e.set("year", (b.year + 1).to_string());
    // Last year's figures: this file's.
    e.set("previous_year.total", num(exp.total()));
    e.set("previous_year.general_public", num(general));
    if e.has("previous_year.basic") {
        e.set("previous_year.basic", num(exp.basic()));
    }
    if e.has("previous_year.project") {
        e.set("previous_year.project", num(exp.project));
    }
    if !b.previous_year.general_classes.is_empty() {
        let mut classes: std::collections::BTreeMap<&str, Money> = Default::default();
        for l in b
            .expenditure
            .iter()
            .filter(|l| l.funding == Funding::General)
        {
            *classes
                .entry(l.code.get(..3).unwrap_or(&l.code))
                .or_default() += ExpAmounts::of(l).total();
        }
        let rows: Vec<String> = classes
            .iter()
            .map(|(code, amount)| format!("{{ code: \"{code}\", amount: {} }}", num(*amount)))
            .collect();
        e.remove("previous_year.general_classes");
        e.insert(
            "previous_year",
            "general_classes",
            &format!("[{}]", rows.join(", ")),
        );
    }
    // This year's amounts: to be entered.
    let pending = |e: &mut Editor<'_>, path: String| {
        if e.has(&path) {
            e.set(&path, PENDING);
        }
    };
    const SOURCES: [&str; 9] = [
        "general",
        "fund",
        "state_capital",
        "special_account",
        "business",
        "operating",
        "superior",
        "affiliated",
        "other",
    ];
    for i in 0..b.income.len() {
        for side in ["current", "carryover"] {
            for k in SOURCES {
                pending(&mut e, format!("income[{i}].{side}.{k}"));
            }
        }
    }
    for i in 0..b.expenditure.len() {
        for k in [
            "personnel",
            "public",
            "project",
            "operating",
            "remit_superior",
            "subsidy_affiliated",
        ] {
            pending(&mut e, format!("expenditure[{i}].{k}"));
        }
    }
    for i in 0..b.basic_economic.len() {
        for k in ["personnel", "public"] {
            pending(&mut e, format!("basic_economic[{i}].{k}"));
        }
    }
    for i in 0..b.project_economic.len() {
        pending(&mut e, format!("project_economic[{i}].amount"));
    }
    for (i, p) in b.projects.iter().enumerate() {
        for side in ["amounts", "carryover"] {
            for k in SOURCES {
                pending(&mut e, format!("projects[{i}].{side}.{k}"));
            }
        }
        if let Some(f) = &p.performance {
            for k in 0..f.details.len() {
                for col in ["local", "transfer", "other"] {
                    pending(
                        &mut e,
                        format!("projects[{i}].performance.details[{k}].{col}"),
                    );
                }
            }
        }
        // Execution periods within last year move on by one year.
        if let Some(period) = &p.period {
            for (key, d) in [("start", &period.start), ("end", &period.end)] {
                if let Some(rest) = d.strip_prefix(&b.year.to_string()) {
                    e.set(
                        &format!("projects[{i}].period.{key}"),
                        format!("\"{}{rest}\"", b.year + 1),
                    );
                }
            }
        }
    }
    for item in [
        "outbound",
        "reception",
        "vehicle_purchase",
        "vehicle_operation",
    ] {
        let sg = &b.sangong;
        let it = match item {
            "outbound" => &sg.outbound,
            "reception" => &sg.reception,
            "vehicle_purchase" => &sg.vehicle_purchase,
            _ => &sg.vehicle_operation,
        };
        e.set(&format!("sangong.{item}.previous"), num(it.current));
        e.set(&format!("sangong.{item}.current"), PENDING);
        e.remove(&format!("sangong.{item}.reason"));
    }
    e.remove("sangong.reason");
    e.set("admin_costs.previous", num(b.admin_costs.current));
    e.set("admin_costs.current", PENDING);
    e.remove("admin_costs.reason");
    let procurement: Money = b.procurement.lines.iter().map(|l| l.amount).sum();
    if !e.set("procurement.previous", num(procurement)) && !b.procurement.lines.is_empty() {
        e.insert("procurement", "previous", &num(procurement));
    }
    e.remove("procurement.reason");
    for i in 0..b.procurement.lines.len() {
        for k in ["amount", "sme", "small_micro", "unit_price", "quantity"] {
            pending(&mut e, format!("procurement.lines[{i}].{k}"));
        }
    }
    let services: Money = b.purchased_services.lines.iter().map(|l| l.amount).sum();
    if !e.set("purchased_services.previous", num(services))
        && !b.purchased_services.lines.is_empty()
    {
        e.insert("purchased_services", "previous", &num(services));
    }
    for i in 0..b.purchased_services.lines.len() {
        for k in ["amount", "quantity"] {
            pending(&mut e, format!("purchased_services.lines[{i}].{k}"));
        }
    }
    // Assets: last year's closing figures open the new year.
    for (i, c) in b.assets.categories.iter().enumerate() {
        let opening = format!("assets.categories[{i}].opening");
        if !e.set(&opening, num(c.closing)) {
            e.insert(
                &format!("assets.categories[{i}]"),
                "opening",
                &num(c.closing),
            );
        }
        e.set(&format!("assets.categories[{i}].closing"), PENDING);
    }
    for key in ["since", "as_of"] {
        let d = if key == "since" {
            &b.assets.since
        } else {
            &b.assets.as_of
        };
        if let Some(d) = d
            .as_deref()
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        {
            if let Ok(next) = d.checked_add(jiff::Span::new().years(1)) {
                e.set(&format!("assets.{key}"), format!("\"{next}\""));
            }
        }
    }
    e.remove("narrative.total_change_reason");
    e.remove("narrative.general_change_reason");
    e.remove("approval_date");
    e.remove("stated");
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
        for (key, older, newer) in rows {
            e.set(
                &format!("department_performance.history.{key}"),
                format!("[{}, {}]", num(older), num(newer)),
            );
        }
    }
    let body = e.finish()?;
    let note = format!(
        "# 由 {} 年的输入生成：结构、文字和注释沿用上年；上年数（previous_year、“三公”和机关运行经费的\n# previous、政府采购的 previous 等）已填入 {} 年的预算数。本年的金额都写作“待填”，请逐项填入\n# {} 年的数字，为有增减的数字写明原因，然后运行 gongkai check（“待填”未填完时不能生成）。\n",
        b.year,
        b.year,
        b.year + 1
    );
    let first = modeline(schema);
    Ok(match body.split_once('\n') {
        Some((line, rest)) if is_modeline(line) => format!("{first}\n{note}{rest}"),
        _ => format!("{first}\n{note}{body}"),
    })
}

#[cfg(test)]
mod tests;
