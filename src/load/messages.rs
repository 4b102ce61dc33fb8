//! Chinese diagnostics for what the YAML parser and serde report: their English messages
//! translated, syntax errors placed at the slip that caused them (an open quote, a
//! full-width colon, an open bracket) rather than where the parser gave up.

use super::source_map::{Pos, SourceMap};
use crate::error::{Diagnostic, Severity};

/// Turns a serde_yaml error into a Chinese diagnostic.
pub(super) fn schema_error(
    file: &str,
    field: &str,
    e: &serde_yaml::Error,
    source: &SourceMap,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; keep the message part.
    let msg = raw
        .split(" at line ")
        .next()
        .unwrap_or(&raw)
        .trim_start_matches(['.', ':', ' '])
        .to_owned();
    // serde_yaml prefixes its own path ("expenditure[0]: unknown field …"); we report the
    // field separately.
    let msg = match msg.split_once(": ") {
        Some((head, rest)) if !head.is_empty() && !head.contains(' ') => rest.to_owned(),
        _ => msg,
    };
    let (mut message, mut hint, mut rule) = translate(&msg);
    let mut field = field.to_owned();
    let mut pos = match e.location() {
        Some(l) => Pos {
            line: l.line(),
            column: l.column(),
        },
        None => source.locate(&field).unwrap_or_default(),
    };
    // The deserialiser reads lazily and may trip over a value's type before it reaches a
    // syntax error further on (`year: [2025` is "a list"): the syntax error is the news.
    if let (false, Some((at, info))) = (rule == "STR-001", source.syntax_error()) {
        (message, hint, rule) = translate(info);
        if rule != "STR-001" {
            message = format!("YAML 格式错误：{message}");
            rule = "STR-001";
        }
        pos = *at;
        field.clear();
    }
    // A syntax error is often reported where the parser gave up, lines after the slip
    // that caused it: name the slip and its line.
    // A full-width colon turns `key：value` into text where a mapping was expected.
    let slipped = match rule {
        "STR-001" => slip(source.text(), pos.line),
        "STR-005" => slip(source.text(), pos.line).filter(|(at, _, _)| at.line == pos.line),
        _ => None,
    };
    if let Some((at, what, how)) = slipped {
        // The path is where the parser gave up, not where the slip is.
        field.clear();
        pos = at;
        message = what;
        hint = Some(how);
    }
    if field.contains('?') {
        field.clear();
    }
    // serde places a duplicate at the start of its mapping; point at the repetition.
    if rule == "STR-004" {
        if let Some((p, at)) = source.duplicates().first() {
            field.clone_from(p);
            pos = *at;
        }
    }
    Diagnostic {
        file: file.to_owned(),
        line: pos.line,
        column: pos.column,
        field,
        rule,
        severity: Severity::Error,
        message,
        hint,
        notes: Vec::new(),
    }
}

/// A diagnostic for serde's message `msg` about `field` (a missing field is reported at
/// the mapping that lacks it; an unknown field at its key).
pub(super) fn field_diagnostic(
    file: &str,
    field: &str,
    msg: &str,
    source: &SourceMap,
) -> Diagnostic {
    let (message, hint, rule) = translate(msg);
    let pos = source.locate(field).unwrap_or(Pos { line: 1, column: 1 });
    Diagnostic {
        file: file.to_owned(),
        line: pos.line,
        column: pos.column,
        field: field.to_owned(),
        rule,
        severity: Severity::Error,
        message,
        hint,
        notes: Vec::new(),
    }
}

/// The common slip at or before line `upto` that makes a file unreadable: a quote left
/// open, a full-width colon after a key, a bracket left open. (position, message, hint).
fn slip(text: &str, upto: usize) -> Option<(Pos, String, String)> {
    let mut open_bracket: Option<(Pos, char)> = None;
    // The previous line with content: its indentation and whether it opens a block.
    let mut previous: Option<(usize, bool)> = None;
    for (i, line) in text.lines().enumerate().take(upto.max(1)) {
        let n = i + 1;
        let body = line.split(" #").next().unwrap_or(line);
        let trimmed = body.trim_start();
        if trimmed.starts_with('#') || trimmed.is_empty() {
            continue;
        }
        let indent = body.len() - trimmed.len();
        // A key indented further than the key-and-value line above it: a stray space.
        let is_key = trimmed
            .split_once(": ")
            .or_else(|| trimmed.strip_suffix(':').map(|k| (k, "")))
            .is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_')
            });
        if let (Some((above, opens)), true) = (previous, is_key) {
            if indent > above && !opens && open_bracket.is_none() {
                return Some((
                    Pos { line: n, column: 1 },
                    format!("这一行比上一行多缩进了 {} 个空格", indent - above),
                    "同一层的字段须左端对齐；只有上一行以冒号结尾（下面是它的内容）时才缩进".into(),
                ));
            }
        }
        let opens = trimmed.ends_with(':')
            || trimmed.ends_with(": |")
            || trimmed.ends_with(": >")
            || trimmed == "-";
        // `- key: value` puts its siblings at the indentation of `key`.
        let indent_of_content = if let Some(rest) = trimmed.strip_prefix("- ") {
            indent + 2 + (rest.len() - rest.trim_start().len())
        } else {
            indent
        };
        previous = Some((indent_of_content, opens));
        // `name：值` — a key with a full-width colon and no ASCII one.
        if let Some(k) = trimmed.find('：') {
            let key = &trimmed[..k];
            let key_like = !key.is_empty()
                && key
                    .trim_start_matches("- ")
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if key_like && !trimmed[..k].contains(':') {
                return Some((
                    Pos {
                        line: n,
                        column: indent + 1,
                    },
                    format!("“{key}”后面用了全角冒号“：”"),
                    "键和值之间须用半角冒号加空格“: ”".into(),
                ));
            }
        }
        // Double quotes inside a single-quoted value are ordinary characters.
        let single_quoted = trimmed
            .split_once(": ")
            .is_some_and(|(_, v)| v.trim_start().starts_with('\''));
        let quotes = body.chars().filter(|c| *c == '"').count() - body.matches("\\\"").count();
        if quotes % 2 == 1 && !single_quoted {
            let col = body.find('"').map_or(indent, |c| body[..c].chars().count()) + 1;
            return Some((
                Pos {
                    line: n,
                    column: col,
                },
                "这一行的引号没有闭合".into(),
                "引号（\"）须成对；值中要写引号时用单引号把整个值括起来".into(),
            ));
        }
        for (j, c) in body.chars().enumerate() {
            match c {
                '[' | '{' if open_bracket.is_none() => {
                    open_bracket = Some((
                        Pos {
                            line: n,
                            column: j + 1,
                        },
                        c,
                    ));
                }
                ']' | '}' => open_bracket = None,
                _ => {}
            }
        }
        // A flow collection left open at the end of its line, followed by a block line.
        if let Some((at, c)) = open_bracket {
            if at.line < n
                && !trimmed.is_empty()
                && !trimmed.starts_with([']', '}', '"', '\''])
                && trimmed.contains(": ")
            {
                let close = if c == '[' { ']' } else { '}' };
                return Some((
                    at,
                    format!("这一行的“{c}”没有对应的“{close}”"),
                    format!("在列表末尾补上“{close}”"),
                ));
            }
        }
    }
    // Still open where the parser gave up.
    if let Some((at, c)) = open_bracket {
        let close = if c == '[' { ']' } else { '}' };
        return Some((
            at,
            format!("这一行的“{c}”没有对应的“{close}”"),
            format!("在末尾补上“{close}”"),
        ));
    }
    None
}

/// Chinese wording for serde's messages: (message, hint, rule).
pub(super) fn translate(msg: &str) -> (String, Option<String>, &'static str) {
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let hint = closest(name, &expected)
            .map(|c| format!("是否应为“{c}”？"))
            .or_else(|| {
                (!expected.is_empty()).then(|| format!("可用的字段：{}", expected.join("、")))
            });
        return (format!("未知字段“{name}”"), hint, "STR-002");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let hint = closest(name, &expected)
            .map(|c| format!("是否应为“{c}”？"))
            .or_else(|| Some(format!("可选值：{}", expected.join("、"))));
        return (format!("未知取值“{name}”"), hint, "STR-002");
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (format!("缺少必填字段“{name}”"), None, "STR-003");
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("键“{name}”重复：同一事实只能录入一次"),
            Some("删除或合并重复的那一行".into()),
            "STR-004",
        );
    }
    if msg.contains("duplicate entry") {
        return ("键重复：同一层级出现了两个相同的键".into(), None, "STR-004");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            format!(
                "类型错误：应为{}，实际是{}",
                expected_zh(expected),
                found_zh(found)
            ),
            None,
            "STR-005",
        );
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        return (format!("列表长度不对（{rest}）"), None, "STR-005");
    }
    if msg.contains("recursion limit exceeded") {
        return (
            "嵌套层数过深".into(),
            Some("预算文件的层级不超过十层左右，请检查括号或缩进".into()),
            "STR-001",
        );
    }
    if msg.contains("repetition limit exceeded") {
        return (
            "别名（& 与 *）展开后的内容过多".into(),
            Some("请不要用别名反复引用大段内容".into()),
            "STR-001",
        );
    }
    if msg.contains("cannot start any token") {
        return (
            "YAML 格式错误：出现了不能出现的字符（常见原因：用 Tab 缩进）".into(),
            Some("YAML 只能用空格缩进".into()),
            "STR-001",
        );
    }
    // The YAML scanner's and parser's own messages.
    const YAML: &[(&str, &str, &str)] = &[
        (
            "more than one document",
            "文件中有多个 YAML 文档（用 --- 分隔）：一个文件只能写一份预算或报告",
            "删去多余的 ---，或把另一份内容存为单独的文件",
        ),
        (
            "unexpected end of stream",
            "文件意外结束：有引号或括号没有闭合",
            "检查最后写的引号（\"）和括号（[ ] { }）是否成对",
        ),
        (
            "could not find expected ':'",
            "缺少冒号：这里应当是“键: 值”",
            "冒号须是半角的“:”并且后面有一个空格；全角冒号“：”不算",
        ),
        (
            "mapping values are not allowed",
            "冒号用法不对：一行只能有一个“键: 值”",
            "值中含有“: ”时请给整个值加引号；也可能是上一行缩进不对",
        ),
        (
            "did not find expected key",
            "缩进不对：这一行与上面的同级字段没有对齐",
            "同一层的字段左侧空格数必须相同（常见原因：多打或少打了一个空格）",
        ),
        (
            "did not find expected ',' or ']'",
            "方括号列表 [ … ] 没有闭合，或各项之间缺少逗号",
            "检查这一行的 [ 是否有对应的 ]",
        ),
        (
            "did not find expected ',' or '}'",
            "花括号 { … } 没有闭合，或各项之间缺少逗号",
            "检查这一行的 { 是否有对应的 }",
        ),
        (
            "did not find expected node content",
            "这里缺少内容：冒号或短横线后面应当有值",
            "检查是否多写了“-”或“,”",
        ),
        (
            "block sequence entries are not allowed",
            "列表项“- ”的位置不对",
            "列表项须另起一行，并比上级字段多缩进",
        ),
        ("tab character", "用了 Tab 缩进", "YAML 只能用空格缩进"),
        (
            "unknown anchor",
            "引用（*名称）了未定义的锚点（&名称）",
            "预算文件不需要 YAML 别名；请把内容直接写出",
        ),
        (
            "control characters are not allowed",
            "文件中含有控制字符",
            "请删去不可见的控制字符后重新保存",
        ),
        (
            "found unexpected",
            "YAML 格式错误：这里出现了不该出现的符号",
            "检查引号、括号和冒号是否成对、是否为半角",
        ),
        (
            "while scanning",
            "YAML 格式错误：引号、锚点或标签写法不对",
            "检查这一行的引号是否成对",
        ),
        (
            "while parsing",
            "YAML 格式错误：结构不完整",
            "检查缩进和括号",
        ),
    ];
    if let Some((_, m, h)) = YAML.iter().find(|(k, _, _)| msg.contains(k)) {
        return ((*m).to_owned(), Some((*h).to_owned()), "STR-001");
    }
    if msg.starts_with("金额") {
        return (msg.to_owned(), None, "AMT-002");
    }
    // A value our own deserialisers refused, already explained in Chinese.
    if msg.starts_with(|c: char| !c.is_ascii()) {
        return (msg.to_owned(), None, "STR-005");
    }
    (
        "YAML 格式错误".into(),
        Some("检查这一行的缩进、冒号、引号和括号".into()),
        "STR-001",
    )
}

fn expected_zh(e: &str) -> String {
    match e {
        "a string" => "文字".into(),
        "i32" | "u32" | "i64" | "u64" | "u8" | "u16" | "an integer" => "整数".into(),
        "a boolean" => "是/否（true/false）".into(),
        "field identifier" => "字段名".into(),
        e if e.starts_with("a sequence")
            || e.starts_with("an array")
            || e.starts_with("a tuple") =>
        {
            "列表".into()
        }
        e if e.starts_with("struct") || e.starts_with("a map") => "映射（键: 值）".into(),
        e if e.starts_with("enum") || e.starts_with("variant") => "规定的取值之一".into(),
        e if e.starts_with("金额") => e.to_owned(),
        _ => "规定的类型".into(),
    }
}

fn found_zh(f: &str) -> String {
    if f.starts_with("string") {
        format!("文字 {}", f.trim_start_matches("string "))
    } else if f.starts_with("sequence") {
        "列表".into()
    } else if f.starts_with("map") {
        "映射".into()
    } else if f.starts_with("floating point") || f.starts_with("integer") {
        format!("数字 {}", f.split_whitespace().last().unwrap_or(""))
    } else if f.starts_with("unit") {
        "空值".into()
    } else if f.starts_with("boolean") {
        format!("是/否 {}", f.split_whitespace().last().unwrap_or(""))
    } else {
        "其他类型".into()
    }
}

/// The closest candidate to `name`, if any is close enough to be a plausible typo.
pub(super) fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
