//! The performance forms (表14 部门整体绩效目标申报表, 表15 项目支出绩效目标申报表), read
//! by their labels rather than by columns: a label names the field, the next non-empty
//! cell to its right holds it; an indicator block is read by the columns of its own
//! header row, with merged 一级/二级指标 cells spread over the rows they cover. Fields come
//! out as the YAML lines of `department_performance:` and `projects[].performance:`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::read::Value;
use super::specs::{norm, TableId};
use super::tables::{Found, Tables};
use super::yaml::{quoted, scalar};
use super::Findings;
use crate::num::Money;

/// What the forms say.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// The department form.
    pub(crate) department: Option<DepartmentForm>,
    /// Project forms by project name.
    pub(crate) projects: BTreeMap<String, ProjectForm>,
    /// Region, from a form's title.
    pub(crate) region: Option<String>,
}

/// The department form (表14).
#[derive(Debug, Default)]
pub(crate) struct DepartmentForm {
    /// 部门（单位）名称.
    pub(crate) name: String,
    /// `department_performance:` body as YAML lines (indented two spaces).
    pub(crate) yaml: String,
    /// This year's 人员类 expenditure (all funding).
    pub(crate) personnel: Option<Money>,
    /// This year's 财政专户管理资金 income.
    pub(crate) special_account: Option<Money>,
    /// Last year's income total.
    pub(crate) last_total: Option<Money>,
    /// Project rows: name → (kind, total budget, purpose).
    pub(crate) projects: BTreeMap<String, (String, Option<Money>, String)>,
}

/// A project form (表15).
#[derive(Debug, Default)]
pub(crate) struct ProjectForm {
    /// Project code on the form.
    pub(crate) code: String,
    /// 项目总预算, when given.
    pub(crate) total_budget: Option<Money>,
    /// `performance:` body as YAML lines.
    pub(crate) yaml: String,
}

/// One indicator row.
#[derive(Debug, Default, Clone)]
pub(crate) struct Indicator {
    pub(crate) level1: String,
    pub(crate) level2: String,
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) history: Option<(String, String)>,
    pub(crate) weight: Option<Money>,
    pub(crate) basis: String,
}

/// Reading one form: its table, the placed-cell record and the findings.
pub(crate) struct Reader<'t, 'a, 'f> {
    pub(crate) t: &'t Tables<'a>,
    pub(crate) x: &'t Found<'a>,
    pub(crate) f: &'f mut Findings,
}

impl Reader<'_, '_, '_> {
    pub(crate) fn raw(&self, r: usize, c: usize) -> String {
        self.x.sheet.get(r, c).text().trim().to_owned()
    }

    pub(crate) fn width(&self, r: usize) -> usize {
        self.x.sheet.rows.get(r).map_or(0, Vec::len)
    }

    /// The column of the first cell in row `r` whose normalised text satisfies `p`.
    pub(crate) fn find(&self, r: usize, p: impl Fn(&str) -> bool) -> Option<usize> {
        (0..self.width(r)).find(|&c| p(&norm(&self.raw(r, c))))
    }

    /// The cell right of the (merged) cell at column `c` in row `r`: its column and text
    /// (empty text when the field is blank).
    pub(crate) fn next(&self, r: usize, c: usize) -> Option<(usize, String)> {
        let end = self.x.sheet.merge_at(r, c).map_or(c, |(_, _, _, c1)| c1);
        let k = end + 1;
        (k < self.width(r).max(k + 1)).then(|| (k, self.raw(r, k)))
    }

    /// The text right of the label `label` in row `r`.
    pub(crate) fn value_after(&self, r: usize, label: &str) -> String {
        let label = norm(label);
        self.find(r, |t| t == label)
            .and_then(|c| self.next(r, c))
            .map(|(c, t)| {
                // A telephone number or a year typed as a number is text here.
                self.t.mark(self.x.sheet, r, c);
                t
            })
            .unwrap_or_default()
    }

    /// An amount at a cell (marked placed); `None` for an empty or non-numeric text cell.
    pub(crate) fn amount(&mut self, r: usize, c: usize) -> Option<Money> {
        match self.x.sheet.get(r, c) {
            Value::Empty => None,
            Value::Text(t) if super::tables::number(&Value::Text(t.clone())).is_err() => None,
            _ => Some(self.t.amount_at(self.x, r, c, self.f)),
        }
    }

    /// A count or weight (not money: never converted from 元).
    pub(crate) fn count(&mut self, r: usize, c: usize) -> Option<Money> {
        self.t.mark(self.x.sheet, r, c);
        match self.x.sheet.get(r, c) {
            Value::Empty => None,
            v => super::tables::number(v).ok().map(Money),
        }
    }

    /// The first column of row `r` holding a label (its raw text), skipping merged
    /// continuations.
    pub(crate) fn label(&self, r: usize) -> String {
        norm(&self.raw(r, 0))
    }

    /// Indicator rows from `start` (the row after the header) while `more(row)`; columns
    /// by name from the header rows.
    pub(crate) fn indicators(
        &mut self,
        cols: &BTreeMap<&'static str, usize>,
        rows: &[usize],
    ) -> Vec<Indicator> {
        let s = self.x.sheet;
        let get = |r: usize, key: &str| {
            cols.get(key)
                .map_or(String::new(), |&c| s.text_merged(r, c).trim().to_owned())
        };
        let mut out = Vec::new();
        for &r in rows {
            let name = get(r, "name");
            let value = get(r, "value");
            if name.is_empty() && value.is_empty() {
                continue;
            }
            let history = cols
                .contains_key("h0")
                .then(|| (get(r, "h0"), get(r, "h1")));
            let weight = cols.get("weight").and_then(|&c| self.count(r, c));
            out.push(Indicator {
                level1: get(r, "level1"),
                level2: get(r, "level2"),
                name,
                value,
                history: history.filter(|(a, b)| !a.is_empty() || !b.is_empty()),
                weight,
                basis: get(r, "basis"),
            });
        }
        out
    }

    /// Columns of an indicator header row (and the row below it for 指标值's parts).
    pub(crate) fn indicator_cols(&self, r: usize) -> (BTreeMap<&'static str, usize>, bool) {
        let mut cols = BTreeMap::new();
        for (key, label) in [
            ("goal", "目标名称"),
            ("level1", "一级指标"),
            ("level2", "二级指标"),
            ("name", "三级指标"),
            ("value", "指标值"),
            ("basis", "指标值确定依据"),
            ("goal_weight", "指标权重比例（%）"),
        ] {
            if let Some(c) = self.find(r, |t| t == norm(label)) {
                cols.insert(key, c);
            }
        }
        let below = r + 1;
        let two_rows = self
            .find(below, |t| {
                t.contains("预期当年实现") || t.contains("预计当年实现")
            })
            .is_some();
        if two_rows {
            let years: Vec<usize> = (0..self.width(below))
                .filter(|&c| {
                    let t = norm(&self.raw(below, c));
                    t.ends_with('年') && t != "预期当年实现"
                })
                .collect();
            if let [a, b, ..] = years[..] {
                cols.insert("h0", a);
                cols.insert("h1", b);
            }
            if let Some(c) = self.find(below, |t| t.contains("当年实现")) {
                cols.insert("value", c);
            }
            if let Some(c) = self.find(below, |t| t == "指标分值权重") {
                cols.insert("weight", c);
            }
        }
        (cols, two_rows)
    }
}

/// Reads every form of the workbook.
pub(crate) fn read(t: &Tables<'_>, f: &mut Findings) -> Forms {
    let mut forms = Forms::default();
    for x in t.found.iter() {
        let region = region_of(&x.title);
        if forms.region.is_none() && region.is_some() {
            forms.region = region;
        }
        match x.spec.id {
            TableId::T14 if forms.department.is_none() => {
                let mut r = Reader { t, x, f };
                forms.department = department(&mut r);
            }
            TableId::T15 => {
                let mut r = Reader { t, x, f };
                if let Some((name, form)) = super::project_form::project(&mut r) {
                    forms.projects.insert(name, form);
                }
            }
            _ => {}
        }
    }
    forms
}

/// The region in a form's title: "十四、2024 年江汉区部门（单位）整体…" → 江汉区.
fn region_of(title: &str) -> Option<String> {
    let t = norm(title);
    let year_end = t.find('年')? + '年'.len_utf8();
    let rest = &t[year_end..];
    let end = rest
        .find("部门（单位）")
        .or_else(|| rest.find("项目支出绩效"))?;
    Some(rest[..end].to_owned()).filter(|s| !s.is_empty())
}

/// Lines split off a numbered cell: "（1）a\n（2）b" → [a, b].
fn numbered(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.trim_start_matches(['（', '(']);
            let rest = l.trim_start_matches(|c: char| c.is_ascii_digit());
            if rest.len() < l.len() {
                rest.trim_start_matches(['）', ')', '、', '.', '．'])
                    .to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect()
}

fn list(w: &mut String, indent: &str, key: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(w, "{indent}{key}: []");
        return;
    }
    let _ = writeln!(w, "{indent}{key}:");
    for i in items {
        let _ = writeln!(w, "{indent}  - {}", scalar(i));
    }
}

pub(crate) fn goals(w: &mut String, indent: &str, key: &str, goals: &[(String, Vec<Indicator>)]) {
    if goals.is_empty() {
        let _ = writeln!(w, "{indent}{key}: []");
        return;
    }
    let _ = writeln!(w, "{indent}{key}:");
    for (text, indicators) in goals {
        let _ = writeln!(w, "{indent}  - text: {}", scalar(text));
        if indicators.is_empty() {
            let _ = writeln!(w, "{indent}    indicators: []");
            continue;
        }
        let _ = writeln!(w, "{indent}    indicators:");
        for i in indicators {
            let mut parts = vec![
                format!("level1: {}", scalar(&i.level1)),
                format!("level2: {}", scalar(&i.level2)),
                format!("name: {}", scalar(&i.name)),
                format!("value: {}", scalar(&i.value)),
            ];
            if let Some((a, b)) = &i.history {
                parts.push(format!("history: [{}, {}]", scalar(a), scalar(b)));
            }
            if let Some(wt) = i.weight {
                parts.push(format!("weight: {wt}"));
            }
            if !i.basis.is_empty() {
                parts.push(format!("basis: {}", scalar(&i.basis)));
            }
            let _ = writeln!(w, "{indent}      - {{ {} }}", parts.join(", "));
        }
    }
}

/// 表14.
fn department(r: &mut Reader<'_, '_, '_>) -> Option<DepartmentForm> {
    let rows = r.x.body.clone();
    let mut form = DepartmentForm::default();
    let (mut filler, mut phone) = (String::new(), String::new());
    let mut history: Vec<(&'static str, [Money; 2])> = Vec::new();
    let (mut functions, mut tasks) = (Vec::new(), Vec::new());
    let mut until = None;
    let mut long: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut annual: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut i = 0;
    let (mut current_col, mut share_col, mut hist_cols) = (None, None, Vec::new());
    let mut in_expenditure = false;
    while i < rows.len() {
        let row = rows[i];
        let label = r.label(row);
        let next_label = |k: usize| {
            rows[k..]
                .iter()
                .position(|&x| !r.label(x).is_empty())
                .map_or(rows.len(), |p| k + p)
        };
        match label.as_str() {
            "部门（单位）名称" => form.name = r.value_after(row, "部门（单位）名称"),
            "填报人" => {
                filler = r.value_after(row, "填报人");
                phone = r.value_after(row, "联系电话");
            }
            "部门总体资金情况" => {
                current_col = r.find(row, |t| t == "当年金额");
                share_col = r.find(row, |t| t == "占比");
                if let Some(&below) = rows.get(i + 1) {
                    hist_cols = (0..r.width(below))
                        .filter(|&c| norm(&r.raw(below, c)).ends_with('年'))
                        .collect();
                }
            }
            "部门职能概述" => functions = numbered(&r.value_after(row, "部门职能概述")),
            "年度工作任务" => tasks = numbered(&r.value_after(row, "年度工作任务")),
            "项目支出情况" => {
                let find = |t: &str| r.find(row, |x| x == t);
                let cols = [
                    find("项目名称"),
                    find("支出项目类别"),
                    find("项目总预算"),
                    find("项目本年度预算"),
                    find("项目主要支出方向和用途"),
                ];
                let end = next_label(i + 1);
                for &p in &rows[i + 1..end] {
                    let text = |c: Option<usize>| c.map_or(String::new(), |c| r.raw(p, c));
                    let name = text(cols[0]);
                    let name = name
                        .split_once(['：', ':'])
                        .map_or(name.clone(), |(_, n)| n.trim().to_owned());
                    let (kind, purpose) = (text(cols[1]), text(cols[4]));
                    let total = cols[2].and_then(|c| r.amount(p, c));
                    if let Some(c) = cols[3] {
                        r.amount(p, c);
                    }
                    form.projects.insert(name, (kind, total, purpose));
                }
                i = end;
                continue;
            }
            "整体绩效总目标" => {
                let text = r
                    .find(row, |t| t.starts_with("长期目标"))
                    .map(|c| norm(&r.raw(row, c)))
                    .unwrap_or_default();
                until = super::facts::year_in(&text.replace('年', " 年"));
                i = next_label(i + 1);
                continue;
            }
            l if l.starts_with("长期目标") => {
                long.push((r.value_after(row, &r.raw(row, 0)), Vec::new()))
            }
            l if l.starts_with("年度目标") => {
                annual.push((r.value_after(row, &r.raw(row, 0)), Vec::new()))
            }
            "长期绩效指标" | "年度绩效指标" => {
                let (cols, two) = r.indicator_cols(row);
                let start = i + 1 + usize::from(two);
                let end = next_label(start);
                let list = r.indicators(&cols, &rows[start.min(end)..end]);
                let target = if label == "长期绩效指标" {
                    long.last_mut()
                } else {
                    annual.last_mut()
                };
                if let Some(g) = target {
                    g.1 = list;
                }
                i = end;
                continue;
            }
            _ => {
                // A row of the funds block: its label is in an inner column.
                if let Some(c) = current_col {
                    let key = [
                        ("财政拨款", "fiscal"),
                        ("财政专户管理资金", "special_account"),
                        ("单位资金", "unit_funds"),
                        ("人员类项目支出", "personnel"),
                        ("运转类项目支出", "operation"),
                        ("特定目标类项目支出", "specific"),
                        ("合计", "total"),
                    ]
                    .iter()
                    .find(|(l, _)| r.find(row, |t| t == *l).is_some_and(|k| k < c))
                    .map(|(_, k)| *k);
                    if r.find(row, |t| t == "支出构成").is_some() {
                        in_expenditure = true;
                    }
                    if let Some(key) = key {
                        let current = r.amount(row, c).unwrap_or_default();
                        if let Some(sc) = share_col {
                            r.t.mark(r.x.sheet, row, sc);
                        }
                        let h: Vec<Money> = hist_cols
                            .iter()
                            .map(|&hc| r.amount(row, hc).unwrap_or_default())
                            .collect();
                        let pair = [
                            h.first().copied().unwrap_or_default(),
                            h.get(1).copied().unwrap_or_default(),
                        ];
                        match key {
                            "personnel" => form.personnel = Some(current),
                            "special_account" => form.special_account = Some(current),
                            "total" if !in_expenditure => form.last_total = Some(pair[1]),
                            _ => {}
                        }
                        if key != "total" {
                            history.push((key, pair));
                        }
                    }
                }
            }
        }
        i += 1;
    }
    if form.name.is_empty() {
        r.f.warning(
            "IMP-006",
            r.x.sheet.cell_ref(r.x.title_row, 0),
            "预算14表中找不到“部门（单位）名称”，未导入部门整体绩效目标".into(),
            None,
        );
        return None;
    }
    let w = &mut form.yaml;
    let _ = writeln!(w, "  name: {}", scalar(&form.name));
    let _ = writeln!(w, "  filler: {}", scalar(&filler));
    let _ = writeln!(w, "  phone: {}", quoted(&phone));
    let _ = writeln!(w, "  # 近两年收支金额：[前年, 上年]");
    let _ = writeln!(w, "  history:");
    for key in [
        "fiscal",
        "special_account",
        "unit_funds",
        "personnel",
        "operation",
        "specific",
    ] {
        let [a, b] = history
            .iter()
            .find(|(k, _)| *k == key)
            .map_or([Money::ZERO; 2], |(_, v)| *v);
        if matches!(key, "special_account" | "unit_funds") && a.is_zero() && b.is_zero() {
            continue;
        }
        let _ = writeln!(w, "    {key}: [{a}, {b}]");
    }
    list(w, "  ", "functions", &functions);
    list(w, "  ", "tasks", &tasks);
    if let Some(y) = until {
        let _ = writeln!(w, "  long_term_until: {y}");
    }
    goals(w, "  ", "long_term_goals", &long);
    goals(w, "  ", "annual_goals", &annual);
    Some(form)
}
