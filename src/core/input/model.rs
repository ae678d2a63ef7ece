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
    /// Every component once, each after all it depends on.
    pub dependency_order: Vec<usize>,
    pub teams: Vec<Team>,
    pub workflows: Vec<Workflow>,
    pub outage: Outage,
    pub annual: AnnualSettings,
}

/// How the annual view is computed and judged.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnualSettings {
    pub seed: u64,
    pub years: u32,
    /// (annual loss, largest acceptable chance of exceeding it), by loss.
    pub tolerance: Vec<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
    /// Indices into `Model::components`; the graph has no cycle.
    pub depends_on: Vec<usize>,
    /// How often it fails and for how long; `None`: never, in the annual view.
    pub incidents: Option<IncidentRate>,
    /// Its service level (0.999), for the availability figures.
    pub sla: Option<f64>,
}

/// A component's incidents in the annual view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IncidentRate {
    /// Poisson rate, above 0.
    pub per_year: f64,
    /// 90% range of an incident's duration, in hours: 0 < low <= high.
    pub duration_hours_p90: (f64, f64),
    /// 1 = hard down.
    pub severity: f64,
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
    /// Cost a year whether engaged or not.
    pub yearly_cost: f64,
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

    /// Which components the outage takes down, by an incident of its own or
    /// through what it depends on (any severity above 0).
    pub fn down(&self) -> Vec<bool> {
        let mut down = vec![false; self.components.len()];
        for i in self.outage.incidents.iter().filter(|i| i.severity > 0.0) {
            down[i.component] = true;
        }
        for &c in &self.dependency_order {
            down[c] = down[c] || self.components[c].depends_on.iter().any(|&d| down[d]);
        }
        down
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

/// The one walk of the dependency graph: every component once, each after
/// all it depends on (depth first, in list order). `Err` holds a cycle as a
/// closed path (first = last) when the dependencies go round in a circle.
/// Iterative, so a long chain cannot overflow the stack.
pub fn dependency_order(components: &[Component]) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut mark = vec![Mark::New; components.len()];
    let mut order = Vec::with_capacity(components.len());
    // The path from the root, each with the next dependency to visit.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..components.len() {
        if mark[root] != Mark::New {
            continue;
        }
        mark[root] = Mark::OnPath;
        path.push((root, 0));
        while let Some(&mut (node, ref mut next)) = path.last_mut() {
            let Some(&dep) = components[node].depends_on.get(*next) else {
                mark[node] = Mark::Done;
                order.push(node);
                path.pop();
                continue;
            };
            *next += 1;
            match mark[dep] {
                Mark::OnPath => {
                    let from = path.iter().position(|&(c, _)| c == dep).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[from..].iter().map(|&(c, _)| c).collect();
                    cycle.push(dep);
                    return Err(cycle);
                }
                Mark::New => {
                    mark[dep] = Mark::OnPath;
                    path.push((dep, 0));
                }
                Mark::Done => {}
            }
        }
    }
    Ok(order)
}

/// The other half of the dependency walk: what a set of needs reaches.
/// Reused from one walk to the next, so each walk costs the components and
/// links it visits, never the whole graph.
pub struct Reachable {
    /// The walk each component was last visited in.
    seen: Vec<u32>,
    walk: u32,
    stack: Vec<usize>,
}

impl Reachable {
    pub fn new(components: usize) -> Reachable {
        Reachable { seen: vec![0; components], walk: 0, stack: Vec::new() }
    }

    /// Every component `needs` reach, themselves included, each once, into
    /// `out` (cleared first). Returns the steps taken: the components and
    /// the dependency links visited, the work the walk cost.
    pub fn walk(&mut self, components: &[Component], needs: &[usize], out: &mut Vec<usize>) -> usize {
        self.walk += 1;
        out.clear();
        self.stack.clear();
        self.stack.extend_from_slice(needs);
        let mut steps = 0;
        while let Some(c) = self.stack.pop() {
            steps += 1;
            if self.seen[c] == self.walk {
                continue;
            }
            self.seen[c] = self.walk;
            out.push(c);
            self.stack.extend_from_slice(&components[c].depends_on);
        }
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Order = Result<Vec<usize>, Vec<usize>>;

    fn graph(deps: &[&[usize]]) -> Vec<Component> {
        deps.iter()
            .enumerate()
            .map(|(i, d)| Component {
                id: format!("c{i}"),
                name: String::new(),
                provider: None,
                depends_on: d.to_vec(),
                incidents: None,
                sla: None,
            })
            .collect()
    }

    #[test]
    fn dependencies_come_first_and_cycles_are_named() {
        #[rustfmt::skip]
        let cases: &[(&[&[usize]], Order)] = &[
            (&[], Ok(vec![])),
            (&[&[1], &[2], &[]], Ok(vec![2, 1, 0])),
            (&[&[], &[0], &[0, 1]], Ok(vec![0, 1, 2])),
            (&[&[0]], Err(vec![0, 0])),
            (&[&[1], &[2], &[0]], Err(vec![0, 1, 2, 0])),
            (&[&[], &[2], &[1]], Err(vec![1, 2, 1])),
        ];
        for (deps, expected) in cases {
            assert_eq!(&dependency_order(&graph(deps)), expected, "{deps:?}");
        }
    }

    #[test]
    fn needs_reach_what_they_depend_on_once_each() {
        let g = graph(&[&[], &[0], &[0, 1], &[]]);
        let mut reach = Reachable::new(g.len());
        let mut out = Vec::new();
        #[rustfmt::skip]
        let cases: &[(&[usize], &[usize], usize)] = &[
            // (needs, what they reach, sorted; steps: every component taken off the stack)
            (&[2], &[0, 1, 2], 4), (&[3], &[3], 1), (&[1, 3], &[0, 1, 3], 3), (&[], &[], 0),
        ];
        for &(needs, reached, steps) in cases {
            assert_eq!(reach.walk(&g, needs, &mut out), steps, "{needs:?}");
            out.sort_unstable();
            assert_eq!(out, reached, "{needs:?}");
        }
    }

    #[test]
    fn a_long_chain_walks_without_recursion() {
        let n = 100_000;
        let chain: Vec<Component> = (0..n)
            .map(|i| Component {
                id: String::new(),
                name: String::new(),
                provider: None,
                depends_on: if i + 1 < n { vec![i + 1] } else { vec![] },
                incidents: None,
                sla: None,
            })
            .collect();
        let order = dependency_order(&chain).unwrap();
        assert_eq!((order[0], order[n - 1]), (n - 1, 0));
    }
}
