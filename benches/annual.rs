//! The annual view's budgets, as figures (not assertions): the example's and
//! the large organisation's one-at-a-time figures, then with their simulated
//! years, each the median of several runs in one process.
//! Run: cargo bench --bench annual

use std::time::Instant;

use outage_impact::calc::annual::{self, Annual, AnnualSteps};
use outage_impact::input::generate::{organisation, LARGE};
use outage_impact::input::model::Model;
use outage_impact::input::presets;
use outage_impact::{validate, Engine};

/// Milliseconds to the one-at-a-time figures, and to the end of the simulation.
fn phases(model: &Model) -> (f64, f64) {
    let (exact, all, _) = steps(model);
    (exact, all)
}

/// [`phases`], and the longest step: a task the page runs between yields.
fn steps(model: &Model) -> (f64, f64, f64) {
    let began = Instant::now();
    let span = annual::span(model);
    let bare_model = annual::without_fallbacks(model);
    let (engine, bare) = (Engine::with_working_hours(model, span), Engine::with_working_hours(&bare_model, span));
    let mut steps = AnnualSteps::new(&engine, &bare);
    let (mut exact, mut longest, mut last) = (None, 0.0f64, Instant::now());
    while steps.step() {
        longest = longest.max(last.elapsed().as_secs_f64() * 1e3);
        last = Instant::now();
        if exact.is_none() && steps.exact_done() {
            std::hint::black_box(steps.finish());
            exact = Some(began.elapsed().as_secs_f64() * 1e3);
        }
    }
    std::hint::black_box(steps.finish());
    let all = began.elapsed().as_secs_f64() * 1e3;
    (exact.unwrap_or(all), all, longest)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Milliseconds for the whole annual view as the command line builds it (on every core).
fn on_threads(model: &Model) -> f64 {
    let began = Instant::now();
    std::hint::black_box(Annual::build(model));
    began.elapsed().as_secs_f64() * 1e3
}

/// Milliseconds to the one-at-a-time figures on every core, engines included.
fn figures_on_threads(model: &Model, threads: usize) -> f64 {
    let began = Instant::now();
    let span = annual::span(model);
    let bare_model = annual::without_fallbacks(model);
    let (engine, bare) = (Engine::with_working_hours(model, span), Engine::with_working_hours(&bare_model, span));
    let mut steps = AnnualSteps::new(&engine, &bare);
    steps.cost_on_threads(threads);
    std::hint::black_box(steps.finish());
    began.elapsed().as_secs_f64() * 1e3
}

/// "median (lowest–highest)" of some runs' milliseconds.
fn spread(xs: &[f64]) -> String {
    let (low, high) = (xs.iter().cloned().fold(f64::INFINITY, f64::min), xs.iter().cloned().fold(0.0, f64::max));
    format!("{:.1} ms ({low:.1}–{high:.1})", median(xs.to_vec()))
}

fn report(name: &str, model: &Model, runs: usize) {
    let runs_in_steps: Vec<(f64, f64, f64)> = (0..runs).map(|_| steps(model)).collect();
    let exact: Vec<f64> = runs_in_steps.iter().map(|r| r.0).collect();
    let all: Vec<f64> = runs_in_steps.iter().map(|r| r.1).collect();
    let longest: Vec<f64> = runs_in_steps.iter().map(|r| r.2).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let figures: Vec<f64> = (0..runs).map(|_| figures_on_threads(model, threads)).collect();
    let whole: Vec<f64> = (0..runs).map(|_| on_threads(model)).collect();
    println!(
        "{name}, medians of {runs} (lowest–highest):\n  a step at a time (as the page): one-at-a-time figures {}, \
         with the simulated years {}, longest step {}\n  on {threads} threads (as the command line): one-at-a-time figures {}, all {}",
        spread(&exact),
        spread(&all),
        spread(&longest),
        spread(&figures),
        spread(&whole),
    );
}

/// The textbook case for `benches/poisson_lognormal.py`, as one JSON line:
/// the annual view's figures, the time to them (a step at a time, on one
/// thread) and to the whole view with its simulated years (on every core),
/// each the median of 15 runs.
fn poisson_lognormal() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/poisson-lognormal.json");
    let text = std::fs::read_to_string(path).expect("the textbook case");
    let model = validate(&outage_impact::Scenario::from_json(&text).expect("its JSON")).expect("valid");
    let (figures_ms, _): (Vec<f64>, Vec<f64>) = (0..15).map(|_| phases(&model)).unzip();
    let whole_ms = median((0..15).map(|_| on_threads(&model)).collect());
    let year = Annual::build(&model).with_fallbacks;
    println!(
        "{{\"figures_ms\": {:.3}, \"whole_ms\": {whole_ms:.3}, \"mean\": {}, \"p50\": {}, \"p90\": {}, \"p95\": {}, \"p99\": {}}}",
        median(figures_ms),
        year.expected_cost,
        year.median,
        year.p90,
        year.p95,
        year.p99
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for a list
    }
    if std::env::args().any(|a| a == "--poisson-lognormal") {
        return poisson_lognormal();
    }
    let example = validate(&presets::example()).expect("the example is valid");
    report("example", &example, 9);
    let large = validate(&organisation(LARGE, 1)).expect("the large organisation is valid");
    report("large organisation", &large, 5);
}
