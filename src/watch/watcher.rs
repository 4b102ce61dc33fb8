//! Noticing saves. The input's *directory* is watched, not the file: editors save by
//! writing a temporary file and renaming it over the input (the file's own watch would be
//! lost with the old inode), or delete and recreate it. Events are filtered to those that
//! can change what the preview shows (the input's name in that directory, anything in
//! the `--templates` folder; not reads, not metadata), then debounced: a save is a burst
//! of events, and the rebuild waits for the burst to settle.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::{Event, TICK};
use crate::error::Error;

/// A burst of events is over when none came for this long.
const QUIET: Duration = Duration::from_millis(50);
/// A rebuild starts at the latest this long after the first event of a burst, so a file
/// written continuously still gets previewed.
const SETTLE_MAX: Duration = Duration::from_millis(400);

/// What the watcher sends to the rebuild loop.
#[derive(Debug)]
pub(super) enum Notice {
    /// Something that may change the page changed.
    Changed,
    /// The watcher failed (e.g. too many watches); told to the user, the preview goes on.
    Problem(String),
}

/// What to watch: the input's directory and name, and the templates folder.
#[derive(Debug, Clone)]
pub(super) struct Target {
    dir: PathBuf,
    name: OsString,
    templates: Vec<PathBuf>,
}

impl Target {
    /// Checks that the input file and the templates folder exist (a usage error
    /// otherwise: the preview starts only on a file that is there).
    pub(super) fn new(input: &Path, templates: &[PathBuf]) -> Result<Target, Error> {
        if input.is_dir() {
            return Err(Error::Usage(format!(
                "{}：是目录，不是 YAML 文件",
                input.display()
            )));
        }
        let name = match input.file_name() {
            Some(n) if input.is_file() => n.to_owned(),
            _ => return Err(Error::Usage(format!("找不到输入文件 {}", input.display()))),
        };
        let parent = input
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let dir = parent.canonicalize().map_err(|e| Error::io(parent, e))?;
        let templates = templates
            .iter()
            .map(|t| {
                if t.is_dir() {
                    t.canonicalize().map_err(|e| Error::io(t, e))
                } else {
                    Err(Error::Usage(format!(
                        "模板目录 {} 不存在或不是目录",
                        t.display()
                    )))
                }
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(Target {
            dir,
            name,
            templates,
        })
    }

    /// Whether `event` may change the page: a write, creation, removal or rename of the
    /// input (by name: the directory is watched without recursion) or of anything in the
    /// templates folder. Reads are not changes (the rebuild itself opens the file, and a
    /// read counted as a change would rebuild for ever), nor are metadata changes.
    pub(super) fn concerns(&self, event: &notify::Event) -> bool {
        match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => return false,
            _ => {}
        }
        event.paths.iter().any(|p| {
            p.file_name() == Some(self.name.as_os_str())
                || self.templates.iter().any(|t| p.starts_with(t))
        })
    }
}

/// Starts watching; the returned watcher must be kept alive as long as notices are
/// wanted.
pub(super) fn start(target: &Target) -> Result<(Receiver<Notice>, RecommendedWatcher), Error> {
    let (tx, rx) = mpsc::channel();
    let filter = target.clone();
    let cannot = |e: notify::Error| Error::Usage(format!("无法监视文件的变化：{e}"));
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let notice = match res {
            Ok(event) if filter.concerns(&event) => Notice::Changed,
            Ok(_) => return,
            Err(e) => Notice::Problem(e.to_string()),
        };
        // The receiver is gone only when the preview is stopping.
        let _ = tx.send(notice);
    })
    .map_err(cannot)?;
    watcher
        .watch(&target.dir, RecursiveMode::NonRecursive)
        .map_err(cannot)?;
    for t in &target.templates {
        watcher.watch(t, RecursiveMode::Recursive).map_err(cannot)?;
    }
    Ok((rx, watcher))
}

/// Waits for the next change, then for its burst to settle. Returns when the first
/// event of the burst came, or `None` when stopping (or the watcher is gone).
pub(super) fn next_change(
    notices: &Receiver<Notice>,
    stopping: &dyn Fn() -> bool,
    tell: &(dyn Fn(Event<'_>) + Sync),
) -> Option<Instant> {
    let first = loop {
        if stopping() {
            return None;
        }
        match notices.recv_timeout(TICK) {
            Ok(Notice::Changed) => break Instant::now(),
            Ok(Notice::Problem(message)) => tell(Event::WatchProblem { message }),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    };
    settle(notices, first, tell);
    (!stopping()).then_some(first)
}

/// Swallows the rest of a burst: returns once no notice came for [`QUIET`], or
/// [`SETTLE_MAX`] after `first`.
fn settle(notices: &Receiver<Notice>, first: Instant, tell: &(dyn Fn(Event<'_>) + Sync)) {
    loop {
        let left = SETTLE_MAX.saturating_sub(first.elapsed());
        if left.is_zero() {
            return;
        }
        match notices.recv_timeout(QUIET.min(left)) {
            Ok(Notice::Changed) => {}
            Ok(Notice::Problem(message)) => tell(Event::WatchProblem { message }),
            Err(_) => return,
        }
    }
}
