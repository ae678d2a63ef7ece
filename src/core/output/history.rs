//! The fit of an incident history, as tables the page shows and the
//! command line prints: per scenario component the fitted values beside the
//! scenario's own, and which status-page component counts for which.

use crate::input::history::fit::{status_severity, ComponentFit, Fit};
use crate::input::history::Status;
use crate::input::number::fmt_num_to;
use crate::input::scenario::{Component, Scenario};
use crate::output::format::percent;
use crate::output::markdown::inert;
use crate::output::table::Table;

pub const FIT_NOTE: &str = "Incidents a year are the incidents over the history's window; the 90% range is a \
     lognormal fitted to their durations; the severity is theirs averaged over time. Beside each, in brackets, \
     the scenario's value now.";

/// Per scenario component: the fitted values, the scenario's in brackets.
pub fn fit_table(fit: &Fit, scenario: &Scenario) -> Table {
    let mut table = Table::new(
        &[
            "Component",
            "Incidents",
            "Hours not operational",
            "Incidents a year",
            "90% duration range, hours",
            "Typical severity",
        ],
        &scenario.currency,
    );
    table.rows = fit.components.iter().map(|f| fit_row(f, &scenario.components[f.component])).collect();
    table.of = table.rows.len();
    table
}

fn fit_row(fitted: &ComponentFit, now: &Component) -> Vec<String> {
    let num = |x: f64| fmt_num_to(x, 2);
    let range =
        |r: Option<[f64; 2]>| r.map_or_else(|| "none".to_string(), |[low, high]| format!("{}–{}", num(low), num(high)));
    let beside = |fitted: String, now: String| format!("{fitted} ({now})");
    vec![
        now.display_name().into_owned(),
        fitted.incidents.to_string(),
        num(fitted.hours_down),
        beside(num(fitted.per_year), now.incidents_per_year.map_or_else(|| "none".into(), num)),
        match fitted.duration_hours_p90 {
            Some(r) => beside(range(Some(r)), range(now.duration_hours_p90)),
            None => format!("needs two incidents ({})", range(now.duration_hours_p90)),
        },
        match fitted.severity {
            Some(s) => beside(percent(s), percent(now.incident_severity.unwrap_or(1.0))),
            None => "none".into(),
        },
    ]
}

/// Each status-page component, its spans, and the scenario component it counts for.
pub fn sources_table(fit: &Fit, scenario: &Scenario) -> Table {
    let mut table = Table::new(&["Status-page component", "Periods not operational", "Counts for"], &scenario.currency);
    table.rows = fit
        .sources
        .iter()
        .map(|s| {
            let counts_for =
                s.component.map_or_else(|| "none".into(), |k| scenario.components[k].display_name().into_owned());
            vec![s.name.clone(), s.spans.to_string(), counts_for]
        })
        .collect();
    table.of = table.rows.len();
    table
}

/// "Degraded performance 30%, …, Under maintenance 0% (not counted)".
pub fn severities_line(scenario: &Scenario) -> String {
    let one = |status: Status| {
        let x = status_severity(scenario, status);
        format!("{} {}{}", status.label(), percent(x), if x == 0.0 { " (not counted)" } else { "" })
    };
    Status::ALL.map(one).join(", ")
}

/// The fit as Markdown, as `outage-impact fit` prints it.
pub fn fit_markdown(fit: &Fit, scenario: &Scenario) -> String {
    let mut s = String::from("# The annual view fitted from an incident history\n\n");
    s.extend(fit.notes.iter().map(|n| format!("- {}\n", inert(n))));
    s.push_str(&format!("\n## Fitted per component\n\n{}\n\n", inert(FIT_NOTE)));
    match fit.components.is_empty() {
        true => s.push_str("No status-page component counts for a scenario component: pick them with --map.\n"),
        false => s.push_str(&fit_table(fit, scenario).markdown()),
    }
    s.push_str("\n## Status-page components\n\n");
    s.push_str(&sources_table(fit, scenario).markdown());
    s.push_str(&format!("\nStatus severities: {}.\n", inert(&severities_line(scenario))));
    s
}
