//! The README's tour works as written: every command in the `sh` blocks of its
//! "五分钟上手" section is run, in order, in a copy of the repository's `inputs/`, with
//! `gongkai` standing for the built binary; each must succeed. A newcomer copies these
//! lines literally, so a renamed option or a file the tour never created fails here.

mod common;

use std::path::Path;
use std::process::Command;

/// The command lines of the tour's `sh` blocks, in order.
fn tour() -> Vec<String> {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README.md");
    let start = readme.find("## 五分钟上手").expect("the tour section");
    let section = &readme[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let mut lines = Vec::new();
    let mut in_sh = false;
    for line in section.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = !in_sh && t == "```sh";
            continue;
        }
        if in_sh && !t.is_empty() && !t.starts_with('#') {
            lines.push(t.to_owned());
        }
    }
    lines
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_file() {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn every_command_of_the_tour_runs_as_written() {
    let commands = tour();
    assert!(
        commands.len() >= 10,
        "the tour has its commands: {commands:?}"
    );
    let dir = common::temp_dir("readme-tour");
    copy_dir(&common::root().join("inputs"), &dir.join("inputs"));
    for line in &commands {
        // `>` redirects standard output to a file, as the shell would.
        let (cmd, redirect) = match line.split_once(" > ") {
            Some((c, f)) => (c.trim(), Some(f.trim())),
            None => (line.as_str(), None),
        };
        let words: Vec<&str> = cmd.split_whitespace().collect();
        match words.as_slice() {
            // Installing is what the tests' own build already did.
            ["cargo", "install", "--path", "."] => continue,
            ["cp", from, to] => {
                std::fs::copy(dir.join(from), dir.join(to))
                    .unwrap_or_else(|e| panic!("{line}: {e}"));
                continue;
            }
            ["gongkai", args @ ..] => {
                let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
                    .args(args)
                    .current_dir(&dir)
                    .env("SOURCE_DATE_EPOCH", common::TEST_EPOCH)
                    .env("XDG_DATA_HOME", common::data_home())
                    .output()
                    .expect("run gongkai");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "`{line}` failed:\n{stderr}");
                assert!(
                    !stderr.contains("错误["),
                    "`{line}` reports an error:\n{stderr}"
                );
                if let Some(file) = redirect {
                    std::fs::write(dir.join(file), &out.stdout).expect("redirect");
                }
            }
            _ => panic!("the tour has a command this test does not know: {line}"),
        }
    }
    // What the tour says it makes exists.
    for made in [
        "inputs/本部门-2025.yaml",
        "导入-2025.yaml",
        "output/本部门-2025.pdf",
        "门户/index.html",
        "我的模板/document.tera",
        "明年.yaml",
        "新文件.yaml",
        "gongkai.schema.json",
        "gongkai.bash",
    ] {
        assert!(dir.join(made).exists(), "the tour should have made {made}");
    }
}
