//! Paged output, the step between the blocks and the PDF writer: it gathers what the
//! layout needs from the layout's files — the settings of `pdf.yaml`, the font files, the
//! cover's department and date, the document's metadata — runs [`layout`] and hands back
//! a laid-out [`Document`] with the font bytes it refers to. The PDF writer
//! ([`crate::pdf`]) then only draws.
//!
//! Dates come from `SOURCE_DATE_EPOCH` (read by the caller) or the budget year, never the
//! clock, so the same input gives the same file. Text written here has no spaces around
//! figures ("2024年1月"): the layout spaces Chinese and figures itself.

use std::borrow::Cow;

use crate::blocks::Block;
use crate::error::Error;
use crate::layout::{self, Cover, DocInfo, Document, FontSet, Settings};
use crate::model::Meta;
use crate::theme::{self, Theme};

/// Options of paged output.
#[derive(Debug, Clone, Default)]
pub struct PagedOptions {
    /// The document date as seconds since the Unix epoch (`SOURCE_DATE_EPOCH`, read by the
    /// caller). `None`, or a value outside the calendar: 1 January of the budget year.
    pub source_date_epoch: Option<i64>,
}

/// A laid-out document and the fonts its text runs refer to by index.
pub struct Typeset {
    /// The pages, outline, structure and metadata.
    pub document: Document,
    /// The font files, by font index (0 serif, 1 sans).
    pub fonts: Vec<Cow<'static, [u8]>>,
    /// One warning per character that no font has, naming it and where it occurs.
    pub warnings: Vec<String>,
}

/// China Standard Time, in which the cover and the metadata give the date.
fn china_time() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8))
}

/// The document's date and the cover's date line: the day of `epoch` in China, or, without
/// one, January of the budget year.
pub(crate) fn document_date(epoch: Option<i64>, year: i32) -> (jiff::civil::DateTime, String) {
    let stamp = epoch.and_then(|e| jiff::Timestamp::from_second(e).ok());
    match stamp {
        Some(ts) => {
            let d = ts.to_zoned(china_time()).datetime();
            (d, format!("{}年{}月{}日", d.year(), d.month(), d.day()))
        }
        None => {
            let y = i16::try_from(year).unwrap_or(1970);
            let d = jiff::civil::date(y, 1, 1).at(0, 0, 0, 0);
            (d, format!("{y}年1月"))
        }
    }
}

/// Lays out `blocks` for print with the layout's `pdf.yaml` and fonts.
pub fn typeset(
    blocks: &[Block],
    meta: &Meta,
    theme: &Theme,
    opts: &PagedOptions,
) -> Result<Typeset, Error> {
    let settings = Settings::from_yaml(theme.files.get("pdf.yaml").map_or("", String::as_str))
        .map_err(|e| Error::Template(format!("pdf.yaml：{e}")))?;
    let serif = theme::font_file(
        &settings.fonts.serif,
        theme::SERIF_FONT,
        theme.dir.as_deref(),
    )?;
    let sans = theme::font_file(&settings.fonts.sans, theme::SANS_FONT, theme.dir.as_deref())?;
    let (document, missing) = {
        let fonts = FontSet::new(&serif, &sans).map_err(Error::Font)?;
        let (created, date) = document_date(opts.source_date_epoch, meta.year);
        let fill = |pattern: &str| {
            pattern
                .replace("{department}", &meta.department_full)
                .replace("{department_short}", &meta.department)
                .replace("{region}", &meta.region)
                .replace("{year}", &meta.year.to_string())
                .replace("{document}", &meta.document)
                .replace("{date}", &date)
        };
        let cover = Cover {
            lines: match &theme.info.cover {
                Some(lines) => lines.iter().map(|l| fill(l)).collect(),
                None => vec![meta.department_full.clone(), date.clone()],
            },
            draft: meta.draft,
        };
        let title = blocks
            .iter()
            .find_map(|b| match b {
                Block::Title { text } => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let info = DocInfo {
            title,
            author: meta.department_full.clone(),
            subject: fill(
                theme
                    .info
                    .subject
                    .as_deref()
                    .unwrap_or("{department}{year}年{document}"),
            ),
            lang: "zh-CN".into(),
            created,
            id_seed: format!(
                "{}|{}|{}",
                meta.department_code, meta.department_full, meta.year
            ),
        };
        layout::layout(blocks, &cover, info, &fonts, &settings)
    };
    let warnings = missing
        .iter()
        .map(|m| {
            format!(
                "字符“{}”（U+{:04X}）在 PDF 字体中没有字形，显示为空框：{}",
                m.ch, m.ch as u32, m.place
            )
        })
        .collect();
    Ok(Typeset {
        document,
        fonts: vec![serif, sans],
        warnings,
    })
}

#[cfg(test)]
mod tests;
