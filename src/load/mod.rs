//! Load: input bytes → [`Loaded`] (the raw [`schema::Budget`] plus where each node is).
//!
//! The only module that names `serde_yaml` or opens input paths. It applies no business
//! rules; every problem it finds is a [`Diagnostic`] with file, line, column and field.

pub mod amounts;
pub mod edit;
pub mod schema;
mod source_map;

use std::path::Path;

pub use source_map::{Pos, SourceMap};

use crate::error::{Diagnostic, Error, Severity};

/// A parsed input file: a document of one kind (a department budget unless said otherwise).
#[derive(Debug, Clone)]
pub struct Loaded<T = schema::Budget> {
    /// The input file as named by the user (used in diagnostics).
    pub file: String,
    /// The deserialised document.
    pub doc: T,
    /// Where each node of the document is in the file.
    pub source: SourceMap,
}

impl<T> Loaded<T> {
    /// A diagnostic located at `field` (or its nearest ancestor present in the file).
    pub fn diagnostic(
        &self,
        rule: &'static str,
        severity: Severity,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let field = field.into();
        let pos = self.source.locate(&field).unwrap_or_default();
        Diagnostic {
            file: self.file.clone(),
            line: pos.line,
            column: pos.column,
            field,
            rule,
            severity,
            message: message.into(),
            hint: None,
            notes: Vec::new(),
        }
    }
}

/// Largest input accepted (16 MiB): a department's budget is a few hundred KB at most.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Largest document accepted once its aliases are expanded (32 MiB of text and nodes):
/// an alias bomb is refused before a deserialiser expands it.
pub const MAX_EXPANDED: u64 = 32 * 1024 * 1024;

/// Reads and parses the input at `path`.
pub fn from_path(path: &Path) -> Result<Loaded, Error> {
    let bytes = read_checked(path)?;
    from_bytes(&path.display().to_string(), &bytes)
}

/// The bytes of the input at `path`, refusing directories, anything that is not a regular
/// file (a pipe would block, a device never end) and files over the size limit, whatever
/// their metadata claims (at most the limit is ever read); parse them with
/// [`input_from_bytes`]. For callers that keep the bytes the diagnostics were found in
/// (`watch` shows their lines with [`source_line_in`]).
pub fn read_checked(path: &Path) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Usage(format!(
            "{}：是目录，不是 YAML 文件",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "{}：不是普通文件（管道、设备等），不读取",
            path.display()
        )));
    }
    let bytes = read_limited(path, MAX_INPUT_BYTES);
    if matches!(&bytes, Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge) {
        return Err(Error::Invalid(vec![Diagnostic {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            field: String::new(),
            rule: "STR-001",
            severity: Severity::Error,
            message: format!("文件超过 {} MB 的上限", MAX_INPUT_BYTES / 1_048_576),
            hint: Some("一个部门一年的预算文件通常不到 1 MB，请确认选对了文件".into()),
            notes: Vec::new(),
        }]));
    }
    bytes.map_err(|e| Error::io(path, e))
}

/// Reads at most `limit` bytes of a regular file; larger files are an error.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    f.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            "file too large",
        ));
    }
    Ok(bytes)
}

/// Parses input bytes; `file` names them in diagnostics.
pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Error> {
    from_str(file, utf8(file, bytes)?)
}

/// Input bytes as text (a UTF-8 BOM removed), or the diagnostic that they are not UTF-8.
fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(Error::Invalid(vec![Diagnostic {
                file: file.to_owned(),
                line,
                column: 0,
                field: String::new(),
                rule: "STR-001",
                severity: Severity::Error,
                message: "文件不是 UTF-8 编码".into(),
                hint: Some("请用 UTF-8 编码另存该文件（不要用 GBK/GB2312）".into()),
                notes: Vec::new(),
            }]));
        }
    };
    Ok(text)
}

/// Parses input text as a department budget; `file` names it in diagnostics.
pub fn from_str(file: &str, text: &str) -> Result<Loaded, Error> {
    parse(file, text)
}

/// An input of any document kind, as its `kind:` field says (a department budget when
/// absent). Adding a kind: its root type in `schema`, a variant here and in
/// [`crate::kind`], and a line in [`KINDS`].
// One value per input file, moved once into the pipeline: boxing the large budget would
// cost every match a dereference and buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Input {
    /// 部门预算 (`kind: budget`, the default).
    Budget(Loaded<schema::Budget>),
    /// 绩效自评表 (`kind: self-evaluation`).
    SelfEvaluation(Loaded<schema::selfeval::SelfEvaluation>),
    /// 绩效目标表 (`kind: performance-targets`).
    Targets(Loaded<schema::targets::PerformanceTargets>),
}

/// Every document kind: the `kind:` value and its Chinese name.
pub const KINDS: &[(&str, &str)] = &[
    ("budget", "部门预算"),
    ("performance-targets", "绩效目标表"),
    ("self-evaluation", "绩效自评表"),
];

impl Input {
    /// The input file as named by the user.
    pub fn file(&self) -> &str {
        match self {
            Input::Budget(l) => &l.file,
            Input::SelfEvaluation(l) => &l.file,
            Input::Targets(l) => &l.file,
        }
    }
}

/// Reads and parses the input at `path` as whatever kind it declares.
pub fn input_from_path(path: &Path) -> Result<Input, Error> {
    let bytes = read_checked(path)?;
    input_from_bytes(&path.display().to_string(), &bytes)
}

/// Parses input bytes as whatever kind they declare.
pub fn input_from_bytes(file: &str, bytes: &[u8]) -> Result<Input, Error> {
    let text = utf8(file, bytes)?;
    input_from_str(file, text)
}

/// Parses input text as whatever kind it declares.
pub fn input_from_str(file: &str, text: &str) -> Result<Input, Error> {
    let text = precheck(file, text)?;
    /// The one field read before the rest.
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        kind: Option<String>,
    }
    let kind = serde_yaml::from_str::<Probe>(text)
        .ok()
        .and_then(|p| p.kind)
        .unwrap_or_else(|| "budget".to_owned());
    match kind.as_str() {
        "budget" => Ok(Input::Budget(parse(file, text)?)),
        "self-evaluation" => Ok(Input::SelfEvaluation(parse(file, text)?)),
        "performance-targets" => Ok(Input::Targets(parse(file, text)?)),
        other => {
            let names: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            let source = SourceMap::build(text);
            let pos = source.locate("kind").unwrap_or_default();
            let listed: Vec<String> = KINDS.iter().map(|(k, n)| format!("{k}（{n}）")).collect();
            Err(Error::Invalid(vec![Diagnostic {
                file: file.to_owned(),
                line: pos.line,
                column: pos.column,
                field: "kind".into(),
                rule: "STR-001",
                severity: Severity::Error,
                message: format!("未知的文件类型“{other}”"),
                hint: Some(match closest(other, &names) {
                    Some(c) => format!("是否应为“{c}”？可用的类型：{}", listed.join("、")),
                    None => format!("可用的类型：{}", listed.join("、")),
                }),
                notes: Vec::new(),
            }]))
        }
    }
}

/// Parses input text as a document of type `T`; `file` names it in diagnostics.
pub fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<Loaded<T>, Error> {
    let text = precheck(file, text)?;
    let source = SourceMap::build(text);
    if source.expanded_size() > MAX_EXPANDED {
        let at = source.first_alias().unwrap_or_default();
        return Err(Error::Invalid(vec![Diagnostic {
            file: file.to_owned(),
            line: at.line,
            column: at.column,
            field: String::new(),
            rule: "STR-001",
            severity: Severity::Error,
            message: format!(
                "别名（&锚点 与 *引用）展开后超过 {} MB，拒绝读取",
                MAX_EXPANDED / 1_048_576
            ),
            hint: Some("预算文件不需要 YAML 别名；请把被引用的内容直接写出".into()),
            notes: Vec::new(),
        }]));
    }
    let de = serde_yaml::Deserializer::from_str(text);
    let doc: T = match serde_path_to_error::deserialize(de) {
        Ok(b) => b,
        Err(e) => {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            return Err(Error::Invalid(vec![schema_error(
                file,
                &field,
                e.inner(),
                &source,
            )]));
        }
    };
    let loaded = Loaded {
        file: file.to_owned(),
        doc,
        source,
    };
    let inexact = inexact_numbers(&loaded);
    if !inexact.is_empty() {
        return Err(Error::Invalid(inexact));
    }
    Ok(loaded)
}

/// Refuses empty and pathologically nested text before any YAML parser sees it; returns
/// the text without a BOM.
fn precheck<'a>(file: &str, text: &'a str) -> Result<&'a str, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::Invalid(vec![Diagnostic {
            file: file.to_owned(),
            line: 1,
            column: 1,
            field: String::new(),
            rule: "STR-001",
            severity: Severity::Error,
            message: "文件为空".into(),
            hint: Some("可用 `gongkai init` 生成带说明的模板".into()),
            notes: Vec::new(),
        }]));
    }
    // Control characters YAML does not allow: refused here, where their line is known.
    if let Some((i, c)) = text
        .char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        let line = text[..i].matches('\n').count() + 1;
        let column = text[..i]
            .rsplit('\n')
            .next()
            .map_or(0, |l| l.chars().count())
            + 1;
        return Err(Error::Invalid(vec![Diagnostic {
            file: file.to_owned(),
            line,
            column,
            field: String::new(),
            rule: "STR-011",
            severity: Severity::Error,
            message: format!("文件中含有控制字符 U+{:04X}", c as u32),
            hint: Some("请删去这个不可见的字符后重新保存".into()),
            notes: Vec::new(),
        }]));
    }
    if let Some(line) = too_deep(text) {
        return Err(Error::Invalid(vec![Diagnostic {
            file: file.to_owned(),
            line,
            column: 0,
            field: String::new(),
            rule: "STR-001",
            severity: Severity::Error,
            message: "嵌套层数过深".into(),
            hint: Some("预算文件的层级不超过十层左右，请检查括号".into()),
            notes: Vec::new(),
        }]));
    }
    Ok(text)
}

/// Flow collections (`[`, `{`) nested deeper than any budget needs: YAML parsers slow
/// down quadratically on them, so such text is refused before parsing. Returns the line
/// where the limit is crossed. Quoted strings and comments are skipped.
fn too_deep(text: &str) -> Option<usize> {
    const LIMIT: usize = 64;
    let (mut depth, mut line) = (0usize, 1usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = ' ';
    // Compact nested block collections ("- - - x", "? ? x") nest within one line too.
    for (i, l) in text.lines().enumerate() {
        let mut rest = l.trim_start();
        let mut chain = 0;
        while let Some(r) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
            chain += 1;
            if chain > LIMIT {
                return Some(i + 1);
            }
            rest = r.trim_start();
        }
    }
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            comment = false;
        } else if comment {
        } else if let Some(q) = quote {
            if c == q && prev != '\\' {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' => quote = Some(c),
                '#' if prev.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > LIMIT {
                        return Some(line);
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = c;
    }
    None
}

/// Numbers with more significant digits than a YAML float carries exactly.
fn inexact_numbers<T>(loaded: &Loaded<T>) -> Vec<Diagnostic> {
    loaded
        .source
        .plain_scalars()
        .filter(|(_, _, v)| {
            let body = v.trim_start_matches(['+', '-']);
            body.contains('.')
                && body.chars().all(|c| c.is_ascii_digit() || c == '.')
                && body
                    .trim_start_matches(['0', '.'])
                    .trim_end_matches('0')
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count()
                    > 15
        })
        .map(|(path, pos, v)| Diagnostic {
            file: loaded.file.clone(),
            line: pos.line,
            column: pos.column,
            field: path.to_owned(),
            rule: "AMT-001",
            severity: Severity::Error,
            message: format!("数字 {v} 超过 15 位有效数字，无法精确读取"),
            hint: Some(format!("请加引号写成字符串：\"{v}\"")),
            notes: Vec::new(),
        })
        .collect()
}

/// Turns a serde_yaml error into a Chinese diagnostic.
fn schema_error(file: &str, field: &str, e: &serde_yaml::Error, source: &SourceMap) -> Diagnostic {
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

/// The common slip at or before line `upto` that makes a file unreadable: a quote left
/// open, a full-width colon after a key, a bracket left open. (position, message, hint).
fn slip(text: &str, upto: usize) -> Option<(Pos, String, String)> {
    let mut open_bracket: Option<(Pos, char)> = None;
    for (i, line) in text.lines().enumerate().take(upto.max(1)) {
        let n = i + 1;
        let body = line.split(" #").next().unwrap_or(line);
        let trimmed = body.trim_start();
        if trimmed.starts_with('#') {
            continue;
        }
        let indent = body.len() - trimmed.len();
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
fn translate(msg: &str) -> (String, Option<String>, &'static str) {
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
fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests;

/// Line `line` (1-based) of the file at `path`, for showing diagnostics in context.
pub fn source_line(path: &Path, line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    source_line_in(&std::fs::read(path).ok()?, line)
}

/// Line `line` (1-based) of an input's bytes, for showing diagnostics in context.
pub fn source_line_in(bytes: &[u8], line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    text.lines().nth(line - 1).map(|l| {
        l.trim_end_matches('\r')
            .trim_start_matches('\u{feff}')
            .to_owned()
    })
}

/// The JSON Schema of the input (for editors: the VS Code YAML extension checks and
/// completes a file whose first line is `# yaml-language-server: $schema=<file>`).
/// `None` for an unknown kind.
pub fn json_schema(kind: &str) -> Option<String> {
    let schema = match kind {
        "budget" => schemars::schema_for!(schema::Budget),
        "self-evaluation" => schemars::schema_for!(schema::selfeval::SelfEvaluation),
        "performance-targets" => schemars::schema_for!(schema::targets::PerformanceTargets),
        _ => return None,
    };
    serde_json::to_string_pretty(&schema).ok()
}

/// The text of an input file (BOM removed), for tools that transform it (`init --from`).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("{}：文件不是 UTF-8 编码", path.display())))?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}
