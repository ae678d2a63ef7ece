//! A provider's incident history, read once from the file the user
//! downloaded: Atlassian Statuspage's `/api/v2/incidents.json`
//! ([`statuspage`]) or a plain CSV of component, start, end, severity
//! ([`table`]). Either becomes a [`History`]: the spans when each
//! status-page component was not operational. [`fit`] turns it into the
//! annual view's inputs for the scenario's components.
//!
//! A broken file is refused whole with a sentence that names the incident or
//! row and what is wrong with it; nothing is half read.

pub mod fit;
mod statuspage;
mod table;

use crate::input::number::grouped;
use crate::time::{format_utc, Instant};

/// The largest history file read: a Statuspage export of its 50 incidents is
/// well under 1 MB; a CSV of 10,000 incidents about 1 MB.
pub const MAX_BYTES: usize = 5_000_000;
/// The most incidents (or CSV rows) one file may hold.
pub const MAX_INCIDENTS: usize = 10_000;
/// The most status-page components one file may name: each is a picker on the page.
pub const MAX_COMPONENTS: usize = 1_000;
/// Incidents a Statuspage export holds at most: the most recent ones.
pub const STATUSPAGE_EXPORT_INCIDENTS: usize = 50;
/// The status-page component of incidents that name none.
pub const NO_COMPONENT: &str = "(incidents naming no component)";

/// A status other than operational, as Statuspage names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Degraded,
    Partial,
    Major,
    Maintenance,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Degraded, Status::Partial, Status::Major, Status::Maintenance];

    /// Statuspage's name for it.
    pub fn key(self) -> &'static str {
        match self {
            Status::Degraded => "degraded_performance",
            Status::Partial => "partial_outage",
            Status::Major => "major_outage",
            Status::Maintenance => "under_maintenance",
        }
    }

    /// As a status page shows it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Degraded => "Degraded performance",
            Status::Partial => "Partial outage",
            Status::Major => "Major outage",
            Status::Maintenance => "Under maintenance",
        }
    }

    /// `Ok(None)`: operational. Spaces and capitals are allowed ("Major outage").
    pub fn parse(text: &str) -> Result<Option<Status>, String> {
        let key = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if key == "operational" {
            return Ok(None);
        }
        Status::ALL.into_iter().find(|s| s.key() == key).map(Some).ok_or_else(|| {
            format!(
                "the status \"{}\" is not one a status page uses (operational, degraded_performance, \
                 partial_outage, major_outage, under_maintenance)",
                text.trim()
            )
        })
    }
}

/// How bad a span was: a status level (its severity is the user's to set),
/// or a severity the CSV gives as a number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Level {
    Status(Status),
    Severity(f64),
}

/// A time one status-page component was not operational, `start < end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub component: String,
    pub start: Instant,
    pub end: Instant,
    pub level: Level,
}

/// Which kind of file the history came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Statuspage,
    Csv,
}

/// An incident history, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub format: Format,
    pub spans: Vec<Span>,
    /// From the oldest incident's start to the latest time the file knows of.
    pub window: [Instant; 2],
    /// Incidents (or CSV rows) in the file, resolved or not.
    pub incidents: usize,
    /// The incidents left out because they are not resolved, as the file names them.
    pub unresolved: Vec<String>,
}

/// Why a history file was refused: one sentence in the user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryError(pub String);

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HistoryError {}

/// Reads a history file of either kind: JSON is taken for Statuspage's, anything else for CSV.
pub fn read(text: &str) -> Result<History, HistoryError> {
    if text.len() > MAX_BYTES {
        return Err(HistoryError(format!(
            "The history file is {:.1} MB; the most it can be is {} MB (a Statuspage export of its \
             50 incidents is well under 1 MB).",
            text.len() as f64 / 1e6,
            MAX_BYTES / 1_000_000
        )));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let history = match text.trim_start().starts_with(['{', '[']) {
        true => statuspage::read(text)?,
        false => table::read(text)?,
    };
    let components = history.components().len();
    if components > MAX_COMPONENTS {
        return Err(HistoryError(format!(
            "The history file names {} components; the most it can name is {}.",
            grouped(components as u64),
            grouped(MAX_COMPONENTS as u64)
        )));
    }
    match history.incidents {
        0 => Err(HistoryError("The history file holds no incidents.".into())),
        _ => Ok(history),
    }
}

impl History {
    /// The status-page components with spans, each with its number of spans, by name.
    pub fn components(&self) -> Vec<(String, usize)> {
        let mut counts = std::collections::BTreeMap::<&str, usize>::new();
        for span in &self.spans {
            *counts.entry(&span.component).or_default() += 1;
        }
        counts.into_iter().map(|(name, n)| (name.to_string(), n)).collect()
    }

    /// The window's length in days.
    pub fn window_days(&self) -> f64 {
        (self.window[1] - self.window[0]) as f64 / crate::time::SECONDS_PER_DAY as f64
    }
}

/// A time read from the file: RFC 3339, with "T" or a space between date
/// and time; without seconds, or without an offset (then UTC).
fn parse_time(text: &str) -> Option<Instant> {
    let text = text.trim();
    let with_t = match text.as_bytes().get(10) {
        Some(b' ') => format!("{}T{}", &text[..10], &text[11..]),
        _ => text.to_string(),
    };
    ["", "Z", ":00Z"].iter().find_map(|tail| crate::time::parse_utc(&format!("{with_t}{tail}")))
}

/// "2026-03-02 11:49 UTC", for messages.
fn shown_time(t: Instant) -> String {
    let utc = format_utc(t);
    format!("{} {} UTC", &utc[..10], &utc[11..16])
}

/// Builds the history's window from the incidents' times and the latest time the file knows.
fn window(spans: &[Span], starts: &[Instant], latest: Option<Instant>) -> [Instant; 2] {
    let first = starts.iter().copied().min().unwrap_or(0);
    let last = spans.iter().map(|s| s.end).chain(starts.iter().copied()).chain(latest).max().unwrap_or(first);
    [first, last.max(first)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_as_status_pages_write_them() {
        let check = |text: &str, expect: Result<Option<Status>, ()>| {
            assert_eq!(Status::parse(text).map_err(|_| ()), expect, "{text}");
        };
        check("operational", Ok(None));
        check("major_outage", Ok(Some(Status::Major)));
        check("Major outage", Ok(Some(Status::Major)));
        check(" Partial-Outage ", Ok(Some(Status::Partial)));
        check("under_maintenance", Ok(Some(Status::Maintenance)));
        check("on fire", Err(()));
        assert!(Status::parse("on fire").unwrap_err().contains("\"on fire\" is not one a status page uses"));
    }

    #[test]
    fn a_huge_or_empty_file_is_refused_with_its_limit() {
        let huge = " ".repeat(MAX_BYTES + 1);
        assert_eq!(
            read(&huge).unwrap_err().0,
            "The history file is 5.0 MB; the most it can be is 5 MB (a Statuspage export of its 50 \
             incidents is well under 1 MB)."
        );
        assert_eq!(read("{\"incidents\": []}").unwrap_err().0, "The history file holds no incidents.");
    }

    #[test]
    fn times_take_a_t_or_a_space() {
        assert_eq!(parse_time("2026-03-02 11:49:00Z"), parse_time("2026-03-02T11:49:00Z"));
        assert_eq!(parse_time("2026-03-02T11:49:00.123-08:00"), parse_time("2026-03-02T19:49:00Z"));
        assert_eq!(parse_time("2026-03-02 11:49"), parse_time("2026-03-02T11:49:00Z"));
        assert_eq!(parse_time("2 March"), None);
        assert_eq!(shown_time(parse_time("2026-03-02T11:49:00Z").unwrap()), "2026-03-02 11:49 UTC");
    }
}
