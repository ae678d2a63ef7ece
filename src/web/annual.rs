//! The annual view: a year of outages, from the components' incidents a
//! year. Its figures come from `calc::annual` (see `state::compute_annual`);
//! its tables and chart from `output::annual` and `output::charts`, as in
//! the command line's files.

use leptos::html::Div;
use leptos::prelude::*;

use super::fields::{NumberField, Unit};
use super::results::ROWS;
use super::state::AppState;
use super::table::DataTable;
use crate::input::field::Field;
use crate::input::scenario::TolerancePoint;
use crate::output::annual as text;
use crate::output::charts::{self, Exceedance};
use crate::output::portable::svg;

#[component]
pub fn AnnualView() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="annual" aria-labelledby="annual-title">
            <h2 id="annual-title">"A year of outages"</h2>
            <p class="hint">"What outages may cost in a year, from each component's incidents a year and \
                their usual length (in the editor, under Components, or fitted to a provider's incident history below), \
                with and without the fallbacks."</p>
            <details class="method"><summary>"How these figures are made"</summary>
                <p class="hint">{text::METHOD_NOTE}</p>
            </details>
            <div class="annual-settings">
                <NumberField field=Field::Seed label="Seed".into() />
                <NumberField field=Field::Years label="Years to simulate".into() />
            </div>
            {move || match state.annual.get() {
                None => view! { <p class="hint annual-waiting" role="status">{waiting(&state)}</p> }.into_any(),
                Some(shown) => view! { <AnnualBody shown /> }.into_any(),
            }}
            <Tolerance />
            <super::history::HistoryFit />
        </section>
    }
}

fn waiting(state: &AppState) -> &'static str {
    let fails = state.scenario.with(|s| s.components.iter().any(|c| c.incidents_per_year.is_some_and(|r| r > 0.0)));
    match (state.validated.with(|v| v.is_ok()), fails) {
        (false, _) => "The annual view waits for the scenario's problems to be fixed.",
        (true, false) => "Give a component its incidents a year and their durations (in the editor, under Components) to see a year of outages.",
        (true, true) => "Working out the year…",
    }
}

#[component]
fn AnnualBody(shown: std::sync::Arc<super::state::AnnualShown>) -> impl IntoView {
    let (model, a) = (&shown.model, &shown.annual);
    let cur = model.currency.clone();
    let (done, all) = shown.simulated;
    let progress = (done < all).then(|| format!("Simulating: {done} of {all} years so far."));
    let chart_ref = NodeRef::<Div>::new();
    // Drawn for its box, as the results' charts: text stays its size on a phone.
    let size = super::charts::observed_size(chart_ref);
    let drawing = {
        let shown = shown.clone();
        move |size| {
            let data = Exceedance::of(&shown.annual, &shown.model);
            svg(size, |area| {
                let _ = charts::exceedance(area, &data);
            })
        }
    };
    Effect::new(move |_| {
        if let (Some(el), Some(size)) = (chart_ref.get(), size.get()) {
            el.set_inner_html(&drawing(size));
        }
    });
    view! {
        <p class="annual-progress" role="status">{progress}</p>
        <DataTable id="annual-figures" table=text::figures_table(a, &cur) />
        <p class="hint">{text::simulation_note(a, &cur)}</p>
        <figure class="chart">
            <div class="drawing annual-chart" node_ref=chart_ref role="img"
                aria-label="Loss exceedance: the chance of losing more than each amount in a year, with and without fallbacks, and your tolerance"></div>
        </figure>
        {(!a.tolerance.is_empty()).then(|| view! {
            <p id="annual-tolerance-verdict">{text::crossings_sentence(a, &cur)}</p>
            <DataTable id="annual-tolerance" table=text::tolerance_table(a, &cur) />
        })}
        <details><summary>"The curve's numbers"</summary>
            <DataTable id="annual-exceedance" table=text::exceedance_table(a, &cur) />
        </details>
        <h3>"Where the year's loss comes from"</h3>
        <DataTable id="annual-components" table=text::components_table(model, a, Some(ROWS)) />
        <h3>"What each fallback is worth a year"</h3>
        <p class="hint">{text::FALLBACKS_NOTE}</p>
        <DataTable id="annual-fallbacks" table=text::fallbacks_table(model, a, Some(ROWS)) />
        <h3>"Availability"</h3>
        <p class="hint">{text::AVAILABILITY_NOTE}</p>
        <DataTable id="annual-component-availability" table=text::component_availability_table(model, a, Some(ROWS)) />
        <DataTable id="annual-availability" table=text::availability_table(model, a, Some(ROWS)) />
    }
}

/// The risk tolerance's points: "no more than 10% chance of losing 50,000 in a year".
#[component]
fn Tolerance() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = Memo::new(move |_| state.scenario.with(|s| s.annual.tolerance.len()));
    let currency = move || state.scenario.with(|s| s.currency.clone());
    view! {
        <fieldset class="tolerance"><legend>"Your risk tolerance: at most this chance of losing more than this in a year"</legend>
            {move || {
                let _ = state.rev.get();
                (0..count.get()).map(|k| view! {
                    <div class="tolerance-point">
                        <NumberField field=Field::ToleranceLoss(k) label=format!("Annual loss ({})", currency()) />
                        <NumberField field=Field::ToleranceChance(k) label="Chance at most".into() unit=Unit::Percent suffix="%" />
                        <button type="button" on:click=move |_| {
                            state.drafts.update(|d| d.retain(|p, _| !p.starts_with("annual.tolerance")));
                            state.restructure(|s| { s.annual.tolerance.remove(k); });
                        }>{format!("Remove point {}", k + 1)}</button>
                    </div>
                }).collect_view()
            }}
            <button type="button" disabled={move || count.get() >= 5} on:click=move |_| {
                state.restructure(|s| s.annual.tolerance.push(TolerancePoint { loss: 50_000.0, chance: 0.1 }));
            }>"Add a tolerance point"</button>
        </fieldset>
    }
}
