//! The report's blocks as a Typst document, for comparing gongkai's PDF with the `typst`
//! CLI on the same content (`benches/pipeline.rs`, `benches/pdf.sh` through
//! `examples/typst_source.rs`). A benchmark helper, not an output format: A4 with the
//! standard layout's margins and sizes, the built-in fonts (`--font-path fonts`),
//! contents, headings, justified paragraphs with a first-line indent, tables with merged
//! cells and repeated header rows, wide tables on flipped pages.

use gongkai::blocks::{Block, Grid, GridCell};

/// A Typst string literal of `s`.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn cell(c: &GridCell, header: bool) -> String {
    let mut args = Vec::new();
    if c.colspan > 1 {
        args.push(format!("colspan: {}", c.colspan));
    }
    if c.rowspan > 1 {
        args.push(format!("rowspan: {}", c.rowspan));
    }
    if c.numeric && !header {
        args.push("align: right".into());
    }
    let body = if header || c.header {
        format!("[#strong({})]", string(&c.text))
    } else {
        format!("[#{}]", string(&c.text))
    };
    format!("table.cell({}){body}", args.join(", "))
}

fn table(g: &Grid) -> String {
    let columns = g
        .head
        .iter()
        .chain(&g.body)
        .map(|r| r.cells.iter().map(|c| c.colspan).sum::<usize>())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    if !g.label.is_empty() {
        out.push_str(&format!("#text(size: 10.5pt)[#{}]\n\n", string(&g.label)));
    }
    out.push_str(&format!(
        "#align(center)[#text(size: 14pt, weight: \"bold\")[#{}]]\n\n#align(right)[#text(size: 10.5pt)[#{}]]\n\n",
        string(&g.caption),
        string(&g.unit)
    ));
    out.push_str(&format!(
        "#table(columns: {columns}, inset: 3pt, stroke: 0.5pt,\n  table.header("
    ));
    for r in &g.head {
        for c in &r.cells {
            out.push_str(&cell(c, true));
            out.push_str(", ");
        }
    }
    out.push_str("),\n");
    for r in &g.body {
        out.push_str("  ");
        for c in &r.cells {
            out.push_str(&cell(c, false));
            out.push_str(", ");
        }
        out.push('\n');
    }
    out.push_str(")\n");
    for n in &g.notes {
        out.push_str(&format!("\n#text(size: 10.5pt)[#{}]\n", string(n)));
    }
    if g.wide {
        format!("#page(flipped: true)[\n#set text(size: 9pt)\n{out}]\n")
    } else {
        format!("#pagebreak(weak: true)\n#[\n#set text(size: 9pt)\n{out}]\n")
    }
}

/// The Typst source of `blocks`.
pub(crate) fn source(blocks: &[Block]) -> String {
    let mut out = String::from(
        "#set page(paper: \"a4\", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm))\n\
         #set text(font: (\"Gongkai Serif SC\", \"Gongkai Sans SC\"), size: 14pt, lang: \"zh\", region: \"cn\")\n\
         #set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.9em)\n\
         #show heading: set text(font: \"Gongkai Sans SC\", size: 14pt)\n\
         #show heading.where(level: 1): it => { pagebreak(weak: true); align(center, it) }\n\n",
    );
    for b in blocks {
        match b {
            Block::Title { text } => {
                out.push_str(&format!(
                    "#set document(title: {})\n#align(center + horizon)[#text(size: 26pt, font: \"Gongkai Sans SC\")[#{}]]\n#pagebreak()\n",
                    string(text),
                    string(text)
                ));
            }
            Block::Toc { .. } => out.push_str("#outline()\n#pagebreak()\n#set page(numbering: \"— 1 —\")\n#counter(page).update(1)\n"),
            Block::Heading { level, text, .. } => {
                out.push_str(&format!(
                    "\n{} #{}\n\n",
                    "=".repeat(usize::from(*level)),
                    string(text)
                ));
            }
            Block::Paragraph { text } => out.push_str(&format!("#{}\n\n", string(text))),
            Block::Table(g) => out.push_str(&table(g)),
            Block::PageBreak => out.push_str("#pagebreak(weak: true)\n"),
        }
    }
    out
}
