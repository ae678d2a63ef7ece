//! Stretching a timeline: what the length knob does to the replay or to
//! hand-made incidents, and what the loss-against-length curve does to the
//! outage. One rule for both, in whatever unit the caller counts offsets
//! (whole minutes in the editor, whole seconds in the engine).

/// Scales offsets from the outage start so that the latest end falls at a
/// new length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    factor: f64,
}

impl Stretch {
    /// The stretch that takes a timeline whose spans end at `ends` to
    /// `length`; `None` when the timeline has no length to scale or `length`
    /// is not a finite number. Ends that are not numbers are passed over.
    pub fn to_length(ends: impl Iterator<Item = f64>, length: f64) -> Option<Stretch> {
        let latest = ends.fold(0.0, f64::max);
        (latest.is_finite() && latest > 0.0 && length.is_finite()).then(|| Stretch { factor: length / latest })
    }

    /// A span scaled, each offset rounded to a whole unit; a span never
    /// shrinks below one unit, so no incident disappears.
    pub fn span(self, start: f64, end: f64) -> (f64, f64) {
        let start = (start * self.factor).round();
        (start, (end * self.factor).round().max(start + 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_scale_round_and_keep_a_length() {
        let spans = [(0.0, 60.0), (30.0, 90.0), (89.0, 90.0)];
        let s = Stretch::to_length(spans.iter().map(|s| s.1), 180.0).unwrap();
        let out: Vec<_> = spans.iter().map(|&(a, b)| s.span(a, b)).collect();
        assert_eq!(out, vec![(0.0, 120.0), (60.0, 180.0), (178.0, 180.0)]);
        let shrink = Stretch::to_length([600.0].into_iter(), 1.0).unwrap();
        assert_eq!(shrink.span(0.0, 600.0), (0.0, 1.0));
        assert_eq!(shrink.span(599.0, 600.0), (1.0, 2.0), "at least one unit long");
    }

    #[test]
    fn nothing_to_stretch() {
        assert_eq!(Stretch::to_length(std::iter::empty(), 60.0), None);
        assert_eq!(Stretch::to_length([0.0].into_iter(), 60.0), None);
        assert_eq!(Stretch::to_length([60.0].into_iter(), f64::NAN), None);
        assert!(Stretch::to_length([f64::NAN, 60.0].into_iter(), 30.0).is_some());
    }
}
