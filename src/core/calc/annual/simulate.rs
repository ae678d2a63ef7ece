//! The seeded simulation: whole years of incidents through the engine, all
//! of a year's incidents together where they overlap in time, so it covers
//! what the one-at-a-time figures leave out, and checks them. Each year
//! draws from its own generator, seeded by (seed, year), so the figures are
//! the same however the years are shared out among threads or slices.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::incidents::duration;
use super::lognormal::{normal_quantile, Lognormal};
use super::math::ln;
use crate::calc::engine::Engine;
use crate::input::model::Incident;
use crate::time::{Instant, SECONDS_PER_HOUR};

/// What one simulated year lost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Year {
    /// All its incidents together (overlaps interact).
    pub cost: f64,
    pub person_hours: f64,
    /// Its incidents one at a time, added up.
    pub one_at_a_time: f64,
    pub incidents: u32,
    /// Incidents that overlapped another.
    pub overlapping: u32,
}

/// The components that fail, with their rates, for drawing incidents.
pub struct Draws {
    /// (component, its duration, severity), and the running total of rates.
    components: Vec<(usize, Lognormal, f64)>,
    cumulative: Vec<f64>,
    pub rate: f64,
    seed: u64,
    year_start: Instant,
    year_length: i64,
}

impl Draws {
    pub fn new(engine: &Engine, seed: u64, year_start: Instant, year_length: i64) -> Draws {
        let mut components = Vec::new();
        let mut cumulative = Vec::new();
        let mut rate = 0.0;
        for (c, comp) in engine.model.components.iter().enumerate() {
            if let Some(r) = &comp.incidents {
                components.push((c, duration(r), r.severity));
                rate += r.per_year;
                cumulative.push(rate);
            }
        }
        Draws { components, cumulative, rate, seed, year_start, year_length }
    }

    /// Year `y`'s incidents, in start order: a Poisson process over the
    /// year at the total rate, each arrival a component in proportion to
    /// its rate (the same as a Poisson count per component).
    pub fn incidents(&self, y: u64) -> Vec<Incident> {
        let mut rng = Pcg64Mcg::seed_from_u64(mix(self.seed, y));
        let mut out = Vec::new();
        if self.rate <= 0.0 {
            return out;
        }
        let mut at = 0.0;
        loop {
            at += -ln(1.0 - rng.random::<f64>()) / self.rate;
            if at >= 1.0 {
                return out;
            }
            let pick = rng.random::<f64>() * self.rate;
            let k = self.cumulative.partition_point(|&c| c <= pick).min(self.components.len() - 1);
            let (component, d, severity) = self.components[k];
            let hours = d.at_score(normal_quantile(rng.random::<f64>().max(f64::MIN_POSITIVE)));
            let seconds = (hours.min(8784.0) * SECONDS_PER_HOUR as f64).round().max(1.0) as i64;
            let start = self.year_start + (at * self.year_length as f64) as i64;
            out.push(Incident { component, start, end: start + seconds, severity });
        }
    }
}

/// SplitMix64's finaliser over (seed, year): independent streams per year.
fn mix(seed: u64, year: u64) -> u64 {
    let mut z = seed.wrapping_add(year.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Year `y`, through the engine: incidents that overlap in time (a run of
/// them, each starting before the run so far has ended) are evaluated
/// together; the others alone.
pub fn year(engine: &Engine, draws: &Draws, y: u64) -> Year {
    let mut year = YearSoFar::new(draws, y);
    while !year.advance(engine, usize::MAX).0 {}
    year.so_far
}

/// A year part simulated: a large organisation's year is more work than a
/// page's task may take, so the page takes it a few runs at a time.
pub struct YearSoFar {
    incidents: Vec<Incident>,
    next: usize,
    pub so_far: Year,
}

impl YearSoFar {
    pub fn new(draws: &Draws, y: u64) -> YearSoFar {
        let incidents = draws.incidents(y);
        let so_far = Year { incidents: incidents.len() as u32, ..Year::default() };
        YearSoFar { incidents, next: 0, so_far }
    }

    /// The next runs of incidents, at least one, until about `evaluations`
    /// workflow evaluations: whether the year is done, and the evaluations taken.
    pub fn advance(&mut self, engine: &Engine, evaluations: usize) -> (bool, usize) {
        let mut used = 0;
        while self.next < self.incidents.len() && (used == 0 || used < evaluations) {
            used += self.run(engine);
        }
        (self.next >= self.incidents.len(), used)
    }

    /// The run starting at the next incident; its evaluations.
    fn run(&mut self, engine: &Engine) -> usize {
        let (i, incidents) = (self.next, &self.incidents);
        let mut end = incidents[i].end;
        let mut j = i + 1;
        while j < incidents.len() && incidents[j].start <= end {
            end = end.max(incidents[j].end);
            j += 1;
        }
        let out = &mut self.so_far;
        let together = engine.evaluate(&incidents[i..j]);
        out.cost += together.cost();
        out.person_hours += together.person_hours();
        let reach: usize = incidents[i..j].iter().map(|x| engine.reach_of(x.component).0.max(1)).sum();
        self.next = j;
        if j - i == 1 {
            out.one_at_a_time += together.cost();
            return reach;
        }
        out.overlapping += (j - i) as u32;
        out.one_at_a_time +=
            incidents[i..j].iter().map(|x| engine.evaluate(std::slice::from_ref(x)).cost()).sum::<f64>();
        2 * reach
    }
}

/// An estimate and its standard error.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Estimate {
    pub value: f64,
    pub standard_error: f64,
}

/// A percentile of the simulated years, with a 95% interval from the order
/// statistics (the years ranked around it).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Percentile {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// What the simulated years say.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Simulation {
    pub years: u32,
    /// The years the scenario asks for; more than `years` when the
    /// simulation reached its limit of work first.
    pub years_asked: u32,
    pub seed: u64,
    pub incidents: u64,
    pub overlapping_incidents: u64,
    pub expected_cost: Estimate,
    pub expected_person_hours: Estimate,
    /// The mean of the years' incidents taken one at a time.
    pub one_at_a_time_cost: Estimate,
    /// Together minus one at a time: what overlaps change.
    pub overlap_effect: Estimate,
    pub median: Percentile,
    pub p90: Percentile,
    pub p95: Percentile,
    pub p99: Percentile,
    pub no_loss_chance: Estimate,
}

impl Simulation {
    pub fn summarise(years: &[Year], seed: u64, years_asked: u32) -> Simulation {
        let n = years.len().max(1) as f64;
        let estimate = |f: &dyn Fn(&Year) -> f64| {
            let mean = years.iter().map(f).sum::<f64>() / n;
            let var = years.iter().map(|y| (f(y) - mean) * (f(y) - mean)).sum::<f64>() / (n - 1.0).max(1.0);
            Estimate { value: mean, standard_error: (var / n).sqrt() }
        };
        let mut sorted: Vec<f64> = years.iter().map(|y| y.cost).collect();
        crate::sort::by_key(&mut sorted, |&c| c);
        let percentile = |p: f64| {
            let at = |rank: f64| sorted.get((rank.clamp(1.0, n) - 1.0) as usize).copied().unwrap_or(0.0);
            let spread = 1.96 * (n * p * (1.0 - p)).sqrt();
            Percentile {
                value: at((n * p).ceil()),
                low: at((n * p - spread).floor()),
                high: at((n * p + spread).ceil()),
            }
        };
        Simulation {
            years: years.len() as u32,
            years_asked,
            seed,
            incidents: years.iter().map(|y| y.incidents as u64).sum(),
            overlapping_incidents: years.iter().map(|y| y.overlapping as u64).sum(),
            expected_cost: estimate(&|y| y.cost),
            expected_person_hours: estimate(&|y| y.person_hours),
            one_at_a_time_cost: estimate(&|y| y.one_at_a_time),
            overlap_effect: estimate(&|y| y.cost - y.one_at_a_time),
            median: percentile(0.5),
            p90: percentile(0.9),
            p95: percentile(0.95),
            p99: percentile(0.99),
            no_loss_chance: estimate(&|y| if y.cost > 0.0 { 0.0 } else { 1.0 }),
        }
    }
}
