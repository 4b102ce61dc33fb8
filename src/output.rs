//! Output: writes artifacts under the output directory so that no interruption, fault or
//! second run leaves a reader a half-written file or a mixed set.
//!
//! * Every file is written to a temporary file created exclusively (an unpredictable name,
//!   never following a planted link) in its target directory, synced, then renamed over
//!   the target.
//! * A report's formats are written as a set: all temporary files first; only when every
//!   one is complete are they renamed into place, so a failed write (a read-only file, a
//!   full disk) replaces none of the old ones.
//! * A batch holds an exclusive lock on the output directory ([`OutputDir`]): a second run
//!   into the same folder is refused with a clear message, and temporary files a killed
//!   run left behind are removed.
//! * Each report leaves a small manifest (its index line) beside it, so the portal index is
//!   rebuilt from what the folder actually holds, not from the last batch alone.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Prefix of our temporary files (so stale ones can be recognised and removed).
const TEMP_PREFIX: &str = ".gongkai-";
/// Suffix of our temporary files.
const TEMP_SUFFIX: &str = ".tmp";
/// The lock file of an output directory.
const LOCK: &str = ".gongkai.lock";
/// The folder of report manifests inside an output directory.
const MANIFESTS: &str = ".gongkai";
/// The portal index's file name, reserved: no report may be called so.
pub const INDEX: &str = "index.html";

/// The output file name for an input path and extension: `<stem>.<ext>`, with characters
/// that are unsafe in file names replaced.
pub fn file_name(input: &Path, ext: &str) -> String {
    format!("{}.{ext}", stem(input))
}

/// The stem the outputs of `input` are named by.
pub fn stem(input: &Path) -> String {
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
    if safe.is_empty() {
        "report".into()
    } else {
        safe.to_owned()
    }
}

/// True when an input's outputs would take the portal index's name (`index.html`, in any
/// letter case).
pub fn reserved(input: &Path) -> bool {
    stem(input).eq_ignore_ascii_case("index")
}

/// A temporary file, created exclusively in `dir` with an unpredictable name.
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
}

/// Writes `bytes` to `dir/name` atomically; creates `dir` if needed.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    let target = dir.join(name);
    write_set(dir, &[(name.to_owned(), bytes)])?;
    Ok(target)
}

/// Writes several files into `dir` as one set: all to temporary files first, then every
/// one renamed into place; if any write fails, none of the targets changes.
pub fn write_set(dir: &Path, files: &[(String, &[u8])]) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // A target that cannot be replaced by a file (a directory) fails the whole set now,
    // before anything is renamed.
    for (name, _) in files {
        let target = dir.join(name);
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            return Err(Error::Usage(format!(
                "{} 是目录，无法写入；本次未替换任何文件",
                target.display()
            )));
        }
    }
    let mut temps = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let target = dir.join(name);
        let mut tmp = temp_in(dir).map_err(|e| Error::io(&target, e))?;
        tmp.write_all(bytes)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(&target, e))?;
        temps.push((tmp, target));
    }
    let mut written = Vec::with_capacity(temps.len());
    for (tmp, target) in temps {
        tmp.persist(&target)
            .map_err(|e| Error::io(&target, e.error))?;
        written.push(target);
    }
    Ok(written)
}

/// An output directory held by this run. Nothing is created until the first report is
/// written; then the directory is locked (a second run into it is refused with a clear
/// message) and temporary files a killed run left are removed.
pub struct OutputDir {
    dir: PathBuf,
    state: std::sync::Mutex<Lock>,
}

enum Lock {
    /// Nothing written yet.
    Unopened,
    /// Held for the run (the operating system releases it when the process ends, even
    /// when killed).
    Held {
        /// The locked file (kept open to keep the lock).
        _file: File,
    },
}

impl OutputDir {
    /// The output directory `dir` (not created yet).
    pub fn new(dir: &Path) -> OutputDir {
        OutputDir {
            dir: dir.to_owned(),
            state: std::sync::Mutex::new(Lock::Unopened),
        }
    }

    /// Creates and locks the directory on the first call.
    fn hold(&self) -> Result<(), Error> {
        let mut state = self
            .state
            .lock()
            .map_err(|_| Error::Internal("输出目录的锁已损坏".into()))?;
        if matches!(*state, Lock::Held { .. }) {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let file = lock_file(&self.dir)?;
        if file.try_lock().is_err() {
            return Err(Error::Usage(format!(
                "另一个 gongkai 正在向 {} 写入，请等它结束后再运行（两次运行写入同一目录会相互覆盖）",
                self.dir.display()
            )));
        }
        *state = Lock::Held { _file: file };
        self.remove_stale_temps();
        Ok(())
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Our temporary files left by an interrupted run (none can be in use: we hold the lock).
    fn remove_stale_temps(&self) {
        for d in [self.dir.clone(), self.dir.join(MANIFESTS)] {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.filter_map(Result::ok) {
                let name = e.file_name().to_string_lossy().into_owned();
                let ours = name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX);
                if ours && e.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    /// Writes one report's files as a set, then its manifest (`manifest` is its index line,
    /// as JSON): a reader sees the new set whole or the old one.
    pub fn write_report(
        &self,
        stem: &str,
        files: &[(String, &[u8])],
        manifest: &[u8],
    ) -> Result<Vec<PathBuf>, Error> {
        self.hold()?;
        let written = write_set(&self.dir, files)?;
        write_set(
            &self.dir.join(MANIFESTS),
            &[(format!("{stem}.json"), manifest)],
        )?;
        Ok(written)
    }

    /// Writes a file of the directory's own (the portal index), atomically.
    pub fn write_file(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
        self.hold()?;
        write_atomic(&self.dir, name, bytes)
    }

    /// The manifests of every report the folder holds (by stem).
    pub fn manifests(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let Ok(entries) = std::fs::read_dir(self.dir.join(MANIFESTS)) else {
            return out;
        };
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if name.starts_with(TEMP_PREFIX) {
                continue;
            }
            // Bounded: a manifest is a few hundred bytes.
            let Ok(bytes) = crate::load::read_limited(&e.path(), 1 << 20) else {
                continue;
            };
            out.insert(stem.to_owned(), bytes);
        }
        out
    }

    /// True when `name` exists in the folder as a regular file.
    pub fn has(&self, name: &str) -> bool {
        self.dir.join(name).is_file()
    }
}

/// What the lock is taken on: the directory itself where it can be opened as a file
/// (nothing is created), else a lock file in it.
fn lock_file(dir: &Path) -> Result<File, Error> {
    #[cfg(unix)]
    if let Ok(f) = File::open(dir) {
        return Ok(f);
    }
    let path = dir.join(LOCK);
    File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(&path, e))
}

/// Writes a layout's files (relative name → content) under `dir`, refusing to overwrite
/// an existing file so a user's edited templates are never lost.
pub fn export(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<PathBuf>, Error> {
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
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = temp_in(dir).map_err(|e| Error::io(path, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(path, e))?;
    // Refuses to replace a file that appeared meanwhile.
    tmp.persist_noclobber(path)
        .map_err(|e| Error::io(path, e.error))?;
    Ok(path.to_owned())
}

#[cfg(test)]
mod tests;
