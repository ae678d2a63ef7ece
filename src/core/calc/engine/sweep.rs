//! One workflow, evaluated exactly: its incidents' factors, the episodes
//! where its service is degraded, when each fallback is engaged, then one
//! sweep over every change point, integrating lost working time between them.

use super::{Engine, FallbackOutcome, WorkflowOutcome};
use crate::input::model::{Incident, Workflow};
use crate::time::calendar::WorkCalendar;
use crate::time::{hours, Instant};

/// What a sweep writes down besides the totals: nothing ([`Totals`], for
/// the curve, blast radius and fallback value), or the residual steps,
/// engagements and loss rate the report shows ([`Detail`]).
pub(super) trait Record {
    fn new(incidents: usize) -> Self;
    fn residual(&mut self, t: Instant, r: f64);
    fn loss(&mut self, from: Instant, to: Instant, rate: f64);
    /// (residual, fallbacks, loss rate) for the outcome.
    fn finish(self, spans: &[Vec<(Instant, Instant)>], running: &[f64]) -> Detail;
}

/// Nothing but the totals: no allocation per workflow.
pub(super) struct Totals;

impl Record for Totals {
    fn new(_: usize) -> Self {
        Totals
    }
    fn residual(&mut self, _: Instant, _: f64) {}
    fn loss(&mut self, _: Instant, _: Instant, _: f64) {}
    fn finish(self, _: &[Vec<(Instant, Instant)>], _: &[f64]) -> Detail {
        Detail::default()
    }
}

/// Residual steps, fallback engagements and loss rate.
#[derive(Default)]
pub(super) struct Detail {
    pub residual: Vec<(Instant, f64)>,
    pub fallbacks: Vec<FallbackOutcome>,
    pub loss_rate: Vec<(Instant, Instant, f64)>,
}

impl Record for Detail {
    fn new(incidents: usize) -> Self {
        Detail { residual: Vec::with_capacity(2 * incidents + 1), ..Detail::default() }
    }
    fn residual(&mut self, t: Instant, r: f64) {
        if self.residual.last().map(|&(_, v)| v) != Some(r) {
            self.residual.push((t, r));
        }
    }
    fn loss(&mut self, from: Instant, to: Instant, rate: f64) {
        self.loss_rate.push((from, to, rate));
    }
    fn finish(mut self, spans: &[Vec<(Instant, Instant)>], running: &[f64]) -> Detail {
        self.fallbacks = spans
            .iter()
            .zip(running)
            .map(|(engaged, &running_cost)| FallbackOutcome { engaged: engaged.clone(), running_cost })
            .collect();
        self
    }
}

/// One workflow's incidents: each with its row of exponents, in start order,
/// and their positions in end order.
pub(super) struct Touching<'i> {
    pub incidents: Vec<(&'i Incident, u32)>,
    pub end_order: Vec<u32>,
}

/// Buffers reused from one workflow to the next within an evaluation.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per incident, its factor in the primary health then in each fallback's.
    factors: Vec<f64>,
    episodes: Vec<(Instant, Instant)>,
    /// Each fallback's engaged spans, and its running cost.
    spans: Vec<Vec<(Instant, Instant)>>,
    running: Vec<f64>,
    /// Whether each incident can change the residual at all.
    matters: Vec<bool>,
    active: Vec<u32>,
    engaged: Vec<bool>,
    next_engagement: Vec<usize>,
    health: Vec<f64>,
}

impl Engine<'_> {
    /// Workflow `w` over the incidents that touch it, with fallback
    /// `left_out` (if any) as if it did not exist.
    pub(super) fn sweep_workflow<R: Record>(
        &self,
        w: usize,
        touching: &Touching,
        window: (Instant, Instant),
        working: &[(Instant, Instant)],
        scratch: &mut Scratch,
        left_out: Option<usize>,
    ) -> WorkflowOutcome {
        let wf = &self.model.workflows[w];
        let team = &self.model.teams[wf.team];
        let incidents = &touching.incidents;
        scratch.factors(&self.exponents, incidents, 1 + wf.fallbacks.len());
        scratch.episodes(incidents, 1 + wf.fallbacks.len());
        scratch.engagements(wf, left_out);
        scratch.matters(incidents, wf.fallbacks.len());
        let weight = team.headcount * wf.share * (1.0 + wf.recovery_overhead);
        let mut record = R::new(incidents.len());
        let loss_hours = scratch.sweep(wf, touching, window, working, weight, &mut record);
        let person_hours = weight * loss_hours;
        let detail = record.finish(&scratch.spans[..wf.fallbacks.len()], &scratch.running);
        WorkflowOutcome {
            workflow: w,
            person_hours,
            labour_cost: person_hours * team.hourly_cost,
            fallback_cost: super::sum(scratch.running.iter().copied()),
            residual: detail.residual,
            fallbacks: detail.fallbacks,
            loss_rate: detail.loss_rate,
        }
    }
}

impl Scratch {
    /// Each incident's factor in each health: column 0 the primary, column
    /// 1 + k fallback k. A factor is (1 − severity)^times, where times counts
    /// the dependency paths that reach the component.
    fn factors(&mut self, exponents: &[u32], incidents: &[(&Incident, u32)], width: usize) {
        self.factors.clear();
        for &(i, row) in incidents {
            let a = 1.0 - i.severity;
            let row = &exponents[row as usize..row as usize + width];
            self.factors.extend(row.iter().map(|&e| match e {
                0 => 1.0,
                1 => a,
                e => a.powi(e.min(i32::MAX as u32) as i32),
            }));
        }
    }

    /// Episodes: spans where some incident lowers the primary health, merged
    /// when they touch (health never got back to 1). `incidents` comes in
    /// start order, so the spans do too.
    fn episodes(&mut self, incidents: &[(&Incident, u32)], width: usize) {
        let episodes = &mut self.episodes;
        episodes.clear();
        let lowering = incidents.iter().enumerate().filter(|&(n, _)| self.factors[n * width] < 1.0);
        for (start, end) in lowering.map(|(_, (i, _))| (i.start, i.end)) {
            match episodes.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => episodes.push((start, end)),
            }
        }
    }

    /// When each fallback is engaged (episode start + delay to episode end)
    /// and what it costs to run. Kept in reused buffers.
    fn engagements(&mut self, wf: &Workflow, left_out: Option<usize>) {
        let nf = wf.fallbacks.len();
        self.spans.iter_mut().for_each(Vec::clear);
        self.spans.resize_with(nf.max(self.spans.len()), Vec::new);
        self.running.clear();
        self.running.resize(nf, 0.0);
        for (k, f) in wf.fallbacks.iter().enumerate().filter(|&(k, _)| Some(k) != left_out) {
            for &(start, end) in &self.episodes {
                let on = start + f.activation_delay;
                if on < end {
                    self.spans[k].push((on, end));
                    self.running[k] += hours(end - on) * f.running_cost_per_hour;
                }
            }
        }
    }

    /// Which incidents matter: those that lower the primary health, and
    /// those that weaken a fallback while it is engaged.
    fn matters(&mut self, incidents: &[(&Incident, u32)], nf: usize) {
        let width = 1 + nf;
        let (factors, spans) = (&self.factors, &self.spans);
        self.matters.clear();
        self.matters.extend(incidents.iter().enumerate().map(|(n, &(i, _))| {
            factors[n * width] < 1.0
                || (0..nf).any(|k| {
                    factors[n * width + 1 + k] < 1.0 && spans[k].iter().any(|&(on, off)| on < i.end && i.start < off)
                })
        }));
    }

    /// One sweep over every change point, merging the streams that are
    /// already in time order: starts, ends, and each fallback's engagements.
    /// Values are read after all events of an instant. Returns the working
    /// hours lost per person.
    fn sweep<R: Record>(
        &mut self,
        wf: &Workflow,
        touching: &Touching,
        window: (Instant, Instant),
        working: &[(Instant, Instant)],
        weight: f64,
        record: &mut R,
    ) -> f64 {
        let nf = wf.fallbacks.len();
        self.active.clear();
        self.engaged.clear();
        self.engaged.resize(nf, false);
        self.next_engagement.clear();
        self.next_engagement.resize(nf, 0);
        let mut cursor = Cursor::default();
        let mut loss_hours = 0.0;
        let mut t = window.0;
        loop {
            self.pass_events(touching, &mut cursor, t);
            let next = self.next_change(touching, &cursor, t, window.1);
            if t >= window.1 {
                break;
            }
            let r = self.residual(wf);
            record.residual(t, r);
            if r < 1.0 {
                add_lost_hours(&mut loss_hours, working, &mut cursor.shift, (t, next), 1.0 - r, |s, e| {
                    record.loss(s, e, weight * (1.0 - r))
                });
            }
            t = next;
        }
        loss_hours
    }

    /// Starts and ends at or before `t` join or leave the active set.
    fn pass_events(&mut self, touching: &Touching, cursor: &mut Cursor, t: Instant) {
        let (incidents, end_order) = (&touching.incidents, &touching.end_order);
        while cursor.start < incidents.len() && (!self.matters[cursor.start] || incidents[cursor.start].0.start <= t) {
            if self.matters[cursor.start] {
                self.active.push(cursor.start as u32);
            }
            cursor.start += 1;
        }
        while cursor.end < end_order.len() && {
            let n = end_order[cursor.end] as usize;
            !self.matters[n] || incidents[n].0.end <= t
        } {
            let n = end_order[cursor.end];
            if self.matters[n as usize] {
                let at = self.active.iter().position(|&m| m == n).expect("an incident ends after it started");
                self.active.swap_remove(at);
            }
            cursor.end += 1;
        }
    }

    /// The next change point after `t` (at most `end`); also notes which
    /// fallbacks are engaged at `t`.
    fn next_change(&mut self, touching: &Touching, cursor: &Cursor, t: Instant, end: Instant) -> Instant {
        let mut next = end;
        if let Some((i, _)) = touching.incidents.get(cursor.start) {
            next = next.min(i.start);
        }
        if let Some(&n) = touching.end_order.get(cursor.end) {
            next = next.min(touching.incidents[n as usize].0.end);
        }
        for k in 0..self.engaged.len() {
            let list = &self.spans[k];
            loop {
                let Some(&(on, off)) = list.get(self.next_engagement[k]) else {
                    self.engaged[k] = false;
                    break;
                };
                if off <= t {
                    self.next_engagement[k] += 1;
                    continue;
                }
                self.engaged[k] = on <= t;
                next = next.min(if self.engaged[k] { off } else { on });
                break;
            }
        }
        next
    }

    /// The workflow's residual functionality now: health products over the
    /// active incidents, and the best engaged fallback (model.md).
    fn residual(&mut self, wf: &Workflow) -> f64 {
        let width = 1 + wf.fallbacks.len();
        self.health.clear();
        self.health.resize(width, 1.0);
        for &n in &self.active {
            let n = n as usize;
            for (h, f) in self.health.iter_mut().zip(&self.factors[n * width..(n + 1) * width]) {
                *h *= f;
            }
        }
        let p = self.health[0];
        if p >= 1.0 {
            return 1.0;
        }
        let mut best: f64 = 0.0;
        for (k, f) in wf.fallbacks.iter().enumerate() {
            if self.engaged[k] {
                best = best.max(f.coverage * self.health[1 + k]);
            }
        }
        // Every factor is in 0–1, so this is too: no clamp, which would hide
        // a mistake from the property test that checks it.
        1.0 - wf.reliance * (1.0 - p) * (1.0 - best)
    }
}

/// Where a sweep is: the next incident start and end, and the first working
/// interval that may still overlap.
#[derive(Default)]
struct Cursor {
    start: usize,
    end: usize,
    shift: usize,
}

/// Adds to `total` the working hours in `span`, times the part lost; each
/// working piece is also passed to `piece`. `shift` moves past intervals
/// that ended.
fn add_lost_hours(
    total: &mut f64,
    working: &[(Instant, Instant)],
    shift: &mut usize,
    (from, to): (Instant, Instant),
    lost: f64,
    mut piece: impl FnMut(Instant, Instant),
) {
    while *shift < working.len() && working[*shift].1 <= from {
        *shift += 1;
    }
    for &(ws, we) in working[*shift..].iter().take_while(|&&(ws, _)| ws < to) {
        let (s, e) = (ws.max(from), we.min(to));
        if s < e {
            *total += hours(e - s) * lost;
            piece(s, e);
        }
    }
}

/// Working intervals over the window, computed once per distinct calendar
/// when first needed (teams often share one).
pub(super) struct CalendarCache<'k> {
    window: (Instant, Instant),
    slots: Vec<Option<Vec<(Instant, Instant)>>>,
    known: Option<&'k KnownHours>,
}

/// Working intervals over a span, per distinct calendar, worked out once.
pub(crate) struct KnownHours {
    pub span: (Instant, Instant),
    pub intervals: Vec<Vec<(Instant, Instant)>>,
}

impl<'k> CalendarCache<'k> {
    pub fn new(distinct: usize, window: (Instant, Instant), known: Option<&'k KnownHours>) -> Self {
        let known = known.filter(|k| k.span.0 <= window.0 && window.1 <= k.span.1);
        CalendarCache { window, slots: vec![None; distinct], known }
    }

    pub fn get(&mut self, slot: usize, calendar: &WorkCalendar) -> &[(Instant, Instant)] {
        let (window, known) = (self.window, self.known);
        self.slots[slot].get_or_insert_with(|| match known {
            Some(k) => clip(&k.intervals[slot], window),
            None => calendar.working_intervals(window.0, window.1),
        })
    }
}

/// The intervals that overlap `window`, clipped to it.
fn clip(intervals: &[(Instant, Instant)], window: (Instant, Instant)) -> Vec<(Instant, Instant)> {
    let first = intervals.partition_point(|&(_, e)| e <= window.0);
    intervals[first..]
        .iter()
        .take_while(|&&(s, _)| s < window.1)
        .map(|&(s, e)| (s.max(window.0), e.min(window.1)))
        .collect()
}
