//! The variants' comparison as a table, one column per variant, each
//! figure with its difference from "As is" and the best on each row marked;
//! the page, the Markdown and the HTML reports all show this one table.

use crate::calc::compare::{Kind, Measure, VariantFigures, MEASURES};
use crate::input::number::fmt_num;
use crate::output::format::{hours, money, percent};
use crate::output::review::{Block, Section};
use crate::output::table::Table;

pub const COMPARISON_NOTE: &str = "Each variant is the scenario with some fallbacks switched off or changed; \
    the figures in brackets are its difference from \"As is\", and \"best\" marks the best on each row. \
    Net benefit is the expected annual loss avoided against no fallbacks at all (a loss that already counts \
    the fallbacks' running costs), less their fixed yearly costs: above zero, the fallbacks pay for themselves.";

/// Rows are measures, columns the variants ("As is" first). Rows no
/// variant has a value for (the year's, when nothing fails in it) are left out.
pub fn comparison_table(variants: &[VariantFigures], currency: &str) -> Table {
    let mut headers = vec!["Measure".to_string()];
    headers.extend(variants.iter().map(|v| v.name.clone()));
    let mut t = Table::new(&headers.iter().map(String::as_str).collect::<Vec<_>>(), currency);
    t.headers = headers; // names as given, never read as "{cur}"
    for m in MEASURES.iter().filter(|m| variants.iter().any(|v| (m.value)(v).is_some())) {
        t.rows.push(row(m, variants, currency));
    }
    t.of = t.rows.len();
    t
}

fn row(m: &Measure, variants: &[VariantFigures], currency: &str) -> Vec<String> {
    let best = m.best(variants);
    let base = variants.first().and_then(|v| (m.value)(v));
    let mut cells = vec![m.name.to_string()];
    for (k, v) in variants.iter().enumerate() {
        let Some(x) = (m.value)(v) else {
            cells.push("none".into());
            continue;
        };
        let mut cell = shown(m.kind, x, currency);
        if let (true, Some(b)) = (k > 0, base) {
            cell.push_str(&format!(" ({})", difference(m.kind, x - b, currency)));
        }
        if best[k] {
            cell.push_str(" best");
        }
        cells.push(cell);
    }
    cells
}

fn shown(kind: Kind, x: f64, currency: &str) -> String {
    match kind {
        Kind::Money => money(x, currency),
        Kind::Fraction => percent(x),
        Kind::Hours => hours(x),
        Kind::Ratio => format!("{}×", fmt_num((x * 100.0).round() / 100.0)),
        Kind::Count => fmt_num(x),
    }
}

/// A difference with its sign: "+£1,200", "−4.5 points", "±0".
fn difference(kind: Kind, d: f64, currency: &str) -> String {
    let magnitude = match kind {
        Kind::Fraction => format!("{} points", fmt_num((d.abs() * 1000.0).round() / 10.0)),
        _ => shown(kind, d.abs(), currency),
    };
    let zero = shown(kind, 0.0, currency);
    match () {
        _ if shown(kind, d.abs(), currency) == zero => "±0".into(),
        _ if d > 0.0 => format!("+{magnitude}"),
        _ => format!("−{magnitude}"),
    }
}

/// The reports' section.
pub fn review_section(variants: &[VariantFigures], currency: &str) -> Section {
    Section {
        title: "Mitigation options side by side".into(),
        blocks: vec![Block::Paragraph(COMPARISON_NOTE.into()), Block::Table(comparison_table(variants, currency))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::compare::OutageFigures;

    fn variant(name: &str, loss: f64, lowest: f64) -> VariantFigures {
        let outage =
            OutageFigures { loss, lowest_functionality: lowest, mean_functionality: 0.9, hours_below_target: 1.5 };
        VariantFigures { name: name.into(), outage, year: None }
    }

    #[test]
    fn differences_and_the_best_are_marked() {
        let t = comparison_table(&[variant("As is", 1000.0, 0.5), variant("Cheaper", 1500.4, 0.455)], "GBP");
        assert_eq!(t.headers, ["Measure", "As is", "Cheaper"]);
        #[rustfmt::skip]
        assert_eq!(t.rows, [
            ["Outage: loss", "£1,000 best", "£1,500 (+£500)"],
            ["Outage: lowest functionality", "50% best", "45.5% (−4.5 points)"],
            ["Outage: mean functionality", "90%", "90% (±0)"],
            ["Outage: time below target", "1 h 30 min", "1 h 30 min (±0)"],
        ]);
    }
}
