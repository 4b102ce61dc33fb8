//! A region's own layouts from user directories (`--templates`, repeatable, or a folder of
//! layouts): each applies only to the inputs that name it, `extends:` inherits what a
//! `layout.yaml` leaves out, `gongkai layouts` lists them and a typo names them.

mod common;

use std::path::Path;

/// Writes a user layout `name` extending `base` into `dir`, its first heading replaced.
fn own_layout(dir: &Path, name: &str, base: &str, heading: (&str, &str)) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(
        dir.join("layout.yaml"),
        format!("name: {name}\nextends: {base}\ndescription: {name} 的版式\n"),
    )
    .expect("layout.yaml");
    let doc = gongkai::theme::builtin_files(base).expect("built in")["document.tera"]
        .replace(heading.0, heading.1);
    std::fs::write(dir.join("document.tera"), doc).expect("document.tera");
}

fn input(dir: &Path, stem: &str, layout: &str) {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("minimal")
        .replacen(
            "year: 2025\n",
            &format!("year: 2025\nlayout: {layout}\n"),
            1,
        );
    std::fs::write(dir.join(format!("{stem}.yaml")), text).expect("input");
}

#[test]
fn a_batch_renders_each_input_in_its_own_layout() {
    let dir = common::temp_dir("mixed-layouts");
    std::fs::create_dir_all(dir.join("in")).expect("in");
    own_layout(
        &dir.join("layouts/region-a"),
        "region-a",
        "standard",
        ("@@h1 第一部分 基本概况", "@@h1 第一部分 甲区概况"),
    );
    own_layout(
        &dir.join("b"),
        "region-b",
        "hubei-short",
        ("第一部分", "第一部分（乙区）"),
    );
    input(&dir.join("in"), "std", "standard");
    input(&dir.join("in"), "a", "region-a");
    input(&dir.join("in"), "b", "region-b");
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "in",
            "-o",
            "out",
            "-f",
            "md,html,pdf",
            "--templates",
            "layouts",
            "--templates",
            "b",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = |stem: &str| std::fs::read_to_string(dir.join(format!("out/{stem}.md"))).expect("md");
    let (s, a, b) = (md("std"), md("a"), md("b"));
    assert!(s.contains("## 第一部分 基本概况"), "{s}");
    assert!(!s.contains("甲区") && !s.contains("乙区"), "{s}");
    assert!(a.contains("## 第一部分 甲区概况"), "{a}");
    assert!(a.contains("预算01表"), "region-a keeps the standard tables");
    assert!(b.contains("第一部分（乙区）"), "{b}");
    assert!(
        !b.contains("预算01表"),
        "region-b has hubei-short's parts only"
    );
    for stem in ["std", "a", "b"] {
        for ext in ["html", "pdf"] {
            assert!(
                dir.join(format!("out/{stem}.{ext}")).is_file(),
                "{stem}.{ext}"
            );
        }
    }
}

#[test]
fn layouts_lists_and_typos_name_the_user_layouts() {
    let dir = common::temp_dir("list-layouts");
    own_layout(
        &dir.join("layouts/region-a"),
        "region-a",
        "standard",
        ("基本概况", "甲区概况"),
    );
    let out = common::gongkai(&dir, &["layouts", "--templates", "layouts"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("standard"), "{text}");
    assert!(
        text.contains("region-a")
            && text.contains("region-a 的版式")
            && text.contains("基于 standard"),
        "{text}"
    );
    input(&dir, "typo", "region-aa");
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "typo.yaml",
            "-o",
            "out",
            "--templates",
            "layouts",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("region-aa"), "{err}");
    assert!(
        err.contains("--templates 目录声明的版式：region-a"),
        "{err}"
    );
    assert!(err.contains("是否想写“region-a”"), "{err}");
    assert!(!dir.join("out").exists());
}

#[test]
fn extends_inherits_every_field_and_problems_come_at_once() {
    let dir = common::temp_dir("extends-fields");
    let own = dir.join("own");
    std::fs::create_dir_all(&own).expect("dir");
    // Only a name and a base: description, numbers, checks and workbook come from shenzhen.
    std::fs::write(own.join("layout.yaml"), "name: sz-own\nextends: shenzhen\n").expect("yaml");
    let theme = gongkai::theme::load("sz-own", std::slice::from_ref(&own)).expect("loads");
    assert!(theme.info.numbers.thousands);
    assert_eq!(theme.info.numbers.zero, "0");
    assert!(theme.info.workbook);
    assert!(!theme.info.checks.procurement_details);
    // A nested mapping merges key by key.
    std::fs::write(
        own.join("layout.yaml"),
        "name: sz-own\nextends: shenzhen\nnumbers: { zero: \"-\" }\n",
    )
    .expect("yaml");
    let theme = gongkai::theme::load("sz-own", std::slice::from_ref(&own)).expect("loads");
    assert!(theme.info.numbers.thousands);
    assert_eq!(theme.info.numbers.zero, "-");
    // Every unknown field at once, each with its likely meaning.
    std::fs::write(
        own.join("layout.yaml"),
        "name: sz-own\nextends: shenzhen\ndescripton: x\nnumber: {}\n",
    )
    .expect("yaml");
    let err = gongkai::theme::load("sz-own", std::slice::from_ref(&own))
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("未知字段 descripton（是否想写 description？）"),
        "{err}"
    );
    assert!(
        err.contains("未知字段 number（是否想写 numbers？）"),
        "{err}"
    );
    // The directory applies only to its own layout: the standard layout is untouched.
    let std = gongkai::theme::load("standard", std::slice::from_ref(&own));
    assert!(std.is_ok_and(|t| !t.info.numbers.thousands && t.dir.is_none()));
}

#[test]
fn cover_subject_and_contents_entries_come_from_the_layout() {
    use gongkai::layout::Item;
    let dir = common::temp_dir("cover-subject");
    let own = dir.join("own");
    std::fs::create_dir_all(&own).expect("dir");
    std::fs::write(
        own.join("layout.yaml"),
        "name: own\nextends: standard\ncover: [\"{department}（盖章）\", \"编制：{year} 年\"]\nsubject: \"{year}年{department_short}预算公开\"\n",
    )
    .expect("yaml");
    // Tables 14 and 15 share one contents entry, table 13 has none.
    let tables = gongkai::theme::builtin_files("standard").expect("standard")["tables.tera"]
        .replace("@@label 预算13表", "@@label 预算13表\n@@contents");
    std::fs::write(own.join("tables.tera"), tables).expect("tables");
    let forms = gongkai::theme::builtin_files("standard").expect("standard")["forms.tera"]
        .replace(
            "@@label 预算14表",
            "@@label 预算14表\n@@contents 绩效目标表",
        )
        .replace(
            "@@label 预算15表",
            "@@label 预算15表\n@@contents 绩效目标表",
        );
    std::fs::write(own.join("forms.tera"), forms).expect("forms");
    let text = std::fs::read_to_string(common::root().join("inputs/example-2025.yaml"))
        .expect("example")
        .replacen("year: 2025\n", "year: 2025\nlayout: own\n", 1);
    let input = gongkai::Input::from_str("example.yaml", &text).expect("loads");
    let opts = gongkai::Options {
        formats: vec![gongkai::Format::Pdf],
        templates: vec![own],
        today: Some("2025-02-01".into()),
        ..gongkai::Options::default()
    };
    let art = gongkai::build(input, &opts).expect("builds");
    let doc = art.pages.expect("pages");
    assert_eq!(doc.info.subject, "2025年示例区城市管理局预算公开");
    let cover: String = doc.pages[0]
        .items
        .iter()
        .filter_map(|(_, it)| match it {
            Item::Text(r) => Some(r.text()),
            _ => None,
        })
        .collect();
    assert!(
        cover.contains("（盖章）") && cover.contains("编制：2025"),
        "{cover}"
    );
    let titles: Vec<&str> = doc.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles.iter().filter(|t| **t == "绩效目标表").count(),
        1,
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.contains("购买服务预算表")),
        "{titles:?}"
    );
    assert!(
        !titles.iter().any(|t| t.contains("绩效目标申报表")),
        "{titles:?}"
    );
}

/// Every budget layout renders every shipped budget, whatever layout the budget was
/// written for: a column no row of this budget fills (the procurement details of a
/// budget written for the Shenzhen tables) prints blank, never a template error. As a
/// draft, since a layout may ask for facts the budget does not give (SET-006).
#[test]
fn every_budget_layout_renders_every_shipped_budget() {
    let dir = common::temp_dir("layouts-cross");
    let layouts = ["standard", "hubei-short", "shenzhen"];
    let mut runs = 0;
    for e in std::fs::read_dir(common::root().join("inputs"))
        .expect("inputs")
        .flatten()
    {
        let path = e.path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_none_or(|x| x != "yaml") || text.contains("\nkind: ") {
            continue;
        }
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("stem")
            .to_owned();
        for layout in layouts {
            let body: String = text
                .lines()
                .filter(|l| !l.starts_with("layout:"))
                .map(|l| format!("{l}\n"))
                .collect();
            let name = format!("{stem}-{layout}.yaml");
            std::fs::write(dir.join(&name), format!("layout: {layout}\n{body}")).expect("write");
            let out = common::gongkai(
                &dir,
                &[
                    "generate",
                    &name,
                    "--draft",
                    "-f",
                    "md,html,pdf",
                    "-o",
                    "out",
                ],
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{name}: {err}");
            assert!(!err.contains("模板错误"), "{name}: {err}");
            runs += 1;
        }
    }
    assert!(runs >= 9, "{runs} runs");
}
