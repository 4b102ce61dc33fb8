//! `gongkai watch`: a live preview while a clerk edits an input file. A *caller* of the
//! pipeline, not a stage of it: on every save it runs the library façade
//! (`load` → [`crate::build_input`] with [`Format::Html`](crate::Format)) again and serves
//! the result from memory on 127.0.0.1; the page reloads itself through server-sent events.
//! It never writes a file (`generate` is the only command that publishes).
//!
//! * `watcher.rs` — the input's directory and the `--templates` folder (notify), filtered
//!   and debounced into "rebuild now" notices;
//! * `build.rs` — one rebuild, guarded (`catch_unwind`): the report page, the error page,
//!   or what went wrong; the PDF on request;
//! * `page.rs` — the HTML the preview adds: bar, diagnostics, reload script, PDF page;
//! * `server.rs` — the HTTP server (tiny_http): routes, the event stream, host check.
//!
//! Nothing here prints: the caller (`main`) is told what happened through [`Event`]s.

mod build;
mod page;
mod server;
mod watcher;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::error::{Diagnostic, Error};

/// The port tried first when none is given; when it is taken the system picks one.
pub const DEFAULT_PORT: u16 = 3000;

/// How often the loops that wait look whether the preview is stopping.
const TICK: Duration = Duration::from_millis(100);

/// What to preview.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The input file, as the user named it (diagnostics name it so, as `check` does).
    pub input: PathBuf,
    /// The user's layout directories (as `generate --templates`); watched too.
    pub templates: Vec<PathBuf>,
    /// The port on 127.0.0.1; `None` tries [`DEFAULT_PORT`], then lets the system choose.
    pub port: Option<u16>,
    /// Today's date for the publication-deadline check (read at the CLI edge).
    pub today: Option<String>,
    /// Where a user's templates are rendered (bounded in time and memory), as `generate`.
    pub sandbox: Option<crate::render::Sandbox>,
}

/// What the preview tells its caller, to print.
#[derive(Debug)]
pub enum Event<'a> {
    /// The page is served at `url`.
    Serving {
        /// `http://127.0.0.1:PORT/`.
        url: &'a str,
    },
    /// A rebuild finished.
    Rebuilt {
        /// 1 for the first build, then one more per rebuild.
        count: u64,
        /// From the change being noticed to the new page being ready.
        elapsed: Duration,
        /// Every diagnostic found (errors and warnings).
        diagnostics: &'a [Diagnostic],
        /// Why there is no report when it is not the input's errors: the file is missing,
        /// a template is broken, an internal error.
        failure: Option<&'a str>,
    },
    /// The file watcher reported a problem; the preview keeps serving.
    WatchProblem {
        /// The watcher's message.
        message: String,
    },
}

/// Runs the preview until `stop` receives (or its sender is dropped): binds the port,
/// builds once, then rebuilds on every change. Errors only for what stops it from
/// starting (the file or folder does not exist, the port is taken, nothing can be
/// watched); bad input never ends it.
pub fn run(
    cfg: &Config,
    stop: &Receiver<()>,
    tell: &(dyn Fn(Event<'_>) + Sync),
) -> Result<(), Error> {
    let target = watcher::Target::new(&cfg.input, &cfg.templates)?;
    let listener = server::bind(cfg.port)?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::io("127.0.0.1", e))?
        .port();
    let (notices, watcher) = watcher::start(&target)?;
    let run = run_id();
    let shared = Shared::new(build::Snapshot::starting(&run));
    let url = format!("http://127.0.0.1:{port}/");
    let http = server::Server::new(listener)?;
    tell(Event::Serving { url: &url });
    std::thread::scope(|s| {
        s.spawn(|| rebuild_loop(cfg, &run, notices, &shared, tell));
        s.spawn(|| http.serve(s, cfg, port, &shared));
        loop {
            match stop.recv_timeout(TICK) {
                Ok(()) | Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) if http.failed() => break,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
        shared.stop();
    });
    drop(watcher);
    match http.failure() {
        Some(message) => Err(Error::Usage(format!("预览服务出错：{message}"))),
        None => Ok(()),
    }
}

/// Builds once, then again after each change the watcher notices, until stopping.
fn rebuild_loop(
    cfg: &Config,
    run: &str,
    notices: Receiver<watcher::Notice>,
    shared: &Shared,
    tell: &(dyn Fn(Event<'_>) + Sync),
) {
    let mut count = 0;
    let mut noticed = Instant::now();
    loop {
        count += 1;
        let snapshot = build::rebuild(cfg, run, count);
        let elapsed = noticed.elapsed();
        // Served first, told second: whoever reads the message finds the new page.
        let snapshot = shared.publish(snapshot);
        tell(Event::Rebuilt {
            count,
            elapsed,
            diagnostics: &snapshot.diagnostics,
            failure: snapshot.failure.as_deref(),
        });
        match watcher::next_change(&notices, &|| shared.stopping(), tell) {
            Some(at) => noticed = at,
            None => return,
        }
    }
}

/// A token that tells this run's pages from another run's (a reload after a restart).
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{:x}-{:x}", std::process::id(), nanos)
}

/// The current page and the signal that it changed, shared by the rebuild loop and the
/// server's handlers.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    stopping: AtomicBool,
}

struct State {
    current: Arc<build::Snapshot>,
}

impl Shared {
    fn new(first: build::Snapshot) -> Shared {
        Shared {
            state: Mutex::new(State {
                current: Arc::new(first),
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding the lock; a poisoned one still holds a whole page.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn current(&self) -> Arc<build::Snapshot> {
        Arc::clone(&self.lock().current)
    }

    fn publish(&self, snapshot: build::Snapshot) -> Arc<build::Snapshot> {
        let snapshot = Arc::new(snapshot);
        self.lock().current = Arc::clone(&snapshot);
        self.changed.notify_all();
        snapshot
    }

    /// The current snapshot once its token differs from `seen`, or after `timeout`
    /// (`None` when stopping).
    fn wait_change(&self, seen: &str, timeout: Duration) -> Option<Arc<build::Snapshot>> {
        let guard = self.lock();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| {
                s.current.token == seen && !self.stopping()
            })
            .unwrap_or_else(|e| e.into_inner());
        (!self.stopping()).then(|| Arc::clone(&guard.current))
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.lock();
        self.changed.notify_all();
    }
}

/// The input's absolute path, for editor links (`vscode://file/…`).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests;
