//! The draft as an input file, written the way `inputs/example-2025.yaml` is: sections in
//! the order of `inputs/README.md`, a comment saying where each block came from, codes
//! quoted, amounts as exact decimals, and a 【待填写】 placeholder (refused by `check`,
//! EXP-008) for every text the tables do not carry. Numbers the tables do not carry
//! (last year's figures, staffing) are written as 0 beside a placeholder that names them.

use std::fmt::Write as _;

use super::draft::{Draft, Sources, EXPENDITURE_COLUMNS, SOURCES};
use super::PLACEHOLDER;
use crate::num::Money;

/// A YAML scalar: plain when that is safe, double-quoted otherwise.
pub(crate) fn scalar(s: &str) -> String {
    let special_start = s.starts_with([
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`', '=', '~', ' ',
    ]);
    let looks_typed = s.is_empty()
        || s.parse::<f64>().is_ok()
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        );
    let risky = s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.ends_with(' ')
        || s.contains(['\n', '\t', '\\', '"', '{', '}', '[', ']', ','])
        || s.chars().any(char::is_control);
    if special_start || looks_typed || risky {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04X}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    } else {
        s.to_owned()
    }
}

/// The `codes:` entries of the draft: the codes the catalogue lacks, then (for a layout
/// that prints them) the 项 it names without a description; each such 项 gets a
/// description placeholder. As (code, name, whether to ask for a description).
fn codes_to_write(d: &Draft) -> Vec<(String, String, bool)> {
    // Only the standard layout (the draft names no other) lists each 项 with its
    // description in 名词解释; the Shenzhen one does not ask for them.
    let glossary = d.layout.is_none();
    let mut out: Vec<(String, String, bool)> = d
        .codes
        .iter()
        .map(|(code, name)| (code.clone(), name.clone(), glossary && code.len() == 7))
        .collect();
    for l in d.expenditure.iter().filter(|_| glossary) {
        let undescribed = crate::catalog::function(&l.code).filter(|e| e.description.is_empty());
        if let Some(e) = undescribed {
            if !out.iter().any(|(c, _, _)| *c == l.code) {
                out.push((l.code.clone(), e.name.to_owned(), true));
            }
        }
    }
    out
}

/// A quoted string (codes, telephone numbers).
pub(crate) fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A placeholder text: the marker and what to write.
pub(super) fn hole(what: &str, count: &mut usize) -> String {
    *count += 1;
    scalar(&format!("{PLACEHOLDER}{what}"))
}

/// `{ general: 1.5, fund: 2 }` of the non-zero sources.
pub(super) fn sources(s: &Sources) -> String {
    let parts: Vec<String> = SOURCES
        .iter()
        .filter_map(|k| {
            s.get(k)
                .filter(|v| !v.is_zero())
                .map(|v| format!("{k}: {v}"))
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// Where a block came from, in the words of the workbook's layout.
pub(super) fn from(d: &Draft, standard: &'static str, shenzhen: &'static str) -> &'static str {
    if d.layout == Some("shenzhen") {
        shenzhen
    } else {
        standard
    }
}

/// The largest number of decimals of any amount in the draft.
fn decimals(d: &Draft) -> u32 {
    let mut all: Vec<Money> = Vec::new();
    for (_, c, o) in &d.income {
        all.extend(c.values().chain(o.values()));
    }
    for l in &d.expenditure {
        all.extend(l.amounts.values());
    }
    for e in &d.economic {
        all.extend([e.personnel, e.public]);
    }
    for p in &d.projects {
        all.extend(p.amounts.values().chain(p.carryover.values()));
    }
    all.extend(d.sangong);
    all.extend(d.project_economic.iter().map(|l| l.amount));
    for line in d.procurement.iter().chain(&d.services) {
        for k in ["amount", "unit_price", "sme", "small_micro"] {
            if let Some(v) = line.get(k).and_then(|v| v.parse().ok()) {
                all.push(Money(v));
            }
        }
    }
    all.iter().map(|m| m.decimals()).max().unwrap_or(0)
}

/// Writes the draft; returns the text and the number of placeholders in it.
pub(crate) fn write(d: &Draft) -> (String, usize) {
    let mut n = 0usize;
    let mut y = String::new();
    let w = &mut y;
    let _ = writeln!(
        w,
        "# ====================================================================="
    );
    let _ = writeln!(
        w,
        "# {} {} 年部门预算（由 gongkai import 从预算公开表工作簿导入）",
        d.name, d.year
    );
    let _ = writeln!(w, "#");
    let _ = writeln!(
        w,
        "# 报表中的数字已全部导入；报表中没有的文字写成“{PLACEHOLDER}……”，"
    );
    let _ = writeln!(
        w,
        "# gongkai check 在全部改写之前会报错（EXP-008）。报表中没有的数字（上年数、"
    );
    let _ = writeln!(
        w,
        "# 编制人数、机关运行经费）暂写 0，旁边的注释和占位符指明要补的内容。"
    );
    if d.inferred_split {
        let _ = writeln!(w, "#");
        let _ = writeln!(
            w,
            "# 本部门有 {} 个预算单位。公开表只有按单位和按科目的合计，没有“单位 × 科目”",
            d.units.len()
        );
        let _ = writeln!(
            w,
            "# 的明细；下面 expenditure、basic_economic 中各单位的科目明细是按这两组合计推出的"
        );
        let _ = writeln!(
            w,
            "# 一种分法（各表合计与原表相同），请对照预算系统中的明细核对。"
        );
    }
    if d.invented_codes {
        let _ = writeln!(w, "#");
        let _ = writeln!(
            w,
            "# 报表不印部门和单位编码：下面的 900、900001……是导入时编的，报告中不出现，"
        );
        let _ = writeln!(w, "# 可改为预算系统中的编码（改时 unit: 各处一起改）。");
    }
    let _ = writeln!(
        w,
        "# =====================================================================\n"
    );
    if let Some(layout) = d.layout {
        let _ = writeln!(w, "layout: {layout}");
    }
    let _ = writeln!(w, "year: {}\n", d.year);
    let _ = writeln!(w, "department:");
    let _ = writeln!(w, "  name: {}", scalar(&d.name));
    if d.full_name != d.name {
        let _ = writeln!(w, "  full_name: {}", scalar(&d.full_name));
    }
    let _ = writeln!(w, "  code: {}", quoted(&d.code));
    if let Some(r) = &d.region {
        let _ = writeln!(w, "  region: {}", scalar(r));
    }
    let _ = writeln!(
        w,
        "  # phone: \"\"   # 公开咨询电话（表中没有；不填则不印）\n"
    );
    let _ = writeln!(w, "# approval_date: \"{}-01-20\"   # {PLACEHOLDER}财政部门批复部门预算的日期（表中没有；不填时提醒 EXP-006）\n", d.year);
    let dp = decimals(d);
    let shown = d.shown_decimals.unwrap_or(2);
    if dp > shown || shown != 2 {
        let _ = writeln!(
            w,
            "# 报表金额印 {shown} 位小数（取自工作簿的数字格式）；录入的金额最多 {} 位小数。",
            dp.max(shown)
        );
        let _ = writeln!(w, "display:\n  decimals: {shown}");
        if dp > shown {
            let _ = writeln!(w, "  input_decimals: {dp}");
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(w, "# 预算单位（{}）", from(d, "预算02表", "表2"));
    let _ = writeln!(w, "units:");
    for (code, name) in &d.units {
        let _ = writeln!(w, "  - code: {}\n    name: {}", quoted(code), scalar(name));
    }
    let codes = codes_to_write(d);
    if !codes.is_empty() {
        let _ = writeln!(
            w,
            "\n# 补录的科目：内置目录中没有的（名称取自报表），以及内置目录没有说明的项级科目：\n# 名词解释逐项列示项级科目的说明，照当年《政府收支分类科目》补写 description（COD-007）"
        );
        let _ = writeln!(w, "codes:");
        for (code, name, described) in codes {
            let description = if described {
                format!(", description: {}", hole("项级科目说明（反映……）", &mut n))
            } else {
                String::new()
            };
            let _ = writeln!(
                w,
                "  - {{ code: {}, name: {}{description} }}",
                quoted(&code),
                scalar(&name)
            );
        }
    }
    let _ = writeln!(
        w,
        "\n# ---------------------------------------------------------------------"
    );
    let _ = writeln!(w, "# 第一部分 基本概况：报表中没有，请填写");
    let _ = writeln!(
        w,
        "# ---------------------------------------------------------------------"
    );
    let _ = writeln!(w, "overview:");
    let _ = writeln!(
        w,
        "  functions:\n    - {}",
        hole("本部门的主要职能，每条一项，不写序号", &mut n)
    );
    let _ = writeln!(w, "  composition: {}", hole("预算单位构成情况", &mut n));
    let _ = writeln!(w, "  staffing:");
    let _ = writeln!(
        w,
        "    authorized:\n      - {{ kind: {}, count: 0 }}",
        hole("编制类别（如行政编制），count 为编制数", &mut n)
    );
    let _ = writeln!(
        w,
        "    as_of: {}",
        hole("实有人数的统计时点，如 2024 年 12 月", &mut n)
    );
    let _ = writeln!(
        w,
        "    actual:\n      - {{ kind: {}, count: 0 }}",
        hole("人员类别（如行政人员），count 为实有人数", &mut n)
    );
    let _ = writeln!(w, "    retired: 0   # 离退休人员实有数（表中没有）\n");
    let _ = writeln!(
        w,
        "# 上年预算数（报表中没有{}）",
        if d.previous_total.is_some() {
            "；收支总预算取自预算14表“近两年收支金额”"
        } else {
            "，暂写 0"
        }
    );
    let _ = writeln!(w, "previous_year:");
    let _ = writeln!(w, "  total: {}", d.previous_total.unwrap_or_default());
    let _ = writeln!(
        w,
        "  general_public: 0   # 上年一般公共预算拨款（表中没有，请填写）\n"
    );
    income(w, d);
    expenditure(w, d);
    economic(w, d);
    super::yaml_lists::projects(w, d, &mut n);
    let labels = [
        ("outbound", "因公出国（境）费"),
        ("reception", "公务接待费"),
        ("vehicle_purchase", "公务用车购置费"),
        ("vehicle_operation", "公务用车运行维护费"),
    ];
    match d.sangong_previous {
        Some(_) => {
            let _ = writeln!(w, "\n# “三公”经费（本年数、上年数取自表12）");
        }
        None => {
            let _ = writeln!(
                w,
                "\n# “三公”经费（本年数取自预算08表；上年数表中没有，暂写 0）"
            );
        }
    }
    let _ = writeln!(w, "sangong:");
    let _ = writeln!(
        w,
        "  scope: {}",
        hole("开支单位范围，如“局机关及下属1家事业单位”", &mut n)
    );
    if let Some(u) = &d.sangong_unit {
        let _ = writeln!(w, "  unit: {}", quoted(u));
    }
    let previous = d.sangong_previous.unwrap_or_default();
    let changed = d.sangong_previous.is_none() || previous != d.sangong;
    if changed {
        let _ = writeln!(
            w,
            "  reason: {}",
            hole(
                "“三公”经费合计比上年变动的原因（先核对各项上年数 previous）",
                &mut n
            )
        );
    }
    for (i, (key, label)) in labels.iter().enumerate() {
        let _ = writeln!(w, "  {key}:");
        let _ = writeln!(w, "    current: {}", d.sangong[i]);
        match d.sangong_previous {
            Some(p) => {
                let _ = writeln!(w, "    previous: {}", p[i]);
            }
            None => {
                let _ = writeln!(w, "    previous: 0   # 上年{label}预算（表中没有）");
            }
        }
        if d.sangong_previous.is_none() || previous[i] != d.sangong[i] {
            let _ = writeln!(
                w,
                "    reason: {}",
                hole(
                    &format!("{label}比上年变动的原因（无变动时删去此行）"),
                    &mut n
                )
            );
        }
    }
    let _ = writeln!(w, "\n# 机关运行经费（报表中没有）");
    let _ = writeln!(w, "admin_costs:");
    let _ = writeln!(w, "  current: 0    # 本年机关运行经费");
    let _ = writeln!(w, "  previous: 0   # 上年机关运行经费");
    let _ = writeln!(
        w,
        "  reason: {}",
        hole("变动原因（先填写本年、上年数；无变动时删去此行）", &mut n)
    );
    let _ = writeln!(
        w,
        "  includes: {}",
        hole("主要包括的费用，如“办公费、印刷费……等”", &mut n)
    );
    super::yaml_lists::lines(w, d);
    let _ = writeln!(
        w,
        "\nassets:\n  text: {}",
        hole("国有资产占有使用情况", &mut n)
    );
    let _ = writeln!(w, "\n# 第二部分的原因、用途、绩效段落：报表中没有，请填写");
    let _ = writeln!(w, "narrative:");
    let _ = writeln!(
        w,
        "  total_change_reason: {}",
        hole("收支总预算比上年变动的原因（先核对 previous_year）", &mut n)
    );
    let _ = writeln!(
        w,
        "  performance:\n    - {}",
        hole("预算绩效开展情况", &mut n)
    );
    if let Some(t) = &d.overall_targets {
        let _ = writeln!(w, "\n# 部门整体支出绩效目标（表14）");
        let _ = writeln!(w, "overall_targets:");
        w.push_str(t);
    }
    if let Some(form) = &d.department_form {
        let _ = writeln!(w, "\n# 部门整体绩效目标申报表（预算14表）");
        let _ = writeln!(w, "department_performance:");
        w.push_str(form);
    }
    let count = y.matches(PLACEHOLDER).count();
    (y, count.max(n))
}

fn income(w: &mut String, d: &Draft) {
    let _ = writeln!(
        w,
        "# ---------------------------------------------------------------------"
    );
    let _ = writeln!(
        w,
        "# 收入（{}）：按单位、按来源",
        from(d, "预算02表；上年结转按来源的分法见预算04、11表", "表2")
    );
    let _ = writeln!(
        w,
        "# ---------------------------------------------------------------------"
    );
    if d.income.is_empty() {
        let _ = writeln!(w, "income: []");
        return;
    }
    let _ = writeln!(w, "income:");
    for (unit, current, carry) in &d.income {
        let _ = writeln!(w, "  - unit: {}", quoted(unit));
        let _ = writeln!(w, "    current: {}", sources(current));
        if !carry.is_empty() {
            let _ = writeln!(w, "    carryover: {}", sources(carry));
        }
    }
}

fn expenditure(w: &mut String, d: &Draft) {
    let _ = writeln!(
        w,
        "\n# ---------------------------------------------------------------------"
    );
    let _ = writeln!(
        w,
        "# 支出：功能分类到项，按单位、资金来源（{}）",
        from(d, "预算03、05、06、09、10表", "表5、7–10")
    );
    let _ = writeln!(
        w,
        "# ---------------------------------------------------------------------"
    );
    if d.expenditure.is_empty() {
        let _ = writeln!(w, "expenditure: []");
        return;
    }
    let _ = writeln!(w, "expenditure:");
    for l in &d.expenditure {
        let mut parts = vec![
            format!("unit: {}", quoted(&l.unit)),
            format!("code: {}", quoted(&l.code)),
            format!("name: {}", scalar(&l.name)),
        ];
        if l.funding != "general" {
            parts.push(format!("funding: {}", l.funding));
        }
        if l.allocation != "regular" && !l.allocation.is_empty() {
            parts.push(format!("allocation: {}", l.allocation));
        }
        if l.transfer {
            parts.push("transfer: true".to_owned());
        }
        for c in EXPENDITURE_COLUMNS {
            if let Some(v) = l.amounts.get(c).filter(|v| !v.is_zero()) {
                parts.push(format!("{c}: {v}"));
            }
        }
        let _ = writeln!(w, "  - {{ {} }}", parts.join(", "));
    }
}

fn economic(w: &mut String, d: &Draft) {
    let _ = writeln!(
        w,
        "\n# 一般公共预算基本支出，经济分类到款（{}）",
        from(
            d,
            "预算07表",
            "表4；302、310 类记为公用经费，其余为人员经费"
        )
    );
    if d.economic.is_empty() {
        let _ = writeln!(w, "basic_economic: []");
        return;
    }
    let _ = writeln!(w, "basic_economic:");
    for e in &d.economic {
        let mut parts = vec![
            format!("unit: {}", quoted(&e.unit)),
            format!("code: {}", quoted(&e.code)),
            format!("name: {}", scalar(&e.name)),
        ];
        if !e.personnel.is_zero() {
            parts.push(format!("personnel: {}", e.personnel));
        }
        if !e.public.is_zero() {
            parts.push(format!("public: {}", e.public));
        }
        let _ = writeln!(w, "  - {{ {} }}", parts.join(", "));
    }
}
