//! The 德江 2025 layout (`examples/layouts/dejiang/`, a user layout directory, not built
//! in) with its example input (`examples/dejiang-2025.yaml`), through the public command
//! line only: four parts, the 11 tables of part two before the explanations, the
//! 部门机构设置 section from `sections:`, the glossary inside part four; Markdown, HTML and
//! PDF; its templates need no `float`.

mod common;

const INPUT: &str = "examples/dejiang-2025.yaml";

const TABLES: [&str; 11] = [
    "部门财务收支总表",
    "部门收入总表",
    "部门支出总表",
    "财政拨款收支总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "政府性基金预算支出表",
    "国有资本经营预算支出表",
    "一般公共预算“三公”经费支出表",
    "项目支出表",
    "政府采购预算表",
];

/// Position of `needle` in `text` after `from`, failing when absent.
fn at(text: &str, needle: &str, from: usize) -> usize {
    from + text[from..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found after byte {from}"))
}

fn generate(name: &str) -> std::path::PathBuf {
    let dir = common::temp_dir(name);
    let root = common::root();
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            root.join(INPUT).to_str().expect("utf-8"),
            "--templates",
            root.join("examples/layouts").to_str().expect("utf-8"),
            "-o",
            "out",
            "-f",
            "md,html,pdf",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("out")
}

#[test]
fn dejiang_renders_its_own_structure_in_three_formats() {
    let out = generate("dejiang");
    let md = std::fs::read_to_string(out.join("dejiang-2025.md")).expect("md");
    let p1 = at(&md, "## 第一部分 部门概况", 0);
    let org = at(&md, "### 二、部门机构设置", p1);
    at(
        &md,
        "本部门内设办公室、财务股、市容管理股、综合执法大队四个内设机构。",
        org,
    );
    let p2 = at(&md, "## 第二部分 2025年部门预算表", org);
    let mut pos = p2;
    for (i, name) in TABLES.iter().enumerate() {
        pos = at(&md, &format!("部门公开表{:02}", i + 1), pos);
        pos = at(&md, name, pos);
    }
    assert!(!md.contains("部门公开表12"), "eleven tables only");
    // The two-sided tables carry their row labels, ordinals and totals (the wording of
    // the shared macros).
    let t1 = at(&md, "部门财务收支总表", p2);
    for row in [
        "| 一、一般公共预算拨款收入 | 1678.08 | 一、一般公共服务支出 |",
        "| **本年收入合计** | **1982.08** | **本年支出合计** | **2000.68** |",
        "| 上年结转结余 | 18.60 | 年终结转结余 |",
        "| **收 入 总 计** | **2000.68** | **支 出 总 计** | **2000.68** |",
    ] {
        at(&md, row, t1);
    }
    let t4 = at(&md, "财政拨款收支总表", t1);
    at(&md, "| （一）一般公共预算拨款 | 1678.08 |", t4);
    let p3 = at(&md, "## 第三部分 2025年部门预算情况说明", pos);
    at(&md, "其中本年财政拨款收入1958.08万元", p3);
    let p4 = at(&md, "## 第四部分 其他", p3);
    at(&md, "### 一、名词解释", p4);
    at(&md, "### 二、公开咨询电话", p4);
    assert!(!md.contains("第五部分"));
    let html = std::fs::read_to_string(out.join("dejiang-2025.html")).expect("html");
    assert_eq!(html.matches("<table").count(), 11);
    assert!(html.contains("部门机构设置"));
    let pdf = std::fs::read(out.join("dejiang-2025.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    if common::require_tool(
        "poppler-utils (pdftotext)",
        common::has_program("pdftotext", &["-v"]),
    ) {
        let path = out.join("dejiang-2025.pdf");
        let text = common::run("pdftotext", &[path.to_str().expect("utf-8"), "-"]);
        let flat: String = text.split_whitespace().collect();
        let t1 = at(&flat, "部门财务收支总表", at(&flat, "第二部分", 0));
        at(&flat, "第三部分", t1);
    }
}

#[test]
fn dejiang_templates_use_no_float_and_need_the_section() {
    let dir = common::root().join("examples/layouts/dejiang");
    for entry in std::fs::read_dir(&dir).expect("layout dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("text");
        assert!(!text.contains("float"), "{} uses float", path.display());
    }
    // The layout requires its section: an input without it is refused, at the field.
    let tmp = common::temp_dir("dejiang-no-section");
    let text = std::fs::read_to_string(common::root().join(INPUT)).expect("input");
    let cut = text.find("\nsections:").expect("sections");
    std::fs::write(tmp.join("dj.yaml"), &text[..cut]).expect("write");
    let layouts = common::root().join("examples/layouts");
    let out = common::gongkai(
        &tmp,
        &[
            "check",
            "dj.yaml",
            "--templates",
            layouts.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("STR-007") && err.contains("机构设置"), "{err}");
}
