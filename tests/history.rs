//! Incident histories read and fitted: the hand-written fixtures in both
//! formats (an incident naming no component with null
//! `affected_components`, overlapping spans, an unresolved incident, a
//! maintenance window), their fit checked by hand, and broken files refused
//! with their sentence.

use outage_impact::input::history::fit::{fit, take_all, ComponentFit, Fit};
use outage_impact::input::history::{read, Format, History, NO_COMPONENT};
use outage_impact::input::presets::example;
use outage_impact::Scenario;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/history/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The example with the fixtures' status-page components picked: the web
/// app and the console are its "ai-web", the API its "ai-api".
fn picked() -> Scenario {
    let mut s = example();
    for (name, id) in [("Web app", "ai-web"), ("Console", "ai-web"), ("API", "ai-api")] {
        s.incident_history.components.insert(name.into(), Some(id.into()));
    }
    s
}

fn fitted(history: &History) -> Fit {
    fit(history, &picked()).unwrap()
}

/// Worked by hand. The window is 2026-06-01 to 2026-12-01: 183 days, 0.501027 years.
/// - "ai-web": "Web app down", 2 h at major outage (1); "Login failures",
///   10:00–14:00 as one incident: the web app major 10–11 and the console
///   major 10:30–12:00 overlap, then the web app partial (0.6) 12–14: 2 h at
///   1 and 2 h at 0.6. Two incidents in 0.501027 years: 3.99 a year. Hours 2
///   and 4: mu = 1.039721, sigma = 0.490129; exp(mu ± 1.6448536 sigma) =
///   1.26 to 6.33 h. Severity (2 + 2 + 1.2) / 6 = 0.87.
/// - "ai-api": "API errors", 1 h (no update names it: the impact, critical,
///   is a major outage); "Login failures", major 11–14, 3 h. The maintenance
///   counts 0; the unresolved incident is left out. Hours 1 and 3: mu =
///   0.549306, sigma = 0.776836: 0.48 to 6.22 h. Severity 1.
fn by_hand() -> Vec<ComponentFit> {
    vec![
        ComponentFit {
            component: 1,
            incidents: 2,
            hours_down: 6.0,
            per_year: 3.99,
            duration_hours_p90: Some([1.26, 6.33]),
            severity: Some(0.87),
        },
        ComponentFit {
            component: 2,
            incidents: 2,
            hours_down: 4.0,
            per_year: 3.99,
            duration_hours_p90: Some([0.48, 6.22]),
            severity: Some(1.0),
        },
    ]
}

#[test]
fn the_statuspage_fixture_fits_as_worked_by_hand() {
    let history = read(&fixture("statuspage.json")).unwrap();
    assert_eq!(history.format, Format::Statuspage);
    assert_eq!(history.incidents, 6);
    let fit = fitted(&history);
    assert_eq!(fit.components, by_hand());
    assert_eq!(
        fit.notes,
        [
            "The history holds 6 incidents from 2026-06-01 to 2026-12-01 (183 days, 0.50 years).",
            "The window is shorter than a year: rates from it are rough, and a season's incidents weigh heavily.",
            "Not counted, as not resolved yet: incident 1 (\"Elevated errors on the API\").",
            "1 period at \"Under maintenance\" is not counted: its severity is 0%.",
            "\"(incidents naming no component)\" (1 period not operational) is not counted: no scenario component has its name.",
        ]
    );
}

#[test]
fn the_csv_fixture_fits_as_the_statuspage_one() {
    let history = read(&fixture("incidents.csv")).unwrap();
    assert_eq!((history.format, history.incidents), (Format::Csv, 10));
    let fit = fitted(&history);
    assert_eq!(fit.components, by_hand());
    assert_eq!(history.unresolved, ["line 10 (\"API\", from 2026-11-30 22:00 UTC)"]);
    assert_eq!(fit.notes[0], "The history holds 10 rows from 2026-06-01 to 2026-12-01 (183 days, 0.50 years).");
    assert!(fit.notes[2].starts_with("A CSV says nothing of when it was taken"));
}

#[test]
fn status_levels_count_at_the_severity_the_user_gives_them() {
    let history = read(&fixture("statuspage.json")).unwrap();
    let mut s = picked();
    s.incident_history.severities.under_maintenance = 0.5;
    s.incident_history.severities.partial_outage = 0.0;
    s.incident_history.components.insert(NO_COMPONENT.into(), Some("ai-flagship".into()));
    let fit = fit(&history, &s).unwrap();
    // The API's maintenance now counts: a third incident, 2 h at 0.5.
    let api = &fit.components.iter().find(|c| c.component == 2).unwrap();
    assert_eq!((api.incidents, api.hours_down, api.severity), (3, 6.0, Some(0.83)));
    // The web app's partial outage no longer counts: "Login failures" is 10:00–12:00.
    let web = &fit.components.iter().find(|c| c.component == 1).unwrap();
    assert_eq!((web.incidents, web.hours_down, web.severity), (2, 4.0, Some(1.0)));
    // The incident naming no component counts for the flagship model: one, so no range.
    let flagship = &fit.components.iter().find(|c| c.component == 3).unwrap();
    assert_eq!((flagship.incidents, flagship.duration_hours_p90, flagship.severity), (1, None, Some(0.3)));
    s.incident_history.severities.major_outage = 1.5;
    assert_eq!(
        outage_impact::input::history::fit::fit(&history, &s).unwrap_err().0,
        "The severity of \"Major outage\" is 150%; it needs to be from 0% (not counted) to 100% (hard down)."
    );
}

#[test]
fn taking_the_fit_writes_the_components_and_remembers_the_picks() {
    let history = read(&fixture("statuspage.json")).unwrap();
    let mut s = example();
    s.incident_history.components.insert("Web app".into(), Some("ai-web".into()));
    s.incident_history.components.insert("API".into(), None);
    let fit = fit(&history, &s).unwrap();
    assert_eq!(take_all(&mut s, &fit), Vec::<String>::new());
    let web = &s.components[1];
    assert_eq!(
        (web.incidents_per_year, web.duration_hours_p90, web.incident_severity),
        (Some(3.99), Some([1.26, 6.33]), Some(0.8))
    );
    assert_eq!(s.incident_history.components.get("API"), Some(&None));
    // "Console" matched nothing: left to be matched by name later, not set to none.
    assert_eq!(s.incident_history.components.get("Console"), None);
    // The scenario with the fit taken is valid, and says the same after a round trip.
    assert!(outage_impact::validate(&s).is_ok());
    assert_eq!(Scenario::from_json(&s.to_json_pretty()).unwrap(), s);
}

#[test]
fn broken_histories_are_refused_with_a_sentence_that_names_the_fault() {
    let check = |text: &str, expect: &str| assert_eq!(read(text).unwrap_err().0, expect, "{text}");
    let one = |fields: &str| format!("{{\"incidents\": [{{\"name\": \"Outage\", {fields}}}]}}");
    check(&one("\"resolved_at\": \"2026-03-02T12:00:00Z\""), "In incident 1 (\"Outage\"): it has no started_at time.");
    check(
        &one("\"started_at\": \"2026-03-02T12:00:00Z\", \"resolved_at\": \"2026-03-02T11:00:00Z\", \"impact\": \"major\""),
        "In incident 1 (\"Outage\"): it was resolved (2026-03-02 11:00 UTC) before it started (2026-03-02 12:00 UTC).",
    );
    check(
        &one("\"started_at\": \"noon\""),
        "In incident 1 (\"Outage\"): its started_at \"noon\" is not a time such as 2026-03-02T11:49:00Z.",
    );
    check(
        &one(
            "\"started_at\": \"2026-03-02T11:00:00Z\", \"resolved_at\": null, \"incident_updates\": [{\"created_at\": \
             \"2026-03-02T11:00:00Z\", \"affected_components\": [{\"name\": \"API\", \"old_status\": \"operational\", \
             \"new_status\": \"on_fire\"}]}]",
        ),
        "In incident 1 (\"Outage\"): update 1: the status \"on_fire\" is not one a status page uses (operational, \
         degraded_performance, partial_outage, major_outage, under_maintenance).",
    );
    check(
        &one("\"started_at\": \"2026-03-02T11:00:00Z\", \"resolved_at\": \"2026-03-02T12:00:00Z\", \"impact\": \"dire\""),
        "In incident 1 (\"Outage\"): its impact \"dire\" is not one Statuspage uses (none, minor, major, critical, maintenance).",
    );
    check(
        "{\"incidents\": [{\"name\": 5}]}",
        "The history file is not a Statuspage incident history: line 1, column 25: invalid type: integer `5`, expected a string.",
    );
    check(
        "{\"page\": {}}",
        "The history file has no \"incidents\" list; Statuspage's /api/v2/incidents.json has one. (A scenario file \
         opens with Import at the top of the page.)",
    );
    check(
        "{\"incidents\": [",
        "The history file is not a Statuspage incident history: line 1, column 15: EOF while parsing a list.",
    );
    check(
        "component,start,severity\nAPI,2026-03-02T11:00:00Z,1\n",
        "The history file's first line names no \"end\" column; a CSV history needs the columns component, start, end and severity.",
    );
    check(
        "component,start,end,severity\nAPI,2026-03-02T12:00:00Z,2026-03-02T11:00:00Z,1\n",
        "Line 2 of the history file: it ends (2026-03-02 11:00 UTC) before it starts (2026-03-02 12:00 UTC).",
    );
    check(
        "component,start,end,severity\n\nAPI,yesterday,2026-03-02T11:00:00Z,1\n",
        "Line 3 of the history file: the start \"yesterday\" is not a time such as 2026-03-02T11:49:00Z.",
    );
    check(
        "component,start,end,severity\nAPI,2026-03-02T11:00:00Z,2026-03-02T12:00:00Z,2\n",
        "Line 2 of the history file: the severity 2 is not from 0 to 1.",
    );
    check("component,start,end,severity\n", "The history file holds no incidents.");
}

/// A CSV history of `rows` (component, start, end, severity), under its header.
fn csv(rows: &[&str]) -> String {
    format!("component,start,end,severity\n{}\n", rows.join("\n"))
}

#[test]
fn a_fit_that_would_make_the_scenario_invalid_is_not_taken() {
    // One incident of the coding tool, which has no range of its own: a rate needs one.
    let history = read(&csv(&[
        "Code,2026-01-01T00:00:00Z,2026-01-01T02:00:00Z,1",
        "Web,2026-06-01T00:00:00Z,2026-06-01T00:00:00Z,1",
    ]))
    .unwrap();
    let mut s = example();
    s.components[5].duration_hours_p90 = None;
    s.components[5].incidents_per_year = None;
    s.incident_history.components.insert("Code".into(), Some("ai-code".into()));
    let fit = fit(&history, &s).unwrap();
    assert_eq!(fit.components[0].duration_hours_p90, None);
    let before = s.clone();
    assert_eq!(
        take_all(&mut s, &fit),
        ["AI provider: coding tool: not taken: Incidents per year need a duration range (the low and high hours of \
          nine incidents in ten)."]
    );
    assert_eq!(s, before, "nothing changed");
}

#[test]
fn hostile_histories_are_refused_or_fitted_without_a_fault() {
    // Incidents longer than the year the scenario takes: the range stops at a year.
    let long = read(&csv(&[
        "API,2024-01-01T00:00:00Z,2025-02-01T00:00:00Z,1",
        "API,2025-03-01T00:00:00Z,2026-06-01T00:00:00Z,1",
    ]))
    .unwrap();
    let mut s = example();
    s.incident_history.components.insert("API".into(), Some("ai-api".into()));
    assert_eq!(fit(&long, &s).unwrap().components[0].duration_hours_p90, Some([8784.0, 8784.0]));
    // Less than a week of history: no rate.
    let short = read(&csv(&["API,2026-03-02T11:00:00Z,2026-03-02T13:00:00Z,1"])).unwrap();
    assert_eq!(
        fit(&short, &s).unwrap_err().0,
        "The history covers 0.1 days (2026-03-02 to 2026-03-02); incidents a year need at least 7 days of history."
    );
    // Too many components, rows or bytes: refused with the limit.
    let many: Vec<String> = (0..1001).map(|k| format!("C{k},2026-03-02T11:00:00Z,2026-03-02T13:00:00Z,1")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(
        read(&csv(&many)).unwrap_err().0,
        "The history file names 1,001 components; the most it can name is 1,000."
    );
    let rows = "API,2026-03-02T11:00:00Z,2026-03-02T13:00:00Z,1\n".repeat(10_001);
    assert_eq!(
        read(&format!("component,start,end,severity\n{rows}")).unwrap_err().0,
        "The history file holds more than 10,000 rows; the most it can hold is 10,000."
    );
    // Blank lines cost nothing: 4 MB of them and one row.
    let blank = format!(
        "component,start,end,severity\n{}API,2026-03-02T11:00:00Z,2026-03-02T13:00:00Z,1\n",
        "\n".repeat(4_000_000)
    );
    assert_eq!(read(&blank).unwrap().incidents, 1);
    assert_eq!(
        read("[1, 2]").unwrap_err().0,
        "The history file is a JSON list; Statuspage's /api/v2/incidents.json is an object with an \"incidents\" list."
    );
    assert_eq!(
        read(&csv(&["API,2026-03-02T11:00:00Z,2026-03-02T13:00:00Z,"])).unwrap_err().0,
        "Line 2 of the history file: the severity is empty; give a status such as major_outage, or a number from 0 to 1."
    );
}

#[test]
fn a_component_named_but_left_operational_by_the_updates_counts_at_the_impact() {
    let text = r#"{"incidents": [{"name": "Slow API", "impact": "major", "started_at": "2026-03-02T11:00:00Z",
        "resolved_at": "2026-03-02T12:00:00Z", "components": [{"name": "API"}],
        "incident_updates": [{"created_at": "2026-03-02T11:00:00Z",
            "affected_components": [{"name": "API", "old_status": "operational", "new_status": "operational"}]}]}]}"#;
    let history = read(text).unwrap();
    assert_eq!(history.components(), [("API".to_string(), 1)]);
    assert_eq!(
        history.spans[0].level,
        outage_impact::input::history::Level::Status(outage_impact::input::history::Status::Partial)
    );
}
