//! The annual view as text: its tables (the page shows them, the reports
//! print them), its CSV and its results file.

use crate::calc::compare::VariantFigures;
use serde::Serialize;

use crate::calc::annual::simulate::{Estimate, Percentile};
use crate::calc::annual::Annual;
use crate::input::model::Model;
use crate::input::number::grouped;
use crate::output::csv::{quoted, safe_cell};
use crate::output::file::Source;
use crate::output::format::{hours, money, num, percent};
use crate::output::review::{Block, Section};
use crate::output::share::input_hash;
use crate::output::table::{pick, Table};

/// How the figures are made, in the page's and the reports' words.
pub const METHOD_NOTE: &str = "Each component fails as a Poisson process at its incidents per year, each incident \
    lasting a lognormal duration fitted to its 90% range, starting at any time of the year. Expected figures, the \
    chance of a year without loss, shares and fallback values take each incident alone through the exact incident \
    model, over every duration and 250 start times across the year; percentiles and the exceedance curve follow \
    from them as a compound Poisson. The simulation runs whole years, overlapping incidents together, and shows \
    its standard errors and 95% intervals; its overlap effect is what taking incidents one at a time leaves out.";

/// What the fallback table's columns mean, in the page's and the reports' words.
pub const FALLBACKS_NOTE: &str = "Avoided is what the workflow would lose in a year without the fallback less \
    what it loses with it, the fallback's running cost already paid out of it; the net benefit then takes off the \
    fixed cost. It pays for itself when the outages of what the workflow needs come to more than the hours shown a \
    year (the avoided loss growing with them).";

pub const AVAILABILITY_NOTE: &str = "Availability assumes components fail independently: a workflow is up when \
    everything it needs is up; with fallbacks, when it or one of its fallbacks' paths is up. A component without an \
    SLA takes what its incidents a year leave.";

fn share_name(model: &Model, c: usize) -> String {
    model.components[c].name.clone()
}

/// The year's figures: with the fallbacks, without any, and the simulation.
pub fn figures_table(a: &Annual, cur: &str) -> Table {
    let (w, wo, sim) = (&a.with_fallbacks, &a.without_fallbacks, &a.simulation);
    let mut t = Table::new(&["Measure", "With fallbacks", "Without fallbacks", "Simulated (with)"], cur);
    let m = |x: f64| money(x, cur);
    let est = |e: &Estimate| format!("{} ± {}", money(e.value, cur), money(e.standard_error, cur));
    let pct = |p: &Percentile| format!("{} ({}–{})", money(p.value, cur), money(p.low, cur), money(p.high, cur));
    t.rows = vec![
        vec!["Expected annual loss".into(), m(w.expected_cost), m(wo.expected_cost), est(&sim.expected_cost)],
        vec![
            "Expected person-hours lost".into(),
            num(w.expected_person_hours, 1),
            num(wo.expected_person_hours, 1),
            format!(
                "{} ± {}",
                num(sim.expected_person_hours.value, 1),
                num(sim.expected_person_hours.standard_error, 1)
            ),
        ],
        vec!["Median year".into(), m(w.median), m(wo.median), pct(&sim.median)],
        vec!["1 year in 10 (p90)".into(), m(w.p90), m(wo.p90), pct(&sim.p90)],
        vec!["1 year in 20 (p95)".into(), m(w.p95), m(wo.p95), pct(&sim.p95)],
        vec!["1 year in 100 (p99)".into(), m(w.p99), m(wo.p99), pct(&sim.p99)],
        vec![
            "Chance of a year with no loss".into(),
            percent(w.no_loss_chance),
            percent(wo.no_loss_chance),
            format!("{} ± {}", percent(sim.no_loss_chance.value), percent(sim.no_loss_chance.standard_error)),
        ],
        vec![
            "Worst incident of the year, expected".into(),
            m(w.worst_incident_expected),
            m(wo.worst_incident_expected),
            "".into(),
        ],
        vec!["Worst incident of the year, p95".into(), m(w.worst_incident_p95), m(wo.worst_incident_p95), "".into()],
    ];
    t
}

/// What the simulation covered and what overlaps change.
pub fn simulation_note(a: &Annual, cur: &str) -> String {
    let sim = &a.simulation;
    let capped = if sim.years < sim.years_asked {
        format!(
            " (of the {} asked for: the simulation stops at {} workflow evaluations, and this organisation's incidents reach many workflows)",
            grouped(sim.years_asked as u64),
            grouped(crate::calc::annual::SIMULATED_EVALUATIONS as u64)
        )
    } else {
        String::new()
    };
    format!(
        "Simulated {} years{capped} with seed {}: {} incidents, {} of them overlapping another. Overlaps change the \
         expected loss by {} ± {} a year; incidents one at a time give {} ± {} (one at a time, exactly: {}).",
        grouped(sim.years as u64),
        sim.seed,
        grouped(sim.incidents),
        grouped(sim.overlapping_incidents),
        money(sim.overlap_effect.value, cur),
        money(sim.overlap_effect.standard_error, cur),
        money(sim.one_at_a_time_cost.value, cur),
        money(sim.one_at_a_time_cost.standard_error, cur),
        money(a.with_fallbacks.expected_cost, cur),
    )
}

/// Each component's share; with a `limit`, the largest shares.
pub fn components_table(model: &Model, a: &Annual, limit: Option<usize>) -> Table {
    let cur = &model.currency;
    let mut t = Table::new(
        &[
            "Component",
            "Incidents a year",
            "Hours down a year",
            "Cost an incident ({cur})",
            "Expected a year ({cur})",
            "Share",
        ],
        cur,
    );
    t.of = a.components.len();
    t.rows = pick(a.components.iter().map(|c| c.expected_cost), limit)
        .into_iter()
        .map(|k| {
            let c = &a.components[k];
            vec![
                share_name(model, c.component),
                num(c.incidents_per_year, 2),
                hours(c.incident_hours),
                money(c.cost_per_incident, cur),
                money(c.expected_cost, cur),
                percent(c.share),
            ]
        })
        .collect();
    t
}

/// Each fallback's worth; with a `limit`, those that avoid most.
pub fn fallbacks_table(model: &Model, a: &Annual, limit: Option<usize>) -> Table {
    let cur = &model.currency;
    let mut t = Table::new(
        &[
            "Fallback",
            "Workflow",
            "Avoided a year, after running ({cur})",
            "Running ({cur})",
            "Fixed ({cur})",
            "Net benefit ({cur})",
            "Return",
            "Pays for itself at",
        ],
        cur,
    );
    t.numeric[1] = false;
    t.of = a.fallbacks.len();
    t.ranked = "that avoid most";
    t.rows = pick(a.fallbacks.iter().map(|f| f.avoided_cost), limit)
        .into_iter()
        .map(|k| {
            let f = &a.fallbacks[k];
            let wf = &model.workflows[f.workflow];
            vec![
                wf.fallbacks[f.fallback].name.clone(),
                wf.name.clone(),
                money(f.avoided_cost, cur),
                money(f.running_cost, cur),
                money(f.fixed_cost, cur),
                money(f.net_benefit, cur),
                f.return_on_cost.map_or("no cost".into(), percent),
                match f.break_even_hours {
                    Some(h) if f.fixed_cost == 0.0 || h == 0.0 => "always".into(),
                    Some(h) => format!("{} of outage a year", hours(h)),
                    None => "never".into(),
                },
            ]
        })
        .collect();
    t
}

/// Each workflow's availability; with a `limit`, those down most with their fallbacks.
pub fn availability_table(model: &Model, a: &Annual, limit: Option<usize>) -> Table {
    let mut t = Table::new(
        &["Workflow", "Needs all up", "Down a year", "With fallbacks", "Down a year, with fallbacks"],
        &model.currency,
    );
    let workflows = &a.availability.workflows;
    t.of = workflows.len();
    t.ranked = "down most";
    t.rows = pick(workflows.iter().map(|w| w.downtime_hours_with_fallbacks), limit)
        .into_iter()
        .map(|k| {
            let w = &workflows[k];
            vec![
                model.workflows[w.workflow].name.clone(),
                availability(w.serial),
                hours(w.downtime_hours),
                availability(w.with_fallbacks),
                hours(w.downtime_hours_with_fallbacks),
            ]
        })
        .collect();
    t
}

/// Each component's availability; with a `limit`, those down most.
pub fn component_availability_table(model: &Model, a: &Annual, limit: Option<usize>) -> Table {
    let mut t = Table::new(&["Component", "SLA", "Down a year (SLA)", "Down a year (incidents)"], &model.currency);
    let components = &a.availability.components;
    t.of = components.len();
    t.ranked = "down most";
    t.rows = pick(components.iter().map(|c| c.downtime_hours), limit)
        .into_iter()
        .map(|k| {
            let c = &components[k];
            vec![
                model.components[c.component].name.clone(),
                c.sla.map_or("none".into(), availability),
                hours(c.downtime_hours),
                c.incident_hours.map_or("none".into(), hours),
            ]
        })
        .collect();
    t.of = t.rows.len();
    t
}

/// 0.999 as "99.9%", 0.99999 as "99.999%": as many nines as it has.
fn availability(x: f64) -> String {
    let p = x * 100.0;
    let text = format!("{p:.4}");
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

pub fn exceedance_table(a: &Annual, cur: &str) -> Table {
    let mut t = Table::new(&["Annual loss ({cur})", "Chance of more, with fallbacks", "Without fallbacks"], cur);
    let without = &a.without_fallbacks.exceedance;
    t.rows = a
        .with_fallbacks
        .exceedance
        .iter()
        .step_by(4)
        .map(|&(x, p)| vec![money(x, cur), percent(p), percent(chance_at(without, x))])
        .collect();
    t.of = t.rows.len();
    t
}

/// A curve's chance at `x`: that of the last point at or below it.
pub fn chance_at(curve: &[(f64, f64)], x: f64) -> f64 {
    curve.iter().take_while(|p| p.0 <= x).last().map_or(curve.first().map_or(0.0, |p| p.1), |p| p.1)
}

pub fn tolerance_table(a: &Annual, cur: &str) -> Table {
    let mut t = Table::new(&["Annual loss ({cur})", "Chance allowed", "Chance of more", "Within tolerance"], cur);
    t.rows = a
        .tolerance
        .iter()
        .map(|c| {
            vec![
                money(c.loss, cur),
                percent(c.allowed),
                percent(c.chance),
                if c.breached { "no" } else { "yes" }.into(),
            ]
        })
        .collect();
    t.of = t.rows.len();
    t
}

/// The annual sections of the risk review.
pub fn review_sections(model: &Model, a: &Annual) -> Vec<Section> {
    let cur = &model.currency;
    let mut year = vec![Block::Paragraph(METHOD_NOTE.into()), Block::Table(figures_table(a, cur))];
    year.push(Block::Paragraph(simulation_note(a, cur)));
    if !a.tolerance.is_empty() {
        year.push(Block::Table(tolerance_table(a, cur)));
        year.push(Block::Paragraph(crossings_sentence(a, cur)));
    }
    year.push(Block::Table(exceedance_table(a, cur)));
    vec![
        Section { title: format!("A year of outages ({})", a.year), blocks: year },
        Section {
            title: "Where the year's loss comes from".into(),
            blocks: vec![Block::Table(components_table(model, a, None))],
        },
        Section {
            title: "What each fallback is worth a year".into(),
            blocks: vec![Block::Paragraph(FALLBACKS_NOTE.into()), Block::Table(fallbacks_table(model, a, None))],
        },
        Section {
            title: "Availability".into(),
            blocks: vec![
                Block::Paragraph(AVAILABILITY_NOTE.into()),
                Block::Table(component_availability_table(model, a, None)),
                Block::Table(availability_table(model, a, None)),
            ],
        },
    ]
}

/// Where the exceedance curve crosses the tolerance, in words.
pub fn crossings_sentence(a: &Annual, cur: &str) -> String {
    let breached: Vec<String> = a
        .tolerance
        .iter()
        .filter(|t| t.breached)
        .map(|t| {
            let (loss, chance, allowed) = (money(t.loss, cur), percent(t.chance), percent(t.allowed));
            format!("a {chance} chance of losing more than {loss} in a year, where your tolerance allows {allowed}")
        })
        .collect();
    let verdict = match breached.len() {
        0 => "With the fallbacks, the year stays within your tolerance at every point you gave.".to_string(),
        _ => format!("Over your tolerance with the fallbacks: {}.", breached.join("; ")),
    };
    let crossings: Vec<String> = a.tolerance_crossings.iter().map(|&x| money(x, cur)).collect();
    match crossings.len() {
        0 => verdict,
        _ => format!("{verdict} The curve with fallbacks crosses your tolerance line at {}.", crossings.join(", ")),
    }
}

/// Which annual CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnualCsv {
    Figures,
    Exceedance,
    Components,
    Fallbacks,
}

impl AnnualCsv {
    pub fn name(self) -> &'static str {
        match self {
            AnnualCsv::Figures => "figures",
            AnnualCsv::Exceedance => "exceedance",
            AnnualCsv::Components => "components",
            AnnualCsv::Fallbacks => "fallbacks",
        }
    }

    pub fn parse(s: &str) -> Option<AnnualCsv> {
        Some(match s {
            "figures" => AnnualCsv::Figures,
            "exceedance" => AnnualCsv::Exceedance,
            "components" => AnnualCsv::Components,
            "fallbacks" => AnnualCsv::Fallbacks,
            _ => return None,
        })
    }
}

/// An annual table as CSV, plain numbers for machines.
pub fn annual_csv(model: &Model, a: &Annual, table: AnnualCsv) -> String {
    let cur = &model.currency;
    let rows: Vec<Vec<String>> = match table {
        AnnualCsv::Figures => figures_rows(a, cur),
        AnnualCsv::Exceedance => {
            let mut rows = vec![vec![
                format!("annual_loss_{cur}"),
                "chance_of_more_with_fallbacks".into(),
                "chance_of_more_without_fallbacks".into(),
            ]];
            rows.extend(
                a.with_fallbacks
                    .exceedance
                    .iter()
                    .map(|&(x, p)| vec![num(x, 2), num(p, 6), num(chance_at(&a.without_fallbacks.exceedance, x), 6)]),
            );
            rows
        }
        AnnualCsv::Components => {
            let mut rows = vec![vec![
                "component_id".into(),
                "component".into(),
                "incidents_per_year".into(),
                "incident_hours_per_year".into(),
                format!("cost_per_incident_{cur}"),
                format!("expected_cost_{cur}"),
                "expected_person_hours".into(),
                "share".into(),
            ]];
            rows.extend(a.components.iter().map(|c| {
                let comp = &model.components[c.component];
                vec![
                    safe_cell(&comp.id),
                    safe_cell(&comp.name),
                    num(c.incidents_per_year, 4),
                    num(c.incident_hours, 4),
                    num(c.cost_per_incident, 2),
                    num(c.expected_cost, 2),
                    num(c.expected_person_hours, 2),
                    num(c.share, 6),
                ]
            }));
            rows
        }
        AnnualCsv::Fallbacks => {
            let mut rows = vec![vec![
                "workflow_id".into(),
                "fallback".into(),
                format!("avoided_{cur}"),
                format!("running_{cur}"),
                format!("fixed_{cur}"),
                format!("net_benefit_{cur}"),
                "return".into(),
                "outage_hours_per_year".into(),
                "break_even_outage_hours".into(),
            ]];
            rows.extend(a.fallbacks.iter().map(|f| {
                let wf = &model.workflows[f.workflow];
                let opt = |x: Option<f64>| x.map_or(String::new(), |x| num(x, 4));
                vec![
                    safe_cell(&wf.id),
                    safe_cell(&wf.fallbacks[f.fallback].name),
                    num(f.avoided_cost, 2),
                    num(f.running_cost, 2),
                    num(f.fixed_cost, 2),
                    num(f.net_benefit, 2),
                    opt(f.return_on_cost),
                    num(f.outage_hours, 4),
                    opt(f.break_even_hours),
                ]
            }));
            rows
        }
    };
    rows.iter().map(|r| r.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(",") + "\n").collect()
}

/// measure, value, standard error, interval: every simulated figure with its uncertainty.
fn figures_rows(a: &Annual, cur: &str) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "measure".into(),
        "method".into(),
        format!("value_{cur}_or_chance"),
        "standard_error".into(),
        "interval_low".into(),
        "interval_high".into(),
    ]];
    let (w, wo, s) = (&a.with_fallbacks, &a.without_fallbacks, &a.simulation);
    for (side, o) in [("with_fallbacks", w), ("without_fallbacks", wo)] {
        for (name, x) in [
            ("expected_loss", o.expected_cost),
            ("expected_person_hours", o.expected_person_hours),
            ("p50", o.median),
            ("p90", o.p90),
            ("p95", o.p95),
            ("p99", o.p99),
            ("no_loss_chance", o.no_loss_chance),
            ("worst_incident_expected", o.worst_incident_expected),
            ("worst_incident_p95", o.worst_incident_p95),
        ] {
            rows.push(vec![
                name.into(),
                format!("one_at_a_time_{side}"),
                num(x, 6),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let est = |name: &str, e: &Estimate| {
        vec![
            name.to_string(),
            "simulation".into(),
            num(e.value, 6),
            num(e.standard_error, 6),
            String::new(),
            String::new(),
        ]
    };
    let pct = |name: &str, p: &Percentile| {
        vec![name.to_string(), "simulation".into(), num(p.value, 2), String::new(), num(p.low, 2), num(p.high, 2)]
    };
    rows.extend([
        est("expected_loss", &s.expected_cost),
        est("expected_person_hours", &s.expected_person_hours),
        est("one_at_a_time_loss", &s.one_at_a_time_cost),
        est("overlap_effect", &s.overlap_effect),
        est("no_loss_chance", &s.no_loss_chance),
        pct("p50", &s.median),
        pct("p90", &s.p90),
        pct("p95", &s.p95),
        pct("p99", &s.p99),
    ]);
    rows
}

/// The annual results file: the scenario and its annual figures.
/// The annual view's file; with variants, their figures side by side.
pub fn annual_json(source: Source, a: &Annual, variants: &[VariantFigures]) -> String {
    #[derive(Serialize)]
    struct AnnualFile<'a> {
        app: &'static str,
        app_version: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        generated_at: Option<&'a str>,
        input_hash: String,
        link: &'a str,
        scenario: &'a crate::input::scenario::Scenario,
        annual: &'a Annual,
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        variants: &'a [VariantFigures],
    }
    let file = AnnualFile {
        app: "Outage Impact",
        app_version: crate::VERSION,
        generated_at: source.generated_at,
        input_hash: input_hash(source.scenario),
        link: source.link,
        scenario: source.scenario,
        annual: a,
        variants,
    };
    crate::input::json::pretty(&file) + "\n"
}

/// The annual view as a Markdown document of its own (`annual --format md`).
/// With variants ("As is" first), their comparison comes first.
pub fn annual_markdown(model: &Model, a: &Annual, variants: &[VariantFigures]) -> String {
    let mut s = format!("# A year of outages: {}\n\n", crate::output::markdown::inert(&model.name));
    let comparison = (variants.len() > 1).then(|| crate::output::compare::review_section(variants, &model.currency));
    for section in comparison.into_iter().chain(review_sections(model, a)) {
        s.push_str(&crate::output::markdown::section(&section));
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}
