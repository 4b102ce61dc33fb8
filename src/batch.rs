//! Batch: a whole finance bureau at once. Expands directories into their input files,
//! runs the pipeline on each in parallel (a bounded thread pool), writes each input's
//! outputs atomically, and returns one [`Outcome`] per input in input order, so one bad
//! file never stops the others and the summary is deterministic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Severity};
use crate::kind::{Input, Summary};
use crate::output;
use crate::pipeline::{build_with, Options};
use crate::theme;

/// What one input produced.
#[derive(Debug)]
pub struct Outcome {
    /// The input file.
    pub input: PathBuf,
    /// Files written and warnings, or why nothing was written.
    pub result: Result<Done, Error>,
}

impl Outcome {
    /// Errors to show for this input (validation errors, or the error itself).
    pub fn error_count(&self) -> usize {
        match &self.result {
            Ok(_) => 0,
            Err(Error::Invalid(d)) => d.iter().filter(|d| d.severity == Severity::Error).count(),
            Err(_) => 1,
        }
    }
}

/// A successfully generated input.
#[derive(Debug)]
pub struct Done {
    /// Paths written.
    pub written: Vec<PathBuf>,
    /// Warnings (and, for drafts, errors).
    pub diagnostics: Vec<Diagnostic>,
    /// The line of the portal index.
    pub entry: IndexEntry,
}

/// One report in the portal index: its headline figures (the pipeline's [`Summary`]) and
/// the files written. Kept as the report's manifest in the output folder; the summary's
/// fields are stored beside the others, so manifests written before keep reading.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry {
    /// Department, year, document, headline amounts and their decimals.
    #[serde(flatten)]
    pub summary: Summary,
    /// File names written, by extension (`md`, `html`, `pdf`, `xlsx`).
    pub files: BTreeMap<String, String>,
    /// True for drafts.
    pub draft: bool,
}

/// What a directory run reads, and what it leaves out with the reason.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The input files, in order.
    pub files: Vec<PathBuf>,
    /// Entries of the given directories that are not read: (path, reason in Chinese).
    pub skipped: Vec<(PathBuf, String)>,
}

/// True for the extensions a directory run reads (`.yaml`, `.yml`, in any letter case).
fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Expands `paths`: a directory stands for the `.yaml` / `.yml` files directly in it (any
/// letter case, sorted); subfolders, other files, broken links and anything that is not
/// a regular file are listed as skipped with the reason. A file named on the command line
/// stands for itself.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Inputs, Error> {
    let mut out = Inputs::default();
    for p in paths {
        if !p.is_dir() {
            // The same file named twice is one input.
            if !out.files.contains(p) {
                out.files.push(p.clone());
            }
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Error::io(p, e))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        let before = out.files.len();
        for f in entries {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let reason = match std::fs::metadata(&f) {
                Err(_) if f.is_symlink() => Some("链接指向的文件不存在".to_owned()),
                Err(e) => Some(format!("无法读取：{}", crate::error::io_message(&e))),
                Ok(m) if m.is_dir() => {
                    Some("子文件夹不读取（只读目录中直接放着的 .yaml 文件）".to_owned())
                }
                Ok(m) if !m.is_file() => Some("不是普通文件（管道、设备等）".to_owned()),
                Ok(_) if name.starts_with('.') => Some("隐藏文件".to_owned()),
                Ok(_) if !is_yaml(&f) => Some("不是 .yaml / .yml 文件".to_owned()),
                Ok(_) => None,
            };
            match reason {
                Some(r) => out.skipped.push((f, r)),
                None => out.files.push(f),
            }
        }
        if out.files.len() == before {
            return Err(Error::Usage(format!(
                "目录 {} 中没有 .yaml / .yml 输入文件",
                p.display()
            )));
        }
    }
    Ok(out)
}

/// The most worker threads a run uses: a few per core is enough for a job that is mostly
/// computation; more only costs memory.
pub fn max_jobs() -> usize {
    std::thread::available_parallelism().map_or(4, |n| n.get() * 4)
}

/// How many finished documents may wait for the writer: workers block beyond that, so a
/// slow disk holds back the pipeline instead of filling memory.
const WRITE_QUEUE: usize = 4;

/// Runs every input with at most `jobs` threads (0 = all cores, capped at
/// [`max_jobs`]); `progress` is called as each input finishes, from the worker threads
/// (failures) and the writer (reports written). The output directory is locked for the
/// run. A panic while one input is processed or written (a defect) fails that input only.
///
/// The workers make documents; one writer thread writes them, each file synced before it
/// is renamed into place. A worker hands its document over and goes on to the next, so
/// the wait for the disk never leaves a core idle.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    out: &output::OutputDir,
    jobs: usize,
    progress: &(dyn Fn(&Outcome) + Sync),
) -> Result<Vec<Outcome>, Error> {
    // Two inputs that would write the same output file both fail, before anything runs.
    let mut by_stem: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
    for i in inputs {
        by_stem
            .entry(output::stem(i).to_lowercase())
            .or_default()
            .push(i);
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.min(max_jobs()))
        // Each document, PDF writing included, is made on its worker's stack.
        .stack_size(8 << 20)
        .build()
        .map_err(|e| Error::Usage(format!("无法创建线程池：{e}")))?;
    // Each layout is loaded and compiled once for the whole batch.
    let layouts = theme::Cache::default();
    let checked = |input: &PathBuf| -> Result<Made, Error> {
        let clash = &by_stem[&output::stem(input).to_lowercase()];
        if output::reserved(input) {
            Err(Error::Usage(format!(
                "文件名“{}”留给门户目录（{}），请给输入文件改名",
                output::stem(input),
                output::INDEX
            )))
        } else if clash.len() > 1 {
            let others: Vec<String> = clash
                .iter()
                .filter(|p| **p != input)
                .map(|p| p.display().to_string())
                .collect();
            Err(Error::Usage(format!(
                "输出文件名与 {} 相同，两者都不生成；请给输入文件改名",
                others.join("、")
            )))
        } else {
            guarded(input, || make(input, opts, &layouts))
        }
    };
    let (to_writer, queue) = std::sync::mpsc::sync_channel::<(usize, Made)>(WRITE_QUEUE);
    let (made, written) = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            queue
                .into_iter()
                .map(|(i, made)| {
                    let input = inputs[i].clone();
                    let result = guarded(&input, || made.write(out));
                    let outcome = Outcome { input, result };
                    progress(&outcome);
                    (i, outcome)
                })
                .collect::<Vec<_>>()
        });
        let made: Vec<Option<Outcome>> = pool.install(|| {
            (inputs.par_iter().enumerate())
                .map_with(to_writer, |to_writer, (i, input)| {
                    let result = match checked(input) {
                        Ok(made) => match to_writer.send((i, made)) {
                            Ok(()) => return None,
                            Err(_) => Err(Error::Internal("写出线程异常退出".into())),
                        },
                        Err(e) => Err(e),
                    };
                    let outcome = Outcome {
                        input: input.clone(),
                        result,
                    };
                    progress(&outcome);
                    Some(outcome)
                })
                .collect()
        });
        // Every sender is gone with the workers' closures: the writer ends its queue.
        let written = writer.join().unwrap_or_default();
        (made, written)
    });
    let mut outcomes = made;
    for (i, outcome) in written {
        outcomes[i] = Some(outcome);
    }
    Ok(outcomes
        .into_iter()
        .zip(inputs)
        .map(|(o, input)| {
            o.unwrap_or_else(|| Outcome {
                input: input.clone(),
                result: Err(Error::Internal("写出线程异常退出".into())),
            })
        })
        .collect())
}

/// Runs `f`, turning a panic (a defect of ours) into this input's failure.
pub fn guarded<T>(input: &Path, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Error::Internal(format!(
                "处理 {} 时程序出错（{what}）；其他文件不受影响，请把这个文件报告给维护者",
                input.display()
            )))
        }
    }
}

/// A document made and not yet written: its files (name, bytes), its index line and
/// what its pipeline said.
struct Made {
    stem: String,
    files: Vec<(String, Vec<u8>)>,
    entry: IndexEntry,
    manifest: Vec<u8>,
    diagnostics: Vec<Diagnostic>,
}

fn make(input: &Path, opts: &Options, layouts: &theme::Cache) -> Result<Made, Error> {
    let loaded = Input::read(input)?;
    let artifacts = build_with(loaded, opts, layouts)?;
    let stem = output::stem(input);
    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    for (format, bytes) in artifacts.outputs {
        let name = output::file_name(input, format.extension());
        names.insert(format.extension().to_owned(), name.clone());
        files.push((name, bytes));
    }
    let entry = IndexEntry {
        summary: artifacts.summary,
        files: names,
        draft: opts.draft,
    };
    let manifest = serde_json::to_vec(&entry)
        .map_err(|e| Error::Internal(format!("无法记录 {stem} 的目录信息：{e}")))?;
    Ok(Made {
        stem,
        files,
        entry,
        manifest,
        diagnostics: artifacts.diagnostics,
    })
}

impl Made {
    /// Writes the document's files as a set, then its manifest.
    fn write(self, out: &output::OutputDir) -> Result<Done, Error> {
        let set: Vec<(String, &[u8])> = (self.files.iter())
            .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
            .collect();
        let written = out.write_report(&self.stem, &set, &self.manifest)?;
        Ok(Done {
            written,
            diagnostics: self.diagnostics,
            entry: self.entry,
        })
    }
}

/// Every report the output folder holds, for the portal index: from the manifests, keeping
/// those whose files are all present, ordered by department, year and file name.
pub fn index_entries(out: &output::OutputDir) -> Vec<IndexEntry> {
    let mut entries: Vec<IndexEntry> = out
        .manifests()
        .into_values()
        .filter_map(|bytes| serde_json::from_slice::<IndexEntry>(&bytes).ok())
        .filter(|e| e.files.values().all(|f| out.has(f)))
        .collect();
    entries.sort_by(|a, b| {
        let (x, y) = (&a.summary, &b.summary);
        (&x.department, x.year, &a.files).cmp(&(&y.department, y.year, &b.files))
    });
    entries
}
