//! Next year's budget file carried over from last year's (structure and texts kept, last
//! year's figures moved into the "previous year" fields, reasons and control totals
//! cleared). The commented skeletons of new files are `skeletons/<kind>.yaml`, filled in
//! by [`crate::kind::skeleton`].

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
    format!("file://{}", crate::text::url_path(path))
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
pub fn from_last_year(
    loaded: &Loaded<crate::load::schema::Budget>,
    text: &str,
    schema: &str,
) -> Result<String, Error> {
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
    use crate::load::amounts::SOURCE_KEYS as SOURCES;
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
