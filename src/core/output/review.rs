//! The risk review, as a document: a summary paragraph, the key figures,
//! every input and result as a table, the charts, the assumptions and what
//! ties it to its inputs. Built once here; `markdown` and `html` only render
//! it, so the two reports always say the same.

use crate::calc::annual::Annual;
use crate::calc::compare::VariantFigures;
use crate::calc::report::Report;
use crate::input::model::Model;
use crate::input::number::fmt_num;
use crate::input::presets::{self, detect_scope, Scope};
use crate::input::scenario::{plain_text, Scenario};
use crate::output::file::Source;
use crate::output::format::{hours, money, percent};
use crate::output::share::input_hash;
use crate::output::table::{self, Table, BLAST_NOTE, FALLBACK_NOTE};
use crate::time::local::{format_in_zone, format_span};
use crate::time::zones::Zone;
use crate::time::{parse_utc, MINUTES_PER_HOUR};

/// One sentence the page and both reports use to say what the functionality
/// figures mean.
pub const FUNCTIONALITY_NOTE: &str = "Residual functionality is the part of its normal output each workflow can \
    still deliver, averaged over workflows weighted by the people and time they take. It counts whether or not \
    anyone is at work, so it holds steady overnight; capacity lost counts working hours only.";

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
    Table(Table),
    /// A chart, drawn where the format can hold a picture.
    Charts,
    /// Where the inputs can be opened again (a link, or a fragment to add).
    Link(String),
}

fn section(title: &str, blocks: Vec<Block>) -> Section {
    Section { title: title.to_string(), blocks }
}

impl Review {
    /// The review of `report`; with `annual`, its annual sections too; with
    /// `variants` (the first "As is"), their comparison after the key figures.
    pub fn build(
        source: Source,
        report: &Report,
        annual: Option<(&Model, &Annual)>,
        variants: &[VariantFigures],
    ) -> Review {
        let zone = source.zone;
        let scenario = source.scenario;
        let mut sections = vec![
            section("The scenario", scenario_facts(scenario, report, zone)),
            section("Key figures", key_figures(report, zone)),
            section("Charts", vec![Block::Paragraph(FUNCTIONALITY_NOTE.into()), Block::Charts]),
        ];
        if variants.len() > 1 {
            sections.insert(2, crate::output::compare::review_section(variants, &report.currency));
        }
        for (title, note, table) in [
            ("Per workflow", "", table::workflow_table(report, None)),
            ("Per team", "", table::team_table(report, None)),
            ("Blast radius", BLAST_NOTE, table::blast_table(report, None)),
            (
                "Fallbacks: when they engaged and what they saved",
                FALLBACK_NOTE,
                table::fallback_table(report, None, zone),
            ),
        ] {
            let mut blocks = Vec::new();
            if !note.is_empty() {
                blocks.push(Block::Paragraph(note.into()));
            }
            blocks.push(Block::Table(table));
            sections.push(section(title, blocks));
        }
        if let Some((model, annual)) = annual {
            sections.extend(crate::output::annual::review_sections(model, annual));
        }
        sections.extend(inputs(scenario, zone));
        sections.push(section("Assumptions", vec![Block::List(ASSUMPTIONS.iter().map(|a| a.to_string()).collect())]));
        sections.push(section("Where these figures come from", provenance(source)));
        Review {
            title: format!("Outage impact: {}", plain_text(&report.scenario)),
            summary: summary(source, report),
            sections,
        }
    }
}

const ASSUMPTIONS: [&str; 5] = [
    "Components fail independently; a component's health is the product of its own and its dependencies' health.",
    "Severities are estimates (1 = hard down, 0.3 = three requests in ten fail).",
    "A fallback engages its switch-over delay after the workflow's service first degrades, and stays engaged until service is back.",
    "Lost capacity counts only working hours in each team's calendar and time zone; fallbacks' running cost counts every engaged hour.",
    "Recovery overhead adds its fraction of the hours lost.",
];

/// What goes down, as a phrase: "the whole of Primary AI provider".
fn scope_phrase(scenario: &Scenario) -> String {
    match detect_scope(scenario) {
        Some(Scope::March2Replay) => "following the March 2, 2026 timeline".into(),
        Some(Scope::Everything) => "of every component".into(),
        Some(Scope::Provider(p)) => format!("of the whole of {}", plain_text(&p)),
        Some(scope @ Scope::Component(_)) => format!("of {}", scope.label(scenario).trim_start_matches("Component: ")),
        None => {
            let mut names: Vec<String> =
                scenario.outage.incidents.iter().map(|i| component_name(scenario, &i.component)).collect();
            names.dedup();
            let n = scenario.outage.incidents.len();
            format!("of {n} incident{} on {}", if n == 1 { "" } else { "s" }, names.join(", "))
        }
    }
}

/// What goes down, as a label: "Whole provider: Primary AI provider".
pub fn scope_label(scenario: &Scenario) -> String {
    match detect_scope(scenario) {
        Some(scope) => scope.label(scenario),
        None => {
            let phrase = scope_phrase(scenario);
            format!("Custom: {}", phrase.trim_start_matches("of "))
        }
    }
}

fn component_name(scenario: &Scenario, id: &str) -> String {
    let c = scenario.components.iter().find(|c| c.id == id);
    c.map_or_else(|| plain_text(id), |c| c.display_name()).into_owned()
}

/// About this much: three significant figures ("about £45,500").
fn about(amount: f64, currency: &str) -> String {
    let magnitude = amount.abs().max(1.0).log10().floor() as i32;
    let unit = 10f64.powi((magnitude - 2).max(0));
    money((amount / unit).round() * unit, currency)
}

/// The paragraph a reviewer reads first.
fn summary(source: Source, report: &Report) -> String {
    let Some(window) = &report.window else {
        return "This scenario has no incident: nothing is lost.".into();
    };
    let cur = &report.currency;
    let t = &report.totals;
    let r = &report.residual;
    let mut s = format!(
        "A {} outage {} from {} costs about {}: {} person-hours of lost work ({}) and {} running fallbacks.",
        length_phrase(window.hours),
        scope_phrase(source.scenario),
        format_in_zone(window.start, source.zone),
        about(t.cost, cur),
        fmt_num((t.person_hours * 10.0).round() / 10.0),
        money(t.labour_cost, cur),
        money(t.fallback_cost, cur),
    );
    s.push_str(&format!(" Functionality falls to {} at its lowest (mean {})", percent(r.minimum), percent(r.mean)));
    match r.first_breach {
        Some(at) => s.push_str(&format!(
            " and is below the {} target for {}, first at {}.",
            percent(report.target),
            hours(r.hours_below_target),
            format_in_zone(at, source.zone)
        )),
        None => s.push_str(&format!(" and never falls below the {} target.", percent(report.target))),
    }
    let worst = report.workflows.iter().max_by(|a, b| a.cost.total_cmp(&b.cost)).filter(|w| w.cost > 0.0);
    if let Some(w) = worst {
        s.push_str(&format!(" The hardest-hit workflow is {} ({}).", plain_text(&w.name), money(w.cost, cur)));
    }
    s
}

/// "48-hour", "90-minute", else "9 h 27 min".
fn length_phrase(h: f64) -> String {
    let minutes = (h * MINUTES_PER_HOUR as f64).round();
    if minutes % MINUTES_PER_HOUR as f64 == 0.0 {
        format!("{}-hour", minutes / MINUTES_PER_HOUR as f64)
    } else if minutes < 120.0 {
        format!("{minutes}-minute")
    } else {
        hours(h)
    }
}

fn scenario_facts(scenario: &Scenario, report: &Report, zone: Zone) -> Vec<Block> {
    let people: f64 = scenario.teams.iter().map(|t| t.headcount).sum();
    let start = parse_utc(&scenario.outage.start)
        .map_or_else(|| plain_text(&scenario.outage.start).into_owned(), |t| format_in_zone(t, zone));
    vec![Block::List(vec![
        format!("What goes down: {}", scope_label(scenario)),
        format!("Outage starts: {start}"),
        format!("Outage length: {}", hours(presets::length_minutes(scenario) / MINUTES_PER_HOUR as f64)),
        format!(
            "Organisation: {} teams, {} people, {} workflows; costs in {}",
            scenario.teams.len(),
            fmt_num(people),
            scenario.workflows.len(),
            report.currency
        ),
        format!("Residual-functionality target: {}", percent(report.target)),
        format!("Times are shown in {}.", zone.name()),
    ])]
}

fn key_figures(report: &Report, zone: Zone) -> Vec<Block> {
    let cur = &report.currency;
    let t = &report.totals;
    let r = &report.residual;
    let window = match &report.window {
        Some(w) => format!("Outage window: {} ({})", format_span(w.start, w.end, zone), hours(w.hours)),
        None => "No incident in this scenario: nothing is lost.".into(),
    };
    vec![Block::List(vec![
        window,
        format!("Capacity lost: {} person-hours", fmt_num((t.person_hours * 10.0).round() / 10.0)),
        format!(
            "Cost: {} ({} of lost work, {} running fallbacks)",
            money(t.cost, cur),
            money(t.labour_cost, cur),
            money(t.fallback_cost, cur)
        ),
        format!("Residual functionality: lowest {}, mean {}", percent(r.minimum), percent(r.mean)),
        format!(
            "Time below the {} target: {}{}",
            percent(report.target),
            hours(r.hours_below_target),
            r.first_breach.map(|b| format!(", first at {}", format_in_zone(b, zone))).unwrap_or_default()
        ),
    ])]
}

/// Every input, as entered, a table each.
fn inputs(scenario: &Scenario, zone: Zone) -> Vec<Section> {
    [
        ("Inputs: teams", table::teams_input(scenario)),
        ("Inputs: components", table::components_input(scenario)),
        ("Inputs: workflows", table::workflows_input(scenario)),
        ("Inputs: fallbacks, in the order each workflow tries them", table::fallbacks_input(scenario)),
        ("Inputs: incidents", table::incidents_input(scenario, zone)),
    ]
    .into_iter()
    .map(|(title, t)| section(title, vec![Block::Table(t)]))
    .collect()
}

fn provenance(source: Source) -> Vec<Block> {
    let mut made = format!("Made with Outage Impact {}", crate::VERSION);
    if let Some(at) = source.generated_at {
        made.push_str(&format!(" on {at}"));
    }
    vec![
        Block::List(vec![format!("Input hash (SHA-256 of the scenario): {}", input_hash(source.scenario)), made]),
        Block::Link(source.link.to_string()),
    ]
}
