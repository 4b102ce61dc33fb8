//! Headings and paragraphs in the page flow.
//!
//! A heading never ends a page: it is placed where it fits with two lines below it, and
//! remembered ([`Keep`]) until the block after it has started on the same page; a block
//! that cannot start there takes the waiting headings along to the next page
//! ([`Flow::next_page_keeping`]). A paragraph leaves at least two lines at the bottom of a
//! page and carries at least two to the next (no widows or orphans).

use super::{Flow, Keep, KeptHeading, MIN_LINES_AT_BREAK};
use crate::layout::document::Dest;
use crate::layout::document::OutlineEntry;
use crate::layout::font::Role;
use crate::layout::structure::{Mark, Role as Tag, ROOT};
use crate::layout::text::{self, Align, Style};

impl Flow<'_, '_> {
    /// A heading of `level` (1 = part): a node of the structure, then its lines.
    pub(super) fn heading(&mut self, level: u8, text_: &str, id: &str) {
        let node = self.tree.add(
            ROOT,
            Tag::Heading {
                level,
                title: text_.to_owned(),
            },
        );
        let h = KeptHeading {
            level,
            text: text_.to_owned(),
            id: id.to_owned(),
            node,
        };
        self.place_heading(&h, false);
    }

    /// Places a heading at the cursor. A `carried` heading is being moved along with
    /// the block after it and goes where the cursor is.
    pub(super) fn place_heading(&mut self, h: &KeptHeading, carried: bool) {
        let sz = &self.s.sizes;
        let sp = &self.s.spacing;
        let (size, align, indent) = match h.level {
            1 => (sz.part, Align::Center, 0.0),
            2 => (sz.section, Align::Left, sp.first_line_indent),
            _ => (sz.subsection, Align::Left, sp.first_line_indent),
        };
        let body_lh = sz.body * sp.body_line;
        let (before_gap, after_gap) = (sp.heading_before, sp.heading_after);
        if !carried && ((h.level == 1 && self.s.flow.part_new_page) || self.on_landscape()) {
            self.fresh_page(false);
        }
        let lh = size * sp.body_line;
        let mut style = Style::new(Role::Sans, size, lh, align);
        style.first_indent = indent * size;
        style.balance = false;
        let set = text::set(self.fonts, &h.text, self.current_frame().width, &style);
        self.note_missing(&set.missing, &format!("标题“{}”", h.text));
        if !carried {
            let before = if self.used { before_gap } else { 0.0 };
            let need = before
                + set.lines.len() as f32 * lh
                + after_gap
                + MIN_LINES_AT_BREAK as f32 * body_lh;
            if need > self.room() {
                self.next_page_keeping(false);
            }
        }
        if self.used {
            self.y += before_gap;
        }
        let page = self.page_index();
        let first_item = self.items().len();
        match &mut self.keep {
            Some(k) if k.page == page => k.headings.push(h.clone()),
            _ => {
                self.keep = Some(Keep {
                    page,
                    items: first_item,
                    outline: self.outline.len(),
                    headings: vec![h.clone()],
                })
            }
        }
        let dest = Dest { page, y: self.y };
        self.anchors.insert(h.id.clone(), dest);
        if h.level <= 3 {
            self.outline.push(OutlineEntry {
                level: h.level,
                title: h.text.clone(),
                dest,
            });
        }
        self.level = h.level;
        self.context = h.text.clone();
        let fresh = !self.used || self.headings_only;
        let n = set.lines.len();
        self.place_lines(&set, 0..n, &style, Mark::Node(h.node));
        self.headings_only = fresh;
        self.y += after_gap;
    }

    /// A justified paragraph with a first-line indent, split between pages without
    /// widows or orphans.
    pub(super) fn paragraph(&mut self, text_: &str) {
        if self.on_landscape() {
            self.fresh_page(false);
        }
        let sz = self.s.sizes.body;
        let sp = &self.s.spacing;
        let gap = sp.paragraph_gap;
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
        let mark = self.paragraph_node();
        let n = set.lines.len();
        let mut i = 0;
        while i < n {
            let fits = (self.room() / lh + 1e-3).floor().max(0.0) as usize;
            let left = n - i;
            if fits >= left {
                self.place_lines(&set, i..n, &style, mark);
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
                self.place_lines(&set, i..i + take, &style, mark);
                self.keep = None;
                i += take;
                self.break_page();
            } else {
                self.next_page_keeping(false);
            }
        }
        self.keep = None;
        self.headings_only = false;
        self.y += gap;
    }
}
