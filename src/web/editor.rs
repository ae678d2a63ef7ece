//! The scenario editor: teams, components, workflows with their fallback
//! chains, the outage. Rows are keyed `<For>` lists (see [`ListRows`], [`Cards`]):
//! typing never re-renders a row; adding, removing or reordering re-renders
//! the list.

use leptos::prelude::*;

use super::fields::{
    field_id, input_id, ComponentPicker, FieldErrors, NumberField, SelectField, TextAreaField, TextField, Unit,
};
use super::seen::WhenSeen;
use super::state::AppState;
use crate::input::field::{ComponentField, FallbackField, Field, IncidentField, Row, TeamField, WorkflowField};
use crate::input::scenario::Scenario;
use crate::time::calendar::{picker_zones, DAY_NAMES};
use crate::time::local::format_span;
use crate::time::{minutes_to_seconds, parse_utc, MAX_OUTAGE_MINUTES};
use crate::ui::drafts::RowChange;
use crate::ui::edit;

/// Rows shown before "Show more": keeps a large organisation responsive.
const PAGE: usize = 25;

fn team_options(s: &Scenario) -> Vec<(String, String)> {
    s.teams.iter().map(|t| (t.id.clone(), t.display_name().to_string())).collect()
}

fn component_options(s: &Scenario) -> Vec<(String, String)> {
    s.components.iter().map(|c| (c.id.clone(), c.display_name().to_string())).collect()
}

/// One list's rows on screen: how many are shown ("Show more" adds to it),
/// how many there are, and the keys the rows are rendered by.
#[derive(Clone, Copy)]
struct ListRows {
    shown: RwSignal<usize>,
    total: Signal<usize>,
    /// (revision, index) of each shown row: typing never re-renders a row; a
    /// row added, removed or moved (a new revision) or a scenario replaced
    /// re-renders the list; "Show more" only adds rows.
    keys: Memo<Vec<(u64, usize)>>,
}

impl ListRows {
    /// After a row is added at the end: show it, then move focus to its
    /// first field (`first` of its index), which scrolls it into view.
    fn focus_last(self, first: fn(usize) -> Field) {
        let n = self.total.get_untracked();
        self.shown.update(|s| *s = (*s).max(n));
        if n > 0 {
            focus_soon(first(n - 1));
        }
    }

    fn new(state: AppState, len: fn(&Scenario) -> usize) -> ListRows {
        let shown = RwSignal::new(PAGE);
        let total = Signal::derive(move || state.scenario.with(len));
        let keys = Memo::new(move |_| {
            let rev = state.rev.get();
            // While a whole scenario is being replaced the rows wait (see AppState::replace).
            let n = if state.editor_paused.get() { 0 } else { total.get().min(shown.get()) };
            (0..n).map(|i| (rev, i)).collect()
        });
        ListRows { shown, total, keys }
    }
}

/// Focuses a field once the rows re-rendered (after the current task).
pub fn focus_soon(field: Field) {
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        super::focus(&input_id(field));
    });
}

/// "Showing 25 of 200 teams. Show more".
#[component]
fn ShowMore(rows: ListRows, what: &'static str) -> impl IntoView {
    let ListRows { shown, total, .. } = rows;
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
            <WhenSeen><EditorSections /></WhenSeen>
        </section>
    }
}

#[component]
fn EditorSections() -> impl IntoView {
    // Section by section, a task each (see `in_turn`).
    let [components, workflows, outage] = super::in_turn();
    view! {
        <GeneralEditor />
        <TeamsEditor />
        {move || components.get().then(|| view! { <ComponentsEditor /> })}
        {move || workflows.get().then(|| view! { <WorkflowsEditor /> })}
        {move || outage.get().then(|| view! { <OutageEditor /> })}
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
                    <TextAreaField field=Field::Name label="Scenario name".into() />
                    <TextField field=Field::Currency label="Currency (ISO code)".into() />
                    <NumberField field=Field::Target label="Residual functionality target".into()
                        unit=Unit::Percent suffix="%" />
                </div>
            }
        }}
    }
}

/// A list's shown rows as cards, `card` of each row's index: the one keyed
/// `<For>` every editor list shares.
#[component]
fn Cards(rows: ListRows, class: &'static str, card: fn(usize) -> AnyView) -> impl IntoView {
    view! {
        <ul class=class>
            <For each=move || rows.keys.get() key=|k| *k let((_, i))>{card(i)}</For>
        </ul>
    }
}

#[component]
fn TeamsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = ListRows::new(state, |s| s.teams.len());
    let add = move |_| {
        state.restructure(edit::add_team);
        rows.focus_last(|i| Field::Team(i, TeamField::Name));
    };
    view! {
        <details class="block" open>
            <summary><h3>"Teams"</h3></summary>
            <Cards rows class="cards teams" card=|i| view! { <TeamCard i /> }.into_any() />
            <ShowMore rows what="teams" />
            <button type="button" on:click=add>"Add team"</button>
        </details>
    }
}

#[component]
fn TeamCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f| Field::Team(i, f);
    // Labels follow renames: they read the name as it is now.
    let name = Signal::derive(move || {
        state.scenario.with(|s| s.teams.get(i).map(|t| t.display_name().to_string()).unwrap_or_default())
    });
    let currency = state.scenario.with_untracked(|s| s.currency.clone());
    let zones: Vec<(String, String)> = picker_zones().map(|z| (z.to_string(), z.replace('_', " "))).collect();
    let remove = move |_| {
        let (team_name, n) = state.scenario.with_untracked(|s| {
            (s.teams.get(i).map(|t| t.display_name().to_string()).unwrap_or_default(), edit::workflows_of_team(s, i))
        });
        let question = if n == 0 {
            format!("Remove the team \"{team_name}\"?")
        } else {
            format!("Remove the team \"{team_name}\" and its {n} workflow(s)?")
        };
        if window().confirm_with_message(&question).unwrap_or(false) {
            state.remap_drafts(&Row::Team(i).list(), RowChange::Removed(i));
            // Its workflows go with it, and the others move up: their drafts are dropped.
            state.drafts.update(|d| d.retain(|k, _| !k.starts_with(&Row::Workflow(0).list())));
            state.restructure(|s| edit::remove_team(s, i));
        }
    };
    let duplicate = move |_| {
        // The copy goes in after it: what is typed in the rows below moves with them.
        state.remap_drafts(&Row::Team(i).list(), RowChange::Inserted(i + 1));
        state.restructure(|s| edit::duplicate_team(s, i))
    };
    let n = name.get_untracked();
    view! {
        <li class="card team"><div role="group" aria-label=move || format!("Team: {}", name.get())>
            <RowProblems row=Row::Team(i) />
            <div class="row">
                <TextField field=field(TeamField::Name) label="Team".into() />
                <NumberField field=field(TeamField::Headcount) label="Headcount".into() />
                <NumberField field=field(TeamField::HourlyCost) label=format!("Hourly cost ({currency})") suffix="/h" />
            </div>
            <div class="row">
                <WorkingDays team=i name=n.clone() />
                <span class="hours">
                    <TextField field=field(TeamField::Start) label="Starts".into() />
                    <TextField field=field(TeamField::End) label="Ends".into() />
                </span>
                <SelectField field=field(TeamField::TimeZone) label="Time zone".into() options=zones />
            </div>
            <span class="actions">
                <button type="button" on:click=duplicate aria-label=move || format!("Duplicate: {}", name.get())>"Duplicate"</button>
                <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove: {}", name.get())>"Remove"</button>
            </span>
        </div></li>
    }
}

/// Problems of a whole row (a team's shares, an id used twice), in its card.
#[component]
fn RowProblems(row: Row) -> impl IntoView {
    let state = expect_context::<AppState>();
    let path = row.path();
    // The id the results' list of problems links to, for a problem of the whole row.
    let id = field_id(&path);
    view! { <p class="field-error row-error" id=id tabindex="-1" role="alert">{move || state.row_problems_at(&path).join(" ")}</p> }
}

/// A check box per day of the week.
#[component]
fn WorkingDays(team: usize, name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = Field::Team(team, TeamField::Days);
    let checked_now: Vec<bool> = state.scenario.with_untracked(|s| {
        (0..7).map(|d| s.teams.get(team).is_some_and(|t| edit::is_working_day(&t.calendar, d))).collect()
    });
    view! {
        <fieldset class="days" id=input_id(field)>
            <legend class="visually-hidden">{format!("Working days of {name}")}</legend>
            {DAY_NAMES.iter().enumerate().map(|(d, short)| {
                let id = format!("{}-{short}", input_id(field));
                let label_for = id.clone();
                view! {
                    <label class="day" for=label_for>
                        <input type="checkbox" id=id checked=checked_now[d] on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            state.edit(move |s| edit::set_team_day(s, team, d, on));
                        } />
                        {short[..1].to_ascii_uppercase() + &short[1..]}
                    </label>
                }
            }).collect_view()}
            <FieldErrors field />
        </fieldset>
    }
}

#[component]
fn ComponentsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = ListRows::new(state, |s| s.components.len());
    view! {
        <details class="block">
            <summary><h3>"Components"</h3></summary>
            <p class="hint">"Anything that can fail. A component is down when it, or anything it depends on, is down."</p>
            <Cards rows class="cards" card=|i| view! { <ComponentCard i /> }.into_any() />
            <ShowMore rows what="components" />
            <button type="button" on:click=move |_| {
                state.restructure(edit::add_component);
                rows.focus_last(|i| Field::Component(i, ComponentField::Name));
            }>"Add component"</button>
        </details>
    }
}

#[component]
fn ComponentCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f| Field::Component(i, f);
    let id = state.scenario.with_untracked(|s| s.components.get(i).map(|c| c.id.clone()).unwrap_or_default());
    let name = Signal::derive(move || {
        state.scenario.with(|s| s.components.get(i).map(|c| c.display_name().to_string()).unwrap_or_default())
    });
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
        <li class="card"><div role="group" aria-label=move || format!("Component: {}", name.get())>
            <RowProblems row=Row::Component(i) />
            <TextField field=field(ComponentField::Name) label="Name".into() />
            <TextField field=field(ComponentField::Provider) label="Provider (groups a whole-provider outage)".into() />
            <ComponentPicker field=field(ComponentField::DependsOn) legend="Depends on".into() exclude=id />
            <fieldset class="annual-inputs"><legend>"A year of outages (empty: it never fails)"</legend>
                <NumberField field=field(ComponentField::IncidentsPerYear) label="Incidents a year".into() />
                <NumberField field=field(ComponentField::DurationLow) label="Shortest of 9 in 10 incidents".into() suffix="h" />
                <NumberField field=field(ComponentField::DurationHigh) label="Longest of 9 in 10 incidents".into() suffix="h" />
                <NumberField field=field(ComponentField::IncidentSeverity) label="Typical severity (empty: hard down)".into() unit=Unit::Percent suffix="%" />
                <NumberField field=field(ComponentField::Sla) label="SLA".into() unit=Unit::Percent suffix="%" />
            </fieldset>
            <button type="button" on:click=remove aria-label=move || format!("Remove: {}", name.get())>"Remove"</button>
        </div></li>
    }
}

#[component]
fn WorkflowsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = ListRows::new(state, |s| s.workflows.len());
    view! {
        <details class="block" open>
            <summary><h3>"Workflows and fallbacks"</h3></summary>
            <p class="hint">"Reliance: the part of the output lost when what it needs is fully down. Coverage: the part of that loss a fallback restores, once it has switched over."</p>
            <Cards rows class="cards" card=|i| view! { <WorkflowCard i /> }.into_any() />
            <ShowMore rows what="workflows" />
            <button type="button" on:click=move |_| {
                state.restructure(edit::add_workflow);
                rows.focus_last(|i| Field::Workflow(i, WorkflowField::Name));
            }>"Add workflow"</button>
        </details>
    }
}

#[component]
fn WorkflowCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f| Field::Workflow(i, f);
    let n_fallbacks = state.scenario.with_untracked(|s| s.workflows.get(i).map_or(0, |w| w.fallbacks.len()));
    // Labels follow renames: they read the name as it is now.
    let name = Signal::derive(move || {
        state.scenario.with(|s| s.workflows.get(i).map(|w| w.display_name().to_string()).unwrap_or_default())
    });
    let teams = state.scenario.with_untracked(team_options);
    let currency = state.scenario.with_untracked(|s| s.currency.clone());
    let remove = move |_| {
        state.remap_drafts(&Row::Workflow(i).list(), RowChange::Removed(i));
        state.restructure(|s| edit::remove_workflow(s, i));
    };
    view! {
        <li class="card workflow"><div role="group" aria-label=move || format!("Workflow: {}", name.get())>
            <RowProblems row=Row::Workflow(i) />
            <div class="row">
                <TextField field=field(WorkflowField::Name) label="Workflow".into() />
                <SelectField field=field(WorkflowField::Team) label="Team".into() options=teams />
                <NumberField field=field(WorkflowField::Share) label="Share of the team's time".into() unit=Unit::Percent suffix="%" />
                <NumberField field=field(WorkflowField::Reliance) label="Reliance".into() unit=Unit::Percent suffix="%" />
                <NumberField field=field(WorkflowField::RecoveryOverhead) label="Recovery overhead".into() unit=Unit::Percent suffix="%" />
            </div>
            <ComponentPicker field=field(WorkflowField::Needs) legend="Needs".into() />
            <h4>"Fallbacks, in order"</h4>
            <ol class="fallbacks">
                {(0..n_fallbacks).map(|f| view! { <FallbackRow w=i f=f last=n_fallbacks - 1 currency=currency.clone() /> }).collect_view()}
            </ol>
            <button type="button" on:click=move |_| {
                state.restructure(|s| edit::add_fallback(s, i));
                focus_soon(Field::Fallback(i, n_fallbacks, FallbackField::Name));
            }
                aria-label=move || format!("Add fallback to {}", name.get())>"Add fallback"</button>
            <button type="button" class="danger" on:click=remove aria-label=move || format!("Remove workflow: {}", name.get())>"Remove workflow"</button>
        </div></li>
    }
}

#[component]
fn FallbackRow(w: usize, f: usize, last: usize, currency: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |x| Field::Fallback(w, f, x);
    let list = Row::Fallback(w, f).list();
    let name = Signal::derive(move || {
        state
            .scenario
            .with(|s| s.workflows.get(w).and_then(|x| x.fallbacks.get(f)).map(|x| x.name.clone()).unwrap_or_default())
    });
    // Drafts move with their rows, then the scenario changes.
    let change = move |row: RowChange, op: fn(&mut Scenario, usize, usize)| {
        state.remap_drafts(&list, row);
        state.restructure(|s| op(s, w, f));
    };
    view! {
        <li class="fallback"><div role="group" aria-label=move || format!("Fallback {}: {}", f + 1, name.get())>
            <RowProblems row=Row::Fallback(w, f) />
            <TextField field=field(FallbackField::Name) label="Fallback".into() />
            <NumberField field=field(FallbackField::Coverage) label="Coverage".into() unit=Unit::Percent suffix="%" />
            <NumberField field=field(FallbackField::ActivationDelay) label="Switch-over delay".into() suffix="min" />
            <NumberField field=field(FallbackField::RunningCost) label=format!("Running cost ({currency} per hour)") suffix="/h" />
            <NumberField field=field(FallbackField::YearlyCost) label=format!("Fixed cost ({currency} a year)") suffix="/yr" />
            <ComponentPicker field=field(FallbackField::Needs) legend="It needs (none for a manual mode)".into() />
            <span class="actions">
                <button type="button" disabled=f == 0 aria-label=move || format!("Move up: {}", name.get())
                    on:click={let change = change.clone(); move |_| change(RowChange::Swapped(f, f - 1), edit::move_fallback_up)}>"Move up"</button>
                <button type="button" disabled=f == last aria-label=move || format!("Move down: {}", name.get())
                    on:click={let change = change.clone(); move |_| change(RowChange::Swapped(f, f + 1), edit::move_fallback_down)}>"Move down"</button>
                <button type="button" aria-label=move || format!("Remove {}", name.get())
                    on:click=move |_| change(RowChange::Removed(f), edit::remove_fallback)>"Remove"</button>
            </span>
        </div></li>
    }
}

#[component]
fn OutageEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = ListRows::new(state, |s| s.outage.incidents.len());
    view! {
        <details class="block" open>
            <summary><h3>"Outage"</h3></summary>
            <p class="hint">"Severity 100% is hard down; 30% means three requests in ten fail. The replay's severities are estimates: edit them."</p>
            <p class="hint">"Times are minutes after the outage start, which is set at the top of the page, in the time zone you pick there."</p>
            <Cards rows class="cards incidents" card=|i| view! { <IncidentCard i /> }.into_any() />
            <ShowMore rows what="incidents" />
            <button type="button" on:click=move |_| {
                state.restructure(edit::add_incident);
                rows.focus_last(|i| Field::Incident(i, IncidentField::Component));
            }>"Add incident"</button>
        </details>
    }
}

#[component]
fn IncidentCard(i: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f| Field::Incident(i, f);
    let components = state.scenario.with_untracked(component_options);
    let n = i + 1;
    // When it is, in the zone the page shows times in.
    let when = move || {
        let zone = state.zone.get();
        state.scenario.with(|s| {
            let start = parse_utc(&s.outage.start)?;
            let inc = s.outage.incidents.get(i)?;
            // As typed, before validation: past the year the calculator looks at, nothing.
            let at = |m: f64| (m.abs() <= MAX_OUTAGE_MINUTES).then(|| start + minutes_to_seconds(m));
            Some(format_span(at(inc.start_minutes)?, at(inc.end_minutes)?, zone))
        })
    };
    view! {
        <li class="card incident"><div role="group" aria-label=format!("Incident {n}")>
            <RowProblems row=Row::Incident(i) />
            <div class="row">
                <SelectField field=field(IncidentField::Component) label=format!("Incident {n}: component") options=components />
                <NumberField field=field(IncidentField::Start) label="From (minutes after the start)".into() />
                <NumberField field=field(IncidentField::End) label="To (minutes after the start)".into() />
                <NumberField field=field(IncidentField::Severity) label="Severity".into() unit=Unit::Percent suffix="%" />
                <button type="button" class="danger" aria-label=format!("Remove: incident {n}") on:click=move |_| {
                    state.remap_drafts(&Row::Incident(i).list(), RowChange::Removed(i));
                    state.restructure(|s| edit::remove_incident(s, i))
                }>"Remove"</button>
            </div>
            <p class="read-back">{when}</p>
        </div></li>
    }
}
