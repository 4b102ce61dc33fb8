//! The front matter: the cover (title, department, date) and the table of contents —
//! entries indented by level, dot leaders on a fixed grid, page numbers, every entry a
//! link, and "目录（续）" at the top of a continued contents page.
//!
//! In the structure the contents are a heading and a list nested by level: each entry is
//! a list item whose body is a link holding the entry's text, its page number and the
//! link area; leaders and the 续 line are artifacts.

use super::Flow;
use crate::blocks::TocEntry;
use crate::layout::document::{Glyph, Item, Point, Size, TextRun};
use crate::layout::font::Role;
use crate::layout::structure::{Artifact, Mark, NodeId, Role as Tag, ROOT};
use crate::layout::text::{self, Align, SetText, Style};
use crate::layout::Cover;

/// Width reserved for a page number at the end of a contents entry, in em.
const TOC_NUMBER_EM: f32 = 3.0;
/// Distance between leader dots in the contents, in em.
const LEADER_PITCH_EM: f32 = 0.5;
/// Where the cover's title block starts, as a fraction of the page height.
const COVER_TITLE_AT: f32 = 0.30;
/// Where the cover's department and date start, as a fraction of the page height.
const COVER_FOOT_AT: f32 = 0.70;

/// The structure nodes of the contents, made before the body so that they come first in
/// reading order, and filled when the contents are set.
pub(super) struct TocNodes {
    heading: NodeId,
    list: NodeId,
}

impl Flow<'_, '_> {
    pub(super) fn cover(&mut self, title: &str, cover: &Cover) {
        self.new_page(false);
        let fr = self.portrait;
        let sz = &self.s.sizes;
        let mut title_style = Style::new(
            Role::Sans,
            sz.cover_title,
            sz.cover_title * 1.6,
            Align::Center,
        );
        title_style.balance = false;
        let line = Style::new(
            Role::Serif,
            sz.cover_line,
            sz.cover_line * 2.0,
            Align::Center,
        );
        let set = text::set(self.fonts, title, fr.width, &title_style);
        self.note_missing(&set.missing, "封面");
        self.y = fr.size.height * COVER_TITLE_AT;
        let n = set.lines.len();
        let mark = Mark::Node(self.tree.add(ROOT, Tag::Title));
        self.place_lines(&set, 0..n, &title_style, mark);
        self.y = fr.size.height * COVER_FOOT_AT;
        for t in cover.lines.iter().map(String::as_str) {
            if t.is_empty() {
                continue;
            }
            let mark = self.paragraph_node();
            self.line(t, &line, fr.width, "封面", mark);
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

    /// The line box of "目录（续）" on a continued contents page.
    fn toc_continued_style(&self) -> Style {
        let sz = self.s.sizes.toc;
        Style::new(Role::Sans, sz, sz * 2.5, Align::Center)
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

    pub(super) fn toc_page_count(&self, entries: &[TocEntry]) -> usize {
        let (title, entry, lh) = self.toc_styles();
        let continued = self.toc_continued_style().line_height;
        let fr = self.portrait;
        let mut pages = 1;
        let mut y = fr.top + title.line_height;
        for e in entries {
            let h = self.toc_entry_set(e, &entry).lines.len() as f32 * lh;
            if y + h > fr.bottom() {
                pages += 1;
                y = fr.top + continued;
            }
            y += h;
        }
        pages
    }

    /// The contents' heading and list nodes.
    pub(super) fn toc_nodes(&mut self) -> TocNodes {
        let title = self.s.flow.contents_title.replace(['\u{3000}', ' '], "");
        TocNodes {
            heading: self.tree.add(ROOT, Tag::Heading { level: 1, title }),
            list: self.tree.add(ROOT, Tag::List),
        }
    }

    /// Sets the contents on pages `first..first + count` (reserved before the body),
    /// now that every entry's page is known.
    pub(super) fn toc(
        &mut self,
        entries: &[TocEntry],
        nodes: TocNodes,
        first: usize,
        count: usize,
        first_numbered: usize,
    ) {
        let (title, entry, lh) = self.toc_styles();
        let cont_style = self.toc_continued_style();
        let fr = self.portrait;
        let mut page = first;
        let mut y = fr.top;
        let mut items: Vec<Vec<(Point, Item)>> = vec![Vec::new(); count];
        let heading = text::set(self.fonts, &self.s.flow.contents_title, fr.width, &title);
        for line in &heading.lines {
            let baseline = y + text::baseline_offset(title.size, title.line_height);
            let mark = Mark::Node(nodes.heading);
            items[0].extend(text::runs(line, fr.left, baseline, title.size, 0.0, mark));
        }
        y += title.line_height;
        let continued = text::set(
            self.fonts,
            &self.s.flow.contents_continued,
            fr.width,
            &cont_style,
        );
        self.note_missing(&continued.missing, "目录");
        let size = entry.size;
        let dot = self.fonts.resolve(Role::Serif, '.');
        let pitch = LEADER_PITCH_EM * size;
        // Open lists by level: (level, list node, the body of its last item).
        let mut lists: Vec<(u8, NodeId, Option<NodeId>)> = Vec::new();
        for e in entries {
            let link = self.toc_item(&mut lists, nodes.list, e.level);
            let set = self.toc_entry_set(e, &entry);
            self.note_missing(&set.missing, "目录");
            let h = set.lines.len() as f32 * lh;
            if y + h > fr.bottom() && page + 1 < first + count {
                page += 1;
                y = fr.top;
                for line in &continued.lines {
                    let baseline =
                        y + text::baseline_offset(cont_style.size, cont_style.line_height);
                    let mark = Mark::Artifact(Artifact::Header);
                    items[page - first].extend(text::runs(
                        line,
                        fr.left,
                        baseline,
                        cont_style.size,
                        0.0,
                        mark,
                    ));
                }
                y += cont_style.line_height;
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
            let mark = Mark::Node(link);
            for (i, line) in set.lines.iter().enumerate() {
                let baseline = y + text::baseline_offset(size, lh);
                items[slot].extend(text::runs(line, fr.left, baseline, size, 0.0, mark));
                if i + 1 == set.lines.len() {
                    let num_style = Style::new(role, size, lh, Align::Right);
                    let num = text::set(self.fonts, &number, fr.width, &num_style);
                    let num_left = fr.width - num.lines.first().map_or(0.0, |l| l.width);
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
                                    mark: Mark::Artifact(Artifact::Layout),
                                }),
                            ));
                        }
                    }
                    for nl in &num.lines {
                        items[slot].extend(text::runs(nl, fr.left, baseline, size, 0.0, mark));
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
                        node: link,
                        alt: format!("{}，第{number}页", e.text),
                    },
                ));
            }
        }
        for (i, it) in items.into_iter().enumerate() {
            self.pages[first + i].items.extend(it);
        }
    }

    /// Adds a contents entry of `level` to the nested lists; returns its link node.
    fn toc_item(
        &mut self,
        lists: &mut Vec<(u8, NodeId, Option<NodeId>)>,
        root: NodeId,
        level: u8,
    ) -> NodeId {
        while lists.last().is_some_and(|l| l.0 > level) && lists.len() > 1 {
            lists.pop();
        }
        match lists.last().copied() {
            None => lists.push((level, root, None)),
            Some((open, _, Some(body))) if level > open => {
                let sub = self.tree.add(body, Tag::List);
                lists.push((level, sub, None));
            }
            _ => {}
        }
        let Some(last) = lists.last_mut() else {
            return root;
        };
        let item = self.tree.add(last.1, Tag::ListItem);
        let body = self.tree.add(item, Tag::ListBody);
        last.2 = Some(body);
        self.tree.add(body, Tag::Link)
    }
}
