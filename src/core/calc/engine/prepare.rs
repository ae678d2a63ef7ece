//! Preparing a model for fast, repeated evaluation: how each workflow's and
//! fallback's health is a product of component healths, which workflows each
//! component reaches, and which teams share a calendar.

use crate::input::model::Model;
use crate::time::calendar::WorkCalendar;

/// Health as a product of component healths: (component, how many times),
/// sorted by component.
type Factors = Vec<(usize, u32)>;

/// For each component, the workflows whose primary or fallback health
/// depends on it, with the row of `exponents` that says how.
pub(super) struct Reach {
    /// Per component: (workflow, row), sorted by workflow.
    pub by_component: Vec<Vec<(u32, u32)>>,
    /// Rows of 1 + (the workflow's fallbacks) counts: how many times the
    /// component's own health enters the primary health, then each fallback's.
    pub exponents: Vec<u32>,
}

/// Each component's effective health as factors: h_c = a_c × Π h_d over its
/// dependencies (model.md), so a component reached along two paths counts twice.
fn component_health(model: &Model) -> Vec<Factors> {
    let mut health: Vec<Factors> = vec![Vec::new(); model.components.len()];
    for &c in &model.dependency_order {
        let mut f: Factors = vec![(c, 1)];
        for &d in &model.components[c].depends_on {
            f = merge(&f, &health[d]);
        }
        health[c] = f;
    }
    health
}

pub(super) fn reach(model: &Model) -> Reach {
    let health = component_health(model);
    let product = |needs: &[usize]| needs.iter().fold(Vec::new(), |acc, &c| merge(&acc, &health[c]));
    let mut by_component: Vec<Vec<(u32, u32)>> = vec![Vec::new(); model.components.len()];
    let mut exponents: Vec<u32> = Vec::new();
    for (w, workflow) in model.workflows.iter().enumerate() {
        let primary = product(&workflow.needs);
        let fallbacks: Vec<Factors> = workflow.fallbacks.iter().map(|f| product(&f.needs)).collect();
        let mut touched: Vec<usize> = primary.iter().map(|&(c, _)| c).collect();
        for f in &fallbacks {
            touched.extend(f.iter().map(|&(c, _)| c));
        }
        touched.sort_unstable();
        touched.dedup();
        for c in touched {
            by_component[c].push((w as u32, exponents.len() as u32));
            exponents.push(exponent(&primary, c));
            exponents.extend(fallbacks.iter().map(|f| exponent(f, c)));
        }
    }
    Reach { by_component, exponents }
}

/// For each team, the index of its calendar among the distinct ones, and how
/// many distinct ones there are (teams often share one).
pub(super) fn distinct_calendars(model: &Model) -> (Vec<usize>, usize) {
    let mut distinct: Vec<&WorkCalendar> = Vec::new();
    let calendar_of = model
        .teams
        .iter()
        .map(|t| match distinct.iter().position(|c| **c == t.calendar) {
            Some(k) => k,
            None => {
                distinct.push(&t.calendar);
                distinct.len() - 1
            }
        })
        .collect();
    (calendar_of, distinct.len())
}

/// How many times `component` enters a product (0 when it does not).
fn exponent(factors: &Factors, component: usize) -> u32 {
    factors.binary_search_by_key(&component, |&(c, _)| c).map_or(0, |k| factors[k].1)
}

/// The product of two products: their sorted factor lists, exponents added.
fn merge(a: &Factors, b: &Factors) -> Factors {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(ca, ea)), Some(&(cb, eb))) if ca == cb => {
                out.push((ca, ea.saturating_add(eb)));
                i += 1;
                j += 1;
            }
            (Some(&x), Some(&(cb, _))) if x.0 < cb => {
                out.push(x);
                i += 1;
            }
            (Some(&x), None) => {
                out.push(x);
                i += 1;
            }
            (_, Some(&y)) => {
                out.push(y);
                j += 1;
            }
            (None, None) => unreachable!("the loop runs while either list has more"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::merge;
    type Factor = (usize, u32);

    #[test]
    fn products_merge_by_component() {
        #[rustfmt::skip]
        let cases: &[(&[Factor], &[Factor], &[Factor])] = &[
            (&[], &[], &[]),
            (&[(1, 1)], &[], &[(1, 1)]),
            (&[(0, 1), (2, 1)], &[(1, 2), (2, 1)], &[(0, 1), (1, 2), (2, 2)]),
            (&[(3, u32::MAX)], &[(3, 1)], &[(3, u32::MAX)]),
        ];
        for &(a, b, expected) in cases {
            assert_eq!(merge(&a.to_vec(), &b.to_vec()), expected, "{a:?} × {b:?}");
        }
    }
}
