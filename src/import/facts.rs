//! What tables 1–13 say: units and their income, each 项's expenditure by table, the
//! economic 款, projects, "三公", procurement and purchased services — and where the
//! workbook contradicts itself: a total against its rows (合计 against 类, 类 against 款,
//! 款 against 项) and one table against another (表1's totals against 表2's and 表3's,
//! 表5 against 表6 …), each reported with the cells on both sides.

use std::collections::BTreeMap;

use super::specs::{norm, TableId};
use super::tables::{Found, Tables};
use super::Findings;
use crate::num::Money;

/// An amount and the cell it came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fig {
    /// Amount in 万元.
    pub(crate) v: Money,
    /// Cell reference.
    pub(crate) at: String,
}

/// One coded row of a classified table: code, name and amounts by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// Code.
    pub(crate) code: String,
    /// Name.
    pub(crate) name: String,
    /// Amounts by column key.
    pub(crate) amounts: BTreeMap<&'static str, Fig>,
}

impl Row {
    /// The amount of `key` (zero when absent).
    pub(crate) fn get(&self, key: &str) -> Money {
        self.amounts.get(key).map_or(Money::ZERO, |f| f.v)
    }
}

/// The labelled amounts of a two-sided table (表1, 表4): left side, right side.
pub(crate) type Sides = (Vec<(String, Fig)>, Vec<(String, Fig)>);

/// What tables 1–13 say.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Budget year (from the titles).
    pub(crate) year: Option<i32>,
    /// Department row of table 2 (code, full name).
    pub(crate) department: Option<(String, String)>,
    /// Unit rows of table 2: code, name, amounts (sources and carryover).
    pub(crate) units: Vec<Row>,
    /// Table 3's 项 rows, by code in table order.
    pub(crate) t03: Vec<Row>,
    /// Table 5's 项 rows.
    pub(crate) t05: Vec<Row>,
    /// Table 6's unit rows.
    pub(crate) t06: Vec<Row>,
    /// Table 7's 款 rows.
    pub(crate) t07: Vec<Row>,
    /// Table 9's 项 rows.
    pub(crate) t09: Vec<Row>,
    /// Table 10's 项 rows.
    pub(crate) t10: Vec<Row>,
    /// Table 4: fiscal carry-over (general, fund, state capital), if the table is there.
    pub(crate) fiscal_carryover: Option<[Money; 3]>,
    /// Table 4: fiscal expenditure per 类 code.
    pub(crate) fiscal_classes: BTreeMap<String, Money>,
    /// Table 11's project rows, with their unit code and category (code, name).
    pub(crate) projects: Vec<(Row, String, (String, String))>,
    /// Table 8: outbound, reception, vehicle purchase, vehicle operation.
    pub(crate) sangong: [Money; 4],
    /// Table 12's lines (texts by key, amounts as text).
    pub(crate) procurement: Vec<BTreeMap<&'static str, String>>,
    /// Table 13's lines.
    pub(crate) services: Vec<BTreeMap<&'static str, String>>,
    /// Names of every code the tables print (function and economic classes, 款, 项).
    pub(crate) names: BTreeMap<String, String>,
    /// Table 2's total row.
    pub(crate) t02_total: Option<Row>,
    /// Table 3's 类 and 款 rows by code.
    pub(crate) t03_groups: BTreeMap<String, Row>,
    /// Table 1, left side: label and amount; right side likewise.
    pub(crate) t01: Sides,
}

/// Reads tables 1–13.
pub(crate) fn read(t: &Tables<'_>, f: &mut Findings) -> Facts {
    let mut facts = Facts {
        year: t.found.iter().find_map(|x| year_in(&x.title)),
        ..Facts::default()
    };
    for id in [
        TableId::T01,
        TableId::T02,
        TableId::T03,
        TableId::T04,
        TableId::T05,
        TableId::T06,
        TableId::T07,
        TableId::T08,
        TableId::T09,
        TableId::T10,
        TableId::T11,
        TableId::T12,
        TableId::T13,
    ] {
        if t.get(id).is_none() {
            let label = super::specs::spec(id).label;
            f.warning(
                "IMP-006",
                String::new(),
                format!("工作簿中没有{label}，其数字按零处理"),
                None,
            );
        }
    }
    const T03_KEYS: &[&str] = &[
        "total",
        "basic",
        "project",
        "operating",
        "remit_superior",
        "subsidy_affiliated",
    ];
    const SPLIT_KEYS: &[&str] = &["total", "basic", "personnel", "public", "project"];
    const FUND_KEYS: &[&str] = &["total", "basic", "project"];
    const INCOME_KEYS: &[&str] = &[
        "total",
        "general",
        "fund",
        "state_capital",
        "special_account",
        "business",
        "operating",
        "superior",
        "affiliated",
        "other",
        "carryover",
    ];
    if let Some(x) = t.get(TableId::T02) {
        let rows = coded_rows(t, x, INCOME_KEYS, f);
        let (dept, units) = split_department(rows.1);
        facts.department = dept.as_ref().map(|d| (d.code.clone(), d.name.clone()));
        check_sum(
            f,
            x.spec.label,
            "合计",
            rows.0.as_ref(),
            &units,
            INCOME_KEYS,
        );
        if let Some(d) = &dept {
            check_sum(f, x.spec.label, &d.name, Some(d), &units, INCOME_KEYS);
        }
        for u in &units {
            let parts: Money = INCOME_KEYS[1..].iter().map(|k| u.get(k)).sum();
            check_pair(
                f,
                "IMP-005",
                &format!("{}单位“{}”的合计", x.spec.label, u.name),
                u.amounts.get("total"),
                parts,
                "各项收入之和",
            );
        }
        facts.units = units;
        facts.t02_total = rows.0;
    }
    if let Some(x) = t.get(TableId::T03) {
        let (leaves, groups) = hierarchy(t, x, T03_KEYS, f, &mut facts.names);
        facts.t03 = leaves;
        facts.t03_groups = groups;
    }
    if let Some(x) = t.get(TableId::T05) {
        facts.t05 = hierarchy(t, x, SPLIT_KEYS, f, &mut facts.names).0;
    }
    if let Some(x) = t.get(TableId::T06) {
        let rows = coded_rows(t, x, SPLIT_KEYS, f);
        let (dept, units) = split_department(rows.1);
        check_sum(f, x.spec.label, "合计", rows.0.as_ref(), &units, SPLIT_KEYS);
        if let Some(d) = &dept {
            check_sum(f, x.spec.label, &d.name, Some(d), &units, SPLIT_KEYS);
        }
        if facts.department.is_none() {
            facts.department = dept.map(|d| (d.code, d.name));
        }
        facts.t06 = units;
    }
    if let Some(x) = t.get(TableId::T07) {
        facts.t07 = hierarchy(t, x, &["total", "personnel", "public"], f, &mut facts.names).0;
    }
    if let Some(x) = t.get(TableId::T09) {
        facts.t09 = hierarchy(t, x, FUND_KEYS, f, &mut facts.names).0;
    }
    if let Some(x) = t.get(TableId::T10) {
        facts.t10 = hierarchy(t, x, FUND_KEYS, f, &mut facts.names).0;
    }
    if let Some(x) = t.get(TableId::T08) {
        if let Some(&r) = x.body.first() {
            let keys = [
                "outbound",
                "reception",
                "vehicle_purchase",
                "vehicle_operation",
            ];
            for (i, k) in keys.iter().enumerate() {
                facts.sangong[i] = t.amount(x, r, k, f);
            }
            for k in ["total", "vehicles"] {
                t.amount(x, r, k, f);
            }
        }
    }
    super::lists::two_sided(t, f, &mut facts);
    super::lists::projects(t, f, &mut facts);
    super::lists::lines(t, f, &mut facts);
    super::across::check(t, f, &facts);
    facts
}

/// The first `20xx 年` in a title.
pub(crate) fn year_in(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let d: String = chars[i..i + 4].iter().collect();
        let before = i > 0 && chars[i - 1].is_ascii_digit();
        let after = chars[i + 4..].iter().find(|c| **c != ' ');
        (!before && d.chars().all(|c| c.is_ascii_digit()) && after == Some(&'年'))
            .then(|| d.parse().ok())
            .flatten()
    })
}

/// The body rows of a table with a code column: the total row (name 合计, no code) and
/// every coded row, with the amounts of `keys`.
pub(crate) fn coded_rows(
    t: &Tables<'_>,
    x: &Found<'_>,
    keys: &[&'static str],
    f: &mut Findings,
) -> (Option<Row>, Vec<Row>) {
    let mut total = None;
    let mut rows = Vec::new();
    for &r in &x.body {
        let code = t.text(x, r, "code");
        let name = t.text(x, r, "name");
        // A total row may write 合计 in the code column (or across code and name).
        let is_total = [&code, &name]
            .iter()
            .any(|t| matches!(norm(t).as_str(), "合计" | "总计"));
        let is_code = !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_total && !is_code {
            // Not a row of the table: its figures stay unplaced, and are reported.
            continue;
        }
        let mut row = Row {
            code: code.clone(),
            name: name.clone(),
            amounts: BTreeMap::new(),
        };
        for k in keys {
            if let Some(&c) = x.columns.get(k) {
                let v = t.amount_at(x, r, c, f);
                row.amounts.insert(
                    k,
                    Fig {
                        v,
                        at: x.sheet.cell_ref(r, c),
                    },
                );
            }
        }
        if is_code {
            rows.push(row);
        } else {
            total = Some(row);
        }
    }
    (total, rows)
}

/// Separates the department row (its code a strict prefix of every other code) from the
/// unit rows.
fn split_department(mut rows: Vec<Row>) -> (Option<Row>, Vec<Row>) {
    if rows.len() >= 2 {
        let first = rows[0].code.clone();
        if rows[1..]
            .iter()
            .all(|r| r.code.len() > first.len() && r.code.starts_with(&first))
        {
            let dept = rows.remove(0);
            return (Some(dept), rows);
        }
    }
    (None, rows)
}

/// The rows of a classified table (合计, 类, 款, 项 or 类, 款): checks every total against
/// its rows and returns the leaf rows (项, or 款 of the economic classification) and the
/// group rows by code; names of every code go to `names`.
fn hierarchy(
    t: &Tables<'_>,
    x: &Found<'_>,
    keys: &[&'static str],
    f: &mut Findings,
    names: &mut BTreeMap<String, String>,
) -> (Vec<Row>, BTreeMap<String, Row>) {
    let (total, rows) = coded_rows(t, x, keys, f);
    let leaf_len = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
    for r in &rows {
        names
            .entry(r.code.clone())
            .or_insert_with(|| r.name.clone());
    }
    let classes: Vec<Row> = rows.iter().filter(|r| r.code.len() == 3).cloned().collect();
    if !classes.is_empty() {
        check_sum(f, x.spec.label, "合计", total.as_ref(), &classes, keys);
    }
    for g in rows.iter().filter(|r| r.code.len() < leaf_len) {
        let child_len = if g.code.len() == 3 && leaf_len == 7 {
            5
        } else {
            leaf_len
        };
        let children: Vec<Row> = rows
            .iter()
            .filter(|c| c.code.len() == child_len && c.code.starts_with(&g.code))
            .cloned()
            .collect();
        let what = format!("{}（{}）", g.code, g.name);
        check_sum(f, x.spec.label, &what, Some(g), &children, keys);
    }
    if classes.is_empty() && total.is_some() {
        let leaves: Vec<Row> = rows
            .iter()
            .filter(|r| r.code.len() == leaf_len)
            .cloned()
            .collect();
        check_sum(f, x.spec.label, "合计", total.as_ref(), &leaves, keys);
    }
    let groups = rows
        .iter()
        .filter(|r| r.code.len() < leaf_len)
        .map(|r| (r.code.clone(), r.clone()))
        .collect();
    (
        rows.into_iter()
            .filter(|r| r.code.len() == leaf_len)
            .collect(),
        groups,
    )
}

/// A total row against the sum of `parts`, column by column (IMP-005).
pub(crate) fn check_sum(
    f: &mut Findings,
    label: &str,
    what: &str,
    total: Option<&Row>,
    parts: &[Row],
    keys: &[&'static str],
) {
    let Some(total) = total else { return };
    if parts.is_empty() {
        return;
    }
    for k in keys {
        let Some(fig) = total.amounts.get(k) else {
            continue;
        };
        let sum: Money = parts.iter().map(|p| p.get(k)).sum();
        if fig.v != sum {
            let first = parts
                .first()
                .and_then(|p| p.amounts.get(k))
                .map_or("", |x| x.at.as_str());
            let last = parts
                .last()
                .and_then(|p| p.amounts.get(k))
                .map_or("", |x| x.at.as_str());
            let range = if first == last {
                first.to_owned()
            } else {
                format!("{first}…{}", last.rsplit('!').next().unwrap_or(""))
            };
            f.error(
                "IMP-005",
                fig.at.clone(),
                format!(
                    "{label}“{what}”为 {}，而其下各行（{range}）之和为 {}，相差 {}",
                    fig.v,
                    sum,
                    fig.v - sum
                ),
                Some(format!("对照：{range}")),
            );
        }
    }
}

/// One figure against another (IMP-004 between tables, IMP-005 within one).
pub(crate) fn check_pair(
    f: &mut Findings,
    rule: &'static str,
    what: &str,
    a: Option<&Fig>,
    b: Money,
    b_what: &str,
) {
    if let Some(a) = a {
        if a.v != b {
            f.error(
                rule,
                a.at.clone(),
                format!("{what}为 {}，与{b_what} {b} 不符，相差 {}", a.v, a.v - b),
                Some(format!("对照：{b_what}")),
            );
        }
    }
}
