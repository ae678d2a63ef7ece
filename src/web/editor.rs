//! The scenario editor: teams, components, workflows with their fallback
//! chains, the outage. Rows are keyed by (revision, index): typing never
//! re-renders a row; adding, removing or reordering re-renders the list.

use leptos::prelude::*;

use super::fields::{ComponentPicker, FieldErrors, NumberField, SelectField, TextField, Unit};
use super::state::{AppState, RowChange};
use crate::input::scenario::Scenario;
use crate::time::calendar::{picker_zones, DAY_NAMES};
use crate::ui::edit;

/// Rows shown before "Show more": keeps a large organisation responsive.
const PAGE: usize = 25;

fn team_options(s: &Scenario) -> Vec<(String, String)> {
    s.teams.iter().map(|t| (t.id.clone(), t.display_name().to_string())).collect()
}

fn component_options(s: &Scenario) -> Vec<(String, String)> {
    s.components.iter().map(|c| (c.id.clone(), c.display_name().to_string())).collect()
}

/// How many rows of a list to show, and the revision they were built at:
/// the list re-renders when either changes (a row added or removed, a whole
/// scenario replaced), never while typing.
fn rows(state: AppState, len: fn(&Scenario) -> usize, shown: RwSignal<usize>) -> Memo<(u64, usize)> {
    Memo::new(move |_| {
        let rev = state.rev.get();
        if state.editor_paused.get() {
            return (rev, 0);
        }
        (rev, state.scenario.with(len).min(shown.get()))
    })
}

#[component]
fn ShowMore(total: Signal<usize>, shown: RwSignal<usize>, what: &'static str) -> impl IntoView {
    view! {
        <Show when=move || { total.get() > shown.get() }>
            <p class="show-more">
                {move || format!("Showing {} of {} {what}. ", shown.get().min(total.get()), total.get())}
                <button type="button" on:click=move |_| shown.update(|n| *n += PAGE * 4)>"Show more"</button>
            </p>
        </Show>
    }
}

#[component]
pub fn Editor() -> impl IntoView {
    view! {
        <section class="editor" aria-labelledby="editor-title">
            <h2 id="editor-title">"Scenario"</h2>
            <GeneralEditor />
            <TeamsEditor />
            <ComponentsEditor />
            <WorkflowsEditor />
            <OutageEditor />
        </section>
    }
}

#[component]
fn GeneralEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        {move || {
            let _ = state.rev.get();
            view! {
                <div class="general">
                    <TextField path="name".into() label="Scenario name".into() at=vec![]
                        get=|s, _| s.name.clone() set=|s, _, v| s.name = v />
                    <TextField path="currency".into() label="Currency (ISO code)".into() at=vec![]
                        get=|s, _| s.currency.clone() set=|s, _, v| s.currency = v.trim().to_ascii_uppercase() />
                    <NumberField path="target".into() label="Residual functionality target".into() at=vec![]
                        unit=Unit::Percent suffix="%"
                        get=|s, _| s.target set=|s, _, v| s.target = v />
                </div>
            }
        }}
    }
}

#[component]
fn TeamsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let list = rows(state, |s| s.teams.len(), shown);
    let total = Signal::derive(move || state.scenario.with(|s| s.teams.len()));
    view! {
        <details class="block" open>
            <summary><h3>"Teams"</h3></summary>
            <FieldErrors path="teams".into() />
            <div class="table-scroll">
            <table class="edit-table">
                <thead><tr>
                    <th scope="col">"Team"</th><th scope="col">"Headcount"</th><th scope="col">"Hourly cost"</th>
                    <th scope="col">"Working days"</th><th scope="col">"Hours"</th><th scope="col">"Time zone"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {move || { let (_, n) = list.get(); (0..n).map(|i| view! { <TeamRow i /> }).collect_view() }}
                </tbody>
            </table>
            </div>
            <ShowMore total shown what="teams" />
            <button type="button" on:click=move |_| state.restructure(edit::add_team)>"Add team"</button>
        </details>
    }
}

#[component]
fn TeamRow(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = format!("teams[{i}]");
    let name = state.scenario.with_untracked(|s| s.teams.get(i).map(|t| t.name.clone()).unwrap_or_default());
    let currency = state.scenario.with_untracked(|s| s.currency.clone());
    let days_now: Vec<String> =
        state.scenario.with_untracked(|s| s.teams.get(i).map(|t| t.calendar.days.clone()).unwrap_or_default());
    let zones: Vec<(String, String)> = picker_zones().map(|z| (z.to_string(), z.replace('_', " "))).collect();
    let remove = move |_| {
        let (team_name, n) = state.scenario.with_untracked(|s| {
            (s.teams.get(i).map(|t| t.name.clone()).unwrap_or_default(), edit::workflows_of_team(s, i))
        });
        let question = if n == 0 {
            format!("Remove the team \"{team_name}\"?")
        } else {
            format!("Remove the team \"{team_name}\" and its {n} workflow(s)?")
        };
        if window().confirm_with_message(&question).unwrap_or(false) {
            state.remap_drafts("teams", RowChange::Removed(i));
            state.drafts.update(|d| d.retain(|k, _| !k.starts_with("workflows")));
            state.restructure(|s| edit::remove_team(s, i));
        }
    };
    view! {
        <tr>
            <td><TextField path=format!("{p}.name") label=format!("Team {} name", i + 1) hide_label=true at=vec![i]
                get=|s, at| s.teams.get(at[0]).map(|t| t.name.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.name = v } /></td>
            <td><NumberField path=format!("{p}.headcount") label=format!("Headcount of {name}") hide_label=true at=vec![i]
                get=|s, at| s.teams.get(at[0]).map_or(f64::NAN, |t| t.headcount)
                set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.headcount = v } /></td>
            <td><NumberField path=format!("{p}.hourly_cost") label=format!("Hourly cost of {name} in {currency}") hide_label=true at=vec![i]
                suffix="/h"
                get=|s, at| s.teams.get(at[0]).map_or(f64::NAN, |t| t.hourly_cost)
                set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.hourly_cost = v } /></td>
            <td>
                <fieldset class="days">
                    <legend class="visually-hidden">{format!("Working days of {name}")}</legend>
                    {DAY_NAMES.iter().map(|d| {
                        let id = format!("f-teams-{i}-day-{d}");
                        let label_for = id.clone();
                        let checked = days_now.iter().any(|x| x.eq_ignore_ascii_case(d));
                        view! {
                            <label class="day" for=label_for>
                                <input type="checkbox" id=id checked=checked on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    state.edit(move |s| if let Some(t) = s.teams.get_mut(i) {
                                        // Kept in week order: the days checked after this change.
                                        let keep = |n: &str| if n == *d { on } else { t.calendar.days.iter().any(|x| x.eq_ignore_ascii_case(n)) };
                                        t.calendar.days = DAY_NAMES.iter().filter(|n| keep(n)).map(|n| n.to_string()).collect();
                                    });
                                } />
                                {d[..1].to_ascii_uppercase() + &d[1..]}
                            </label>
                        }
                    }).collect_view()}
                    <FieldErrors path=format!("{p}.calendar.days") />
                </fieldset>
            </td>
            <td class="hours">
                <TextField path=format!("{p}.calendar.start") label=format!("{name} starts at") hide_label=true at=vec![i]
                    get=|s, at| s.teams.get(at[0]).map(|t| t.calendar.start.clone()).unwrap_or_default()
                    set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.calendar.start = v } />
                <span aria-hidden="true">"–"</span>
                <TextField path=format!("{p}.calendar.end") label=format!("{name} ends at") hide_label=true at=vec![i]
                    get=|s, at| s.teams.get(at[0]).map(|t| t.calendar.end.clone()).unwrap_or_default()
                    set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.calendar.end = v } />
            </td>
            <td><SelectField path=format!("{p}.calendar.time_zone") label=format!("Time zone of {name}") hide_label=true at=vec![i]
                options=zones
                get=|s, at| s.teams.get(at[0]).map(|t| t.calendar.time_zone.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(t) = s.teams.get_mut(at[0]) { t.calendar.time_zone = v } /></td>
            <td class="actions">
                <button type="button" on:click=move |_| state.restructure(|s| edit::duplicate_team(s, i))
                    aria-label=format!("Duplicate: {name}")>"Duplicate"</button>
                <button type="button" on:click=remove aria-label=format!("Remove: {name}")>"Remove"</button>
            </td>
        </tr>
    }
}

#[component]
fn ComponentsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let list = rows(state, |s| s.components.len(), shown);
    let total = Signal::derive(move || state.scenario.with(|s| s.components.len()));
    view! {
        <details class="block">
            <summary><h3>"Components"</h3></summary>
            <p class="hint">"Anything that can fail. A component is down when it, or anything it depends on, is down."</p>
            <FieldErrors path="components".into() />
            <ul class="cards">
                {move || { let (_, n) = list.get(); (0..n).map(|i| view! { <ComponentCard i /> }).collect_view() }}
            </ul>
            <ShowMore total shown what="components" />
            <button type="button" on:click=move |_| state.restructure(edit::add_component)>"Add component"</button>
        </details>
    }
}

#[component]
fn ComponentCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = format!("components[{i}]");
    let (id, name) = state
        .scenario
        .with_untracked(|s| s.components.get(i).map(|c| (c.id.clone(), c.name.clone())).unwrap_or_default());
    let remove = move |_| {
        if window()
            .confirm_with_message("Remove this component, its incidents and every reference to it?")
            .unwrap_or(false)
        {
            state.drafts.set(Default::default());
            state.restructure(|s| edit::remove_component(s, i));
        }
    };
    view! {
        <li class="card">
            <TextField path=format!("{p}.name") label="Name".into() at=vec![i]
                get=|s, at| s.components.get(at[0]).map(|c| c.name.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(c) = s.components.get_mut(at[0]) { c.name = v } />
            <TextField path=format!("{p}.provider") label="Provider (groups a whole-provider outage)".into() at=vec![i]
                get=|s, at| s.components.get(at[0]).and_then(|c| c.provider.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(c) = s.components.get_mut(at[0]) { c.provider = Some(v).filter(|v| !v.trim().is_empty()) } />
            <ComponentPicker path=format!("{p}.depends_on") legend=format!("{name} depends on") at=vec![i] exclude=id
                get=|s, at| s.components.get(at[0]).map(|c| c.depends_on.clone()).unwrap_or_default()
                set=|s, at, id, on| if let Some(c) = s.components.get_mut(at[0]) { edit::toggle(&mut c.depends_on, id, on) } />
            <button type="button" on:click=remove aria-label=format!("Remove: {name}")>"Remove"</button>
        </li>
    }
}

#[component]
fn WorkflowsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let list = rows(state, |s| s.workflows.len(), shown);
    let total = Signal::derive(move || state.scenario.with(|s| s.workflows.len()));
    view! {
        <details class="block" open>
            <summary><h3>"Workflows and fallbacks"</h3></summary>
            <p class="hint">"Reliance: the part of the output lost when what it needs is fully down. Coverage: the part of that loss a fallback restores, once it has switched over."</p>
            <ul class="cards">
                {move || { let (_, n) = list.get(); (0..n).map(|i| view! { <WorkflowCard i /> }).collect_view() }}
            </ul>
            <ShowMore total shown what="workflows" />
            <button type="button" on:click=move |_| state.restructure(edit::add_workflow)>"Add workflow"</button>
        </details>
    }
}

#[component]
fn WorkflowCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = format!("workflows[{i}]");
    let (name, n_fallbacks) = state
        .scenario
        .with_untracked(|s| s.workflows.get(i).map(|w| (w.name.clone(), w.fallbacks.len())).unwrap_or_default());
    let teams = state.scenario.with_untracked(team_options);
    let currency = state.scenario.with_untracked(|s| s.currency.clone());
    let remove = move |_| {
        state.remap_drafts("workflows", RowChange::Removed(i));
        state.restructure(|s| edit::remove_workflow(s, i));
    };
    view! {
        <li class="card workflow">
            <div class="row">
                <TextField path=format!("{p}.name") label="Workflow".into() at=vec![i]
                    get=|s, at| s.workflows.get(at[0]).map(|w| w.name.clone()).unwrap_or_default()
                    set=|s, at, v| if let Some(w) = s.workflows.get_mut(at[0]) { w.name = v } />
                <SelectField path=format!("{p}.team") label="Team".into() at=vec![i] options=teams
                    get=|s, at| s.workflows.get(at[0]).map(|w| w.team.clone()).unwrap_or_default()
                    set=|s, at, v| if let Some(w) = s.workflows.get_mut(at[0]) { w.team = v } />
                <NumberField path=format!("{p}.share") label="Share of the team's time".into() at=vec![i] unit=Unit::Percent suffix="%"
                    get=|s, at| s.workflows.get(at[0]).map_or(f64::NAN, |w| w.share)
                    set=|s, at, v| if let Some(w) = s.workflows.get_mut(at[0]) { w.share = v } />
                <NumberField path=format!("{p}.reliance") label="Reliance".into() at=vec![i] unit=Unit::Percent suffix="%"
                    get=|s, at| s.workflows.get(at[0]).map_or(f64::NAN, |w| w.reliance)
                    set=|s, at, v| if let Some(w) = s.workflows.get_mut(at[0]) { w.reliance = v } />
                <NumberField path=format!("{p}.recovery_overhead") label="Recovery overhead".into() at=vec![i] unit=Unit::Percent suffix="%"
                    get=|s, at| s.workflows.get(at[0]).map_or(f64::NAN, |w| w.recovery_overhead)
                    set=|s, at, v| if let Some(w) = s.workflows.get_mut(at[0]) { w.recovery_overhead = v } />
            </div>
            <ComponentPicker path=format!("{p}.needs") legend=format!("{name} needs") at=vec![i]
                get=|s, at| s.workflows.get(at[0]).map(|w| w.needs.clone()).unwrap_or_default()
                set=|s, at, id, on| if let Some(w) = s.workflows.get_mut(at[0]) { edit::toggle(&mut w.needs, id, on) } />
            <h4>"Fallbacks, in order"</h4>
            <ol class="fallbacks">
                {(0..n_fallbacks).map(|f| view! { <FallbackRow w=i f=f last=n_fallbacks - 1 currency=currency.clone() /> }).collect_view()}
            </ol>
            <button type="button" on:click=move |_| state.restructure(|s| edit::add_fallback(s, i))
                aria-label=format!("Add fallback to {name}")>"Add fallback"</button>
            <button type="button" class="danger" on:click=remove aria-label=format!("Remove workflow: {name}")>"Remove workflow"</button>
        </li>
    }
}

#[component]
fn FallbackRow(w: usize, f: usize, last: usize, currency: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = format!("workflows[{w}].fallbacks[{f}]");
    let list = format!("workflows[{w}].fallbacks");
    let list2 = list.clone();
    let list3 = list.clone();
    let name = state.scenario.with_untracked(|s| {
        s.workflows.get(w).and_then(|x| x.fallbacks.get(f)).map(|x| x.name.clone()).unwrap_or_default()
    });
    view! {
        <li class="fallback">
            <TextField path=format!("{p}.name") label="Fallback".into() at=vec![w, f]
                get=|s, at| s.workflows.get(at[0]).and_then(|w| w.fallbacks.get(at[1])).map(|f| f.name.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(f) = s.workflows.get_mut(at[0]).and_then(|w| w.fallbacks.get_mut(at[1])) { f.name = v } />
            <NumberField path=format!("{p}.coverage") label="Coverage".into() at=vec![w, f] unit=Unit::Percent suffix="%"
                get=|s, at| s.workflows.get(at[0]).and_then(|w| w.fallbacks.get(at[1])).map_or(f64::NAN, |f| f.coverage)
                set=|s, at, v| if let Some(f) = s.workflows.get_mut(at[0]).and_then(|w| w.fallbacks.get_mut(at[1])) { f.coverage = v } />
            <NumberField path=format!("{p}.activation_delay_minutes") label="Switch-over delay".into() at=vec![w, f] suffix="min"
                get=|s, at| s.workflows.get(at[0]).and_then(|w| w.fallbacks.get(at[1])).map_or(f64::NAN, |f| f.activation_delay_minutes)
                set=|s, at, v| if let Some(f) = s.workflows.get_mut(at[0]).and_then(|w| w.fallbacks.get_mut(at[1])) { f.activation_delay_minutes = v } />
            <NumberField path=format!("{p}.running_cost_per_hour") label=format!("Running cost ({currency} per hour)") at=vec![w, f] suffix="/h"
                get=|s, at| s.workflows.get(at[0]).and_then(|w| w.fallbacks.get(at[1])).map_or(f64::NAN, |f| f.running_cost_per_hour)
                set=|s, at, v| if let Some(f) = s.workflows.get_mut(at[0]).and_then(|w| w.fallbacks.get_mut(at[1])) { f.running_cost_per_hour = v } />
            <ComponentPicker path=format!("{p}.needs") legend="It needs (none for a manual mode)".into() at=vec![w, f]
                get=|s, at| s.workflows.get(at[0]).and_then(|w| w.fallbacks.get(at[1])).map(|f| f.needs.clone()).unwrap_or_default()
                set=|s, at, id, on| if let Some(f) = s.workflows.get_mut(at[0]).and_then(|w| w.fallbacks.get_mut(at[1])) { edit::toggle(&mut f.needs, id, on) } />
            <span class="actions">
                <button type="button" disabled=f == 0 aria-label=format!("Move up: {name}")
                    on:click=move |_| { state.remap_drafts(&list, RowChange::Swapped(f, f - 1)); state.restructure(|s| edit::move_fallback(s, w, f, true)) }>"Move up"</button>
                <button type="button" disabled=f == last aria-label=format!("Move down: {name}")
                    on:click=move |_| { state.remap_drafts(&list2, RowChange::Swapped(f, f + 1)); state.restructure(|s| edit::move_fallback(s, w, f, false)) }>"Move down"</button>
                <button type="button" aria-label=format!("Remove {name}")
                    on:click=move |_| { state.remap_drafts(&list3, RowChange::Removed(f)); state.restructure(|s| edit::remove_fallback(s, w, f)) }>"Remove"</button>
            </span>
        </li>
    }
}

#[component]
fn OutageEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = RwSignal::new(PAGE);
    let list = rows(state, |s| s.outage.incidents.len(), shown);
    let total = Signal::derive(move || state.scenario.with(|s| s.outage.incidents.len()));
    view! {
        <details class="block" open>
            <summary><h3>"Outage"</h3></summary>
            <p class="hint">"Severity 100% is hard down; 30% means three requests in ten fail. The replay's severities are estimates: edit them."</p>
            {move || {
                let _ = state.rev.get();
                view! {
                    <TextField path="outage.start".into() label="Starts at (UTC)".into() at=vec![]
                        get=|s, _| s.outage.start.clone() set=|s, _, v| s.outage.start = v />
                }
            }}
            <div class="table-scroll">
            <table class="edit-table">
                <thead><tr>
                    <th scope="col">"Component"</th><th scope="col">"From (min after start)"</th>
                    <th scope="col">"To (min after start)"</th><th scope="col">"Severity"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr></thead>
                <tbody>
                    {move || { let (_, n) = list.get(); (0..n).map(|i| view! { <IncidentRow i /> }).collect_view() }}
                </tbody>
            </table>
            </div>
            <ShowMore total shown what="incidents" />
            <button type="button" on:click=move |_| state.restructure(edit::add_incident)>"Add incident"</button>
        </details>
    }
}

#[component]
fn IncidentRow(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let p = format!("outage.incidents[{i}]");
    let components = state.scenario.with_untracked(component_options);
    view! {
        <tr>
            <td><SelectField path=format!("{p}.component") label=format!("Incident {} component", i + 1) hide_label=true at=vec![i] options=components
                get=|s, at| s.outage.incidents.get(at[0]).map(|x| x.component.clone()).unwrap_or_default()
                set=|s, at, v| if let Some(x) = s.outage.incidents.get_mut(at[0]) { x.component = v } /></td>
            <td><NumberField path=format!("{p}.start_minutes") label=format!("Incident {} starts, minutes after the outage start", i + 1) hide_label=true at=vec![i]
                get=|s, at| s.outage.incidents.get(at[0]).map_or(f64::NAN, |x| x.start_minutes)
                set=|s, at, v| if let Some(x) = s.outage.incidents.get_mut(at[0]) { x.start_minutes = v } /></td>
            <td><NumberField path=format!("{p}.end_minutes") label=format!("Incident {} ends, minutes after the outage start", i + 1) hide_label=true at=vec![i]
                get=|s, at| s.outage.incidents.get(at[0]).map_or(f64::NAN, |x| x.end_minutes)
                set=|s, at, v| if let Some(x) = s.outage.incidents.get_mut(at[0]) { x.end_minutes = v } /></td>
            <td><NumberField path=format!("{p}.severity") label=format!("Incident {} severity", i + 1) hide_label=true at=vec![i] unit=Unit::Percent suffix="%"
                get=|s, at| s.outage.incidents.get(at[0]).map_or(f64::NAN, |x| x.severity)
                set=|s, at, v| if let Some(x) = s.outage.incidents.get_mut(at[0]) { x.severity = v } /></td>
            <td><button type="button" aria-label=format!("Remove: incident {}", i + 1) on:click=move |_| {
                state.remap_drafts("outage.incidents", RowChange::Removed(i));
                state.restructure(|s| edit::remove_incident(s, i))
            }>"Remove"</button></td>
        </tr>
    }
}
