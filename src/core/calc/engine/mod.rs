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

use crate::input::model::{Incident, Model};
use crate::time::calendar::WorkCalendar;
use crate::time::{hours, Instant};

/// Health as a product of component healths: (component, how many times).
type Factors = Vec<(usize, u32)>;

/// The model prepared for fast, repeated evaluation of incident sets.
pub struct Engine<'m> {
    pub model: &'m Model,
    /// For each component, the workflows whose primary or fallback health
    /// depends on it (directly or through dependencies), sorted, each with
    /// the row of `exponents` that says how it enters those healths.
    reach: Vec<Vec<(u32, u32)>>,
    /// Rows of 1 + (the workflow's fallbacks) counts: how many times the
    /// component's own health enters the primary health, then each fallback's.
    exponents: Vec<u32>,
    /// For each team, the index of its calendar among the distinct ones.
    calendar_of: Vec<usize>,
    calendars: usize,
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
    /// the window start; the last step lasts to the window end. This and the
    /// next two are filled only when the detail is asked for (the report):
    /// the curve, blast radius and annual view need only the totals.
    pub residual: Vec<(Instant, f64)>,
    pub fallbacks: Vec<FallbackOutcome>,
    /// Person-hours lost per hour, while at work: (from, to, rate).
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
    /// Fill `residual`, `fallbacks` and `loss_rate`.
    detail: bool,
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
        let fallback: Vec<Vec<Factors>> =
            model.workflows.iter().map(|w| w.fallbacks.iter().map(|f| product(&f.needs)).collect()).collect();
        let mut reach: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
        let mut exponents: Vec<u32> = Vec::new();
        for (w, p) in primary.iter().enumerate() {
            let mut touched: Vec<usize> = p.iter().map(|&(c, _)| c).collect();
            for f in &fallback[w] {
                touched.extend(f.iter().map(|&(c, _)| c));
            }
            touched.sort_unstable();
            touched.dedup();
            for c in touched {
                reach[c].push((w as u32, exponents.len() as u32));
                exponents.push(exponent(p, c).unwrap_or(0));
                exponents.extend(fallback[w].iter().map(|f| exponent(f, c).unwrap_or(0)));
            }
        }
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
        Engine { model, reach, exponents, calendar_of, calendars: distinct.len() }
    }

    /// Workflows whose health depends on component `c`, in order.
    pub fn affected_by(&self, c: usize) -> impl Iterator<Item = usize> + '_ {
        self.reach[c].iter().map(|&(w, _)| w as usize)
    }

    /// Evaluates a set of incidents (any subset of, or replacement for, the
    /// model's own).
    pub fn evaluate(&self, incidents: &[Incident]) -> Evaluation {
        self.evaluate_with(incidents, false)
    }

    /// As [`evaluate`](Self::evaluate), with each outcome's residual series,
    /// fallback engagements and loss rate when `detail` is asked for.
    pub fn evaluate_with(&self, incidents: &[Incident], detail: bool) -> Evaluation {
        let window = crate::input::model::window_of(incidents);
        let Some(window) = window else {
            return Evaluation { window: None, workflows: Vec::new() };
        };
        let ask = Ask { detail, ..Ask::default() };
        let mut calendars = CalendarCache::new(self.calendars, window);
        let mut scratch = Scratch::default();
        // Incidents in start order and in end order, once; bucketing keeps
        // each workflow's lists in those orders, so no workflow sorts again.
        let by_start = order(incidents.iter().map(|i| i.start).collect());
        let by_end = order(incidents.iter().map(|i| i.end).collect());
        let (starts, touching) = self.touched(incidents, &by_start);
        let (_, ending) = self.touched(incidents, &by_end);
        let mut local_of = vec![0u32; incidents.len()];
        let mut workflows =
            Vec::with_capacity((0..self.model.workflows.len()).filter(|&w| starts[w] < starts[w + 1]).count());
        let mut list: Vec<(&Incident, u32)> = Vec::new();
        let mut end_order: Vec<u32> = Vec::new();
        for w in 0..self.model.workflows.len() {
            let range = starts[w]..starts[w + 1];
            if range.is_empty() {
                continue;
            }
            list.clear();
            for (n, &(i, row)) in touching[range.clone()].iter().enumerate() {
                local_of[i as usize] = n as u32;
                list.push((&incidents[i as usize], row));
            }
            end_order.clear();
            end_order.extend(ending[range].iter().map(|&(i, _)| local_of[i as usize]));
            workflows.push(self.workflow(w, &list, &end_order, window, &mut calendars, &mut scratch, ask));
        }
        Evaluation { window: Some(window), workflows }
    }

    /// What workflow `w` would lose without its fallback `f`, for the same incidents.
    pub fn workflow_without_fallback(&self, incidents: &[Incident], w: usize, f: usize) -> Option<WorkflowOutcome> {
        let window = crate::input::model::window_of(incidents)?;
        let mine: Vec<(&Incident, u32)> = incidents
            .iter()
            .filter_map(|i| {
                let reach = &self.reach[i.component];
                let k = reach.binary_search_by_key(&(w as u32), |&(v, _)| v).ok()?;
                Some((i, reach[k].1))
            })
            .collect();
        let list: Vec<(&Incident, u32)> =
            order(mine.iter().map(|(i, _)| i.start).collect()).into_iter().map(|k| mine[k as usize]).collect();
        let end_order = order(list.iter().map(|(i, _)| i.end).collect());
        let mut calendars = CalendarCache::new(self.calendars, window);
        let ask = Ask { without_fallback: Some(f), detail: false };
        Some(self.workflow(w, &list, &end_order, window, &mut calendars, &mut Scratch::default(), ask))
    }

    /// The incidents touching each workflow, bucketed in linear time (a
    /// counting sort): workflow w's are `touching[starts[w]..starts[w + 1]]`.
    /// `incidents` is in start order; `end_order` lists their positions in end order.
    /// Each entry is (incident index, exponent row), in the order of `order`.
    fn touched(&self, incidents: &[Incident], order: &[u32]) -> (Vec<usize>, Vec<(u32, u32)>) {
        let n = self.model.workflows.len();
        let mut starts = vec![0usize; n + 1];
        for inc in incidents {
            for &(w, _) in &self.reach[inc.component] {
                starts[w as usize + 1] += 1;
            }
        }
        for w in 0..n {
            starts[w + 1] += starts[w];
        }
        let mut fill = starts.clone();
        let mut touching = vec![(0u32, 0u32); starts[n]];
        for &i in order {
            for &(w, row) in &self.reach[incidents[i as usize].component] {
                touching[fill[w as usize]] = (i, row);
                fill[w as usize] += 1;
            }
        }
        (starts, touching)
    }

    #[allow(clippy::too_many_arguments)] // the sweep's inputs and reusable buffers
    fn workflow(
        &self,
        w: usize,
        incidents: &[(&Incident, u32)],
        end_order: &[u32],
        window: (Instant, Instant),
        calendars: &mut CalendarCache,
        scratch: &mut Scratch,
        ask: Ask,
    ) -> WorkflowOutcome {
        let model = self.model;
        let wf = &model.workflows[w];
        let team = &model.teams[wf.team];
        let nf = wf.fallbacks.len();
        let in_use = |k: usize| ask.without_fallback != Some(k);

        // 1. Each incident's factor in each health: column 0 the primary,
        //    column 1 + k fallback k. A factor is (1 − severity)^times, where
        //    times counts the dependency paths that reach the component.
        let width = 1 + nf;
        let factors = &mut scratch.factors;
        factors.clear();
        for &(i, row) in incidents {
            let a = 1.0 - i.severity;
            let row = &self.exponents[row as usize..row as usize + width];
            factors.extend(row.iter().map(|&e| match e {
                0 => 1.0,
                1 => a,
                e => a.powi(e.min(i32::MAX as u32) as i32),
            }));
        }

        // 2. Episodes: spans where some incident lowers the primary health,
        //    merged when they touch (health never got back to 1).
        let episodes = &mut scratch.episodes;
        episodes.clear();
        episodes.extend(
            incidents.iter().enumerate().filter(|&(n, _)| factors[n * width] < 1.0).map(|(_, (i, _))| (i.start, i.end)),
        );
        // Already in start order: `incidents` comes sorted by start.
        let mut merged = 0;
        for k in 0..episodes.len() {
            let (s, e) = episodes[k];
            if merged > 0 && s <= episodes[merged - 1].1 {
                episodes[merged - 1].1 = episodes[merged - 1].1.max(e);
            } else {
                episodes[merged] = (s, e);
                merged += 1;
            }
        }
        episodes.truncate(merged);

        // 3. When each fallback is engaged: episode start + delay to episode
        //    end. Kept in reused buffers: no allocation per workflow.
        let spans = &mut scratch.spans;
        spans.iter_mut().for_each(Vec::clear);
        spans.resize_with(nf.max(spans.len()), Vec::new);
        let running = &mut scratch.running;
        running.clear();
        running.resize(nf, 0.0);
        for (k, f) in wf.fallbacks.iter().enumerate() {
            if !in_use(k) {
                continue;
            }
            for &(start, end) in episodes.iter() {
                let on = start + f.activation_delay;
                if on < end {
                    spans[k].push((on, end));
                    running[k] += hours(end - on) * f.running_cost_per_hour;
                }
            }
        }

        // 4. Which incidents matter: those that lower the primary health, and
        //    those that weaken a fallback while it is engaged.
        let matters = &mut scratch.matters;
        matters.clear();
        matters.extend(incidents.iter().enumerate().map(|(n, &(i, _))| {
            factors[n * width] < 1.0
                || (0..nf).any(|k| {
                    factors[n * width + 1 + k] < 1.0 && spans[k].iter().any(|&(on, off)| on < i.end && i.start < off)
                })
        }));

        // 5. One sweep over every change point, merging the streams that are
        //    already in time order: starts, ends, and each fallback's
        //    engagements. Values are read after all events of an instant.
        let active = &mut scratch.active;
        active.clear();
        let engaged = &mut scratch.engaged;
        engaged.clear();
        engaged.resize(nf, false);
        let next_engagement = &mut scratch.next_engagement;
        next_engagement.clear();
        next_engagement.resize(nf, 0);
        let health = &mut scratch.health;

        let working = calendars.get(self.calendar_of[wf.team], &team.calendar);
        let mut shift = 0usize; // first working interval that may still overlap
        let mut residual: Vec<(Instant, f64)> =
            Vec::with_capacity(if ask.detail { 2 * incidents.len() + 1 } else { 0 });
        let mut loss_hours = 0.0; // per person: working hours × part lost
        let mut loss_rate = Vec::new();
        let weight = team.headcount * wf.share * (1.0 + wf.recovery_overhead);

        let (mut si, mut ei) = (0usize, 0usize);
        let mut t = window.0;
        loop {
            while si < incidents.len() && (!matters[si] || incidents[si].0.start <= t) {
                if matters[si] {
                    active.push(si as u32);
                }
                si += 1;
            }
            while ei < end_order.len() && {
                let n = end_order[ei] as usize;
                !matters[n] || incidents[n].0.end <= t
            } {
                let n = end_order[ei];
                if matters[n as usize] {
                    let at = active.iter().position(|&m| m == n).unwrap();
                    active.swap_remove(at);
                }
                ei += 1;
            }
            let mut next = window.1;
            if si < incidents.len() {
                next = next.min(incidents[si].0.start);
            }
            if ei < end_order.len() {
                next = next.min(incidents[end_order[ei] as usize].0.end);
            }
            for k in 0..nf {
                let list = &spans[k];
                loop {
                    let Some(&(on, off)) = list.get(next_engagement[k]) else {
                        engaged[k] = false;
                        break;
                    };
                    if off <= t {
                        next_engagement[k] += 1;
                        continue;
                    }
                    engaged[k] = on <= t;
                    next = next.min(if engaged[k] { off } else { on });
                    break;
                }
            }
            if t >= window.1 {
                break;
            }
            // Health products over the active incidents only.
            health.clear();
            health.resize(width, 1.0);
            for &n in active.iter() {
                let n = n as usize;
                for (h, f) in health.iter_mut().zip(&factors[n * width..(n + 1) * width]) {
                    *h *= f;
                }
            }
            let p = health[0];
            let r = if p >= 1.0 {
                1.0
            } else {
                let mut best: f64 = 0.0;
                for k in 0..nf {
                    if engaged[k] {
                        best = best.max(wf.fallbacks[k].coverage * health[1 + k]);
                    }
                }
                (1.0 - wf.reliance * (1.0 - p) * (1.0 - best)).clamp(0.0, 1.0)
            };
            if ask.detail && residual.last().map(|&(_, v)| v) != Some(r) {
                residual.push((t, r));
            }
            if r < 1.0 {
                while shift < working.len() && working[shift].1 <= t {
                    shift += 1;
                }
                let mut k = shift;
                while k < working.len() && working[k].0 < next {
                    let (s, e) = (working[k].0.max(t), working[k].1.min(next));
                    if s < e {
                        loss_hours += hours(e - s) * (1.0 - r);
                        if ask.detail {
                            loss_rate.push((s, e, weight * (1.0 - r)));
                        }
                    }
                    k += 1;
                }
            }
            t = next;
        }
        let person_hours = weight * loss_hours;
        let fallback_cost = running.iter().sum();
        let fallbacks = if ask.detail {
            (0..nf).map(|k| FallbackOutcome { engaged: spans[k].clone(), running_cost: running[k] }).collect()
        } else {
            Vec::new()
        };
        WorkflowOutcome {
            workflow: w,
            person_hours,
            labour_cost: person_hours * team.hourly_cost,
            fallback_cost,
            residual,
            fallbacks,
            loss_rate,
        }
    }
}

/// Buffers reused from one workflow to the next within an evaluation.
#[derive(Default)]
struct Scratch {
    episodes: Vec<(Instant, Instant)>,
    factors: Vec<f64>,
    matters: Vec<bool>,
    active: Vec<u32>,
    engaged: Vec<bool>,
    next_engagement: Vec<usize>,
    /// Each fallback's engaged spans, and its running cost.
    spans: Vec<Vec<(Instant, Instant)>>,
    running: Vec<f64>,
    health: Vec<f64>,
}

/// Positions of `keys` in ascending order. Every sort of instants in the
/// engine goes through this one function, so the app carries one sort.
fn order(keys: Vec<Instant>) -> Vec<u32> {
    let mut positions: Vec<u32> = (0..keys.len() as u32).collect();
    positions.sort_unstable_by_key(|&k| keys[k as usize]);
    positions
}

fn exponent(factors: &Factors, component: usize) -> Option<u32> {
    factors.binary_search_by_key(&component, |&(c, _)| c).ok().map(|k| factors[k].1)
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

/// Working intervals over the window, computed once per distinct calendar
/// when first needed (teams often share one).
struct CalendarCache {
    window: (Instant, Instant),
    slots: Vec<Option<Vec<(Instant, Instant)>>>,
}

impl CalendarCache {
    fn new(distinct: usize, window: (Instant, Instant)) -> Self {
        CalendarCache { window, slots: vec![None; distinct] }
    }

    fn get(&mut self, slot: usize, calendar: &WorkCalendar) -> &[(Instant, Instant)] {
        let window = self.window;
        self.slots[slot].get_or_insert_with(|| calendar.working_intervals(window.0, window.1))
    }
}
