//! What the outage costs and what keeps working: key figures, tables, the
//! charts (with their numbers as tables), the dependency map. When the input
//! has problems, the results say so and list where.

use leptos::prelude::*;

use super::charts::Charts;
use super::fields::{field_id, input_id};
use super::seen::WhenSeen;
use super::state::{AppState, Computed};
use super::table::DataTable;
use crate::input::scenario::plain_text;
use crate::output::format::{hours, money, percent};
use crate::output::review::scope_label;
use crate::output::table;
use crate::time::local::{format_in_zone, format_span};
use crate::ui::place::describe;

/// Rows a results table shows; the exports hold every row.
pub const ROWS: usize = 50;

fn ph(x: f64) -> String {
    format!("{:.1}", x)
}

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">"What the outage costs"</h2>
            <p class="scenario-line">{move || state.scenario.with(|s| format!("{} · {}", plain_text(&s.name), scope_label(s)))}</p>
            <WhenSeen><ResultsBody /></WhenSeen>
        </section>
    }
}

#[component]
fn ResultsBody() -> impl IntoView {
    let state = expect_context::<AppState>();
    let [charts, tables] = super::in_turn();
    let problems = move || state.validated.with(|v| v.as_ref().err().cloned());
    view! {
        {move || match problems() {
            Some(problems) => view! {
                <div class="waiting" role="status">
                    <p><strong>{format!("The results wait for a fix: {} problem{} in the scenario.", problems.len(), if problems.len() == 1 { "" } else { "s" })}</strong></p>
                    <ul>
                        {problems.into_iter().map(|p| {
                            let id = p.field.map_or_else(|| field_id(&p.path), input_id);
                            let href = format!("#{id}");
                            let place = state.scenario.with_untracked(|s| describe(s, &p.path));
                            view! { <li><a href=href on:click=move |ev| { ev.prevent_default(); super::focus(&id) }>{place}</a>": "{p.message.clone()}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }.into_any(),
            None => view! { <KeyFigures /> }.into_any(),
        }}
        // The charts, then the tables and map, each in a task of their own (see `in_turn`).
        <Show when={move || state.results.with(|r| r.is_some()) && charts.get()}>
            <Charts />
            {move || (tables.get() && !state.tables_paused.get()).then(|| view! { <Tables /> <DependencyMap /> })}
        </Show>
        // Outside the results: its seed and tolerance stay while an edit makes the scenario invalid.
        {move || tables.get().then(|| view! { <super::annual::AnnualView /> <super::compare::ComparisonView /> })}
    }
}

#[component]
pub fn SummaryBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = Memo::new(move |_| {
        let problems = state.validated.with(|v| v.as_ref().err().map(Vec::len));
        if let Some(n) = problems {
            return (
                format!("The results wait for a fix: {n} problem{} in the scenario.", if n == 1 { "" } else { "s" }),
                true,
            );
        }
        let line = state.results.with(|r| {
            r.as_ref().map(|Computed { report: r, .. }| {
                format!(
                    "{} · {} person-hours · lowest {} · {}",
                    money(r.totals.cost, &r.currency),
                    ph(r.totals.person_hours),
                    percent(r.residual.minimum),
                    r.window.as_ref().map_or_else(|| "no incident".to_string(), |w| hours(w.hours)),
                )
            })
        });
        (line.unwrap_or_default(), false)
    });
    view! {
        <div class="summary-bar" class:problem=move || text.get().1 role="status" aria-live="off">
            <span id="summary-line">{move || text.get().0}</span>
            <a href="#results-title" on:click=|ev| { ev.prevent_default(); super::focus("results-title") }>"Results"</a>
        </div>
    }
}

#[component]
fn KeyFigures() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.results.with(|r| {
            let Some(Computed { report: r, .. }) = r else { return view! { <p></p> }.into_any() };
            let cur = r.currency.clone();
            let zone = state.zone.get();
            let window = match &r.window {
                Some(w) => format!("{}, {}", format_span(w.start, w.end, zone), hours(w.hours)),
                None => "No incident: nothing is lost.".into(),
            };
            let breach = r.residual.first_breach.map(|b| format!("first at {}", format_in_zone(b, zone))).unwrap_or_else(|| "never".into());
            view! {
                <p class="window">{window}</p>
                <dl class="figures">
                    <div class="figure"><dt>"Capacity lost (person-hours)"</dt><dd id="total-person-hours">{ph(r.totals.person_hours)}</dd></div>
                    <div class="figure"><dt>"Cost"</dt><dd id="total-cost">{money(r.totals.cost, &cur)}</dd>
                        <dd class="sub">{format!("{} lost work + {} fallbacks", money(r.totals.labour_cost, &cur), money(r.totals.fallback_cost, &cur))}</dd></div>
                    <div class="figure"><dt>"Lowest functionality"</dt><dd id="min-residual">{percent(r.residual.minimum)}</dd></div>
                    <div class="figure"><dt>"Mean functionality"</dt><dd id="mean-residual">{percent(r.residual.mean)}</dd></div>
                    <div class="figure"><dt>{format!("Below the {} target", percent(r.target))}</dt><dd id="below-target">{hours(r.residual.hours_below_target)}</dd>
                        <dd class="sub">{breach}</dd></div>
                </dl>
            }
            .into_any()
        })
    }
}

#[component]
fn Tables() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.results.with(|r| {
            let Some(Computed { report: r, .. }) = r else { return view! { <div></div> }.into_any() };
            view! {
                <div class="tables">
                    <h3>"Per workflow"</h3>
                    <DataTable id="workflow-table" table=table::workflow_table(r, Some(ROWS)) />
                    <h3>"Per team"</h3>
                    <DataTable id="team-table" table=table::team_table(r, Some(ROWS)) />
                    <h3>"Blast radius"</h3>
                    <p class="hint">{table::BLAST_NOTE}</p>
                    <DataTable id="blast-table" table=table::blast_table(r, Some(ROWS)) />
                    <h3>"When each fallback engaged, and what it saved"</h3>
                    <p class="hint">{table::FALLBACK_NOTE}</p>
                    <DataTable id="fallback-table" table=table::fallback_table(r, Some(ROWS), state.zone.get()) />
                </div>
            }
            .into_any()
        })
    }
}

/// Components against the workflows that need them (and the components that
/// depend on them); what the current scope takes down, directly or through
/// a dependency, is highlighted. Compared, so it re-renders only when it
/// changes (a scope or a dependency), not on every keystroke.
#[component]
fn DependencyMap() -> impl IntoView {
    let state = expect_context::<AppState>();
    let table = Memo::new(move |_| state.validated.with(|v| v.as_ref().ok().map(table::dependency_table)));
    view! {
        <details class="block depmap" open>
            <summary><h3>"Dependency map"</h3></summary>
            <p class="hint">"Columns are components; a highlighted column is down in this outage (itself or through what it depends on). ● needs it, or depends on it; ◐ a fallback needs it."</p>
            {move || table.get().map(|table| view! { <DataTable id="dependency-map" table /> })}
        </details>
    }
}
