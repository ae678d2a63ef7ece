//! The one module that touches the address bar and the browser's storage.
//! The scenario lives in the URL fragment (never sent to a server) and in
//! localStorage; what they hold and how they are read is `crate::output::share`.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

use crate::output::share::{self, Autosave, Kept, KeptWork, Why};

const AUTOSAVE_KEY: &str = "outage-impact.autosave.v1";
/// Scenarios set aside rather than lost (`share::Kept`).
const KEPT_KEY: &str = "outage-impact.kept.v1";
/// Where earlier builds kept the one scenario a link replaced: read once, then moved.
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

thread_local! {
    /// The autosave as this tab last wrote it, or found it on opening: a
    /// different one in storage was written by another tab since.
    static LAST_SAVED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// How an autosave went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    Quietly,
    /// Another tab had saved different work; it was kept before this overwrote it.
    KeptOtherTab,
}

/// Keeps an autosave record (`Autosave::json`), or says why the browser
/// would not. Work another tab saved meanwhile is kept, never overwritten.
pub fn autosave(json: &str) -> Result<Saved, Refused> {
    let stored = autosaved();
    let last = LAST_SAVED.with(|l| l.borrow().clone());
    let other_tab = matches!((&stored, &last), (Some(s), Some(l)) if s != l && s != json);
    if other_tab {
        if let Some(theirs) = stored.as_deref().and_then(Autosave::from_json) {
            // Never overwrite another tab's work that could not be kept.
            if !keep(KeptWork { scenario: theirs.scenario, drafts: theirs.drafts, why: Why::OtherTab }) {
                return Err(Refused::TooLarge);
            }
        }
    }
    try_write(AUTOSAVE_KEY, json)?;
    LAST_SAVED.with(|l| *l.borrow_mut() = Some(json.to_string()));
    Ok(if other_tab { Saved::KeptOtherTab } else { Saved::Quietly })
}

/// The scenarios kept rather than lost, newest first.
pub fn kept() -> Kept {
    read(KEPT_KEY).or_else(|| read(SET_ASIDE_KEY)).map(|t| Kept::from_json(&t)).unwrap_or_default()
}

/// Writes the kept list, dropping the oldest entries while the browser has
/// no room for all of them (the newest, just kept, is the last to go).
fn write_kept(kept: &Kept) -> bool {
    let mut kept = kept.clone();
    let mut written = write(KEPT_KEY, &kept.to_json());
    while !written && kept.entries.len() > 1 {
        kept.entries.pop();
        written = write(KEPT_KEY, &kept.to_json());
    }
    if written {
        if let Some(s) = storage() {
            let _ = s.remove_item(SET_ASIDE_KEY);
        }
    }
    written
}

/// Sets work aside; false when the browser refuses.
pub fn keep(work: KeptWork) -> bool {
    let mut all = kept();
    all.push(work);
    write_kept(&all)
}

/// The autosave as it is now, kept (before something replaces it on screen).
pub fn keep_autosave(why: Why) {
    if let Some(saved) = autosaved().as_deref().and_then(Autosave::from_json) {
        keep(KeptWork { scenario: saved.scenario, drafts: saved.drafts, why });
    }
}

/// Takes kept work `k` out of the list.
pub fn take_kept(k: usize) -> Option<KeptWork> {
    let mut all = kept();
    let work = all.take(k)?;
    write_kept(&all);
    Some(work)
}

pub fn drop_kept() {
    write_kept(&Kept::default());
}

/// What the page opens on: the link in the address, else the autosave, else
/// the example (see [`share::start`]).
pub fn start() -> share::Start {
    let saved = autosaved();
    LAST_SAVED.with(|l| *l.borrow_mut() = saved.clone());
    share::start(&fragment(), saved.as_deref(), crate::input::presets::example)
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
