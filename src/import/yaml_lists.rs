//! The list sections of the written file: projects (with their forms), project
//! expenditure by economic 款, procurement and purchased-service lines.

use std::fmt::Write as _;

use super::draft::Draft;
use super::yaml::{hole, quoted, scalar, sources};
use super::PLACEHOLDER;

fn project_economic(w: &mut String, d: &Draft) {
    if d.project_economic.is_empty() {
        return;
    }
    let _ = writeln!(w, "\n# 项目支出，经济分类到款（表5）");
    let _ = writeln!(w, "project_economic:");
    for l in &d.project_economic {
        let mut parts = vec![
            format!("unit: {}", quoted(&l.unit)),
            format!("code: {}", quoted(&l.code)),
            format!("name: {}", scalar(&l.name)),
        ];
        if l.funding != "general" {
            parts.push(format!("funding: {}", l.funding));
        }
        if l.allocation != "regular" {
            parts.push(format!("allocation: {}", l.allocation));
        }
        parts.push(format!("amount: {}", l.amount));
        let _ = writeln!(w, "  - {{ {} }}", parts.join(", "));
    }
}

pub(super) fn projects(w: &mut String, d: &Draft, n: &mut usize) {
    project_economic(w, d);
    if d.projects.is_empty() {
        return;
    }
    let _ = writeln!(
        w,
        "\n# ---------------------------------------------------------------------"
    );
    let _ = writeln!(
        w,
        "# 项目（{}{}）",
        super::yaml::from(d, "预算11表", "表13"),
        if d.department_form.is_some() {
            "；类别、总预算、用途见预算14表"
        } else {
            ""
        }
    );
    let _ = writeln!(
        w,
        "# ---------------------------------------------------------------------"
    );
    let _ = writeln!(w, "projects:");
    for p in &d.projects {
        if !p.code.is_empty() {
            let _ = writeln!(w, "  - code: {}", quoted(&p.code));
            let _ = writeln!(w, "    name: {}", scalar(&p.name));
        } else {
            let _ = writeln!(w, "  - name: {}", scalar(&p.name));
        }
        let _ = writeln!(w, "    unit: {}", quoted(&p.unit));
        if !p.category.0.is_empty() {
            let _ = writeln!(w, "    category_code: {}", quoted(&p.category.0));
        }
        let category = if p.category.1.is_empty() {
            "本级支出项目"
        } else {
            p.category.1.as_str()
        };
        let _ = writeln!(w, "    category: {}", scalar(category));
        if let Some(k) = &p.kind {
            let _ = writeln!(w, "    kind: {}", scalar(k));
        }
        let _ = writeln!(w, "    amounts: {}", sources(&p.amounts));
        if !p.carryover.is_empty() {
            let _ = writeln!(w, "    carryover: {}", sources(&p.carryover));
        }
        if let Some(t) = p.total_budget {
            let _ = writeln!(w, "    total_budget: {t}");
        }
        if p.allocation != "regular" && !p.allocation.is_empty() {
            let _ = writeln!(w, "    allocation: {}", p.allocation);
        }
        if let Some((start, end)) = &p.period {
            let _ = writeln!(
                w,
                "    period: {{ start: {}, end: {} }}",
                quoted(start),
                quoted(end)
            );
        }
        let _ = writeln!(
            w,
            "    purpose: {}",
            hole(
                &format!("“{}”的主要用途（第二部分九“主要用于：”之后的内容）", p.name),
                n
            )
        );
        if let Some(fp) = &p.form_purpose {
            let _ = writeln!(w, "    form_purpose: {}", scalar(fp));
        }
        if let Some(form) = &p.form {
            let _ = writeln!(w, "    performance:");
            w.push_str(form);
        }
    }
}

/// Procurement (表12) and purchased services (表13).
pub(super) fn lines(w: &mut String, d: &Draft) {
    if !d.procurement.is_empty() {
        let _ = writeln!(
            w,
            "\n# 政府采购（{}）",
            super::yaml::from(d, "预算12表", "表11")
        );
        let _ = writeln!(w, "procurement:");
        let _ = writeln!(
            w,
            "  # previous: 0   # {PLACEHOLDER}上年政府采购预算（表中没有；填写后叙述与上年比较）"
        );
        let _ = writeln!(w, "  # reason: 变动原因");
        let _ = writeln!(w, "  lines:");
        for l in &d.procurement {
            let g = |k: &str| l.get(k).cloned().unwrap_or_default();
            let has = |k: &str| l.contains_key(k);
            let (item_code, item_name) = bracketed(&g("item"));
            let _ = writeln!(w, "    - unit: {}", quoted(&g("unit_code")));
            if has("project") {
                let _ = writeln!(w, "      project: {}", scalar(&g("project")));
            }
            let _ = writeln!(w, "      item_code: {}", scalar(&item_code));
            let _ = writeln!(w, "      item_name: {}", scalar(&item_name));
            if has("function") {
                let _ = writeln!(
                    w,
                    "      function_code: {}",
                    quoted(&bracketed(&g("function")).0)
                );
            }
            if has("economic") {
                let _ = writeln!(
                    w,
                    "      economic_code: {}",
                    quoted(&bracketed(&g("economic")).0)
                );
            }
            for k in ["fund_source", "fund_nature"] {
                if has(k) {
                    let _ = writeln!(w, "      {k}: {}", scalar(&g(k)));
                }
            }
            for k in ["quantity", "unit_price"] {
                if has(k) {
                    let _ = writeln!(w, "      {k}: {}", g(k));
                }
            }
            if has("measure") {
                let _ = writeln!(w, "      measure: {}", scalar(&g("measure")));
            }
            for k in ["amount", "sme", "small_micro"] {
                if has(k) {
                    let _ = writeln!(w, "      {k}: {}", g(k));
                }
            }
        }
    }
    if !d.services.is_empty() {
        let _ = writeln!(w, "\n# 政府购买服务（预算13表）");
        let _ = writeln!(w, "purchased_services:");
        let _ = writeln!(
            w,
            "  # previous: 0   # {PLACEHOLDER}上年政府购买服务预算（表中没有）"
        );
        let _ = writeln!(w, "  lines:");
        for l in &d.services {
            let g = |k: &str| l.get(k).cloned().unwrap_or_default();
            let _ = writeln!(w, "    - unit: {}", quoted(&g("unit_code")));
            let _ = writeln!(
                w,
                "      includes_procurement: {}",
                g("includes_procurement").trim() == "是"
            );
            for k in ["project", "content"] {
                let _ = writeln!(w, "      {k}: {}", scalar(&g(k)));
            }
            let _ = writeln!(w, "      quantity: {}", g("quantity"));
            let _ = writeln!(w, "      amount: {}", g("amount"));
            for k in ["fund_source", "fund_nature"] {
                let _ = writeln!(w, "      {k}: {}", scalar(&g(k)));
            }
            let _ = writeln!(
                w,
                "      function_code: {}",
                quoted(&bracketed(&g("function")).0)
            );
            let _ = writeln!(
                w,
                "      economic_code: {}",
                quoted(&bracketed(&g("economic")).0)
            );
            let _ = writeln!(
                w,
                "      catalog: [{}, {}, {}]",
                scalar(&g("catalog1")),
                scalar(&g("catalog2")),
                scalar(&g("catalog3"))
            );
        }
    }
}

/// "[A02010104]台式计算机" → ("A02010104", "台式计算机"); text without brackets is the code
/// when it has no CJK, else the name.
pub(crate) fn bracketed(s: &str) -> (String, String) {
    let t = s.trim();
    if let Some(rest) = t.strip_prefix('[').or_else(|| t.strip_prefix('［')) {
        if let Some((code, name)) = rest.split_once([']', '］']) {
            return (code.trim().to_owned(), name.trim().to_owned());
        }
    }
    match t.split_once(char::is_whitespace) {
        Some((code, name)) if code.is_ascii() => (code.to_owned(), name.trim().to_owned()),
        _ if t.is_ascii() => (t.to_owned(), String::new()),
        _ => (String::new(), t.to_owned()),
    }
}
