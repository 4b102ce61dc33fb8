//! The flow network behind [`super::round_two_way`]: source → the first hierarchy, top
//! down → the cells → the second hierarchy, bottom up → sink. Every edge carries the
//! number of cells under it rounded up; its bounds are the floor and the ceiling of their
//! remainders. A feasible flow with lower bounds is found the textbook way: lower bounds
//! become demands met from an extra source and sink, and a max-flow (Dinic) must saturate
//! them.

use std::collections::{BTreeMap, VecDeque};

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::Cell;

/// A directed edge with residual capacity; its reverse is `edges[i ^ 1]`.
struct Edge {
    to: usize,
    cap: i64,
}

#[derive(Default)]
struct Net {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
}

impl Net {
    fn node(&mut self) -> usize {
        self.adj.push(Vec::new());
        self.adj.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, cap: i64) -> usize {
        self.edges.push(Edge { to, cap });
        self.adj[from].push(self.edges.len() - 1);
        self.edges.push(Edge { to: from, cap: 0 });
        self.adj[to].push(self.edges.len() - 1);
        self.edges.len() - 2
    }

    /// Dinic's max-flow from `s` to `t`.
    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let mut total = 0;
        loop {
            let mut level = vec![usize::MAX; self.adj.len()];
            level[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for &e in &self.adj[u] {
                    let v = self.edges[e].to;
                    if self.edges[e].cap > 0 && level[v] == usize::MAX {
                        level[v] = level[u] + 1;
                        queue.push_back(v);
                    }
                }
            }
            if level[t] == usize::MAX {
                return total;
            }
            let mut next = vec![0usize; self.adj.len()];
            loop {
                let pushed = self.push(s, t, i64::MAX, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    /// One blocking-flow augmentation along the level graph (iterative DFS).
    fn push(&mut self, s: usize, t: usize, limit: i64, level: &[usize], next: &mut [usize]) -> i64 {
        let mut path: Vec<usize> = Vec::new();
        let mut u = s;
        loop {
            if u == t {
                let f = path
                    .iter()
                    .map(|&e| self.edges[e].cap)
                    .fold(limit, i64::min);
                for &e in &path {
                    self.edges[e].cap -= f;
                    self.edges[e ^ 1].cap += f;
                }
                return f;
            }
            let mut advanced = false;
            while next[u] < self.adj[u].len() {
                let e = self.adj[u][next[u]];
                let v = self.edges[e].to;
                if self.edges[e].cap > 0 && level[v] == level[u] + 1 {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                next[u] += 1;
            }
            if !advanced {
                // Dead end: retreat one edge and skip it from now on.
                match path.pop() {
                    Some(e) => {
                        u = self.edges[e ^ 1].to;
                        next[u] += 1;
                    }
                    None => return 0,
                }
            }
        }
    }
}

/// Edges with lower bounds, turned into a max-flow problem.
struct Bounded {
    net: Net,
    /// Lower bound of each bounded edge, by edge index.
    lower: BTreeMap<usize, i64>,
    /// Demand per node: lower bounds flowing in minus flowing out.
    demand: Vec<i64>,
}

impl Bounded {
    fn new() -> Bounded {
        Bounded {
            net: Net::default(),
            lower: BTreeMap::new(),
            demand: Vec::new(),
        }
    }

    fn node(&mut self) -> usize {
        self.demand.push(0);
        self.net.node()
    }

    fn edge(&mut self, from: usize, to: usize, lo: i64, hi: i64) -> usize {
        let e = self.net.edge(from, to, hi - lo);
        self.lower.insert(e, lo);
        self.demand[to] += lo;
        self.demand[from] -= lo;
        e
    }

    /// Finds a feasible circulation (with `t → s` unbounded); false when there is none.
    fn feasible(&mut self, s: usize, t: usize) -> bool {
        self.net.edge(t, s, i64::MAX / 4);
        let (ss, tt) = (self.net.node(), self.net.node());
        let mut need = 0;
        for (n, d) in self.demand.clone().into_iter().enumerate() {
            if d > 0 {
                self.net.edge(ss, n, d);
                need += d;
            } else if d < 0 {
                self.net.edge(n, tt, -d);
            }
        }
        self.net.max_flow(ss, tt) == need
    }

    /// The flow on a bounded edge after [`Bounded::feasible`].
    fn flow(&self, e: usize) -> i64 {
        self.lower.get(&e).copied().unwrap_or(0) + self.net.edges[e ^ 1].cap
    }
}

fn floor_ceil(r: Decimal) -> Option<(i64, i64)> {
    Some((r.floor().to_i64()?, r.ceil().to_i64()?))
}

/// Which cells round up, or `None` when the bounds (with the root's `root` bounds, in
/// units) admit no integral flow.
pub(super) fn solve<K: Ord + Clone>(
    cells: &[Cell<K>],
    rem: &[Decimal],
    root: (Decimal, Decimal),
    pins: &BTreeMap<Vec<K>, Decimal>,
) -> Option<Vec<bool>> {
    let mut g = Bounded::new();
    let (s, t) = (g.node(), g.node());
    // Node of every path prefix of each hierarchy, with the remainders under it.
    let mut nodes_b: BTreeMap<Vec<K>, (usize, Decimal)> = BTreeMap::new();
    let mut nodes_a: BTreeMap<Vec<K>, (usize, Decimal)> = BTreeMap::new();
    for (c, r) in cells.iter().zip(rem) {
        for (nodes, path) in [(&mut nodes_b, &c.by_b), (&mut nodes_a, &c.by_a)] {
            for len in 0..=path.len() {
                let key = path[..len].to_vec();
                if !nodes.contains_key(&key) {
                    let id = g.node();
                    nodes.insert(key.clone(), (id, Decimal::ZERO));
                }
                if let Some(entry) = nodes.get_mut(&key) {
                    entry.1 += *r;
                }
            }
        }
    }
    let (root_lo, root_hi) = (root.0.to_i64()?, root.1.to_i64()?);
    let root_b = nodes_b.get(&Vec::new())?.0;
    let root_a = nodes_a.get(&Vec::new())?.0;
    g.edge(s, root_b, root_lo, root_hi);
    g.edge(root_a, t, root_lo, root_hi);
    for (path, (id, r)) in &nodes_b {
        if let Some((_, parent)) = path.split_last() {
            let (lo, hi) = floor_ceil(*r)?;
            g.edge(nodes_b[parent].0, *id, lo, hi);
        }
    }
    for (path, (id, r)) in &nodes_a {
        if let Some((_, parent)) = path.split_last() {
            let (lo, hi) = match pins.get(path) {
                Some(k) => (k.to_i64()?, k.to_i64()?),
                None => floor_ceil(*r)?,
            };
            g.edge(*id, nodes_a[parent].0, lo, hi);
        }
    }
    let mut into_cells = Vec::with_capacity(cells.len());
    for (c, r) in cells.iter().zip(rem) {
        let cell = g.node();
        let up = i64::from(!r.is_zero());
        into_cells.push(g.edge(nodes_b[&c.by_b].0, cell, 0, up));
        g.edge(cell, nodes_a[&c.by_a].0, 0, up);
    }
    if !g.feasible(s, t) {
        return None;
    }
    Some(into_cells.iter().map(|&e| g.flow(e) == 1).collect())
}
