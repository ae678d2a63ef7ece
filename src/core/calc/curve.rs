//! Loss against outage length: the same scope, or the same timeline
//! stretched, evaluated at many lengths. Fallback delays and working hours
//! show as bends.

use crate::calc::engine::Engine;
use crate::input::model::{Incident, Model};
use crate::time::stretch::Stretch;
use crate::time::SECONDS_PER_HOUR;

/// Incidents of `model`'s outage stretched to `hours` from the outage start.
pub fn stretched(model: &Model, hours: f64) -> Vec<Incident> {
    let start = model.outage.start;
    let incidents = &model.outage.incidents;
    // Whole seconds, as the model counts time.
    let length = hours * SECONDS_PER_HOUR as f64;
    let Some(stretch) = Stretch::to_length(incidents.iter().map(|i| (i.end - start) as f64), length) else {
        return Vec::new();
    };
    incidents
        .iter()
        .map(|i| {
            let (s, e) = stretch.span((i.start - start) as f64, (i.end - start) as f64);
            Incident { start: start + s as i64, end: start + e as i64, ..*i }
        })
        .collect()
}

/// One point of the curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub hours: f64,
    pub person_hours: f64,
    pub cost: f64,
}

/// The lengths the curve is drawn at: from 0 to 48 hours, or a quarter past
/// the outage's own length when that is longer, in at most 200 steps of a
/// round size (15 minutes up to 48 hours).
pub fn lengths(own_hours: f64) -> Vec<f64> {
    let end = (own_hours * 1.25).max(48.0);
    let step = [0.25, 0.5, 1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 72.0].into_iter().find(|s| end / s <= 200.0).unwrap_or(72.0);
    let n = (end / step).ceil() as usize;
    (0..=n).map(|k| k as f64 * step).collect()
}

/// Above this many workflows an organisation's curve takes every fourth
/// length: each point is a whole evaluation.
pub const LARGE_WORKFLOWS: usize = 500;

/// The lengths drawn for `model`: [`lengths`], every fourth for a large one.
pub fn lengths_for(model: &Model, own_hours: f64) -> Vec<f64> {
    let step = if model.workflows.len() > LARGE_WORKFLOWS { 4 } else { 1 };
    lengths(own_hours).into_iter().step_by(step).collect()
}

/// The whole curve, as the page draws it: a point at each of [`lengths_for`].
pub fn points(engine: &Engine, own_hours: f64) -> Vec<Point> {
    lengths_for(engine.model, own_hours).into_iter().map(|h| point(engine, h)).collect()
}

pub fn point(engine: &Engine, hours: f64) -> Point {
    if hours <= 0.0 {
        return Point { hours, person_hours: 0.0, cost: 0.0 };
    }
    let eval = engine.evaluate(&stretched(engine.model, hours));
    Point { hours, person_hours: eval.person_hours(), cost: eval.cost() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::presets::{example, with_scope, Scope};
    use crate::validate;

    #[test]
    fn the_curve_passes_through_the_scenario_itself_and_rises_for_one_scope() {
        let s = with_scope(&example(), &Scope::Provider("Primary AI provider".into()), 240.0).unwrap();
        let m = validate(&s).unwrap();
        let engine = Engine::new(&m);
        let at4 = point(&engine, 4.0);
        assert!((at4.cost - crate::Report::build(&m).totals.cost).abs() < 1e-6);
        let costs: Vec<f64> = lengths(4.0).iter().map(|&h| point(&engine, h).person_hours).collect();
        assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-9), "one scope: longer never loses less");
        assert_eq!(costs[0], 0.0);
    }

    #[test]
    fn the_curve_reaches_past_the_outage_s_own_length() {
        #[rustfmt::skip]
        let cases = [
            // (own length in hours, last length, step)
            (4.0, 48.0, 0.25),
            (168.0, 210.0, 2.0),
            (24.0 * 366.0, 24.0 * 366.0 * 1.25, 72.0),
        ];
        for (own, last, step) in cases {
            let l = lengths(own);
            assert!(*l.last().unwrap() >= last && *l.last().unwrap() < last + step, "{own}: ends at {:?}", l.last());
            assert_eq!(l[1] - l[0], step, "{own}");
            assert!(l.len() <= 201 + 1, "{own}: {} points", l.len());
        }
    }
}
