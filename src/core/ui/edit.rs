//! The editor's structural operations on a raw scenario: add, duplicate,
//! remove, reorder. Plain functions, so they are tested natively; the UI only
//! calls them. Ids are generated here: users pick, never type, them.

use crate::input::scenario::{Calendar, Component, Fallback, Incident, Scenario, Team, Workflow};
use crate::time::calendar::{parse_day, DAY_NAMES};

/// An id with `prefix` not yet used by `taken`.
fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1..).map(|n| format!("{prefix}-{n}")).find(|id| !taken.clone().any(|t| t == id)).expect("some number is free")
}

pub fn add_team(s: &mut Scenario) {
    let id = fresh_id("team", s.teams.iter().map(|t| t.id.as_str()));
    let zone = s.teams.first().map(|t| t.calendar.time_zone.clone()).unwrap_or_else(|| "Europe/London".into());
    s.teams.push(Team {
        name: format!("New team {}", s.teams.len() + 1),
        id,
        headcount: 5.0,
        hourly_cost: 50.0,
        calendar: Calendar {
            days: ["mon", "tue", "wed", "thu", "fri"].iter().map(|d| d.to_string()).collect(),
            start: "09:00".into(),
            end: "17:30".into(),
            time_zone: zone,
        },
    });
}

/// Duplicates team `i` and its workflows, right after it.
pub fn duplicate_team(s: &mut Scenario, i: usize) {
    let Some(original) = s.teams.get(i).cloned() else { return };
    let id = fresh_id(&format!("{}-copy", original.id), s.teams.iter().map(|t| t.id.as_str()));
    let mut copy = original.clone();
    copy.name = format!("{} (copy)", original.name);
    copy.id = id.clone();
    s.teams.insert(i + 1, copy);
    let workflows: Vec<Workflow> = s.workflows.iter().filter(|w| w.team == original.id).cloned().collect();
    for mut w in workflows {
        w.id = fresh_id(&format!("{}-copy", w.id), s.workflows.iter().map(|w| w.id.as_str()));
        w.team = id.clone();
        s.workflows.push(w);
    }
}

/// How many workflows removing team `i` also removes.
pub fn workflows_of_team(s: &Scenario, i: usize) -> usize {
    s.teams.get(i).map_or(0, |t| s.workflows.iter().filter(|w| w.team == t.id).count())
}

/// Removes team `i` and its workflows.
pub fn remove_team(s: &mut Scenario, i: usize) {
    if i >= s.teams.len() {
        return;
    }
    let id = s.teams.remove(i).id;
    s.workflows.retain(|w| w.team != id);
}

/// Whether a team's calendar lists `day` (Monday = 0) as a working day.
pub fn is_working_day(calendar: &Calendar, day: usize) -> bool {
    calendar.days.iter().any(|d| parse_day(d) == Some(day))
}

/// Ticks or unticks a working day. The list is rebuilt in week order, in
/// the short names; an entry that is not a day is dropped with the change.
pub fn set_working_day(calendar: &mut Calendar, day: usize, on: bool) {
    let keep = |k: usize| if k == day { on } else { is_working_day(calendar, k) };
    calendar.days = (0..7).filter(|&k| keep(k)).map(|k| DAY_NAMES[k].to_string()).collect();
}

/// Ticks or unticks a working day of team `team`.
pub fn set_team_day(s: &mut Scenario, team: usize, day: usize, on: bool) {
    if let Some(t) = s.teams.get_mut(team) {
        set_working_day(&mut t.calendar, day, on);
    }
}

pub fn add_component(s: &mut Scenario) {
    let id = fresh_id("component", s.components.iter().map(|c| c.id.as_str()));
    s.components.push(Component {
        name: format!("New component {}", s.components.len() + 1),
        id,
        provider: None,
        depends_on: Vec::new(),
        incidents_per_year: None,
        duration_hours_p90: None,
        incident_severity: None,
        sla: None,
    });
}

/// Removes component `i` and every reference to it: dependencies, needs,
/// fallbacks' needs and its incidents.
pub fn remove_component(s: &mut Scenario, i: usize) {
    if i >= s.components.len() {
        return;
    }
    let id = s.components.remove(i).id;
    for c in &mut s.components {
        c.depends_on.retain(|d| *d != id);
    }
    for w in &mut s.workflows {
        w.needs.retain(|d| *d != id);
        for f in &mut w.fallbacks {
            f.needs.retain(|d| *d != id);
        }
    }
    s.outage.incidents.retain(|inc| inc.component != id);
}

pub fn add_workflow(s: &mut Scenario) {
    let id = fresh_id("workflow", s.workflows.iter().map(|w| w.id.as_str()));
    let team = s.teams.first().map(|t| t.id.clone()).unwrap_or_default();
    s.workflows.push(Workflow {
        name: format!("New workflow {}", s.workflows.len() + 1),
        id,
        team,
        share: 0.0,
        needs: Vec::new(),
        reliance: 0.5,
        fallbacks: Vec::new(),
        recovery_overhead: 0.0,
    });
}

pub fn remove_workflow(s: &mut Scenario, i: usize) {
    if i < s.workflows.len() {
        s.workflows.remove(i);
    }
}

/// A new fallback covers nothing until the user says how much it does: adding
/// one never changes the results by itself.
pub fn add_fallback(s: &mut Scenario, w: usize) {
    if let Some(wf) = s.workflows.get_mut(w) {
        let n = wf.fallbacks.len() + 1;
        wf.fallbacks.push(Fallback {
            name: format!("Fallback {n}"),
            coverage: 0.0,
            activation_delay_minutes: 30.0,
            needs: Vec::new(),
            running_cost_per_hour: 0.0,
            yearly_cost: 0.0,
        });
    }
}

pub fn remove_fallback(s: &mut Scenario, w: usize, f: usize) {
    if let Some(wf) = s.workflows.get_mut(w) {
        if f < wf.fallbacks.len() {
            wf.fallbacks.remove(f);
        }
    }
}

/// Moves fallback `f` of workflow `w` one place earlier.
pub fn move_fallback_up(s: &mut Scenario, w: usize, f: usize) {
    if let Some(before) = f.checked_sub(1) {
        swap_fallbacks(s, w, before, f);
    }
}

/// Moves fallback `f` of workflow `w` one place later.
pub fn move_fallback_down(s: &mut Scenario, w: usize, f: usize) {
    swap_fallbacks(s, w, f, f + 1);
}

fn swap_fallbacks(s: &mut Scenario, w: usize, a: usize, b: usize) {
    if let Some(wf) = s.workflows.get_mut(w).filter(|wf| a.max(b) < wf.fallbacks.len()) {
        wf.fallbacks.swap(a, b);
    }
}

pub fn add_incident(s: &mut Scenario) {
    let component = s.components.first().map(|c| c.id.clone()).unwrap_or_default();
    s.outage.incidents.push(Incident { component, start_minutes: 0.0, end_minutes: 60.0, severity: 1.0 });
}

pub fn remove_incident(s: &mut Scenario, i: usize) {
    if i < s.outage.incidents.len() {
        s.outage.incidents.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::example;
    use crate::validate;

    #[test]
    fn adding_a_fallback_or_a_workflow_changes_no_figure() {
        let before = crate::Report::build(&validate(&example()).unwrap());
        for op in [(|s: &mut Scenario| add_fallback(s, 1)) as fn(&mut Scenario), add_workflow, |s| add_fallback(s, 5)] {
            let mut s = example();
            op(&mut s);
            let after = crate::Report::build(&validate(&s).unwrap());
            assert_eq!(after.totals, before.totals);
            assert_eq!(after.residual.minimum, before.residual.minimum);
        }
    }

    #[test]
    fn every_operation_keeps_the_example_valid() {
        type Op = fn(&mut Scenario);
        let ops: &[(&str, Op)] = &[
            ("add team", add_team),
            ("duplicate team", |s| duplicate_team(s, 0)),
            ("remove team", |s| remove_team(s, 1)),
            ("add component", add_component),
            ("remove component", |s| remove_component(s, 0)),
            ("add workflow", add_workflow),
            ("remove workflow", |s| remove_workflow(s, 0)),
            ("add fallback", |s| add_fallback(s, 5)),
            ("remove fallback", |s| remove_fallback(s, 2, 0)),
            ("move fallback", |s| move_fallback_up(s, 2, 1)),
            ("add incident", add_incident),
            ("remove incident", |s| remove_incident(s, 0)),
        ];
        for (name, op) in ops {
            let mut s = example();
            op(&mut s);
            assert_ne!(s, example(), "{name} changed nothing");
            if let Err(p) = validate(&s) {
                panic!("{name} left the scenario invalid: {p:?}");
            }
        }
    }

    #[test]
    fn working_days_toggle_in_week_order() {
        let calendar = |days: &[&str]| Calendar {
            days: days.iter().map(|d| d.to_string()).collect(),
            start: "09:00".into(),
            end: "17:00".into(),
            time_zone: "UTC".into(),
        };
        #[rustfmt::skip]
        let cases: &[(&[&str], usize, bool, &[&str])] = &[
            (&["mon", "tue"], 2, true, &["mon", "tue", "wed"]),
            (&["fri", "Monday"], 2, true, &["mon", "wed", "fri"]),
            (&["mon", "tue"], 0, false, &["tue"]),
            (&["mon"], 0, true, &["mon"]),
            (&["sun", "funday"], 5, true, &["sat", "sun"]),
            (&[], 6, false, &[]),
        ];
        for &(before, day, on, after) in cases {
            let mut c = calendar(before);
            set_working_day(&mut c, day, on);
            assert_eq!(c.days, after, "{before:?} day {day} {on}");
        }
        assert!(is_working_day(&calendar(&["Monday"]), 0));
        assert!(!is_working_day(&calendar(&["monkey"]), 0));
    }

    #[test]
    fn duplicating_a_team_copies_its_workflows_with_fresh_ids() {
        let mut s = example();
        let before = s.workflows.len();
        duplicate_team(&mut s, 0);
        assert_eq!(s.teams[1].id, "eng-copy-1");
        assert_eq!(s.workflows.len(), before + 2);
        assert!(s.workflows.iter().filter(|w| w.team == "eng-copy-1").count() == 2);
    }

    #[test]
    fn removing_a_component_removes_every_reference() {
        let mut s = example();
        remove_component(&mut s, 0); // ai-login
        let json = s.to_json_pretty();
        assert!(!json.contains("\"ai-login\""));
    }

    #[test]
    fn fallbacks_reorder_within_bounds() {
        let mut s = example();
        let names = |s: &Scenario| s.workflows[2].fallbacks.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        let before = names(&s);
        move_fallback_up(&mut s, 2, 0); // already first: no change
        assert_eq!(names(&s), before);
        move_fallback_down(&mut s, 2, 1); // already last: no change
        assert_eq!(names(&s), before);
        move_fallback_down(&mut s, 2, 0);
        assert_eq!(names(&s), vec![before[1].clone(), before[0].clone()]);
    }
}
