//! The `gongkai` command: argument parsing, printing diagnostics, exit codes.
//! No pipeline logic lives here; everything is a call into the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgAction, Parser, Subcommand, ValueEnum};

use gongkai::{load, output, validate, Diagnostic, Error, Format, Options, Severity};

const HELP_TEMPLATE: &str = "{about}\n\n用法：{usage}\n\n{all-args}";

#[derive(Parser)]
#[command(
    name = "gongkai",
    version,
    about = "gongkai（公开）：把部门预算 YAML 生成部门预算公开报告，数字对不上就拒绝发布。",
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
    /// 校验输入并生成报告（Markdown、HTML）
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
        /// 输出格式，逗号分隔：md、html、pdf（默认：版式支持的全部格式）
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
    /// 列出全部校验规则
    #[command(help_template = HELP_TEMPLATE)]
    Rules,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

fn main() -> ExitCode {
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
        } => generate(&inputs, &output, &formats, templates, draft),
        Command::Check {
            inputs,
            format,
            templates,
        } => check(&inputs, format, templates),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for r in validate::RULES {
                let sev = match r.severity {
                    Severity::Error => "错误",
                    Severity::Warning => "警告",
                };
                let _ = writeln!(
                    out,
                    "{}  {}  {}\n          依据：{}",
                    r.id, sev, r.title, r.basis
                );
            }
            ExitCode::SUCCESS
        }
    }
}

fn generate(
    inputs: &[PathBuf],
    out_dir: &Path,
    formats: &[String],
    templates: Option<PathBuf>,
    draft: bool,
) -> ExitCode {
    let mut parsed = Vec::new();
    for f in formats {
        match Format::parse(f) {
            Some(x) => parsed.push(x),
            None => {
                eprintln!("错误：未知的输出格式“{f}”（可选：md、html、pdf）");
                return ExitCode::from(2);
            }
        }
    }
    let opts = Options {
        formats: parsed,
        templates,
        draft,
        today: today(),
    };
    let mut worst = 0u8;
    for input in inputs {
        let result = load::from_path(input).and_then(|l| gongkai::build(l, &opts));
        match result {
            Ok(art) => {
                print_diagnostics(&art.diagnostics);
                let mut written = Vec::new();
                for (format, bytes) in &art.outputs {
                    let name = output::file_name(input, format.extension());
                    match output::write_atomic(out_dir, &name, bytes) {
                        Ok(p) => written.push(p.display().to_string()),
                        Err(e) => {
                            eprintln!("错误：{e}");
                            worst = worst.max(2);
                        }
                    }
                }
                if !written.is_empty() {
                    let mark = if draft { "（草稿）" } else { "" };
                    eprintln!("已生成{mark}：{}", written.join("、"));
                }
            }
            Err(e) => worst = worst.max(report_error(input, &e, true)),
        }
    }
    ExitCode::from(worst)
}

fn check(inputs: &[PathBuf], format: CheckFormat, templates: Option<PathBuf>) -> ExitCode {
    let opts = Options {
        templates,
        today: today(),
        ..Options::default()
    };
    let mut all: Vec<Diagnostic> = Vec::new();
    let mut worst = 0u8;
    for input in inputs {
        match load::from_path(input).and_then(|l| gongkai::check(&l, &opts)) {
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
            eprintln!("错误：{other}");
            2
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let sev = match d.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        let _ = writeln!(err, "{sev}[{}]：{}", d.rule, d.message);
        let _ = writeln!(err, "  --> {}:{}:{}", d.file, d.line, d.column);
        if let Some(text) = load::source_line(Path::new(&d.file), d.line) {
            let n = d.line.to_string();
            let pad = " ".repeat(n.len());
            let _ = writeln!(err, "{pad} |");
            let _ = writeln!(err, "{n} | {text}");
            let caret = " ".repeat(
                text.chars()
                    .take(d.column.saturating_sub(1))
                    .map(width)
                    .sum(),
            );
            let _ = writeln!(err, "{pad} | {caret}^");
        }
        if !d.field.is_empty() {
            let _ = writeln!(err, "  = 字段：{}", d.field);
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(err, "  = 提示：{h}");
        }
        let _ = writeln!(err);
    }
}

/// Display width of a character in a terminal (CJK wide characters take two columns).
fn width(c: char) -> usize {
    if c == '\t' {
        4
    } else if c as u32 >= 0x1100 {
        2
    } else {
        1
    }
}
