//! Form fields bound to one [`Field`] of the scenario: it says how to read
//! and write the value and names the place validation reports problems at.
//! Each input keeps exactly what the user typed, shows the validation's
//! sentence for its field beside it, and never re-renders while typed in.

use leptos::prelude::*;

use super::state::AppState;
use crate::input::field::{toggle_entry, Field};
use crate::input::number::NotANumber;
pub use crate::input::number::Unit;

/// A DOM id for a scenario path: `workflows[3].share` → `f-workflows-3-share`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for ch in path.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            id.push(ch);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The DOM id of a field's input.
pub fn input_id(field: Field) -> String {
    field_id(&field.path())
}

/// The validation's sentences for `field`, shown under its input, and
/// `note`: why what was typed is not a number, where it is not.
#[component]
pub fn FieldErrors(field: Field, #[prop(optional)] note: Option<RwSignal<Option<String>>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("{}-error", input_id(field));
    let text = move || {
        let mut sentences = state.problems_for(field);
        sentences.extend(note.and_then(|n| n.get()));
        sentences.join(" ")
    };
    view! {
        <span class="field-error" id=id role="alert">{text}</span>
    }
}

/// A number input: shows the field's value in `unit`, keeps what is typed
/// as a draft, and writes the number it reads.
#[component]
pub fn NumberField(
    field: Field,
    label: String,
    #[prop(default = Unit::Plain)] unit: Unit,
    #[prop(optional)] suffix: &'static str,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = input_id(field);
    let error_id = format!("{id}-error");
    let path = field.path();
    let initial = state
        .drafts
        .with_untracked(|d| d.get(&path).cloned())
        .unwrap_or_else(|| state.scenario.with_untracked(|s| unit.show(field.number(s))));
    let has_error = move || !state.problems_for(field).is_empty();
    // Why the text is not a number (an ambiguous comma, say), beside the field.
    // ("is not a number" alone is validation's own sentence.)
    // A field that may be empty takes unreadable text as empty: say so, or the slip goes unseen.
    let why = move |text: &str, read: Result<f64, NotANumber>| match read {
        Err(NotANumber::Unreadable) if field.may_be_empty() && !text.trim().is_empty() => {
            Some(format!("“{}” is not a number, so this counts as empty.", text.trim()))
        }
        read => read.err().filter(|e| *e != NotANumber::Unreadable).map(|e| e.to_string()),
    };
    let note = RwSignal::new(why(&initial, unit.read(&initial)));
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let read = unit.read(&text);
        note.set(why(&text, read));
        state.drafts.update(|d| {
            d.insert(path.clone(), text);
        });
        state.edit(move |s| field.set_number(s, read.unwrap_or(f64::NAN)));
    };
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <span class="input-with-unit">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    prop:value=initial
                    aria-describedby=error_id
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    on:input=on_input
                />
                {(!suffix.is_empty()).then(|| view! { <span class="unit" aria-hidden="true">{suffix}</span> })}
            </span>
            <FieldErrors field note />
        </span>
    }
}

/// A text input bound to a field.
#[component]
pub fn TextField(field: Field, label: String, #[prop(optional)] hide_label: bool) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = input_id(field);
    let error_id = format!("{id}-error");
    let initial = state.scenario.with_untracked(|s| field.text(s));
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <input
                id=id
                type="text"
                prop:value=initial
                aria-describedby=error_id
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit(move |s| field.set_text(s, text));
                }
            />
            <FieldErrors field />
        </span>
    }
}

/// A text that may be long (the scenario's name): it wraps rather than being
/// cut at a phone's width. Line breaks typed in it are kept as text; names
/// are shown as plain text everywhere.
#[component]
pub fn TextAreaField(field: Field, label: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = input_id(field);
    let error_id = format!("{id}-error");
    let initial = state.scenario.with_untracked(|s| field.text(s));
    view! {
        <span class="field wide">
            <label for=id.clone()>{label}</label>
            <textarea id=id rows="2" prop:value=initial aria-describedby=error_id
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    state.edit(move |s| field.set_text(s, text));
                } />
            <FieldErrors field />
        </span>
    }
}

/// Longer option lists render only once the select has focus.
const EAGER_OPTIONS: usize = 40;

/// A picker: options are (value, label); the current value is read once.
#[component]
pub fn SelectField(
    field: Field,
    label: String,
    options: Vec<(String, String)>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = input_id(field);
    let error_id = format!("{id}-error");
    let current = state.scenario.with_untracked(|s| field.text(s));
    let current_label = options.iter().find(|(v, _)| *v == current).map(|(_, l)| l.clone());
    let known = current_label.is_some();
    let opened = RwSignal::new(options.len() <= EAGER_OPTIONS);
    let options = StoredValue::new(options);
    let selected = RwSignal::new(current.clone());
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <select
                id=id
                aria-describedby=error_id
                on:focus=move |_| opened.set(true)
                on:pointerdown=move |_| opened.set(true)
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    selected.set(value.clone());
                    state.edit(move |s| field.set_text(s, value));
                }
            >
                {(!known).then(|| view! { <option value=current.clone() selected=true>{format!("(unknown: {current})")}</option> })}
                {move || {
                    if opened.get() {
                        let now = selected.get_untracked();
                        options.with_value(|o| o.iter().map(|(value, text)| {
                            let is = *value == now;
                            view! { <option value=value.clone() selected=is>{text.clone()}</option> }
                        }).collect_view()).into_any()
                    } else {
                        let now = selected.get_untracked();
                        let text = current_label.clone().unwrap_or_default();
                        view! { <option value=now selected=true>{text}</option> }.into_any()
                    }
                }}
            </select>
            <FieldErrors field />
        </span>
    }
}

/// Chooses components from the scenario's list (needs, depends on): one line
/// saying what is chosen, which opens to a check box per component. Closed,
/// a workflow card stays short; its boxes render only once opened.
#[component]
pub fn ComponentPicker(
    field: Field,
    legend: String,
    /// A component that may not be picked (itself, for dependencies).
    #[prop(optional)]
    exclude: Option<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = RwSignal::new(state.scenario.with_untracked(|s| field.list(s)));
    let components: Vec<(String, String)> = state.scenario.with_untracked(|s| {
        s.components
            .iter()
            .filter(|c| Some(&c.id) != exclude.as_ref())
            .map(|c| (c.id.clone(), c.display_name().to_string()))
            .collect()
    });
    let open = RwSignal::new(false);
    let components = StoredValue::new(components);
    let base = input_id(field);
    let box_base = StoredValue::new(base.clone());
    let toggle = move |cid: String, on: bool| {
        chosen.update(|c| toggle_entry(c, &cid, on));
        state.edit(move |s| field.toggle(s, &cid, on));
    };
    let summary = move || {
        let names: Vec<String> = chosen.with(|chosen| {
            components
                .with_value(|all| all.iter().filter(|(id, _)| chosen.contains(id)).map(|(_, n)| n.clone()).collect())
        });
        if names.is_empty() {
            "None chosen".to_string()
        } else {
            names.join(", ")
        }
    };
    let boxes = move || {
        open.get().then(|| {
            components.with_value(|all| {
                all.iter()
                    .map(|(cid, name)| {
                        let id = format!("{}-{}", box_base.get_value(), field_id(cid));
                        let checked = chosen.with_untracked(|c| c.contains(cid));
                        let cid = cid.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" id=id checked=checked
                                    on:change=move |ev| toggle(cid.clone(), event_target_checked(&ev)) />
                                {name.clone()}
                            </label>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <fieldset class="picker" id=base>
            <legend>{legend}</legend>
            <details on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary><span class="chosen">{summary}</span><span class="change">" (change)"</span></summary>
                <div class="boxes">{boxes}</div>
            </details>
            <FieldErrors field />
        </fieldset>
    }
}
