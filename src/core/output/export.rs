//! Results as JSON, CSV and Markdown, and the names of their files. The
//! command line and the app's downloads both call these, so their files are
//! the same.

use serde::Serialize;

use crate::calc::report::Report;
use crate::input::model::Model;
use crate::input::number::fmt_num;
use crate::input::presets::{self, detect_scope};
use crate::input::scenario::Scenario;
use crate::output::share::input_hash;
use crate::time::format_utc;

/// What ties an export to its inputs: the scenario, where it can be opened
/// again, and when the export was made (left out where no clock is wanted).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub scenario: &'a Scenario,
    /// The share link, or its fragment where the app's address is unknown.
    pub link: &'a str,
    pub generated_at: Option<&'a str>,
}

/// A file name such as `outage-impact-example-organisation-1a2b3c4d-review.md`:
/// the scenario's name and the start of its input hash, so files from
/// different inputs never collide.
pub fn file_name(scenario: &Scenario, what: &str, extension: &str) -> String {
    let mut slug = String::new();
    for ch in scenario.name.chars().map(|c| c.to_ascii_lowercase()) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let hash = &input_hash(scenario)[..8];
    if slug.is_empty() {
        format!("outage-impact-{hash}-{what}.{extension}")
    } else {
        format!("outage-impact-{slug}-{hash}-{what}.{extension}")
    }
}

/// Which table a CSV holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvTable {
    Workflows,
    Teams,
    Residual,
}

impl CsvTable {
    pub const ALL: [CsvTable; 3] = [CsvTable::Workflows, CsvTable::Teams, CsvTable::Residual];

    pub fn name(self) -> &'static str {
        match self {
            CsvTable::Workflows => "workflows",
            CsvTable::Teams => "teams",
            CsvTable::Residual => "residual",
        }
    }

    pub fn parse(s: &str) -> Option<CsvTable> {
        CsvTable::ALL.into_iter().find(|t| t.name() == s)
    }
}

/// The results file: the scenario, its results, the app's version and the
/// input hash. Import reads its scenario back.
pub fn results_json(source: Source, report: &Report) -> String {
    #[derive(Serialize)]
    struct ResultsFile<'a> {
        app: &'static str,
        app_version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated_at: Option<&'a str>,
        input_hash: String,
        link: &'a str,
        scenario: &'a Scenario,
        results: &'a Report,
    }
    let file = ResultsFile {
        app: "Outage Impact",
        app_version: crate::VERSION,
        generated_at: source.generated_at,
        input_hash: input_hash(source.scenario),
        link: source.link,
        scenario: source.scenario,
        results: report,
    };
    crate::input::scenario::json_pretty(&file) + "\n"
}

/// The scenario file: exactly what import and `outage-impact report` read.
pub fn scenario_json(scenario: &Scenario) -> String {
    scenario.to_json_pretty() + "\n"
}

/// A spreadsheet-safe cell: text that a spreadsheet would read as a formula
/// (= + - @, tab, carriage return) is prefixed with an apostrophe.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Plain numbers, rounded to what is meaningful, no thousands separators.
fn num(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

pub fn csv(report: &Report, table: CsvTable) -> String {
    let cur = &report.currency;
    let text = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<String>>();
    let mut rows: Vec<Vec<String>> = Vec::new();
    match table {
        CsvTable::Workflows => {
            let mut header = text(&["workflow_id", "workflow", "team_id", "person_hours_lost"]);
            header.extend([format!("labour_cost_{cur}"), format!("fallback_cost_{cur}"), format!("cost_{cur}")]);
            header.extend(text(&["minimum_residual", "mean_residual"]));
            rows.push(header);
            rows.extend(report.workflows.iter().map(|r| {
                vec![
                    safe_cell(&r.id),
                    safe_cell(&r.name),
                    safe_cell(&r.team),
                    num(r.person_hours, 2),
                    num(r.labour_cost, 2),
                    num(r.fallback_cost, 2),
                    num(r.cost, 2),
                    num(r.minimum_residual, 4),
                    num(r.mean_residual, 4),
                ]
            }));
        }
        CsvTable::Teams => {
            let mut header = text(&["team_id", "team", "person_hours_lost"]);
            header.push(format!("cost_{cur}"));
            rows.push(header);
            rows.extend(
                report
                    .teams
                    .iter()
                    .map(|t| vec![safe_cell(&t.id), safe_cell(&t.name), num(t.person_hours, 2), num(t.cost, 2)]),
            );
        }
        CsvTable::Residual => {
            rows.push(text(&["from_utc", "minutes_from_start", "organisation_residual"]));
            let start = report.window.as_ref().map(|w| w.start).unwrap_or(0);
            rows.extend(
                report
                    .residual
                    .series
                    .iter()
                    .map(|s| vec![format_utc(s.at), num((s.at - start) as f64 / 60.0, 2), num(s.value, 6)]),
            );
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &rows {
        // Writing to memory cannot fail. Not unwrapping also keeps the error's
        // Debug formatting, and the Unicode tables it needs, out of the page.
        w.write_record(row).ok();
    }
    w.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

/// Money as people read it: "£9,000" or "9,000 SEK".
pub fn money(amount: f64, currency: &str) -> String {
    let symbol = match currency {
        "GBP" => Some("£"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "JPY" => Some("¥"),
        _ => None,
    };
    let sign = if amount < -0.005 { "-" } else { "" };
    let digits = grouped(amount.abs().round() as u64);
    match symbol {
        Some(s) => format!("{sign}{s}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

/// 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn hours(h: f64) -> String {
    let minutes = (h * 60.0).round() as i64;
    format!("{} h {:02} min", minutes / 60, minutes % 60)
}

pub fn percent(x: f64) -> String {
    format!("{}%", fmt_num((x * 1000.0).round() / 10.0))
}

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
        }
    }

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

/// Which rows a table shows: all, in their order; or, with a `limit` they
/// exceed, the ones that lose most, largest first. Picked before any row is
/// formatted: a large organisation's page shows 50 of thousands.
fn pick(losses: impl Iterator<Item = f64>, limit: Option<usize>) -> Vec<usize> {
    let losses: Vec<f64> = losses.collect();
    let mut order: Vec<usize> = (0..losses.len()).collect();
    if let Some(n) = limit.filter(|&n| losses.len() > n) {
        order.sort_by(|&a, &b| losses[b].total_cmp(&losses[a]));
        order.truncate(n);
    }
    order
}

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
pub fn fallback_table(report: &Report, limit: Option<usize>) -> Table {
    let cur = &report.currency;
    let mut t = Table::new(
        &[
            "Fallback",
            "Workflow",
            "Engaged (UTC)",
            "Hours engaged",
            "Running cost ({cur})",
            "Person-hours avoided",
            "Cost avoided ({cur})",
        ],
        cur,
    );
    t.numeric[1] = false;
    t.numeric[2] = false;
    // Over more than a day, times carry their date.
    let days = report.window.as_ref().is_some_and(|w| format_utc(w.start)[..10] != format_utc(w.end)[..10]);
    let clock = |t| {
        let s = format_utc(t);
        if days {
            format!("{} {}", &s[5..10], &s[11..16])
        } else {
            s[11..16].to_string()
        }
    };
    let all: Vec<_> = report.workflows.iter().flat_map(|w| w.fallbacks.iter().map(move |f| (w, f))).collect();
    t.of = all.len();
    t.rows = pick(all.iter().map(|(_, f)| f.avoided_cost), limit)
        .into_iter()
        .map(|k| {
            let (w, f) = all[k];
            let spans: Vec<String> = f.engaged.iter().map(|e| format!("{}–{}", clock(e.from), clock(e.to))).collect();
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

/// Components and workflows shown on the dependency map, at most.
const MAP_SIZE: usize = 40;

/// The dependency map: a column per component (highlighted when this outage
/// takes it down, itself or through what it depends on); a row per workflow
/// (● needs it, ◐ a fallback needs it), then per component (● depends on it).
pub fn dependency_table(model: &Model) -> Table {
    let n = model.components.len();
    let mut down = vec![false; n];
    for i in &model.outage.incidents {
        if i.severity > 0.0 {
            down[i.component] = true;
        }
    }
    // Dependencies form no cycle, so n rounds reach every dependant.
    for _ in 0..n {
        let before = down.clone();
        for (c, comp) in model.components.iter().enumerate() {
            down[c] |= comp.depends_on.iter().any(|&d| before[d]);
        }
        if before == down {
            break;
        }
    }
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
    }
}

/// Escapes text for a Markdown table cell.
fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The scenario in words, for the review: scope, start, length, who is in it,
/// and each incident with its severity.
fn scenario_in_words(scenario: &Scenario, report: &Report) -> String {
    let name_of = |id: &str| {
        let c = scenario.components.iter().find(|c| c.id == id);
        c.map(|c| if c.name.trim().is_empty() { c.id.as_str() } else { c.name.as_str() }).unwrap_or(id).to_string()
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
    s.push_str(&format!("- Outage length: {}\n", hours(presets::length_minutes(scenario) / 60.0)));
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
        ("Per workflow", "", workflow_table(report, None)),
        ("Per team", "", team_table(report, None)),
        ("Blast radius", BLAST_NOTE, blast_table(report, None)),
        ("Fallbacks: when they engaged and what they saved", FALLBACK_NOTE, fallback_table(report, None)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, safe) in
            [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("plain", "plain"), ("", "")]
        {
            assert_eq!(safe_cell(cell), safe);
        }
    }

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

    #[test]
    fn money_and_hours_read_naturally() {
        assert_eq!(money(9000.0, "GBP"), "£9,000");
        assert_eq!(money(1234567.4, "USD"), "$1,234,567");
        assert_eq!(money(-12.0, "SEK"), "-12 SEK");
        assert_eq!(hours(9.45), "9 h 27 min");
        assert_eq!(percent(0.6125), "61.3%");
        assert_eq!(num(-0.0001, 2), "0.00");
    }
}
