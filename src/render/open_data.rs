//! Open data of the HTML page: each table as a CSV file, offered as a `data:` link so the
//! page stays one self-contained file.

use crate::blocks::flat::Flat;

/// The grid as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese text): the
/// flattened header, then the body rows.
pub(super) fn to_csv(flat: &Flat) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failed record would only drop that record.
    let header: Vec<String> = flat.header.iter().map(|c| neutralise(c)).collect();
    let _ = w.write_record(&header);
    for r in &flat.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| neutralise(&c.replace('\n', " ")))
            .collect();
        let _ = w.write_record(&cells);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// A cell a spreadsheet could read as a formula (`=…`, `+…`, `-…`, `@…`, or one starting
/// with a tab or carriage return) gets a leading apostrophe, as OWASP recommends; plain
/// numbers (a negative amount) stay as they are.
fn neutralise(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.strip_prefix('-').is_some_and(|n| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    });
    if risky && !number {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A `data:` URI carrying `text`, for download links inside a self-contained page.
pub(super) fn data_uri(mime: &str, text: &str) -> String {
    use base64::Engine;
    format!(
        "data:{mime};charset=utf-8;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
    )
}
