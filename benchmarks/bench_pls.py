"""Benchmark crmlab's PLS engine against the seminr package, side by side in one run.

    python benchmarks/bench_pls.py [--quick]

Three cases, each timed for both libraries (best of several repeats, wall clock):

1. ECSI (7 constructs, 12 paths) on mobi, 250 respondents;
2. the same model on 100,000 rows: mobi rows drawn with replacement plus
   N(0, 0.5²) noise on every item (fixed seed), the size of a national survey;
3. a 500-resample bootstrap on mobi (both with the same seed, so the
   resamples, and hence the bootstrap SDs, are identical).

Printed: seconds, the ratio seminr / crmlab (> 1 means crmlab is faster) and
the largest absolute difference of path coefficients, outer weights (and
bootstrap SDs).  Targets: ≥ 10× at 100,000 rows, ≥ 1× at 250 rows, differences
at rounding level.  ``--quick`` uses fewer repeats and 100 resamples.
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import pandas as pd

from crmlab.datasets import load_mobi
from crmlab.satisfaction import ECSI


def _seminr_model():
    import seminr

    mm = [seminr.composite(c, list(items)) for c, items in ECSI.constructs.items()]
    sm = seminr.relationships(*[seminr.paths(a, b) for a, b in ECSI.paths])
    return seminr, mm, sm


def _best(func, repeats: int) -> tuple[float, object]:
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _as_frame(matrix) -> pd.DataFrame:
    return pd.DataFrame(matrix.values, index=list(matrix.rows), columns=list(matrix.cols))


def _differences(fit, ref) -> tuple[float, float]:
    paths = _as_frame(ref.path_coef).loc[fit.path_coefficients.index, fit.path_coefficients.columns]
    weights = _as_frame(ref.outer_weights).sum(axis=1)[fit.outer_weights.index]
    return (float(np.abs(fit.path_coefficients.to_numpy() - paths.to_numpy()).max()),
            float(np.abs(fit.outer_weights.to_numpy() - weights.to_numpy()).max()))


def _crmlab_fit(model, data):
    fit = model.fit(data)
    fit.path_coefficients, fit.outer_weights, fit.r_squared   # build the result tables too  # noqa: B018
    return fit


def big_data(rows: int = 100_000, seed: int = 2024) -> pd.DataFrame:
    """mobi rows resampled with replacement plus N(0, 0.5²) noise."""
    mobi = load_mobi()
    rng = np.random.default_rng(seed)
    picked = mobi.to_numpy(dtype=float)[rng.integers(0, len(mobi), rows)]
    return pd.DataFrame(picked + rng.normal(0, 0.5, picked.shape), columns=mobi.columns)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 100 bootstrap resamples")
    args = parser.parse_args(argv)
    try:
        seminr, mm, sm = _seminr_model()
    except ImportError:
        print("seminr is not installed: pip install 'crmlab[bench]'", file=sys.stderr)
        return 1
    small_repeats, big_repeats, n_boot = (5, 1, 100) if args.quick else (30, 3, 500)
    model = ECSI.model()
    mobi = load_mobi()
    big = big_data()
    rows = []

    for label, data, repeats in (("ECSI on mobi (250 rows)", mobi, small_repeats),
                                 (f"ECSI on {len(big):,} rows", big, big_repeats)):
        t_ours, fit = _best(lambda d=data: _crmlab_fit(model, d), repeats)
        t_ref, ref = _best(lambda d=data: seminr.estimate_pls(d, mm, sm), repeats)
        d_paths, d_weights = _differences(fit, ref)
        rows.append((label, t_ours, t_ref, d_paths, d_weights))

    fit = model.fit(mobi)
    ref_fit = seminr.estimate_pls(mobi, mm, sm)
    t_ours, boot = _best(lambda: fit.bootstrap(n=n_boot, seed=42), 1)
    t_ref, ref_boot = _best(lambda: seminr.bootstrap_model(ref_fit, n_boot, seed=42), 1)
    desc = _as_frame(ref_boot.paths_descriptives)
    d_sd = max(abs(row["boot_sd"] - desc.loc[a, f"{b} Boot SD"]) for (a, b), row in boot.paths.iterrows())
    d_mean = max(abs(row["boot_mean"] - desc.loc[a, f"{b} Boot Mean"]) for (a, b), row in boot.paths.iterrows())
    rows.append((f"bootstrap {n_boot} resamples on mobi", t_ours, t_ref, d_mean, d_sd))

    print(f"{'case':<34}{'crmlab s':>11}{'seminr s':>11}{'ratio':>9}{'max|Δ| a':>12}{'max|Δ| b':>12}")
    for label, t_ours, t_ref, d1, d2 in rows:
        print(f"{label:<34}{t_ours:>11.4f}{t_ref:>11.4f}{t_ref / t_ours:>8.1f}×{d1:>12.1e}{d2:>12.1e}")
    print("Δ a / Δ b: path coefficients / outer weights (fits); bootstrap means / SDs of the paths (bootstrap).")
    print("ratio = seminr seconds / crmlab seconds (targets: ≥ 1× at 250 rows, ≥ 10× at 100,000 rows).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
