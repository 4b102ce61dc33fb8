//! `gongkai layouts` and `gongkai templates …`: listing layouts (built in and the user's),
//! exporting a layout's templates (with the template reference), printing an input's
//! template context.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::{output, theme, Input, Options};

use super::report::{print_diagnostics, report_error, today};

/// `gongkai layouts [--templates DIR]…`: the built-in layouts, then those the directories
/// declare.
pub(crate) fn layouts(dirs: &[PathBuf]) -> ExitCode {
    for name in theme::layouts() {
        match theme::load(name, &[]) {
            Ok(t) => {
                let kind = gongkai::kind::label(&t.info.kind);
                println!("{name}  （{kind}）  {}", t.info.description)
            }
            Err(e) => println!("{name}  （{e}）"),
        }
    }
    if dirs.is_empty() {
        return ExitCode::SUCCESS;
    }
    let user = match theme::user_layouts(dirs) {
        Ok(u) => u,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    if user.is_empty() {
        println!("（所给的 --templates 目录没有在 layout.yaml 中以 name 声明版式）");
    }
    let mut worst = 0;
    for u in user {
        let dir = u.dir.display();
        match u.info {
            Ok(info) => {
                let kind = gongkai::kind::label(&info.kind);
                let base = info
                    .extends
                    .map(|b| format!("，基于 {b}"))
                    .unwrap_or_default();
                println!(
                    "{}  （{kind}，目录 {dir}{base}）  {}",
                    u.name, info.description
                );
            }
            Err(e) => {
                worst = 2;
                println!("{}  （目录 {dir}；无法读取：{e}）", u.name);
            }
        }
    }
    ExitCode::from(worst)
}

/// `gongkai templates export LAYOUT DIR`.
pub(crate) fn export(layout: &str, dir: &Path) -> ExitCode {
    let Some(mut files) = theme::builtin_files(layout) else {
        eprintln!(
            "错误：未知的版式“{layout}”；内置版式：{}",
            theme::layouts().join("、")
        );
        return ExitCode::from(2);
    };
    files.insert(
        gongkai::reference::FILE_NAME.to_owned(),
        gongkai::reference::PAGE.to_owned(),
    );
    match output::export(dir, &files) {
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

/// `gongkai templates vars INPUT`: the context `document.tera` gets for the input, as
/// YAML on stdout; its problems (if any) on stderr, the context printed as for a draft.
pub(crate) fn vars(input: &Path, templates: Vec<PathBuf>) -> ExitCode {
    let opts = Options {
        templates,
        today: today(),
        ..Options::default()
    };
    let result = Input::read(input).and_then(|i| gongkai::context(i, &opts));
    let (value, diags) = match result {
        Ok(v) => v,
        Err(e) => return report_error(input, &e, false).into(),
    };
    print_diagnostics(&diags);
    match gongkai::load::to_yaml(&value) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}
