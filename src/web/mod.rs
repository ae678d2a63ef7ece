//! The browser app (wasm32 only). The UI owns the signals (`state`); the
//! engine, formats and charts it calls are the pure core.

mod annual;
mod charts;
mod compare;
mod editor;
mod fields;
mod files;
mod history;
mod knobs;
mod persist;
mod results;
mod seen;
mod sharing;
mod slices;
pub mod state;
mod table;

use std::collections::HashMap;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::input::presets;
use crate::output::share::{KeptWork, Why};
use sharing::{Notice, Sharing};
use state::AppState;

/// Reads the opening scenario a task after the module starts, and mounts
/// the app on it a task later: each task stays short (total blocking time on
/// a slow phone; a link can hold a large organisation).
pub fn mount() {
    use gloo_timers::callback::Timeout;
    Timeout::new(0, || {
        READ_AHEAD.set(Some(initial()));
        Timeout::new(0, || leptos::mount::mount_to_body(App)).forget();
    })
    .forget();
}

thread_local! {
    /// The opening `mount` read a task before mounting the app.
    static READ_AHEAD: std::cell::Cell<Option<Opening>> = const { std::cell::Cell::new(None) };
}

/// A bug must not leave a dead page without a word: say so in the page (the
/// work is in the address bar and the autosave) and log the details.
pub fn on_panic() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        let Some(body) = document().body() else { return };
        if let Ok(note) = document().create_element("div") {
            note.set_class_name("banner problem crash");
            let _ = note.set_attribute("role", "alert");
            note.set_text_content(Some(
                "Something went wrong inside Outage Impact and it stopped. Your scenario is safe in the address \
                 bar and in this browser's autosave: reload the page to carry on.",
            ));
            let _ = body.prepend_with_node_1(&note);
        }
    }));
}

/// The scenario the page opens on, and what the banner says about it: the
/// link in the address, else the autosave, else the example. After a visit
/// that died opening its scenario, the example, with that scenario offered
/// but not computed: no input can lock a user out of their own work.
fn initial() -> Opening {
    if persist::last_opening_unfinished() {
        return (presets::example(), HashMap::new(), Some(sharing::safe_opening_notice()));
    }
    persist::opening_begins();
    let start = persist::start();
    if let Some(set_aside) = &start.set_aside {
        persist::keep(KeptWork {
            scenario: set_aside.scenario.clone(),
            drafts: set_aside.drafts.clone(),
            why: Why::ReplacedByLink,
        });
    }
    let notice = sharing::opening_notice(&start);
    (start.scenario, start.drafts, notice)
}

/// What the page opens on: a scenario, what was typed into it, and what the
/// banner says (see [`initial`]).
type Opening = (crate::Scenario, HashMap<String, String>, Option<Notice>);

/// The whole app, on the opening `mount` read ahead, else (the component
/// tests mount it) read now.
#[component]
pub fn App() -> impl IntoView {
    let (scenario, drafts, notice) = READ_AHEAD.take().unwrap_or_else(initial);
    let state = AppState::new(scenario, drafts);
    let safe = notice.as_ref().is_some_and(|n| n.kind == sharing::NoticeKind::SafeOpening);
    let sharing = Sharing::new(notice);
    sharing.paused.set(safe);
    provide_context(state);
    provide_context(sharing);
    sharing::keep_in_step(state, sharing);
    // The page comes in tasks: the frame, the knobs, the summary, the share
    // and export menus, then the results and the editor, each built when it
    // comes into view (`seen`), so no one task of the opening is long.
    let [knobs, checked, summary, share, layout] = in_turn();
    // The scenario is checked, and its report begun, in a task of its own
    // (see `compute_results`): on a large organisation each is long work.
    state.compute_results(checked);
    state.compute_annual();
    state.compute_comparison();
    // Everything in view is built a task after the last part: this scenario
    // opens; the next visit need not be careful.
    if !safe {
        opening_finished_after(6, state);
    }
    // Printing shows the results, and a keyboard (Tab, find in page) reaches
    // every part: build them all first.
    for event in ["beforeprint", "keydown"] {
        let build = Closure::<dyn FnMut()>::new(seen::build_everything);
        let _ = window().add_event_listener_with_callback(event, build.into_js_value().unchecked_ref());
    }
    let reset = move |_| {
        if window().confirm_with_message("Discard your changes and go back to the example?").unwrap_or(false) {
            state.replace(presets::example(), HashMap::new());
            sharing.notice.set(Some(Notice::done("Back to the example.")));
        }
    };
    // A JSON file dropped anywhere on the page is imported.
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            sharing::import(state, sharing, file);
        }
    };
    view! {
        <div class="app" class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
        <nav class="skips" aria-label="Skip links">
            <a class="skip" href="#results-title" on:click=|ev| { ev.prevent_default(); focus("results-title") }>"Skip to the results"</a>
            <a class="skip" href="#editor-title" on:click=|ev| { ev.prevent_default(); focus("editor-title") }>"Skip to the scenario editor"</a>
        </nav>
        <main>
            <sharing::Banner />
            // Each into space held for it: the page does not shift.
            <div class="knobs-slot">{move || knobs.get().then(|| view! { <knobs::Knobs /> })}</div>
            <div class="summary-slot">{move || summary.get().then(|| view! { <results::SummaryBar /> })}</div>
            <div class="share-slot">{move || share.get().then(|| view! {
                <sharing::ShareAndExport>
                    <button type="button" id="reset" on:click=reset>"Reset to example"</button>
                </sharing::ShareAndExport>
            })}</div>
            <div class="layout">
                {move || layout.get().then(|| view! {
                    <results::Results />
                    <editor::Editor />
                })}
            </div>
        </main>
        <footer class="foot">
            <p>"Assumptions: components fail independently; severities are estimates; lost capacity counts only each team's working hours in its own time zone."</p>
        </footer>
        </div>
    }
}

/// `N` switches that turn on one per task, in order: a view shows part `k`
/// when switch `k` is on, so no one task of the page's opening is long
/// (total blocking time on a slow phone). When the whole page is asked for
/// (print, keyboard), all at once. Memos: a part's view is built once, not
/// again as later switches turn on.
pub fn in_turn<const N: usize>() -> [Memo<bool>; N] {
    let count = RwSignal::new(0);
    leptos::task::spawn_local(async move {
        for k in 1..=N {
            gloo_timers::future::TimeoutFuture::new(0).await;
            if count.try_set(k).is_some() {
                return; // the view is gone
            }
        }
    });
    let everything = seen::everything();
    std::array::from_fn(|k| {
        let everything = everything.clone();
        Memo::new(move |_| everything.get() || count.get() > k)
    })
}

/// Clears the mark of an opening under way (`persist::opening_begins`)
/// `tasks` tasks from now, when what it builds is on screen, and not before
/// its results have landed (a large organisation's take some tasks, and
/// they are part of what could break the page).
pub fn opening_finished_after(tasks: usize, state: AppState) {
    leptos::task::spawn_local(async move {
        for _ in 0..tasks {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        state.results_landed().await;
        persist::opening_finished();
    });
}

/// Moves focus to an element by id, without touching the address's fragment
/// (which holds the scenario).
pub fn focus(id: &str) {
    if document().get_element_by_id(id).is_none() {
        // Not built yet (below the fold): build it, then move there.
        seen::build_everything();
        let id = id.to_string();
        leptos::task::spawn_local(async move {
            for _ in 0..8 {
                gloo_timers::future::TimeoutFuture::new(0).await;
                if document().get_element_by_id(&id).is_some() {
                    return focus(&id);
                }
            }
        });
        return;
    }
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        // A field inside a closed section: open it first.
        let mut parent = el.parent_element();
        while let Some(p) = parent {
            if p.tag_name() == "DETAILS" {
                let _ = p.set_attribute("open", "");
            }
            parent = p.parent_element();
        }
        if el.get_attribute("tabindex").is_none() {
            let _ = el.set_attribute("tabindex", "-1");
        }
        let _ = el.focus();
        el.scroll_into_view();
    }
}
