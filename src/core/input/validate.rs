//! Raw [`Scenario`] → validated [`Model`], once. Every problem is reported at
//! once, each with the place it is at (`workflows[3].fallbacks[0].coverage`)
//! and a sentence a non-programmer understands.

use std::collections::HashMap;

use serde::Serialize;

use crate::input::model::{self, Model};
use crate::input::number::fmt_num;
use crate::input::scenario::{self, Scenario, FORMAT_VERSION};
use crate::time::calendar::{self, WorkCalendar, DAY_NAMES};
use crate::time::{minutes_to_seconds, parse_utc, MAX_OUTAGE_MINUTES, MINUTES_PER_DAY};

/// One thing wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where it is, e.g. `workflows[3].fallbacks[0].coverage`.
    pub path: String,
    /// What is wrong, as a sentence.
    pub message: String,
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
    if v.problems.is_empty() {
        Ok(model.expect("no problems means a model was built"))
    } else {
        Err(v.problems)
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

/// How a number is allowed to range.
enum Range {
    Fraction,
    NonNegative,
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), message: message.into() });
    }

    /// Checks a number; `what` names it in the sentence ("Coverage").
    fn number(&mut self, path: &str, what: &str, value: f64, range: Range) -> f64 {
        if value.is_nan() {
            self.problem(path, format!("{what} is not a number."));
        } else if value.is_infinite() {
            self.problem(path, format!("{what} must be a finite number."));
        } else {
            match range {
                Range::Fraction if !(0.0..=1.0).contains(&value) => self
                    .problem(path, format!("{what} must be between 0 and 1 (0% to 100%); it is {}.", fmt_num(value))),
                Range::NonNegative if value < 0.0 => {
                    self.problem(path, format!("{what} cannot be negative; it is {}.", fmt_num(value)))
                }
                _ => {}
            }
        }
        value
    }

    /// Ids must be non-empty and unique within their list.
    fn ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
        let mut index = HashMap::new();
        for (i, id) in ids.enumerate() {
            let path = format!("{list}[{i}].id");
            if id.trim().is_empty() {
                self.problem(path, "The id is empty; give it a short unique name.");
            } else if let Some(first) = index.get(id) {
                self.problem(path, format!("The id \"{id}\" is already used by {list}[{first}]; ids must be unique."));
            } else {
                index.insert(id.to_string(), i);
            }
        }
        index
    }

    /// Resolves a list of component references, reporting unknown and repeated ones.
    fn component_refs(&mut self, path: &str, refs: &[String], components: &HashMap<String, usize>) -> Vec<usize> {
        let mut out = Vec::with_capacity(refs.len());
        for (i, r) in refs.iter().enumerate() {
            match components.get(r.as_str()) {
                None => self.problem(format!("{path}[{i}]"), format!("There is no component with the id \"{r}\".")),
                Some(&c) if out.contains(&c) => {
                    self.problem(format!("{path}[{i}]"), format!("The component \"{r}\" is listed twice."))
                }
                Some(&c) => out.push(c),
            }
        }
        out
    }

    fn scenario(&mut self, s: &Scenario) -> Option<Model> {
        if s.version != FORMAT_VERSION {
            self.problem(
                "version",
                format!("This build reads format version {FORMAT_VERSION}; the scenario says {}.", s.version),
            );
        }
        let currency = s.currency.trim().to_string();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.problem(
                "currency",
                format!("The currency must be a three-letter code such as GBP, USD or EUR; it is \"{}\".", s.currency),
            );
        }
        let target = self.number("target", "The residual-functionality target", s.target, Range::Fraction);

        let component_ids = self.ids("components", s.components.iter().map(|c| c.id.as_str()));
        let components = self.components(&s.components, &component_ids);
        let team_ids = self.ids("teams", s.teams.iter().map(|t| t.id.as_str()));
        let teams = self.teams(&s.teams);
        self.ids("workflows", s.workflows.iter().map(|w| w.id.as_str()));
        let workflows = self.workflows(s, &component_ids, &team_ids);
        let outage = self.outage(&s.outage, &component_ids);

        if !self.problems.is_empty() {
            return None;
        }
        Some(Model {
            name: s.name.clone(),
            currency,
            target,
            components,
            teams: teams.into_iter().map(Option::unwrap).collect(),
            workflows,
            outage: outage?,
        })
    }

    fn components(&mut self, raw: &[scenario::Component], ids: &HashMap<String, usize>) -> Vec<model::Component> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, c) in raw.iter().enumerate() {
            let p = format!("components[{i}]");
            let depends_on = self.component_refs(&format!("{p}.depends_on"), &c.depends_on, ids);
            if let Some(provider) = &c.provider {
                if provider.trim().is_empty() {
                    self.problem(
                        format!("{p}.provider"),
                        "The provider label is empty; remove it or name the provider.",
                    );
                }
            }
            if let Some(rate) = c.incidents_per_year {
                self.number(&format!("{p}.incidents_per_year"), "Incidents per year", rate, Range::NonNegative);
            }
            if let Some([low, high]) = c.duration_hours_p90 {
                let path = format!("{p}.duration_hours_p90");
                let low = self.number(&path, "The shortest typical duration", low, Range::NonNegative);
                let high = self.number(&path, "The longest typical duration", high, Range::NonNegative);
                if low.is_finite() && high.is_finite() && (low <= 0.0 || high < low) {
                    self.problem(
                        path,
                        "The duration range needs a low above 0 hours and a high at least as long as the low.",
                    );
                }
            }
            if let Some(sla) = c.sla {
                let sla = self.number(&format!("{p}.sla"), "The SLA", sla, Range::Fraction);
                if sla == 0.0 {
                    self.problem(
                        format!("{p}.sla"),
                        "An SLA of 0% means the component never works; use a value such as 0.999.",
                    );
                }
            }
            out.push(model::Component {
                id: c.id.clone(),
                name: if c.name.trim().is_empty() { c.id.clone() } else { c.name.clone() },
                provider: c.provider.clone().filter(|p| !p.trim().is_empty()),
                depends_on,
            });
        }
        if let Some(cycle) = find_cycle(&out) {
            let names: Vec<&str> = cycle.iter().map(|&c| out[c].id.as_str()).collect();
            let message = if cycle.len() == 2 {
                format!("The component \"{}\" depends on itself.", names[0])
            } else {
                format!(
                    "These dependencies go round in a circle: {}. A component cannot depend on itself, directly or through others.",
                    names.join(" → ")
                )
            };
            self.problem(format!("components[{}].depends_on", cycle[0]), message);
        }
        out
    }

    fn teams(&mut self, raw: &[scenario::Team]) -> Vec<Option<model::Team>> {
        raw.iter()
            .enumerate()
            .map(|(i, t)| {
                let p = format!("teams[{i}]");
                let headcount = self.number(&format!("{p}.headcount"), "Headcount", t.headcount, Range::NonNegative);
                let hourly_cost =
                    self.number(&format!("{p}.hourly_cost"), "The hourly cost", t.hourly_cost, Range::NonNegative);
                let calendar = self.calendar(&format!("{p}.calendar"), &t.calendar);
                Some(model::Team {
                    id: t.id.clone(),
                    name: if t.name.trim().is_empty() { t.id.clone() } else { t.name.clone() },
                    headcount,
                    hourly_cost,
                    calendar: calendar?,
                })
            })
            .collect()
    }

    fn calendar(&mut self, p: &str, c: &scenario::Calendar) -> Option<WorkCalendar> {
        let mut days = [false; 7];
        if c.days.is_empty() {
            self.problem(format!("{p}.days"), "Pick at least one working day.");
        }
        for (i, d) in c.days.iter().enumerate() {
            let name = d.trim().to_ascii_lowercase();
            match DAY_NAMES.iter().position(|n| name.starts_with(n) && name.len() >= 3) {
                None => self.problem(
                    format!("{p}.days[{i}]"),
                    format!("\"{d}\" is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."),
                ),
                Some(k) if days[k] => self.problem(format!("{p}.days[{i}]"), format!("\"{d}\" is listed twice.")),
                Some(k) => days[k] = true,
            }
        }
        let start = calendar::parse_clock(&c.start);
        let end = calendar::parse_clock(&c.end);
        match start {
            None => self.problem(
                format!("{p}.start"),
                format!("The start of the working day must be a time like 09:00; it is \"{}\".", c.start),
            ),
            Some(MINUTES_PER_DAY) => {
                self.problem(format!("{p}.start"), "The working day cannot start at 24:00; use 00:00.")
            }
            _ => {}
        }
        if end.is_none() {
            self.problem(
                format!("{p}.end"),
                format!("The end of the working day must be a time like 17:30; it is \"{}\".", c.end),
            );
        }
        if let (Some(s), Some(e)) = (start, end) {
            if s == e {
                self.problem(
                    format!("{p}.end"),
                    "The working day starts and ends at the same time; for round-the-clock work use 00:00 to 24:00.",
                );
            }
        }
        let zone = calendar::parse_zone(c.time_zone.trim());
        if zone.is_none() {
            self.problem(
                format!("{p}.time_zone"),
                format!(
                    "\"{}\" is not a time zone this calculator knows; use a name such as Europe/London or America/New_York.",
                    c.time_zone
                ),
            );
        }
        Some(WorkCalendar { days, start_minute: start?, end_minute: end?, zone: zone? })
    }

    fn workflows(
        &mut self,
        s: &Scenario,
        components: &HashMap<String, usize>,
        teams: &HashMap<String, usize>,
    ) -> Vec<model::Workflow> {
        let mut shares: Vec<Vec<(usize, f64)>> = vec![Vec::new(); s.teams.len()];
        let mut out = Vec::with_capacity(s.workflows.len());
        for (i, w) in s.workflows.iter().enumerate() {
            let p = format!("workflows[{i}]");
            let team = teams.get(w.team.as_str()).copied();
            if team.is_none() {
                self.problem(format!("{p}.team"), format!("There is no team with the id \"{}\".", w.team));
            }
            let share = self.number(&format!("{p}.share"), "The share of the team's time", w.share, Range::Fraction);
            if let Some(t) = team {
                if share.is_finite() {
                    shares[t].push((i, share));
                }
            }
            let needs = self.component_refs(&format!("{p}.needs"), &w.needs, components);
            let reliance = self.number(&format!("{p}.reliance"), "Reliance", w.reliance, Range::Fraction);
            let recovery_overhead = self.number(
                &format!("{p}.recovery_overhead"),
                "The recovery overhead",
                w.recovery_overhead,
                Range::NonNegative,
            );
            let fallbacks = w
                .fallbacks
                .iter()
                .enumerate()
                .map(|(k, f)| {
                    let fp = format!("{p}.fallbacks[{k}]");
                    let coverage = self.number(&format!("{fp}.coverage"), "Coverage", f.coverage, Range::Fraction);
                    let delay = self.number(
                        &format!("{fp}.activation_delay_minutes"),
                        "The activation delay",
                        f.activation_delay_minutes,
                        Range::NonNegative,
                    );
                    if delay.is_finite() && delay > MAX_OUTAGE_MINUTES {
                        self.problem(
                            format!("{fp}.activation_delay_minutes"),
                            "The activation delay cannot be longer than a year.",
                        );
                    }
                    let needs = self.component_refs(&format!("{fp}.needs"), &f.needs, components);
                    let cost = self.number(
                        &format!("{fp}.running_cost_per_hour"),
                        "The running cost per hour",
                        f.running_cost_per_hour,
                        Range::NonNegative,
                    );
                    model::Fallback {
                        name: if f.name.trim().is_empty() { format!("Fallback {}", k + 1) } else { f.name.clone() },
                        coverage,
                        activation_delay: minutes_to_seconds(delay),
                        needs,
                        running_cost_per_hour: cost,
                    }
                })
                .collect();
            out.push(model::Workflow {
                id: w.id.clone(),
                name: if w.name.trim().is_empty() { w.id.clone() } else { w.name.clone() },
                team: team.unwrap_or(0),
                share,
                needs,
                reliance,
                fallbacks,
                recovery_overhead,
            });
        }
        for (t, list) in shares.iter().enumerate() {
            let total: f64 = list.iter().map(|(_, s)| s).sum();
            if total > 1.0 + 1e-9 {
                let parts: Vec<String> = list
                    .iter()
                    .map(|&(w, share)| {
                        format!("{} {}", display_name(&s.workflows[w].name, &s.workflows[w].id), pct(share))
                    })
                    .collect();
                self.problem(
                    format!("teams[{t}]"),
                    format!(
                        "The workflows of team \"{}\" take {} of its time ({}); together they can take at most 100%.",
                        display_name(&s.teams[t].name, &s.teams[t].id),
                        pct(total),
                        parts.join(", ")
                    ),
                );
            }
        }
        out
    }

    fn outage(&mut self, o: &scenario::Outage, components: &HashMap<String, usize>) -> Option<model::Outage> {
        let start = match parse_utc(&o.start) {
            // The built-in time zones describe 1990 on (with a year's margin for shifts that began earlier).
            Some(t) if !(EARLIEST_START..LATEST_START).contains(&t) => {
                self.problem(
                    "outage.start",
                    format!("The outage must start between 1991 and 2199; it is \"{}\".", o.start.trim()),
                );
                None
            }
            Some(t) => Some(t),
            None => {
                self.problem(
                    "outage.start",
                    format!(
                        "The outage start must be a date and time in UTC like 2026-03-02T11:49:00Z; it is \"{}\".",
                        o.start
                    ),
                );
                None
            }
        };
        let mut incidents = Vec::with_capacity(o.incidents.len());
        for (i, inc) in o.incidents.iter().enumerate() {
            let p = format!("outage.incidents[{i}]");
            let component = components.get(inc.component.as_str()).copied();
            if component.is_none() {
                self.problem(
                    format!("{p}.component"),
                    format!("There is no component with the id \"{}\".", inc.component),
                );
            }
            let s =
                self.number(&format!("{p}.start_minutes"), "The incident start", inc.start_minutes, Range::NonNegative);
            let e = self.number(&format!("{p}.end_minutes"), "The incident end", inc.end_minutes, Range::NonNegative);
            let severity = self.number(&format!("{p}.severity"), "Severity", inc.severity, Range::Fraction);
            if s.is_finite() && e.is_finite() && s >= 0.0 && e >= 0.0 {
                if e < s {
                    self.problem(
                        format!("{p}.end_minutes"),
                        format!("The incident ends ({} min) before it starts ({} min).", fmt_num(e), fmt_num(s)),
                    );
                } else if minutes_to_seconds(e) == minutes_to_seconds(s) {
                    self.problem(format!("{p}.end_minutes"), "The incident ends when it starts; give it a length.");
                } else if e > MAX_OUTAGE_MINUTES {
                    self.problem(format!("{p}.end_minutes"), "The incident ends more than a year after the outage start; the calculator looks at one year at most.");
                }
            }
            if let (Some(start), Some(component)) = (start, component) {
                // Offsets past a year are reported above; saturating keeps an absurd one harmless.
                incidents.push(model::Incident {
                    component,
                    start: start.saturating_add(minutes_to_seconds(s)),
                    end: start.saturating_add(minutes_to_seconds(e)),
                    severity,
                });
            }
        }
        Some(model::Outage { start: start?, incidents })
    }
}

/// Finds a dependency cycle; returns it as a closed path (first = last).
fn find_cycle(components: &[model::Component]) -> Option<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; components.len()];
    let mut path: Vec<usize> = Vec::new();
    // Iterative depth-first search: (node, next dependency to visit).
    for root in 0..components.len() {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        mark[root] = Mark::OnPath;
        path.push(root);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = components[node].depends_on.get(*next) {
                *next += 1;
                match mark[dep] {
                    Mark::OnPath => {
                        let from = path.iter().position(|&c| c == dep).unwrap();
                        let mut cycle = path[from..].to_vec();
                        cycle.push(dep);
                        return Some(cycle);
                    }
                    Mark::New => {
                        mark[dep] = Mark::OnPath;
                        path.push(dep);
                        stack.push((dep, 0));
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                path.pop();
                stack.pop();
            }
        }
    }
    None
}

fn display_name<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() {
        id
    } else {
        name
    }
}

fn pct(fraction: f64) -> String {
    fmt_num(fraction * 100.0) + "%"
}
