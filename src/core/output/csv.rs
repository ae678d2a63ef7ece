//! Results as CSV, formula-safe: a cell a spreadsheet would read as a
//! formula is neutralised.

use crate::calc::report::Report;
use crate::output::format::num;
use crate::time::local::format_local;
use crate::time::zones::Zone;
use crate::time::{format_utc, Instant, SECONDS_PER_MINUTE};

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

/// A spreadsheet-safe cell: text that a spreadsheet would read as a formula
/// (= + - @, tab, carriage return) is prefixed with an apostrophe.
pub fn safe_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A results table as CSV; times in UTC for machines and in `zone` for people.
pub fn csv(report: &Report, table: CsvTable, zone: Zone) -> String {
    let cur = &report.currency;
    let text = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<String>>();
    let mut rows: Vec<Vec<String>> = Vec::new();
    match table {
        CsvTable::Workflows => {
            let mut header = text(&["workflow_id", "workflow", "team_id", "team", "person_hours_lost"]);
            header.extend([format!("labour_cost_{cur}"), format!("fallback_cost_{cur}"), format!("cost_{cur}")]);
            header.extend(text(&["minimum_residual", "mean_residual"]));
            rows.push(header);
            rows.extend(report.workflows.iter().map(|r| {
                vec![
                    safe_cell(&r.id),
                    safe_cell(&r.name),
                    safe_cell(&r.team),
                    safe_cell(team_name(report, &r.team)),
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
        CsvTable::Residual => rows.extend(residual_rows(report, zone)),
    }
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row.iter().map(|c| quoted(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Two ascending lists of instants as one, each instant once.
fn merge(a: &[Instant], b: impl Iterator<Item = Instant>) -> Vec<Instant> {
    let mut out = Vec::with_capacity(a.len());
    let mut a = a.iter().copied().peekable();
    let mut b = b.peekable();
    while let Some(t) = match (a.peek(), b.peek()) {
        (Some(&x), Some(&y)) if x <= y => a.next(),
        (Some(_), Some(_)) | (None, Some(_)) => b.next(),
        (Some(_), None) => a.next(),
        (None, None) => None,
    } {
        if out.last() != Some(&t) {
            out.push(t);
        }
    }
    out
}

/// A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote
/// or a line break, quotes doubled. Written here rather than with the csv
/// crate, whose writer brings std's I/O errors into the page.
pub(crate) fn quoted(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

fn team_name<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report.teams.iter().find(|t| t.id == id).map_or(id, |t| &t.name)
}

/// The organisation's residual and each workflow's, as steps: one row from
/// each instant any of them changes until the next, with both ends.
fn residual_rows(report: &Report, zone: Zone) -> Vec<Vec<String>> {
    let Some(window) = &report.window else {
        return vec![vec!["from_utc".into(), "to_utc".into(), "organisation_residual".into()]];
    };
    let mut header: Vec<String> = ["from_utc", "to_utc"].map(String::from).to_vec();
    header.extend([format!("from ({})", zone.name()), format!("to ({})", zone.name())]);
    header.extend(["minutes_from_start", "organisation_residual"].map(String::from));
    header.extend(report.workflows.iter().map(|w| safe_cell(&format!("{} [{}]", w.name, w.id))));
    // Every series is sorted: merged in turn, not sorted (each sort the page
    // instantiates costs it kilobytes).
    let series = std::iter::once(&report.residual.series).chain(report.workflows.iter().map(|w| &w.residual));
    let mut at = series.fold(Vec::new(), |all: Vec<Instant>, steps| merge(&all, steps.iter().map(|s| s.at)));
    at.retain(|&t| t < window.end);
    // Each series is read at each instant by walking it once, in step.
    let mut cursors = vec![0usize; report.workflows.len() + 1];
    let mut rows = vec![header];
    for (k, &from) in at.iter().enumerate() {
        let to = at.get(k + 1).copied().unwrap_or(window.end);
        let mut row = vec![format_utc(from), format_utc(to), format_local(from, zone), format_local(to, zone)];
        row.push(num((from - window.start) as f64 / SECONDS_PER_MINUTE as f64, 2));
        let series = std::iter::once(&report.residual.series).chain(report.workflows.iter().map(|w| &w.residual));
        for (cursor, steps) in cursors.iter_mut().zip(series) {
            while steps.get(*cursor + 1).is_some_and(|s| s.at <= from) {
                *cursor += 1;
            }
            row.push(num(steps.get(*cursor).filter(|s| s.at <= from).map_or(1.0, |s| s.value), 6));
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_merge_in_order_each_once() {
        #[rustfmt::skip]
        let cases: [(&[Instant], &[Instant], &[Instant]); 4] = [
            (&[], &[], &[]),
            (&[1, 5], &[], &[1, 5]),
            (&[1, 3, 5], &[2, 3, 6], &[1, 2, 3, 5, 6]),
            (&[4], &[1, 1, 2], &[1, 2, 4]),
        ];
        for (a, b, both) in cases {
            assert_eq!(merge(a, b.iter().copied()), both, "{a:?} and {b:?}");
        }
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        for (cell, written) in [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("", ""),
        ] {
            assert_eq!(quoted(cell), written);
        }
    }

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, safe) in
            [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("plain", "plain"), ("", "")]
        {
            assert_eq!(safe_cell(cell), safe);
        }
    }
}
