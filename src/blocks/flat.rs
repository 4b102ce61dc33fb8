//! Grid geometry: resolving merged cells into a plain column layout, for writers that
//! have no merged cells (Markdown) and for checks.

use serde::Serialize;

use super::{Grid, GridRow, RowKind};

/// A grid with merges resolved: one header line and equal-length rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flat {
    /// One label per column: the stacked header texts joined with " / ".
    pub header: Vec<String>,
    /// True for columns whose body cells are figures.
    pub numeric: Vec<bool>,
    /// Body rows: the text of each cell at its origin, empty where a merge covers it.
    pub rows: Vec<FlatRow>,
}

/// A body row with merges resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlatRow {
    /// Row kind.
    pub kind: RowKind,
    /// One text per column.
    pub cells: Vec<String>,
}

/// Where a cell of the matrix comes from: the covering cell's row and index, and whether
/// this slot is the cell's top-left origin.
#[derive(Debug, Clone, Copy)]
struct Slot {
    row: usize,
    cell: usize,
    origin: bool,
}

/// Places each cell of `rows` on a matrix, honouring rowspans from rows above; returns
/// the matrix (rows × columns) and the column count.
fn place(rows: &[GridRow]) -> (Vec<Vec<Option<Slot>>>, usize) {
    let mut m: Vec<Vec<Option<Slot>>> = vec![Vec::new(); rows.len()];
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for (i, cell) in row.cells.iter().enumerate() {
            while m[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            for (rr, line) in m.iter_mut().enumerate().skip(r).take(cell.rowspan) {
                for cc in c..c + cell.colspan {
                    if line.len() <= cc {
                        line.resize(cc + 1, None);
                    }
                    line[cc] = Some(Slot {
                        row: r,
                        cell: i,
                        origin: rr == r && cc == c,
                    });
                }
            }
            c += cell.colspan;
        }
    }
    let width = m.iter().map(Vec::len).max().unwrap_or(0);
    for line in &mut m {
        line.resize(width, None);
    }
    (m, width)
}

/// The column where each cell of `rows` starts (rowspans from rows above honoured), and
/// the number of columns the rows cover.
pub fn columns(rows: &[GridRow]) -> (Vec<Vec<usize>>, usize) {
    let (m, width) = place(rows);
    let mut cols: Vec<Vec<usize>> = rows.iter().map(|r| vec![0; r.cells.len()]).collect();
    for line in &m {
        for (c, slot) in line.iter().enumerate() {
            if let Some(s) = slot.filter(|s| s.origin) {
                cols[s.row][s.cell] = c;
            }
        }
    }
    (cols, width)
}

/// Resolves `g`'s merges.
pub fn flatten(g: &Grid) -> Flat {
    let (head_m, hw) = place(&g.head);
    let (body_m, bw) = place(&g.body);
    let width = hw.max(bw);
    let header = (0..width)
        .map(|c| {
            let mut parts: Vec<&str> = Vec::new();
            for line in &head_m {
                if let Some(Some(slot)) = line.get(c) {
                    let t = g.head[slot.row].cells[slot.cell].text.as_str();
                    if !t.is_empty() && parts.last() != Some(&t) {
                        parts.push(t);
                    }
                }
            }
            parts.join(" / ")
        })
        .collect();
    let mut numeric_count = vec![(0usize, 0usize); width];
    let rows = body_m
        .iter()
        .enumerate()
        .map(|(r, line)| {
            let mut cells = vec![String::new(); width];
            for (c, slot) in line.iter().enumerate() {
                if let Some(slot) = slot.filter(|s| s.origin) {
                    let cell = &g.body[slot.row].cells[slot.cell];
                    cells[c] = cell.text.clone();
                    numeric_count[c].1 += 1;
                    if cell.numeric {
                        numeric_count[c].0 += 1;
                    }
                }
            }
            FlatRow {
                kind: g.body[r].kind,
                cells,
            }
        })
        .collect();
    Flat {
        header,
        numeric: numeric_count
            .iter()
            .map(|(n, all)| *all > 0 && n * 2 > *all)
            .collect(),
        rows,
    }
}
