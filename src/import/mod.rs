//! Import (`gongkai import WORKBOOK -o FILE.yaml`): the budget system's workbook of the
//! standard public tables (预算01表 … 预算15表) → an input file for the rest of the
//! pipeline, written as a clerk would write it, with every figure the tables carry and a
//! marked placeholder (【待填写】, refused by `check` as EXP-008) for every text they do not.
//!
//! ```text
//! read.rs     workbook (.xlsx, .xls; calamine) → sheets of exact cells and merges
//! specs.rs    the tables as recognised: title words, header texts of each column
//! sz_specs.rs the Shenzhen layout's tables, likewise
//! tables.rs   finding tables by title and header, reading amounts (元 → 万元), placed cells
//! facts.rs    tables 2, 3, 5–10 → what they say; totals against their rows
//! lists.rs    tables 1, 4 (two-sided), 11 (projects), 12, 13 (lines)
//! across.rs   one table against another (表1 against 表2 and 表3, 表5 against 表6 …)
//! forms.rs    表14 (the department form) by its labels; the form reader
//! project_form.rs  表15 (one form per project)
//! build.rs    facts → a draft budget; units × 科目 split where the tables give only margins
//! alloc.rs    the splitting (north-west corner, capped greedy)
//! draft.rs    the draft budget
//! shenzhen.rs the Shenzhen layout's tables (表1 … 表14) → a draft (`layout: shenzhen`)
//! sz_lists.rs its projects, "三公", procurement and targets
//! yaml.rs     draft → commented YAML; yaml_lists.rs its list sections
//! ```
//!
//! It sits beside `load` (it reads an input file of another shape) and below `validate`:
//! it checks only what a workbook can contradict itself in (a total against its rows, one
//! table against another) and leaves every rule of the budget to `check`, which the
//! command runs on the file it wrote. Its own findings are [`Diagnostic`]s located at
//! workbook cells: `file` is the workbook and `field` the cell (`预算05表!D12`); line and
//! column are 0.

mod across;
mod alloc;
mod build;
mod draft;
mod facts;
mod forms;
mod lists;
mod project_form;
mod read;
mod shenzhen;
mod specs;
mod sz_lists;
mod sz_specs;
mod tables;
mod yaml;
mod yaml_lists;

use std::path::Path;

use crate::error::{Diagnostic, Error, Severity};

/// The importer's rules, as `gongkai rules` lists them: ID, severity, Chinese title.
pub const RULES: &[(&str, Severity, &str)] = &[
    (
        "IMP-001",
        Severity::Warning,
        "表头中找不到某一列（该列按空处理）",
    ),
    (
        "IMP-002",
        Severity::Error,
        "数字未能归入任何表或字段（未导入）",
    ),
    ("IMP-003", Severity::Error, "单元格不是数字（按 0 处理）"),
    ("IMP-004", Severity::Error, "两张表的同一数字不一致"),
    (
        "IMP-005",
        Severity::Error,
        "表内合计与明细之和不一致（合计、类、款）",
    ),
    ("IMP-006", Severity::Warning, "工作簿中缺少某张表"),
    (
        "IMP-007",
        Severity::Warning,
        "多个预算单位按科目的明细由表中合计推算",
    ),
    ("IMP-008", Severity::Error, "工作簿中没有可识别的预算表"),
];

/// An imported workbook: the YAML text and what the importer found.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The input file, commented, with placeholders.
    pub yaml: String,
    /// Problems of the workbook, located at its cells.
    pub diagnostics: Vec<Diagnostic>,
    /// Placeholders written (texts the tables do not carry).
    pub placeholders: usize,
}

/// Diagnostics of one workbook.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    file: String,
    list: Vec<Diagnostic>,
}

impl Findings {
    fn push(
        &mut self,
        rule: &'static str,
        severity: Severity,
        cell: String,
        message: String,
        hint: Option<String>,
    ) {
        self.list.push(Diagnostic {
            file: self.file.clone(),
            line: 0,
            column: 0,
            field: cell,
            rule,
            severity,
            message,
            hint,
            notes: Vec::new(),
        });
    }

    /// An error at `cell`.
    pub(crate) fn error(
        &mut self,
        rule: &'static str,
        cell: String,
        message: String,
        hint: Option<String>,
    ) {
        self.push(rule, Severity::Error, cell, message, hint);
    }

    /// A warning at `cell`.
    pub(crate) fn warning(
        &mut self,
        rule: &'static str,
        cell: String,
        message: String,
        hint: Option<String>,
    ) {
        self.push(rule, Severity::Warning, cell, message, hint);
    }
}

/// The placeholder marker: `check` refuses any text containing it (EXP-008, “待填写”).
pub const PLACEHOLDER: &str = "【待填写】";

/// Imports the workbook at `path` (`.xlsx` or `.xls`).
pub fn import(path: &Path) -> Result<Imported, Error> {
    let book = read::read(path)?;
    let mut findings = Findings {
        file: path.display().to_string(),
        list: Vec::new(),
    };
    let tables = tables::Tables::find(&book, &mut findings);
    if tables.found.is_empty() {
        return Err(Error::Usage(format!(
            "{}：没有找到可识别的预算表（按表题识别，如“收支预算总表”“一般公共预算支出表（分功能科目）”）",
            path.display()
        )));
    }
    let mut draft = if shenzhen::is_shenzhen(&tables) {
        shenzhen::build(&tables, book.title.as_deref(), &mut findings)
    } else {
        let facts = facts::read(&tables, &mut findings);
        let forms = forms::read(&tables, &mut findings);
        build::build(&facts, &forms, book.title.as_deref(), &mut findings)
    };
    // Decimals shown in 元 say nothing of the 万元 the report prints.
    if !tables.found.iter().any(|t| t.yuan) {
        draft.shown_decimals = book.shown_decimals;
    }
    for (cell, text) in tables.unplaced() {
        findings.error(
            "IMP-002",
            cell,
            format!("数字“{text}”未能归入任何表或字段，没有导入"),
            Some("核对该单元格是否属于某张预算表，表题、表头是否与标准表样一致".into()),
        );
    }
    let (yaml, placeholders) = yaml::write(&draft);
    let mut diagnostics = findings.list;
    diagnostics.sort_by(|a, b| a.field.cmp(&b.field).then(a.rule.cmp(b.rule)));
    diagnostics.dedup();
    Ok(Imported {
        yaml,
        diagnostics,
        placeholders,
    })
}

#[cfg(test)]
mod tests;
