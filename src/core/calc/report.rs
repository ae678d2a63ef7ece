//! The full results for one validated scenario: totals, per workflow and team,
//! the organisation's residual functionality over time, when fallbacks
//! engaged, each component's blast radius and each fallback's value.
//! Plain data, serialisable; the CLI, the exports and the app all read it.

use serde::{Serialize, Serializer};

use crate::calc::engine::{sum, Engine, Evaluation, WorkflowOutcome};
use crate::input::model::{Incident, Model, Workflow};
use crate::time::{format_utc, hours, Instant, SECONDS_PER_HOUR};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub scenario: String,
    pub currency: String,
    pub target: f64,
    /// `None` when the scenario has no incident.
    pub window: Option<Window>,
    pub totals: Totals,
    pub residual: Residual,
    pub workflows: Vec<WorkflowResult>,
    pub teams: Vec<TeamResult>,
    /// For each component with an incident: the loss if its incidents were the only ones.
    pub blast_radius: Vec<BlastRadius>,
    /// Cumulative cost at each instant where its rate changes.
    pub cost_over_time: Vec<CostPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    #[serde(serialize_with = "utc")]
    pub start: Instant,
    #[serde(serialize_with = "utc")]
    pub end: Instant,
    pub hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    pub person_hours: f64,
    pub labour_cost: f64,
    pub fallback_cost: f64,
    pub cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Residual {
    /// Lowest capacity-weighted residual functionality during the window.
    pub minimum: f64,
    /// Time-weighted mean over the window.
    pub mean: f64,
    pub hours_below_target: f64,
    #[serde(serialize_with = "utc_opt")]
    pub first_breach: Option<Instant>,
    /// The organisation's residual as steps: each value holds until the next.
    pub series: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    #[serde(serialize_with = "utc")]
    pub at: Instant,
    pub value: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostPoint {
    #[serde(serialize_with = "utc")]
    pub at: Instant,
    pub cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkflowResult {
    pub id: String,
    pub name: String,
    pub team: String,
    pub person_hours: f64,
    pub labour_cost: f64,
    pub fallback_cost: f64,
    pub cost: f64,
    pub minimum_residual: f64,
    pub mean_residual: f64,
    pub residual: Vec<Step>,
    pub fallbacks: Vec<FallbackResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FallbackResult {
    pub name: String,
    pub engaged: Vec<Engagement>,
    pub engaged_hours: f64,
    pub running_cost: f64,
    /// Loss without this fallback minus loss with it.
    pub avoided_person_hours: f64,
    /// Cost without it minus cost with it (its own running cost included).
    pub avoided_cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Engagement {
    #[serde(serialize_with = "utc")]
    pub from: Instant,
    #[serde(serialize_with = "utc")]
    pub to: Instant,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamResult {
    pub id: String,
    pub name: String,
    pub person_hours: f64,
    pub cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlastRadius {
    pub component: String,
    pub name: String,
    pub person_hours: f64,
    pub cost: f64,
    pub workflows_hit: usize,
}

impl Report {
    pub fn build(model: &Model) -> Report {
        let engine = Engine::new(model);
        let mut steps = ReportSteps::new(&engine, &model.outage.incidents);
        while steps.step() {}
        steps.finish()
    }
}

/// A report built a piece at a time, so that a page can let other work run
/// between pieces: first what the incidents cost (totals, each workflow,
/// the residual, cost over time), then one piece per workflow (what each of
/// its fallbacks avoided) and one per component hit (its blast radius).
/// [`Report::build`] runs every piece at once; the pieces are the same
/// computations either way, so the report is the same.
pub struct ReportSteps<'e> {
    engine: &'e Engine<'e>,
    incidents: &'e [Incident],
    eval: Evaluation,
    report: Report,
    pieces: Vec<Piece>,
    done: usize,
}

#[derive(Clone, Copy)]
enum Piece {
    /// The fallback values of the workflow at this place in the evaluation.
    FallbackValues(usize),
    /// The blast radius of this component.
    BlastRadius(usize),
}

impl<'e> ReportSteps<'e> {
    /// What the incidents cost; the attributions wait for [`step`](Self::step).
    pub fn new(engine: &'e Engine<'e>, incidents: &'e [Incident]) -> ReportSteps<'e> {
        let model = engine.model;
        let eval = engine.evaluate_in_detail(incidents);
        let window = eval.window;
        let mut workflows: Vec<WorkflowResult> =
            model.workflows.iter().map(|w| WorkflowResult::untouched(model, w, window)).collect();
        for o in &eval.workflows {
            workflows[o.workflow].fill(o, window);
        }
        let teams = team_results(model, &workflows);
        let report = Report {
            scenario: model.name.clone(),
            currency: model.currency.clone(),
            target: model.target,
            window: window.map(|(start, end)| Window { start, end, hours: hours(end - start) }),
            totals: Totals {
                person_hours: eval.person_hours(),
                labour_cost: sum(eval.workflows.iter().map(|w| w.labour_cost)),
                fallback_cost: sum(eval.workflows.iter().map(|w| w.fallback_cost)),
                cost: eval.cost(),
            },
            residual: organisation_residual(model, &eval),
            workflows,
            teams,
            blast_radius: Vec::new(),
            cost_over_time: cost_over_time(model, &eval),
        };
        let valued = (0..eval.workflows.len()).filter(|&k| !eval.workflows[k].fallbacks.is_empty());
        let pieces =
            valued.map(Piece::FallbackValues).chain(components_hit(incidents).map(Piece::BlastRadius)).collect();
        ReportSteps { engine, incidents, eval, report, pieces, done: 0 }
    }

    /// Computes the next piece; `false` once there was none left.
    pub fn step(&mut self) -> bool {
        let Some(&piece) = self.pieces.get(self.done) else { return false };
        match piece {
            Piece::FallbackValues(k) => {
                let o = &self.eval.workflows[k];
                self.report.workflows[o.workflow].value_fallbacks(self.engine, self.incidents, o);
            }
            Piece::BlastRadius(c) => self.report.blast_radius.push(blast_radius(self.engine, self.incidents, c)),
        }
        self.done += 1;
        true
    }

    /// The report; complete once [`step`](Self::step) has returned `false`.
    pub fn finish(self) -> Report {
        debug_assert_eq!(self.done, self.pieces.len(), "a report finished before its last piece");
        self.report
    }
}

impl WorkflowResult {
    /// A workflow no incident touched: nothing lost, full functionality.
    fn untouched(model: &Model, w: &Workflow, window: Option<(Instant, Instant)>) -> WorkflowResult {
        WorkflowResult {
            id: w.id.clone(),
            name: w.name.clone(),
            team: model.teams[w.team].id.clone(),
            person_hours: 0.0,
            labour_cost: 0.0,
            fallback_cost: 0.0,
            cost: 0.0,
            minimum_residual: 1.0,
            mean_residual: 1.0,
            residual: window.map(|(s, _)| vec![Step { at: s, value: 1.0 }]).unwrap_or_default(),
            fallbacks: w
                .fallbacks
                .iter()
                .map(|f| FallbackResult {
                    name: f.name.clone(),
                    engaged: Vec::new(),
                    engaged_hours: 0.0,
                    running_cost: 0.0,
                    avoided_person_hours: 0.0,
                    avoided_cost: 0.0,
                })
                .collect(),
        }
    }

    /// What the engine found for this workflow.
    fn fill(&mut self, o: &WorkflowOutcome, window: Option<(Instant, Instant)>) {
        self.person_hours = o.person_hours;
        self.labour_cost = o.labour_cost;
        self.fallback_cost = o.fallback_cost;
        self.cost = o.cost();
        self.residual = o.residual.iter().map(|&(at, value)| Step { at, value }).collect();
        if let Some(window) = window {
            let (min, mean, _, _) = summarise(&o.residual, window, f64::NEG_INFINITY);
            self.minimum_residual = min;
            self.mean_residual = mean;
        }
        for (k, f) in o.fallbacks.iter().enumerate() {
            let fr = &mut self.fallbacks[k];
            fr.engaged = f.engaged.iter().map(|&(from, to)| Engagement { from, to }).collect();
            fr.engaged_hours = hours(f.engaged.iter().map(|&(a, b)| b - a).sum());
            fr.running_cost = f.running_cost;
        }
    }

    /// What each fallback avoided: the workflow swept again without it.
    fn value_fallbacks(&mut self, engine: &Engine, incidents: &[Incident], o: &WorkflowOutcome) {
        for k in 0..o.fallbacks.len() {
            if let Some(without) = engine.workflow_without_fallback(incidents, o.workflow, k) {
                let fr = &mut self.fallbacks[k];
                fr.avoided_person_hours = without.person_hours - o.person_hours;
                fr.avoided_cost = without.cost() - o.cost();
            }
        }
    }
}

fn team_results(model: &Model, workflows: &[WorkflowResult]) -> Vec<TeamResult> {
    model
        .teams
        .iter()
        .enumerate()
        .map(|(t, team)| {
            let mine = workflows.iter().zip(&model.workflows).filter(|(_, w)| w.team == t);
            let (ph, cost) = mine.fold((0.0, 0.0), |(ph, c), (r, _)| (ph + r.person_hours, c + r.cost));
            TeamResult { id: team.id.clone(), name: team.name.clone(), person_hours: ph, cost }
        })
        .collect()
}

/// The capacity-weighted mean of every workflow's residual, over time.
fn organisation_residual(model: &Model, eval: &Evaluation) -> Residual {
    let Some(window) = eval.window else {
        return Residual { minimum: 1.0, mean: 1.0, hours_below_target: 0.0, first_breach: None, series: Vec::new() };
    };
    let total_weight: f64 = (0..model.workflows.len()).map(|w| model.weight(w)).sum();
    let mut steps = vec![(window.0, 1.0)];
    if total_weight > 0.0 {
        // Each workflow's changes as weighted deltas, merged in time order.
        let mut deltas: Vec<(Instant, f64)> = Vec::new();
        for o in &eval.workflows {
            let weight = model.weight(o.workflow) / total_weight;
            let mut previous = 1.0;
            for &(t, r) in &o.residual {
                deltas.push((t, weight * (r - previous)));
                previous = r;
            }
        }
        sort_by_time(&mut deltas);
        let mut value = 1.0;
        let mut i = 0;
        while i < deltas.len() {
            let t = deltas[i].0;
            while i < deltas.len() && deltas[i].0 == t {
                value += deltas[i].1;
                i += 1;
            }
            // Sums of deltas drift by a few ulps; 1e-12 is far below any shown digit.
            let v = if (value - 1.0).abs() < 1e-12 { 1.0 } else { value.clamp(0.0, 1.0) };
            match steps.last_mut() {
                Some(last) if last.0 == t => last.1 = v,
                Some(last) if last.1 == v => {}
                _ => steps.push((t, v)),
            }
        }
    }
    let (minimum, mean, below, first_breach) = summarise(&steps, window, model.target);
    Residual {
        minimum,
        mean,
        hours_below_target: below,
        first_breach,
        series: steps.into_iter().map(|(at, value)| Step { at, value }).collect(),
    }
}

/// How far under the target a residual must be to count as below it: far
/// above floating-point rounding, far below any difference a person reads.
pub const BELOW_TARGET_SLACK: f64 = 1e-9;

/// Minimum, time-weighted mean, hours below `target` and first breach of a
/// step series over `window`.
pub fn summarise(
    steps: &[(Instant, f64)],
    window: (Instant, Instant),
    target: f64,
) -> (f64, f64, f64, Option<Instant>) {
    let span = (window.1 - window.0) as f64;
    let mut min: f64 = 1.0;
    let mut area = 0.0;
    let mut below = 0.0;
    let mut first = None;
    for (k, &(t, v)) in steps.iter().enumerate() {
        let end = steps.get(k + 1).map(|s| s.0).unwrap_or(window.1).min(window.1);
        let len = (end - t).max(0) as f64;
        if len <= 0.0 {
            continue;
        }
        min = min.min(v);
        area += v * len;
        // Below by more than rounding: a residual that is the target, summed
        // as 0.59999999999999987, is at it, as it reads ("60%").
        if v < target - BELOW_TARGET_SLACK {
            below += len;
            first.get_or_insert(t);
        }
    }
    let mean = if span > 0.0 { area / span } else { 1.0 };
    (min, mean, below / SECONDS_PER_HOUR as f64, first)
}

/// Each component with an incident, once, in order.
fn components_hit(incidents: &[Incident]) -> impl Iterator<Item = usize> {
    crate::sort::distinct(incidents.iter().map(|i| i.component).collect()).into_iter()
}

/// The loss if component `c`'s incidents were the only ones.
fn blast_radius(engine: &Engine, incidents: &[Incident], c: usize) -> BlastRadius {
    let model = engine.model;
    let only: Vec<Incident> = incidents.iter().filter(|i| i.component == c).copied().collect();
    let eval = engine.evaluate(&only);
    BlastRadius {
        component: model.components[c].id.clone(),
        name: model.components[c].name.clone(),
        person_hours: eval.person_hours(),
        cost: eval.cost(),
        workflows_hit: eval.workflows.iter().filter(|w| w.person_hours > 0.0).count(),
    }
}

/// Cumulative cost: labour lost while at work, plus fallbacks' running cost.
/// The recovery overhead is spread over the hours it comes from.
fn cost_over_time(model: &Model, eval: &Evaluation) -> Vec<CostPoint> {
    let Some(window) = eval.window else { return Vec::new() };
    // Rate changes in currency per hour.
    let mut changes: Vec<(Instant, f64)> = Vec::new();
    for o in &eval.workflows {
        let wf = &model.workflows[o.workflow];
        let cost = model.teams[wf.team].hourly_cost;
        for &(s, e, rate) in &o.loss_rate {
            changes.push((s, rate * cost));
            changes.push((e, -rate * cost));
        }
        for (f, fo) in wf.fallbacks.iter().zip(&o.fallbacks) {
            for &(s, e) in &fo.engaged {
                changes.push((s, f.running_cost_per_hour));
                changes.push((e, -f.running_cost_per_hour));
            }
        }
    }
    sort_by_time(&mut changes);
    let mut out = vec![CostPoint { at: window.0, cost: 0.0 }];
    let (mut rate, mut total, mut last) = (0.0, 0.0, window.0);
    let mut i = 0;
    while i < changes.len() {
        let t = changes[i].0;
        total += rate * (t - last) as f64 / SECONDS_PER_HOUR as f64;
        last = t;
        while i < changes.len() && changes[i].0 == t {
            rate += changes[i].1;
            i += 1;
        }
        match out.last_mut() {
            Some(p) if p.at == t => p.cost = total,
            _ => out.push(CostPoint { at: t, cost: total }),
        }
    }
    if last < window.1 {
        total += rate * (window.1 - last) as f64 / SECONDS_PER_HOUR as f64;
        out.push(CostPoint { at: window.1, cost: total });
    }
    out
}

/// Changes in time order (one sort for both series, so the app carries one).
fn sort_by_time(changes: &mut [(Instant, f64)]) {
    crate::sort::by_key(changes, |&(t, _)| t as f64);
}

fn utc<S: Serializer>(t: &Instant, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_utc(*t))
}

fn utc_opt<S: Serializer>(t: &Option<Instant>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_utc(*t)),
        None => s.serialize_none(),
    }
}
