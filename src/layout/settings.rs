//! The PDF layout settings: paper, margins, font sizes, spacing and table rules — the
//! "template" of the PDF. Read from the layout's `pdf.yaml` (so a user overrides it like any
//! template file); every field has a default here, so a partial file is enough.
//!
//! Lengths ending in `_mm` are millimetres, all others points (1/72 inch).

use serde::Deserialize;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// Everything tunable about the PDF layout.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Paper and margins.
    pub page: PageSettings,
    /// Font files replacing the built-in ones.
    pub fonts: FontFiles,
    /// Font sizes.
    pub sizes: Sizes,
    /// Line heights, gaps, indents and cell padding.
    pub spacing: Spacing,
    /// Table rules and behaviour.
    pub table: TableSettings,
    /// Page flow.
    pub flow: Flow,
}

impl Settings {
    /// Parses `pdf.yaml` text.
    pub fn from_yaml(text: &str) -> Result<Settings, String> {
        if text.trim().is_empty() {
            return Ok(Settings::default());
        }
        let s: Settings = serde_yaml::from_str(text).map_err(|e| crate::load::yaml_error(&e))?;
        s.check()?;
        Ok(s)
    }

    /// Refuses settings that leave no usable page: paper, margins and sizes out of range,
    /// a text block too small for a line, sizes that are not numbers.
    pub fn check(&self) -> Result<(), String> {
        let p = &self.page;
        let within = |name: &str, v: f32, lo: f32, hi: f32| -> Result<(), String> {
            if v.is_finite() && (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(format!("{name} 为 {v}，应在 {lo} 至 {hi} 之间"))
            }
        };
        within("page.width_mm", p.width_mm, 50.0, 2000.0)?;
        within("page.height_mm", p.height_mm, 50.0, 2000.0)?;
        for (name, v) in [
            ("page.margin_top_mm", p.margin_top_mm),
            ("page.margin_bottom_mm", p.margin_bottom_mm),
            ("page.margin_left_mm", p.margin_left_mm),
            ("page.margin_right_mm", p.margin_right_mm),
            ("page.landscape_margin_top_mm", p.landscape_margin_top_mm),
            (
                "page.landscape_margin_bottom_mm",
                p.landscape_margin_bottom_mm,
            ),
            ("page.landscape_margin_left_mm", p.landscape_margin_left_mm),
            (
                "page.landscape_margin_right_mm",
                p.landscape_margin_right_mm,
            ),
            ("page.folio_gap_mm", p.folio_gap_mm),
        ] {
            within(name, v, 0.0, 500.0)?;
        }
        let areas = [
            (
                "纵向页面",
                p.width_mm - p.margin_left_mm - p.margin_right_mm,
                p.height_mm - p.margin_top_mm - p.margin_bottom_mm,
            ),
            (
                "横向页面",
                p.height_mm - p.landscape_margin_left_mm - p.landscape_margin_right_mm,
                p.width_mm - p.landscape_margin_top_mm - p.landscape_margin_bottom_mm,
            ),
        ];
        for (what, w, h) in areas {
            if w < 40.0 || h < 40.0 {
                return Err(format!(
                    "{what}除去页边距后的版心为 {w:.0} × {h:.0} mm，至少须 40 × 40 mm"
                ));
            }
        }
        let z = &self.sizes;
        for (name, v) in [
            ("sizes.cover_title", z.cover_title),
            ("sizes.cover_line", z.cover_line),
            ("sizes.part", z.part),
            ("sizes.section", z.section),
            ("sizes.subsection", z.subsection),
            ("sizes.body", z.body),
            ("sizes.toc_title", z.toc_title),
            ("sizes.toc", z.toc),
            ("sizes.folio", z.folio),
            ("sizes.caption", z.caption),
            ("sizes.table", z.table),
            ("sizes.table_min", z.table_min),
            ("sizes.label", z.label),
        ] {
            within(name, v, 4.0, 72.0)?;
        }
        let s = &self.spacing;
        for (name, v, lo, hi) in [
            ("spacing.body_line", s.body_line, 0.8, 4.0),
            ("spacing.table_line", s.table_line, 0.8, 4.0),
            ("spacing.toc_line", s.toc_line, 0.8, 4.0),
            ("spacing.paragraph_gap", s.paragraph_gap, 0.0, 100.0),
            ("spacing.heading_before", s.heading_before, 0.0, 100.0),
            ("spacing.heading_after", s.heading_after, 0.0, 100.0),
            ("spacing.first_line_indent", s.first_line_indent, 0.0, 10.0),
            ("spacing.cell_padding_x", s.cell_padding_x, 0.0, 50.0),
            ("spacing.cell_padding_y", s.cell_padding_y, 0.0, 50.0),
            ("spacing.level_indent", s.level_indent, 0.0, 10.0),
        ] {
            within(name, v, lo, hi)?;
        }
        Ok(())
    }
}

/// Paper size and margins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageSettings {
    /// Paper width (portrait).
    pub width_mm: f32,
    /// Paper height (portrait).
    pub height_mm: f32,
    /// Portrait margins (GB/T 9704: 37 mm top, 28 mm binding side; a 156 × 225 mm block).
    pub margin_top_mm: f32,
    /// Portrait bottom margin.
    pub margin_bottom_mm: f32,
    /// Portrait left margin.
    pub margin_left_mm: f32,
    /// Portrait right margin.
    pub margin_right_mm: f32,
    /// Landscape margins: the same text block turned by 90°.
    pub landscape_margin_top_mm: f32,
    /// Landscape bottom margin.
    pub landscape_margin_bottom_mm: f32,
    /// Landscape left margin.
    pub landscape_margin_left_mm: f32,
    /// Landscape right margin.
    pub landscape_margin_right_mm: f32,
    /// Distance from the bottom of the text block to the page number's baseline area.
    pub folio_gap_mm: f32,
}

impl Default for PageSettings {
    fn default() -> Self {
        PageSettings {
            width_mm: 210.0,
            height_mm: 297.0,
            margin_top_mm: 37.0,
            margin_bottom_mm: 35.0,
            margin_left_mm: 28.0,
            margin_right_mm: 26.0,
            landscape_margin_top_mm: 28.0,
            landscape_margin_bottom_mm: 26.0,
            landscape_margin_left_mm: 37.0,
            landscape_margin_right_mm: 35.0,
            folio_gap_mm: 7.0,
        }
    }
}

/// Font files (paths) replacing the built-in fonts; empty means built-in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FontFiles {
    /// 宋体 role: body text and table cells.
    pub serif: String,
    /// 黑体 role: titles, headings, table headers and totals.
    pub sans: String,
}

/// Font sizes in points (Chinese size names: 一号 26, 二号 22, 三号 16, 四号 14, 小四 12,
/// 五号 10.5, 小五 9).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sizes {
    /// Cover title.
    pub cover_title: f32,
    /// Cover lines (department, date).
    pub cover_line: f32,
    /// Part headings (第一部分).
    pub part: f32,
    /// Section headings (一、).
    pub section: f32,
    /// Subsection headings (（一）) and level 4.
    pub subsection: f32,
    /// Body text.
    pub body: f32,
    /// "目录" heading.
    pub toc_title: f32,
    /// Table of contents entries.
    pub toc: f32,
    /// Page numbers.
    pub folio: f32,
    /// Table captions.
    pub caption: f32,
    /// Table cells.
    pub table: f32,
    /// The smallest size a table may be set in before it wraps harder instead.
    pub table_min: f32,
    /// Table label (预算01表) and unit line.
    pub label: f32,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            cover_title: 26.0,
            cover_line: 16.0,
            part: 16.0,
            section: 14.0,
            subsection: 14.0,
            body: 14.0,
            toc_title: 16.0,
            toc: 12.0,
            folio: 14.0,
            caption: 14.0,
            table: 9.0,
            table_min: 7.0,
            label: 10.5,
        }
    }
}

/// Line heights, gaps and indents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Spacing {
    /// Body line height as a multiple of the font size.
    pub body_line: f32,
    /// Table line height as a multiple of the font size.
    pub table_line: f32,
    /// Table of contents line height as a multiple of the font size.
    pub toc_line: f32,
    /// Extra space between paragraphs.
    pub paragraph_gap: f32,
    /// Space above a heading.
    pub heading_before: f32,
    /// Space below a heading.
    pub heading_after: f32,
    /// First-line indent of paragraphs, in characters (em).
    pub first_line_indent: f32,
    /// Horizontal cell padding.
    pub cell_padding_x: f32,
    /// Vertical cell padding.
    pub cell_padding_y: f32,
    /// Indent per hierarchy level in tables (类 / 款 / 项), in characters.
    pub level_indent: f32,
}

impl Default for Spacing {
    fn default() -> Self {
        Spacing {
            body_line: 1.6,
            table_line: 1.35,
            toc_line: 1.75,
            paragraph_gap: 0.0,
            heading_before: 10.0,
            heading_after: 6.0,
            first_line_indent: 2.0,
            cell_padding_x: 3.0,
            cell_padding_y: 2.5,
            level_indent: 1.0,
        }
    }
}

/// Table rules and behaviour.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TableSettings {
    /// Inner rule width.
    pub rule: f32,
    /// Outer frame width.
    pub frame: f32,
    /// Header cell fill as a gray level (1 = none).
    pub header_fill: f32,
    /// Start every table on a new page.
    pub new_page: bool,
    /// Marker above a table continued from the previous page.
    pub continued: String,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            rule: 0.5,
            frame: 1.0,
            header_fill: 0.92,
            new_page: true,
            continued: "续表".into(),
        }
    }
}

/// Page flow.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Flow {
    /// Start every part (level-1 heading) on a new page.
    pub part_new_page: bool,
    /// The diagonal mark on every page of a draft.
    pub draft_mark: String,
    /// The heading of the table of contents.
    pub contents_title: String,
    /// The line at the top of a continued contents page.
    pub contents_continued: String,
}

impl Default for Flow {
    fn default() -> Self {
        Flow {
            part_new_page: true,
            draft_mark: "草稿".into(),
            contents_title: "目　录".into(),
            contents_continued: "目录（续）".into(),
        }
    }
}
