//! Figures as people read them in tables, charts and reports: money,
//! hours, percentages, plain numbers.

use crate::input::number::{fmt_num, group_digits};
use crate::time::MINUTES_PER_HOUR;

/// Money as people read it: "£9,000" or "9,000 SEK".
pub fn money(amount: f64, currency: &str) -> String {
    let symbol = match currency {
        "GBP" => Some("£"),
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "JPY" => Some("¥"),
        _ => None,
    };
    let sign = if amount < -0.005 { "-" } else { "" };
    // Whole units, every digit: amounts past u64 (a sum over many large
    // teams can be) are not cut to 18,446,744,073,709,551,615.
    let digits = group_digits(&format!("{:.0}", amount.abs().round()));
    match symbol {
        Some(s) => format!("{sign}{s}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

pub fn hours(h: f64) -> String {
    let per_hour = MINUTES_PER_HOUR as i64;
    let minutes = (h * per_hour as f64).round() as i64;
    format!("{} h {:02} min", minutes / per_hour, minutes % per_hour)
}

pub fn percent(x: f64) -> String {
    format!("{}%", fmt_num((x * 1000.0).round() / 10.0))
}

/// Plain numbers, rounded to what is meaningful, no thousands separators.
pub fn num(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_hours_read_naturally() {
        assert_eq!(money(9000.0, "GBP"), "£9,000");
        assert_eq!(money(1234567.4, "USD"), "$1,234,567");
        assert_eq!(money(-12.0, "SEK"), "-12 SEK");
        assert_eq!(money(4.8e22, "GBP"), "£48,000,000,000,000,000,000,000");
        assert_eq!(money(-0.001, "GBP"), "£0");
        assert_eq!(hours(9.45), "9 h 27 min");
        assert_eq!(percent(0.6125), "61.3%");
        assert_eq!(num(-0.0001, 2), "0.00");
    }
}
