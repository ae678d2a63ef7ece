//! The IANA time zones teams can work in, with daylight saving, built in as
//! slim TZif files (transitions from 1990 on, then each zone's own POSIX
//! rule; `scripts/update-zones.py` makes them from tzdata). tz-rs reads them.
//! All 68 zones cost about 20 KB where the full history cost ~250 KB, which
//! matters for the page's download; outages before 1990 are refused.

use std::sync::OnceLock;

use tz::TimeZone;

mod table;

pub use table::TZDATA;

/// The earliest instant the built-in rules describe (1990-01-01T00:00:00Z).
pub const FROM: i64 = table::FROM;

/// One of the built-in zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zone(u8);

/// What a local wall-clock time is in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTime {
    Single(i64),
    /// The clocks went back: the time happened twice (earlier, later).
    Ambiguous(i64, i64),
    /// The clocks went forward over it: it never showed.
    Gap,
}

fn parsed() -> &'static [TimeZone] {
    static PARSED: OnceLock<Vec<TimeZone>> = OnceLock::new();
    PARSED.get_or_init(|| {
        table::ZONES
            .iter()
            .map(|&(name, start, len)| {
                TimeZone::from_tz_data(&table::DATA[start..start + len])
                    .unwrap_or_else(|e| panic!("built-in zone {name} is damaged: {e}"))
            })
            .collect()
    })
}

impl Zone {
    /// A zone by its IANA name or an alias of it ("Asia/Calcutta"), any case.
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        let canonical =
            table::ALIASES.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(name)).map_or(name, |&(_, zone)| zone);
        table::ZONES.iter().position(|(zone, _, _)| zone.eq_ignore_ascii_case(canonical)).map(|k| Zone(k as u8))
    }

    pub fn name(self) -> &'static str {
        table::ZONES[self.0 as usize].0
    }

    /// Every built-in zone, in the picker's order.
    pub fn all() -> impl Iterator<Item = Zone> {
        (0..table::ZONES.len()).map(|k| Zone(k as u8))
    }

    /// Seconds to add to UTC to read the local clock at instant `t`.
    pub fn offset_at(self, t: i64) -> i32 {
        // Only out-of-range instants fail (before 1990 validation refuses them).
        parsed()[self.0 as usize].find_local_time_type(t).map_or(0, |lt| lt.ut_offset())
    }

    /// The instant(s) a local wall-clock time (seconds since the epoch, read
    /// as if UTC) happens. Offsets change at most once a day, so the two
    /// offsets in force a day either side are the only candidates.
    pub fn local_to_utc(self, local: i64) -> LocalTime {
        let before = self.offset_at(local - 86_400) as i64;
        let after = self.offset_at(local + 86_400) as i64;
        let fits = |offset: i64| (self.offset_at(local - offset) as i64 == offset).then_some(local - offset);
        match (fits(before), fits(after)) {
            (Some(a), Some(b)) if a != b => LocalTime::Ambiguous(a.min(b), a.max(b)),
            (Some(t), _) | (_, Some(t)) => LocalTime::Single(t),
            (None, None) => LocalTime::Gap,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    #[test]
    fn names_and_aliases() {
        assert_eq!(Zone::named("Europe/London").map(Zone::name), Some("Europe/London"));
        assert_eq!(Zone::named("europe/london").map(Zone::name), Some("Europe/London"));
        assert_eq!(Zone::named("Asia/Calcutta").map(Zone::name), Some("Asia/Kolkata"));
        assert_eq!(Zone::named("Europe/Kiev").map(Zone::name), Some("Europe/Kyiv"));
        assert_eq!(Zone::named("Mars/Olympus"), None);
        assert_eq!(Zone::all().count(), 68);
    }

    #[test]
    fn london_in_and_out_of_summer_time() {
        let london = Zone::named("Europe/London").unwrap();
        assert_eq!(london.offset_at(at("2026-03-02T12:00:00Z")), 0);
        assert_eq!(london.offset_at(at("2026-07-01T12:00:00Z")), 3600);
        // 01:30 on 29 March 2026 never shows; 01:30 on 25 October shows twice.
        assert_eq!(london.local_to_utc(at("2026-03-29T01:30:00Z")), LocalTime::Gap);
        assert_eq!(
            london.local_to_utc(at("2026-10-25T01:30:00Z")),
            LocalTime::Ambiguous(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:30:00Z"))
        );
        assert_eq!(london.local_to_utc(at("2026-03-02T09:00:00Z")), LocalTime::Single(at("2026-03-02T09:00:00Z")));
    }
}
