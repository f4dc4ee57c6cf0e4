"""Customers simulated from the BG/NBD and Gamma-Gamma models, for benchmarks/bench_clv.py.

Realistic shape: customers join on any day of a 78-week window (T in weeks at
1/7 resolution), buy as the BG/NBD story says, and the day of each purchase is
the day it falls on (recency rounded up to whole days).  Such data has as many
distinct (x, t_x, T) patterns as a real shop's, unlike customers resampled
from a small table.

    from bench_clv_data import simulate_customers
    data = simulate_customers(100_000, seed=0)     # frequency, recency, T, monetary
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# Published CDNOW estimates (Fader, Hardie & Lee 2005), weeks and dollars.
BGNBD_PARAMS = {"r": 0.242593, "alpha": 4.413532, "a": 0.792886, "b": 2.425752}
GAMMA_GAMMA_PARAMS = {"p": 6.2488, "q": 3.7446, "gamma": 15.4477}
WINDOW_DAYS = 78 * 7


def simulate_customers(n: int, seed: int = 0, bgnbd: dict | None = None,
                       spend: dict | None = None, window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """n customers: frequency x, recency t_x, age T (weeks, day resolution) and mean spend m.

    BG/NBD: lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b); repeat purchases
    arrive at Poisson rate lambda and after each one the customer drops out
    with probability p.  Gamma-Gamma: nu ~ Gamma(q, rate gamma) and each
    transaction value ~ Gamma(p, rate nu), so the mean of x values is
    Gamma(p x, rate nu) / x.  monetary is 0 for customers without repeat purchases.
    """
    r, alpha, a, b = [(bgnbd or BGNBD_PARAMS)[k] for k in ("r", "alpha", "a", "b")]
    p, q, gamma = [(spend or GAMMA_GAMMA_PARAMS)[k] for k in ("p", "q", "gamma")]
    rng = np.random.default_rng(seed)
    age_days = rng.integers(1, window_days + 1, n)  # joined 1 .. window_days days before the end
    age = age_days / 7.0
    rate = rng.gamma(r, 1.0 / alpha, n)
    drop = rng.beta(a, b, n)
    x = np.zeros(n, dtype=np.int64)
    last = np.zeros(n)
    clock = np.zeros(n)
    active = np.arange(n)
    while active.size:
        clock[active] += rng.exponential(1.0, active.size) / rate[active]
        inside = clock[active] <= age[active]
        active = active[inside]
        x[active] += 1
        last[active] = clock[active]
        active = active[rng.random(active.size) >= drop[active]]
    recency_days = np.where(x > 0, np.minimum(np.ceil(last * 7.0), age_days), 0)
    nu = rng.gamma(q, 1.0 / gamma, n)
    total = rng.gamma(np.maximum(p * x, 1e-300), 1.0, n) / nu
    monetary = np.where(x > 0, total / np.maximum(x, 1), 0.0)
    return pd.DataFrame({"frequency": x.astype(float), "recency": recency_days / 7.0,
                         "T": age, "monetary": monetary})


def distinct_patterns(data: pd.DataFrame) -> int:
    """Number of distinct (x, t_x, T) rows."""
    return int(len(data[["frequency", "recency", "T"]].drop_duplicates()))
