//! Tera's errors as a template author needs them: in Chinese, naming the template file and
//! the line. Tera reports a syntax error with pest's position (`--> 3:7`) and English
//! expectations; a render error (`Variable `x` not found`) with the template's name and no
//! line at all, so the line is found by looking for the name in the template's tags.

/// The templates in play: (name, text).
pub(crate) type Sources<'a> = [(&'a str, &'a str)];

/// `e` with its causes, in Chinese, with the template and line where they can be known:
/// `document.tera 第 12 行：变量“x”不存在` and the line itself.
pub(crate) fn describe(e: &tera::Error, sources: &Sources<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut template: Option<String> = None;
    let mut position: Option<(usize, usize)> = None;
    let mut needle: Option<String> = None;
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        match err.downcast_ref::<tera::Error>() {
            Some(t) => {
                let (text, found) = part(t);
                if let Some(name) = found.template {
                    template = Some(name);
                }
                if found.position.is_some() {
                    position = found.position;
                }
                if found.needle.is_some() {
                    needle = found.needle;
                }
                if !text.is_empty() {
                    parts.push(text);
                }
            }
            None => parts.push(err.to_string()),
        }
        next = err.source();
    }
    let what = parts.join("：");
    let Some(name) = template else {
        return what;
    };
    let text = sources.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
    // A block left open is reported by Tera where the file ends; name its opening line.
    let at_end = |t: &str, (l, c): (usize, usize)| {
        let lines = t.lines().count();
        let last = t.lines().last().map_or(0, |x| x.chars().count());
        l > lines || (l == lines && c > last)
    };
    let (what, position) = match (position, text) {
        (Some(p), Some(t)) if at_end(t, p) => match unbalanced(t) {
            Some((line, why)) => (format!("语法错误：{why}"), Some((line, 0))),
            None => (what, position),
        },
        _ => (what, position),
    };
    // Tera gives no line for a render error: the lines whose tags name the value. The
    // first is shown; when there are others, they are listed, as any of them may be it.
    let (line, others) = match position {
        Some((l, _)) => (Some(l), Vec::new()),
        None => {
            let mut all = text
                .zip(needle.as_deref())
                .map(|(t, n)| find_in_tags(t, n))
                .unwrap_or_default()
                .into_iter();
            (all.next(), all.collect())
        }
    };
    let also = match others.len() {
        0 => String::new(),
        n => {
            let shown: Vec<String> = others.iter().take(5).map(ToString::to_string).collect();
            let more = if n > 5 { "等" } else { "" };
            format!("（同一名称还出现在第 {}{more} 行）", shown.join("、"))
        }
    };
    match (line, text) {
        (Some(l), Some(t)) => {
            let shown = t.lines().nth(l - 1).unwrap_or("").trim();
            let shown: String = shown.chars().take(120).collect();
            format!("{name} 第 {l} 行{also}：{what}\n    {l} | {shown}")
        }
        (Some(l), None) => format!("{name} 第 {l} 行：{what}"),
        (None, _) => format!("{name}：{what}"),
    }
}

/// What one error of the chain says about where.
#[derive(Default)]
struct Found {
    template: Option<String>,
    position: Option<(usize, usize)>,
    /// A name to look for in the template's tags (a variable, filter or function).
    needle: Option<String>,
}

fn quoted(s: &str, open: char, close: char) -> Option<String> {
    let a = s.find(open)? + open.len_utf8();
    let b = a + s[a..].find(close)?;
    Some(s[a..b].to_owned())
}

/// One error of the chain in Chinese (empty when it only names the template).
fn part(e: &tera::Error) -> (String, Found) {
    use tera::ErrorKind as K;
    let mut found = Found::default();
    let text = match &e.kind {
        K::CircularExtend { tpl, .. } => format!("模板“{tpl}”的 extends 形成了循环"),
        K::MissingParent { current, parent } => {
            found.template = Some(current.clone());
            format!("继承的模板“{parent}”不存在")
        }
        K::TemplateNotFound(n) => {
            found.needle = Some(n.clone());
            format!("找不到模板“{n}”")
        }
        K::FilterNotFound(n) => {
            found.needle = Some(n.clone());
            format!("没有名为“{n}”的过滤器")
        }
        K::TestNotFound(n) => {
            found.needle = Some(n.clone());
            format!("没有名为“{n}”的测试")
        }
        K::FunctionNotFound(n) => {
            found.needle = Some(n.clone());
            format!("没有名为“{n}”的函数")
        }
        K::CallFunction(n) => {
            found.needle = Some(n.clone());
            format!("函数 {n} 出错")
        }
        K::CallFilter(n) => {
            found.needle = Some(n.clone());
            format!("过滤器 {n} 出错")
        }
        K::CallTest(n) => {
            found.needle = Some(n.clone());
            format!("测试 {n} 出错")
        }
        K::Msg(m) => message(m, &mut found),
        _ => e.to_string(),
    };
    (text, found)
}

/// Tera's free-text messages that a template author meets most.
fn message(m: &str, found: &mut Found) -> String {
    if let Some(rest) = m.strip_prefix("Failed to render ") {
        found.template = quoted(rest, '\'', '\'');
        return String::new();
    }
    if let Some(rest) = m.strip_prefix("Failed to parse ") {
        found.template =
            quoted(rest, '\'', '\'').or_else(|| Some(rest.trim_matches('"').to_owned()));
        return String::new();
    }
    if let Some(rest) = m.strip_prefix("Variable `") {
        if let Some((var, tail)) = rest.split_once('`') {
            if let Some(t) = quoted(tail, '\'', '\'') {
                found.template = Some(t);
            }
            found.needle = Some(var.to_owned());
            return format!("变量“{var}”不存在（报告数据中没有这一项，检查拼写）");
        }
    }
    // pest's syntax error: ` --> 3:7 … = expected …`.
    if let Some(at) = m.find("--> ") {
        let pos = m[at + 4..]
            .split_whitespace()
            .next()
            .and_then(|p| p.split_once(':'))
            .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
        found.position = pos;
        let expected = m
            .lines()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("");
        let tokens: Vec<String> = expected
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        let col = pos.map(|(_, c)| format!("第 {c} 列")).unwrap_or_default();
        return if tokens.is_empty() {
            format!("语法错误：{col}处的写法不符合 Tera 模板语法")
        } else {
            format!("语法错误：{col}处应为 {}", tokens.join(" 或 "))
        };
    }
    if m.starts_with("Tried to do math") {
        return "对不是数的值做了算术运算".to_owned();
    }
    if m.starts_with("Tried to iterate") || m.contains("is not an array") {
        return "对不是列表的值做了循环".to_owned();
    }
    m.to_owned()
}

/// The variable a render error says is missing (`Variable `x.y` not found`), if any.
pub(crate) fn missing_variable(e: &tera::Error) -> Option<String> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if let Some(tera::Error {
            kind: tera::ErrorKind::Msg(m),
            ..
        }) = err.downcast_ref::<tera::Error>()
        {
            if let Some(rest) = m.strip_prefix("Variable `") {
                return rest.split_once('`').map(|(v, _)| v.to_owned());
            }
        }
        next = err.source();
    }
    None
}

/// What the context says about a missing variable `var`: which part of its path is
/// empty in this input, or the name it was probably meant to be.
pub(crate) fn variable_hint(var: &str, ctx: &serde_json::Value) -> String {
    let closest = |name: &str, keys: Vec<&String>| {
        keys.into_iter()
            .map(|k| (strsim::jaro_winkler(name, k), k.clone()))
            .filter(|(s, _)| *s > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k)
    };
    let parts: Vec<&str> = var.split('.').collect();
    let mut here = ctx;
    for (i, part) in parts.iter().enumerate() {
        let prefix = parts[..i].join(".");
        let Some(map) = here.as_object() else {
            if here.is_null() && i > 0 {
                return format!(
                    "。“{prefix}”在本输入中为空：它是模板参考中标为“可为空”的变量，先用 {{% if {prefix} %}} 判断"
                );
            }
            return String::new();
        };
        match map.get(*part) {
            Some(v) => here = v,
            None => {
                let full = |k: &str| {
                    if prefix.is_empty() {
                        k.to_owned()
                    } else {
                        format!("{prefix}.{k}")
                    }
                };
                return match closest(part, map.keys().collect()) {
                    Some(k) => format!("。是否想写“{}”？", full(&k)),
                    None if i == 0 => "（检查拼写）。若它是宏的参数或循环变量，则可能是传入的值在本输入中为空；报告中可为空的变量见模板参考".to_owned(),
                    None => format!(
                        "。“{prefix}”中没有这一项；它有哪些项见模板参考（模板参考.md）或 gongkai templates vars 的输出"
                    ),
                };
            }
        }
    }
    String::new()
}

/// Block tags that need an end tag.
const BLOCKS: &[&str] = &["for", "if", "macro", "block", "filter", "raw"];

/// The first block tag left unclosed or closed by the wrong end tag: (line, message).
pub(crate) fn unbalanced(text: &str) -> Option<(usize, String)> {
    // Comments hide tags; keep their line breaks so that lines still count.
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{#") {
        plain.push_str(&rest[..at]);
        let end = rest[at..].find("#}").map_or(rest.len(), |e| at + e + 2);
        plain.extend(rest[at..end].chars().filter(|c| *c == '\n'));
        rest = &rest[end..];
    }
    plain.push_str(rest);
    let mut stack: Vec<(&str, usize)> = Vec::new();
    let mut line = 1;
    let mut last = 0;
    for (at, _) in plain.match_indices("{%") {
        line += plain[last..at].matches('\n').count();
        last = at;
        let word = plain[at + 2..]
            .trim_start_matches(['-', '+'])
            .trim_start()
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .next()
            .unwrap_or("");
        if stack.last().is_some_and(|(t, _)| *t == "raw") && word != "endraw" {
            continue;
        }
        if let Some(tag) = BLOCKS.iter().find(|b| **b == word) {
            stack.push((tag, line));
        } else if let Some(tag) = word.strip_prefix("end") {
            match stack.pop() {
                Some((open, _)) if open == tag => {}
                Some((open, l)) => {
                    return Some((
                        line,
                        format!("{{% end{tag} %}} 与第 {l} 行的 {{% {open} %}} 不配对（应为 {{% end{open} %}}）"),
                    ))
                }
                None => return Some((line, format!("{{% end{tag} %}} 前面没有对应的 {{% {tag} %}}"))),
            }
        }
    }
    stack.pop().map(|(open, l)| {
        (
            l,
            format!("这里的 {{% {open} %}} 没有对应的 {{% end{open} %}}（文件到末尾也没有闭合）"),
        )
    })
}

/// The lines (1-based, in order) where `name` occurs inside a `{{ }}` or `{% %}` tag;
/// failing that, where its last part does.
fn find_in_tags(text: &str, name: &str) -> Vec<usize> {
    // A dotted variable may be written in part (`meta.x` inside `{% set m = meta %}…m.x`).
    let tail = name.rsplit('.').next().unwrap_or(name);
    for needle in [name, tail] {
        let mut lines = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(open) = rest.find("{{").or_else(|| rest.find("{%")) {
                let after = &rest[open + 2..];
                let close = after
                    .find("}}")
                    .or_else(|| after.find("%}"))
                    .unwrap_or(after.len());
                if contains_word(&after[..close], needle) {
                    lines.push(i + 1);
                    break;
                }
                rest = &after[close..];
            }
        }
        if !lines.is_empty() {
            return lines;
        }
    }
    Vec::new()
}

fn contains_word(hay: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    hay.match_indices(word).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_err(files: &[(&str, &str)], name: &str) -> String {
        let mut t = tera::Tera::default();
        if let Err(e) = t.add_raw_templates(files.to_vec()) {
            return describe(&e, files);
        }
        match t.render(name, &tera::Context::new()) {
            Ok(_) => panic!("renders"),
            Err(e) => describe(&e, files),
        }
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let m = render_err(&[("page.md.tera", "a\nb\n{% if %}\n")], "page.md.tera");
        assert!(m.starts_with("page.md.tera 第 3 行：语法错误"), "{m}");
        assert!(m.contains("{% if %}"), "{m}");
        assert!(!m.contains("expected"), "{m}");
    }

    #[test]
    fn render_errors_find_the_line_of_the_name() {
        let m = render_err(
            &[("document.tera", "标题\n\n正文 {{ meta.nosuch }}\n")],
            "document.tera",
        );
        assert!(
            m.starts_with("document.tera 第 3 行：变量“meta.nosuch”不存在"),
            "{m}"
        );
        let m = render_err(
            &[("document.tera", "x\n{{ 1 | nofilter }}\n")],
            "document.tera",
        );
        assert!(m.contains("第 2 行") && m.contains("nofilter"), "{m}");
        assert!(!m.contains("Failed") && !m.contains("not found"), "{m}");
        // Tera gives no line: every line naming the value is a candidate, and all are said.
        let m = render_err(
            &[(
                "document.tera",
                "{% if x %}{{ meta.nosuch }}{% endif %}\n\n{{ meta.nosuch }}\n",
            )],
            "document.tera",
        );
        assert!(
            m.starts_with("document.tera 第 3 行（同一名称还出现在第 1 行）")
                || m.starts_with("document.tera 第 1 行（同一名称还出现在第 3 行）"),
            "{m}"
        );
    }

    #[test]
    fn an_unclosed_block_is_named_at_its_opening_line() {
        let m = render_err(
            &[(
                "document.tera",
                "标题\n{% for x in xs %}\n{{ x }}\n{% if x %}\n是\n{% endif %}\n末尾\n",
            )],
            "document.tera",
        );
        assert!(m.starts_with("document.tera 第 2 行：语法错误"), "{m}");
        assert!(m.contains("{% for %} 没有对应的 {% endfor %}"), "{m}");
        assert!(m.contains("{% for x in xs %}"), "{m}");
        let m = render_err(
            &[(
                "document.tera",
                "{% for x in xs %}\n{% if x %}\n{% endfor %}\n",
            )],
            "document.tera",
        );
        assert!(m.contains("第 3 行") || m.contains("第 2 行"), "{m}");
    }
}
