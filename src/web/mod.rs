//! The browser app (wasm32 only). The UI owns the signals (`state`); the
//! engine, formats and charts it calls are the pure core.

mod charts;
mod editor;
mod fields;
mod knobs;
mod results;
pub mod state;

use leptos::prelude::*;

use crate::generate;
use crate::presets::{self, Scope};
use state::{AppState, ScopeChoice};

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// The scenario the page opens on: the embedded example, or the large
/// generated organisation with `?example=large` (for responsiveness checks).
fn initial() -> (crate::Scenario, ScopeChoice) {
    let search = window().location().search().unwrap_or_default();
    if search.contains("example=large") {
        (generate::organisation(generate::LARGE, 1), ScopeChoice::Custom)
    } else {
        (presets::example(), ScopeChoice::Preset(Scope::March2Replay))
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (scenario, scope) = initial();
    let state = AppState::new(scenario, scope);
    provide_context(state);
    // The editor mounts one task after the results, so the first paint is
    // not one long task on a large organisation.
    let editor_ready = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        editor_ready.set(true);
    });
    let reset = move |_| {
        if window().confirm_with_message("Discard your changes and go back to the example?").unwrap_or(false) {
            state.replace(presets::example(), ScopeChoice::Preset(Scope::March2Replay));
        }
    };
    view! {
        <a class="skip" href="#results-title">"Skip to the results"</a>
        <header class="top">
            <h1>"Outage Impact"</h1>
            <p class="tagline">"If a dependency goes down for N hours, what do we lose, and what keeps working? Everything is computed in this page; nothing you enter leaves it."</p>
            <div class="top-actions">
                <button type="button" id="reset" on:click=reset>"Reset to example"</button>
            </div>
        </header>
        <main>
            <knobs::Knobs />
            <div class="layout">
                <results::Results />
                <Show when=move || editor_ready.get() fallback=|| view! { <p class="hint">"Loading the editor…"</p> }>
                    <editor::Editor />
                </Show>
            </div>
        </main>
        <footer class="foot">
            <p>"Assumptions: components fail independently; severities are estimates; lost capacity counts only each team's working hours in its own time zone."</p>
        </footer>
    }
}
