//! One page of the laid-out document drawn with krilla, in the layout's order: text runs
//! as glyph runs at the layout's positions (never re-measured), rules as strokes (a row of
//! rules of one width as one path), fills as rectangles, links as tagged link
//! annotations. Every run goes into marked content: its structure node's, or an artifact
//! of its kind; rules and fills are layout artifacts.

use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::luma;
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::num::NormalizedF32;
use krilla::page::Page as PdfPage;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact as PdfArtifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::failed;
use crate::error::Error;
use crate::layout::{Artifact, Document, Item, Mark, Page, TextRun};

/// A gray level (0 black, 1 white) as a device gray.
fn gray(level: f32) -> luma::Color {
    luma::Color::new((level.clamp(0.0, 1.0) * 255.0).round() as u8)
}

fn fill(level: f32) -> Fill {
    Fill {
        paint: gray(level).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn artifact(a: Artifact) -> ContentTag<'static> {
    let kind = match a {
        Artifact::PageNumber => ArtifactType::PageNumber,
        Artifact::Header => ArtifactType::Header,
        Artifact::Watermark => ArtifactType::Watermark,
        Artifact::Layout => ArtifactType::Layout,
    };
    ContentTag::Artifact(PdfArtifact::with_kind(kind))
}

/// The marked-content sequence open on the surface, and the rules waiting to be stroked.
struct Painter<'s, 'p> {
    surface: Surface<'s>,
    open: Option<Mark>,
    content: &'p mut [Vec<Identifier>],
    /// Rules of one width, stroked together.
    rules: Option<(f32, PathBuilder)>,
}

impl Painter<'_, '_> {
    /// Makes `mark` the open marked-content sequence.
    fn mark(&mut self, mark: Mark) {
        if self.open == Some(mark) {
            return;
        }
        self.flush_rules();
        if self.open.is_some() {
            self.surface.end_tagged();
        }
        match mark {
            Mark::Node(n) => {
                let id = self
                    .surface
                    .start_tagged(ContentTag::Span(SpanTag::empty()));
                if let Some(c) = self.content.get_mut(n) {
                    c.push(id);
                }
            }
            Mark::Artifact(a) => {
                self.surface.start_tagged(artifact(a));
            }
        }
        self.open = Some(mark);
    }

    fn flush_rules(&mut self) {
        let Some((width, path)) = self.rules.take() else {
            return;
        };
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: gray(0.0).into(),
                width,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.mark(Mark::Artifact(Artifact::Layout));
        if self.rules.as_ref().is_some_and(|r| r.0 != width) {
            self.flush_rules();
        }
        let (_, path) = self
            .rules
            .get_or_insert_with(|| (width, PathBuilder::new()));
        path.move_to(from.0, from.1);
        path.line_to(to.0, to.1);
    }

    fn rect(&mut self, rect: Rect, level: f32) {
        self.mark(Mark::Artifact(Artifact::Layout));
        self.flush_rules();
        let mut b = PathBuilder::new();
        b.push_rect(rect);
        if let Some(path) = b.finish() {
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(fill(level)));
            self.surface.draw_path(&path);
        }
    }

    fn text(&mut self, at: crate::layout::Point, run: &TextRun, fonts: &[Font]) {
        self.mark(run.mark);
        self.flush_rules();
        let (Some(font), Some(last)) = (fonts.get(run.font), run.glyphs.last()) else {
            return;
        };
        let mut text = String::with_capacity(run.glyphs.len() * 3);
        let mut glyphs = Vec::with_capacity(run.glyphs.len());
        for (i, g) in run.glyphs.iter().enumerate() {
            let start = text.len();
            text.push(g.ch);
            // Each glyph's advance is the distance to the next one's position, so the
            // glyphs land where the layout put them.
            let advance = run.glyphs.get(i + 1).map_or(last.advance, |n| n.x - g.x);
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(u32::from(g.id)),
                advance / run.size,
                0.0,
                0.0,
                0.0,
                start..text.len(),
                None,
            ));
        }
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(run.gray)));
        let turned = run.angle != 0.0;
        let origin = if turned {
            // Counter-clockwise on the page, whose y runs downwards.
            let (sin, cos) = run.angle.to_radians().sin_cos();
            let t = Transform::from_row(cos, -sin, sin, cos, at.x, at.y);
            self.surface.push_transform(&t);
            Point::from_xy(0.0, 0.0)
        } else {
            Point::from_xy(at.x, at.y)
        };
        self.surface
            .draw_glyphs(origin, &glyphs, font.clone(), &text, run.size, false);
        if turned {
            self.surface.pop();
        }
    }

    fn finish(mut self) {
        self.flush_rules();
        if self.open.is_some() {
            self.surface.end_tagged();
        }
        self.surface.finish();
    }
}

/// Draws `page`; the identifiers of its marked content (and link annotations) are added to
/// `content`, indexed by structure node.
pub(super) fn page(
    out: &mut PdfPage<'_>,
    page: &Page,
    doc: &Document,
    fonts: &[Font],
    content: &mut [Vec<Identifier>],
) -> Result<(), Error> {
    let mut links = Vec::new();
    let mut p = Painter {
        surface: out.surface(),
        open: None,
        content,
        rules: None,
    };
    for (at, item) in &page.items {
        match item {
            Item::Text(run) => p.text(*at, run, fonts),
            Item::Line { to, width } => p.rule((at.x, at.y), (to.x, to.y), *width),
            Item::Rect { size, gray } => {
                if let Some(r) = Rect::from_xywh(at.x, at.y, size.width, size.height) {
                    p.rect(r, *gray);
                }
            }
            Item::Link {
                size,
                target,
                node,
                alt,
            } => links.push((*at, *size, *target, *node, alt)),
        }
    }
    p.finish();
    for (at, size, target, node, alt) in links {
        if target.page >= doc.pages.len() {
            continue;
        }
        let rect = Rect::from_xywh(at.x, at.y, size.width, size.height)
            .ok_or_else(|| failed("链接区域无效"))?;
        let dest = XyzDestination::new(target.page, Point::from_xy(0.0, target.y));
        let link = LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(dest)));
        let id = out.add_tagged_annotation(Annotation::new_link(link, Some(alt.clone())));
        if let Some(c) = content.get_mut(node) {
            c.push(id);
        }
    }
    Ok(())
}
