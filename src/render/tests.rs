use super::filters::markdown_escape;
use super::open_data::{data_uri, to_csv};
use super::*;
use crate::blocks::flat::flatten;

#[test]
fn markdown_escaping() {
    assert_eq!(markdown_escape("a|b*c_d"), "a\\|b\\*c\\_d");
    assert_eq!(markdown_escape("<script>"), "\\<script\\>");
    assert_eq!(markdown_escape("1. 项目"), "1\\. 项目");
    assert_eq!(markdown_escape("1.项目"), "1.项目");
    assert_eq!(markdown_escape("甲\n乙"), "甲<br>乙");
    assert_eq!(markdown_escape("- 不是列表"), "\\- 不是列表");
    assert_eq!(markdown_escape("---"), "\\---");
    assert_eq!(markdown_escape("+ 1"), "\\+ 1");
    // Numbers and formulas-looking text in cells are text, not structure.
    assert_eq!(markdown_escape("-5.00"), "-5.00");
    assert_eq!(markdown_escape("=100%"), "=100%");
    assert_eq!(markdown_escape("==="), "\\===");
    assert_eq!(
        markdown_escape("见 https://x.cn 或 www.x.cn"),
        "见 https\\://x.cn 或 www\\.x.cn"
    );
    assert_eq!(markdown_escape("a@b.cn"), "a\\@b.cn");
}

#[test]
fn csv_has_bom_header_and_quoted_fields() {
    let blocks =
        markup::parse("@@table t\n@@head\n| 名称 | 金额 |\n@@body\n| 甲,乙 | {n}1.00 |\n@@end\n")
            .expect("markup");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    let csv = to_csv(&flatten(g));
    assert_eq!(csv, "\u{feff}名称,金额\n\"甲,乙\",1.00\n");
    assert!(data_uri("text/csv", &csv).starts_with("data:text/csv;charset=utf-8;base64,"));
}

#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    let blocks = markup::parse(
        "@@table t\n@@head\n| 名称 | 值 |\n@@body\n| =cmd() | =100% |\n| @SUM(A1) | {n}-12.50 |\n| +1 | -x |\n@@end\n",
    )
    .expect("markup");
    let Block::Table(g) = &blocks[0] else {
        panic!("table")
    };
    let csv = to_csv(&flatten(g));
    assert_eq!(
        csv,
        "\u{feff}名称,值\n'=cmd(),'=100%\n'@SUM(A1),-12.50\n'+1,'-x\n"
    );
}

#[test]
fn formats_parse_from_their_names() {
    assert_eq!(Format::parse("MD"), Some(Format::Markdown));
    assert_eq!(Format::parse("html"), Some(Format::Html));
    assert_eq!(Format::parse("docx"), None);
}

/// Settings for rendering a template in a test.
fn settings() -> filters::Settings {
    filters::Settings {
        figure_marks: true,
        ..filters::Settings::plain(2)
    }
}

/// `template` (as `name`) rendered for `role` with `name` = `value` in the context.
fn render_one(name: &str, template: &str, role: Role, value: &str) -> String {
    let tera = compile([(name, template)], &settings(), role).expect("compiles");
    let mut ctx = Context::new();
    ctx.insert("name", value);
    ctx.insert("amount", "825.164");
    guard::render(&tera, name, &ctx, &[(name, template)]).expect("renders")
}

/// Block markup in user text: a directive on a line of its own, bars, cell attributes, a
/// figure mark, a backslash.
const HOSTILE: &str = "甲\n@@h1 伪造 | {c2}乙\\ {=9 d0}@";

#[test]
fn a_block_template_escapes_what_it_prints_without_being_told() {
    let out = render_one(
        "document.tera",
        "@@h1 {{ name }}\n{{ name }}\n\n@@table t\n@@body\n| {{ name }} | {n}{{ amount | money }} |\n@@end\n",
        Role::Blocks,
        HOSTILE,
    );
    let escaped = markup::escape(HOSTILE);
    assert_eq!(escaped, "甲\\@\\@h1 伪造 \\| \\{c2}乙\\\\ \\{=9 d0}\\@");
    assert!(
        out.starts_with(&format!("@@h1 {escaped}\n{escaped}\n")),
        "{out}"
    );
    let blocks = markup::parse(&out).expect("markup");
    let literal = "甲@@h1 伪造 | {c2}乙\\ {=9 d0}@";
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    assert!(matches!(&blocks[0], Block::Heading { text, .. } if text == literal));
    assert!(matches!(&blocks[1], Block::Paragraph { text } if text == literal));
    let Block::Table(g) = &blocks[2] else {
        panic!("table: {blocks:?}")
    };
    assert_eq!(g.body[0].cells.len(), 2);
    assert_eq!(g.body[0].cells[0].text, literal);
    // The figure filters write markup: the figure mark reaches the parser.
    assert_eq!(g.body[0].cells[1].text, "825.16");
    assert!(g.body[0].cells[1].figure.is_some());
}

#[test]
fn old_layouts_escaping_by_hand_escape_once_and_safe_opts_out() {
    let escaped = markup::escape(HOSTILE);
    let by_hand = render_one(
        "document.tera",
        "{% set d = name | t %}{{ name | t }}|{{ d }}|{{ name | clause | t }}",
        Role::Blocks,
        HOSTILE,
    );
    assert_eq!(by_hand, format!("{escaped}|{escaped}|{escaped}"));
    // Markup a template builds on purpose: its own text, printed as it is.
    let built = render_one(
        "document.tera",
        "{% set cell = \"{c2}\" ~ name %}{{ cell | safe }}",
        Role::Blocks,
        "合计",
    );
    assert_eq!(built, "{c2}合计");
}

#[test]
fn page_templates_escape_html_not_block_markup() {
    let out = render_one(
        "page.html.tera",
        "<p>{{ name }}</p>",
        Role::Pages,
        "<b>|{c2}</b>",
    );
    assert_eq!(out, "<p>&lt;b&gt;|{c2}&lt;&#x2F;b&gt;</p>");
    let md = render_one("page.md.tera", "{{ name }}", Role::Pages, "a|b");
    assert_eq!(md, "a|b");
}

#[test]
fn templates_test_what_a_figure_means_not_how_it_prints() {
    let t = "{% for a in amounts %}{% if a is zero %}0{% elif a is zero_as_printed %}~{% else %}x{% endif %}{% endfor %}";
    let tera = compile([("document.tera", t)], &settings(), Role::Blocks).expect("compiles");
    let mut ctx = Context::new();
    // Decimals 2: 0.004 prints as 0.00, 0.005 as 0.01; null is no figure.
    ctx.insert(
        "amounts",
        &serde_json::json!(["0", "0.00", 0, "0.004", "-0.004", "0.005", "12", null]),
    );
    let out =
        guard::render(&tera, "document.tera", &ctx, &[("document.tera", t)]).expect("renders");
    assert_eq!(out, "000~~xxx");
}

/// Compiled template sets are cached per process: the same templates compiled with other
/// number settings (another report's decimals) must not reuse the first set's filters.
#[test]
fn the_compiled_cache_keeps_each_documents_number_settings() {
    let name = "document.tera";
    let template = "{{ x | amount }}";
    let render_with = |decimals: u32| {
        let tera = compile(
            [(name, template)],
            &filters::Settings::plain(decimals),
            Role::Blocks,
        )
        .expect("compiles");
        let mut ctx = Context::new();
        ctx.insert("x", "825.164");
        guard::render(&tera, name, &ctx, &[(name, template)]).expect("renders")
    };
    assert_eq!(render_with(2), "825.16");
    assert_eq!(render_with(0), "825");
    assert_eq!(render_with(2), "825.16");
    // The same sources and settings share one compiled set.
    let a = compile([(name, template)], &settings(), Role::Blocks).expect("compiles");
    let b = compile([(name, template)], &settings(), Role::Blocks).expect("compiles");
    assert!(std::sync::Arc::ptr_eq(&a, &b));
}

/// A theme shared by a batch's documents is recognised by identity; another theme (a
/// changed template) never gets the shared one's compiled set, whatever its address.
#[test]
fn a_shared_theme_reuses_its_compiled_templates_and_no_other_does() {
    use std::sync::Arc;
    let shared = Arc::new(crate::theme::load("standard", &[]).expect("layout"));
    let a = compile_theme(&shared, &settings(), Role::Blocks).expect("compiles");
    let b = compile_theme(&Arc::clone(&shared), &settings(), Role::Blocks).expect("compiles");
    assert!(Arc::ptr_eq(&a, &b));
    // Other number settings: another set, even for the same theme.
    let other = compile_theme(&shared, &filters::Settings::plain(0), Role::Blocks).expect("ok");
    assert!(!Arc::ptr_eq(&a, &other));
    // The same texts loaded again (another batch): found by comparing them.
    let again = Arc::new(crate::theme::load("standard", &[]).expect("layout"));
    let c = compile_theme(&again, &settings(), Role::Blocks).expect("compiles");
    assert!(Arc::ptr_eq(&a, &c));
    // A changed template, in a theme made after the first is gone: its own set, with
    // its own text, even if it took the first one's place in memory.
    drop((shared, again));
    let mut changed = crate::theme::load("standard", &[]).expect("layout");
    changed
        .files
        .insert("document.tera".into(), "# 改过的模板\n".into());
    let changed = Arc::new(changed);
    let d = compile_theme(&changed, &settings(), Role::Blocks).expect("compiles");
    assert!(!Arc::ptr_eq(&a, &d));
    let text = guard::render(&d, "document.tera", &Context::new(), &[]).expect("renders");
    assert_eq!(text, "# 改过的模板\n");
}
