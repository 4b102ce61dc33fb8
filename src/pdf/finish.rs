//! The document-level parts of the PDF, added to printpdf's object tree with lopdf (the
//! same library printpdf writes with): the nested outline (bookmarks for parts, sections
//! and tables), page labels matching the printed numbers, the language (zh-CN), metadata,
//! and a document ID derived from the input instead of a random one — the last thing that
//! kept two runs from giving byte-identical files.

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::error::Error;
use crate::layout::Document;

/// A PDF text string (UTF-16BE with a byte-order mark), as Chinese metadata needs.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// A 16-byte document ID from `seed` (two FNV-1a hashes).
fn doc_id(seed: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(16);
    for basis in [0xcbf2_9ce4_8422_2325u64, 0x8422_2325_cbf2_9ce4] {
        let mut h = basis;
        for b in seed.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        out.extend_from_slice(&h.to_be_bytes());
    }
    out
}

fn lo_err(e: lopdf::Error) -> Error {
    Error::Template(format!("PDF 写出失败：{e}"))
}

/// Adds outline, labels, language, metadata and ID; compresses and serialises.
pub(super) fn finish(mut pdf: lopdf::Document, doc: &Document) -> Result<Vec<u8>, Error> {
    let info = &doc.info;
    let d = info.created;
    let date = format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}+08'00'",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute(),
        d.second()
    );
    pdf.version = "1.7".into();
    let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();

    // Metadata.
    let mut meta = Dictionary::new();
    meta.set("Title", text(&info.title));
    meta.set("Author", text(&info.author));
    meta.set("Subject", text(&info.subject));
    meta.set("Creator", text("gongkai"));
    meta.set("Producer", text("gongkai (printpdf)"));
    meta.set("CreationDate", Object::string_literal(date.clone()));
    meta.set("ModDate", Object::string_literal(date));
    let info_id = pdf.add_object(meta);
    pdf.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(doc_id(&info.id_seed), StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    // Outline.
    let outline_root = outline(&mut pdf, doc, &page_ids);

    // Page labels: unnumbered front matter (cover, contents) as i, ii…; then 1, 2… as printed.
    let mut nums = vec![
        Object::Integer(0),
        Object::Dictionary(Dictionary::from_iter([("S", name("r"))])),
    ];
    if doc.first_numbered < doc.pages.len() {
        nums.push(Object::Integer(doc.first_numbered as i64));
        nums.push(Object::Dictionary(Dictionary::from_iter([(
            "S",
            name("D"),
        )])));
    }
    let labels = Dictionary::from_iter([("Nums", Object::Array(nums))]);

    let catalog = pdf.catalog_mut().map_err(lo_err)?;
    catalog.set("Lang", text(&info.lang));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter([(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    catalog.set("PageLabels", Object::Dictionary(labels));
    match outline_root {
        Some(root) => {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", name("UseOutlines"));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", name("UseNone"));
        }
    }
    pdf.prune_objects();
    pdf.renumber_objects();
    pdf.compress();
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| Error::Template(format!("PDF 写出失败：{e}")))?;
    Ok(out)
}

/// Builds the outline tree from the flat, levelled entries; returns the root's id.
fn outline(pdf: &mut lopdf::Document, doc: &Document, pages: &[ObjectId]) -> Option<ObjectId> {
    let entries: Vec<_> = doc
        .outline
        .iter()
        .filter(|e| e.dest.page < pages.len())
        .collect();
    if entries.is_empty() {
        return None;
    }
    // Parent of each entry (None = root), by a stack of open levels.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].level >= e.level) {
            stack.pop();
        }
        parent.push(stack.last().copied());
        stack.push(i);
    }
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| pdf.new_object_id()).collect();
    let children = |p: Option<usize>| -> Vec<usize> {
        (0..entries.len()).filter(|&i| parent[i] == p).collect()
    };
    for (i, e) in entries.iter().enumerate() {
        let siblings = children(parent[i]);
        let pos = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let kids = children(Some(i));
        let page = &doc.pages[e.dest.page];
        let mut d = Dictionary::new();
        d.set("Title", text(&e.title));
        d.set(
            "Parent",
            Object::Reference(parent[i].map_or(root, |p| ids[p])),
        );
        d.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(pages[e.dest.page]),
                name("XYZ"),
                Object::Null,
                Object::Real(page.size.height - e.dest.y),
                Object::Null,
            ]),
        );
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[siblings[pos - 1]]));
        }
        if let Some(&n) = siblings.get(pos + 1) {
            d.set("Next", Object::Reference(ids[n]));
        }
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            d.set("First", Object::Reference(ids[first]));
            d.set("Last", Object::Reference(ids[last]));
            // Parts open (their sections visible), deeper levels closed.
            let count = kids.len() as i64;
            d.set(
                "Count",
                Object::Integer(if e.level == 1 { count } else { -count }),
            );
        }
        pdf.objects.insert(ids[i], Object::Dictionary(d));
    }
    let top = children(None);
    let visible = top.len()
        + top
            .iter()
            .filter(|&&t| entries[t].level == 1)
            .map(|&t| children(Some(t)).len())
            .sum::<usize>();
    let mut r = Dictionary::new();
    r.set("Type", name("Outlines"));
    if let (Some(&first), Some(&last)) = (top.first(), top.last()) {
        r.set("First", Object::Reference(ids[first]));
        r.set("Last", Object::Reference(ids[last]));
    }
    r.set("Count", Object::Integer(visible as i64));
    pdf.objects.insert(root, Object::Dictionary(r));
    Some(root)
}
