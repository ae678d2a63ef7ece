//! Engine benchmarks on the generated large organisation (200 teams, 2,000
//! workflows, 500 components up to 6 deep, 200 incidents, 5 time zones, a
//! 72-hour outage) and on one with ten times the workflows (20,000; the
//! same components, teams and incidents), for the scaling budget. Every
//! measurement includes dropping its result.
//! Run: cargo bench --bench engine

use criterion::{criterion_group, criterion_main, Criterion};
use outage_impact::input::generate::{organisation, Size, LARGE};
use outage_impact::{validate, Engine, Report};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let raw = organisation(LARGE, 1);
    let large = validate(&raw).unwrap();
    let x10 = validate(&organisation(Size { workflows: LARGE.workflows * 10, ..LARGE }, 1)).unwrap();

    let mut g = c.benchmark_group("large organisation");
    g.sample_size(30);
    g.bench_function("validate", |b| b.iter(|| validate(black_box(&raw)).unwrap()));
    g.bench_function("prepare engine", |b| b.iter(|| Engine::new(black_box(&large))));
    let e = Engine::new(&large);
    g.bench_function("evaluate (2,000 workflows)", |b| b.iter(|| e.evaluate(black_box(&large.outage.incidents))));
    g.bench_function("full report with every blast radius", |b| b.iter(|| Report::build(black_box(&large))));
    let one = [large.outage.incidents[5]];
    g.bench_function("evaluate one incident", |b| b.iter(|| e.evaluate(black_box(&one))));
    let e10 = Engine::new(&x10);
    g.bench_function("evaluate (20,000 workflows)", |b| b.iter(|| e10.evaluate(black_box(&x10.outage.incidents))));
    g.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
