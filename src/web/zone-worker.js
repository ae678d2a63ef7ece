// Tells the page this browser's IANA time zone. A worker asks, because the
// first Intl object loads the browser's locale data: some 100 ms of a slow
// phone's main thread (src/web/state.rs, ask_browser_zone).
postMessage(Intl.DateTimeFormat().resolvedOptions().timeZone);
