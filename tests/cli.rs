//! The command line as a user meets it: exit codes, Chinese messages with file, line and
//! field, and no output file when the input is refused. Each case is a row of data: a
//! change to the minimal valid input, the expected exit code and what stderr must say.

mod common;

use std::path::Path;

/// The minimal valid input, with `from` replaced by `to` (which must occur exactly once).
fn mutated(from: &str, to: &str) -> String {
    let base = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("fixture");
    assert_eq!(
        base.matches(from).count(),
        1,
        "`{from}` must occur once in minimal.yaml"
    );
    base.replacen(from, to, 1)
}

struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    exit: i32,
    stderr: &'static [&'static str],
}

const GENERATE_CASES: &[Case] = &[
    Case {
        name: "unknown-key",
        from: "    personnel: 80.25\n    public: 10.25\n  - code: \"2014002\"",
        to: "    personel: 80.25\n    public: 10.25\n  - code: \"2014002\"",
        exit: 1,
        stderr: &[
            "未知字段“personel”",
            "是否应为“personnel”",
            "input.yaml:31:5",
            "字段：expenditure[0]",
        ],
    },
    Case {
        name: "non-number-amount",
        from: "general: 110.5",
        to: "general: 一百一十",
        exit: 1,
        stderr: &[
            "金额“一百一十”不是数字",
            "input.yaml:27:16",
            "字段：income[0].current.general",
        ],
    },
    Case {
        name: "thousands-separator",
        from: "general: 110.5",
        to: "general: \"1,110.5\"",
        exit: 1,
        stderr: &["千分位", "income[0].current.general"],
    },
    Case {
        name: "missing-field",
        from: "  composition: 本部门只有本级一个预算单位。\n",
        to: "",
        exit: 1,
        stderr: &["缺少必填字段“composition”", "字段：overview"],
    },
    Case {
        name: "income-not-equal-expenditure",
        from: "general: 110.5",
        to: "general: 110.4",
        exit: 1,
        stderr: &[
            "[SUM-001]",
            "收入 110.4 万元，支出 110.5 万元，相差 -0.1 万元",
            "input.yaml:27:7",
            "income[0].current.general",
        ],
    },
    Case {
        name: "yaml-syntax",
        from: "  name: 测试局\n",
        to: "  name: \"测试局\n",
        exit: 1,
        stderr: &["引号没有闭合", "input.yaml:4"],
    },
];

#[test]
fn refused_inputs_write_nothing_and_say_why() {
    for case in GENERATE_CASES {
        let dir = common::temp_dir(case.name);
        std::fs::write(dir.join("input.yaml"), mutated(case.from, case.to)).expect("write input");
        let out = common::gongkai(&dir, &["generate", "input.yaml", "-o", "out"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.exit),
            "{}: exit code; stderr:\n{stderr}",
            case.name
        );
        for s in case.stderr {
            assert!(
                stderr.contains(s),
                "{}: stderr lacks `{s}`:\n{stderr}",
                case.name
            );
        }
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.name);
        assert!(
            !dir.join("out").exists(),
            "{}: an output directory was written",
            case.name
        );
    }
}

#[test]
fn valid_input_generates_markdown_and_keeps_the_input() {
    let dir = common::temp_dir("valid");
    let input = mutated("year: 2025", "year: 2025");
    std::fs::write(dir.join("input.yaml"), &input).expect("write input");
    let out = common::gongkai(&dir, &["generate", "input.yaml", "-o", "out", "-f", "md"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/input.md")).expect("markdown written");
    assert!(
        md.starts_with("# 测试局2025年部门预算"),
        "{}",
        &md[..80.min(md.len())]
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("input.yaml")).expect("input"),
        input
    );
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".gongkai")
        .collect();
    assert_eq!(names, vec!["input.md".to_owned()]);
    // Only the report's manifest (its portal index line) sits beside it.
    let manifests: Vec<_> = std::fs::read_dir(dir.join("out/.gongkai"))
        .expect("manifests")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(manifests, ["input.json"]);
}

#[test]
fn draft_writes_despite_errors_and_says_so() {
    let dir = common::temp_dir("draft");
    std::fs::write(
        dir.join("input.yaml"),
        mutated("general: 110.5", "general: 110.4"),
    )
    .expect("write");
    let out = common::gongkai(
        &dir,
        &["generate", "input.yaml", "-o", "out", "-f", "md", "--draft"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/input.md")).expect("draft written");
    assert!(md.starts_with("> **草稿**"), "{}", &md[..60.min(md.len())]);
}

#[test]
fn check_reports_every_error_and_json_is_machine_readable() {
    let dir = common::temp_dir("check");
    let text =
        mutated("general: 110.5", "general: 110.4").replace("name: 办公费", "name: 办公经费");
    std::fs::write(dir.join("input.yaml"), text).expect("write");
    let out = common::gongkai(&dir, &["check", "input.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("SUM-001") && stderr.contains("COD-003"),
        "{stderr}"
    );
    assert!(stderr.contains("校验未通过：2 个错误"), "{stderr}");

    let out = common::gongkai(&dir, &["check", "--format", "json", "input.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let items: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = items.as_array().expect("array");
    assert_eq!(items.len(), 2);
    for item in items {
        for key in [
            "file", "line", "column", "field", "rule", "severity", "message",
        ] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
    }
    assert!(items
        .iter()
        .any(|i| i["rule"] == "COD-003" && i["field"] == "basic_economic[1].name"));
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let dir = common::temp_dir("usage");
    let out = common::gongkai(&dir, &["generate", "nonexistent.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nonexistent.yaml"));
    let out = common::gongkai(&dir, &["generate", "-f", "docx", "x.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("未知的输出格式“docx”"));
    std::fs::create_dir_all(dir.join("adir")).expect("dir");
    let out = common::gongkai(&dir, &["check", "adir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有 .yaml"));
    let out = common::gongkai(&dir, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_is_in_chinese() {
    let out = common::gongkai(Path::new("."), &["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for s in [
        "用法",
        "命令",
        "generate",
        "校验输入并生成报告",
        "check",
        "rules",
    ] {
        assert!(help.contains(s), "help lacks {s}:\n{help}");
    }
    let out = common::gongkai(Path::new("."), &["generate", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for s in ["输出目录", "--templates", "--draft", "草稿"] {
        assert!(help.contains(s), "generate help lacks {s}:\n{help}");
    }
}

#[test]
fn rules_lists_the_catalogue() {
    let out = common::gongkai(Path::new("."), &["rules"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for r in gongkai::validate::RULES {
        assert!(text.contains(r.id), "rules output lacks {}", r.id);
    }
}

/// A font a layout names that is not a font is reported as a font error, in Chinese,
/// not as a template error; nothing is written.
#[test]
fn a_broken_font_is_a_font_error() {
    let dir = common::temp_dir("broken-font");
    let out = common::gongkai(&dir, &["templates", "export", "standard", "tpl"]);
    assert!(out.status.success());
    let pdf = dir.join("tpl/pdf.yaml");
    let text = std::fs::read_to_string(&pdf).expect("exported pdf.yaml");
    std::fs::write(&pdf, text.replace("  serif: \"\"", "  serif: 不是字体.ttf")).expect("edit");
    std::fs::write(dir.join("tpl/不是字体.ttf"), "这不是字体文件").expect("fake font");
    let input = common::root().join("tests/fixtures/minimal.yaml");
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            &input.to_string_lossy(),
            "-o",
            "out",
            "-f",
            "pdf",
            "--templates",
            "tpl",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("字体错误") && err.contains("宋体"), "{err}");
    assert!(!err.contains("模板错误"), "{err}");
    assert!(!dir.join("out/minimal.pdf").exists());
}

#[test]
fn exported_templates_edited_and_passed_back_change_the_output() {
    let dir = common::temp_dir("templates");
    let out = common::gongkai(&dir, &["templates", "export", "standard", "tpl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = dir.join("tpl/document.tera");
    let text = std::fs::read_to_string(&doc).expect("exported document.tera");
    std::fs::write(
        &doc,
        text.replace(
            "@@h1 第一部分 基本概况",
            "@@h1 第一部分 部门概况（本区格式）",
        ),
    )
    .expect("edit");
    let input = common::root().join("tests/fixtures/minimal.yaml");
    let input = input.to_string_lossy();
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            &input,
            "-o",
            "out",
            "-f",
            "md",
            "--templates",
            "tpl",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/minimal.md")).expect("written");
    assert!(md.contains("## 第一部分 部门概况（本区格式）"));
    // Exporting again never overwrites the user's edits.
    let out = common::gongkai(&dir, &["templates", "export", "standard", "tpl"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_region_keeps_its_own_layout_outside_the_program() {
    let dir = common::temp_dir("own-layout");
    let own = dir.join("my-layout");
    std::fs::create_dir_all(&own).expect("dir");
    // Only what differs from the built-in layout it extends: its description and wording.
    std::fs::write(
        own.join("layout.yaml"),
        "name: my-region\nextends: shenzhen\ndescription: 本区格式\nnumbers: { thousands: true, zero: \"0\" }\nchecks: { procurement_details: false, procurement_change: false }\n",
    )
    .expect("layout.yaml");
    let doc = gongkai::theme::builtin_files("shenzhen").expect("shenzhen")["document.tera"]
        .replace("@@h1 第一部分 部门概况", "@@h1 第一部分 本区部门概况");
    std::fs::write(own.join("document.tera"), doc).expect("document.tera");
    let input = std::fs::read_to_string(common::root().join("inputs/longgang-2021.yaml"))
        .expect("input")
        .replace("layout: shenzhen", "layout: my-region");
    std::fs::write(dir.join("mine.yaml"), input).expect("input");
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "mine.yaml",
            "-o",
            "out",
            "-f",
            "md",
            "--templates",
            "my-layout",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/mine.md")).expect("written");
    assert!(md.contains("## 第一部分 本区部门概况"));
    // The tables come from the layout it extends.
    assert!(
        md.contains("| **深圳市龙岗区信访局** | **1,995** |"),
        "{md}"
    );
    // Without its directory the layout is unknown, and the message says where it lives.
    let out = common::gongkai(&dir, &["generate", "mine.yaml", "-o", "out2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--templates"));
    assert!(!dir.join("out2").exists());
}

#[test]
fn init_writes_a_skeleton_of_the_layouts_document_kind() {
    let dir = common::temp_dir("init-kinds");
    for (layout, kind, placeholder_rules) in [
        (
            "performance-targets",
            "performance-targets",
            &["TGT-008"][..],
        ),
        ("self-evaluation", "self-evaluation", &["EVL-011"][..]),
        ("self-evaluation-forms", "self-evaluation", &["EVL-011"][..]),
    ] {
        let file = format!("{layout}.yaml");
        let out = common::gongkai(&dir, &["init", &file, "--layout", layout]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(dir.join(&file)).expect("written");
        // The first line names the kind's schema, kept in the user's data folder, by its
        // absolute URL (tests/schema.rs opens a copy elsewhere in the language server).
        let schema = common::installed_schema(kind);
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            gongkai::init::modeline(&gongkai::init::file_url(&schema))
        );
        let out = common::gongkai(&dir, &["schema", "--kind", kind]);
        assert_eq!(
            std::fs::read_to_string(&schema).expect("schema installed"),
            String::from_utf8_lossy(&out.stdout),
        );
        assert!(text.contains(&format!("kind: {kind}\nlayout: {layout}\n")));
        // The skeleton is a valid document of its kind except for what is left to fill in.
        let out = common::gongkai(&dir, &["check", "--format", "json", &file]);
        assert_eq!(out.status.code(), Some(1));
        let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
        assert!(!diags.is_empty());
        for d in &diags {
            let rule = d["rule"].as_str().unwrap_or("");
            assert!(placeholder_rules.contains(&rule), "{layout}: {d}");
        }
    }
    // Carrying last year's file over is for budgets only.
    let last = common::root().join("inputs/shifeng-2021.yaml");
    let out = common::gongkai(
        &dir,
        &["init", "next.yaml", "--from", &last.to_string_lossy()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from 只用于部门预算文件"));
    assert!(!dir.join("next.yaml").exists());
}

/// `next` with every `key: 待填` given the value `key` has on the matching line of `last`
/// (lines are matched by a diff, as a clerk would copy this year's figures in).
fn fill_pending(last: &str, next: &str) -> String {
    let diff = similar::TextDiff::from_lines(last, next);
    let mut out = String::new();
    let mut removed: Vec<&str> = Vec::new();
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Delete => removed.push(change.value()),
            similar::ChangeTag::Equal => {
                removed.clear();
                out.push_str(change.value());
            }
            similar::ChangeTag::Insert => {
                let mut line = change.value().to_owned();
                // The removed line this one replaces: the same line but for its amounts.
                let shape = |l: &str| -> String {
                    let l = l.replace("待填", "#");
                    let mut s = String::new();
                    let mut quoted = false;
                    for c in l.chars() {
                        if c == '"' {
                            quoted = !quoted;
                        }
                        if !quoted && (c.is_ascii_digit() || c == '.') {
                            if !s.ends_with('#') {
                                s.push('#');
                            }
                        } else if !(c == '#' && s.ends_with('#')) {
                            s.push(c);
                        }
                    }
                    s
                };
                let old = match removed.iter().position(|old| shape(old) == shape(&line)) {
                    Some(i) => removed.remove(i),
                    None => "",
                };
                while let Some(at) = line.find(": 待填") {
                    let key_start = line[..at].rfind([' ', '{', ',']).map_or(0, |i| i + 1);
                    let key = line[key_start..at].to_owned();
                    let value = old
                        .find(&format!(" {key}: "))
                        .map(|i| {
                            let v = &old[i + key.len() + 3..];
                            let end = v.find([',', '}', ' ', '\n']).unwrap_or(v.len());
                            v[..end].to_owned()
                        })
                        .unwrap_or_else(|| "0".to_owned());
                    line.replace_range(at + 2..at + 2 + "待填".len(), &value);
                }
                out.push_str(&line);
            }
        }
    }
    out
}

#[test]
fn init_from_last_year_keeps_the_file_and_leaves_this_years_amounts_to_fill() {
    let dir = common::temp_dir("init");
    let last_path = common::root().join("inputs/jianghan-2024.yaml");
    let last = std::fs::read_to_string(&last_path).expect("input");
    let out = common::gongkai(
        &dir,
        &["init", "next.yaml", "--from", &last_path.to_string_lossy()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("next.yaml")).expect("written");
    assert!(text.starts_with("# yaml-language-server: $schema="));
    assert!(text.contains("year: 2025"));
    // The file keeps its comments, order and formatting: only values change.
    for kept in [
        "# ───────────────────────── 第一部分 基本概况 ─────────────────────────",
        "  # 一、主要职能（程序自动编号）",
        "  code: \"112\"",
    ] {
        assert!(text.contains(kept), "{kept}");
    }
    let (a, b) = (last.lines().count(), text.lines().count());
    assert!(a.abs_diff(b) < 10, "{a} lines became {b}");
    // Last year's budget is this year's "previous year" figure.
    assert!(text.contains("  total: 825.16"), "{text}");
    // This year's amounts are to be filled in: check lists them all as one error, and
    // nothing can be generated until they are.
    let out = common::gongkai(&dir, &["check", "next.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("错误[").count(), 1, "{stderr}");
    assert!(
        stderr.contains("错误[AMT-006]：还有 63 个金额待填写"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expenditure[0].personnel：待填"),
        "{stderr}"
    );
    let out = common::gongkai(&dir, &["generate", "next.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    // Filled in with this year's figures (the same as last year's), it is a valid budget.
    std::fs::write(dir.join("next.yaml"), fill_pending(&last, &text)).expect("write");
    let out = common::gongkai(&dir, &["check", "next.yaml"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The blank skeleton is refused until its 待填写 are replaced.
    let out = common::gongkai(&dir, &["init", "blank.yaml"]);
    assert!(out.status.success());
    let out = common::gongkai(&dir, &["check", "blank.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("EXP-008"));
}

#[test]
fn init_from_a_shenzhen_file_carries_class_figures_and_moves_periods_on() {
    let dir = common::temp_dir("init-shenzhen");
    let last = common::root().join("inputs/longgang-2021.yaml");
    let out = common::gongkai(
        &dir,
        &["init", "next.yaml", "--from", &last.to_string_lossy()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.join("next.yaml")).expect("written");
    // This year's general public budget by class becomes next year's comparison base.
    assert!(text.contains("{ code: \"208\", amount: 93.8 }"), "{text}");
    assert!(text.contains("start: \"2022-01-01\"") && !text.contains("2021-12-31"));
    // Only the amounts to fill in stop it.
    let out = common::gongkai(&dir, &["check", "next.yaml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr.matches("错误[").count(), 1, "{stderr}");
    assert!(stderr.contains("错误[AMT-006]"), "{stderr}");
}

#[test]
fn schema_is_json_for_editors() {
    let out = common::gongkai(Path::new("."), &["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(schema["additionalProperties"], false);
    for key in ["year", "department", "expenditure", "sangong"] {
        assert!(
            schema["properties"].get(key).is_some(),
            "schema lacks {key}"
        );
    }
}

#[test]
fn a_directory_of_every_kind_generates_with_a_portal_index() {
    let dir = common::temp_dir("batch");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).expect("dir");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(common::root().join("inputs")).expect("inputs/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_name().expect("name").to_owned();
            std::fs::copy(&path, inputs.join(&name)).expect("copy");
            names.push(name.to_string_lossy().into_owned());
        }
    }
    // One broken file does not stop the others.
    std::fs::write(inputs.join("broken.yaml"), "year: 2025\n").expect("write");
    let out = common::gongkai(&dir, &["generate", "inputs", "-o", "out", "-f", "md"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("成功 {} 个，失败 1 个", names.len())),
        "{stderr}"
    );
    for name in &names {
        let md = dir.join("out").join(name.replace(".yaml", ".md"));
        assert!(md.is_file(), "{} missing", md.display());
    }
    let index = std::fs::read_to_string(dir.join("out/index.html")).expect("index");
    // Every document's total in one format, its exact value kept for sorting, and what
    // it is when it is not a budget.
    for needle in [
        "data-value=\"173.4271\">173.43</td>",
        "data-value=\"1995\">1,995.00</td>",
        "data-value=\"825.16\">825.16</td>",
        "<small>绩效目标表</small>",
        "<small>预算项目绩效自评表</small>",
        "href=\"shifeng-2021.md\"",
    ] {
        assert!(index.contains(needle), "index lacks {needle}");
    }
    assert!(!index.contains("broken"));
}

#[test]
fn check_reads_a_folder_and_summarises_each_file() {
    let dir = common::temp_dir("check-dir");
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    let minimal = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("fixture");
    std::fs::write(dir.join("in/good.yaml"), &minimal).expect("write");
    std::fs::write(
        dir.join("in/bad.yml"),
        minimal.replace("general: 110.5", "general: 110.4"),
    )
    .expect("write");
    std::fs::write(dir.join("in/notes.txt"), "x").expect("write");
    let out = common::gongkai(&dir, &["check", "in"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("错误[SUM-001]") && err.contains("in/bad.yml:27"),
        "{err}"
    );
    assert!(err.contains("in/good.yaml：通过（0 个错误"), "{err}");
    assert!(err.contains("in/bad.yml：未通过（1 个错误"), "{err}");
    assert!(err.contains("共 2 个文件：通过 1 个，未通过 1 个"), "{err}");
    assert!(
        err.contains("notes.txt"),
        "what was not read is listed: {err}"
    );
    // JSON stays one parseable list over every file.
    let out = common::gongkai(&dir, &["check", "--format", "json", "in"]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON list");
    assert!(items.iter().any(|i| i["file"] == "in/bad.yml"));
}

#[test]
fn completions_are_written_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef gongkai"),
        ("fish", "complete -c gongkai"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = common::gongkai(Path::new("."), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: {text}");
        for sub in ["generate", "check", "watch", "import"] {
            assert!(text.contains(sub), "{shell} lacks {sub}");
        }
    }
    // bash can load it.
    if common::has_program("bash", &["--version"]) {
        let out = common::gongkai(Path::new("."), &["completions", "bash"]);
        let status = std::process::Command::new("bash")
            .args(["-n", "-c", &String::from_utf8_lossy(&out.stdout)])
            .status()
            .expect("bash");
        assert!(status.success(), "bash rejects the script");
    }
}
