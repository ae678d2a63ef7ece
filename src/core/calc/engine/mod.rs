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
//! fallback, how many times each component's own health enters its product
//! (`prepare`). `sweep` evaluates one workflow.

mod prepare;
mod sweep;

use crate::input::model::{window_of, Incident, Model};
use crate::time::Instant;
use sweep::{CalendarCache, Detail, KnownHours, Record, Scratch, Totals, Touching};

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
    /// Each distinct calendar's working intervals over a span worked out
    /// once ([`Engine::with_working_hours`]), for many short evaluations.
    known_hours: Option<KnownHours>,
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
        sum(self.workflows.iter().map(|w| w.person_hours))
    }
    pub fn cost(&self) -> f64 {
        sum(self.workflows.iter().map(|w| w.cost()))
    }
}

impl<'m> Engine<'m> {
    pub fn new(model: &'m Model) -> Engine<'m> {
        let prepare::Reach { by_component: reach, exponents } = prepare::reach(model);
        let (calendar_of, calendars) = prepare::distinct_calendars(model);
        Engine { model, reach, exponents, calendar_of, calendars, known_hours: None }
    }

    /// An engine that works out each calendar's working hours over `span`
    /// once, and reads evaluations inside it from them (the annual view's
    /// thousands of incidents over one year). The same results: the
    /// working intervals of a window are those of the span, clipped to it.
    pub fn with_working_hours(model: &'m Model, span: (Instant, Instant)) -> Engine<'m> {
        let mut engine = Engine::new(model);
        let mut intervals = vec![Vec::new(); engine.calendars];
        for (t, team) in model.teams.iter().enumerate() {
            let slot = engine.calendar_of[t];
            if intervals[slot].is_empty() {
                intervals[slot] = team.calendar.working_intervals(span.0, span.1);
            }
        }
        engine.known_hours = Some(KnownHours { span, intervals });
        engine
    }

    /// Evaluates a set of incidents (any subset of, or replacement for, the
    /// model's own): what each touched workflow lost, and its fallbacks' cost.
    pub fn evaluate(&self, incidents: &[Incident]) -> Evaluation {
        self.evaluate_recording::<Totals>(incidents)
    }

    /// As [`evaluate`](Self::evaluate), with each outcome's residual series,
    /// fallback engagements and loss rate (what the report shows).
    pub fn evaluate_in_detail(&self, incidents: &[Incident]) -> Evaluation {
        self.evaluate_recording::<Detail>(incidents)
    }

    fn evaluate_recording<R: Record>(&self, incidents: &[Incident]) -> Evaluation {
        let Some(window) = window_of(incidents) else {
            return Evaluation { window: None, workflows: Vec::new() };
        };
        let mut calendars = CalendarCache::new(self.calendars, window, self.known_hours.as_ref());
        let mut scratch = Scratch::default();
        // Incidents in start order and in end order, once; bucketing keeps
        // each workflow's lists in those orders, so no workflow sorts again.
        let by_start = order(incidents.iter().map(|i| i.start).collect());
        let by_end = order(incidents.iter().map(|i| i.end).collect());
        let (starts, touching) = self.touched(incidents, &by_start);
        let (_, ending) = self.touched(incidents, &by_end);
        let mut local_of = vec![0u32; incidents.len()];
        let n = self.model.workflows.len();
        let mut workflows = Vec::with_capacity((0..n).filter(|&w| starts[w] < starts[w + 1]).count());
        let mut mine = Touching { incidents: Vec::new(), end_order: Vec::new() };
        for w in (0..n).filter(|&w| starts[w] < starts[w + 1]) {
            let range = starts[w]..starts[w + 1];
            mine.incidents.clear();
            for (k, &(i, row)) in touching[range.clone()].iter().enumerate() {
                local_of[i as usize] = k as u32;
                mine.incidents.push((&incidents[i as usize], row));
            }
            mine.end_order.clear();
            mine.end_order.extend(ending[range].iter().map(|&(i, _)| local_of[i as usize]));
            let working = calendars.get(self.calendar_of[self.model.workflows[w].team], self.team_calendar(w));
            workflows.push(self.sweep_workflow::<R>(w, &mine, window, working, &mut scratch, None));
        }
        Evaluation { window: Some(window), workflows }
    }

    /// What workflow `w` would lose without its fallback `f`, for the same incidents.
    pub fn workflow_without_fallback(&self, incidents: &[Incident], w: usize, f: usize) -> Option<WorkflowOutcome> {
        self.without_fallback_recording::<Totals>(incidents, w, f)
    }

    /// As [`workflow_without_fallback`](Self::workflow_without_fallback), with
    /// the outcome's loss rate and engagements (the annual view integrates them).
    pub fn workflow_without_fallback_in_detail(
        &self,
        incidents: &[Incident],
        w: usize,
        f: usize,
    ) -> Option<WorkflowOutcome> {
        self.without_fallback_recording::<Detail>(incidents, w, f)
    }

    fn without_fallback_recording<R: Record>(
        &self,
        incidents: &[Incident],
        w: usize,
        f: usize,
    ) -> Option<WorkflowOutcome> {
        let window = window_of(incidents)?;
        let touching: Vec<(&Incident, u32)> = incidents
            .iter()
            .filter_map(|i| {
                let reach = &self.reach[i.component];
                let k = reach.binary_search_by_key(&(w as u32), |&(v, _)| v).ok()?;
                Some((i, reach[k].1))
            })
            .collect();
        let in_start_order: Vec<(&Incident, u32)> =
            order(touching.iter().map(|(i, _)| i.start).collect()).into_iter().map(|k| touching[k as usize]).collect();
        let end_order = order(in_start_order.iter().map(|(i, _)| i.end).collect());
        let mine = Touching { incidents: in_start_order, end_order };
        let mut calendars = CalendarCache::new(self.calendars, window, self.known_hours.as_ref());
        let working = calendars.get(self.calendar_of[self.model.workflows[w].team], self.team_calendar(w));
        Some(self.sweep_workflow::<R>(w, &mine, window, working, &mut Scratch::default(), Some(f)))
    }

    /// How many workflows an incident of component `c` reaches, and their fallbacks.
    pub fn reach_of(&self, c: usize) -> (usize, usize) {
        let fallbacks = self.reach[c].iter().map(|&(w, _)| self.model.workflows[w as usize].fallbacks.len()).sum();
        (self.reach[c].len(), fallbacks)
    }

    /// The components whose incidents reach workflow `w` (its needs or its fallbacks').
    pub fn components_reaching(&self, w: usize) -> Vec<usize> {
        (0..self.reach.len())
            .filter(|&c| self.reach[c].binary_search_by_key(&(w as u32), |&(v, _)| v).is_ok())
            .collect()
    }

    fn team_calendar(&self, w: usize) -> &crate::time::calendar::WorkCalendar {
        &self.model.teams[self.model.workflows[w].team].calendar
    }

    /// The incidents touching each workflow, bucketed in linear time (a
    /// counting sort): workflow w's are `touching[starts[w]..starts[w + 1]]`,
    /// each as (incident index, exponent row), in the order of `order`.
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
}

/// A sum that is 0, not -0, when there is nothing to add (`Iterator::sum`
/// of f64 starts from -0.0): no "-0.0" in a results file. Otherwise the same
/// additions in the same order.
pub fn sum(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |total, x| total + x)
}

/// Positions of `keys` in ascending order. Every sort of instants in the
/// engine goes through this one function, so the app carries one sort.
fn order(keys: Vec<Instant>) -> Vec<u32> {
    let keys: Vec<f64> = keys.into_iter().map(|t| t as f64).collect();
    crate::sort::ascending(&keys).into_iter().map(|k| k as u32).collect()
}
