//! 尾差调整 (controlled rounding): rounding figures that are printed both alone and in
//! sums so that every printed sum equals the sum of its printed parts.
//!
//! The figures are the leaves of a tree (a funding source, a unit, a 类, a 款, a 项, a
//! line, a column …). The root is printed as its correct rounding; going down, each node's
//! printed value is shared among its children by the largest-remainder rule
//! ([`super::largest_remainder`]). Because a node's value is always the floor or the
//! ceiling of its exact sum, every child also lands on the floor or the ceiling of its own
//! exact value: nothing goes negative, and a figure (leaf or node) that is already exact
//! at the printed precision is never changed.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::{largest_remainder, round};

/// A rounding tree over leaf indices.
enum Tree {
    Leaf(usize),
    Node(Vec<Tree>),
}

impl Tree {
    /// Groups leaves by their paths (key by key, in key order), then by input order.
    fn build<K: Ord + Clone>(mut items: Vec<(&[K], usize)>) -> Tree {
        if items.len() == 1 && items[0].0.is_empty() {
            return Tree::Leaf(items[0].1);
        }
        let mut groups: BTreeMap<Option<K>, Vec<(&[K], usize)>> = BTreeMap::new();
        for (path, i) in items.drain(..) {
            match path.split_first() {
                Some((k, rest)) => groups.entry(Some(k.clone())).or_default().push((rest, i)),
                // A leaf at this level sits beside the groups, in input order.
                None => groups.entry(None).or_default().push((path, i)),
            }
        }
        let mut kids = Vec::new();
        for (key, items) in groups {
            match key {
                Some(_) => kids.push(Tree::build(items)),
                None => kids.extend(items.into_iter().map(|(_, i)| Tree::Leaf(i))),
            }
        }
        Tree::Node(kids)
    }

    fn exact(&self, values: &[Decimal]) -> Decimal {
        match self {
            Tree::Leaf(i) => values[*i],
            Tree::Node(kids) => kids.iter().map(|k| k.exact(values)).sum(),
        }
    }

    fn assign(&self, target: Decimal, values: &[Decimal], out: &mut [Decimal], dp: u32) {
        match self {
            Tree::Leaf(i) => out[*i] = target,
            Tree::Node(kids) => {
                let parts: Vec<Decimal> = kids.iter().map(|k| k.exact(values)).collect();
                let shares = largest_remainder(target, &parts, dp);
                for (k, s) in kids.iter().zip(shares) {
                    k.assign(s, values, out, dp);
                }
            }
        }
    }
}

/// The floor and the ceiling of `v` at `dp` decimals.
fn bounds(v: Decimal, dp: u32) -> (Decimal, Decimal) {
    (
        v.round_dp_with_strategy(dp, RoundingStrategy::ToNegativeInfinity),
        v.round_dp_with_strategy(dp, RoundingStrategy::ToPositiveInfinity),
    )
}

/// True when `target` is the floor or the ceiling of `exact` at `dp` decimals, so that a
/// tree under it can be rounded without any part leaving its own floor or ceiling.
pub fn reachable(target: Decimal, exact: Decimal, dp: u32) -> bool {
    let (lo, hi) = bounds(exact, dp);
    lo <= target && target <= hi
}

/// Rounds the leaves `(path, value)` to `dp` decimals along the tree their paths make,
/// so that the printed value of every node of the tree is the sum of its children's.
/// The root gets `target` when it is reachable (the floor or the ceiling of the exact
/// total), its correct rounding otherwise. Returns the leaves' values in input order.
pub fn round_tree<K: Ord + Clone>(
    leaves: &[(Vec<K>, Decimal)],
    target: Option<Decimal>,
    dp: u32,
) -> Vec<Decimal> {
    if leaves.is_empty() {
        return Vec::new();
    }
    let values: Vec<Decimal> = leaves.iter().map(|l| l.1).collect();
    let exact: Decimal = values.iter().sum();
    let target = target
        .filter(|t| reachable(*t, exact, dp))
        .unwrap_or_else(|| round(exact, dp));
    let tree = Tree::build(
        leaves
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.as_slice(), i))
            .collect(),
    );
    let mut out = vec![Decimal::ZERO; leaves.len()];
    tree.assign(target, &values, &mut out, dp);
    out
}

/// Rounds `parts` to `dp` decimals so that they add up to `target` (when reachable) or to
/// the correct rounding of their sum.
pub fn split(parts: &[Decimal], target: Option<Decimal>, dp: u32) -> Vec<Decimal> {
    let leaves: Vec<(Vec<u8>, Decimal)> = parts.iter().map(|p| (Vec::new(), *p)).collect();
    round_tree(&leaves, target, dp)
}

/// One figure of a table with two hierarchies, e.g. a unit's amount for a 项: its path
/// in each hierarchy (`by_a`: unit → column → 类 …; `by_b`: 类 → 款 → 项 → column …) and
/// its exact value.
#[derive(Debug, Clone)]
pub struct Cell<K> {
    /// Path in the first hierarchy (root excluded).
    pub by_a: Vec<K>,
    /// Path in the second hierarchy (root excluded).
    pub by_b: Vec<K>,
    /// Exact value (not negative).
    pub value: Decimal,
}

/// Rounds the cells of a two-way table to `dp` decimals so that every node of both
/// hierarchies prints the floor or the ceiling of its exact sum and equals the sum of its
/// printed cells; figures (cells or nodes) already exact never change. The grand total
/// gets `target` when that is possible, else its correct rounding when possible, else
/// its floor or ceiling. Returns the cells' values in input order.
///
/// This is controlled rounding as a flow problem (Cox 1987): each cell may take one unit
/// above its floor; each node of either hierarchy must take between the floor and the
/// ceiling of its cells' remainders. The remainders themselves are a fractional feasible
/// flow, so an integral one exists (max-flow integrality) and a max-flow finds it.
pub fn round_two_way<K: Ord + Clone>(
    cells: &[Cell<K>],
    target: Option<Decimal>,
    dp: u32,
) -> Vec<Decimal> {
    round_two_way_pinned(cells, target, &[], dp)
}

/// [`round_two_way`] with some nodes of the first hierarchy pinned to given printed
/// values (`(path, value)`), where each is the floor or the ceiling of the node's exact
/// sum; other pins are ignored. When the pins cannot all hold together, they are dropped.
pub fn round_two_way_pinned<K: Ord + Clone>(
    cells: &[Cell<K>],
    target: Option<Decimal>,
    pins: &[(Vec<K>, Decimal)],
    dp: u32,
) -> Vec<Decimal> {
    if cells.is_empty() {
        return Vec::new();
    }
    let unit = Decimal::new(1, dp);
    let floors: Vec<Decimal> = cells.iter().map(|c| bounds(c.value, dp).0).collect();
    // Each cell's remainder in units of the last printed digit, in [0, 1).
    let rem: Vec<Decimal> = cells
        .iter()
        .zip(&floors)
        .map(|(c, f)| (c.value - f) / unit)
        .collect();
    let exact: Decimal = cells.iter().map(|c| c.value).sum();
    let floor_sum: Decimal = floors.iter().sum();
    let root_units = |t: Decimal| ((t - floor_sum) / unit).round();
    let total_rem: Decimal = rem.iter().sum();
    // Pins in units above the floors of the cells under them.
    let pinned: BTreeMap<Vec<K>, Decimal> = pins
        .iter()
        .filter_map(|(path, value)| {
            let under = |c: &&Cell<K>| c.by_a.starts_with(path);
            let node_exact: Decimal = cells.iter().filter(under).map(|c| c.value).sum();
            let node_floor: Decimal = cells
                .iter()
                .zip(&floors)
                .filter(|(c, _)| c.by_a.starts_with(path))
                .map(|(_, f)| *f)
                .sum();
            reachable(*value, node_exact, dp)
                .then(|| (path.clone(), ((*value - node_floor) / unit).round()))
        })
        .collect();
    let unpinned = BTreeMap::new();
    let mut tries = Vec::new();
    for pins in [&pinned, &unpinned] {
        if let Some(t) = target.filter(|t| reachable(*t, exact, dp)) {
            tries.push((root_units(t), pins));
        }
        tries.push((root_units(round(exact, dp)), pins));
        tries.push((Decimal::MIN, pins));
    }
    for (k, pins) in tries {
        let root = if k == Decimal::MIN {
            (total_rem.floor(), total_rem.ceil())
        } else {
            (k, k)
        };
        if let Some(up) = flow::solve(cells, &rem, root, pins) {
            return floors
                .iter()
                .zip(up)
                .map(|(f, up)| if up { *f + unit } else { *f })
                .collect();
        }
    }
    // Unreachable: the remainders themselves are a feasible fractional flow.
    cells.iter().map(|c| round(c.value, dp)).collect()
}

mod flow;

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("literal")
    }

    #[test]
    fn every_node_lands_on_its_floor_or_ceiling_and_sums_hold() {
        // Two 款 of one 类, three 项: 1.005 + 1.005 | 0.333.
        let leaves = vec![
            (vec!["208", "20805"], d("1.005")),
            (vec!["208", "20805"], d("1.005")),
            (vec!["208", "20808"], d("0.333")),
        ];
        let out = round_tree(&leaves, None, 2);
        let total: Decimal = out.iter().sum();
        assert_eq!(total, d("2.34"), "the root is its correct rounding");
        assert_eq!(out[0] + out[1], d("2.01"), "20805 is 2.01 exactly");
        for (o, (_, v)) in out.iter().zip(&leaves) {
            assert!(reachable(*o, *v, 2), "{o} from {v}");
        }
    }

    #[test]
    fn figures_already_exact_never_change() {
        let leaves = vec![
            (vec!["a"], d("10.00")),
            (vec!["a"], d("0.004")),
            (vec!["b"], d("0.496")),
            (vec!["b"], d("3.50")),
        ];
        let out = round_tree(&leaves, None, 2);
        assert_eq!(out[0], d("10.00"));
        assert_eq!(out[3], d("3.50"));
        // b = 3.996 prints 4.00; a = 10.004 prints 10.00; the total 14.00 is exact.
        assert_eq!(out[2] + out[3], d("4.00"));
        assert_eq!(out.iter().sum::<Decimal>(), d("14.00"));
    }

    #[test]
    fn an_unreachable_target_falls_back_to_the_correct_rounding() {
        let out = split(&[d("1.004"), d("2.004")], Some(d("3.05")), 2);
        assert_eq!(out.iter().sum::<Decimal>(), d("3.01"));
        let out = split(&[d("1.004"), d("2.004")], Some(d("3.00")), 2);
        assert_eq!(out, vec![d("1.00"), d("2.00")]);
        assert!(split(&[], None, 2).is_empty());
    }

    /// Two units × two 款 of one 类, each cell 2.5 (printed whole): every row, column
    /// and the 类 print as the floor or ceiling of their exact sums, and the exact ones —
    /// each 款 (5.0) and the 类 (10.0) — unchanged.
    #[test]
    fn two_way_tables_keep_every_margin() {
        let cell = |unit: &str, kuan: &str, v: &str| Cell {
            by_a: vec![unit.to_owned()],
            by_b: vec!["302".to_owned(), kuan.to_owned()],
            value: d(v),
        };
        let cells = vec![
            cell("u1", "30201", "2.5"),
            cell("u2", "30201", "2.5"),
            cell("u1", "30211", "2.5"),
            cell("u2", "30211", "2.4"),
        ];
        let out = round_two_way(&cells, None, 0);
        assert_eq!(out[0] + out[1], d("5"), "30201 is exactly 5");
        let u1 = out[0] + out[2];
        let u2 = out[1] + out[3];
        assert!(
            reachable(u1, d("5.0"), 0) && reachable(u2, d("4.9"), 0),
            "{out:?}"
        );
        assert!(reachable(out[2] + out[3], d("4.9"), 0));
        assert_eq!(
            out.iter().sum::<Decimal>(),
            d("10"),
            "the total is its correct rounding"
        );
        for (o, c) in out.iter().zip(&cells) {
            assert!(reachable(*o, c.value, 0));
        }
    }

    #[test]
    fn two_way_rounding_holds_on_many_random_tables() {
        // A deterministic pseudo-random table: 5 units × 12 项 in 3 类.
        let mut x: u64 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..40 {
            let mut cells = Vec::new();
            for u in 0..5 {
                for k in 0..12 {
                    let cents = Decimal::from(next() % 5000) / Decimal::ONE_HUNDRED;
                    cells.push(Cell {
                        by_a: vec![format!("u{u}")],
                        by_b: vec![format!("c{}", k % 3), format!("k{k}")],
                        value: cents,
                    });
                }
            }
            let out = round_two_way(&cells, None, 0);
            let exact: Decimal = cells.iter().map(|c| c.value).sum();
            assert_eq!(out.iter().sum::<Decimal>(), round(exact, 0));
            let mut sums: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
            for (o, c) in out.iter().zip(&cells) {
                assert!(reachable(*o, c.value, 0));
                for key in [c.by_a[0].clone(), c.by_b[0].clone(), c.by_b[1].clone()] {
                    let e = sums.entry(key).or_default();
                    e.0 += c.value;
                    e.1 += *o;
                }
            }
            for (key, (e, o)) in sums {
                assert!(reachable(o, e, 0), "{key}: {o} from {e}");
            }
        }
    }

    #[test]
    fn nothing_goes_negative() {
        let parts = [d("0.004"), d("0.004"), d("0.004"), d("0")];
        let out = split(&parts, None, 2);
        assert_eq!(out.iter().sum::<Decimal>(), d("0.01"));
        assert!(out.iter().all(|v| *v >= Decimal::ZERO));
        assert_eq!(out[3], Decimal::ZERO, "an exact zero stays zero");
    }
}
