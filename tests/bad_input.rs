//! Bad input is harmless: for every kind of broken file a clerk can produce, a clear
//! Chinese message, the documented exit code, no panic, and no output file at all.

mod common;

use std::path::Path;

fn minimal() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml")).expect("fixture")
}

/// Writes `bytes` as `input.yaml` in a fresh directory, runs `generate` into `out/`, and
/// checks exit code, message and that nothing was written.
#[track_caller]
fn refused(name: &str, bytes: &[u8], exit: i32, says: &[&str]) {
    let dir = common::temp_dir(name);
    std::fs::write(dir.join("input.yaml"), bytes).expect("write input");
    let out = common::gongkai(&dir, &["generate", "input.yaml", "-o", "out"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(exit),
        "{name}: exit code; stderr:\n{stderr}"
    );
    for s in says {
        assert!(stderr.contains(s), "{name}: stderr lacks `{s}`:\n{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(!dir.join("out").exists(), "{name}: something was written");
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    let m = minimal();
    refused("empty", b"", 1, &["文件为空"]);
    refused(
        "not-utf8",
        b"year: 2025\ndepartment:\n  name: \xb2\xe2\xca\xd4\n",
        1,
        &["不是 UTF-8 编码", "input.yaml:3"],
    );
    refused(
        "tabs",
        m.replace("  name: 测试局\n", "\tname: 测试局\n").as_bytes(),
        1,
        &["Tab 缩进"],
    );
    refused(
        "syntax",
        m.replace("  name: 测试局\n", "  name: \"测试局\n")
            .as_bytes(),
        1,
        &["引号没有闭合", "input.yaml:4"],
    );
    refused(
        "full-width-colon",
        m.replace("  name: 测试局\n", "  name：测试局\n").as_bytes(),
        1,
        &["全角冒号", "input.yaml:4"],
    );
    refused(
        "duplicate",
        m.replace("year: 2025", "year: 2025\nyear: 2026").as_bytes(),
        1,
        &["键“year”重复", "input.yaml:3"],
    );
    refused(
        "wrong-type",
        m.replace("year: 2025", "year: 明年").as_bytes(),
        1,
        &["类型错误", "字段：year"],
    );
    refused(
        "unknown-key",
        m.replace("year: 2025", "yeer: 2025").as_bytes(),
        1,
        &["未知字段“yeer”", "是否应为“year”"],
    );
    let mut bomb = String::from("overview:\n  functions:\n");
    let names = "abcdefghi";
    for (i, n) in names.chars().enumerate() {
        let items = if i == 0 {
            vec!["\"l\"".to_owned(); 10]
        } else {
            vec![format!("*{}", names.as_bytes()[i - 1] as char); 10]
        };
        bomb.push_str(&format!("    - &{n} [{}]\n", items.join(",")));
    }
    refused("alias-bomb", bomb.as_bytes(), 1, &["input.yaml:"]);
    let deep = m.replace(
        "year: 2025",
        &format!("year: {}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    refused("deep-flow", deep.as_bytes(), 1, &["嵌套层数过深"]);
    let chain = m.replace("year: 2025", &format!("year:\n  {}x", "- ".repeat(10_000)));
    refused("deep-block", chain.as_bytes(), 1, &["嵌套层数过深"]);
    let mut big = m.clone().into_bytes();
    big.extend(std::iter::repeat_n(b'#', 50 * 1024 * 1024));
    refused("50mb", &big, 1, &["超过 16 MB 的上限"]);
}

#[test]
fn bad_amounts_are_refused_with_a_hint() {
    let m = minimal();
    for (name, amount, says) in [
        ("negative", "-110.5", "负数"),
        ("nan", ".nan", "不是有限数"),
        ("inf", ".inf", "不是有限数"),
        ("too-long", "\"12345678901234567890123456789\"", "位数过多"),
        ("thousands", "\"1,110.5\"", "千分位"),
        ("full-width", "１１０.５", "全角数字"),
        ("too-many-decimals", "110.505", "小数位多于"),
    ] {
        refused(
            name,
            m.replace("general: 110.5", &format!("general: {amount}"))
                .as_bytes(),
            1,
            &[says, "income[0].current.general"],
        );
    }
}

#[test]
fn bom_and_crlf_are_accepted() {
    let dir = common::temp_dir("bom-crlf");
    let text = format!("\u{feff}{}", minimal().replace('\n', "\r\n"));
    std::fs::write(dir.join("input.yaml"), text).expect("write");
    let out = common::gongkai(&dir, &["generate", "input.yaml", "-o", "out", "-f", "md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("out/input.md").exists());
}

#[test]
fn paths_that_cannot_work_exit_with_2() {
    let dir = common::temp_dir("paths");
    let out = common::gongkai(&dir, &["generate", "missing.yaml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.yaml"));
    std::fs::create_dir_all(dir.join("a.yaml")).expect("dir named like a file");
    // A directory stands for the inputs in it; this one has none.
    let out = common::gongkai(&dir, &["generate", "a.yaml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有 .yaml"));
    // `check` reads a folder the same way.
    let out = common::gongkai(&dir, &["check", "a.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有 .yaml"));
    // An output "directory" that is a file: nothing can be written.
    std::fs::write(dir.join("input.yaml"), minimal()).expect("write");
    std::fs::write(dir.join("blocked"), "a file").expect("write");
    let out = common::gongkai(
        &dir,
        &["generate", "input.yaml", "-o", "blocked", "-f", "md"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn colliding_output_names_write_neither_and_others_go_on() {
    let dir = common::temp_dir("collide");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).expect("dir");
        std::fs::write(dir.join(sub).join("same.yaml"), minimal()).expect("write");
    }
    std::fs::write(dir.join("a/other.yaml"), minimal()).expect("write");
    let out = common::gongkai(
        &dir,
        &["generate", "a", "b/same.yaml", "-o", "out", "-f", "md"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("输出文件名与"), "{stderr}");
    assert!(!dir.join("out/same.md").exists());
    assert!(
        dir.join("out/other.md").exists(),
        "the other input is still generated"
    );
}

#[test]
fn hostile_department_names_never_reach_a_path() {
    let dir = common::temp_dir("names");
    // A control character is refused outright.
    let text = minimal().replace("  name: 测试局\n", "  name: \"测试\\u0007局\"\n");
    std::fs::write(dir.join("bell.yaml"), text).expect("write");
    let out = common::gongkai(&dir, &["generate", "bell.yaml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("STR-011"));
    assert!(!dir.join("out").exists());
    let text = minimal().replace("  name: 测试局\n", "  name: \"../../etc/x/局\"\n");
    std::fs::write(dir.join("input.yaml"), text).expect("write");
    let out = common::gongkai(
        &dir,
        &["generate", "input.yaml", "-o", "out", "-f", "md,html"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, ["input.html", "input.md"]);
    assert!(!Path::new(&dir).join("etc").exists());
}
