//! The annual view's inputs fitted to an incident history, per scenario
//! component: incidents per year, the 90% duration range and the typical
//! severity, with what they rest on.
//!
//! - Each status-page component is one of the scenario's (the user's pick,
//!   remembered in the scenario; else the component of that name or id) or
//!   none. Its spans count at their level's severity; a severity of 0 (by
//!   default, maintenance) is not counted.
//! - A scenario component's spans that overlap or touch are one incident,
//!   at each moment as bad as its worst span.
//! - Incidents per year: the incidents over the history's window in years
//!   (365.25 days). Duration: a lognormal fitted to the incidents' hours
//!   (the mean and sample standard deviation of their logarithms; an
//!   incident under a minute counts as one, one over a year as a year), its 90% range
//!   exp(mu ± 1.6448536 sigma), as the annual view reads it back. Severity:
//!   the incidents' severity averaged over their time.

use std::collections::BTreeMap;

use super::{Format, History, HistoryError, Level, Status, STATUSPAGE_EXPORT_INCIDENTS};
use crate::input::field::Field;
use crate::input::number::shown_percent;
use crate::input::scenario::Scenario;
use crate::time::{format_utc, Instant};

/// The 95th percentile of the standard normal: a 90% range is mu ± Z sigma.
const Z_95: f64 = 1.6448536;
const DAYS_PER_YEAR: f64 = 365.25;
/// The shortest window a rate is fitted over.
const MIN_WINDOW_DAYS: f64 = 7.0;
/// The longest duration the scenario takes: a year, in hours.
const MAX_HOURS: f64 = crate::time::MAX_OUTAGE_MINUTES / 60.0;

/// The fit of one history to one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    pub window: [Instant; 2],
    pub years: f64,
    /// Each status-page component and the scenario component it counts for.
    pub sources: Vec<Source>,
    /// The scenario's components some status-page component counts for, in the scenario's order.
    pub components: Vec<ComponentFit>,
    /// What the fit rests on and what it left out, as sentences.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub spans: usize,
    /// Index in the scenario's components; `None`: not counted.
    pub component: Option<usize>,
}

/// The fitted values for one scenario component.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentFit {
    pub component: usize,
    pub incidents: usize,
    /// Hours it was not operational, overlaps counted once.
    pub hours_down: f64,
    pub per_year: f64,
    /// `None` with fewer than two incidents.
    pub duration_hours_p90: Option<[f64; 2]>,
    /// `None` without incidents.
    pub severity: Option<f64>,
}

/// Fits `history` to `scenario`'s components.
pub fn fit(history: &History, scenario: &Scenario) -> Result<Fit, HistoryError> {
    check_severities(scenario)?;
    let days = history.window_days();
    if days < MIN_WINDOW_DAYS {
        return Err(HistoryError(format!(
            "The history covers {days:.1} days ({} to {}); incidents a year need at least {MIN_WINDOW_DAYS:.0} days of \
             history.",
            date(history.window[0]),
            date(history.window[1])
        )));
    }
    let years = days / DAYS_PER_YEAR;
    let sources: Vec<Source> = history
        .components()
        .into_iter()
        .map(|(name, spans)| Source { component: mapped(&name, scenario), name, spans })
        .collect();
    // Inserted, not collected: collecting sorts, another copy of the sort in the page (crate::sort).
    let mut counts_for: BTreeMap<&str, Option<usize>> = BTreeMap::new();
    for source in &sources {
        counts_for.insert(&source.name, source.component);
    }
    let mut downs: BTreeMap<usize, Vec<Down>> = BTreeMap::new();
    for span in &history.spans {
        let severity = severity(span.level, scenario);
        if let (Some(&Some(component)), true) = (counts_for.get(span.component.as_str()), severity > 0.0) {
            downs.entry(component).or_default().push(Down { start: span.start, end: span.end, severity });
        }
    }
    let components = downs.into_iter().map(|(component, downs)| fit_one(component, &downs, years)).collect();
    let notes = notes(history, scenario, &sources, years);
    Ok(Fit { window: history.window, years, sources, components, notes })
}

/// The scenario component a status-page component counts for.
pub fn mapped(name: &str, scenario: &Scenario) -> Option<usize> {
    let find = |id: &str| scenario.components.iter().position(|c| c.id == id);
    match scenario.incident_history.components.get(name) {
        Some(Some(id)) => find(id),
        Some(None) => None,
        None => scenario
            .components
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(name.trim()) || c.name.trim().eq_ignore_ascii_case(name.trim())),
    }
}

/// Writes one component's fitted values into the scenario and remembers
/// the picks, if the component's annual inputs are then valid; else changes
/// nothing and says why (one incident and no range of the user's: a rate
/// needs a range).
pub fn take(scenario: &mut Scenario, fit: &Fit, fitted: &ComponentFit) -> Result<(), String> {
    let mut taken = scenario.clone();
    remember(&mut taken, fit);
    write(&mut taken, fitted);
    let place = format!("components[{}].", fitted.component);
    let problems: Vec<String> = match crate::input::validate::validate(&taken) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().filter(|p| p.path.starts_with(&place)).map(|p| p.message).collect(),
    };
    if !problems.is_empty() {
        let name = scenario.components[fitted.component].display_name();
        return Err(format!("{name}: not taken: {}", problems.join(" ")));
    }
    *scenario = taken;
    Ok(())
}

fn write(scenario: &mut Scenario, fitted: &ComponentFit) {
    let c = &mut scenario.components[fitted.component];
    c.incidents_per_year = Some(fitted.per_year);
    if let Some(range) = fitted.duration_hours_p90 {
        c.duration_hours_p90 = Some(range);
    }
    if let Some(severity) = fitted.severity {
        c.incident_severity = Some(severity);
    }
}

/// Writes every component's fitted values, as [`take`]; the sentences of
/// those it could not take.
pub fn take_all(scenario: &mut Scenario, fit: &Fit) -> Vec<String> {
    fit.components.iter().filter_map(|fitted| take(scenario, fit, fitted).err()).collect()
}

/// Records in the scenario the component each status-page component counts
/// for; one that counts for none is left to be matched by name later,
/// unless the user said "none".
fn remember(scenario: &mut Scenario, fit: &Fit) {
    for source in &fit.sources {
        if let Some(c) = source.component.and_then(|k| scenario.components.get(k)) {
            scenario.incident_history.components.insert(source.name.clone(), Some(c.id.clone()));
        }
    }
}

/// The severity a status level counts with, as the scenario holds it.
pub fn status_severity(scenario: &Scenario, status: Status) -> f64 {
    Field::StatusSeverity(status).number(scenario)
}

fn severity(level: Level, scenario: &Scenario) -> f64 {
    match level {
        Level::Status(status) => status_severity(scenario, status),
        Level::Severity(x) => x,
    }
}

/// The severities are the fit's alone (the model never reads them), so
/// checked here, not by validation: a bad one never holds up the results.
fn check_severities(scenario: &Scenario) -> Result<(), HistoryError> {
    for status in Status::ALL {
        let x = status_severity(scenario, status);
        if !(0.0..=1.0).contains(&x) {
            let shown = if x.is_nan() { "not a number".into() } else { format!("{}%", shown_percent(x)) };
            return Err(HistoryError(format!(
                "The severity of \"{}\" is {shown}; it needs to be from 0% (not counted) to 100% (hard down).",
                status.label(),
            )));
        }
    }
    Ok(())
}

/// A span counted for a scenario component.
#[derive(Clone, Copy)]
struct Down {
    start: Instant,
    end: Instant,
    severity: f64,
}

/// One incident of a scenario component: overlapping spans merged.
struct Merged {
    seconds: f64,
    /// Its severity integrated over its seconds, the worst span at each moment.
    severity_seconds: f64,
}

fn fit_one(component: usize, downs: &[Down], years: f64) -> ComponentFit {
    let incidents = merge(downs);
    let seconds: f64 = incidents.iter().map(|m| m.seconds).sum();
    let severity = (seconds > 0.0).then(|| round(incidents.iter().map(|m| m.severity_seconds).sum::<f64>() / seconds));
    let durations: Vec<f64> = incidents.iter().map(|m| (m.seconds / 3600.0).clamp(1.0 / 60.0, MAX_HOURS)).collect();
    ComponentFit {
        component,
        incidents: incidents.len(),
        hours_down: seconds / 3600.0,
        per_year: round(incidents.len() as f64 / years),
        duration_hours_p90: range_90(&durations),
        severity,
    }
}

/// Merges overlapping or touching spans into incidents: one sweep over their ends.
fn merge(downs: &[Down]) -> Vec<Merged> {
    // (time, severity, +1 starts / -1 ends); severities are at least 0, so their bits sort as they do.
    let mut events: Vec<(Instant, u64, i8)> =
        downs.iter().flat_map(|d| [(d.start, d.severity.to_bits(), 1), (d.end, d.severity.to_bits(), -1)]).collect();
    crate::sort::by_key(&mut events, |e| e.0 as f64);
    let mut active: BTreeMap<u64, usize> = BTreeMap::new();
    let (mut merged, mut open) = (Vec::new(), None::<Merged>);
    let mut i = 0;
    while i < events.len() {
        let at = events[i].0;
        while i < events.len() && events[i].0 == at {
            let (_, bits, step) = events[i];
            let count = active.entry(bits).or_default();
            match step {
                1 => *count += 1,
                _ => *count -= 1,
            }
            if *count == 0 {
                active.remove(&bits);
            }
            i += 1;
        }
        match (active.keys().next_back(), open.as_mut()) {
            (None, Some(_)) => merged.extend(open.take()),
            (Some(&worst), _) => {
                let next = events.get(i).map_or(at, |e| e.0);
                let m = open.get_or_insert(Merged { seconds: 0.0, severity_seconds: 0.0 });
                m.seconds += (next - at) as f64;
                m.severity_seconds += f64::from_bits(worst) * (next - at) as f64;
            }
            (None, None) => {}
        }
    }
    merged.extend(open);
    merged
}

/// The 90% range of a lognormal fitted to `hours`; `None` with fewer than two.
fn range_90(hours: &[f64]) -> Option<[f64; 2]> {
    let n = hours.len() as f64;
    if hours.len() < 2 {
        return None;
    }
    let logs: Vec<f64> = hours.iter().map(|h| h.ln()).collect();
    let mu = logs.iter().sum::<f64>() / n;
    let sigma = (logs.iter().map(|l| (l - mu).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let low = round((mu - Z_95 * sigma).exp()).clamp(0.01, MAX_HOURS);
    let high = round((mu + Z_95 * sigma).exp()).clamp(low, MAX_HOURS);
    Some([low, high])
}

/// Two decimals, as the fitted values are shown and written; a positive value stays positive.
fn round(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    match r == 0.0 && x > 0.0 {
        true => 0.01,
        false => r,
    }
}

fn date(t: Instant) -> String {
    format_utc(t)[..10].to_string()
}

/// What the fit rests on, and what it leaves out.
fn notes(history: &History, scenario: &Scenario, sources: &[Source], years: f64) -> Vec<String> {
    let days = history.window_days();
    let (one, many) = match history.format {
        Format::Statuspage => ("incident", "incidents"),
        Format::Csv => ("row", "rows"),
    };
    let mut notes = vec![format!(
        "The history holds {} {} from {} to {} ({:.0} days, {:.2} years).",
        crate::input::number::grouped(history.incidents as u64),
        if history.incidents == 1 { one } else { many },
        date(history.window[0]),
        date(history.window[1]),
        days,
        years
    )];
    if history.format == Format::Statuspage && history.incidents >= STATUSPAGE_EXPORT_INCIDENTS {
        notes.push(format!(
            "A Statuspage export holds only its {STATUSPAGE_EXPORT_INCIDENTS} most recent incidents: the window \
             starts at the oldest of them, and older history is not in the file."
        ));
    }
    if days < DAYS_PER_YEAR {
        notes.push(
            "The window is shorter than a year: rates from it are rough, and a season's incidents weigh heavily."
                .into(),
        );
    }
    if history.format == Format::Csv {
        notes.push(
            "A CSV says nothing of when it was taken, so its window ends at its last row. To end it later, add a \
             row whose start and end are both the time the history was taken."
                .into(),
        );
    }
    if !history.unresolved.is_empty() {
        notes.push(format!("Not counted, as not resolved yet: {}.", history.unresolved.join(", ")));
    }
    for status in Status::ALL {
        let spans = history.spans.iter().filter(|s| s.level == Level::Status(status)).count();
        if spans > 0 && status_severity(scenario, status) == 0.0 {
            let (noun, verb) = if spans == 1 { ("period", "is") } else { ("periods", "are") };
            notes.push(format!("{spans} {noun} at \"{}\" {verb} not counted: its severity is 0%.", status.label()));
        }
    }
    for source in sources.iter().filter(|s| s.component.is_none()) {
        let why = match scenario.incident_history.components.get(&source.name) {
            Some(Some(id)) => format!("it is set to \"{id}\", which the scenario has no component of"),
            Some(None) => "it is set to none of the scenario's components".into(),
            None => "no scenario component has its name".into(),
        };
        let noun = if source.spans == 1 { "period" } else { "periods" };
        notes.push(format!("\"{}\" ({} {noun} not operational) is not counted: {why}.", source.name, source.spans));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn down(start_h: f64, end_h: f64, severity: f64) -> Down {
        Down { start: (start_h * 3600.0) as Instant, end: (end_h * 3600.0) as Instant, severity }
    }

    #[test]
    fn overlapping_spans_are_one_incident_as_bad_as_its_worst_span() {
        // 0–2 h at 0.3 and 1–3 h at 1, touching 3–4 h at 0.6; then 10–11 h apart.
        let merged = merge(&[down(0.0, 2.0, 0.3), down(1.0, 3.0, 1.0), down(3.0, 4.0, 0.6), down(10.0, 11.0, 0.3)]);
        let got: Vec<(f64, f64)> =
            merged.iter().map(|m| (crate::time::hours(m.seconds as i64), m.severity_seconds / 3600.0)).collect();
        // 1 h at 0.3, 2 h at 1, 1 h at 0.6 = 2.9 severity-hours over 4 h.
        assert_eq!(got, [(4.0, 0.3 + 2.0 + 0.6), (1.0, 0.3)]);
    }

    #[test]
    fn the_range_is_the_lognormal_of_the_hours_logarithms() {
        // 1 h and 4 h: mu = ln 2, sigma = ln 4 / sqrt 2 = 0.98026; exp(ln 2 ± 1.6448536 × 0.98026).
        assert_eq!(range_90(&[1.0, 4.0]), Some([0.4, 10.03]));
        assert_eq!(range_90(&[2.0, 2.0, 2.0]), Some([2.0, 2.0]));
        assert_eq!(range_90(&[3.0]), None);
        assert_eq!(range_90(&[1.0 / 60.0, 8000.0]), Some([0.01, MAX_HOURS]));
    }
}
