//! A plain CSV incident history, for status pages of other kinds: a header
//! row naming the columns `component`, `start`, `end` and `severity` (in any
//! order, others ignored), then one row per span. `end` left empty: not
//! resolved yet. `severity` is a status (`major_outage`, "Partial outage")
//! or a number from 0 to 1.

use crate::input::number::grouped;

use super::{parse_time, shown_time, window, Format, History, HistoryError, Level, Span, Status, NO_COMPONENT};

const COLUMNS: [&str; 4] = ["component", "start", "end", "severity"];

pub(super) fn read(text: &str) -> Result<History, HistoryError> {
    let mut rows = records(text, super::MAX_INCIDENTS + 1).map_err(HistoryError)?.into_iter();
    let Some((_, header)) = rows.next() else { return Err(HistoryError("The history file is empty.".into())) };
    let columns = columns(&header)?;
    let (mut spans, mut starts, mut unresolved, mut incidents) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for (line, row) in rows {
        incidents += 1;
        let cell = |k: usize| row.get(columns[k]).map_or("", |c| c.trim());
        let fail = |e: String| HistoryError(format!("Line {line} of the history file: {e}."));
        let component = Some(cell(0)).filter(|c| !c.is_empty()).unwrap_or(NO_COMPONENT).to_string();
        let start = time(cell(1), "start").map_err(fail)?;
        starts.push(start);
        if cell(2).is_empty() {
            unresolved.push(format!("line {line} (\"{component}\", from {})", shown_time(start)));
            continue;
        }
        let end = time(cell(2), "end").map_err(fail)?;
        if end < start {
            return Err(fail(format!("it ends ({}) before it starts ({})", shown_time(end), shown_time(start))));
        }
        let level = level(cell(3)).map_err(fail)?;
        if end > start {
            spans.push(Span { component, start, end, level });
        }
    }
    Ok(History { format: Format::Csv, window: window(&spans, &starts, None), spans, incidents, unresolved })
}

/// Where each of [`COLUMNS`] is in the header.
fn columns(header: &[String]) -> Result<[usize; 4], HistoryError> {
    let mut at = [0; 4];
    for (k, name) in COLUMNS.iter().enumerate() {
        at[k] = header.iter().position(|h| h.trim().eq_ignore_ascii_case(name)).ok_or_else(|| {
            HistoryError(format!(
                "The history file's first line names no \"{name}\" column; a CSV history needs the \
                 columns component, start, end and severity."
            ))
        })?;
    }
    Ok(at)
}

fn time(text: &str, column: &str) -> Result<crate::time::Instant, String> {
    match text {
        "" => Err(format!("the {column} is empty")),
        _ => parse_time(text)
            .ok_or_else(|| format!("the {column} \"{text}\" is not a time such as 2026-03-02T11:49:00Z")),
    }
}

fn level(text: &str) -> Result<Level, String> {
    if text.is_empty() {
        return Err("the severity is empty; give a status such as major_outage, or a number from 0 to 1".into());
    }
    if let Ok(x) = text.parse::<f64>() {
        return match (0.0..=1.0).contains(&x) {
            true => Ok(Level::Severity(x)),
            false => Err(format!("the severity {text} is not from 0 to 1")),
        };
    }
    match Status::parse(text)? {
        Some(status) => Ok(Level::Status(status)),
        None => Err("the severity is \"operational\"; a row is a time something was not".into()),
    }
}

/// The file's records that hold something, as (line number, cells), at most
/// `limit` of them: RFC 4180 quoting, so a quoted cell may hold commas,
/// doubled quotes and line breaks.
fn records(text: &str, limit: usize) -> Result<Vec<(usize, Vec<String>)>, String> {
    let (mut records, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut line, mut row_line, mut quoted) = (1, 1, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                keep(&mut records, row_line, std::mem::take(&mut row), limit)?;
                line += 1;
                row_line = line;
            }
            (_, c) => {
                line += usize::from(c == '\n');
                cell.push(c);
            }
        }
    }
    if quoted {
        return Err(format!("Line {row_line} of the history file opens a quote that never closes."));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        keep(&mut records, row_line, row, limit)?;
    }
    Ok(records)
}

/// Keeps a record unless all its cells are blank; refuses one past `limit`
/// (the header and [`super::MAX_INCIDENTS`] rows).
fn keep(records: &mut Vec<(usize, Vec<String>)>, line: usize, row: Vec<String>, limit: usize) -> Result<(), String> {
    if row.iter().all(|c| c.trim().is_empty()) {
        return Ok(());
    }
    if records.len() == limit {
        return Err(format!(
            "The history file holds more than {} rows; the most it can hold is {}.",
            grouped(super::MAX_INCIDENTS as u64),
            grouped(super::MAX_INCIDENTS as u64)
        ));
    }
    records.push((line, row));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_follow_rfc_4180() {
        let check = |text: &str, expect: &[(usize, &[&str])]| {
            let got = records(text, 10).unwrap();
            let want: Vec<(usize, Vec<String>)> =
                expect.iter().map(|(l, r)| (*l, r.iter().map(|c| c.to_string()).collect())).collect();
            assert_eq!(got, want, "{text:?}");
        };
        check("a,b\r\n1,2\n", &[(1, &["a", "b"]), (2, &["1", "2"])]);
        check("\"x, \"\"y\"\"\",2", &[(1, &["x, \"y\"", "2"])]);
        check("\"two\nlines\",1\nnext,2", &[(1, &["two\nlines", "1"]), (3, &["next", "2"])]);
        check("a\n\n , \nb\n", &[(1, &["a"]), (4, &["b"])]);
        assert!(records("\"open,1\n", 10).unwrap_err().contains("Line 1 of the history file opens a quote"));
    }
}
