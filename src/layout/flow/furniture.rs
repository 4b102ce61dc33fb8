//! Page furniture, added when the pages are known: page numbers ("— 7 —", centred under
//! the text block, from the first body page on) and, for drafts, a large diagonal gray
//! mark under every page's content. Both are artifacts in the structure.

use super::Flow;
use crate::layout::document::{Glyph, Item, Point, TextRun};
use crate::layout::font::Role;
use crate::layout::settings::PT_PER_MM;
use crate::layout::structure::{Artifact, Mark};
use crate::layout::text::{self, Align, Style};

/// Size of the draft watermark, in points.
const DRAFT_MARK_SIZE: f32 = 110.0;
/// Gray of the draft watermark.
const DRAFT_MARK_GRAY: f32 = 0.86;
/// Angle of the draft watermark, counter-clockwise, in degrees.
const DRAFT_MARK_ANGLE: f32 = 35.0;

impl Flow<'_, '_> {
    /// Page numbers "— 7 —" centred under the text block, from `first` on.
    pub(super) fn folios(&mut self, first: usize) {
        let size = self.s.sizes.folio;
        let gap = self.s.page.folio_gap_mm * PT_PER_MM;
        let style = Style::new(Role::Serif, size, size, Align::Center);
        let mark = Mark::Artifact(Artifact::PageNumber);
        for i in first..self.pages.len() {
            let fr = self.frame_of(self.landscape_pages[i]);
            let label = format!("— {} —", i + 1 - first);
            let set = text::set(self.fonts, &label, fr.width, &style);
            let baseline = fr.bottom() + gap + size * 0.88;
            for line in &set.lines {
                let runs = text::runs(line, fr.left, baseline, size, 0.0, mark);
                self.pages[i].items.extend(runs);
            }
        }
    }

    /// A large diagonal gray mark under the content of every page.
    pub(super) fn draft_marks(&mut self) {
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
        let (sin, cos) = DRAFT_MARK_ANGLE.to_radians().sin_cos();
        for page in &mut self.pages {
            // Centre the run's midpoint on the page centre: page y runs downwards, and the
            // run turns counter-clockwise around its origin.
            let mid_x = width / 2.0;
            let mid_y = DRAFT_MARK_SIZE * 0.38; // em-box middle, above the baseline
            let cx = page.size.width / 2.0;
            let cy = page.size.height / 2.0;
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
                        angle: DRAFT_MARK_ANGLE,
                        glyphs: glyphs.clone(),
                        mark: Mark::Artifact(Artifact::Watermark),
                    }),
                ),
            );
        }
    }
}
