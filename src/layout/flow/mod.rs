//! Page flow: the cover, the table of contents, the body blocks poured into pages (parts
//! and tables starting new pages, headings kept with what follows, no single line of a
//! paragraph left alone at a page break), then page numbers and the contents' page
//! references, which are only known at the end. The document's structure tree is built
//! on the way: every block adds its node, every drawn run carries its mark.
//!
//! ```text
//! mod.rs        the flow's state: pages, frames, the cursor; running the blocks
//! front.rs      cover and table of contents (目录, 目录（续）, leaders, links)
//! text.rs       headings (kept with the next two lines) and paragraphs
//! table.rs      placing a table: caption, fragments, 续表, notes, its structure
//! furniture.rs  page numbers and the draft watermark
//! ```

mod front;
mod furniture;
mod table;
mod text;

use std::collections::BTreeMap;

use super::document::{Dest, Document, Item, OutlineEntry, Page, Point, Size};
use super::font::FontSet;
use super::settings::{Settings, PT_PER_MM};
use super::structure::{Mark, Role, Structure, ROOT};
use super::table::Table;
use super::text::{self as set, SetText, Style};
use super::{Cover, Missing};
use crate::blocks::Block;

/// Lines of a paragraph that must stay together at the top or bottom of a page, and lines
/// of what follows a heading that must share its page.
const MIN_LINES_AT_BREAK: usize = 2;

/// Tables with at most this many body rows are measured in parallel before the flow.
const PREMEASURED_ROWS: usize = 2000;

/// A page's text block.
#[derive(Debug, Clone, Copy)]
struct Frame {
    size: Size,
    left: f32,
    top: f32,
    width: f32,
    height: f32,
}

impl Frame {
    fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

fn frame(size: Size, top: f32, bottom: f32, left: f32, right: f32) -> Frame {
    Frame {
        size,
        left: left * PT_PER_MM,
        top: top * PT_PER_MM,
        width: size.width - (left + right) * PT_PER_MM,
        height: size.height - (top + bottom) * PT_PER_MM,
    }
}

/// A heading placed at the bottom of a page, waiting for what follows to share the page.
#[derive(Debug, Clone)]
struct KeptHeading {
    level: u8,
    text: String,
    id: String,
    node: usize,
}

/// Headings that end the current page so far: if what follows cannot start below them,
/// they move to the next page with it ([`Flow::next_page_keeping`]).
#[derive(Debug, Clone)]
struct Keep {
    /// Their page.
    page: usize,
    /// Index of their first item on that page.
    items: usize,
    /// Length of the outline before them.
    outline: usize,
    headings: Vec<KeptHeading>,
}

struct Flow<'a, 'f> {
    fonts: &'a FontSet<'f>,
    s: &'a Settings,
    portrait: Frame,
    landscape: Frame,
    pages: Vec<Page>,
    landscape_pages: Vec<bool>,
    /// Cursor: distance from the page top of the next thing to place.
    y: f32,
    /// Whether anything was placed on the current page.
    used: bool,
    /// Whether the current page holds only headings (a table may then share it).
    headings_only: bool,
    anchors: BTreeMap<String, Dest>,
    outline: Vec<OutlineEntry>,
    missing: Vec<Missing>,
    /// The current heading, for locating missing characters.
    context: String,
    /// Level of the last heading (tables nest one below it in the outline).
    level: u8,
    /// The structure tree being built.
    tree: Structure,
    /// Headings waiting for what follows them.
    keep: Option<Keep>,
}

/// Lays out the document (see [`super::layout`]).
pub(super) fn run(
    blocks: &[Block],
    cover: &Cover,
    fonts: &FontSet<'_>,
    s: &Settings,
) -> (Document, Vec<Missing>) {
    let p = &s.page;
    let a4 = Size {
        width: p.width_mm * PT_PER_MM,
        height: p.height_mm * PT_PER_MM,
    };
    let turned = Size {
        width: a4.height,
        height: a4.width,
    };
    let mut f = Flow {
        fonts,
        s,
        portrait: frame(
            a4,
            p.margin_top_mm,
            p.margin_bottom_mm,
            p.margin_left_mm,
            p.margin_right_mm,
        ),
        landscape: frame(
            turned,
            p.landscape_margin_top_mm,
            p.landscape_margin_bottom_mm,
            p.landscape_margin_left_mm,
            p.landscape_margin_right_mm,
        ),
        pages: Vec::new(),
        landscape_pages: Vec::new(),
        y: 0.0,
        used: false,
        headings_only: false,
        anchors: BTreeMap::new(),
        outline: Vec::new(),
        missing: Vec::new(),
        context: String::new(),
        level: 1,
        tree: Structure::default(),
        keep: None,
    };

    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title { text } => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or("");
    f.cover(title, cover);

    let toc = blocks.iter().find_map(|b| match b {
        Block::Toc { entries } => Some(entries.as_slice()),
        _ => None,
    });
    let toc_first = f.pages.len();
    let toc_pages = toc.map_or(0, |e| f.toc_page_count(e));
    for _ in 0..toc_pages {
        f.new_page(false);
    }
    // The contents come before the body in reading order, but are set last.
    let toc_nodes = toc.map(|_| f.toc_nodes());
    // Measuring a table does not depend on where it goes: the tables are measured in
    // parallel beforehand (all but very long ones, which would hold many pages of set
    // cells in memory at once; they are measured when placed).
    let mut measured = premeasure(blocks, fonts, s, f.portrait.width, f.landscape.width);
    // The body starts on a page of its own, numbered 1.
    f.new_page(false);
    let first_numbered = f.page_index();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Title { .. } | Block::Toc { .. } => continue,
            // A break right after headings takes them along.
            Block::PageBreak if f.used => f.next_page_keeping(f.on_landscape()),
            Block::PageBreak => {}
            Block::Heading { level, text, id } => {
                f.heading(*level, text, id);
                continue;
            }
            Block::Paragraph { text } => f.paragraph(text),
            Block::Table(g) => f.table(g, measured.get_mut(i).and_then(Option::take)),
        }
        // Headings are kept with the block after them, no further.
        f.keep = None;
    }
    if let (Some(entries), Some(nodes)) = (toc, toc_nodes) {
        f.toc(entries, nodes, toc_first, toc_pages, first_numbered);
    }
    f.folios(first_numbered);
    if cover.draft {
        f.draft_marks();
    }
    let mut outline = Vec::new();
    if toc_pages > 0 {
        outline.push(OutlineEntry {
            level: 1,
            title: "目录".into(),
            dest: Dest {
                page: toc_first,
                y: 0.0,
            },
        });
    }
    outline.extend(f.outline);
    (
        Document {
            pages: f.pages,
            outline,
            first_numbered,
            info: Default::default(),
            structure: f.tree,
        },
        f.missing,
    )
}

/// The tables of `blocks` measured on a few threads (plain threads, not a rayon pool: a
/// batch runs documents on the pool, and a waiting pool job would run other documents on
/// its stack), by block index; `None` for other blocks and for very long tables. On a
/// batch's worker (a rayon pool's thread), whose siblings already keep every core busy,
/// they are measured on this thread.
fn premeasure(
    blocks: &[Block],
    fonts: &FontSet<'_>,
    s: &Settings,
    portrait: f32,
    landscape: f32,
) -> Vec<Option<Table>> {
    let wanted: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Table(g) if g.body.len() <= PREMEASURED_ROWS))
        .map(|(i, _)| i)
        .collect();
    let threads = if rayon::current_thread_index().is_some() {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(wanted.len())
    };
    let measure = |i: usize| match &blocks[i] {
        Block::Table(g) => Some(Table::measure(g, fonts, s, portrait, landscape)),
        _ => None,
    };
    let mut out: Vec<Option<Table>> = (0..blocks.len()).map(|_| None).collect();
    if threads < 2 {
        for &i in &wanted {
            out[i] = measure(i);
        }
        return out;
    }
    // Thread k measures tables k, k + threads, …: neighbouring tables differ in size.
    let results: Vec<Vec<(usize, Option<Table>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let wanted = &wanted;
                scope.spawn(move || {
                    wanted
                        .iter()
                        .skip(k)
                        .step_by(threads)
                        .map(|&i| (i, measure(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A thread that panicked leaves its tables to be measured when placed.
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    for (i, t) in results.into_iter().flatten() {
        out[i] = t;
    }
    out
}

impl<'a, 'f> Flow<'a, 'f> {
    fn frame_of(&self, landscape: bool) -> Frame {
        if landscape {
            self.landscape
        } else {
            self.portrait
        }
    }

    fn on_landscape(&self) -> bool {
        self.landscape_pages.last().copied().unwrap_or(false)
    }

    fn current_frame(&self) -> Frame {
        self.frame_of(self.on_landscape())
    }

    fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn items(&mut self) -> &mut Vec<(Point, Item)> {
        if self.pages.is_empty() {
            self.new_page(false);
        }
        let i = self.page_index();
        &mut self.pages[i].items
    }

    fn new_page(&mut self, landscape: bool) {
        let fr = self.frame_of(landscape);
        self.pages.push(Page {
            size: fr.size,
            items: Vec::new(),
        });
        self.landscape_pages.push(landscape);
        self.y = fr.top;
        self.used = false;
        self.headings_only = false;
    }

    /// Starts a new page unless the current one is still empty; an empty page is turned to
    /// the wanted orientation instead.
    fn fresh_page(&mut self, landscape: bool) {
        if !self.used && !self.pages.is_empty() {
            let i = self.page_index();
            if self.landscape_pages[i] != landscape {
                let fr = self.frame_of(landscape);
                self.pages[i].size = fr.size;
                self.landscape_pages[i] = landscape;
                self.y = fr.top;
            }
            return;
        }
        self.new_page(landscape);
    }

    fn break_page(&mut self) {
        if self.used {
            let landscape = self.on_landscape();
            self.new_page(landscape);
        }
    }

    /// Goes on to a fresh page (turned to `landscape`) for content that cannot start on
    /// this one; headings waiting at the bottom of this page go along, so no page ends
    /// with a heading. Headings alone at the top of a page stay unless the page is turned.
    fn next_page_keeping(&mut self, landscape: bool) {
        let page = self.page_index();
        let keep = match self.keep.take() {
            Some(k) if k.page == page && !self.pages.is_empty() => k,
            _ => return self.fresh_page(landscape),
        };
        let alone = keep.items == 0;
        if alone && self.on_landscape() == landscape {
            // Moving them would leave an empty page behind and gain nothing.
            return self.new_page(landscape);
        }
        self.pages[page].items.truncate(keep.items);
        self.outline.truncate(keep.outline);
        if alone {
            self.used = false;
        }
        self.fresh_page(landscape);
        for h in &keep.headings {
            self.place_heading(h, true);
        }
    }

    fn room(&self) -> f32 {
        self.current_frame().bottom() - self.y
    }

    fn note_missing(&mut self, set: &[char], place: &str) {
        for &ch in set {
            let m = Missing {
                ch,
                place: place.to_owned(),
            };
            if !self.missing.contains(&m) {
                self.missing.push(m);
            }
        }
    }

    /// Places set lines at the cursor, one line box of `style.line_height` each.
    fn place_lines(
        &mut self,
        set: &SetText,
        range: std::ops::Range<usize>,
        style: &Style,
        mark: Mark,
    ) {
        let left = self.current_frame().left;
        for line in &set.lines[range] {
            let baseline = self.y + set::baseline_offset(style.size, style.line_height);
            let runs = set::runs(line, left, baseline, style.size, style.gray, mark);
            self.items().extend(runs);
            self.y += style.line_height;
            self.used = true;
        }
    }

    /// Sets `text_` in `style` across `width` and places all its lines, marked `mark`.
    fn line(&mut self, text_: &str, style: &Style, width: f32, what: &str, mark: Mark) {
        let set = set::set(self.fonts, text_, width, style);
        self.note_missing(&set.missing, what);
        let n = set.lines.len();
        self.place_lines(&set, 0..n, style, mark);
    }

    /// A new paragraph node of the document.
    fn paragraph_node(&mut self) -> Mark {
        Mark::Node(self.tree.add(ROOT, Role::Paragraph))
    }
}
