//! The smaller commands: `import`, `watch`, `init`.

use std::path::Path;
use std::process::ExitCode;

use gongkai::{load, output, theme, watch, Diagnostic, Error, Input, Options, Severity};

use super::report::{print_diagnostics, report_error, today};

/// `gongkai import`: the workbook → a YAML file, then the file through the same loader
/// and rules as any other. Placeholders (EXP-008) are counted, not listed.
pub(crate) fn import(workbook: &Path, path: &Path, force: bool) -> ExitCode {
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
    let checked = Input::read(path).and_then(|l| gongkai::check(&l, &opts));
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
pub(crate) fn preview(cfg: &watch::Config, open: bool) -> ExitCode {
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

pub(crate) fn init(path: &Path, layout: &str, from: Option<&Path>) -> ExitCode {
    let mut kind = "budget".to_owned();
    let text = match from {
        None => theme::load(layout, &[]).and_then(|t| {
            kind = t.info.kind.clone();
            let schema = super::schema::for_new_file(&kind);
            gongkai::kind::skeleton(&kind, layout, next_budget_year(), &schema).ok_or_else(|| {
                Error::Usage(format!("版式“{layout}”的文件类型“{kind}”没有骨架"))
            })
        }),
        Some(last) => Input::read(last).and_then(|input| match input.as_budget() {
            Some(l) => {
                let raw = load::read_text(last)?;
                let schema = super::schema::for_new_file("budget");
                gongkai::init::from_last_year(l, &raw, &schema)
            }
            None => Err(Error::Usage(format!(
                "{}：--from 只用于部门预算文件；绩效目标表、绩效自评表请用 gongkai init --layout 版式 新建",
                last.display()
            ))),
        }),
    };
    match text.and_then(|t| output::create_new(path, t.as_bytes())) {
        Ok(p) => {
            eprintln!(
                "已写出：{}（第一行指向本机用户数据目录中的 JSON Schema，文件复制到别的目录后，VS Code 的 YAML 插件仍能据此补全、检查）",
                p.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let input = from.unwrap_or(path);
            report_error(input, &e, false).into()
        }
    }
}

/// The year a new budget file is for: next year (budgets are prepared in the autumn before
/// their year; `SOURCE_DATE_EPOCH` fixes "today" as everywhere).
fn next_budget_year() -> i32 {
    today()
        .and_then(|d| d.get(..4).and_then(|y| y.parse::<i32>().ok()))
        .map_or(2026, |y| y + 1)
}
