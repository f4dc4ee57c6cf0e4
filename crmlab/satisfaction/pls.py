"""PLS path modeling (偏最小二乘路径模型) for ACSI/ECSI/CCSI-type satisfaction models.

Specify the constructs (潜变量) with their items (测量题项) and the structural
paths (结构路径), then estimate, the way seminr does::

    model = PathModel(
        constructs={"Image": ["IMAG1", "IMAG2"], "Satisfaction": ["CUSA1", "CUSA2"]},
        paths=[("Image", "Satisfaction")],
    ).fit(mobi)                       # fit() returns the model itself, now fitted
    model.path_coefficients, model.r_squared, model.outer_weights, model.summary()

This module is the pandas-facing shell: :class:`PathModel` checks the
specification and the data and runs the estimation in ``fit``; the numbers
come from the numpy-only engine :mod:`crmlab.satisfaction._engine`, and the
labelled result tables from :mod:`crmlab.satisfaction._results`.

Algorithm (Lohmöller's PLS, on standardized data, as in seminr's ``simplePLS``)
----------------------------------------------------------------------------
Let Z be the items standardized to mean 0 and SD 1 (n - 1 denominator) and
R = ZᵀZ / (n - 1) their correlation matrix.  Start with outer weights W = 1 for
each item of its own construct (0 elsewhere), then repeat:

1. outer estimate      Y = Z W, each column rescaled to SD 1;
2. inner weights  e_ij (construct i's weight in construct j's inner proxy):

   - path scheme (路径加权): for a *successor* i of j (path j → i),
     e_ij = cor(Y_i, Y_j); for the *predecessors* of j, the OLS coefficients
     of Y_j regressed on its predecessors' scores;
   - factorial (因子加权): e_ij = cor(Y_i, Y_j) for every adjacent pair;
   - centroid (重心加权): e_ij = sign(cor(Y_i, Y_j)) for every adjacent pair;

3. inner estimate      Ỹ = Y E, each column rescaled to SD 1;
4. new outer weights   mode A (reflective, 反映型): w_kj = cov(z_k, Ỹ_j);
                       mode B (formative, 形成型): w_j = R_jj⁻¹ cor(Z_j, Ỹ_j);
5. rescale each column of W so that SD(Z w_j) = 1;

until Σ |W_new − W_old| < ``tol`` (10⁻⁷, seminr's default) or ``max_iter``
(300) rounds.  Then the latent scores are Y = Z W, the outer loadings
λ_kj = cor(z_k, Y_j), the path coefficients are the OLS coefficients of each
endogenous construct on its predecessors (β = C_pp⁻¹ c_pj with C the score
correlations), R² = β·c_pj and adjusted R² = 1 − (1 − R²)(n − 1)/(n − p − 1),
with p predecessors.

Every step above depends on the data only through R, so the iteration runs on
the k × k item correlation matrix: one pass over the data, however many
respondents.  That is what keeps a 100,000-row national survey fast while the
numbers agree with seminr to rounding error.

Unstandardized data (非标准化数据, ``fit(data, scaled=False)``): as plspm's
``scaled=FALSE``, the items are only centred, X − x̄, not divided by their SD;
the same algorithm then runs on their covariance matrix C instead of R (mode
A: w_kj = cov(x_k, Ỹ_j); mode B: w_j = C_jj⁻¹ cov(X_j, Ỹ_j)), and the
weights apply to the centred raw items, scaled so that the scores have SD 1
(n − 1; plspm divides by n, so its weights are larger by √(n/(n − 1))).
Loadings stay correlations and the scores stay standardized, so loadings,
paths and R² are read as before; items with a larger spread get more weight.
The stopping rule is applied to the weights of the standardized items
(W times the item SDs), so it does not depend on the units of the items.

Effects (效应): with B the matrix of path coefficients (rows = from, columns =
to), the total effects are T = B + B² + … = (I − B)⁻¹ − I, and the indirect
effects are T − B.

Quality criteria (评价指标) on a fitted model: :meth:`~PathModel.reliability`
(α, ρc, AVE), :meth:`~PathModel.rho_a` (ρA), :meth:`~PathModel.htmt`,
:meth:`~PathModel.fornell_larcker`, :meth:`~PathModel.cross_loadings`,
:meth:`~PathModel.item_vif`, :meth:`~PathModel.construct_vif`,
:meth:`~PathModel.f_squared`; bootstrap CIs and p-values with
:meth:`~PathModel.bootstrap` (which re-estimates on resamples and leaves the
model as it is).

Missing values (缺失值): by default :meth:`PathModel.fit` refuses data with NaN
and names the columns (``missing="error"``).  With ``missing="drop"`` the rows
with any missing item are deleted (listwise deletion, 成列删除) and a
``UserWarning`` says how many.

Collinearity (共线性): perfectly collinear items of a mode B construct, or
perfectly collinear predecessors of an endogenous construct, make the
estimates undefined; :meth:`PathModel.fit` then raises an error naming them.
"""
from __future__ import annotations

import warnings
from graphlib import CycleError, TopologicalSorter
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .._checks import ConvergenceError, input_error, require_choice, require_columns, require_in_range
from ._engine import build_structure, check_mode_b, estimate, estimation_matrix, moments
from ._engine import Structure as _Structure  # noqa: F401  (older private name)
from ._engine import total_effects_matrix  # noqa: F401  (importable from here, as before)
from ._plots import plot_path_model
from ._results import PathResults, Summary, solve_guard
from .bootstrap import bootstrap as _bootstrap

__all__ = ["PathModel", "Summary", "SCHEMES", "MODES"]

SCHEMES = ("path", "centroid", "factorial")
MODES = ("A", "B")
DEFAULT_TOL = 1e-7
DEFAULT_MAX_ITER = 300

# older private names, kept importable
_build_structure = build_structure
_correlation = moments


# --------------------------------------------------------------------------- specification

class PathModel(PathResults):
    """偏最小二乘（PLS）路径模型：先设定潜变量、题项和路径，再用 fit(data) 估计，结果是模型的属性和方法。

    A PLS path model (偏最小二乘路径模型): specify constructs, paths, modes and
    scheme; ``fit(data)`` estimates it and returns the model itself, now fitted.

    Parameters
    ----------
    constructs : mapping
        Construct (潜变量) name → list of item (题项) column names.  A single
        item is allowed.  An item may belong to one construct only.
    paths : sequence of (from, to)
        Structural paths (结构路径), e.g. ``[("Image", "Satisfaction")]``.
        Must form an acyclic graph in which every construct takes part.
    modes : mapping, optional
        Construct → ``"A"`` (reflective, 反映型, correlation weights) or
        ``"B"`` (formative, 形成型, regression weights).  Default ``"A"``.
    scheme : {"path", "centroid", "factorial"}
        Inner weighting scheme (内部加权方案), default ``"path"`` (路径加权).
    labels : mapping, optional
        Construct → display name (e.g. Chinese names) for summaries and plots.
    layout : mapping, optional
        Construct → (x, y) position in the path diagram (the presets bring one).

    Results after ``fit``
    ---------------------
    path_coefficients : DataFrame
        Standardized path coefficients β (路径系数); rows = from, columns = to
        (all constructs; 0 where there is no path).
    r_squared, adjusted_r_squared : Series
        R² (决定系数) and adjusted R² of each endogenous construct.
    outer_weights, outer_loadings : Series
        Outer weights (外部权重) and loadings (外部载荷) by item.  The weights
        are standardized (for standardized items) or, with ``scaled=False``,
        weights of the centred raw items.
    scores : DataFrame
        Latent variable scores (潜变量得分), standardized, one row per respondent
        (index of the data rows used).
    direct_effects, indirect_effects, total_effects : DataFrame
        Effects (直接/间接/总效应) between constructs, rows = from, columns = to.
    construct_correlations : DataFrame
        Correlations between the latent scores.
    data : DataFrame
        The item data used (after listwise deletion, if asked for).
    n, iterations, converged, scaled, is_fitted
        Sample size, iterations, convergence, standardized or not, fitted or not.

    Methods: :meth:`summary`, :meth:`paths_table`, :meth:`effects`,
    :meth:`measurement`, :meth:`reliability`, :meth:`rho_a`, :meth:`htmt`,
    :meth:`fornell_larcker`, :meth:`cross_loadings`, :meth:`item_vif`,
    :meth:`construct_vif`, :meth:`f_squared`, :meth:`index_weights`,
    :meth:`index_scores`, :meth:`bootstrap`, :meth:`plot`.  Before ``fit``
    each raises :class:`~crmlab.NotFittedError`.  Fitting again (on other
    data) replaces the results.

    Raises
    ------
    CRMLabInputError
        Empty constructs, an item listed twice, an unknown construct in a path,
        a self-loop, a repeated path, a cycle, a construct outside every path,
        an unknown mode or scheme.
    """

    def __init__(self, constructs: Mapping[str, Sequence[str]], paths: Sequence[tuple[str, str]],
                 modes: Mapping[str, str] | None = None, scheme: str = "path",
                 labels: Mapping[str, str] | None = None,
                 layout: Mapping[str, tuple[float, float]] | None = None):
        self.constructs = _check_constructs(constructs)
        self.paths = _check_paths(paths, self.constructs)
        self.modes = _check_modes(modes, self.constructs)
        require_choice(scheme, "scheme", SCHEMES)
        self.scheme = scheme
        self.labels = {c: c for c in self.constructs}
        if labels is not None:
            unknown = [c for c in labels if c not in self.constructs]
            if unknown:
                raise input_error("labels", f"未知的潜变量 {unknown}", f"unknown construct(s) {unknown}")
            self.labels.update({c: str(v) for c, v in labels.items()})
        self.layout = dict(layout) if layout is not None else None
        self._s = build_structure(self.constructs, self.paths, self.modes, scheme)

    @property
    def items(self) -> list[str]:
        """All item columns, grouped by construct in specification order."""
        return list(self._s.items)

    @property
    def endogenous(self) -> list[str]:
        """Constructs with at least one incoming path (内生潜变量)."""
        return [self._s.constructs[j] for j, _ in self._s.predecessors]

    def __repr__(self) -> str:
        spec = f"{len(self.constructs)} constructs, {len(self.paths)} paths, scheme={self.scheme!r}"
        if not self.is_fitted:
            return f"PathModel({spec}; unfitted)"
        return f"PathModel({spec}; fitted: n={self.n}, iterations={self.iterations})"

    def fit(self, data: pd.DataFrame, *, missing: str = "error", tol: float = DEFAULT_TOL,
            max_iter: int = DEFAULT_MAX_ITER, scaled: bool = True) -> "PathModel":
        """用数据估计模型（PLS 算法），返回估计好的模型本身。

        Estimate the model on ``data`` (估计模型); returns ``self``, now fitted.

        ``data`` holds one row per respondent and (at least) every item column.
        ``missing="error"`` (default) rejects NaN naming the columns;
        ``missing="drop"`` deletes incomplete rows with a warning.  Items
        must be numeric and vary (a constant item cannot be standardized).
        ``scaled=True`` (default) standardizes the items (标准化, mean 0, SD 1);
        ``scaled=False`` only centres them (仅中心化, plspm's ``scaled=FALSE``):
        the weights then apply to the raw items and reflect their spread.
        If the weight iteration has not converged after ``max_iter`` rounds,
        :class:`~crmlab.ConvergenceError` is raised (rather than returning
        estimates that may be wrong).  Perfectly collinear mode B items or
        predecessor constructs raise :class:`~crmlab.CRMLabInputError` naming them.
        The results of an earlier fit are replaced only when this one succeeds.
        """
        require_choice(missing, "missing", ("error", "drop"))
        if not isinstance(scaled, (bool, np.bool_)):
            raise input_error("scaled", "应为 True（标准化）或 False（仅中心化）",
                              "expected True (standardize) or False (centre only)")
        require_in_range([tol], "tol", 0, 1, low_open=True)
        if not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
            raise input_error("max_iter", "必须是正整数", "must be a positive integer")
        values, index = _item_matrix(data, self.items, missing)
        tol, max_iter, scaled = float(tol), int(max_iter), bool(scaled)
        s = self._s
        n = len(values)
        most_predictors = max(len(p) for _, p in s.predecessors)
        if n <= most_predictors + 1:
            raise input_error("data", f"样本量 {n} 太小：至少需要 {most_predictors + 2} 行",
                              f"sample size {n} is too small: at least {most_predictors + 2} rows are needed")
        mean, sd, r = moments(values)
        S = estimation_matrix(r, sd, scaled)     # R, or the covariances C
        solve_guard(check_mode_b, r, s)
        est = solve_guard(estimate, S, s, tol, max_iter)
        if not est["converged"]:
            raise ConvergenceError(
                f"PLS 迭代 {max_iter} 次仍未收敛（权重变化 ≥ {tol:g}）：请增大 max_iter，或检查模型设定与数据",
                f"PLS did not converge in {max_iter} iterations (weight change >= {tol:g}); "
                "increase max_iter or check the model and the data")
        # Everything succeeded: replace the results of any earlier fit.
        self._clear_results()
        self._values, self._index, self._n = values, index, n   # our own copy of the item data, as given
        self._mean, self._sd, self._r, self._S = mean, sd, r, S
        self._scale = sd if scaled else np.ones_like(sd)         # x̃ = (x − x̄) / scale
        self._tol, self._max_iter, self._scaled = tol, max_iter, scaled
        self._iterations, self._converged = est["iterations"], est["converged"]
        self._est = est
        return self

    def bootstrap(self, n: int = 500, seed: int | None = None, *, alpha: float = 0.05,
                  n_jobs: int = 1, progress: bool | None = None):
        """自助法置信区间、t 值和 p 值（在重抽样上重新估计，模型本身不变）。

        Bootstrap confidence intervals, t- and p-values (自助法); see
        :func:`crmlab.satisfaction.bootstrap`.  The resamples are estimated on
        their own; this model keeps its estimates.
        """
        return _bootstrap(self, n=n, seed=seed, alpha=alpha, n_jobs=n_jobs, progress=progress)

    def plot(self, ax=None, **kwargs):
        """画路径图（系数和 R²），返回 matplotlib 坐标轴（Axes）。

        Path diagram (路径图) with coefficients and R²; see :func:`crmlab.satisfaction.plot_path_model`.
        """
        return plot_path_model(self, ax=ax, **kwargs)


def _check_constructs(constructs) -> dict[str, list[str]]:
    if not isinstance(constructs, Mapping) or len(constructs) == 0:
        raise input_error("constructs", "应为非空字典：潜变量名 → 题项列名列表",
                          "expected a non-empty dict: construct name -> list of item columns")
    out: dict[str, list[str]] = {}
    seen: dict[str, str] = {}
    for name, items in constructs.items():
        if isinstance(items, str):
            items = [items]
        items = list(items)
        if not items:
            raise input_error("constructs", f"潜变量 {name!r} 没有题项", f"construct {name!r} has no items")
        for item in items:
            if item in seen:
                raise input_error("constructs", f"题项 {item!r} 重复出现（{seen[item]!r} 与 {name!r}）",
                                  f"item {item!r} is listed twice ({seen[item]!r} and {name!r})")
            seen[item] = name
        out[str(name)] = items
    return out


def _check_paths(paths, constructs: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    try:
        pairs = [tuple(p) for p in paths]
    except TypeError:
        pairs = [()]
    if not pairs or any(len(p) != 2 for p in pairs):
        raise input_error("paths", "应为非空的 (起点, 终点) 列表", "expected a non-empty list of (from, to) pairs")
    for a, b in pairs:
        for end in (a, b):
            if end not in constructs:
                raise input_error("paths", f"路径 {a} → {b} 中的潜变量 {end!r} 未在 constructs 中定义",
                                  f"construct {end!r} in path {a} -> {b} is not defined in constructs")
        if a == b:
            raise input_error("paths", f"路径 {a} → {b} 指向自身", f"path {a} -> {b} points to itself")
    if len(set(pairs)) != len(pairs):
        dup = sorted({p for p in pairs if pairs.count(p) > 1})
        raise input_error("paths", f"路径重复：{dup}", f"duplicated path(s): {dup}")
    graph: dict[str, set[str]] = {c: set() for c in constructs}
    for a, b in pairs:
        graph[b].add(a)
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        cycle = " → ".join(exc.args[1][::-1])
        raise input_error("paths", f"路径中有循环：{cycle}（PLS 路径模型必须无环）",
                          f"the paths contain a cycle: {cycle} (a PLS path model must be acyclic)") from None
    used = {c for p in pairs for c in p}
    isolated = [c for c in constructs if c not in used]
    if isolated:
        raise input_error("paths", f"潜变量 {isolated} 不在任何路径中", f"construct(s) {isolated} are in no path")
    return [(str(a), str(b)) for a, b in pairs]


def _check_modes(modes, constructs) -> dict[str, str]:
    out = {c: "A" for c in constructs}
    if modes is None:
        return out
    if not isinstance(modes, Mapping):
        raise input_error("modes", "应为字典：潜变量名 → 'A' 或 'B'", "expected a dict: construct -> 'A' or 'B'")
    for c, m in modes.items():
        if c not in constructs:
            raise input_error("modes", f"未知的潜变量 {c!r}", f"unknown construct {c!r}")
        require_choice(m, "modes", MODES)
        out[c] = m
    return out



def _item_matrix(data, items: list[str], missing: str) -> tuple[np.ndarray, pd.Index]:
    """The item columns as a float array and the row index used, checked (columns, numbers, NaN, variance)."""
    require_columns(data, items, "data")
    dtypes = [data[c].dtype for c in items]
    text = [c for c, dtype in zip(items, dtypes) if not (pd.api.types.is_numeric_dtype(dtype)
                                                             or pd.api.types.is_bool_dtype(dtype))]
    if text:
        raise input_error("data", f"题项列 {text} 不是数值", f"item column(s) {text} are not numeric")
    # one column at a time into a fresh array of our own (no intermediate copies of a large table)
    values = np.empty((len(data), len(items)), order="F")
    for j, c in enumerate(items):
        values[:, j] = data[c].to_numpy(dtype=float, na_value=np.nan)
    index = data.index
    if np.isfinite(values).all():
        return _require_variance(values, items), index
    if np.isinf(values).any():
        bad = [c for c, flag in zip(items, np.isinf(values).any(axis=0)) if flag]
        raise input_error("data", f"题项列 {bad} 含无穷大", f"item column(s) {bad} contain infinite values")
    nan_rows = np.isnan(values).any(axis=1)
    if nan_rows.any():
        counts = {c: int(k) for c, k in zip(items, np.isnan(values).sum(axis=0)) if k}
        if missing == "error":
            raise input_error("data", f"题项列含缺失值（NaN）：{counts}；请先处理，或用 missing='drop' 成列删除",
                              f"item columns contain missing values (NaN): {counts}; handle them first "
                              "or pass missing='drop' for listwise deletion")
        warnings.warn(f"成列删除：删去 {int(nan_rows.sum())} 行含缺失值的数据（{counts}），剩余 "
                      f"{int((~nan_rows).sum())} 行。 / Listwise deletion: dropped {int(nan_rows.sum())} "
                      f"row(s) with missing items {counts}; {int((~nan_rows).sum())} remain.",
                      UserWarning, stacklevel=3)
        values, index = np.asfortranarray(values[~nan_rows]), index[~nan_rows]
    return _require_variance(values, items), index


def _require_variance(values: np.ndarray, items: list[str]) -> np.ndarray:
    if len(values) < 3:
        raise input_error("data", f"有效样本只有 {len(values)} 行，至少需要 3 行",
                          f"only {len(values)} complete row(s); at least 3 are needed")
    constant = [c for c, spread in zip(items, np.ptp(values, axis=0)) if spread == 0]
    if constant:
        raise input_error("data", f"题项 {constant} 的取值全部相同（方差为 0），无法标准化",
                          f"item(s) {constant} are constant (zero variance) and cannot be standardized")
    return values
