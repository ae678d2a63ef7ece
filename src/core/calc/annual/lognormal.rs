//! An incident's duration: a lognormal fitted to a 90% range (model.md),
//! with the closed forms the annual view integrates against. A range whose
//! ends are equal is a fixed duration (sigma 0), handled exactly.

use super::math::{erfc, exp, ln};

/// The standard normal quantile at 95%: a 90% range is mu ± this × sigma.
pub const Z95: f64 = 1.644_853_626_951_472_2;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lognormal {
    pub mu: f64,
    pub sigma: f64,
}

impl Lognormal {
    /// The lognormal whose 5th and 95th percentiles are `low` and `high` (hours).
    pub fn from_p90(low: f64, high: f64) -> Lognormal {
        Lognormal { mu: (ln(low) + ln(high)) / 2.0, sigma: (ln(high) - ln(low)) / (2.0 * Z95) }
    }

    pub fn mean(&self) -> f64 {
        exp(self.mu + self.sigma * self.sigma / 2.0)
    }

    /// The duration at normal score `z` (the quantile at Φ(z)).
    pub fn at_score(&self, z: f64) -> f64 {
        exp(self.mu + self.sigma * z)
    }

    pub fn quantile(&self, p: f64) -> f64 {
        self.at_score(normal_quantile(p))
    }

    /// P(D <= x).
    pub fn cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        let median = exp(self.mu);
        if self.sigma == 0.0 {
            return if x >= median { 1.0 } else { 0.0 };
        }
        normal_cdf((ln(x) - self.mu) / self.sigma)
    }

    /// P(D > x), accurate far into the tail.
    pub fn survival(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 1.0;
        }
        if self.sigma == 0.0 {
            return if x < exp(self.mu) { 1.0 } else { 0.0 };
        }
        normal_cdf(-(ln(x) - self.mu) / self.sigma)
    }

    /// E[D; a < D <= b]: the mean's part from durations in (a, b].
    pub fn partial_mean(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        if self.sigma == 0.0 {
            let d = exp(self.mu);
            return if a < d && d <= b { d } else { 0.0 };
        }
        // Under the size-biased measure D is lognormal(mu + sigma², sigma).
        let shifted = Lognormal { mu: self.mu + self.sigma * self.sigma, sigma: self.sigma };
        self.mean() * (shifted.survival(a) - shifted.survival(b))
    }

    /// E[D²; a < D <= b].
    pub fn partial_square(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        if self.sigma == 0.0 {
            return self.partial_mean(a, b) * exp(self.mu);
        }
        let s2 = self.sigma * self.sigma;
        let shifted = Lognormal { mu: self.mu + 2.0 * s2, sigma: self.sigma };
        exp(2.0 * self.mu + 2.0 * s2) * (shifted.survival(a) - shifted.survival(b))
    }

    /// ∫_a^b P(D > u) du: the expected time in (a, b] an incident is still
    /// running. A loss that accrues at rate r over (a, b] of an incident's
    /// course costs r × this on average.
    pub fn time_running(&self, a: f64, b: f64) -> f64 {
        running_between(self.expected_min(a), self.expected_min(b), a, b)
    }

    /// E[min(D, x)] = ∫_0^x P(D > u) du: the time an incident has run by
    /// hour `x` of its course, on average.
    pub fn expected_min(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        x * self.survival(x) + self.partial_mean(0.0, x)
    }
}

/// [`Lognormal::time_running`] over (a, b] from [`Lognormal::expected_min`]
/// at its ends (which callers may have at hand).
pub fn running_between(min_at_a: f64, min_at_b: f64, a: f64, b: f64) -> f64 {
    if b <= a {
        return 0.0;
    }
    (min_at_b - min_at_a).max(0.0)
}

/// Φ(z), from the complementary error function (accurate in both tails).
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

/// Φ⁻¹(p): Acklam's rational approximation, then one Halley step on Φ,
/// which brings it to full double precision.
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    const A: [f64; 6] = [
        -39.696_830_286_653_76,
        220.946_098_424_520_5,
        -275.928_510_446_968_7,
        138.357_751_867_269,
        -30.664_798_066_147_16,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -54.476_098_798_224_06,
        161.585_836_858_040_9,
        -155.698_979_859_886_6,
        66.801_311_887_719_72,
        -13.280_681_552_885_72,
    ];
    const C: [f64; 6] = [
        -0.007_784_894_002_430_293,
        -0.322_396_458_041_136_5,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let tail = |q: f64| {
        let r = (-2.0 * ln(q)).sqrt();
        (((((C[0] * r + C[1]) * r + C[2]) * r + C[3]) * r + C[4]) * r + C[5])
            / ((((D[0] * r + D[1]) * r + D[2]) * r + D[3]) * r + 1.0)
    };
    let x = if p < 0.02425 {
        tail(p)
    } else if p > 1.0 - 0.02425 {
        -tail(1.0 - p)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    let e = normal_cdf(x) - p;
    let u = e * (2.0 * std::f64::consts::PI).sqrt() * exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_puts_the_range_at_the_5th_and_95th_percentiles() {
        for (low, high) in [(0.5, 6.0), (1.0, 8.0), (0.25, 3.0), (4.0, 4.0)] {
            let d = Lognormal::from_p90(low, high);
            assert!((d.quantile(0.05) - low).abs() < 1e-9 * high, "{low}-{high}");
            assert!((d.quantile(0.95) - high).abs() < 1e-9 * high, "{low}-{high}");
        }
    }

    #[test]
    fn quantile_inverts_the_cdf_in_both_tails() {
        for p in [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999, 1.0 - 1e-9] {
            assert!((normal_cdf(normal_quantile(p)) - p).abs() < 1e-14 + p * 1e-12, "{p}");
        }
    }

    #[test]
    fn partial_means_and_running_times_add_up_to_the_whole() {
        let d = Lognormal::from_p90(0.5, 6.0);
        let cuts = [0.0, 0.3, 1.0, 2.5, 7.0, 40.0, 1e6];
        let mean: f64 = cuts.windows(2).map(|w| d.partial_mean(w[0], w[1])).sum();
        let running: f64 = cuts.windows(2).map(|w| d.time_running(w[0], w[1])).sum();
        // E[D] = ∫ S(u) du, computed two ways.
        assert!((mean / d.mean() - 1.0).abs() < 1e-12, "{mean}");
        assert!((running / d.mean() - 1.0).abs() < 1e-9, "{running}");
        let fixed = Lognormal::from_p90(4.0, 4.0);
        assert_eq!((fixed.time_running(0.0, 3.0), fixed.time_running(3.0, 10.0), fixed.mean()), (3.0, 1.0, 4.0));
    }
}
