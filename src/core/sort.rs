//! The core's sorts. Each `sort_by` with a closure of its own makes the page
//! carry another copy of the sort algorithm (2 to 4 KB each; 81 copies were
//! 42 KB of the wasm), so every sort in the core goes through [`ascending`]:
//! one copy. Keys are f64: instants, positions and indices convert exactly
//! (they stay far below 2^53).

/// Positions of `keys` in ascending order (by `f64::total_cmp`); equal keys
/// keep their order.
pub fn ascending(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
    order
}

/// Positions of `values`, largest first; equal values keep their order.
pub fn largest_first(values: &[f64]) -> Vec<usize> {
    ascending(&values.iter().map(|v| -v).collect::<Vec<_>>())
}

/// `items` sorted by `key`, ascending; equal keys keep their order.
pub fn by_key<T: Clone>(items: &mut [T], key: impl Fn(&T) -> f64) {
    let order = ascending(&items.iter().map(key).collect::<Vec<_>>());
    let unsorted = items.to_vec();
    for (slot, k) in items.iter_mut().zip(order) {
        *slot = unsorted[k].clone();
    }
}

/// Each index once, in ascending order.
pub fn distinct(mut indices: Vec<usize>) -> Vec<usize> {
    by_key(&mut indices, |&i| i as f64);
    indices.dedup();
    indices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_stable_and_total() {
        assert_eq!(ascending(&[3.0, 1.0, 2.0, 1.0]), [1, 3, 2, 0]);
        assert_eq!(largest_first(&[3.0, 1.0, 5.0, 3.0]), [2, 0, 3, 1]);
        assert_eq!(ascending(&[f64::NAN, -0.0, 0.0, -1.0]), [3, 1, 2, 0]);
        let mut pairs = [(2.0, 'a'), (1.0, 'b'), (2.0, 'c'), (0.5, 'd')];
        by_key(&mut pairs, |p| p.0);
        assert_eq!(pairs, [(0.5, 'd'), (1.0, 'b'), (2.0, 'a'), (2.0, 'c')]);
        assert_eq!(distinct(vec![4, 1, 4, 0, 1]), [0, 1, 4]);
    }
}
