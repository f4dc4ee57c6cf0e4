"""Benchmark: lifecycle stage + pattern and RFM classes against a plain pandas groupby-apply.

    python benchmarks/bench_lifecycle.py            # 10,000,000 transactions / 1,000,000 customers
    python benchmarks/bench_lifecycle.py --quick    # 1,000,000 / 100,000

The baselines apply one Python function per customer (the straightforward
way to write the rules with pandas).  They are timed on a random subsample of
customers and scaled linearly to the full size, because on the full data they
would run for hours; both implementations are also checked to give identical
results on that subsample.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from crmlab import lifecycle, segmentation

END = pd.Timestamp("2023-12-31")


def make_transactions(n_customers: int, per_customer: float, seed: int = 1) -> pd.DataFrame:
    """Synthetic log: each customer buys in a random run of months with random amounts."""
    rng = np.random.default_rng(seed)
    counts = rng.poisson(per_customer - 1, n_customers) + 1
    customer = np.repeat(np.arange(n_customers), counts)
    start = rng.integers(0, 36, n_customers)
    length = rng.integers(1, 37, n_customers)
    month = np.repeat(start, counts) + (rng.random(len(customer)) * np.repeat(length, counts)).astype(int)
    month = np.minimum(month, 35)
    day = rng.integers(0, 28, len(customer))
    dates = (np.datetime64("2021-01", "M") + month).astype("datetime64[D]") + day
    amount = np.round(rng.lognormal(6, 0.8, len(customer)), 2)
    return pd.DataFrame({"customer": customer, "date": dates.astype("datetime64[ns]"), "amount": amount})


def baseline_lifecycle(tx: pd.DataFrame, rules: dict) -> pd.DataFrame:
    """Same rules as crmlab.lifecycle.classify_customers, one pandas call chain per customer."""
    months = pd.period_range(tx["date"].min().to_period("M"), END.to_period("M"), freq="M")

    def one(group):
        volume = group.groupby(group["date"].dt.to_period("M"))["amount"].sum().reindex(months,
                                                                                       fill_value=0)
        level = volume.rolling(rules["window"], min_periods=1).sum() / rules["window"]
        active = np.flatnonzero(volume.to_numpy() > 0)
        first, last, end = active[0], active[-1], len(months) - 1
        peak = level.max()
        high = int(((level >= rules["stable_share"] * peak).to_numpy()[first:last + 1]).sum())
        ended = end - last >= rules["inactive_periods"]
        span, age = last - first + 1, end - first + 1
        stable = high >= rules["min_stable_periods"]
        highest = "稳定期" if stable else ("考察期" if span <= rules["trial_periods"] else "形成期")
        declining = ended or (age > rules["trial_periods"]
                              and level.iloc[-1] < rules["decline_share"] * peak)
        stage = "退化期" if declining else ("考察期" if age <= rules["trial_periods"] else highest)
        if high >= rules["long_stable_periods"]:
            pattern = "长久保持型"
        elif ended:
            pattern = {"稳定期": "提前退出型", "考察期": "早期流产型", "形成期": "中途夭折型"}[highest]
        else:
            pattern = ""
        return pd.Series({"stage": stage, "pattern": pattern})

    return tx.groupby("customer").apply(one, include_groups=False)


def baseline_rfm(summary: pd.DataFrame, means: pd.Series) -> pd.Series:
    """Row-wise apply with the means of the whole customer base as thresholds."""

    def one(row):
        r = "高" if row["recency"] <= means["recency"] else "低"
        f = "高" if row["frequency"] >= means["frequency"] else "低"
        m = "高" if row["monetary"] >= means["monetary"] else "低"
        return {("高", "高", "高"): "重要价值", ("高", "低", "高"): "重要发展", ("低", "高", "高"): "重要保持",
                ("低", "低", "高"): "重要挽留", ("高", "高", "低"): "一般价值", ("高", "低", "低"): "一般发展",
                ("低", "高", "低"): "一般保持", ("低", "低", "低"): "一般挽留"}[(r, f, m)]

    return summary.apply(one, axis=1)


def timed(func, *args, **kwargs):
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="ten times smaller")
    args = parser.parse_args()
    n_customers = 100_000 if args.quick else 1_000_000
    sample_size = 2_000 if args.quick else 5_000

    tx = make_transactions(n_customers, 10.0)
    print(f"lifecycle: {len(tx):,} transactions, {n_customers:,} customers")
    result, fast = timed(lifecycle.classify_customers, tx, "customer", "date", "amount",
                         observation_end=END)
    rng = np.random.default_rng(2)
    sample_ids = rng.choice(n_customers, sample_size, replace=False)
    sample = tx[tx["customer"].isin(sample_ids)]
    rules = lifecycle.rule_parameters("M")
    expected, slow = timed(baseline_lifecycle, sample, rules)
    # The months of the whole log matter (the first month sets the matrix start), so compare
    # with the fast result of the same customers.
    same = (expected["stage"] == result.loc[expected.index, "stage"]).all() and \
           (expected["pattern"] == result.loc[expected.index, "pattern"]).all()
    slow_full = slow * n_customers / sample_size
    print(f"  crmlab.lifecycle.classify_customers: {fast:8.2f} s")
    print(f"  groupby-apply baseline: {slow:8.2f} s on {sample_size:,} customers "
          f"-> {slow_full:8.1f} s scaled to {n_customers:,}")
    print(f"  speed-up: {slow_full / fast:6.1f}x   identical stage/pattern on the sample: {same}")

    summary = segmentation.rfm_summary(tx, "customer", "date", "amount", observation_end=END)
    classes, fast = timed(segmentation.rfm_classes, summary)
    rfm_sample = 20_000 if not args.quick else 5_000
    expected_rfm, slow = timed(baseline_rfm, summary.iloc[:rfm_sample], summary.mean())
    same = (expected_rfm == classes.iloc[:rfm_sample]).all()
    slow_full = slow * len(summary) / rfm_sample
    print(f"RFM classes: {len(summary):,} customers")
    print(f"  crmlab.segmentation.rfm_classes: {fast:8.3f} s")
    print(f"  row-wise apply baseline: {slow:8.2f} s on {rfm_sample:,} customers "
          f"-> {slow_full:8.1f} s scaled to {len(summary):,}")
    print(f"  speed-up: {slow_full / fast:6.1f}x   identical classes on the sample: {same}")


if __name__ == "__main__":
    main()
