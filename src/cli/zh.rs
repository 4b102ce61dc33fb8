//! clap in Chinese: the help it renders keeps a few English tokens (`[OPTIONS]`,
//! `<COMMAND>`) and its errors are English sentences. Parsing goes through [`parse`],
//! which prints help with those tokens translated and every error as a Chinese message
//! with the usage line and where to read more.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use super::args::Cli;

/// What parsing the command line came to.
pub(crate) enum Parsed {
    /// Run this.
    Run(Cli),
    /// Help or the version was printed, or an error: exit with this code.
    Exit(u8),
}

/// Parses the command line; `gongkai help [命令…]` is `gongkai [命令…] --help`.
pub(crate) fn parse() -> Parsed {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    match Cli::try_parse_from(&args) {
        Ok(cli) => Parsed::Run(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                print!("{}", translate_help(&e.render().to_string()));
                Parsed::Exit(0)
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
                eprint!("{}", translate_help(&e.render().to_string()));
                Parsed::Exit(2)
            }
            _ => {
                eprintln!("{}", message(&e, &args));
                Parsed::Exit(2)
            }
        },
    }
}

/// clap's remaining English in rendered help and usage lines.
pub(crate) fn translate_help(text: &str) -> String {
    text.replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]")
        .replace("Usage: ", "用法：")
        .replace("Usage:", "用法：")
        .replace("参数:\n", "参数：\n")
        .replace("选项:\n", "选项：\n")
        .replace("命令:\n", "命令：\n")
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A clap error as a Chinese message: what is wrong, a suggestion when clap has one, the
/// usage line and the command to read more.
fn message(e: &clap::Error, args: &[std::ffi::OsString]) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let all: Vec<String> = Cli::command()
                .get_subcommands()
                .filter(|c| !c.is_hide_set())
                .map(|c| c.get_name().to_owned())
                .collect();
            format!("没有“{sub}”这个命令；可用的命令：{}", all.join("、"))
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!("；可选：{v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("参数 {arg} 缺少值{valid}")
            } else {
                format!("参数 {arg} 的值“{value}”无效{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("参数 {arg} 的值“{value}”无效：不是有效的数值"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {other} 同时使用")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值须用等号写出，如 {arg}=值"),
        ErrorKind::InvalidUtf8 => "命令行参数不是有效的 UTF-8 文字".to_owned(),
        _ => "命令行参数有误".to_owned(),
    };
    let mut out = format!("错误：{what}");
    let suggested = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand));
    if let Some(s) = suggested {
        out.push_str(&format!(
            "\n  提示：是否要用“{}”？",
            s.replace('、', "”或“")
        ));
    }
    if e.kind() == ErrorKind::UnknownArgument && arg.starts_with('-') && !arg.starts_with("--") {
        // `-5`-like values: clap's own tip is to write `-- -5`.
        if context(e, ContextKind::TrailingArg).is_some() {
            out.push_str(&format!("\n  提示：要把“{arg}”当作值，请在它前面写 --"));
        }
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        out.push_str(&format!("\n\n{}", translate_help(usage.trim())));
    }
    // `gongkai generate --bogus` → more in `gongkai generate --help`.
    let sub = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|a| Cli::command().find_subcommand(a).is_some())
        .map(|a| format!(" {a}"))
        .unwrap_or_default();
    out.push_str(&format!("\n\n更多说明：gongkai{sub} --help"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_is_chinese() {
        let mut cmd = Cli::command();
        let mut helps = vec![translate_help(&cmd.render_help().to_string())];
        for sub in cmd.get_subcommands_mut() {
            helps.push(translate_help(&sub.render_help().to_string()));
            for subsub in sub.get_subcommands_mut() {
                helps.push(translate_help(&subsub.render_help().to_string()));
            }
        }
        for h in &helps {
            let english = english_words(h);
            assert!(
                english.is_empty(),
                "English words {english:?} in help:\n{h}"
            );
        }
    }

    /// ASCII words of three letters or more that are not names the user types.
    fn english_words(text: &str) -> Vec<String> {
        const ALLOWED: &[&str] = &[
            "gongkai",
            "yaml",
            "yml",
            "html",
            "pdf",
            "xlsx",
            "xls",
            "md",
            "json",
            "human",
            "bash",
            "zsh",
            "fish",
            "powershell",
            "output",
            "standard",
            "budget",
            "index",
            "templates",
            "layout",
            "checks",
            "export",
            "help",
            "version",
            "draft",
            "format",
            "jobs",
            "from",
            "kind",
            "port",
            "open",
            "force",
            "install",
            "schema",
            "generate",
            "check",
            "import",
            "watch",
            "rules",
            "layouts",
            "init",
            "completions",
            "vars",
            "new",
            "extends",
            "sections",
            "local",
            "share",
            "completion",
            "JSON",
            "Schema",
            "YAML",
            "HTML",
            "PDF",
            "Excel",
            "Markdown",
            "CPU",
            "Ctrl",
            "bash-completion",
        ];
        text.split(|c: char| !c.is_ascii_alphabetic() && c != '-')
            .map(|w| w.trim_matches('-'))
            .filter(|w| w.len() >= 3 && !ALLOWED.contains(w))
            .map(str::to_owned)
            .collect()
    }
}
