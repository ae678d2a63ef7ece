//! The app's state: the raw scenario being edited, what the user typed that
//! is not (yet) a valid number, the scope knobs, and the derived validation
//! and report. The engine knows nothing of these signals.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::calc::report::Report;
use crate::input::field::Field;
use crate::input::model::Model;
use crate::input::presets::{self, Scope};
use crate::input::scenario::Scenario;
use crate::input::validate::{validate, Problem};
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
    /// While a whole scenario is being replaced, the editor's rows wait, so
    /// they are built once, after the results, in a task of their own.
    pub editor_paused: RwSignal<bool>,
    /// Text typed into number fields, by field path, kept as typed.
    pub drafts: RwSignal<HashMap<String, String>>,
    /// Read back from the incidents (never stored), so a link, a file or a
    /// hand edit shows the scope it really is.
    pub scope: Memo<ScopeChoice>,
    pub validated: Memo<Result<Model, Vec<Problem>>>,
    pub report: Memo<Option<Report>>,
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
        // Every edit changes the scenario, so these always count as changed:
        // comparing whole models and reports would cost time and page size.
        let validated =
            Memo::new_with_compare(move |_| timed("data-validate-ms", || scenario.with(validate)), |_, _| true);
        let report = Memo::new_with_compare(
            move |_| validated.with(|v| v.as_ref().ok().map(|m| timed("data-report-ms", || Report::build(m)))),
            |_, _| true,
        );
        // Until the browser answers, times read in the scenario's own zone.
        let browser_zone = RwSignal::new(None);
        ask_browser_zone(browser_zone);
        AppState {
            scenario,
            rev: RwSignal::new(0),
            editor_paused: RwSignal::new(false),
            drafts: RwSignal::new(drafts),
            scope,
            validated,
            report,
            picked_workflow: RwSignal::new(None),
            zone: Memo::new(move |_| browser_zone.with(|b| scenario.with(|s| s.reading_zone(b.as_deref())))),
            edit_started: RwSignal::new(None),
            knob: StoredValue::new(KnobTimeline::default()),
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
        self.editor_paused.set(true);
        self.drafts.set(drafts);
        self.scenario.set(s);
        self.picked_workflow.set(None);
        // The editor re-renders in a task of its own, after the results: a
        // large organisation never makes one long task of both.
        let (rev, paused) = (self.rev, self.editor_paused);
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(0).await;
            rev.update(|r| *r += 1);
            paused.set(false);
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

    fn problems_where(&self, keep: impl Fn(&Problem) -> bool) -> Vec<String> {
        self.validated.with(|v| match v {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().filter(|p| keep(p)).map(|p| p.message.clone()).collect(),
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
        let now = window().performance().map(|p| p.now());
        self.edit_started.set(now);
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

/// Runs `f` and writes how long it took on `<body>` (a figure the browser
/// tests print).
fn timed<T>(attribute: &str, f: impl FnOnce() -> T) -> T {
    let perf = window().performance();
    let start = perf.as_ref().map(|p| p.now());
    let out = f();
    if let (Some(p), Some(start), Some(body)) = (perf, start, document().body()) {
        let _ = body.set_attribute(attribute, &format!("{:.1}", p.now() - start));
    }
    out
}
