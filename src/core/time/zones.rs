//! The IANA time zones teams can work in, with daylight saving, built in:
//! each zone's offsets from 1990 until its current rule took over, then the
//! rule itself (tzdata's POSIX TZ string: standard and summer offsets and the
//! days they change). `scripts/update-zones.py` writes them from tzdata with
//! zic. All 68 zones cost a few KB where the full history (chrono-tz) cost
//! ~250 KB, which matters for the page's download; outages before 1990 are
//! refused. `tests/zones.rs` checks them against chrono-tz.

#[rustfmt::skip]
mod table;

use crate::time::SECONDS_PER_DAY;

pub use table::TZDATA;

/// The earliest instant the built-in zones describe (1990-01-01T00:00:00Z).
pub const FROM: i64 = table::FROM;

/// One zone's data (see `table.rs`).
pub struct ZoneData {
    name: &'static str,
    /// Offset before the first transition.
    first: i32,
    /// (seconds since [`FROM`], offset from then on). From the last one on,
    /// `rule` gives the offset.
    transitions: &'static [(u32, i32)],
    rule: Rule,
}

/// A zone's current rule.
pub enum Rule {
    Fixed(i32),
    /// Summer time from `start` (given in standard local time) to `end`
    /// (given in summer local time), each year.
    Seasonal {
        std: i32,
        dst: i32,
        start: Change,
        end: Change,
    },
}

/// A yearly change: the `week`th (5 = last) `weekday` (0 = Sunday) of
/// `month`, at `time` seconds after local midnight (may pass 24 h).
pub struct Change {
    month: u8,
    week: u8,
    weekday: u8,
    time: i32,
}

impl Change {
    /// The instant of this year's change, read with `offset` in force.
    fn instant(&self, year: i64, offset: i32) -> i64 {
        let month = self.month as i64;
        let first = days_from_civil(year, month, 1);
        // 1970-01-01 was a Thursday (4, counting Sunday as 0).
        let first_weekday = (first + 4).rem_euclid(7);
        let mut day = 1 + (self.weekday as i64 - first_weekday).rem_euclid(7) + 7 * (self.week as i64 - 1);
        let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        let month_days = days_from_civil(next_year, next_month, 1) - first;
        while day > month_days {
            day -= 7;
        }
        (first + day - 1) * SECONDS_PER_DAY + self.time as i64 - offset as i64
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`): a zone's rule is evaluated on every offset asked for,
/// so this stays integer arithmetic.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year of a day counted from 1970-01-01 (the inverse of the above).
fn year_of_day(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

impl Rule {
    fn offset_at(&self, t: i64) -> i32 {
        match *self {
            Rule::Fixed(offset) => offset,
            Rule::Seasonal { std, dst, ref start, ref end } => {
                // No change falls near New Year, so the local year is the year.
                let year = year_of_day((t + std as i64).div_euclid(SECONDS_PER_DAY));
                let (on, off) = (start.instant(year, std), end.instant(year, dst));
                // Southern zones' summer spans New Year: on after off.
                let summer = if on < off { on <= t && t < off } else { t < off || on <= t };
                if summer {
                    dst
                } else {
                    std
                }
            }
        }
    }
}

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

impl Zone {
    /// A zone by its IANA name or an alias of it ("Asia/Calcutta"), any case.
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        let canonical =
            table::ALIASES.iter().find(|(alias, _)| alias.eq_ignore_ascii_case(name)).map_or(name, |&(_, zone)| zone);
        table::ZONES.iter().position(|z| z.name.eq_ignore_ascii_case(canonical)).map(|k| Zone(k as u8))
    }

    pub fn name(self) -> &'static str {
        self.data().name
    }

    /// Every built-in zone, in the picker's order.
    pub fn all() -> impl Iterator<Item = Zone> {
        (0..table::ZONES.len()).map(|k| Zone(k as u8))
    }

    fn data(self) -> &'static ZoneData {
        &table::ZONES[self.0 as usize]
    }

    /// Seconds to add to UTC to read the local clock at instant `t`.
    pub fn offset_at(self, t: i64) -> i32 {
        let zone = self.data();
        let since = t - FROM;
        // Transitions before t: the last of them is in force (RFC 8536).
        let before = zone.transitions.partition_point(|&(at, _)| (at as i64) <= since);
        match before {
            0 => zone.first,
            n if n == zone.transitions.len() => zone.rule.offset_at(t),
            n => zone.transitions[n - 1].1,
        }
    }

    /// The instant(s) a local wall-clock time (seconds since the epoch, read
    /// as if UTC) happens. Offsets change at most once a day, so the two
    /// offsets in force a day either side are the only candidates.
    pub fn local_to_utc(self, local: i64) -> LocalTime {
        let before = self.offset_at(local - SECONDS_PER_DAY) as i64;
        let after = self.offset_at(local + SECONDS_PER_DAY) as i64;
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
    fn civil_dates_count_days_from_1970() {
        use chrono::{Datelike, NaiveDate};
        let mut date = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while date.year() < 2210 {
            let days = (date - NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()).num_days();
            assert_eq!(days_from_civil(date.year() as i64, date.month() as i64, date.day() as i64), days, "{date}");
            assert_eq!(year_of_day(days), date.year() as i64, "{date}");
            date = date.succ_opt().unwrap();
        }
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
