//! Rendering a user's templates in a child process, bounded in time and memory.
//!
//! A template is a program: a loop can run for hours, `{% set s = s ~ s %}` can fill the
//! memory, and Tera offers no hook to stop either. Templates that come with gongkai are
//! rendered in process; when a layout has files from a user's directory, each template
//! is rendered by a child (`gongkai __render`, hidden) that gets the compiled inputs as
//! JSON on stdin and answers on stdout. The child limits its own address space and CPU
//! time (unix); the parent kills it after a wall-clock limit, so one runaway template
//! costs one input's failure with a message that names the template, never the batch.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tera::Context;
use wait_timeout::ChildExt;

use super::filters::Settings;
use super::guard;
use crate::error::Error;

/// Name of the hidden subcommand the child runs.
pub const SUBCOMMAND: &str = "__render";

/// Seconds one template may take by default: real templates take milliseconds.
pub const DEFAULT_SECONDS: u64 = 30;

/// Address space of a child (bytes): a real report renders in a few tens of megabytes.
pub const MEMORY: u64 = 1024 * 1024 * 1024;

/// How to start the child that renders untrusted templates.
#[derive(Debug, Clone)]
pub struct Sandbox {
    /// The program to run (the `gongkai` executable itself).
    pub exe: PathBuf,
    /// Wall-clock limit per template.
    pub timeout: Duration,
}

impl Sandbox {
    /// A sandbox running `exe`, with the time limit from `GONGKAI_TEMPLATE_SECONDS` when
    /// set (tests use a short one), else [`DEFAULT_SECONDS`].
    pub fn new(exe: PathBuf) -> Sandbox {
        let seconds = std::env::var("GONGKAI_TEMPLATE_SECONDS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|s| *s > 0)
            .unwrap_or(DEFAULT_SECONDS);
        Sandbox {
            exe,
            timeout: Duration::from_secs(seconds),
        }
    }
}

/// What the child needs to render one template.
#[derive(Serialize, Deserialize)]
pub(crate) struct Job {
    /// Template files: name → text.
    pub files: Vec<(String, String)>,
    /// Filter settings.
    pub settings: Settings,
    /// Which environment renders it (how it escapes): the same as in process.
    pub role: super::Role,
    /// The template to render.
    pub template: String,
    /// Its context.
    pub context: serde_json::Value,
}

/// The child's answer.
#[derive(Serialize, Deserialize)]
enum Reply {
    Text(String),
    Failed(String),
}

/// Renders `job` in a child process.
pub(crate) fn render(sandbox: &Sandbox, job: &Job) -> Result<String, Error> {
    let name = job.template.as_str();
    let input = serde_json::to_vec(job).map_err(|e| Error::Internal(e.to_string()))?;
    let mut child = Command::new(&sandbox.exe)
        .arg(SUBCOMMAND)
        // The child caps its address space at [`MEMORY`]; mimalloc (the command's
        // allocator) would reserve 1 GiB of it at a time and fail at the first allocation.
        .env("MIMALLOC_ARENA_RESERVE", "16MiB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::io(&sandbox.exe, e))?;
    // Feed and drain on threads so that neither pipe can fill up and stall the child.
    let mut stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            // Room for the largest output plus its JSON escaping.
            let _ = s
                .take(2 * guard::MAX_OUTPUT as u64 + 4096)
                .read_to_end(&mut buf);
        }
        buf
    });
    let status = match child.wait_timeout(sandbox.timeout) {
        Ok(Some(status)) => Some(status),
        Ok(None) => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::io(&sandbox.exe, e));
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(Error::Template(format!(
            "模板“{name}”渲染超过 {} 秒，已中止（检查模板中的循环）",
            sandbox.timeout.as_secs()
        )));
    };
    match serde_json::from_slice::<Reply>(&out) {
        Ok(Reply::Text(t)) => Ok(t),
        Ok(Reply::Failed(m)) => Err(Error::Template(m)),
        Err(_) if status.success() => Err(Error::Internal(format!(
            "渲染模板“{name}”的子进程没有给出结果"
        ))),
        Err(_) => Err(Error::Template(format!(
            "模板“{name}”渲染时耗尽了内存或时间，已中止（上限 {} MB、{} 秒；检查模板中的循环和不断变长的变量）",
            MEMORY / 1_048_576,
            sandbox.timeout.as_secs()
        ))),
    }
}

/// The child's side: reads a [`Job`] from stdin, renders it under resource limits, and
/// writes a reply to stdout. Returns the process exit code.
pub fn serve() -> i32 {
    limit_self();
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return 2;
    }
    let reply = match serde_json::from_slice::<Job>(&input) {
        Ok(job) => run(job),
        Err(e) => Reply::Failed(format!("子进程收到的任务无法读取：{e}")),
    };
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut out, &reply).is_ok() && out.flush().is_ok();
    if written {
        0
    } else {
        2
    }
}

fn run(job: Job) -> Reply {
    match run_job(job) {
        Ok(t) => Reply::Text(t),
        Err(m) => Reply::Failed(m),
    }
}

/// Renders `job` in this process (the child's work; also the in-process rendering of
/// one-off template sets, which are not cached).
pub(crate) fn run_job(job: Job) -> Result<String, String> {
    let tera = super::compile(
        job.files.iter().map(|(n, t)| (n.as_str(), t.as_str())),
        &job.settings,
        job.role,
    )?;
    let ctx = Context::from_value(job.context).map_err(|e| e.to_string())?;
    let sources: Vec<(&str, &str)> = job
        .files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    guard::render(&tera, &job.template, &ctx, &sources)
}

/// Caps this process's address space and CPU time (unix; elsewhere the parent's
/// wall-clock limit is the only bound).
fn limit_self() {
    #[cfg(unix)]
    {
        use rlimit::Resource;
        let _ = Resource::AS.set(MEMORY, MEMORY);
        let cpu = std::env::var("GONGKAI_TEMPLATE_SECONDS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(DEFAULT_SECONDS);
        let _ = Resource::CPU.set(cpu + 1, cpu + 2);
    }
}
