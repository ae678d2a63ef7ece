//! One incident at a time, through the exact engine: what a component's
//! incident costs on average over the year's start times and its lognormal
//! duration, and the course of its cost (cost against duration) at each
//! start, from which the loss distribution is built.
//!
//! One long incident per start is enough for every duration: the engine is
//! causal (nothing before an instant depends on what comes after it), so an
//! incident of `d` hours loses what the long one lost in its first `d` hours.
//! The loss accrues at piecewise-constant rates, and the expected loss of each
//! piece is its rate times the expected time the incident is still running
//! then ([`Lognormal::time_running`]): exact, with no grid of durations.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::aggregate::cost_at;
use super::lognormal::{normal_cdf, running_between, Lognormal};
use super::math::{exp, ln};
use crate::calc::engine::{Engine, WorkflowOutcome};
use crate::input::model::{Incident, IncidentRate, Model};
use crate::time::{Instant, SECONDS_PER_HOUR};

/// Start times per component, spread evenly over the year: the step (35
/// hours on a 365-day year at 250 starts) is no fraction of a day or a
/// week, so the starts meet every hour of every weekday and both sides of
/// each clock change; each component's grid is shifted by its own fraction
/// of a step, so their errors do not add up. The one approximation of the
/// one-at-a-time figures (see ARCHITECTURE.md).
pub const MOST_STARTS: usize = 250;
pub const FEWEST_STARTS: usize = 4;
/// Workflow evaluations the one-at-a-time path may take: a large
/// organisation's components reach hundreds of workflows each, and get
/// fewer starts (at least [`FEWEST_STARTS`]).
pub const EVALUATIONS: usize = 1_000_000;

/// The longest incident followed: the duration 5 standard deviations above
/// the median (one incident in 3.5 million runs longer, and counts as if it
/// ended there), at most a year.
const LONGEST_SCORE: f64 = 5.0;
const LONGEST_HOURS: f64 = 8784.0;

/// Starts per component: [`MOST_STARTS`], fewer when the incidents reach
/// many workflows (`evaluations_per_start`: the evaluations one start of
/// every component takes).
pub fn starts_per_component(evaluations_per_start: usize) -> usize {
    (EVALUATIONS / evaluations_per_start.max(1)).clamp(FEWEST_STARTS, MOST_STARTS)
}

/// Component number `k`'s `n` start times in the year from `year_start`, `length` seconds long.
pub fn starts(year_start: Instant, length: i64, n: usize, k: usize) -> Vec<Instant> {
    // The golden ratio's fraction: the shifts of successive components stay apart.
    let shift = (k as f64 * 0.618_033_988_749_894_9).fract();
    (0..n).map(|i| year_start + ((i as f64 + shift) * length as f64 / n as f64) as i64).collect()
}

/// A rate of loss over part of an incident's course, in hours from its start.
#[derive(Clone, Copy, Debug)]
struct Piece {
    from: f64,
    to: f64,
    cost_per_hour: f64,
    person_hours_per_hour: f64,
}

/// [`Lognormal::time_running`], with [`Lognormal::expected_min`] worked out
/// once per hour asked: one start's workflows share the ends of their
/// pieces (the hours their teams work), and each end costs a logarithm and
/// two erfc, most of the time the annual view took before.
struct Running<'d> {
    d: &'d Lognormal,
    at: HashMap<u64, f64, BuildHasherDefault<BitsHasher>>,
}

/// The hours asked are f64 bits: a multiply spreads them well enough, and
/// the default SipHash was 6% of the large organisation's time.
#[derive(Default)]
struct BitsHasher(u64);

impl Hasher for BitsHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

impl<'d> Running<'d> {
    fn new(d: &'d Lognormal) -> Running<'d> {
        Running { d, at: HashMap::default() }
    }

    fn time(&mut self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        let (at_a, at_b) = (self.expected_min(a), self.expected_min(b));
        running_between(at_a, at_b, a, b)
    }

    fn expected_min(&mut self, x: f64) -> f64 {
        let d = self.d;
        *self.at.entry(x.to_bits()).or_insert_with(|| d.expected_min(x))
    }
}

/// What one component's incidents cost, per incident, over the durations,
/// summed over the starts taken so far (`starts`); [`average`](Self::average) divides.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComponentLoss {
    pub cost: f64,
    pub person_hours: f64,
    /// E[cost²], for the spread of the annual loss.
    pub cost_squared: f64,
    /// The chance one incident costs anything.
    pub chance_of_loss: f64,
    /// Per start, its cost against duration: knots (hours, cost), rising.
    pub courses: Vec<Vec<(f64, f64)>>,
}

impl ComponentLoss {
    pub fn add(&mut self, more: ComponentLoss) {
        self.cost += more.cost;
        self.person_hours += more.person_hours;
        self.cost_squared += more.cost_squared;
        self.chance_of_loss += more.chance_of_loss;
        self.courses.extend(more.courses);
    }

    /// Sums over the starts become means.
    pub fn average(mut self) -> ComponentLoss {
        let n = self.courses.len().max(1) as f64;
        self.cost /= n;
        self.person_hours /= n;
        self.cost_squared /= n;
        self.chance_of_loss /= n;
        self
    }
}

/// What a fallback is worth per incident of one component, on average.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FallbackWorth {
    /// The workflow's cost without the fallback minus with it (its own running cost included).
    pub avoided_cost: f64,
    pub avoided_person_hours: f64,
    pub running_cost: f64,
}

pub fn duration(rate: &IncidentRate) -> Lognormal {
    Lognormal::from_p90(rate.duration_hours_p90.0, rate.duration_hours_p90.1)
}

/// The longest incident followed, in whole seconds.
fn longest(d: &Lognormal) -> i64 {
    (d.at_score(LONGEST_SCORE).min(LONGEST_HOURS) * SECONDS_PER_HOUR as f64).ceil().max(1.0) as i64
}

/// Component `c`'s incidents at each of `starts`: their cost summed, and
/// each fallback's worth, given to `worth` (workflow, fallback, worth) per start.
pub fn component_loss(
    engine: &Engine,
    c: usize,
    rate: &IncidentRate,
    starts: &[Instant],
    mut worth: impl FnMut(usize, usize, FallbackWorth),
) -> ComponentLoss {
    let model = engine.model;
    let d = duration(rate);
    let longest = longest(&d);
    let mut out = ComponentLoss { courses: Vec::with_capacity(starts.len()), ..ComponentLoss::default() };
    let mut pieces = Vec::new();
    let mut running = Running::new(&d);
    for &start in starts {
        let incident = [Incident { component: c, start, end: start + longest, severity: rate.severity }];
        let eval = engine.evaluate_in_detail(&incident);
        pieces.clear();
        for o in &eval.workflows {
            let before = pieces.len();
            pieces_of(model, o, start, &mut pieces);
            if !model.workflows[o.workflow].fallbacks.is_empty() {
                let with = expected(&mut running, &pieces[before..]);
                for f in 0..model.workflows[o.workflow].fallbacks.len() {
                    worth(o.workflow, f, fallback_worth(engine, &incident, o, f, &mut running, with));
                }
            }
        }
        let (cost, person_hours) = expected(&mut running, &pieces);
        let course = course(&pieces);
        out.cost += cost;
        out.person_hours += person_hours;
        out.cost_squared += second_moment(&d, &course);
        out.chance_of_loss +=
            course.iter().find(|&&(_, c)| c > 0.0).map_or(0.0, |&(h, _)| d.survival(previous_knot(&course, h)));
        out.courses.push(course);
    }
    out
}

/// Each distinct course once, with the number of starts that share it: a
/// round-the-clock team's incidents cost the same whenever they start.
pub fn distinct(courses: &[Vec<(f64, f64)>]) -> Vec<(&[(f64, f64)], usize)> {
    // Sorted by a hash of their bits, so equal courses sit together; courses
    // whose hashes collide only split a group, never merge two.
    let hash = |c: &[(f64, f64)]| {
        let mixed = c.iter().flat_map(|&(h, x)| [h.to_bits(), x.to_bits()]);
        mixed.fold(0xcbf2_9ce4_8422_2325u64, |acc, b| (acc ^ b).wrapping_mul(0x0000_0100_0000_01b3))
    };
    let mut sorted: Vec<&[(f64, f64)]> = courses.iter().map(Vec::as_slice).collect();
    crate::sort::by_key(&mut sorted, |c| (hash(c) >> 11) as f64);
    let mut out: Vec<(&[(f64, f64)], usize)> = Vec::new();
    for course in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == course => *n += 1,
            _ => out.push((course, 1)),
        }
    }
    out
}

/// The knot before the first one with a cost: where the loss begins.
fn previous_knot(course: &[(f64, f64)], at: f64) -> f64 {
    course.iter().rev().map(|&(h, _)| h).find(|&h| h < at).unwrap_or(0.0)
}

fn fallback_worth(
    engine: &Engine,
    incident: &[Incident],
    with: &WorkflowOutcome,
    f: usize,
    running: &mut Running,
    (cost_with, hours_with): (f64, f64),
) -> FallbackWorth {
    let model = engine.model;
    let start = incident[0].start;
    let mut without = Vec::new();
    if let Some(o) = engine.workflow_without_fallback_in_detail(incident, with.workflow, f) {
        pieces_of(model, &o, start, &mut without);
    }
    let (cost_without, hours_without) = expected(running, &without);
    let running_per_hour = model.workflows[with.workflow].fallbacks[f].running_cost_per_hour;
    let running = with.fallbacks[f]
        .engaged
        .iter()
        .map(|&(s, e)| running_per_hour * running.time(hours_from(start, s), hours_from(start, e)));
    FallbackWorth {
        avoided_cost: cost_without - cost_with,
        avoided_person_hours: hours_without - hours_with,
        running_cost: crate::calc::engine::sum(running),
    }
}

fn hours_from(start: Instant, t: Instant) -> f64 {
    (t - start) as f64 / SECONDS_PER_HOUR as f64
}

/// The rates at which workflow outcome `o` lost money and person-hours.
fn pieces_of(model: &Model, o: &WorkflowOutcome, start: Instant, out: &mut Vec<Piece>) {
    let wf = &model.workflows[o.workflow];
    let hourly = model.teams[wf.team].hourly_cost;
    for &(s, e, rate) in &o.loss_rate {
        let (from, to) = (hours_from(start, s), hours_from(start, e));
        out.push(Piece { from, to, cost_per_hour: rate * hourly, person_hours_per_hour: rate });
    }
    for (fallback, engaged) in wf.fallbacks.iter().zip(&o.fallbacks) {
        for &(s, e) in &engaged.engaged {
            let (from, to) = (hours_from(start, s), hours_from(start, e));
            out.push(Piece { from, to, cost_per_hour: fallback.running_cost_per_hour, person_hours_per_hour: 0.0 });
        }
    }
}

/// Expected (cost, person-hours) of the pieces over the duration's distribution.
fn expected(running: &mut Running, pieces: &[Piece]) -> (f64, f64) {
    pieces.iter().fold((0.0, 0.0), |(cost, hours), p| {
        let running = running.time(p.from, p.to);
        (cost + p.cost_per_hour * running, hours + p.person_hours_per_hour * running)
    })
}

/// Cost against duration: knots (hours, cost so far), from (0, 0).
fn course(pieces: &[Piece]) -> Vec<(f64, f64)> {
    let mut changes: Vec<(f64, f64)> = pieces
        .iter()
        .filter(|p| p.cost_per_hour != 0.0 && p.to > p.from)
        .flat_map(|p| [(p.from, p.cost_per_hour), (p.to, -p.cost_per_hour)])
        .collect();
    crate::sort::by_key(&mut changes, |c| c.0);
    let mut knots = vec![(0.0, 0.0)];
    let (mut rate, mut cost, mut last) = (0.0f64, 0.0, 0.0);
    for (at, change) in changes {
        if at > last {
            cost += rate.max(0.0) * (at - last);
            last = at;
            knots.push((at, cost));
        }
        rate += change;
    }
    knots
}

/// E[cost²] over the duration, the cost linear between knots and flat after the last.
fn second_moment(d: &Lognormal, course: &[(f64, f64)]) -> f64 {
    if d.sigma == 0.0 {
        let cost = cost_at(course, exp(d.mu));
        return cost * cost;
    }
    // P(D > x) under D and under its first and second size-biased measures
    // (lognormal with mu + sigma², mu + 2 sigma²), worked out once a knot.
    let tails = |x: f64| -> [f64; 3] {
        if x <= 0.0 {
            return [1.0; 3];
        }
        let z = (ln(x) - d.mu) / d.sigma;
        [normal_cdf(-z), normal_cdf(d.sigma - z), normal_cdf(2.0 * d.sigma - z)]
    };
    let (first, second) = (d.mean(), exp(2.0 * d.mu + 2.0 * d.sigma * d.sigma));
    let (mut total, mut at_a) = (0.0, tails(0.0));
    for w in course.windows(2) {
        let ((a, ca), (b, cb)) = (w[0], w[1]);
        let at_b = tails(b);
        let slope = (cb - ca) / (b - a);
        let intercept = ca - slope * a;
        total += intercept * intercept * (at_a[0] - at_b[0])
            + 2.0 * intercept * slope * first * (at_a[1] - at_b[1])
            + slope * slope * second * (at_a[2] - at_b[2]);
        at_a = at_b;
    }
    let &(_, c) = course.last().expect("a course starts at (0, 0)");
    total + c * c * at_a[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::annual::lognormal::normal_cdf;

    /// E[cost(D)²] by the midpoint rule over the normal score, 200,000 steps.
    fn by_quadrature(d: &Lognormal, course: &[(f64, f64)]) -> f64 {
        let (steps, low, high) = (200_000, -9.0, 9.0);
        let width = (high - low) / steps as f64;
        (0..steps)
            .map(|k| {
                let z = low + (k as f64 + 0.5) * width;
                let chance = normal_cdf(z + width / 2.0) - normal_cdf(z - width / 2.0);
                cost_at(course, d.at_score(z)).powi(2) * chance
            })
            .sum()
    }

    #[test]
    fn the_second_moment_of_a_course_is_its_integral_over_the_duration() {
        let check = |d: Lognormal, course: &[(f64, f64)]| {
            let (exact, numeric) = (second_moment(&d, course), by_quadrature(&d, course));
            assert!((exact - numeric).abs() <= 1e-6 * numeric.max(1.0), "{exact} against {numeric} for {course:?}");
        };
        let d = Lognormal::from_p90(0.5, 8.0);
        check(d, &[(0.0, 0.0), (100.0, 500.0)]);
        check(d, &[(0.0, 0.0), (1.0, 2.0), (3.0, 2.0), (5.0, 6.0)]);
        check(d, &[(0.0, 0.0), (0.25, 0.0), (2.0, 7.0)]);
        check(Lognormal { mu: 1.0, sigma: 0.0 }, &[(0.0, 0.0), (1.0, 2.0), (4.0, 5.0)]);
    }
}
