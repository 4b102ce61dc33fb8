//! Unit tests of the preview: event filtering, rebuilds of good and bad inputs, the
//! pages' escaping and injection, panics caught, the host check.

use std::path::{Path, PathBuf};

use notify::event::{
    AccessKind, AccessMode, CreateKind, DataChange, MetadataKind, ModifyKind, RenameMode,
};
use notify::EventKind;

use super::build::{guarded_for_test, rebuild};
use super::page::{escape, report, vscode_link, Head};
use super::server::host_is_local;
use super::watcher::Target;
use super::Config;

fn fixture() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal.yaml"),
    )
    .expect("fixture")
}

/// A fresh directory holding `minimal.yaml` with `text`.
fn dir_with(name: &str, text: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongkai-watch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("minimal.yaml"), text).expect("write");
    dir
}

fn config(dir: &Path) -> Config {
    Config {
        input: dir.join("minimal.yaml"),
        today: Some("2025-02-01".into()),
        ..Config::default()
    }
}

fn event(kind: EventKind, path: &Path) -> notify::Event {
    notify::Event::new(kind).add_path(path.to_path_buf())
}

#[test]
fn only_changes_to_the_input_or_the_templates_count() {
    let dir = dir_with("filter", fixture().as_bytes());
    let templates = dir.join("tpl");
    std::fs::create_dir_all(&templates).expect("tpl");
    let target =
        Target::new(&dir.join("minimal.yaml"), std::slice::from_ref(&templates)).expect("target");
    let dir = dir.canonicalize().expect("canonical");
    let input = dir.join("minimal.yaml");
    let counts = [
        EventKind::Modify(ModifyKind::Data(DataChange::Any)),
        EventKind::Create(CreateKind::File),
        EventKind::Modify(ModifyKind::Name(RenameMode::To)),
        EventKind::Access(AccessKind::Close(AccessMode::Write)),
        EventKind::Remove(notify::event::RemoveKind::File),
    ];
    for kind in counts {
        assert!(target.concerns(&event(kind, &input)), "{kind:?}");
    }
    // Reading the file (the rebuild does) and touching its metadata are not changes.
    let ignored = [
        EventKind::Access(AccessKind::Open(AccessMode::Any)),
        EventKind::Access(AccessKind::Close(AccessMode::Read)),
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
    ];
    for kind in ignored {
        assert!(!target.concerns(&event(kind, &input)), "{kind:?}");
    }
    let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    // Another file in the same directory (an editor's swap file) is not the input…
    assert!(!target.concerns(&event(data, &dir.join(".minimal.yaml.swp"))));
    // …but a rename of the temporary file onto the input names the input.
    let rename = notify::Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
        .add_path(dir.join("minimal.yaml.tmp"))
        .add_path(input.clone());
    assert!(target.concerns(&rename));
    // Anything in the templates folder counts.
    let tpl = templates.canonicalize().expect("tpl");
    assert!(target.concerns(&event(data, &tpl.join("standard/document.tera"))));
}

#[test]
fn the_preview_starts_only_on_a_file_that_exists() {
    let dir = dir_with("missing", b"");
    assert!(Target::new(&dir.join("nope.yaml"), &[]).is_err());
    assert!(Target::new(&dir, &[]).is_err());
    assert!(Target::new(&dir.join("minimal.yaml"), &[dir.join("no-such-dir")]).is_err());
}

#[test]
fn a_valid_input_gives_the_report_with_the_bar_and_the_reload_script() {
    let dir = dir_with("valid", fixture().as_bytes());
    let s = rebuild(&config(&dir), "run", 1);
    assert_eq!(s.token, "run-1");
    assert!(s.failure.is_none());
    assert!(s
        .diagnostics
        .iter()
        .all(|d| d.severity != crate::Severity::Error));
    assert!(s.page.contains("测试局"), "the report");
    assert!(s.page.contains("data-gkw-token=\"run-1\""), "the bar");
    assert!(s.page.contains("const GKW_TOKEN=\"run-1\""), "the script");
    assert!(s.page.contains("new EventSource(\"/events\")"));
    assert!(s
        .pdf_page
        .as_deref()
        .is_some_and(|p| p.contains("/preview.pdf?v=run-1")));
    let pdf = s
        .pdf(&config(&dir))
        .expect("a report")
        .as_ref()
        .expect("a pdf");
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn an_input_with_errors_shows_every_diagnostic_as_check_words_it() {
    let text = fixture().replace("general: 110.5", "general: 111.5");
    let dir = dir_with("invalid", text.as_bytes());
    let cfg = config(&dir);
    let s = rebuild(&cfg, "run", 2);
    let d = s
        .diagnostics
        .iter()
        .find(|d| d.rule == "SUM-001")
        .expect("SUM-001");
    assert!(s.pdf_page.is_none() && s.pdf(&cfg).is_none());
    let file = cfg.input.display().to_string();
    let line = text.lines().nth(d.line - 1).expect("line");
    let words = crate::present::diagnostic_text(d, Some(line));
    assert!(
        s.page.contains(&escape(words.trim_end())),
        "the text check prints:\n{words}"
    );
    assert!(s.page.contains(&format!(
        "data-gkw-copy=\"{}\"",
        escape(&format!("{file}:{}", d.line))
    )));
    assert!(s.page.contains("vscode://file/"));
    assert!(s.page.contains("校验未通过：1 个错误"));
}

#[test]
fn hostile_yaml_text_is_escaped_on_the_error_page() {
    let text = fixture().replace(
        "name: 测试局\n",
        "name: 测试局\n  \"<script>alert(1)</script>\": \"<img src=x onerror=alert(2)>\"\n",
    );
    let dir = dir_with("hostile", text.as_bytes());
    let s = rebuild(&config(&dir), "run", 1);
    assert!(!s.diagnostics.is_empty());
    assert!(!s.page.contains("<script>alert"), "{}", s.page);
    assert!(!s.page.contains("<img src=x"));
    assert!(s.page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn bad_bytes_and_a_missing_file_are_shown_not_fatal() {
    let dir = dir_with("bytes", b"year: 2025\n\xff\xfe\n");
    let s = rebuild(&config(&dir), "run", 1);
    assert!(s.diagnostics.iter().any(|d| d.rule == "STR-001"));
    assert!(s.page.contains("UTF-8"));
    std::fs::remove_file(dir.join("minimal.yaml")).expect("rm");
    let s = rebuild(&config(&dir), "run", 2);
    assert!(s
        .failure
        .as_deref()
        .is_some_and(|f| f.contains("找不到输入文件")));
    assert!(s.page.contains("找不到输入文件"));
    // Half-written: cut anywhere, even inside a character.
    let whole = fixture();
    let half = &whole.as_bytes()[..whole.len() / 2 + 1];
    std::fs::write(dir.join("minimal.yaml"), half).expect("write");
    let s = rebuild(&config(&dir), "run", 3);
    assert!(s
        .diagnostics
        .iter()
        .any(|d| d.severity == crate::Severity::Error));
}

#[test]
fn a_broken_template_is_shown_not_fatal() {
    let dir = dir_with("template", fixture().as_bytes());
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).expect("tpl");
    std::fs::write(tpl.join("document.tera"), "{% if %}").expect("write");
    let cfg = Config {
        templates: vec![tpl],
        ..config(&dir)
    };
    let s = rebuild(&cfg, "run", 1);
    let failure = s.failure.as_deref().expect("a failure");
    assert!(failure.contains("模板"), "{failure}");
    assert!(s.page.contains("无法生成预览"));
}

#[test]
fn a_panic_in_the_pipeline_becomes_a_message() {
    let out: Result<(), String> = guarded_for_test(|| panic!("boom"));
    let message = out.expect_err("caught");
    assert!(
        message.contains("内部错误") && message.contains("boom"),
        "{message}"
    );
}

#[test]
fn the_bar_goes_after_body_the_style_in_head_the_script_before_the_end() {
    let head = Head {
        token: "t-1",
        file: "a<b>.yaml",
        count: 3,
        errors: 0,
        warnings: 0,
        failed: false,
    };
    let page = report(
        "<html><head><title>x</title></head><body class=\"k\"><main>R</main></body></html>",
        &head,
        &[],
    );
    let style = page.find("<style>").expect("style");
    let head_end = page.find("</head>").expect("head");
    let bar = page.find("<header class=\"gkw-bar\"").expect("bar");
    let body = page.find("<body class=\"k\">").expect("body");
    let main = page.find("<main>R").expect("report");
    let script = page.find("<script>").expect("script");
    assert!(style < head_end && body < bar && bar < main && main < script);
    assert!(page.contains("a&lt;b&gt;.yaml"));
    // A page template without those tags still gets everything.
    let bare = report("<p>R</p>", &head, &[]);
    assert!(bare.contains("gkw-bar") && bare.contains("GKW_TOKEN") && bare.contains("<p>R</p>"));
}

#[test]
fn editor_links_are_percent_encoded() {
    let link = vscode_link(Path::new("/tmp/预算 目录/a&b.yaml"), 68, 7);
    assert_eq!(
        link,
        "vscode://file/tmp/%E9%A2%84%E7%AE%97%20%E7%9B%AE%E5%BD%95/a%26b.yaml:68:7"
    );
}

#[test]
fn only_requests_for_this_machine_are_answered() {
    assert!(host_is_local(Some("127.0.0.1:3000"), 3000));
    assert!(host_is_local(Some("localhost:3000"), 3000));
    assert!(host_is_local(None, 3000));
    assert!(!host_is_local(Some("127.0.0.1:3001"), 3000));
    assert!(!host_is_local(Some("evil.example:3000"), 3000));
    assert!(!host_is_local(Some("127.0.0.1.evil.example:3000"), 3000));
}
