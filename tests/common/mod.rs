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

/// Runs the `gongkai` binary with `args` in `cwd`, on a fixed date.
pub fn gongkai(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", TEST_EPOCH)
        .env_remove("GONGKAI_CI")
        .output()
        .expect("run gongkai")
}

/// True when running under CI, where every outside program must be present.
pub fn in_ci() -> bool {
    std::env::var("GONGKAI_CI").is_ok_and(|v| v == "1")
}

/// Whether a test needing `tool` should run: true when it is available; when it is not,
/// prints why the test is skipped and returns false, or panics under `GONGKAI_CI=1`.
#[track_caller]
pub fn require_tool(tool: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if in_ci() {
        panic!("{tool} is required under GONGKAI_CI=1 but was not found");
    }
    eprintln!("skipped: {tool} not found (set GONGKAI_CI=1 to make this a failure)");
    false
}

/// True when `program` runs (`program --version` or the given probe args succeed).
pub fn has_program(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|o| o.status.success())
}
