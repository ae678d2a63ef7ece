//! The one module that touches the address bar and the browser's storage.
//! The scenario lives in the URL fragment (never sent to a server) and in
//! localStorage; what they hold and how they are read is `crate::output::share`.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

use crate::output::share::{self, Autosave};

const AUTOSAVE_KEY: &str = "outage-impact.autosave.v1";
/// Work a shared link replaced on screen, until the user restores or drops it.
const SET_ASIDE_KEY: &str = "outage-impact.set-aside.v1";
/// Present while a scenario is being opened: still there on the next visit
/// means the page died opening it.
const OPENING_KEY: &str = "outage-impact.opening.v1";

/// The address's fragment, without `#`.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The app's own address: what a link is the fragment of.
pub fn page_address() -> String {
    let location = window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    format!("{origin}{path}{search}")
}

/// The whole share link for a fragment.
pub fn link(fragment: &str) -> String {
    format!("{}#{fragment}", page_address())
}

/// Puts `fragment` in the address bar without adding to the history, so Back
/// leaves the app instead of stepping through every keystroke.
pub fn replace_fragment(fragment: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Why the browser would not keep something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Storage is off or blocked (private browsing, a setting).
    Blocked,
    /// This one thing is larger than the room the browser gives the page.
    TooLarge,
}

/// Writes `value`, or says why the browser refused.
fn try_write(key: &str, value: &str) -> Result<(), Refused> {
    let storage = storage().ok_or(Refused::Blocked)?;
    storage.set_item(key, value).map_err(|e| {
        use wasm_bindgen::JsCast;
        let quota = e.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "QuotaExceededError");
        if quota {
            Refused::TooLarge
        } else {
            Refused::Blocked
        }
    })
}

/// Writes `value`; false when the browser refuses.
fn write(key: &str, value: &str) -> bool {
    try_write(key, value).is_ok()
}

pub fn autosaved() -> Option<String> {
    read(AUTOSAVE_KEY)
}

/// Keeps an autosave record (`Autosave::json`), or says why the browser would not.
pub fn autosave(json: &str) -> Result<(), Refused> {
    try_write(AUTOSAVE_KEY, json)
}

/// Keeps work a link replaced on screen. The first set aside is kept until
/// the user restores or discards it: a second link never overwrites it.
pub fn set_aside(saved: &Autosave) -> bool {
    read(SET_ASIDE_KEY).is_some() || write(SET_ASIDE_KEY, &saved.to_json())
}

pub fn has_set_aside() -> bool {
    read(SET_ASIDE_KEY).and_then(|t| Autosave::from_json(&t)).is_some()
}

pub fn take_set_aside() -> Option<Autosave> {
    let text = read(SET_ASIDE_KEY)?;
    drop_set_aside();
    Autosave::from_json(&text)
}

pub fn drop_set_aside() {
    if let Some(s) = storage() {
        let _ = s.remove_item(SET_ASIDE_KEY);
    }
}

/// What the page opens on: the link in the address, else the autosave, else
/// the example (see [`share::start`]).
pub fn start() -> share::Start {
    share::start(&fragment(), autosaved().as_deref(), crate::input::presets::example)
}

/// Whether the last visit died while opening its scenario.
pub fn last_opening_unfinished() -> bool {
    read(OPENING_KEY).is_some()
}

/// Marks the start of opening a scenario (see [`opening_finished`]).
pub fn opening_begins() {
    write(OPENING_KEY, "1");
}

/// The scenario opened and its results are on screen.
pub fn opening_finished() {
    if let Some(s) = storage() {
        let _ = s.remove_item(OPENING_KEY);
    }
}
