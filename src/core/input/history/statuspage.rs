//! Atlassian Statuspage's incident history (`/api/v2/incidents.json`).
//!
//! Each incident's spans are rebuilt from its updates (newest first in the
//! file), whose `affected_components` say each component's old and new
//! status. A component the incident names but no update gives a status is
//! taken as down from start to resolution at the level of the incident's
//! `impact`; an incident that names no component at all, likewise, on
//! [`NO_COMPONENT`].

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::{parse_time, shown_time, window, Format, History, HistoryError, Level, Span, Status, NO_COMPONENT};
use crate::input::number::grouped;
use crate::time::Instant;

#[derive(Deserialize)]
struct Export {
    page: Option<Page>,
    incidents: Option<Vec<Incident>>,
}

#[derive(Deserialize)]
struct Page {
    updated_at: Option<String>,
}

#[derive(Deserialize)]
struct Incident {
    name: Option<String>,
    started_at: Option<String>,
    created_at: Option<String>,
    resolved_at: Option<String>,
    impact: Option<String>,
    components: Option<Vec<Named>>,
    incident_updates: Option<Vec<Update>>,
}

#[derive(Deserialize)]
struct Named {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Update {
    display_at: Option<String>,
    created_at: Option<String>,
    affected_components: Option<Vec<Affected>>,
}

#[derive(Deserialize)]
struct Affected {
    name: Option<String>,
    old_status: Option<String>,
    new_status: Option<String>,
}

pub(super) fn read(text: &str) -> Result<History, HistoryError> {
    if text.trim_start().starts_with('[') {
        return Err(HistoryError(
            "The history file is a JSON list; Statuspage's /api/v2/incidents.json is an object with an \
             \"incidents\" list."
                .into(),
        ));
    }
    let export: Export = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = full.rfind(" at line ").map_or(full.as_str(), |i| &full[..i]).to_string();
        HistoryError(format!(
            "The history file is not a Statuspage incident history: line {}, column {}: {message}.",
            e.line(),
            e.column()
        ))
    })?;
    let Some(incidents) = export.incidents else {
        return Err(HistoryError(
            "The history file has no \"incidents\" list; Statuspage's /api/v2/incidents.json has one. (A scenario \
             file opens with Import at the top of the page.)"
                .into(),
        ));
    };
    if incidents.len() > super::MAX_INCIDENTS {
        return Err(HistoryError(format!(
            "The history file holds {} incidents; the most it can hold is {}.",
            grouped(incidents.len() as u64),
            grouped(super::MAX_INCIDENTS as u64)
        )));
    }
    let (mut spans, mut starts, mut unresolved) = (Vec::new(), Vec::new(), Vec::new());
    for (i, incident) in incidents.iter().enumerate() {
        let label = label(i, incident);
        let read = read_incident(incident).map_err(|e| HistoryError(format!("In {label}: {e}.")))?;
        starts.push(read.start);
        match read.spans {
            Some(mut s) => spans.append(&mut s),
            None => unresolved.push(label),
        }
    }
    let updated = export.page.and_then(|p| p.updated_at).and_then(|t| parse_time(&t));
    Ok(History {
        format: Format::Statuspage,
        window: window(&spans, &starts, updated),
        spans,
        incidents: incidents.len(),
        unresolved,
    })
}

/// "incident 3 ("Elevated errors on Opus")", counting from the file's first.
fn label(i: usize, incident: &Incident) -> String {
    match incident.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(name) => format!("incident {} (\"{name}\")", i + 1),
        None => format!("incident {}", i + 1),
    }
}

/// One incident read: its start, and its spans (`None`: not resolved).
struct Read {
    start: Instant,
    spans: Option<Vec<Span>>,
}

fn read_incident(incident: &Incident) -> Result<Read, String> {
    let start = time(incident.started_at.as_ref().or(incident.created_at.as_ref()), "started_at")?;
    let updates = updates(incident)?;
    let Some(resolved) = &incident.resolved_at else { return Ok(Read { start, spans: None }) };
    let end = time(Some(resolved), "resolved_at")?;
    if end < start {
        return Err(format!("it was resolved ({}) before it started ({})", shown_time(end), shown_time(start)));
    }
    let mut spans = from_updates(&updates, start, end);
    spans.extend(unstated(incident, &spans, start, end)?);
    Ok(Read { start, spans: Some(spans) })
}

/// Spans for the components the incident names but no update gives a
/// status away from operational, at its impact's level, start to end; for
/// [`NO_COMPONENT`] when it names none and has no spans.
fn unstated(incident: &Incident, stated: &[Span], start: Instant, end: Instant) -> Result<Vec<Span>, String> {
    // Inserted, not collected: collecting sorts, another copy of the sort in the page (crate::sort).
    let mut with_status = BTreeSet::new();
    for span in stated {
        with_status.insert(span.component.as_str());
    }
    let mut named = BTreeSet::new();
    for name in incident.components.iter().flatten().filter_map(|c| c.name.as_deref()) {
        if !with_status.contains(name) {
            named.insert(name);
        }
    }
    if stated.is_empty() && named.is_empty() {
        named.insert(NO_COMPONENT);
    }
    if end == start || named.is_empty() {
        return Ok(Vec::new());
    }
    let level = Level::Status(impact(incident.impact.as_deref())?);
    Ok(named.into_iter().map(|name| Span { component: name.to_string(), start, end, level }).collect())
}

/// A component's change of status in one update.
#[derive(Clone)]
struct Change<'a> {
    name: &'a str,
    old: Option<Status>,
    new: Option<Status>,
}

/// An update's time and its changes.
#[derive(Clone)]
struct Dated<'a> {
    at: Instant,
    changes: Vec<Change<'a>>,
}

/// The incident's updates, oldest first, their statuses checked.
fn updates(incident: &Incident) -> Result<Vec<Dated<'_>>, String> {
    let mut dated = Vec::new();
    for (k, update) in incident.incident_updates.as_deref().unwrap_or(&[]).iter().enumerate().rev() {
        let which = |e: String| format!("update {}: {e}", k + 1);
        let at = time(update.display_at.as_ref().or(update.created_at.as_ref()), "created_at").map_err(which)?;
        let mut changes = Vec::new();
        for a in update.affected_components.iter().flatten() {
            let name = a.name.as_deref().ok_or_else(|| which("an affected component has no name".into()))?;
            let old = a.old_status.as_deref().map_or(Ok(None), Status::parse).map_err(which)?;
            let new = a.new_status.as_deref().ok_or_else(|| which(format!("\"{name}\" has no new_status")))?;
            changes.push(Change { name, old, new: Status::parse(new).map_err(which)? });
        }
        dated.push(Dated { at, changes });
    }
    crate::sort::by_key(&mut dated, |d| d.at as f64);
    Ok(dated)
}

/// Each component's spans away from operational, as the updates tell them,
/// within the incident's start and end.
fn from_updates(updates: &[Dated], start: Instant, end: Instant) -> Vec<Span> {
    // Per component: its status and since when.
    let mut now: BTreeMap<&str, (Option<Status>, Instant)> = BTreeMap::new();
    let mut spans = Vec::new();
    let mut close = |name: &str, (status, since): (Option<Status>, Instant), until: Instant| {
        if let Some(status) = status.filter(|_| until > since) {
            spans.push(Span { component: name.to_string(), start: since, end: until, level: Level::Status(status) });
        }
    };
    for update in updates {
        let at = update.at.clamp(start, end);
        for change in &update.changes {
            let was = *now.entry(change.name).or_insert((change.old, start));
            if was.0 != change.new {
                close(change.name, was, at);
                now.insert(change.name, (change.new, at));
            }
        }
    }
    for (name, was) in now {
        close(name, was, end);
    }
    spans
}

/// The status level an incident's `impact` stands for.
fn impact(impact: Option<&str>) -> Result<Status, String> {
    match impact.map(str::trim) {
        Some("none" | "minor") => Ok(Status::Degraded),
        Some("major") => Ok(Status::Partial),
        Some("critical") => Ok(Status::Major),
        Some("maintenance") => Ok(Status::Maintenance),
        Some(other) => Err(format!(
            "its impact \"{other}\" is not one Statuspage uses (none, minor, major, critical, maintenance)"
        )),
        None => Err("it has no impact (none, minor, major, critical, maintenance), which says how bad it was \
                     where no update gives a component's status"
            .into()),
    }
}

fn time(text: Option<&String>, field: &str) -> Result<Instant, String> {
    let text = text.ok_or_else(|| format!("it has no {field} time"))?;
    parse_time(text).ok_or_else(|| format!("its {field} \"{text}\" is not a time such as 2026-03-02T11:49:00Z"))
}
