//! The built-in zones against an independent oracle: chrono-tz, which
//! carries the whole IANA history. From 1990 on they must agree on every
//! offset and on how every local time maps to UTC (gaps and overlaps too).

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
