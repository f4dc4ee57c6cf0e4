"""Results of a fitted PLS path model (拟合结果): the tables, built from the engine's arrays.

The estimation itself runs in :meth:`crmlab.satisfaction.PathModel.fit`
(pls.py) with the numpy-only engine (``_engine.py``); this module turns the
engine's arrays into labelled pandas tables.  :class:`PathResults` is the
part of :class:`~crmlab.satisfaction.PathModel` that holds them: every
result is a property or method that raises :class:`~crmlab.NotFittedError`
until ``fit`` has run, and is built on first access (so a fit, and each
bootstrap resample, costs only the estimation).  Kept apart so that the
model (``pls``), the bootstrap and the charts can all recognise a fitted
model without importing one another.
"""
from __future__ import annotations

import functools
import warnings
from functools import cached_property

import numpy as np
import pandas as pd

from .._checks import NotFittedError, input_error, require_choice
from ._engine import (CollinearityError, construct_vif, htmt, item_vif, r_squared_without_path, rho_a,
                      total_effects_matrix)
from .index import check_scale

__all__ = ["Summary", "PathResults"]


class Summary(dict):
    """结果汇总：一组普通表格（名称 → DataFrame），打印时逐表显示。

    A dict of plain tables (name → DataFrame) that prints each table under its title."""

    def __repr__(self) -> str:
        parts = []
        for name, table in self.items():
            parts.append(f"== {name} ==\n{table.to_string() if hasattr(table, 'to_string') else table}")
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        return "".join(f"<h4>{name}</h4>{table.to_html() if hasattr(table, 'to_html') else table}"
                       for name, table in self.items())


# --------------------------------------------------------------------------- engine errors in words

def _collinear(zh_what: str, en_what: str):
    return input_error("data", f"{zh_what}完全共线（矩阵奇异），无法估计；请检查是否有重复或线性相关的题项",
                       f"{en_what} are perfectly collinear (singular matrix); check for duplicated or "
                       "linearly dependent items")


def collinearity_error(err: CollinearityError):
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


def solve_guard(func, *args):
    """``func(*args)``, with the engine's collinearity errors turned into bilingual input errors."""
    try:
        return func(*args)
    except CollinearityError as err:
        raise collinearity_error(err) from None
    except np.linalg.LinAlgError:
        raise _collinear("题项或潜变量", "items or constructs") from None


# --------------------------------------------------------------------------- not fitted

def _require_fit(model, name: str) -> None:
    if model._est is None:
        raise NotFittedError(type(model).__name__, name, f"（例如 model.fit(data).{name}）",
                             f" (e.g. model.fit(data).{name})")


def _fitted(method):
    """A result method: :class:`NotFittedError` before ``fit``."""
    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        _require_fit(self, f"{method.__name__}()")
        return method(self, *args, **kwargs)
    return checked


def _fitted_table(function):
    """A result property, built on first access after ``fit`` (and rebuilt after the next ``fit``)."""
    @functools.wraps(function)
    def checked(self):
        _require_fit(self, function.__name__)
        return function(self)
    return cached_property(checked)


def _fitted_value(name: str, doc: str):
    """A read-only property for a number recorded by ``fit`` (``_<name>``)."""
    def get(self):
        _require_fit(self, name)
        return getattr(self, f"_{name}")
    return property(get, doc=doc)


class PathResults:
    """Results of a fitted PLS path model (the result half of :class:`~crmlab.satisfaction.PathModel`).

    The model's ``fit`` sets the item data ``_values`` (and row ``_index``),
    the moments ``_mean``, ``_sd``, the item correlations ``_r``, the
    estimation matrix ``_S``, the item scale ``_scale``, the settings ``_tol``,
    ``_max_iter``, ``_scaled``, ``_n`` and the engine's estimates ``_est``;
    the specification supplies the structure ``_s`` and ``paths``,
    ``modes``, ``scheme``, ``endogenous``.  The bootstrap and the path
    diagram read the same attributes.
    """

    _est = None          # the engine's estimates; None until fit

    @property
    def is_fitted(self) -> bool:
        """Whether ``fit`` has run (已拟合)."""
        return self._est is not None

    def _clear_results(self) -> None:
        """Forget the tables built from the previous fit."""
        for klass in type(self).__mro__:
            for name, value in vars(klass).items():
                if isinstance(value, cached_property):
                    self.__dict__.pop(name, None)

    n = _fitted_value("n", "Number of respondents used (样本量, after listwise deletion).")
    iterations = _fitted_value("iterations", "Iterations of the weight algorithm (迭代次数).")
    converged = _fitted_value("converged", "Whether the weights converged (是否收敛; fit raises otherwise).")
    scaled = _fitted_value("scaled", "True: standardized items; False: centred only (plspm's scaled=FALSE).")

    # The result tables are built on first access, so a fit (and each bootstrap
    # resample) costs only the estimation itself.
    @_fitted_table
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

    @_fitted_table
    def outer_weights(self) -> pd.Series:
        """Outer weights (外部权重) by item: standardized, or with ``scaled=False`` weights of the centred raw items."""
        return pd.Series(self._est["weights"][self._s.mask == 1], index=list(self._s.items), name="weight")

    @_fitted_table
    def outer_loadings(self) -> pd.Series:
        """Outer loadings (外部载荷) by item: the correlation of each item with its construct's score."""
        return pd.Series(self._est["loadings"][self._s.mask == 1], index=list(self._s.items), name="loading")

    @_fitted_table
    def path_coefficients(self) -> pd.DataFrame:
        """Path coefficients β (路径系数); rows = from, columns = to (all constructs; 0 where there is no path)."""
        return self._matrix(self._est["paths"])

    @_fitted_table
    def r_squared(self) -> pd.Series:
        """R² (决定系数) of each endogenous construct."""
        return pd.Series(self._est["rsq"], index=self.endogenous, name="R²")

    @_fitted_table
    def adjusted_r_squared(self) -> pd.Series:
        """Adjusted R² = 1 − (1 − R²)(n − 1)/(n − p − 1), p predecessors, of each endogenous construct."""
        k = np.array([len(p) for _, p in self._s.predecessors])
        adj = 1 - (1 - self._est["rsq"]) * (self.n - 1) / (self.n - k - 1)
        return pd.Series(adj, index=self.endogenous, name="adjusted R²")

    @_fitted_table
    def construct_correlations(self) -> pd.DataFrame:
        """Correlations between the latent scores (潜变量得分相关系数)."""
        names = list(self._s.constructs)
        return pd.DataFrame(self._est["cor"], index=names, columns=names)

    @_fitted_table
    def direct_effects(self) -> pd.DataFrame:
        """Direct effects (直接效应) = the path coefficients; rows = from, columns = to."""
        return self._matrix(self._est["paths"])

    @_fitted_table
    def total_effects(self) -> pd.DataFrame:
        """Total effects (总效应) T = (I − B)⁻¹ − I; rows = from, columns = to."""
        return self._matrix(total_effects_matrix(self._est["paths"]))

    @_fitted_table
    def indirect_effects(self) -> pd.DataFrame:
        """Indirect effects (间接效应) = total − direct; rows = from, columns = to."""
        return self._matrix(total_effects_matrix(self._est["paths"]) - self._est["paths"])

    @_fitted_table
    def scores(self) -> pd.DataFrame:
        """Latent scores Y = X̃ W = (X − mean) (W / scale), scale = SD (standardized) or 1 (centred only)."""
        y = (self._values - self._mean) @ (self._est["weights"] / self._scale[:, None])
        return pd.DataFrame(y, index=self._index, columns=list(self._s.constructs))

    @cached_property
    def _standardized_weights(self) -> np.ndarray:
        """Weights of the standardized items (k × J): w_std = w · SD / scale."""
        return self._est["weights"] * (self._sd / self._scale)[:, None]

    # ---- tables -----------------------------------------------------------------------------
    @_fitted
    def paths_table(self) -> pd.DataFrame:
        """One row per structural path: from, to, coefficient (路径系数)."""
        rows = [(a, b, self.path_coefficients.loc[a, b]) for a, b in self.paths]
        return pd.DataFrame(rows, columns=["from", "to", "coefficient"])

    @_fitted
    def effects(self) -> pd.DataFrame:
        """Direct, indirect and total effect for every pair with a nonzero total effect."""
        rows = []
        for a in self._s.constructs:
            for b in self._s.constructs:
                total = self.total_effects.loc[a, b]
                if a != b and (total != 0 or self.direct_effects.loc[a, b] != 0):
                    rows.append((a, b, self.direct_effects.loc[a, b], self.indirect_effects.loc[a, b], total))
        return pd.DataFrame(rows, columns=["from", "to", "direct", "indirect", "total"])

    @_fitted
    def measurement(self) -> pd.DataFrame:
        """One row per item: construct, outer weight, outer loading."""
        return pd.DataFrame({"construct": self._owner, "weight": self.outer_weights,
                             "loading": self.outer_loadings})

    @_fitted
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
            rows.append((c, self.modes[c], k, alpha, rho_c, ave))
        return pd.DataFrame(rows, columns=["construct", "mode", "items", "alpha", "rho_c", "AVE"]
                            ).set_index("construct")

    @_fitted
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

    @_fitted
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

    @_fitted
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

    @_fitted
    def cross_loadings(self) -> pd.DataFrame:
        """交叉载荷：每道题与每个潜变量得分的相关系数。 / Cross-loadings: every item's correlation with every score.

        Rows = items (in construct order), columns = constructs; the cells of
        an item's own construct are its outer loadings.  An item should load
        highest on its own construct.
        """
        return pd.DataFrame(self._est["cross_loadings"], index=pd.Index(self._s.items, name="item"),
                            columns=list(self._s.constructs))

    @_fitted
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

    @_fitted
    def construct_vif(self) -> pd.DataFrame:
        """结构模型 VIF：每条路径的原因变量的共线性。 / Inner-model VIF of each predecessor in each structural regression.

        For path i → j: VIF = 1 / (1 − R²ᵢ), with R²ᵢ from the OLS regression of
        the score of i on the scores of j's other predecessors (1 when j has a
        single predecessor).  Rule of thumb: VIF < 5 (strict: < 3).  Returns a
        DataFrame indexed by (``from``, ``to``), one row per path, column ``VIF``.
        """
        rows = construct_vif(self._est["cor"], self._s)
        return self._pairs([(i, j) for i, j, _ in rows], [v for *_, v in rows], "VIF").to_frame()

    @_fitted
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
        rsq = dict(zip(self.endogenous, self._est["rsq"]))
        rows = []
        for a, b in self.paths:
            i, j = names.index(a), names.index(b)
            excluded, converged = solve_guard(r_squared_without_path, self._S, self._s, i, j, self._tol,
                                               self._max_iter)
            if not converged:
                warnings.warn(f"去掉路径 {a} → {b} 后的模型未收敛。 / The model without {a} -> {b} did not "
                              "converge.", UserWarning, stacklevel=2)
            included = rsq[b]
            rows.append(((a, b), included, excluded, (included - excluded) / (1 - included)))
        index = pd.MultiIndex.from_tuples([r[0] for r in rows], names=["from", "to"])
        return pd.DataFrame([r[1:] for r in rows], index=index, columns=["r2_included", "r2_excluded", "f2"])

    @_fitted
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

    @_fitted
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

    @_fitted
    def summary(self) -> Summary:
        """Plain tables: paths, R², measurement (weights, loadings), reliability, effects, iterations."""
        r2 = pd.DataFrame({"R²": self.r_squared, "adjusted R²": self.adjusted_r_squared})
        info = pd.Series({"scheme": self.scheme, "n": self.n, "iterations": self.iterations,
                          "converged": self.converged}, name="value")
        return Summary(paths=self.paths_table(), r_squared=r2, measurement=self.measurement(),
                       reliability=self.reliability(), effects=self.effects(), estimation=info)
