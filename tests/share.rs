//! The share link and the file formats: round trips for the presets and for
//! generated scenarios, a frozen link from format version 1, what a damaged
//! link says, and decoders fed arbitrary input (they must never panic).

use outage_impact::input::generate::{self, Size};
use outage_impact::input::presets;
use outage_impact::input::scenario::*;
use outage_impact::output::share::{self, LinkError, StartedFrom};
use proptest::prelude::*;

/// A link made by version 1 on 2026-11-26, and the scenario it held. Never
/// regenerate these: they stand for links already sent around.
const FROZEN_LINK: &str = include_str!("fixtures/link-v1.txt");
const FROZEN_SCENARIO: &str = include_str!("fixtures/link-v1-scenario.json");

#[test]
fn a_link_from_version_1_still_opens_the_same_scenario() {
    let opened = share::decode(FROZEN_LINK.trim()).unwrap().unwrap();
    assert_eq!(opened, Scenario::from_json(FROZEN_SCENARIO).unwrap());
    assert!(outage_impact::validate(&opened).is_ok());
}

#[test]
fn presets_round_trip_through_the_link_and_the_file() {
    let large = generate::organisation(
        Size { teams: 20, workflows: 150, components: 60, depth: 4, incidents: 30, outage_hours: 24.0 },
        3,
    );
    for s in [presets::example(), large] {
        assert_eq!(share::decode(&share::encode(&s)).unwrap(), Some(s.clone()));
        assert_eq!(Scenario::from_json(&s.to_json_pretty()).unwrap(), s);
        assert_eq!(Scenario::from_json(&outage_impact::output::file::scenario_json(&s)).unwrap(), s);
    }
}

/// (what, fragment, the error it must give)
fn damaged() -> Vec<(&'static str, String, LinkError)> {
    let good = share::encode(&presets::example());
    let cut = |n: usize| good[..good.len() - n].to_string();
    let mut flipped = good.clone().into_bytes();
    let k = flipped.len() / 2;
    flipped[k] = if flipped[k] == b'A' { b'B' } else { b'A' };
    vec![
        ("cut by one character", cut(1), LinkError::Truncated),
        ("cut by ten", cut(10), LinkError::Truncated),
        ("cut in half", cut(good.len() / 2), LinkError::Truncated),
        ("one character changed", String::from_utf8(flipped).unwrap(), LinkError::Tampered),
        ("a character no link has", format!("{}!{}", &good[..40], &good[41..]), LinkError::Tampered),
        ("another tool's fragment", "#token=abc123".into(), LinkError::Foreign),
        ("our key, no version", "#s=hello".into(), LinkError::Foreign),
        ("a newer link format", format!("#s=2.{}", &good[4..]), LinkError::NewerVersion(2)),
    ]
}

#[test]
fn a_damaged_link_says_what_is_wrong() {
    for (what, fragment, expected) in damaged() {
        assert_eq!(share::decode(&fragment).map(|_| ()), Err(expected.clone()), "{what}");
        assert!(!expected.to_string().is_empty());
    }
    assert!(LinkError::Truncated.to_string().contains("cut off"));
    assert!(LinkError::Tampered.to_string().contains("damaged"));
    assert!(LinkError::Foreign.to_string().contains("not made by Outage Impact"));
}

#[test]
fn a_link_to_json_that_is_not_a_scenario_is_unreadable() {
    use base64::Engine as _;
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(br#"{"hello": "world"}"#, 6);
    let fragment = format!("s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
    assert_eq!(share::decode(&fragment), Err(LinkError::Unreadable(ReadError::BadVersion)));
}

#[test]
fn the_page_opens_on_the_link_else_the_autosave_else_the_example() {
    let example = presets::example;
    let mut mine = presets::example();
    mine.teams[0].headcount = 40.0;
    let saved = share::Autosave { scenario: mine.clone(), drafts: Default::default() }.to_json();
    let mut theirs = presets::example();
    theirs.teams[0].headcount = 7.0;
    let link = share::encode(&theirs);

    let s = share::start("", None, example);
    assert_eq!((s.from, s.scenario, s.link_error), (StartedFrom::Example, presets::example(), None));

    let s = share::start("", Some(&saved), example);
    assert_eq!((s.from, s.scenario), (StartedFrom::Autosave, mine.clone()));

    // A link replaces what is on screen; one's own work is set aside, not lost.
    let s = share::start(&link, Some(&saved), example);
    assert_eq!((s.from, &s.scenario), (StartedFrom::Link, &theirs));
    assert_eq!(s.set_aside.map(|a| a.scenario), Some(mine.clone()));
    // A reload: the autosave is the link's own scenario, and keeps what was typed.
    let drafts: std::collections::HashMap<String, String> =
        [("teams[0].headcount".to_string(), "7x".to_string())].into();
    let same = share::Autosave { scenario: theirs.clone(), drafts: drafts.clone() }.to_json();
    let s = share::start(&link, Some(&same), example);
    assert!(s.set_aside.is_none());
    assert_eq!((s.scenario, s.drafts), (theirs.clone(), drafts));

    // A damaged link: the reason, and the autosave (or the example) instead.
    let cut = &link[..link.len() - 5];
    let s = share::start(cut, Some(&saved), example);
    assert_eq!((s.from, s.scenario, s.link_error), (StartedFrom::Autosave, mine, Some(LinkError::Truncated)));
    let s = share::start(cut, Some("not json"), example);
    assert_eq!((s.from, s.link_error), (StartedFrom::Example, Some(LinkError::Truncated)));
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z][a-z0-9-]{0,8}"]
}

/// Any finite number (17-digit oddities from hand-written files too), numbers
/// in 0–1, whole numbers, and typed percentages as the editor stores them.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        0.0..1.0f64,
        (0u32..10_000).prop_map(f64::from),
        "[0-9]{1,3}(\\.[0-9]{1,4})?".prop_map(|t| outage_impact::input::number::Unit::Percent.parse(&t)),
    ]
}

prop_compose! {
    fn calendar()(days in prop::collection::vec(text(), 0..8), start in text(), end in text(), time_zone in text()) -> Calendar {
        Calendar { days, start, end, time_zone }
    }
}

prop_compose! {
    fn component()(id in text(), name in text(), provider in prop::option::of(text()), depends_on in prop::collection::vec(text(), 0..3),
                   incidents_per_year in prop::option::of(number()), range in prop::option::of((number(), number())), sla in prop::option::of(number()), incident_severity in prop::option::of(number())) -> Component {
        Component { id, name, provider, depends_on, incidents_per_year, duration_hours_p90: range.map(|(a, b)| [a, b]), incident_severity, sla }
    }
}

prop_compose! {
    fn fallback()(name in text(), coverage in number(), activation_delay_minutes in number(), needs in prop::collection::vec(text(), 0..3), running_cost_per_hour in number(), yearly_cost in number()) -> Fallback {
        Fallback { name, coverage, activation_delay_minutes, needs, running_cost_per_hour, yearly_cost }
    }
}

prop_compose! {
    fn workflow()(id in text(), name in text(), team in text(), share in number(), needs in prop::collection::vec(text(), 0..3),
                  reliance in number(), fallbacks in prop::collection::vec(fallback(), 0..3), recovery_overhead in number()) -> Workflow {
        Workflow { id, name, team, share, needs, reliance, fallbacks, recovery_overhead }
    }
}

prop_compose! {
    fn change()(workflow in prop::option::of(text()), fallback in text(), on in any::<bool>(),
                numbers in prop::collection::vec(prop::option::of(number()), 4)) -> FallbackChange {
        FallbackChange { workflow, fallback, on, coverage: numbers[0], activation_delay_minutes: numbers[1],
                         running_cost_per_hour: numbers[2], yearly_cost: numbers[3] }
    }
}

prop_compose! {
    fn variant()(name in text(), changes in prop::collection::vec(change(), 0..3)) -> Variant {
        Variant { name, changes }
    }
}

prop_compose! {
    fn history()(severities in (number(), number(), number(), number()),
                 components in prop::collection::btree_map(text(), prop::option::of(text()), 0..3)) -> HistoryReading {
        let (degraded_performance, partial_outage, major_outage, under_maintenance) = severities;
        HistoryReading {
            severities: StatusSeverities { degraded_performance, partial_outage, major_outage, under_maintenance },
            components,
        }
    }
}

prop_compose! {
    fn scenario()(name in text(), currency in text(), target in number(),
                  components in prop::collection::vec(component(), 0..5),
                  teams in prop::collection::vec((text(), text(), number(), number(), calendar()), 0..4),
                  workflows in prop::collection::vec(workflow(), 0..5),
                  start in text(), time_zone in prop::option::of(text()),
                  incidents in prop::collection::vec((text(), number(), number(), number()), 0..5),
                  seed in number(), years in number(), tolerance in prop::collection::vec((number(), number()), 0..3),
                  variants in prop::collection::vec(variant(), 0..3), incident_history in history()) -> Scenario {
        Scenario {
            version: 1,
            name,
            currency,
            target,
            components,
            teams: teams.into_iter().map(|(id, name, headcount, hourly_cost, calendar)| Team { id, name, headcount, hourly_cost, calendar }).collect(),
            workflows,
            outage: Outage {
                start,
                time_zone,
                incidents: incidents.into_iter().map(|(component, start_minutes, end_minutes, severity)| Incident { component, start_minutes, end_minutes, severity }).collect(),
            },
            annual: AnnualSettings { seed, years, tolerance: tolerance.into_iter().map(|(loss, chance)| TolerancePoint { loss, chance }).collect() },
            variants,
            incident_history,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any scenario the editor can hold, valid or not, survives both trips exactly.
    #[test]
    fn generated_scenarios_round_trip(s in scenario()) {
        prop_assert_eq!(share::decode(&share::encode(&s)).unwrap(), Some(s.clone()));
        prop_assert_eq!(Scenario::from_json(&s.to_json_pretty()).unwrap(), s);
    }

    /// Changing any one character of a link gives an error or the very same scenario.
    #[test]
    fn a_changed_character_is_caught(at in any::<prop::sample::Index>(), ch in "[A-Za-z0-9_-]") {
        let s = presets::example();
        let mut link = share::encode(&s).into_bytes();
        let k = 4 + at.index(link.len() - 4);
        link[k] = ch.as_bytes()[0];
        match share::decode(&String::from_utf8(link).unwrap()) {
            Ok(opened) => prop_assert_eq!(opened, Some(s)),
            Err(e) => prop_assert!(matches!(e, LinkError::Tampered | LinkError::Truncated | LinkError::Unreadable(_)), "{e:?}"),
        }
    }

    #[test]
    fn the_link_decoder_never_panics_on_any_string(fragment in any::<String>()) {
        let _ = share::decode(&fragment);
        let _ = share::decode(&format!("s=1.{fragment}"));
    }

    #[test]
    fn the_link_decoder_never_panics_on_any_compressed_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        use base64::Engine as _;
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, 6);
        let _ = share::decode(&format!("s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&packed)));
        let _ = share::decode(&format!("s=1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes)));
    }

    #[test]
    fn the_file_readers_never_panic(text in any::<String>(), bytes in prop::collection::vec(any::<u8>(), 0..500)) {
        let _ = Scenario::from_json(&text);
        let _ = share::Autosave::from_json(&text);
        let lossy = String::from_utf8_lossy(&bytes);
        let _ = Scenario::from_json(&lossy);
        if let Ok(s) = Scenario::from_json(&lossy) {
            let _ = outage_impact::validate(&s);
        }
    }

    /// JSON-shaped noise: a real scenario with one value replaced by any JSON.
    #[test]
    fn a_scenario_with_any_value_swapped_reads_or_errs(path in 0usize..400, replacement in prop_oneof![
        Just("null".to_string()), Just("-1e400".to_string()), Just("[]".to_string()), Just("{}".to_string()),
        Just("\"\"".to_string()), any::<i64>().prop_map(|n| n.to_string()), any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
    ]) {
        let json = presets::EXAMPLE_JSON;
        // Replace the path-th scalar value (a number or a string after ':').
        let spots: Vec<usize> = json.match_indices(": ").map(|(i, _)| i + 2).collect();
        let at = spots[path % spots.len()];
        let end = json[at..].find([',', '\n', '}']).map_or(json.len(), |e| at + e);
        let changed = format!("{}{}{}", &json[..at], replacement, &json[end..]);
        if let Ok(s) = Scenario::from_json(&changed) {
            let _ = outage_impact::validate(&s).map(|m| outage_impact::Report::build(&m));
        }
    }
}

#[test]
fn every_link_error_is_a_sentence_the_banner_can_follow() {
    use outage_impact::input::scenario::ReadError;
    let errors = [
        LinkError::Foreign,
        LinkError::NewerVersion(9),
        LinkError::Truncated,
        LinkError::Tampered,
        LinkError::TooLarge,
        LinkError::Unreadable(ReadError::BadVersion),
        LinkError::Unreadable(ReadError::NewerVersion { found: 2 }),
        LinkError::Unreadable(Scenario::from_json("{\"version\": 1,").unwrap_err()),
    ];
    for e in errors {
        // The banner goes on: "… The calculator opened the example instead."
        assert!(e.to_string().ends_with('.'), "{e}");
    }
}
