//! Component tests of the app in a real browser (headless Chromium through
//! wasm-bindgen-test-runner): `cargo test --target wasm32-unknown-unknown --test web`.
//! Each test mounts the whole app into a fresh element, with empty storage
//! and no fragment, and works it through the DOM as a user would.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app on a clean page; returns its root and the handle that keeps it.
async fn open_app() -> (web_sys::HtmlElement, impl Drop) {
    let window = window();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let _ = window.history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"));
    let root: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = mount_to(root.clone(), outage_impact::web::App);
    // The page is built over a few tasks (see `web::in_turn`).
    for _ in 0..500 {
        if root.query_selector(".layout .when-seen").unwrap().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
    (root, handle)
}

/// Lets effects run, and the results and the editor's sections (each
/// mounted a task after the one before, and below the fold once scrolled
/// to, as a reader does) appear.
async fn settle() {
    // Up to 5 s for the parts below the fold (the browser reports them in
    // view with its next frame), then the tasks that fill them.
    for _ in 0..500 {
        let Ok(Some(waiting)) = document().query_selector(r#".when-seen[data-built="no"]"#) else { break };
        waiting.scroll_into_view();
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    for _ in 0..8 {
        tick().await;
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

fn find(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector} is on the page")).unchecked_into()
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    find(root, selector).inner_text()
}

/// Types `value` into an input the way the browser reports typing.
async fn type_into(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

fn money(text: &str) -> f64 {
    text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect::<String>().parse().unwrap()
}

#[wasm_bindgen_test]
async fn opens_on_the_march_2_replay_with_its_figures() {
    let (root, _app) = open_app().await;
    assert!(text(&root, ".window").contains("9 h 27 min"), "{}", text(&root, ".window"));
    assert!(text(&root, "#total-cost").starts_with('£'));
    assert!(money(&text(&root, "#total-cost")) > 0.0);
    let scope: web_sys::HtmlSelectElement = find(&root, "#scope").unchecked_into();
    assert_eq!(scope.value(), "replay");
    assert!(root.query_selector("#workflow-table tbody tr").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn a_headcount_edit_changes_the_cost() {
    let (root, _app) = open_app().await;
    let before = money(&text(&root, "#total-cost"));
    type_into(&root, "#f-teams-0-headcount", "50").await;
    let after = money(&text(&root, "#total-cost"));
    assert!(after > before, "{before} → {after}");
}

#[wasm_bindgen_test]
async fn a_bad_value_is_named_next_to_the_field_and_kept() {
    let (root, _app) = open_app().await;
    type_into(&root, "#f-workflows-0-fallbacks-0-coverage", "150").await;
    assert_eq!(
        text(&root, "#f-workflows-0-fallbacks-0-coverage-error"),
        "Coverage must be between 0 and 1 (0% to 100%); it is 1.5 (150%)."
    );
    let input: web_sys::HtmlInputElement = find(&root, "#f-workflows-0-fallbacks-0-coverage").unchecked_into();
    assert_eq!(input.value(), "150");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    // The list names the place as the page labels it, not by its path in the file.
    let waiting = text(&root, ".waiting");
    assert!(
        waiting
            .contains("Workflow “Coding with an AI assistant”, fallback 1 (“Second provider's assistant”), coverage"),
        "{waiting}"
    );
    assert!(!waiting.contains("workflows[0]"), "{waiting}");
    // Fixing it brings the results back.
    type_into(&root, "#f-workflows-0-fallbacks-0-coverage", "70").await;
    assert!(root.query_selector(".waiting").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_scope_picker_takes_down_a_whole_provider() {
    let (root, _app) = open_app().await;
    let scope: web_sys::HtmlSelectElement = find(&root, "#scope").unchecked_into();
    scope.set_value("provider:Primary AI provider");
    scope.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    settle().await;
    let rows = root.query_selector_all("#dependency-map th.down").unwrap().length();
    assert_eq!(rows, 6, "the six components of the primary provider are down");
    let scope: web_sys::HtmlSelectElement = find(&root, "#scope").unchecked_into();
    assert_eq!(scope.value(), "provider:Primary AI provider");
}

#[wasm_bindgen_test]
async fn the_address_follows_the_edits() {
    let (root, _app) = open_app().await;
    type_into(&root, "#f-teams-0-headcount", "31").await;
    gloo_timers::future::TimeoutFuture::new(500).await;
    let hash = window().location().hash().unwrap();
    let opened = outage_impact::output::share::decode(&hash).unwrap().unwrap();
    assert_eq!(opened.teams[0].headcount, 31.0);
    let saved = window().local_storage().unwrap().unwrap().get_item("outage-impact.autosave.v1").unwrap().unwrap();
    assert_eq!(outage_impact::output::share::Autosave::from_json(&saved).unwrap().scenario, opened);
}

#[wasm_bindgen_test]
async fn a_comma_is_read_as_meant_or_refused_with_a_reason() {
    let (root, _app) = open_app().await;
    let before = money(&text(&root, "#total-cost"));
    // "90,00" is 90 with a decimal comma, not 9,000: the cost does not move.
    type_into(&root, "#f-teams-0-hourly_cost", "90,00").await;
    assert_eq!(money(&text(&root, "#total-cost")), before);
    // "1,000" could be a thousand or one: refused, saying why, kept as typed.
    type_into(&root, "#f-teams-0-headcount", "1,000").await;
    let said = text(&root, "#f-teams-0-headcount-error");
    assert!(said.contains("Headcount is not a number.") && said.contains("comma"), "{said}");
    let input: web_sys::HtmlInputElement = find(&root, "#f-teams-0-headcount").unchecked_into();
    assert_eq!(input.value(), "1,000");
}

#[wasm_bindgen_test]
async fn a_half_typed_value_stays_on_its_row_when_a_team_above_is_duplicated() {
    let (root, _app) = open_app().await;
    type_into(&root, "#f-teams-1-headcount", "1O").await;
    find(&root, "button[aria-label^='Duplicate: Engineering']").click();
    settle().await;
    // The copy of Engineering is row 1 now; the second team, and what was typed in it, row 2.
    let value = |i: usize| -> String {
        let input: web_sys::HtmlInputElement = find(&root, &format!("#f-teams-{i}-headcount")).unchecked_into();
        input.value()
    };
    assert_eq!(value(1), value(0), "the copy shows the copied headcount");
    assert_eq!(value(2), "1O");
}
