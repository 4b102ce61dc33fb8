//! The figures of part 2's last sections: 其他重要事项 (机关运行经费, 政府采购, 购买服务,
//! 国有资产, 绩效) and the "三公" 经费 with their changes against last year.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{assets, part, Ctx, Part};
use crate::load::schema::Budget;
use crate::num::{percent, Change, Money};

/// Part 2 section 十.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OtherMatters {
    /// 机关运行经费 vs last year.
    pub admin_costs: Change,
    /// Reason for its change.
    pub admin_costs_reason: Option<String>,
    /// What it covers.
    pub admin_costs_includes: String,
    /// 政府采购 total.
    pub procurement_total: Money,
    /// Compared with last year, when last year's figure is given.
    pub procurement_change: Option<Change>,
    /// Reason for the procurement change.
    pub procurement_reason: Option<String>,
    /// By kind (goods, works, services): key, amount, description.
    pub procurement_kinds: Vec<Part>,
    /// 面向中小企业 total.
    pub procurement_sme: Money,
    /// Share reserved for SMEs.
    pub procurement_sme_share: Option<Decimal>,
    /// 政府购买服务 total.
    pub services_total: Money,
    /// Compared with last year, when given.
    pub services_change: Option<Change>,
    /// Distinct service contents, in order.
    pub services_contents: Vec<String>,
    /// 国有资产占有使用情况: figures, totals, changes and remarks.
    pub assets: assets::AssetFigures,
    /// 预算绩效 authored paragraphs.
    pub performance: Vec<String>,
    /// True when every project has a performance form.
    pub all_projects_have_forms: bool,
    /// True when the department form is present.
    pub has_department_form: bool,
}

/// Part 3 figures.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SangongFigures {
    /// 单位范围.
    pub scope: String,
    /// Total vs last year.
    pub total: Change,
    /// Reason for the total's change.
    pub reason: Option<String>,
    /// 因公出国(境)费.
    pub outbound: SangongLine,
    /// 公务接待费.
    pub reception: SangongLine,
    /// 公务用车购置及运行维护费.
    pub vehicles: Change,
    /// 公务用车购置费.
    pub vehicle_purchase: SangongLine,
    /// 公务用车运行维护费.
    pub vehicle_operation: SangongLine,
}

/// One "三公" item.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct SangongLine {
    /// This year vs last year.
    pub change: Change,
    /// Reason for the change.
    pub reason: Option<String>,
    /// Further explanation.
    pub note: Option<String>,
}

pub(super) fn other_matters(ctx: &Ctx<'_>) -> OtherMatters {
    let b = ctx.budget;
    let pr = &b.procurement;
    let total: Money = pr.lines.iter().map(|l| l.amount).sum();
    let kind_total = |letter: char| -> Money {
        pr.lines
            .iter()
            .filter(|l| l.item_code.starts_with(letter))
            .map(|l| l.amount)
            .sum()
    };
    let d = &pr.descriptions;
    let procurement_kinds = [
        ("goods", "货物类", 'A', &d.goods),
        ("works", "工程类", 'B', &d.works),
        ("services", "服务类", 'C', &d.services),
    ]
    .iter()
    .map(|(k, n, letter, text)| {
        let mut p = part(k, n, kind_total(*letter), total);
        p.purpose = (*text).clone();
        p
    })
    .filter(|p| !p.amount.is_zero())
    .collect();
    let sme: Money = pr.lines.iter().map(|l| l.sme).sum();
    let svc = &b.purchased_services;
    let services_total: Money = svc.lines.iter().map(|l| l.amount).sum();
    let mut contents: Vec<String> = Vec::new();
    for l in &svc.lines {
        if !contents.contains(&l.content) {
            contents.push(l.content.clone());
        }
    }
    OtherMatters {
        admin_costs: Change::new(b.admin_costs.current, b.admin_costs.previous),
        admin_costs_reason: b.admin_costs.reason.clone(),
        admin_costs_includes: b.admin_costs.includes.clone(),
        procurement_total: total,
        procurement_change: pr.previous.map(|p| Change::new(total, p)),
        procurement_reason: pr.reason.clone(),
        procurement_kinds,
        procurement_sme: sme,
        procurement_sme_share: percent(sme, total),
        services_total,
        services_change: svc.previous.map(|p| Change::new(services_total, p)),
        services_contents: contents,
        assets: assets::derive(&b.assets),
        performance: b.narrative.performance.clone(),
        all_projects_have_forms: b.projects.iter().all(|p| p.performance.is_some()),
        has_department_form: b.department_performance.is_some(),
    }
}

pub(super) fn sangong(b: &Budget) -> SangongFigures {
    let s = &b.sangong;
    let line = |i: &crate::load::schema::SangongItem| SangongLine {
        change: Change::new(i.current, i.previous),
        reason: i.reason.clone(),
        note: i.note.clone(),
    };
    let items = [
        &s.outbound,
        &s.reception,
        &s.vehicle_purchase,
        &s.vehicle_operation,
    ];
    SangongFigures {
        scope: s.scope.clone(),
        total: Change::new(
            items.iter().map(|i| i.current).sum(),
            items.iter().map(|i| i.previous).sum(),
        ),
        reason: s.reason.clone(),
        outbound: line(&s.outbound),
        reception: line(&s.reception),
        vehicles: Change::new(
            s.vehicle_purchase.current + s.vehicle_operation.current,
            s.vehicle_purchase.previous + s.vehicle_operation.previous,
        ),
        vehicle_purchase: line(&s.vehicle_purchase),
        vehicle_operation: line(&s.vehicle_operation),
    }
}
