//! PDF output: a laid-out [`Document`] → PDF bytes. This module only draws what the layout
//! decided; it never measures, wraps or paginates — any layout decision found here is a
//! bug. What the layout needs (settings, fonts, dates) is gathered by [`crate::paged`].
//!
//! ```text
//! mod.rs     write(): Document + font files → bytes
//! write.rs   Document → printpdf pages (text runs, rules, fills, links), subset fonts
//! finish.rs  the document-level parts printpdf leaves out: nested outline, page labels,
//!            language, metadata, a fixed document ID (so output is byte-identical)
//! ```

mod finish;
mod write;

use crate::error::Error;
use crate::layout::Document;

/// Writes `doc` as PDF bytes; `fonts` are the font files its text runs refer to by index.
pub fn write(doc: &Document, fonts: &[&[u8]]) -> Result<Vec<u8>, Error> {
    write::write(doc, fonts)
}
