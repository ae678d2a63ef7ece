//! What the outage costs and what keeps working: key figures, tables, the
//! charts (with their numbers as tables), the dependency map. When the input
//! has problems, the results say so and list where.

use leptos::prelude::*;

use super::charts::Charts;
use super::fields::field_id;
use super::state::AppState;
use crate::export::{hours, money, percent};
use crate::report::{format_utc, Report};

/// Rows a results table shows; the exports hold every row.
const ROWS: usize = 100;

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
                    <div class="figure"><dt>"Capacity lost"</dt><dd id="total-person-hours">{format!("{} person-hours", ph(r.totals.person_hours))}</dd></div>
                    <div class="figure"><dt>"Cost"</dt><dd id="total-cost">{money(r.totals.cost, &cur)}</dd>
                        <dd class="sub">{format!("{} lost work + {} fallbacks", money(r.totals.labour_cost, &cur), money(r.totals.fallback_cost, &cur))}</dd></div>
                    <div class="figure"><dt>"Lowest functionality"</dt><dd id="min-residual">{percent(r.residual.minimum)}</dd></div>
                    <div class="figure"><dt>"Mean functionality"</dt><dd id="mean-residual">{percent(r.residual.mean)}</dd></div>
                    <div class="figure"><dt>{format!("Below the {} target", percent(r.target))}</dt><dd id="below-target">{hours(r.residual.hours_below_target)}</dd>
                        <dd class="sub">{breach}</dd></div>
                </dl>
                <Engagements report=r.clone() />
            }
            .into_any()
        })
    }
}

#[component]
fn Engagements(report: Report) -> impl IntoView {
    let cur = report.currency.clone();
    let rows: Vec<_> = report
        .workflows
        .iter()
        .flat_map(|w| w.fallbacks.iter().map(move |f| (w.name.clone(), f.clone())))
        .filter(|(_, f)| !f.engaged.is_empty())
        .collect();
    view! {
        <h3>"When fallbacks engaged"</h3>
        {if rows.is_empty() {
            view! { <p>"No fallback engaged."</p> }.into_any()
        } else {
            view! {
                <ul class="engagements">
                    {rows.into_iter().map(|(w, f)| {
                        let spans: Vec<String> = f.engaged.iter().map(|e| format!("{}–{}", &format_utc(e.from)[11..16], &format_utc(e.to)[11..16])).collect();
                        view! { <li>{format!("{w}: {} engaged {} UTC ({}, running cost {})", f.name, spans.join(", "), hours(f.engaged_hours), money(f.running_cost, &cur))}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Tables() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.report.with(|r| {
            let Some(r) = r else { return view! { <div></div> }.into_any() };
            let cur = r.currency.clone();
            let c2 = cur.clone();
            let c3 = cur.clone();
            let c4 = cur.clone();
            let wf_rows: Vec<_> = r.workflows.iter().take(ROWS).cloned().collect();
            view! {
                <div class="tables">
                    <h3>"Per workflow"</h3>
                    <div class="table-scroll"><table id="workflow-table">
                        <thead><tr><th scope="col">"Workflow"</th><th scope="col">"Team"</th><th scope="col" class="num">"Person-hours lost"</th><th scope="col" class="num">{format!("Cost ({cur})")}</th><th scope="col" class="num">"Lowest"</th><th scope="col" class="num">"Mean"</th></tr></thead>
                        <tbody>{wf_rows.into_iter().map(|w| view! {
                            <tr><th scope="row">{w.name}</th><td>{w.team}</td><td class="num">{ph(w.person_hours)}</td><td class="num">{money(w.cost, &cur)}</td><td class="num">{percent(w.minimum_residual)}</td><td class="num">{percent(w.mean_residual)}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                    {(r.workflows.len() > ROWS).then(|| view! { <p class="hint">{format!("The first {ROWS} of {} workflows; the exports hold them all.", r.workflows.len())}</p> })}
                    <h3>"Per team"</h3>
                    <div class="table-scroll"><table id="team-table">
                        <thead><tr><th scope="col">"Team"</th><th scope="col" class="num">"Person-hours lost"</th><th scope="col" class="num">{format!("Cost ({c2})")}</th></tr></thead>
                        <tbody>{r.teams.iter().take(ROWS).map(|t| view! {
                            <tr><th scope="row">{t.name.clone()}</th><td class="num">{ph(t.person_hours)}</td><td class="num">{money(t.cost, &c2)}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                    <h3>"Blast radius"</h3>
                    <p class="hint">"The loss if each component's incidents had been the only ones."</p>
                    <div class="table-scroll"><table id="blast-table">
                        <thead><tr><th scope="col">"Component"</th><th scope="col" class="num">"Person-hours lost"</th><th scope="col" class="num">{format!("Cost ({c3})")}</th><th scope="col" class="num">"Workflows hit"</th></tr></thead>
                        <tbody>{r.blast_radius.iter().map(|b| view! {
                            <tr><th scope="row">{b.name.clone()}</th><td class="num">{ph(b.person_hours)}</td><td class="num">{money(b.cost, &c3)}</td><td class="num">{b.workflows_hit}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                    <h3>"What each fallback saved"</h3>
                    <p class="hint">"The loss without the fallback minus the loss with it; the cost includes its own running cost."</p>
                    <div class="table-scroll"><table id="fallback-table">
                        <thead><tr><th scope="col">"Workflow"</th><th scope="col">"Fallback"</th><th scope="col" class="num">"Engaged"</th><th scope="col" class="num">"Person-hours saved"</th><th scope="col" class="num">{format!("Cost saved ({c4})")}</th></tr></thead>
                        <tbody>{r.workflows.iter().take(ROWS).flat_map(|w| w.fallbacks.iter().map(move |f| (w.name.clone(), f.clone()))).map(|(w, f)| view! {
                            <tr><td>{w}</td><th scope="row">{f.name}</th><td class="num">{hours(f.engaged_hours)}</td><td class="num">{ph(f.avoided_person_hours)}</td><td class="num">{money(f.avoided_cost, &c4)}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
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
