//! PDF output: a laid-out [`Document`] → a tagged PDF. This module only draws what the
//! layout decided; it never measures, wraps or paginates — any layout decision found here
//! is a bug. What the layout needs (settings, fonts, dates) is gathered by
//! [`crate::paged`].
//!
//! The file is written with krilla (typst's PDF writer): fonts embedded as subsets of the
//! glyphs used with a ToUnicode map (so text copies out as Chinese, and ActualText where a
//! glyph stands for another character), the structure tree of the layout as the PDF's
//! tags with every run inside marked content, and PDF/UA-1 checked by krilla's validator:
//! `/MarkInfo /Marked true`, `/Lang`, `/ViewerPreferences /DisplayDocTitle true`, XMP
//! metadata. Output is deterministic: the document ID comes from the input, the date from
//! [`DocInfo`](crate::layout::DocInfo).
//!
//! ```text
//! mod.rs   write(): pages, outline, page labels, metadata, validation
//! draw.rs  one page's items → krilla drawing operations inside marked content
//! tags.rs  the layout's Structure → krilla's tag tree
//! ```

mod draw;
mod tags;

use std::borrow::Cow;
use std::num::NonZeroU32;
use std::sync::OnceLock;

use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::text::Font;
use krilla::{Data, SerializeSettings};

use crate::error::Error;
use crate::layout::{DocInfo, Document, Item};

fn failed(what: impl std::fmt::Display) -> Error {
    Error::Pdf(what.to_string())
}

/// Writes `doc` as PDF bytes; `fonts` are the font files its text runs refer to by index.
///
/// krilla compresses finished pages on a rayon pool while the next are drawn, and waits
/// for them by running other jobs of that pool. For a single document that pool is one of
/// its own ([`compression_pool`]). Called from a worker of a rayon pool (a batch, whose
/// other workers already keep every core busy with other documents), everything is done
/// on the calling thread instead: a batch's job never waits for another pool, and no
/// thread is started per document.
pub fn write(doc: &Document, fonts: &[Cow<'static, [u8]>]) -> Result<Vec<u8>, Error> {
    if rayon::current_thread_index().is_some() {
        return krilla::on_this_thread(|| write_here(doc, fonts));
    }
    match compression_pool() {
        Some(pool) => pool.install(|| write_here(doc, fonts)),
        None => write_here(doc, fonts),
    }
}

/// The pool krilla compresses on (see [`write`]); `None` when it cannot be made.
fn compression_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(std::thread::available_parallelism().map_or(2, |n| n.get()))
            .thread_name(|i| format!("gongkai-pdf-{i}"))
            // A worker waiting for its pages may write another document meanwhile.
            .stack_size(16 << 20)
            .build()
            .ok()
    })
    .as_ref()
}

/// [`write`] on the current thread.
fn write_here(doc: &Document, fonts: &[Cow<'static, [u8]>]) -> Result<Vec<u8>, Error> {
    let fonts = fonts
        .iter()
        .enumerate()
        .map(|(i, data)| {
            let data = match data {
                Cow::Borrowed(b) => Data::from(*b),
                Cow::Owned(v) => Data::from(v.clone()),
            };
            Font::new(data, 0).ok_or_else(|| failed(format!("第 {} 个字体无法读取", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut pdf = krilla::Document::new_with(settings(doc)?);
    let mut content = vec![Vec::new(); doc.structure.nodes.len()];
    for (index, page) in doc.pages.iter().enumerate() {
        let size = Size::from_wh(page.size.width, page.size.height)
            .ok_or_else(|| failed("页面尺寸无效"))?;
        let mut settings = PageSettings::new(size);
        if let Some(label) = page_label(doc, index) {
            settings = settings.with_page_label(label);
        }
        let mut out = pdf.start_page_with(settings);
        draw::page(&mut out, page, doc, &fonts, &mut content)?;
        out.finish();
    }
    if let Some(outline) = outline(doc) {
        pdf.set_outline(outline);
    }
    pdf.set_metadata(metadata(&doc.info));
    pdf.set_tag_tree(tags::tree(&doc.structure, content, &doc.info.lang));
    pdf.finish().map_err(|e| failed(format!("{e:?}")))
}

/// PDF/UA-1 unless a glyph had to be the font's `.notdef` box (no font has the character,
/// nor the square that stands in for it), which the standard forbids; the file is then
/// written tagged without the claim.
fn settings(doc: &Document) -> Result<SerializeSettings, Error> {
    let notdef = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|(_, it)| matches!(it, Item::Text(r) if r.glyphs.iter().any(|g| g.id == 0)));
    let mut config = ConfigurationBuilder::new();
    if !notdef {
        config = config.with_accessibility_validator(Accessibility::UA1);
    }
    let configuration = config.finish().map_err(|e| failed(format!("{e:?}")))?;
    Ok(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    })
}

/// Page labels matching the printed numbers: the unnumbered front matter (cover,
/// contents) as i, ii…; then 1, 2… from the first body page.
fn page_label(doc: &Document, index: usize) -> Option<PageLabel> {
    let style = if index == 0 && doc.first_numbered > 0 {
        NumberingStyle::LowerRoman
    } else if index == doc.first_numbered {
        NumberingStyle::Arabic
    } else {
        return None;
    };
    Some(PageLabel::new(Some(style), None, NonZeroU32::new(1)))
}

/// The nested outline (parts open, deeper levels closed) from the flat, levelled entries.
fn outline(doc: &Document) -> Option<Outline> {
    let entries: Vec<_> = doc
        .outline
        .iter()
        .filter(|e| e.dest.page < doc.pages.len())
        .collect();
    if entries.is_empty() {
        return None;
    }
    // Open nodes by level; a node is attached to its parent when it is closed.
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let mut root = Outline::new();
    let close = |stack: &mut Vec<(u8, OutlineNode)>, root: &mut Outline| {
        if let Some((_, node)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => root.push_child(node),
            }
        }
    };
    for e in entries {
        while stack.last().is_some_and(|(level, _)| *level >= e.level) {
            close(&mut stack, &mut root);
        }
        let dest = XyzDestination::new(e.dest.page, Point::from_xy(0.0, e.dest.y));
        let node = OutlineNode::new(e.title.clone(), dest).with_open(e.level == 1);
        stack.push((e.level, node));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    Some(root)
}

fn metadata(info: &DocInfo) -> Metadata {
    let d = info.created;
    let byte = |v: i8| u8::try_from(v).unwrap_or(0);
    let date = DateTime::new(u16::try_from(d.year()).unwrap_or(1970))
        .month(byte(d.month()))
        .day(byte(d.day()))
        .hour(byte(d.hour()))
        .minute(byte(d.minute()))
        .second(byte(d.second()))
        .utc_offset_hour(8);
    Metadata::new()
        .title(info.title.clone())
        .authors(vec![info.author.clone()])
        .description(info.subject.clone())
        .language(info.lang.clone())
        .creator("gongkai".into())
        .creation_date(date)
        .document_id(info.id_seed.clone())
}
