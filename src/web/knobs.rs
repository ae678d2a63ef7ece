//! The two knobs users turn most: the component scope (one gesture: a
//! picker with presets) and the outage length (a slider plus an exact field,
//! minutes to days).

use leptos::prelude::*;

use super::fields::{input_id, FieldErrors};
use super::state::AppState;
use crate::input::field::Field;
use crate::input::presets;
use crate::output::format::hours;
use crate::time::calendar::picker_zones;
use crate::time::local::{editable_local, format_in_zone, parse_local};
use crate::time::zones::Zone;
use crate::time::{format_utc, parse_utc};
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
    // The start knob a task later (see `in_turn`).
    let [start] = super::in_turn();
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
            {move || start.get().then(|| view! { <StartKnob /> })}
        </section>
    }
}

/// When the outage starts: a date and time typed in a zone the user picks
/// (the browser's when a team works in it, else the first team's), read
/// back with its weekday and in UTC. Typing a start records its zone in the
/// scenario, so a link, a file and the command line read it the same.
#[component]
fn StartKnob() -> impl IntoView {
    let state = expect_context::<AppState>();
    let start = Memo::new(move |_| state.scenario.with(|s| parse_utc(&s.outage.start)));
    let typed_problem = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let id = input_id(Field::OutageStart);
    let zone_id = input_id(Field::OutageZone);
    // The field follows the scenario (reset, import, a zone picked), except while typed in.
    Effect::new(move |_| {
        let zone = state.zone.get();
        let shown = match start.get() {
            Some(t) => editable_local(t, zone),
            // A start that is not a date (from a file): shown as it is, with validation's message.
            None => state.scenario.with_untracked(|s| s.outage.start.clone()),
        };
        if let Some(el) = input.get() {
            if document().active_element().is_none_or(|e| e != **el) {
                el.set_value(&shown);
                typed_problem.set(None);
            }
        }
    });
    // What is typed is read in the zone picked. A reading that works applies
    // at once; why one does not is said when the user leaves the field, not
    // at every keystroke of a half-typed date.
    let apply = move |text: &str, zone: Zone| {
        let read = parse_local(text, zone);
        if let Ok(t) = read {
            typed_problem.set(None);
            state.edit(|s| {
                s.outage.start = format_utc(t);
                s.outage.time_zone = Some(zone.name().to_string());
            });
        }
        read
    };
    let pick_zone = move |ev: leptos::ev::Event| {
        let Some(zone) = Zone::named(&event_target_value(&ev)) else { return };
        let text = input.get_untracked().map(|el| el.value()).unwrap_or_default();
        // The typed time is re-read in the zone picked: "10:00 in London" stays 10:00.
        if apply(&text, zone).is_err() {
            state.edit(|s| s.outage.time_zone = Some(zone.name().to_string()));
        }
    };
    let zones: Vec<&'static str> = picker_zones().collect();
    let zones_opened = RwSignal::new(false);
    let read_back = move || match start.get() {
        Some(t) => format!("{} · {} UTC", format_in_zone(t, state.zone.get()), &format_utc(t)[..16].replace('T', " ")),
        None => String::new(),
    };
    let invalid = move || typed_problem.get().is_some() || !state.problems_for(Field::OutageStart).is_empty();
    view! {
        <div class="knob start">
            <label for=id.clone()>"Outage starts"</label>
            <div class="start-row">
                <input id=id.clone() type="text" node_ref=input autocomplete="off"
                    placeholder="2026-12-01 10:00" aria-describedby=format!("{id}-error start-read-back")
                    aria-invalid=move || invalid().to_string()
                    on:input=move |ev| { let _ = apply(&event_target_value(&ev), state.zone.get_untracked()); }
                    on:change=move |ev| {
                        if let Err(e) = apply(&event_target_value(&ev), state.zone.get_untracked()) {
                            typed_problem.set(Some(e.to_string()));
                        }
                    } />
                <label class="visually-hidden" for=zone_id.clone()>"Time zone of the outage start"</label>
                // Its 68 options render once the picker is used: the page's first task stays short.
                <select id=zone_id.clone() on:change=pick_zone aria-describedby=format!("{zone_id}-error")
                    on:focus=move |_| zones_opened.set(true) on:pointerdown=move |_| zones_opened.set(true)>
                    {move || {
                        let now = state.zone.get().name();
                        let all = zones_opened.get();
                        zones.iter().filter(|z| all || **z == now)
                            .map(|z| view! { <option value=*z selected=*z == now>{z.replace('_', " ")}</option> }).collect_view()
                    }}
                </select>
            </div>
            <output id="start-read-back" class="read-back">{read_back}</output>
            <FieldErrors field=Field::OutageStart note=typed_problem />
            <FieldErrors field=Field::OutageZone />
        </div>
    }
}
