//! Template errors point at the template: file, line and construct, for each class a
//! clerk meets (an unclosed block, a misspelt variable, a value empty in some inputs, a
//! broken table row of the block markup), and `templates check` finds the empty value
//! with the shipped inputs before a clerk's input does.

mod common;

use std::path::{Path, PathBuf};

/// A layout directory `own` (extending standard) whose `file` is `text`.
fn layout_with(dir: &Path, file: &str, text: &str) -> PathBuf {
    let own = dir.join("own");
    std::fs::create_dir_all(&own).expect("dir");
    std::fs::write(
        own.join("layout.yaml"),
        "name: own\nextends: standard\ndescription: 测试\n",
    )
    .expect("layout.yaml");
    std::fs::write(own.join(file), text).expect("template");
    own
}

fn standard(file: &str) -> String {
    gongkai::theme::builtin_files("standard").expect("standard")[file].clone()
}

/// `gongkai generate` of the minimal input in layout `own`: its stderr (it must fail).
fn generate_fails(dir: &Path) -> String {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("minimal")
        .replacen("year: 2025\n", "year: 2025\nlayout: own\n", 1);
    std::fs::write(dir.join("x.yaml"), text).expect("input");
    let out = common::gongkai(
        dir,
        &[
            "generate",
            "x.yaml",
            "-o",
            "out",
            "-f",
            "md",
            "--templates",
            "own",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("out/x.md").exists());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("found")
        + 1
}

#[test]
fn an_unclosed_block_is_reported_at_its_opening_line() {
    let dir = common::temp_dir("err-unclosed");
    let doc = standard("document.tera").replace(
        "{% for f in overview.functions %}\n{{ loop.index }}、{{ f }}\n{% endfor %}",
        "{% for f in overview.functions %}\n{{ loop.index }}、{{ f }}\n",
    );
    let line = line_of(&doc, "{% for f in overview.functions %}");
    layout_with(&dir, "document.tera", &doc);
    let err = generate_fails(&dir);
    assert!(
        err.contains(&format!("document.tera 第 {line} 行")),
        "{err}"
    );
    assert!(err.contains("{% for %} 没有对应的 {% endfor %}"), "{err}");
}

#[test]
fn a_misspelt_variable_is_named_with_its_likely_meaning() {
    let dir = common::temp_dir("err-variable");
    let doc = standard("document.tera").replace(
        "@@title {{ dept }}{{ y }}年部门预算",
        "@@title {{ dept }}{{ meta.yaer }}年部门预算",
    );
    let line = line_of(&doc, "meta.yaer");
    layout_with(&dir, "document.tera", &doc);
    let err = generate_fails(&dir);
    assert!(
        err.contains(&format!("document.tera 第 {line} 行")),
        "{err}"
    );
    assert!(err.contains("是否想写“meta.year”"), "{err}");
}

#[test]
fn a_value_empty_in_this_input_says_so() {
    let dir = common::temp_dir("err-null");
    // The minimal input gives no `previous_year.basic`, so `basic_change` is null.
    let doc = standard("document.tera").replace(
        "@@h2 一、主要职能",
        "@@h2 一、主要职能\n基本支出{{ budget.basic_change.direction }}",
    );
    let line = line_of(&doc, "budget.basic_change.direction");
    layout_with(&dir, "document.tera", &doc);
    let err = generate_fails(&dir);
    assert!(
        err.contains(&format!("document.tera 第 {line} 行")),
        "{err}"
    );
    assert!(
        err.contains("“budget.basic_change”在本输入（x.yaml）中为空"),
        "names the value and the input: {err}"
    );
    assert!(!err.contains("检查拼写"), "{err}");
}

#[test]
fn a_markup_error_names_the_template_line_that_produced_it() {
    let dir = common::temp_dir("err-markup");
    // Table 3's money columns, printed by a loop; the broken copy leaves out the bar
    // that ends each cell, so the row does not end with one.
    let whole = "{%- for k in [\"total\", \"basic\", \"project\", \"operating\", \"remit_superior\", \"subsidy_affiliated\"] %} {n}{{ r.cells[k] | money }} |{% endfor %}";
    let broken = whole.replace(" |{% endfor %}", "{% endfor %}");
    let broken = broken.as_str();
    let tables = standard("tables.tera");
    assert!(
        tables.contains(whole),
        "table 3's row as in the standard layout"
    );
    let tables = tables.replacen(whole, broken, 1);
    let line = line_of(&tables, broken);
    layout_with(&dir, "tables.tera", &tables);
    let err = generate_fails(&dir);
    assert!(err.contains(&format!("tables.tera 第 {line} 行")), "{err}");
    assert!(err.contains("表格行应以 | 结尾"), "{err}");
    assert!(err.contains("生成的块标记第"), "{err}");
}

#[test]
fn templates_check_renders_the_shipped_inputs_and_their_bare_variants() {
    let dir = common::temp_dir("templates-check");
    let out = common::gongkai(&dir, &["templates", "new", "mine", "--from", "standard"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "layout.yaml",
        "document.tera",
        "tables.tera",
        gongkai::reference::FILE_NAME,
    ] {
        assert!(dir.join("mine").join(f).is_file(), "{f}");
    }
    let out = common::gongkai(&dir, &["templates", "check", "mine"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("example-2025.yaml（去掉全部可选内容）：通过"),
        "{err}"
    );
    // A value that the shipped example has but an input may lack.
    let doc = std::fs::read_to_string(dir.join("mine/document.tera"))
        .expect("document")
        .replace(
            "@@h2 一、主要职能",
            "@@h2 一、主要职能\n基本支出{{ budget.basic_change.direction }}",
        );
    std::fs::write(dir.join("mine/document.tera"), doc).expect("write");
    let out = common::gongkai(&dir, &["templates", "check", "mine"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("example-2025.yaml（原样）：通过"), "{err}");
    assert!(
        err.contains("example-2025.yaml（去掉全部可选内容）：") && err.contains("document.tera 第"),
        "{err}"
    );
    assert!(err.contains("在本输入（example-2025.yaml）中为空"), "{err}");
}
