//! The field tables of `inputs/README.md`, read as the hover texts of the editor schema.
//!
//! The README is the clerk's reference: one table row per field, its first cell the
//! field's path (`` `department.name` ``, `` `projects[].amounts.general` ``), then whether
//! it is required, what it means and an example. The schema's `description` of a field is
//! that row, so the reference and the editor's hover cannot say different things.
//!
//! Which rows count: tables whose first header cell is `字段` or `键` and that have a
//! `含义` or `内容` column; a row whose first cell is anything but backticked paths
//! (separated by `、`, each possibly a Markdown link) is prose and skipped. Rows belong to
//! the document kind of the heading above them: a heading naming `` `kind: NAME` `` starts
//! that kind's rows, any other `##` heading returns to budgets.
//!
//! A key that starts with a top-level field names one path (`department.name`); any other
//! key matches the end of every path that ends so, segment by segment, `*` matching any
//! one segment (`annual_goals[].text` is the text of every annual goal, the department's
//! and each project's). The most specific match wins.

/// The clerk's field reference, built into the binary.
pub(super) const README: &str = include_str!("../../../inputs/README.md");

/// One documented field (a row of a field table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field {
    /// The document kind (`budget`, `performance-targets`, …) whose table holds the row.
    pub kind: String,
    /// The path pattern the row documents.
    pub key: String,
    /// The hover text: meaning, then whether it is required, then the example.
    pub text: String,
    /// False for the overview table (`字段总览`), whose short text gives way to a
    /// section's own row for the same key.
    pub primary: bool,
    /// The row's line in the README (1-based), for messages about it.
    pub line: usize,
}

/// Column positions of a field table.
#[derive(Debug, Default)]
struct Header {
    meaning: Option<usize>,
    required: Option<usize>,
    example: Option<usize>,
    used_in: Option<usize>,
    primary: bool,
}

impl Header {
    /// The columns of a table with header `cells`, or `None` when it is not a field table.
    fn of(cells: &[String]) -> Option<Header> {
        if !matches!(cells.first().map(String::as_str), Some("字段" | "键")) {
            return None;
        }
        let find = |names: &[&str]| cells.iter().position(|c| names.contains(&c.as_str()));
        let header = Header {
            meaning: find(&["含义", "内容"]),
            required: find(&["必填"]),
            example: find(&["示例"]),
            used_in: find(&["用在报告的哪里"]),
            primary: find(&["含义"]).is_some(),
        };
        header.meaning.map(|_| header)
    }
}

/// Every documented field of `readme`, in reading order.
pub(super) fn fields(readme: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let mut kind = "budget".to_owned();
    // None between tables; Some(None) inside a table that is not a field table.
    let mut table: Option<Option<Header>> = None;
    for (i, line) in readme.lines().enumerate() {
        let t = line.trim();
        if t.starts_with('#') {
            if let Some(k) = heading_kind(t) {
                kind = k;
            } else if t.starts_with("## ") {
                "budget".clone_into(&mut kind);
            }
            table = None;
            continue;
        }
        if !t.starts_with('|') {
            table = None;
            continue;
        }
        let cells = cells(t);
        let Some(header) = &table else {
            table = Some(Header::of(&cells));
            continue;
        };
        let Some(h) = header else { continue };
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
        {
            continue;
        }
        let Some(keys) = cells.first().and_then(|c| keys(c)) else {
            continue;
        };
        let cell = |col: Option<usize>| {
            col.and_then(|c| cells.get(c))
                .map(|c| plain(c))
                .filter(|c| !c.is_empty())
        };
        let Some(mut text) = cell(h.meaning) else {
            continue;
        };
        if let Some(used) = cell(h.used_in) {
            text = format!("{text}。用在：{used}");
        }
        if let Some(req) = cell(h.required) {
            text = format!("{text}\n\n必填：{req}");
        }
        if let Some(ex) = cell(h.example) {
            text = format!("{text}\n\n示例：{ex}");
        }
        for key in keys {
            out.push(Field {
                kind: kind.clone(),
                key,
                text: text.clone(),
                primary: h.primary,
                line: i + 1,
            });
        }
    }
    out
}

/// The kind a heading names as `` `kind: NAME` ``.
fn heading_kind(heading: &str) -> Option<String> {
    let rest = &heading[heading.find("`kind: ")? + "`kind: ".len()..];
    Some(rest[..rest.find('`')?].to_owned())
}

/// The cells of a table row, trimmed; a `|` inside backticks does not split.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut code = false;
    for c in inner.chars() {
        match c {
            '`' => {
                code = !code;
                cur.push(c);
            }
            '|' if !code => out.push(std::mem::take(&mut cur).trim().to_owned()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_owned());
    out
}

/// The keys of a first cell made only of backticked paths (each possibly a Markdown
/// link) separated by `、`; `None` for any other cell.
fn keys(cell: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for item in cell.split('、') {
        let item = item.trim();
        // `[`key`](#anchor)` or `` `key` ``.
        let item = match item.strip_prefix('[') {
            Some(rest) => rest.split_once("](")?.0,
            None => item,
        };
        let key = item.strip_prefix('`')?.strip_suffix('`')?;
        let valid = !key.is_empty()
            && !key.starts_with('.')
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.[]*".contains(c));
        if !valid {
            return None;
        }
        out.push(key.to_owned());
    }
    Some(out)
}

/// A cell's text without Markdown emphasis and with links reduced to their text.
fn plain(cell: &str) -> String {
    let text = cell.replace("**", "");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](").map(|m| (m, after[m + 2..].find(')'))) {
            Some((m, Some(close))) if !after[..m].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..m]);
                rest = &after[m + 2 + close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

/// Whether `key` documents `path`, and how specifically (the number of literal segments
/// matched). A key that starts with a top-level field (one of `roots`) names a path from
/// the top; any other key matches the end of a path, segment by segment, `*` matching
/// any one segment.
pub(super) fn specificity(key: &str, path: &str, roots: &[String]) -> Option<usize> {
    let k: Vec<&str> = key.split('.').collect();
    let p: Vec<&str> = path.split('.').collect();
    let anchored = roots
        .iter()
        .any(|r| k[0] == r || k[0].strip_suffix("[]") == Some(r.as_str()));
    if k.len() > p.len() || (anchored && k.len() != p.len()) {
        return None;
    }
    let tail = &p[p.len() - k.len()..];
    let mut literal = 0;
    for (a, b) in k.iter().zip(tail) {
        if *a == "*" {
            continue;
        }
        if a != b {
            return None;
        }
        literal += 1;
    }
    Some(literal)
}

/// The field of `kind` that documents `path` (`roots`: the kind's top-level fields): the
/// most specific match, a section's row before the overview's. `Err` gives the lines of
/// two rows that match equally well.
pub(super) fn lookup<'a>(
    fields: &'a [Field],
    kind: &str,
    path: &str,
    roots: &[String],
) -> Result<Option<&'a Field>, (usize, usize)> {
    let mut best: Option<(&Field, (usize, bool, usize))> = None;
    let mut tie = None;
    for f in fields.iter().filter(|f| f.kind == kind) {
        let Some(s) = specificity(&f.key, path, roots) else {
            continue;
        };
        let rank = (s, f.primary, f.key.len());
        match &best {
            Some((b, r)) if *r == rank && b.line != f.line => tie = Some((b.line, f.line)),
            Some((_, r)) if *r >= rank => {}
            _ => {
                best = Some((f, rank));
                tie = None;
            }
        }
    }
    match tie {
        Some(lines) => Err(lines),
        None => Ok(best.map(|(f, _)| f)),
    }
}
