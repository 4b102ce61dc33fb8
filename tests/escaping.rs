//! Escaping is the default in the block templates: text from the input that is written in
//! the block markup's own syntax is printed literally, in every built-in layout and every
//! format, and never becomes structure.
//!
//! Every free-text field of an input of the layout's kind (department and project names,
//! reasons, narrative, indicator texts …: every string that is not a number, a code, a date
//! or one of the schema's fixed words) gets [`HOSTILE`] before and after its text. The
//! document's blocks must then have exactly the structure of the untouched input's — the
//! same blocks, tables, rows, cells, spans and figures — and each output (the blocks, the
//! Markdown, the HTML page, the PDF's text) must carry the payload literally wherever it
//! carries it at all. (That an unescaped `{{ name }}` fails is `render/tests.rs`; that a
//! user's templates, rendered in the sandbox, escape the same way is the last test here.)

mod common;

use std::collections::BTreeMap;

use gongkai::blocks::Block;
use gongkai::layout::{Item, Mark};
use gongkai::{Format, Options};
use serde_yaml::Value;

/// Block markup in user text: a directive at the start of a line, a cell bar, cell
/// attributes, an escape, a figure mark.
const HOSTILE: &str = "@@h1 〔伪|{c2}\\造{=9 d0}〕";

/// Where every copy of the payload starts, however an output mangles the rest.
const MARKER: &str = "〔伪";

/// The payload as the Markdown page must print it (Markdown's own escapes).
const HOSTILE_MD: &str = "\\@\\@h1 〔伪\\|{c2}\\\\造{=9 d0}〕";

fn is_fixed_text(s: &str) -> bool {
    // Numbers, codes (2010301, A02010104), dates and the schema's words (special, nian).
    s.trim().is_empty()
        || s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | ' ' | '+'))
        || matches!(s, "待填" | "不适用")
}

/// `v` with every free-text string wrapped in the payload (`top`: the document's root,
/// whose `kind:` and `layout:` choose the kind and layout).
fn poison(v: &mut Value, key: Option<&str>, top: bool) {
    if top && key.is_some_and(|k| matches!(k, "kind" | "layout")) {
        return;
    }
    match v {
        Value::String(s) if !is_fixed_text(s) => *s = format!("{HOSTILE}{s}{HOSTILE}"),
        Value::Sequence(items) => items.iter_mut().for_each(|i| poison(i, key, false)),
        Value::Mapping(m) => {
            for (k, v) in m.iter_mut() {
                poison(v, k.as_str(), top && key.is_none());
            }
        }
        _ => {}
    }
}

/// The input text for `layout`: `file` with its `layout:` set, poisoned or not.
fn input(file: &str, layout: &str, hostile: bool) -> gongkai::Input {
    let text = std::fs::read_to_string(common::root().join("inputs").join(file)).expect("input");
    let mut doc: Value = serde_yaml::from_str(&text).expect("yaml");
    if hostile {
        poison(&mut doc, None, true);
    }
    if let Value::Mapping(m) = &mut doc {
        m.insert("layout".into(), layout.into());
    }
    let text = serde_yaml::to_string(&doc).expect("yaml out");
    gongkai::Input::from_str(file, &text).unwrap_or_else(|e| panic!("{file} ({layout}): {e:?}"))
}

/// The document's blocks (drafts: the poisoned texts may break rules; that is not the point).
fn blocks(input: gongkai::Input) -> Vec<Block> {
    struct Blocks;
    impl gongkai::kind::Visit for Blocks {
        type Out = Vec<Block>;
        fn run<K: gongkai::Kind>(self, loaded: gongkai::load::Loaded<K>) -> Vec<Block> {
            let layout = loaded.doc.layout().unwrap_or(K::DEFAULT_LAYOUT).to_owned();
            let theme = gongkai::theme::load(&layout, &[]).expect("layout");
            let opts = gongkai::validate::Options {
                settings: theme.info.checks.clone(),
                today: None,
            };
            let validated = gongkai::kind::validated(loaded, &opts, true).expect("draft");
            let report = K::derive(&validated, true, &layout);
            gongkai::render::Renderer::new(theme, K::meta(&report))
                .expect("templates")
                .blocks(&report)
                .expect("blocks")
        }
    }
    input.visit(Blocks)
}

/// The blocks with every text blanked: what is left is structure.
fn structure(blocks: &[Block]) -> serde_json::Value {
    fn blank(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, v) in m.iter_mut() {
                    match (k.as_str(), &mut *v) {
                        ("text" | "caption" | "label" | "unit" | "id", s) if s.is_string() => {
                            *s = "".into();
                        }
                        ("notes", serde_json::Value::Array(a)) => {
                            a.iter_mut().for_each(|n| *n = "".into());
                        }
                        _ => blank(v),
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(blank),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(blocks).expect("blocks as JSON");
    blank(&mut v);
    v
}

/// Every text of the blocks.
fn texts(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Title { text } | Block::Heading { text, .. } | Block::Paragraph { text } => {
                out.push(text.clone());
            }
            Block::Toc { entries } => out.extend(entries.iter().map(|e| e.text.clone())),
            Block::Table(g) => {
                out.extend([g.caption.clone(), g.label.clone(), g.unit.clone()]);
                out.extend(g.notes.iter().cloned());
                for r in g.head.iter().chain(&g.body) {
                    out.extend(r.cells.iter().map(|c| c.text.clone()));
                }
            }
            Block::PageBreak => {}
        }
    }
    out
}

/// Asserts that every copy of the payload in `text` is `printed` whole: `what` names the
/// output. Returns how many copies there are.
fn literal(what: &str, text: &str, printed: &str) -> usize {
    let copies = text.matches(MARKER).count();
    let whole = text.matches(printed).count();
    assert_eq!(
        copies, whole,
        "{what}: {copies} copies of the payload, only {whole} printed literally as {printed:?}"
    );
    copies
}

/// The PDF's text per structure node (a paragraph, a heading, a cell), in drawing order,
/// without the spaces of line breaks.
fn pdf_texts(doc: &gongkai::layout::Document) -> Vec<String> {
    let mut nodes: BTreeMap<String, String> = BTreeMap::new();
    for page in &doc.pages {
        for (_, item) in &page.items {
            if let Item::Text(run) = item {
                if let Mark::Node(id) = &run.mark {
                    nodes
                        .entry(format!("{id:?}"))
                        .or_default()
                        .push_str(&run.text());
                }
            }
        }
    }
    nodes
        .into_values()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

/// An input of each kind, and the layout that input names.
const INPUTS: &[(&str, &str)] = &[
    ("jianghan-2024.yaml", "standard"),
    ("longgang-2021.yaml", "shenzhen"),
    ("zengdu-2023.yaml", "hubei-short"),
    ("shifeng-2021.yaml", "performance-targets"),
    ("longgang-2021-selfeval.yaml", "self-evaluation"),
];

/// The input a layout is tried with: one written for it, else one of its kind.
fn input_for(layout: &str) -> &'static str {
    let kind = gongkai::theme::load(layout, &[])
        .expect("layout")
        .info
        .kind
        .clone();
    INPUTS
        .iter()
        .find(|(_, l)| *l == layout)
        .or_else(|| {
            INPUTS
                .iter()
                .find(|(_, l)| gongkai::theme::load(l, &[]).expect("layout").info.kind == kind)
        })
        .map(|(f, _)| *f)
        .unwrap_or_else(|| panic!("no input of the kind of layout {layout}"))
}

#[test]
fn user_text_in_markup_syntax_is_printed_literally_in_every_layout() {
    for layout in gongkai::theme::layouts() {
        let file = input_for(layout);
        let plain = blocks(input(file, layout, false));
        let hostile = blocks(input(file, layout, true));
        assert_eq!(
            structure(&hostile),
            structure(&plain),
            "{layout}: the payload changed the document's structure"
        );
        let block_texts = texts(&hostile).join("\n");
        let n = literal(&format!("{layout}: blocks"), &block_texts, HOSTILE);
        assert!(n > 10, "{layout}: only {n} texts carry the payload");

        let art = gongkai::build(
            input(file, layout, true),
            &Options {
                formats: vec![Format::Markdown, Format::Html, Format::Pdf],
                draft: true,
                ..Options::default()
            },
        )
        .unwrap_or_else(|e| panic!("{layout}: {e}"));
        for (format, bytes) in &art.outputs {
            let text = String::from_utf8_lossy(bytes);
            match format {
                Format::Markdown => {
                    literal(&format!("{layout}: Markdown"), &text, HOSTILE_MD);
                }
                Format::Html => {
                    // The page without the embedded report data (JSON escapes differ).
                    let page = match text.split_once("<script type=\"application/json\"") {
                        Some((before, after)) => {
                            let rest = after.split_once("</script>").map_or("", |x| x.1);
                            format!("{before}{rest}")
                        }
                        None => text.into_owned(),
                    };
                    assert!(literal(&format!("{layout}: HTML"), &page, HOSTILE) > 10);
                }
                _ => {}
            }
        }
        let pages = art.pages.as_ref().expect("laid-out pages");
        let pdf = pdf_texts(pages).join("\n");
        let printed: String = HOSTILE.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(literal(&format!("{layout}: PDF"), &pdf, &printed) > 10);
    }
}

#[test]
fn a_users_templates_escape_the_same_way_in_the_sandbox() {
    let dir = common::temp_dir("escaping-sandbox");
    let minimal = std::fs::read_to_string(common::root().join("tests/fixtures/minimal.yaml"))
        .expect("minimal.yaml");
    let name = "  name: ";
    let at = minimal.find(name).expect("department name") + name.len();
    let end = at + minimal[at..].find('\n').expect("line end");
    let text = format!(
        "{}\"{}\"{}",
        &minimal[..at],
        HOSTILE.replace('\\', "\\\\"),
        &minimal[end..]
    );
    std::fs::write(dir.join("input.yaml"), text).expect("write input");
    std::fs::create_dir_all(dir.join("tpl")).expect("tpl");
    // A user's document: the department name as title, heading, paragraph and cell,
    // printed with no filter at all.
    std::fs::write(
        dir.join("tpl/document.tera"),
        "@@title {{ meta.department }}\n@@h1 {{ meta.department }}\n{{ meta.department }}\n\n\
         @@table t\n@@head\n| 名称 | 金额 |\n@@body\n| {{ meta.department }} | {n}{{ 1 | money }} |\n@@end\n",
    )
    .expect("write template");
    let out = common::gongkai(
        &dir,
        &[
            "generate",
            "input.yaml",
            "-o",
            "out",
            "-f",
            "md",
            "--templates",
            "tpl",
            "--draft",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.join("out/input.md")).expect("md");
    assert_eq!(literal("sandboxed Markdown", &md, HOSTILE_MD), 4, "{md}");
    assert!(md.contains("| 1.00 |"), "{md}");
}
