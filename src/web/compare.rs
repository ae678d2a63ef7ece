//! Mitigation options side by side: the scenario's variants (defined in
//! the scenario file or link; see `input::variant`), their figures from
//! `state::compute_comparison`, the table and chart from the core's
//! `output::compare` and `output::charts`, as in the reports.

use leptos::html::Div;
use leptos::prelude::*;

use super::state::AppState;
use super::table::DataTable;
use crate::calc::compare::VariantFigures;
use crate::output::charts;
use crate::output::compare::{comparison_table, COMPARISON_NOTE};
use crate::output::portable::svg;

#[component]
pub fn ComparisonView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let has_variants = Memo::new(move |_| state.scenario.with(|s| !s.variants.is_empty()));
    view! {
        <Show when=move || has_variants.get()>
            <section class="comparison" aria-labelledby="comparison-title">
                <h2 id="comparison-title">"Mitigation options side by side"</h2>
                <p class="hint">{COMPARISON_NOTE}</p>
                {move || match state.comparison.get() {
                    None => view! { <p class="hint" role="status">{move || match state.validated.with(|v| v.is_ok()) {
                        true => "Working out the variants…",
                        false => "The comparison waits for the scenario's problems to be fixed.",
                    }}</p> }.into_any(),
                    Some(Err(problems)) => view! {
                        <div class="waiting" role="status"><ul>
                            {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul></div>
                    }.into_any(),
                    Some(Ok(figures)) => view! { <ComparisonBody figures /> }.into_any(),
                }}
            </section>
        </Show>
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
