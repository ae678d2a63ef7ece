//! Cases a person can check on paper, as data: a scenario and the figures it
//! must give. Each comment shows the arithmetic.

mod common;
use common::*;

use outage_impact::calc::report::Report;
use outage_impact::input::scenario::Scenario;
use outage_impact::validate;

#[derive(Default)]
struct Expect {
    person_hours: f64,
    cost: f64,
    /// (minimum, mean, hours below target), when checked.
    residual: Option<(f64, f64, f64)>,
    window_hours: Option<f64>,
}

fn check(scenario: Scenario, expect: Expect) -> Report {
    let model = validate(&scenario).unwrap_or_else(|p| panic!("invalid test scenario: {p:?}"));
    let report = Report::build(&model);
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * b.abs().max(1.0);
    assert!(
        close(report.totals.person_hours, expect.person_hours),
        "person-hours {} != {}",
        report.totals.person_hours,
        expect.person_hours
    );
    assert!(close(report.totals.cost, expect.cost), "cost {} != {}", report.totals.cost, expect.cost);
    if let Some((min, mean, below)) = expect.residual {
        let r = &report.residual;
        assert!(close(r.minimum, min), "minimum {} != {min}", r.minimum);
        assert!(close(r.mean, mean), "mean {} != {mean}", r.mean);
        assert!(close(r.hours_below_target, below), "below {} != {below}", r.hours_below_target);
    }
    if let Some(h) = expect.window_hours {
        assert!(close(report.window.as_ref().unwrap().hours, h));
    }
    report
}

#[test]
fn seed_25_engineers_4_hours_is_100_person_hours_and_9000_pounds() {
    // 25 × 1 × 4 h × 1 = 100 person-hours; × £90 = £9,000.
    let r = check(
        seed_org(),
        Expect { person_hours: 100.0, cost: 9000.0, residual: Some((0.0, 0.0, 4.0)), ..Default::default() },
    );
    assert_eq!(r.residual.first_breach, Some(r.window.unwrap().start));
}

#[test]
fn a_70_percent_fallback_engaging_after_30_minutes() {
    // 30 min lost entirely, then 3.5 h at 30% lost: 25 × (0.5 + 1.05) = 38.75 ph.
    // Running cost £40/h × 3.5 h = £140; labour 38.75 × 90 = £3,487.50.
    // Residual: 0 for 0.5 h, 0.7 for 3.5 h: mean 2.45/4 = 0.6125; 0.5 h below 60%.
    let mut s = seed_org();
    s.workflows[0].fallbacks.push(fallback(0.7, 30.0, &[], 40.0));
    let r = check(
        s,
        Expect { person_hours: 38.75, cost: 3487.5 + 140.0, residual: Some((0.0, 0.6125, 0.5)), ..Default::default() },
    );
    let f = &r.workflows[0].fallbacks[0];
    assert_eq!(f.engaged.len(), 1);
    assert_eq!(f.engaged[0].from - r.window.as_ref().unwrap().start, 30 * 60);
    assert!((f.engaged_hours - 3.5).abs() < 1e-9);
    // Without it: 100 ph, £9,000. It avoided 61.25 ph and £9,000 − £3,627.50.
    assert!((f.avoided_person_hours - 61.25).abs() < 1e-9);
    assert!((f.avoided_cost - (9000.0 - 3627.5)).abs() < 1e-9);
}

#[test]
fn an_outage_straddling_the_end_of_a_working_day_and_a_weekend() {
    // Friday 6 March 16:00 UTC to Monday 9 March 11:00 UTC (67 h). At work:
    // Friday 16–17 and Monday 09–11, 3 h × 25 = 75 ph, £6,750.
    let mut s = seed_org();
    s.outage.start = "2026-03-06T16:00:00Z".into();
    s.outage.incidents = vec![incident("ai", 0.0, 67.0 * 60.0, 1.0)];
    check(s, Expect { person_hours: 75.0, cost: 6750.0, window_hours: Some(67.0), ..Default::default() });
}

#[test]
fn an_overnight_shift_in_another_time_zone() {
    // 10 people, 22:00–06:00 New York (UTC−5 before 8 March), Mon–Fri.
    // Outage Tuesday 3 March 00:00–12:00 UTC. Monday's shift runs
    // 03:00–11:00 UTC on Tuesday: 8 h × 10 = 80 ph × £50 = £4,000.
    let mut s = seed_org();
    s.teams[0] = team("night", 10.0, 50.0, calendar(&MON_FRI, "22:00", "06:00", "America/New_York"));
    s.workflows[0].team = "night".into();
    s.outage.start = "2026-03-03T00:00:00Z".into();
    s.outage.incidents = vec![incident("ai", 0.0, 720.0, 1.0)];
    check(s, Expect { person_hours: 80.0, cost: 4000.0, ..Default::default() });
}

#[test]
fn a_chain_of_dependencies_carries_an_incident_up() {
    // The workflow needs the model, which needs the API, which needs login.
    // Login at severity 0.5 for 2 h: h = 0.5 all the way up: 25 × 2 × 0.5 = 25 ph.
    let mut s = seed_org();
    s.components = vec![component("login", &[]), component("api", &["login"]), component("model", &["api"])];
    s.workflows[0].needs = vec!["model".into()];
    s.outage.incidents = vec![incident("login", 0.0, 120.0, 0.5)];
    check(s, Expect { person_hours: 25.0, cost: 2250.0, ..Default::default() });
}

#[test]
fn a_partial_severity_and_a_partial_reliance_multiply() {
    // Severity 0.3, reliance 0.5, 4 h: 25 × 4 × 0.15 = 15 ph. Residual 0.85.
    let mut s = seed_org();
    s.workflows[0].reliance = 0.5;
    s.outage.incidents[0].severity = 0.3;
    check(s, Expect { person_hours: 15.0, cost: 1350.0, residual: Some((0.85, 0.85, 0.0)), ..Default::default() });
}

#[test]
fn two_fallbacks_where_the_first_dies_with_its_own_component() {
    // Needs A (down 0–4 h). Fallback 1: 90%, at once, needs B (down 1–3 h).
    // Fallback 2: 50%, manual, after 60 min.
    // 0–1 h lose 0.1; 1–3 h fallback 1 dead, fallback 2 on: lose 0.5 × 2;
    // 3–4 h fallback 1 back: lose 0.1. (0.1 + 1 + 0.1) × 25 = 30 ph.
    let mut s = seed_org();
    s.components.push(component("b", &[]));
    s.workflows[0].fallbacks = vec![fallback(0.9, 0.0, &["b"], 0.0), fallback(0.5, 60.0, &[], 0.0)];
    s.outage.incidents.push(incident("b", 60.0, 180.0, 1.0));
    let r = check(s, Expect { person_hours: 30.0, cost: 2700.0, ..Default::default() });
    // Without fallback 1: 0–1 h lose 1, 1–4 h lose 0.5: 2.5 × 25 = 62.5; avoided 32.5.
    assert!((r.workflows[0].fallbacks[0].avoided_person_hours - 32.5).abs() < 1e-9);
    // Without fallback 2: 0–1 h 0.1, 1–3 h 1 × 2, 3–4 h 0.1: 2.2 × 25 = 55; avoided 25.
    assert!((r.workflows[0].fallbacks[1].avoided_person_hours - 25.0).abs() < 1e-9);
    // Blast radius: A alone, fallback 1 holds: 0–4 h lose 0.1 = 10 ph; B alone: nothing.
    let a = r.blast_radius.iter().find(|b| b.component == "ai").unwrap();
    let b = r.blast_radius.iter().find(|b| b.component == "b").unwrap();
    assert!((a.person_hours - 10.0).abs() < 1e-9);
    assert_eq!(b.person_hours, 0.0);
}

#[test]
fn recovery_overhead_adds_its_fraction() {
    // 100 ph × 1.1 = 110 ph, £9,900.
    let mut s = seed_org();
    s.workflows[0].recovery_overhead = 0.1;
    check(s, Expect { person_hours: 110.0, cost: 9900.0, ..Default::default() });
}

#[test]
fn a_component_reached_by_two_paths_counts_twice_as_the_formula_says() {
    // model.md: h_c = a_c × Π h_d. Tool needs web and api, both need login:
    // h_tool = a_login². Login at 0.5 for 4 h: p = 0.25, lose 0.75: 75 ph.
    let mut s = seed_org();
    s.components = vec![
        component("login", &[]),
        component("web", &["login"]),
        component("api", &["login"]),
        component("tool", &["web", "api"]),
    ];
    s.workflows[0].needs = vec!["tool".into()];
    s.outage.incidents = vec![incident("login", 0.0, 240.0, 0.5)];
    check(s, Expect { person_hours: 75.0, cost: 6750.0, ..Default::default() });
}

#[test]
fn the_organisation_residual_is_capacity_weighted() {
    // Two teams of 25 and 75; only the 25 lose everything: org residual 0.75.
    let mut s = seed_org();
    s.components.push(component("other", &[]));
    s.teams.push(team("ops", 75.0, 10.0, calendar(&MON_FRI, "09:00", "17:00", "UTC")));
    s.workflows.push(workflow("ops-work", "ops", 1.0, &["other"], 1.0));
    check(s, Expect { person_hours: 100.0, cost: 9000.0, residual: Some((0.75, 0.75, 0.0)), ..Default::default() });
}

#[test]
fn outside_working_hours_nothing_is_lost_but_residual_still_drops() {
    // Saturday: nobody at work, so no loss; residual functionality is 0 all the same.
    let mut s = seed_org();
    s.outage.start = "2026-03-07T10:00:00Z".into();
    check(s, Expect { person_hours: 0.0, cost: 0.0, residual: Some((0.0, 0.0, 4.0)), ..Default::default() });
}

#[test]
fn the_march_2_window_is_9_hours_27_minutes() {
    let model = validate(&outage_impact::input::presets::example()).unwrap();
    let r = Report::build(&model);
    let w = r.window.unwrap();
    assert_eq!(w.end - w.start, 9 * 3600 + 27 * 60);
    assert_eq!(outage_impact::time::format_utc(w.start), "2026-03-02T11:49:00Z");
    assert_eq!(outage_impact::time::format_utc(w.end), "2026-03-02T21:16:00Z");
    assert!(r.totals.person_hours > 0.0);
    // Totals add up from the workflows and from the teams.
    let by_wf: f64 = r.workflows.iter().map(|w| w.cost).sum();
    let by_team: f64 = r.teams.iter().map(|t| t.cost).sum();
    assert!((by_wf - r.totals.cost).abs() < 1e-6 && (by_team - r.totals.cost).abs() < 1e-6);
    // The cumulative cost ends at the total.
    assert!((r.cost_over_time.last().unwrap().cost - r.totals.cost).abs() < 1e-6);
}

#[test]
fn no_incident_no_loss() {
    let mut s = seed_org();
    s.outage.incidents.clear();
    let r = check(s, Expect::default());
    assert!(r.window.is_none());
    assert_eq!(r.residual.minimum, 1.0);
}

#[test]
fn nothing_lost_is_written_as_0_never_minus_0() {
    // A fallback that never engages (its delay outlasts the outage), and a
    // component whose outage touches no workflow.
    let mut s = seed_org();
    s.workflows[0].fallbacks = vec![fallback(0.5, 600.0, &[], 10.0)];
    s.components.push(component("unused", &[]));
    s.outage.incidents.push(incident("unused", 0.0, 60.0, 1.0));
    let report = Report::build(&validate(&s).unwrap());
    let only_unused = {
        let mut t = s.clone();
        t.outage.incidents.remove(0);
        Report::build(&validate(&t).unwrap())
    };
    for r in [report, only_unused] {
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("-0.0"), "{json}");
    }
}

#[test]
fn the_seed_s_variants_by_hand() {
    use outage_impact::input::scenario::{FallbackChange, Variant};
    use outage_impact::input::variant::models;
    // The seed with a manual mode covering half the lost work after an hour:
    // 1 h fully lost (25 × £90 = £2,250) then 3 h half lost (3 × £1,125 = £3,375): £5,625.
    let mut s = seed_org();
    s.workflows[0].fallbacks = vec![fallback(0.5, 60.0, &[], 0.0)];
    s.workflows[0].fallbacks[0].name = "Manual mode".into();
    let change = |on, coverage, delay| FallbackChange {
        workflow: None,
        fallback: "Manual mode".into(),
        on,
        coverage,
        activation_delay_minutes: delay,
        running_cost_per_hour: None,
        yearly_cost: None,
    };
    s.variants = vec![
        // Off: the seed's own £9,000.
        Variant { name: "Nothing prepared".into(), changes: vec![change(false, None, None)] },
        // At once: 4 h half lost, £4,500.
        Variant { name: "Switched at once".into(), changes: vec![change(true, None, Some(0.0))] },
        // Covering 80%: £2,250 + 3 h × 20% × £2,250 = £2,250 + £1,350 = £3,600.
        Variant { name: "Better manual mode".into(), changes: vec![change(true, Some(0.8), None)] },
    ];
    let losses: Vec<(String, f64)> =
        models(&s).unwrap().iter().map(|(name, m)| (name.clone(), Report::build(m).totals.cost)).collect();
    let expect =
        [("As is", 5625.0), ("Nothing prepared", 9000.0), ("Switched at once", 4500.0), ("Better manual mode", 3600.0)];
    for ((name, loss), (want_name, want)) in losses.iter().zip(expect) {
        assert_eq!(name, want_name);
        assert!((loss - want).abs() < 1e-6, "{name}: {loss} != {want}");
    }
}
