//! Numbers as people type and read them: how a field shows a number, how
//! what was typed is read back, and how messages and tables print one.

/// How a number is shown in a field and read back from what is typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// Stored as 0–1, typed as 0–100.
    Percent,
    Plain,
}

impl Unit {
    pub fn show(self, v: f64) -> String {
        if !v.is_finite() {
            return String::new();
        }
        let shown = match self {
            Unit::Percent => v * 100.0,
            Unit::Plain => v,
        };
        fmt_num(shown)
    }

    /// What was typed, as the number nearest to it: "33.3" % is exactly the
    /// number "0.333" is, not 33.3 / 100. Numbers so read are short in JSON
    /// and come back from a link or file bit for bit. Not a number (see
    /// [`read_decimal`] for why): NaN, which validation names.
    pub fn parse(self, text: &str) -> f64 {
        self.read(text).unwrap_or(f64::NAN)
    }

    /// As [`parse`](Self::parse), with why the text is not a number.
    pub fn read(self, text: &str) -> Result<f64, NotANumber> {
        let text = text.trim();
        let text = match self {
            Unit::Percent => text.strip_suffix('%').unwrap_or(text),
            Unit::Plain => text,
        };
        let decimal = read_decimal(text)?;
        let number = |t: &str| t.parse::<f64>().map_err(|_| NotANumber::Unreadable);
        match self {
            Unit::Plain => number(&decimal),
            // Already in scientific notation: divide (rare, and still close).
            Unit::Percent if decimal.contains(['e', 'E']) => Ok(number(&decimal)? / 100.0),
            Unit::Percent => number(&format!("{decimal}e-2")),
        }
    }
}

/// Why typed text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotANumber {
    Unreadable,
    /// "1,000": a thousands separator, or a decimal comma?
    AmbiguousComma,
    /// "1.2.3" or "1,2.3": separators that no way of writing numbers uses.
    Separators,
}

impl std::fmt::Display for NotANumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotANumber::Unreadable => "Type a number such as 12 or 12.5.",
            NotANumber::AmbiguousComma => {
                "A comma before three digits may separate thousands or be a decimal comma: write the number without it if it \
                 separates thousands, or with a dot if it is the decimal point."
            }
            NotANumber::Separators => "The dots and commas do not make a number: write it as 1234.5, 1,234.5 or 1.234,5.",
        })
    }
}

/// One rule for every number typed in the page: typed text as a plain
/// decimal ("1234.5"), whichever of the usual ways it was written. A dot or
/// a comma can be the decimal mark; the other, or a space, groups thousands
/// ("1,234.5", "1.234,5", "1 234,5"). A lone comma before exactly three
/// digits ("1,000") could be either and is refused rather than guessed; a
/// dot alone is always the decimal point, so several dots alone are refused.
/// Exponents ("1e3") pass through.
pub fn read_decimal(text: &str) -> Result<String, NotANumber> {
    let text: String = text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_')).collect();
    if text.is_empty() {
        return Err(NotANumber::Unreadable);
    }
    let (commas, dots) = (text.matches(',').count(), text.matches('.').count());
    let (group, decimal) = match (commas, dots) {
        (0, 0) => return Ok(text),
        // Both: the last one is the decimal mark, the other groups thousands.
        (_, _) if commas > 0 && dots > 0 => {
            if text.rfind(',') > text.rfind('.') {
                ('.', Some(','))
            } else {
                (',', Some('.'))
            }
        }
        (0, 1) => return Ok(text),
        (1, 0) if digits_after(&text, ',') == 3 => return Err(NotANumber::AmbiguousComma),
        (1, 0) => ('.', Some(',')),
        // Several commas: thousands groups ("1,234,567"). Several dots alone
        // could be thousands, yet a lone dot is a decimal point: refused.
        (_, 0) => (',', None),
        (0, _) => return Err(NotANumber::Separators),
        _ => unreachable!("every count is matched above"),
    };
    let (whole, fraction) = match decimal {
        Some(mark) => {
            let at = text.rfind(mark).expect("the mark was counted");
            (&text[..at], Some(&text[at + 1..]))
        }
        None => (text.as_str(), None),
    };
    if decimal.is_some_and(|mark| whole.contains(mark)) || !grouped_in_thousands(whole, group) {
        return Err(NotANumber::Separators);
    }
    let whole: String = whole.chars().filter(|&c| c != group).collect();
    Ok(match fraction {
        Some(f) => format!("{whole}.{f}"),
        None => whole,
    })
}

/// Digits after the last `mark`.
fn digits_after(text: &str, mark: char) -> usize {
    text.rsplit(mark).next().map_or(0, |tail| tail.chars().take_while(char::is_ascii_digit).count())
}

/// "1,234,567": a first group of 1–3 digits (after any sign), then groups of
/// exactly three. Text without the mark is fine as it is.
fn grouped_in_thousands(whole: &str, mark: char) -> bool {
    if !whole.contains(mark) {
        return true;
    }
    let unsigned = whole.trim_start_matches(['-', '+']);
    let mut groups = unsigned.split(mark);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// A number as a person would write it: no trailing zeros, at most 4 decimals.
pub fn fmt_num(x: f64) -> String {
    fmt_num_to(x, 4)
}

/// As [`fmt_num`], to at most `decimals` decimals.
pub fn fmt_num_to(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    group_digits(&n.to_string())
}

/// "1234567" → "1,234,567".
pub fn group_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number exactly as it was written (the shortest text that reads back as
/// it): "1.0000001" stays so; very large and very small ones in exponent
/// form ("1e308"), never 309 digits.
pub fn shown(x: f64) -> String {
    if x != 0.0 && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// As [`shown`], times 100 without rounding error: the decimal point of the
/// written number moved two places ("1.0000001" → "100.00001").
pub fn shown_percent(x: f64) -> String {
    let written = shown(x);
    if let Some((mantissa, exponent)) = written.split_once('e') {
        let exponent: i32 = exponent.parse().unwrap_or(0);
        return format!("{mantissa}e{}", exponent + 2);
    }
    let (sign, digits) = written.strip_prefix('-').map_or(("", written.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let fraction = format!("{fraction:0<2}");
    let whole = format!("{whole}{}", &fraction[..2]);
    let whole = whole.trim_start_matches('0');
    let rest = fraction[2..].trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    match rest {
        "" => format!("{sign}{whole}"),
        rest => format!("{sign}{whole}.{rest}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_the_nearest_to_what_was_typed() {
        assert_eq!(Unit::Percent.parse("33.3"), "0.333".parse::<f64>().unwrap());
        assert_eq!(Unit::Percent.parse(" 70 %"), 0.7);
        assert_eq!(Unit::Plain.parse("25"), 25.0);
        assert_eq!(Unit::Plain.parse("-4"), -4.0);
        assert!(Unit::Plain.parse("abc").is_nan());
        assert!(Unit::Percent.parse("").is_nan());
        assert!(Unit::Percent.parse("%").is_nan());
        assert_eq!(Unit::Percent.parse("1e1"), 0.1);
        assert_eq!(Unit::Percent.show(0.333), "33.3");
        assert_eq!(Unit::Plain.show(f64::NAN), "");
        // What a percentage becomes prints short, so JSON carries it exactly.
        assert_eq!(serde_json::to_string(&Unit::Percent.parse("33.3")).unwrap(), "0.333");
    }

    #[test]
    fn one_rule_for_dots_and_commas() {
        use NotANumber::*;
        #[rustfmt::skip]
        let cases: &[(&str, Result<&str, NotANumber>)] = &[
            ("87.50", Ok("87.50")), ("87,50", Ok("87.50")), ("60,5", Ok("60.5")), ("0,333", Err(AmbiguousComma)),
            ("1.234,56", Ok("1234.56")), ("1,234.56", Ok("1234.56")), ("1 234,5", Ok("1234.5")),
            ("1,234,567", Ok("1234567")), ("1.234.567", Err(Separators)), ("-1,234.5", Ok("-1234.5")),
            ("1,000", Err(AmbiguousComma)), ("12,345", Err(AmbiguousComma)), ("1.000", Ok("1.000")),
            ("1,2.3", Err(Separators)), ("1.2.3", Err(Separators)), ("1,23,456.7", Err(Separators)),
            ("1.234,5,6", Err(Separators)), ("", Err(Unreadable)), ("1e3", Ok("1e3")), ("25", Ok("25")),
        ];
        for &(typed, expected) in cases {
            assert_eq!(read_decimal(typed).as_deref(), expected.as_ref().map(|s| *s), "{typed:?}");
        }
        assert_eq!(Unit::Plain.parse("87,50"), 87.5);
        assert_eq!(Unit::Percent.parse("60,5"), "0.605".parse::<f64>().unwrap());
        assert_eq!(Unit::Plain.read("1,000"), Err(AmbiguousComma));
        assert_eq!(Unit::Plain.read("abc"), Err(Unreadable));
        assert_eq!(Unit::Percent.parse("1,234.5 %"), "12.345".parse::<f64>().unwrap());
    }

    #[test]
    fn numbers_in_messages_are_shown_as_written() {
        #[rustfmt::skip]
        let cases = [
            (1.0000001, "1.0000001", "100.00001"), (1.5, "1.5", "150"), (0.333, "0.333", "33.3"),
            (-0.5, "-0.5", "-50"), (0.0, "0", "0"), (12.0, "12", "1200"), (0.005, "0.005", "0.5"),
            (1e308, "1e308", "1e310"), (1e-7, "1e-7", "1e-5"), (1e7, "10000000", "1000000000"),
        ];
        for (x, plain, percent) in cases {
            assert_eq!((shown(x).as_str(), shown_percent(x).as_str()), (plain, percent), "{x}");
        }
    }
}
