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
struct Indicator {
    level1: String,
    level2: String,
    name: String,
    value: String,
    history: Option<(String, String)>,
    weight: Option<Money>,
    basis: String,
}

/// Reading one form: its table, the placed-cell record and the findings.
struct Reader<'t, 'a, 'f> {
    t: &'t Tables<'a>,
    x: &'t Found<'a>,
    f: &'f mut Findings,
}

impl Reader<'_, '_, '_> {
    fn raw(&self, r: usize, c: usize) -> String {
        self.x.sheet.get(r, c).text().trim().to_owned()
    }

    fn width(&self, r: usize) -> usize {
        self.x.sheet.rows.get(r).map_or(0, Vec::len)
    }

    /// The column of the first cell in row `r` whose normalised text satisfies `p`.
    fn find(&self, r: usize, p: impl Fn(&str) -> bool) -> Option<usize> {
        (0..self.width(r)).find(|&c| p(&norm(&self.raw(r, c))))
    }

    /// The cell right of the (merged) cell at column `c` in row `r`: its column and text
    /// (empty text when the field is blank).
    fn next(&self, r: usize, c: usize) -> Option<(usize, String)> {
        let end = self.x.sheet.merge_at(r, c).map_or(c, |(_, _, _, c1)| c1);
        let k = end + 1;
        (k < self.width(r).max(k + 1)).then(|| (k, self.raw(r, k)))
    }

    /// The text right of the label `label` in row `r`.
    fn value_after(&self, r: usize, label: &str) -> String {
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
    fn amount(&mut self, r: usize, c: usize) -> Option<Money> {
        match self.x.sheet.get(r, c) {
            Value::Empty => None,
            Value::Text(t) if super::tables::number(&Value::Text(t.clone())).is_err() => None,
            _ => Some(self.t.amount_at(self.x, r, c, self.f)),
        }
    }

    /// A count or weight (not money: never converted from 元).
    fn count(&mut self, r: usize, c: usize) -> Option<Money> {
        self.t.mark(self.x.sheet, r, c);
        match self.x.sheet.get(r, c) {
            Value::Empty => None,
            v => super::tables::number(v).ok().map(Money),
        }
    }

    /// The first column of row `r` holding a label (its raw text), skipping merged
    /// continuations.
    fn label(&self, r: usize) -> String {
        norm(&self.raw(r, 0))
    }

    /// Indicator rows from `start` (the row after the header) while `more(row)`; columns
    /// by name from the header rows.
    fn indicators(
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
    fn indicator_cols(&self, r: usize) -> (BTreeMap<&'static str, usize>, bool) {
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
                if let Some((name, form)) = project(&mut r) {
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
    let _ = writeln!(w, "{indent}{key}:");
    for i in items {
        let _ = writeln!(w, "{indent}  - {}", scalar(i));
    }
}

fn goals(w: &mut String, indent: &str, key: &str, goals: &[(String, Vec<Indicator>)]) {
    let _ = writeln!(w, "{indent}{key}:");
    for (text, indicators) in goals {
        let _ = writeln!(w, "{indent}  - text: {}", scalar(text));
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
    for (key, [a, b]) in &history {
        if matches!(*key, "special_account" | "unit_funds") && a.is_zero() && b.is_zero() {
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

/// The option ticked (☑) in a choice cell: "1.运转类 ☐　2.特定目标类本级支出 ☑" → 特定目标类本级支出.
fn ticked(text: &str) -> Option<String> {
    let i = text.find('☑')?;
    let before = text[..i].trim_end();
    let start = before.rfind(['☐', '　']).map_or(0, |k| {
        k + before[k..].chars().next().map_or(1, char::len_utf8)
    });
    let option = before[start..].trim();
    let option = option.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '．');
    Some(option.trim().to_owned()).filter(|s| !s.is_empty())
}

/// One 表15 form: the project's name and its form.
fn project(r: &mut Reader<'_, '_, '_>) -> Option<(String, ProjectForm)> {
    let rows = r.x.body.clone();
    let mut form = ProjectForm::default();
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    let mut name = String::new();
    let mut details: Vec<(String, String, [Money; 3])> = Vec::new();
    let mut assets: Vec<(String, String, Money)> = Vec::new();
    let mut texts: Vec<(bool, String)> = Vec::new();
    let mut long: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut annual: Vec<(String, Vec<Indicator>)> = Vec::new();
    let mut weights: Vec<Money> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        let label = r.label(row);
        let until = |k: usize, stop: &[&str]| {
            rows[k..]
                .iter()
                .position(|&x| stop.iter().any(|s| r.find(x, |t| t == norm(s)).is_some()))
                .map_or(rows.len(), |p| k + p)
        };
        match label.as_str() {
            "项目名称" => {
                name = r.value_after(row, "项目名称");
                form.code = r.value_after(row, "项目代码");
            }
            "项目主管部门" => {
                fields.push(("department", r.value_after(row, "项目主管部门")));
                fields.push(("executor", r.value_after(row, "项目执行单位")));
            }
            "项目负责人" => {
                fields.push(("manager", r.value_after(row, "项目负责人")));
                fields.push(("phone", r.value_after(row, "联系电话")));
            }
            "项目年度" => {
                if let Some((c, _)) = r.next(row, 0) {
                    r.t.mark(r.x.sheet, row, c);
                }
            }
            "项目类别" | "项目安排频度" => {
                let key = if label == "项目类别" {
                    "category"
                } else {
                    "frequency"
                };
                let text = r.value_after(row, &label);
                let value =
                    ticked(&text).unwrap_or_else(|| format!("{}{}", super::PLACEHOLDER, label));
                fields.push((key, value));
            }
            "立项依据" => fields.push(("basis", r.value_after(row, "立项依据"))),
            "项目实施方案" => fields.push(("plan", r.value_after(row, "项目实施方案"))),
            "上年绩效评价结果、整改及应用" => {
                fields.push(("last_evaluation", r.value_after(row, &label)))
            }
            "项目前两年预算及当年预算变动情况" => {
                fields.push(("budget_history", r.value_after(row, &label)))
            }
            "项目总预算" => {
                if let Some((c, _)) = r.next(row, 0) {
                    form.total_budget = r.amount(row, c);
                }
                if let Some(c) = r
                    .find(row, |t| t == "项目当年预算")
                    .and_then(|c| r.next(row, c))
                    .map(|x| x.0)
                {
                    r.amount(row, c);
                }
            }
            l if l.ends_with("预算申报项目资金来源") => {
                // 当年预算合计 and the four sources: derived figures, read to be placed.
                let col = r.find(row, |t| t.ends_with("预算申报数"));
                let end = rows[i + 1..]
                    .iter()
                    .position(|&x| r.label(x).ends_with("项目支出明细及依据"))
                    .map_or(rows.len(), |p| i + 1 + p);
                if let Some(c) = col {
                    for &p in &rows[i + 1..end] {
                        r.amount(p, c);
                    }
                }
                i = end;
                continue;
            }
            l if l.ends_with("项目支出明细及依据") => {
                let find = |t: &str| r.find(row, |x| x == t);
                let cols = [
                    find("项目内容"),
                    find("测算依据及说明"),
                    find("本级财政拨款金额"),
                    find("上级转移支付金额"),
                    find("其他资金"),
                ];
                let end = until(i + 1, &["项目资产配置计划及采购计划"]);
                for &p in &rows[i + 1..end] {
                    let is_total = r.find(p, |t| t == "合计").is_some();
                    let amounts: Vec<Money> = cols[2..]
                        .iter()
                        .map(|c| c.and_then(|c| r.amount(p, c)).unwrap_or_default())
                        .collect();
                    if is_total {
                        continue;
                    }
                    let text = |c: Option<usize>| c.map_or(String::new(), |c| r.raw(p, c));
                    details.push((
                        text(cols[0]),
                        text(cols[1]),
                        [amounts[0], amounts[1], amounts[2]],
                    ));
                }
                i = end;
                continue;
            }
            _ if r.find(row, |t| t == "项目资产配置计划及采购计划").is_some() => {
                let head = rows.get(i + 1).copied().unwrap_or(row);
                let cols = [
                    r.find(head, |t| t == "品名"),
                    r.find(head, |t| t == "数量"),
                    r.find(head, |t| t == "金额"),
                ];
                let end = until(i + 1, &["项目绩效总目标"]);
                for &p in rows.get(i + 2..end).unwrap_or(&[]) {
                    let text = |c: Option<usize>| c.map_or(String::new(), |c| r.raw(p, c));
                    let (item, quantity) = (text(cols[0]), text(cols[1]));
                    if item.is_empty() || norm(&item) == "无" {
                        continue;
                    }
                    let amount = cols[2].and_then(|c| r.amount(p, c)).unwrap_or_default();
                    assets.push((item, quantity, amount));
                }
                i = end;
                continue;
            }
            _ if r.find(row, |t| t == "项目绩效总目标").is_some() => {
                let end = until(i + 1, &["长期绩效目标表"]);
                for &p in rows.get(i + 2..end).unwrap_or(&[]) {
                    let l = r.label(p);
                    let text = r.next(p, 0).map(|x| x.1).unwrap_or_default();
                    texts.push((l.starts_with("长期"), text));
                }
                i = end;
                continue;
            }
            _ if r
                .find(row, |t| t == "长期绩效目标表" || t == "年度绩效目标表")
                .is_some() =>
            {
                let is_long = r.find(row, |t| t == "长期绩效目标表").is_some();
                let head = rows.get(i + 1).copied().unwrap_or(row);
                let (cols, two) = r.indicator_cols(head);
                let start = i + 2 + usize::from(two);
                let end = if is_long {
                    until(i + 1, &["年度绩效目标表"])
                } else {
                    rows.len()
                };
                let body = &rows[start.min(end)..end];
                // Rows by goal (the merged 目标名称 cell), each goal's weight once.
                let mut by_goal: Vec<(String, Vec<usize>)> = Vec::new();
                for &p in body {
                    let g = cols
                        .get("goal")
                        .map_or(String::new(), |&c| r.x.sheet.text_merged(p, c));
                    match by_goal.last_mut() {
                        Some((last, list)) if *last == g => list.push(p),
                        _ => {
                            if !is_long {
                                if let Some(&c) = cols.get("goal_weight") {
                                    if let Some(w) = r.count(p, c) {
                                        weights.push(w);
                                    }
                                }
                            }
                            by_goal.push((g, vec![p]));
                        }
                    }
                }
                for (_, list) in by_goal {
                    let ind = r.indicators(&cols, &list);
                    if is_long {
                        long.push((String::new(), ind));
                    } else {
                        annual.push((String::new(), ind));
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if name.is_empty() {
        return None;
    }
    let (long_texts, annual_texts): (Vec<_>, Vec<_>) = texts.into_iter().partition(|(l, _)| *l);
    for (k, (_, t)) in long_texts.into_iter().enumerate() {
        match long.get_mut(k) {
            Some(g) => g.0 = t,
            None => long.push((t, Vec::new())),
        }
    }
    for (k, (_, t)) in annual_texts.into_iter().enumerate() {
        match annual.get_mut(k) {
            Some(g) => g.0 = t,
            None => annual.push((t, Vec::new())),
        }
    }
    let w = &mut form.yaml;
    for (key, value) in &fields {
        let v = if *key == "phone" {
            quoted(value)
        } else {
            scalar(value)
        };
        let _ = writeln!(w, "      {key}: {v}");
    }
    let _ = writeln!(w, "      details:");
    for (content, basis, [local, transfer, other]) in &details {
        let _ = writeln!(w, "        - content: {}", scalar(content));
        let _ = writeln!(w, "          basis: {}", scalar(basis));
        for (k, v) in [("local", local), ("transfer", transfer), ("other", other)] {
            if !v.is_zero() {
                let _ = writeln!(w, "          {k}: {v}");
            }
        }
    }
    if !assets.is_empty() {
        let _ = writeln!(w, "      assets:");
        for (n, q, a) in &assets {
            let _ = writeln!(
                w,
                "        - {{ name: {}, quantity: {}, amount: {a} }}",
                scalar(n),
                scalar(q)
            );
        }
    }
    goals(w, "      ", "long_term_goals", &long);
    goals(w, "      ", "annual_goals", &annual);
    if !weights.is_empty() {
        let list: Vec<String> = weights.iter().map(ToString::to_string).collect();
        let _ = writeln!(w, "      annual_goal_weights: [{}]", list.join(", "));
    }
    Some((name, form))
}
