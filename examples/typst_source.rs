//! Writes a department budget's report as a Typst document on standard output, for
//! comparing gongkai's PDF with the `typst` CLI on the same content (`benches/pdf.sh`):
//! `cargo run --release --example typst_source -- inputs/jianghan-2024.yaml > report.typ`,
//! then `typst compile --font-path fonts report.typ`.

#[path = "../benches/support/typst.rs"]
mod typst;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("用法：typst_source 输入.yaml");
        return ExitCode::from(2);
    };
    match blocks(&path) {
        Ok(blocks) => {
            print!("{}", typst::source(&blocks));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}：{e}");
            ExitCode::from(2)
        }
    }
}

/// The blocks of the budget report of the input at `path`.
fn blocks(path: &str) -> Result<Vec<gongkai::blocks::Block>, gongkai::Error> {
    use gongkai::load::schema::Budget;
    use gongkai::Kind;
    let bytes = gongkai::load::read_checked(std::path::Path::new(path))?;
    let loaded = Budget::parse(path, gongkai::load::utf8(path, &bytes)?)?;
    let layout = loaded
        .doc
        .layout()
        .unwrap_or(Budget::DEFAULT_LAYOUT)
        .to_owned();
    let validated = gongkai::kind::validated(loaded, &Default::default(), true)
        .map_err(gongkai::Error::Invalid)?;
    let report = gongkai::model::derive(&validated, false, &layout);
    let theme = gongkai::theme::load(&report.meta.layout, &[])?;
    gongkai::render::Renderer::new(theme, &report.meta)?.blocks(&report)
}
