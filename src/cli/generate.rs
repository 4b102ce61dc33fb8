//! `gongkai generate`: one input or a batch, the progress, the closing summary and the
//! portal index.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::{batch, output, render, theme, Diagnostic, Error, Format, Options, Severity};
use indicatif::{ProgressBar, ProgressStyle};

use super::report::{print_diagnostics, report_error, sandbox, terminal_safe, today};

pub(crate) struct GenerateArgs {
    pub(crate) inputs: Vec<PathBuf>,
    pub(crate) out_dir: PathBuf,
    pub(crate) formats: Vec<String>,
    pub(crate) templates: Vec<PathBuf>,
    pub(crate) draft: bool,
    pub(crate) jobs: usize,
}

pub(crate) fn generate(a: GenerateArgs) -> ExitCode {
    let mut parsed = Vec::new();
    for f in &a.formats {
        match Format::parse(f) {
            Some(x) => parsed.push(x),
            None => {
                eprintln!("错误：未知的输出格式“{f}”（可选：md、html、pdf、xlsx）");
                return ExitCode::from(2);
            }
        }
    }
    let opts = Options {
        formats: parsed,
        templates: a.templates,
        draft: a.draft,
        today: today(),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
        sandbox: sandbox(),
    };
    let inputs = match batch::collect_inputs(&a.inputs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let files = &inputs.files;
    let out = output::OutputDir::new(&a.out_dir);
    if a.jobs > batch::max_jobs() {
        eprintln!(
            "提示：并行数 {} 超过本机的合理上限，已按 {} 运行",
            a.jobs,
            batch::max_jobs()
        );
    }
    let many = files.len() > 1 || a.inputs.iter().any(|p| p.is_dir());
    let progress = Progress::new(files.len(), many);
    let outcomes = match batch::run(files, &opts, &out, a.jobs, &|o| progress.done(o)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    progress.finish();
    let mut worst = 0u8;
    for o in &outcomes {
        match &o.result {
            Ok(done) if !many => {
                print_diagnostics(&done.diagnostics);
                let mark = if a.draft { "（草稿）" } else { "" };
                let names: Vec<String> = done
                    .written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                eprintln!("已生成{mark}：{}", names.join("、"));
            }
            Ok(_) => {}
            Err(e) if !many => worst = worst.max(report_error(&o.input, e, true)),
            Err(Error::Invalid(_)) => worst = worst.max(1),
            Err(_) => worst = worst.max(2),
        }
    }
    if many {
        summarize(&outcomes, &inputs.skipped);
        // The index lists every report the folder holds, this run's and earlier ones.
        let all = batch::index_entries(&out);
        let entries: Vec<&batch::IndexEntry> = all.iter().collect();
        if !entries.is_empty() {
            let page = theme::portal_index(&opts.templates)
                .and_then(|(t, user)| {
                    render::index_page(&entries, &t, opts.sandbox.as_ref().filter(|_| user))
                })
                .and_then(|html| out.write_file(output::INDEX, html.as_bytes()));
            match page {
                Ok(p) => eprintln!("门户目录：{}", p.display()),
                Err(e) => {
                    eprintln!("错误：{e}");
                    worst = worst.max(2);
                }
            }
        }
    }
    ExitCode::from(worst)
}

/// Progress of a batch: a bar on a terminal, plain lines otherwise, nothing for one file.
struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: usize,
    count: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn new(total: usize, many: bool) -> Progress {
        let tty = std::io::stderr().is_terminal();
        let bar = (many && tty).then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} 已用 {elapsed} 预计剩余 {eta} {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            plain: many && !tty,
            total,
            count: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn done(&self, o: &batch::Outcome) {
        let n = self
            .count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            + 1;
        let status = match &o.result {
            Ok(_) => "已生成".to_owned(),
            Err(_) => format!("失败（{} 个错误）", o.error_count()),
        };
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(o.input.display().to_string());
        } else if self.plain {
            eprintln!("[{n}/{}] {}：{status}", self.total, o.input.display());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The closing summary of a batch: counts, then each failed file with its first errors,
/// then what the directory held that was not read.
fn summarize(outcomes: &[batch::Outcome], skipped: &[(PathBuf, String)]) {
    let ok = outcomes.iter().filter(|o| o.result.is_ok()).count();
    let failed = outcomes.len() - ok;
    let warnings: usize = outcomes
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .map(|d| {
            d.diagnostics
                .iter()
                .filter(|x| x.severity == Severity::Warning)
                .count()
        })
        .sum();
    eprintln!(
        "共 {} 个输入：成功 {ok} 个，失败 {failed} 个，警告 {warnings} 条",
        outcomes.len()
    );
    let first_few = |label: &str, list: &[&Diagnostic], input: &Path| {
        eprintln!("  {}：{} 个{label}", input.display(), list.len());
        for d in list.iter().take(3) {
            let at = if d.line > 0 {
                format!("第 {} 行 ", d.line)
            } else {
                String::new()
            };
            eprintln!("    {at}[{}] {}", d.rule, terminal_safe(&d.message));
        }
        if list.len() > 3 {
            eprintln!("    ……（用 gongkai check {} 查看全部）", input.display());
        }
    };
    for o in outcomes {
        match &o.result {
            Ok(done) => {
                let warnings: Vec<&Diagnostic> = done
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .collect();
                if !warnings.is_empty() {
                    first_few("警告", &warnings, &o.input);
                }
            }
            Err(Error::Invalid(diags)) => {
                let errors: Vec<&Diagnostic> = diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                first_few("错误", &errors, &o.input);
            }
            Err(e) => eprintln!("  {}：{}", o.input.display(), terminal_safe(&e.to_string())),
        }
    }
    if !skipped.is_empty() {
        eprintln!("未读取 {} 项：", skipped.len());
        for (p, why) in skipped {
            eprintln!("  {}：{why}", terminal_safe(&p.display().to_string()));
        }
    }
}
