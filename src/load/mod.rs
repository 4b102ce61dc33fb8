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

/// The bytes of the input at `path`, refusing directories and oversized files; parse them
/// with [`input_from_bytes`]. For callers that keep the bytes the diagnostics were found
/// in (`watch` shows their lines with [`source_line_in`]).
pub fn read_checked(path: &Path) -> Result<Vec<u8>, Error> {
    if path.is_dir() {
        return Err(Error::Usage(format!(
            "{}：是目录，不是 YAML 文件",
            path.display()
        )));
    }
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > MAX_INPUT_BYTES {
        return Err(Error::Invalid(vec![Diagnostic {
            file: path.display().to_string(),
            line: 0,
            column: 0,
            field: String::new(),
            rule: "STR-001",
            severity: Severity::Error,
            message: format!(
                "文件过大（{:.1} MB），超过 {} MB 的上限",
                size as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
            hint: Some("一个部门一年的预算文件通常不到 1 MB，请确认选对了文件".into()),
            notes: Vec::new(),
        }]));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
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
        return Err(Error::Invalid(vec![Diagnostic {
            file: file.to_owned(),
            line: 0,
            column: 0,
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
    let (message, hint, rule) = translate(&msg);
    let mut field = field.to_owned();
    let mut pos = match e.location() {
        Some(l) => Pos {
            line: l.line(),
            column: l.column(),
        },
        None => source.locate(&field).unwrap_or_default(),
    };
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
    if msg.starts_with("金额") {
        return (msg.to_owned(), None, "AMT-002");
    }
    // A value our own deserialisers refused, already explained in Chinese.
    if msg.starts_with(|c: char| !c.is_ascii()) {
        return (msg.to_owned(), None, "STR-005");
    }
    (format!("YAML 格式错误：{msg}"), None, "STR-001")
}

fn expected_zh(e: &str) -> String {
    match e {
        "a string" => "文字".into(),
        "i32" | "u32" | "an integer" => "整数".into(),
        "a boolean" => "是/否（true/false）".into(),
        e if e.starts_with("a sequence") => "列表".into(),
        e if e.starts_with("struct") || e.starts_with("a map") => "映射（键: 值）".into(),
        e => e.to_owned(),
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
    } else {
        f.to_owned()
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
