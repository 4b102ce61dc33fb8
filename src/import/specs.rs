//! The standard public tables (预算01表 … 预算15表) as the importer recognises them: the
//! words of each title, and each column as the header texts that name it.
//!
//! A table is found by its title, never by its sheet's name or position; its columns are
//! found by their header texts (the leaf text, and the group text above it where two
//! columns share a leaf, as 一般公共预算 under 本年拨款 and under 财政拨款结转结余).

/// The tables of the standard layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum TableId {
    /// 收支预算总表.
    T01,
    /// 收入预算总表.
    T02,
    /// 支出预算总表.
    T03,
    /// 财政拨款收支预算总表.
    T04,
    /// 一般公共预算支出表（分功能科目）.
    T05,
    /// 一般公共预算支出表（分单位）.
    T06,
    /// 一般公共预算基本支出表.
    T07,
    /// 一般公共预算“三公”经费支出表.
    T08,
    /// 政府性基金预算支出表.
    T09,
    /// 国有资本经营预算支出表.
    T10,
    /// 项目支出预算表.
    T11,
    /// 政府采购预算表.
    T12,
    /// 政府向社会力量购买服务预算表.
    T13,
    /// 部门（单位）整体绩效目标申报表.
    T14,
    /// 项目支出绩效目标申报表.
    T15,
    /// Shenzhen 表1 收支总表.
    S01,
    /// Shenzhen 表2 收入总表 (by unit, appropriations split).
    S02,
    /// Shenzhen 表3 支出总表 (by unit).
    S03,
    /// Shenzhen 表4 基本支出总表 (economic 款 by unit).
    S04,
    /// Shenzhen 表5 项目支出总表 (economic 款 by unit).
    S05,
    /// Shenzhen 表6 政府预算拨款收支总表.
    S06,
    /// Shenzhen 表7 一般公共预算支出表 (unit × 项).
    S07,
    /// Shenzhen 表8 政府性基金预算支出表.
    S08,
    /// Shenzhen 表9 国有资本经营预算支出表.
    S09,
    /// Shenzhen 表10 上级专项转移支付支出表.
    S10,
    /// Shenzhen 表11 政府采购项目支出表.
    S11,
    /// Shenzhen 表12 一般公共预算“三公”经费支出表 (two years by unit).
    S12,
    /// Shenzhen 表13 部门预算绩效管理项目情况表.
    S13,
    /// Shenzhen 表14 部门（单位）整体支出绩效目标表.
    S14,
}

impl TableId {
    /// True for the tables of the Shenzhen layout.
    pub(crate) fn shenzhen(self) -> bool {
        self >= TableId::S01
    }
}

/// A column: its key, the leaf header texts that name it, and a group text that must
/// stand above it (if two columns share a leaf).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Col {
    /// Key the importer reads the column by.
    pub(crate) key: &'static str,
    /// Header texts naming the column (normalised: no spaces, full-width brackets); one
    /// starting with `*` names every header ending with the rest (`*年预算`: 2021年预算).
    pub(crate) leaf: &'static [&'static str],
    /// A group header the column must stand under.
    pub(crate) under: Option<&'static str>,
}

/// A table: its number, the words of its title, and its columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    /// Which table.
    pub(crate) id: TableId,
    /// The table number as printed (预算01表), for messages.
    pub(crate) label: &'static str,
    /// Words the title contains (all of them).
    pub(crate) title: &'static [&'static str],
    /// Words that rule a title out (a longer title containing this one's words).
    pub(crate) not: &'static [&'static str],
    /// Columns; empty for the forms (14, 15), which are read by their labels.
    pub(crate) columns: &'static [Col],
}

pub(super) const fn col(key: &'static str, leaf: &'static [&'static str]) -> Col {
    Col {
        key,
        leaf,
        under: None,
    }
}

pub(super) const fn under(
    key: &'static str,
    leaf: &'static [&'static str],
    group: &'static str,
) -> Col {
    Col {
        key,
        leaf,
        under: Some(group),
    }
}

const CODE: Col = col(
    "code",
    &[
        "科目编码",
        "编码",
        "单位编码",
        "单位代码",
        "项目编码",
        "代码",
        "*编码",
        "*代码",
    ],
);
const NAME: Col = col(
    "name",
    &["科目名称", "名称", "单位名称", "项目名称", "*名称"],
);
const TOTAL: Col = col("total", &["合计", "总计", "小计"]);

const TWO_SIDED: &[Col] = &[
    under("in_name", &["项目", "收入项目"], "收入"),
    under("in_amount", &["预算数", "金额", "本年预算"], "收入"),
    under("out_name", &["项目", "支出项目"], "支出"),
    under("out_amount", &["预算数", "金额", "本年预算"], "支出"),
];

const FUNCTION_SPLIT: &[Col] = &[
    CODE,
    NAME,
    TOTAL,
    under("basic", &["小计", "合计"], "基本支出"),
    col("personnel", &["人员经费"]),
    col("public", &["公用经费"]),
    col("project", &["项目支出"]),
];

const FUND_LIKE: &[Col] = &[
    CODE,
    NAME,
    TOTAL,
    col("basic", &["基本支出"]),
    col("project", &["项目支出"]),
];

/// The tables of the standard layout (the Shenzhen layout's are in `sz_specs.rs`).
pub(crate) const SPECS: &[Spec] = &[
    Spec {
        id: TableId::T04,
        label: "预算04表",
        title: &["财政拨款收支预算总表"],
        not: &[],
        columns: TWO_SIDED,
    },
    Spec {
        id: TableId::T01,
        label: "预算01表",
        title: &["收支预算总表"],
        not: &["财政拨款"],
        columns: TWO_SIDED,
    },
    Spec {
        id: TableId::T02,
        label: "预算02表",
        title: &["收入预算总表"],
        not: &[],
        columns: &[
            CODE,
            NAME,
            TOTAL,
            col("general", &["一般公共预算拨款收入", "一般公共预算拨款"]),
            col("fund", &["政府性基金预算拨款收入", "政府性基金预算拨款"]),
            col(
                "state_capital",
                &["国有资本经营预算拨款收入", "国有资本经营预算拨款"],
            ),
            col(
                "special_account",
                &["财政专户管理资金收入", "财政专户管理资金"],
            ),
            col("business", &["事业收入"]),
            col("operating", &["事业单位经营收入", "经营收入"]),
            col("superior", &["上级补助收入"]),
            col("affiliated", &["附属单位上缴收入"]),
            col("other", &["其他收入"]),
            col("carryover", &["上年结转结余", "上年结转"]),
        ],
    },
    Spec {
        id: TableId::T03,
        label: "预算03表",
        title: &["支出预算总表"],
        not: &["收支"],
        columns: &[
            CODE,
            NAME,
            TOTAL,
            col("basic", &["基本支出"]),
            col("project", &["项目支出"]),
            col("operating", &["事业单位经营支出", "经营支出"]),
            col("remit_superior", &["上缴上级支出"]),
            col("subsidy_affiliated", &["对附属单位补助支出"]),
        ],
    },
    Spec {
        id: TableId::T05,
        label: "预算05表",
        title: &["一般公共预算支出表", "功能"],
        not: &[],
        columns: FUNCTION_SPLIT,
    },
    Spec {
        id: TableId::T06,
        label: "预算06表",
        title: &["一般公共预算支出表", "单位"],
        not: &["功能"],
        columns: FUNCTION_SPLIT,
    },
    Spec {
        id: TableId::T07,
        label: "预算07表",
        title: &["一般公共预算基本支出表"],
        not: &[],
        columns: &[
            CODE,
            NAME,
            TOTAL,
            col("personnel", &["人员经费"]),
            col("public", &["公用经费"]),
        ],
    },
    Spec {
        id: TableId::T08,
        label: "预算08表",
        title: &["三公"],
        not: &[],
        columns: &[
            col("total", &["“三公”经费合计", "三公经费合计", "合计"]),
            col("outbound", &["因公出国（境）费", "因公出国（境）费用"]),
            under("vehicles", &["小计"], "公务用车购置及运行费"),
            col("vehicle_purchase", &["公务用车购置费"]),
            col(
                "vehicle_operation",
                &["公务用车运行费", "公务用车运行维护费"],
            ),
            col("reception", &["公务接待费"]),
        ],
    },
    Spec {
        id: TableId::T09,
        label: "预算09表",
        title: &["政府性基金预算支出表"],
        not: &[],
        columns: FUND_LIKE,
    },
    Spec {
        id: TableId::T10,
        label: "预算10表",
        title: &["国有资本经营预算支出表"],
        not: &[],
        columns: FUND_LIKE,
    },
    Spec {
        id: TableId::T11,
        label: "预算11表",
        title: &["项目支出预算表"],
        not: &[],
        columns: &[
            CODE,
            NAME,
            col("unit_name", &["项目单位"]),
            TOTAL,
            under("general", &["一般公共预算"], "本年拨款"),
            under("fund", &["政府性基金预算"], "本年拨款"),
            under("state_capital", &["国有资本经营预算"], "本年拨款"),
            under("carryover_general", &["一般公共预算"], "财政拨款结转结余"),
            under("carryover_fund", &["政府性基金预算"], "财政拨款结转结余"),
            under(
                "carryover_state_capital",
                &["国有资本经营预算"],
                "财政拨款结转结余",
            ),
            col("special_account", &["财政专户管理资金"]),
            col("unit_funds", &["单位资金"]),
        ],
    },
    Spec {
        id: TableId::T12,
        label: "预算12表",
        title: &["政府采购预算表"],
        not: &[],
        columns: &[
            col("unit_code", &["单位代码", "单位编码"]),
            col("unit_name", &["单位名称"]),
            col("project", &["项目", "项目名称"]),
            col("item", &["政府采购品目", "采购品目"]),
            col("function", &["功能科目", "支出功能分类科目"]),
            col("economic", &["部门支出经济分类", "经济科目"]),
            col("fund_source", &["资金来源"]),
            col("fund_nature", &["资金性质"]),
            col("quantity", &["采购数量", "数量"]),
            col("unit_price", &["单价"]),
            col("measure", &["计量单位"]),
            col("amount", &["采购金额合计", "采购金额"]),
            col("sme", &["其中面向中小企业", "面向中小企业"]),
            col("small_micro", &["其中面向小微企业", "面向小微企业"]),
        ],
    },
    Spec {
        id: TableId::T13,
        label: "预算13表",
        title: &["购买服务预算表"],
        not: &[],
        columns: &[
            col("unit_code", &["单位代码", "单位编码"]),
            col("unit_name", &["单位名称"]),
            col("includes_procurement", &["是否包含政府采购"]),
            col("project", &["项目", "项目名称"]),
            col("content", &["政府购买服务内容", "购买服务内容"]),
            col("quantity", &["购买数量", "数量"]),
            col("amount", &["购买金额", "金额"]),
            col("fund_source", &["资金来源"]),
            col("fund_nature", &["资金性质"]),
            col("function", &["支出功能分类科目", "功能科目"]),
            col("economic", &["部门支出经济分类", "经济科目"]),
            col("catalog1", &["一级目录"]),
            col("catalog2", &["二级目录"]),
            col("catalog3", &["三级目录"]),
        ],
    },
    Spec {
        id: TableId::T14,
        label: "预算14表",
        title: &["整体绩效目标申报表"],
        not: &[],
        columns: &[],
    },
    Spec {
        id: TableId::T15,
        label: "预算15表",
        title: &["项目支出绩效目标申报表"],
        not: &[],
        columns: &[],
    },
];

/// Every table this importer knows: the standard layout's, then the Shenzhen layout's.
/// Where two share a title (政府性基金预算支出表), the header decides.
pub(crate) fn all() -> impl Iterator<Item = &'static Spec> {
    SPECS.iter().chain(super::sz_specs::SHENZHEN)
}

/// The spec of `id`.
pub(crate) fn spec(id: TableId) -> &'static Spec {
    all().find(|s| s.id == id).unwrap_or(&SPECS[0])
}

/// Text as the importer compares it: no spaces of any width, brackets and quotes in one
/// form.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '"' | '\'' | '‘' | '’' => '“',
            '”' => '“',
            c => c,
        })
        .collect::<String>()
        .replace("“", "")
}

/// The specs whose title `text` is (more than one where tables share a title).
pub(crate) fn by_title(text: &str) -> Vec<&'static Spec> {
    let t = norm(text);
    if t.chars().count() < 4
        || t.chars().count() > 80
        || !t.contains('表')
        || t.starts_with('注')
        || t.starts_with("备注")
    {
        return Vec::new();
    }
    all()
        .filter(|s| {
            s.title.iter().all(|w| t.contains(&norm(w)))
                && !s.not.iter().any(|w| t.contains(&norm(w)))
        })
        .collect()
}
