//! The two knobs users turn most: the component scope (one gesture: a
//! picker with presets) and the outage length (a slider plus an exact field,
//! minutes to days).

use leptos::prelude::*;

use super::state::AppState;
use crate::input::presets;
use crate::output::format::hours;
use crate::time::{MAX_OUTAGE_MINUTES, MINUTES_PER_HOUR};
use crate::ui::scope::{self, ScopeChoice};

use crate::ui::length::{minutes_to_slider, parse_length, slider_step, STEPS};

/// Scope pickers longer than this render their options when first used.
const LAZY_OPTIONS: usize = 60;

#[component]
pub fn Knobs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let length = Memo::new(move |_| state.scenario.with(presets::length_minutes));
    let length_error = RwSignal::new(None::<String>);
    // Rebuilt only when the list itself changes, not on every keystroke.
    let options = Memo::new(move |_| state.scenario.with(scope::options));
    let opened = RwSignal::new(false);
    let exact = NodeRef::<leptos::html::Input>::new();
    // Keep the exact field in step with the slider, except while typed in.
    Effect::new(move |_| {
        let m = length.get();
        if let Some(input) = exact.get() {
            let focused = document().active_element().map(|e| e == **input).unwrap_or(false);
            if !focused {
                input.set_value(&crate::input::number::fmt_num(m / MINUTES_PER_HOUR as f64));
            }
        }
    });
    view! {
        <section class="knobs" aria-label="Outage scope and length">
            <div class="knob">
                <label for="scope">"What goes down"</label>
                <select id="scope" on:change=move |ev| state.apply_scope(ScopeChoice::from_key(&event_target_value(&ev)))
                    on:focus=move |_| opened.set(true) on:pointerdown=move |_| opened.set(true)>
                    {move || {
                        let current = state.scope.get().key();
                        // A long list (one option a component) renders once the picker is used.
                        let all = opened.get() || options.with(|o| o.len() <= LAZY_OPTIONS);
                        options
                            .get()
                            .into_iter()
                            .filter(|(value, _)| all || *value == current)
                            .map(|(value, text)| {
                                let selected = value == current;
                                // "Custom" is what a hand-edited outage is; it cannot be picked.
                                let disabled = value == "custom" && !selected;
                                view! { <option value=value selected=selected disabled=disabled>{text}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="knob length">
                <label for="length-slider">"Outage length"</label>
                <div class="length-row">
                <input
                    id="length-slider"
                    type="range"
                    min="0"
                    max=(STEPS as u32).to_string()
                    step="1"
                    prop:value=move || (minutes_to_slider(length.get()) as u32).to_string()
                    aria-valuetext=move || hours(length.get() / MINUTES_PER_HOUR as f64)
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            length_error.set(None);
                            state.set_length(slider_step(v, length.get_untracked()));
                        }
                    }
                />
                <span class="field">
                    <label for="length-exact">"Exact (hours, or 90m, 2d)"</label>
                    <input
                        id="length-exact"
                        type="text"
                        inputmode="decimal"
                        node_ref=exact
                        aria-describedby="length-error"
                        on:input=move |ev| match parse_length(&event_target_value(&ev)) {
                            Some(m) if m <= MAX_OUTAGE_MINUTES => {
                                length_error.set(None);
                                state.set_length(m);
                            }
                            Some(_) => length_error.set(Some("The calculator looks at one year at most.".into())),
                            None => length_error.set(Some("Type a length such as 4, 4.5, 90m or 2d.".into())),
                        }
                    />
                    <span class="field-error" id="length-error" role="alert">{move || length_error.get()}</span>
                </span>
                <output for="length-slider length-exact" class="length-now">{move || hours(length.get() / MINUTES_PER_HOUR as f64)}</output>
                </div>
            </div>
        </section>
    }
}
