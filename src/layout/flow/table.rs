//! Placing a table in the page flow: label, caption and unit line, the rows in page
//! fragments (a continued page opens with "续表（预算01表）" and the repeated header), then
//! the notes. Its structure is a table whose caption holds label, title and unit, a head
//! and a body of rows, and header cells with their scope and spans; the notes follow as
//! paragraphs.

use super::Flow;
use crate::blocks::Grid;
use crate::layout::document::{Dest, OutlineEntry, Point};
use crate::layout::font::Role;
use crate::layout::structure::{Artifact, Mark, NodeId, Role as Tag, Scope, Structure, ROOT};
use crate::layout::table::{Cell, Table};
use crate::layout::text::{self, Align, Style};

/// Adds a row node per row of `cells` (in row order) under `parent`, and a cell node per
/// cell. In the header every cell heads its column; in the body a header cell heads its
/// column when its whole row is header cells (a form's sub-header), else its row.
fn tag_rows(tree: &mut Structure, parent: NodeId, cells: &mut [Cell], head: bool) {
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].row;
        let j = i + cells[i..].iter().take_while(|c| c.row == row).count();
        let all_header = cells[i..j].iter().all(|c| c.header);
        let tr = tree.add(parent, Tag::Row);
        for c in &mut cells[i..j] {
            let (rowspan, colspan) = (c.rowspan, c.colspan);
            let role = if c.header {
                let scope = if head || all_header {
                    Scope::Column
                } else {
                    Scope::Row
                };
                Tag::HeaderCell {
                    scope,
                    rowspan,
                    colspan,
                }
            } else {
                Tag::DataCell { rowspan, colspan }
            };
            c.node = Some(tree.add(tr, role));
        }
        i = j;
    }
}

impl Flow<'_, '_> {
    /// Places table `g`, measured beforehand (`measured`) or now.
    pub(super) fn table(&mut self, g: &Grid, measured: Option<Table>) {
        let mut table = measured.unwrap_or_else(|| {
            Table::measure(
                g,
                self.fonts,
                self.s,
                self.portrait.width,
                self.landscape.width,
            )
        });
        self.note_missing(&table.missing, &format!("表“{}”", g.caption));
        let node = self.tree.add(ROOT, Tag::Table);
        let caption_node = self.tree.add(node, Tag::Caption);
        if !table.head.is_empty() {
            let head = self.tree.add(node, Tag::TableHead);
            tag_rows(&mut self.tree, head, &mut table.head, true);
        }
        let body = self.tree.add(node, Tag::TableBody);
        tag_rows(&mut self.tree, body, &mut table.body, false);

        let landscape = table.landscape;
        if (self.s.table.new_page && !self.headings_only) || landscape != self.on_landscape() {
            self.next_page_keeping(landscape);
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
            self.next_page_keeping(landscape);
            self.headings_only = false;
        }
        if self.used {
            self.y += self.s.spacing.heading_before;
        }
        let fr = self.current_frame();
        let dest = Dest {
            page: self.page_index(),
            y: self.y,
        };
        self.anchors.insert(g.id.clone(), dest);
        if let Some(title) = g.contents_entry() {
            let level = (self.level + 1).min(4);
            // Tables in a row with the same entry (a group of forms) share one bookmark.
            let same = self
                .outline
                .last()
                .is_some_and(|e| e.level == level && e.title == title);
            if !same {
                self.outline.push(OutlineEntry {
                    level,
                    title: title.to_owned(),
                    dest,
                });
            }
        }
        self.keep = None;
        let mut cap_line = || Mark::Node(self.tree.add(caption_node, Tag::Paragraph));
        let (label_mark, title_mark, unit_mark) = (cap_line(), cap_line(), cap_line());
        let label_style = Style::new(Role::Sans, sz.label, label_lh, Align::Left);
        let unit_style = Style::new(Role::Serif, sz.label, label_lh, Align::Right);
        if !g.label.is_empty() {
            self.line(&g.label, &label_style, fr.width, "表号", label_mark);
        }
        let n = caption.lines.len();
        self.place_lines(&caption, 0..n, &cap_style, title_mark);
        self.line(&g.unit, &unit_style, fr.width, "单位", unit_mark);

        let page_room = fr.height - label_lh - head_h;
        table.split_tall_rows(page_room, self.s);
        let mut fragments = table.paginate(self.room() - head_h, page_room);
        let running = Mark::Artifact(Artifact::Header);
        if fragments.first().is_some_and(|r| r.is_empty()) && fragments.len() > 1 {
            fragments.remove(0);
            self.new_page(landscape);
            // Caption again on the new page, then a fresh split from there.
            let cont = self.continued_line(g);
            self.line(&cont, &label_style, fr.width, "续表", running);
            fragments = table.paginate(self.room() - head_h, page_room);
        }
        let table_left = fr.left + (fr.width - table.width()) / 2.0;
        for (i, rows) in fragments.into_iter().enumerate() {
            if i > 0 {
                self.new_page(landscape);
                let cont = self.continued_line(g);
                let fr = self.current_frame();
                let y0 = self.y;
                self.line(&cont, &label_style, fr.width, "续表", running);
                if !g.unit.is_empty() {
                    self.y = y0;
                    self.line(&g.unit, &unit_style, fr.width, "单位", running);
                }
            }
            let origin = Point {
                x: table_left,
                y: self.y,
            };
            let mut items = Vec::new();
            let h = table.draw(rows, i == 0, origin, self.s, &mut items);
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
                let mark = self.paragraph_node();
                self.place_lines(&set, 0..count, &note, mark);
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
}
