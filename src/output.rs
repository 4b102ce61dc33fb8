//! Output: writes artifacts under the output directory, atomically (temporary file in the
//! same directory, then rename), so an interrupted run never leaves a half-written report.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The output file name for an input path and extension: `<stem>.<ext>`, with characters
/// that are unsafe in file names replaced.
pub fn file_name(input: &Path, ext: &str) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    let safe = if safe.is_empty() { "report" } else { safe };
    format!("{safe}.{ext}")
}

/// Writes `bytes` to `dir/name` atomically; creates `dir` if needed.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(&target, e));
    }
    Ok(target)
}

/// Writes a layout's files (relative name → content) under `dir`, refusing to overwrite
/// an existing file so a user's edited templates are never lost.
pub fn export(
    dir: &Path,
    files: &std::collections::BTreeMap<String, String>,
) -> Result<Vec<PathBuf>, Error> {
    for name in files.keys() {
        let path = dir.join(name);
        if path.exists() {
            return Err(Error::Usage(format!(
                "{} 已存在，未覆盖任何文件",
                path.display()
            )));
        }
    }
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        let parent = path.parent().unwrap_or(dir);
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        written.push(write_atomic(parent, &file, text.as_bytes())?);
    }
    Ok(written)
}

/// Writes a new file atomically, refusing to replace an existing one.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    if path.exists() {
        return Err(Error::Usage(format!("{} 已存在，未覆盖", path.display())));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_atomic(dir, &name, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sanitised() {
        assert_eq!(
            file_name(Path::new("inputs/jianghan-2024.yaml"), "md"),
            "jianghan-2024.md"
        );
        assert_eq!(file_name(Path::new("..yaml"), "md"), "report.md");
        assert_eq!(file_name(Path::new("a\u{7}b.yaml"), "html"), "a_b.html");
    }
}
