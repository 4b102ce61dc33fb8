//! Splitting totals two ways at once. The public tables give several budget units'
//! figures only as margins — per unit (预算02、06、11表) and per 科目 (预算03、05、07、09、10表)
//! — never unit × 科目. The input file wants the cross lines; any split whose rows and
//! columns add up to the margins gives the same tables, so the importer takes the
//! north-west-corner one (units in table order filled from the 科目 in table order) and
//! says so in the file.

use crate::num::Money;

/// A matrix `rows.len() × cols.len()` whose rows add up to `rows` and columns to `cols`
/// (when both add up to the same total; otherwise the last row or column takes the
/// difference the margins leave). North-west corner: each cell takes as much as both its
/// row and its column still need.
pub(crate) fn north_west(rows: &[Money], cols: &[Money]) -> Vec<Vec<Money>> {
    let mut m = vec![vec![Money::ZERO; cols.len()]; rows.len()];
    if rows.is_empty() || cols.is_empty() {
        return m;
    }
    let mut need_r: Vec<Money> = rows.to_vec();
    let mut need_c: Vec<Money> = cols.to_vec();
    let (mut i, mut j) = (0, 0);
    while i < rows.len() && j < cols.len() {
        let take = need_r[i].min(need_c[j]).max(Money::ZERO);
        m[i][j] += take;
        need_r[i] = need_r[i] - take;
        need_c[j] = need_c[j] - take;
        if need_r[i] <= Money::ZERO && i + 1 < rows.len() {
            i += 1;
        } else if need_c[j] <= Money::ZERO && j + 1 < cols.len() {
            j += 1;
        } else {
            break;
        }
    }
    // Margins that do not agree: what a column still needs goes to the last row.
    let last = rows.len() - 1;
    for (j, n) in need_c.iter().enumerate() {
        if *n > Money::ZERO {
            m[last][j] += *n;
        }
    }
    m
}

/// Takes `want` from `supply`, in order, but at most `cap(i)` from entry `i` (a budget
/// shared by several entries, such as a 类's carry-over); returns what each gave.
pub(crate) fn greedy(
    want: Money,
    supply: &mut [Money],
    mut cap: impl FnMut(usize, Money) -> Money,
) -> Vec<Money> {
    let mut got = vec![Money::ZERO; supply.len()];
    let mut left = want;
    for (i, s) in supply.iter_mut().enumerate() {
        if left <= Money::ZERO {
            break;
        }
        let take = left.min(*s).min(cap(i, left)).max(Money::ZERO);
        if take > Money::ZERO {
            *s = *s - take;
            got[i] = take;
            left = left - take;
        }
    }
    got
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money(s.parse().expect("decimal"))
    }

    #[test]
    fn north_west_meets_both_margins() {
        let rows = [m("453.64"), m("449.54")];
        let cols = [m("317.18"), m("300"), m("286")];
        let x = north_west(&rows, &cols);
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(x[i].iter().copied().sum::<Money>(), *r);
        }
        for (j, c) in cols.iter().enumerate() {
            assert_eq!(x.iter().map(|r| r[j]).sum::<Money>(), *c);
        }
    }

    #[test]
    fn greedy_respects_caps() {
        let mut supply = [m("10"), m("10")];
        let got = greedy(
            m("12"),
            &mut supply,
            |i, _| if i == 0 { m("5") } else { m("100") },
        );
        assert_eq!(got, vec![m("5"), m("7")]);
        assert_eq!(supply, [m("5"), m("3")]);
    }
}
