"""PLS path modeling (偏最小二乘路径模型) for ACSI/ECSI/CCSI-type satisfaction models.

Specify the constructs (潜变量) with their items (测量题项) and the structural
paths (结构路径), then estimate, the way seminr does::

    model = PathModel(
        constructs={"Image": ["IMAG1", "IMAG2"], "Satisfaction": ["CUSA1", "CUSA2"]},
        paths=[("Image", "Satisfaction")],
    )
    fit = model.fit(mobi)
    fit.path_coefficients, fit.r_squared, fit.outer_weights, fit.summary()

This module is the pandas-facing shell: it checks the input, labels the
results and builds the tables.  The numbers come from the numpy-only engine
:mod:`crmlab.satisfaction._engine`.

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

Quality criteria (评价指标) on a fitted model: :meth:`~FittedPathModel.reliability`
(α, ρc, AVE), :meth:`~FittedPathModel.rho_a` (ρA), :meth:`~FittedPathModel.htmt`,
:meth:`~FittedPathModel.fornell_larcker`, :meth:`~FittedPathModel.cross_loadings`,
:meth:`~FittedPathModel.item_vif`, :meth:`~FittedPathModel.construct_vif`,
:meth:`~FittedPathModel.f_squared`; bootstrap CIs and p-values with
:meth:`~FittedPathModel.bootstrap`.

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
from functools import cached_property
from graphlib import CycleError, TopologicalSorter
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from .._checks import ConvergenceError, NotFittedError, input_error, require_choice, require_columns, require_in_range
from ._engine import (CollinearityError, build_structure, check_mode_b, construct_vif, estimate,
                      estimation_matrix, htmt, item_vif, moments, r_squared_without_path, rho_a,
                      total_effects_matrix)
from ._engine import Structure as _Structure  # noqa: F401  (older private name)
from ._plots import plot_path_model
from ._results import FittedModelBase, Summary
from .bootstrap import bootstrap as _bootstrap
from .index import check_scale

__all__ = ["PathModel", "FittedPathModel", "Summary", "SCHEMES", "MODES"]

SCHEMES = ("path", "centroid", "factorial")
MODES = ("A", "B")
DEFAULT_TOL = 1e-7
DEFAULT_MAX_ITER = 300

# older private names, kept importable
_build_structure = build_structure
_correlation = moments


# --------------------------------------------------------------------------- specification

class PathModel:
    """路径模型设定（PLS）：潜变量、题项、路径、测量模式和内部加权方案。

    A PLS path model specification (模型设定): constructs, paths, modes, scheme.

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
        self._structure = build_structure(self.constructs, self.paths, self.modes, scheme)

    def __getattr__(self, name: str):
        # A result asked of the specification (model.path_coefficients): the results
        # live on the FittedPathModel that fit() returns.
        if not name.startswith("_") and hasattr(FittedPathModel, name):
            raise NotFittedError("PathModel", name,
                                 f"（fit() 返回拟合结果：fitted = model.fit(data)，再用 fitted.{name}）",
                                 f" (fit() returns the results: fitted = model.fit(data), then fitted.{name})")
        raise AttributeError(f"'PathModel' object has no attribute {name!r}")

    @property
    def items(self) -> list[str]:
        """All item columns, grouped by construct in specification order."""
        return list(self._structure.items)

    @property
    def endogenous(self) -> list[str]:
        """Constructs with at least one incoming path (内生潜变量)."""
        return [self._structure.constructs[j] for j, _ in self._structure.predecessors]

    def __repr__(self) -> str:
        return (f"PathModel({len(self.constructs)} constructs, {len(self.paths)} paths, "
                f"scheme={self.scheme!r})")

    def fit(self, data: pd.DataFrame, *, missing: str = "error", tol: float = DEFAULT_TOL,
            max_iter: int = DEFAULT_MAX_ITER, scaled: bool = True) -> "FittedPathModel":
        """Estimate the model on ``data`` (估计模型); returns a :class:`FittedPathModel`.

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
        """
        require_choice(missing, "missing", ("error", "drop"))
        if not isinstance(scaled, (bool, np.bool_)):
            raise input_error("scaled", "应为 True（标准化）或 False（仅中心化）",
                              "expected True (standardize) or False (centre only)")
        require_in_range([tol], "tol", 0, 1, low_open=True)
        if not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
            raise input_error("max_iter", "必须是正整数", "must be a positive integer")
        values, index = _item_matrix(data, self.items, missing)
        return FittedPathModel(self, values, index, tol=float(tol), max_iter=int(max_iter),
                               scaled=bool(scaled))


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



# --------------------------------------------------------------------------- engine errors in words

def _collinear(zh_what: str, en_what: str):
    return input_error("data", f"{zh_what}完全共线（矩阵奇异），无法估计；请检查是否有重复或线性相关的题项",
                       f"{en_what} are perfectly collinear (singular matrix); check for duplicated or "
                       "linearly dependent items")


def _collinearity_error(err: CollinearityError):
    """The bilingual input error for an engine CollinearityError."""
    if err.kind == "mode_b_items":
        return _collinear(f"形成型潜变量 {err.construct!r} 的题项", f"the items of mode B construct {err.construct!r}")
    if err.kind == "predictors":
        others = list(err.others)
        return input_error(
            "data", f"指向潜变量 {err.construct!r} 的原因变量 {others} 的得分完全共线（矩阵奇异），路径系数无法确定；"
            "请检查这些潜变量是否用了重复或线性相关的题项，或合并它们",
            f"the scores of the predecessors {others} of construct {err.construct!r} are perfectly collinear "
            "(singular matrix), so the path coefficients are not determined; check whether these constructs "
            "use duplicated or linearly dependent items, or merge them")
    return _collinear("题项或潜变量", "items or constructs")


def _solve_guard(func, *args):
    try:
        return func(*args)
    except CollinearityError as err:
        raise _collinearity_error(err) from None
    except np.linalg.LinAlgError:
        raise _collinear("题项或潜变量", "items or constructs") from None


# --------------------------------------------------------------------------- fitted model

class FittedPathModel(FittedModelBase):
    """估计好的 PLS 路径模型：路径系数、R²、权重、载荷、信度与效度等结果。

    An estimated PLS path model (估计结果).  Made by :meth:`PathModel.fit`.

    Attributes
    ----------
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
    iterations : int, converged : bool, n : int, scaled : bool
    """

    def __init__(self, spec: PathModel, values: np.ndarray, index: pd.Index, *, tol: float, max_iter: int,
                 scaled: bool = True):
        self.model = spec
        self._index = index
        self.n = len(values)
        self._s = s = spec._structure
        self._tol, self._max_iter = tol, max_iter
        self.scaled = bool(scaled)
        self._values = values          # our own copy of the item data, exactly as given
        self._mean, self._sd, r = moments(values)
        self._r = r                    # item correlations
        self._S = estimation_matrix(r, self._sd, self.scaled)     # R, or the covariances C
        self._scale = self._sd if self.scaled else np.ones_like(self._sd)   # x̃ = (x − x̄) / scale
        most_predictors = max(len(p) for _, p in s.predecessors)
        if self.n <= most_predictors + 1:
            raise input_error("data", f"样本量 {self.n} 太小：至少需要 {most_predictors + 2} 行",
                              f"sample size {self.n} is too small: at least {most_predictors + 2} rows are needed")
        _solve_guard(check_mode_b, r, s)
        est = _solve_guard(estimate, self._S, s, tol, max_iter)
        self._est = est
        self.iterations = est["iterations"]
        self.converged = est["converged"]
        if not self.converged:
            raise ConvergenceError(
                f"PLS 迭代 {max_iter} 次仍未收敛（权重变化 ≥ {tol:g}）：请增大 max_iter，或检查模型设定与数据",
                f"PLS did not converge in {max_iter} iterations (weight change >= {tol:g}); "
                "increase max_iter or check the model and the data")

    # The result tables are built on first access, so a fit (and each bootstrap
    # resample) costs only the estimation itself.
    @cached_property
    def data(self) -> pd.DataFrame:
        """The item data used for the estimation (rows with missing items dropped, if asked)."""
        return pd.DataFrame(self._values, index=self._index, columns=list(self._s.items))

    @cached_property
    def _owner(self) -> pd.Series:
        names = self._s.constructs
        return pd.Series([names[j] for j in self._s.mask.argmax(axis=1)], index=list(self._s.items),
                         name="construct")

    def _matrix(self, values: np.ndarray) -> pd.DataFrame:
        names = list(self._s.constructs)
        out = pd.DataFrame(values, index=pd.Index(names, name="from"), columns=pd.Index(names, name="to"))
        return out

    def _pairs(self, cells, values, name: str) -> pd.Series:
        names = self._s.constructs
        index = pd.MultiIndex.from_tuples([(names[i], names[j]) for i, j in cells], names=["from", "to"])
        return pd.Series(np.asarray(values, dtype=float), index=index, name=name)

    @cached_property
    def outer_weights(self) -> pd.Series:
        return pd.Series(self._est["weights"][self._s.mask == 1], index=list(self._s.items), name="weight")

    @cached_property
    def outer_loadings(self) -> pd.Series:
        return pd.Series(self._est["loadings"][self._s.mask == 1], index=list(self._s.items), name="loading")

    @cached_property
    def path_coefficients(self) -> pd.DataFrame:
        return self._matrix(self._est["paths"])

    @cached_property
    def r_squared(self) -> pd.Series:
        return pd.Series(self._est["rsq"], index=self.model.endogenous, name="R²")

    @cached_property
    def adjusted_r_squared(self) -> pd.Series:
        k = np.array([len(p) for _, p in self._s.predecessors])
        adj = 1 - (1 - self._est["rsq"]) * (self.n - 1) / (self.n - k - 1)
        return pd.Series(adj, index=self.model.endogenous, name="adjusted R²")

    @cached_property
    def construct_correlations(self) -> pd.DataFrame:
        names = list(self._s.constructs)
        return pd.DataFrame(self._est["cor"], index=names, columns=names)

    @cached_property
    def direct_effects(self) -> pd.DataFrame:
        return self._matrix(self._est["paths"])

    @cached_property
    def total_effects(self) -> pd.DataFrame:
        return self._matrix(total_effects_matrix(self._est["paths"]))

    @cached_property
    def indirect_effects(self) -> pd.DataFrame:
        return self._matrix(total_effects_matrix(self._est["paths"]) - self._est["paths"])

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Latent scores Y = X̃ W = (X − mean) (W / scale), scale = SD (standardized) or 1 (centred only)."""
        y = (self._values - self._mean) @ (self._est["weights"] / self._scale[:, None])
        return pd.DataFrame(y, index=self._index, columns=list(self._s.constructs))

    @cached_property
    def _standardized_weights(self) -> np.ndarray:
        """Weights of the standardized items (k × J): w_std = w · SD / scale."""
        return self._est["weights"] * (self._sd / self._scale)[:, None]

    # ---- tables -----------------------------------------------------------------------------
    @property
    def labels(self) -> dict[str, str]:
        """Construct → display name (e.g. Chinese), from the specification."""
        return dict(self.model.labels)

    def paths_table(self) -> pd.DataFrame:
        """One row per structural path: from, to, coefficient (路径系数)."""
        rows = [(a, b, self.path_coefficients.loc[a, b]) for a, b in self.model.paths]
        return pd.DataFrame(rows, columns=["from", "to", "coefficient"])

    def effects(self) -> pd.DataFrame:
        """Direct, indirect and total effect for every pair with a nonzero total effect."""
        rows = []
        for a in self._s.constructs:
            for b in self._s.constructs:
                total = self.total_effects.loc[a, b]
                if a != b and (total != 0 or self.direct_effects.loc[a, b] != 0):
                    rows.append((a, b, self.direct_effects.loc[a, b], self.indirect_effects.loc[a, b], total))
        return pd.DataFrame(rows, columns=["from", "to", "direct", "indirect", "total"])

    def measurement(self) -> pd.DataFrame:
        """One row per item: construct, outer weight, outer loading."""
        return pd.DataFrame({"construct": self._owner, "weight": self.outer_weights,
                             "loading": self.outer_loadings})

    def reliability(self) -> pd.DataFrame:
        """Reliability per construct (信度): Cronbach's α, composite reliability ρc, AVE.

        With R the correlation matrix of a block's k items and λ its loadings:

        - α  = k/(k − 1) · (1 − k / ΣR)   (standardized Cronbach's α, as seminr)
        - ρc = (Σλ)² / ((Σλ)² + Σ(1 − λ²))   (组合信度)
        - AVE = Σλ² / k                       (平均提取方差)

        A single-item construct gets 1 for all three.  The measures assume
        reflective (mode A) blocks; the ``mode`` column flags mode B blocks.
        Common rules of thumb: α and ρc ≥ 0.7, AVE ≥ 0.5.  ρA is in
        :meth:`rho_a`.
        """
        r = self._r
        rows = []
        for j, c in enumerate(self._s.constructs):
            b = self._s.blocks[j]
            k = len(b)
            lam = self._est["loadings"][b, j]
            if k == 1:
                alpha = rho_c = ave = 1.0
            else:
                alpha = k / (k - 1) * (1 - k / r[np.ix_(b, b)].sum())
                rho_c = lam.sum() ** 2 / (lam.sum() ** 2 + (1 - lam ** 2).sum())
                ave = float((lam ** 2).mean())
            rows.append((c, self.model.modes[c], k, alpha, rho_c, ave))
        return pd.DataFrame(rows, columns=["construct", "mode", "items", "alpha", "rho_c", "AVE"]
                            ).set_index("construct")

    def rho_a(self) -> pd.Series:
        """ρA 信度（每个潜变量一个值）。 / ρA reliability (Dijkstra–Henseler) per construct.

        With ŵ the construct's weights for its standardized items (scaled so
        that the composite has variance 1) and R the items' correlations:

            ρA = (ŵᵀŵ)² · ŵᵀ(R − diag R)ŵ / ŵᵀ(ŵŵᵀ − diag(ŵŵᵀ))ŵ

        (Dijkstra & Henseler 2015, MIS Quarterly 39(2)).  It usually lies
        between α and ρc; rule of thumb ≥ 0.7.  Single-item and mode B
        constructs get 1, as in seminr.  Returns a Series by construct.
        """
        values = rho_a(self._standardized_weights, self._r, self._s)
        return pd.Series(values, index=pd.Index(self._s.constructs, name="construct"), name="rho_A")

    def htmt(self) -> pd.DataFrame:
        """异质-同质比 HTMT（判别效度）。 / Heterotrait–monotrait ratio (HTMT) of every pair of constructs.

        For constructs i and j with items I and J and item correlations r:

            HTMT_ij = mean_{a∈I, b∈J} |r_ab| / √( mean_{a<a'∈I} |r_aa'| · mean_{b<b'∈J} |r_bb'| )

        (Henseler, Ringle & Sarstedt 2015; absolute correlations as seminr).
        A single-item construct's within-block mean is 1.  Discriminant
        validity is usually accepted when HTMT < 0.85 (strict) or < 0.90.
        Returns a symmetric DataFrame (rows and columns = constructs) with NaN
        on the diagonal, where the ratio is not defined.
        """
        names = pd.Index(self._s.constructs, name="construct")
        return pd.DataFrame(htmt(self._r, self._s), index=names, columns=names.rename(None))

    def fornell_larcker(self) -> pd.DataFrame:
        """Fornell–Larcker 判别效度表：对角线为 √AVE，其余为潜变量得分相关系数。 / Fornell–Larcker criterion table.

        Diagonal: √AVE of each construct (AVE = Σλ²/k, see :meth:`reliability`);
        off the diagonal: the correlations between the construct scores.
        Discriminant validity holds for construct i when √AVEᵢ exceeds the
        absolute value of every other entry of its row (and column).  Returns
        a symmetric DataFrame, rows and columns = constructs.
        """
        table = self.construct_correlations.copy()
        ave = self.reliability()["AVE"]
        for c in table.index:
            table.loc[c, c] = np.sqrt(ave[c])
        table.index.name = "construct"
        return table

    def cross_loadings(self) -> pd.DataFrame:
        """交叉载荷：每道题与每个潜变量得分的相关系数。 / Cross-loadings: every item's correlation with every score.

        Rows = items (in construct order), columns = constructs; the cells of
        an item's own construct are its outer loadings.  An item should load
        highest on its own construct.
        """
        return pd.DataFrame(self._est["cross_loadings"], index=pd.Index(self._s.items, name="item"),
                            columns=list(self._s.constructs))

    def item_vif(self) -> pd.DataFrame:
        """题项方差膨胀因子 VIF = 1/(1 − R²)（同一潜变量内）。 / Item VIF within each construct.

        VIFₖ = 1 / (1 − R²ₖ), where R²ₖ is from the OLS regression of item k on
        the other items of the same construct (equivalently the diagonal of
        the inverse item correlation matrix of the block).  A single-item
        construct gets 1; perfectly collinear items get ∞.  Rule of thumb for
        formative (mode B) items: VIF < 5 (strict: < 3).  Returns a DataFrame
        indexed by item with columns ``construct`` and ``VIF``.
        """
        return pd.DataFrame({"construct": self._owner, "VIF": item_vif(self._r, self._s)},
                            index=pd.Index(self._s.items, name="item"))

    def construct_vif(self) -> pd.DataFrame:
        """结构模型 VIF：每条路径的原因变量的共线性。 / Inner-model VIF of each predecessor in each structural regression.

        For path i → j: VIF = 1 / (1 − R²ᵢ), with R²ᵢ from the OLS regression of
        the score of i on the scores of j's other predecessors (1 when j has a
        single predecessor).  Rule of thumb: VIF < 5 (strict: < 3).  Returns a
        DataFrame indexed by (``from``, ``to``), one row per path, column ``VIF``.
        """
        rows = construct_vif(self._est["cor"], self._s)
        return self._pairs([(i, j) for i, j, _ in rows], [v for *_, v in rows], "VIF").to_frame()

    def f_squared(self) -> pd.DataFrame:
        """效应量 f²：去掉该路径重新估计后 R² 的下降。 / Effect size f² of every structural path, by re-estimating without it.

            f² = (R²_included − R²_excluded) / (1 − R²_included)

        where R²_included is the endogenous construct's R² in this model and
        R²_excluded its R² when the model is estimated again without the path
        (constructs left outside every path are dropped; R²_excluded = 0 when
        no predecessor is left), as in seminr.  Cohen's rule of thumb: 0.02
        small, 0.15 medium, 0.35 large.  Returns a DataFrame indexed by
        (``from``, ``to``) with columns ``r2_included``, ``r2_excluded``, ``f2``.
        """
        names = self._s.constructs
        rsq = dict(zip(self.model.endogenous, self._est["rsq"]))
        rows = []
        for a, b in self.model.paths:
            i, j = names.index(a), names.index(b)
            excluded, converged = _solve_guard(r_squared_without_path, self._S, self._s, i, j, self._tol,
                                               self._max_iter)
            if not converged:
                warnings.warn(f"去掉路径 {a} → {b} 后的模型未收敛。 / The model without {a} -> {b} did not "
                              "converge.", UserWarning, stacklevel=2)
            included = rsq[b]
            rows.append(((a, b), included, excluded, (included - excluded) / (1 - included)))
        index = pd.MultiIndex.from_tuples([r[0] for r in rows], names=["from", "to"])
        return pd.DataFrame([r[1:] for r in rows], index=index, columns=["r2_included", "r2_excluded", "f2"])

    def index_weights(self, construct: str | None = None):
        """Rescaled unstandardized weights (ACSI 指数权重): wᵢ / sᵢ, normalized to sum 1 per construct.

        wᵢ is the standardized weight and sᵢ the standard deviation of item i
        (with ``scaled=False`` the weights are already unstandardized and are
        used as they are).  Returns a Series by item (all constructs) or,
        with ``construct``, that construct's weights — ready for
        :func:`crmlab.satisfaction.weighted_index`.  Warns when a weight is
        negative (the index may then leave 0–100); raises when a construct's
        weights do not sum to a positive number.
        """
        raw = self.outer_weights / pd.Series(self._scale, index=self.outer_weights.index)
        sums = raw.groupby(self._owner).transform("sum")
        if (sums <= 0).any():
            bad = sorted(set(self._owner[sums <= 0]))
            raise input_error("construct", f"潜变量 {bad} 的非标准化权重之和不为正，无法计算指数",
                              f"the unstandardized weights of {bad} do not sum to a positive number; no index")
        if (raw < 0).any():
            neg = raw.index[raw < 0].tolist()
            warnings.warn(f"题项 {neg} 的权重为负，指数可能超出 0–100。 / Item(s) {neg} have negative weights; "
                          "the index may leave the 0-100 range.", UserWarning, stacklevel=2)
        out = (raw / sums).rename("index_weight")
        if construct is None:
            return out
        require_choice(construct, "construct", list(self._s.constructs))
        return out[self._owner == construct]

    def index_scores(self, scale: tuple[float, float] = (1, 10), *, per_respondent: bool = False):
        """0–100 index per construct, the ACSI way (满意度指数).

        With the rescaled unstandardized weights w*ᵢ of :meth:`index_weights`
        (Σ w*ᵢ = 1 per construct) and the item scale [L, U]:

            index = (Σ w*ᵢ x̄ᵢ − L) / (U − L) × 100

        Returns a Series by construct (the overall index); with
        ``per_respondent=True`` a DataFrame of each respondent's index
        (Σ w*ᵢ xᵢ − L)/(U − L) × 100, whose column means are the overall index.
        Items outside the scale raise an error.  When a construct's weights
        are all non-negative its index is a weighted mean of points of the
        scale, so it lies in [0, 100]; rounding noise just outside (such as
        −1e−15 for a respondent who answered L everywhere) is set to the bound.
        """
        low, high = check_scale(scale)
        values = self._values
        if values.min() < low or values.max() > high:
            outside = (values < low) | (values > high)
            bad = [c for c, flag in zip(self._s.items, outside.any(axis=0)) if flag]
            raise input_error("scale", f"题项 {bad} 有取值超出量表 [{low:g}, {high:g}]",
                              f"item(s) {bad} have values outside the scale [{low:g}, {high:g}]")
        w = self.index_weights().to_numpy()[:, None] * self._s.mask
        per = (values @ w - low) / (high - low) * 100
        convex = ~np.any(w < 0, axis=0)              # constructs with non-negative weights only
        per[:, convex] = np.clip(per[:, convex], 0.0, 100.0)
        table = pd.DataFrame(per, index=self._index, columns=list(self._s.constructs))
        if per_respondent:
            return table
        return table.mean().rename("index")

    def summary(self) -> Summary:
        """Plain tables: paths, R², measurement (weights, loadings), reliability, effects, iterations."""
        r2 = pd.DataFrame({"R²": self.r_squared, "adjusted R²": self.adjusted_r_squared})
        info = pd.Series({"scheme": self.model.scheme, "n": self.n, "iterations": self.iterations,
                          "converged": self.converged}, name="value")
        return Summary(paths=self.paths_table(), r_squared=r2, measurement=self.measurement(),
                       reliability=self.reliability(), effects=self.effects(), estimation=info)

    def bootstrap(self, n: int = 500, seed: int | None = None, *, alpha: float = 0.05,
                  n_jobs: int = 1, progress: bool | None = None):
        """Bootstrap confidence intervals, t- and p-values (自助法); see :func:`crmlab.satisfaction.bootstrap.bootstrap`."""
        return _bootstrap(self, n=n, seed=seed, alpha=alpha, n_jobs=n_jobs, progress=progress)

    def plot(self, ax=None, **kwargs):
        """Path diagram (路径图) with coefficients and R²; see :func:`crmlab.satisfaction.plot_path_model`."""
        return plot_path_model(self, ax=ax, **kwargs)

    def __repr__(self) -> str:
        return (f"FittedPathModel(n={self.n}, {len(self._s.constructs)} constructs, scheme={self.model.scheme!r},"
                f" iterations={self.iterations}, converged={self.converged})")
