//! A large generated organisation, for benchmarks and for checking that the
//! app stays responsive: teams in five time zones, components layered up to
//! six deep, workflows with fallback chains, a 72-hour outage. Deterministic
//! for a given seed on every platform (PCG, not the platform's SmallRng).

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use crate::input::scenario::{Calendar, Component, Fallback, Incident, Outage, Scenario, Team, Workflow};
use crate::time::calendar::DAY_NAMES;

#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub teams: usize,
    pub workflows: usize,
    pub components: usize,
    pub depth: usize,
    pub incidents: usize,
    pub outage_hours: f64,
}

/// The engine benchmark's organisation: 200 teams, 2,000 workflows, 500
/// components up to 6 deep, 200 incidents over 72 hours.
pub const LARGE: Size =
    Size { teams: 200, workflows: 2000, components: 500, depth: 6, incidents: 200, outage_hours: 72.0 };

const ZONES: [&str; 5] = ["Europe/London", "America/New_York", "Asia/Kolkata", "Asia/Tokyo", "America/Los_Angeles"];

pub fn organisation(size: Size, seed: u64) -> Scenario {
    let mut rng = Pcg64::seed_from_u64(seed);
    // Components in `depth` layers; each depends on 1–3 of the layer below,
    // so the longest chain is exactly `depth` components.
    let per_layer = size.components.div_ceil(size.depth.max(1));
    let mut components: Vec<Component> = Vec::with_capacity(size.components);
    for i in 0..size.components {
        let layer = i / per_layer;
        let depends_on = if layer == 0 {
            Vec::new()
        } else {
            let below = (layer - 1) * per_layer..(layer * per_layer).min(size.components);
            let deps = (0..rng.random_range(1..=3)).map(|_| rng.random_range(below.clone())).collect();
            crate::sort::distinct(deps).into_iter().map(|c| format!("c{c}")).collect()
        };
        components.push(Component {
            id: format!("c{i}"),
            name: format!("Component {i}"),
            provider: Some(format!("Provider {}", i % 10)),
            depends_on,
            incidents_per_year: Some(rng.random_range(0.5..12.0)),
            duration_hours_p90: Some([0.25, rng.random_range(1.0..12.0)]),
            incident_severity: None,
            sla: Some(0.999),
        });
    }
    let teams: Vec<Team> = (0..size.teams)
        .map(|t| {
            let night = t % 7 == 3;
            Team {
                id: format!("t{t}"),
                name: format!("Team {t}"),
                headcount: rng.random_range(3..40) as f64,
                hourly_cost: rng.random_range(30..150) as f64,
                calendar: Calendar {
                    days: DAY_NAMES[..if t % 5 == 0 { 7 } else { 5 }].iter().map(|d| d.to_string()).collect(),
                    start: if night { "22:00".into() } else { "09:00".into() },
                    end: if night { "06:00".into() } else { "17:30".into() },
                    time_zone: ZONES[t % ZONES.len()].into(),
                },
            }
        })
        .collect();
    let per_team = size.workflows.div_ceil(size.teams.max(1));
    let pick_index = |rng: &mut Pcg64| rng.random_range(0..size.components);
    let pick = |rng: &mut Pcg64| format!("c{}", pick_index(rng));
    let workflows: Vec<Workflow> = (0..size.workflows)
        .map(|w| {
            let needs = (0..rng.random_range(1..=3)).map(|_| pick_index(&mut rng)).collect();
            let needs: Vec<String> = crate::sort::distinct(needs).into_iter().map(|c| format!("c{c}")).collect();
            let fallbacks = (0..rng.random_range(0..=2))
                .map(|k| Fallback {
                    name: format!("Fallback {}", k + 1),
                    coverage: rng.random_range(0.2..0.9),
                    activation_delay_minutes: rng.random_range(0..120) as f64,
                    needs: if rng.random_bool(0.5) { vec![pick(&mut rng)] } else { Vec::new() },
                    running_cost_per_hour: rng.random_range(0..50) as f64,
                    yearly_cost: 0.0,
                })
                .collect();
            Workflow {
                id: format!("w{w}"),
                name: format!("Workflow {w}"),
                team: format!("t{}", w / per_team),
                share: 0.9 / per_team as f64,
                needs,
                reliance: rng.random_range(0.1..=1.0),
                fallbacks,
                recovery_overhead: rng.random_range(0.0..0.3),
            }
        })
        .collect();
    // The incidents have their own random stream: the same whatever the
    // number of workflows, so organisations of different sizes compare.
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x1c1d_e275);
    let span = size.outage_hours * crate::time::MINUTES_PER_HOUR as f64;
    let incidents: Vec<Incident> = (0..size.incidents)
        .map(|i| {
            // The first and last incidents pin the window to the full length.
            let (start, end) = match i {
                0 => (0.0, rng.random_range(30.0..600.0)),
                1 => (span - rng.random_range(30.0..600.0), span),
                _ => {
                    let s = rng.random_range(0.0..span - 10.0);
                    (s, (s + rng.random_range(10.0..720.0)).min(span))
                }
            };
            Incident {
                component: pick(&mut rng),
                start_minutes: start.round(),
                end_minutes: end.round(),
                severity: if rng.random_bool(0.4) { 1.0 } else { rng.random_range(0.1..1.0) },
            }
        })
        .collect();
    Scenario {
        version: crate::input::scenario::FORMAT_VERSION,
        name: format!("Generated organisation ({} workflows)", size.workflows),
        currency: "USD".into(),
        target: 0.6,
        components,
        teams,
        workflows,
        outage: Outage { start: "2026-03-02T11:49:00Z".into(), time_zone: None, incidents },
        annual: Default::default(),
        variants: Vec::new(),
        incident_history: Default::default(),
    }
}
