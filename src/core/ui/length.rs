//! The outage-length knob: a logarithmic slider from 5 minutes to 7 days, and
//! an exact field that takes hours or a unit ("90m", "2d").

use crate::input::number::read_decimal;
use crate::input::presets;
use crate::input::scenario::Incident;
use crate::time::{MINUTES_PER_DAY, MINUTES_PER_HOUR};

/// The slider runs from 5 minutes to 7 days on a logarithmic scale.
pub const MIN_MINUTES: f64 = 5.0;
pub const MAX_MINUTES: f64 = 7.0 * MINUTES_PER_DAY as f64;
pub const STEPS: f64 = 1000.0;

pub fn slider_to_minutes(v: f64) -> f64 {
    let m = MIN_MINUTES * (MAX_MINUTES / MIN_MINUTES).powf(v / STEPS);
    // Round to a readable length: whole minutes under 2 h, else 5 minutes.
    if m < 120.0 {
        m.round()
    } else {
        (m / 5.0).round() * 5.0
    }
}

/// The length a slider position asks for, from the current length `now`.
/// Every step moves the length: where rounding lands on the same length, it
/// moves a minute in the slider's direction instead.
pub fn slider_step(position: f64, now: f64) -> f64 {
    let m = slider_to_minutes(position);
    if m != now {
        m
    } else if position > minutes_to_slider(now) {
        now + 1.0
    } else {
        (now - 1.0).max(1.0)
    }
}

pub fn minutes_to_slider(m: f64) -> f64 {
    let m = m.clamp(MIN_MINUTES, MAX_MINUTES);
    (STEPS * (m / MIN_MINUTES).ln() / (MAX_MINUTES / MIN_MINUTES).ln()).round()
}

/// What the length knob stretches: the timeline as it was before the knob
/// first moved it, not the last stretch of it, so rounding to whole minutes
/// never builds up: the replay taken to 5 minutes and back is the replay.
/// An edit to the incidents (anything but the knob's own result) becomes
/// the new timeline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnobTimeline {
    original: Vec<Incident>,
    last: Vec<Incident>,
}

impl KnobTimeline {
    /// `current` stretched to `minutes` from the original timeline.
    pub fn stretch(&mut self, current: &[Incident], minutes: f64) -> Vec<Incident> {
        if current != self.last.as_slice() {
            self.original = current.to_vec();
        }
        let mut out = self.original.clone();
        presets::stretch(&mut out, minutes);
        self.last = out.clone();
        out
    }
}

/// "4", "4.5", "4,5h", "90m", "90 min", "2d" → minutes. The number is read
/// by the rule every number field follows ([`read_decimal`]).
pub fn parse_length(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = t.strip_suffix("min").or_else(|| t.strip_suffix('m')) {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('d') {
        (n, MINUTES_PER_DAY as f64)
    } else if let Some(n) = t.strip_suffix('h') {
        (n, MINUTES_PER_HOUR as f64)
    } else {
        (t.as_str(), MINUTES_PER_HOUR as f64)
    };
    let v: f64 = read_decimal(number.trim()).ok()?.parse().ok()?;
    (v.is_finite() && v > 0.0).then_some(v * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_parse_in_several_units() {
        assert_eq!(parse_length("4"), Some(240.0));
        assert_eq!(parse_length("4.5h"), Some(270.0));
        assert_eq!(parse_length("4,5h"), Some(270.0), "a decimal comma, as in every number field");
        assert_eq!(parse_length("1,000m"), None, "ambiguous: refused, as in every number field");
        assert_eq!(parse_length("90m"), Some(90.0));
        assert_eq!(parse_length("2d"), Some(2880.0));
        assert_eq!(parse_length("soon"), None);
        assert_eq!(parse_length("-1"), None);
    }

    #[test]
    fn every_slider_step_moves_the_length() {
        let at = minutes_to_slider;
        #[rustfmt::skip]
        let cases = [
            // (slider position, length now, length asked for)
            (at(240.0), 60.0, 240.0),
            (at(60.0) + 1.0, 60.0, 61.0),
            (at(60.0) - 1.0, 60.0, 59.0),
            (0.0, 5.0, 4.0),
        ];
        for (position, now, expected) in cases {
            assert_eq!(slider_step(position, now), expected, "position {position} from {now} min");
        }
    }

    #[test]
    fn the_replay_taken_short_and_back_is_the_replay() {
        let example = presets::example();
        let replay = example.outage.incidents.clone();
        let full = presets::length_minutes(&example);
        let mut knob = KnobTimeline::default();
        let short = knob.stretch(&replay, 5.0);
        assert_eq!(presets::length_minutes_of(&short), 5.0);
        assert_eq!(knob.stretch(&short, full), replay);
        // An edit in between is the new timeline.
        let mut edited = knob.stretch(&replay, 60.0);
        edited[0].severity = 0.5;
        let after = knob.stretch(&edited, 120.0);
        assert_eq!(after[0].severity, 0.5);
    }

    #[test]
    fn slider_round_trips() {
        for m in [5.0, 60.0, 240.0, 1440.0, MAX_MINUTES] {
            let back = slider_to_minutes(minutes_to_slider(m));
            assert!((back - m).abs() / m < 0.02, "{m} → {back}");
        }
    }
}
