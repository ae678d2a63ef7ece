//! The annual view (model.md, "The annual view"): a year of incidents, each
//! component failing as a Poisson process with lognormal durations, costed by
//! the exact engine.
//!
//! Two paths, which check each other:
//! - **One incident at a time** (`incidents`, `aggregate`): each component's
//!   incident through the engine at start times spread over the year, every
//!   duration at once; the expected loss, the chance of a year without loss,
//!   each component's share and each fallback's worth in closed form over the
//!   lognormal, and the year's distribution (percentiles, exceedance curve,
//!   worst incident) as a compound Poisson by FFT. Exact but for the grid of
//!   start times, and for overlaps, which it leaves out.
//! - **The simulation** (`simulate`): seeded years, each year's overlapping
//!   incidents through the engine together. Every figure it gives carries
//!   its standard error or interval, and its overlap effect says what the
//!   first path leaves out.

pub mod aggregate;
pub mod availability;
pub mod incidents;
pub mod lognormal;
mod math;
pub mod simulate;

use serde::Serialize;

use crate::calc::engine::Engine;
use crate::input::model::Model;
use crate::time::{format_utc, parse_utc, Instant};
use aggregate::{Deposits, Lattice, CELLS};
use availability::Availability;
use incidents::{ComponentLoss, FallbackWorth};
use math::{exp, ln, pow};
use simulate::{Draws, Simulation, Year, YearSoFar};

/// The year's figures on one side (with the fallbacks, or without any).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outlook {
    pub expected_cost: f64,
    pub expected_person_hours: f64,
    pub median: f64,
    pub p90: f64,
    pub p95: f64,
    pub p99: f64,
    pub no_loss_chance: f64,
    /// The year's costliest incident: its mean, and its 95th percentile.
    pub worst_incident_expected: f64,
    pub worst_incident_p95: f64,
    /// (annual loss, chance of losing more), losses rising.
    pub exceedance: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentShare {
    pub component: usize,
    pub incidents_per_year: f64,
    /// An incident's expected cost, and the year's.
    pub cost_per_incident: f64,
    pub expected_cost: f64,
    pub expected_person_hours: f64,
    /// Its part of the expected annual loss, 0–1.
    pub share: f64,
    /// Its incidents' expected hours a year.
    pub incident_hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FallbackValue {
    pub workflow: usize,
    pub fallback: usize,
    /// The loss it avoids a year, net of its own running cost.
    pub avoided_cost: f64,
    pub avoided_person_hours: f64,
    pub running_cost: f64,
    pub fixed_cost: f64,
    /// Fixed plus expected running cost.
    pub yearly_cost: f64,
    /// Avoided loss before its running cost, minus its yearly cost.
    pub net_benefit: f64,
    /// Net benefit per unit of yearly cost; none when it costs nothing.
    pub return_on_cost: Option<f64>,
    /// Hours a year of incidents that reach its workflow.
    pub outage_hours: f64,
    /// The outage hours a year at which its avoided loss pays its fixed
    /// cost; none when it avoids nothing.
    pub break_even_hours: Option<f64>,
}

/// A point of the user's risk tolerance, and the curve's chance there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ToleranceCheck {
    pub loss: f64,
    pub allowed: f64,
    pub chance: f64,
    pub breached: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annual {
    /// The calendar year incidents start in (the outage's year).
    pub year: String,
    pub incidents_per_year: f64,
    pub with_fallbacks: Outlook,
    pub without_fallbacks: Outlook,
    pub components: Vec<ComponentShare>,
    pub fallbacks: Vec<FallbackValue>,
    pub availability: Availability,
    pub tolerance: Vec<ToleranceCheck>,
    /// Losses where the exceedance curve crosses the tolerance curve.
    pub tolerance_crossings: Vec<f64>,
    pub simulation: Simulation,
    /// Start times each component's incident was costed at.
    pub starts_per_component: u32,
}

/// The model with every fallback taken away: the "without" side.
pub fn without_fallbacks(model: &Model) -> Model {
    let mut bare = model.clone();
    for w in &mut bare.workflows {
        w.fallbacks.clear();
    }
    bare
}

/// The calendar year (UTC) the outage starts in, and its length in seconds.
pub fn year_of(model: &Model) -> (String, Instant, i64) {
    let year: String = format_utc(model.outage.start).chars().take(4).collect();
    let next: i32 = year.parse::<i32>().unwrap_or(2026) + 1;
    let start = parse_utc(&format!("{year}-01-01T00:00:00Z")).unwrap_or(model.outage.start);
    let end = parse_utc(&format!("{next}-01-01T00:00:00Z")).unwrap_or(start + 365 * 86_400);
    (year, start, end - start)
}

/// The span every annual incident lies in: the year, and a year after it
/// for the longest incident. Engines for the annual view work out their
/// working hours over it once ([`Engine::with_working_hours`]).
pub fn span(model: &Model) -> (Instant, Instant) {
    let (_, start, length) = year_of(model);
    (start, start + length + 367 * 86_400)
}

/// Whether the scenario has an annual view: some component fails.
pub fn has_incidents(model: &Model) -> bool {
    model.components.iter().any(|c| c.incidents.is_some())
}

/// The annual view built a piece at a time (a component, the distribution,
/// a batch of simulated years), so the page can yield between pieces;
/// [`Annual::build`] runs them all.
pub struct AnnualSteps<'e> {
    engine: &'e Engine<'e>,
    bare: &'e Engine<'e>,
    year: (String, Instant, i64),
    /// Components with incidents, in order, and each one's starts.
    failing: Vec<usize>,
    starts: usize,
    /// The component being costed (an index into `failing`), its next start,
    /// and its sums so far with and without fallbacks.
    next: usize,
    next_start: usize,
    partial: (ComponentLoss, ComponentLoss),
    with: Vec<ComponentLoss>,
    without: Vec<ComponentLoss>,
    worth: Vec<Vec<FallbackWorth>>,
    /// With the fallbacks, then without: a step each.
    with_outlook: Option<Outlook>,
    without_outlook: Option<Outlook>,
    draws: Draws,
    /// Years to simulate: those asked for, at most [`SIMULATED_EVALUATIONS`]' worth.
    years_to_simulate: u32,
    years: Vec<Year>,
    /// The year being simulated, when a step ended inside it.
    year_so_far: Option<YearSoFar>,
}

/// Workflow evaluations a step may take (about 10 ms natively).
const EVALUATIONS_PER_STEP: usize = 3_000;
/// Workflow evaluations the simulation may take, in all: the years it
/// draws stop there, and the page and files say so.
pub const SIMULATED_EVALUATIONS: f64 = 2_000_000.0;

impl<'e> AnnualSteps<'e> {
    /// `bare` is an engine over [`without_fallbacks`] of `engine`'s model.
    pub fn new(engine: &'e Engine<'e>, bare: &'e Engine<'e>) -> AnnualSteps<'e> {
        let model = engine.model;
        let year = year_of(model);
        let failing: Vec<usize> =
            (0..model.components.len()).filter(|&c| model.components[c].incidents.is_some()).collect();
        let per_start: usize = failing.iter().map(|&c| evaluations(engine, c)).sum();
        let worth = model.workflows.iter().map(|w| vec![FallbackWorth::default(); w.fallbacks.len()]).collect();
        let draws = Draws::new(engine, model.annual.seed, year.1, year.2);
        // A year's incidents reach this many workflows on average.
        let per_year: f64 = failing
            .iter()
            .map(|&c| model.components[c].incidents.map_or(0.0, |r| r.per_year) * engine.reach_of(c).0 as f64)
            .sum();
        let affordable = (SIMULATED_EVALUATIONS / per_year.max(1.0)).floor().max(1.0);
        let years_to_simulate = model.annual.years.min(affordable as u32);
        AnnualSteps {
            engine,
            bare,
            starts: incidents::starts_per_component(per_start),
            year,
            failing,
            next: 0,
            next_start: 0,
            partial: Default::default(),
            with: Vec::new(),
            without: Vec::new(),
            worth,
            with_outlook: None,
            without_outlook: None,
            draws,
            years_to_simulate,
            years: Vec::with_capacity(years_to_simulate as usize),
            year_so_far: None,
        }
    }

    /// Does the next piece; false when every piece is done.
    pub fn step(&mut self) -> bool {
        if let Some(&c) = self.failing.get(self.next) {
            self.cost_component(c);
        } else if self.with_outlook.is_none() {
            self.with_outlook = Some(self.outlook(&self.with, self.engine));
        } else if self.without_outlook.is_none() {
            self.without_outlook = Some(self.outlook_without());
        } else {
            self.simulate_some();
        }
        !self.done()
    }

    /// Simulated years (or part of one) worth a step's evaluations.
    fn simulate_some(&mut self) {
        let mut budget = EVALUATIONS_PER_STEP;
        while budget > 0 && self.years.len() < self.years_to_simulate as usize {
            let y = self.years.len() as u64;
            let year = self.year_so_far.get_or_insert_with(|| YearSoFar::new(&self.draws, y));
            let (done, used) = year.advance(self.engine, budget);
            budget = budget.saturating_sub(used);
            if done {
                self.years.push(year.so_far);
                self.year_so_far = None;
            }
        }
    }

    /// Years simulated so far, and to simulate in all.
    pub fn simulated(&self) -> (usize, usize) {
        (self.years.len(), self.years_to_simulate as usize)
    }

    /// The next step builds a year's distribution: several times a
    /// component's step, so the page gives it a slice of its own.
    pub fn next_is_an_outlook(&self) -> bool {
        self.next >= self.failing.len() && self.without_outlook.is_none()
    }

    /// The one-at-a-time figures are in; only simulated years remain.
    pub fn exact_done(&self) -> bool {
        self.without_outlook.is_some()
    }

    pub fn done(&self) -> bool {
        self.exact_done() && self.years.len() >= self.years_to_simulate as usize
    }

    /// Some starts of the next component, as many as a step affords.
    fn cost_component(&mut self, c: usize) {
        let starts = self.next_starts(c);
        let chunk = cost_chunk(self.engine, self.bare, c, &starts);
        self.take(chunk);
    }

    /// The next component's next starts: as many as a step affords.
    fn next_starts(&self, c: usize) -> Vec<Instant> {
        let all = incidents::starts(self.year.1, self.year.2, self.starts, self.next);
        let chunk = (EVALUATIONS_PER_STEP / evaluations(self.engine, c).max(1)).max(1);
        all[self.next_start..(self.next_start + chunk).min(all.len())].to_vec()
    }

    /// Adds the next component's chunk of starts to its sums, and each
    /// fallback's worth in the order found; the component is done at its last start.
    fn take(&mut self, chunk: Chunk) {
        let c = self.failing[self.next];
        let rate = self.engine.model.components[c].incidents.expect("failing components have incidents");
        let n = self.starts as f64;
        for (w, f, x) in chunk.worth {
            let sum = &mut self.worth[w][f];
            sum.avoided_cost += rate.per_year * x.avoided_cost / n;
            sum.avoided_person_hours += rate.per_year * x.avoided_person_hours / n;
            sum.running_cost += rate.per_year * x.running_cost / n;
        }
        self.next_start += chunk.starts;
        self.partial.0.add(chunk.with);
        self.partial.1.add(chunk.without);
        if self.next_start == self.starts {
            let (with, without) = std::mem::take(&mut self.partial);
            self.with.push(with.average());
            self.without.push(without.average());
            self.next += 1;
            self.next_start = 0;
        }
    }

    /// Every step, the work shared out to `threads` threads (natively; the
    /// page takes a step at a time): the same figures, each sum added in the same order.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn run_on_threads(mut self, threads: usize) -> Annual {
        self.cost_on_threads(threads);
        self.simulate_on_threads(threads);
        self.finish()
    }

    /// The one-at-a-time figures: the components' starts shared out, then
    /// the two outlooks side by side.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn cost_on_threads(&mut self, threads: usize) {
        let mut chunks = Vec::new();
        while let Some(&c) = self.failing.get(self.next) {
            let starts = self.next_starts(c);
            self.next_start += starts.len();
            chunks.push((c, starts));
            if self.next_start == self.starts {
                (self.next, self.next_start) = (self.next + 1, 0);
            }
        }
        (self.next, self.next_start) = (0, 0);
        let (engine, bare) = (self.engine, self.bare);
        for chunk in in_parallel(&chunks, threads, |(c, starts)| cost_chunk(engine, bare, *c, starts)) {
            self.take(chunk);
        }
        if threads > 1 && self.without != self.with {
            let (with, without) = std::thread::scope(|scope| {
                let with = scope.spawn(|| self.outlook(&self.with, engine));
                let without = self.outlook(&self.without, bare);
                (with.join().expect("the outlook's thread panicked"), without)
            });
            (self.with_outlook, self.without_outlook) = (Some(with), Some(without));
        }
        while !self.exact_done() {
            self.step();
        }
    }

    /// The simulated years, shared out.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn simulate_on_threads(&mut self, threads: usize) {
        let years: Vec<u64> = (0..self.years_to_simulate as u64).collect();
        let (engine, draws) = (self.engine, &self.draws);
        self.years = in_parallel(&years, threads, |&y| simulate::year(engine, draws, y));
    }

    /// Without fallbacks: the same as with them when no fallback was reached.
    fn outlook_without(&self) -> Outlook {
        match &self.with_outlook {
            Some(same) if self.without == self.with => same.clone(),
            _ => self.outlook(&self.without, self.bare),
        }
    }

    /// Expected figures, then the year's distribution from the lattice.
    fn outlook(&self, losses: &[ComponentLoss], engine: &Engine) -> Outlook {
        let model = engine.model;
        let rates: Vec<f64> =
            self.failing.iter().map(|&c| model.components[c].incidents.map_or(0.0, |r| r.per_year)).collect();
        let total_rate: f64 = rates.iter().sum();
        let expected_cost: f64 = losses.iter().zip(&rates).map(|(l, r)| r * l.cost).sum();
        let expected_person_hours = losses.iter().zip(&rates).map(|(l, r)| r * l.person_hours).sum();
        let variance: f64 = losses.iter().zip(&rates).map(|(l, r)| r * l.cost_squared).sum();
        let no_loss_chance = exp(-losses.iter().zip(&rates).map(|(l, r)| r * l.chance_of_loss).sum::<f64>());
        let upper = (expected_cost + 12.0 * variance.sqrt()).max(1e-9);
        let per_incident = self.per_incident(losses, &rates, total_rate, upper / CELLS as f64);
        let year = per_incident.compound(total_rate);
        let (worst_expected, worst_p95) = worst_incident(&per_incident, total_rate);
        Outlook {
            expected_cost,
            expected_person_hours,
            median: year.quantile(0.5),
            p90: year.quantile(0.9),
            p95: year.quantile(0.95),
            p99: year.quantile(0.99),
            no_loss_chance,
            worst_incident_expected: worst_expected,
            worst_incident_p95: worst_p95,
            exceedance: exceedance_curve(&year, expected_cost),
        }
    }

    /// One incident's cost distribution, the components mixed by their rates.
    fn per_incident(&self, losses: &[ComponentLoss], rates: &[f64], total: f64, step: f64) -> Lattice {
        let mut deposits = Deposits::new(step);
        for ((l, &c), rate) in losses.iter().zip(&self.failing).zip(rates) {
            let d = incidents::duration(&self.engine.model.components[c].incidents.expect("failing"));
            let weight = rate / total / l.courses.len() as f64;
            let cuts = deposits.cuts_of(&d);
            for (course, starts) in incidents::distinct(&l.courses) {
                deposits.add_course(&d, &cuts, course, weight * starts as f64);
            }
        }
        deposits.lattice()
    }

    /// The annual view so far: once [`exact_done`](Self::exact_done), its
    /// figures, with the simulated years so far (all of them when [`done`](Self::done)).
    pub fn finish(&self) -> Annual {
        let model = self.engine.model;
        let with = self.with_outlook.clone().expect("finish after the steps");
        let without = self.without_outlook.clone().expect("finish after the steps");
        let components = self.shares(&with);
        let fallbacks = self.fallback_values(&components);
        let (tolerance, tolerance_crossings) = check_tolerance(&model.annual.tolerance, &with.exceedance);
        Annual {
            year: self.year.0.clone(),
            incidents_per_year: self.draws.rate,
            with_fallbacks: with,
            without_fallbacks: without,
            components,
            fallbacks,
            availability: availability::availability(model),
            tolerance,
            tolerance_crossings,
            simulation: Simulation::summarise(&self.years, model.annual.seed, model.annual.years),
            starts_per_component: self.starts as u32,
        }
    }

    fn shares(&self, with: &Outlook) -> Vec<ComponentShare> {
        let model = self.engine.model;
        self.failing
            .iter()
            .zip(&self.with)
            .map(|(&c, l)| {
                let rate = model.components[c].incidents.expect("failing");
                let expected_cost = rate.per_year * l.cost;
                ComponentShare {
                    component: c,
                    incidents_per_year: rate.per_year,
                    cost_per_incident: l.cost,
                    expected_cost,
                    expected_person_hours: rate.per_year * l.person_hours,
                    share: if with.expected_cost > 0.0 { expected_cost / with.expected_cost } else { 0.0 },
                    incident_hours: rate.per_year * incidents::duration(&rate).mean(),
                }
            })
            .collect()
    }

    fn fallback_values(&self, components: &[ComponentShare]) -> Vec<FallbackValue> {
        let model = self.engine.model;
        let mut out = Vec::new();
        for (w, wf) in model.workflows.iter().enumerate() {
            let hits = self.engine.components_reaching(w);
            let outage_hours: f64 =
                components.iter().filter(|s| hits.contains(&s.component)).map(|s| s.incident_hours).sum();
            for (f, fallback) in wf.fallbacks.iter().enumerate() {
                out.push(value_of(w, f, self.worth[w][f], fallback.yearly_cost, outage_hours));
            }
        }
        out
    }
}

/// Workflow evaluations one start of component `c` takes: with fallbacks,
/// without each, and without any.
/// Some starts of one component: its sums with and without fallbacks, and
/// each fallback's worth at each start, as (workflow, fallback, worth).
struct Chunk {
    starts: usize,
    with: ComponentLoss,
    without: ComponentLoss,
    worth: Vec<(usize, usize, FallbackWorth)>,
}

fn cost_chunk(engine: &Engine, bare: &Engine, c: usize, starts: &[Instant]) -> Chunk {
    let rate = engine.model.components[c].incidents.expect("failing components have incidents");
    let mut worth = Vec::new();
    let with = incidents::component_loss(engine, c, &rate, starts, |w, f, x| worth.push((w, f, x)));
    // Without fallbacks to take away, the bare engine would say the same again.
    let without = if engine.reach_of(c).1 == 0 {
        with.clone()
    } else {
        incidents::component_loss(bare, c, &rate, starts, |_, _, _| {})
    };
    Chunk { starts: starts.len(), with, without, worth }
}

/// `f` of each item, in order, worked out on `threads` threads.
#[cfg(not(target_arch = "wasm32"))]
fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let f = &f;
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || (t..items.len()).step_by(threads).map(|i| (i, f(&items[i]))).collect::<Vec<_>>())
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a worker thread panicked")).collect()
    });
    done.sort_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn evaluations(engine: &Engine, c: usize) -> usize {
    let (workflows, fallbacks) = engine.reach_of(c);
    2 * workflows + fallbacks
}

fn value_of(
    workflow: usize,
    fallback: usize,
    worth: FallbackWorth,
    fixed_cost: f64,
    outage_hours: f64,
) -> FallbackValue {
    let yearly_cost = fixed_cost + worth.running_cost;
    let net_benefit = worth.avoided_cost - fixed_cost;
    let per_hour = if outage_hours > 0.0 { worth.avoided_cost / outage_hours } else { 0.0 };
    FallbackValue {
        workflow,
        fallback,
        avoided_cost: worth.avoided_cost,
        avoided_person_hours: worth.avoided_person_hours,
        running_cost: worth.running_cost,
        fixed_cost,
        yearly_cost,
        net_benefit,
        return_on_cost: (yearly_cost > 0.0).then(|| net_benefit / yearly_cost),
        outage_hours,
        break_even_hours: (per_hour > 0.0).then(|| fixed_cost / per_hour),
    }
}

/// The year's costliest incident: P(max <= x) = exp(−rate × P(one incident > x)).
fn worst_incident(per_incident: &Lattice, rate: f64) -> (f64, f64) {
    let (mut above, mut expected, mut p95) = (1.0f64, 0.0, None);
    for (j, &m) in per_incident.mass.iter().enumerate() {
        above = (above - m).max(0.0);
        let max_below = exp(-rate * above);
        expected += (1.0 - max_below) * per_incident.step;
        if p95.is_none() && max_below >= 0.95 {
            p95 = Some((j as f64 + 0.5) * per_incident.step);
        }
    }
    (expected, p95.unwrap_or(0.0))
}

/// The exceedance curve at 60 losses spaced evenly on a log axis, from
/// the 0.5th percentile (at least a hundredth of the mean) to the 99.95th.
fn exceedance_curve(year: &Lattice, mean: f64) -> Vec<(f64, f64)> {
    let top = year.quantile(0.9995);
    let bottom = year.quantile(0.005).max(mean / 100.0).max(year.step).min(top / 2.0);
    if top <= 0.0 || bottom <= 0.0 {
        return Vec::new();
    }
    let n = 60;
    let xs: Vec<f64> = (0..=n).map(|k| bottom * pow(top / bottom, k as f64 / n as f64)).collect();
    let chances = year.exceedance(&xs);
    xs.into_iter().zip(chances).collect()
}

/// Each tolerance point against the curve, and where the two cross (the
/// tolerance drawn straight between its points on the log axes).
fn check_tolerance(tolerance: &[(f64, f64)], curve: &[(f64, f64)]) -> (Vec<ToleranceCheck>, Vec<f64>) {
    let chance_at = |x: f64| interpolate_log(curve, x);
    let checks = tolerance
        .iter()
        .map(|&(loss, allowed)| {
            let chance = chance_at(loss);
            ToleranceCheck { loss, allowed, chance, breached: chance > allowed }
        })
        .collect();
    let mut crossings = Vec::new();
    if tolerance.len() >= 2 {
        let gap = |x: f64| chance_at(x) - interpolate_log(tolerance, x);
        let inside: Vec<f64> = curve
            .iter()
            .map(|p| p.0)
            .filter(|&x| x >= tolerance[0].0 && x <= tolerance[tolerance.len() - 1].0)
            .collect();
        for w in inside.windows(2) {
            if (gap(w[0]) > 0.0) != (gap(w[1]) > 0.0) {
                crossings.push(w[0] + (w[1] - w[0]) * gap(w[0]) / (gap(w[0]) - gap(w[1])));
            }
        }
    } else if let Some(&(_, allowed)) = tolerance.first() {
        // One point: the loss at which the curve's chance falls to the allowed one.
        if let Some(w) = curve.windows(2).find(|w| w[0].1 > allowed && w[1].1 <= allowed) {
            crossings.push(w[0].0 + (w[1].0 - w[0].0) * (w[0].1 - allowed) / (w[0].1 - w[1].1));
        }
    }
    (checks, crossings)
}

/// y at x on a curve of (x, y) points rising in x, straight between points
/// on a log x axis; flat past its ends.
fn interpolate_log(points: &[(f64, f64)], x: f64) -> f64 {
    match points.iter().position(|p| p.0 >= x) {
        None => points.last().map_or(0.0, |p| p.1),
        Some(0) => points[0].1,
        Some(k) => {
            let ((x0, y0), (x1, y1)) = (points[k - 1], points[k]);
            let t = if x0 > 0.0 && x1 > x0 { ln(x / x0) / ln(x1 / x0) } else { 0.0 };
            y0 + (y1 - y0) * t
        }
    }
}

impl Annual {
    /// Every piece at once: the same computations as [`AnnualSteps`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn build(model: &Model) -> Annual {
        let engine = Engine::with_working_hours(model, span(model));
        let bare_model = without_fallbacks(model);
        let bare = Engine::with_working_hours(&bare_model, span(model));
        let steps = AnnualSteps::new(&engine, &bare);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        steps.run_on_threads(threads)
    }

    /// As [`build`](Self::build), a step at a time on this thread, as the page does.
    pub fn build_in_steps(model: &Model) -> Annual {
        let engine = Engine::with_working_hours(model, span(model));
        let bare_model = without_fallbacks(model);
        let bare = Engine::with_working_hours(&bare_model, span(model));
        let mut steps = AnnualSteps::new(&engine, &bare);
        while steps.step() {}
        steps.finish()
    }
}
