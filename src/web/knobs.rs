//! The two knobs users turn most: the component scope (one gesture: a
//! picker with presets) and the outage length (a slider plus an exact field,
//! minutes to days).

use leptos::prelude::*;

use super::state::{AppState, ScopeChoice};
use crate::input::presets::{self, Scope};
use crate::output::format::hours;

use crate::ui::length::{minutes_to_slider, parse_length, slider_to_minutes, STEPS};

/// Scope pickers longer than this render their options when first used.
const LAZY_OPTIONS: usize = 60;

#[component]
pub fn Knobs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let length = Memo::new(move |_| state.scenario.with(presets::length_minutes));
    let length_error = RwSignal::new(None::<String>);
    // Rebuilt only when the list itself changes, not on every keystroke.
    let options = Memo::new(move |_| {
        state.scenario.with(|s| {
            let mut out = vec![
                ("custom".to_string(), "Custom: the incidents as edited".to_string()),
                ("everything".to_string(), "Everything down".to_string()),
            ];
            if presets::scope_incidents(s, &Scope::March2Replay, 1.0).is_ok() {
                out.insert(1, ("replay".into(), "March 2, 2026 replay".into()));
            }
            out.extend(
                presets::providers(s).into_iter().map(|p| (format!("provider:{p}"), format!("Whole provider: {p}"))),
            );
            out.extend(
                s.components
                    .iter()
                    .map(|c| (format!("component:{}", c.id), format!("One component: {}", c.display_name()))),
            );
            out
        })
    });
    let opened = RwSignal::new(false);
    let exact = NodeRef::<leptos::html::Input>::new();
    // Keep the exact field in step with the slider, except while typed in.
    Effect::new(move |_| {
        let m = length.get();
        if let Some(input) = exact.get() {
            let focused = document().active_element().map(|e| e == **input).unwrap_or(false);
            if !focused {
                input.set_value(&crate::input::number::fmt_num(m / 60.0));
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
                    aria-valuetext=move || hours(length.get() / 60.0)
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            length_error.set(None);
                            // Every step moves: rounding may land on the same length.
                            let now = length.get_untracked();
                            let mut m = slider_to_minutes(v);
                            if m == now {
                                m = if v > minutes_to_slider(now) { now + 1.0 } else { (now - 1.0).max(1.0) };
                            }
                            state.set_length(m);
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
                            Some(m) if m <= 366.0 * 1440.0 => {
                                length_error.set(None);
                                state.set_length(m);
                            }
                            Some(_) => length_error.set(Some("The calculator looks at one year at most.".into())),
                            None => length_error.set(Some("Type a length such as 4, 4.5, 90m or 2d.".into())),
                        }
                    />
                    <span class="field-error" id="length-error" role="alert">{move || length_error.get()}</span>
                </span>
                <output for="length-slider length-exact" class="length-now">{move || hours(length.get() / 60.0)}</output>
                </div>
            </div>
        </section>
    }
}
