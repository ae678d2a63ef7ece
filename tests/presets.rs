//! The embedded presets: the example, the scope presets, the generated organisation.

mod common;
use common::*;

use outage_impact::calc::report::Report;
use outage_impact::input::generate::{self, LARGE};
use outage_impact::input::presets::{self, providers, scope_incidents, with_scope, Scope};
use outage_impact::validate;

#[test]
fn the_example_is_valid_and_replays_march_2() {
    let s = presets::example();
    let m = validate(&s).expect("the example validates");
    assert!(m.teams.len() >= 3 && m.workflows.iter().any(|w| !w.fallbacks.is_empty()));
    assert_eq!(s.outage.start, presets::MARCH_2_START);
    assert_eq!(s.outage.incidents, presets::march_2_replay());
}

#[test]
fn scope_presets_take_down_what_they_say() {
    let s = presets::example();
    assert_eq!(providers(&s), vec!["Primary AI provider".to_string(), "Second AI provider".to_string()]);
    let one = scope_incidents(&s, &Scope::Component("ai-api".into()), 240.0).unwrap();
    assert_eq!(one, vec![incident("ai-api", 0.0, 240.0, 1.0)]);
    let provider = scope_incidents(&s, &Scope::Provider("Primary AI provider".into()), 60.0).unwrap();
    assert_eq!(provider.len(), 6);
    assert!(provider.iter().all(|i| i.component.starts_with("ai-") && i.severity == 1.0 && i.end_minutes == 60.0));
    let all = scope_incidents(&s, &Scope::Everything, 60.0).unwrap();
    assert_eq!(all.len(), s.components.len());
    assert!(scope_incidents(&s, &Scope::Component("nope".into()), 60.0).is_err());
    assert!(scope_incidents(&s, &Scope::Provider("Nobody".into()), 60.0).is_err());
}

#[test]
fn the_replay_needs_the_example_components() {
    let err = scope_incidents(&seed_org(), &Scope::March2Replay, 60.0).unwrap_err();
    assert!(err.0.contains("lacks ai-web"), "{err}");
    let mut s = presets::example();
    s.outage.start = "2026-05-01T00:00:00Z".into();
    let replay = with_scope(&s, &Scope::March2Replay, 1.0).unwrap();
    assert_eq!(replay.outage.start, presets::MARCH_2_START);
}

#[test]
fn everything_down_loses_at_least_as_much_as_one_provider() {
    let s = presets::example();
    let ph = |scope| Report::build(&validate(&with_scope(&s, &scope, 240.0).unwrap()).unwrap()).totals.person_hours;
    let provider = ph(Scope::Provider("Primary AI provider".into()));
    let everything = ph(Scope::Everything);
    assert!(provider > 0.0 && everything >= provider, "{provider} {everything}");
}

#[test]
fn the_generated_organisation_is_valid_and_has_the_benchmark_shape() {
    let s = generate::organisation(LARGE, 7);
    let m = validate(&s).unwrap_or_else(|p| panic!("{:?}", &p[..p.len().min(5)]));
    assert_eq!((m.teams.len(), m.workflows.len(), m.components.len(), m.outage.incidents.len()), (200, 2000, 500, 200));
    let (from, to) = m.outage_window().unwrap();
    assert_eq!(to - from, 72 * 3600);
    // Depth: the longest dependency chain has 6 components.
    fn depth(m: &outage_impact::Model, c: usize) -> usize {
        1 + m.components[c].depends_on.iter().map(|&d| depth(m, d)).max().unwrap_or(0)
    }
    assert_eq!((0..m.components.len()).map(|c| depth(&m, c)).max(), Some(6));
    let zones: std::collections::BTreeSet<_> = s.teams.iter().map(|t| t.calendar.time_zone.clone()).collect();
    assert_eq!(zones.len(), 5);
    // Same seed, same organisation.
    assert_eq!(s, generate::organisation(LARGE, 7));
}

#[test]
fn the_scope_is_read_back_from_the_incidents() {
    let s = presets::example();
    assert_eq!(presets::detect_scope(&s), Some(Scope::March2Replay));
    let scopes = [
        Scope::Everything,
        Scope::Provider("Primary AI provider".into()),
        Scope::Provider("Second AI provider".into()),
        Scope::Component("ai-api".into()),
        Scope::Component("helpdesk".into()),
    ];
    for scope in scopes {
        for minutes in [5.0, 240.0, 2880.0] {
            let scoped = with_scope(&s, &scope, minutes).unwrap();
            let detected = presets::detect_scope(&scoped).unwrap_or_else(|| panic!("{scope:?} for {minutes} min"));
            // A provider of one component is that component too: either reading is right.
            assert_eq!(with_scope(&s, &detected, minutes).unwrap(), scoped, "{scope:?} read as {detected:?}");
            if scope != Scope::Provider("Second AI provider".into()) {
                assert_eq!(detected, scope);
            }
        }
    }
    // The replay stretched by the length knob is still the replay.
    let mut stretched = s.clone();
    presets::stretch(&mut stretched.outage.incidents, 240.0);
    assert_eq!(presets::detect_scope(&stretched), Some(Scope::March2Replay));
    // A hand edit makes it custom.
    let mut edited = with_scope(&s, &Scope::Everything, 60.0).unwrap();
    edited.outage.incidents[2].severity = 0.5;
    assert_eq!(presets::detect_scope(&edited), None);
    let mut moved = s.clone();
    moved.outage.start = "2026-04-01T09:00:00Z".into();
    assert_eq!(presets::detect_scope(&moved), None);
    let mut none = s;
    none.outage.incidents.clear();
    assert_eq!(presets::detect_scope(&none), None);
}
