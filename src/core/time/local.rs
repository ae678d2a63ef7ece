//! Wall-clock time in a zone, as people read and type it: "Tue 2026-12-01
//! 10:00 Europe/London". Instants stay UTC everywhere else; this is the one
//! place they meet a reader's clock.

use crate::time::calendar::DAY_NAMES;
use crate::time::zones::{LocalTime, Zone};
use crate::time::{parse_utc, Instant, SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE};

/// The local date and clock of an instant in a zone: "Tue 2026-12-01 10:00".
pub fn format_local(t: Instant, zone: Zone) -> String {
    let local = t + zone.offset_at(t) as i64;
    let days = local.div_euclid(SECONDS_PER_DAY);
    let secs = local.rem_euclid(SECONDS_PER_DAY);
    let Some(date) = chrono::DateTime::from_timestamp(days * SECONDS_PER_DAY, 0) else { return t.to_string() };
    use chrono::Datelike;
    // 1970-01-01 was a Thursday (index 3, Monday first).
    let weekday = DAY_NAMES[(days + 3).rem_euclid(7) as usize];
    format!(
        "{}{} {:04}-{:02}-{:02} {:02}:{:02}",
        weekday[..1].to_ascii_uppercase(),
        &weekday[1..],
        date.year(),
        date.month(),
        date.day(),
        secs / SECONDS_PER_HOUR,
        secs % SECONDS_PER_HOUR / SECONDS_PER_MINUTE
    )
}

/// An instant with its date and zone: "Tue 2026-12-01 10:00 Europe/London".
pub fn format_in_zone(t: Instant, zone: Zone) -> String {
    format!("{} {}", format_local(t, zone), zone.name())
}

/// A span, both ends with their dates, the zone once:
/// "Tue 2026-12-01 10:00 to Thu 2026-12-03 10:00 Europe/London".
pub fn format_span(from: Instant, to: Instant, zone: Zone) -> String {
    format!("{} to {} {}", format_local(from, zone), format_local(to, zone), zone.name())
}

/// Why a typed local time was refused, in the words shown beside the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LocalError {
    /// Not a date and time at all.
    Unreadable,
    /// A time the clocks skipped (they went forward over it).
    Skipped { zone: &'static str },
}

impl std::fmt::Display for LocalError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            LocalError::Unreadable => write!(f, "Type a date and time such as 2026-12-01 10:00."),
            LocalError::Skipped { zone } => {
                write!(
                    f,
                    "That time never showed on clocks in {zone}: they went forward over it. Pick a time an hour later."
                )
            }
        }
    }
}

/// Reads a date and time typed in `zone`: "2026-12-01 10:00",
/// "2026-12-01T10:00", with seconds, after a weekday ("Tue 2026-12-01
/// 10:00", which is not checked against the date: the date wins), or an
/// instant with its own offset ("2026-12-01T10:00:00Z"). A time the clocks
/// went back over happened twice: the first is taken.
pub fn parse_local(text: &str, zone: Zone) -> Result<Instant, LocalError> {
    let text = text.trim();
    if let Some(t) = parse_utc(text) {
        return Ok(t);
    }
    // A leading weekday ("Tue", "Tuesday,") is for the reader.
    let text = match text.split_once(' ') {
        Some((first, rest)) if first.trim_end_matches(',').chars().all(|c| c.is_ascii_alphabetic()) => rest.trim(),
        _ => text,
    };
    let (date, clock) = text.split_once(['T', 't', ' ']).ok_or(LocalError::Unreadable)?;
    let wall =
        read_date(date.trim()).zip(read_clock(clock.trim())).map(|(d, c)| d + c).ok_or(LocalError::Unreadable)?;
    match zone.local_to_utc(wall) {
        LocalTime::Single(t) | LocalTime::Ambiguous(t, _) => Ok(t),
        LocalTime::Gap => Err(LocalError::Skipped { zone: zone.name() }),
    }
}

/// Digits only, `len` of them.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// "2026-12-01" as seconds from the epoch to its midnight. By hand: chrono's
/// format strings are large in the page.
fn read_date(text: &str) -> Option<Instant> {
    let mut parts = text.split('-');
    let (y, m, d) = (digits(parts.next()?, 4)?, digits(parts.next()?, 2)?, digits(parts.next()?, 2)?);
    if parts.next().is_some() {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// "10:00" or "10:00:30" as seconds after midnight.
fn read_clock(text: &str) -> Option<Instant> {
    let mut parts = text.split(':');
    let h = parts.next().and_then(|p| digits(p, 2).or_else(|| digits(p, 1)))?;
    let m = digits(parts.next()?, 2)?;
    let s = parts.next().map_or(Some(0), |p| digits(p, 2))?;
    if parts.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some(h as Instant * SECONDS_PER_HOUR + m as Instant * SECONDS_PER_MINUTE + s as Instant)
}

/// The local date and clock in the form [`parse_local`] reads back, for a
/// field: "2026-12-01 10:00".
pub fn editable_local(t: Instant, zone: Zone) -> String {
    format_local(t, zone)[4..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Zone {
        Zone::named(name).unwrap()
    }

    #[test]
    fn instants_read_in_a_zone() {
        let london = zone("Europe/London");
        #[rustfmt::skip]
        let cases = [
            // (typed in London, the instant in UTC)
            ("2026-12-01 10:00", "2026-12-01T10:00:00Z"),
            ("2026-12-01T10:00", "2026-12-01T10:00:00Z"),
            ("Tue 2026-12-01 10:00", "2026-12-01T10:00:00Z"),
            ("Tuesday, 2026-12-01 10:00:30", "2026-12-01T10:00:30Z"),
            ("2026-07-01 10:00", "2026-07-01T09:00:00Z"),
            // Twice on the night the clocks go back: the first.
            ("2026-10-25 01:30", "2026-10-25T00:30:00Z"),
            // An instant with its own offset is that instant.
            ("2026-07-01T10:00:00Z", "2026-07-01T10:00:00Z"),
        ];
        for (typed, utc) in cases {
            assert_eq!(parse_local(typed, london), Ok(parse_utc(utc).unwrap()), "{typed}");
        }
        for bad in ["", "tomorrow", "2026-12-01", "2026-13-01 10:00", "2026-12-01 25:00", "01/12/2026 10:00"] {
            assert_eq!(parse_local(bad, london), Err(LocalError::Unreadable), "{bad:?}");
        }
        assert_eq!(parse_local("2026-03-29 01:30", london), Err(LocalError::Skipped { zone: "Europe/London" }));
    }

    #[test]
    fn instants_print_with_weekday_date_and_zone() {
        let t = parse_utc("2026-12-01T10:00:00Z").unwrap();
        assert_eq!(format_in_zone(t, zone("Europe/London")), "Tue 2026-12-01 10:00 Europe/London");
        assert_eq!(format_in_zone(t, zone("America/New_York")), "Tue 2026-12-01 05:00 America/New_York");
        assert_eq!(format_in_zone(t, zone("Asia/Tokyo")), "Tue 2026-12-01 19:00 Asia/Tokyo");
        assert_eq!(
            format_local(parse_utc("2026-03-02T23:30:00Z").unwrap(), zone("Asia/Kolkata")),
            "Tue 2026-03-03 05:00"
        );
        let end = t + 48 * SECONDS_PER_HOUR;
        assert_eq!(
            format_span(t, end, zone("Europe/London")),
            "Tue 2026-12-01 10:00 to Thu 2026-12-03 10:00 Europe/London"
        );
        assert_eq!(editable_local(t, zone("Europe/London")), "2026-12-01 10:00");
        assert_eq!(parse_local(&editable_local(t, zone("Asia/Tokyo")), zone("Asia/Tokyo")), Ok(t));
    }
}
