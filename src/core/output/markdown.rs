//! The Markdown report for a risk review: the scenario in words, the key
//! figures, the results tables, the assumptions, and what ties it to its inputs.

use crate::calc::report::Report;
use crate::input::number::fmt_num;
use crate::input::presets::{self, detect_scope};
use crate::input::scenario::{plain_text, Scenario};
use crate::output::file::Source;
use crate::output::format::{hours, money, percent};
use crate::output::share::input_hash;
use crate::output::table::{self, Table, BLAST_NOTE, FALLBACK_NOTE};
use crate::time::{format_utc, MINUTES_PER_HOUR};

impl Table {
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | "));
        let rule: Vec<String> = self.numeric.iter().map(|&n| if n { "---:" } else { "---" }.to_string()).collect();
        let mut s = line(&self.headers);
        s.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            s.push_str(&line(row));
        }
        s
    }
}

/// Escapes text for a Markdown table cell.
/// Text as inert Markdown: it can make no heading, list, link, image,
/// emphasis, table cell or HTML, however it is written. Markdown's own
/// punctuation is escaped; controls are dropped ([`plain_text`]).
fn md(text: &str) -> String {
    let text = plain_text(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '!' | '#' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The scenario in words, for the review: scope, start, length, who is in it,
/// and each incident with its severity.
fn scenario_in_words(scenario: &Scenario, report: &Report) -> String {
    let name_of = |id: &str| {
        let c = scenario.components.iter().find(|c| c.id == id);
        c.map_or_else(|| plain_text(id), |c| c.display_name()).into_owned()
    };
    let incidents = &scenario.outage.incidents;
    let scope = match detect_scope(scenario) {
        Some(scope) => scope.label(scenario),
        None => {
            let mut names: Vec<String> = incidents.iter().map(|i| name_of(&i.component)).collect();
            names.dedup();
            format!(
                "Custom: {} incident{} on {}",
                incidents.len(),
                if incidents.len() == 1 { "" } else { "s" },
                names.join(", ")
            )
        }
    };
    let people: f64 = scenario.teams.iter().map(|t| t.headcount).sum();
    let mut s = String::from("## The scenario\n\n");
    s.push_str(&format!("- What goes down: {}\n", md(&scope)));
    s.push_str(&format!("- Outage starts: {} (UTC)\n", md(&scenario.outage.start)));
    s.push_str(&format!("- Outage length: {}\n", hours(presets::length_minutes(scenario) / MINUTES_PER_HOUR as f64)));
    s.push_str(&format!(
        "- Organisation: {} teams, {} people, {} workflows; costs in {}\n",
        scenario.teams.len(),
        fmt_num(people),
        scenario.workflows.len(),
        report.currency
    ));
    s.push_str(&format!("- Residual-functionality target: {}\n\n", percent(report.target)));
    if !incidents.is_empty() {
        s.push_str("| Component | From (min after start) | To (min after start) | Severity (estimate) |\n|---|---:|---:|---:|\n");
        for i in incidents {
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md(&name_of(&i.component)),
                fmt_num(i.start_minutes),
                fmt_num(i.end_minutes),
                percent(i.severity)
            ));
        }
        s.push('\n');
    }
    s
}

/// The Markdown report for a risk review: the scenario in words, the key
/// figures, the tables, blast radius, fallback value, the assumptions, and
/// what ties it to its inputs (the input hash and the link).
pub fn review_markdown(source: Source, report: &Report) -> String {
    let cur = &report.currency;
    let m = |x: f64| money(x, cur);
    let mut s = String::new();
    s.push_str(&format!("# Outage impact: {}\n\n", md(&report.scenario)));
    s.push_str(&scenario_in_words(source.scenario, report));
    s.push_str("## Key figures\n\n");
    match &report.window {
        Some(w) => s.push_str(&format!(
            "- Outage window: {} to {} ({})\n",
            format_utc(w.start),
            format_utc(w.end),
            hours(w.hours)
        )),
        None => s.push_str("- No incident in this scenario: nothing is lost.\n"),
    }
    let t = &report.totals;
    s.push_str(&format!("- Capacity lost: {} person-hours\n", fmt_num((t.person_hours * 10.0).round() / 10.0)));
    s.push_str(&format!(
        "- Cost: {} ({} of lost work, {} running fallbacks)\n",
        m(t.cost),
        m(t.labour_cost),
        m(t.fallback_cost)
    ));
    let r = &report.residual;
    s.push_str(&format!("- Residual functionality: minimum {}, mean {}\n", percent(r.minimum), percent(r.mean)));
    s.push_str(&format!(
        "- Time below the {} target: {}{}\n\n",
        percent(report.target),
        hours(r.hours_below_target),
        r.first_breach.map(|b| format!(", first at {}", format_utc(b))).unwrap_or_default()
    ));

    for (title, note, table) in [
        ("Per workflow", "", table::workflow_table(report, None)),
        ("Per team", "", table::team_table(report, None)),
        ("Blast radius", BLAST_NOTE, table::blast_table(report, None)),
        ("Fallbacks: when they engaged and what they saved", FALLBACK_NOTE, table::fallback_table(report, None)),
    ] {
        s.push_str(&format!("## {title}\n\n"));
        if !note.is_empty() {
            s.push_str(&format!("{note}\n\n"));
        }
        s.push_str(&table.markdown());
        s.push('\n');
    }
    s.push_str(concat!(
        "## Assumptions\n\n",
        "- Components fail independently; a component's health is the product of its own and its dependencies' health.\n",
        "- Severities are estimates (1 = hard down, 0.3 = three requests in ten fail).\n",
        "- A fallback engages its activation delay after the workflow's service first degrades, and stays engaged until service is back.\n",
        "- Lost capacity counts only working hours in each team's calendar and time zone; fallbacks' running cost counts every engaged hour.\n",
        "- Recovery overhead adds its fraction of the hours lost.\n",
    ));
    s.push_str("\n## Inputs\n\n");
    s.push_str(&format!("- Input hash (SHA-256 of the scenario): `{}`\n", input_hash(source.scenario)));
    if source.link.contains("://") {
        s.push_str(&format!("- Open these inputs again: <{}>\n", source.link));
    } else {
        s.push_str(&format!("- Open these inputs again: add `{}` to the app's address\n", source.link));
    }
    s.push_str(&format!("- Made with Outage Impact {}", crate::VERSION));
    match source.generated_at {
        Some(at) => s.push_str(&format!(" on {at}\n")),
        None => s.push('\n'),
    }
    s
}
