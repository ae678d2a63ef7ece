//! The editable places of a scenario, typed: for each one, how to read it,
//! how to write it, and its name (the path validation reports problems at,
//! e.g. `workflows[3].fallbacks[0].coverage`). Validation and the editor both
//! go through [`Field`], so a problem with an input always finds it. Problems
//! of a whole row (a [`Row`]: an id used twice, a team's shares) have no
//! field; the page lists them with the results and above their list.

use crate::input::history::Status;
use crate::input::scenario::Scenario;

/// One input of the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Currency,
    Target,
    OutageStart,
    /// The zone the outage start is read and shown in.
    OutageZone,
    Team(usize, TeamField),
    Component(usize, ComponentField),
    Workflow(usize, WorkflowField),
    /// (workflow, fallback)
    Fallback(usize, usize, FallbackField),
    Incident(usize, IncidentField),
    /// The annual view's seed and years.
    Seed,
    Years,
    /// Point `k` of the risk tolerance: its loss, or its chance.
    ToleranceLoss(usize),
    ToleranceChance(usize),
    /// The severity an incident history's spans at this status count with.
    StatusSeverity(Status),
    /// Variant `k`'s name.
    VariantName(usize),
    /// (variant, change): one of a variant's changes to a fallback.
    VariantChange(usize, usize, ChangeField),
}

/// A variant's change: which fallback, where, and the values it changes
/// (each may be left empty: as the scenario has it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeField {
    Fallback,
    Workflow,
    Coverage,
    ActivationDelay,
    RunningCost,
    YearlyCost,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TeamField {
    Name,
    Headcount,
    HourlyCost,
    Days,
    Start,
    End,
    TimeZone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComponentField {
    Name,
    Provider,
    DependsOn,
    IncidentsPerYear,
    /// The 90% range of an incident's duration, in hours: its two ends.
    DurationLow,
    DurationHigh,
    IncidentSeverity,
    Sla,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WorkflowField {
    Name,
    Team,
    Share,
    Needs,
    Reliance,
    RecoveryOverhead,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FallbackField {
    Name,
    Coverage,
    ActivationDelay,
    Needs,
    RunningCost,
    YearlyCost,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IncidentField {
    Component,
    Start,
    End,
    Severity,
}

/// What a field holds, by reference: `Slot<&f64, …>` to read, `Slot<&mut
/// f64, …>` to write. One table ([`Field::slot`] and [`Field::slot_mut`],
/// written once by `places!`) says where each field lives.
enum Slot<N, T, O, L, M, R> {
    Number(N),
    /// A number that may be absent (the annual view's inputs): NaN reads as none.
    MaybeNumber(M),
    /// One end (0 low, 1 high) of a range that may be absent.
    RangeEnd(R, usize),
    Text(T),
    /// Text that may be absent (a component's provider): empty means none.
    Optional(O),
    /// A list of ids or day names.
    List(L),
}

type Ref<'a> = Slot<&'a f64, &'a String, &'a Option<String>, &'a Vec<String>, &'a Option<f64>, &'a Option<[f64; 2]>>;
type Mut<'a> = Slot<
    &'a mut f64,
    &'a mut String,
    &'a mut Option<String>,
    &'a mut Vec<String>,
    &'a mut Option<f64>,
    &'a mut Option<[f64; 2]>,
>;

/// Where each field lives in a scenario, written once and expanded for
/// reading (`get`, `&`) and for writing (`get_mut`, `&mut`).
macro_rules! places {
    ($field:expr, $s:expr, $get:ident, $($mut:tt)?) => {
        match $field {
            Field::Name => Slot::Text(&$($mut)? $s.name),
            Field::Currency => Slot::Text(&$($mut)? $s.currency),
            Field::Target => Slot::Number(&$($mut)? $s.target),
            Field::OutageStart => Slot::Text(&$($mut)? $s.outage.start),
            Field::OutageZone => Slot::Optional(&$($mut)? $s.outage.time_zone),
            Field::Team(i, f) => {
                let t = $s.teams.$get(i)?;
                match f {
                    TeamField::Name => Slot::Text(&$($mut)? t.name),
                    TeamField::Headcount => Slot::Number(&$($mut)? t.headcount),
                    TeamField::HourlyCost => Slot::Number(&$($mut)? t.hourly_cost),
                    TeamField::Days => Slot::List(&$($mut)? t.calendar.days),
                    TeamField::Start => Slot::Text(&$($mut)? t.calendar.start),
                    TeamField::End => Slot::Text(&$($mut)? t.calendar.end),
                    TeamField::TimeZone => Slot::Text(&$($mut)? t.calendar.time_zone),
                }
            }
            Field::Component(i, f) => {
                let c = $s.components.$get(i)?;
                match f {
                    ComponentField::Name => Slot::Text(&$($mut)? c.name),
                    ComponentField::Provider => Slot::Optional(&$($mut)? c.provider),
                    ComponentField::DependsOn => Slot::List(&$($mut)? c.depends_on),
                    ComponentField::IncidentsPerYear => Slot::MaybeNumber(&$($mut)? c.incidents_per_year),
                    ComponentField::DurationLow => Slot::RangeEnd(&$($mut)? c.duration_hours_p90, 0),
                    ComponentField::DurationHigh => Slot::RangeEnd(&$($mut)? c.duration_hours_p90, 1),
                    ComponentField::IncidentSeverity => Slot::MaybeNumber(&$($mut)? c.incident_severity),
                    ComponentField::Sla => Slot::MaybeNumber(&$($mut)? c.sla),
                }
            }
            Field::Workflow(i, f) => {
                let w = $s.workflows.$get(i)?;
                match f {
                    WorkflowField::Name => Slot::Text(&$($mut)? w.name),
                    WorkflowField::Team => Slot::Text(&$($mut)? w.team),
                    WorkflowField::Share => Slot::Number(&$($mut)? w.share),
                    WorkflowField::Needs => Slot::List(&$($mut)? w.needs),
                    WorkflowField::Reliance => Slot::Number(&$($mut)? w.reliance),
                    WorkflowField::RecoveryOverhead => Slot::Number(&$($mut)? w.recovery_overhead),
                }
            }
            Field::Fallback(w, k, f) => {
                let x = $s.workflows.$get(w)?.fallbacks.$get(k)?;
                match f {
                    FallbackField::Name => Slot::Text(&$($mut)? x.name),
                    FallbackField::Coverage => Slot::Number(&$($mut)? x.coverage),
                    FallbackField::ActivationDelay => Slot::Number(&$($mut)? x.activation_delay_minutes),
                    FallbackField::Needs => Slot::List(&$($mut)? x.needs),
                    FallbackField::RunningCost => Slot::Number(&$($mut)? x.running_cost_per_hour),
                    FallbackField::YearlyCost => Slot::Number(&$($mut)? x.yearly_cost),
                }
            }
            Field::Incident(i, f) => {
                let x = $s.outage.incidents.$get(i)?;
                match f {
                    IncidentField::Component => Slot::Text(&$($mut)? x.component),
                    IncidentField::Start => Slot::Number(&$($mut)? x.start_minutes),
                    IncidentField::End => Slot::Number(&$($mut)? x.end_minutes),
                    IncidentField::Severity => Slot::Number(&$($mut)? x.severity),
                }
            }
            Field::Seed => Slot::Number(&$($mut)? $s.annual.seed),
            Field::Years => Slot::Number(&$($mut)? $s.annual.years),
            Field::ToleranceLoss(k) => Slot::Number(&$($mut)? $s.annual.tolerance.$get(k)?.loss),
            Field::ToleranceChance(k) => Slot::Number(&$($mut)? $s.annual.tolerance.$get(k)?.chance),
            Field::VariantName(k) => Slot::Text(&$($mut)? $s.variants.$get(k)?.name),
            Field::VariantChange(v, c, f) => {
                let x = $s.variants.$get(v)?.changes.$get(c)?;
                match f {
                    ChangeField::Fallback => Slot::Text(&$($mut)? x.fallback),
                    ChangeField::Workflow => Slot::Optional(&$($mut)? x.workflow),
                    ChangeField::Coverage => Slot::MaybeNumber(&$($mut)? x.coverage),
                    ChangeField::ActivationDelay => Slot::MaybeNumber(&$($mut)? x.activation_delay_minutes),
                    ChangeField::RunningCost => Slot::MaybeNumber(&$($mut)? x.running_cost_per_hour),
                    ChangeField::YearlyCost => Slot::MaybeNumber(&$($mut)? x.yearly_cost),
                }
            }
            Field::StatusSeverity(status) => {
                let x = &$($mut)? $s.incident_history.severities;
                Slot::Number(match status {
                    Status::Degraded => &$($mut)? x.degraded_performance,
                    Status::Partial => &$($mut)? x.partial_outage,
                    Status::Major => &$($mut)? x.major_outage,
                    Status::Maintenance => &$($mut)? x.under_maintenance,
                })
            }
        }
    };
}

impl Field {
    fn slot(self, s: &Scenario) -> Option<Ref<'_>> {
        Some(places!(self, s, get,))
    }

    fn slot_mut(self, s: &mut Scenario) -> Option<Mut<'_>> {
        Some(places!(self, s, get_mut, mut))
    }

    /// A number field's value; NaN when the row is gone or the field holds no number.
    pub fn number(self, s: &Scenario) -> f64 {
        match self.slot(s) {
            Some(Slot::Number(v)) => *v,
            Some(Slot::MaybeNumber(v)) => v.unwrap_or(f64::NAN),
            Some(Slot::RangeEnd(range, end)) => range.map_or(f64::NAN, |r| r[end]),
            _ => f64::NAN,
        }
    }

    /// Writes a number field. In a field that may be empty, NaN (nothing
    /// typed) empties it; a range whose two ends are empty is gone.
    pub fn set_number(self, s: &mut Scenario, value: f64) {
        match self.slot_mut(s) {
            Some(Slot::Number(v)) => *v = value,
            Some(Slot::MaybeNumber(v)) => *v = Some(value).filter(|v| !v.is_nan()),
            Some(Slot::RangeEnd(range, end)) => {
                let mut ends = range.unwrap_or([f64::NAN; 2]);
                ends[end] = value;
                *range = Some(ends).filter(|e| !e.iter().all(|v| v.is_nan()));
            }
            _ => {}
        }
    }

    /// Whether the field may be left empty (the annual view's inputs; a
    /// variant's values: as the scenario has them).
    pub fn may_be_empty(self) -> bool {
        matches!(self, Field::VariantChange(..))
            || matches!(
                self,
                Field::Component(
                    _,
                    ComponentField::IncidentsPerYear
                        | ComponentField::DurationLow
                        | ComponentField::DurationHigh
                        | ComponentField::IncidentSeverity
                        | ComponentField::Sla
                )
            )
    }

    /// A text field's value; empty when the row is gone or the field holds no text.
    pub fn text(self, s: &Scenario) -> String {
        match self.slot(s) {
            Some(Slot::Text(t)) => t.clone(),
            Some(Slot::Optional(t)) => t.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Writes a text field. A currency is kept as a code (trimmed, upper
    /// case); a blank provider is no provider.
    pub fn set_text(self, s: &mut Scenario, value: String) {
        let value = if self == Field::Currency { value.trim().to_ascii_uppercase() } else { value };
        match self.slot_mut(s) {
            Some(Slot::Text(t)) => *t = value,
            Some(Slot::Optional(t)) => *t = Some(value).filter(|v| !v.trim().is_empty()),
            _ => {}
        }
    }

    /// A list field's entries (component ids, day names); empty when the row is gone.
    pub fn list(self, s: &Scenario) -> Vec<String> {
        match self.slot(s) {
            Some(Slot::List(l)) => l.clone(),
            _ => Vec::new(),
        }
    }

    /// Adds or removes `entry` in a list field.
    pub fn toggle(self, s: &mut Scenario, entry: &str, on: bool) {
        if let Some(Slot::List(list)) = self.slot_mut(s) {
            toggle_entry(list, entry, on);
        }
    }

    /// Where the field is, as validation and the command line name it.
    pub fn path(self) -> String {
        match self {
            Field::Name => "name".into(),
            Field::Currency => "currency".into(),
            Field::Target => "target".into(),
            Field::OutageStart => "outage.start".into(),
            Field::OutageZone => "outage.time_zone".into(),
            Field::Team(i, f) => format!("{}.{}", Row::Team(i).path(), f.key()),
            Field::Component(i, f) => format!("{}.{}", Row::Component(i).path(), f.key()),
            Field::Workflow(i, f) => format!("{}.{}", Row::Workflow(i).path(), f.key()),
            Field::Fallback(w, k, f) => format!("{}.{}", Row::Fallback(w, k).path(), f.key()),
            Field::Incident(i, f) => format!("{}.{}", Row::Incident(i).path(), f.key()),
            Field::Seed => "annual.seed".into(),
            Field::Years => "annual.years".into(),
            Field::ToleranceLoss(k) => format!("annual.tolerance[{k}].loss"),
            Field::ToleranceChance(k) => format!("annual.tolerance[{k}].chance"),
            Field::StatusSeverity(status) => format!("incident_history.severities.{}", status.key()),
            Field::VariantName(k) => format!("variants[{k}].name"),
            Field::VariantChange(v, c, f) => format!("variants[{v}].changes[{c}].{}", f.key()),
        }
    }

    /// The place of entry `k` of a list field: `workflows[0].needs[2]`.
    pub fn entry_path(self, k: usize) -> String {
        format!("{}[{k}]", self.path())
    }

    /// Every field of a scenario, in the editor's order.
    pub fn all(s: &Scenario) -> Vec<Field> {
        let mut out = vec![Field::Name, Field::Currency, Field::Target];
        out.extend((0..s.teams.len()).flat_map(|i| TeamField::ALL.map(|f| Field::Team(i, f))));
        out.extend((0..s.components.len()).flat_map(|i| ComponentField::ALL.map(|f| Field::Component(i, f))));
        for (w, wf) in s.workflows.iter().enumerate() {
            out.extend(WorkflowField::ALL.map(|f| Field::Workflow(w, f)));
            out.extend((0..wf.fallbacks.len()).flat_map(|k| FallbackField::ALL.map(|f| Field::Fallback(w, k, f))));
        }
        out.push(Field::OutageStart);
        out.push(Field::OutageZone);
        out.extend((0..s.outage.incidents.len()).flat_map(|i| IncidentField::ALL.map(|f| Field::Incident(i, f))));
        out.extend([Field::Seed, Field::Years]);
        out.extend((0..s.annual.tolerance.len()).flat_map(|k| [Field::ToleranceLoss(k), Field::ToleranceChance(k)]));
        out.extend(Status::ALL.map(Field::StatusSeverity));
        for (v, variant) in s.variants.iter().enumerate() {
            out.push(Field::VariantName(v));
            out.extend(
                (0..variant.changes.len()).flat_map(|c| ChangeField::ALL.map(|f| Field::VariantChange(v, c, f))),
            );
        }
        out
    }
}

/// Adds `entry` to a list (once) or removes it.
pub fn toggle_entry(list: &mut Vec<String>, entry: &str, on: bool) {
    let present = list.iter().any(|d| d == entry);
    if on && !present {
        list.push(entry.to_string());
    } else if !on {
        list.retain(|d| d != entry);
    }
}

/// A row of one of the scenario's lists: a team, a component, a workflow,
/// a fallback, an incident. Problems of a whole row (an id used twice, a
/// team's workflows taking more than its time) are reported at its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    Team(usize),
    Component(usize),
    Workflow(usize),
    /// (workflow, fallback)
    Fallback(usize, usize),
    Incident(usize),
}

impl Row {
    pub fn path(self) -> String {
        match self {
            Row::Team(i) => format!("teams[{i}]"),
            Row::Component(i) => format!("components[{i}]"),
            Row::Workflow(i) => format!("workflows[{i}]"),
            Row::Fallback(w, k) => format!("workflows[{w}].fallbacks[{k}]"),
            Row::Incident(i) => format!("outage.incidents[{i}]"),
        }
    }

    /// The list the row is in, as paths name it ("teams", "workflows[2].fallbacks").
    pub fn list(self) -> String {
        match self {
            Row::Fallback(w, _) => format!("workflows[{w}].fallbacks"),
            Row::Incident(_) => "outage.incidents".into(),
            Row::Team(_) => "teams".into(),
            Row::Component(_) => "components".into(),
            Row::Workflow(_) => "workflows".into(),
        }
    }
}

impl TeamField {
    pub const ALL: [TeamField; 7] = [
        TeamField::Name,
        TeamField::Headcount,
        TeamField::HourlyCost,
        TeamField::Days,
        TeamField::Start,
        TeamField::End,
        TeamField::TimeZone,
    ];

    fn key(self) -> &'static str {
        match self {
            TeamField::Name => "name",
            TeamField::Headcount => "headcount",
            TeamField::HourlyCost => "hourly_cost",
            TeamField::Days => "calendar.days",
            TeamField::Start => "calendar.start",
            TeamField::End => "calendar.end",
            TeamField::TimeZone => "calendar.time_zone",
        }
    }
}

impl ComponentField {
    pub const ALL: [ComponentField; 8] = [
        ComponentField::Name,
        ComponentField::Provider,
        ComponentField::DependsOn,
        ComponentField::IncidentsPerYear,
        ComponentField::DurationLow,
        ComponentField::DurationHigh,
        ComponentField::IncidentSeverity,
        ComponentField::Sla,
    ];

    fn key(self) -> &'static str {
        match self {
            ComponentField::Name => "name",
            ComponentField::Provider => "provider",
            ComponentField::DependsOn => "depends_on",
            ComponentField::IncidentsPerYear => "incidents_per_year",
            ComponentField::DurationLow => "duration_hours_p90[0]",
            ComponentField::DurationHigh => "duration_hours_p90[1]",
            ComponentField::IncidentSeverity => "incident_severity",
            ComponentField::Sla => "sla",
        }
    }
}

impl WorkflowField {
    pub const ALL: [WorkflowField; 6] = [
        WorkflowField::Name,
        WorkflowField::Team,
        WorkflowField::Share,
        WorkflowField::Needs,
        WorkflowField::Reliance,
        WorkflowField::RecoveryOverhead,
    ];

    fn key(self) -> &'static str {
        match self {
            WorkflowField::Name => "name",
            WorkflowField::Team => "team",
            WorkflowField::Share => "share",
            WorkflowField::Needs => "needs",
            WorkflowField::Reliance => "reliance",
            WorkflowField::RecoveryOverhead => "recovery_overhead",
        }
    }
}

impl FallbackField {
    pub const ALL: [FallbackField; 6] = [
        FallbackField::Name,
        FallbackField::Coverage,
        FallbackField::ActivationDelay,
        FallbackField::Needs,
        FallbackField::RunningCost,
        FallbackField::YearlyCost,
    ];

    fn key(self) -> &'static str {
        match self {
            FallbackField::Name => "name",
            FallbackField::Coverage => "coverage",
            FallbackField::ActivationDelay => "activation_delay_minutes",
            FallbackField::Needs => "needs",
            FallbackField::RunningCost => "running_cost_per_hour",
            FallbackField::YearlyCost => "yearly_cost",
        }
    }
}

impl ChangeField {
    pub const ALL: [ChangeField; 6] = [
        ChangeField::Fallback,
        ChangeField::Workflow,
        ChangeField::Coverage,
        ChangeField::ActivationDelay,
        ChangeField::RunningCost,
        ChangeField::YearlyCost,
    ];

    fn key(self) -> &'static str {
        match self {
            ChangeField::Fallback => "fallback",
            ChangeField::Workflow => "workflow",
            ChangeField::Coverage => "coverage",
            ChangeField::ActivationDelay => "activation_delay_minutes",
            ChangeField::RunningCost => "running_cost_per_hour",
            ChangeField::YearlyCost => "yearly_cost",
        }
    }
}

impl IncidentField {
    pub const ALL: [IncidentField; 4] =
        [IncidentField::Component, IncidentField::Start, IncidentField::End, IncidentField::Severity];

    fn key(self) -> &'static str {
        match self {
            IncidentField::Component => "component",
            IncidentField::Start => "start_minutes",
            IncidentField::End => "end_minutes",
            IncidentField::Severity => "severity",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::example;
    use serde_json::Value;

    /// The value at a path such as `workflows[2].fallbacks[0].coverage` in
    /// the scenario's JSON, as the format writes it.
    fn at_path<'v>(json: &'v Value, path: &str) -> Option<&'v Value> {
        path.split('.').try_fold(json, |v, part| match part.split_once('[') {
            Some((key, index)) => v.get(key)?.get(index.trim_end_matches(']').parse::<usize>().ok()?),
            None => v.get(part),
        })
    }

    #[test]
    fn every_path_names_the_value_the_field_reads() {
        let mut s = example();
        // Not the default, so the file holds the severities.
        s.incident_history.severities.partial_outage = 0.5;
        let json = serde_json::to_value(&s).unwrap();
        let fields = Field::all(&s);
        assert_eq!(
            fields.len(),
            3 + 7 * s.teams.len()
                + 8 * s.components.len()
                + 2
                + 4 * s.outage.incidents.len()
                + s.workflows.iter().map(|w| 6 + 6 * w.fallbacks.len()).sum::<usize>()
                + 2
                + 2 * s.annual.tolerance.len()
                + 4
                + s.variants.iter().map(|v| 1 + 6 * v.changes.len()).sum::<usize>()
        );
        for field in fields {
            let found = at_path(&json, &field.path()).unwrap_or(&Value::Null);
            let read = match found {
                Value::Number(_) => serde_json::json!(field.number(&s)),
                Value::Array(_) => serde_json::json!(field.list(&s)),
                Value::Null => serde_json::json!(Some(field.text(&s)).filter(|t| !t.is_empty())),
                _ => serde_json::json!(field.text(&s)),
            };
            assert_eq!(found, &read, "{}", field.path());
        }
    }

    #[test]
    fn fields_write_what_they_read() {
        let mut s = example();
        let fee = Field::Fallback(2, 0, FallbackField::RunningCost);
        fee.set_number(&mut s, 12.5);
        assert_eq!((fee.number(&s), s.workflows[2].fallbacks[0].running_cost_per_hour), (12.5, 12.5));
        Field::Currency.set_text(&mut s, " usd ".into());
        assert_eq!(s.currency, "USD");
        let provider = Field::Component(0, ComponentField::Provider);
        provider.set_text(&mut s, "  ".into());
        assert_eq!(s.components[0].provider, None, "a blank provider is none");
        let needs = Field::Workflow(0, WorkflowField::Needs);
        needs.toggle(&mut s, "extra", true);
        needs.toggle(&mut s, "extra", true);
        assert_eq!(needs.list(&s).iter().filter(|n| *n == "extra").count(), 1);
        needs.toggle(&mut s, "extra", false);
        assert!(!needs.list(&s).contains(&"extra".to_string()));
        // A row that is gone reads as nothing and writes nowhere.
        let gone = Field::Team(99, TeamField::Headcount);
        assert!(gone.number(&s).is_nan());
        let before = s.clone();
        gone.set_number(&mut s, 1.0);
        Field::Target.set_text(&mut s, "not a text field".into());
        assert_eq!(s, before);
    }
}
