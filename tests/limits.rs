//! Hostile and huge scenarios: within the limits they are computed in time
//! and memory that grow with their size; beyond them they are refused with
//! the limit in the message, before any work that grows with them.

mod common;
use common::*;

use outage_impact::input::generate::{organisation, Size, LARGE};
use outage_impact::input::scenario::Scenario;
use outage_impact::{validate, Report};

/// `n` components, each depending on the one before (`chain`) or on every
/// one before (dense); `workflows` workflows needing the last.
fn graph(n: usize, dense: bool, workflows: usize) -> Scenario {
    let mut s = seed_org();
    s.components = (0..n)
        .map(|i| {
            let deps: Vec<String> = match (dense, i) {
                (_, 0) => vec![],
                (false, _) => vec![format!("c{}", i - 1)],
                (true, _) => (0..i).map(|j| format!("c{j}")).collect(),
            };
            component(&format!("c{i}"), &deps.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .collect();
    s.workflows =
        (0..workflows).map(|k| workflow(&format!("w{k}"), "eng", 0.01, &[&format!("c{}", n - 1)], 1.0)).collect();
    s.outage.incidents = vec![incident("c0", 0.0, 240.0, 1.0)];
    s
}

fn refused_with(s: &Scenario, words: &str) {
    let problems = validate(s).expect_err(words);
    assert!(problems.iter().any(|p| p.message.contains(words)), "expected …{words}…, got {problems:#?}");
}

#[test]
fn a_long_chain_is_computed_and_everything_above_its_root_goes_down() {
    // 16,000 chained components once took 2 GB: each kept its whole chain.
    let s = graph(16_000, false, 10);
    let report = Report::build(&validate(&s).unwrap());
    assert!(report.residual.minimum < 1e-9, "c0 down takes every workflow down: {}", report.residual.minimum);
    assert!(report.totals.cost.is_finite() && report.totals.cost > 0.0);
}

#[test]
fn ten_times_the_benchmark_organisation_is_within_the_limits() {
    let s = organisation(Size { workflows: 20_000, ..LARGE }, 1);
    assert!(validate(&s).is_ok());
}

#[test]
fn lists_beyond_the_limits_are_refused_with_the_limit() {
    let mut s = seed_org();
    s.components = (0..20_001).map(|i| component(&format!("c{i}"), &[])).collect();
    refused_with(&s, "This scenario has 20,001 components; the calculator takes at most 20,000.");
    let mut s = seed_org();
    s.workflows[0].fallbacks = vec![fallback(0.5, 0.0, &[], 0.0); 21];
    refused_with(&s, "21 fallbacks in one workflow; the calculator takes at most 20.");
    let mut s = seed_org();
    s.outage.incidents = vec![incident("ai", 0.0, 60.0, 0.5); 2_001];
    refused_with(&s, "This scenario has 2,001 incidents; the calculator takes at most 2,000.");
    // Each of 2,000 components depending on every one before: 1,999,000 links.
    refused_with(&graph(2_000, true, 1), "This scenario has 1,999,001 dependencies");
}

#[test]
fn a_dense_map_walked_by_many_workflows_is_refused_before_the_engine_works() {
    // 1,000 components each needing all before (499,500 links, within the
    // limit), walked by 50 workflows: some 25 million steps.
    let s = graph(1_000, true, 50);
    refused_with(&s, "more than 20,000,000 steps of the dependency map");
    // Walked by a few, it is computed.
    assert!(validate(&graph(1_000, true, 5)).is_ok());
}

/// Every number at its limit or at an extreme inside it, in many shapes: the
/// results, the files and the curve hold only finite numbers.
mod extremes {
    use super::*;
    use outage_impact::calc::{curve, engine::Engine};
    use outage_impact::output::{csv, file, markdown};
    use proptest::prelude::*;

    fn find_nulls(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Null => out.push(path.to_string()),
            serde_json::Value::Array(items) => {
                items.iter().enumerate().for_each(|(k, x)| find_nulls(x, &format!("{path}[{k}]"), out))
            }
            serde_json::Value::Object(map) => map.iter().for_each(|(k, x)| find_nulls(x, &format!("{path}.{k}"), out)),
            _ => {}
        }
    }

    fn extreme() -> impl Strategy<Value = f64> {
        prop_oneof![Just(0.0), Just(1e-300), Just(f64::MIN_POSITIVE), Just(0.5), Just(1.0)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn no_result_or_file_holds_a_number_that_is_not_finite(
            headcount in prop_oneof![Just(1e6), Just(0.0), Just(1e-300)],
            cost in prop_oneof![Just(1e7), Just(0.0), Just(1e-300)],
            recovery in prop_oneof![Just(10.0), Just(0.0)],
            share in extreme(), reliance in extreme(), coverage in extreme(), severity in extreme(),
            teams in 1usize..40, minutes in prop_oneof![Just(1.0), Just(527_040.0)],
        ) {
            let mut s = seed_org();
            s.teams = (0..teams)
                .map(|t| team(&format!("t{t}"), headcount, cost, calendar(&EVERY_DAY, "00:00", "24:00", "UTC")))
                .collect();
            s.workflows = (0..teams)
                .map(|t| {
                    let mut w = workflow(&format!("w{t}"), &format!("t{t}"), share, &["ai"], reliance);
                    w.recovery_overhead = recovery;
                    w.fallbacks = vec![fallback(coverage, 0.0, &[], cost)];
                    w
                })
                .collect();
            s.outage.incidents = vec![incident("ai", 0.0, minutes, severity)];
            let model = validate(&s).unwrap();
            let report = Report::build(&model);
            let source = file::Source { scenario: &s, link: "#s=1.x", generated_at: None, zone: s.reading_zone(None) };
            let json = file::results_json(source, &report, &[]);
            // JSON writes a number that is not finite as null: only "no breach" may be null.
            let mut nulls = Vec::new();
            find_nulls(&serde_json::from_str(&json).unwrap(), "", &mut nulls);
            prop_assert!(nulls.iter().all(|p| p.ends_with("first_breach")), "{:?}", nulls);
            let zone = source.zone;
            let files = [
                markdown::review_markdown(source, &report, None, &[]),
                csv::csv(&report, csv::CsvTable::Workflows, zone),
                csv::csv(&report, csv::CsvTable::Residual, zone),
            ];
            for text in files {
                prop_assert!(!text.contains("inf") && !text.contains("NaN"), "{}", text);
            }
            let engine = Engine::new(&model);
            for hours in [0.25, 48.0] {
                let p = curve::point(&engine, hours);
                prop_assert!(p.cost.is_finite() && p.person_hours.is_finite());
            }
        }
    }
}

/// Names are the user's text: in the review they are inert, whatever they hold.
#[test]
fn a_hostile_name_stays_inert_text_in_the_review() {
    use outage_impact::output::{file, html, markdown};
    let hostile = "Eng\r# heading <img src=x onerror=alert(1)> [x](javascript:alert(1)) | cell \u{202E}desrever";
    let mut s = seed_org();
    s.name = hostile.into();
    s.teams[0].name = hostile.into();
    s.workflows[0].name = hostile.into();
    s.components[0].name = hostile.into();
    let model = validate(&s).unwrap();
    let report = Report::build(&model);
    let source = file::Source { scenario: &s, link: "#s=1.x", generated_at: None, zone: s.reading_zone(None) };
    let page = html::review_html(source, &report, &model, None, &[]);
    for construct in ["<img", "\u{202E}", "\r"] {
        assert!(!page.contains(construct), "{construct:?} left live in the HTML report");
    }
    assert!(page.contains("Eng # heading &lt;img"), "the name is shown, as text");
    let md = markdown::review_markdown(source, &report, None, &[]);
    // What a renderer acts on: the text without its escaped characters.
    let mut live = String::new();
    let mut chars = md.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            live.push(c);
        }
    }
    for construct in ["<img", "](javascript", "\r", "\u{202E}", "# heading", "[x]"] {
        assert!(!live.contains(construct), "{construct:?} left live in:\n{md}");
    }
    // Every row of a table has as many cells as its header: a | in a name is no cell.
    let mut header_cells = None;
    for line in live.lines() {
        if !line.starts_with('|') {
            header_cells = None;
            continue;
        }
        let cells = line.matches('|').count();
        assert_eq!(*header_cells.get_or_insert(cells), cells, "{line}");
    }
}
