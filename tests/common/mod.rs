//! Helpers shared by the integration tests: running the binary on temporary copies of
//! inputs, and the rule for tests that need an outside program.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty temporary directory unique to `name` (removed first if it exists).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// `SOURCE_DATE_EPOCH` the tests run with: 2025-02-01T00:00:00Z, so "today" is fixed.
pub const TEST_EPOCH: &str = "1738368000";

/// The user data folder the tests give `gongkai` (`XDG_DATA_HOME`): `init` keeps the
/// editors' JSON Schemas there, and a test must not write into the real one.
pub fn data_home() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("data-home")
}

/// The schema of `kind` that `gongkai init` keeps for editors in [`data_home`].
pub fn installed_schema(kind: &str) -> PathBuf {
    data_home()
        .join("gongkai/schema")
        .join(format!("{kind}.schema.json"))
}

/// Runs the `gongkai` binary with `args` in `cwd`, on a fixed date.
pub fn gongkai(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", TEST_EPOCH)
        .env("XDG_DATA_HOME", data_home())
        .env_remove("GONGKAI_CI")
        .output()
        .expect("run gongkai")
}

/// True when running under CI, where every outside program must be present.
pub fn in_ci() -> bool {
    std::env::var("GONGKAI_CI").is_ok_and(|v| v == "1")
}

/// Whether a test needing `tool` should run: true when it is available; when it is not,
/// records that the test did not run (see [`not_run`]) and returns false, or panics under
/// `GONGKAI_CI=1`.
#[track_caller]
pub fn require_tool(tool: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if in_ci() {
        panic!("{tool} is required under GONGKAI_CI=1 but was not found");
    }
    not_run(&format!("缺少 {tool}"));
    false
}

/// The directory the reference-reproduction tests read the published reports from:
/// `GONGKAI_REFERENCE` (`.ci/run` sets it when `../shared/reference` exists).
pub const REFERENCE_ENV: &str = "GONGKAI_REFERENCE";

/// The published reference report `name` (e.g. `001_fce939101f1044cf.txt`), or `None`
/// when `GONGKAI_REFERENCE` is not set — then the test records that it did not run. A
/// variable that names a directory without the file is a failure, not a skip.
#[track_caller]
pub fn reference(name: &str) -> Option<String> {
    let Some(dir) = std::env::var_os(REFERENCE_ENV) else {
        not_run(&format!("未设置 {REFERENCE_ENV}（参考报告所在目录）"));
        return None;
    };
    let path = Path::new(&dir).join(name);
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) => panic!("{REFERENCE_ENV}: {}: {e}", path.display()),
    }
}

/// Records that the running test checked nothing, and why, for the list printed at the end
/// of `cargo test` (`tests/zz_not_run.rs`): libtest hides what a passing test prints.
/// Records go to `target/tmp/not-run/<id of the cargo process>/`, so the list names only
/// this run's tests.
pub fn not_run(why: &str) {
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    let binary = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .map(|s| {
            s.rsplit_once('-')
                .map_or(s.clone(), |(name, _)| name.to_owned())
        })
        .unwrap_or_default();
    eprintln!("not run: {binary}::{test}: {why}");
    if let Some(dir) = not_run_dir() {
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join(format!("{binary}--{}", test.replace("::", "--"))),
            format!("{binary}::{test}\t{why}\n"),
        );
    }
}

/// Where this run's records of tests that did not run go (unix: keyed by the parent
/// process, the `cargo test` that runs every test binary).
pub fn not_run_dir() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("not-run");
        Some(base.join(std::os::unix::process::parent_id().to_string()))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// True when `program` runs (`program --version` or the given probe args succeed).
pub fn has_program(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Text compared across a published extraction and our Markdown: bracket and colon widths
/// unified; spaces, tabs, Markdown emphasis, escapes and line breaks in cells removed.
pub fn normalise(s: &str) -> String {
    s.replace(['(', '（'], "（")
        .replace([')', '）'], "）")
        .replace([':', '：'], "：")
        .replace('⒉', "2.")
        .replace(['*', '\\', ' ', '\u{3000}', '\t'], "")
        .replace("<br>", "")
}

/// The sentences (split at 。 and ；) of a published narrative, `text` being the narrative
/// part of an extraction: lines are joined first, since the extraction wraps them
/// mid-sentence, and page-number lines (— 10 —) are dropped.
pub fn sentences(text: &str) -> Vec<String> {
    let joined: String = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('—'))
        .collect();
    normalise(&joined)
        .split(['。', '；'])
        .map(str::to_owned)
        .filter(|s| s.chars().count() > 3)
        .collect()
}

/// Our Markdown as one normalised string to search sentences in: headings run into the
/// next paragraph as they do in the extraction, and the contents list is left out.
pub fn searchable(md: &str) -> String {
    let md = match (md.find("## 目录"), md.find("\n## 第")) {
        (Some(toc), Some(body)) if toc < body => format!("{}{}", &md[..toc], &md[body + 1..]),
        _ => md.to_owned(),
    };
    normalise(&md.replace(['#', '\n'], ""))
}

/// The published sentences our Markdown lacks, apart from the listed mistakes (each a
/// fragment of the sentence it excuses, with the reason). Fails when a listed mistake is
/// no longer needed, so the list stays true.
pub fn missing_sentences(
    published: &[String],
    ours: &str,
    mistakes: &[(&str, &str)],
) -> Vec<String> {
    let mut used = vec![false; mistakes.len()];
    let mut missing = Vec::new();
    for sentence in published {
        if ours.contains(sentence.as_str()) {
            continue;
        }
        match mistakes
            .iter()
            .position(|(m, _)| sentence.contains(&normalise(m)))
        {
            Some(i) => used[i] = true,
            None => missing.push(sentence.clone()),
        }
    }
    let unused: Vec<&str> = mistakes
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|((m, _), _)| *m)
        .collect();
    assert!(
        unused.is_empty(),
        "listed as mistakes but reproduced: {unused:?}"
    );
    missing
}

/// Line (1-based) of the first occurrence of `needle` after line `after`.
pub fn line_of(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` not found"))
}

/// Runs `program` and returns its standard output; fails the test when it fails.
pub fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
