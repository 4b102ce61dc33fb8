//! Runs last in `cargo test` (test targets run in name order; doctests are off) and prints
//! which tests checked nothing, and why: libtest shows nothing of a passing test's output,
//! so a test that returned early for want of Chromium or of the reference reports would
//! otherwise pass in silence. The records come from `common::not_run`, for this run only.
//! Never fails: under `GONGKAI_CI=1` a missing program already failed its test.

mod common;

fn main() {
    let Some(dir) = common::not_run_dir() else {
        println!("（此平台不汇总未运行的测试）");
        return;
    };
    let mut lines: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|t| t.trim_end().to_owned())
        .collect();
    lines.sort();
    let _ = std::fs::remove_dir_all(&dir);
    // Records of runs that were interrupted before reaching this binary.
    if let Some(base) = dir.parent() {
        for e in std::fs::read_dir(base).into_iter().flatten().flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600);
            if old {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    println!();
    if lines.is_empty() {
        println!("所有测试都已运行（没有因缺少外部程序或参考报告而跳过的测试）。");
        return;
    }
    println!(
        "以下 {} 个测试没有运行，结果中的 ok 不代表它们通过：",
        lines.len()
    );
    for l in &lines {
        let (test, why) = l.split_once('\t').unwrap_or((l, ""));
        println!("  {test}：{why}");
    }
    println!(
        "安装缺少的程序（见 .ci/run）、设置 {}=参考报告目录后重新运行即可；CI（GONGKAI_CI=1）中缺少外部程序即失败。",
        common::REFERENCE_ENV
    );
}
