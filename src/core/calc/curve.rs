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

/// The lengths the curve is drawn at: every 15 minutes from 0 to 48 hours.
pub fn lengths() -> Vec<f64> {
    (0..=192).map(|q| q as f64 * 0.25).collect()
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
        let costs: Vec<f64> = lengths().iter().map(|&h| point(&engine, h).person_hours).collect();
        assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-9), "one scope: longer never loses less");
        assert_eq!(costs[0], 0.0);
    }
}
