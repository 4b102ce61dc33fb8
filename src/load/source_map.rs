//! Where each YAML node is: a map from field path (`expenditure[3].personnel`) to its
//! line and column, built from the parser's events, so that rules checked after
//! deserialisation can still point at the offending line.

use std::collections::BTreeMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Field path → position, plus the text of plain scalars (for exactness checks).
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    positions: BTreeMap<String, Pos>,
    /// Value scalars (not keys): path, position, text, and whether unquoted.
    scalars: Vec<(String, Pos, String, bool)>,
    /// Keys that occur twice in one mapping: path and position of the repetition.
    duplicates: Vec<(String, Pos)>,
    /// The document's size with every alias (`*a`) expanded, in bytes of scalar text
    /// plus one per node: what a deserialiser will build.
    expanded: u64,
    /// Where the first alias (`*a`) is used, if any.
    first_alias: Option<Pos>,
    /// The syntax error that stopped indexing: where, and the parser's message.
    syntax: Option<(Pos, String)>,
    /// The text indexed.
    text: String,
}

impl SourceMap {
    /// Indexes `text`; returns an empty map when the text is not valid YAML (the
    /// deserialiser reports that error with its own location).
    pub fn build(text: &str) -> SourceMap {
        let mut b = Builder::default();
        b.map.text = text.to_owned();
        let mut parser = Parser::new_from_str(text);
        // Drive the parser's event loop ourselves: `Parser::load` recurses once per level
        // of nesting and can overflow the stack on hostile input.
        loop {
            match parser.next_token() {
                Ok((Event::StreamEnd, _)) => return b.map,
                Ok((ev, mark)) => b.on_event(ev, mark),
                Err(e) => {
                    let at = Pos {
                        line: e.marker().line(),
                        column: e.marker().col() + 1,
                    };
                    return SourceMap {
                        text: text.to_owned(),
                        syntax: Some((at, e.info().to_owned())),
                        ..SourceMap::default()
                    };
                }
            }
        }
    }

    /// Position of `path`, or of its nearest indexed ancestor.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.positions.get(p) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The text it indexes.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The document's size with its aliases expanded (bytes of text plus one per node).
    pub fn expanded_size(&self) -> u64 {
        self.expanded
    }

    /// The syntax error found while indexing, if the text is not valid YAML: position and
    /// the parser's (English) message.
    pub fn syntax_error(&self) -> Option<&(Pos, String)> {
        self.syntax.as_ref()
    }

    /// Where the document first uses an alias (`*a`).
    pub fn first_alias(&self) -> Option<Pos> {
        self.first_alias
    }

    /// Keys repeated within one mapping: (path, position of the second occurrence).
    pub fn duplicates(&self) -> &[(String, Pos)] {
        &self.duplicates
    }

    /// Unquoted value scalars as written: (path, position, text).
    pub fn plain_scalars(&self) -> impl Iterator<Item = (&str, Pos, &str)> {
        self.scalars
            .iter()
            .filter(|s| s.3)
            .map(|(p, pos, v, _)| (p.as_str(), *pos, v.as_str()))
    }

    /// Every value scalar (quoted or not): (path, position, text).
    pub fn scalars(&self) -> impl Iterator<Item = (&str, Pos, &str)> {
        self.scalars
            .iter()
            .map(|(p, pos, v, _)| (p.as_str(), *pos, v.as_str()))
    }
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        seen: std::collections::BTreeSet<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

/// Nesting deeper than this is not indexed (a real budget is about 8 deep); the
/// deserialiser refuses such input anyway, and indexing it would cost time quadratic in
/// the depth.
const MAX_DEPTH: usize = 64;

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Levels opened beyond `MAX_DEPTH`, which are skipped.
    skipped: usize,
    map: SourceMap,
    /// Expanded size of each anchored node, by anchor ID.
    anchors: std::collections::BTreeMap<usize, u64>,
    /// Open collections: (anchor ID, expanded size so far).
    sizes: Vec<(usize, u64)>,
}

impl Builder {
    /// Adds a node of expanded size `w` to the open collection (or the document).
    fn grow(&mut self, w: u64) {
        match self.sizes.last_mut() {
            Some((_, s)) => *s = s.saturating_add(w),
            None => self.map.expanded = self.map.expanded.saturating_add(w),
        }
    }

    /// Tracks the expanded size of the document: every alias counts as its anchor's node.
    fn size(&mut self, ev: &Event) {
        match ev {
            Event::Scalar(value, _, anchor, _) => {
                let w = value.len() as u64 + 1;
                if *anchor > 0 {
                    self.anchors.insert(*anchor, w);
                }
                self.grow(w);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.sizes.push((*anchor, 1));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, w)) = self.sizes.pop() {
                    if anchor > 0 {
                        self.anchors.insert(anchor, w);
                    }
                    self.grow(w);
                }
            }
            Event::Alias(anchor) => {
                let w = self.anchors.get(anchor).copied().unwrap_or(1);
                self.grow(w);
            }
            _ => {}
        }
    }
}

impl Builder {
    /// Path of the node starting now, or `None` for a mapping key.
    fn node_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { key: None, .. }) => None,
            Some(Frame::Map { path, key, .. }) => {
                let k = key.take().unwrap_or_default();
                Some(if path.is_empty() {
                    k
                } else {
                    format!("{path}.{k}")
                })
            }
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.map.positions.entry(path.to_owned()).or_insert(Pos {
            line: mark.line(),
            column: mark.col() + 1,
        });
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        self.size(&ev);
        if matches!(ev, Event::Alias(_)) && self.map.first_alias.is_none() {
            self.map.first_alias = Some(Pos {
                line: mark.line(),
                column: mark.col() + 1,
            });
        }
        if self.skipped > 0 || self.stack.len() >= MAX_DEPTH {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipped += 1,
                Event::MappingEnd | Event::SequenceEnd if self.skipped > 0 => self.skipped -= 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    self.stack.pop();
                }
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(value, style, ..) => match self.node_path() {
                None => {
                    // A mapping key: the entry's position is the key's.
                    let (path, map_path) = match self.stack.last() {
                        Some(Frame::Map { path, .. }) if !path.is_empty() => {
                            (format!("{path}.{value}"), Some(path.clone()))
                        }
                        _ => (value.clone(), None),
                    };
                    // A block mapping's own mark is unreliable; it starts at its first key.
                    if let Some(mp) = map_path {
                        self.record(&mp, mark);
                    }
                    self.record(&path, mark);
                    let pos = Pos {
                        line: mark.line(),
                        column: mark.col() + 1,
                    };
                    if let Some(Frame::Map { key, seen, .. }) = self.stack.last_mut() {
                        if !seen.insert(value.clone()) {
                            self.map.duplicates.push((path, pos));
                        }
                        *key = Some(value);
                    }
                }
                Some(path) => {
                    self.record(&path, mark);
                    let pos = Pos {
                        line: mark.line(),
                        column: mark.col() + 1,
                    };
                    let plain = style == TScalarStyle::Plain;
                    self.map.scalars.push((path, pos, value, plain));
                }
            },
            Event::MappingStart(..) => {
                let path = self.node_path().unwrap_or_default();
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    seen: Default::default(),
                });
            }
            Event::SequenceStart(..) => {
                let path = self.node_path().unwrap_or_default();
                self.record(&path, mark);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                let _ = self.node_path();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_point_at_keys_and_items() {
        let text =
            "year: 2024\nunits:\n  - code: \"1\"\n    name: a\n  - code: \"2\"\n    name: b\n";
        let m = SourceMap::build(text);
        assert_eq!(m.locate("year"), Some(Pos { line: 1, column: 1 }));
        assert_eq!(m.locate("units[1].name"), Some(Pos { line: 6, column: 5 }));
        assert_eq!(
            m.locate("units[1].missing"),
            Some(Pos { line: 5, column: 5 })
        );
        assert!(m
            .plain_scalars()
            .any(|(p, _, v)| p == "year" && v == "2024"));
    }
}
