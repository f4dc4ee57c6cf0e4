"""Benchmark crmlab.clv against lifetimes, side by side, in one run.

    python benchmarks/bench_clv.py            # 100,000 and 1,000,000 simulated customers, 5,000,000 transactions
    python benchmarks/bench_clv.py --quick    # 100,000 customers, 500,000 transactions
    python benchmarks/bench_clv.py --baseline /tmp/old   # also time an older crmlab (see --help)

Tasks, each timed for crmlab and lifetimes on the same input and checked for
agreement:

1. BG/NBD fit on the published CDNOW summary (2,357 customers);
2. realistic data: customers simulated from the BG/NBD model itself (CDNOW's
   published parameters), joining on any day of a 78-week window, so T is in
   weeks at 1/7 resolution and recency is rounded to whole days; spend
   simulated from the Gamma-Gamma model (fixed seeds, see bench_clv_data.py).
   Timed: the BG/NBD fit, the Gamma-Gamma fit (repeat buyers), and for every
   customer P(alive), the conditional expected purchases in the next 39
   weeks, the Gamma-Gamma conditional expected average spend and the 12-month
   CLV (lifetimes' CLV is slow: above 100,000 customers both libraries are
   timed on the first 100,000 customers for the ratio, and crmlab's time on
   all customers is shown on its own row).  Predictions are compared with
   both models given the same (crmlab-fitted) parameters;
3. BEST CASE for crmlab: the BG/NBD fit on CDNOW customers resampled with
   replacement -- only 2,357 distinct (x, t_x, T) patterns however many
   customers, and the fit evaluates each pattern once;
4. the transaction summary (frequency, recency, T, monetary; time_unit "D") on
   CDNOW purchase histories resampled with replacement, each copy shifted by
   a random number of days so the customers are not exact duplicates.

Seconds are the best of ``--repeat`` runs for crmlab (the machine may be
shared, so the minimum is the least noisy figure) and of a single run for
lifetimes (best of up to 3 for its P(alive), expected purchases and spend).  "evals" counts likelihood evaluations: crmlab's value-and-gradient
evaluations (nfev = njev) + analytic Hessians during the fit, lifetimes' calls
of its negative log-likelihood (autograd's value-and-gradient, plus its
Hessian at the end).  Requires lifetimes (the ``bench`` extra).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

from bench_clv_data import simulate_customers
from crmlab.clv import BetaGeoModel, GammaGammaModel, customer_lifetime_value, summarize_transactions
from crmlab.datasets import load_cdnow_summary, load_cdnow_transactions

HORIZON = 39.0  # weeks, for the conditional expected purchases
CLV_SAMPLE = 100_000  # lifetimes' CLV is timed on at most this many customers


def timed(function, repeat=1):
    """(best seconds, result of the last call)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def resampled_customers(size: int, seed: int = 0) -> pd.DataFrame:
    summary = load_cdnow_summary()
    rng = np.random.default_rng(seed)
    return summary.iloc[rng.integers(0, len(summary), size)].reset_index(drop=True)


def resampled_transactions(target_rows: int, seed: int = 1) -> pd.DataFrame:
    log = load_cdnow_transactions()
    rng = np.random.default_rng(seed)
    per_customer = log.groupby("customer_id").size()
    copies = int(np.ceil(target_rows / len(log) * len(per_customer)))
    drawn = rng.choice(per_customer.index.to_numpy(), copies)
    shift_days = rng.integers(0, 90, copies)
    rows_of = log.groupby("customer_id").indices
    parts = [rows_of[c] for c in drawn]
    take = np.concatenate(parts)
    new_id = np.repeat(np.arange(copies), [len(p) for p in parts])
    out = pd.DataFrame({
        "customer_id": new_id,
        "date": log["date"].to_numpy()[take] + np.repeat(shift_days, [len(p) for p in parts]).astype("timedelta64[D]"),
        "amount": log["amount"].to_numpy()[take],
    })
    return out.iloc[:target_rows]


def distinct(data: pd.DataFrame, columns) -> int:
    return int(len(data[list(columns)].drop_duplicates()))


# --------------------------------------------------------------- lifetimes, counted
def counted_lifetimes():
    """lifetimes' fitters with a counter on their negative log-likelihood."""
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    calls = {"n": 0}

    def counting(original):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            return original(*args, **kwargs)
        return staticmethod(wrapper)

    class CountedBG(BetaGeoFitter):
        _negative_log_likelihood = counting(BetaGeoFitter._negative_log_likelihood)

    class CountedGG(GammaGammaFitter):
        _negative_log_likelihood = counting(GammaGammaFitter._negative_log_likelihood)

    return CountedBG, CountedGG, calls


def evals(info) -> str:
    return f"{info['nfev']} f+g, {info['nhev']} H"


def max_difference(ours, theirs):
    """(max absolute, max relative) difference."""
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    absolute = np.abs(ours - theirs)
    return float(absolute.max()), float((absolute / np.maximum(np.abs(theirs), 1e-300)).max())


def param_check(ours: pd.Series, theirs: pd.Series) -> str:
    absolute, relative = max_difference(ours.to_numpy(), theirs.to_numpy())
    return f"max |Δparam| = {absolute:.1e} (rel {relative:.1e})"


# --------------------------------------------------------------- tasks
def bench_bgnbd_fit(summary: pd.DataFrame, repeat: int):
    """BG/NBD fit both ways: (crmlab s, lifetimes s, check, crmlab model, lifetimes model)."""
    CountedBG, _, calls = counted_lifetimes()
    x, t_x, T = (summary[c].to_numpy(dtype=float) for c in ("frequency", "recency", "T"))
    ours_s, ours = timed(lambda: BetaGeoModel().fit(x, t_x, T), repeat)
    calls["n"] = 0
    theirs_s, theirs = timed(lambda: CountedBG().fit(x, t_x, T))
    check = (f"{param_check(ours.params_, theirs.params_)}; evals crmlab {evals(ours._fit_info)}, "
             f"lifetimes {calls['n']}; patterns {ours.n_patterns_:,}")
    return ours_s, theirs_s, check, ours, theirs


def bench_realistic(n: int, repeat: int, rows: list, baseline: str | None):
    data = simulate_customers(n, seed=0)
    x, t_x, T, m = (data[c].to_numpy() for c in ("frequency", "recency", "T", "monetary"))
    repeat_buyers = x > 0
    patterns = distinct(data, ["frequency", "recency", "T"])
    pairs = distinct(data, ["frequency", "T"])
    print(f"simulated {n:,} customers: {patterns:,} distinct (x, t_x, T) patterns, "
          f"{pairs:,} distinct (x, T) pairs, {int(repeat_buyers.sum()):,} repeat buyers", flush=True)
    label = f"sim {n // 1000:,}k"

    ours_s, theirs_s, check, bg, their_bg = bench_bgnbd_fit(data, repeat)
    rows.append((f"{label}: BG/NBD fit", n, ours_s, theirs_s, check))
    print(f"  BG/NBD params crmlab {bg.params_.round(6).to_dict()}", flush=True)

    _, CountedGG, calls = counted_lifetimes()
    ours_s, gg = timed(lambda: GammaGammaModel().fit(x[repeat_buyers], m[repeat_buyers]), repeat)
    calls["n"] = 0
    theirs_s, their_gg = timed(lambda: CountedGG().fit(x[repeat_buyers], m[repeat_buyers]))
    rows.append((f"{label}: Gamma-Gamma fit", int(repeat_buyers.sum()), ours_s, theirs_s,
                 f"{param_check(gg.params_, their_gg.params_.rename({'v': 'gamma'}))}; "
                 f"evals crmlab {evals(gg._fit_info)}, lifetimes {calls['n']}"))

    # Predictions: lifetimes gets crmlab's parameters so the formulas are compared.
    their_bg.params_ = bg.params_.rename(None).copy()
    their_bg.predict = their_bg.conditional_expected_number_of_purchases_up_to_time
    their_gg.params_ = pd.Series(gg.params_.to_numpy(), index=["p", "q", "v"])
    xs, ts, Ts, ms = (pd.Series(v) for v in (x, t_x, T, m))
    predictions = [
        ("P(alive)", lambda: bg.probability_alive(x, t_x, T),
         lambda: their_bg.conditional_probability_alive(x, t_x, T)),
        (f"E[purchases in {HORIZON:g} wk]", lambda: bg.expected_purchases(HORIZON, x, t_x, T),
         lambda: their_bg.conditional_expected_number_of_purchases_up_to_time(HORIZON, x, t_x, T)),
        ("E[spend] (Gamma-Gamma)", lambda: gg.expected_spend(x, m),
         lambda: their_gg.conditional_expected_average_profit(xs, ms)),
    ]
    sample = slice(0, min(n, CLV_SAMPLE))
    on_sample = f" (first {CLV_SAMPLE:,})" if n > CLV_SAMPLE else ""
    predictions.append((
        f"CLV 12 months{on_sample}",
        lambda: customer_lifetime_value(bg, gg, x[sample], t_x[sample], T[sample], m[sample], months=12,
                                        time_unit="W"),
        lambda: their_gg.customer_lifetime_value(their_bg, xs[sample], ts[sample], Ts[sample], ms[sample],
                                                 time=12, discount_rate=0.01, freq="W")))
    totals = [0.0, 0.0]
    with np.errstate(all="ignore"):
        for name, ours_call, theirs_call in predictions:
            ours_s, ours = timed(ours_call, repeat)
            # lifetimes' fast closed forms get repeats too (best of up to 3); its CLV one run.
            theirs_s, theirs = timed(theirs_call, 1 if name.startswith("CLV") else min(repeat, 3))
            absolute, relative = max_difference(ours, theirs)
            size = len(np.asarray(ours))
            rows.append((f"{label}: {name}", size, ours_s, theirs_s,
                         f"max |Δ| = {absolute:.1e} (rel {relative:.1e})"))
            totals[0] += ours_s
            totals[1] += theirs_s
    rows.append((f"{label}: the four predictions above", n, totals[0], totals[1], "sum of the rows above"))
    if n > CLV_SAMPLE:
        ours_s, _ = timed(lambda: customer_lifetime_value(bg, gg, x, t_x, T, m, months=12, time_unit="W"), repeat)
        rows.append((f"{label}: CLV 12 months, all customers", n, ours_s, np.nan,
                     "crmlab only (lifetimes: see the sampled row)"))
    if baseline:
        compare_baseline(baseline, data, bg, gg, label, rows, repeat)
    print(f"done: {label}", flush=True)


BASELINE_SCRIPT = r"""
import json, sys, time
import numpy as np
import crmlab.clv as clv
d = np.load(sys.argv[1]); x, t_x, T, m = d["x"], d["t_x"], d["T"], d["m"]
def best(f, k):
    b, r = float("inf"), None
    for _ in range(k):
        s = time.perf_counter(); r = f(); b = min(b, time.perf_counter() - s)
    return b, r
k = int(sys.argv[3])
fit_s, bg = best(lambda: clv.BetaGeoModel().fit(x, t_x, T), k)
rep = x > 0
gg_s, gg = best(lambda: clv.GammaGammaModel().fit(x[rep], m[rep]), k)
pred_s, expected = best(lambda: bg.expected_purchases(39.0, x, t_x, T), k)
clv_s, value = best(lambda: clv.customer_lifetime_value(bg, gg, x, t_x, T, m, months=12, time_unit="W"), k)
np.savez(sys.argv[2], bg=bg.params_.to_numpy(), gg=gg.params_.to_numpy(), expected=expected, clv=value,
         se=bg.standard_errors_.to_numpy())
print(json.dumps({"file": clv.__file__, "fit": fit_s, "gg": gg_s, "pred": pred_s, "clv": clv_s}))
"""


def compare_baseline(baseline: str, data: pd.DataFrame, bg, gg, label: str, rows: list, repeat: int):
    """Time an older crmlab (a folder holding its ``crmlab`` package) on the same data, in a subprocess."""
    x, t_x, T, m = (data[c].to_numpy() for c in ("frequency", "recency", "T", "monetary"))
    with tempfile.TemporaryDirectory() as folder:
        inputs, outputs = os.path.join(folder, "in.npz"), os.path.join(folder, "out.npz")
        np.savez(inputs, x=x, t_x=t_x, T=T, m=m)
        environment = dict(os.environ, PYTHONPATH=os.path.abspath(baseline))
        finished = subprocess.run([sys.executable, "-c", BASELINE_SCRIPT, inputs, outputs, str(repeat)],
                                  env=environment, capture_output=True, text=True, check=True, cwd=folder)
        old = json.loads(finished.stdout.strip().splitlines()[-1])
        results = np.load(outputs)
        ours_fit, _ = timed(lambda: BetaGeoModel().fit(x, t_x, T), repeat)
        ours_gg, _ = timed(lambda: GammaGammaModel().fit(x[x > 0], m[x > 0]), repeat)
        ours_pred, expected = timed(lambda: bg.expected_purchases(HORIZON, x, t_x, T), repeat)
        ours_clv, value = timed(lambda: customer_lifetime_value(bg, gg, x, t_x, T, m, months=12, time_unit="W"),
                                repeat)
        where = f"old crmlab ({old['file']})"
        for name, ours_s, old_s, check in [
            ("BG/NBD fit", ours_fit, old["fit"], param_check(bg.params_, pd.Series(results["bg"]))
             + f"; se {max_difference(bg.standard_errors_, results['se'])[1]:.1e} rel"),
            ("Gamma-Gamma fit", ours_gg, old["gg"], param_check(gg.params_, pd.Series(results["gg"]))),
            (f"E[purchases in {HORIZON:g} wk]", ours_pred, old["pred"],
             "max rel Δ = {1:.1e}".format(*max_difference(expected, results["expected"]))),
            ("CLV 12 months", ours_clv, old["clv"], "max rel Δ = {1:.1e}".format(*max_difference(value, results["clv"]))),
        ]:
            rows.append((f"{label}: {name} vs {where}", len(x), ours_s, old_s, check))


def bench_summary(log: pd.DataFrame, repeat: int):
    from lifetimes.utils import summary_data_from_transaction_data

    ours_s, ours = timed(lambda: summarize_transactions(log, "customer_id", "date", "amount", time_unit="D"),
                         repeat)
    theirs_s, theirs = timed(lambda: summary_data_from_transaction_data(log, "customer_id", "date", "amount"))
    same_counts = (list(ours.index) == list(theirs.index)
                   and np.array_equal(ours[["frequency", "recency", "T"]].to_numpy(),
                                      theirs[["frequency", "recency", "T"]].to_numpy()))
    monetary = np.max(np.abs(ours["monetary"].to_numpy() - theirs["monetary_value"].to_numpy()))
    verdict = f"x, t_x, T identical: {same_counts}; max |Δmonetary| = {monetary:.1e}"
    return ours_s, theirs_s, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 customers only; 500,000 transactions")
    parser.add_argument("--customers", type=int, nargs="+",
                        help="sizes of the simulated and resampled customer sets (default 100000 1000000)")
    parser.add_argument("--transactions", type=int, help="transactions for the summary")
    parser.add_argument("--repeat", type=int, default=3, help="runs of crmlab per task (best is kept)")
    parser.add_argument("--baseline", help="folder holding an older crmlab package (e.g. made by "
                        "'git archive <commit> crmlab | tar -x -C FOLDER'): its fit and predictions are "
                        "timed on the largest simulated set and compared with this checkout's")
    args = parser.parse_args()
    sizes = args.customers or ([100_000] if args.quick else [100_000, 1_000_000])
    transactions = args.transactions or (500_000 if args.quick else 5_000_000)
    warnings.simplefilter("ignore")  # lifetimes' own deprecation noise under pandas 3

    rows = []
    cdnow = load_cdnow_summary()
    ours_s, theirs_s, verdict, ours, _ = bench_bgnbd_fit(cdnow, max(args.repeat, 5))
    rows.append(("BG/NBD fit, CDNOW", len(cdnow), ours_s, theirs_s, verdict))
    print(f"CDNOW params: {ours.params_.round(6).to_dict()}", flush=True)

    for n in sizes:
        bench_realistic(n, args.repeat, rows, args.baseline if n == max(sizes) else None)

    big = resampled_customers(max(sizes))
    ours_s, theirs_s, verdict, _, _ = bench_bgnbd_fit(big, args.repeat)
    rows.append(("BEST CASE BG/NBD fit, resampled CDNOW", len(big), ours_s, theirs_s, verdict))
    print(f"done: best-case fit on {len(big):,} resampled CDNOW customers", flush=True)

    log = resampled_transactions(transactions)
    ours_s, theirs_s, verdict = bench_summary(log, args.repeat)
    rows.append(("transaction summary (time_unit D)", len(log), ours_s, theirs_s, verdict))

    table = pd.DataFrame(rows, columns=["task", "rows", "crmlab s", "other s", "check"])
    table["speed-up"] = table["other s"] / table["crmlab s"]
    print("\n'other s' is lifetimes, or the old crmlab on rows marked 'vs old crmlab'.")
    with pd.option_context("display.width", 250, "display.max_colwidth", 120):
        print(table.to_string(index=False, formatters={
            "rows": "{:,}".format, "crmlab s": "{:.4f}".format, "other s": "{:.3f}".format,
            "speed-up": "{:.1f}x".format}))


if __name__ == "__main__":
    main()
