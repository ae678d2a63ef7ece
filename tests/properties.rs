//! Properties of the engine on random scenarios, and an oracle: where every
//! change point falls on a quarter minute, every reported quantity equals a
//! brute-force sum of model.md's formulas over 15-second steps, written here
//! independently: totals, each workflow's, the organisation's minimum, mean,
//! time below target and first breach, blast radius and fallback value,
//! across daylight-saving changes.

mod common;
use common::*;

use outage_impact::calc::report::Report;
use outage_impact::input::model::Model;
use outage_impact::input::presets::{with_scope, Scope};
use outage_impact::input::scenario::{FallbackChange, Scenario, Variant};
use outage_impact::input::variant;
use outage_impact::validate;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

const ZONES: [&str; 5] = ["UTC", "Asia/Tokyo", "Asia/Kolkata", "America/New_York", "Europe/London"];

/// A random valid scenario with every change point on a quarter minute. The
/// outage falls on days that include daylight-saving changes in London
/// (29 March, 25 October 2026) and New York (8 March, 1 November 2026).
fn random_scenario(seed: u64) -> Scenario {
    let mut rng = Pcg64::seed_from_u64(seed);
    let n_components = rng.random_range(1..=6);
    let components = (0..n_components)
        .map(|i| {
            let deps: Vec<String> = (0..i).filter(|_| rng.random_bool(0.3)).map(|d| format!("c{d}")).collect();
            let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
            component(&format!("c{i}"), &deps)
        })
        .collect::<Vec<_>>();
    let pick_components = |rng: &mut Pcg64, at_least: usize| -> Vec<String> {
        let mut v: Vec<String> = (0..n_components).filter(|_| rng.random_bool(0.35)).map(|c| format!("c{c}")).collect();
        if v.len() < at_least {
            v.push(format!("c{}", rng.random_range(0..n_components)));
        }
        v
    };
    let n_teams = rng.random_range(1..=3);
    let teams = (0..n_teams)
        .map(|t| {
            let days: Vec<&str> = EVERY_DAY.iter().copied().filter(|_| rng.random_bool(0.7)).collect();
            let days = if days.is_empty() { vec!["mon"] } else { days };
            let start = rng.random_range(0..24 * 4) * 15;
            let mut end = rng.random_range(1..=24 * 4) * 15;
            if end == start {
                end = (start + 60) % 1440;
            }
            let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
            team(
                &format!("t{t}"),
                rng.random_range(1..30) as f64,
                rng.random_range(10..120) as f64,
                calendar(&days, &clock(start), &clock(end), ZONES[rng.random_range(0..ZONES.len())]),
            )
        })
        .collect::<Vec<_>>();
    let n_workflows = rng.random_range(1..=4);
    let workflows = (0..n_workflows)
        .map(|w| {
            let needs = pick_components(&mut rng, 1);
            let needs: Vec<&str> = needs.iter().map(String::as_str).collect();
            let mut wf = workflow(
                &format!("w{w}"),
                &format!("t{}", rng.random_range(0..n_teams)),
                rng.random_range(0..=100) as f64 / 100.0 / n_workflows as f64,
                &needs,
                rng.random_range(0..=10) as f64 / 10.0,
            );
            wf.recovery_overhead = rng.random_range(0..3) as f64 / 10.0;
            wf.fallbacks = (0..rng.random_range(0..=2))
                .map(|_| {
                    let needs = pick_components(&mut rng, 0);
                    let needs: Vec<&str> = needs.iter().map(String::as_str).collect();
                    fallback(
                        rng.random_range(0..=10) as f64 / 10.0,
                        rng.random_range(0..720) as f64 / 4.0,
                        &needs,
                        rng.random_range(0..5) as f64 * 10.0,
                    )
                })
                .collect();
            wf
        })
        .collect();
    let incidents = (0..rng.random_range(0..=5))
        .map(|_| {
            let start = rng.random_range(0..8000) as f64 / 4.0;
            incident(
                &format!("c{}", rng.random_range(0..n_components)),
                start,
                start + rng.random_range(1..3600) as f64 / 4.0,
                rng.random_range(0..=10) as f64 / 10.0,
            )
        })
        .collect();
    let mut s = seed_org();
    s.components = components;
    s.teams = teams;
    s.workflows = workflows;
    let day = ["2026-03-02", "2026-03-07", "2026-03-28", "2026-10-24", "2026-10-31"][rng.random_range(0..5)];
    s.outage.start = format!("{day}T{:02}:{:02}:00Z", rng.random_range(0..24), rng.random_range(0..60));
    s.outage.incidents = incidents;
    s
}

/// The oracle's step: every change point falls on it.
const STEP: i64 = 15;

/// model.md evaluated directly at one instant.
struct Oracle<'a> {
    m: &'a Model,
}

/// What the oracle sums over every step of the window.
#[derive(Debug, Default)]
struct Summed {
    /// Per workflow: (person-hours, cost, minimum residual, mean residual).
    workflows: Vec<(f64, f64, f64, f64)>,
    minimum: f64,
    mean: f64,
    hours_below: f64,
    first_breach: Option<i64>,
}

impl Oracle<'_> {
    fn own_health(&self, c: usize, t: i64) -> f64 {
        self.m
            .outage
            .incidents
            .iter()
            .filter(|i| i.component == c && i.start <= t && t < i.end)
            .map(|i| 1.0 - i.severity)
            .product()
    }
    fn health(&self, c: usize, t: i64) -> f64 {
        self.own_health(c, t) * self.m.components[c].depends_on.iter().map(|&d| self.health(d, t)).product::<f64>()
    }
    fn all(&self, needs: &[usize], t: i64) -> f64 {
        needs.iter().map(|&c| self.health(c, t)).product()
    }
    /// Engaged: primary health below 1 for the whole of [t − delay, t].
    fn engaged(&self, w: usize, f: usize, t: i64) -> bool {
        let wf = &self.m.workflows[w];
        let delay = wf.fallbacks[f].activation_delay;
        (0..=delay / STEP).all(|k| self.all(&wf.needs, t - k * STEP) < 1.0)
    }
    fn residual(&self, w: usize, t: i64) -> f64 {
        let wf = &self.m.workflows[w];
        let lost = wf.reliance * (1.0 - self.all(&wf.needs, t));
        let best = (0..wf.fallbacks.len())
            .filter(|&f| self.engaged(w, f, t))
            .map(|f| wf.fallbacks[f].coverage * self.all(&wf.fallbacks[f].needs, t))
            .fold(0.0, f64::max);
        1.0 - lost * (1.0 - best)
    }
    /// Every quantity, summed step by step over the window.
    fn sum(&self) -> Summed {
        let m = self.m;
        let Some((from, to)) = m.outage_window() else {
            let workflows = vec![(0.0, 0.0, 1.0, 1.0); m.workflows.len()];
            return Summed { workflows, minimum: 1.0, mean: 1.0, ..Summed::default() };
        };
        let hours = STEP as f64 / 3600.0;
        let steps = ((to - from) / STEP) as f64;
        let total_weight: f64 = (0..m.workflows.len()).map(|w| m.weight(w)).sum();
        let mut out =
            Summed { workflows: vec![(0.0, 0.0, 1.0, 0.0); m.workflows.len()], minimum: 1.0, ..Summed::default() };
        let mut t = from;
        while t < to {
            let mut organisation = 0.0;
            for (w, wf) in m.workflows.iter().enumerate() {
                let team = &m.teams[wf.team];
                let r = self.residual(w, t);
                let mine = &mut out.workflows[w];
                if at_work(&team.calendar, t) {
                    let lost = team.headcount * wf.share * (1.0 - r) * hours * (1.0 + wf.recovery_overhead);
                    mine.0 += lost;
                    mine.1 += lost * team.hourly_cost;
                }
                for (f, fb) in wf.fallbacks.iter().enumerate() {
                    if self.engaged(w, f, t) {
                        mine.1 += fb.running_cost_per_hour * hours;
                    }
                }
                mine.2 = mine.2.min(r);
                mine.3 += r / steps;
                organisation += m.weight(w) * r;
            }
            let organisation = if total_weight > 0.0 { organisation / total_weight } else { 1.0 };
            out.minimum = out.minimum.min(organisation);
            out.mean += organisation / steps;
            if organisation < m.target - 1e-9 {
                out.hours_below += hours;
                out.first_breach.get_or_insert(t);
            }
            t += STEP;
        }
        out
    }
    /// (person-hours, cost) in all.
    fn totals(&self) -> (f64, f64) {
        self.sum().workflows.iter().fold((0.0, 0.0), |(p, c), w| (p + w.0, c + w.1))
    }
}

/// The model with only some incidents (the blast radius of a component).
fn with_incidents(m: &Model, keep: impl Fn(&outage_impact::input::model::Incident) -> bool) -> Model {
    let mut m = m.clone();
    m.outage.incidents.retain(|i| keep(i));
    m
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn build(s: &Scenario) -> (Model, Report) {
    let m = validate(s).unwrap_or_else(|p| panic!("generated an invalid scenario: {p:?}"));
    let r = Report::build(&m);
    (m, r)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn every_reported_quantity_equals_the_step_by_step_sum(seed in any::<u64>()) {
        let (m, r) = build(&random_scenario(seed));
        let o = Oracle { m: &m }.sum();
        let (ph, cost) = o.workflows.iter().fold((0.0, 0.0), |(p, c), w| (p + w.0, c + w.1));
        prop_assert!(close(r.totals.person_hours, ph), "person-hours {} vs oracle {}", r.totals.person_hours, ph);
        prop_assert!(close(r.totals.cost, cost), "cost {} vs oracle {}", r.totals.cost, cost);
        for (w, (got, want)) in r.workflows.iter().zip(&o.workflows).enumerate() {
            prop_assert!(close(got.person_hours, want.0) && close(got.cost, want.1), "workflow {w}: {got:?} vs {want:?}");
            prop_assert!(close(got.minimum_residual, want.2) && close(got.mean_residual, want.3), "workflow {w} residual: {got:?} vs {want:?}");
        }
        prop_assert!(close(r.residual.minimum, o.minimum), "minimum {} vs {}", r.residual.minimum, o.minimum);
        prop_assert!(close(r.residual.mean, o.mean), "mean {} vs {}", r.residual.mean, o.mean);
        prop_assert!(close(r.residual.hours_below_target, o.hours_below), "below {} vs {}", r.residual.hours_below_target, o.hours_below);
        prop_assert_eq!(r.residual.first_breach, o.first_breach);
        for b in &r.blast_radius {
            let c = m.components.iter().position(|x| x.id == b.component).unwrap();
            let (ph, cost) = Oracle { m: &with_incidents(&m, |i| i.component == c) }.totals();
            prop_assert!(close(b.person_hours, ph) && close(b.cost, cost), "blast radius of {}: {b:?} vs {ph} {cost}", b.component);
        }
        for (w, wf) in r.workflows.iter().enumerate() {
            for (f, fr) in wf.fallbacks.iter().enumerate() {
                let mut without = m.clone();
                without.workflows[w].fallbacks.remove(f);
                let lost = Oracle { m: &without }.sum().workflows[w];
                prop_assert!(close(fr.avoided_person_hours, lost.0 - o.workflows[w].0), "fallback {w}/{f}: {fr:?} vs {}", lost.0 - o.workflows[w].0);
                prop_assert!(close(fr.avoided_cost, lost.1 - o.workflows[w].1), "fallback {w}/{f} cost: {fr:?} vs {}", lost.1 - o.workflows[w].1);
            }
        }
    }

    #[test]
    fn residual_stays_between_0_and_1(seed in any::<u64>()) {
        let (_, r) = build(&random_scenario(seed));
        for v in r.residual.series.iter().map(|s| s.value).chain(r.workflows.iter().flat_map(|w| w.residual.iter().map(|s| s.value))) {
            prop_assert!((0.0..=1.0).contains(&v), "{v}");
        }
        prop_assert!(r.residual.minimum <= r.residual.mean + 1e-12);
    }

    #[test]
    fn a_longer_outage_never_loses_less(seed in any::<u64>(), a in 1u32..4000, b in 1u32..4000, which in any::<prop::sample::Index>()) {
        let s = random_scenario(seed);
        let scopes: Vec<Scope> = s.components.iter().map(|c| Scope::Component(c.id.clone())).chain([Scope::Everything]).collect();
        let scope = which.get(&scopes);
        let (short, long) = (a.min(b) as f64, a.max(b) as f64);
        let (_, r_short) = build(&with_scope(&s, scope, short).unwrap());
        let (_, r_long) = build(&with_scope(&s, scope, long).unwrap());
        prop_assert!(r_short.totals.person_hours <= r_long.totals.person_hours + 1e-9);
    }

    /// A variant that switches a fallback off, in one workflow or as a whole
    /// mitigation (every workflow's fallback of that name), never loses less
    /// time nor keeps more working. (Money can go either way: a fallback's
    /// running cost may exceed the labour it saves.)
    #[test]
    fn switching_a_fallback_off_never_lowers_the_loss(seed in any::<u64>(), names in prop::collection::vec(0usize..3, 8), which in any::<prop::sample::Index>(), whole in any::<bool>()) {
        let mut s = random_scenario(seed);
        let mut named = names.iter().cycle();
        for f in s.workflows.iter_mut().flat_map(|w| w.fallbacks.iter_mut()) {
            f.name = format!("Mitigation {}", named.next().unwrap());
        }
        let slots: Vec<(String, String)> = s.workflows.iter().flat_map(|w| w.fallbacks.iter().map(|f| (w.id.clone(), f.name.clone()))).collect();
        prop_assume!(!slots.is_empty());
        let (workflow, fallback) = which.get(&slots).clone();
        s.variants = vec![Variant { name: "Off".into(), changes: vec![FallbackChange {
            workflow: (!whole).then_some(workflow), fallback, on: false, coverage: None,
            activation_delay_minutes: None, running_cost_per_hour: None, yearly_cost: None,
        }] }];
        let models = variant::models(&s).unwrap();
        let fallbacks = |m: &Model| m.workflows.iter().map(|w| w.fallbacks.len()).sum::<usize>();
        prop_assert!(fallbacks(&models[1].1) < fallbacks(&models[0].1));
        let (base, off) = (Report::build(&models[0].1), Report::build(&models[1].1));
        prop_assert!(off.totals.person_hours >= base.totals.person_hours - 1e-9);
        prop_assert!(off.totals.labour_cost >= base.totals.labour_cost - 1e-9);
        prop_assert!(off.residual.minimum <= base.residual.minimum + 1e-12);
        prop_assert!(off.residual.mean <= base.residual.mean + 1e-12);
        prop_assert!(off.residual.hours_below_target >= base.residual.hours_below_target - 1e-9);
    }

    #[test]
    fn more_coverage_or_a_shorter_delay_never_loses_more(seed in any::<u64>(), which in any::<prop::sample::Index>(), more in 0.0f64..1.0, sooner in 0.0f64..1.0) {
        let s = random_scenario(seed);
        let slots: Vec<(usize, usize)> = s.workflows.iter().enumerate().flat_map(|(w, wf)| (0..wf.fallbacks.len()).map(move |f| (w, f))).collect();
        prop_assume!(!slots.is_empty());
        let &(w, f) = which.get(&slots);
        let (_, base) = build(&s);
        let mut better = s.clone();
        let fb = &mut better.workflows[w].fallbacks[f];
        fb.coverage += (1.0 - fb.coverage) * more;
        let (_, covered) = build(&better);
        prop_assert!(covered.totals.person_hours <= base.totals.person_hours + 1e-9);
        let mut faster = s.clone();
        let fb = &mut faster.workflows[w].fallbacks[f];
        fb.activation_delay_minutes = (fb.activation_delay_minutes * sooner).floor();
        let (_, quick) = build(&faster);
        prop_assert!(quick.totals.person_hours <= base.totals.person_hours + 1e-9);
    }

    #[test]
    fn no_incident_no_loss(seed in any::<u64>()) {
        let mut s = random_scenario(seed);
        s.outage.incidents.clear();
        let (_, r) = build(&s);
        prop_assert_eq!(r.totals.person_hours, 0.0);
        prop_assert_eq!(r.totals.cost, 0.0);
        prop_assert_eq!(r.residual.minimum, 1.0);
    }
}

#[test]
fn the_oracle_itself_reproduces_the_seed_figures() {
    // Guards the oracle against agreeing with the engine by sharing a bug.
    let m = validate(&seed_org()).unwrap();
    let (ph, cost) = Oracle { m: &m }.totals();
    assert!(close(ph, 100.0) && close(cost, 9000.0), "{ph} {cost}");
}

/// Found by the property above (seed 8123233328781179478): a residual that
/// is exactly the 60% target, summed as 0.59999999999999987, counted 1 h 45
/// min "below" it. At the target is not below it.
#[test]
fn a_residual_at_the_target_is_not_below_it() {
    let (m, r) = build(&random_scenario(8123233328781179478));
    assert!((r.residual.minimum - m.target).abs() < 1e-12, "the case: the lowest residual is the target");
    let o = Oracle { m: &m }.sum();
    assert_eq!((r.residual.hours_below_target, r.residual.first_breach), (o.hours_below, o.first_breach));
    assert_eq!(r.residual.hours_below_target, 0.0);
}
