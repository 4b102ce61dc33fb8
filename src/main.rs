//! The `gongkai` command: argument parsing, printing diagnostics, exit codes.
//! No pipeline logic lives here; everything is a call into the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

use gongkai::{
    batch, load, output, present, render, theme, validate, watch, Diagnostic, Error, Format,
    Options, Severity,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}";

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：把部门预算（及绩效目标表、绩效自评表）的 YAML 生成公开文本，数字对不上就拒绝发布。",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "命令",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "选项")]
    help: Option<bool>,
    /// 显示版本
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help_heading = "选项")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// 校验输入并生成报告（Markdown、HTML、PDF 和 Excel 报表）
    #[command(help_template = HELP_TEMPLATE)]
    Generate {
        /// 输入的 YAML 文件
        #[arg(required = true, value_name = "输入文件", help_heading = "参数")]
        inputs: Vec<PathBuf>,
        /// 输出目录
        #[arg(
            short = 'o',
            long = "output",
            value_name = "目录",
            default_value = "output",
            help_heading = "选项"
        )]
        output: PathBuf,
        /// 输出格式，逗号分隔：md、html、pdf、xlsx（默认：版式支持的全部格式）
        #[arg(
            short = 'f',
            long = "format",
            value_name = "格式",
            value_delimiter = ',',
            help_heading = "选项"
        )]
        formats: Vec<String>,
        /// 模板目录：其中与内置模板同名的文件优先
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Option<PathBuf>,
        /// 即使有错误也生成，并在每个输出上标明“草稿”
        #[arg(long = "draft", help_heading = "选项")]
        draft: bool,
        /// 并行处理的文件数（默认：全部 CPU 核）
        #[arg(
            short = 'j',
            long = "jobs",
            value_name = "数量",
            default_value_t = 0,
            help_heading = "选项"
        )]
        jobs: usize,
    },
    /// 从预算公开表工作簿（.xlsx、.xls）导入数字，写出输入文件（YAML）；表中没有的文字写成“【待填写】”
    #[command(help_template = HELP_TEMPLATE)]
    Import {
        /// 预算系统导出的工作簿（预算01表 … 预算15表，.xlsx 或 .xls）
        #[arg(value_name = "工作簿", help_heading = "参数")]
        workbook: PathBuf,
        /// 要写出的输入文件（YAML）
        #[arg(
            short = 'o',
            long = "output",
            value_name = "文件",
            required = true,
            help_heading = "选项"
        )]
        output: PathBuf,
        /// 文件已存在时覆盖
        #[arg(long = "force", help_heading = "选项")]
        force: bool,
    },
    /// 只校验输入，列出全部问题
    #[command(help_template = HELP_TEMPLATE)]
    Check {
        /// 输入的 YAML 文件
        #[arg(required = true, value_name = "输入文件", help_heading = "参数")]
        inputs: Vec<PathBuf>,
        /// 输出格式：human（默认，便于阅读）或 json（便于脚本处理）
        #[arg(
            long = "format",
            value_enum,
            default_value = "human",
            value_name = "格式",
            help_heading = "选项"
        )]
        format: CheckFormat,
        /// 模板目录（其中 layout.yaml 的 checks 设置校验阈值）
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Option<PathBuf>,
    },
    /// 实时预览：在本机浏览器中显示报告，每次保存后自动重新生成并刷新；有错误时列出全部问题（不写出任何文件）
    #[command(help_template = HELP_TEMPLATE)]
    Watch {
        /// 输入的 YAML 文件
        #[arg(value_name = "输入文件", help_heading = "参数")]
        input: PathBuf,
        /// 端口（只在 127.0.0.1 上提供，本机以外无法访问；默认 3000，被占用时由系统选择）
        #[arg(long = "port", value_name = "端口", help_heading = "选项")]
        port: Option<u16>,
        /// 启动后用系统默认浏览器打开预览页面
        #[arg(long = "open", help_heading = "选项")]
        open: bool,
        /// 模板目录：其中与内置模板同名的文件优先；修改模板后预览也自动刷新
        #[arg(long = "templates", value_name = "目录", help_heading = "选项")]
        templates: Option<PathBuf>,
    },
    /// 列出全部校验规则
    #[command(help_template = HELP_TEMPLATE)]
    Rules,
    /// 列出内置版式及其文件类型
    #[command(help_template = HELP_TEMPLATE)]
    Layouts,
    /// 模板操作：export 复制某个版式的全部模板，供修改后用 --templates 使用
    #[command(help_template = HELP_TEMPLATE, subcommand_help_heading = "命令")]
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// 新建输入文件：带中文说明的骨架，或由上年文件生成本年文件
    #[command(help_template = HELP_TEMPLATE)]
    Init {
        /// 要写出的新文件
        #[arg(value_name = "新文件", help_heading = "参数")]
        output: PathBuf,
        /// 版式（默认 standard）
        #[arg(
            long = "layout",
            value_name = "版式",
            default_value = "standard",
            help_heading = "选项"
        )]
        layout: String,
        /// 上年的输入文件：沿用结构和文字，把上年数填入“上年”字段
        #[arg(long = "from", value_name = "上年文件", help_heading = "选项")]
        from: Option<PathBuf>,
    },
    /// 输出输入文件的 JSON Schema（供编辑器自动补全和检查）
    #[command(help_template = HELP_TEMPLATE)]
    Schema {
        /// 文件类型（kind），默认 budget（部门预算），可选值见 gongkai layouts
        #[arg(
            long,
            value_name = "类型",
            default_value = "budget",
            help_heading = "选项"
        )]
        kind: String,
    },
}

#[derive(Subcommand)]
enum TemplatesAction {
    /// 把某个版式的模板复制到目录（不覆盖已有文件）
    #[command(help_template = HELP_TEMPLATE)]
    Export {
        /// 版式名称，见 gongkai layouts
        #[arg(value_name = "版式", help_heading = "参数")]
        layout: String,
        /// 目标目录
        #[arg(value_name = "目录", help_heading = "参数")]
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

/// The child process user templates are rendered in: this executable.
fn sandbox() -> Option<render::Sandbox> {
    std::env::current_exe().ok().map(render::Sandbox::new)
}

fn main() -> ExitCode {
    // The child that renders a user's templates (see `render::sandbox`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == render::sandbox::SUBCOMMAND)
    {
        return ExitCode::from(u8::try_from(render::sandbox::serve()).unwrap_or(2));
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Generate {
            inputs,
            output,
            formats,
            templates,
            draft,
            jobs,
        } => generate(GenerateArgs {
            inputs,
            out_dir: output,
            formats,
            templates,
            draft,
            jobs,
        }),
        Command::Check {
            inputs,
            format,
            templates,
        } => check(&inputs, format, templates),
        Command::Import {
            workbook,
            output,
            force,
        } => import(&workbook, &output, force),
        Command::Watch {
            input,
            port,
            open,
            templates,
        } => preview(
            &watch::Config {
                input,
                templates,
                port,
                today: today(),
                sandbox: sandbox(),
            },
            open,
        ),
        Command::Layouts => {
            for name in theme::layouts() {
                match theme::load(name, None) {
                    Ok(t) => {
                        let kind = load::KINDS
                            .iter()
                            .find(|(k, _)| *k == t.info.kind)
                            .map_or(t.info.kind.as_str(), |(_, label)| label);
                        println!("{name}  （{kind}）  {}", t.info.description)
                    }
                    Err(e) => println!("{name}  （{e}）"),
                }
            }
            ExitCode::SUCCESS
        }
        Command::Templates {
            action: TemplatesAction::Export { layout, dir },
        } => {
            let Some(files) = theme::builtin_files(&layout) else {
                eprintln!(
                    "错误：未知的版式“{layout}”；内置版式：{}",
                    theme::layouts().join("、")
                );
                return ExitCode::from(2);
            };
            match output::export(&dir, &files) {
                Ok(written) => {
                    eprintln!(
                        "已复制 {} 个模板文件到 {}；修改后用 --templates {} 生成",
                        written.len(),
                        dir.display(),
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init {
            output: path,
            layout,
            from,
        } => init(&path, &layout, from.as_deref()),
        Command::Schema { kind } => match load::json_schema(&kind) {
            Some(schema) => {
                println!("{schema}");
                ExitCode::SUCCESS
            }
            None => {
                let kinds: Vec<String> = load::KINDS
                    .iter()
                    .map(|(k, n)| format!("{k}（{n}）"))
                    .collect();
                eprintln!(
                    "错误：未知的文件类型“{kind}”；可用的类型：{}",
                    kinds.join("、")
                );
                ExitCode::from(2)
            }
        },
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for r in validate::RULES {
                let sev = present::severity_word(r.severity);
                let _ = writeln!(
                    out,
                    "{}  {}  {}\n          依据：{}",
                    r.id, sev, r.title, r.basis
                );
            }
            for (id, severity, title) in gongkai::import::RULES {
                let sev = present::severity_word(*severity);
                let _ = writeln!(
                    out,
                    "{id}  {sev}  {title}\n          依据：gongkai import 读入工作簿时的核对"
                );
            }
            ExitCode::SUCCESS
        }
    }
}

struct GenerateArgs {
    inputs: Vec<PathBuf>,
    out_dir: PathBuf,
    formats: Vec<String>,
    templates: Option<PathBuf>,
    draft: bool,
    jobs: usize,
}

fn generate(a: GenerateArgs) -> ExitCode {
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
            let page = theme::portal_index(opts.templates.as_deref())
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

/// Text safe to print on a terminal: control characters (an escape sequence in a hostile
/// file) and invisible ones are shown as their code, never sent.
fn terminal_safe(s: &str) -> String {
    gongkai::text::visible(s)
}

fn check(inputs: &[PathBuf], format: CheckFormat, templates: Option<PathBuf>) -> ExitCode {
    let opts = Options {
        templates,
        today: today(),
        sandbox: sandbox(),
        ..Options::default()
    };
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut worst = 0u8;
    for input in inputs {
        match load::input_from_path(input).and_then(|l| gongkai::check_input(&l, &opts)) {
            Ok(d) => all.extend(d),
            Err(Error::Invalid(d)) => all.extend(d),
            Err(e) => worst = worst.max(report_error(input, &e, false)),
        }
    }
    if all.iter().any(|d| d.severity == Severity::Error) {
        worst = worst.max(1);
    }
    match format {
        CheckFormat::Json => {
            let text = serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into());
            println!("{text}");
        }
        CheckFormat::Human => {
            print_diagnostics(&all);
            let errors = all.iter().filter(|d| d.severity == Severity::Error).count();
            let warnings = all.len() - errors;
            if worst < 2 {
                eprintln!(
                    "{}：{} 个错误，{} 个警告",
                    if errors == 0 {
                        "校验通过"
                    } else {
                        "校验未通过"
                    },
                    errors,
                    warnings
                );
            }
        }
    }
    ExitCode::from(worst)
}

/// `gongkai import`: the workbook → a YAML file, then the file through the same loader
/// and rules as any other. Placeholders (EXP-008) are counted, not listed.
fn import(workbook: &Path, path: &Path, force: bool) -> ExitCode {
    if path.exists() && !force {
        eprintln!(
            "错误：{} 已存在，未覆盖（要覆盖请加 --force）",
            path.display()
        );
        return ExitCode::from(2);
    }
    let imported = match gongkai::import::import(workbook) {
        Ok(i) => i,
        Err(e) => return report_error(workbook, &e, false).into(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Err(e) = output::write_atomic(dir, &name, imported.yaml.as_bytes()) {
        eprintln!("错误：{e}");
        return ExitCode::from(2);
    }
    print_diagnostics(&imported.diagnostics);
    let mut worst = u8::from(
        imported
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error),
    );
    let opts = Options {
        today: today(),
        ..Options::default()
    };
    let checked = load::input_from_path(path).and_then(|l| gongkai::check_input(&l, &opts));
    let (placeholders, others): (Vec<Diagnostic>, Vec<Diagnostic>) = match checked {
        Ok(d) | Err(Error::Invalid(d)) => d.into_iter().partition(|d| d.rule == "EXP-008"),
        Err(e) => {
            eprintln!("错误：导入结果无法读取：{e}");
            return ExitCode::from(2);
        }
    };
    print_diagnostics(&others);
    if others.iter().any(|d| d.severity == Severity::Error) {
        worst = 1;
    }
    eprintln!(
        "已导入：{}（{} 处“【待填写】”：报表中没有的文字和数字，gongkai check 在全部改写之前会报 EXP-008）",
        path.display(),
        placeholders.len()
    );
    ExitCode::from(worst)
}

/// `gongkai watch`: the live preview until Ctrl-C (exit code 0); 2 when it cannot start.
fn preview(cfg: &watch::Config, open: bool) -> ExitCode {
    let (stop, stopped) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        eprintln!("错误：无法接收 Ctrl-C：{e}");
        return ExitCode::from(2);
    }
    let tell = |event: watch::Event<'_>| match event {
        watch::Event::Serving { url } => {
            eprintln!("预览：{url}（只在本机可访问；保存文件后页面自动刷新；按 Ctrl-C 停止）");
            if open {
                if let Err(e) = ::open::that_detached(url) {
                    eprintln!("警告：无法打开浏览器（{e}），请手动打开 {url}");
                }
            }
        }
        watch::Event::Rebuilt {
            count,
            elapsed,
            diagnostics,
            failure,
        } => {
            let ms = elapsed.as_millis();
            let errors: Vec<&Diagnostic> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            let warnings = diagnostics.len() - errors.len();
            match failure {
                Some(why) => eprintln!("[{count}] {why}"),
                None if errors.is_empty() => {
                    eprintln!("[{count}] 已生成（{ms} 毫秒）：{warnings} 个警告")
                }
                None => {
                    eprintln!(
                        "[{count}] 校验未通过（{ms} 毫秒）：{} 个错误，{warnings} 个警告，页面列出全部问题",
                        errors.len()
                    );
                    for d in errors.iter().take(3) {
                        eprintln!(
                            "    {}:{}:{} [{}] {}",
                            d.file, d.line, d.column, d.rule, d.message
                        );
                    }
                }
            }
        }
        watch::Event::WatchProblem { message } => eprintln!("警告：监视文件时出错：{message}"),
    };
    match watch::run(cfg, &stopped, &tell) {
        Ok(()) => {
            eprintln!("已停止预览");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

fn init(path: &Path, layout: &str, from: Option<&Path>) -> ExitCode {
    let mut kind = "budget".to_owned();
    let text = match from {
        None => theme::load(layout, None).and_then(|t| {
            kind = t.info.kind.clone();
            gongkai::init::skeleton_of(&kind, layout).ok_or_else(|| {
                Error::Usage(format!("版式“{layout}”的文件类型“{kind}”没有骨架"))
            })
        }),
        Some(last) => load::input_from_path(last).and_then(|input| match input {
            load::Input::Budget(l) => {
                let raw = load::read_text(last)?;
                gongkai::init::from_last_year(&l, &raw)
            }
            _ => Err(Error::Usage(format!(
                "{}：--from 只用于部门预算文件；绩效目标表、绩效自评表请用 gongkai init --layout 版式 新建",
                last.display()
            ))),
        }),
    };
    match text.and_then(|t| output::create_new(path, t.as_bytes())) {
        Ok(p) => {
            let schema = if kind == "budget" {
                "gongkai schema > gongkai.schema.json".to_owned()
            } else {
                format!("gongkai schema --kind {kind} > gongkai.{kind}.schema.json")
            };
            eprintln!("已写出：{}（编辑器补全：{schema}）", p.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            let input = from.unwrap_or(path);
            report_error(input, &e, false).into()
        }
    }
}

/// Today's date in China (UTC+8), or the date of `SOURCE_DATE_EPOCH` when set, so that
/// reproducible builds and tests see a fixed day. The clock is read here, at the edge.
fn today() -> Option<String> {
    let ts = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => jiff::Timestamp::from_second(s.trim().parse().ok()?).ok()?,
        Err(_) => jiff::Timestamp::now(),
    };
    let offset = jiff::tz::Offset::constant(8);
    Some(
        ts.to_zoned(jiff::tz::TimeZone::fixed(offset))
            .date()
            .to_string(),
    )
}

/// Prints an error; returns its exit code.
fn report_error(input: &Path, e: &Error, generating: bool) -> u8 {
    match e {
        Error::Invalid(diags) => {
            print_diagnostics(diags);
            let n = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if generating {
                eprintln!(
                    "{}：有 {n} 个错误，未生成任何文件（可用 --draft 生成草稿）",
                    input.display()
                );
            }
            1
        }
        other => {
            eprintln!("错误：{}", terminal_safe(&other.to_string()));
            2
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let source = load::source_line(Path::new(&d.file), d.line);
        let _ = writeln!(err, "{}", present::diagnostic_text(d, source.as_deref()));
    }
}
