//! The annual view fitted to a provider's incident history: the file the
//! user picks is read once (`input::history`), fitted to the scenario as it
//! changes (`input::history::fit`) and shown beside the scenario's values
//! (`output::history`); taking the fit writes the components' annual inputs.
//! The history stays in the page: it is not part of the scenario or its link.

use std::sync::Arc;

use leptos::html::Input;
use leptos::prelude::*;

use super::fields::{NumberField, Unit};
use super::files;
use super::state::AppState;
use super::table::DataTable;
use crate::input::field::Field;
use crate::input::history::fit::{fit, mapped, take, take_all, ComponentFit, Fit};
use crate::input::history::{self, History, Status, MAX_BYTES};
use crate::output::history::{fit_table, FIT_NOTE};

/// A history as read, with the name of its file.
#[derive(Clone, PartialEq)]
struct Loaded {
    file: String,
    history: Arc<History>,
}

#[component]
pub fn HistoryFit() -> impl IntoView {
    let loaded = RwSignal::new(None::<Loaded>);
    let problem = RwSignal::new(None::<String>);
    let file_input = NodeRef::<Input>::new();
    let on_change = move |_| {
        let Some(input) = file_input.get() else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            read_history(file, loaded, problem);
        }
        input.set_value("");
    };
    view! {
        <details class="history-fit" id="history-fit">
            <summary>"Fit incidents a year to a provider's incident history"</summary>
            <p class="hint" id="history-hint">"Save the status page's history from your browser and import it here: \
                for a Statuspage site, the JSON at its address followed by /api/v2/incidents.json; for any other, a CSV \
                with the columns component, start, end and severity. The file is read in this page; nothing is fetched \
                or sent. The history is not kept: after a reload, import it again (the picks and severities are \
                kept in the scenario)."</p>
            <button type="button" id="import-history" aria-describedby="history-hint"
                on:click=move |_| if let Some(input) = file_input.get() { input.click() }>"Import an incident history…"</button>
            <input type="file" id="history-file" class="visually-hidden" tabindex="-1" aria-label="Incident history to import"
                accept=".json,.csv,application/json,text/csv" node_ref=file_input on:change=on_change />
            <p class="history-problem" role="alert">{move || problem.get()}</p>
            {move || loaded.get().map(|loaded| view! { <FitBody loaded /> })}
        </details>
    }
}

/// Reads the picked file; a broken one leaves the history shown before in place.
fn read_history(file: web_sys::File, loaded: RwSignal<Option<Loaded>>, problem: RwSignal<Option<String>>) {
    let name = file.name();
    if file.size() > MAX_BYTES as f64 {
        problem.set(Some(format!(
            "{name} is {:.1} MB; an incident history can be at most {} MB. Nothing was changed.",
            file.size() / 1e6,
            MAX_BYTES / 1_000_000
        )));
        return;
    }
    leptos::task::spawn_local(async move {
        let read = files::read_text(&file).await.map_err(|e| format!("it could not be read ({e})"));
        match read.and_then(|text| history::read(&text).map_err(|e| e.0)) {
            Ok(history) => {
                problem.try_set(None);
                loaded.try_set(Some(Loaded { file: name, history: Arc::new(history) }));
            }
            Err(e) => {
                problem.try_set(Some(format!("{name} was not read: {e} Nothing was changed.")));
            }
        }
    });
}

#[component]
fn FitBody(loaded: Loaded) -> impl IntoView {
    let state = expect_context::<AppState>();
    let history = loaded.history.clone();
    let fitted = Memo::new(move |_| state.scenario.with(|s| fit(&history, s)));
    let taken = RwSignal::new(None::<String>);
    view! {
        <p class="hint">{format!("From {}.", loaded.file)}</p>
        // Built once per file, outside the fit: a pick re-renders the fit, never its own picker.
        <Sources history=loaded.history.clone() />
        {move || match fitted.get() {
            Err(e) => view! { <p class="waiting" role="alert">{e.0}</p> }.into_any(),
            Ok(fit) => view! { <FitShown fit=Arc::new(fit) taken /> }.into_any(),
        }}
        <fieldset class="status-severities">
            <legend>"The severity each status counts with (0%: not counted)"</legend>
            {Status::ALL.map(|status| view! {
                <NumberField field=Field::StatusSeverity(status) label=status.label().into() unit=Unit::Percent suffix="%" />
            }).collect_view()}
        </fieldset>
        <p class="taken" role="status">{move || taken.get()}</p>
    }
}

#[component]
fn FitShown(fit: Arc<Fit>, taken: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // The scenario's values in brackets follow it (the fit itself does not change when they are taken).
    let table = {
        let fit = fit.clone();
        move || state.scenario.with(|s| view! { <DataTable id="fit-table" table=fit_table(&fit, s) /> })
    };
    let use_one = {
        let fit = fit.clone();
        move |fitted: &ComponentFit| {
            let (fit, fitted) = (fit.clone(), fitted.clone());
            move |_| {
                let name =
                    state.scenario.with_untracked(|s| s.components[fitted.component].display_name().into_owned());
                let mut scenario = state.scenario.get_untracked();
                match take(&mut scenario, &fit, &fitted) {
                    Ok(()) => {
                        forget_drafts(state, &[fitted.component]);
                        state.restructure(|s| *s = scenario);
                        taken.set(Some(format!("{name} now has the fitted values.")));
                    }
                    Err(why) => taken.set(Some(why)),
                }
            }
        }
    };
    let use_all = {
        let fit = fit.clone();
        move |_| {
            let mut scenario = state.scenario.get_untracked();
            let refused = take_all(&mut scenario, &fit);
            forget_drafts(state, &fit.components.iter().map(|c| c.component).collect::<Vec<_>>());
            state.restructure(|s| *s = scenario);
            let n = fit.components.len() - refused.len();
            let mut said = match n {
                1 => "1 component now has the fitted values.".to_string(),
                n => format!("{n} components now have the fitted values."),
            };
            said.extend(refused.iter().map(|r| format!(" {r}")));
            taken.set(Some(said));
        }
    };
    let buttons = fit
        .components
        .iter()
        .map(|c| {
            let name = state.scenario.with_untracked(|s| s.components[c.component].display_name().into_owned());
            view! { <button type="button" on:click=use_one(c)>{format!("Use for {name}")}</button> }
        })
        .collect_view();
    view! {
        <ul class="fit-notes">{fit.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
        <p class="hint">{FIT_NOTE}</p>
        {fit.components.is_empty().then(|| view! {
            <p class="waiting">"No status-page component counts for a scenario component yet: pick them above."</p>
        })}
        {table}
        <div class="fit-actions" role="group" aria-label="Use the fitted values">
            <button type="button" id="use-fit" disabled=fit.components.is_empty() on:click=use_all>"Use all the fitted values"</button>
            {buttons}
        </div>
    }
}

/// Which scenario component each status-page component counts for: a picker each.
#[component]
fn Sources(history: Arc<History>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sources = history.components();
    let (choices, picks): (Vec<(String, String)>, Vec<Option<usize>>) = state.scenario.with_untracked(|s| {
        let choices = s.components.iter().map(|c| (c.id.clone(), c.display_name().into_owned())).collect();
        (choices, sources.iter().map(|(name, _)| mapped(name, s)).collect())
    });
    let row = move |(k, (name, spans)): (usize, (String, usize))| {
        let picked = picks[k].map(|c| choices[c].0.clone()).unwrap_or_default();
        let options = choices
            .iter()
            .map(|(id, label)| view! { <option value=id.clone() selected=*id == picked>{label.clone()}</option> })
            .collect_view();
        let source = name.clone();
        let on_change = move |ev| {
            let id = event_target_value(&ev);
            let source = source.clone();
            state.edit(|s| {
                s.incident_history.components.insert(source, Some(id).filter(|id| !id.is_empty()));
            });
        };
        view! {
            <tr>
                <th scope="row"><label for=format!("source-{k}")>{name}</label></th>
                <td class="num" data-label="Periods not operational">{spans}</td>
                <td data-label="Counts for"><select id=format!("source-{k}") on:change=on_change>
                    <option value="" selected=picked.is_empty()>"None: not counted"</option>
                    {options}
                </select></td>
            </tr>
        }
    };
    view! {
        <div class="table-wrap"><table class="fit-sources stack" id="fit-sources">
            <thead><tr><th scope="col">"Status-page component"</th><th scope="col" class="num">"Periods not operational"</th>
                <th scope="col">"Counts for"</th></tr></thead>
            <tbody>{sources.into_iter().enumerate().map(row).collect_view()}</tbody>
        </table></div>
    }
}

/// Drops typed drafts of the components whose annual inputs are about to be written.
fn forget_drafts(state: AppState, components: &[usize]) {
    let prefixes: Vec<String> = components.iter().map(|k| format!("components[{k}].")).collect();
    state.drafts.update(|d| d.retain(|path, _| !prefixes.iter().any(|p| path.starts_with(p))));
}
