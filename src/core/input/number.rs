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
    /// and come back from a link or file bit for bit. Not a number: NaN,
    /// which validation names.
    pub fn parse(self, text: &str) -> f64 {
        let cleaned: String = text.trim().trim_end_matches('%').trim().replace(',', "");
        let parse = |t: &str| t.parse::<f64>().unwrap_or(f64::NAN);
        match self {
            Unit::Plain => parse(&cleaned),
            // Already in scientific notation: divide (rare, and still close).
            Unit::Percent if cleaned.contains(['e', 'E']) => parse(&cleaned) / 100.0,
            Unit::Percent => parse(&format!("{cleaned}e-2")),
        }
    }
}

/// A number as a person would write it: no trailing zeros, at most 4 decimals.
pub fn fmt_num(x: f64) -> String {
    let s = format!("{:.4}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_are_the_nearest_to_what_was_typed() {
        assert_eq!(Unit::Percent.parse("33.3"), "0.333".parse::<f64>().unwrap());
        assert_eq!(Unit::Percent.parse(" 70 %"), 0.7);
        assert_eq!(Unit::Percent.parse("1,000"), 10.0);
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
}
