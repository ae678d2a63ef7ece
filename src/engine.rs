//! The calculation of `shared/design/model.md`, integrated exactly.
//!
//! Everything is piecewise constant between change points (incident starts and
//! ends, fallback activations, working-day boundaries), so each workflow is
//! evaluated only at the change points that touch it: its own components'
//! incidents (direct or through dependencies), its fallbacks' components'
//! incidents, its fallbacks' activations and its team's shifts. Cost grows with
//! those, never with the outage's length or with every workflow × every point.
//!
//! Effective health follows model.md to the letter: h_c = a_c × Π h_d over c's
//! dependencies, recursively. A component reached along two dependency paths
//! therefore counts twice; [`Engine::new`] precomputes, for each workflow and
//! fallback, how many times each component's own health enters its product.

use crate::model::{Incident, Instant, Model};

const SECONDS_PER_HOUR: f64 = 3600.0;

/// Health as a product of component healths: (component, how many times).
type Factors = Vec<(usize, u32)>;

/// The model prepared for fast, repeated evaluation of incident sets.
pub struct Engine<'m> {
    pub model: &'m Model,
    primary: Vec<Factors>,
    fallback: Vec<Vec<Factors>>,
    /// For each component, the workflows whose primary or fallback health
    /// depends on it (directly or through dependencies). Sorted.
    affects: Vec<Vec<usize>>,
}

/// What one workflow lost, and how it went.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowOutcome {
    pub workflow: usize,
    /// Includes the recovery overhead.
    pub person_hours: f64,
    pub labour_cost: f64,
    /// Running cost of its engaged fallbacks.
    pub fallback_cost: f64,
    /// Residual functionality as steps: (from this instant, value). Starts at
    /// the window start; the last step lasts to the window end.
    pub residual: Vec<(Instant, f64)>,
    pub fallbacks: Vec<FallbackOutcome>,
    /// Person-hours lost per hour, while at work: (from, to, rate). Only
    /// filled when asked for (the cumulative cost chart).
    pub loss_rate: Vec<(Instant, Instant, f64)>,
}

impl WorkflowOutcome {
    pub fn cost(&self) -> f64 {
        self.labour_cost + self.fallback_cost
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct FallbackOutcome {
    /// When it was engaged: from episode start + delay to episode end.
    pub engaged: Vec<(Instant, Instant)>,
    pub running_cost: f64,
}

/// One evaluation of a set of incidents.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// First incident start to last incident end; `None` without incidents.
    pub window: Option<(Instant, Instant)>,
    /// Only the workflows the incidents touch, in workflow order. Every other
    /// workflow lost nothing and kept full functionality.
    pub workflows: Vec<WorkflowOutcome>,
}

impl Evaluation {
    pub fn person_hours(&self) -> f64 {
        self.workflows.iter().map(|w| w.person_hours).sum()
    }
    pub fn cost(&self) -> f64 {
        self.workflows.iter().map(|w| w.cost()).sum()
    }
}

/// Options for evaluating one workflow.
#[derive(Clone, Copy, Default)]
struct Ask {
    /// Evaluate as if this fallback did not exist (to value it).
    without_fallback: Option<usize>,
    /// Fill `loss_rate`.
    loss_rate: bool,
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model) -> Engine<'m> {
        let n = model.components.len();
        // Components in dependency order (dependencies first); the model is acyclic.
        let mut order = Vec::with_capacity(n);
        let mut state = vec![0u8; n]; // 0 new, 1 open, 2 done
        for root in 0..n {
            let mut stack = vec![(root, 0usize)];
            while let Some((c, next)) = stack.pop() {
                if next == 0 {
                    if state[c] != 0 {
                        continue;
                    }
                    state[c] = 1;
                }
                if let Some(&d) = model.components[c].depends_on.get(next) {
                    stack.push((c, next + 1));
                    if state[d] == 0 {
                        stack.push((d, 0));
                    }
                } else {
                    state[c] = 2;
                    order.push(c);
                }
            }
        }
        let mut health: Vec<Factors> = vec![Vec::new(); n];
        for &c in &order {
            let mut f: Factors = vec![(c, 1)];
            for &d in &model.components[c].depends_on {
                f = merge(&f, &health[d]);
            }
            health[c] = f;
        }
        let product = |needs: &[usize]| needs.iter().fold(Vec::new(), |acc, &c| merge(&acc, &health[c]));
        let primary: Vec<Factors> = model.workflows.iter().map(|w| product(&w.needs)).collect();
        let fallback: Vec<Vec<Factors>> = model
            .workflows
            .iter()
            .map(|w| w.fallbacks.iter().map(|f| product(&f.needs)).collect())
            .collect();
        let mut affects = vec![Vec::new(); n];
        for (w, p) in primary.iter().enumerate() {
            let mut touched: Vec<usize> = p.iter().map(|&(c, _)| c).collect();
            for f in &fallback[w] {
                touched.extend(f.iter().map(|&(c, _)| c));
            }
            touched.sort_unstable();
            touched.dedup();
            for c in touched {
                affects[c].push(w);
            }
        }
        Engine { model, primary, fallback, affects }
    }

    /// Workflows whose health depends on component `c`, sorted.
    pub fn affected_by(&self, c: usize) -> &[usize] {
        &self.affects[c]
    }

    /// Evaluates a set of incidents (any subset of, or replacement for, the
    /// model's own).
    pub fn evaluate(&self, incidents: &[Incident]) -> Evaluation {
        self.evaluate_with(incidents, false)
    }

    /// As [`evaluate`](Self::evaluate), also filling each outcome's `loss_rate`.
    pub fn evaluate_with(&self, incidents: &[Incident], loss_rate: bool) -> Evaluation {
        let window = crate::model::window_of(incidents);
        let Some(window) = window else {
            return Evaluation { window: None, workflows: Vec::new() };
        };
        let ask = Ask { loss_rate, ..Ask::default() };
        let mut calendars = CalendarCache::new(self.model.teams.len(), window);
        let workflows = self
            .touched(incidents)
            .into_iter()
            .map(|(w, list)| self.workflow(w, &list, window, &mut calendars, ask))
            .collect();
        Evaluation { window: Some(window), workflows }
    }

    /// What workflow `w` would lose without its fallback `f`, for the same incidents.
    pub fn workflow_without_fallback(&self, incidents: &[Incident], w: usize, f: usize) -> Option<WorkflowOutcome> {
        let window = crate::model::window_of(incidents)?;
        let list: Vec<&Incident> = incidents
            .iter()
            .filter(|i| self.affects[i.component].binary_search(&w).is_ok())
            .collect();
        let mut calendars = CalendarCache::new(self.model.teams.len(), window);
        let ask = Ask { without_fallback: Some(f), loss_rate: false };
        Some(self.workflow(w, &list, window, &mut calendars, ask))
    }

    /// For each touched workflow, the incidents that touch it, in workflow order.
    fn touched<'i>(&self, incidents: &'i [Incident]) -> Vec<(usize, Vec<&'i Incident>)> {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, inc) in incidents.iter().enumerate() {
            pairs.extend(self.affects[inc.component].iter().map(|&w| (w, i)));
        }
        pairs.sort_unstable();
        let mut out: Vec<(usize, Vec<&Incident>)> = Vec::new();
        for (w, i) in pairs {
            match out.last_mut() {
                Some((last, list)) if *last == w => list.push(&incidents[i]),
                _ => out.push((w, vec![&incidents[i]])),
            }
        }
        out
    }

    fn workflow(
        &self,
        w: usize,
        incidents: &[&Incident],
        window: (Instant, Instant),
        calendars: &mut CalendarCache,
        ask: Ask,
    ) -> WorkflowOutcome {
        let model = self.model;
        let wf = &model.workflows[w];
        let team = &model.teams[wf.team];
        let primary = &self.primary[w];
        let fallbacks = &self.fallback[w];
        let in_use = |k: usize| ask.without_fallback != Some(k);

        // 1. Primary health over time, from the incidents that reach it.
        let primary_incidents: Vec<(&Incident, u32)> = incidents
            .iter()
            .filter_map(|i| exponent(primary, i.component).map(|e| (*i, e)))
            .collect();
        let episodes = episodes(&primary_incidents);

        // 2. When each fallback is engaged.
        let mut outcomes: Vec<FallbackOutcome> = vec![FallbackOutcome::default(); fallbacks.len()];
        for (k, f) in wf.fallbacks.iter().enumerate() {
            if !in_use(k) {
                continue;
            }
            for &(start, end) in &episodes {
                let on = start + f.activation_delay;
                if on < end {
                    outcomes[k].engaged.push((on, end));
                    outcomes[k].running_cost +=
                        (end - on) as f64 / SECONDS_PER_HOUR * f.running_cost_per_hour;
                }
            }
        }

        // 3. Every instant where the residual can change, inside episodes only:
        //    outside them nothing is lost.
        let mut points: Vec<Instant> = Vec::with_capacity(2 * incidents.len() + 2);
        points.push(window.0);
        for &(s, e) in &episodes {
            points.push(s);
            points.push(e);
        }
        for i in incidents {
            points.push(i.start);
            points.push(i.end);
        }
        for o in &outcomes {
            points.extend(o.engaged.iter().map(|&(on, _)| on));
        }
        points.sort_unstable();
        points.dedup();

        // Per incident, how it enters each health: primary and per fallback.
        let exps: Vec<(u32, Vec<u32>)> = incidents
            .iter()
            .map(|i| {
                let p = exponent(primary, i.component).unwrap_or(0);
                let f = fallbacks.iter().map(|f| exponent(f, i.component).unwrap_or(0)).collect();
                (p, f)
            })
            .collect();

        let mut residual: Vec<(Instant, f64)> = Vec::with_capacity(points.len());
        let mut loss_hours = 0.0; // working hours × lost part, per person
        let mut loss_rate = Vec::new();
        let working = calendars.get(wf.team, team);
        let mut shift = 0usize; // first working interval that may overlap
        let mut episode = 0usize;
        let weight = team.headcount * wf.share * (1.0 + wf.recovery_overhead);
        let mut strength: Vec<f64> = vec![0.0; fallbacks.len()];

        for (idx, &t) in points.iter().enumerate() {
            let next = points.get(idx + 1).copied().unwrap_or(window.1);
            while episode < episodes.len() && episodes[episode].1 <= t {
                episode += 1;
            }
            let in_episode = episode < episodes.len() && episodes[episode].0 <= t;
            let r = if !in_episode || t >= window.1 {
                1.0
            } else {
                let mut p = 1.0;
                let g = &mut strength;
                for (gk, f) in g.iter_mut().zip(&wf.fallbacks) {
                    *gk = f.coverage;
                }
                for (i, (pe, fe)) in incidents.iter().zip(&exps) {
                    if i.start <= t && t < i.end {
                        let a = 1.0 - i.severity;
                        if *pe > 0 {
                            p *= a.powi(*pe as i32);
                        }
                        for (gk, &e) in g.iter_mut().zip(fe) {
                            if e > 0 {
                                *gk *= a.powi(e as i32);
                            }
                        }
                    }
                }
                let mut best: f64 = 0.0;
                for (k, o) in outcomes.iter().enumerate() {
                    if in_use(k) && o.engaged.iter().any(|&(on, off)| on <= t && t < off) {
                        best = best.max(g[k]);
                    }
                }
                let lost = wf.reliance * (1.0 - p);
                (1.0 - lost * (1.0 - best)).clamp(0.0, 1.0)
            };
            if t < window.1 && residual.last().map(|&(_, v)| v) != Some(r) {
                residual.push((t, r));
            }
            if r < 1.0 && next > t {
                // Working time inside [t, next).
                while shift < working.len() && working[shift].1 <= t {
                    shift += 1;
                }
                let mut k = shift;
                while k < working.len() && working[k].0 < next {
                    let (s, e) = (working[k].0.max(t), working[k].1.min(next));
                    if s < e {
                        loss_hours += (e - s) as f64 / SECONDS_PER_HOUR * (1.0 - r);
                        if ask.loss_rate {
                            loss_rate.push((s, e, weight * (1.0 - r)));
                        }
                    }
                    k += 1;
                }
            }
        }
        let person_hours = weight * loss_hours;
        let fallback_cost = outcomes.iter().map(|o| o.running_cost).sum();
        WorkflowOutcome {
            workflow: w,
            person_hours,
            labour_cost: person_hours * team.hourly_cost,
            fallback_cost,
            residual,
            fallbacks: outcomes,
            loss_rate,
        }
    }
}

/// Episodes of a primary health below 1: maximal spans where some incident
/// with a positive severity reaches it.
fn episodes(primary: &[(&Incident, u32)]) -> Vec<(Instant, Instant)> {
    let mut spans: Vec<(Instant, Instant)> = primary
        .iter()
        .filter(|(i, _)| i.severity > 0.0)
        .map(|(i, _)| (i.start, i.end))
        .collect();
    spans.sort_unstable();
    let mut out: Vec<(Instant, Instant)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            // Touching spans are one episode: health never got back to 1.
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn exponent(factors: &Factors, component: usize) -> Option<u32> {
    factors
        .binary_search_by_key(&component, |&(c, _)| c)
        .ok()
        .map(|k| factors[k].1)
}

/// Sum of two sorted factor lists.
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
            (Some(&(ca, ea)), Some(&(cb, _))) if ca < cb => {
                out.push((ca, ea));
                i += 1;
            }
            (Some(&(ca, ea)), None) => {
                out.push((ca, ea));
                i += 1;
            }
            (_, Some(&(cb, eb))) => {
                out.push((cb, eb));
                j += 1;
            }
            (None, None) => unreachable!(),
        }
    }
    out
}

/// Each team's working intervals over the window, computed when first needed.
struct CalendarCache {
    window: (Instant, Instant),
    teams: Vec<Option<Vec<(Instant, Instant)>>>,
}

impl CalendarCache {
    fn new(teams: usize, window: (Instant, Instant)) -> Self {
        CalendarCache { window, teams: vec![None; teams] }
    }

    fn get(&mut self, t: usize, team: &crate::model::Team) -> &[(Instant, Instant)] {
        let window = self.window;
        self.teams[t].get_or_insert_with(|| team.calendar.working_intervals(window.0, window.1))
    }
}
