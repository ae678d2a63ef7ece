//! Parts below the fold are built when they come into view: a slow phone
//! opens the page without building, in its first seconds, what nobody sees
//! yet (total blocking time). What needs the whole page (moving focus to a
//! field, printing) asks for it with [`build_everything`].

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::{closure::Closure, JsCast};

thread_local! {
    static EVERYTHING: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// Builds every part still waiting to come into view.
pub fn build_everything() {
    EVERYTHING.with(|everything| {
        if !everything.get_untracked() {
            everything.set(true);
        }
    });
}

/// Whether the whole page has been asked for.
pub fn everything() -> ArcRwSignal<bool> {
    EVERYTHING.with(Clone::clone)
}

/// `children`, built once its place comes into view (or everything is asked for).
#[component]
pub fn WhenSeen(children: ChildrenFn) -> impl IntoView {
    let place = NodeRef::<leptos::html::Div>::new();
    let seen = RwSignal::new(false);
    let everything = everything();
    // A memo: once built, asking for everything does not build it again.
    let shown = Memo::new(move |_| seen.get() || everything.get());
    place.on_load(move |el| watch(&el, seen));
    let sharing = expect_context::<super::sharing::Sharing>();
    let state = expect_context::<super::state::AppState>();
    view! {
        <div class="when-seen" node_ref=place data-built=move || if shown.get() { "yes" } else { "no" }>
            {move || shown.get().then(|| {
                guard_opening(sharing.paused.get_untracked(), state);
                children()
            })}
        </div>
    }
}

/// Building a part can still meet a scenario that breaks the page: the
/// opening is marked unfinished while it is built (`persist::opening_begins`),
/// so the next visit opens safely. Not in a safe opening (the example on show).
fn guard_opening(safe: bool, state: super::state::AppState) {
    if safe {
        return;
    }
    super::persist::opening_begins();
    // The part's own parts (`in_turn`), then it is on screen.
    super::opening_finished_after(6, state);
}

/// Sets `seen` when `el` first enters the viewport.
fn watch(el: &web_sys::Element, seen: RwSignal<bool>) {
    let on_change = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
            let visible =
                entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
            if visible {
                observer.disconnect();
                // In a task of its own: parts that come into view together are built one after another.
                leptos::task::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    seen.try_set(true);
                });
            }
        },
    );
    let Ok(observer) = web_sys::IntersectionObserver::new(on_change.into_js_value().unchecked_ref()) else {
        seen.set(true); // no observer: build it now
        return;
    };
    observer.observe(el);
    let observer = SendWrapper::new(observer);
    on_cleanup(move || observer.disconnect());
}
