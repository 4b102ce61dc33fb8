//! The JSON Schema for editors (`gongkai schema`), checked by the programs that use it:
//!
//! - ajv in strict mode (draft 2020-12, `browser/schema.mjs`) compiles every kind's
//!   schema, accepts every shipped input, fixture and `init` file read as YAML 1.1 and
//!   1.2, and refuses broken ones: an unknown key, wrong types, an unquoted date (as YAML
//!   1.1 reads it) and an unquoted code — the last two still load in gongkai;
//! - yaml-language-server, the VS Code YAML extension's engine, driven over stdio
//!   (`browser/lsp.mjs`): no diagnostic on any shipped input or `init` file, one on each
//!   broken file (an unknown key, an unquoted code), Chinese hover texts from
//!   `inputs/README.md`;
//! - the first line `gongkai init` writes names the schema kept in the user's data folder
//!   by its absolute URL, so the file still works copied to another folder; without a data
//!   folder it can write it names a file beside the input and says how to make it.
//!
//! That every field has a Chinese description, and that `inputs/README.md` documents each
//! field once, is checked without Node in `src/load/editor/tests.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value as Json};

/// The document kinds and the layouts whose `init` skeleton is of that kind.
const SKELETONS: &[(&str, &str)] = &[
    ("budget", "standard"),
    ("performance-targets", "performance-targets"),
    ("self-evaluation", "self-evaluation"),
];

fn browser_dir() -> PathBuf {
    common::root().join("tests/browser")
}

/// Whether Node and the named packages of `tests/browser` are there (required under CI).
fn node_with(packages: &[&str]) -> bool {
    let node = common::has_program("node", &["--version"]);
    let modules = packages.iter().all(|m| {
        browser_dir()
            .join("node_modules")
            .join(m)
            .join("package.json")
            .is_file()
    });
    common::require_tool("node (apt-get install nodejs)", node)
        && common::require_tool(
            &format!("{} (npm ci --prefix tests/browser)", packages.join(", ")),
            modules,
        )
}

/// The `kind:` a document declares (`budget` when none).
fn kind_of(text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("kind:"))
        .map_or("budget".to_owned(), |k| {
            k.split('#').next().unwrap_or_default().trim().to_owned()
        })
}

/// Every shipped document: the inputs and the fixtures that are whole documents (not the
/// fragments some tests splice in).
fn shipped() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["inputs", "tests/fixtures"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(common::root().join(dir))
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .filter(|p| gongkai::Input::read(p).is_ok())
            .collect();
        files.sort();
        out.extend(files);
    }
    assert!(out.len() >= 9, "{out:?}");
    out
}

/// Writes the `init` files of every kind into `dir` (and next year's budget from the
/// Jianghan input, its amounts `待填`), with the tests' data folder; returns (kind, file).
fn init_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for (kind, layout) in SKELETONS {
        let name = format!("new-{layout}.yaml");
        let o = common::gongkai(dir, &["init", &name, "--layout", layout]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out.push(((*kind).to_owned(), dir.join(name)));
    }
    let last = common::root().join("inputs/jianghan-2024.yaml");
    let o = common::gongkai(
        dir,
        &["init", "next.yaml", "--from", &last.to_string_lossy()],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out.push(("budget".to_owned(), dir.join("next.yaml")));
    out
}

/// Runs a script of `tests/browser` on `cases` (written to `dir`); its JSON answer.
fn run_script(script: &str, dir: &Path, cases: &Json) -> Json {
    let path = dir.join(format!("{script}.cases.json"));
    std::fs::write(&path, cases.to_string()).expect("write cases");
    let out = Command::new("node")
        .arg(browser_dir().join(script))
        .arg(&path)
        .current_dir(browser_dir())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script}: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout).expect("JSON from the script")
}

/// `text` with the line that starts with `from` replaced by `to`.
fn with_line(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not found");
    text.replacen(from, to, 1)
}

#[test]
fn ajv_strict_compiles_every_schema_and_accepts_every_shipped_file() {
    if !node_with(&["ajv", "yaml"]) {
        return;
    }
    let dir = common::temp_dir("schema-ajv");
    let mut schemas = serde_json::Map::new();
    for (kind, _) in SKELETONS {
        let o = common::gongkai(&dir, &["schema", "--kind", kind]);
        assert!(o.status.success());
        let path = dir.join(format!("{kind}.json"));
        std::fs::write(&path, &o.stdout).expect("write schema");
        schemas.insert((*kind).to_owned(), json!(path));
    }
    let mut docs: Vec<(String, PathBuf)> = shipped()
        .into_iter()
        .map(|p| (kind_of(&std::fs::read_to_string(&p).expect("read")), p))
        .collect();
    docs.extend(init_files(&dir));
    // Broken files: (name, kind, text, refused as YAML 1.1, refused as YAML 1.2).
    let minimal = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("fixture");
    let longgang =
        std::fs::read_to_string(common::root().join("inputs/longgang-2021.yaml")).expect("input");
    let targets = std::fs::read_to_string(common::root().join("tests/fixtures/targets.yaml"))
        .expect("fixture");
    let selfeval =
        std::fs::read_to_string(common::root().join("tests/fixtures/selfeval-minimal.yaml"))
            .expect("fixture");
    let broken: Vec<(&str, &str, String, bool, bool)> = vec![
        (
            "unknown-key",
            "budget",
            with_line(&minimal, "year:", "yaer:"),
            true,
            true,
        ),
        (
            "year-as-text",
            "budget",
            with_line(&minimal, "year: 2025", "year: 二〇二五"),
            true,
            true,
        ),
        (
            "amount-with-unit",
            "budget",
            with_line(&minimal, "  general_public: ", "  general_public: 12万 #"),
            true,
            true,
        ),
        (
            "unquoted-date",
            "budget",
            longgang.replace("start: \"2021-01-01\"", "start: 2021-01-01"),
            true,
            false,
        ),
        (
            "unquoted-code",
            "budget",
            with_line(&minimal, "code: \"2014001\"", "code: 2014001"),
            true,
            true,
        ),
        (
            "targets-unknown-key",
            "performance-targets",
            with_line(&targets, "department_form:", "department_from:"),
            true,
            true,
        ),
        (
            "selfeval-indicator-text",
            "self-evaluation",
            selfeval.replacen("不适用", "无", 1),
            true,
            true,
        ),
    ];
    let mut expect = std::collections::BTreeMap::new();
    for (name, kind, text, v11, v12) in &broken {
        let path = dir.join(format!("broken-{name}.yaml"));
        std::fs::write(&path, text).expect("write");
        docs.push(((*kind).to_owned(), path.clone()));
        expect.insert(path, (*v11, *v12));
    }
    // What gongkai itself makes of an unquoted date or code: it reads them as text.
    for name in ["unquoted-date", "unquoted-code"] {
        let file = format!("broken-{name}.yaml");
        let o = common::gongkai(&dir, &["check", "--format", "json", &file]);
        let diags: Vec<Json> = serde_json::from_slice(&o.stdout).expect("json");
        let errors: Vec<&Json> = diags.iter().filter(|d| d["severity"] == "error").collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let cases = json!({
        "schemas": schemas,
        "documents": docs.iter().map(|(k, p)| json!({ "file": p, "kind": k })).collect::<Vec<_>>(),
    });
    let out = run_script("schema.mjs", &dir, &cases);
    assert_eq!(
        out["compiled"].as_array().map(Vec::len),
        Some(SKELETONS.len()),
        "{out}"
    );
    let results = out["results"].as_array().expect("results");
    assert_eq!(results.len(), docs.len() * 2);
    for r in results {
        let file = PathBuf::from(r["file"].as_str().unwrap_or_default());
        let v11 = r["yaml"] == "1.1";
        let refused = match expect.get(&file) {
            Some((a, b)) => {
                if v11 {
                    *a
                } else {
                    *b
                }
            }
            None => false,
        };
        assert_eq!(
            r["valid"] == false,
            refused,
            "{} as YAML {}: {}",
            file.display(),
            r["yaml"],
            r["errors"]
        );
    }
}

/// The first line of `text` that starts with `key:`, as an LSP position on the key.
fn key_at(text: &str, key: &str) -> (usize, usize) {
    let line = text
        .lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("{key} not in the file"));
    (line, 1)
}

#[test]
fn yaml_language_server_finds_no_problem_in_shipped_files_and_explains_fields_in_chinese() {
    if !node_with(&["yaml-language-server"]) {
        return;
    }
    let dir = common::temp_dir("schema-lsp");
    let o = common::gongkai(&dir, &["schema", "--install"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Shipped files, each with the first line `init` writes.
    let mut docs: Vec<(PathBuf, Vec<(usize, usize)>)> = Vec::new();
    let shipped_dir = dir.join("shipped");
    std::fs::create_dir_all(&shipped_dir).expect("dir");
    for p in shipped() {
        let text = std::fs::read_to_string(&p).expect("read");
        let first = gongkai::init::modeline(&gongkai::init::file_url(&common::installed_schema(
            &kind_of(&text),
        )));
        let copy = shipped_dir.join(p.file_name().expect("name"));
        std::fs::write(&copy, format!("{first}\n{text}")).expect("write");
        docs.push((copy, Vec::new()));
    }
    // `init` files, copied to another folder: the first line still finds the schema.
    let made = dir.join("made");
    let moved = dir.join("elsewhere/deeper");
    std::fs::create_dir_all(&made).expect("dir");
    std::fs::create_dir_all(&moved).expect("dir");
    let mut hovers_expected: Vec<(PathBuf, &str)> = Vec::new();
    for (kind, file) in init_files(&made) {
        let copy = moved.join(file.file_name().expect("name"));
        std::fs::copy(&file, &copy).expect("copy");
        let text = std::fs::read_to_string(&copy).expect("read");
        let (key, says) = match kind.as_str() {
            "budget" => ("year", "预算年度"),
            "performance-targets" => ("department_form", "部门整体支出绩效目标表"),
            _ => ("projects", "自评的预算项目"),
        };
        docs.push((copy.clone(), vec![key_at(&text, key)]));
        hovers_expected.push((copy, says));
    }
    // Broken copies: (file, the line the diagnostic must be on).
    let skeleton = std::fs::read_to_string(moved.join("new-standard.yaml")).expect("read");
    let broken = [
        ("yaer.yaml", with_line(&skeleton, "year:", "yaer:"), "yaer:"),
        (
            "unknown-nested.yaml",
            with_line(&skeleton, "  full_name:", "  fullname:"),
            "  fullname:",
        ),
        // The editor takes an unquoted code for a number (gongkai reads it, with STR-014).
        (
            "unquoted-code.yaml",
            with_line(&skeleton, "  code: \"000\"", "  code: 112"),
            "  code: 112",
        ),
    ];
    let mut broken_at = std::collections::BTreeMap::new();
    for (name, text, marker) in &broken {
        let path = moved.join(name);
        std::fs::write(&path, text).expect("write");
        let line = text
            .lines()
            .position(|l| l.contains(marker))
            .expect("marker");
        broken_at.insert(path.clone(), line);
        docs.push((path, Vec::new()));
    }
    let cases = json!({
        // As the editor reads files by default.
        "yamlVersion": "1.2",
        "documents": docs.iter().map(|(p, h)| json!({ "file": p, "hovers": h })).collect::<Vec<_>>(),
    });
    let out = run_script("lsp.mjs", &dir, &cases);
    let results = out["results"].as_array().expect("results");
    assert_eq!(results.len(), docs.len(), "{out}");
    for r in results {
        let file = PathBuf::from(r["file"].as_str().unwrap_or_default());
        let diags = r["diagnostics"].as_array().expect("diagnostics");
        match broken_at.get(&file) {
            Some(line) => assert!(
                diags.iter().any(|d| d["line"] == json!(line)),
                "{}: no diagnostic on line {line}: {diags:?}",
                file.display()
            ),
            None => assert!(diags.is_empty(), "{}: {diags:?}", file.display()),
        }
        if let Some((_, says)) = hovers_expected.iter().find(|(f, _)| *f == file) {
            let text = r["hovers"][0]["text"].as_str().unwrap_or_default();
            assert!(text.contains(says), "{}: hover {text:?}", file.display());
        }
    }
}

#[test]
fn without_a_data_folder_init_names_a_schema_beside_the_file_and_says_how_to_make_it() {
    let dir = common::temp_dir("schema-no-data");
    // A data folder that cannot be written: a file where the folder should be.
    let blocked = dir.join("not-a-folder");
    std::fs::write(&blocked, "").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["init", "new.yaml"])
        .current_dir(&dir)
        .env("XDG_DATA_HOME", &blocked)
        .env_remove("GONGKAI_CI")
        .output()
        .expect("run gongkai");
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.join("new.yaml")).expect("written");
    assert!(
        text.starts_with("# yaml-language-server: $schema=gongkai.schema.json\n"),
        "{text}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gongkai schema > gongkai.schema.json"),
        "{stderr}"
    );
}
