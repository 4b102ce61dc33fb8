//! Editing a YAML file as text, through the positions its parser reports, so that the
//! clerk's comments, key order, quoting, number formats and layout survive: only the
//! values named change (`init --from`).
//!
//! Edits are collected against the original text and applied at once; a value is
//! replaced, an entry removed (a block entry with its lines, a flow entry with its comma)
//! or an entry inserted (a block mapping gets a line before its first entry, a flow
//! mapping an entry after its brace).

use std::collections::BTreeMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::error::Error;

/// Where one node of the document is.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Byte offset of its key, for mapping entries.
    key: Option<usize>,
    /// Byte offset where its value starts.
    value: usize,
    /// True when it sits inside a flow collection (`{ … }`, `[ … ]`).
    in_flow: bool,
    /// For mappings and sequences: true when written in flow style.
    flow: bool,
    /// True for mappings and sequences.
    collection: bool,
    /// For block mappings: the byte offset of the first entry's key.
    first_key: Option<usize>,
}

/// A YAML text and the positions of its nodes, by field path (`projects[2].amounts`).
pub struct Editor<'t> {
    text: &'t str,
    nodes: BTreeMap<String, Node>,
    edits: Vec<(usize, usize, String)>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, usize)>,
        flow: bool,
    },
    Seq {
        path: String,
        next: usize,
        flow: bool,
    },
}

impl<'t> Editor<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> Result<Editor<'t>, Error> {
        // Parser markers count characters; edits need bytes.
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let at = |m: Marker| bytes.get(m.index()).copied().unwrap_or(text.len());
        let mut nodes = BTreeMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        loop {
            let (ev, mark) = parser
                .next_token()
                .map_err(|e| Error::Usage(format!("无法读取上年的文件：{e}")))?;
            let pos = at(mark);
            // The path of a node starting here (None: this scalar is a key).
            let node_path = |stack: &mut Vec<Frame>| -> Option<(String, Option<usize>, bool)> {
                match stack.last_mut() {
                    None => Some((String::new(), None, false)),
                    Some(Frame::Map { key: None, .. }) => None,
                    Some(Frame::Map { path, key, flow }) => {
                        let (k, kpos) = key.take().unwrap_or_default();
                        let p = if path.is_empty() {
                            k
                        } else {
                            format!("{path}.{k}")
                        };
                        Some((p, Some(kpos), *flow))
                    }
                    Some(Frame::Seq { path, next, flow }) => {
                        let p = format!("{path}[{next}]");
                        *next += 1;
                        Some((p, None, *flow))
                    }
                }
            };
            match ev {
                Event::StreamEnd => break,
                Event::Scalar(value, ..) => match node_path(&mut stack) {
                    None => {
                        if let Some(Frame::Map { key, path, .. }) = stack.last_mut() {
                            let map_path = path.clone();
                            *key = Some((value, pos));
                            if let Some(n) = nodes.get_mut(&map_path) {
                                let n: &mut Node = n;
                                if n.first_key.is_none() {
                                    n.first_key = Some(pos);
                                }
                            }
                        }
                    }
                    Some((path, key, in_flow)) => {
                        nodes.insert(
                            path,
                            Node {
                                key,
                                value: pos,
                                in_flow,
                                flow: false,
                                collection: false,
                                first_key: None,
                            },
                        );
                    }
                },
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let is_map = matches!(ev, Event::MappingStart(..));
                    let (path, key, in_flow) = node_path(&mut stack).unwrap_or_default();
                    let flow = text[pos..].starts_with(['{', '[']);
                    nodes.insert(
                        path.clone(),
                        Node {
                            key,
                            value: pos,
                            in_flow,
                            flow,
                            collection: true,
                            first_key: None,
                        },
                    );
                    stack.push(if is_map {
                        Frame::Map {
                            path,
                            key: None,
                            flow,
                        }
                    } else {
                        Frame::Seq {
                            path,
                            next: 0,
                            flow,
                        }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Alias(_) => {
                    let _ = node_path(&mut stack);
                }
                _ => {}
            }
        }
        Ok(Editor {
            text,
            nodes,
            edits: Vec::new(),
        })
    }

    /// True when `path` is in the document.
    pub fn has(&self, path: &str) -> bool {
        self.nodes.contains_key(path)
    }

    /// The end (exclusive) of the value starting at `start`.
    fn value_end(&self, start: usize, in_flow: bool) -> usize {
        let t = self.text.as_bytes();
        match t.get(start) {
            Some(b'"') => {
                let mut i = start + 1;
                while i < t.len() {
                    match t[i] {
                        b'\\' => i += 2,
                        b'"' => return i + 1,
                        _ => i += 1,
                    }
                }
                t.len()
            }
            Some(b'\'') => {
                let mut i = start + 1;
                while i < t.len() {
                    if t[i] == b'\'' {
                        if t.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        return i + 1;
                    }
                    i += 1;
                }
                t.len()
            }
            Some(b'[' | b'{') => {
                let mut depth = 0usize;
                let mut i = start;
                let mut quote: Option<u8> = None;
                while i < t.len() {
                    let c = t[i];
                    match quote {
                        Some(q) if c == q => quote = None,
                        Some(_) => {}
                        None => match c {
                            b'"' | b'\'' => quote = Some(c),
                            b'[' | b'{' => depth += 1,
                            b']' | b'}' => {
                                depth -= 1;
                                if depth == 0 {
                                    return i + 1;
                                }
                            }
                            _ => {}
                        },
                    }
                    i += 1;
                }
                t.len()
            }
            _ => {
                let rest = &self.text[start..];
                let mut end = rest.find('\n').unwrap_or(rest.len());
                if let Some(c) = rest[..end].find(" #") {
                    end = c;
                }
                if in_flow {
                    if let Some(c) = rest[..end].find([',', '}', ']']) {
                        end = c;
                    }
                }
                start + rest[..end].trim_end().len()
            }
        }
    }

    /// Replaces the value at `path` (a scalar or a flow collection) with `text`.
    pub fn set(&mut self, path: &str, text: impl Into<String>) -> bool {
        let Some(n) = self.nodes.get(path).copied() else {
            return false;
        };
        if n.collection && !n.flow {
            return false;
        }
        let end = self.value_end(n.value, n.in_flow);
        self.edits.push((n.value, end, text.into()));
        true
    }

    /// Removes the entry at `path` (a mapping entry, with its value).
    pub fn remove(&mut self, path: &str) -> bool {
        let Some(n) = self.nodes.get(path).copied() else {
            return false;
        };
        let Some(key) = n.key else { return false };
        let t = self.text;
        if n.in_flow {
            // `, key: value` (or `key: value, ` when first).
            let end = self.value_end(n.value, true);
            let before = t[..key].trim_end();
            if before.ends_with(',') {
                self.edits.push((before.len() - 1, end, String::new()));
            } else {
                let after = &t[end..];
                let skip = after.len() - after.trim_start_matches([',', ' ']).len();
                self.edits.push((key, end + skip, String::new()));
            }
            return true;
        }
        // A block entry: its line and every following line indented deeper (or blank).
        let line_start = t[..key].rfind('\n').map_or(0, |i| i + 1);
        let indent = key - line_start;
        let mut end = t[key..].find('\n').map_or(t.len(), |i| key + i + 1);
        while end < t.len() {
            let line_end = t[end..].find('\n').map_or(t.len(), |i| end + i + 1);
            let line = &t[end..line_end];
            let deeper = line.len() - line.trim_start().len() > indent;
            if line.trim().is_empty() || deeper {
                end = line_end;
            } else {
                break;
            }
        }
        // Keep a blank line that separated this entry from the next.
        if t[..end].ends_with("\n\n") {
            end -= 1;
        }
        self.edits.push((line_start, end, String::new()));
        true
    }

    /// Inserts `key: value` into the mapping at `path` (block or flow).
    pub fn insert(&mut self, path: &str, key: &str, value: &str) -> bool {
        let Some(n) = self.nodes.get(path).copied() else {
            return false;
        };
        let t = self.text;
        if n.flow {
            if !t[n.value..].starts_with('{') {
                return false;
            }
            let inner = &t[n.value + 1..];
            let empty = inner.trim_start().starts_with('}');
            let text = if empty {
                format!(" {key}: {value} ")
            } else {
                format!(" {key}: {value},")
            };
            self.edits.push((n.value + 1, n.value + 1, text));
            return true;
        }
        let Some(first) = n.first_key else {
            return false;
        };
        let mut line_start = t[..first].rfind('\n').map_or(0, |i| i + 1);
        let indent = " ".repeat(first - line_start);
        // Above the comment lines that introduce the first entry.
        while line_start > 0 {
            let prev = t[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            let line = &t[prev..line_start - 1];
            if line.starts_with(&indent) && line.trim_start().starts_with('#') {
                line_start = prev;
            } else {
                break;
            }
        }
        self.edits
            .push((line_start, line_start, format!("{indent}{key}: {value}\n")));
        true
    }

    /// The edited text.
    pub fn finish(mut self) -> Result<String, Error> {
        self.edits.sort_by_key(|e| (e.0, e.1));
        let mut out = String::with_capacity(self.text.len());
        let mut at = 0;
        for (start, end, text) in &self.edits {
            if *start < at {
                return Err(Error::Usage("无法改写上年的文件：两处修改重叠".into()));
            }
            out.push_str(&self.text[at..*start]);
            out.push_str(text);
            at = *end;
        }
        out.push_str(&self.text[at..]);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# 头部注释\nyear: 2024   # 预算年度\nsangong:\n  reception: { current: 1, previous: 0, reason: 增加接待 }\nprocurement:\n  # 采购明细\n  lines: []\napproval_date: \"2024-01-20\"\nstated:\n  basic: 5\n  project: 6\n\nnarrative:\n  total_change_reason: 原因\n";

    #[test]
    fn values_change_and_everything_else_stays() {
        let mut e = Editor::new(TEXT).expect("valid");
        assert!(e.set("year", "2025"));
        assert!(e.set("sangong.reception.previous", "1"));
        assert!(e.set("sangong.reception.current", "待填"));
        assert!(e.remove("sangong.reception.reason"));
        assert!(e.insert("procurement", "previous", "3"));
        assert!(e.remove("approval_date"));
        assert!(e.remove("stated"));
        let out = e.finish().expect("edits");
        assert_eq!(
            out,
            "# 头部注释\nyear: 2025   # 预算年度\nsangong:\n  reception: { current: 待填, previous: 1 }\nprocurement:\n  previous: 3\n  # 采购明细\n  lines: []\n\nnarrative:\n  total_change_reason: 原因\n"
        );
    }

    #[test]
    fn quoted_values_and_flow_sequences_are_replaced_whole() {
        let text = "a: \"1.50\"\nh: [90, 100]\nm: {}\n";
        let mut e = Editor::new(text).expect("valid");
        assert!(e.set("a", "2"));
        assert!(e.set("h", "[100, 待填]"));
        assert!(e.insert("m", "k", "v"));
        assert!(!e.set("missing", "x"));
        assert_eq!(
            e.finish().expect("edits"),
            "a: 2\nh: [100, 待填]\nm: { k: v }\n"
        );
    }
}
