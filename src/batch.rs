//! Batch: a whole finance bureau at once. Expands directories into their input files,
//! runs the pipeline on each in parallel (a bounded thread pool), writes each input's
//! outputs atomically, and returns one [`Outcome`] per input in input order, so one bad
//! file never stops the others and the summary is deterministic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Diagnostic, Error, Severity};
use crate::num::Money;
use crate::{build_input, load, output, Options};

/// What one input produced.
#[derive(Debug)]
pub struct Outcome {
    /// The input file.
    pub input: PathBuf,
    /// Files written and warnings, or why nothing was written.
    pub result: Result<Done, Error>,
}

impl Outcome {
    /// Errors to show for this input (validation errors, or the error itself).
    pub fn error_count(&self) -> usize {
        match &self.result {
            Ok(_) => 0,
            Err(Error::Invalid(d)) => d.iter().filter(|d| d.severity == Severity::Error).count(),
            Err(_) => 1,
        }
    }
}

/// A successfully generated input.
#[derive(Debug)]
pub struct Done {
    /// Paths written.
    pub written: Vec<PathBuf>,
    /// Warnings (and, for drafts, errors).
    pub diagnostics: Vec<Diagnostic>,
    /// The line of the portal index.
    pub entry: IndexEntry,
}

/// One department in the portal index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// Department name.
    pub department: String,
    /// Budget year.
    pub year: i32,
    /// What the document is (部门预算公开, 绩效目标表 …).
    pub document: String,
    /// 收支总预算 (budgets) or the funds the document covers.
    pub total: Money,
    /// "三公" total (budgets only).
    pub sangong: Option<Money>,
    /// Decimals of the document's amounts (the index prints them the same way).
    pub decimals: u32,
    /// File names written, by extension (`md`, `html`, `pdf`, `xlsx`).
    pub files: BTreeMap<String, String>,
    /// True for drafts.
    pub draft: bool,
}

/// Expands `paths`: a directory stands for its `*.yaml` / `*.yml` files (sorted, not
/// recursive); a file stands for itself.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| f.is_file() && f.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "目录 {} 中没有 .yaml 输入文件",
                    p.display()
                )));
            }
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Runs every input with at most `jobs` threads (0 = all cores); `progress` is called as
/// each input finishes, from the worker threads.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    out_dir: &Path,
    jobs: usize,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Error> {
    // Two inputs that would write the same output file both fail, before anything runs.
    let mut by_stem: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for i in inputs {
        by_stem
            .entry(output::file_name(i, "x"))
            .or_default()
            .push(i);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("无法创建线程池：{e}")))?;
    let outcomes = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let clash = &by_stem[&output::file_name(input, "x")];
                let result = if clash.len() > 1 {
                    let others: Vec<String> = clash
                        .iter()
                        .filter(|p| **p != input)
                        .map(|p| p.display().to_string())
                        .collect();
                    Err(Error::Usage(format!(
                        "输出文件名与 {} 相同，两者都不生成；请给输入文件改名",
                        others.join("、")
                    )))
                } else {
                    one(input, opts, out_dir)
                };
                let outcome = Outcome {
                    input: input.clone(),
                    result,
                };
                progress(&outcome);
                outcome
            })
            .collect()
    });
    Ok(outcomes)
}

fn one(input: &Path, opts: &Options, out_dir: &Path) -> Result<Done, Error> {
    let loaded = load::input_from_path(input)?;
    let artifacts = build_input(loaded, opts)?;
    let mut written = Vec::new();
    let mut files = BTreeMap::new();
    for (format, bytes) in &artifacts.outputs {
        let name = output::file_name(input, format.extension());
        written.push(output::write_atomic(out_dir, &name, bytes)?);
        files.insert(format.extension().to_owned(), name);
    }
    let s = &artifacts.summary;
    Ok(Done {
        written,
        diagnostics: artifacts.diagnostics,
        entry: IndexEntry {
            department: s.department.clone(),
            year: s.year,
            document: s.document.clone(),
            total: s.total,
            sangong: s.sangong,
            decimals: s.decimals,
            files,
            draft: opts.draft,
        },
    })
}
