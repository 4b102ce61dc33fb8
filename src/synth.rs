//! Synthetic budgets for property tests, benchmarks and scale runs: valid, internally
//! consistent inputs of any size, generated deterministically from a seed.
//!
//! Not used by the report pipeline itself. The random numbers come from SplitMix64, kept
//! here (a dozen lines) so that a seed gives the same budget on every platform and every
//! version, which a general-purpose RNG crate does not promise.

use std::fmt::Write;

use rust_decimal::Decimal;

/// Size of a synthetic department.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Seed: the same spec gives the same text.
    pub seed: u64,
    /// Budget units (≥ 1).
    pub units: usize,
    /// Projects, spread over the units.
    pub projects: usize,
    /// Procurement lines, spread over the projects.
    pub procurement_lines: usize,
    /// Project performance forms (the first `forms` projects get one).
    pub forms: usize,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            seed: 1,
            units: 2,
            projects: 6,
            procurement_lines: 4,
            forms: 2,
        }
    }
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// An amount in 万元 with two decimals, between `lo` and `hi` (whole 万元).
    fn amount(&mut self, lo: u64, hi: u64) -> Decimal {
        let cents = lo * 100 + self.next() % ((hi - lo).max(1) * 100);
        Decimal::new(i64::try_from(cents).unwrap_or(i64::MAX), 2)
    }
}

/// Function classification 项 used for basic expenditure, with their names.
const BASIC_CODES: &[(&str, &str)] = &[
    ("2010101", "行政运行"),
    ("2010301", "行政运行"),
    ("2010601", "行政运行"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2101101", "行政单位医疗"),
    ("2210201", "住房公积金"),
];

/// Function classification 项 used for projects.
const PROJECT_CODES: &[(&str, &str)] = &[
    ("2010102", "一般行政管理事务"),
    ("2010302", "一般行政管理事务"),
    ("2010602", "一般行政管理事务"),
];

/// Economic classification 款 for personnel and public basic expenditure; the personnel
/// of the 项 that an economic 款 mirrors (`catalog::MIRRORS`) goes to that 款 instead.
const PERSONNEL_ECON: &[(&str, &str)] = &[
    ("30101", "基本工资"),
    ("30102", "津贴补贴"),
    ("30103", "奖金"),
];

/// The economic 款 mirroring a basic 项 of `BASIC_CODES`, with its name.
fn mirror_of(code: &str) -> Option<(&'static str, &'static str)> {
    match code {
        "2080505" => Some(("30108", "机关事业单位基本养老保险缴费")),
        "2101101" => Some(("30110", "职工基本医疗保险缴费")),
        "2210201" => Some(("30113", "住房公积金")),
        _ => None,
    }
}
const PUBLIC_ECON: &[(&str, &str)] = &[
    ("30201", "办公费"),
    ("30211", "差旅费"),
    ("30299", "其他商品和服务支出"),
];

/// Splits `total` into `n` two-decimal parts that add up to it exactly.
fn split(rng: &mut SplitMix, total: Decimal, n: usize) -> Vec<Decimal> {
    let cents = (total * Decimal::ONE_HUNDRED).trunc();
    let mut left = cents;
    let mut parts = Vec::with_capacity(n);
    for i in 0..n {
        let part = if i + 1 == n {
            left
        } else {
            let share = Decimal::from(rng.next() % 40 + 10) / Decimal::ONE_HUNDRED;
            (left * share).trunc()
        };
        left -= part;
        parts.push(part / Decimal::ONE_HUNDRED);
    }
    parts
}

/// A complete, valid input file for the spec.
pub fn budget_yaml(spec: &Spec) -> String {
    let mut rng = SplitMix(spec.seed);
    let units = spec.units.max(1);
    let dept = 500 + spec.seed % 400;
    let mut y = String::new();
    let w = &mut y;
    let _ = writeln!(
        w,
        "# 合成数据（seed {}）：{} 个单位，{} 个项目",
        spec.seed, units, spec.projects
    );
    let _ = writeln!(
        w,
        "year: 2025\ndepartment:\n  name: 合成部门{}\n  code: \"{dept}\"\n  region: 合成区",
        spec.seed
    );
    let _ = writeln!(w, "units:");
    for u in 0..units {
        let _ = writeln!(
            w,
            "  - {{ code: \"{dept}{:03}\", name: 合成单位{} }}",
            u + 1,
            u + 1
        );
    }
    let _ = writeln!(
        w,
        "overview:\n  functions: [负责合成事务。, 完成交办的其他任务。]\n  composition: 本部门由 {units} 个预算单位组成。\n  staffing:\n    authorized: [{{ kind: 行政编制, count: 20 }}]\n    as_of: 2024 年 12 月\n    actual: [{{ kind: 行政人员, count: 18 }}]\n    retired: 3"
    );
    // Expenditure, per unit.
    let mut exp = String::from("expenditure:\n");
    let mut econ = String::from("basic_economic:\n");
    let mut income = String::from("income:\n");
    let mut projects = String::from("projects:\n");
    let mut project_econ = String::from("project_economic:\n");
    let mut procurement =
        String::from("procurement:\n  previous: 0\n  reason: 合成数据\n  lines:\n");
    let mut total = Decimal::ZERO;
    let mut public_first_unit = Decimal::ZERO;
    let mut project_no = 0;
    let mut lines_left = spec.procurement_lines;
    for u in 0..units {
        let unit = format!("{dept}{:03}", u + 1);
        let (mut personnel, mut public) = (Decimal::ZERO, Decimal::ZERO);
        // Personnel costs not mirrored by an economic 款 of their own.
        let mut unmirrored = Decimal::ZERO;
        for (code, name) in BASIC_CODES {
            let p = rng.amount(5, 200);
            let q = if code.ends_with("01") && mirror_of(code).is_none() {
                rng.amount(1, 40)
            } else {
                Decimal::ZERO
            };
            match mirror_of(code) {
                Some((e, n)) => {
                    let _ = writeln!(
                        econ,
                        "  - {{ unit: \"{unit}\", code: \"{e}\", name: {n}, personnel: {p} }}"
                    );
                }
                None => unmirrored += p,
            }
            personnel += p;
            public += q;
            let _ = writeln!(exp, "  - {{ unit: \"{unit}\", code: \"{code}\", name: {name}, personnel: {p}, public: {q} }}");
        }
        if u == 0 {
            public_first_unit = public;
        }
        for (parts, codes, key) in [
            (
                split(&mut rng, unmirrored, PERSONNEL_ECON.len()),
                PERSONNEL_ECON,
                "personnel",
            ),
            (
                split(&mut rng, public, PUBLIC_ECON.len()),
                PUBLIC_ECON,
                "public",
            ),
        ] {
            for (v, (code, name)) in parts.iter().zip(codes) {
                let _ = writeln!(
                    econ,
                    "  - {{ unit: \"{unit}\", code: \"{code}\", name: {name}, {key}: {v} }}"
                );
            }
        }
        // This unit's share of the projects, all on one project 项.
        let share = spec.projects / units + usize::from(u < spec.projects % units);
        let (pcode, pname) = PROJECT_CODES[u % PROJECT_CODES.len()];
        let mut unit_projects = Decimal::ZERO;
        // Every third project is funded as 财政专项资金拨款 (the Shenzhen split).
        let mut unit_special = Decimal::ZERO;
        for _ in 0..share {
            project_no += 1;
            let amount = rng.amount(10, 500);
            unit_projects += amount;
            let special = project_no % 3 == 0;
            if special {
                unit_special += amount;
            }
            let allocation = if special {
                "\n    allocation: special"
            } else {
                ""
            };
            let _ = writeln!(
                projects,
                "  - name: 合成项目{project_no}\n    code: \"P{dept}{project_no:05}\"\n    unit: \"{unit}\"\n    category_code: \"31\"\n    category: 本级支出项目\n    kind: 经常性项目\n    function_code: \"{pcode}\"{allocation}\n    amounts: {{ general: {amount} }}\n    purpose: 开展合成项目{project_no}的各项工作"
            );
            if project_no <= spec.forms {
                let _ = writeln!(
                    projects,
                    "    performance:\n      department: 合成部门{s}\n      executor: 合成单位{u1}\n      manager: 张三\n      phone: \"00000000\"\n      category: 特定目标类本级支出\n      frequency: 常年项目\n      basis: 依据部门职责设立。\n      plan: 按计划实施。\n      last_evaluation: 上年评价结果为良好。\n      budget_history: 与上年持平。\n      details: [{{ content: 项目实施, basis: 按实际测算, local: {amount} }}]\n      long_term_goals:\n        - text: 长期目标\n          indicators:\n            - {{ level1: 产出指标, level2: 数量指标, name: 完成事项数, value: ≥10件, basis: 计划数据 }}\n      annual_goals:\n        - text: 年度目标\n          indicators:\n            - {{ level1: 产出指标, level2: 数量指标, name: 完成事项数, value: ≥10件, history: [≥10件, ≥10件], weight: 50, basis: 计划数据 }}\n            - {{ level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: ≥90%, history: [≥90%, ≥90%], weight: 50, basis: 计划数据 }}\n      annual_goal_weights: [100]",
                    s = spec.seed,
                    u1 = u + 1
                );
            }
            // Procurement lines on this project, within its amount.
            let lines_here = if project_no == spec.projects {
                lines_left
            } else {
                (spec.procurement_lines / spec.projects.max(1)).min(lines_left)
            };
            for (k, part) in split(&mut rng, amount / Decimal::TWO, lines_here.max(1))
                .iter()
                .enumerate()
                .take(lines_here)
            {
                let kind = ["A", "B", "C"][k % 3];
                let _ = writeln!(
                    procurement,
                    "    - {{ unit: \"{unit}\", project: 合成项目{project_no}, item_code: {kind}, item_name: 品目{kind}, function_code: \"{pcode}\", economic_code: \"30299\", fund_source: 预算安排, fund_nature: 经费拨款补助, quantity: 1, unit_price: {part}, measure: 项, amount: {part}, sme: {part} }}"
                );
            }
            lines_left -= lines_here;
        }
        let unit_regular = unit_projects - unit_special;
        for (amount, allocation) in [(unit_regular, "regular"), (unit_special, "special")] {
            if !amount.is_zero() {
                let _ = writeln!(exp, "  - {{ unit: \"{unit}\", code: \"{pcode}\", name: {pname}, allocation: {allocation}, project: {amount} }}");
                // The same money by economic classification: regular money on two 款.
                let parts = if allocation == "regular" {
                    split(&mut rng, amount, 2)
                } else {
                    vec![amount]
                };
                for (v, (code, name)) in parts
                    .iter()
                    .zip([("30299", "其他商品和服务支出"), ("30201", "办公费")])
                {
                    let _ = writeln!(project_econ, "  - {{ unit: \"{unit}\", code: \"{code}\", name: {name}, allocation: {allocation}, amount: {v} }}");
                }
            }
        }
        let unit_total = personnel + public + unit_projects;
        total += unit_total;
        let _ = writeln!(
            income,
            "  - {{ unit: \"{unit}\", current: {{ general: {unit_total} }} }}"
        );
    }
    let _ = writeln!(
        w,
        "previous_year:\n  total: {total}\n  general_public: {total}"
    );
    w.push_str(&income);
    w.push_str(&exp);
    w.push_str(&econ);
    if spec.projects > 0 {
        w.push_str(&projects);
        w.push_str(&project_econ);
    }
    let _ = writeln!(
        w,
        "sangong:\n  scope: 本部门各单位\n  outbound: {{ current: 0, previous: 0 }}\n  reception: {{ current: 0, previous: 0 }}\n  vehicle_purchase: {{ current: 0, previous: 0 }}\n  vehicle_operation: {{ current: 0, previous: 0 }}"
    );
    let _ = writeln!(w, "admin_costs:\n  current: {public_first_unit}\n  previous: {public_first_unit}\n  includes: 办公费、差旅费等");
    if spec.procurement_lines > 0 && spec.projects > 0 {
        w.push_str(&procurement);
    }
    let _ = writeln!(
        w,
        "assets:\n  text: 截至 2024 年 12 月 31 日，本部门资产情况良好。\nnarrative:\n  total_change_reason: 合成数据\n  performance:\n    - 所有项目均申报绩效目标。\napproval_date: \"2025-01-20\""
    );
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_budgets_are_valid_and_deterministic() {
        for spec in [
            Spec::default(),
            Spec {
                seed: 7,
                units: 1,
                projects: 0,
                procurement_lines: 0,
                forms: 0,
            },
            Spec {
                seed: 9,
                units: 5,
                projects: 40,
                procurement_lines: 25,
                forms: 10,
            },
        ] {
            let text = budget_yaml(&spec);
            assert_eq!(text, budget_yaml(&spec));
            let loaded = crate::load::parse::<crate::load::schema::Budget>("synth.yaml", &text)
                .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
            let diags = crate::validate::check(&loaded, &crate::validate::Options::default());
            assert!(diags.is_empty(), "{spec:?}: {diags:#?}");
        }
    }
}
