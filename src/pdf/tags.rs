//! The layout's [`Structure`] as krilla's tag tree: each node a tag group with its role
//! (headings with their titles, header cells with their scope, merged cells with their
//! row and column spans), its children, then the marked content drawn for it.

use std::num::{NonZeroU16, NonZeroU32};

use krilla::tagging::{
    Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

use crate::layout::structure::{Role, Scope, Structure, ROOT};

fn span(n: usize) -> Option<NonZeroU32> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n > 1)
        .and_then(NonZeroU32::new)
}

fn kind(role: &Role) -> TagKind {
    match role {
        // The root is the tree itself (krilla writes the Document element).
        Role::Document | Role::Paragraph => Tag::P.into(),
        Role::Title => Tag::Title.into(),
        Role::Heading { level, title } => Tag::Hn(
            NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Role::List => Tag::L(ListNumbering::None).into(),
        Role::ListItem => Tag::LI.into(),
        Role::ListBody => Tag::LBody.into(),
        Role::Link => Tag::Link.into(),
        Role::Table => Tag::Table.into(),
        Role::Caption => Tag::Caption.into(),
        Role::TableHead => Tag::THead.into(),
        Role::TableBody => Tag::TBody.into(),
        Role::Row => Tag::TR.into(),
        Role::HeaderCell {
            scope,
            rowspan,
            colspan,
        } => {
            let scope = match scope {
                Scope::Column => TableHeaderScope::Column,
                Scope::Row => TableHeaderScope::Row,
            };
            Tag::TH(scope)
                .with_row_span(span(*rowspan))
                .with_col_span(span(*colspan))
                .into()
        }
        Role::DataCell { rowspan, colspan } => Tag::TD
            .with_row_span(span(*rowspan))
            .with_col_span(span(*colspan))
            .into(),
    }
}

/// The tag tree of `structure`; `content[n]` is what was drawn for node `n`, in order.
pub(super) fn tree(
    structure: &Structure,
    mut content: Vec<Vec<Identifier>>,
    lang: &str,
) -> TagTree {
    let mut tree = TagTree::new().with_lang(Some(lang.to_owned()));
    if let Some(root) = structure.nodes.get(ROOT) {
        for &c in &root.children {
            if let Some(g) = group(structure, c, &mut content) {
                tree.push(g);
            }
        }
    }
    tree
}

/// The group of node `id`, or `None` when nothing of it was drawn.
fn group(structure: &Structure, id: usize, content: &mut [Vec<Identifier>]) -> Option<Node> {
    let node = structure.nodes.get(id)?;
    let mut children: Vec<Node> = node
        .children
        .iter()
        .filter_map(|&c| group(structure, c, content))
        .collect();
    children.extend(
        content
            .get_mut(id)
            .map(std::mem::take)
            .unwrap_or_default()
            .into_iter()
            .map(Node::Leaf),
    );
    if children.is_empty() {
        return None;
    }
    Some(Node::Group(TagGroup::with_children(
        kind(&node.role),
        children,
    )))
}
