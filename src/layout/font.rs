//! Font metrics: the two fonts of the layout (宋体 and 黑体 roles), parsed from bytes with
//! `ttf-parser`, mapping characters to glyphs with their real advances. A character the
//! chosen font lacks is taken from the other font; one that neither has is shown as a
//! white square (□, [`MISSING_GLYPH`]) that still copies out as the character, and is
//! reported, never dropped. (The font's own `.notdef` box is not used: PDF/UA forbids it.)

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use ttf_parser::{name_id, Face, GlyphId};

/// The character whose glyph stands in for one that no font has.
pub const MISSING_GLYPH: char = '□';

/// Which font a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 宋体 role: body text, table cells.
    Serif,
    /// 黑体 role: titles, headings, table headers, totals.
    Sans,
}

impl Role {
    /// Index of the role's font in a [`FontSet`].
    pub fn index(self) -> usize {
        match self {
            Role::Serif => 0,
            Role::Sans => 1,
        }
    }
}

/// One parsed font.
pub struct Font<'a> {
    /// The font file.
    pub data: &'a [u8],
    /// Its PostScript name (for the PDF font dictionary).
    pub name: String,
    face: Face<'a>,
    /// Font units per point at size 1.
    scale: f32,
}

/// The fonts of a document: index 0 serif, index 1 sans.
pub struct FontSet<'a> {
    /// Fonts by index ([`Role::index`]).
    pub fonts: Vec<Font<'a>>,
    /// Characters of the Basic Multilingual Plane already resolved, per role: 0 not yet
    /// looked up, [`NO_GLYPH`] in no font, else `(font + 1) << 16 | glyph id`. A report
    /// looks up the same few thousand characters tens of thousands of times, from
    /// several threads (tables are measured in parallel); every thread stores the same
    /// value, so relaxed atomics suffice.
    resolved: [OnceLock<Box<[AtomicU32]>>; 2],
}

/// See [`FontSet::resolved`].
const NO_GLYPH: u32 = u32::MAX;

/// A character resolved to a glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shaped {
    /// Font index.
    pub font: usize,
    /// Glyph id (0 = missing glyph).
    pub id: u16,
    /// The character.
    pub ch: char,
    /// Advance at size 1 (multiply by the font size).
    pub advance: f32,
}

impl<'a> Font<'a> {
    /// Parses a font file (the first face of a collection).
    pub fn parse(data: &'a [u8], fallback_name: &str) -> Result<Font<'a>, String> {
        let face = Face::parse(data, 0).map_err(|e| e.to_string())?;
        let name = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_graphic()))
            .unwrap_or_else(|| fallback_name.to_owned());
        let scale = 1.0 / f32::from(face.units_per_em().max(1));
        Ok(Font {
            data,
            name,
            face,
            scale,
        })
    }

    /// The glyph for `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    /// Advance of glyph `id` at size 1.
    pub fn advance(&self, id: u16) -> f32 {
        f32::from(self.face.glyph_hor_advance(GlyphId(id)).unwrap_or(0)) * self.scale
    }

    /// Ascender at size 1.
    pub fn ascender(&self) -> f32 {
        f32::from(self.face.ascender()) * self.scale
    }
}

/// Why a font file named in `pdf.yaml` cannot be used, in the clerk's words (the parser's
/// own reason is English and names file-format internals).
fn unreadable(role: &str) -> String {
    format!("pdf.yaml 中{role}的字体文件无法解析，应为 TrueType 或 OpenType 字体（.ttf、.otf）")
}

impl<'a> FontSet<'a> {
    /// A font set from the serif and sans font files.
    pub fn new(serif: &'a [u8], sans: &'a [u8]) -> Result<FontSet<'a>, String> {
        Ok(FontSet {
            resolved: [OnceLock::new(), OnceLock::new()],
            fonts: vec![
                Font::parse(serif, "GongkaiSerif").map_err(|_| unreadable("宋体"))?,
                Font::parse(sans, "GongkaiSans").map_err(|_| unreadable("黑体"))?,
            ],
        })
    }

    /// The font of `role`.
    pub fn font(&self, role: Role) -> &Font<'a> {
        &self.fonts[role.index()]
    }

    /// Resolves `c` in `role`'s font, falling back to the other font; `None` when no font
    /// has it.
    pub fn resolve(&self, role: Role, c: char) -> Option<Shaped> {
        let Ok(code) = u16::try_from(u32::from(c)) else {
            return self.lookup(role, c);
        };
        let table = self.resolved[role.index()]
            .get_or_init(|| (0..1 << 16).map(|_| AtomicU32::new(0)).collect());
        let slot = &table[usize::from(code)];
        let mut value = slot.load(Ordering::Relaxed);
        if value == 0 {
            value = self
                .lookup(role, c)
                .map_or(NO_GLYPH, |g| ((g.font as u32 + 1) << 16) | u32::from(g.id));
            slot.store(value, Ordering::Relaxed);
        }
        match value {
            NO_GLYPH => None,
            v => {
                let font = (v >> 16) as usize - 1;
                let id = (v & 0xFFFF) as u16;
                Some(Shaped {
                    font,
                    id,
                    ch: c,
                    advance: self.fonts[font].advance(id),
                })
            }
        }
    }

    /// [`FontSet::resolve`] without the table of characters already seen.
    fn lookup(&self, role: Role, c: char) -> Option<Shaped> {
        let first = role.index();
        let order = [first, 1 - first];
        order.iter().find_map(|&i| {
            let f = &self.fonts[i];
            f.glyph(c).map(|id| Shaped {
                font: i,
                id,
                ch: c,
                advance: f.advance(id),
            })
        })
    }

    /// Shapes `text` in `role`: one glyph per character (CJK needs no contextual shaping).
    /// Characters no font has become the missing glyph of `role`'s font and are pushed to
    /// `missing`. Control characters other than `\n` are skipped; a tab is a space.
    pub fn shape(&self, role: Role, text: &str, missing: &mut Vec<char>) -> Vec<Shaped> {
        text.chars()
            .filter(|c| *c == '\n' || !c.is_control() || *c == '\t')
            .map(|c| if c == '\t' { ' ' } else { c })
            .map(|c| {
                if c == '\n' {
                    return Shaped {
                        font: role.index(),
                        id: 0,
                        ch: c,
                        advance: 0.0,
                    };
                }
                self.resolve(role, c).unwrap_or_else(|| {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                    match self.resolve(role, MISSING_GLYPH) {
                        Some(square) => Shaped { ch: c, ..square },
                        None => {
                            let f = self.font(role);
                            Shaped {
                                font: role.index(),
                                id: 0,
                                ch: c,
                                advance: f.advance(0),
                            }
                        }
                    }
                })
            })
            .collect()
    }

    /// Width of `text` in `role` at `size` (single line).
    pub fn width(&self, role: Role, text: &str, size: f32) -> f32 {
        let mut sink = Vec::new();
        self.shape(role, text, &mut sink)
            .iter()
            .map(|g| g.advance * size)
            .sum()
    }
}
