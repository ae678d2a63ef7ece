//! Results as CSV, formula-safe: a cell a spreadsheet would read as a
//! formula is neutralised.

use crate::calc::report::Report;
use crate::output::format::num;
use crate::time::{format_utc, SECONDS_PER_MINUTE};

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
            rows.extend(report.residual.series.iter().map(|s| {
                vec![format_utc(s.at), num((s.at - start) as f64 / SECONDS_PER_MINUTE as f64, 2), num(s.value, 6)]
            }));
        }
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    for row in &rows {
        w.write_record(row).expect("writing to memory cannot fail");
    }
    let bytes = w.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of text is text")
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
}
