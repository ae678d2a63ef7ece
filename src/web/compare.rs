//! Mitigation options side by side: the scenario's variants (see
//! `input::variant`; added, named, switched and changed here through
//! `ui::variants` and `Field`s), their figures from
//! `state::compute_comparison`, the table and chart from the core's
//! `output::compare` and `output::charts`, as in the reports.

use leptos::html::Div;
use leptos::prelude::*;

use super::fields::{input_id, NumberField, TextField, Unit};
use super::state::AppState;
use super::table::DataTable;
use crate::calc::compare::VariantFigures;
use crate::input::field::{ChangeField, Field};
use crate::input::variant::MAX_VARIANTS;
use crate::output::charts;
use crate::output::compare::{comparison_table, COMPARISON_NOTE};
use crate::output::portable::svg;
use crate::ui::variants;

#[component]
pub fn ComparisonView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_variants = Memo::new(move |_| state.scenario.with(|s| !s.variants.is_empty()));
    view! {
        <section class="comparison" aria-labelledby="comparison-title">
            <h2 id="comparison-title">"Mitigation options side by side"</h2>
            <p class="hint">{COMPARISON_NOTE}</p>
            <Show when=move || has_variants.get() fallback=|| view! {
                <p class="hint">"No variants yet. Add one, switch some fallbacks off in it, and it is compared \
                    with the scenario as it is."</p>
            }>
                {move || match state.comparison.get() {
                    None => view! { <p class="hint" role="status">{move || match state.validated.with(|v| v.is_ok()) {
                        true => "Working out the variants…",
                        false => "The comparison waits for the scenario's problems to be fixed.",
                    }}</p> }.into_any(),
                    Some(Err(problems)) => view! {
                        <div class="waiting" role="status"><ul>
                            {problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                        </ul></div>
                    }.into_any(),
                    Some(Ok(figures)) => view! { <ComparisonBody figures /> }.into_any(),
                }}
            </Show>
            <VariantsEditor />
        </section>
    }
}

/// The variants, each a card: its name, a switch for each mitigation, a row
/// for each finer change; add and remove.
#[component]
fn VariantsEditor() -> impl IntoView {
    let state = expect_context::<AppState>();
    let full = Memo::new(move |_| state.scenario.with(|s| s.variants.len() >= MAX_VARIANTS));
    let add = move |_| {
        let mut added = None;
        state.restructure(|s| added = variants::add(s));
        if let Some(k) = added {
            super::editor::focus_soon(Field::VariantName(k));
        }
    };
    view! {
        <div class="variants-editor">
            {move || {
                let _ = state.rev.get();
                let (count, mitigations) = state.scenario.with_untracked(|s| (s.variants.len(), variants::mitigations(s)));
                (0..count).map(|k| view! { <VariantCard k mitigations=mitigations.clone() /> }).collect_view()
            }}
            <button type="button" id="add-variant" disabled=move || full.get() on:click=add>"Add a variant"</button>
            <Show when=move || full.get()>
                <span class="hint">{format!("At most {MAX_VARIANTS} variants are compared side by side.")}</span>
            </Show>
        </div>
    }
}

#[component]
fn VariantCard(k: usize, mitigations: Vec<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let (off, finer) = state.scenario.with_untracked(|s| {
        let v = &s.variants[k];
        (mitigations.iter().map(|m| variants::switched_off(v, m)).collect::<Vec<_>>(), variants::finer_changes(v))
    });
    // A new change starts on a mitigation still on here: it reads as a change to it, not a switch back on.
    let first = mitigations.iter().zip(&off).find(|(_, off)| !**off).map(|(m, _)| m).or(mitigations.first()).cloned();
    let rows = finer.into_iter().map(|c| view! { <ChangeRow k c mitigations=mitigations.clone() /> }).collect_view();
    let switch = mitigations
        .clone()
        .into_iter()
        .enumerate()
        .map(|(m, name)| {
            let id = format!("variant-{k}-mitigation-{m}");
            let (label, label_for) = (name.clone(), id.clone());
            view! {
                <label class="check" for=label_for>
                    <input type="checkbox" id=id checked=!off[m] on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let name = name.clone();
                        state.edit(move |s| variants::switch(s, k, &name, on));
                    } />
                    {label}
                </label>
            }
        })
        .collect_view();
    let remove = move |_| {
        state.drafts.update(|d| d.retain(|p, _| !p.starts_with("variants")));
        state.restructure(|s| variants::remove(s, k));
    };
    let add_change = move |_| {
        let Some(mitigation) = first.clone() else { return };
        let mut added = None;
        state.restructure(|s| added = variants::add_change(s, k, &mitigation));
        if let Some(c) = added {
            super::editor::focus_soon(Field::VariantChange(k, c, ChangeField::Fallback));
        }
    };
    view! {
        <fieldset class="card variant">
            <legend>{format!("Variant {}", k + 1)}</legend>
            <TextField field=Field::VariantName(k) label="Name".into() />
            <fieldset class="variant-switches"><legend>"Fallbacks on in this variant"</legend>{switch}</fieldset>
            {rows}
            <div class="actions">
                <button type="button" id=format!("variant-{k}-add-change") on:click=add_change>
                    "Change a fallback's coverage, delay or cost"</button>
                <button type="button" class="danger" on:click=remove>{format!("Remove variant {}", k + 1)}</button>
            </div>
        </fieldset>
    }
}

/// One finer change of a variant: which fallback, where, on or off, and
/// the values it changes (empty: as the scenario has them).
#[component]
fn ChangeRow(k: usize, c: usize, mitigations: Vec<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f| Field::VariantChange(k, c, f);
    let (now, workflows, currency) = state.scenario.with_untracked(|s| {
        let workflows: Vec<(String, String)> =
            s.workflows.iter().map(|w| (w.id.clone(), w.display_name().into_owned())).collect();
        (s.variants[k].changes[c].clone(), workflows, s.currency.clone())
    });
    let choice = |value: String, selected: bool, label: String| {
        view! { <option value=value selected=selected>{label}</option> }
    };
    let fallbacks = mitigations.into_iter().map(|m| choice(m.clone(), m == now.fallback, m)).collect_view();
    let places = workflows
        .into_iter()
        .map(|(id, name)| choice(id.clone(), now.workflow.as_deref() == Some(&id), name))
        .collect_view();
    let text_edit = move |f: ChangeField| {
        move |ev| {
            let text = event_target_value(&ev);
            state.edit(move |s| field(f).set_text(s, text));
        }
    };
    let (fallback_id, workflow_id, on_id) = (
        input_id(field(ChangeField::Fallback)),
        input_id(field(ChangeField::Workflow)),
        format!("variant-{k}-change-{c}-on"),
    );
    let remove = move |_| {
        state.drafts.update(|d| d.retain(|p, _| !p.starts_with("variants")));
        state.restructure(|s| variants::remove_change(s, k, c));
    };
    view! {
        <div class="change">
            <span class="field"><label for=fallback_id.clone()>"Fallback"</label>
                <select id=fallback_id.clone() on:change=text_edit(ChangeField::Fallback)>{fallbacks}</select></span>
            <span class="field"><label for=workflow_id.clone()>"In"</label>
                <select id=workflow_id.clone() on:change=text_edit(ChangeField::Workflow)>
                    <option value="" selected=now.workflow.is_none()>"Every workflow that has it"</option>
                    {places}
                </select></span>
            <label class="check" for=on_id.clone()>
                <input type="checkbox" id=on_id.clone() checked=now.on on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.edit(move |s| if let Some(x) = s.variants.get_mut(k).and_then(|v| v.changes.get_mut(c)) { x.on = on });
                } />
                "On in this variant"
            </label>
            <NumberField field=field(ChangeField::Coverage) label="Coverage".into() unit=Unit::Percent suffix="%" />
            <NumberField field=field(ChangeField::ActivationDelay) label="Delay (minutes)".into() />
            <NumberField field=field(ChangeField::RunningCost) label=format!("Running cost an hour ({currency})") />
            <NumberField field=field(ChangeField::YearlyCost) label=format!("Yearly cost ({currency})") />
            <button type="button" class="danger" on:click=remove>"Remove this change"</button>
            <p class="hint">"Empty: as the scenario has it."</p>
        </div>
    }
}

#[component]
fn ComparisonBody(figures: std::sync::Arc<Vec<VariantFigures>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let currency = state.scenario.with_untracked(|s| s.currency.clone());
    let chart_ref = NodeRef::<Div>::new();
    let size = super::charts::observed_size(chart_ref);
    let (title, bars) = loss_bars(&figures);
    let drawing = {
        let currency = currency.clone();
        move |size| {
            svg(size, |area| {
                let _ = charts::bars(area, title, &bars, &currency);
            })
        }
    };
    Effect::new(move |_| {
        if let (Some(el), Some(size)) = (chart_ref.get(), size.get()) {
            el.set_inner_html(&drawing(size));
        }
    });
    view! {
        <DataTable id="comparison-table" table=comparison_table(&figures, &currency) />
        <figure class="chart">
            <div class="drawing comparison-chart" node_ref=chart_ref role="img" aria-label=title></div>
        </figure>
    }
}

/// The chart's bars: each variant's expected annual loss, or its outage's
/// loss when nothing fails in the annual view.
fn loss_bars(figures: &[VariantFigures]) -> (&'static str, Vec<(String, f64)>) {
    match figures.iter().all(|v| v.year.is_some()) {
        true => (
            "Expected annual loss by variant",
            figures.iter().map(|v| (v.name.clone(), v.year.map_or(0.0, |y| y.expected_loss))).collect(),
        ),
        false => ("This outage's loss by variant", figures.iter().map(|v| (v.name.clone(), v.outage.loss)).collect()),
    }
}
