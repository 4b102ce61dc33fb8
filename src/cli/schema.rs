//! `gongkai schema`, and the copy of every kind's JSON Schema kept in the user's data
//! folder (`~/.local/share/gongkai/schema/` on Linux, `%APPDATA%\gongkai\schema\` on
//! Windows) that the first line of every file `gongkai init` writes names by its absolute
//! `file://` URL: the file can be copied to any folder and the editor still finds it.

use std::path::PathBuf;
use std::process::ExitCode;

use gongkai::{init, output, Error};

/// Where the schemas are kept for editors, or `None` when the system names no data folder.
fn dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("gongkai").join("schema"))
}

/// The file name of `kind`'s schema in the data folder.
fn file_name(kind: &str) -> String {
    format!("{kind}.schema.json")
}

/// The name editors look for beside the file when no data folder could be written (what
/// `gongkai schema --kind KIND > NAME` writes).
fn beside(kind: &str) -> String {
    if kind == "budget" {
        "gongkai.schema.json".to_owned()
    } else {
        format!("gongkai.{kind}.schema.json")
    }
}

/// Writes every kind's schema into the data folder (replacing older ones, so they follow
/// the installed gongkai); returns each kind with its file.
fn install() -> Result<Vec<(&'static str, PathBuf)>, Error> {
    let dir = dir().ok_or_else(|| {
        Error::Usage("找不到本机的用户数据目录（未设置 HOME 或 APPDATA）".to_owned())
    })?;
    let mut out = Vec::new();
    for (kind, _) in gongkai::kind::NAMES {
        let text = format!("{}\n", gongkai::kind::schema(kind).unwrap_or_default());
        out.push((
            *kind,
            output::write_atomic(&dir, &file_name(kind), text.as_bytes())?,
        ));
    }
    Ok(out)
}

/// What the first line of a new `kind` file names: the schema installed in the data
/// folder (installed now), or, when that fails, a file beside the input, with a warning
/// that says how to make it.
pub(crate) fn for_new_file(kind: &str) -> String {
    match install() {
        Ok(files) => match files.iter().find(|(k, _)| *k == kind) {
            Some((_, path)) => init::file_url(path),
            None => beside(kind),
        },
        Err(e) => {
            let name = beside(kind);
            let flag = if kind == "budget" {
                String::new()
            } else {
                format!(" --kind {kind}")
            };
            eprintln!(
                "警告：编辑器用的 JSON Schema 未能写入用户数据目录（{e}）；文件第一行改为指向同目录的 {name}，请在该目录运行 gongkai schema{flag} > {name}"
            );
            name
        }
    }
}

/// `gongkai schema [--kind K]`: the schema on standard output; `--install`: every kind's
/// schema into the data folder, with the first line an input file needs to use it.
pub(crate) fn schema(kind: &str, install_all: bool) -> ExitCode {
    if install_all {
        return match install() {
            Ok(files) => {
                for (kind, path) in files {
                    let name = gongkai::kind::NAMES
                        .iter()
                        .find(|(k, _)| *k == kind)
                        .map_or(kind, |(_, n)| n);
                    println!("{name}（{kind}）：{}", path.display());
                    println!("  文件第一行写：{}", init::modeline(&init::file_url(&path)));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("错误：{e}");
                ExitCode::from(2)
            }
        };
    }
    match gongkai::kind::schema(kind) {
        Some(schema) => {
            println!("{schema}");
            ExitCode::SUCCESS
        }
        None => {
            let kinds: Vec<String> = gongkai::kind::NAMES
                .iter()
                .map(|(k, n)| format!("{k}（{n}）"))
                .collect();
            eprintln!(
                "错误：未知的文件类型“{kind}”；可用的类型：{}",
                kinds.join("、")
            );
            ExitCode::from(2)
        }
    }
}
