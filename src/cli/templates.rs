//! `gongkai layouts` and `gongkai templates …`: listing layouts (built in and the user's),
//! exporting a layout's templates (with the template reference), printing an input's
//! template context.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongkai::{output, theme, Input, Options};

use super::report::{print_diagnostics, report_error, sandbox, terminal_safe, today};

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

/// `gongkai templates new NAME --from LAYOUT`: the directory `NAME` with the starting
/// files of a layout extending `LAYOUT`.
pub(crate) fn new(name: &str, base: &str) -> ExitCode {
    let dir = Path::new(name);
    let mut files = match theme::starter(
        &dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        base,
    ) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    files.insert(
        gongkai::reference::FILE_NAME.to_owned(),
        gongkai::reference::PAGE.to_owned(),
    );
    match output::export(dir, &files) {
        Ok(_) => {
            eprintln!(
                "已建版式目录 {}：layout.yaml（extends: {base}）、{}；模板参考.md 列出可用的变量和过滤器。\n改好后：gongkai templates check {}；输入文件写 layout: {}，生成时加 --templates {}",
                dir.display(),
                files
                    .keys()
                    .filter(|k| k.ends_with(".tera"))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("、"),
                dir.display(),
                dir.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
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

/// `gongkai templates check DIR [INPUT…]`: every layout the directory declares, rendered
/// in every format it supports with the shipped inputs of its kind, each also with every
/// optional field left out, and with the inputs given; exit code 1 when one fails.
pub(crate) fn check(dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    let dirs = vec![dir.to_path_buf()];
    let layouts = match theme::user_layouts(&dirs) {
        Ok(l) if !l.is_empty() => l,
        Ok(_) => {
            eprintln!(
                "错误：{} 中没有声明版式的 layout.yaml（写 name: 版式名称；新建用 gongkai templates new）",
                dir.display()
            );
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let mut own: Vec<(String, String)> = Vec::new();
    for path in inputs {
        match gongkai::load::read_text(path) {
            Ok(t) => own.push((path.display().to_string(), t)),
            Err(e) => return report_error(path, &e, false).into(),
        }
    }
    let opts = Options {
        templates: dirs,
        draft: true,
        today: today(),
        sandbox: sandbox(),
        ..Options::default()
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    for l in &layouts {
        let info = match &l.info {
            Ok(i) => i,
            Err(e) => {
                eprintln!("版式 {}：{e}", l.name);
                failed += 1;
                continue;
            }
        };
        eprintln!("版式 {}（{}）：", l.name, gongkai::kind::label(&info.kind));
        let schema = gongkai::kind::editor_schema(&info.kind).map(|s| s.json);
        let samples = gongkai::kind::samples(&info.kind)
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .chain(own.iter().cloned());
        for (name, text) in samples {
            let mut variants = vec![("原样", gongkai::load::variants::with_layout(&text, &l.name))];
            if let Some(schema) = &schema {
                let bare = gongkai::load::variants::without_optional(&text, schema)
                    .and_then(|t| gongkai::load::variants::with_layout(&t, &l.name));
                variants.push(("去掉全部可选内容", bare));
            }
            for (what, text) in variants {
                let result = text
                    .and_then(|t| Input::from_str(&name, &t))
                    .and_then(|i| gongkai::build(i, &opts));
                match result {
                    Ok(_) => {
                        passed += 1;
                        eprintln!("  {name}（{what}）：通过");
                    }
                    Err(e) => {
                        failed += 1;
                        eprintln!("  {name}（{what}）：{}", terminal_safe(&e.to_string()));
                    }
                }
            }
        }
    }
    eprintln!(
        "共渲染 {} 次：通过 {passed} 次，失败 {failed} 次",
        passed + failed
    );
    ExitCode::from(u8::from(failed > 0))
}
