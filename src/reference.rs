//! The template reference (`docs/templates.md`, also written by every `templates export`),
//! generated from the code so that it cannot drift: the `layout.yaml` fields
//! ([`theme::user::FIELDS`]), the block markup ([`blocks::markup::DIRECTIVES`]), the
//! filters, functions and tests with their checked examples ([`render::docs::DOCS`]),
//! every variable of each kind's report from its JSON Schema (type, whether it may be
//! empty, the doc comment), and every dataset of `tables` with the columns, cell types and
//! row kinds that the shipped inputs' reports give it. `tests/template_reference.rs`
//! fails when the page in the repository is not what this makes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::blocks::markup::DIRECTIVES;
use crate::kind::{self, Input};
use crate::model::datasets::{self, Shape};
use crate::model::tables::{Cell, RowKind};
use crate::render::docs::{DOCS, EXAMPLE_CONTEXT};
use crate::theme::user::FIELDS;
use crate::{model, validate};

/// The reference as shipped (the file `templates export` writes beside the templates).
pub const PAGE: &str = include_str!("../docs/templates.md");

/// The name of the reference among exported templates.
pub const FILE_NAME: &str = "模板参考.md";

/// The reference page, its dataset columns read off the reports of `examples` (the
/// shipped budget inputs).
pub fn page(examples: &[Input]) -> String {
    let mut out = String::new();
    out.push_str(HEAD);
    layout_fields(&mut out);
    markup(&mut out);
    filters(&mut out);
    for (name, label) in kind::NAMES {
        if let Some(schema) = kind::report_schema(name) {
            variables(&mut out, name, label, &schema);
        }
    }
    datasets_of(&mut out, examples);
    out.push_str(PAGES);
    out
}

const HEAD: &str = "# 模板参考

本页由程序生成（`src/reference.rs`），列出版式模板能用的一切：`layout.yaml` 的字段、块标记、过滤器和函数、
每种文件类型的模板变量（类型、是否可能为空）、`tables` 中每个数据集的列和行类型。程序改动而本页没有重新生成时，
`tests/template_reference.rs` 失败（`UPDATE_GOLDEN=1 cargo test --test template_reference` 重新生成）。
`gongkai templates export` 把本页随模板一起写出；`gongkai templates vars 输入文件` 打印某个输入的实际数据（YAML），
`gongkai templates check 版式目录` 用内置示例（及去掉可选内容的变体）逐一渲染版式。

做一个地区的版式：`gongkai templates new 我区 --from standard` 建目录，照本页改 `document.tera`（文字、各部分顺序）
和 `tables.tera`（报表），`gongkai templates check 我区` 检查，输入文件写 `layout: 我区`，生成时加 `--templates 我区`。

";

fn layout_fields(out: &mut String) {
    out.push_str("## 1. `layout.yaml`\n\n");
    out.push_str("版式目录中的 `layout.yaml` 以 `name:` 声明版式名称：该目录的文件只用于 `layout:` 为这个名称的输入。\
`extends:` 所依据的版式（内置版式或另一个给出的目录）的文件和字段都沿用，本目录只放不同的；映射（如 `numbers`、`checks`）逐键合并。\n\n");
    out.push_str("| 字段 | 含义 |\n| --- | --- |\n");
    for (name, text) in FIELDS {
        out.push_str(&format!("| `{name}` | {} |\n", cell(text)));
    }
    out.push('\n');
}

fn markup(out: &mut String) {
    out.push_str("## 2. 块标记\n\n");
    out.push_str("`document.tera` 输出块标记，程序据此写出 Markdown、HTML、PDF 和 Excel：每行一个指令（`@@` 开头），\
其他行是段落文字，空行分段。用户文字一律经过 `t` 过滤器（见第 3 节），不能改变结构。\n\n");
    out.push_str("| 指令 | 位置 | 作用 |\n| --- | --- | --- |\n");
    for (name, place, text) in DIRECTIVES {
        out.push_str(&format!("| `@@{name}` | {place} | {} |\n", cell(text)));
    }
    out.push_str("\n表格行写作 `行类型| 单元格 | 单元格 |`。单元格开头可写属性：`{c2}` 跨 2 列，`{r3}` 跨 3 行，\
`{n}` 数字（右对齐），`{h}` 表体中的表头单元格，可以连写（`{h c2}`）；单元格中的 `\\n` 换行。\
行类型：`total`（合计）、`group1`（类、部门）、`group2`（款、单位）、`group3`、`item`（项）或不写；\
非 `@@nosum` 的表中合计与其下各行印出之和不等时报 RND-003。\n\n");
}

fn filters(out: &mut String) {
    out.push_str("## 3. 过滤器、函数和测试\n\n");
    out.push_str("Tera 自带的过滤器（`length`、`default`、`join` 等）照常可用。金额在模板中是精确小数的文字（`\"825.16\"`）：\
不要用 `float` 或 `+` 计算，用下面的 `plus`、`minus`、`sum`、`share`、`change`，结果交给 `money`、`amount`、`pct` 一次舍入，\
与报告中其他数字的舍入相同。下表示例在此数据下渲染（测试逐条核对）：\n\n");
    out.push_str(&format!("```json\n{EXAMPLE_CONTEXT}\n```\n\n"));
    out.push_str("| 名称 | 种类 | 作用 | 示例 | 结果 |\n| --- | --- | --- | --- | --- |\n");
    for d in DOCS {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            d.name,
            d.kind,
            cell(d.text),
            code(d.example),
            code(d.output)
        ));
    }
    out.push('\n');
}

/// Every variable of a kind's report, from its schema.
fn variables(out: &mut String, kind: &str, label: &str, schema: &Value) {
    out.push_str(&format!(
        "## 4.{} {label}（`kind: {kind}`）的模板变量\n\n",
        kind::NAMES
            .iter()
            .position(|(n, _)| *n == kind)
            .unwrap_or(0)
            + 1
    ));
    out.push_str("`document.tera` 及其包含的模板可用的变量，另有 `layout`（本版式合并后的 `layout.yaml`）。\
“可为空”的变量在有的输入中为空（null），使用前用 `{% if … %}` 判断。列表写作 `名称[]`，其元素的字段写作 `名称[].字段`。\n\n");
    out.push_str("| 变量 | 类型 | 可为空 | 说明 |\n| --- | --- | --- | --- |\n");
    let mut rows = Vec::new();
    walk(schema, "", false, &mut rows);
    for (path, ty, nullable, text) in rows {
        let null = if nullable { "是" } else { "" };
        out.push_str(&format!("| `{path}` | {ty} | {null} | {} |\n", cell(&text)));
    }
    out.push('\n');
}

/// (path, type, nullable, description) of every property under `node`.
fn walk(node: &Value, path: &str, _nullable: bool, rows: &mut Vec<(String, String, bool, String)>) {
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (key, sub) in props {
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let (inner, nullable) = unwrap_null(sub);
        let text = sub
            .get("description")
            .or_else(|| inner.get("description"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        if matches!(key.as_str(), "tables" | "exact_tables") && path.is_empty() {
            rows.push((child, "数据集映射（见第 5 节）".into(), nullable, text));
            continue;
        }
        rows.push((child.clone(), type_name(inner), nullable, text));
        descend(inner, &child, rows);
    }
}

fn descend(inner: &Value, path: &str, rows: &mut Vec<(String, String, bool, String)>) {
    if inner.get("properties").is_some() {
        walk(inner, path, false, rows);
    } else if let Some(items) = inner.get("items").filter(|i| i.is_object()) {
        let (item, _) = unwrap_null(items);
        descend(item, &format!("{path}[]"), rows);
    } else if let Some(values) = inner.get("additionalProperties").filter(|v| v.is_object()) {
        let (value, _) = unwrap_null(values);
        descend(value, &format!("{path}.<键>"), rows);
    }
}

/// The schema without its null alternative, and whether it had one.
fn unwrap_null(v: &Value) -> (&Value, bool) {
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = v.get(key).and_then(Value::as_array) {
            let is_null = |b: &Value| b.get("type").and_then(Value::as_str) == Some("null");
            if branches.iter().any(is_null) {
                let other = branches.iter().find(|b| !is_null(b)).unwrap_or(v);
                return (other, true);
            }
        }
    }
    let nullable = v
        .get("type")
        .and_then(Value::as_array)
        .is_some_and(|t| t.iter().any(|x| x == "null"));
    (v, nullable)
}

fn type_name(v: &Value) -> String {
    let pattern = v.get("pattern").and_then(Value::as_str).unwrap_or("");
    if pattern.contains("待填") {
        return "金额".into();
    }
    if pattern.starts_with("^-?\\d") {
        return "数（未舍入；百分数用 `pct`）".into();
    }
    let consts: Vec<String> = v
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|b| {
            b.iter()
                .filter_map(|x| x.get("const").and_then(Value::as_str))
                .map(|c| format!("`{c}`"))
                .collect()
        })
        .unwrap_or_default();
    if !consts.is_empty() {
        return format!("取值 {}", consts.join("、"));
    }
    if let Some(items) = v.get("prefixItems").and_then(Value::as_array) {
        let parts: Vec<String> = items.iter().map(type_name).collect();
        return format!("二元组（{}；用 `.0`、`.1`）", parts.join("，"));
    }
    let ty = match v.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("")
            .to_owned(),
        _ => String::new(),
    };
    match ty.as_str() {
        "string" => "文字".into(),
        "integer" => "整数".into(),
        "number" => "数".into(),
        "boolean" => "是/否".into(),
        "array" => match v.get("items") {
            Some(items) => format!("列表（{}）", type_name(unwrap_null(items).0)),
            None => "列表".into(),
        },
        "object" if v.get("additionalProperties").is_some_and(Value::is_object) => {
            "映射（键 → 值）".into()
        }
        "object" => "对象".into(),
        _ => "值".into(),
    }
}

/// What the shipped inputs' reports hold in one dataset.
#[derive(Default)]
struct Seen {
    kinds: BTreeSet<&'static str>,
    /// Column → (cell types seen, rows seen without a value).
    columns: BTreeMap<&'static str, (BTreeSet<&'static str>, bool)>,
    rows: usize,
}

fn datasets_of(out: &mut String, examples: &[Input]) {
    out.push_str("## 5. 数据集 `tables.*`\n\n");
    out.push_str("部门预算的报告中，`tables` 按键给出各表的数据：`tables.键.rows` 是按印出顺序排列的行，每行有 `kind`（行类型）\
和 `cells`（列名 → 值）。每行都有该数据集的全部列，没有值的是空（null，`money` 印为空）。金额、数量是精确小数的文字，\
文字列是文字。行类型：`total` 合计，`group1` 类（或部门），`group2` 款（或单位），`group3` 单位下的项目类别，`item` 项（或明细行）。\
层级表（合计 = 其下各 group1 之和 …）的合计由程序核对；其他表的行不是相加关系，模板中写 `@@nosum`。\
下面的列和行类型取自内置示例输入的报告（`inputs/*.yaml`）；示例中没有数据的数据集标明“示例中无数据”。\
尾差调整时另有 `exact_tables`（同样的数据集，按录入的精确数字）。\n\n");
    let mut seen: BTreeMap<&'static str, Seen> = BTreeMap::new();
    for input in examples {
        let Some(loaded) = input.as_budget() else {
            continue;
        };
        let layout = input.layout().to_owned();
        let settings = crate::theme::load(&layout, &[])
            .map(|t| t.info.checks)
            .unwrap_or_default();
        let opts = validate::Options {
            settings,
            today: None,
        };
        let diags = validate::check(loaded, &opts);
        let Ok(v) = validate::gate(loaded.clone(), diags, true) else {
            continue;
        };
        let report = model::derive(&v, false, &layout);
        for (key, ds) in &report.tables {
            let s = seen.entry(key).or_default();
            s.rows += ds.rows.len();
            let all: BTreeSet<&'static str> = ds
                .rows
                .iter()
                .flat_map(|r| r.cells.keys().copied())
                .collect();
            for row in &ds.rows {
                s.kinds.insert(kind_name(row.kind));
                for col in &all {
                    let entry = s.columns.entry(col).or_default();
                    match row.cells.get(col) {
                        Some(c) => {
                            entry.0.insert(cell_type(c));
                        }
                        None => entry.1 = true,
                    }
                }
            }
        }
    }
    for info in datasets::ALL {
        let shape = match info.shape {
            Shape::Hierarchy => "层级表",
            Shape::Other => "非层级表（@@nosum）",
        };
        out.push_str(&format!(
            "### `tables.{}`：{}（{shape}）\n\n",
            info.key, info.title
        ));
        match seen.get(info.key) {
            Some(s) if s.rows > 0 => {
                let kinds: Vec<String> = ["total", "group1", "group2", "group3", "item"]
                    .iter()
                    .filter(|k| s.kinds.contains(*k))
                    .map(|k| format!("`{k}`"))
                    .collect();
                out.push_str(&format!("行类型：{}\n\n", kinds.join("、")));
                out.push_str("| 列 | 名称 | 值 | 有空值 |\n| --- | --- | --- | --- |\n");
                for (col, (types, empty)) in &s.columns {
                    let types: Vec<&str> = types.iter().copied().collect();
                    let title = datasets::column_title(col);
                    let title = if title == *col { "" } else { title };
                    out.push_str(&format!(
                        "| `{col}` | {title} | {} | {} |\n",
                        types.join("、"),
                        if *empty { "是" } else { "" }
                    ));
                }
                out.push('\n');
            }
            _ => out.push_str("示例中无数据。\n\n"),
        }
    }
}

fn kind_name(k: RowKind) -> &'static str {
    match k {
        RowKind::Total => "total",
        RowKind::Group1 => "group1",
        RowKind::Group2 => "group2",
        RowKind::Group3 => "group3",
        RowKind::Item => "item",
    }
}

fn cell_type(c: &Cell) -> &'static str {
    match c {
        Cell::Text(_) => "文字",
        Cell::Money(_) => "金额",
        Cell::Number(_) => "数量",
        Cell::Count(_) => "序号或层级（整数）",
    }
}

const PAGES: &str = "## 6. 页面模板的变量\n\n\
`page.md.tera`、`page.html.tera` 把块写成 Markdown、HTML，可用：`meta`（同第 4 节）、`layout`、`blocks`（块的列表：\
`type` 为 `title`、`toc`、`heading`、`paragraph`、`table`、`page_break`，表格另有 `flat`（合并单元格展开后的行）、`columns`（展开后的列数）、\
`tree`（有无款级行）、`header_rows`（全由表头单元格组成的表体行的序号，从 0 起）和 HTML 的 `csv_uri`）、`title`（第一个标题块的文字，没有时为空）、\
`has_tables`（有无表格）、`css`（`style.css` 的内容）和 HTML 的 `data_json`（整个报告的 JSON）。多数版式不必改这两个文件。\n";

/// A table cell's text: `|` escaped, line breaks as spaces.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Inline code that may contain backticks and bars.
fn code(s: &str) -> String {
    let s = s.replace('|', "\\|");
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}
