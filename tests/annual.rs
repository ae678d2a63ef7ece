//! The annual view: hand-checkable cases, the textbook Poisson-lognormal
//! case against an independent simulation, and properties.

mod common;

use common::*;
use outage_impact::calc::annual::aggregate::cost_at;
use outage_impact::calc::annual::lognormal::Lognormal;
use outage_impact::calc::annual::{self, incidents, span, Annual, AnnualSteps};
use outage_impact::calc::engine::Engine;
use outage_impact::input::generate::{self, Size};
use outage_impact::input::model::Incident;
use outage_impact::input::presets;
use outage_impact::input::scenario::Scenario;
use outage_impact::validate;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};

/// One component failing `rate` times a year for `range` hours; a
/// round-the-clock team of 10 at 50 an hour, reliance 1, no fallback: every
/// hour down costs 500.
fn textbook(rate: f64, range: [f64; 2]) -> Scenario {
    let mut s = seed_org();
    s.teams = vec![team("eng", 10.0, 50.0, calendar(&ALL_DAYS, "00:00", "24:00", "UTC"))];
    s.components[0].incidents_per_year = Some(rate);
    s.components[0].duration_hours_p90 = Some(range);
    s
}

fn annual(s: &Scenario) -> Annual {
    Annual::build(&validate(s).expect("valid"))
}

#[test]
fn two_fixed_four_hour_incidents_a_year_cost_twice_one() {
    let a = annual(&textbook(2.0, [4.0, 4.0]));
    let year = &a.with_fallbacks;
    assert!((year.expected_cost - 2.0 * 4.0 * 500.0).abs() < 1e-6, "{}", year.expected_cost);
    assert!((year.expected_person_hours - 2.0 * 4.0 * 10.0).abs() < 1e-9);
    assert!((year.no_loss_chance - (-2.0f64).exp()).abs() < 1e-12, "{}", year.no_loss_chance);
    // Years cost a whole number of incidents: 0, 2000, 4000, …; the median
    // year has 2 (read within its cell of the lattice: 0.1%).
    assert!((year.median - 4000.0).abs() < 4.0, "{}", year.median);
    assert_eq!(a.components[0].share, 1.0);
    // The simulation agrees, within its standard error.
    let sim = &a.simulation;
    assert!((sim.expected_cost.value - 4000.0).abs() < 4.0 * sim.expected_cost.standard_error);
    assert!((sim.no_loss_chance.value - (-2.0f64).exp()).abs() < 4.0 * sim.no_loss_chance.standard_error);
}

/// P(N = k) for a Poisson count, drawn by inversion.
fn poisson(rng: &mut impl Rng, rate: f64) -> u32 {
    let (mut k, mut p, u) = (0, (-rate).exp(), rng.random::<f64>());
    let mut cumulative = p;
    while u > cumulative && k < 1000 {
        k += 1;
        p *= rate / k as f64;
        cumulative += p;
    }
    k
}

/// A standard normal by Box and Muller: independent of the crate's quantile function.
fn normal(rng: &mut impl Rng) -> f64 {
    let (u, v) = (1.0 - rng.random::<f64>(), rng.random::<f64>());
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

#[test]
fn the_textbook_case_is_the_compound_poisson_lognormal() {
    let (rate, low, high) = (2.0, 1.0, 8.0);
    let a = annual(&textbook(rate, [low, high]));
    let d = Lognormal::from_p90(low, high);
    let mean = rate * d.mean() * 500.0;
    let year = &a.with_fallbacks;
    assert!((year.expected_cost / mean - 1.0).abs() < 1e-3, "{} against {mean}", year.expected_cost);
    assert!((year.no_loss_chance - (-rate).exp()).abs() < 1e-9);

    // 10 million years drawn here, by other means than the crate's.
    let mut rng = rand_pcg::Pcg64::seed_from_u64(2026);
    let (mu, sigma) = ((low.ln() + high.ln()) / 2.0, (high.ln() - low.ln()) / (2.0 * 1.6448536269514722));
    let mut years: Vec<f64> = (0..10_000_000)
        .map(|_| (0..poisson(&mut rng, rate)).map(|_| 500.0 * (mu + sigma * normal(&mut rng)).exp()).sum())
        .collect();
    years.sort_by(f64::total_cmp);
    let at = |p: f64| years[(p * years.len() as f64) as usize];
    for (p, ours) in [(0.5, year.median), (0.9, year.p90), (0.95, year.p95), (0.99, year.p99)] {
        let theirs = at(p);
        assert!((ours / theirs - 1.0).abs() < 0.01, "p{}: {ours} against {theirs}", p * 100.0);
    }
}

#[test]
fn the_engine_with_the_year_s_hours_gives_the_same_results() {
    let m = validate(&presets::example()).unwrap();
    let plain = Engine::new(&m);
    let known = Engine::with_working_hours(&m, span(&m));
    let mut rng = rand_pcg::Pcg64::seed_from_u64(7);
    let (from, _) = span(&m);
    for _ in 0..300 {
        let start = from + rng.random_range(0..365 * 86_400);
        let incidents: Vec<Incident> = (0..rng.random_range(1..4))
            .map(|_| Incident {
                component: rng.random_range(0..m.components.len()),
                start: start + rng.random_range(0..7200),
                end: start + rng.random_range(7200..200_000),
                severity: rng.random_range(0.1..1.0),
            })
            .collect();
        assert_eq!(plain.evaluate_in_detail(&incidents), known.evaluate_in_detail(&incidents));
    }
}

#[test]
fn an_incident_s_course_is_what_the_engine_gives_at_every_duration() {
    let m = validate(&presets::example()).unwrap();
    let engine = Engine::with_working_hours(&m, span(&m));
    let (_, from, length) = outage_impact::calc::annual::year_of(&m);
    let starts = incidents::starts(from, length, 40, 3);
    let mut rng = rand_pcg::Pcg64::seed_from_u64(11);
    for c in [0, 5, 7] {
        let rate = m.components[c].incidents.unwrap();
        let loss = incidents::component_loss(&engine, c, &rate, &starts, |_, _, _| {});
        for (start, course) in starts.iter().zip(&loss.courses) {
            // Within the course followed (past it, the incident counts as if it ended there).
            let longest = course.last().unwrap().0;
            let seconds: i64 = rng.random_range(60..(longest * 3600.0) as i64);
            let direct =
                engine.evaluate(&[Incident { component: c, start: *start, end: start + seconds, severity: 1.0 }]);
            let read = cost_at(course, seconds as f64 / 3600.0);
            assert!(
                (read - direct.cost()).abs() < 1e-6 * direct.cost().max(1.0),
                "{c} at {start}: {read} against {}",
                direct.cost()
            );
        }
    }
}

#[test]
fn the_example_s_two_paths_agree_and_every_fallback_is_valued() {
    let a = annual(&presets::example());
    let sim = &a.simulation;
    let exact = a.with_fallbacks.expected_cost;
    assert!(
        (sim.one_at_a_time_cost.value - exact).abs() < 4.0 * sim.one_at_a_time_cost.standard_error,
        "{exact} against {:?}",
        sim.one_at_a_time_cost
    );
    assert!(a.without_fallbacks.expected_cost > exact, "the fallbacks avoid loss");
    assert_eq!(a.fallbacks.len(), 6);
    assert!(a.fallbacks.iter().all(|f| f.avoided_cost > 0.0), "{:?}", a.fallbacks);
    let shares: f64 = a.components.iter().map(|c| c.share).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    let curve = &a.with_fallbacks.exceedance;
    assert!(curve.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 >= w[1].1 - 1e-12), "falls as the loss rises");
}

#[test]
fn availability_multiplies_in_series_and_fallbacks_add_a_parallel_path() {
    let a = annual(&presets::example());
    let c = &a.availability.components[0];
    // 99.9% of a 365-day year: 8 h 45.6 min down.
    assert!((c.downtime_hours - 8.76).abs() < 1e-9);
    // Coding needs the coding tool, which needs login and the flagship model.
    let coding = &a.availability.workflows[0];
    assert!((coding.serial - 0.999f64.powi(3)).abs() < 1e-12);
    // Its fallback needs only the second provider (99.9%).
    assert!((coding.with_fallbacks - (1.0 - (1.0 - 0.999f64.powi(3)) * 0.001)).abs() < 1e-12);
}

#[test]
fn the_same_seed_gives_the_same_figures_and_another_seed_others() {
    let mut s = presets::example();
    s.annual.years = 200.0;
    let first = annual(&s);
    assert_eq!(first, annual(&s));
    s.annual.seed = 2.0;
    let other = annual(&s);
    assert_ne!(first.simulation, other.simulation);
    assert_eq!(first.with_fallbacks, other.with_fallbacks, "the one-at-a-time figures have no seed");
}

#[test]
fn any_number_of_threads_gives_the_page_s_figures_exactly() {
    // The example, and a generated organisation whose components reach many
    // workflows (several chunks of starts each) and whose fallbacks overlap.
    let mut large = generate::organisation(Size { workflows: 300, components: 60, ..generate::LARGE }, 3);
    large.annual.years = 40.0;
    for s in [presets::example(), large] {
        let model = validate(&s).expect("valid");
        let in_steps = Annual::build_in_steps(&model);
        let (engine, bare_model) =
            (Engine::with_working_hours(&model, span(&model)), annual::without_fallbacks(&model));
        let bare = Engine::with_working_hours(&bare_model, span(&model));
        for threads in [1, 2, 3] {
            let on_threads = AnnualSteps::new(&engine, &bare).run_on_threads(threads);
            assert_eq!(on_threads, in_steps, "{threads} threads");
        }
    }
}

#[test]
fn a_tolerance_is_checked_and_its_crossing_found() {
    let mut s = presets::example();
    s.annual.years = 50.0;
    let median = annual(&s).with_fallbacks.median;
    // "At most 10% chance of losing the median": breached (the chance is 50%).
    s.annual.tolerance = vec![
        outage_impact::input::scenario::TolerancePoint { loss: median, chance: 0.1 },
        outage_impact::input::scenario::TolerancePoint { loss: median * 4.0, chance: 0.01 },
    ];
    let a = annual(&s);
    assert!(a.tolerance[0].breached && (a.tolerance[0].chance - 0.5).abs() < 0.01, "{:?}", a.tolerance);
    assert!(!a.tolerance[1].breached);
    assert_eq!(a.tolerance_crossings.len(), 1, "{:?}", a.tolerance_crossings);
}

fn small_org(seed: u64) -> Scenario {
    let size = Size { teams: 4, workflows: 12, components: 8, depth: 3, incidents: 4, outage_hours: 8.0 };
    let mut s = generate::organisation(size, seed);
    s.outage.incidents.truncate(1);
    s.outage.incidents[0].start_minutes = 0.0;
    s.annual.years = 1.0;
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn more_incidents_a_year_never_lower_the_expected_loss(seed in 0u64..1000, factor in 1.0f64..3.0) {
        let s = small_org(seed);
        let mut more = s.clone();
        for c in &mut more.components {
            c.incidents_per_year = c.incidents_per_year.map(|r| r * factor);
        }
        let (a, b) = (annual(&s), annual(&more));
        prop_assert!(b.with_fallbacks.expected_cost >= a.with_fallbacks.expected_cost * (1.0 - 1e-12));
    }

    #[test]
    fn a_fallback_never_raises_the_labour_loss(seed in 0u64..1000) {
        let a = annual(&small_org(seed));
        prop_assert!(a.with_fallbacks.expected_person_hours <= a.without_fallbacks.expected_person_hours * (1.0 + 1e-12) + 1e-9);
        for f in &a.fallbacks {
            prop_assert!(f.avoided_person_hours >= -1e-9, "{:?}", f);
        }
    }
}

#[test]
fn the_page_s_annual_tables_show_the_largest_rows_and_say_how_many_there_are() {
    use outage_impact::output::annual::{availability_table, components_table, fallbacks_table};
    let m = validate(&presets::example()).expect("valid");
    let a = Annual::build(&m);
    let all = components_table(&m, &a, None);
    let top = components_table(&m, &a, Some(2));
    assert_eq!((top.rows.len(), top.of), (2, all.rows.len()));
    let money = |row: &Vec<String>| row[4].replace(['£', ','], "").parse::<f64>().unwrap();
    let mut largest: Vec<f64> = all.rows.iter().map(money).collect();
    largest.sort_by(|x, y| y.total_cmp(x));
    assert_eq!(
        top.rows.iter().map(money).collect::<Vec<_>>(),
        largest[..2],
        "the two largest expected losses, largest first"
    );
    assert_eq!(components_table(&m, &a, Some(100)), all, "a limit not reached changes nothing");
    let fallbacks = fallbacks_table(&m, &a, Some(1));
    assert_eq!((fallbacks.rows.len(), fallbacks.of, fallbacks.ranked), (1, a.fallbacks.len(), "that avoid most"));
    assert_eq!(availability_table(&m, &a, Some(3)).rows.len(), 3);
}
