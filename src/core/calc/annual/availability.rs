//! Availability from service levels (model.md): a component's SLA gives its
//! expected downtime; a workflow needs all it reaches (availabilities
//! multiply); each fallback with its own components is a parallel path.
//! Failures are taken as independent, as the page says.

use serde::Serialize;

use super::incidents::duration;
use crate::input::model::{Model, Reachable};

/// Hours in a 365-day year: 99.9% is 8 h 46 min down.
pub const HOURS_PER_YEAR: f64 = 8760.0;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentAvailability {
    pub component: usize,
    pub sla: Option<f64>,
    /// The SLA, else what its incidents a year leave (1 − rate × mean
    /// duration / a year), else 1.
    pub availability: f64,
    pub downtime_hours: f64,
    /// The incidents' expected hours down a year, beside the SLA's.
    pub incident_hours: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorkflowAvailability {
    pub workflow: usize,
    /// Everything its needs reach, up at once.
    pub serial: f64,
    /// It, or one of its fallbacks' paths, up.
    pub with_fallbacks: f64,
    pub downtime_hours: f64,
    pub downtime_hours_with_fallbacks: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Availability {
    pub components: Vec<ComponentAvailability>,
    pub workflows: Vec<WorkflowAvailability>,
}

pub fn availability(model: &Model) -> Availability {
    let components: Vec<ComponentAvailability> = model
        .components
        .iter()
        .enumerate()
        .map(|(c, comp)| {
            let incident_hours = comp.incidents.map(|r| r.per_year * duration(&r).mean());
            let availability = comp.sla.or(incident_hours.map(|h| (1.0 - h / HOURS_PER_YEAR).max(0.0))).unwrap_or(1.0);
            ComponentAvailability {
                component: c,
                sla: comp.sla,
                availability,
                downtime_hours: (1.0 - availability) * HOURS_PER_YEAR,
                incident_hours,
            }
        })
        .collect();
    let mut reach = Reachable::new(model.components.len());
    let mut reached = Vec::new();
    let mut path = |needs: &[usize]| {
        reach.walk(&model.components, needs, &mut reached);
        reached.iter().map(|&c| components[c].availability).product::<f64>()
    };
    let workflows = model
        .workflows
        .iter()
        .enumerate()
        .map(|(w, wf)| {
            let serial = path(&wf.needs);
            let all_down = wf.fallbacks.iter().fold(1.0 - serial, |down, f| down * (1.0 - path(&f.needs)));
            WorkflowAvailability {
                workflow: w,
                serial,
                with_fallbacks: 1.0 - all_down,
                downtime_hours: (1.0 - serial) * HOURS_PER_YEAR,
                downtime_hours_with_fallbacks: all_down * HOURS_PER_YEAR,
            }
        })
        .collect();
    Availability { components, workflows }
}
