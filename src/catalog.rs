//! Built-in catalogue of official government budget classification codes (政府收支分类科目).
//!
//! Two classifications are embedded at compile time from tab-separated files next to this
//! module and parsed once, on first use:
//!
//! - `catalog/function.tsv`: 支出功能分类科目, the function classification. A 类 has 3
//!   digits (`201`), a 款 5 digits (`20140`) and a 项 7 digits (`2014001`).
//! - `catalog/economic.tsv`: 部门预算支出经济分类科目, the departmental economic
//!   classification. A 类 has 3 digits (`302`) and a 款 5 digits (`30213`).
//!
//! Each file starts with the header `code<TAB>name<TAB>description` and has one code per
//! line. The description is the official 科目说明 ("反映…") where known, used for the
//! glossary (名词解释); it is empty otherwise. Names and descriptions use full-width Chinese
//! punctuation, exactly as printed in the official catalogue.
//!
//! The catalogue is deliberately not exhaustive: it holds the codes whose current official
//! names are known with confidence. Budget files name any other code themselves.
//!
//! The data ships with the binary, so a malformed row is a programming error and panics
//! with a message naming the file and line; the unit tests below parse every row.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Raw text of the function classification (支出功能分类科目).
const FUNCTION_TSV: &str = include_str!("catalog/function.tsv");

/// Raw text of the departmental economic classification (部门预算支出经济分类科目).
const ECONOMIC_TSV: &str = include_str!("catalog/economic.tsv");

/// The header line every catalogue file starts with.
const HEADER: &str = "code\tname\tdescription";

/// Codes of the 25 function classification 类 in the fixed order of tables 1 and 4
/// (this is not code order: 国防支出 `203` comes last).
const FUNCTION_CLASS_ORDER: [&str; 25] = [
    "201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216",
    "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "233", "203",
];

/// An economic classification 款 of basic expenditure that mirrors function
/// classification 项: the same money classified twice, so for each unit the two must be
/// equal (SUM-015). Each is the payment the function 项 exists for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mirror {
    /// Economic classification 款 (5 digits).
    pub economic: &'static str,
    /// The function classification 项 it mirrors (7 digits; several when the payment is
    /// split by the kind of unit).
    pub function: &'static [&'static str],
}

/// The mirrored pairs a finance bureau reviewer checks: social insurance and housing fund
/// contributions and retirement pay, each an economic 款 whose function 项 holds nothing
/// else. (公务员医疗补助 2101103 is not one: it also carries 医疗费补助 30307.)
pub const MIRRORS: &[Mirror] = &[
    // 机关事业单位基本养老保险缴费 ↔ 机关事业单位基本养老保险缴费支出
    Mirror {
        economic: "30108",
        function: &["2080505"],
    },
    // 职业年金缴费 ↔ 机关事业单位职业年金缴费支出
    Mirror {
        economic: "30109",
        function: &["2080506"],
    },
    // 职工基本医疗保险缴费 ↔ 行政单位医疗、事业单位医疗
    Mirror {
        economic: "30110",
        function: &["2101101", "2101102"],
    },
    // 住房公积金 ↔ 住房公积金
    Mirror {
        economic: "30113",
        function: &["2210201"],
    },
    // 退休费 ↔ 行政单位离退休、事业单位离退休
    Mirror {
        economic: "30302",
        function: &["2080501", "2080502"],
    },
];

/// One classification code (科目) of the built-in catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code, ASCII digits only, e.g. `"2014001"`.
    pub code: &'static str,
    /// The official name, e.g. `"行政运行"`.
    pub name: &'static str,
    /// The official explanation (科目说明), e.g. `"反映行政单位（包括实行公务员管理的事业单位）的基本支出。"`;
    /// empty when not recorded.
    pub description: &'static str,
}

/// The function classification, parsed on first use.
static FUNCTION: LazyLock<BTreeMap<&'static str, Entry>> =
    LazyLock::new(|| parse("catalog/function.tsv", FUNCTION_TSV));

/// The economic classification, parsed on first use.
static ECONOMIC: LazyLock<BTreeMap<&'static str, Entry>> =
    LazyLock::new(|| parse("catalog/economic.tsv", ECONOMIC_TSV));

/// The 25 function classification 类 in their fixed order, resolved on first use.
static FUNCTION_CLASSES: LazyLock<Vec<&'static Entry>> = LazyLock::new(|| {
    FUNCTION_CLASS_ORDER
        .iter()
        .map(|code| {
            FUNCTION
                .get(code)
                .unwrap_or_else(|| panic!("catalog/function.tsv: missing 类 {code}"))
        })
        .collect()
});

/// Looks up a function classification code (支出功能分类科目: 类, 款 or 项).
pub fn function(code: &str) -> Option<&'static Entry> {
    FUNCTION.get(code)
}

/// Looks up a departmental economic classification code (部门预算支出经济分类科目: 类 or 款).
pub fn economic(code: &str) -> Option<&'static Entry> {
    ECONOMIC.get(code)
}

/// The economic classification codes named `name` (a table that prints names only, as
/// the Shenzhen 基本支出总表, is read back through it), 类 before 款.
pub fn economic_by_name(name: &str) -> Vec<&'static Entry> {
    ECONOMIC.values().filter(|e| e.name == name).collect()
}

/// The 25 function classification 类 of tables 1 and 4, in their fixed order.
pub fn function_classes() -> &'static [&'static Entry] {
    FUNCTION_CLASSES.as_slice()
}

/// Parses one embedded catalogue file into a map keyed by code.
///
/// Lines starting with `#` are comments. Panics, naming `file` and the line number, on a
/// wrong header, a row without exactly three tab-separated fields, an empty code or name,
/// or a duplicate code.
fn parse(file: &str, text: &'static str) -> BTreeMap<&'static str, Entry> {
    // Comment lines (`#…`, the file's source and edition) and blank lines are skipped.
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim_end_matches('\r').is_empty());
    let (_, header) = lines
        .next()
        .unwrap_or_else(|| panic!("{file}: missing header"));
    assert_eq!(
        header.trim_end_matches('\r'),
        HEADER,
        "{file}: wrong header"
    );
    let mut map = BTreeMap::new();
    for (index, line) in lines {
        let number = index + 1;
        let line = line.trim_end_matches('\r');
        let mut fields = line.split('\t');
        let code = fields
            .next()
            .unwrap_or_else(|| panic!("{file} line {number}: missing code"));
        let name = fields
            .next()
            .unwrap_or_else(|| panic!("{file} line {number}: missing name"));
        let description = fields
            .next()
            .unwrap_or_else(|| panic!("{file} line {number}: missing description column"));
        assert!(
            fields.next().is_none(),
            "{file} line {number}: more than three fields"
        );
        assert!(!code.is_empty(), "{file} line {number}: empty code");
        assert!(!name.is_empty(), "{file} line {number}: empty name");
        let entry = Entry {
            code,
            name,
            description,
        };
        if let Some(previous) = map.insert(code, entry) {
            panic!(
                "{file} line {number}: duplicate code {code} (already {})",
                previous.name
            );
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks code shapes, parent presence and punctuation of one parsed catalogue.
    fn check(file: &str, map: &BTreeMap<&'static str, Entry>, lengths: &[usize]) {
        for (code, entry) in map {
            assert_eq!(*code, entry.code);
            assert!(
                code.bytes().all(|b| b.is_ascii_digit()),
                "{file}: code {code} is not all ASCII digits"
            );
            assert!(
                lengths.contains(&code.len()),
                "{file}: code {code} has {} digits, expected one of {lengths:?}",
                code.len()
            );
            if code.len() > 3 {
                let parent = &code[..code.len() - 2];
                assert!(
                    map.contains_key(parent),
                    "{file}: code {code} has no parent {parent}"
                );
            }
            for text in [entry.name, entry.description] {
                assert!(
                    !text.contains(['(', ')', ',', ';', ':']),
                    "{file}: {code} uses half-width punctuation: {text}"
                );
                assert_eq!(text.trim(), text, "{file}: {code} has stray whitespace");
            }
        }
    }

    /// Lines of a catalogue file that are neither comments, blank nor the header.
    fn data_rows(text: &str) -> usize {
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty() && *l != HEADER)
            .count()
    }

    #[test]
    fn comments_name_the_source_and_are_skipped() {
        for text in [FUNCTION_TSV, ECONOMIC_TSV] {
            assert!(text.starts_with("# "), "the file starts with its source");
            assert!(text.contains("政府收支分类科目"), "the source is named");
        }
        let map = parse("x.tsv", "# 来源\ncode\tname\tdescription\n# 注\n201\ta\t\n");
        assert_eq!(map.len(), 1);
    }

    #[test]
    fn function_rows_parse_and_are_well_formed() {
        let map = parse("catalog/function.tsv", FUNCTION_TSV);
        let rows = data_rows(FUNCTION_TSV);
        assert_eq!(map.len(), rows, "every row parses to a distinct code");
        check("catalog/function.tsv", &map, &[3, 5, 7]);
    }

    #[test]
    fn economic_rows_parse_and_are_well_formed() {
        let map = parse("catalog/economic.tsv", ECONOMIC_TSV);
        let rows = data_rows(ECONOMIC_TSV);
        assert_eq!(map.len(), rows, "every row parses to a distinct code");
        check("catalog/economic.tsv", &map, &[3, 5]);
    }

    #[test]
    #[should_panic(expected = "x.tsv line 3: duplicate code 201")]
    fn duplicate_code_panics_naming_the_line() {
        parse("x.tsv", "code\tname\tdescription\n201\ta\t\n201\tb\t\n");
    }

    #[test]
    #[should_panic(expected = "x.tsv line 2: missing description column")]
    fn short_row_panics_naming_the_line() {
        parse("x.tsv", "code\tname\tdescription\n201\ta\n");
    }

    #[test]
    fn function_classes_in_fixed_order() {
        let expected = [
            ("201", "一般公共服务支出"),
            ("204", "公共安全支出"),
            ("205", "教育支出"),
            ("206", "科学技术支出"),
            ("207", "文化旅游体育与传媒支出"),
            ("208", "社会保障和就业支出"),
            ("210", "卫生健康支出"),
            ("211", "节能环保支出"),
            ("212", "城乡社区支出"),
            ("213", "农林水支出"),
            ("214", "交通运输支出"),
            ("215", "资源勘探工业信息等支出"),
            ("216", "商业服务业等支出"),
            ("217", "金融支出"),
            ("219", "援助其他地区支出"),
            ("220", "自然资源海洋气象等支出"),
            ("221", "住房保障支出"),
            ("222", "粮油物资储备支出"),
            ("223", "国有资本经营预算支出"),
            ("224", "灾害防治及应急管理支出"),
            ("229", "其他支出"),
            ("231", "债务还本支出"),
            ("232", "债务付息支出"),
            ("233", "债务发行费用支出"),
            ("203", "国防支出"),
        ];
        let classes = function_classes();
        assert_eq!(classes.len(), 25);
        let actual: Vec<(&str, &str)> = classes.iter().map(|e| (e.code, e.name)).collect();
        assert_eq!(actual, expected);
        assert_eq!(classes.first().map(|e| e.code), Some("201"));
        assert_eq!(classes.last().map(|e| e.code), Some("203"));
        // Every 类 in the file is one of the 25.
        let in_file = FUNCTION.keys().filter(|code| code.len() == 3).count();
        assert_eq!(in_file, 25);
    }

    #[test]
    fn reference_descriptions_present() {
        let expected = [
            (
                "2014001",
                "行政运行",
                "反映行政单位（包括实行公务员管理的事业单位）的基本支出。",
            ),
            (
                "2014002",
                "一般行政管理事务",
                "反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。",
            ),
            (
                "2080501",
                "行政单位离退休",
                "反映行政单位（包括实行公务员管理的事业单位）开支的离退休经费。",
            ),
            (
                "2080505",
                "机关事业单位基本养老保险缴费支出",
                "反映机关事业单位实施养老保险制度由单位缴纳的基本养老保险缴费支出。",
            ),
            (
                "2080599",
                "其他行政事业单位养老支出",
                "反映除上述项目以外其他用于行政事业单位养老方面的支出。",
            ),
            (
                "2101101",
                "行政单位医疗",
                "反映财政部门安排的行政单位（包括实行公务员管理的事业单位，下同）基本医疗保险缴费经费，未参与医疗保险的行政单位的公费医疗经费，按国家规定享受离休人员、红军老战士待遇人员的医疗经费。",
            ),
            (
                "2101103",
                "公务员医疗补助",
                "反映财政部门安排的公务员医疗补助经费。",
            ),
            (
                "2210201",
                "住房公积金",
                "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
            ),
            (
                "2210202",
                "提租补贴",
                "反映按房改政策规定的标准，行政事业单位向职工（含离退休人员）发放的租金补贴。",
            ),
            (
                "2210203",
                "购房补贴",
                "反映按房改政策规定，行政事业单位向符合条件职工（含离退休人员）、军队（含武警）向转役复员离退休人员发放的用于购买住房的补贴。",
            ),
        ];
        for (code, name, description) in expected {
            let entry = function(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(entry.name, name, "{code}");
            assert_eq!(entry.description, description, "{code}");
        }
    }

    #[test]
    fn reference_codes_present() {
        for (code, name) in [
            ("20103", "政府办公厅（室）及相关机构事务"),
            ("2010301", "行政运行"),
            ("2010308", "信访事务"),
            ("20140", "信访事务"),
            ("20508", "进修及培训"),
            ("2050803", "培训支出"),
            ("20805", "行政事业单位养老支出"),
            ("2080506", "机关事业单位职业年金缴费支出"),
            ("21011", "行政事业单位医疗"),
            ("2101102", "事业单位医疗"),
            ("22102", "住房改革支出"),
        ] {
            assert_eq!(function(code).map(|e| e.name), Some(name), "{code}");
        }
        for (code, name) in [
            ("30101", "基本工资"),
            ("30213", "维修（护）费"),
            ("30217", "公务接待费"),
            ("30231", "公务用车运行维护费"),
            ("30239", "其他交通费用"),
            ("30299", "其他商品和服务支出"),
            ("30302", "退休费"),
            ("30307", "医疗费补助"),
            ("309", "资本性支出（基本建设）"),
        ] {
            assert_eq!(economic(code).map(|e| e.name), Some(name), "{code}");
        }
        assert!(function("999").is_none());
        assert!(economic("2014001").is_none());
    }
}
