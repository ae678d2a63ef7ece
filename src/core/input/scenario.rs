//! Scenario format v1: the raw input, exactly as a file, a link or the editor
//! holds it. Nothing here is trusted: `validate` turns it into a [`Model`]
//! (crate::input::model::Model) once, and only that reaches the engine.
//!
//! Numbers are plain `f64` so that a half-typed or absurd value can still be
//! held (and shown back to the user) while validation explains what is wrong.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};

use crate::time::zones::Zone;

/// The format version this build writes. Readers accept every version up to it.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Format version; see [`FORMAT_VERSION`].
    pub version: u32,
    #[serde(default)]
    pub name: String,
    /// ISO 4217 code of the one currency every cost in the scenario is in.
    pub currency: String,
    /// Residual functionality the organisation wants to keep, 0–1.
    #[serde(default = "default_target", deserialize_with = "number_or_null")]
    pub target: f64,
    pub components: Vec<Component>,
    pub teams: Vec<Team>,
    pub workflows: Vec<Workflow>,
    pub outage: Outage,
    /// The annual view's settings; left out of files while they are the defaults.
    #[serde(default, skip_serializing_if = "AnnualSettings::is_default")]
    pub annual: AnnualSettings,
    /// Named variants to compare with the scenario as it is ("As is"): each
    /// switches some of its fallbacks off or changes them (see `input::variant`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// How an imported incident history is read into this scenario (see
    /// `input::history`); left out of files while it is the default.
    #[serde(default, skip_serializing_if = "HistoryReading::is_default")]
    pub incident_history: HistoryReading,
}

/// What the user chose when fitting the annual view to a status page's
/// history: each status level's severity, and which scenario component each
/// status-page component is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryReading {
    #[serde(default, skip_serializing_if = "StatusSeverities::is_default")]
    pub severities: StatusSeverities,
    /// Status-page component name → scenario component id; `null`: not one
    /// of the scenario's. Names left out are matched by name or id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub components: std::collections::BTreeMap<String, Option<String>>,
}

impl HistoryReading {
    fn is_default(&self) -> bool {
        *self == HistoryReading::default()
    }
}

/// The severity (0–1) a span at each status level counts with; 0: not counted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusSeverities {
    #[serde(default = "default_degraded", deserialize_with = "number_or_null")]
    pub degraded_performance: f64,
    #[serde(default = "default_partial", deserialize_with = "number_or_null")]
    pub partial_outage: f64,
    #[serde(default = "default_major", deserialize_with = "number_or_null")]
    pub major_outage: f64,
    /// Planned work: not counted unless the user says so.
    #[serde(default, deserialize_with = "number_or_null")]
    pub under_maintenance: f64,
}

fn default_degraded() -> f64 {
    0.3
}

fn default_partial() -> f64 {
    0.6
}

fn default_major() -> f64 {
    1.0
}

impl Default for StatusSeverities {
    fn default() -> Self {
        StatusSeverities {
            degraded_performance: default_degraded(),
            partial_outage: default_partial(),
            major_outage: default_major(),
            under_maintenance: 0.0,
        }
    }
}

impl StatusSeverities {
    fn is_default(&self) -> bool {
        *self == StatusSeverities::default()
    }
}

/// A mitigation option: the scenario with a few changes to its fallbacks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    pub name: String,
    #[serde(default)]
    pub changes: Vec<FallbackChange>,
}

/// One change a variant makes: to the fallback of this name in one workflow,
/// or, without a workflow, in every workflow that has it (a whole
/// mitigation, such as "Human-only replies" for every support team).
/// What it leaves out stays as the scenario has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FallbackChange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
    pub fallback: String,
    /// `false`: the fallback is not there in this variant.
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub on: bool,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub coverage: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub activation_delay_minutes: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub running_cost_per_hour: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub yearly_cost: Option<f64>,
}

fn yes() -> bool {
    true
}

fn is_yes(b: &bool) -> bool {
    *b
}

/// How the annual view is computed and judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnualSettings {
    /// The simulation's seed: the same seed gives the same figures everywhere.
    #[serde(default = "default_seed", deserialize_with = "number_or_null")]
    pub seed: f64,
    /// Years the simulation draws.
    #[serde(default = "default_years", deserialize_with = "number_or_null")]
    pub years: f64,
    /// The risk tolerance: points (annual loss, largest acceptable chance of
    /// exceeding it), e.g. [50000, 0.1] for "at most 10% chance of losing 50,000 in a year".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerance: Vec<TolerancePoint>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TolerancePoint {
    #[serde(deserialize_with = "number_or_null")]
    pub loss: f64,
    #[serde(deserialize_with = "number_or_null")]
    pub chance: f64,
}

pub fn default_seed() -> f64 {
    1.0
}

pub fn default_years() -> f64 {
    2000.0
}

impl Default for AnnualSettings {
    fn default() -> Self {
        AnnualSettings { seed: default_seed(), years: default_years(), tolerance: Vec::new() }
    }
}

impl AnnualSettings {
    fn is_default(&self) -> bool {
        *self == AnnualSettings::default()
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

pub fn default_target() -> f64 {
    0.6
}

/// A number, or `null` read as NaN. JSON has no NaN: a half-typed value the
/// app holds (NaN) is written as `null`, and must come back as "not a number"
/// for validation to name, not make the whole file or link unreadable.
fn number_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Ok(number(d)?.unwrap_or(f64::NAN))
}

/// As [`number_or_null`], for a (low, high) range.
fn range_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<[f64; 2]>, D::Error> {
    let range = Option::<[Exact; 2]>::deserialize(d)?;
    Ok(range.map(|[low, high]| [low.0.unwrap_or(f64::NAN), high.0.unwrap_or(f64::NAN)]))
}

/// An optional number: `null` or absent is none.
fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Exact::deserialize(d)?.0)
}

/// A JSON number (or `null`), read from its text by Rust's correctly rounded
/// parser, so a number read back from a link or file is the very number
/// written (the input hash depends on it). serde_json's own fast reading can
/// be a unit in the last place off; its exact one adds 9 KB to the page.
struct Exact(Option<f64>);

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Exact, D::Error> {
        use serde::de::Error;
        let raw = <&serde_json::value::RawValue>::deserialize(d)?;
        match raw.get() {
            "null" => Ok(Exact(None)),
            text if text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => match text.parse::<f64>() {
                Ok(n) if n.is_finite() => Ok(Exact(Some(n))),
                _ => Err(D::Error::custom("number out of range")),
            },
            _ => Err(D::Error::custom("expected a number")),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Groups components for the "whole provider down" scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Components this one needs, all of them.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Annual view: incidents per year (Poisson rate).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub incidents_per_year: Option<f64>,
    /// Annual view: 90% range of an incident's duration, in hours (low, high).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "range_or_null")]
    pub duration_hours_p90: Option<[f64; 2]>,
    /// Annual view: a typical incident's severity (absent: 1, hard down).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub incident_severity: Option<f64>,
    /// Annual view: service level, e.g. 0.999.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "number")]
    pub sla: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(deserialize_with = "number_or_null")]
    pub headcount: f64,
    /// Loaded cost of one person-hour, in the scenario's currency.
    #[serde(deserialize_with = "number_or_null")]
    pub hourly_cost: f64,
    pub calendar: Calendar,
}

/// When a team works. A shift belongs to the day it starts on; an end at or
/// before the start means the shift runs past midnight (22:00–06:00).
/// Round the clock is every day, 00:00–24:00.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    /// Three-letter English day names: "mon" … "sun".
    pub days: Vec<String>,
    /// Local time "HH:MM".
    pub start: String,
    /// Local time "HH:MM"; "24:00" is allowed.
    pub end: String,
    /// IANA time zone name, e.g. "Europe/London".
    pub time_zone: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workflow {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub team: String,
    /// Part of the team's working time spent on this workflow, 0–1.
    #[serde(deserialize_with = "number_or_null")]
    pub share: f64,
    /// Components it needs, all of them.
    pub needs: Vec<String>,
    /// Part of its output lost while its components are fully down, 0–1.
    #[serde(deserialize_with = "number_or_null")]
    pub reliance: f64,
    /// Tried in order; the best engaged one counts.
    #[serde(default)]
    pub fallbacks: Vec<Fallback>,
    /// Extra work after service returns, as a fraction of the hours lost.
    #[serde(default, deserialize_with = "number_or_null")]
    pub recovery_overhead: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fallback {
    #[serde(default)]
    pub name: String,
    /// Part of the lost output it restores, 0–1.
    #[serde(deserialize_with = "number_or_null")]
    pub coverage: f64,
    /// Time to detect, decide and switch over, in minutes.
    #[serde(default, deserialize_with = "number_or_null")]
    pub activation_delay_minutes: f64,
    /// Components the fallback needs itself (none for a manual mode).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Running cost per hour while engaged, in the scenario's currency.
    #[serde(default, deserialize_with = "number_or_null")]
    pub running_cost_per_hour: f64,
    /// What it costs a year whether used or not (a contract, a standby
    /// licence), in the scenario's currency.
    #[serde(default, deserialize_with = "number_or_null", skip_serializing_if = "is_zero")]
    pub yearly_cost: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outage {
    /// RFC 3339 instant in UTC, e.g. "2026-03-02T11:49:00Z".
    pub start: String,
    /// IANA zone the start was entered in, and the one times are shown in;
    /// absent: see [`Scenario::reading_zone`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    pub incidents: Vec<Incident>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub component: String,
    /// Minutes after the outage start.
    #[serde(deserialize_with = "number_or_null")]
    pub start_minutes: f64,
    #[serde(deserialize_with = "number_or_null")]
    pub end_minutes: f64,
    /// 1 = hard down; 0.3 = three requests in ten fail.
    #[serde(deserialize_with = "number_or_null")]
    pub severity: f64,
}

/// What a thing is called on screen and in files: its name, else (a name
/// left empty or blank) its id, as [`plain_text`].
pub fn display_name<'a>(name: &'a str, id: &'a str) -> Cow<'a, str> {
    plain_text(if name.trim().is_empty() { id } else { name })
}

/// Text from a scenario as it is shown around other text: line breaks and
/// tabs become spaces; other control characters and the bidirectional
/// controls (which would reorder the words around a name) are dropped.
pub fn plain_text(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let spaces = |c: char| matches!(c, '\n' | '\r' | '\t');
    Cow::Owned(
        text.chars().filter(|&c| spaces(c) || !unsafe_char(c)).map(|c| if spaces(c) { ' ' } else { c }).collect(),
    )
}

/// Marks and embeddings, overrides and isolates (Unicode's bidi controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl Scenario {
    /// The zone times are read and shown in: the outage's own, else
    /// `preferred` (the reader's) when a team works in it, else the first
    /// team's, else UTC. Zones the calculator does not know are passed over.
    pub fn reading_zone(&self, preferred: Option<&str>) -> Zone {
        let team_zones = || self.teams.iter().filter_map(|t| Zone::named(&t.calendar.time_zone));
        let own = self.outage.time_zone.as_deref().and_then(Zone::named);
        let preferred = preferred.and_then(Zone::named).filter(|p| team_zones().any(|z| z == *p));
        own.or(preferred).or_else(|| team_zones().next()).or_else(|| Zone::named("UTC")).expect("UTC is built in")
    }
}

impl Component {
    pub fn display_name(&self) -> Cow<'_, str> {
        display_name(&self.name, &self.id)
    }
}

impl Team {
    pub fn display_name(&self) -> Cow<'_, str> {
        display_name(&self.name, &self.id)
    }
}

impl Workflow {
    pub fn display_name(&self) -> Cow<'_, str> {
        display_name(&self.name, &self.id)
    }
}

/// Why a scenario could not be read at all (before validation).
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// Not JSON, or JSON of the wrong shape; line and column are 1-based.
    Syntax { line: usize, column: usize, message: String },
    /// Written by a newer version of the format than this build reads.
    NewerVersion { found: u64 },
    /// No `version` field, or one that is not a whole number from 1.
    BadVersion,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Syntax { line, column, message } => {
                write!(f, "line {line}, column {column}: {message}.")
            }
            ReadError::NewerVersion { found } => write!(
                f,
                "this scenario uses format version {found}, newer than this version of \
                 Outage Impact reads (up to {FORMAT_VERSION}); open it with a newer release."
            ),
            ReadError::BadVersion => write!(
                f,
                "this is not an Outage Impact scenario: the \"version\" field is missing or \
                 is not a whole number."
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl Scenario {
    /// Reads a scenario of any supported format version from JSON text.
    /// A results file (an export with `scenario` and `results`) reads as the
    /// scenario inside it.
    pub fn from_json(text: &str) -> Result<Scenario, ReadError> {
        // Typed probes, not a serde_json::Value: the page carries less code.
        #[derive(Deserialize)]
        struct Probe {
            version: Option<Version>,
            results: Option<IgnoredAny>,
        }
        #[derive(Deserialize)]
        struct ResultsFile {
            scenario: Probe,
        }
        #[derive(Deserialize)]
        struct ResultsScenario {
            scenario: Scenario,
        }
        // Valid JSON of another shape (an array, a number) is not a scenario;
        // saying "trailing characters" at some column would mislead.
        if !text.trim_start().starts_with('{') && serde_json::from_str::<IgnoredAny>(text).is_ok() {
            return Err(ReadError::BadVersion);
        }
        let probe: Probe = serde_json::from_str(text).map_err(syntax_error)?;
        let (version, results_file) = match (probe.version, probe.results) {
            (None, Some(_)) => {
                (serde_json::from_str::<ResultsFile>(text).map_err(syntax_error)?.scenario.version, true)
            }
            (version, _) => (version, false),
        };
        match version.and_then(|v| v.0) {
            None | Some(0) => Err(ReadError::BadVersion),
            Some(v) if v > FORMAT_VERSION as u64 => Err(ReadError::NewerVersion { found: v }),
            // Version 1 is today's layout. A future v2 reader would upgrade here.
            Some(_) if results_file => {
                serde_json::from_str::<ResultsScenario>(text).map(|r| r.scenario).map_err(syntax_error)
            }
            Some(_) => serde_json::from_str(text).map_err(syntax_error),
        }
    }

    pub fn to_json_pretty(&self) -> String {
        super::json::pretty(self)
    }
}

/// The `version` field as found: a whole number, or anything else (`None`).
struct Version(Option<u64>);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Version, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Version;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a format version")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Version, E> {
                Ok(Version(Some(v)))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_unit<E>(self) -> Result<Version, E> {
                Ok(Version(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Version, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Version(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Version, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Version(None))
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn syntax_error(e: serde_json::Error) -> ReadError {
    // serde_json appends " at line L column C"; the position is reported apart.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    ReadError::Syntax { line: e.line(), column: e.column(), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_exactly_and_wrong_types_are_named() {
        // Values serde_json's fast reading gets a unit in the last place wrong,
        // and the edges of f64.
        #[rustfmt::skip]
        let exact = [0.1 + 0.2, 2.2250738585072014e-308, 1.7976931348623157e308, 5e-324, 9007199254740993.0,
                     0.8125000000000001, 123.45678912345678, 1e23, 8.41e21, -0.0];
        for x in exact {
            let mut s = crate::input::presets::example();
            s.teams[0].headcount = x;
            s.components[0].sla = Some(x);
            s.components[0].duration_hours_p90 = Some([x, f64::NAN]);
            let back = Scenario::from_json(&s.to_json_pretty()).unwrap();
            assert_eq!(back.teams[0].headcount.to_bits(), x.to_bits(), "{x:e}");
            assert_eq!(back.components[0].sla.map(f64::to_bits), Some(x.to_bits()), "{x:e}");
            let [low, high] = back.components[0].duration_hours_p90.unwrap();
            assert_eq!((low.to_bits(), high.is_nan()), (x.to_bits(), true), "{x:e}");
        }
        for (value, problem) in [("\"25\"", "expected a number"), ("1e400", "number out of range")] {
            let text = crate::input::presets::EXAMPLE_JSON.replacen(
                "\"headcount\": 25",
                &format!("\"headcount\": {value}"),
                1,
            );
            match Scenario::from_json(&text) {
                Err(ReadError::Syntax { message, .. }) => assert_eq!(message, problem),
                other => panic!("{value}: {other:?}"),
            }
        }
    }

    #[test]
    fn names_are_shown_as_plain_text() {
        #[rustfmt::skip]
        let cases = [
            ("Engineering", "eng", "Engineering"), ("  ", "eng", "eng"), ("", "eng", "eng"),
            ("a\r\nb\tc", "x", "a  b c"), ("\u{202E}desrever", "x", "desrever"), ("x\u{2066}y\u{2069}z\u{7}", "x", "xyz"),
            ("Ünïcödé ✓", "x", "Ünïcödé ✓"),
        ];
        for (name, id, shown) in cases {
            assert_eq!(display_name(name, id), shown, "{name:?}");
        }
    }
}
