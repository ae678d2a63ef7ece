//! The charts, drawn as SVG by the same functions as the HTML report and the
//! native tests, whenever the report changes: vector, so crisp on any screen,
//! and no label measured in the page. Each chart has its numbers in a table
//! beside it.

use leptos::html::Div;
use leptos::prelude::*;

use super::slices::{now_ms, Slices};
use super::state::AppState;
use super::table::DataTable;
use crate::calc::curve;
use crate::calc::engine::Engine;
use crate::output::charts::{self, ChartData};
use crate::output::portable::{svg, Portable};
use crate::output::table::Table;

/// A chart's box size, kept up to date by a ResizeObserver: reading it
/// never forces a layout, and the charts redraw when the page resizes. The
/// observer is disconnected when the chart leaves the page (the results wait
/// for a fix), so it never touches a disposed signal.
pub(super) fn observed_size(drawing: NodeRef<Div>) -> RwSignal<Option<(u32, u32)>> {
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let size = RwSignal::new(None);
    Effect::new(move |_| {
        let Some(el) = drawing.get() else { return };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            if let Ok(entry) = entries.get(0).dyn_into::<web_sys::ResizeObserverEntry>() {
                let rect = entry.content_rect();
                let next = Some(((rect.width() as u32).max(280), (rect.height() as u32).max(200)));
                if size.try_get_untracked().is_some_and(|now| now != next) {
                    size.try_set(next);
                }
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else { return };
        observer.observe(&el);
        let observation = SendWrapper::new((observer, callback));
        on_cleanup(move || observation.0.disconnect());
    });
    size
}

/// Draws a chart `size` pixels into its box, as SVG.
fn draw_on(
    target: &web_sys::HtmlDivElement,
    size: (u32, u32),
    draw: impl FnOnce(&plotters::prelude::DrawingArea<Portable<plotters::prelude::SVGBackend>, plotters::coord::Shift>),
) {
    target.set_inner_html(&svg(size, draw));
}

#[component]
pub fn Charts() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Both follow the report, which changes with every edit: not compared.
    let data = Memo::new_with_compare(
        move |_| {
            let zone = state.zone.get();
            state.results.with(|r| r.as_ref().map(|r| ChartData::new(&r.report, &r.model, zone)))
        },
        |_, _| true,
    );
    let picked = Memo::new(move |_| {
        state.picked_workflow.get().or_else(|| state.results.with(|r| r.as_ref().and_then(|r| hardest_hit(&r.report))))
    });
    let picked_steps = Memo::new_with_compare(
        move |_| {
            let w = picked.get()?;
            state.results.with(|r| {
                let r = &r.as_ref()?.report;
                let start = r.window.as_ref()?.start;
                let wf = r.workflows.get(w)?;
                Some((
                    wf.name.clone(),
                    wf.residual.iter().map(|s| (crate::time::hours(s.at - start), s.value)).collect::<Vec<_>>(),
                ))
            })
        },
        |_, _| true,
    );
    let curve_points = RwSignal::new(Vec::<curve::Point>::new());
    let drawn = RwSignal::new(0u32);

    let residual_ref = NodeRef::<Div>::new();
    let cost_ref = NodeRef::<Div>::new();
    let team_ref = NodeRef::<Div>::new();
    let workflow_ref = NodeRef::<Div>::new();
    let curve_ref = NodeRef::<Div>::new();
    let residual_size = observed_size(residual_ref);
    let cost_size = observed_size(cost_ref);
    let team_size = observed_size(team_ref);
    let workflow_size = observed_size(workflow_ref);
    let curve_size = observed_size(curve_ref);

    // A large organisation's charts are drawn in a task of their own, after
    // its results are on screen, so no one task holds both. A small one's are
    // drawn at once (one frame).
    let draws = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(d) = data.get() else { return };
        let picked = picked_steps.get();
        let drawings = [residual_ref.get(), cost_ref.get(), team_ref.get(), workflow_ref.get()];
        let sizes = [residual_size.get(), cost_size.get(), team_size.get(), workflow_size.get()];
        draws.update_value(|g| *g += 1);
        let mine = draws.get_value();
        let large = d.by_workflow.len() > curve::LARGE_WORKFLOWS;
        let draw = move || {
            if draws.try_get_value() != Some(mine) {
                return;
            }
            for (k, (drawing, size)) in drawings.iter().zip(sizes).enumerate() {
                let (Some(c), Some(size)) = (drawing, size) else { continue };
                draw_on(c, size, |a| {
                    let _ = match k {
                        0 => charts::residual(a, &d, picked.as_ref().map(|(n, s)| (n.as_str(), s))),
                        1 => charts::cost(a, &d),
                        2 => charts::bars(a, "Loss by team", &d.by_team, &d.currency),
                        _ => charts::bars(a, "Loss by workflow", &d.by_workflow, &d.currency),
                    };
                });
            }
            drawn.try_update(|n| *n += 1);
            // Figures the browser tests print: from navigation to the first
            // charts on screen, and from an edit to every chart redrawn.
            if let Some(body) = document().body() {
                let now = now_ms();
                if !body.has_attribute("data-first-drawn-ms") {
                    let _ = body.set_attribute("data-first-drawn-ms", &format!("{now:.0}"));
                }
                if let Some(started) = state.edit_started.get_untracked() {
                    let _ = body.set_attribute("data-update-ms", &format!("{:.2}", now - started));
                }
            }
        };
        if large {
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                draw();
            });
        } else {
            draw();
        }
    });

    // Loss against length: many evaluations, computed in slices between
    // frames so a large organisation never blocks the page for long.
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let results = state
            .results
            .with(|r| r.as_ref().map(|r| (r.model.clone(), r.report.window.as_ref().map_or(0.0, |w| w.hours))));
        let Some((model, own)) = results else { return };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            // Start in a task of its own, after the results are on screen.
            gloo_timers::future::TimeoutFuture::new(0).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            // A newer scenario, or the charts gone (results waiting for a fix).
            let current = move || generation.try_get_value() == Some(mine);
            let mut slices = Slices::since(now_ms());
            let engine = Engine::new(&model);
            let mut points = Vec::new();
            for h in curve::lengths_for(&model, own) {
                points.push(curve::point(&engine, h));
                if slices.turn(&current).await.is_none() {
                    return;
                }
            }
            curve_points.try_set(points);
        });
    });
    Effect::new(move |_| {
        let points = curve_points.get();
        let currency = state.scenario.with_untracked(|s| s.currency.clone());
        let own = state.results.with_untracked(|r| {
            let r = &r.as_ref()?.report;
            r.window.as_ref().map(|w| (w.hours, r.totals.cost))
        });
        if let (Some(c), Some(size)) = (curve_ref.get(), curve_size.get()) {
            let xy: Vec<(f64, f64)> = points.iter().map(|p| (p.hours, p.cost)).collect();
            draw_on(&c, size, |a| {
                let _ = charts::loss_by_length(a, &xy, own, &currency);
            });
        }
    });

    let workflow_options =
        Memo::new(move |_| state.scenario.with(|s| s.workflows.iter().map(|w| w.name.clone()).collect::<Vec<_>>()));
    let residual_numbers = Signal::derive(move || data.with(|d| d.as_ref().map(ChartData::residual_table)));
    let cost_numbers = Signal::derive(move || data.with(|d| d.as_ref().map(ChartData::cost_table)));
    let length_numbers = Signal::derive(move || {
        Some(charts::length_table(&curve_points.get(), &state.scenario.with(|s| s.currency.clone())))
    });
    view! {
        <div class="charts" data-drawn=move || drawn.get().to_string()>
            <Figure drawing=residual_ref chart="residual" label="residual functionality over time" numbers=residual_numbers
                description="Residual functionality over time in local clock time, with the target line, incidents and working hours shaded; numbers in the table below">
                <div class="chart-controls">
                    <label for="picked-workflow">"Compare with workflow"</label>
                    <select id="picked-workflow" on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() { state.picked_workflow.set(Some(i)) }
                    }>
                        {move || {
                            let picked = picked.get().unwrap_or(0);
                            workflow_options.get().into_iter().enumerate().take(500).map(|(i, n)| view! { <option value=i.to_string() selected=i == picked>{n}</option> }).collect_view()
                        }}
                    </select>
                </div>
            </Figure>
            <Figure drawing=cost_ref chart="cost" label="cost over time" numbers=cost_numbers
                description="Cost accumulating over time; numbers in the table below"/>
            <Figure drawing=team_ref chart="teams" label="loss by team"
                description="Loss by team; the per-team table holds the numbers"/>
            <Figure drawing=workflow_ref chart="workflows" label="loss by workflow"
                description="Loss by workflow; the per-workflow table holds the numbers"/>
            <Figure drawing=curve_ref chart="length" label="loss against outage length" numbers=length_numbers wide=true
                description="Loss against outage length for this scope, this outage's own length marked; numbers in the table below"/>
        </div>
    }
}

/// One chart: its drawing, a PNG download, and its numbers as a table that
/// renders only while opened (large organisations stay light).
#[component]
fn Figure(
    drawing: NodeRef<Div>,
    chart: &'static str,
    /// What the chart shows, in "Save the … chart" and "Numbers: …".
    label: &'static str,
    description: &'static str,
    #[prop(optional)] numbers: Option<Signal<Option<Table>>>,
    #[prop(optional)] wide: bool,
    /// Controls above the drawing.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <figure class="chart" class:wide=wide>
            {children.map(|c| c())}
            <div class="drawing" node_ref=drawing id=format!("chart-{chart}") role="img" aria-label=description></div>
            <PngButton drawing chart label />
            {numbers.map(|numbers| view! {
                <figcaption>
                    <details on:toggle=move |_| open.update(|o| *o = !*o)><summary>{format!("Numbers: {label}")}</summary>
                        {move || open.get().then(|| numbers.get().map(|table| view! { <DataTable id=format!("numbers-{chart}") table /> }))}
                    </details>
                </figcaption>
            })}
        </figure>
    }
}

/// Saves a chart's picture as a PNG file (its SVG drawn at twice its size).
#[component]
fn PngButton(drawing: NodeRef<Div>, chart: &'static str, label: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sharing = expect_context::<super::sharing::Sharing>();
    let save = move |_| {
        let Some(c) = drawing.get() else { return };
        let name = state.scenario.with_untracked(|s| crate::output::file::name(s, &format!("chart-{chart}"), "png"));
        let picture = c.inner_html();
        leptos::task::spawn_local(async move {
            let notice = match super::files::download_svg_as_png(&picture, &name).await {
                Ok(()) => super::sharing::Notice::done(format!("Saved {name} to your downloads.")),
                Err(e) => super::sharing::Notice::problem(format!("The picture could not be saved: {e}.")),
            };
            sharing.notice.try_set(Some(notice));
        });
    };
    view! { <button type="button" class="png" id=format!("png-{chart}") on:click=save>{format!("Save the {label} chart (PNG)")}</button> }
}

/// The workflow that loses most, drawn beside the organisation by default.
fn hardest_hit(r: &crate::Report) -> Option<usize> {
    r.workflows.iter().enumerate().max_by(|a, b| a.1.cost.total_cmp(&b.1.cost)).map(|(i, _)| i)
}
