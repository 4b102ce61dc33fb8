//! The invariants ARCHITECTURE.md states about the code's shape, checked on the source:
//! every module imports only the modules below it in the pipeline's order; every
//! top-level module is ranked here and named in ARCHITECTURE.md; no source file is over
//! 800 lines; only the modules the document names parse YAML or touch the file system.
//! Reading the source text is enough: these are facts about `use` lines and paths.

mod common;

use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first: each may import only the ones before
/// it (ARCHITECTURE.md, "Invariants"). `main.rs` and `cli/` sit above all of them.
const ORDER: &[&str] = &[
    "num",
    "error",
    "text",
    "catalog",
    "present",
    "load",
    "import",
    "validate",
    "model",
    "kind",
    "theme",
    "blocks",
    "render",
    "layout",
    "paged",
    "pdf",
    "xlsx",
    "output",
    "pipeline",
    "init",
    "reference",
    "synth",
    "batch",
    "watch",
];

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read src").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// True for unit-test files (`tests.rs`, anything under a `tests/` folder of `src/`).
fn is_test(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "tests.rs")
        || p.components().any(|c| c.as_os_str() == "tests")
}

/// The source without comments, string literals, and inline `#[cfg(test)] mod tests { … }`.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The top-level module a file of `src/` belongs to (`src/model/tables.rs` → `model`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel
        .components()
        .next()
        .expect("a component")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_owned()
}

/// The top-level modules a piece of code names through `crate::`: paths
/// (`crate::model::Report`) and groups (`use crate::{load, num::Money};`).
fn imports(code: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    let line_of = |i: usize| code[..i].matches('\n').count() + 1;
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group, skipping nested groups.
            let mut depth = 0;
            let mut name = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_start = true,
                    c if depth == 0 && at_start && (c.is_ascii_alphanumeric() || c == '_') => {
                        name.push(c);
                    }
                    c if depth == 0 && at_start && !c.is_whitespace() => {
                        if !name.is_empty() {
                            found.push((std::mem::take(&mut name), line_of(i)));
                        }
                        at_start = false;
                    }
                    _ => {}
                }
                if c == ',' && depth == 0 && !name.is_empty() {
                    found.push((std::mem::take(&mut name), line_of(i)));
                }
            }
            if !name.is_empty() {
                found.push((name, line_of(i)));
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push((name, line_of(i)));
        }
    }
    found
}

#[test]
fn every_module_imports_only_the_modules_below_it() {
    let src = common::root().join("src");
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for file in sources(&src) {
        if is_test(&file) {
            continue;
        }
        let module = module_of(&src, &file);
        let Some(own) = rank(&module) else {
            continue; // lib.rs, main.rs, cli/: above every stage
        };
        let text = std::fs::read_to_string(&file).expect("source");
        for (name, line) in imports(&code(&text)) {
            seen += 1;
            match rank(&name) {
                Some(r) if r > own => wrong.push(format!(
                    "{}:{line}: {module} imports {name}, a stage above it",
                    file.strip_prefix(&src).unwrap_or(&file).display()
                )),
                _ => {}
            }
        }
    }
    assert!(seen > 200, "the scan finds the imports ({seen})");
    assert!(
        wrong.is_empty(),
        "imports that run back up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_scan_sees_paths_and_groups() {
    let found: Vec<String> = imports(&code(
        "use crate::{load::{self, x}, num::Money, error};\nlet a = crate::model::derive();\n// crate::watch\n\"crate::pdf\"",
    ))
    .into_iter()
    .map(|(n, _)| n)
    .collect();
    assert_eq!(found, ["load", "num", "error", "model"]);
}

#[test]
fn every_module_is_ranked_and_described() {
    let lib = std::fs::read_to_string(common::root().join("src/lib.rs")).expect("lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub mod ")
                .or_else(|| l.trim().strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let mut sorted: Vec<&str> = ORDER.to_vec();
    sorted.sort_unstable();
    let mut declared_sorted = declared.clone();
    declared_sorted.sort_unstable();
    assert_eq!(
        declared_sorted, sorted,
        "lib.rs's modules are the ranked ones"
    );
    let arch = std::fs::read_to_string(common::root().join("ARCHITECTURE.md")).expect("doc");
    for m in ORDER {
        let named =
            arch.contains(&format!("`src/{m}.rs`")) || arch.contains(&format!("`src/{m}/`"));
        assert!(named, "ARCHITECTURE.md has no section for src/{m}");
    }
}

#[test]
fn no_source_file_is_over_800_lines() {
    let src = common::root().join("src");
    let long: Vec<String> = sources(&src)
        .into_iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(&f).expect("source").lines().count();
            (n > 800).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split by concept: {long:?}");
}

/// Who may name a crate or an API (outside unit tests), as ARCHITECTURE.md says.
#[test]
fn yaml_parsing_and_file_access_stay_where_the_document_says() {
    let src = common::root().join("src");
    let rules: &[(&str, &[&str])] = &[
        // The input's YAML in `load`; the layouts' own files where they are read.
        ("serde_yaml", &["load", "theme", "layout/settings.rs"]),
        // Files are read and written by these alone (`main`/`cli` at the edge).
        (
            "std::fs",
            &[
                "load",
                "import",
                "theme",
                "batch.rs",
                "output.rs",
                "main.rs",
                "cli",
            ],
        ),
        (
            "File::",
            &[
                "load",
                "import",
                "theme",
                "batch.rs",
                "output.rs",
                "main.rs",
                "cli",
            ],
        ),
        // Printing is the edge's (the sandbox child answers on stdout).
        ("println!", &["main.rs", "cli", "render/sandbox.rs"]),
        ("eprintln!", &["main.rs", "cli"]),
    ];
    let mut wrong = Vec::new();
    for file in sources(&src) {
        if is_test(&file) {
            continue;
        }
        let rel = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = code(&std::fs::read_to_string(&file).expect("source"));
        for (what, allowed) in rules {
            let ok = allowed.iter().any(|a| {
                rel == *a
                    || rel.starts_with(&format!("{}/", a.trim_end_matches(".rs")))
                        && !a.ends_with(".rs")
            });
            if !ok && text.contains(what) {
                wrong.push(format!("{rel} uses {what}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
