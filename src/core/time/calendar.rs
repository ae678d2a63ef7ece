//! Working calendars: when a team is at work, as UTC intervals.
//!
//! A shift belongs to the local day it starts on. An end at or before the
//! start runs past midnight. Local times are turned into instants with the
//! zone's rules (`crate::time::zones`), so daylight saving moves shifts as it does
//! in real life.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::time::zones::{LocalTime, Zone};
use crate::time::{Instant, MINUTES_PER_HOUR};

pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[derive(Clone, Debug, PartialEq)]
pub struct WorkCalendar {
    /// Monday first.
    pub days: [bool; 7],
    /// Minutes after local midnight, 0..1440.
    pub start_minute: u32,
    /// Minutes after local midnight, 0..=1440; at or before `start_minute`
    /// means the shift ends the next day.
    pub end_minute: u32,
    pub zone: Zone,
}

/// The days' English names, Monday first: what [`parse_day`] reads.
const FULL_DAY_NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// A day of the week, Monday = 0, from its English name or the start of it
/// (three letters at least), any case, with a full stop or as a plural:
/// "mon", "Monday", "TUES", "Thu.", "Mondays", and the common "Weds". Not
/// "money" or "mondayish". The one reading of day names, for validation and
/// the editor alike.
pub fn parse_day(text: &str) -> Option<usize> {
    let name = text.trim().trim_end_matches('.').to_ascii_lowercase();
    let name = match name.as_str() {
        "weds" => "wed",
        plural if plural.len() > 6 && plural.ends_with("days") => &plural[..plural.len() - 1],
        other => other,
    };
    if name.len() < 3 {
        return None;
    }
    FULL_DAY_NAMES.iter().position(|full| full.starts_with(name))
}

/// The zones the app offers, in the order it lists them.
pub fn picker_zones() -> impl Iterator<Item = &'static str> {
    Zone::all().map(Zone::name)
}

pub fn parse_zone(name: &str) -> Option<Zone> {
    Zone::named(name)
}

/// "HH:MM" to minutes after midnight; "24:00" is allowed (end of day).
pub fn parse_clock(text: &str) -> Option<u32> {
    let (h, m) = text.trim().split_once(':')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // Digits only: "09:+5" is not 09:05.
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if m >= MINUTES_PER_HOUR || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * MINUTES_PER_HOUR + m)
}

impl WorkCalendar {
    /// The working intervals that overlap `[from, to)`, clipped to it, sorted
    /// and merged (a round-the-clock team gives one interval).
    pub fn working_intervals(&self, from: Instant, to: Instant) -> Vec<(Instant, Instant)> {
        let mut out: Vec<(Instant, Instant)> = Vec::new();
        if to <= from || !self.days.iter().any(|&d| d) {
            return out;
        }
        // A shift that started the day before `from` may still be running.
        let first = self.local_date(from) - Duration::days(1);
        let last = self.local_date(to);
        let mut day = first;
        while day <= last {
            let weekday = day.weekday().num_days_from_monday() as usize;
            if self.days[weekday] {
                let shift_start = self.instant_at(day, self.start_minute);
                let end_day = if self.end_minute > self.start_minute { day } else { day + Duration::days(1) };
                let shift_end = self.instant_at(end_day, self.end_minute);
                let (s, e) = (shift_start.max(from), shift_end.min(to));
                if s < e {
                    match out.last_mut() {
                        Some(last) if s <= last.1 => last.1 = last.1.max(e),
                        _ => out.push((s, e)),
                    }
                }
            }
            day += Duration::days(1);
        }
        out
    }

    fn local_date(&self, t: Instant) -> NaiveDate {
        self.local(t).date()
    }

    /// The local wall clock at instant `t`.
    fn local(&self, t: Instant) -> NaiveDateTime {
        let local = t.saturating_add(self.zone.offset_at(t) as i64);
        DateTime::from_timestamp(local, 0).unwrap_or_default().naive_utc()
    }

    /// The instant a local wall-clock time happens. In a daylight-saving gap
    /// (a time that never shows on the clock) it is the end of the gap; in an
    /// overlap it is the first of the two.
    fn instant_at(&self, day: NaiveDate, minute: u32) -> Instant {
        let local = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp() + minute as i64 * 60;
        // Gaps are at most a few hours and begin on whole minutes.
        for step in 0..(6 * 60) {
            match self.zone.local_to_utc(local + step * 60) {
                LocalTime::Single(t) | LocalTime::Ambiguous(t, _) => return t,
                LocalTime::Gap => {}
            }
        }
        // Unreachable with real zone data; read the time as UTC then.
        local
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(days: &str, start: &str, end: &str, zone: &str) -> WorkCalendar {
        let mut d = [false; 7];
        for name in days.split(',') {
            d[DAY_NAMES.iter().position(|n| *n == name).unwrap()] = true;
        }
        WorkCalendar {
            days: d,
            start_minute: parse_clock(start).unwrap(),
            end_minute: parse_clock(end).unwrap(),
            zone: parse_zone(zone).unwrap(),
        }
    }

    fn at(s: &str) -> Instant {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp()
    }

    fn hours(iv: &[(Instant, Instant)]) -> f64 {
        iv.iter().map(|&(s, e)| crate::time::hours(e - s)).sum()
    }

    #[test]
    fn day_names() {
        #[rustfmt::skip]
        let cases = [
            ("mon", Some(0)), ("Monday", Some(0)), (" TUES ", Some(1)), ("wed", Some(2)), ("thursday", Some(3)),
            ("fri", Some(4)), ("Sat", Some(5)), ("sun", Some(6)),
            ("Thu.", Some(3)), ("Mondays", Some(0)), ("Weds", Some(2)), ("thurs", Some(3)), ("Sundays", Some(6)),
            ("mo", None), ("monkey", None), ("money", None), ("mondayish", None), ("funday", None), ("", None),
            ("days", None), ("mon..", Some(0)),
        ];
        for (text, day) in cases {
            assert_eq!(parse_day(text), day, "{text:?}");
        }
    }

    #[test]
    fn clock_parsing() {
        assert_eq!(parse_clock("09:00"), Some(540));
        assert_eq!(parse_clock("9:30"), Some(570));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for bad in ["24:01", "25:00", "12:60", "noon", "12", "12:5", "", "09:+5", "+9:00", "-1:00"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekday_office_hours_over_a_week() {
        let c = cal("mon,tue,wed,thu,fri", "09:00", "17:00", "UTC");
        // Monday 2 March 2026 00:00 to the next Monday 00:00.
        let iv = c.working_intervals(at("2026-03-02T00:00:00Z"), at("2026-03-09T00:00:00Z"));
        assert_eq!(iv.len(), 5);
        assert_eq!(hours(&iv), 40.0);
    }

    #[test]
    fn overnight_shift_in_another_zone() {
        // 22:00–06:00 in New York (UTC-5 in early March): 03:00–11:00 UTC.
        let c = cal("mon", "22:00", "06:00", "America/New_York");
        let iv = c.working_intervals(at("2026-03-02T00:00:00Z"), at("2026-03-04T00:00:00Z"));
        assert_eq!(iv, vec![(at("2026-03-03T03:00:00Z"), at("2026-03-03T11:00:00Z"))]);
    }

    #[test]
    fn round_the_clock_is_one_interval_and_daylight_saving_shortens_the_day() {
        let c = cal("mon,tue,wed,thu,fri,sat,sun", "00:00", "24:00", "Europe/London");
        // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        let iv = c.working_intervals(at("2026-03-28T23:00:00Z"), at("2026-03-30T00:00:00Z"));
        assert_eq!(iv.len(), 1);
        let day = c.working_intervals(at("2026-03-29T00:00:00Z"), at("2026-03-29T23:00:00Z"));
        assert_eq!(hours(&day), 23.0); // local midnight to midnight is 23 hours
    }

    #[test]
    fn shift_starting_in_a_daylight_saving_gap_starts_when_the_gap_ends() {
        // 01:30 London does not exist on 29 March 2026; the shift starts at 02:00 BST.
        let c = cal("sun", "01:30", "05:00", "Europe/London");
        let iv = c.working_intervals(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"));
        assert_eq!(iv, vec![(at("2026-03-29T01:00:00Z"), at("2026-03-29T04:00:00Z"))]);
    }

    #[test]
    fn the_picker_offers_the_common_zones() {
        let zones: Vec<_> = picker_zones().collect();
        for z in ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"] {
            assert!(zones.contains(&z), "{z}");
        }
        for z in zones {
            assert_eq!(parse_zone(z).map(Zone::name), Some(z));
        }
    }
}
