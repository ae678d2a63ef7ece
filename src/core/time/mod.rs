//! Time: instants and durations in whole seconds, the one set of time
//! constants, the built-in IANA zones, working calendars, and how a timeline
//! is stretched to a new length.

pub mod calendar;
pub mod local;
pub mod stretch;
pub mod zones;

/// Instants are whole seconds since the Unix epoch, UTC.
pub type Instant = i64;
/// Durations are whole seconds.
pub type Seconds = i64;

pub const SECONDS_PER_MINUTE: Seconds = 60;
pub const SECONDS_PER_HOUR: Seconds = 3600;
pub const SECONDS_PER_DAY: Seconds = 86_400;
pub const MINUTES_PER_HOUR: u32 = 60;
pub const MINUTES_PER_DAY: u32 = 1440;
/// The longest outage the calculator looks at: one year (366 days), in minutes.
pub const MAX_OUTAGE_MINUTES: f64 = 366.0 * MINUTES_PER_DAY as f64;

/// A duration in hours.
pub fn hours(seconds: Seconds) -> f64 {
    seconds as f64 / SECONDS_PER_HOUR as f64
}

/// Minutes (fractions allowed) to whole seconds, rounded; 0 for a value that
/// is not finite (validation reports it).
pub fn minutes_to_seconds(minutes: f64) -> Seconds {
    if minutes.is_finite() {
        (minutes * SECONDS_PER_MINUTE as f64).round() as Seconds
    } else {
        0
    }
}

/// An instant as RFC 3339 in UTC: "2026-03-02T11:49:00Z". Written out by
/// hand: chrono's format strings are slow and large in the page.
pub fn format_utc(t: Instant) -> String {
    use chrono::{Datelike, Timelike};
    match chrono::DateTime::from_timestamp(t, 0) {
        Some(d) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        None => t.to_string(),
    }
}

/// Reads an RFC 3339 instant ("2026-03-02T11:49:00Z", or with an offset).
pub fn parse_utc(text: &str) -> Option<Instant> {
    chrono::DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_print_as_rfc_3339_utc() {
        for text in ["2026-03-02T11:49:00Z", "1991-01-01T00:00:00Z", "2199-12-31T23:59:59Z"] {
            assert_eq!(format_utc(parse_utc(text).unwrap()), text);
        }
        assert_eq!(parse_utc("2026-03-02T12:49:00+01:00"), parse_utc("2026-03-02T11:49:00Z"));
        assert_eq!(parse_utc("yesterday"), None);
    }

    #[test]
    fn minutes_become_whole_seconds() {
        assert_eq!(minutes_to_seconds(1.5), 90);
        assert_eq!(minutes_to_seconds(0.0083), 0);
        assert_eq!(minutes_to_seconds(f64::NAN), 0);
        assert_eq!(hours(5400), 1.5);
    }
}
