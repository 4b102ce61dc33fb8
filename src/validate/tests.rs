//! Every rule of the catalogue has a triggering case here (changes to the minimal valid
//! input, with the rule, field and line it must report), and the clean inputs trigger no
//! error. Adding a rule without a case fails `every_rule_has_a_triggering_case`.

use super::*;
use crate::error::Error;
use crate::load;

const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.yaml");

/// A procurement section inserted before `approval_date` (valid as written).
const PROC: &str = "procurement:
  previous: 2
  lines:
    - project: 测试项目
      item_code: A
      item_name: 货物
      function_code: \"2014002\"
      economic_code: \"30201\"
      fund_source: 预算安排
      fund_nature: 经费拨款补助
      quantity: 2
      unit_price: 1
      measure: 台
      amount: 2
      sme: 1
      small_micro: 0.5
";

/// A project performance form inserted after the project's purpose (valid as written).
const PERF: &str = "    performance:
      department: 测试局
      executor: 测试局
      manager: 张三
      phone: \"1\"
      category: 运转类
      frequency: 常年项目
      basis: 依据
      plan: 方案
      last_evaluation: 良好
      budget_history: 无变化
      details:
        - { content: 甲, basis: 乙, local: 20 }
      long_term_goals:
        - text: 长期
          indicators:
            - { level1: 产出指标, level2: 数量指标, name: 件数, value: 5件, basis: 计划 }
      annual_goals:
        - text: 年度
          indicators:
            - { level1: 产出指标, level2: 数量指标, name: 件数, value: 5件, weight: 50, basis: 计划 }
            - { level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, value: ≥95%, weight: 50, basis: 计划 }
      annual_goal_weights: [100]
";

/// A department performance form appended at the end (valid as written).
const DEPT: &str = "department_performance:
  name: 测试局
  filler: 李四
  phone: \"1\"
  history:
    fiscal: [90, 100]
    personnel: [70, 75]
    operation: [10, 10]
    specific: [10, 15]
  functions: [职能]
  tasks: [任务]
  long_term_goals: []
  annual_goals: []
";

/// Control totals and printed changes that agree with the minimal input (after its
/// `general_public` is set to 120, so the general appropriation decreases).
const STATED: &str = "stated:
  income_total: 110.5
  expenditure_total: 110.5
  basic: 90.5
  project: 20
  function_totals: [{ code: \"201\", amount: 110.5 }, { code: \"20140\", amount: 110.5 }]
  economic_totals: [{ code: \"301\", amount: 80.25 }]
  changes:
    - { subject: total, amount: 10.5, percent: 10.5 }
    - { subject: general, amount: -9.5, percent: -7.9 }
    - { subject: admin_costs, amount: 0 }
narrative:";

fn options() -> Options {
    Options {
        settings: Settings::default(),
        today: Some("2025-02-01".into()),
    }
}

/// All diagnostics for `text`, from loading or from the rules.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    match load::parse::<Budget>("t.yaml", text) {
        Ok(l) => check(&l, &options()),
        Err(Error::Invalid(d)) => d,
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn apply(changes: &[(&str, &str)]) -> String {
    super::cases::apply(MINIMAL, changes)
}

const APPROVAL: &str = "approval_date: \"2025-01-20\"";
const PURPOSE: &str = "    purpose: 测试\n";

fn with_proc(edit: (&str, &str)) -> Vec<(String, String)> {
    let proc = PROC.replacen(edit.0, edit.1, 1);
    vec![(APPROVAL.into(), format!("{proc}{APPROVAL}"))]
}

fn with_perf(edit: (&str, &str)) -> Vec<(String, String)> {
    let perf = PERF.replacen(edit.0, edit.1, 1);
    vec![(PURPOSE.into(), format!("{PURPOSE}{perf}"))]
}

/// A project form and a department form, the department form edited.
fn with_both(edit: (&str, &str)) -> Vec<(String, String)> {
    let mut v = with_perf(("", ""));
    v.extend(with_dept(edit));
    v
}

/// Two projects with forms whose annual goal reads the same.
fn copied_goal() -> Vec<(String, String)> {
    let form = PERF.replacen(
        "        - text: 年度\n",
        "        - text: 全年按时完成全部测试任务\n",
        1,
    );
    let second = format!(
        "  - name: 测试项目二\n    category: 本级支出项目\n    function_code: \"2014002\"\n    amounts:\n      general: 5\n    purpose: 测试二\n{}",
        form.replacen("local: 20", "local: 5", 1)
    );
    vec![
        (PURPOSE.into(), format!("{PURPOSE}{form}{second}")),
        ("    project: 20\n".into(), "    project: 25\n".into()),
        ("general: 110.5".into(), "general: 115.5".into()),
    ]
}

fn with_dept(edit: (&str, &str)) -> Vec<(String, String)> {
    let dept = DEPT.replacen(edit.0, edit.1, 1);
    vec![(APPROVAL.into(), format!("{APPROVAL}\n{dept}"))]
}

/// `changes` on an input declared as copied from a report printed with two decimals.
fn transcribed(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v = vec![(
        "year: 2025".to_owned(),
        "year: 2025\ndisplay:\n  transcribed_decimals: 2".to_owned(),
    )];
    v.extend(
        changes
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned())),
    );
    v
}

/// The minimal input's second 项 replaced by one the catalogue does not know, named under
/// `codes:` with the given extra fields (`, description: …` or nothing).
fn new_item(extra: &str) -> Vec<(String, String)> {
    vec![
        (
            "code: \"2014002\"\n    name: 一般行政管理事务".into(),
            "code: \"2014088\"\n    name: 新设事务".into(),
        ),
        (
            "function_code: \"2014002\"".into(),
            "function_code: \"2014088\"".into(),
        ),
        (
            APPROVAL.into(),
            format!("{APPROVAL}\ncodes:\n  - {{ code: \"2014088\", name: 新设事务{extra} }}"),
        ),
    ]
}

fn one(from: &str, to: &str) -> Vec<(String, String)> {
    vec![(from.into(), to.into())]
}

/// Text replacements applied to the minimal input.
type Changes = Vec<(String, String)>;

/// (rule, changes, expected field, expected line; "" / 0 = not checked)
fn cases() -> Vec<(&'static str, Changes, &'static str, usize)> {
    vec![
        ("AMT-001", one("general: 110.5", "general: 110.5000000000000000001"), "income[0].current.general", 27),
        ("AMT-002", one("general: 110.5", "general: \"110,5\""), "income[0].current.general", 27),
        ("AMT-003", one("general: 110.5", "general: 110.505"), "income[0].current.general", 27),
        ("AMT-004", one("  previous: 10.25\n", "  previous: -10.25\n"), "admin_costs.previous", 58),
        ("AMT-005", one("  previous: 10.25\n", "  previous: 2000000\n"), "admin_costs.previous", 58),
        ("AMT-006", one("general: 110.5", "general: 待填"), "income[0].current.general", 27),
        ("AST-001", one("assets:\n  text: 无自有房屋。", "assets:\n  as_of: \"2024-13-31\"\n  categories: [{ name: 通用设备, closing: 5 }]"), "assets.as_of", 61),
        ("AST-002", one("assets:\n  text: 无自有房屋。", "assets:\n  as_of: \"2025-06-30\"\n  categories: [{ name: 通用设备, closing: 5 }]"), "assets.as_of", 61),
        ("AST-003", one("assets:\n  text: 无自有房屋。", "assets:\n  since: \"2024-01-01\"\n  as_of: \"2024-12-31\"\n  categories:\n    - { name: 通用设备, opening: 4, closing: 5 }\n    - { name: 家具用具, closing: 1 }"), "assets.categories[1]", 65),
        ("AST-004", one("assets:\n  text: 无自有房屋。", "assets:\n  as_of: \"2024-12-31\"\n  categories:\n    - { name: 通用设备, closing: 5 }\n    - { name: 通用设备, closing: 1 }"), "assets.categories[1].name", 64),
        ("COD-001", one("code: \"2014002\"\n    name: 一般行政管理事务", "code: \"201402\"\n    name: 一般行政管理事务"), "expenditure[1].code", 33),
        ("COD-002", one("code: \"2014002\"\n    name: 一般行政管理事务\n    project: 20", "code: \"2014002\"\n    name: 一般行政管理事务\n    project: 10\n  - code: \"2014002\"\n    name: 一般行政事务\n    project: 10"), "expenditure[2].name", 37),
        ("COD-003", one("name: 办公费", "name: 办公经费"), "basic_economic[1].name", 41),
        ("COD-004", one("code: \"2014002\"\n    name: 一般行政管理事务", "code: \"9990101\"\n    name: 某事务"), "expenditure[1].code", 33),
        ("COD-005", one("code: \"2014002\"\n    name: 一般行政管理事务", "code: \"2014088\"\n    name: 新设事务"), "expenditure[1].name", 34),
        ("COD-006", with_proc(("function_code: \"2014002\"", "function_code: \"2014009\"")), "procurement.lines[0].function_code", 72),
        ("COD-007", new_item(""), "expenditure[1].code", 33),
        ("EXP-001", one("  total_change_reason: 人员增加\n", ""), "narrative", 62),
        ("EXP-002", vec![("  total: 100\n".into(), "  total: 110.5\n".into()), ("  total_change_reason: 人员增加\n".into(), String::new())], "narrative", 62),
        ("EXP-003", one("reception: { current: 0, previous: 0 }", "reception: { current: 1, previous: 0 }"), "sangong.reception", 53),
        ("EXP-004", one("  previous: 10.25\n", "  previous: 12\n"), "admin_costs", 56),
        ("EXP-005", with_proc(("  previous: 2\n", "")), "procurement", 66),
        ("EXP-006", one(APPROVAL, ""), "approval_date", 0),
        ("EXP-007", one(APPROVAL, "approval_date: \"2025-01-01\""), "approval_date", 66),
        ("EXP-008", one("composition: 本部门只有本级一个预算单位。", "composition: 本部门由XX个预算单位组成。"), "overview.composition", 12),
        ("EXP-009", one("  text: 无自有房屋。", "  text: 截至2019年12月31日，无自有房屋。"), "assets.text", 61),
        ("EXP-011", one("  total_change_reason: 人员增加\n", "  total_change_reason: 与上年基本持平\n"), "narrative.total_change_reason", 63),
        ("EXP-012", vec![("  name: 测试局\n  code".into(), "  name: 示例区测试局\n  code".into()), ("  total_change_reason: 人员增加\n".into(), "  total_change_reason: 区财政局追加人员经费\n".into())], "narrative.total_change_reason", 63),
        ("EXP-010", with_proc(("item_code: A", "item_code: D")), "procurement.lines[0].item_code", 70),
        ("PRF-001", with_perf(("weight: 50, basis", "weight: 40, basis")), "projects[0].performance.annual_goals[0].indicators", 69),
        ("PRF-002", with_perf(("value: ≥95%", "value: 5件以上之类的")), "projects[0].performance.annual_goals[0].indicators[1].value", 71),
        ("PRF-003", with_perf(("[100]", "[90]")), "projects[0].performance.annual_goal_weights", 72),
        ("PRF-004", { let mut c = with_perf(("local: 20", "local: 0")); c.push(("amounts:\n      general: 20".into(), "amounts: {}".into())); c }, "projects[0].performance", 49),
        ("PRF-005", with_both(("annual_goals: []", "annual_goals:\n    - text: 部门年度\n      indicators:\n        - { level1: 产出指标, level2: 数量指标, name: 件数, value: 6件, basis: 计划 }")), "projects[0].performance.annual_goals[0].indicators[0]", 70),
        ("PRF-006", with_both(("long_term_goals: []", "long_term_goals:\n    - text: 部门长期\n      indicators:\n        - { level1: 产出指标, level2: 数量指标, name: 件数, value: 9件, basis: 计划 }")), "projects[0].performance.long_term_goals[0].indicators[0]", 66),
        ("PRF-007", with_perf(("        - text: 年度\n", "        - text: 年度完成件数达到8件\n")), "projects[0].performance.annual_goals[0].text", 68),
        ("PRF-008", one("  - name: 测试项目\n", "  - name: 测试项目\n    code: \"2014002\"\n"), "projects[0].code", 45),
        ("PRF-009", copied_goal(), "projects[1].performance.annual_goals[0].text", 97),
        ("REF-001", one("  - current:\n      general: 110.5", "  - unit: \"901002\"\n    current:\n      general: 110.5"), "income[0].unit", 26),
        ("REF-002", one("units:\n  - code: \"901001\"\n    name: 测试局本级", "units:\n  - code: \"901001\"\n    name: 测试局本级\n  - code: \"901002\"\n    name: 测试中心"), "income[0]", 28),
        ("REF-001", with_proc(("    - project: 测试项目\n", "    - project: 测试项目\n      unit: \"901009\"\n")), "procurement.lines[0].unit", 70),
        ("REF-004", one("  total_change_reason: 人员增加\n", "  total_change_reason: 人员增加\n  function_purposes:\n    - { code: \"205\", text: 教育培训 }\n"), "narrative.function_purposes[0].code", 65),
        ("REF-005", one("    function_code: \"2014002\"\n    amounts:", "    function_code: \"2014001\"\n    amounts:"), "projects[0].function_code", 46),
        ("REF-003", one("units:\n  - code: \"901001\"\n    name: 测试局本级", "units:\n  - code: \"901001\"\n    name: 测试局本级\n  - code: \"901001\"\n    name: 测试中心"), "units[1].code", 9),
        ("RND-001", transcribed(&[("narrative:", "stated:\n  basic: 90.49\nnarrative:")]), "stated.basic", 65),
        ("RND-002", one("narrative:", "stated:\n  changes:\n    - { subject: total, amount: 10.5, percent: 9.5 }\n    - { subject: general, amount: 10.5, percent: 10.5 }\nnarrative:"), "stated.changes[0].percent", 64),
        ("RND-004", one("narrative:", "stated:\n  shares:\n    - { subject: basic, percent: 81 }\nnarrative:"), "stated.shares[0].percent", 64),
        ("SET-001", with_proc(("project: 测试项目", "project: 不存在的项目")), "procurement.lines[0].project", 69),
        ("SET-002", with_perf(("      department: 测试局\n", "      name: 测试项目二\n      department: 测试局\n")), "projects[0].performance.name", 51),
        ("SET-003", one("projects:\n", "projects:\n  - name: 测试项目\n    category: 本级支出项目\n    amounts: {}\n    purpose: 重复\n"), "projects[1].name", 48),
        ("SET-004", vec![("  - name: 测试项目\n".into(), "  - name: 测试项目\n    code: \"P1\"\n".into()), (PURPOSE.into(), format!("{PURPOSE}{}", PERF.replacen("      department", "      code: \"P2\"\n      department", 1)))], "projects[0].performance.code", 52),
        ("SET-005", with_proc(("function_code: \"2014002\"", "function_code: \"2014001\"")), "procurement.lines[0].function_code", 72),
        ("SET-006", with_proc(("      measure: 台\n", "")), "procurement.lines[0]", 69),
        ("SET-007", one(PURPOSE, "    purpose: 测试\n    period: { start: \"2025-12-31\", end: \"2025-01-01\" }\n"), "projects[0].period", 50),
        ("STR-001", one("  name: 测试局\n", "  name: \"测试局\n"), "", 0),
        ("STR-002", one("year: 2025", "yaer: 2025"), "", 2),
        ("STR-003", one("year: 2025\n", ""), "", 0),
        ("STR-004", one("year: 2025", "year: 2025\nyear: 2025"), "year", 3),
        ("STR-005", one("year: 2025", "year: 今年"), "year", 2),
        ("STR-006", one("units:\n  - code: \"901001\"\n    name: 测试局本级", "units: []"), "units", 6),
        ("STR-007", one("composition: 本部门只有本级一个预算单位。", "composition: \"\""), "overview.composition", 12),
        ("STR-008", one("year: 2025", "year: 1925"), "year", 2),
        ("STR-009", one("  - code: \"901001\"", "  - code: \"801001\""), "units[0].code", 7),
        ("STR-011", one("composition: 本部门只有本级一个预算单位。", "composition: 本部门只有本级\u{202E}一个预算单位。"), "overview.composition", 12),
        ("STR-012", one("        count: 5\n", "        count: 4294967295\n"), "overview.staffing.authorized[0].count", 16),
        ("STR-013", one(APPROVAL, "approval_date: \"9999-12-31\""), "approval_date", 66),
        ("STR-010", one("  code: \"901\"", "  code: \"9O1\""), "department.code", 5),
        ("STR-014", one("  - code: \"2014001\"", "  - code: 2014001"), "expenditure[0].code", 29),
        ("SUM-001", one("general: 110.5", "general: 110.4"), "income[0].current.general", 27),
        ("SUM-002", one("personnel: 80.25\n  - code: \"30201\"", "personnel: 80.15\n  - code: \"30201\""), "basic_economic", 36),
        ("SUM-003", one("amounts:\n      general: 20", "amounts:\n      general: 19"), "projects", 43),
        ("SUM-004", one("narrative:", "stated:\n  basic: 90\nnarrative:"), "stated.basic", 63),
        ("SUM-005", one("  - code: \"30201\"\n    name: 办公费\n    public: 10.25", "  - code: \"30201\"\n    name: 办公费\n    public: 9.25\n  - code: \"30217\"\n    name: 公务接待费\n    public: 1"), "sangong.reception.current", 56),
        ("SUM-006", with_proc(("amount: 2\n", "amount: 3\n")), "procurement.lines[0].amount", 79),
        ("SUM-007", with_proc(("quantity: 2\n      unit_price: 1\n      measure: 台\n      amount: 2\n", "quantity: 25\n      unit_price: 1\n      measure: 台\n      amount: 25\n")), "procurement.lines[0].amount", 79),
        ("SUM-008", with_perf(("local: 20", "local: 19")), "projects[0].amounts", 47),
        ("SUM-009", with_dept(("personnel: [70, 75]", "personnel: [71, 75]")), "department_performance.history", 71),
        ("SUM-010", with_dept(("fiscal: [90, 100]", "fiscal: [90, 101]")), "department_performance.history.fiscal[1]", 72),
        ("SUM-011", one("    name: 一般行政管理事务\n", "    name: 一般行政管理事务\n    allocation: special\n"), "projects[0].allocation", 45),
        ("SUM-012", one("    name: 测试局本级\n", "    name: 测试局本级\n    staffing: { admin_posts: 4, admin_actual: 4, retired: 1 }\n"), "overview.staffing.authorized", 15),
        ("SUM-013", one("  general_public: 100\n", "  general_public: 100\n  general_classes: [{ code: \"201\", amount: 90 }]\n"), "previous_year.general_public", 24),
        ("SUM-014", one("  general_public: 100\n", "  general_public: 100\n  basic: 80\n  project: 21\n"), "previous_year.total", 23),
        ("SUM-015", vec![("    personnel: 80.25\n    public: 10.25\n".into(), "    personnel: 70.25\n    public: 10.25\n  - code: \"2210201\"\n    name: 住房公积金\n    personnel: 10\n".into()), ("  - code: \"30101\"\n    name: 基本工资\n    personnel: 80.25\n".into(), "  - code: \"30101\"\n    name: 基本工资\n    personnel: 71.25\n  - code: \"30113\"\n    name: 住房公积金\n    personnel: 9\n".into())], "basic_economic[1]", 43),
    ]
}

#[test]
fn every_case_triggers_its_rule_where_expected() {
    super::cases::check_cases(
        MINIMAL,
        &cases(),
        diagnostics,
        &super::cases::Strictness {
            others_allowed: true,
        },
    );
}

#[test]
fn every_rule_has_a_triggering_case() {
    // PDF-001 is found while laying out the PDF; tests/pdf.rs triggers it. The rules of
    // the other document kinds have their cases beside their checks (`targets/tests.rs`,
    // `selfeval/tests.rs`).
    let families: Vec<&str> = RULES
        .iter()
        .map(|r| &r.id[..4])
        .filter(|f| !["PDF-", "TGT-", "EVL-"].contains(f))
        .collect();
    super::cases::every_rule_has_a_case(&families, &cases());
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "rule IDs are unique and in order");
}

/// Every rule ID written in the source (a string literal like `"SUM-001"` anywhere under
/// `src/`, tests aside) is in the catalogue (or the workbook import's, `import::RULES`): an ID that is not would be reported with a
/// guessed severity and no explanation in `gongkai rules`.
#[test]
fn every_reported_rule_id_is_catalogued() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs")
                && p.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut unknown = Vec::new();
    let mut seen = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).expect("source");
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices('"') {
            // `"ABC-123"`: three capitals, a hyphen, three digits, a closing quote.
            let id = &bytes[i + 1..bytes.len().min(i + 9)];
            let is_id = id.len() == 8
                && id[..3].iter().all(u8::is_ascii_uppercase)
                && id[3] == b'-'
                && id[4..7].iter().all(u8::is_ascii_digit)
                && id[7] == b'"';
            if is_id {
                seen += 1;
                let id = std::str::from_utf8(&id[..7]).expect("ascii");
                let imported = crate::import::RULES.iter().any(|(r, _, _)| *r == id);
                if super::rules::find(id).is_none() && !imported {
                    unknown.push(format!("{}: {id}", f.display()));
                }
            }
        }
    }
    assert!(
        seen > 100,
        "the scan finds the rule IDs in the source ({seen})"
    );
    assert!(
        unknown.is_empty(),
        "rule IDs not in the catalogue: {unknown:?}"
    );
}

#[test]
fn passing_fixtures_trigger_nothing() {
    // The building blocks of the cases are valid on their own.
    for (name, text) in [
        ("minimal", MINIMAL.to_owned()),
        (
            "with procurement",
            apply(&[(APPROVAL, &format!("{PROC}{APPROVAL}"))]),
        ),
        (
            "with stated totals and signed changes",
            apply(&[
                ("  general_public: 100", "  general_public: 120"),
                ("narrative:", STATED),
            ]),
        ),
        (
            "with project form",
            apply(&[(PURPOSE, &format!("{PURPOSE}{PERF}"))]),
        ),
        (
            "with a 项 described under codes:",
            super::cases::apply(MINIMAL, &new_item(", description: 反映新设事务方面的支出。")),
        ),
        (
            "with a project period and a special allocation",
            apply(&[
                (
                    PURPOSE,
                    "    purpose: 测试\n    allocation: special\n    period: { start: \"2025-01-01\", end: \"2025-12-31\" }\n",
                ),
                (
                    "    name: 一般行政管理事务\n",
                    "    name: 一般行政管理事务\n    allocation: special\n",
                ),
            ]),
        ),
        (
            "with unit staffing and last year's classes",
            apply(&[
                (
                    "    name: 测试局本级\n",
                    "    name: 测试局本级\n    staffing: { admin_posts: 5, admin_actual: 4, retired: 1 }\n",
                ),
                (
                    "  general_public: 100\n",
                    "  general_public: 100\n  general_classes: [{ code: \"201\", amount: 100 }]\n",
                ),
                // The vehicles' history names old years without being stale text.
                (
                    "  composition: 本部门只有本级一个预算单位。\n",
                    "  composition: 本部门只有本级一个预算单位。\n  vehicles_note: 2016年车改后保留车辆 1辆\n",
                ),
            ]),
        ),
        (
            "with department form",
            apply(&[(APPROVAL, &format!("{APPROVAL}\n{DEPT}"))]),
        ),
        (
            "with asset figures and their printed totals",
            apply(&[
                (
                    "assets:\n  text: 无自有房屋。",
                    "assets:\n  since: \"2024-01-01\"\n  as_of: \"2024-12-31\"\n  categories:\n    - { name: 通用设备, opening: 4, closing: 5.5 }\n    - { name: 家具用具, opening: 1, closing: 1 }\n  vehicles: 1",
                ),
                (
                    "narrative:",
                    "stated:\n  assets:\n    opening_total: 5\n    closing_total: 6.5\n    change: 1.5\n    categories: [{ name: 通用设备, amount: 1.5, percent: 37.5 }]\nnarrative:",
                ),
            ]),
        ),
        (
            "with both forms sharing an indicator, stated alike in a goal text",
            apply(&[
                (
                    PURPOSE,
                    &format!(
                        "{PURPOSE}{}",
                        PERF.replacen("        - text: 年度\n", "        - text: 年度完成件数5件\n", 1)
                    ),
                ),
                (
                    APPROVAL,
                    &format!(
                        "{APPROVAL}\n{}",
                        DEPT.replacen(
                            "annual_goals: []",
                            "annual_goals:\n    - text: 部门年度件数达到5件\n      indicators:\n        - { level1: 产出指标, level2: 数量指标, name: 件数, value: 5件, basis: 计划 }",
                            1
                        )
                    ),
                ),
            ]),
        ),
    ] {
        let diags = diagnostics(&text);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
    }
}

#[test]
fn item_descriptions_are_asked_for_only_where_the_layout_prints_them() {
    let text = super::cases::apply(MINIMAL, &new_item(""));
    let loaded = load::parse::<Budget>("t.yaml", &text).expect("loads");
    let cod007 = |settings: Settings| {
        let opts = Options {
            settings,
            today: Some("2025-02-01".into()),
        };
        check(&loaded, &opts)
            .iter()
            .filter(|d| d.rule == "COD-007")
            .count()
    };
    assert_eq!(cod007(Settings::default()), 1);
    let quiet = Settings {
        item_descriptions: Some(false),
        ..Settings::default()
    };
    assert_eq!(cod007(quiet), 0);
}

#[test]
fn examples_have_no_errors_and_jianghan_shows_its_published_problems_as_warnings() {
    let example = diagnostics(include_str!("../../inputs/example-2025.yaml"));
    assert!(example.is_empty(), "{example:#?}");
    let jianghan = diagnostics(include_str!("../../inputs/jianghan-2024.yaml"));
    let mut rules: Vec<&str> = jianghan.iter().map(|d| d.rule).collect();
    rules.sort_unstable();
    // The published narrative gives no reason for the changes of 机关运行经费 and 政府采购,
    // nor an approval date (its contradictions are in tests/published.rs).
    assert_eq!(rules, ["EXP-004", "EXP-005", "EXP-006"]);
    assert!(jianghan.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn free_sections_are_checked_as_text_and_as_the_layout_requires_them() {
    let with = |sections: &str| format!("{MINIMAL}sections:\n{sections}");
    let rules = |text: &str, settings: Settings| {
        let loaded = load::parse::<Budget>("t.yaml", text).expect("loads");
        let opts = Options {
            settings,
            today: Some("2025-02-01".into()),
        };
        check(&loaded, &opts)
            .into_iter()
            .map(|d| (d.rule, d.field, d.line))
            .collect::<Vec<_>>()
    };
    let lines = MINIMAL.lines().count();
    // A text (one paragraph a line) and a list of paragraphs are both fine.
    let good = with("  机构设置: |\n    本部门内设办公室。\n    下设一个事业单位。\n  工作安排:\n    - 第一段。\n");
    assert_eq!(rules(&good, Settings::default()), vec![]);
    let loaded = load::parse::<Budget>("t.yaml", &good).expect("loads");
    assert_eq!(loaded.doc.sections["机构设置"].0.len(), 2);
    // Empty, a placeholder and a stale year, each at its line.
    let bad = with("  机构设置: \"\"\n  工作安排: 【待填写】工作安排\n  历史: 2019年设立。\n");
    let found = rules(&bad, Settings::default());
    assert!(
        found.contains(&("STR-007", "sections.机构设置".into(), lines + 2)),
        "{found:?}"
    );
    assert!(
        found.iter().any(|d| d.0 == "EXP-008" && d.2 == lines + 3),
        "{found:?}"
    );
    assert!(
        found.iter().any(|d| d.0 == "EXP-009" && d.2 == lines + 4),
        "{found:?}"
    );
    // A section the layout prints is required.
    let needs = Settings {
        sections: vec!["机构设置".into()],
        ..Settings::default()
    };
    let found = rules(MINIMAL, needs.clone());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "STR-007");
    assert_eq!(rules(&good, needs), vec![]);
}
