//! gongkai — a department budget (YAML) → the standard public budget disclosure report
//! (部门预算公开) as Markdown and HTML, refusing numbers that do not add up.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! load      bytes → Loaded<T>: the document of one kind (+ SourceMap); kind::Input picks T
//! validate  document → Vec<Diagnostic>; no errors → Validated
//! model     Validated → the kind's report (every figure and table, exact decimals)
//! render    Report → Blocks (document.tera) → Markdown / HTML (page.*.tera)
//! paged     Blocks → layout (pdf.yaml, fonts, dates) → layout::Document (pages of
//!           positioned glyphs, structure, outline, metadata)
//! pdf       layout::Document → PDF bytes (subset fonts, tags, outline, metadata)
//! xlsx      Blocks → a workbook, one sheet per table (rust_xlsxwriter)
//! output    bytes → files, atomically
//! ```
//!
//! `import` goes the other way: the budget system's workbook of the standard tables →
//! an input file (YAML) for the pipeline above.
//!
//! `kind` ties the stages of each document kind together (budget, target forms,
//! self-evaluation: one registry); `pipeline` runs them for one input of any kind;
//! `main.rs` is the process edge: arguments, printing, exit codes. Beside `main`, two
//! callers of the pipeline rather than stages: `batch` (many inputs in parallel) and
//! `watch` (the live preview: rebuilds on every save and serves the page from memory,
//! writing no file); `present` holds the text of a diagnostic that both `main` and
//! `watch` show.

pub mod batch;
pub mod blocks;
pub mod catalog;
pub mod error;
pub mod import;
pub mod init;
pub mod kind;
pub mod layout;
pub mod load;
pub mod model;
pub mod num;
pub mod output;
pub mod paged;
pub mod pdf;
pub mod pipeline;
pub mod present;
pub mod reference;
pub mod render;
pub mod synth;
pub mod text;
pub mod theme;
pub mod validate;
pub mod watch;
pub mod xlsx;

pub use error::{Diagnostic, Error, Severity};
pub use kind::{Input, Kind, Summary};
pub use pipeline::{build, check, context, supported_formats, Artifacts, Options};
pub use render::Format;
