//! The chart drawing functions, run natively on the SVG backend: the same
//! code the app runs on canvas.

use outage_impact::input::presets::example;
use outage_impact::output::charts::{self, ChartData};
use outage_impact::output::portable::{self, Portable};
use outage_impact::time::zones::Zone;
use outage_impact::{validate, Engine, Report};
use plotters::prelude::*;

fn zone(name: &str) -> Zone {
    Zone::named(name).unwrap()
}

fn example_data() -> ChartData {
    let m = validate(&example()).unwrap();
    ChartData::new(&Report::build(&m), &m, zone("Europe/London"))
}

fn svg(draw: impl FnOnce(&DrawingArea<Portable<SVGBackend>, plotters::coord::Shift>)) -> String {
    portable::svg((640, 320), draw)
}

#[test]
fn residual_chart_has_target_legend_phases_and_lines() {
    let d = example_data();
    let picked = vec![(0.0, 1.0), (1.0, 0.5)];
    let out = svg(|a| charts::residual(a, &d, Some(("Coding", &picked))).unwrap());
    for words in [
        "Residual functionality over time",
        "Target 60%",
        "Organisation",
        "Coding",
        "Time in Europe/London",
        "100%",
        // Clock times on the axis; every shading named in the legend.
        "12:00",
        "A component down",
        "Someone at work",
    ] {
        assert!(out.contains(words), "missing {words}");
    }
    // One shaded rectangle per incident phase, and polylines for the series.
    assert!(out.matches("<rect").count() >= d.phases.len());
    assert!(out.matches("<polyline").count() >= 3);
}

#[test]
fn cost_chart_ends_at_the_total() {
    let d = example_data();
    let total = d.cost.last().unwrap().1;
    let m = validate(&example()).unwrap();
    assert!((total - Report::build(&m).totals.cost).abs() < 1e-6);
    let out = svg(|a| charts::cost(a, &d).unwrap());
    assert!(out.contains("Cost accumulating (GBP)") && out.contains("£"));
}

#[test]
fn bar_charts_label_every_item_with_money() {
    let d = example_data();
    let out = svg(|a| charts::bars(a, "Loss by team", &d.by_team, &d.currency).unwrap());
    for (name, _) in &d.by_team {
        assert!(out.contains(name.as_str()), "missing {name}");
    }
    assert!(d.by_team.windows(2).all(|w| w[0].1 >= w[1].1), "largest first");
}

#[test]
fn loss_by_length_draws_the_curve() {
    let m = validate(&example()).unwrap();
    let e = Engine::new(&m);
    let pts: Vec<(f64, f64)> = outage_impact::calc::curve::points(&e, 9.45).iter().map(|p| (p.hours, p.cost)).collect();
    let out = svg(|a| charts::loss_by_length(a, &pts, Some((9.45, 2104.0)), "GBP").unwrap());
    assert!(out.contains("Loss against outage length (GBP)") && out.contains("Outage length (hours)"));
    assert!(out.contains("<polyline"));
    assert!(out.contains("This outage: 9 h 27 min, £2,104"), "the chosen length is marked");
}

#[test]
fn a_week_long_outage_gets_days_on_its_axes_and_a_curve_past_it() {
    use outage_impact::input::presets::{with_scope, Scope};
    let s = with_scope(&example(), &Scope::Provider("Primary AI provider".into()), 7.0 * 24.0 * 60.0).unwrap();
    let m = validate(&s).unwrap();
    let r = Report::build(&m);
    let d = ChartData::new(&r, &m, zone("Europe/London"));
    let out = svg(|a| charts::residual(a, &d, None).unwrap());
    // Weekday and clock: "Tue 00:00" and the like.
    assert!(
        ["Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "].iter().filter(|d| out.contains(*d)).count() >= 3,
        "{out}"
    );
    let pts = outage_impact::calc::curve::lengths(168.0);
    assert!(*pts.last().unwrap() >= 168.0 * 1.25);
}

#[test]
fn bar_labels_keep_names_that_share_a_start_apart() {
    let items = vec![
        ("Support bot answering customers (UK) in the morning".to_string(), 300.0),
        ("Support bot answering customers (US) in the morning".to_string(), 200.0),
    ];
    let out = portable::svg((360, 300), |a| charts::bars(a, "Loss by workflow", &items, "GBP").unwrap());
    // The bars' own labels ("name: £amount"), not the axis's money ticks.
    let labels: Vec<&str> = out
        .split("</text>")
        .filter_map(|t| t.rsplit('>').next())
        .map(str::trim)
        .filter(|t| t.contains(": £"))
        .collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    let names: Vec<&str> = labels.iter().map(|l| l.rsplit_once(": £").unwrap().0).collect();
    assert_ne!(names[0], names[1], "{names:?}");
    assert!(names[0].contains('…') && names[0].starts_with("Support"), "cut in the middle: {names:?}");
}

#[test]
fn charts_draw_without_an_outage() {
    let mut s = example();
    s.outage.incidents.clear();
    let m = validate(&s).unwrap();
    let d = ChartData::new(&Report::build(&m), &m, zone("UTC"));
    svg(|a| charts::residual(a, &d, None).unwrap());
    svg(|a| charts::cost(a, &d).unwrap());
    svg(|a| charts::bars(a, "Loss by team", &d.by_team, "GBP").unwrap());
    svg(|a| charts::loss_by_length(a, &[], None, "GBP").unwrap());
}

#[test]
fn the_exceedance_chart_marks_round_losses_and_every_figure() {
    let m = validate(&example()).unwrap();
    let annual = outage_impact::calc::annual::Annual::build(&m);
    let out = svg(|a| charts::exceedance(a, &charts::Exceedance::of(&annual, &m)).unwrap());
    for words in [
        "Chance of losing more than this in a year (GBP)",
        "£10,000",
        "£20,000",
        "mean",
        "p50",
        "p90",
        "p95",
        "p99",
        "Your tolerance",
    ] {
        assert!(out.contains(words), "missing {words}");
    }
    // The axis's losses are round: no "£15,849" from even steps of the logarithm.
    let labels: Vec<&str> = out.split('£').skip(1).map(|s| s.split('<').next().unwrap()).collect();
    for label in labels {
        let leading = label.trim_start_matches(|c: char| !c.is_ascii_digit()).chars().next().unwrap();
        let rest: String = label.chars().skip(1).filter(|c| c.is_ascii_digit()).collect();
        assert!("125".contains(leading) && rest.chars().all(|c| c == '0'), "a loss not round: £{label}");
    }
}
