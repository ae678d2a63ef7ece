//! The chart drawing functions, run natively on the SVG backend: the same
//! code the app runs on canvas.

use outage_impact::input::presets::example;
use outage_impact::output::charts::{self, ChartData};
use outage_impact::{validate, Engine, Report};
use plotters::prelude::*;

fn example_data() -> ChartData {
    let m = validate(&example()).unwrap();
    let r = Report::build(&m);
    let incidents: Vec<_> =
        m.outage.incidents.iter().map(|i| (m.components[i.component].name.clone(), i.start, i.end)).collect();
    ChartData::from_report(&r, &incidents)
}

fn svg(draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (640, 320)).into_drawing_area();
        draw(&area);
    }
    out
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
        "Hours since the outage started",
        "100%",
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
    let pts: Vec<(f64, f64)> = outage_impact::calc::curve::lengths()
        .iter()
        .map(|&h| {
            let p = outage_impact::calc::curve::point(&e, h);
            (p.hours, p.cost)
        })
        .collect();
    let out = svg(|a| charts::loss_by_length(a, &pts, "GBP").unwrap());
    assert!(out.contains("Loss against outage length (GBP)") && out.contains("Outage length (hours)"));
    assert!(out.contains("<polyline"));
}

#[test]
fn charts_draw_without_an_outage() {
    let mut s = example();
    s.outage.incidents.clear();
    let m = validate(&s).unwrap();
    let d = ChartData::from_report(&Report::build(&m), &[]);
    svg(|a| charts::residual(a, &d, None).unwrap());
    svg(|a| charts::cost(a, &d).unwrap());
    svg(|a| charts::bars(a, "Loss by team", &d.by_team, "GBP").unwrap());
    svg(|a| charts::loss_by_length(a, &[], "GBP").unwrap());
}
