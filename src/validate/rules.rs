//! The rule catalogue: every rule's stable ID, severity, one-line description and basis.
//! `gongkai rules` prints this table; `tests.rs` asserts each rule has a triggering case.

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
    /// Why the rule exists, and the regulation it comes from where there is one.
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

const OPEN_RULES: &str = "《地方预决算公开操作规程》（财预〔2016〕143号）";
const EVALUATION: &str = "《项目支出绩效评价管理办法》（财预〔2020〕10号）：单位自评";
const CLASSIFICATION: &str =
    "《政府收支分类科目》：支出功能分类公开到项级，基本支出经济分类公开到款级";

/// Every rule, in ID order.
pub const RULES: &[Rule] = &[
    rule(
        "AMT-001",
        Error,
        "数字位数过多，无法精确读取",
        "金额须精确，不得有浮点误差",
    ),
    rule(
        "AMT-002",
        Error,
        "金额写法不合法（千分位、全角数字、非有限数等）",
        "金额须为半角数字",
    ),
    rule(
        "AMT-003",
        Error,
        "金额的小数位多于设定精度",
        "公开报表按设定的小数位列示，录入精度不得超过它（或 display.input_decimals）",
    ),
    rule(
        "AMT-004",
        Error,
        "出现负数",
        "预算数不为负；调减须在说明中写明",
    ),
    rule(
        "AMT-005",
        Warning,
        "金额异常大，可能单位有误",
        "金额单位为万元；阈值为版式设置 checks.max_amount",
    ),
    rule(
        "COD-001",
        Error,
        "科目编码格式错误（功能分类项级 7 位、经济分类款级 5 位数字）",
        CLASSIFICATION,
    ),
    rule(
        "COD-002",
        Error,
        "同一科目编码出现两个不同名称",
        "同一科目只能有一个名称",
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
        "报表须列示类、款名称，子科目须挂在已有上级科目下",
    ),
    rule(
        "COD-005",
        Warning,
        "科目编码不在内置目录中",
        "请核对是否为当年有效科目",
    ),
    rule(
        "COD-006",
        Error,
        "采购或购买服务明细的科目不是本部门使用的科目",
        "明细须落在支出预算已列示的科目上",
    ),
    rule(
        "EVL-001",
        Error,
        "预算支出执行率与金额不符（四舍五入不能解释）",
        "执行率 = 实际支出 ÷ 预算 × 100%，保留两位小数；按区间比较：两位小数的金额代表 ±0.005 的区间",
    ),
    rule(
        "EVL-002",
        Warning,
        "预算支出执行率与金额相差在金额四舍五入范围内",
        "按 XBRL Calculations 1.1 的区间比较；公开表按所录金额计算执行率",
    ),
    rule(
        "EVL-003",
        Error,
        "实际支出超过预算（合计或某一资金来源）且未说明原因",
        EVALUATION,
    ),
    rule(
        "EVL-004",
        Error,
        "预算为零却有实际支出（执行率无法计算）",
        EVALUATION,
    ),
    rule("EVL-005", Error, "金额为负数", "预算与实际支出不为负"),
    rule(
        "EVL-006",
        Error,
        "金额的小数位多于设定精度",
        "自评表按设定的小数位（万元两位）列示，录入精度不得超过它",
    ),
    rule(
        "EVL-007",
        Warning,
        "绩效指标只填了年度指标内容或完成情况之一",
        "自评须逐项对照年初目标填写完成情况",
    ),
    rule("EVL-008", Error, "项目重名", "同一项目只录一次"),
    rule(
        "EVL-009",
        Error,
        "必填内容为空（项目、项目名称、年初绩效目标、完成情况、存在的问题）",
        "公开文本须完整",
    ),
    rule(
        "EVL-010",
        Warning,
        "写明了存在的问题但没有整改情况",
        EVALUATION,
    ),
    rule(
        "EVL-011",
        Error,
        "文字中留有占位符（XX、××、待填写、某某、{…}）",
        "公开文本须完整",
    ),
    rule(
        "EVL-012",
        Warning,
        "文字中出现与评价年度不符的年份",
        "防止沿用往年文字",
    ),
    rule("EVL-013", Error, "评价年度不合理", "年度为四位年份"),
    rule("EXP-001", Error, "收支总预算有增减但未说明原因", OPEN_RULES),
    rule(
        "EXP-002",
        Error,
        "一般公共预算拨款有增减但未说明原因",
        OPEN_RULES,
    ),
    rule(
        "EXP-003",
        Error,
        "“三公”经费有增减但未说明原因",
        "《预算法》第十四条；“三公”经费预算须说明增减变化原因",
    ),
    rule(
        "EXP-004",
        Warning,
        "机关运行经费有增减但未说明原因",
        OPEN_RULES,
    ),
    rule(
        "EXP-005",
        Warning,
        "政府采购预算缺少上年数或增减原因",
        OPEN_RULES,
    ),
    rule(
        "EXP-006",
        Warning,
        "未记录预算批复日期",
        "《预算法》第十四条：批复后二十日内公开",
    ),
    rule(
        "EXP-007",
        Warning,
        "已超过批复后 20 日的公开时限",
        "《预算法》第十四条；天数为版式设置 checks.publish_within_days",
    ),
    rule(
        "EXP-008",
        Error,
        "文字中留有占位符（XX、××、待填写、某某、{…}）",
        "公开文本须完整",
    ),
    rule(
        "EXP-009",
        Warning,
        "文字中出现与预算年度不符的年份",
        "防止沿用往年文字",
    ),
    rule(
        "EXP-010",
        Error,
        "政府采购品目无法归入货物、工程或服务",
        "《政府采购品目分类目录》：A 货物、B 工程、C 服务",
    ),
    rule(
        "PDF-001",
        Warning,
        "PDF 字体中没有某个字符（该字会缺失）",
        "公开文本须完整可读；可在 pdf.yaml 中换用含该字的字体",
    ),
    rule(
        "PRF-001",
        Warning,
        "绩效指标分值权重合计不等于 100",
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）",
    ),
    rule(
        "PRF-002",
        Warning,
        "绩效指标值无法识别（应如 ≥95%、=100%、5件、0次）",
        "绩效指标应细化、量化",
    ),
    rule(
        "PRF-003",
        Warning,
        "年度目标的指标权重比例合计不等于 100%",
        "《项目支出绩效评价管理办法》（财预〔2020〕10号）",
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
        "RND-001",
        Warning,
        "录入的合计与明细之和相差在四舍五入范围内",
        "按 XBRL Calculations 1.1 的区间比较：显示值 d 代表 [d − u/2, d + u/2)",
    ),
    rule(
        "RND-002",
        Error,
        "录入的增减额或增减幅度与数字不符（含以本年数为基数的错误）",
        "增减幅度 =（本年 − 上年）÷ 上年",
    ),
    rule(
        "RND-003",
        Warning,
        "显示值因四舍五入加不平（上级 ≠ 下级显示值之和）",
        "公开报表应可相加；可开启尾差调整（display.adjust_rounding）",
    ),
    rule(
        "SET-001",
        Error,
        "采购或购买服务明细挂在项目清单以外的项目上",
        "项目在各表中应为同一集合",
    ),
    rule(
        "SET-002",
        Error,
        "绩效目标申报表的项目名称与项目清单不一致",
        "同一项目在各表中名称一致",
    ),
    rule("SET-003", Error, "项目重名", "同一项目只录一次"),
    rule(
        "SET-004",
        Error,
        "项目代码重复或前后不一致",
        "每个项目一个代码",
    ),
    rule(
        "SET-005",
        Warning,
        "明细的功能科目与所属项目的功能科目不一致",
        "项目支出应在其功能科目下列支",
    ),
    rule(
        "SET-006",
        Error,
        "版式列示的政府采购明细字段缺失",
        "采购表按版式列示项目、科目、资金来源、数量和单价，须逐条填写",
    ),
    rule(
        "SET-007",
        Error,
        "项目预算执行时间不合法",
        "执行时间为 YYYY-MM-DD 日期，起不晚于止，且与预算年度相交",
    ),
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
    rule("STR-007", Error, "必填文字为空", "公开文本须完整"),
    rule("STR-008", Error, "预算年度不合理", "年度为四位年份"),
    rule(
        "STR-009",
        Warning,
        "单位编码不以部门编码开头",
        "预算单位编码通常为部门编码加顺序号",
    ),
    rule("STR-010", Error, "部门或单位编码含非数字字符", "编码为数字"),
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
        "录入的合计数与明细之和不一致（超出四舍五入范围）",
        "类 = Σ款 = Σ项；合计 = Σ明细",
    ),
    rule(
        "SUM-005",
        Error,
        "“三公”经费少于经济分类中对应科目（30217、30231）",
        "“三公”经费须涵盖基本支出中的公务接待费、公务用车运行维护费",
    ),
    rule(
        "SUM-006",
        Error,
        "政府采购明细算不平（数量 × 单价、面向中小企业份额）",
        "采购金额 = 数量 × 单价；面向小微企业 ≤ 面向中小企业 ≤ 采购金额",
    ),
    rule(
        "SUM-007",
        Error,
        "采购或购买服务明细超过所属项目预算",
        "明细须在项目预算之内",
    ),
    rule(
        "SUM-008",
        Error,
        "项目绩效目标申报表的支出明细与项目预算不符",
        "申报表金额须与项目预算一致",
    ),
    rule(
        "SUM-009",
        Error,
        "整体绩效目标表历年收入与支出不相等",
        "收支平衡",
    ),
    rule(
        "SUM-010",
        Error,
        "同一事实两处数字不一致（整体绩效目标表上年数与上年预算）",
        "同一事实只有一个数",
    ),
    rule(
        "SUM-011",
        Error,
        "项目支出按拨款方式或经济分类的合计与功能分类不符",
        "同一笔项目支出在功能分类、经济分类、项目清单中按单位、资金来源和拨款方式（一般性经费/专项资金/政府投资项目）须一致",
    ),
    rule(
        "SUM-012",
        Error,
        "各单位人员编制合计与部门人员构成不符",
        "编制数、实有人数、退休人数在部门和单位两处录入时须一致",
    ),
    rule(
        "SUM-013",
        Error,
        "上年各类支出合计与上年一般公共预算拨款不符",
        "逐类与上年比较的底数须加总为上年一般公共预算拨款",
    ),
    rule(
        "TGT-001",
        Error,
        "绩效目标表资金总额按收入性质分与按支出性质分不相等",
        "年度预算申请按收入性质分与按支出性质分是同一笔资金的两种划分，合计须相等",
    ),
    rule(
        "TGT-002",
        Error,
        "专项资金各支出方向金额之和与部门整体表的项目支出不一致",
        "专项资金汇总表合计即项目支出预算；同一笔钱两张表只有一个数",
    ),
    rule(
        "TGT-003",
        Error,
        "绩效目标表金额的小数位多于 4 位（万元精确到元）",
        "绩效目标表金额以万元为单位、精确到元，至多 4 位小数",
    ),
    rule("TGT-004", Error, "绩效目标表金额为负数", "预算金额不为负"),
    rule(
        "TGT-005",
        Error,
        "录入的印刷数（资金总额、汇总表合计、汇总表中的方向金额）与计算值不一致",
        "同一事实只有一个数；合计 = Σ明细",
    ),
    rule(
        "TGT-006",
        Warning,
        "产出成本指标值与对应的预算金额不一致",
        "成本指标“≤X万元”应以该支出方向（部门整体表为项目支出或资金总额）的预算为上限",
    ),
    rule(
        "TGT-007",
        Warning,
        "汇总表抄录的绩效目标与支出方向绩效目标表不一致",
        "汇总表的实施期、年度绩效目标抄自各支出方向绩效目标表，文字应一致",
    ),
    rule(
        "TGT-008",
        Error,
        "绩效目标表的必填内容为空、仍是占位符，或资金总额为零",
        "绩效目标应完整、指向明确、细化量化（《中央部门预算绩效目标管理办法》，财预〔2015〕88号）",
    ),
    rule(
        "TGT-009",
        Error,
        "支出方向（子项）名称重复",
        "每个支出方向只填一张绩效目标表，汇总表每行一个方向",
    ),
    rule(
        "TGT-010",
        Warning,
        "测算依据（人数 × 标准 × 月数）与指标值人数或预算金额不符",
        "按人头、标准测算的经费：人数之和应等于指标值，年度金额应等于预算",
    ),
    rule(
        "TGT-011",
        Warning,
        "文字以逗号、顿号等结尾，疑似不完整",
        "公开文本的句子应完整，句末不应是逗号或顿号",
    ),
    rule(
        "TGT-012",
        Warning,
        "年度绩效指标缺少产出指标或效益指标",
        "绩效指标主要包括产出指标、效益指标和满意度指标（《中央部门预算绩效目标管理办法》，财预〔2015〕88号）",
    ),
];

/// The rule with this ID.
pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
