#!/usr/bin/env python3
"""The annual view against plain Monte Carlo, side by side in one run.

The case (benches/poisson-lognormal.json): one component, 6 incidents a year,
a 90% range of 0.5-8 hours, a round-the-clock team of 10 at 50 an hour,
reliance 1, no fallback: the textbook Poisson-lognormal model, whose annual
loss is 500 x the year's total outage hours.

It prints, for the annual view (`cargo bench --bench annual --
--poisson-lognormal`) and for a plain 100,000-year Monte Carlo, written the
way riskquant's Loss.simulate_years does it (numpy draws, a Python loop over
the years) and all in numpy, the time and the error of the mean against the
exact value, rate x 500 x the lognormal mean, and of p50-p99 against a fine
lattice of the exact lognormal compounded by numpy's FFT (checked against 20
million simulated years).

Needs numpy (not part of the test command). Run: python3 benches/poisson_lognormal.py
"""
import json
import math
import subprocess
import time

import numpy as np

RATE, LOW, HIGH, PER_HOUR = 6.0, 0.5, 8.0, 10 * 50.0
Z90 = 1.6448536269514722  # the standard normal's 95th percentile
MU = (math.log(LOW) + math.log(HIGH)) / 2
SIGMA = (math.log(HIGH) - math.log(LOW)) / (2 * Z90)
EXACT_MEAN = RATE * PER_HOUR * math.exp(MU + SIGMA**2 / 2)
LEVELS = {"p50": 50, "p90": 90, "p95": 95, "p99": 99}


def simulate(years, rng):
    """Each year's loss: a Poisson count of lognormal incidents, summed (all in numpy)."""
    counts = rng.poisson(RATE, years)
    hours = rng.lognormal(MU, SIGMA, counts.sum())
    year_of = np.repeat(np.arange(years), counts)
    return np.bincount(year_of, weights=hours, minlength=years) * PER_HOUR


def simulate_riskquant_way(years, rng):
    """As riskquant's Loss.simulate_years: the counts and the losses drawn in
    numpy, then each year's slice summed in a Python loop."""
    counts = rng.poisson(RATE, years)
    hours = rng.lognormal(MU, SIGMA, counts.sum())
    losses, used = [0.0] * years, 0
    for year, count in enumerate(counts):
        losses[year] = sum(hours[used:used + count])
        used += count
    return np.array(losses) * PER_HOUR


def figures(losses):
    out = {"mean": float(losses.mean())}
    out.update({k: float(np.percentile(losses, q)) for k, q in LEVELS.items()})
    return out


def exact_percentiles(cells=1 << 20, upper=200_000.0):
    """The compound Poisson's percentiles on a fine lattice: each cell the
    lognormal's exact chance (by erfc), the year by numpy's FFT, read
    within the cell; independent of the annual view's own lattice."""
    step = upper / cells
    edges = (np.arange(1, cells + 1) - 0.5) * step
    scores = (np.log(edges / PER_HOUR) - MU) / SIGMA
    below = np.array([0.5 * math.erfc(-z / math.sqrt(2)) for z in scores])
    mass = np.diff(np.concatenate([[0.0], below]))
    mass[-1] += 1.0 - mass.sum()
    tilt = np.exp(-10.0 * np.arange(cells) / cells)
    year = np.fft.ifft(np.exp(RATE * (np.fft.fft(mass * tilt) - 1.0))).real / tilt
    total = np.cumsum(year)
    out = {}
    for k, q in LEVELS.items():
        j = int(np.searchsorted(total, q / 100))
        out[k] = (j - 0.5 + (q / 100 - total[j - 1]) / year[j]) * step
    return out


def reference():
    ref = {"mean": EXACT_MEAN, **exact_percentiles()}
    rng = np.random.default_rng(20260302)
    simulated = figures(np.concatenate([simulate(1_000_000, rng) for _ in range(20)]))
    return ref, errors(simulated, ref)


def errors(result, ref):
    return {k: 100 * (result[k] - ref[k]) / ref[k] for k in ref}


def monte_carlo(simulation, ref, runs=5):
    """Median time of `runs` seeds, and each figure's root-mean-square error over them."""
    times, errs = [], []
    for seed in range(runs):
        rng = np.random.default_rng(seed)
        began = time.perf_counter()
        result = figures(simulation(100_000, rng))
        times.append((time.perf_counter() - began) * 1e3)
        errs.append(errors(result, ref))
    rms = {k: math.sqrt(sum(e[k] ** 2 for e in errs) / runs) for k in ref}
    return float(np.median(times)), rms


def annual_view(runs=3):
    """The bench times the view in-process (medians of 15); this takes the median of 3 such."""
    lines = []
    for _ in range(runs):
        out = subprocess.run(
            ["cargo", "bench", "--quiet", "--bench", "annual", "--", "--poisson-lognormal"],
            check=True, capture_output=True, text=True).stdout
        lines.append(json.loads(out.strip().splitlines()[-1]))
    median = lambda key: float(np.median([line[key] for line in lines]))
    return median("figures_ms"), median("whole_ms"), {k: lines[-1][k] for k in ["mean", *LEVELS]}


def main():
    ref, check = reference()
    figures_ms, whole_ms, view = annual_view()
    vectorised_ms, vectorised = monte_carlo(simulate, ref)
    riskquant_ms, riskquant = monte_carlo(simulate_riskquant_way, ref)
    print(f"exact: mean {EXACT_MEAN:,.2f}, " + ", ".join(f"{k} {ref[k]:,.2f}" for k in LEVELS)
          + " (a 2^20-cell FFT; 20 million simulated years differ by "
          + ", ".join(f"{check[k]:+.3f}%" for k in LEVELS) + ")")
    print("errors against them (the Monte Carlo's: root mean square over 5 seeds)")
    rows = [("annual view: its figures", figures_ms, errors(view, ref)),
            ("  with its 2,000 simulated years", whole_ms, None),
            ("100k years, riskquant's way", riskquant_ms, riskquant),
            ("100k years, all in numpy", vectorised_ms, vectorised)]
    for name, ms, errs in rows:
        shown = "  ".join(f"{k} {errs[k]:+.3f}%" for k in ref) if errs else ""
        print(f"{name:34} {ms:8.1f} ms   {shown}")
    print(f"the annual view's figures come {riskquant_ms / figures_ms:.0f}x faster than riskquant's way, "
          f"{vectorised_ms / figures_ms:.0f}x faster than all-numpy; the whole view "
          f"{riskquant_ms / whole_ms:.0f}x and {vectorised_ms / whole_ms:.1f}x")


if __name__ == "__main__":
    main()
