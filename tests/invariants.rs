//! The architecture's invariants (ARCHITECTURE.md), checked on the source:
//! the core never touches the browser (the compiler enforces it: the core is a
//! package with no browser crate in scope; this also keeps the command line
//! clean), and one module owns the address bar and the browser's storage.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn the_core_never_touches_the_browser() {
    let web = src().join("web");
    let bin = src().join("bin");
    for (path, text) in sources(&src()) {
        if path.starts_with(&web) || path.starts_with(&bin) {
            continue;
        }
        for browser in ["web_sys", "js_sys", "leptos", "gloo", "wasm_bindgen", "plotters_canvas"] {
            assert!(!text.contains(browser), "{} uses {browser}: the core must stay pure", path.display());
        }
    }
}

#[test]
fn one_module_owns_the_url_and_storage() {
    let owner = src().join("web").join("persist.rs");
    let mut owner_seen = false;
    for (path, text) in sources(&src()) {
        let touches =
            ["location()", "history()", "local_storage()", "session_storage()", "replace_state", "push_state"]
                .iter()
                .filter(|api| text.contains(*api))
                .collect::<Vec<_>>();
        if path == owner {
            owner_seen = !touches.is_empty();
        } else {
            assert!(touches.is_empty(), "{} uses {touches:?}; only web/persist.rs may", path.display());
        }
    }
    assert!(owner_seen, "web/persist.rs owns the URL and storage");
}

/// The page says what residual functionality means before the app has
/// loaded, in the same words as the reports: index.html carries the
/// sentence the core writes into them.
#[test]
fn the_page_and_the_reports_explain_functionality_alike() {
    let page = std::fs::read_to_string(src().parent().unwrap().join("index.html")).unwrap();
    let note = outage_impact::output::review::FUNCTIONALITY_NOTE;
    assert!(page.contains(note), "index.html lost or changed the sentence:\n{note}");
}
