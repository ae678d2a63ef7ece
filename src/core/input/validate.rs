//! Raw [`Scenario`] → validated [`Model`], once. Every problem is reported at
//! once, each with the place it is at (`workflows[3].fallbacks[0].coverage`)
//! and a sentence a non-programmer understands.

use std::collections::HashMap;

use serde::Serialize;

use crate::input::field::{ComponentField, FallbackField, Field, IncidentField, Row, TeamField, WorkflowField};
use crate::input::model::{self, Model};
use crate::input::number::{fmt_num_to, shown, shown_percent};
use crate::input::scenario::{self, plain_text, Scenario, FORMAT_VERSION};
use crate::time::calendar::{self, WorkCalendar};
use crate::time::zones::Zone;
use crate::time::{minutes_to_seconds, parse_utc, Instant, MAX_OUTAGE_MINUTES, MINUTES_PER_DAY};

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where it is, e.g. `workflows[3].fallbacks[0].coverage`.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
    /// The editor's input it belongs to; `None` for a whole row or list (an
    /// id used twice, a team's workflows taking more than its time) and for
    /// what the editor does not show.
    #[serde(skip)]
    pub field: Option<Field>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// 1991-01-01T00:00:00Z and 2200-01-01T00:00:00Z: the outage starts between them.
const EARLIEST_START: i64 = 662_688_000;
const LATEST_START: i64 = 7_258_118_400;

pub fn validate(s: &Scenario) -> Result<Model, Vec<Problem>> {
    let mut v = Validator::default();
    let model = v.scenario(s);
    match model {
        Some(model) if v.problems.is_empty() => Ok(model),
        _ => Err(v.problems),
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

/// How a number may range: from 0 to `max`, written in messages with its
/// `unit` ("per person-hour"), and as a percentage too where the editor
/// takes it in percent. Every maximum is far beyond what a real
/// organisation reaches, and close enough that no result overflows.
#[derive(Clone, Copy)]
struct Range {
    max: f64,
    unit: &'static str,
    percent: bool,
}

impl Range {
    /// 0 to 1, typed in percent.
    const FRACTION: Range = Range { max: 1.0, unit: "", percent: true };
    const fn up_to(max: f64, unit: &'static str) -> Range {
        Range { max, unit, percent: false }
    }
}

/// The most of each list the calculator takes (see `Validator::sizes`).
const MAX_COMPONENTS: usize = 20_000;
const MAX_TEAMS: usize = 10_000;
const MAX_WORKFLOWS: usize = 50_000;
const MAX_FALLBACKS: usize = 20;
/// Incidents in one outage: the sweep's work grows with the square of those
/// that overlap on one workflow.
const MAX_INCIDENTS: usize = 2_000;
const MAX_LINKS: usize = 1_000_000;
/// Steps of the dependency walk over every workflow and fallback.
const MAX_DEPENDENCY_STEPS: usize = 20_000_000;

/// People in one team.
const MAX_HEADCOUNT: Range = Range::up_to(1e6, " people");
/// Money per hour: a person-hour or a fallback's running hour, in any currency.
const MAX_PER_HOUR: Range = Range::up_to(1e7, " an hour");
/// Extra work after an outage, as a part of the hours lost: ten times as much.
const MAX_RECOVERY: Range = Range { max: 10.0, unit: "", percent: true };
const MAX_MINUTES: Range = Range::up_to(MAX_OUTAGE_MINUTES, " minutes (a year)");
const MAX_INCIDENTS_PER_YEAR: Range = Range::up_to(10_000.0, " a year");
const MAX_HOURS: Range = Range::up_to(MAX_OUTAGE_MINUTES / 60.0, " hours (a year)");
/// A sum of money a year: a fallback's fixed cost, a tolerance's loss.
const MAX_LOSS: Range = Range::up_to(1e13, " a year");
/// Seeds stay whole numbers a browser's number input holds exactly (2^53).
const MAX_SEED: Range = Range::up_to(9_007_199_254_740_991.0, "");
/// Years the simulation draws: its time grows with them.
const MAX_YEARS: Range = Range::up_to(100_000.0, " years");
const MAX_TOLERANCE_POINTS: usize = 5;

impl Validator {
    /// A problem with an input of the editor.
    fn at(&mut self, field: Field, message: impl Into<String>) {
        self.problems.push(Problem { path: field.path(), message: message.into(), field: Some(field) });
    }

    /// A problem with entry `k` of a list input (a component needed twice).
    fn at_entry(&mut self, field: Field, k: usize, message: impl Into<String>) {
        self.problems.push(Problem { path: field.entry_path(k), message: message.into(), field: Some(field) });
    }

    /// A problem with no input of its own: a whole row, an id, the version.
    fn at_place(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into(), field: None });
    }

    /// Checks a number; `what` names it in the sentence ("Coverage").
    fn number(&mut self, field: Field, what: &str, value: f64, range: Range) -> f64 {
        if let Some(message) = number_problem(what, value, range) {
            self.at(field, message);
        }
        value
    }

    /// Ids must be non-empty and unique within their list.
    fn ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
        let mut index = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.at_place(path, "The id is empty; give it a short unique name.");
            } else if let Some(first) = index.get(id) {
                self.at_place(path, format!("The id \"{id}\" is already used by {list}[{first}]; ids must be unique."));
            } else {
                index.insert(id.to_string(), i);
            }
        }
        index
    }

    /// Resolves a list of component references, reporting unknown and repeated ones.
    fn component_refs(&mut self, field: Field, refs: &[String], components: &HashMap<String, usize>) -> Vec<usize> {
        let mut out = Vec::with_capacity(refs.len());
        // A set, so a long list is checked in linear time.
        let mut listed = std::collections::HashSet::with_capacity(refs.len());
        for (i, r) in refs.iter().enumerate() {
            match components.get(r.as_str()) {
                None => self.at_entry(field, i, format!("There is no component with the id \"{r}\".")),
                Some(&c) if !listed.insert(c) => {
                    self.at_entry(field, i, format!("The component \"{r}\" is listed twice."))
                }
                Some(&c) => out.push(c),
            }
        }
        out
    }

    fn scenario(&mut self, s: &Scenario) -> Option<Model> {
        // Sizes first, before any work that grows with them.
        if !self.sizes(s) {
            return None;
        }
        if s.version != FORMAT_VERSION {
            self.at_place(
                "version",
                format!("This build reads format version {FORMAT_VERSION}; the scenario says {}.", s.version),
            );
        }
        let currency = s.currency.trim().to_string();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.at(
                Field::Currency,
                format!("The currency must be a three-letter code such as GBP, USD or EUR; it is \"{}\".", s.currency),
            );
        }
        let target = self.number(Field::Target, "The residual-functionality target", s.target, Range::FRACTION);

        let component_ids = self.ids("components", s.components.iter().map(|c| c.id.as_str()));
        let (components, dependency_order) = self.components(&s.components, &component_ids);
        let team_ids = self.ids("teams", s.teams.iter().map(|t| t.id.as_str()));
        let teams: Vec<Option<model::Team>> = s.teams.iter().enumerate().map(|(i, t)| self.team(i, t)).collect();
        self.ids("workflows", s.workflows.iter().map(|w| w.id.as_str()));
        let workflows: Vec<model::Workflow> =
            s.workflows.iter().enumerate().map(|(i, w)| self.workflow(i, w, &component_ids, &team_ids)).collect();
        self.shares(s, &workflows);
        let outage = self.outage(&s.outage, &component_ids);
        let annual = self.annual_settings(&s.annual);

        if !self.problems.is_empty() {
            return None;
        }
        self.dependency_work(&components, &workflows);
        if !self.problems.is_empty() {
            return None;
        }
        Some(Model {
            name: plain_text(&s.name).into_owned(),
            currency,
            target,
            components,
            dependency_order: dependency_order?,
            teams: teams.into_iter().collect::<Option<_>>()?,
            workflows,
            outage: outage?,
            annual,
        })
    }

    /// Whether the scenario's lists are within what the calculator takes:
    /// generous for a real organisation, and refused beyond, with the limit
    /// in the message, before anything else is checked.
    fn sizes(&mut self, s: &Scenario) -> bool {
        let links = s.components.iter().map(|c| c.depends_on.len()).sum::<usize>()
            + s.workflows
                .iter()
                .map(|w| w.needs.len() + w.fallbacks.iter().map(|f| f.needs.len()).sum::<usize>())
                .sum::<usize>();
        let most_fallbacks = s.workflows.iter().map(|w| w.fallbacks.len()).max().unwrap_or(0);
        let counts = [
            ("components", s.components.len(), MAX_COMPONENTS, "components"),
            ("teams", s.teams.len(), MAX_TEAMS, "teams"),
            ("workflows", s.workflows.len(), MAX_WORKFLOWS, "workflows"),
            ("outage.incidents", s.outage.incidents.len(), MAX_INCIDENTS, "incidents"),
            ("workflows", most_fallbacks, MAX_FALLBACKS, "fallbacks in one workflow"),
            (
                "components",
                links,
                MAX_LINKS,
                "dependencies (what components depend on and workflows and fallbacks need)",
            ),
        ];
        for (place, count, max, what) in counts {
            if count > max {
                self.at_place(
                    place,
                    format!("This scenario has {} {what}; the calculator takes at most {}.", group(count), group(max)),
                );
            }
        }
        self.problems.is_empty()
    }

    /// The work of following every workflow's and fallback's needs through
    /// the dependency map, bounded: the engine does this work on every edit.
    fn dependency_work(&mut self, components: &[model::Component], workflows: &[model::Workflow]) {
        let mut reachable = model::Reachable::new(components.len());
        let mut reached = Vec::new();
        let mut steps = 0;
        // Each step costs a row as wide as the workflow's fallbacks, plus one.
        let needs = workflows.iter().flat_map(|w| {
            let width = 1 + w.fallbacks.len();
            std::iter::once(&w.needs).chain(w.fallbacks.iter().map(|f| &f.needs)).map(move |list| (list, width))
        });
        for (list, width) in needs {
            steps += width * reachable.walk(components, list, &mut reached);
            if steps > MAX_DEPENDENCY_STEPS {
                self.at_place(
                    "workflows",
                    format!(
                        "The workflows reach their components through more than {} steps of the dependency map \
                         (each workflow's and fallback's own chain counted, once more for each fallback the \
                         workflow has); the calculator takes at most that. Share fewer long chains, or name \
                         fewer needs or fallbacks.",
                        group(MAX_DEPENDENCY_STEPS)
                    ),
                );
                return;
            }
        }
    }

    /// The components, and the order that puts each after what it depends on
    /// (`None` when the dependencies go round in a circle).
    fn components(
        &mut self,
        raw: &[scenario::Component],
        ids: &HashMap<String, usize>,
    ) -> (Vec<model::Component>, Option<Vec<usize>>) {
        let out: Vec<model::Component> = raw.iter().enumerate().map(|(i, c)| self.component(i, c, ids)).collect();
        match model::dependency_order(&out) {
            Ok(order) => (out, Some(order)),
            Err(cycle) => {
                let names: Vec<&str> = cycle.iter().map(|&c| out[c].id.as_str()).collect();
                let message = if cycle.len() == 2 {
                    format!("The component \"{}\" depends on itself.", names[0])
                } else {
                    format!(
                        "These dependencies go round in a circle: {}. A component cannot depend on itself, directly or through others.",
                        names.join(" → ")
                    )
                };
                self.at(Field::Component(cycle[0], ComponentField::DependsOn), message);
                (out, None)
            }
        }
    }

    fn component(&mut self, i: usize, c: &scenario::Component, ids: &HashMap<String, usize>) -> model::Component {
        let depends_on = self.component_refs(Field::Component(i, ComponentField::DependsOn), &c.depends_on, ids);
        if c.provider.as_ref().is_some_and(|p| p.trim().is_empty()) {
            self.at(
                Field::Component(i, ComponentField::Provider),
                "The provider label is empty; remove it or name the provider.",
            );
        }
        let incidents = self.annual(i, c);
        model::Component {
            id: c.id.clone(),
            name: c.display_name().to_string(),
            provider: c.provider.clone().filter(|p| !p.trim().is_empty()),
            depends_on,
            incidents,
            sla: c.sla,
        }
    }

    /// The annual view's inputs of a component: a rate needs a duration
    /// range, and a range a rate; neither is fine (it never fails).
    fn annual(&mut self, i: usize, c: &scenario::Component) -> Option<model::IncidentRate> {
        let field = |f| Field::Component(i, f);
        let rate = c.incidents_per_year.map(|rate| {
            self.number(field(ComponentField::IncidentsPerYear), "Incidents per year", rate, MAX_INCIDENTS_PER_YEAR)
        });
        let range = c.duration_hours_p90.map(|[low, high]| {
            let low = self.number(field(ComponentField::DurationLow), "The shortest typical duration", low, MAX_HOURS);
            let high = self.number(field(ComponentField::DurationHigh), "The longest typical duration", high, MAX_HOURS);
            if low.is_finite() && high.is_finite() && (low <= 0.0 || high < low) {
                self.at(
                    field(if low <= 0.0 { ComponentField::DurationLow } else { ComponentField::DurationHigh }),
                    format!(
                        "The duration range needs a low above 0 hours and a high at least as long as the low; it is {} to {} hours.",
                        shown(low),
                        shown(high)
                    ),
                );
            }
            (low, high)
        });
        let severity = c.incident_severity.map_or(1.0, |x| {
            self.number(field(ComponentField::IncidentSeverity), "The typical severity", x, Range::FRACTION)
        });
        if let Some(sla) = c.sla {
            let sla = self.number(field(ComponentField::Sla), "The SLA", sla, Range::FRACTION);
            if sla == 0.0 {
                self.at(
                    field(ComponentField::Sla),
                    "An SLA of 0% means the component never works; use a value such as 0.999 (99.9%).",
                );
            }
        }
        match (rate, range) {
            (Some(rate), None) if rate > 0.0 => {
                self.at(
                    field(ComponentField::DurationLow),
                    "Incidents per year need a duration range (the low and high hours of nine incidents in ten).",
                );
                None
            }
            (None, Some(_)) => {
                self.at(
                    field(ComponentField::IncidentsPerYear),
                    "A duration range needs the incidents per year it applies to (0 for none).",
                );
                None
            }
            (Some(per_year), Some(duration_hours_p90)) if per_year > 0.0 => {
                Some(model::IncidentRate { per_year, duration_hours_p90, severity })
            }
            _ => None,
        }
    }

    /// The annual view's seed, years and tolerance.
    fn annual_settings(&mut self, a: &scenario::AnnualSettings) -> model::AnnualSettings {
        let seed = self.number(Field::Seed, "The seed", a.seed, MAX_SEED);
        if seed.is_finite() && seed.fract() != 0.0 {
            self.at(Field::Seed, format!("The seed must be a whole number; it is {}.", shown(seed)));
        }
        let years = self.number(Field::Years, "The years simulated", a.years, MAX_YEARS);
        if years.is_finite() && (years.fract() != 0.0 || years < 1.0) {
            self.at(
                Field::Years,
                format!("The years simulated must be a whole number from 1; it is {}.", shown(years)),
            );
        }
        if a.tolerance.len() > MAX_TOLERANCE_POINTS {
            self.at_place(
                "annual.tolerance",
                format!(
                    "The risk tolerance takes at most {MAX_TOLERANCE_POINTS} points; it has {}.",
                    a.tolerance.len()
                ),
            );
        }
        let mut tolerance: Vec<(f64, f64)> = a
            .tolerance
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let loss = self.number(Field::ToleranceLoss(k), "A tolerance's annual loss", p.loss, MAX_LOSS);
                let chance = self.number(Field::ToleranceChance(k), "A tolerance's chance", p.chance, Range::FRACTION);
                (loss, chance)
            })
            .collect();
        crate::sort::by_key(&mut tolerance, |p| p.0);
        model::AnnualSettings { seed: seed as u64, years: years as u32, tolerance }
    }

    fn team(&mut self, i: usize, t: &scenario::Team) -> Option<model::Team> {
        let field = |f| Field::Team(i, f);
        let headcount = self.number(field(TeamField::Headcount), "Headcount", t.headcount, MAX_HEADCOUNT);
        let hourly_cost = self.number(field(TeamField::HourlyCost), "The hourly cost", t.hourly_cost, MAX_PER_HOUR);
        let calendar = self.calendar(i, &t.calendar);
        Some(model::Team {
            id: t.id.clone(),
            name: t.display_name().to_string(),
            headcount,
            hourly_cost,
            calendar: calendar?,
        })
    }

    fn calendar(&mut self, team: usize, c: &scenario::Calendar) -> Option<WorkCalendar> {
        let field = |f| Field::Team(team, f);
        let days = self.days(field(TeamField::Days), &c.days);
        let start = calendar::parse_clock(&c.start);
        let end = calendar::parse_clock(&c.end);
        match start {
            None => self.at(
                field(TeamField::Start),
                format!("The start of the working day must be a time like 09:00; it is \"{}\".", c.start),
            ),
            Some(MINUTES_PER_DAY) => {
                self.at(field(TeamField::Start), "The working day cannot start at 24:00; use 00:00.")
            }
            _ => {}
        }
        if end.is_none() {
            self.at(
                field(TeamField::End),
                format!("The end of the working day must be a time like 17:30; it is \"{}\".", c.end),
            );
        }
        if start.is_some() && start == end {
            self.at(
                field(TeamField::End),
                "The working day starts and ends at the same time; for round-the-clock work use 00:00 to 24:00.",
            );
        }
        let zone = calendar::parse_zone(c.time_zone.trim());
        if zone.is_none() {
            self.at(
                field(TeamField::TimeZone),
                format!(
                    "\"{}\" is not a time zone this calculator knows; use a name such as Europe/London or America/New_York.",
                    c.time_zone
                ),
            );
        }
        Some(WorkCalendar { days, start_minute: start?, end_minute: end?, zone: zone? })
    }

    /// Working days, Monday first.
    fn days(&mut self, field: Field, names: &[String]) -> [bool; 7] {
        let mut days = [false; 7];
        if names.is_empty() {
            self.at(field, "Pick at least one working day.");
        }
        for (i, d) in names.iter().enumerate() {
            match calendar::parse_day(d) {
                None => self.at_entry(
                    field,
                    i,
                    format!("\"{d}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."),
                ),
                Some(k) if days[k] => self.at_entry(field, i, format!("\"{d}\" is listed twice.")),
                Some(k) => days[k] = true,
            }
        }
        days
    }

    fn workflow(
        &mut self,
        i: usize,
        w: &scenario::Workflow,
        components: &HashMap<String, usize>,
        teams: &HashMap<String, usize>,
    ) -> model::Workflow {
        let field = |f| Field::Workflow(i, f);
        let team = teams.get(w.team.as_str()).copied();
        if team.is_none() {
            self.at(field(WorkflowField::Team), format!("There is no team with the id \"{}\".", w.team));
        }
        let share = self.number(field(WorkflowField::Share), "The share of the team's time", w.share, Range::FRACTION);
        let needs = self.component_refs(field(WorkflowField::Needs), &w.needs, components);
        let reliance = self.number(field(WorkflowField::Reliance), "Reliance", w.reliance, Range::FRACTION);
        let recovery_overhead = self.number(
            field(WorkflowField::RecoveryOverhead),
            "The recovery overhead",
            w.recovery_overhead,
            MAX_RECOVERY,
        );
        let fallbacks = w.fallbacks.iter().enumerate().map(|(k, f)| self.fallback(i, k, f, components)).collect();
        model::Workflow {
            id: w.id.clone(),
            name: w.display_name().to_string(),
            // An unknown team is reported above; no model is built then.
            team: team.unwrap_or(usize::MAX),
            share,
            needs,
            reliance,
            fallbacks,
            recovery_overhead,
        }
    }

    fn fallback(
        &mut self,
        w: usize,
        k: usize,
        f: &scenario::Fallback,
        components: &HashMap<String, usize>,
    ) -> model::Fallback {
        let field = |x| Field::Fallback(w, k, x);
        let coverage = self.number(field(FallbackField::Coverage), "Coverage", f.coverage, Range::FRACTION);
        let delay = self.number(
            field(FallbackField::ActivationDelay),
            "The activation delay",
            f.activation_delay_minutes,
            MAX_MINUTES,
        );
        let needs = self.component_refs(field(FallbackField::Needs), &f.needs, components);
        let cost = self.number(
            field(FallbackField::RunningCost),
            "The running cost per hour",
            f.running_cost_per_hour,
            MAX_PER_HOUR,
        );
        let yearly_cost = self.number(field(FallbackField::YearlyCost), "The yearly cost", f.yearly_cost, MAX_LOSS);
        model::Fallback {
            name: if f.name.trim().is_empty() {
                format!("Fallback {}", k + 1)
            } else {
                plain_text(&f.name).into_owned()
            },
            coverage,
            activation_delay: minutes_to_seconds(delay),
            needs,
            running_cost_per_hour: cost,
            yearly_cost,
        }
    }

    /// A team's workflows can take at most all of its time.
    fn shares(&mut self, s: &Scenario, workflows: &[model::Workflow]) {
        let mut shares: Vec<Vec<(usize, f64)>> = vec![Vec::new(); s.teams.len()];
        for (i, w) in workflows.iter().enumerate() {
            if let Some(list) = shares.get_mut(w.team).filter(|_| w.share.is_finite()) {
                list.push((i, w.share));
            }
        }
        for (t, list) in shares.iter().enumerate() {
            let total: f64 = list.iter().map(|(_, s)| s).sum();
            if total > 1.0 + 1e-9 {
                let parts: Vec<String> = list
                    .iter()
                    .map(|&(w, share)| format!("{} {}", s.workflows[w].display_name(), pct(share)))
                    .collect();
                self.at_place(
                    Row::Team(t).path(),
                    format!(
                        "The workflows of team \"{}\" take {} of its time ({}); together they can take at most 100%.",
                        s.teams[t].display_name(),
                        pct(total),
                        parts.join(", ")
                    ),
                );
            }
        }
    }

    fn outage(&mut self, o: &scenario::Outage, components: &HashMap<String, usize>) -> Option<model::Outage> {
        let start = match parse_utc(&o.start) {
            // The built-in time zones describe 1990 on (with a year's margin for shifts that began earlier).
            Some(t) if !(EARLIEST_START..LATEST_START).contains(&t) => {
                self.at(
                    Field::OutageStart,
                    format!("The outage must start between 1991 and 2199; it is \"{}\".", o.start.trim()),
                );
                None
            }
            Some(t) => Some(t),
            None => {
                self.at(
                    Field::OutageStart,
                    format!(
                        "The outage start must be a date and time in UTC like 2026-03-02T11:49:00Z; it is \"{}\".",
                        o.start
                    ),
                );
                None
            }
        };
        if let Some(zone) = o.time_zone.as_deref().filter(|z| !z.trim().is_empty() && Zone::named(z).is_none()) {
            self.at(
                Field::OutageZone,
                format!(
                    "The time zone \"{}\" is not one the calculator knows; pick one from the list.",
                    plain_text(zone)
                ),
            );
        }
        let incidents: Vec<Option<model::Incident>> =
            o.incidents.iter().enumerate().map(|(i, inc)| self.incident(i, inc, start, components)).collect();
        Some(model::Outage { start: start?, incidents: incidents.into_iter().collect::<Option<_>>()? })
    }

    fn incident(
        &mut self,
        i: usize,
        inc: &scenario::Incident,
        outage_start: Option<Instant>,
        components: &HashMap<String, usize>,
    ) -> Option<model::Incident> {
        let field = |f| Field::Incident(i, f);
        let component = components.get(inc.component.as_str()).copied();
        if component.is_none() {
            self.at(
                field(IncidentField::Component),
                format!("There is no component with the id \"{}\".", inc.component),
            );
        }
        let s = self.number(field(IncidentField::Start), "The incident start", inc.start_minutes, MAX_MINUTES);
        let e = self.number(field(IncidentField::End), "The incident end", inc.end_minutes, Range::up_to(f64::MAX, ""));
        let severity = self.number(field(IncidentField::Severity), "Severity", inc.severity, Range::FRACTION);
        if s.is_finite() && e.is_finite() && s >= 0.0 && e >= 0.0 {
            if e < s {
                self.at(
                    field(IncidentField::End),
                    format!("The incident ends ({} min) before it starts ({} min).", shown(e), shown(s)),
                );
            } else if e > MAX_OUTAGE_MINUTES {
                self.at(field(IncidentField::End), "The incident ends more than a year after the outage start; the calculator looks at one year at most.");
            } else if minutes_to_seconds(e) == minutes_to_seconds(s) {
                self.at(field(IncidentField::End), "The incident ends when it starts; give it a length.");
            }
        }
        // Offsets past a year are reported above; saturating keeps an absurd one harmless.
        let start = outage_start?;
        Some(model::Incident {
            component: component?,
            start: start.saturating_add(minutes_to_seconds(s)),
            end: start.saturating_add(minutes_to_seconds(e)),
            severity,
        })
    }
}

/// What is wrong with a number, if anything; `what` names it ("Coverage").
/// The value is shown as it was written (and in percent where the editor
/// takes percent), never rounded into something it is not.
fn number_problem(what: &str, value: f64, range: Range) -> Option<String> {
    let written = |x: f64| if range.percent { format!("{} ({}%)", shown(x), shown_percent(x)) } else { shown(x) };
    if value.is_nan() {
        Some(format!("{what} is not a number."))
    } else if value.is_infinite() {
        Some(format!("{what} must be a finite number."))
    } else if range.max == 1.0 && range.percent && !(0.0..=1.0).contains(&value) {
        Some(format!("{what} must be between 0 and 1 (0% to 100%); it is {}.", written(value)))
    } else if value < 0.0 {
        Some(format!("{what} cannot be negative; it is {}.", written(value)))
    } else if value > range.max {
        Some(format!("{what} can be at most {}{}; it is {}.", written(range.max), range.unit, written(value)))
    } else {
        None
    }
}

/// 12345 → "12,345".
fn group(n: usize) -> String {
    crate::input::number::grouped(n as u64)
}

/// A share of a team's time in percent, to a millionth of a percent: a sum
/// just over 100% never reads as 100%.
fn pct(fraction: f64) -> String {
    let p = fmt_num_to(fraction * 100.0, 6);
    if p == "100" && fraction > 1.0 {
        "just over 100%".into()
    } else {
        p + "%"
    }
}
