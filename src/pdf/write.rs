//! Walks a laid-out [`Document`] and draws it with printpdf: text runs become `TJ` arrays of
//! glyph ids (positions from the layout, never re-measured), rules and fills become paths,
//! links become link annotations. Each font is embedded as a subset of only the glyphs the
//! document uses (the `subsetter` crate), renumbered, under a `XXXXXX+Name` subset tag
//! derived from its glyph set, with a ToUnicode map so text copies out as Chinese.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, Color, ColorArray, Destination, FontId, Greyscale, Line,
    LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Pt, Rect, TextItem, TextMatrix,
};
use subsetter::GlyphRemapper;

use super::finish;
use crate::error::Error;
use crate::layout::font::Font;
use crate::layout::{Document, Item, Page, Point, TextRun};

/// A font as embedded: its resource id and the old → new glyph id map.
struct Embedded {
    id: FontId,
    remap: GlyphRemapper,
}

/// Writes `doc` as PDF bytes.
pub(super) fn write(doc: &Document, fonts: &[&[u8]]) -> Result<Vec<u8>, Error> {
    let fonts = fonts
        .iter()
        .enumerate()
        .map(|(i, data)| Font::parse(data, &format!("Font{i}")))
        .collect::<Result<Vec<_>, _>>()
        .map_err(Error::Template)?;
    let mut pdf = PdfDocument::new(&doc.info.title);
    let embedded = embed_fonts(doc, &fonts, &mut pdf)?;
    pdf.pages = doc
        .pages
        .iter()
        .map(|p| PdfPage {
            media_box: Rect::from_wh(Pt(p.size.width), Pt(p.size.height)),
            trim_box: Rect::from_wh(Pt(p.size.width), Pt(p.size.height)),
            crop_box: Rect::from_wh(Pt(p.size.width), Pt(p.size.height)),
            ops: page_ops(p, doc, &embedded),
        })
        .collect();
    let opts = PdfSaveOptions {
        optimize: false,
        // Fonts are already subset (see `embed_fonts`); printpdf embeds them as given.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let lo = pdf.to_lopdf_document(&opts, &mut warnings);
    finish::finish(lo, doc)
}

/// Subsets every font the document uses and registers it with `pdf`.
fn embed_fonts(
    doc: &Document,
    fonts: &[Font<'_>],
    pdf: &mut PdfDocument,
) -> Result<Vec<Option<Embedded>>, Error> {
    let mut used: Vec<BTreeMap<u16, char>> = vec![BTreeMap::new(); fonts.len()];
    for page in &doc.pages {
        for (_, item) in &page.items {
            if let Item::Text(run) = item {
                if let Some(set) = used.get_mut(run.font) {
                    for g in &run.glyphs {
                        set.entry(g.id).or_insert(g.ch);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (font, glyphs) in fonts.iter().zip(&used) {
        if glyphs.is_empty() {
            out.push(None);
            continue;
        }
        let mut remap = GlyphRemapper::new();
        for gid in glyphs.keys() {
            remap.remap(*gid);
        }
        let bytes = subsetter::subset(font.data, 0, &remap)
            .map_err(|e| Error::Template(format!("字体 {} 无法取子集：{e}", font.name)))?;
        let mut parse_warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut parse_warnings)
            .ok_or_else(|| Error::Template(format!("字体 {} 的子集无法解析", font.name)))?;
        let id = FontId(format!("{}+{}", subset_tag(&font.name, glyphs), font.name));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        out.push(Some(Embedded { id, remap }));
    }
    Ok(out)
}

/// Six capital letters naming a subset (ISO 32000 §9.6.4), from a hash of the font name and
/// its glyph set: the same glyphs give the same tag, so output stays byte-identical.
fn subset_tag(name: &str, glyphs: &BTreeMap<u16, char>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    name.bytes().for_each(&mut eat);
    for gid in glyphs.keys() {
        gid.to_be_bytes().into_iter().for_each(&mut eat);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 10)) % 26) as u8))
        .collect()
}

fn gray(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

/// PDF point (y up) of a layout point (y down) on a page of height `h`.
fn flip(p: Point, h: f32) -> printpdf::Point {
    printpdf::Point {
        x: Pt(p.x),
        y: Pt(h - p.y),
    }
}

/// The drawing operations of one page, in the layout's order.
fn page_ops(page: &Page, doc: &Document, embedded: &[Option<Embedded>]) -> Vec<Op> {
    let h = page.size.height;
    let mut ops = Vec::with_capacity(page.items.len() * 3);
    let mut in_text = false;
    let mut font: Option<(usize, f32)> = None;
    let mut fill: Option<f32> = None;
    let mut stroke: Option<f32> = None;
    for (at, item) in &page.items {
        let is_text = matches!(item, Item::Text(_));
        if is_text != in_text {
            ops.push(if is_text {
                Op::StartTextSection
            } else {
                Op::EndTextSection
            });
            in_text = is_text;
            if is_text {
                font = None;
            }
        }
        match item {
            Item::Text(run) => {
                let Some(Some(emb)) = embedded.get(run.font) else {
                    continue;
                };
                if font != Some((run.font, run.size)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(emb.id.clone()),
                        size: Pt(run.size),
                    });
                    font = Some((run.font, run.size));
                }
                if fill != Some(run.gray) {
                    ops.push(Op::SetFillColor {
                        col: gray(run.gray),
                    });
                    fill = Some(run.gray);
                }
                let o = flip(*at, h);
                let matrix = if run.angle == 0.0 {
                    TextMatrix::Translate(o.x, o.y)
                } else {
                    let (sin, cos) = run.angle.to_radians().sin_cos();
                    TextMatrix::Raw([cos, sin, -sin, cos, o.x.0, o.y.0])
                };
                ops.push(Op::SetTextMatrix { matrix });
                ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(codepoints(run, &emb.remap))],
                });
            }
            Item::Line { to, width } => {
                if stroke != Some(*width) {
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    stroke = Some(*width);
                }
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: flip(*at, h),
                                bezier: false,
                            },
                            LinePoint {
                                p: flip(*to, h),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Rect { size, gray: g } => {
                if fill != Some(*g) {
                    ops.push(Op::SetFillColor { col: gray(*g) });
                    fill = Some(*g);
                }
                let mut r = Rect::from_xywh(
                    Pt(at.x),
                    Pt(h - at.y - size.height),
                    Pt(size.width),
                    Pt(size.height),
                );
                r.mode = Some(PaintMode::Fill);
                ops.push(Op::DrawRectangle { rectangle: r });
            }
            Item::Link { size, target } => {
                let Some(dest_page) = doc.pages.get(target.page) else {
                    continue;
                };
                let rect = Rect::from_xywh(
                    Pt(at.x),
                    Pt(h - at.y - size.height),
                    Pt(size.width),
                    Pt(size.height),
                );
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        rect,
                        Actions::Goto(Destination::Xyz {
                            page: target.page + 1,
                            left: None,
                            top: Some(dest_page.size.height - target.y),
                            zoom: None,
                        }),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// A run's glyphs as `TJ` entries: the subset glyph id, its character for ToUnicode, and
/// the adjustment that puts the next glyph where the layout placed it (in thousandths of
/// an em, positive moving left).
fn codepoints(run: &TextRun, remap: &GlyphRemapper) -> Vec<Codepoint> {
    let g = &run.glyphs;
    (0..g.len())
        .map(|i| {
            let offset = g.get(i + 1).map_or(0.0, |next| {
                let gap = next.x - (g[i].x + g[i].advance);
                -gap * 1000.0 / run.size
            });
            // Round to 1/1000 em: invisible, and keeps the content stream short.
            let offset = (offset * 1000.0).round() / 1000.0;
            Codepoint {
                gid: remap.get(g[i].id).unwrap_or(0),
                offset: if offset.abs() < 0.001 { 0.0 } else { offset },
                cid: Some(g[i].ch.to_string()),
            }
        })
        .collect()
}
