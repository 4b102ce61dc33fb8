//! The template author's documentation of every filter, function and test gongkai adds to
//! Tera, each with an example that the unit tests render and compare with its stated
//! output, so the reference (`docs/templates.md`, made by [`crate::reference`]) cannot
//! drift from what the code does.

/// One documented filter, function or test.
#[derive(Debug, Clone, Copy)]
pub struct Doc {
    /// Its name in templates.
    pub name: &'static str,
    /// 过滤器, 函数 or 测试.
    pub kind: &'static str,
    /// What it does (Chinese).
    pub text: &'static str,
    /// An example template, rendered with [`EXAMPLE_CONTEXT`].
    pub example: &'static str,
    /// What the example renders to.
    pub output: &'static str,
}

/// The context the examples are rendered with (JSON), with amounts as the report gives
/// them: strings of their exact decimal. Amounts print with 2 decimals, percentages with 1.
pub const EXAMPLE_CONTEXT: &str = r#"{"a": "825.164", "b": "0.01", "c": "2.34", "z": "0", "p": "12.345", "n": 3, "s": "主要用于日常运转。", "x": "a|b", "parts": [{"amount": "1.5"}, {"amount": "2"}]}"#;

const fn doc(
    name: &'static str,
    kind: &'static str,
    text: &'static str,
    example: &'static str,
    output: &'static str,
) -> Doc {
    Doc {
        name,
        kind,
        text,
        example,
        output,
    }
}

/// Every filter, function and test gongkai adds (Tera's own are in its documentation).
pub const DOCS: &[Doc] = &[
    doc(
        "money",
        "过滤器",
        "报表中的金额：按 display.decimals 四舍五入（可用 dp= 改），按版式加千分位；零值印作版式的 numbers.zero（可用 zero= 改）；空值印为空",
        "{{ a | money }}",
        "825.16",
    ),
    doc(
        "amount",
        "过滤器",
        "叙述中的金额：同 money，但不加千分位，零印作 0",
        "{{ a | amount(dp=1) }}",
        "825.2",
    ),
    doc(
        "num",
        "过滤器",
        "数量、人数：照原样印出，去掉末尾的 0",
        "{{ n | num }}",
        "3",
    ),
    doc(
        "pct",
        "过滤器",
        "百分数（不带 %）：按 display.percent_decimals 四舍五入并去掉末尾的 0（dp= 改位数，fixed=true 保留末尾的 0）；小比例按版式的 numbers.percent_small",
        "{{ p | pct }}%",
        "12.3%",
    ),
    doc(
        "cn",
        "过滤器",
        "正整数的中文序号（一、二……；廿一 或 二十一 按 display.ordinals）",
        "（{{ n | cn }}）",
        "（三）",
    ),
    doc(
        "t",
        "过滤器",
        "把输入中的文字转义后放进块标记（\\、|、{、@ 前加反斜杠），使文字不能改变结构；块标记中的一切用户文字都要经过它",
        "| {{ x | t }} |",
        "| a\\|b |",
    ),
    doc(
        "clause",
        "过滤器",
        "嵌在句中的文字片段：去掉末尾的标点，避免“。。”",
        "原因是：{{ s | clause }}。",
        "原因是：主要用于日常运转。",
    ),
    doc(
        "md",
        "过滤器",
        "page.md.tera 中转义 Markdown 的特殊字符",
        "{{ \"*注*\" | md }}",
        "\\*注\\*",
    ),
    doc(
        "plus",
        "过滤器",
        "精确相加（十进制，不经过浮点数）；结果仍是精确小数的文字，交给 money、amount、pct 一次舍入",
        "{{ b | plus(b=c) | amount(dp=1) }}",
        "2.4",
    ),
    doc(
        "minus",
        "过滤器",
        "精确相减",
        "{{ c | minus(b=b) }}",
        "2.33",
    ),
    doc(
        "sum",
        "过滤器",
        "列表各项（或各项的 attribute）之精确和",
        "{{ parts | sum(attribute=\"amount\") | amount }}",
        "3.50",
    ),
    doc(
        "share",
        "过滤器",
        "占比：前者占 of 的百分数（未舍入），of 为 0 时为空",
        "{{ b | share(of=c) | pct(dp=2) }}",
        "0.43",
    ),
    doc(
        "change",
        "函数",
        "两个金额的增减，与报告中的增减（如 budget.total）形状相同：current、previous、amount（绝对值）、direction（up/down/flat）、percent（上年为 0 时为空）",
        "{% set d = change(current=c, previous=b) %}{{ d.direction }} {{ d.amount | amount }}",
        "up 2.33",
    ),
    doc(
        "zero",
        "测试",
        "金额为 0（空值不算）；代替与字符串 \"0\" 的比较",
        "{% if z is zero %}无{% endif %}",
        "无",
    ),
    doc(
        "zero_as_printed",
        "测试",
        "金额按报告的小数位印出时为 0（如小到印不出来的增减）；空值不算",
        "{% if z is zero_as_printed %}持平{% endif %}",
        "持平",
    ),
    doc(
        "range",
        "函数",
        "同 Tera 的 range(end=, start=, step_by=)，最多 100000 个数",
        "{% for i in range(end=3) %}{{ i }}{% endfor %}",
        "012",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_renders_as_documented() {
        let settings = super::super::filters::Settings::plain(2);
        let ctx: serde_json::Value = serde_json::from_str(EXAMPLE_CONTEXT).expect("json");
        let ctx = tera::Context::from_value(ctx).expect("context");
        // As the templates that use them render them: `md` in the Markdown page, every
        // other in a block template (`Role::Blocks` escapes every `.tera` file).
        for d in DOCS {
            let role = if d.name == "md" {
                super::super::Role::Pages
            } else {
                super::super::Role::Blocks
            };
            let tera = super::super::compile([("example.tera", d.example)], &settings, role)
                .expect("example parses");
            let out = tera.render("example.tera", &ctx).expect("example renders");
            assert_eq!(out, d.output, "{}: {}", d.name, d.example);
        }
    }

    #[test]
    fn every_registered_name_is_documented_once() {
        let sources = [
            include_str!("filters.rs"),
            include_str!("arith.rs"),
            include_str!("guard.rs"),
        ];
        let mut registered: Vec<&str> = Vec::new();
        for src in sources {
            for call in [
                "register_filter(\"",
                "register_function(\"",
                "register_tester(\"",
            ] {
                for (at, _) in src.match_indices(call) {
                    let rest = &src[at + call.len()..];
                    if let Some(end) = rest.find('"') {
                        registered.push(&rest[..end]);
                    }
                }
            }
        }
        registered.sort_unstable();
        let mut documented: Vec<&str> = DOCS.iter().map(|d| d.name).collect();
        documented.sort_unstable();
        assert_eq!(registered, documented);
    }
}
