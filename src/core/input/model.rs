//! The validated scenario: ids resolved to indices, times in seconds, every
//! number known to be finite and in range. Only `validate` builds one, so the
//! engine never has to check its input again.

use crate::time::calendar::WorkCalendar;
use crate::time::{Instant, Seconds};

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub name: String,
    pub currency: String,
    pub target: f64,
    pub components: Vec<Component>,
    pub teams: Vec<Team>,
    pub workflows: Vec<Workflow>,
    pub outage: Outage,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
    /// Indices into `Model::components`; the graph has no cycle.
    pub depends_on: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub headcount: f64,
    pub hourly_cost: f64,
    pub calendar: WorkCalendar,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workflow {
    pub id: String,
    pub name: String,
    pub team: usize,
    pub share: f64,
    pub needs: Vec<usize>,
    pub reliance: f64,
    pub fallbacks: Vec<Fallback>,
    pub recovery_overhead: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fallback {
    pub name: String,
    pub coverage: f64,
    pub activation_delay: Seconds,
    pub needs: Vec<usize>,
    pub running_cost_per_hour: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outage {
    pub start: Instant,
    pub incidents: Vec<Incident>,
}

/// One component's trouble, in absolute instants.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Incident {
    pub component: usize,
    pub start: Instant,
    pub end: Instant,
    pub severity: f64,
}

impl Model {
    /// The span the results describe: from the first incident's start to the
    /// last one's end. `None` when there is no incident.
    pub fn outage_window(&self) -> Option<(Instant, Instant)> {
        window_of(&self.outage.incidents)
    }

    /// Workflow capacity weight: headcount × share.
    pub fn weight(&self, workflow: usize) -> f64 {
        let w = &self.workflows[workflow];
        self.teams[w.team].headcount * w.share
    }
}

pub fn window_of(incidents: &[Incident]) -> Option<(Instant, Instant)> {
    let start = incidents.iter().map(|i| i.start).min()?;
    let end = incidents.iter().map(|i| i.end).max()?;
    Some((start, end))
}
