//! No English reaches a clerk: every subcommand's help, every argument mistake, a missing
//! or unreadable file, a broken template and every common YAML slip are answered in
//! Chinese. Each output is searched for English words; what may appear is what the user
//! types or reads as a name (commands, flags, file and field names, format names).

mod common;

use std::path::Path;
use std::process::Output;

fn minimal() -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml")).expect("fixture")
}

/// Names a Chinese message may contain: commands, options, formats, layouts, kinds.
const NAMES: &[&str] = &[
    "gongkai",
    "generate",
    "import",
    "check",
    "watch",
    "rules",
    "layouts",
    "templates",
    "init",
    "completions",
    "schema",
    "export",
    "vars",
    "new",
    // Tera's block keywords, which an unclosed-block message names.
    "endfor",
    "endif",
    "endmacro",
    "endblock",
    "endfilter",
    "endraw",
    "extends",
    "sections",
    "help",
    "version",
    "output",
    "format",
    "draft",
    "jobs",
    "port",
    "open",
    "force",
    "from",
    "layout",
    "kind",
    "yaml",
    "yml",
    "tera",
    "html",
    "htm",
    "pdf",
    "xlsx",
    "xls",
    "css",
    "json",
    "human",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "elvish",
    "shenzhen",
    "standard",
    "budget",
    "index",
    "checks",
    "local",
    "share",
    "completion",
    "YAML",
    "HTML",
    "PDF",
    "JSON",
    "Schema",
    "Excel",
    "Markdown",
    "Tera",
    "Tab",
    "UTF",
    "CPU",
    "Ctrl",
    "GBK",
    "excel",
    "markdown",
    "docx",
    "xml",
    "bogus",
    "frobnicate",
    "nope",
];

/// English words in `text`: ASCII words of three letters or more that are not one of
/// [`NAMES`], not part of a path, a field path or a rule ID, and not in the input's own
/// text (a quoted source line).
fn english(text: &str, input: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // The source line shown under a diagnostic, and the field path, are the user's.
        let trimmed = line.trim_start();
        // Names are quoted “thus”: what the user wrote or must write.
        let mut unquoted = String::new();
        let mut depth = 0;
        for c in line.chars() {
            match c {
                '“' => depth += 1,
                '”' => depth = 0,
                _ if depth == 0 => unquoted.push(c),
                _ => {}
            }
        }
        let line = unquoted.as_str();
        if trimmed.starts_with("= 字段：")
            || trimmed.starts_with("-->")
            || line.contains(" | ")
            || trimmed.starts_with('|')
        {
            continue;
        }
        for token in
            line.split(|c: char| c.is_whitespace() || "“”‘’：，。；（）()、<>[]\"'`".contains(c))
        {
            // Paths, dotted field paths, flags, rule IDs, identifiers with digits or `_`.
            if token.contains(['/', '.', '_', '=', '\\', '-'])
                || token.starts_with('-')
                || token.chars().any(|c| c.is_ascii_digit())
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                if word.len() >= 3 && !NAMES.contains(&word) && !input.contains(word) {
                    found.push(word.to_owned());
                }
            }
        }
    }
    found
}

#[track_caller]
fn assert_chinese(what: &str, out: &Output, input: &str) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.trim().is_empty(), "{what}: no output");
    let words = english(&text, input);
    assert!(words.is_empty(), "{what}: English {words:?} in:\n{text}");
}

#[test]
fn every_help_text_is_chinese() {
    let dir = common::temp_dir("zh-help");
    let mut runs: Vec<Vec<&str>> = vec![vec!["--help"], vec!["help"], vec!["-h"]];
    for sub in [
        "generate",
        "import",
        "check",
        "watch",
        "rules",
        "layouts",
        "templates",
        "init",
        "completions",
        "schema",
    ] {
        runs.push(vec![sub, "--help"]);
        runs.push(vec!["help", sub]);
    }
    runs.push(vec!["templates", "export", "--help"]);
    runs.push(vec!["templates", "vars", "--help"]);
    runs.push(vec!["templates", "new", "--help"]);
    runs.push(vec!["templates", "check", "--help"]);
    for args in runs {
        let out = common::gongkai(&dir, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_chinese(&format!("{args:?}"), &out, "");
    }
}

#[test]
fn argument_mistakes_are_answered_in_chinese() {
    let dir = common::temp_dir("zh-args");
    std::fs::write(dir.join("x.yaml"), minimal()).expect("write");
    for args in [
        vec![],
        vec!["generate"],
        vec!["import"],
        vec!["init"],
        vec!["templates"],
        vec!["templates", "export"],
        vec!["generate", "--bogus", "x.yaml"],
        vec!["frobnicate"],
        vec!["chek", "x.yaml"],
        vec!["generate", "-j", "abc", "x.yaml"],
        vec!["check", "--format", "xml", "x.yaml"],
        vec!["completions", "cmd"],
        vec!["generate", "-f", "docx", "x.yaml"],
        vec!["watch", "x.yaml", "--port", "70000"],
        vec!["schema", "--kind", "nope"],
        vec!["templates", "export", "nope", "out"],
        vec!["init", "new.yaml", "--layout", "nope"],
    ] {
        let out = common::gongkai(&dir, &args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_chinese(&format!("{args:?}"), &out, &args.join(" "));
    }
}

#[test]
fn missing_and_unreadable_files_are_answered_in_chinese() {
    let dir = common::temp_dir("zh-files");
    std::fs::write(
        dir.join("gbk.yaml"),
        b"year: 2025\ndepartment:\n  name: \xb2\xe2\n",
    )
    .expect("write");
    std::fs::write(dir.join("fake.xlsx"), "not a workbook").expect("write");
    std::fs::create_dir_all(dir.join("empty")).expect("dir");
    for (args, exit) in [
        (vec!["check", "nope.yaml"], 2),
        (vec!["generate", "nope.yaml"], 2),
        (vec!["import", "nope.xlsx", "-o", "a.yaml"], 2),
        (vec!["import", "fake.xlsx", "-o", "b.yaml"], 2),
        (vec!["init", "c.yaml", "--from", "nope.yaml"], 2),
        (vec!["check", "empty"], 2),
        (vec!["check", "gbk.yaml"], 1),
        (vec!["generate", "x.yaml", "--templates", "nope"], 2),
    ] {
        let out = common::gongkai(&dir, &args);
        assert_eq!(
            out.status.code(),
            Some(exit),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_chinese(&format!("{args:?}"), &out, &args.join(" "));
    }
    #[cfg(unix)]
    if std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success())
    {
        let out = common::gongkai(&dir, &["check", "pipe.yaml"]);
        assert_chinese("fifo", &out, "");
    }
}

#[test]
fn template_errors_are_chinese_and_name_file_and_line() {
    let dir = common::temp_dir("zh-templates");
    std::fs::write(dir.join("x.yaml"), minimal()).expect("write");
    for (name, template, says) in [
        ("syntax", "标题\n{% if %}\n", "document.tera 第 2 行"),
        (
            "variable",
            "标题\n\n{{ meta.nosuch }}\n",
            "document.tera 第 3 行",
        ),
        (
            "filter",
            "标题\n{{ year | nofilter }}\n",
            "document.tera 第 2 行",
        ),
        ("unclosed", "标题\n{% for x in units %}\n", "document.tera"),
    ] {
        let tpl = dir.join(format!("tpl-{name}"));
        std::fs::create_dir_all(&tpl).expect("dir");
        std::fs::write(tpl.join("document.tera"), template).expect("write");
        let out = common::gongkai(
            &dir,
            &[
                "generate",
                "x.yaml",
                "-f",
                "md",
                "--templates",
                tpl.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{name}: {err}");
        assert_chinese(name, &out, template);
    }
}

/// A layout's own YAML files (`layout.yaml`, `pdf.yaml`) that do not parse are answered in
/// Chinese with their line, as inputs are.
#[test]
fn broken_layout_files_are_answered_in_chinese() {
    let dir = common::temp_dir("zh-layout-files");
    std::fs::write(dir.join("x.yaml"), minimal()).expect("write");
    for (name, file, text, says) in [
        ("layout", "layout.yaml", "name: [1\n", "第 2 行"),
        ("pdf", "pdf.yaml", "page:\n  width_mm: [1\n", "第 2 行"),
    ] {
        let tpl = dir.join(format!("tpl-{name}"));
        std::fs::create_dir_all(&tpl).expect("dir");
        std::fs::write(tpl.join(file), text).expect("write");
        let out = common::gongkai(
            &dir,
            &[
                "generate",
                "x.yaml",
                "-f",
                "pdf",
                "--templates",
                tpl.to_str().expect("utf-8"),
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(file) && err.contains(says), "{name}: {err}");
        assert_chinese(name, &out, text);
    }
}

#[test]
fn yaml_slips_are_named_in_chinese() {
    let m = minimal();
    let cases = [
        ("quote", m.replace("  name: 测试局\n", "  name: \"测试局\n")),
        (
            "full-width-colon",
            m.replace("  name: 测试局\n", "  name：测试局\n"),
        ),
        ("bracket", m.replace("year: 2025", "year: [2025")),
        ("tab", m.replace("  name: 测试局\n", "\tname: 测试局\n")),
        (
            "indent",
            m.replace("  code: \"901\"\n", "   code: \"901\"\n"),
        ),
        ("two-documents", format!("{m}---\nyear: 2026\n")),
        (
            "end-of-stream",
            "year: 2025\ndepartment: {name: 甲\n".to_owned(),
        ),
        ("missing-sections", "year: 2025\n".to_owned()),
        ("type", m.replace("year: 2025", "year: 明年")),
        ("unknown-key", m.replace("year: 2025", "yeer: 2025")),
    ];
    for (name, text) in cases {
        let dir = common::temp_dir(&format!("zh-yaml-{name}"));
        std::fs::write(dir.join("input.yaml"), &text).expect("write");
        let out = common::gongkai(&dir, &["check", "input.yaml"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_chinese(name, &out, &text);
    }
    // Nine missing sections come in one run.
    let dir = common::temp_dir("zh-yaml-all");
    std::fs::write(dir.join("input.yaml"), "year: 2025\n").expect("write");
    let out = common::gongkai(&dir, &["check", "input.yaml"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.matches("缺少必填字段").count() >= 9, "{err}");
}

#[test]
fn the_checker_itself_finds_english() {
    // The test above would pass on silence; make sure it would see an English sentence.
    assert_eq!(
        english("错误：No such file or directory", ""),
        ["such", "file", "directory"]
    );
    assert!(english("  --> input.yaml:3:5\n  = 字段：income[0].current.general\n错误[STR-003]：缺少必填字段“overview”", "").is_empty());
    let _ = Path::new(".");
}
