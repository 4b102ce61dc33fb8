//! State-owned assets (国有资产占有使用情况) as the narrative prints them: the figures by
//! category at a date, their totals, and their changes since the opening date.

use serde::Serialize;

use crate::load::schema::Assets;
use crate::num::{Change, Money};

/// A calendar date, in parts a template prints as it likes (`2024 年 12 月 31 日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DateParts {
    /// Year.
    pub year: i16,
    /// Month, 1–12.
    pub month: i8,
    /// Day of month.
    pub day: i8,
}

impl DateParts {
    fn parse(s: Option<&str>) -> Option<DateParts> {
        let d = s?.trim().parse::<jiff::civil::Date>().ok()?;
        Some(DateParts {
            year: d.year(),
            month: d.month(),
            day: d.day(),
        })
    }
}

/// One category of assets.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AssetItem {
    /// 通用设备, 专用设备 ….
    pub name: String,
    /// Amount at the closing date.
    pub closing: Money,
    /// Amount at the opening date, when given.
    pub opening: Option<Money>,
    /// Closing against opening, when the opening is given.
    pub change: Option<Change>,
}

/// The asset figures of the narrative.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AssetFigures {
    /// True when figures were entered (otherwise only `text` prints).
    pub has_figures: bool,
    /// The closing date (截至).
    pub as_of: Option<DateParts>,
    /// The opening date (年初), when opening figures are given.
    pub since: Option<DateParts>,
    /// Categories in input order.
    pub categories: Vec<AssetItem>,
    /// 资产总额 at the closing date.
    pub closing_total: Money,
    /// 资产总额 at the opening date, when every category has one.
    pub opening_total: Option<Money>,
    /// The total's change, when the opening total exists.
    pub change: Option<Change>,
    /// Vehicles (辆).
    pub vehicles: Option<u32>,
    /// Houses and buildings (处).
    pub houses: Option<u32>,
    /// Remarks (or the whole description where no figures are given).
    pub text: String,
}

/// The asset figures of a budget.
pub(super) fn derive(a: &Assets) -> AssetFigures {
    let categories: Vec<AssetItem> = a
        .categories
        .iter()
        .map(|c| AssetItem {
            name: c.name.clone(),
            closing: c.closing,
            opening: c.opening,
            change: c.opening.map(|o| Change::new(c.closing, o)),
        })
        .collect();
    let closing_total: Money = categories.iter().map(|c| c.closing).sum();
    let opening_total = (!categories.is_empty() && categories.iter().all(|c| c.opening.is_some()))
        .then(|| categories.iter().filter_map(|c| c.opening).sum::<Money>());
    AssetFigures {
        has_figures: !categories.is_empty(),
        as_of: DateParts::parse(a.as_of.as_deref()),
        since: DateParts::parse(a.since.as_deref()),
        change: opening_total.map(|o| Change::new(closing_total, o)),
        categories,
        closing_total,
        opening_total,
        vehicles: a.vehicles,
        houses: a.houses,
        text: a.text.clone(),
    }
}
