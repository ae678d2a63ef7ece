//! The built-in zones against an independent oracle: chrono-tz, which
//! carries the whole IANA history. From 1990 on they must agree on every
//! offset and on how every local time maps to UTC (gaps and overlaps too).

mod common;

use chrono::{LocalResult, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use outage_impact::time::zones::{LocalTime, Zone, FROM};

fn oracle(zone: Zone) -> Tz {
    zone.name().parse().unwrap_or_else(|_| panic!("chrono-tz knows {}", zone.name()))
}

#[test]
fn offsets_agree_with_chrono_tz_from_1990_to_2045() {
    let end = chrono::DateTime::parse_from_rfc3339("2045-01-01T00:00:00Z").unwrap().timestamp();
    for zone in Zone::all() {
        let tz = oracle(zone);
        // Every 3 hours: no offset in force for less than that since 1990.
        let mut t = FROM;
        while t < end {
            let expected =
                tz.offset_from_utc_datetime(&chrono::DateTime::from_timestamp(t, 0).unwrap().naive_utc()).fix();
            assert_eq!(zone.offset_at(t), expected.local_minus_utc(), "{} at {t}", zone.name());
            t += 3 * 3600;
        }
    }
}

#[test]
fn local_times_map_to_utc_as_chrono_tz_says() {
    let from = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap().timestamp();
    let to = chrono::DateTime::parse_from_rfc3339("2028-01-01T00:00:00Z").unwrap().timestamp();
    for zone in Zone::all() {
        let tz = oracle(zone);
        // Every 15 minutes of local time: gaps and overlaps start on quarter hours.
        let mut local = from;
        while local < to {
            let naive: NaiveDateTime = chrono::DateTime::from_timestamp(local, 0).unwrap().naive_utc();
            let expected = match tz.from_local_datetime(&naive) {
                LocalResult::Single(t) => LocalTime::Single(t.timestamp()),
                LocalResult::Ambiguous(a, b) => LocalTime::Ambiguous(a.timestamp(), b.timestamp()),
                LocalResult::None => LocalTime::Gap,
            };
            assert_eq!(zone.local_to_utc(local), expected, "{} at local {naive}", zone.name());
            local += 15 * 60;
        }
    }
}

/// Working intervals against the calendar rule stated over chrono-tz's
/// zones, minute by minute, over weeks that hold clock changes.
#[test]
fn working_intervals_agree_with_the_rule_across_clock_changes() {
    use outage_impact::time::calendar::{parse_clock, parse_day, WorkCalendar};
    let cal = |days: &str, start: &str, end: &str, zone: &str| {
        let mut d = [false; 7];
        for name in days.split(',') {
            d[parse_day(name).unwrap()] = true;
        }
        WorkCalendar {
            days: d,
            start_minute: parse_clock(start).unwrap(),
            end_minute: parse_clock(end).unwrap(),
            zone: Zone::named(zone).unwrap(),
        }
    };
    let cases = [
        cal("mon,wed,fri", "09:00", "17:30", "Europe/Paris"),
        cal("tue,sat", "22:00", "06:00", "Asia/Kolkata"),
        cal("sun", "20:00", "19:00", "Asia/Tokyo"),
        cal("mon,tue,wed,thu,fri,sat,sun", "00:00", "24:00", "Australia/Sydney"),
        // Shifts that start, end or run through the hour the clocks change.
        cal("sat,sun", "01:45", "09:15", "Europe/London"),
        cal("sat,sun", "00:30", "01:30", "Europe/London"),
        cal("sat,sun,mon", "23:00", "02:30", "America/New_York"),
    ];
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    for week in ["2026-03-01T00:00:00Z", "2026-03-26T00:00:00Z", "2026-10-22T00:00:00Z", "2026-10-29T00:00:00Z"] {
        let from = at(week);
        let to = from + 9 * 86_400;
        for c in &cases {
            let iv = c.working_intervals(from, to);
            let mut t = from;
            while t < to {
                let inside = iv.iter().any(|&(s, e)| s <= t && t < e);
                assert_eq!(inside, common::at_work(c, t), "{c:?} at {t}");
                t += 60;
            }
        }
    }
}
