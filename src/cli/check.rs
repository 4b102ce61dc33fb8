//! `gongkai check`: every problem of every input (files, or the `.yaml`/`.yml` files of a
//! folder), for people or as JSON; with several inputs, a summary per file.

use std::path::PathBuf;
use std::process::ExitCode;

use gongkai::{batch, Diagnostic, Error, Input, Options, Severity};

use super::args::CheckFormat;
use super::report::{print_diagnostics, report_error, sandbox, terminal_safe, today};

/// What checking one input came to.
struct Checked {
    input: PathBuf,
    /// Its diagnostics, or why it could not be checked (printed already; exit code).
    result: Result<Vec<Diagnostic>, u8>,
}

pub(crate) fn check(inputs: &[PathBuf], format: CheckFormat, templates: Vec<PathBuf>) -> ExitCode {
    let opts = Options {
        templates,
        today: today(),
        sandbox: sandbox(),
        ..Options::default()
    };
    let collected = match batch::collect_inputs(inputs) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("错误：{}", terminal_safe(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    let many = collected.files.len() > 1 || inputs.iter().any(|p| p.is_dir());
    let human = matches!(format, CheckFormat::Human);
    let checked: Vec<Checked> = collected
        .files
        .iter()
        .map(|input| {
            let run = batch::guarded(input, || {
                Input::read(input).and_then(|l| gongkai::check(&l, &opts))
            });
            let result = match run {
                Ok(d) | Err(Error::Invalid(d)) => Ok(d),
                // JSON output stays parseable: the reason goes to stderr either way.
                Err(e) => Err(report_error(input, &e, false)),
            };
            if let (true, Ok(d)) = (human, &result) {
                print_diagnostics(d);
            }
            Checked {
                input: input.clone(),
                result,
            }
        })
        .collect();
    let all: Vec<&Diagnostic> = checked
        .iter()
        .filter_map(|c| c.result.as_ref().ok())
        .flatten()
        .collect();
    let mut worst = checked
        .iter()
        .filter_map(|c| c.result.as_ref().err())
        .copied()
        .max()
        .unwrap_or(0);
    if all.iter().any(|d| d.severity == Severity::Error) {
        worst = worst.max(1);
    }
    if !human {
        let text = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into());
        println!("{text}");
        return ExitCode::from(worst);
    }
    if many {
        summarize(&checked, &collected.skipped);
    } else if worst < 2 {
        let (errors, warnings) = counts(all.iter().copied());
        eprintln!(
            "{}：{errors} 个错误，{warnings} 个警告",
            if errors == 0 {
                "校验通过"
            } else {
                "校验未通过"
            }
        );
    }
    ExitCode::from(worst)
}

fn counts<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> (usize, usize) {
    diags.fold((0, 0), |(e, w), d| match d.severity {
        Severity::Error => (e + 1, w),
        Severity::Warning => (e, w + 1),
    })
}

/// One line per file with problems, then the totals and what a folder held that was not
/// read.
fn summarize(checked: &[Checked], skipped: &[(PathBuf, String)]) {
    let (mut passed, mut failed, mut unreadable) = (0, 0, 0);
    let (mut errors, mut warnings) = (0, 0);
    eprintln!("各文件：");
    for c in checked {
        let name = terminal_safe(&c.input.display().to_string());
        match &c.result {
            Ok(d) => {
                let (e, w) = counts(d.iter());
                errors += e;
                warnings += w;
                if e == 0 {
                    passed += 1;
                } else {
                    failed += 1;
                }
                let verdict = if e == 0 { "通过" } else { "未通过" };
                eprintln!("  {name}：{verdict}（{e} 个错误，{w} 个警告）");
            }
            Err(_) => {
                unreadable += 1;
                eprintln!("  {name}：无法校验（原因见上）");
            }
        }
    }
    eprintln!(
        "共 {} 个文件：通过 {passed} 个，未通过 {failed} 个，无法校验 {unreadable} 个；{errors} 个错误，{warnings} 个警告",
        checked.len()
    );
    if !skipped.is_empty() {
        eprintln!("未读取 {} 项：", skipped.len());
        for (p, why) in skipped {
            eprintln!("  {}：{why}", terminal_safe(&p.display().to_string()));
        }
    }
}
