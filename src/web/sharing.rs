//! Sharing and exporting: the address bar and autosave kept in step with the
//! edits, "Copy link", import by picker or drag-and-drop, the exports, and
//! the banner that says what happened. Formats are `crate::output::share` and
//! `crate::output` (file, csv, markdown); the browser side is `persist` and `files`.

use std::collections::HashMap;

use leptos::prelude::*;

use super::files;
use super::persist;
use super::state::AppState;
use crate::input::number::grouped;
use crate::input::scenario::display_name;
use crate::input::scenario::Scenario;
use crate::input::validate::validate;
use crate::output::annual::AnnualCsv;
use crate::output::csv::{self, CsvTable};
use crate::output::file::{self, Source};
use crate::output::share::{self, Autosave, KeptWork, Why, SAFE_LINK_CHARS};
use crate::output::{html, markdown};
use crate::time::format_utc;
use crate::time::zones::Zone;
use crate::ui::place::describe;

/// Quiet time after the last keystroke before the address and the autosave follow.
const DEBOUNCE_MS: u32 = 300;
/// Larger files are refused before they are read.
const MAX_IMPORT_BYTES: f64 = 32.0 * 1024.0 * 1024.0;

#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    Problem,
    Done,
    /// Work set aside rather than lost: offer it back.
    Kept,
    /// The last visit died opening its scenario: offer it, do not compute it.
    SafeOpening,
}

/// What the banner says.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    pub details: Vec<String>,
}

impl Notice {
    pub fn problem(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Problem, text: text.into(), details: Vec::new() }
    }
    pub fn done(text: impl Into<String>) -> Notice {
        Notice { kind: NoticeKind::Done, text: text.into(), details: Vec::new() }
    }
}

/// The banner's message, and the current link's length (for the warning).
#[derive(Clone, Copy)]
pub struct Sharing {
    pub notice: RwSignal<Option<Notice>>,
    pub link_chars: RwSignal<usize>,
    /// While the page opened safely, the address and the autosave keep what
    /// the last visit held: the example on screen overwrites neither.
    pub paused: RwSignal<bool>,
}

impl Sharing {
    pub fn new(notice: Option<Notice>) -> Sharing {
        Sharing { notice: RwSignal::new(notice), link_chars: RwSignal::new(0), paused: RwSignal::new(false) }
    }
}

/// The user goes on from a safe opening with something else on screen: the
/// scenario that would not open is kept first, then saving resumes.
fn leave_safe_opening(sharing: Sharing) {
    persist::keep_autosave(Why::NotOpened);
    persist::opening_finished();
    sharing.paused.set(false);
}

/// After a visit that died opening its scenario.
pub fn safe_opening_notice() -> Notice {
    Notice {
        kind: NoticeKind::SafeOpening,
        text: "The last visit did not finish opening its scenario: it may be too large for this browser, or hang \
               it. To be safe the calculator opened the example. Your scenario is kept, not opened: open it \
               again, or go on with the example (it stays kept, to restore later)."
            .into(),
        details: Vec::new(),
    }
}

/// The notice the page opens with: a link that could not be opened, or work
/// kept rather than lost (set aside by a link, another tab, a restore).
pub fn opening_notice(start: &share::Start) -> Option<Notice> {
    if let Some(e) = &start.link_error {
        let instead = match start.from {
            share::StartedFrom::Autosave => "your last autosaved scenario",
            _ => "the example",
        };
        return Some(Notice::problem(format!("{e} The calculator opened {instead} instead.")));
    }
    if start.set_aside.is_some() {
        return Some(kept_notice("You opened a shared link. The scenario you were working on before is kept."));
    }
    let n = persist::kept().entries.len();
    (n > 0).then(|| {
        kept_notice(&format!(
            "{} set aside rather than lost {} kept in this browser.",
            if n == 1 { "A scenario".to_string() } else { format!("{n} scenarios") },
            if n == 1 { "is" } else { "are" }
        ))
    })
}

fn kept_notice(text: &str) -> Notice {
    Notice { kind: NoticeKind::Kept, text: text.into(), details: Vec::new() }
}

/// Keeps the address bar (history replaced, not pushed) and the autosave in
/// step with the scenario, once typing pauses.
pub fn keep_in_step(state: AppState, sharing: Sharing) {
    let generation = StoredValue::new(0u64);
    Effect::new(move |opened: Option<()>| {
        state.scenario.track();
        state.drafts.track();
        // Opened safely, the first edit (not the opening itself) is the user
        // choosing the example: from then on it is their work.
        if opened.is_some() && sharing.paused.get_untracked() {
            leave_safe_opening(sharing);
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
            // A newer edit, or the app gone (the component tests unmount it).
            if generation.try_get_value() != Some(mine) {
                return;
            }
            // Opened safely: the example on screen overwrites nothing until the user edits.
            if sharing.paused.get_untracked() {
                return;
            }
            let Some(fragment) = state.scenario.try_with_untracked(share::encode) else { return };
            persist::replace_fragment(&fragment);
            sharing.link_chars.set(persist::link(&fragment).chars().count());
            let saved = state.scenario.with_untracked(|s| state.drafts.with_untracked(|d| Autosave::json(s, d)));
            let why = match persist::autosave(&saved) {
                Ok(persist::Saved::Quietly) => return,
                Ok(persist::Saved::KeptOtherTab) => {
                    let text = "Another tab had saved different work in this browser since this one last did; \
                                it is kept, not lost.";
                    sharing.notice.set(Some(kept_notice(text)));
                    return;
                }
                Err(persist::Refused::TooLarge) => format!(
                    "This browser has no room left to autosave this scenario ({} KB as saved; browsers keep \
                     about 5 MB for a page, often less).",
                    saved.len() / 1024
                ),
                Err(persist::Refused::Blocked) => {
                    "This browser would not keep an autosave (its storage is off or blocked).".to_string()
                }
            };
            sharing.notice.set(Some(Notice::problem(format!(
                "{why} Your work is in the address bar: bookmark it, or export the scenario."
            ))));
        });
    });
}

/// Reads a dropped or picked file; a scenario replaces the current one only
/// if it is valid. Otherwise the banner lists why, and nothing changes.
pub fn import(state: AppState, sharing: Sharing, file: web_sys::File) {
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES {
        sharing.notice.set(Some(Notice::problem(format!(
            "{name} is too large to be a scenario ({:.0} MB). Nothing was changed.",
            file.size() / 1e6
        ))));
        return;
    }
    leptos::task::spawn_local(async move {
        let notice = match files::read_text(&file).await {
            Err(e) => Notice::problem(format!("{name} could not be read ({e}). Nothing was changed.")),
            Ok(text) => match Scenario::from_json(&text) {
                Err(_) if text.trim().is_empty() => Notice::problem(format!("{name} is empty. Nothing was changed.")),
                Err(_) if text.contains("\"incidents\"") => Notice::problem(format!(
                    "{name} looks like a status page's incident history, not a scenario: import it under A year of \
                     outages, \"Fit incidents a year to a provider's incident history\". Nothing was changed."
                )),
                Err(e) => Notice::problem(format!(
                    "{name} is not a scenario this calculator can read: {}. Nothing was changed.",
                    e.to_string().trim_end_matches('.')
                )),
                Ok(scenario) => match validate(&scenario) {
                    Err(problems) => Notice {
                        kind: NoticeKind::Problem,
                        text: format!(
                            "{name} has {} problem{}, so it was not opened; nothing was changed. Fix these in the file and import it again:",
                            problems.len(),
                            if problems.len() == 1 { "" } else { "s" }
                        ),
                        // In words, and where to look in the file being fixed.
                        details: problems
                            .iter()
                            .map(|p| format!("{} ({} in the file): {}", describe(&scenario, &p.path), p.path, p.message))
                            .collect(),
                    },
                    Ok(_) => {
                        // Reading and checking the file was this task's work; the
                        // results are built in the next (a large file: two short tasks).
                        gloo_timers::future::TimeoutFuture::new(0).await;
                        state.replace(scenario, HashMap::new());
                        Notice::done(format!("Opened {name}."))
                    }
                },
            },
        };
        sharing.notice.set(Some(notice));
    });
}

/// The banner: what happened to a link, an import, a copy.
#[component]
pub fn Banner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sharing = expect_context::<Sharing>();
    // Kept work `k` back on screen; what it replaces is kept in turn.
    let restore = move |k: usize| match persist::take_kept(k) {
        Some(work) => {
            if sharing.paused.get_untracked() {
                leave_safe_opening(sharing);
            } else {
                let current =
                    state.scenario.with_untracked(|s| state.drafts.with_untracked(|d| (s.clone(), d.clone())));
                persist::keep(KeptWork { scenario: current.0, drafts: current.1, why: Why::ReplacedByRestore });
            }
            state.replace(work.scenario, work.drafts);
            sharing.notice.set(Some(Notice::done("Your earlier scenario is back. The one it replaced is kept too.")));
        }
        None => sharing.notice.set(Some(Notice::problem("The earlier scenario could not be read back."))),
    };
    // Opens what the last visit held (the link in the address, else the
    // autosave), computing it: if it dies again, the next visit is safe again.
    let open_anyway = move |_| {
        persist::opening_begins();
        let start = persist::start();
        sharing.paused.set(false);
        sharing.notice.set(None);
        state.replace(start.scenario, start.drafts);
        super::opening_finished_after(2, state);
    };
    let go_on_with_example = move |_| {
        leave_safe_opening(sharing);
        sharing.notice.set(None);
    };
    let discard = move |_| {
        if window().confirm_with_message("Discard every kept scenario? They cannot be restored after.").unwrap_or(false)
        {
            persist::drop_kept();
            sharing.notice.set(None);
        }
    };
    move || {
        sharing.notice.get().map(|n| {
            let class = match n.kind {
                NoticeKind::Problem => "banner problem",
                _ => "banner",
            };
            let safe_opening = n.kind == NoticeKind::SafeOpening;
            // Kept work is offered after a safe opening too.
            let kept = if n.kind == NoticeKind::Kept || safe_opening { persist::kept().entries } else { Vec::new() };
            view! {
                <div class=class role=if n.kind == NoticeKind::Problem { "alert" } else { "status" } id="banner">
                    <p>{n.text.clone()}</p>
                    {(!n.details.is_empty()).then(|| view! {
                        <ul>{n.details.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                    })}
                    <div class="banner-actions">
                        {safe_opening.then(|| view! {
                            <button type="button" id="open-anyway" on:click=open_anyway>"Open my scenario again"</button>
                            <button type="button" id="keep-example" on:click=go_on_with_example>"Go on with the example"</button>
                        })}
                        {kept.iter().enumerate().map(|(k, work)| {
                            let id = if k == 0 { "restore-set-aside".to_string() } else { format!("restore-kept-{k}") };
                            let name = display_name(&work.scenario.name, "Untitled scenario").into_owned();
                            let label = format!("Restore “{name}” ({})", work.why.describe());
                            view! { <button type="button" id=id on:click=move |_| restore(k)>{label}</button> }
                        }).collect_view()}
                        {(!kept.is_empty()).then(|| view! {
                            <button type="button" id="discard-kept" on:click=discard>"Discard the kept scenarios"</button>
                        })}
                        <button type="button" id="dismiss-banner" aria-label="Dismiss this message" on:click=move |_| sharing.notice.set(None)>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}

/// "Copy link", import, and every export.
#[component]
pub fn ShareAndExport(
    /// More actions on the row (Reset).
    children: Children,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sharing = expect_context::<Sharing>();
    let copied = RwSignal::new(None::<Result<(), String>>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    // Validation, not the report: reading the report here would compute it in the page's first task.
    let invalid = move || state.validated.with(|v| v.is_err());

    let current_link = move || persist::link(&state.scenario.with_untracked(share::encode));
    let copy = move |_| {
        let link = current_link();
        leptos::task::spawn_local(async move {
            copied.set(Some(files::copy_to_clipboard(&link).await));
        });
    };

    // Each export: (button id, label, what it makes). Results exports need a valid scenario.
    let menu = NodeRef::<leptos::html::Details>::new();
    let save = move |what: Export| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
        let link = current_link();
        let zone = state.zone.get_untracked();
        // A large organisation's results can still be coming: the file waits for them.
        leptos::task::spawn_local(async move {
            state.results_landed().await;
            state.annual_landed().await;
            state.comparison_landed().await;
            let annual = state.annual.get_untracked();
            let comparison = state.comparison.get_untracked().and_then(Result::ok);
            let variants = comparison.as_deref().map_or(&[][..], Vec::as_slice);
            let result = state.results.with_untracked(|r| {
                let results = r.as_ref().map(|r| Results {
                    report: &r.report,
                    model: &r.model,
                    annual: annual.as_ref().map(|a| &a.annual),
                    variants,
                });
                state.scenario.with_untracked(|s| what.render(s, results, &link, zone))
            });
            let outcome = match result {
                Some((name, mime, text)) => files::download_text(&name, mime, &text).map(|_| name),
                None => Err("the scenario has problems; fix them first".into()),
            };
            sharing.notice.try_set(Some(match outcome {
                Ok(name) => Notice::done(format!("Saved {name} to your downloads.")),
                Err(e) => Notice::problem(format!("The export could not be made: {e}.")),
            }));
        });
    };
    let button = move |what: Export| {
        let needs_results = what != Export::Scenario;
        view! {
            <button type="button" id=what.id() disabled=move || needs_results && invalid() on:click=move |_| save(what)>{what.label()}</button>
        }
    };

    view! {
        <section class="share" aria-labelledby="share-title">
            <h2 id="share-title" class="visually-hidden">"Share, import and export"</h2>
            <button type="button" id="copy-link" on:click=copy>"Copy link"</button>
            <button type="button" id="import" aria-describedby="import-hint"
                on:click=move |_| if let Some(input) = file_input.get() { input.click() }>"Import…"</button>
            <input type="file" id="import-file" class="visually-hidden" accept=".json,application/json" tabindex="-1" aria-label="Scenario file to import"
                node_ref=file_input
                on:change=move |_| {
                    if let Some(input) = file_input.get() {
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            import(state, sharing, file);
                        }
                        input.set_value("");
                    }
                } />
            <details class="menu" id="export-menu" node_ref=menu>
                <summary>"Export…"</summary>
                <div class="menu-items" role="group" aria-label="Export">
                    {Export::ALL.into_iter().map(button).collect_view()}
                    <button type="button" id="print" on:click=move |_| {
                        if let Some(menu) = menu.get_untracked() { menu.set_open(false) }
                        // Parts not yet scrolled to are built first, a task each.
                        super::seen::build_everything();
                        leptos::task::spawn_local(async {
                            // Until the charts are drawn (or the results wait for a fix), 2 s at most.
                            let ready = r#".charts[data-drawn]:not([data-drawn="0"]), .waiting"#;
                            for _ in 0..40 {
                                gloo_timers::future::TimeoutFuture::new(50).await;
                                if document().query_selector(ready).ok().flatten().is_some() {
                                    break;
                                }
                            }
                            let _ = window().print();
                        });
                    }>"Print or save as PDF"</button>
                </div>
            </details>
            {children()}
            <span class="hint" id="import-hint">"Import takes a scenario or results JSON file, also dropped on the page."</span>
            <span class="copy-status" role="status">{move || match copied.get() {
                Some(Ok(())) => "Link copied. It holds the whole scenario; nothing is sent to a server.".to_string(),
                Some(Err(e)) => format!("Could not copy the link ({e}); copy it from the address bar."),
                None => String::new(),
            }}</span>
            <Show when=move || { sharing.link_chars.get() > SAFE_LINK_CHARS }>
                <p class="link-warning" id="link-warning">
                    {move || format!(
                        "This link is {} characters long; mail clients and chat tools may cut links over {}. Send the scenario as a file instead: ",
                        grouped(sharing.link_chars.get() as u64), grouped(SAFE_LINK_CHARS as u64)
                    )}
                    <button type="button" on:click=move |_| save(Export::Scenario)>"Export the scenario (JSON)"</button>
                </p>
            </Show>
        </section>
    }
}

/// A valid scenario's results, and the model they came from.
#[derive(Clone, Copy)]
struct Results<'a> {
    report: &'a crate::Report,
    model: &'a crate::input::model::Model,
    annual: Option<&'a crate::calc::annual::Annual>,
    /// The variants side by side, "As is" first; empty when there are none.
    variants: &'a [crate::calc::compare::VariantFigures],
}

/// The downloads the app offers; each is the same file the command line writes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Export {
    Scenario,
    Results,
    Csv(CsvTable),
    Review,
    ReviewHtml,
    Annual(AnnualCsv),
}

impl Export {
    const ALL: [Export; 9] = [
        Export::Scenario,
        Export::Results,
        Export::Csv(CsvTable::Workflows),
        Export::Csv(CsvTable::Teams),
        Export::Csv(CsvTable::Residual),
        Export::Annual(AnnualCsv::Figures),
        Export::Annual(AnnualCsv::Exceedance),
        Export::Review,
        Export::ReviewHtml,
    ];

    fn id(self) -> String {
        match self {
            Export::Scenario => "export-scenario".into(),
            Export::Results => "export-results".into(),
            Export::Csv(t) => format!("export-csv-{}", t.name()),
            Export::Review => "export-review".into(),
            Export::ReviewHtml => "export-review-html".into(),
            Export::Annual(t) => format!("export-annual-{}", t.name()),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Export::Scenario => "Scenario (JSON)",
            Export::Results => "Results (JSON)",
            Export::Csv(CsvTable::Workflows) => "Per workflow (CSV)",
            Export::Csv(CsvTable::Teams) => "Per team (CSV)",
            Export::Csv(CsvTable::Residual) => "Residual over time (CSV)",
            Export::Review => "Risk review (Markdown)",
            Export::ReviewHtml => "Risk review with charts (HTML, prints to PDF)",
            Export::Annual(AnnualCsv::Figures) => "A year of outages: figures (CSV)",
            Export::Annual(_) => "A year of outages: loss exceedance curve (CSV)",
        }
    }

    /// (file name, type, contents); `None` when it needs results and there are none.
    fn render(
        self,
        s: &Scenario,
        results: Option<Results>,
        link: &str,
        zone: Zone,
    ) -> Option<(String, &'static str, String)> {
        if self == Export::Scenario {
            return Some((file::name(s, "scenario", "json"), "application/json", file::scenario_json(s)));
        }
        let Results { report, model, annual, variants } = results?;
        let now = format_utc((js_sys::Date::now() / 1000.0) as i64);
        let source = Source { scenario: s, link, generated_at: Some(&now), zone };
        Some(match self {
            Export::Results => {
                (file::name(s, "results", "json"), "application/json", file::results_json(source, report, variants))
            }
            Export::Csv(t) => (file::name(s, t.name(), "csv"), "text/csv", csv::csv(report, t, zone)),
            Export::ReviewHtml => (
                file::name(s, "review", "html"),
                "text/html",
                html::review_html(source, report, model, annual, variants),
            ),
            Export::Annual(t) => {
                let name = file::name(s, &format!("annual-{}", t.name()), "csv");
                (name, "text/csv", crate::output::annual::annual_csv(model, annual?, t))
            }
            _ => (
                file::name(s, "review", "md"),
                "text/markdown",
                markdown::review_markdown(source, report, annual.map(|a| (model, a)), variants),
            ),
        })
    }
}
