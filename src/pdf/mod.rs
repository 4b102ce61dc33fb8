//! PDF output: blocks → [`crate::layout`] → a PDF file. This module prepares what
//! the layout needs (settings from `pdf.yaml`, font bytes, the cover's date) and writes the
//! laid-out [`Document`](crate::layout::Document) with printpdf; it never measures, wraps
//! or paginates — any layout decision found here is a bug.
//!
//! ```text
//! mod.rs     render(): settings, fonts, date, layout, write
//! write.rs   Document → printpdf pages (text runs, rules, fills, links), subset fonts
//! finish.rs  the document-level parts printpdf leaves out: nested outline, page labels,
//!            language, metadata, a fixed document ID (so output is byte-identical)
//! ```

mod finish;
mod write;

use crate::blocks::Block;
use crate::error::Error;
use crate::layout::{self, Cover, FontSet, Settings};
use crate::model::Meta;
use crate::theme::{self, Theme};

/// Options of one PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// The document date as seconds since the Unix epoch (`SOURCE_DATE_EPOCH`, read by the
    /// caller). `None`: 1 January of the budget year.
    pub source_date_epoch: Option<i64>,
}

/// A calendar date and time (China Standard Time, UTC+8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

/// China Standard Time offset from UTC, in seconds.
const CST_OFFSET: i64 = 8 * 3600;

impl Stamp {
    /// The date and time in UTC+8 of `epoch` seconds since 1970-01-01T00:00:00Z.
    fn from_epoch(epoch: i64) -> Stamp {
        let t = epoch + CST_OFFSET;
        let days = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Stamp {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs % 3600 / 60) as u32,
            second: (secs % 60) as u32,
        }
    }

    /// Midnight of 1 January of `year`.
    fn new_year(year: i32) -> Stamp {
        Stamp {
            year: i64::from(year),
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// The PDF date string (`D:20240101000000+08'00'`).
    pub(crate) fn pdf(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}+08'00'",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Writes `blocks` as a PDF. Returns the file and warnings (one per character that no font
/// has, naming the character and where it occurs).
pub fn render(
    blocks: &[Block],
    meta: &Meta,
    theme: &Theme,
    opts: &PdfOptions,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    let settings = Settings::from_yaml(theme.files.get("pdf.yaml").map_or("", String::as_str))
        .map_err(|e| Error::Template(format!("pdf.yaml：{e}")))?;
    let serif = theme::font_file(
        &settings.fonts.serif,
        theme::SERIF_FONT,
        theme.dir.as_deref(),
    )?;
    let sans = theme::font_file(&settings.fonts.sans, theme::SANS_FONT, theme.dir.as_deref())?;
    let fonts = FontSet::new(&serif, &sans).map_err(Error::Template)?;

    let (stamp, date_line) = match opts.source_date_epoch {
        Some(e) => {
            let s = Stamp::from_epoch(e);
            (s, format!("{} 年 {} 月 {} 日", s.year, s.month, s.day))
        }
        None => (Stamp::new_year(meta.year), format!("{} 年 1 月", meta.year)),
    };
    let cover = Cover {
        department: meta.department_full.clone(),
        date: date_line,
        draft: meta.draft,
    };
    let (doc, missing) = layout::layout(blocks, &cover, &fonts, &settings);
    let warnings = missing
        .iter()
        .map(|m| {
            format!(
                "字符“{}”（U+{:04X}）在 PDF 字体中没有字形，显示为空框：{}",
                m.ch, m.ch as u32, m.place
            )
        })
        .collect();
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title { text } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let info = finish::Info {
        title,
        author: meta.department_full.clone(),
        subject: format!("{} {} 年{}", meta.department_full, meta.year, meta.document),
        date: stamp.pdf(),
        id_seed: format!(
            "{}|{}|{}",
            meta.department_code, meta.department_full, meta.year
        ),
    };
    let bytes = write::write(&doc, &fonts, &info)?;
    Ok((bytes, warnings))
}

#[cfg(test)]
mod tests;
