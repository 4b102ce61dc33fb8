//! Page flow: the cover, the table of contents, the body blocks poured into pages (parts
//! and tables starting new pages, headings kept with what follows, no single line of a
//! paragraph left alone at a page break), then page numbers and the contents' page
//! references, which are only known at the end.

use std::collections::BTreeMap;

use super::document::{Dest, Document, Glyph, Item, OutlineEntry, Page, Point, Size, TextRun};
use super::font::{FontSet, Role};
use super::settings::{Settings, PT_PER_MM};
use super::table::Table;
use super::text::{self, Align, SetText, Style};
use super::{Cover, Missing};
use crate::blocks::{Block, Grid, TocEntry};

/// Lines of a paragraph that must stay together at the top or bottom of a page.
const MIN_LINES_AT_BREAK: usize = 2;
/// Width reserved for a page number at the end of a contents entry, in em.
const TOC_NUMBER_EM: f32 = 3.0;
/// Distance between leader dots in the contents, in em.
const LEADER_PITCH_EM: f32 = 0.5;
/// Where the cover's title block starts, as a fraction of the page height.
const COVER_TITLE_AT: f32 = 0.30;
/// Where the cover's department and date start, as a fraction of the page height.
const COVER_FOOT_AT: f32 = 0.70;
/// Size of the draft watermark, in points.
const DRAFT_MARK_SIZE: f32 = 110.0;
/// Gray of the draft watermark.
const DRAFT_MARK_GRAY: f32 = 0.86;

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
    // The body starts on a page of its own, numbered 1.
    f.new_page(false);
    let first_numbered = f.page_index();
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Title { .. } | Block::Toc { .. } => {}
            Block::PageBreak => f.break_page(),
            Block::Heading { level, text, id } => {
                // A heading is kept with the headings that directly follow it, so that
                // "五、…" never ends a page above its "（一）…".
                let following = blocks[i + 1..]
                    .iter()
                    .take_while(|b| matches!(b, Block::Heading { level: l, .. } if *l > 1))
                    .count();
                f.heading(*level, text, id, following)
            }
            Block::Paragraph { text } => f.paragraph(text),
            Block::Table(g) => f.table(g),
        }
    }
    if let Some(entries) = toc {
        f.toc(entries, toc_first, toc_pages, first_numbered);
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
        },
        f.missing,
    )
}

impl<'a, 'f> Flow<'a, 'f> {
    fn frame_of(&self, landscape: bool) -> Frame {
        if landscape {
            self.landscape
        } else {
            self.portrait
        }
    }

    fn current_frame(&self) -> Frame {
        self.frame_of(self.landscape_pages.last().copied().unwrap_or(false))
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
            let landscape = self.landscape_pages.last().copied().unwrap_or(false);
            self.new_page(landscape);
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
    fn place_lines(&mut self, set: &SetText, range: std::ops::Range<usize>, style: &Style) {
        let left = self.current_frame().left;
        for line in &set.lines[range] {
            let baseline = self.y + text::baseline_offset(style.size, style.line_height);
            let runs = text::runs(line, left, baseline, style.size, style.gray);
            self.items().extend(runs);
            self.y += style.line_height;
            self.used = true;
        }
    }

    fn cover(&mut self, title: &str, cover: &Cover) {
        self.new_page(false);
        let fr = self.portrait;
        let sz = &self.s.sizes;
        let title_style = Style::new(
            Role::Sans,
            sz.cover_title,
            sz.cover_title * 1.6,
            Align::Center,
        );
        let set = text::set(self.fonts, title, fr.width, &title_style);
        self.note_missing(&set.missing, "封面");
        self.y = fr.size.height * COVER_TITLE_AT;
        let n = set.lines.len();
        self.place_lines(&set, 0..n, &title_style);
        let line = Style::new(
            Role::Serif,
            sz.cover_line,
            sz.cover_line * 2.0,
            Align::Center,
        );
        self.y = fr.size.height * COVER_FOOT_AT;
        for t in [cover.department.as_str(), cover.date.as_str()] {
            if t.is_empty() {
                continue;
            }
            let set = text::set(self.fonts, t, fr.width, &line);
            self.note_missing(&set.missing, "封面");
            let n = set.lines.len();
            self.place_lines(&set, 0..n, &line);
        }
    }

    fn toc_styles(&self) -> (Style, Style, f32) {
        let sz = self.s.sizes.toc;
        let lh = sz * self.s.spacing.toc_line;
        let title = Style::new(
            Role::Sans,
            self.s.sizes.toc_title,
            self.s.sizes.toc_title * 3.0,
            Align::Center,
        );
        let entry = Style::new(Role::Serif, sz, lh, Align::Left);
        (title, entry, lh)
    }

    fn toc_entry_set(&self, e: &TocEntry, style: &Style) -> SetText {
        let indent = f32::from(e.level.saturating_sub(1)) * style.size;
        let mut st = *style;
        st.indent = indent;
        if e.level == 1 {
            st.role = Role::Sans;
        }
        let width = self.portrait.width - TOC_NUMBER_EM * style.size;
        text::set(self.fonts, &e.text, width, &st)
    }

    fn toc_page_count(&self, entries: &[TocEntry]) -> usize {
        let (title, entry, lh) = self.toc_styles();
        let fr = self.portrait;
        let mut pages = 1;
        let mut y = fr.top + title.line_height;
        for e in entries {
            let h = self.toc_entry_set(e, &entry).lines.len() as f32 * lh;
            if y + h > fr.bottom() {
                pages += 1;
                y = fr.top;
            }
            y += h;
        }
        pages
    }

    fn toc(&mut self, entries: &[TocEntry], first: usize, count: usize, first_numbered: usize) {
        let (title, entry, lh) = self.toc_styles();
        let fr = self.portrait;
        let mut page = first;
        let mut y = fr.top;
        let mut items: Vec<Vec<(Point, Item)>> = vec![Vec::new(); count];
        let heading = text::set(self.fonts, "目　录", fr.width, &title);
        for line in &heading.lines {
            let baseline = y + text::baseline_offset(title.size, title.line_height);
            items[0].extend(text::runs(line, fr.left, baseline, title.size, 0.0));
        }
        y += title.line_height;
        let size = entry.size;
        let dot = self.fonts.resolve(Role::Serif, '.');
        let pitch = LEADER_PITCH_EM * size;
        for e in entries {
            let set = self.toc_entry_set(e, &entry);
            self.note_missing(&set.missing, "目录");
            let h = set.lines.len() as f32 * lh;
            if y + h > fr.bottom() && page + 1 < first + count {
                page += 1;
                y = fr.top;
            }
            let slot = page - first;
            let top = y;
            let dest = self.anchors.get(&e.id).copied();
            let number = dest
                .map(|d| (d.page + 1).saturating_sub(first_numbered).to_string())
                .unwrap_or_default();
            let role = if e.level == 1 {
                Role::Sans
            } else {
                Role::Serif
            };
            for (i, line) in set.lines.iter().enumerate() {
                let baseline = y + text::baseline_offset(size, lh);
                items[slot].extend(text::runs(line, fr.left, baseline, size, 0.0));
                if i + 1 == set.lines.len() {
                    let num_style = Style::new(role, size, lh, Align::Right);
                    let num = text::set(self.fonts, &number, fr.width, &num_style);
                    let num_left = fr.width - num.lines.first().map_or(0.0, |l| l.width);
                    for nl in &num.lines {
                        items[slot].extend(text::runs(nl, fr.left, baseline, size, 0.0));
                    }
                    // Leader dots on a fixed grid between the entry's end and the number.
                    if let Some(d) = dot {
                        let text_end = line.glyphs.last().map_or(0.0, |g| g.x + g.advance);
                        let start = ((text_end + size * 0.5) / pitch).ceil() * pitch;
                        let stop = num_left - size * 0.5;
                        let mut glyphs = Vec::new();
                        let mut x = start;
                        while x + d.advance * size <= stop {
                            glyphs.push(Glyph {
                                id: d.id,
                                ch: d.ch,
                                x: x - start,
                                advance: d.advance * size,
                            });
                            x += pitch;
                        }
                        if !glyphs.is_empty() {
                            items[slot].push((
                                Point {
                                    x: fr.left + start,
                                    y: baseline,
                                },
                                Item::Text(TextRun {
                                    font: d.font,
                                    size,
                                    gray: 0.0,
                                    angle: 0.0,
                                    glyphs,
                                }),
                            ));
                        }
                    }
                }
                y += lh;
            }
            if let Some(d) = dest {
                items[slot].push((
                    Point { x: fr.left, y: top },
                    Item::Link {
                        size: Size {
                            width: fr.width,
                            height: y - top,
                        },
                        target: d,
                    },
                ));
            }
        }
        for (i, it) in items.into_iter().enumerate() {
            self.pages[first + i].items.extend(it);
        }
    }

    fn heading(&mut self, level: u8, text_: &str, id: &str, following_headings: usize) {
        let sz = &self.s.sizes;
        let sp = &self.s.spacing;
        let (size, align, indent) = match level {
            1 => (sz.part, Align::Center, 0.0),
            2 => (sz.section, Align::Left, sp.first_line_indent),
            _ => (sz.subsection, Align::Left, sp.first_line_indent),
        };
        let on_landscape = self.landscape_pages.last().copied().unwrap_or(false);
        if (level == 1 && self.s.flow.part_new_page) || on_landscape {
            self.fresh_page(false);
        }
        let lh = size * sp.body_line;
        let mut style = Style::new(Role::Sans, size, lh, align);
        style.first_indent = indent * size;
        let set = text::set(self.fonts, text_, self.current_frame().width, &style);
        self.note_missing(&set.missing, &format!("标题“{text_}”"));
        let before = if self.used { sp.heading_before } else { 0.0 };
        let body_lh = sz.body * sp.body_line;
        let next_headings = following_headings as f32
            * (sz.subsection * sp.body_line + sp.heading_before + sp.heading_after);
        let need = before
            + set.lines.len() as f32 * lh
            + sp.heading_after
            + next_headings
            + MIN_LINES_AT_BREAK as f32 * body_lh;
        if need > self.room() {
            self.break_page();
        } else {
            self.y += before;
        }
        let dest = Dest {
            page: self.page_index(),
            y: self.y,
        };
        self.anchors.insert(id.to_owned(), dest);
        if level <= 3 {
            self.outline.push(OutlineEntry {
                level,
                title: text_.to_owned(),
                dest,
            });
        }
        self.level = level;
        self.context = text_.to_owned();
        let fresh = !self.used || self.headings_only;
        let n = set.lines.len();
        self.place_lines(&set, 0..n, &style);
        self.headings_only = fresh;
        self.y += sp.heading_after;
    }

    fn paragraph(&mut self, text_: &str) {
        if self.landscape_pages.last().copied().unwrap_or(false) {
            self.fresh_page(false);
        }
        self.headings_only = false;
        let sz = self.s.sizes.body;
        let sp = &self.s.spacing;
        let lh = sz * sp.body_line;
        let mut style = Style::new(Role::Serif, sz, lh, Align::Justify);
        style.first_indent = sp.first_line_indent * sz;
        let set = text::set(self.fonts, text_, self.current_frame().width, &style);
        let head: String = text_.chars().take(16).collect();
        let place = if self.context.is_empty() {
            format!("段落“{head}…”")
        } else {
            format!("{}下的段落“{head}…”", self.context)
        };
        self.note_missing(&set.missing, &place);
        let n = set.lines.len();
        let mut i = 0;
        while i < n {
            let fits = (self.room() / lh + 1e-3).floor().max(0.0) as usize;
            let left = n - i;
            if fits >= left {
                self.place_lines(&set, i..n, &style);
                break;
            }
            let mut take = fits;
            if left - take < MIN_LINES_AT_BREAK {
                take = left.saturating_sub(MIN_LINES_AT_BREAK);
            }
            if take < MIN_LINES_AT_BREAK {
                take = 0;
            }
            if !self.used {
                // An empty page: no better page to wait for.
                take = fits.max(1).min(left);
            }
            if take > 0 {
                self.place_lines(&set, i..i + take, &style);
                i += take;
            }
            if i < n {
                self.break_page();
            }
        }
        self.y += sp.paragraph_gap;
    }

    fn table(&mut self, g: &Grid) {
        let mut table = Table::measure(
            g,
            self.fonts,
            self.s,
            self.portrait.width,
            self.landscape.width,
        );
        self.note_missing(&table.missing, &format!("表“{}”", g.caption));
        let landscape = table.landscape;
        let on_landscape = self.landscape_pages.last().copied().unwrap_or(false);
        if (self.s.table.new_page && !self.headings_only) || landscape != on_landscape {
            self.fresh_page(landscape);
        }
        self.headings_only = false;
        let fr = self.current_frame();
        let sz = &self.s.sizes;
        let label_lh = sz.label * 1.6;
        let cap_style = Style::new(Role::Sans, sz.caption, sz.caption * 1.5, Align::Center);
        let caption = text::set(self.fonts, &g.caption, fr.width, &cap_style);
        self.note_missing(&caption.missing, &format!("表“{}”", g.caption));
        let block_h = if g.label.is_empty() { 0.0 } else { label_lh }
            + caption.lines.len() as f32 * cap_style.line_height
            + label_lh;
        let head_h = table.head_height();
        let first_group = table
            .groups
            .first()
            .map_or(0.0, |r| table.rows_height(r.clone()));
        if self.used && block_h + head_h + first_group > self.room() {
            self.fresh_page(landscape);
        } else if self.used {
            self.y += self.s.spacing.heading_before;
        }
        let fr = self.current_frame();
        let dest = Dest {
            page: self.page_index(),
            y: self.y,
        };
        self.anchors.insert(g.id.clone(), dest);
        if !g.caption.is_empty() {
            self.outline.push(OutlineEntry {
                level: (self.level + 1).min(4),
                title: g.caption.clone(),
                dest,
            });
        }
        let label_style = Style::new(Role::Sans, sz.label, label_lh, Align::Left);
        let unit_style = Style::new(Role::Serif, sz.label, label_lh, Align::Right);
        if !g.label.is_empty() {
            self.line(&g.label, &label_style, fr.width, "表号");
        }
        let n = caption.lines.len();
        self.place_lines(&caption, 0..n, &cap_style);
        self.line(&g.unit, &unit_style, fr.width, "单位");

        let page_room = fr.height - label_lh - head_h;
        table.split_tall_rows(page_room, self.s);
        let mut fragments = table.paginate(self.room() - head_h, page_room);
        if fragments.first().is_some_and(|r| r.is_empty()) && fragments.len() > 1 {
            fragments.remove(0);
            self.new_page(landscape);
            // Caption again on the new page, then a fresh split from there.
            let cont = self.continued_line(g);
            self.line(&cont, &label_style, fr.width, "续表");
            fragments = table.paginate(self.room() - head_h, page_room);
        }
        let table_left = fr.left + (fr.width - table.width()) / 2.0;
        for (i, rows) in fragments.into_iter().enumerate() {
            if i > 0 {
                self.new_page(landscape);
                let cont = self.continued_line(g);
                let fr = self.current_frame();
                let y0 = self.y;
                self.line(&cont, &label_style, fr.width, "续表");
                if !g.unit.is_empty() {
                    self.y = y0;
                    self.line(&g.unit, &unit_style, fr.width, "单位");
                }
            }
            let origin = Point {
                x: table_left,
                y: self.y,
            };
            let mut items = Vec::new();
            let h = table.draw(rows, true, origin, self.s, &mut items);
            self.items().extend(items);
            self.y += h;
            self.used = true;
        }
        if !g.notes.is_empty() {
            self.y += sz.label * 0.5;
            let mut note = Style::new(Role::Serif, sz.label, label_lh, Align::Justify);
            note.first_indent = 0.0;
            for n in &g.notes {
                let set = text::set(self.fonts, n, fr.width, &note);
                self.note_missing(&set.missing, &format!("表“{}”的注", g.caption));
                let count = set.lines.len();
                if count as f32 * label_lh > self.room() {
                    self.new_page(landscape);
                }
                self.place_lines(&set, 0..count, &note);
            }
        }
        self.used = true;
    }

    fn continued_line(&self, g: &Grid) -> String {
        let mark = &self.s.table.continued;
        if g.label.is_empty() {
            mark.clone()
        } else {
            format!("{mark}（{}）", g.label)
        }
    }

    /// One line of `text_` at the cursor (cut to one line).
    fn line(&mut self, text_: &str, style: &Style, width: f32, what: &str) {
        let set = text::set(self.fonts, text_, width, style);
        self.note_missing(&set.missing, what);
        let n = set.lines.len();
        self.place_lines(&set, 0..n, style);
    }

    /// Page numbers "— 7 —" centred under the text block, from `first` on.
    fn folios(&mut self, first: usize) {
        let size = self.s.sizes.folio;
        let gap = self.s.page.folio_gap_mm * PT_PER_MM;
        let style = Style::new(Role::Serif, size, size, Align::Center);
        for i in first..self.pages.len() {
            let fr = self.frame_of(self.landscape_pages[i]);
            let label = format!("— {} —", i + 1 - first);
            let set = text::set(self.fonts, &label, fr.width, &style);
            let baseline = fr.bottom() + gap + size * 0.88;
            for line in &set.lines {
                let runs = text::runs(line, fr.left, baseline, size, 0.0);
                self.pages[i].items.extend(runs);
            }
        }
    }

    /// A large diagonal gray mark under the content of every page.
    fn draft_marks(&mut self) {
        let mark = self.s.flow.draft_mark.clone();
        let mut sink = Vec::new();
        let shaped = self.fonts.shape(Role::Sans, &mark, &mut sink);
        let mut x = 0.0;
        let glyphs: Vec<Glyph> = shaped
            .iter()
            .map(|g| {
                let gl = Glyph {
                    id: g.id,
                    ch: g.ch,
                    x,
                    advance: g.advance * DRAFT_MARK_SIZE,
                };
                x += g.advance * DRAFT_MARK_SIZE;
                gl
            })
            .collect();
        let font = shaped.first().map_or(Role::Sans.index(), |g| g.font);
        let width = x;
        for page in &mut self.pages {
            // Centre the run's midpoint on the page centre, turned 35°.
            let angle: f32 = 35.0;
            let (sin, cos) = angle.to_radians().sin_cos();
            let mid_x = width / 2.0;
            let mid_y = DRAFT_MARK_SIZE * 0.38; // em-box middle, above the baseline
            let cx = page.size.width / 2.0;
            let cy = page.size.height / 2.0;
            // Origin such that the rotated midpoint lands on the centre: the PDF turns text
            // space counter-clockwise with y up, and page y runs downwards here.
            let origin = Point {
                x: cx - (mid_x * cos - mid_y * sin),
                y: cy + (mid_x * sin + mid_y * cos),
            };
            page.items.insert(
                0,
                (
                    origin,
                    Item::Text(TextRun {
                        font,
                        size: DRAFT_MARK_SIZE,
                        gray: DRAFT_MARK_GRAY,
                        angle,
                        glyphs: glyphs.clone(),
                    }),
                ),
            );
        }
    }
}
