//! The Markdown and HTML pages share one page context (`Renderer::pages`), yet each page
//! sees exactly its own variables and comes out the same whatever else is asked for, in
//! whatever order.

mod common;

use gongkai::render::Renderer;
use gongkai::Format;

/// A Markdown page template that says which of the HTML page's own variables it can see.
const PROBE: &str = "csv:{% for b in blocks %}{% if b.csv_uri %}yes{% endif %}{% endfor %};\
json:{% if data_json is defined %}yes{% endif %};tables:{{ has_tables }}";

#[test]
fn each_page_sees_its_own_variables_whatever_else_is_asked_for() {
    let path = common::root().join("inputs/jianghan-2024.yaml");
    let text = std::fs::read_to_string(&path).expect("input");
    let loaded = <gongkai::load::schema::Budget as gongkai::Kind>::parse("jianghan.yaml", &text)
        .expect("loads");
    let validated = gongkai::kind::validated(loaded, &gongkai::validate::Options::default(), false)
        .expect("valid");
    let report = gongkai::model::derive(&validated, false, "standard");
    let mut theme = gongkai::theme::load("standard", &[]).expect("layout");
    theme
        .files
        .insert("page.md.tera".to_owned(), PROBE.to_owned());
    let renderer = Renderer::new(theme, &report.meta).expect("templates");
    let blocks = renderer.blocks(&report).expect("blocks");
    let one = |f: Format| {
        renderer
            .page(&report.meta, &report, &blocks, f)
            .expect("page")
    };
    let (md, html) = (one(Format::Markdown), one(Format::Html));
    assert_eq!(
        md, "csv:;json:;tables:true\n",
        "Markdown sees no HTML variable"
    );
    assert!(
        html.contains("data:text/csv;charset=utf-8;base64,"),
        "CSV links"
    );
    assert!(html.contains("application/json"), "embedded report");
    for formats in [
        vec![Format::Html, Format::Markdown],
        vec![Format::Markdown, Format::Html],
        vec![Format::Html, Format::Markdown, Format::Html],
    ] {
        let pages = renderer
            .pages(&report.meta, &report, &blocks, &formats)
            .expect("pages");
        let expected: Vec<&String> = formats
            .iter()
            .map(|f| if *f == Format::Markdown { &md } else { &html })
            .collect();
        assert_eq!(pages.iter().collect::<Vec<_>>(), expected, "{formats:?}");
    }
    let refused = renderer.pages(
        &report.meta,
        &report,
        &blocks,
        &[Format::Markdown, Format::Pdf],
    );
    assert!(
        refused.is_err_and(|e| e.to_string().contains("不是文本格式")),
        "a non-text format is refused before anything renders"
    );
}
