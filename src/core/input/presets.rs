//! What ships in the binary: the default example organisation living through
//! the March 2, 2026 replay, and the scope presets (one component, one
//! provider, everything, the replay) built from any scenario's components.

use crate::input::scenario::{Incident, Scenario};
use crate::time::stretch::Stretch;

/// The example's JSON, as `outage-impact example` prints it.
pub const EXAMPLE_JSON: &str = include_str!("presets/example.json");

/// The default example organisation through the March 2, 2026 replay.
pub fn example() -> Scenario {
    // Read once: scope detection asks for the replay on every edit.
    static EXAMPLE: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    EXAMPLE
        .get_or_init(|| {
            Scenario::from_json(EXAMPLE_JSON).unwrap_or_else(|e| panic!("the embedded example does not read: {e}"))
        })
        .clone()
}

/// The March 2, 2026 timeline (UTC), as the example models it. Severities are
/// estimates; the app shows them and lets the user edit them.
pub fn march_2_replay() -> Vec<Incident> {
    example().outage.incidents
}

/// The outage's start in the March 2, 2026 replay.
pub const MARCH_2_START: &str = "2026-03-02T11:49:00Z";

/// Which components an outage takes down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// One component, by id.
    Component(String),
    /// Every component with this provider label.
    Provider(String),
    /// Every component.
    Everything,
    /// The March 2, 2026 timeline; needs the example's component ids.
    March2Replay,
}

impl Scope {
    pub fn label(&self, scenario: &Scenario) -> String {
        match self {
            Scope::Component(id) => {
                let name =
                    scenario.components.iter().find(|c| &c.id == id).map_or_else(|| id.into(), |c| c.display_name());
                format!("Component: {name}")
            }
            Scope::Provider(p) => format!("Whole provider: {p}"),
            Scope::Everything => "Everything".into(),
            Scope::March2Replay => "March 2, 2026 replay".into(),
        }
    }
}

/// The provider labels a scenario uses, in first-seen order.
pub fn providers(scenario: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in &scenario.components {
        if let Some(p) = c.provider.as_ref().filter(|p| !p.trim().is_empty()) {
            if !out.contains(p) {
                out.push(p.clone());
            }
        }
    }
    out
}

/// Why a scope cannot be applied to a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeError(pub String);

impl std::fmt::Display for ScopeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The incidents of a scope: each component in it hard down (severity 1) from
/// the outage start for `length_minutes`. The replay keeps its own timeline.
pub fn scope_incidents(scenario: &Scenario, scope: &Scope, length_minutes: f64) -> Result<Vec<Incident>, ScopeError> {
    let down = |id: &str| Incident {
        component: id.to_string(),
        start_minutes: 0.0,
        end_minutes: length_minutes,
        severity: 1.0,
    };
    let incidents: Vec<Incident> = match scope {
        Scope::Component(id) => {
            if !scenario.components.iter().any(|c| &c.id == id) {
                return Err(ScopeError(format!("There is no component with the id \"{id}\".")));
            }
            vec![down(id)]
        }
        Scope::Provider(p) => scenario
            .components
            .iter()
            .filter(|c| c.provider.as_deref() == Some(p.as_str()))
            .map(|c| down(&c.id))
            .collect(),
        Scope::Everything => scenario.components.iter().map(|c| down(&c.id)).collect(),
        Scope::March2Replay => {
            let replay = march_2_replay();
            let missing: Vec<&str> = replay
                .iter()
                .map(|i| i.component.as_str())
                .filter(|id| !scenario.components.iter().any(|c| c.id == *id))
                .collect();
            if !missing.is_empty() {
                let mut missing = missing;
                missing.dedup();
                return Err(ScopeError(format!(
                    "The March 2 replay needs the example's components; this scenario lacks {}.",
                    missing.join(", ")
                )));
            }
            replay
        }
    };
    if incidents.is_empty() {
        return Err(ScopeError("No component is in this scope.".into()));
    }
    Ok(incidents)
}

/// The scenario with its outage replaced by a scope preset. The replay also
/// sets the start to 11:49 UTC on March 2, 2026.
pub fn with_scope(scenario: &Scenario, scope: &Scope, length_minutes: f64) -> Result<Scenario, ScopeError> {
    let mut out = scenario.clone();
    out.outage.incidents = scope_incidents(scenario, scope, length_minutes)?;
    if *scope == Scope::March2Replay {
        out.outage.start = MARCH_2_START.to_string();
    }
    Ok(out)
}

/// Stretches (or shrinks) an outage's timeline so that it lasts
/// `length_minutes` from its start: every start and end scales alike. This is
/// what the length knob does to the replay or to hand-made incidents.
pub fn stretch(incidents: &mut [Incident], length_minutes: f64) {
    // Whole minutes keep the editor readable.
    let Some(stretch) = Stretch::to_length(incidents.iter().map(|i| i.end_minutes), length_minutes) else { return };
    for i in incidents {
        (i.start_minutes, i.end_minutes) = stretch.span(i.start_minutes, i.end_minutes);
    }
}

/// The scope preset a scenario's outage is, if any: every incident exactly
/// what [`with_scope`] makes at the outage's length (for the replay: its
/// timeline stretched to that length, from 11:49 UTC on March 2, 2026).
/// Derived, never stored, so a link or a file shows the scope it was made with.
pub fn detect_scope(scenario: &Scenario) -> Option<Scope> {
    let incidents = &scenario.outage.incidents;
    let length = length_minutes(scenario);
    let first = incidents.first()?;
    let is = |scope: &Scope| scope_incidents(scenario, scope, length).is_ok_and(|made| made == *incidents);
    if incidents.len() == 1 {
        return Some(Scope::Component(first.component.clone())).filter(is);
    }
    if scenario.outage.start == MARCH_2_START && incidents.len() == march_2_replay().len() {
        let mut replay = march_2_replay();
        stretch(&mut replay, length);
        if replay == *incidents {
            return Some(Scope::March2Replay);
        }
    }
    if incidents.len() == scenario.components.len() && is(&Scope::Everything) {
        return Some(Scope::Everything);
    }
    let provider = scenario.components.iter().find(|c| c.id == first.component)?.provider.clone()?;
    Some(Scope::Provider(provider)).filter(is)
}

/// The outage's length: the latest incident end, in minutes.
pub fn length_minutes(scenario: &Scenario) -> f64 {
    length_minutes_of(&scenario.outage.incidents)
}

/// As [`length_minutes`], of a list of incidents.
pub fn length_minutes_of(incidents: &[Incident]) -> f64 {
    incidents.iter().map(|i| i.end_minutes).filter(|m| m.is_finite()).fold(0.0, f64::max)
}
