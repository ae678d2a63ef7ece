//! What the outage costs and what keeps working: key figures, tables, the
//! charts (with their numbers as tables), the dependency map. When the input
//! has problems, the results say so and list where.

use leptos::prelude::*;

use super::charts::Charts;
use super::fields::field_id;
use super::state::AppState;
use crate::export::{self, hours, money, percent, Table};
use crate::report::format_utc;

/// Rows a results table shows; the exports hold every row.
const ROWS: usize = 50;

fn ph(x: f64) -> String {
    format!("{:.1}", x)
}

#[component]
pub fn Results() -> impl IntoView {
    let state = expect_context::<AppState>();
    let problems = move || state.validated.with(|v| v.as_ref().err().cloned());
    view! {
        <section class="results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">"What the outage costs"</h2>
            {move || match problems() {
                Some(problems) => view! {
                    <div class="waiting" role="status">
                        <p><strong>{format!("The results wait for a fix: {} problem{} in the scenario.", problems.len(), if problems.len() == 1 { "" } else { "s" })}</strong></p>
                        <ul>
                            {problems.into_iter().map(|p| {
                                let id = field_id(&p.path);
                                let href = format!("#{id}");
                                view! { <li><a href=href on:click=move |ev| { ev.prevent_default(); super::focus(&id) }><code>{p.path.clone()}</code></a>": "{p.message.clone()}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
                None => view! { <KeyFigures /> }.into_any(),
            }}
            <Show when=move || state.report.with(|r| r.is_some())>
                <Charts />
                <Tables />
                <DependencyMap />
            </Show>
        </section>
    }
}

#[component]
fn KeyFigures() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.report.with(|r| {
            let Some(r) = r else { return view! { <p></p> }.into_any() };
            let cur = r.currency.clone();
            let window = match &r.window {
                Some(w) => format!("{} to {} UTC, {}", format_utc(w.start).replace('T', " ").trim_end_matches('Z'), format_utc(w.end)[11..16].to_string(), hours(w.hours)),
                None => "No incident: nothing is lost.".into(),
            };
            let breach = r.residual.first_breach.map(|b| format!("first at {} UTC", &format_utc(b)[11..16])).unwrap_or_else(|| "never".into());
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

/// A results table; the first column names the row. The same rows as the
/// Markdown report's (`export::Table`).
#[component]
pub fn DataTable(
    #[prop(into)] id: String,
    table: Table,
    /// How many rows there are in all, when the table holds only the largest.
    #[prop(optional)]
    of: usize,
) -> impl IntoView {
    let numeric = table.numeric.clone();
    let shown = table.rows.len();
    view! {
        <div class="table-scroll"><table id=id>
            <thead><tr>{table.headers.into_iter().zip(numeric.clone()).map(|(h, n)| view! { <th scope="col" class:num=n>{h}</th> }).collect_view()}</tr></thead>
            <tbody>{table.rows.into_iter().map(|mut row| {
                let numeric = numeric.clone();
                let rest = row.split_off(1.min(row.len()));
                view! { <tr>
                    <th scope="row">{row.pop()}</th>
                    {rest.into_iter().zip(numeric.into_iter().skip(1)).map(|(cell, n)| view! { <td class:num=n>{cell}</td> }).collect_view()}
                </tr> }
            }).collect_view()}</tbody>
        </table></div>
        {(of > shown).then(|| view! { <p class="hint">{format!("The {shown} of {of} that lose most; the exports hold them all.")}</p> })}
    }
}

#[component]
fn Tables() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.report.with(|r| {
            let Some(r) = r else { return view! { <div></div> }.into_any() };
            view! {
                <div class="tables">
                    <h3>"Per workflow"</h3>
                    <DataTable id="workflow-table" table=export::workflow_table(r).largest(ROWS) of=r.workflows.len() />
                    <h3>"Per team"</h3>
                    <DataTable id="team-table" table=export::team_table(r).largest(ROWS) of=r.teams.len() />
                    <h3>"Blast radius"</h3>
                    <p class="hint">{export::BLAST_NOTE}</p>
                    <DataTable id="blast-table" table=export::blast_table(r).largest(ROWS) of=r.blast_radius.len() />
                    <h3>"When each fallback engaged, and what it saved"</h3>
                    <p class="hint">{export::FALLBACK_NOTE}</p>
                    <DataTable id="fallback-table" table=export::fallback_table(r).largest(ROWS) of=r.workflows.iter().map(|w| w.fallbacks.len()).sum() />
                </div>
            }
            .into_any()
        })
    }
}

/// What the dependency map shows; compared, so the map re-renders only when
/// it changes (a scope or a dependency), not on every keystroke.
#[derive(Clone, PartialEq)]
struct MapData {
    /// (name, title with its dependencies, down)
    components: Vec<(String, String, bool)>,
    /// (workflow name, per component: 0 none, 1 needs, 2 a fallback needs)
    workflows: Vec<(String, Vec<u8>)>,
}

fn map_data(model: &crate::Model) -> MapData {
    // Down: hit by an incident, or depending on something that is.
    let n = model.components.len();
    let mut down = vec![false; n];
    for i in &model.outage.incidents {
        if i.severity > 0.0 {
            down[i.component] = true;
        }
    }
    loop {
        let mut changed = false;
        for c in 0..n {
            if !down[c] && model.components[c].depends_on.iter().any(|&d| down[d]) {
                down[c] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let shown = n.min(40);
    MapData {
        components: (0..shown)
            .map(|c| {
                let comp = &model.components[c];
                let deps: Vec<&str> = comp.depends_on.iter().map(|&d| model.components[d].name.as_str()).collect();
                let title = if deps.is_empty() { comp.name.clone() } else { format!("{} (depends on {})", comp.name, deps.join(", ")) };
                (comp.name.clone(), title, down[c])
            })
            .collect(),
        workflows: model
            .workflows
            .iter()
            .take(40)
            .map(|w| {
                let marks = (0..shown)
                    .map(|c| if w.needs.contains(&c) { 1 } else if w.fallbacks.iter().any(|f| f.needs.contains(&c)) { 2 } else { 0 })
                    .collect();
                (w.name.clone(), marks)
            })
            .collect(),
    }
}

/// Components against the workflows that need them; what the current scope
/// takes down (directly or through a dependency) is highlighted.
#[component]
fn DependencyMap() -> impl IntoView {
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| state.validated.with(|v| v.as_ref().ok().map(map_data)));
    move || {
        let Some(d) = data.get() else { return view! { <div></div> }.into_any() };
        let down: Vec<bool> = d.components.iter().map(|c| c.2).collect();
        view! {
            <details class="block depmap" open>
                <summary><h3>"Dependency map"</h3></summary>
                <p class="hint">"Columns are components; a highlighted column is down in this outage (itself or through what it depends on). ● needs it; ◐ a fallback needs it."</p>
                <div class="table-scroll"><table id="dependency-map">
                    <thead>
                        <tr><th scope="col">"Workflow"</th>
                        {d.components.into_iter().map(|(name, title, is_down)| view! {
                            <th scope="col" class:down=is_down title=title><span class="vertical">{name}{is_down.then_some(" (down)")}</span></th>
                        }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {d.workflows.into_iter().map(|(name, marks)| {
                            let down = down.clone();
                            view! {
                                <tr><th scope="row">{name}</th>
                                {marks.into_iter().enumerate().map(|(c, m)| {
                                    let (mark, label) = match m { 1 => ("●", "needs"), 2 => ("◐", "fallback needs"), _ => ("", "") };
                                    view! { <td class:down=down[c] aria-label=label>{mark}</td> }
                                }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table></div>
            </details>
        }
        .into_any()
    }
}
