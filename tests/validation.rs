//! Every kind of invalid input, as data: a change to a valid scenario, the
//! place the problem must be reported at, and words its sentence must hold.

mod common;
use common::*;

use outage_impact::input::scenario::{ReadError, Scenario};
use outage_impact::validate;

type Break = fn(&mut Scenario);

/// (what is broken, the change, expected path, expected words in the message)
#[rustfmt::skip]
const CASES: &[(&str, Break, &str, &str)] = &[
    ("unknown component in needs", |s| s.workflows[0].needs = vec!["nope".into()], "workflows[0].needs[0]", "no component with the id \"nope\""),
    ("unknown team", |s| s.workflows[0].team = "ghost".into(), "workflows[0].team", "no team with the id \"ghost\""),
    ("unknown dependency", |s| s.components[0].depends_on = vec!["zz".into()], "components[0].depends_on[0]", "no component with the id \"zz\""),
    ("unknown incident component", |s| s.outage.incidents[0].component = "x".into(), "outage.incidents[0].component", "no component with the id \"x\""),
    ("unknown fallback component", |s| s.workflows[0].fallbacks = vec![fallback(0.5, 0.0, &["y"], 0.0)], "workflows[0].fallbacks[0].needs[0]", "no component with the id \"y\""),
    ("duplicate component id", |s| s.components.push(component("ai", &[])), "components[1].id", "already used by components[0]"),
    ("duplicate team id", |s| { let t = s.teams[0].clone(); s.teams.push(t) }, "teams[1].id", "already used by teams[0]"),
    ("duplicate workflow id", |s| { let mut w = s.workflows[0].clone(); w.share = 0.0; s.workflows.push(w) }, "workflows[1].id", "already used by workflows[0]"),
    ("empty id", |s| s.teams[0].id = " ".into(), "teams[0].id", "id is empty"),
    ("component listed twice", |s| s.workflows[0].needs = vec!["ai".into(), "ai".into()], "workflows[0].needs[1]", "listed twice"),
    ("self dependency", |s| s.components[0].depends_on = vec!["ai".into()], "components[0].depends_on", "\"ai\" depends on itself"),
    ("dependency cycle", |s| {
        s.components = vec![component("a", &["b"]), component("b", &["c"]), component("c", &["a"]), component("ai", &[])];
    }, "components[0].depends_on", "a → b → c → a"),
    ("coverage above 1", |s| s.workflows[0].fallbacks = vec![fallback(1.5, 0.0, &[], 0.0)], "workflows[0].fallbacks[0].coverage", "between 0 and 1 (0% to 100%); it is 1.5"),
    ("negative delay", |s| s.workflows[0].fallbacks = vec![fallback(0.5, -5.0, &[], 0.0)], "workflows[0].fallbacks[0].activation_delay_minutes", "cannot be negative; it is -5"),
    ("negative running cost", |s| s.workflows[0].fallbacks = vec![fallback(0.5, 0.0, &[], -1.0)], "workflows[0].fallbacks[0].running_cost_per_hour", "cannot be negative"),
    ("reliance above 1", |s| s.workflows[0].reliance = 2.0, "workflows[0].reliance", "Reliance must be between 0 and 1"),
    ("share below 0", |s| s.workflows[0].share = -0.1, "workflows[0].share", "between 0 and 1"),
    ("negative headcount", |s| s.teams[0].headcount = -3.0, "teams[0].headcount", "Headcount cannot be negative"),
    ("NaN hourly cost", |s| s.teams[0].hourly_cost = f64::NAN, "teams[0].hourly_cost", "is not a number"),
    ("infinite headcount", |s| s.teams[0].headcount = f64::INFINITY, "teams[0].headcount", "must be a finite number"),
    ("NaN severity", |s| s.outage.incidents[0].severity = f64::NAN, "outage.incidents[0].severity", "Severity is not a number"),
    ("severity above 1", |s| s.outage.incidents[0].severity = 1.2, "outage.incidents[0].severity", "between 0 and 1"),
    ("negative recovery overhead", |s| s.workflows[0].recovery_overhead = -0.5, "workflows[0].recovery_overhead", "cannot be negative"),
    ("target above 1", |s| s.target = 1.5, "target", "target must be between 0 and 1"),
    ("shares over 100%", |s| {
        s.workflows[0].share = 0.7;
        let mut w = workflow("second", "eng", 0.5, &["ai"], 1.0);
        w.name = "Email".into();
        s.workflows.push(w);
    }, "teams[0]", "take 120% of its time (coding 70%, Email 50%); together they can take at most 100%"),
    ("incident ends before it starts", |s| s.outage.incidents[0] = incident("ai", 60.0, 30.0, 1.0), "outage.incidents[0].end_minutes", "ends (30 min) before it starts (60 min)"),
    ("incident of no length", |s| s.outage.incidents[0] = incident("ai", 60.0, 60.0, 1.0), "outage.incidents[0].end_minutes", "ends when it starts"),
    ("negative incident start", |s| s.outage.incidents[0].start_minutes = -10.0, "outage.incidents[0].start_minutes", "cannot be negative"),
    ("incident longer than a year", |s| s.outage.incidents[0].end_minutes = 600_000.0, "outage.incidents[0].end_minutes", "more than a year"),
    ("outage before the built-in time zones", |s| s.outage.start = "1989-06-01T09:00:00Z".into(), "outage.start", "between 1991 and 2199"),
    ("outage in the far future", |s| s.outage.start = "2500-06-01T09:00:00Z".into(), "outage.start", "between 1991 and 2199"),
    ("bad outage start", |s| s.outage.start = "yesterday".into(), "outage.start", "like 2026-03-02T11:49:00Z; it is \"yesterday\""),
    ("no working days", |s| s.teams[0].calendar.days.clear(), "teams[0].calendar.days", "at least one working day"),
    ("unknown day", |s| s.teams[0].calendar.days = vec!["funday".into()], "teams[0].calendar.days[0]", "\"funday\" is not a day of the week"),
    ("day twice", |s| s.teams[0].calendar.days = vec!["mon".into(), "Monday".into()], "teams[0].calendar.days[1]", "listed twice"),
    ("bad start time", |s| s.teams[0].calendar.start = "25:00".into(), "teams[0].calendar.start", "a time like 09:00; it is \"25:00\""),
    ("bad end time", |s| s.teams[0].calendar.end = "5pm".into(), "teams[0].calendar.end", "a time like 17:30"),
    ("start at 24:00", |s| s.teams[0].calendar.start = "24:00".into(), "teams[0].calendar.start", "cannot start at 24:00"),
    ("start equals end", |s| { s.teams[0].calendar.start = "09:00".into(); s.teams[0].calendar.end = "09:00".into() }, "teams[0].calendar.end", "starts and ends at the same time"),
    ("unknown time zone", |s| s.teams[0].calendar.time_zone = "Mars/Olympus".into(), "teams[0].calendar.time_zone", "\"Mars/Olympus\" is not a time zone"),
    ("bad currency", |s| s.currency = "pounds".into(), "currency", "three-letter code"),
    ("wrong version", |s| s.version = 7, "version", "reads format version 1"),
    ("SLA of zero", |s| s.components[0].sla = Some(0.0), "components[0].sla", "never works"),
    ("duration range upside down", |s| s.components[0].duration_hours_p90 = Some([5.0, 1.0]), "components[0].duration_hours_p90[1]", "at least as long as the low; it is 5 to 1 hours"),
    ("incidents a year without durations", |s| s.components[0].incidents_per_year = Some(3.0), "components[0].duration_hours_p90[0]", "need a duration range"),
    ("durations without incidents a year", |s| s.components[0].duration_hours_p90 = Some([1.0, 4.0]), "components[0].incidents_per_year", "needs the incidents per year"),
    ("severity above 1", |s| s.components[0].incident_severity = Some(1.5), "components[0].incident_severity", "between 0 and 1"),
    ("negative yearly cost", |s| { s.workflows[0].fallbacks.push(fallback(0.5, 10.0, &[], 0.0)); s.workflows[0].fallbacks[0].yearly_cost = -5.0 }, "workflows[0].fallbacks[0].yearly_cost", "cannot be negative"),
    ("seed with a fraction", |s| s.annual.seed = 1.5, "annual.seed", "whole number"),
    ("no years simulated", |s| s.annual.years = 0.0, "annual.years", "whole number from 1"),
    ("too many years", |s| s.annual.years = 1e6, "annual.years", "at most 100000 years"),
    ("tolerance chance above 1", |s| s.annual.tolerance = vec![outage_impact::input::scenario::TolerancePoint { loss: 5e4, chance: 2.0 }], "annual.tolerance[0].chance", "between 0 and 1"),
];

#[test]
fn every_invalid_case_names_its_place_and_says_what_is_wrong() {
    assert!(validate(&seed_org()).is_ok(), "the base scenario must be valid");
    check(CASES);
}

/// Each case breaks the base scenario; its problem must be at `path` and say `words`.
fn check(cases: &[(&str, Break, &str, &str)]) {
    for (what, breaks, path, words) in cases {
        let mut s = seed_org();
        breaks(&mut s);
        let problems = validate(&s).expect_err(what);
        assert!(
            problems.iter().any(|p| p.path == *path && p.message.contains(words)),
            "{what}: expected {path}: …{words}…, got {problems:#?}"
        );
    }
}

/// Places with no input of their own in the editor: ids, whole rows, the
/// version.
const NOT_FIELDS: &[&str] = &["id", "version", "teams[0]"];

#[test]
fn every_problem_with_an_input_finds_its_field() {
    use outage_impact::input::field::Field;
    for (what, breaks, path, _) in CASES {
        let mut s = seed_org();
        breaks(&mut s);
        let problem = validate(&s).unwrap_err().into_iter().find(|p| p.path == *path).unwrap();
        match problem.field {
            // The field's own place, or one entry of a list field.
            Some(field) => {
                let place = field.path();
                assert!(path == &place || path.starts_with(&format!("{place}[")), "{what}: {place} for {path}");
                assert!(Field::all(&s).contains(&field), "{what}: {field:?} is an input of the editor");
            }
            None => assert!(NOT_FIELDS.iter().any(|end| path.ends_with(end)), "{what}: {path} has no field"),
        }
    }
}

/// Numbers past what a real organisation reaches, and how each message
/// shows the value: as written, in percent too where the page takes percent.
#[rustfmt::skip]
const BOUNDS: &[(&str, Break, &str, &str)] = &[
    ("absurd hourly cost", |s| s.teams[0].hourly_cost = 1e308, "teams[0].hourly_cost", "can be at most 10000000 an hour; it is 1e308."),
    ("absurd headcount", |s| s.teams[0].headcount = 2e6, "teams[0].headcount", "can be at most 1000000 people; it is 2000000."),
    ("absurd running cost", |s| s.workflows[0].fallbacks = vec![fallback(0.5, 0.0, &[], 1e308)], "workflows[0].fallbacks[0].running_cost_per_hour", "at most 10000000 an hour"),
    ("absurd recovery overhead", |s| s.workflows[0].recovery_overhead = 1e308, "workflows[0].recovery_overhead", "can be at most 10 (1000%); it is 1e308 (1e310%)."),
    ("delay over a year", |s| s.workflows[0].fallbacks = vec![fallback(0.5, 1e9, &[], 0.0)], "workflows[0].fallbacks[0].activation_delay_minutes", "at most 527040 minutes (a year)"),
    ("target just over 100%", |s| s.target = 1.0000001, "target", "it is 1.0000001 (100.00001%)."),
    ("coverage 150%", |s| s.workflows[0].fallbacks = vec![fallback(1.5, 0.0, &[], 0.0)], "workflows[0].fallbacks[0].coverage", "it is 1.5 (150%)."),
    ("an incident at 1e308 minutes", |s| s.outage.incidents[0] = incident("ai", 1e308, 1e308, 1.0), "outage.incidents[0].start_minutes", "at most 527040 minutes (a year)"),
    ("shares just over 100%", |s| { s.workflows[0].share = 0.5000001; let mut w = workflow("second", "eng", 0.5, &["ai"], 1.0); w.name = "Email".into(); s.workflows.push(w) }, "teams[0]", "take 100.00001% of its time"),
];

#[test]
fn absurd_numbers_are_refused_with_their_limit_and_value_as_written() {
    check(BOUNDS);
    // An incident far past a year is not said to "end when it starts".
    let mut s = seed_org();
    s.outage.incidents[0] = incident("ai", 1e308, 1e308, 1.0);
    assert!(validate(&s).unwrap_err().iter().all(|p| !p.message.contains("ends when it starts")));
}

#[test]
fn overnight_shifts_and_round_the_clock_are_valid() {
    let mut s = seed_org();
    s.teams[0].calendar = calendar(&MON_FRI, "22:00", "06:00", "Asia/Tokyo");
    assert!(validate(&s).is_ok());
    s.teams[0].calendar = calendar(&EVERY_DAY, "00:00", "24:00", "UTC");
    assert!(validate(&s).is_ok());
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut s = seed_org();
    s.teams[0].headcount = -1.0;
    s.workflows[0].reliance = f64::NAN;
    s.outage.incidents[0].severity = 3.0;
    s.teams[0].calendar.time_zone = "Nowhere".into();
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for expected in
        ["teams[0].headcount", "workflows[0].reliance", "outage.incidents[0].severity", "teams[0].calendar.time_zone"]
    {
        assert!(paths.contains(&expected), "{expected} missing from {paths:?}");
    }
}

#[test]
fn unreadable_text_gets_line_and_column() {
    let err = Scenario::from_json("{\n  \"version\": 1,\n  \"currency\": }").unwrap_err();
    match err {
        ReadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 15)),
        other => panic!("{other:?}"),
    }
    let err = Scenario::from_json("{\"version\": 1}").unwrap_err();
    assert!(err.to_string().contains("missing field `currency`"), "{err}");
    assert_eq!(Scenario::from_json("{\"name\": 1}").unwrap_err(), ReadError::BadVersion);
    for other_json in ["[1,2,3]", "42", "\"text\"", "null"] {
        assert_eq!(Scenario::from_json(other_json).unwrap_err(), ReadError::BadVersion, "{other_json}");
    }
    assert_eq!(Scenario::from_json("{\"version\": 9}").unwrap_err(), ReadError::NewerVersion { found: 9 });
    assert!(ReadError::NewerVersion { found: 9 }.to_string().contains("newer"));
}
