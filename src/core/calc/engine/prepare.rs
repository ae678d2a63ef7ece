//! Preparing a model for fast, repeated evaluation: how each workflow's and
//! fallback's health is a product of component healths, which workflows each
//! component reaches, and which teams share a calendar.

use crate::input::model::{Model, Reachable};
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

/// What products are computed with, reused from one to the next.
struct Products<'m> {
    model: &'m Model,
    /// Each component's place in the dependency order.
    position: Vec<usize>,
    reachable: Reachable,
    reached: Vec<usize>,
    /// Paths from the needs to each component, for the components reached.
    paths: Vec<u32>,
}

impl<'m> Products<'m> {
    fn new(model: &'m Model) -> Products<'m> {
        let mut position = vec![0; model.components.len()];
        for (k, &c) in model.dependency_order.iter().enumerate() {
            position[c] = k;
        }
        let n = model.components.len();
        Products { model, position, reachable: Reachable::new(n), reached: Vec::new(), paths: vec![0; n] }
    }

    /// A health that needs `needs` as a product of component healths. By
    /// model.md, h_c = a_c × Π h_d over c's dependencies, so a component
    /// enters once for every dependency path from the needs to it: counted
    /// by passing each component's paths down to its dependencies, dependents
    /// first. Time and memory grow with what the needs reach, not with the
    /// whole graph.
    fn of(&mut self, needs: &[usize]) -> Factors {
        let components = &self.model.components;
        self.reachable.walk(components, needs, &mut self.reached);
        let position = &self.position;
        crate::sort::by_key(&mut self.reached, |&c| -(position[c] as f64));
        for &c in &self.reached {
            self.paths[c] = 0;
        }
        for &n in needs {
            self.paths[n] += 1;
        }
        for &c in &self.reached {
            let through = self.paths[c];
            for &d in &components[c].depends_on {
                self.paths[d] = self.paths[d].saturating_add(through);
            }
        }
        let mut factors: Factors = self.reached.iter().map(|&c| (c, self.paths[c])).collect();
        crate::sort::by_key(&mut factors, |&(c, _)| c as f64);
        factors
    }
}

pub(super) fn reach(model: &Model) -> Reach {
    let mut products = Products::new(model);
    let mut by_component: Vec<Vec<(u32, u32)>> = vec![Vec::new(); model.components.len()];
    let mut exponents: Vec<u32> = Vec::new();
    for (w, workflow) in model.workflows.iter().enumerate() {
        let primary = products.of(&workflow.needs);
        let fallbacks: Vec<Factors> = workflow.fallbacks.iter().map(|f| products.of(&f.needs)).collect();
        let mut touched: Vec<usize> = primary.iter().map(|&(c, _)| c).collect();
        for f in &fallbacks {
            touched.extend(f.iter().map(|&(c, _)| c));
        }
        for c in crate::sort::distinct(touched) {
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
