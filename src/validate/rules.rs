//! The rule catalogue: every rule's stable ID, severity, one-line description and basis.
//! `gongkai rules` prints this table; tests assert each rule has a triggering fixture.

use crate::error::Severity;

/// A validation rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable ID, e.g. `SUM-001`.
    pub id: &'static str,
    /// Error (must not publish) or warning (a reviewer should look).
    pub severity: Severity,
    /// One-line Chinese description.
    pub title: &'static str,
    /// Why the rule exists / where it comes from.
    pub basis: &'static str,
}

const fn rule(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    basis: &'static str,
) -> Rule {
    Rule {
        id,
        severity,
        title,
        basis,
    }
}

use Severity::{Error, Warning};

/// Every rule, in ID order.
pub const RULES: &[Rule] = &[
    rule(
        "AMT-001",
        Error,
        "数字位数过多，无法精确读取",
        "金额须精确到分，不得有浮点误差",
    ),
    rule(
        "AMT-002",
        Error,
        "金额写法不合法（千分位、全角数字、非有限数等）",
        "金额须为半角数字",
    ),
    rule(
        "COD-001",
        Error,
        "科目编码格式错误（功能分类项级 7 位、经济分类款级 5 位数字）",
        "《政府收支分类科目》；功能分类细化到项、基本支出经济分类细化到款",
    ),
    rule(
        "COD-002",
        Error,
        "同一科目编码出现两个不同名称",
        "科目名称须唯一",
    ),
    rule(
        "COD-003",
        Error,
        "科目名称与内置目录的官方名称不一致",
        "《政府收支分类科目》",
    ),
    rule(
        "COD-004",
        Error,
        "上级科目（类/款）缺少名称",
        "报表须列示类、款名称",
    ),
    rule(
        "COD-005",
        Warning,
        "科目编码不在内置目录中",
        "请核对是否为当年有效科目",
    ),
    rule(
        "REF-001",
        Error,
        "引用了不存在的预算单位",
        "各明细须归属到已列示的预算单位",
    ),
    rule(
        "REF-002",
        Error,
        "有多个预算单位时，明细必须写明 unit",
        "各明细须归属到已列示的预算单位",
    ),
    rule("REF-003", Error, "预算单位编码重复", "预算单位编码须唯一"),
    rule(
        "STR-001",
        Error,
        "文件无法读取为 YAML（编码、语法）",
        "输入须为 UTF-8 编码的 YAML",
    ),
    rule("STR-002", Error, "未知字段或取值", "字段名须与输入格式一致"),
    rule("STR-003", Error, "缺少必填字段", "字段名须与输入格式一致"),
    rule("STR-004", Error, "键重复", "同一事实只录入一次"),
    rule("STR-005", Error, "类型错误", "字段类型须与输入格式一致"),
    rule(
        "STR-006",
        Error,
        "至少需要一个预算单位",
        "部门预算由预算单位汇总而成",
    ),
    rule(
        "SUM-001",
        Error,
        "收入与支出不相等（按单位、资金来源）",
        "《预算法》第十二条：收支平衡；本年收入合计 + 上年结转 = 收入总计 = 支出总计",
    ),
    rule(
        "SUM-002",
        Error,
        "基本支出经济分类与功能分类不一致（按单位，人员经费/公用经费）",
        "经济分类基本支出合计须等于功能分类基本支出合计",
    ),
    rule(
        "SUM-003",
        Error,
        "项目清单合计与项目支出不一致（按单位、资金来源）",
        "项目支出预算表须与支出预算总表一致",
    ),
    rule(
        "SUM-004",
        Error,
        "录入的合计数与明细之和不一致",
        "类 = Σ款 = Σ项；合计 = Σ明细",
    ),
];

/// The rule with this ID.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
