//! Variants side by side (`input::variant`): each one's outage and year in
//! the same few figures, so mitigation options can be weighed together.
//! Built from reports and annual views the caller has computed, so the
//! command line and the page compute them their own way and compare the same.

use serde::Serialize;

use crate::calc::annual::Annual;
use crate::calc::report::Report;

/// One variant's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VariantFigures {
    pub name: String,
    pub outage: OutageFigures,
    /// `None` when no component fails in the annual view.
    pub year: Option<YearFigures>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OutageFigures {
    pub loss: f64,
    pub lowest_functionality: f64,
    pub mean_functionality: f64,
    pub hours_below_target: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct YearFigures {
    pub expected_loss: f64,
    pub p95: f64,
    /// What its fallbacks cost a year: their fixed cost and expected running cost.
    pub mitigation_cost: f64,
    /// The expected annual loss it avoids against no fallbacks at all, less
    /// its fallbacks' fixed costs (their running cost is in the loss already).
    pub net_benefit: f64,
    /// Net benefit per unit of mitigation cost; none when it costs nothing.
    pub return_on_cost: Option<f64>,
    /// Tolerance points whose chance the variant exceeds, of `tolerance_points`.
    pub tolerance_breaches: usize,
    pub tolerance_points: usize,
}

impl VariantFigures {
    pub fn of(name: &str, report: &Report, annual: Option<&Annual>) -> VariantFigures {
        let outage = OutageFigures {
            loss: report.totals.cost,
            lowest_functionality: report.residual.minimum,
            mean_functionality: report.residual.mean,
            hours_below_target: report.residual.hours_below_target,
        };
        VariantFigures { name: name.to_string(), outage, year: annual.map(YearFigures::of) }
    }
}

impl YearFigures {
    fn of(a: &Annual) -> YearFigures {
        let mitigation_cost: f64 = a.fallbacks.iter().map(|f| f.yearly_cost).sum();
        let fixed: f64 = a.fallbacks.iter().map(|f| f.fixed_cost).sum();
        let net_benefit = a.without_fallbacks.expected_cost - a.with_fallbacks.expected_cost - fixed;
        YearFigures {
            expected_loss: a.with_fallbacks.expected_cost,
            p95: a.with_fallbacks.p95,
            mitigation_cost,
            net_benefit,
            return_on_cost: (mitigation_cost > 0.0).then(|| net_benefit / mitigation_cost),
            tolerance_breaches: a.tolerance.iter().filter(|t| t.breached).count(),
            tolerance_points: a.tolerance.len(),
        }
    }
}

/// A figure compared across variants: its name, how to read it off, and
/// whether more of it is better.
pub struct Measure {
    pub name: &'static str,
    pub value: fn(&VariantFigures) -> Option<f64>,
    pub higher_is_better: bool,
    pub kind: Kind,
}

/// How a measure's values are written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Money,
    Fraction,
    Hours,
    Ratio,
    Count,
}

#[rustfmt::skip]
pub const MEASURES: [Measure; 10] = [
    Measure { name: "Outage: loss", value: |v| Some(v.outage.loss), higher_is_better: false, kind: Kind::Money },
    Measure { name: "Outage: lowest functionality", value: |v| Some(v.outage.lowest_functionality), higher_is_better: true, kind: Kind::Fraction },
    Measure { name: "Outage: mean functionality", value: |v| Some(v.outage.mean_functionality), higher_is_better: true, kind: Kind::Fraction },
    Measure { name: "Outage: time below target", value: |v| Some(v.outage.hours_below_target), higher_is_better: false, kind: Kind::Hours },
    Measure { name: "Year: expected loss", value: |v| v.year.map(|y| y.expected_loss), higher_is_better: false, kind: Kind::Money },
    Measure { name: "Year: 95th percentile loss", value: |v| v.year.map(|y| y.p95), higher_is_better: false, kind: Kind::Money },
    Measure { name: "Year: fallbacks' cost, fixed and running", value: |v| v.year.map(|y| y.mitigation_cost), higher_is_better: false, kind: Kind::Money },
    Measure { name: "Year: net benefit", value: |v| v.year.map(|y| y.net_benefit), higher_is_better: true, kind: Kind::Money },
    Measure { name: "Year: return on cost", value: |v| v.year.and_then(|y| y.return_on_cost), higher_is_better: true, kind: Kind::Ratio },
    Measure { name: "Year: tolerance points breached", value: |v| v.year.filter(|y| y.tolerance_points > 0).map(|y| y.tolerance_breaches as f64), higher_is_better: false, kind: Kind::Count },
];

impl Measure {
    /// Which variants are best on this measure (every one that ties); none
    /// when fewer than two have a value or all are equal.
    pub fn best(&self, variants: &[VariantFigures]) -> Vec<bool> {
        let values: Vec<Option<f64>> = variants.iter().map(self.value).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let better = |a: f64, b: f64| if self.higher_is_better { a.max(b) } else { a.min(b) };
        let Some(best) = present.iter().copied().reduce(better) else { return vec![false; variants.len()] };
        let all_equal = present.iter().all(|&x| close(x, best));
        values.iter().map(|v| present.len() > 1 && !all_equal && v.is_some_and(|x| close(x, best))).collect()
    }
}

/// Equal but for rounding: two variants the same on a measure tie.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}
