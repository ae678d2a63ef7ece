//! The app's state: the raw scenario being edited, what the user typed that
//! is not (yet) a valid number, the scope knobs, and the derived validation
//! and results. The engine knows nothing of these signals.

use std::collections::HashMap;

use leptos::prelude::*;

use super::slices::{now_ms, Slices};
use crate::calc::annual::{self, Annual, AnnualSteps};
use crate::calc::compare::VariantFigures;
use crate::calc::engine::Engine;
use crate::calc::report::{Report, ReportSteps};
use crate::input::field::Field;
use crate::input::model::Model;
use crate::input::presets::{self, Scope};
use crate::input::scenario::Scenario;
use crate::input::validate::{validate, Problem};
use crate::input::variant;
use crate::time::zones::Zone;
use crate::ui::drafts::{remap_path, RowChange};
use crate::ui::length::KnobTimeline;
use crate::ui::scope::ScopeChoice;

#[derive(Clone, Copy)]
pub struct AppState {
    pub scenario: RwSignal<Scenario>,
    /// Bumped by every change the editors did not type themselves (a row
    /// added or removed, a preset applied): editors re-render from the
    /// scenario then, and only then, so typing never loses focus.
    pub rev: RwSignal<u64>,
    /// While a whole scenario is being replaced, the results' tables and map,
    /// then the editor's rows, wait: each is built once, in a task of its own,
    /// after the key figures (see `replace`).
    pub tables_paused: RwSignal<bool>,
    pub editor_paused: RwSignal<bool>,
    /// Text typed into number fields, by field path, kept as typed.
    pub drafts: RwSignal<HashMap<String, String>>,
    /// Read back from the incidents (never stored), so a link, a file or a
    /// hand edit shows the scope it really is.
    pub scope: Memo<ScopeChoice>,
    pub validated: Memo<Result<Model, Vec<Problem>>>,
    /// The valid scenario's report with the model it was computed from;
    /// `None` while the scenario has problems. Kept up to date once
    /// [`compute_results`](Self::compute_results) starts.
    pub results: RwSignal<Option<Computed>>,
    /// A newer valid scenario's report is being built (a large organisation's
    /// takes some tasks); `results` still holds the one before. Not a signal:
    /// nothing re-renders on it; `results_landed` asks it.
    results_pending: StoredValue<bool>,
    /// The annual view of the valid scenario, once its one-at-a-time figures
    /// are in (see [`compute_annual`](Self::compute_annual)); `None` while
    /// the scenario has problems or no component fails.
    pub annual: RwSignal<Option<std::sync::Arc<AnnualShown>>>,
    /// The annual view of the latest results is still being built.
    annual_pending: StoredValue<bool>,
    /// The variants side by side, "As is" first (see
    /// [`compute_comparison`](Self::compute_comparison)); `None` while there
    /// are none, the scenario has problems, or the first are being worked
    /// out (later ones replace those on show when they land); `Err` holds
    /// the variants' own problems.
    pub comparison: RwSignal<Option<Comparison>>,
    /// The comparison of the latest results is still being worked out.
    comparison_pending: StoredValue<bool>,
    /// Workflow drawn beside the organisation on the residual chart; `None`:
    /// the hardest hit.
    pub picked_workflow: RwSignal<Option<usize>>,
    /// The zone times are shown in: the outage's own, else this browser's
    /// when a team works in it, else the first team's.
    pub zone: Memo<Zone>,
    /// performance.now() when the last edit began; for the update-time figure.
    pub edit_started: RwSignal<Option<f64>>,
    /// What the length knob stretches (see `KnobTimeline`).
    knob: StoredValue<KnobTimeline>,
}

impl AppState {
    pub fn new(initial: Scenario, drafts: HashMap<String, String>) -> AppState {
        let scenario = RwSignal::new(initial);
        let scope = Memo::new(move |_| match scenario.with(presets::detect_scope) {
            Some(scope) => ScopeChoice::Preset(scope),
            None => ScopeChoice::Custom,
        });
        // Every edit changes the scenario, so it always counts as changed:
        // comparing whole models would cost time and page size.
        let validated =
            Memo::new_with_compare(move |_| timed("data-validate-ms", || scenario.with(validate)), |_, _| true);
        // Until the browser answers, times read in the scenario's own zone.
        let browser_zone = RwSignal::new(None);
        ask_browser_zone(browser_zone);
        AppState {
            scenario,
            rev: RwSignal::new(0),
            tables_paused: RwSignal::new(false),
            editor_paused: RwSignal::new(false),
            drafts: RwSignal::new(drafts),
            scope,
            validated,
            results: RwSignal::new(None),
            results_pending: StoredValue::new(false),
            annual: RwSignal::new(None),
            annual_pending: StoredValue::new(false),
            comparison: RwSignal::new(None),
            comparison_pending: StoredValue::new(false),
            picked_workflow: RwSignal::new(None),
            zone: Memo::new(move |_| browser_zone.with(|b| scenario.with(|s| s.reading_zone(b.as_deref())))),
            edit_started: RwSignal::new(None),
            knob: StoredValue::new(KnobTimeline::default()),
        }
    }

    /// From when `start` turns on, keeps `results` in step with the valid
    /// scenario: its report is built in slices (see [`Slices`]), with the
    /// page free between them, so a large organisation's never makes a
    /// long task; the example's is one slice, in the edit's own task.
    pub fn compute_results(&self, start: Memo<bool>) {
        let (validated, results, pending) = (self.validated, self.results, self.results_pending);
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            if !start.get() {
                return;
            }
            let started = now_ms();
            let model = validated.with(|v| v.as_ref().ok().cloned());
            let validation_ms = now_ms() - started;
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let Some(model) = model else {
                pending.set_value(false);
                results.set(None);
                return;
            };
            pending.set_value(true);
            leptos::task::spawn_local(async move {
                let current = move || generation.try_get_value() == Some(mine);
                let Some((report, busy_ms)) = build_in_slices(&model, started, current).await else { return };
                set_figure("data-report-ms", busy_ms - validation_ms);
                results.try_set(Some(Computed { model, report }));
                pending.try_set_value(false);
            });
        });
    }

    /// Keeps `annual` in step with the results: after each report lands, the
    /// annual view is built in slices, its one-at-a-time figures first, then
    /// its simulated years (shown as they come, every half second).
    pub fn compute_annual(&self) {
        let (results, annual, pending, edit_started) =
            (self.results, self.annual, self.annual_pending, self.edit_started);
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            let model = results.with(|r| r.as_ref().map(|r| r.model.clone()));
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let Some(model) = model.filter(annual::has_incidents) else {
                pending.set_value(false);
                annual.set(None);
                return;
            };
            pending.set_value(true);
            let started = edit_started.get_untracked();
            leptos::task::spawn_local(async move {
                let current = move || generation.try_get_value() == Some(mine);
                if build_annual(model, annual, started, current).await.is_some() {
                    pending.try_set_value(false);
                }
            });
        });
    }

    /// Keeps `comparison` in step with the results: after each report lands,
    /// every variant's report and annual figures (one at a time, the same as
    /// the command line's: the simulation is not needed for them), in slices.
    pub fn compute_comparison(&self) {
        let (results, scenario, comparison, pending) =
            (self.results, self.scenario, self.comparison, self.comparison_pending);
        let generation = StoredValue::new(0u64);
        Effect::new(move |_| {
            let valid = results.with(|r| r.is_some());
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            let models = scenario.with_untracked(|s| (valid && !s.variants.is_empty()).then(|| variant::models(s)));
            pending.set_value(false);
            let models = match models {
                None => return comparison.set(None),
                Some(Err(problems)) => return comparison.set(Some(Err(problems))),
                Some(Ok(models)) => models,
            };
            // The figures on show stay until the new ones land, as the results' do: no blink on each edit.
            pending.set_value(true);
            leptos::task::spawn_local(async move {
                let current = move || generation.try_get_value() == Some(mine);
                let mut figures = Vec::with_capacity(models.len());
                for (name, model) in &models {
                    let Some(one) = variant_in_slices(name, model, &current).await else { return };
                    figures.push(one);
                }
                comparison.try_set(Some(Ok(std::sync::Arc::new(figures))));
                pending.try_set_value(false);
            });
        });
    }

    /// Once the annual view of the latest results is built, simulation and all.
    pub async fn annual_landed(&self) {
        gloo_timers::future::TimeoutFuture::new(0).await;
        while self.annual_pending.try_get_value() == Some(true) {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }

    /// Once the comparison of the latest results is worked out (as `annual_landed`).
    pub async fn comparison_landed(&self) {
        gloo_timers::future::TimeoutFuture::new(0).await;
        while self.comparison_pending.try_get_value() == Some(true) {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }

    /// Once the results being built (if any) have landed, or the app is gone:
    /// checked a task at a time.
    pub async fn results_landed(&self) {
        while self.results_pending.try_get_value() == Some(true) {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }

    /// A typed edit: the field keeps its own text; nothing re-renders.
    pub fn edit(&self, f: impl FnOnce(&mut Scenario)) {
        self.mark_edit_start();
        self.scenario.update(f);
    }

    /// A structural edit: editors re-render. `remap` moves typed drafts whose
    /// rows moved (see [`remap_drafts`]).
    pub fn restructure(&self, f: impl FnOnce(&mut Scenario)) {
        self.mark_edit_start();
        self.scenario.update(f);
        self.rev.update(|r| *r += 1);
    }

    /// Replaces the whole scenario (reset, import, a set-aside autosave) and
    /// the drafts typed into it.
    pub fn replace(&self, s: Scenario, drafts: HashMap<String, String>) {
        self.mark_edit_start();
        self.tables_paused.set(true);
        self.editor_paused.set(true);
        self.drafts.set(drafts);
        self.scenario.set(s);
        self.picked_workflow.set(None);
        // The key figures when the results land; the tables and map a task
        // later, then the editor, each in a task of their own: a large
        // organisation never makes one long task (the charts are drawn in one
        // of their own, see `charts`).
        let (state, rev, tables_paused, editor_paused) = (*self, self.rev, self.tables_paused, self.editor_paused);
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            state.results_landed().await;
            tables_paused.try_set(false);
            gloo_timers::future::TimeoutFuture::new(0).await;
            rev.try_update(|r| *r += 1);
            editor_paused.try_set(false);
        });
    }

    /// Applies a scope preset at the current length. "Custom" changes
    /// nothing: it is what any hand-edited outage already is.
    pub fn apply_scope(&self, choice: ScopeChoice) {
        let length = self.scenario.with_untracked(presets::length_minutes);
        let length = if length > 0.0 { length } else { 240.0 };
        if let ScopeChoice::Preset(scope) = &choice {
            let result = self.scenario.with_untracked(|s| presets::with_scope(s, scope, length));
            if let Ok(s) = result {
                self.drop_drafts("outage.");
                self.restructure(|current| *current = s);
            }
        }
    }

    /// Sets the outage length: scope presets take the new length; the replay
    /// and hand-made incidents are stretched to it.
    pub fn set_length(&self, minutes: f64) {
        if !(minutes.is_finite() && minutes >= 1.0) {
            return;
        }
        let choice = self.scope.get_untracked();
        let knob = self.knob;
        self.drop_drafts("outage.incidents");
        self.restructure(|s| match &choice {
            ScopeChoice::Preset(scope) if *scope != Scope::March2Replay => {
                if let Ok(incidents) = presets::scope_incidents(s, scope, minutes) {
                    s.outage.incidents = incidents;
                }
            }
            _ => {
                if let Some(incidents) = knob.try_update_value(|k| k.stretch(&s.outage.incidents, minutes)) {
                    s.outage.incidents = incidents;
                }
            }
        });
    }

    /// The validation's sentences for one input.
    pub fn problems_for(&self, field: Field) -> Vec<String> {
        self.problems_where(|p| p.field == Some(field))
    }

    /// Sentences about one row (`teams[2]`) that no input of it shows: its
    /// shares, its id, its annual-view figures; not those of rows inside it
    /// (a workflow's fallbacks have their own).
    pub fn row_problems_at(&self, row: &str) -> Vec<String> {
        self.problems_where(|p| {
            let inside = p
                .path
                .strip_prefix(row)
                .is_some_and(|rest| rest.is_empty() || (rest.starts_with('.') && !rest.starts_with(".fallbacks[")));
            p.field.is_none() && inside
        })
    }

    /// The scenario's problems, and its variants' (found once it has none).
    fn problems_where(&self, keep: impl Fn(&Problem) -> bool) -> Vec<String> {
        let kept = |problems: &[Problem]| problems.iter().filter(|p| keep(p)).map(|p| p.message.clone()).collect();
        self.validated.with(|v| match v {
            Err(problems) => kept(problems),
            Ok(_) => self.comparison.with(|c| match c {
                Some(Err(problems)) => kept(problems),
                _ => Vec::new(),
            }),
        })
    }

    fn drop_drafts(&self, prefix: &str) {
        self.drafts.update(|d| d.retain(|k, _| !k.starts_with(prefix)));
    }

    /// Renumbers drafts under `list` (e.g. "teams") after a row was removed
    /// (`removed`) or two rows swapped (`swap`).
    pub fn remap_drafts(&self, list: &str, change: RowChange) {
        self.drafts.update(|d| {
            for (k, v) in std::mem::take(d) {
                if let Some(new) = remap_path(&k, list, change) {
                    d.insert(new, v);
                }
            }
        });
    }

    fn mark_edit_start(&self) {
        self.edit_started.set(Some(now_ms()));
    }
}

/// Sets `answer` to this browser's IANA time zone, as the browser names it.
/// Asked of a worker (`zone-worker.js`): the first `Intl` object a page
/// makes loads the browser's locale data, some 100 ms on a slow phone, and
/// in a worker that happens off the main thread. Asked here if none starts.
fn ask_browser_zone(answer: RwSignal<Option<String>>) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Ok(worker) = web_sys::Worker::new("zone-worker.js") else {
        answer.set(zone_asked_here());
        return;
    };
    let on_message = Closure::once_into_js({
        let worker = worker.clone();
        move |ev: web_sys::MessageEvent| {
            worker.terminate();
            answer.set(ev.data().as_string());
        }
    });
    // The worker's file missing or refused: ask here, late but right.
    let on_error = Closure::once_into_js(move || answer.set(zone_asked_here()));
    worker.set_onmessage(Some(on_message.unchecked_ref()));
    worker.set_onerror(Some(on_error.unchecked_ref()));
}

fn zone_asked_here() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into()).ok()?.as_string()
}

/// A valid scenario's report, and the model it was computed from.
pub struct Computed {
    pub model: Model,
    pub report: Report,
}

/// `model`'s report, built a slice at a time (see [`Slices`]) from
/// `started`, when its validation began; `None` if it stopped being
/// `current` meanwhile. With it, the time spent building, in milliseconds.
async fn build_in_slices(model: &Model, started: f64, current: impl Fn() -> bool) -> Option<(Report, f64)> {
    let mut slices = Slices::since(started);
    slices.turn(&current).await?;
    let engine = Engine::new(model);
    slices.turn(&current).await?;
    let mut steps = ReportSteps::new(&engine, &model.outage.incidents);
    while steps.step() {
        slices.turn(&current).await?;
    }
    Some((steps.finish(), slices.busy_ms()))
}

/// The variants side by side, or their problems.
pub type Comparison = Result<std::sync::Arc<Vec<VariantFigures>>, Vec<Problem>>;

/// One variant's figures, worked out in slices; `None` if it stopped being `current`.
async fn variant_in_slices(name: &str, model: &Model, current: &impl Fn() -> bool) -> Option<VariantFigures> {
    let (report, _) = build_in_slices(model, now_ms(), current).await?;
    if !annual::has_incidents(model) {
        return Some(VariantFigures::of(name, &report, None));
    }
    let mut slices = Slices::since(now_ms());
    slices.pass(current).await?;
    let span = annual::span(model);
    let bare_model = annual::without_fallbacks(model);
    let (engine, bare) = (Engine::with_working_hours(model, span), Engine::with_working_hours(&bare_model, span));
    let mut steps = AnnualSteps::new(&engine, &bare);
    while !steps.exact_done() && steps.step() {
        slices.turn(current).await?;
    }
    Some(VariantFigures::of(name, &report, Some(&steps.finish())))
}

/// The annual view on show, with its model and how far its simulation got.
pub struct AnnualShown {
    pub model: Model,
    pub annual: Annual,
    pub simulated: (usize, usize),
}

/// Builds `model`'s annual view in slices into `shown`; `None` if it stopped
/// being `current` first. Writes `data-annual-ms`: from the edit (else from
/// the start) to its one-at-a-time figures rendered.
async fn build_annual(
    model: Model,
    shown: RwSignal<Option<std::sync::Arc<AnnualShown>>>,
    edit_started: Option<f64>,
    current: impl Fn() -> bool,
) -> Option<()> {
    // A task of its own: the results' render may have run in this one.
    let mut slices = Slices::since(now_ms());
    slices.pass(&current).await?;
    let began = now_ms();
    let span = annual::span(&model);
    let bare_model = annual::without_fallbacks(&model);
    let (engine, bare) = (Engine::with_working_hours(&model, span), Engine::with_working_hours(&bare_model, span));
    let mut steps = AnnualSteps::new(&engine, &bare);
    let mut last_shown: Option<f64> = None;
    let show = |steps: &AnnualSteps| {
        let annual = steps.finish();
        shown.try_set(Some(std::sync::Arc::new(AnnualShown {
            model: model.clone(),
            annual,
            simulated: steps.simulated(),
        })));
    };
    loop {
        if steps.next_is_an_outlook() {
            slices.pass(&current).await?;
        }
        if !steps.step() {
            break;
        }
        if steps.exact_done() && last_shown.is_none_or(|t| now_ms() - t > 500.0) {
            // The figures and their render in a task of their own.
            slices.pass(&current).await?;
            show(&steps);
            slices.pass(&current).await?;
            if last_shown.is_none() {
                // Rendered by now: the render ran before the page's turn.
                set_figure("data-annual-ms", now_ms() - edit_started.unwrap_or(began));
            }
            last_shown = Some(now_ms());
        }
        slices.turn(&current).await?;
    }
    slices.pass(&current).await?;
    show(&steps);
    Some(())
}

/// Writes a figure the browser tests print on `<body>`.
fn set_figure(attribute: &str, ms: f64) {
    if let Some(body) = document().body() {
        let _ = body.set_attribute(attribute, &format!("{ms:.1}"));
    }
}

/// Runs `f` and writes how long it took on `<body>` (a figure the browser
/// tests print).
fn timed<T>(attribute: &str, f: impl FnOnce() -> T) -> T {
    let start = now_ms();
    let out = f();
    set_figure(attribute, now_ms() - start);
    out
}
