//! The Shenzhen layout's tables (表1 … 表14) as the importer recognises them: titles and
//! header texts, as `specs.rs` has them for the standard layout.

use super::specs::{col, under, Col, Spec, TableId};

/// The 18 amount columns of the Shenzhen tables 2, 4 and 5 (appropriations split).
const SPLIT: [Col; 18] = [
    col("total", &["收入总计", "总计"]),
    under("current", &["合计"], "本年收入"),
    under("fiscal", &["小计"], "财政拨款"),
    under("general", &["小计"], "一般公共财政预算拨款"),
    col("general_regular", &["一般性经费拨款"]),
    col("general_special", &["财政专项资金拨款"]),
    under(
        "general_investment",
        &["政府投资项目"],
        "一般公共财政预算拨款",
    ),
    under("fund", &["小计"], "政府性基金预算拨款"),
    col("fund_regular", &["其他政府性基金"]),
    under("fund_investment", &["政府投资项目"], "政府性基金预算拨款"),
    col(
        "special_account",
        &["财政专户拨款（教育收费）", "财政专户拨款"],
    ),
    col("business", &["事业收入"]),
    col("operating", &["经营收入"]),
    col("other", &["其他收入"]),
    col("superior", &["上级补助收入"]),
    col("affiliated", &["附属单位上缴收入"]),
    col("reserve", &["用事业基金弥补收支差额"]),
    col("carryover", &["上年结转"]),
];

const SZ_UNIT: Col = col("unit", &["预算单位"]);
const SZ_ECON: Col = col(
    "name",
    &[
        "支出项目类别（按支出经济科目编列至“款”级）",
        "支出项目类别",
        "经济科目",
    ],
);

const fn with_first<const N: usize>(first: Col) -> [Col; N] {
    let mut out = [first; N];
    let mut i = 1;
    while i < N {
        out[i] = SPLIT[i - 1];
        i += 1;
    }
    out
}

const SZ_INCOME: [Col; 19] = with_first(SZ_UNIT);
const SZ_ECONOMIC: [Col; 19] = with_first(SZ_ECON);

const SZ_TWO_SIDED: &[Col] = &[
    under("in_name", &["收入项目", "项目"], "收入"),
    under("in_amount", &["预算数", "金额", "*年预算"], "收入"),
    under("out_name", &["支出项目", "项目"], "支出"),
    under("out_amount", &["预算数", "金额", "*年预算"], "支出"),
];

const SZ_FUNCTION: &[Col] = &[
    SZ_UNIT,
    col(
        "code",
        &["科目编码（按支出功能科目编码列至“项”级）", "科目编码"],
    ),
    col(
        "name",
        &["科目名称（按支出功能科目编码列至“项”级）", "科目名称"],
    ),
    col("total", &["支出总计", "合计"]),
    col("basic", &["基本支出"]),
    col("project", &["项目支出"]),
];

/// The tables of the Shenzhen layout.
pub(crate) const SHENZHEN: &[Spec] = &[
    Spec {
        id: TableId::S01,
        label: "表1",
        title: &["收支总表"],
        not: &["政府预算拨款", "财政拨款"],
        columns: SZ_TWO_SIDED,
    },
    Spec {
        id: TableId::S02,
        label: "表2",
        title: &["收入总表"],
        not: &[],
        columns: &SZ_INCOME,
    },
    Spec {
        id: TableId::S03,
        label: "表3",
        title: &["支出总表"],
        not: &["基本", "项目", "收支"],
        columns: &[
            SZ_UNIT,
            col("total", &["支出总计"]),
            col("basic", &["基本支出"]),
            col("project", &["项目支出"]),
            col("procurement", &["其中：政府采购", "政府采购"]),
        ],
    },
    Spec {
        id: TableId::S04,
        label: "表4",
        title: &["基本支出总表"],
        not: &[],
        columns: &SZ_ECONOMIC,
    },
    Spec {
        id: TableId::S05,
        label: "表5",
        title: &["项目支出总表"],
        not: &[],
        columns: &SZ_ECONOMIC,
    },
    Spec {
        id: TableId::S06,
        label: "表6",
        title: &["政府预算拨款收支总表"],
        not: &[],
        columns: SZ_TWO_SIDED,
    },
    Spec {
        id: TableId::S07,
        label: "表7",
        title: &["一般公共预算支出表"],
        not: &["功能", "单位", "基本", "三公"],
        columns: SZ_FUNCTION,
    },
    Spec {
        id: TableId::S08,
        label: "表8",
        title: &["政府性基金预算支出表"],
        not: &[],
        columns: SZ_FUNCTION,
    },
    Spec {
        id: TableId::S09,
        label: "表9",
        title: &["国有资本经营预算支出表"],
        not: &[],
        columns: SZ_FUNCTION,
    },
    Spec {
        id: TableId::S10,
        label: "表10",
        title: &["上级专项转移支付支出表"],
        not: &[],
        columns: SZ_FUNCTION,
    },
    Spec {
        id: TableId::S11,
        label: "表11",
        title: &["政府采购项目支出表"],
        not: &[],
        columns: &[
            SZ_UNIT,
            col("code", &["品目编码"]),
            col("item", &["品目名称"]),
            col("amount", &["金额"]),
        ],
    },
    Spec {
        id: TableId::S12,
        label: "表12",
        title: &["三公"],
        not: &[],
        columns: &[
            SZ_UNIT,
            col("year", &["年度"]),
            col("total", &["总计"]),
            col("outbound", &["因公出国（境）费"]),
            col("reception", &["公务接待费"]),
            under("vehicles", &["小计"], "公务用车购置及运行维护费"),
            col("vehicle_operation", &["公务用车运行维护费"]),
            col("vehicle_purchase", &["公务用车购置费"]),
        ],
    },
    Spec {
        id: TableId::S13,
        label: "表13",
        title: &["部门预算绩效管理项目情况表"],
        not: &[],
        columns: &[
            SZ_UNIT,
            col("project", &["项目名称"]),
            under("total", &["合计"], "预算金额"),
            under("general", &["一般公共预算"], "预算金额"),
            under("other", &["其他资金"], "预算金额"),
            col("period", &["预算执行时间"]),
        ],
    },
    Spec {
        id: TableId::S14,
        label: "表14",
        title: &["整体支出绩效目标表"],
        not: &[],
        columns: &[],
    },
];
