//! The results tables, built once as text: the page shows them, the
//! Markdown review prints them, so both show the same rows. Also the
//! dependency map.

use crate::calc::report::Report;
use crate::input::model::Model;
use crate::input::number::fmt_num;
use crate::input::scenario::{plain_text, Scenario};
use crate::output::format::{hours, money, num, percent};
use crate::time::local::format_local;
use crate::time::parse_utc;
use crate::time::zones::Zone;

pub const BLAST_NOTE: &str = "The loss if each component's incidents had been the only ones.";
pub const FALLBACK_NOTE: &str =
    "The loss without each fallback minus the loss with it; the cost includes the fallback's own running cost.";

/// A results table as text: the page and the Markdown report show the same
/// rows. The first column names the row.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    /// Right-aligned (number) columns.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    /// How many rows there are in all (more than `rows` when limited).
    pub of: usize,
    /// What the rows shown are, when limited: "that lose most".
    pub ranked: &'static str,
    /// Columns to highlight: down in this outage (the dependency map).
    pub down: Vec<bool>,
}

impl Table {
    /// Headers may hold `{cur}`, the currency code; every column but the first is numeric.
    pub fn new(headers: &[&str], currency: &str) -> Table {
        Table {
            headers: headers.iter().map(|h| h.replace("{cur}", currency)).collect(),
            numeric: headers.iter().enumerate().map(|(k, _)| k > 0).collect(),
            rows: Vec::new(),
            of: 0,
            down: vec![false; headers.len()],
            ranked: "that lose most",
        }
    }
}

/// Which rows a table shows: all, in their order; or, with a `limit` they
/// exceed, the ones that lose most, largest first. Picked before any row is
/// formatted: a large organisation's page shows 50 of thousands.
pub fn pick(losses: impl Iterator<Item = f64>, limit: Option<usize>) -> Vec<usize> {
    let losses: Vec<f64> = losses.collect();
    match limit.filter(|&n| losses.len() > n) {
        Some(n) => {
            let mut order = largest_first(&losses);
            order.truncate(n);
            order
        }
        None => (0..losses.len()).collect(),
    }
}

pub use crate::sort::largest_first;

fn team_name<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report.teams.iter().find(|t| t.id == id).map_or(id, |t| &t.name)
}

pub fn workflow_table(report: &Report, limit: Option<usize>) -> Table {
    let cur = &report.currency;
    let mut t = Table::new(
        &["Workflow", "Team", "Person-hours lost", "Cost ({cur})", "Lowest functionality", "Mean functionality"],
        cur,
    );
    t.numeric[1] = false;
    t.of = report.workflows.len();
    t.rows = pick(report.workflows.iter().map(|w| w.cost), limit)
        .into_iter()
        .map(|k| {
            let w = &report.workflows[k];
            vec![
                w.name.clone(),
                team_name(report, &w.team).to_string(),
                num(w.person_hours, 1),
                money(w.cost, cur),
                percent(w.minimum_residual),
                percent(w.mean_residual),
            ]
        })
        .collect();
    t
}

pub fn team_table(report: &Report, limit: Option<usize>) -> Table {
    let cur = &report.currency;
    let mut t = Table::new(&["Team", "Person-hours lost", "Cost ({cur})"], cur);
    t.of = report.teams.len();
    t.rows = pick(report.teams.iter().map(|x| x.cost), limit)
        .into_iter()
        .map(|k| {
            let x = &report.teams[k];
            vec![x.name.clone(), num(x.person_hours, 1), money(x.cost, cur)]
        })
        .collect();
    t
}

pub fn blast_table(report: &Report, limit: Option<usize>) -> Table {
    let cur = &report.currency;
    let mut t = Table::new(&["Component", "Person-hours lost", "Cost ({cur})", "Workflows hit"], cur);
    t.of = report.blast_radius.len();
    t.rows = pick(report.blast_radius.iter().map(|b| b.cost), limit)
        .into_iter()
        .map(|k| {
            let b = &report.blast_radius[k];
            vec![b.name.clone(), num(b.person_hours, 1), money(b.cost, cur), b.workflows_hit.to_string()]
        })
        .collect();
    t
}

/// Fallbacks: when each engaged and what it saved (what matters most when
/// rows are limited: the cost it avoided).
pub fn fallback_table(report: &Report, limit: Option<usize>, zone: Zone) -> Table {
    let cur = &report.currency;
    let mut t = Table::new(
        &[
            "Fallback",
            "Workflow",
            "Engaged",
            "Hours engaged",
            "Running cost ({cur})",
            "Person-hours avoided",
            "Cost avoided ({cur})",
        ],
        cur,
    );
    t.numeric[1] = false;
    t.numeric[2] = false;
    t.headers[2] = format!("Engaged ({})", zone.name());
    let clock = |t| format_local(t, zone);
    let all: Vec<_> = report.workflows.iter().flat_map(|w| w.fallbacks.iter().map(move |f| (w, f))).collect();
    t.of = all.len();
    t.rows = pick(all.iter().map(|(_, f)| f.avoided_cost), limit)
        .into_iter()
        .map(|k| {
            let (w, f) = all[k];
            let spans: Vec<String> =
                f.engaged.iter().map(|e| format!("{} to {}", clock(e.from), clock(e.to))).collect();
            vec![
                f.name.clone(),
                w.name.clone(),
                if spans.is_empty() { "not engaged".to_string() } else { spans.join(", ") },
                hours(f.engaged_hours),
                money(f.running_cost, cur),
                num(f.avoided_person_hours, 1),
                money(f.avoided_cost, cur),
            ]
        })
        .collect();
    t
}

/// A table of text columns (inputs as entered), numbers where `numeric`.
fn input_table(headers: &[&str], numeric: &[usize], currency: &str, rows: Vec<Vec<String>>) -> Table {
    let mut t = Table::new(headers, currency);
    t.numeric = (0..headers.len()).map(|k| numeric.contains(&k)).collect();
    t.of = rows.len();
    t.rows = rows;
    t
}

/// Names of the components `ids` name, "none" for none.
fn names_of(s: &Scenario, ids: &[String]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    let name = |id: &String| {
        let c = s.components.iter().find(|c| &c.id == id);
        c.map_or_else(|| plain_text(id).into_owned(), |c| c.display_name().into_owned())
    };
    ids.iter().map(name).collect::<Vec<_>>().join(", ")
}

fn team_label(s: &Scenario, id: &str) -> String {
    s.teams.iter().find(|t| t.id == id).map_or_else(|| plain_text(id), |t| t.display_name()).into_owned()
}

pub fn teams_input(s: &Scenario) -> Table {
    let rows = s
        .teams
        .iter()
        .map(|t| {
            let c = &t.calendar;
            vec![
                t.display_name().into_owned(),
                fmt_num(t.headcount),
                money(t.hourly_cost, &s.currency),
                c.days.iter().map(|d| plain_text(d)).collect::<Vec<_>>().join(", "),
                format!("{}–{}", plain_text(&c.start), plain_text(&c.end)),
                plain_text(&c.time_zone).into_owned(),
            ]
        })
        .collect();
    let headers = ["Team", "People", "Hourly cost ({cur})", "Working days", "Hours (local)", "Time zone"];
    input_table(&headers, &[1, 2], &s.currency, rows)
}

pub fn components_input(s: &Scenario) -> Table {
    let rows = s
        .components
        .iter()
        .map(|c| {
            let provider = c.provider.as_deref().map_or_else(String::new, |p| plain_text(p).into_owned());
            vec![c.display_name().into_owned(), provider, names_of(s, &c.depends_on)]
        })
        .collect();
    input_table(&["Component", "Provider", "Depends on"], &[], &s.currency, rows)
}

pub fn workflows_input(s: &Scenario) -> Table {
    let rows = s
        .workflows
        .iter()
        .map(|w| {
            vec![
                w.display_name().into_owned(),
                team_label(s, &w.team),
                percent(w.share),
                names_of(s, &w.needs),
                percent(w.reliance),
                percent(w.recovery_overhead),
            ]
        })
        .collect();
    let headers = ["Workflow", "Team", "Share of the team's time", "Needs", "Reliance", "Recovery overhead"];
    input_table(&headers, &[2, 4, 5], &s.currency, rows)
}

pub fn fallbacks_input(s: &Scenario) -> Table {
    let rows = s
        .workflows
        .iter()
        .flat_map(|w| {
            w.fallbacks.iter().enumerate().map(move |(k, f)| {
                vec![
                    w.display_name().into_owned(),
                    (k + 1).to_string(),
                    plain_text(&f.name).into_owned(),
                    percent(f.coverage),
                    fmt_num(f.activation_delay_minutes),
                    names_of(s, &f.needs),
                    money(f.running_cost_per_hour, &s.currency),
                ]
            })
        })
        .collect();
    let headers = [
        "Workflow",
        "Order",
        "Fallback",
        "Coverage",
        "Switch-over delay (min)",
        "Needs",
        "Running cost ({cur} per hour)",
    ];
    input_table(&headers, &[1, 3, 4, 6], &s.currency, rows)
}

pub fn incidents_input(s: &Scenario, zone: Zone) -> Table {
    let start = parse_utc(&s.outage.start);
    let at = |minutes: f64| match start {
        Some(t) if minutes.is_finite() => format_local(t + (minutes * 60.0).round() as i64, zone),
        _ => fmt_num(minutes),
    };
    let rows = s
        .outage
        .incidents
        .iter()
        .map(|i| {
            let name = s.components.iter().find(|c| c.id == i.component);
            let name = name.map_or_else(|| plain_text(&i.component), |c| c.display_name()).into_owned();
            vec![name, at(i.start_minutes), at(i.end_minutes), percent(i.severity)]
        })
        .collect();
    let from = format!("From ({})", zone.name());
    let to = format!("To ({})", zone.name());
    input_table(&["Component", &from, &to, "Severity (estimate)"], &[3], &s.currency, rows)
}

/// Components and workflows shown on the dependency map, at most.
const MAP_SIZE: usize = 40;

/// The dependency map: a column per component (highlighted when this outage
/// takes it down, itself or through what it depends on); a row per workflow
/// (● needs it, ◐ a fallback needs it), then per component (● depends on it).
pub fn dependency_table(model: &Model) -> Table {
    let n = model.components.len();
    let down = model.down();
    let shown = n.min(MAP_SIZE);
    let mut headers = vec!["Workflow or component".to_string()];
    headers.extend((0..shown).map(|c| {
        let name = &model.components[c].name;
        if down[c] {
            format!("{name} (down)")
        } else {
            name.clone()
        }
    }));
    let mark = |needs: &dyn Fn(usize) -> bool, fallback: &dyn Fn(usize) -> bool| -> Vec<String> {
        (0..shown)
            .map(|c| {
                if needs(c) {
                    "●"
                } else if fallback(c) {
                    "◐"
                } else {
                    ""
                }
                .to_string()
            })
            .collect()
    };
    let mut rows = Vec::new();
    for w in model.workflows.iter().take(MAP_SIZE) {
        let mut row = vec![w.name.clone()];
        row.extend(mark(&|c| w.needs.contains(&c), &|c| w.fallbacks.iter().any(|f| f.needs.contains(&c))));
        rows.push(row);
    }
    for comp in model.components.iter().take(MAP_SIZE).filter(|c| !c.depends_on.is_empty()) {
        let mut row = vec![format!("{} (component)", comp.name)];
        row.extend(mark(&|c| comp.depends_on.contains(&c), &|_| false));
        rows.push(row);
    }
    Table {
        numeric: vec![false; headers.len()],
        down: std::iter::once(false).chain(down.into_iter().take(shown)).collect(),
        of: rows.len(),
        headers,
        rows,
        ranked: "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn a_limited_table_keeps_the_rows_that_lose_most() {
        let report = crate::Report::build(&crate::validate(&crate::input::presets::example()).unwrap());
        let all = workflow_table(&report, None);
        assert_eq!((all.rows.len(), all.of), (6, 6));
        assert_eq!(all.rows[0][0], "Coding with an AI assistant", "all rows: the scenario's order");
        assert_eq!(workflow_table(&report, Some(6)), all, "a limit not exceeded changes nothing");
        let top = workflow_table(&report, Some(2));
        assert_eq!((top.rows.len(), top.of), (2, 6));
        let mut costs: Vec<f64> = report.workflows.iter().map(|w| w.cost).collect();
        costs.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(top.rows[0][3], money(costs[0], "GBP"));
        assert_eq!(top.rows[1][3], money(costs[1], "GBP"));
    }

    #[test]
    fn the_dependency_map_marks_needs_and_what_is_down() {
        let model = crate::validate(&crate::input::presets::example()).unwrap();
        let t = dependency_table(&model);
        let col = |name: &str| t.headers.iter().position(|h| h.starts_with(name)).unwrap();
        // Login is down in the replay; the web app and the coding tool depend on it.
        for down in ["AI provider: login and auth", "AI provider: web app and console", "AI provider: coding tool"] {
            assert!(t.down[col(down)] && t.headers[col(down)].ends_with("(down)"), "{down}");
        }
        assert!(!t.down[col("Second AI provider")] && !t.down[col("Internal help-desk system")]);
        let coding = &t.rows[0];
        assert_eq!(coding[0], "Coding with an AI assistant");
        assert_eq!(coding[col("AI provider: coding tool")], "●");
        assert_eq!(coding[col("Second AI provider")], "◐");
        let web = t.rows.iter().find(|r| r[0] == "AI provider: web app and console (component)").unwrap();
        assert_eq!(web[col("AI provider: login and auth")], "●");
    }
}
