//! Form fields bound to one place in the scenario. Each keeps exactly what
//! the user typed, shows the validation's sentence for its place beside it,
//! and never re-renders while it is being typed in.

use leptos::prelude::*;

use super::state::AppState;
use crate::scenario::Scenario;

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

/// How a number is shown and typed.
#[derive(Clone, Copy, PartialEq)]
pub enum Unit {
    /// Stored as 0–1, typed as 0–100.
    Percent,
    Plain,
}

impl Unit {
    fn show(self, v: f64) -> String {
        if !v.is_finite() {
            return String::new();
        }
        let shown = match self {
            Unit::Percent => v * 100.0,
            Unit::Plain => v,
        };
        crate::validate::fmt_num(shown)
    }

    fn parse(self, text: &str) -> f64 {
        let cleaned: String = text.trim().trim_end_matches('%').trim().replace(',', "");
        match cleaned.parse::<f64>() {
            Ok(v) if self == Unit::Percent => v / 100.0,
            Ok(v) => v,
            Err(_) => f64::NAN,
        }
    }
}

/// Messages for `path`, shown under the field.
#[component]
pub fn FieldErrors(path: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = format!("{}-error", field_id(&path));
    let messages = move || state.problems_at(&path);
    view! {
        <span class="field-error" id=id role="alert">
            {move || messages().join(" ")}
        </span>
    }
}

/// A number input bound to `get`/`set` at `path`.
#[component]
pub fn NumberField(
    path: String,
    label: String,
    get: fn(&Scenario, &[usize]) -> f64,
    set: fn(&mut Scenario, &[usize], f64),
    at: Vec<usize>,
    #[prop(default = Unit::Plain)] unit: Unit,
    #[prop(optional)] suffix: &'static str,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let at_for_get = at.clone();
    let initial = state.drafts.with_untracked(|d| d.get(&path).cloned()).unwrap_or_else(|| {
        state.scenario.with_untracked(|s| unit.show(get(s, &at_for_get)))
    });
    let has_error = {
        let path = path.clone();
        move || !state.problems_at(&path).is_empty()
    };
    let path_for_input = path.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let value = unit.parse(&text);
        state.drafts.update(|d| {
            d.insert(path_for_input.clone(), text);
        });
        let at = at.clone();
        state.edit(move |s| set(s, &at, value));
    };
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <span class="input-with-unit">
                <input
                    id=id
                    type="text"
                    inputmode="decimal"
                    value=initial
                    aria-describedby=error_id
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    on:input=on_input
                />
                {(!suffix.is_empty()).then(|| view! { <span class="unit" aria-hidden="true">{suffix}</span> })}
            </span>
            <FieldErrors path=path />
        </span>
    }
}

/// A text input bound to `get`/`set` at `path`.
#[component]
pub fn TextField(
    path: String,
    label: String,
    get: fn(&Scenario, &[usize]) -> String,
    set: fn(&mut Scenario, &[usize], String),
    at: Vec<usize>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let initial = state.scenario.with_untracked(|s| get(s, &at));
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <input
                id=id
                type="text"
                value=initial
                aria-describedby=error_id
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let at = at.clone();
                    state.edit(move |s| set(s, &at, text));
                }
            />
            <FieldErrors path=path />
        </span>
    }
}

/// A picker: options are (value, label); the current value is read once.
#[component]
pub fn SelectField(
    path: String,
    label: String,
    options: Vec<(String, String)>,
    get: fn(&Scenario, &[usize]) -> String,
    set: fn(&mut Scenario, &[usize], String),
    at: Vec<usize>,
    #[prop(optional)] hide_label: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = field_id(&path);
    let error_id = format!("{id}-error");
    let current = state.scenario.with_untracked(|s| get(s, &at));
    let known = options.iter().any(|(v, _)| *v == current);
    view! {
        <span class="field">
            <label for=id.clone() class:visually-hidden=hide_label>{label}</label>
            <select
                id=id
                aria-describedby=error_id
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let at = at.clone();
                    state.edit(move |s| set(s, &at, value));
                }
            >
                {(!known).then(|| view! { <option value=current.clone() selected=true>{format!("(unknown: {current})")}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldErrors path=path />
        </span>
    }
}

/// Check boxes choosing components from the scenario's list (needs, depends on).
#[component]
pub fn ComponentPicker(
    path: String,
    legend: String,
    get: fn(&Scenario, &[usize]) -> Vec<String>,
    set: fn(&mut Scenario, &[usize], &str, bool),
    at: Vec<usize>,
    /// A component that may not be picked (itself, for dependencies).
    #[prop(optional)] exclude: Option<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let chosen = state.scenario.with_untracked(|s| get(s, &at));
    let components: Vec<(String, String)> = state.scenario.with_untracked(|s| {
        s.components
            .iter()
            .filter(|c| Some(&c.id) != exclude.as_ref())
            .map(|c| (c.id.clone(), if c.name.is_empty() { c.id.clone() } else { c.name.clone() }))
            .collect()
    });
    let base = field_id(&path);
    view! {
        <fieldset class="picker" id=base.clone()>
            <legend>{legend}</legend>
            {components
                .into_iter()
                .map(|(cid, name)| {
                    let checked = chosen.contains(&cid);
                    let id = format!("{base}-{}", field_id(&cid));
                    let label_for = id.clone();
                    let at = at.clone();
                    let cid2 = cid.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input
                                type="checkbox"
                                id=id
                                checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let at = at.clone();
                                    let cid = cid2.clone();
                                    state.edit(move |s| set(s, &at, &cid, on));
                                }
                            />
                            {name}
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrors path=path />
        </fieldset>
    }
}
