//! Reading and fitting incident histories, as figures (not assertions): the
//! hand-written Statuspage fixture, a Statuspage export of 50 incidents, and
//! CSVs at the limit (10,000 rows) of spans that overlap in pairs, each the
//! median of several runs in one process; and the comparison of the
//! example's variants (their reports and annual figures), as the command
//! line and the page work them out.
//! Run: cargo bench --bench history

use std::time::Instant;

use outage_impact::calc::annual::{has_incidents, Annual};
use outage_impact::calc::compare::VariantFigures;
use outage_impact::input::history::{fit::fit, read, MAX_INCIDENTS};
use outage_impact::input::{presets, variant};
use outage_impact::time::format_utc;
use outage_impact::Report;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let began = Instant::now();
            f();
            began.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// `n` rows over about three years, on four components, each overlapping the next.
fn csv(n: usize) -> String {
    let mut text = String::from("component,start,end,severity\n");
    let components = ["API", "Web app", "Console", "Models"];
    for k in 0..n {
        let start = 1_700_000_000 + (k as i64) * 9_000;
        let end = start + 3_600 + (k as i64 % 7) * 1_800;
        text.push_str(&format!(
            "{},{},{},{}\n",
            components[k % 4],
            format_utc(start),
            format_utc(end),
            ["major_outage", "partial_outage", "0.3"][k % 3]
        ));
    }
    text
}

/// A Statuspage export of `n` incidents, each with two updates naming the API.
fn statuspage(n: usize) -> String {
    let incidents: Vec<String> = (0..n)
        .map(|k| {
            let start = 1_760_000_000 - (k as i64) * 400_000;
            let (s, e) = (format_utc(start), format_utc(start + 5_400));
            format!(
                r#"{{"name": "Incident {k}", "impact": "major", "started_at": "{s}", "resolved_at": "{e}",
                   "components": [{{"name": "API"}}],
                   "incident_updates": [
                     {{"created_at": "{e}", "affected_components": [{{"name": "API", "old_status": "major_outage", "new_status": "operational"}}]}},
                     {{"created_at": "{s}", "affected_components": [{{"name": "API", "old_status": "operational", "new_status": "major_outage"}}]}}]}}"#
            )
        })
        .collect();
    format!(r#"{{"page": {{"updated_at": "{}"}}, "incidents": [{}]}}"#, format_utc(1_760_000_000), incidents.join(","))
}

fn main() {
    let mut scenario = presets::example();
    scenario.incident_history.components.insert("API".into(), Some("ai-api".into()));
    scenario.incident_history.components.insert("Web app".into(), Some("ai-web".into()));
    let fixture = include_str!("../tests/fixtures/history/statuspage.json");
    let cases = [
        ("hand-written Statuspage fixture (6 incidents)", fixture.to_string()),
        ("Statuspage export, 50 incidents", statuspage(50)),
        ("CSV, 10,000 rows (the limit)", csv(MAX_INCIDENTS)),
    ];
    println!("{:<48} {:>9} {:>9} {:>9}", "history", "KB", "read ms", "fit ms");
    for (what, text) in &cases {
        let history = read(text).unwrap();
        let read_ms = median_ms(9, || drop(read(text).unwrap()));
        let fit_ms = median_ms(9, || drop(fit(&history, &scenario).unwrap()));
        println!("{what:<48} {:>9.1} {read_ms:>9.2} {fit_ms:>9.2}", text.len() as f64 / 1e3);
    }
    let example = presets::example();
    let models = variant::models(&example).unwrap();
    let compare_ms = median_ms(5, || {
        let figures: Vec<VariantFigures> = models
            .iter()
            .map(|(name, model)| {
                let annual = has_incidents(model).then(|| Annual::build(model));
                VariantFigures::of(name, &Report::build(model), annual.as_ref())
            })
            .collect();
        assert_eq!(figures.len(), 5);
    });
    println!("example's five variants (\"As is\" and four), report and annual figures each: {compare_ms:.1} ms");
}
