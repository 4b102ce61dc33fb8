//! The document's logical structure, built while laying out (the way typst tags its PDF):
//! a tree of [`Role`]s — headings, paragraphs, the contents as a list, tables with header
//! and data cells — and, on every drawn text run, a [`Mark`] saying which node it belongs
//! to or that it is page furniture (an [`Artifact`]). The PDF writer turns the tree into
//! the structure tree of a tagged PDF (ISO 14289-1); screen readers and export tools read
//! the document through it.
//!
//! Nodes hold either child nodes or content, never both: the content of a node is every
//! run marked with it, in drawing order (a table cell that runs over two pages has content
//! on both).

/// Index of a node in [`Structure::nodes`].
pub type NodeId = usize;

/// The root node (the document).
pub const ROOT: NodeId = 0;

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The whole document (the root).
    Document,
    /// The document title on the cover.
    Title,
    /// A heading, level 1 (part) to 4, with its text as the title readers announce.
    Heading {
        /// Level (1 = part).
        level: u8,
        /// Text.
        title: String,
    },
    /// A paragraph (also the cover's lines and a table's notes).
    Paragraph,
    /// A list (the contents; nested per level).
    List,
    /// A list item.
    ListItem,
    /// The body of a list item.
    ListBody,
    /// A link within the document (a contents entry); its content is the entry's text and
    /// page number, and the link area.
    Link,
    /// A table.
    Table,
    /// A table's caption (label, title and unit lines).
    Caption,
    /// The header rows of a table.
    TableHead,
    /// The body rows of a table.
    TableBody,
    /// A table row.
    Row,
    /// A header cell.
    HeaderCell {
        /// What it is the header of.
        scope: Scope,
        /// Rows spanned.
        rowspan: usize,
        /// Columns spanned.
        colspan: usize,
    },
    /// A data cell.
    DataCell {
        /// Rows spanned.
        rowspan: usize,
        /// Columns spanned.
        colspan: usize,
    },
}

/// What a header cell heads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cells below it (header rows, sub-header rows of a form).
    Column,
    /// The cells to its right (a form's label cell).
    Row,
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub role: Role,
    /// Its child nodes, in reading order.
    pub children: Vec<NodeId>,
}

/// The tree; node 0 ([`ROOT`]) is the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    /// Every node; a node's children come after it.
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure {
            nodes: vec![Node {
                role: Role::Document,
                children: Vec::new(),
            }],
        }
    }
}

impl Structure {
    /// Adds a node with `role` as the last child of `parent`.
    pub fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            children: Vec::new(),
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(id);
        }
        id
    }

    /// The role of node `id`.
    pub fn role(&self, id: NodeId) -> Option<&Role> {
        self.nodes.get(id).map(|n| &n.role)
    }

    /// An indented outline of the tree (`Document`, `  H1 第一部分 …`, `  Table`, …), for
    /// tests and for reading the structure without a PDF reader.
    pub fn outline(&self) -> String {
        let mut out = String::new();
        let mut stack = vec![(ROOT, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            out.push_str(&"  ".repeat(depth));
            out.push_str(&node.role.to_string());
            out.push('\n');
            for &c in node.children.iter().rev() {
                stack.push((c, depth + 1));
            }
        }
        out
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Role::Document => f.write_str("Document"),
            Role::Title => f.write_str("Title"),
            Role::Heading { level, title } => write!(f, "H{level} {title}"),
            Role::Paragraph => f.write_str("P"),
            Role::List => f.write_str("L"),
            Role::ListItem => f.write_str("LI"),
            Role::ListBody => f.write_str("LBody"),
            Role::Link => f.write_str("Link"),
            Role::Table => f.write_str("Table"),
            Role::Caption => f.write_str("Caption"),
            Role::TableHead => f.write_str("THead"),
            Role::TableBody => f.write_str("TBody"),
            Role::Row => f.write_str("TR"),
            Role::HeaderCell {
                scope,
                rowspan,
                colspan,
            } => write!(f, "TH {scope:?} {rowspan}×{colspan}"),
            Role::DataCell { rowspan, colspan } => write!(f, "TD {rowspan}×{colspan}"),
        }
    }
}

/// Where a drawn text run belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Content of a node.
    Node(NodeId),
    /// Page furniture, not part of the text.
    Artifact(Artifact),
}

/// Kinds of page furniture. Rules and fills of tables are always [`Artifact::Layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Page numbers ("— 7 —").
    PageNumber,
    /// Running heads: the 续表 line, a table's header rows repeated on a continued page,
    /// "目录（续）".
    Header,
    /// The draft watermark.
    Watermark,
    /// Decoration: dot leaders of the contents, rules and fills.
    Layout,
}
