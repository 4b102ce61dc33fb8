//! Load: input bytes → [`Loaded`] (the raw document of one kind, e.g. [`schema::Budget`],
//! plus where each node is). Which kind a file is, `kind:` says ([`declared_kind`]); the
//! kinds themselves are listed in [`crate::kind`].
//!
//! The only module that names `serde_yaml` or opens input paths. It applies no business
//! rules; every problem it finds is a [`Diagnostic`] with file, line, column and field.

pub mod amounts;
pub mod edit;
pub mod editor;
mod messages;
mod required;
pub mod schema;
mod source_map;
pub mod variants;

use std::path::Path;

pub use source_map::{Pos, SourceMap};

use crate::error::{Diagnostic, Error, Severity};
use messages::{closest, schema_error};

/// A parsed input file: a document of one kind (a department budget unless said otherwise).
#[derive(Debug, Clone)]
pub struct Loaded<T> {
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

/// The bytes of the input at `path`, refusing directories, anything that is not a regular
/// file (a pipe would block, a device never end) and files over the size limit, whatever
/// their metadata claims (at most the limit is ever read); parse them with
/// [`crate::kind::Input::from_bytes`]. For callers that keep the bytes the diagnostics were found in
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

/// Input bytes as text (a UTF-8 BOM removed), or the diagnostic that they are not UTF-8.
pub fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
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

/// The kind a document declares (`kind:` at its top level), if any; text that is not
/// even YAML is refused here with the parser's diagnostic.
pub fn declared_kind(file: &str, text: &str) -> Result<Option<String>, Error> {
    let text = precheck(file, text)?;
    /// The one field read before the rest.
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        kind: Option<String>,
    }
    Ok(serde_yaml::from_str::<Probe>(text)
        .ok()
        .and_then(|p| p.kind))
}

/// The diagnostic for a `kind:` that names no known kind; `known` are the kinds and their
/// Chinese names.
pub fn unknown_kind(file: &str, text: &str, other: &str, known: &[(&str, &str)]) -> Error {
    let names: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
    let source = SourceMap::build(text);
    let pos = source.locate("kind").unwrap_or_default();
    let listed: Vec<String> = known.iter().map(|(k, n)| format!("{k}（{n}）")).collect();
    Error::Invalid(vec![Diagnostic {
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
    }])
}

/// Parses input text as a document of type `T`; `file` names it in diagnostics.
pub fn parse<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    file: &str,
    text: &str,
) -> Result<Loaded<T>, Error> {
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
    // Read without tracking the path first: tracking every field's path costs, and only a
    // failure needs it. A document that fails is read again with its path tracked, which
    // fails the same way and says where.
    let doc: T = match serde_yaml::from_str::<T>(text)
        .or_else(|_| serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)))
    {
        Ok(b) => b,
        Err(e) => {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            let first = schema_error(file, &field, e.inner(), &source);
            // A missing or unknown field: list every one of the document at once.
            if matches!(first.rule, "STR-002" | "STR-003") && first.message.contains("字段") {
                let all = all_field_problems::<T>(file, text, &source);
                if !all.is_empty() {
                    return Err(Error::Invalid(all));
                }
            }
            return Err(Error::Invalid(vec![first]));
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

/// Every missing required field and unknown field of `text` as a document of type `T`
/// (see [`required`]), each at its line; empty when the walk finds none (then serde's
/// first error stands).
fn all_field_problems<T: schemars::JsonSchema>(
    file: &str,
    text: &str,
    source: &SourceMap,
) -> Vec<Diagnostic> {
    let Ok(doc) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Vec::new();
    };
    let Ok(schema) = serde_json::to_value(schemars::schema_for!(T)) else {
        return Vec::new();
    };
    let mut problems = required::problems(&schema, &doc);
    // `yaer` for `year`: one mistake, reported once, as the unknown key with its hint.
    let misspelt: Vec<(String, String)> = problems
        .iter()
        .filter_map(|p| match p {
            required::Problem::Unknown { parent, name, .. } => {
                let missing: Vec<&str> = problems
                    .iter()
                    .filter_map(|q| match q {
                        required::Problem::Missing { parent: pp, name } if pp == parent => {
                            Some(name.as_str())
                        }
                        _ => None,
                    })
                    .collect();
                closest(name, &missing).map(|m| (parent.clone(), m.to_owned()))
            }
            required::Problem::Missing { .. } => None,
        })
        .collect();
    problems.retain(|p| match p {
        required::Problem::Missing { parent, name } => {
            !misspelt.iter().any(|(pp, n)| pp == parent && n == name)
        }
        required::Problem::Unknown { .. } => true,
    });
    let mut diags: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| {
            let (field, msg) = match p {
                required::Problem::Missing { parent, name } => {
                    (parent, format!("missing field `{name}`"))
                }
                required::Problem::Unknown {
                    parent,
                    name,
                    known,
                } => {
                    let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                    let at = if parent.is_empty() {
                        name.clone()
                    } else {
                        format!("{parent}.{name}")
                    };
                    (
                        at,
                        format!(
                            "unknown field `{name}`, expected one of {}",
                            known.join(", ")
                        ),
                    )
                }
            };
            messages::field_diagnostic(file, &field, &msg, source)
        })
        .collect();
    // In reading order; at one place, an unknown key before what is missing there.
    diags.sort_by_key(|d| (d.line, d.column, d.rule != "STR-002"));
    diags
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

/// A YAML error in Chinese, with its line and column, for the other YAML files gongkai
/// reads (a layout's `layout.yaml` and `pdf.yaml`): the same wording as for inputs.
pub fn yaml_error(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    // serde_yaml appends " at line L column C"; the position is given once, in front.
    let core = text.split(" at line ").next().unwrap_or(&text);
    let (message, hint, _) = messages::translate(core);
    let hint = hint.map(|h| format!("（{h}）")).unwrap_or_default();
    match e.location() {
        Some(at) => format!("第 {} 行第 {} 列：{message}{hint}", at.line(), at.column()),
        None => format!("{message}{hint}"),
    }
}

/// The text of an input file (BOM removed), for tools that transform it (`init --from`).
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("{}：文件不是 UTF-8 编码", path.display())))?;
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

/// `value` written as YAML text (`gongkai templates vars`): the one place besides parsing
/// that names the YAML library.
pub fn to_yaml(value: &serde_json::Value) -> Result<String, Error> {
    serde_yaml::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}
