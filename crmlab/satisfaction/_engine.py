"""PLS path modeling, numeric core (偏最小二乘路径模型的计算核心): numpy only, no pandas.

Everything here works on arrays: the model structure as index arrays, the
items' covariance structure as a k × k matrix.  The pandas-facing shell
(:mod:`crmlab.satisfaction.pls`) checks the input, calls these functions and
labels the results; the bootstrap (:mod:`crmlab.satisfaction.bootstrap`) calls
them once per resample.  Import graph: ``_engine`` imports nothing from
crmlab, so neither shell module can import it in a circle.

Estimation scale (估计尺度)
-------------------------
With X the items, x̄ their means and s their standard deviations (n − 1):

- standardized (``scaled=True``, the default; seminr, SmartPLS, plspm's
  ``scaled=TRUE``): the items are Z = (X − x̄)/s and the matrix the
  algorithm works on is their correlation matrix S = R;
- unstandardized (``scaled=False``, plspm's ``scaled=FALSE``): the items are
  only centred, X − x̄, and S = C is their covariance matrix.

Every step of the algorithm depends on the data only through S, so the
whole estimation (and each bootstrap resample) is a computation on a k × k
matrix.  See :mod:`crmlab.satisfaction.pls` for the algorithm itself.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "COND_LIMIT", "CollinearityError", "Structure", "build_structure", "moments", "estimation_matrix",
    "inner_weights", "outer_weights", "estimate", "check_mode_b", "total_effects_matrix", "replicate",
    "rho_a", "htmt", "item_vif", "construct_vif", "r_squared_without_path",
]

# A correlation block whose condition number exceeds this is treated as
# singular: perfectly collinear up to rounding (real survey data stays far below).
COND_LIMIT = 1e10


class CollinearityError(np.linalg.LinAlgError):
    """Items or constructs are perfectly collinear (完全共线), so an estimate is not defined.

    ``kind`` is ``"mode_b_items"`` (the items of mode B construct ``construct``),
    ``"predictors"`` (the predecessors ``others`` of endogenous ``construct``)
    or ``"singular"`` (a singular matrix somewhere in the iteration).
    """

    def __init__(self, kind: str, construct: str | None = None, others: tuple[str, ...] = ()):
        self.kind = kind
        self.construct = construct
        self.others = tuple(others)
        super().__init__(f"collinear ({kind}): {construct} {list(self.others)}")


@dataclass(frozen=True)
class Structure:
    """The model as arrays: what the estimation core needs (picklable for worker processes)."""

    constructs: tuple[str, ...]      # J construct names, in specification order
    items: tuple[str, ...]           # k item names, grouped by construct
    mask: np.ndarray                 # k × J, 1 where item belongs to construct
    paths: np.ndarray                # J × J, 1 at [from, to]
    mode_b: tuple[int, ...]          # construct positions estimated in mode B
    blocks: tuple[np.ndarray, ...]   # item positions of each construct
    predecessors: tuple[tuple[int, np.ndarray], ...]  # (endogenous j, its predecessors)
    predecessor_blocks: tuple[tuple, ...]              # np.ix_(pred, pred) of each, precomputed
    mode_b_blocks: tuple[tuple, ...]                   # np.ix_(b, b) of each mode B block
    scheme: str


def build_structure(constructs, paths, modes, scheme: str) -> Structure:
    """Structure from checked input: construct → items, (from, to) pairs, construct → "A"/"B"."""
    names = tuple(constructs)
    items = tuple(i for c in names for i in constructs[c])
    mask = np.zeros((len(items), len(names)))
    blocks = []
    start = 0
    for j, c in enumerate(names):
        block = np.arange(start, start + len(constructs[c]))
        mask[block, j] = 1.0
        blocks.append(block)
        start += len(block)
    p = np.zeros((len(names), len(names)))
    for a, b in paths:
        p[names.index(a), names.index(b)] = 1.0
    predecessors = tuple((j, np.flatnonzero(p[:, j])) for j in range(len(names)) if p[:, j].any())
    mode_b = tuple(j for j, c in enumerate(names) if modes[c] == "B")
    return Structure(names, items, mask, p, mode_b, tuple(blocks), predecessors,
                     tuple(np.ix_(pred, pred) for _, pred in predecessors),
                     tuple(np.ix_(blocks[j], blocks[j]) for j in mode_b), scheme)


def moments(values: np.ndarray, *, in_place: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Means, SDs (n − 1) and correlation matrix of the columns of ``values``.

    With ``in_place=True`` the columns of ``values`` are centered in place
    (saving a copy of a large table).
    """
    mean = values.mean(axis=0)
    if in_place:
        values -= mean
        centered = values
    else:
        centered = values - mean
    cov = centered.T @ centered / (len(values) - 1)
    sd = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):   # callers reject sd == 0
        return mean, sd, cov / np.outer(sd, sd)


def estimation_matrix(cor: np.ndarray, sd: np.ndarray, scaled: bool) -> np.ndarray:
    """S = R (standardized items) or S = C = diag(s) R diag(s) (centred items only)."""
    return cor if scaled else cor * np.outer(sd, sd)


def inner_weights(cor: np.ndarray, s: Structure) -> np.ndarray:
    """Inner weight matrix E (J × J) from the score correlations (step 2 of the algorithm)."""
    adjacent = s.paths + s.paths.T
    if s.scheme == "factorial":
        return cor * adjacent
    if s.scheme == "centroid":
        return np.sign(cor) * adjacent
    e = cor * s.paths.T                      # successors: correlation
    for (j, pred), block in zip(s.predecessors, s.predecessor_blocks):   # predecessors: regression
        try:
            e[pred, j] = np.linalg.solve(cor[block], cor[pred, j])
        except np.linalg.LinAlgError:
            raise CollinearityError("predictors", s.constructs[j], tuple(s.constructs[i] for i in pred)) from None
    return e


def outer_weights(S: np.ndarray, s: Structure, tol: float, max_iter: int):
    """Iterate to the outer weights W (k × J, on the estimation scale); returns (W, iterations, converged).

    The composites X̃ W (X̃ = items on the estimation scale) have SD 1.  The
    stopping rule Σ |ΔW| < tol is applied to the weights of the standardized
    items (W times the item SDs √diag S), so it does not depend on the units
    of unstandardized items; for standardized items that is W itself.
    """
    unit = np.sqrt(np.diag(S))[:, None]
    w = s.mask.copy()
    iterations = 0
    while True:
        cov = w.T @ S @ w
        sd = np.sqrt(np.diag(cov))
        cor = cov / np.outer(sd, sd)
        e = inner_weights(cor, s)
        v = (w / sd) @ e                                      # inner proxy = X̃ v
        v /= np.sqrt(np.einsum("ij,ik,kj->j", e, cor, e))     # rescale to SD 1
        sv = S @ v                                            # cov(items, inner proxy)
        new = sv * s.mask                                     # mode A
        for j, block in zip(s.mode_b, s.mode_b_blocks):       # mode B
            b = s.blocks[j]
            new[b, j] = np.linalg.solve(S[block], sv[b, j])
        new /= np.sqrt(np.einsum("ij,ik,kj->j", new, S, new))  # SD(X̃ w_j) = 1
        diff = float(np.abs((new - w) * unit).sum())
        w = new
        if diff < tol or iterations >= max_iter:
            return w, iterations, diff < tol
        iterations += 1


def _require_regular(cor: np.ndarray, s: Structure) -> None:
    """Raise CollinearityError when an endogenous construct's predecessors are collinear."""
    for (j, pred), block in zip(s.predecessors, s.predecessor_blocks):
        if len(pred) > 1 and np.linalg.cond(cor[block]) > COND_LIMIT:
            raise CollinearityError("predictors", s.constructs[j], tuple(s.constructs[i] for i in pred))


def estimate(S: np.ndarray, s: Structure, tol: float, max_iter: int) -> dict:
    """All model estimates that follow from the item matrix ``S`` (correlations or covariances).

    Returns weights W (estimation scale), loadings and cross-loadings
    (item–score correlations), path coefficients β, R², score
    correlations, iterations and convergence.  Raises
    :class:`CollinearityError` for collinear predecessors or a singular step.
    """
    try:
        w, iterations, converged = outer_weights(S, s, tol, max_iter)
    except CollinearityError:
        raise
    except np.linalg.LinAlgError:
        raise CollinearityError("singular") from None
    if not np.all(np.isfinite(w)):
        raise CollinearityError("singular")
    cov = w.T @ S @ w
    sd = np.sqrt(np.diag(cov))
    cor = cov / np.outer(sd, sd)
    _require_regular(cor, s)
    cross = (S @ w) / sd / np.sqrt(np.diag(S))[:, None]      # cor(item k, score j)
    beta = np.zeros_like(s.paths)
    rsq = np.zeros(len(s.predecessors))
    for m, ((j, pred), block) in enumerate(zip(s.predecessors, s.predecessor_blocks)):
        beta[pred, j] = np.linalg.solve(cov[block], cov[pred, j])
        coef = np.linalg.solve(cor[block], cor[pred, j])
        rsq[m] = coef @ cor[pred, j]
    if not (np.all(np.isfinite(beta)) and np.all(np.isfinite(rsq))):
        raise CollinearityError("singular")
    return {"weights": w, "loadings": cross * s.mask, "cross_loadings": cross, "paths": beta, "rsq": rsq,
            "cor": cor, "iterations": iterations, "converged": converged}


def check_mode_b(r: np.ndarray, s: Structure) -> None:
    """Raise CollinearityError when the items of a mode B block are (numerically) collinear."""
    for j in s.mode_b:
        b = s.blocks[j]
        if len(b) > 1 and np.linalg.cond(r[np.ix_(b, b)]) > COND_LIMIT:
            raise CollinearityError("mode_b_items", s.constructs[j])


def total_effects_matrix(direct: np.ndarray) -> np.ndarray:
    """Total effects T = B + B² + … = (I − B)⁻¹ − I of an acyclic path matrix B."""
    eye = np.eye(len(direct))
    return np.linalg.solve(eye - direct.T, eye).T - eye


def replicate(values: np.ndarray, s: Structure, tol: float, max_iter: int, scaled: bool = True):
    """Estimates from one (resampled) data matrix, or None when it cannot be estimated.

    Returns (paths, weights, loadings, total effects, R²).  ``values`` is
    centred in place.
    """
    if np.any(np.ptp(values, axis=0) == 0):     # an item constant in this resample
        return None
    _, sd, r = moments(values, in_place=True)
    try:
        check_mode_b(r, s)
        est = estimate(estimation_matrix(r, sd, scaled), s, tol, max_iter)
    except np.linalg.LinAlgError:
        return None
    return (est["paths"], est["weights"], est["loadings"], total_effects_matrix(est["paths"]), est["rsq"])


# --------------------------------------------------------------------------- quality criteria

def rho_a(w_std: np.ndarray, r: np.ndarray, s: Structure) -> np.ndarray:
    """Dijkstra–Henseler ρA per construct from standardized weights and the item correlations.

    ρA = (ŵᵀŵ)² · ŵᵀ(R − diag R)ŵ / ŵᵀ(ŵŵᵀ − diag(ŵŵᵀ))ŵ, with ŵ the block's
    weights scaled so that the composite of the standardized items has
    variance 1.  1 for single-item and mode B constructs (as seminr).
    """
    out = np.ones(len(s.constructs))
    for j, b in enumerate(s.blocks):
        if len(b) == 1 or j in s.mode_b:
            continue
        w = w_std[b, j]
        rb = r[np.ix_(b, b)]
        w = w / np.sqrt(w @ rb @ w)                 # composite variance 1
        ww = np.outer(w, w)
        num = w @ (rb - np.diag(np.diag(rb))) @ w
        den = w @ (ww - np.diag(np.diag(ww))) @ w
        out[j] = (w @ w) ** 2 * num / den
    return out


def htmt(r: np.ndarray, s: Structure) -> np.ndarray:
    """Heterotrait–monotrait ratio (HTMT) for every pair of constructs (J × J, NaN diagonal).

    HTMT_ij = mean |r| between the items of i and of j /
    √(mean |r| among the items of i × mean |r| among the items of j), the
    within-block means over distinct item pairs; a single-item block's
    within mean is 1.  Absolute correlations as in seminr (Henseler, Ringle
    & Sarstedt 2015 use r itself; identical when all correlations are positive).
    """
    a = np.abs(r)
    mono = np.ones(len(s.blocks))
    for j, b in enumerate(s.blocks):
        k = len(b)
        if k > 1:
            block = a[np.ix_(b, b)]
            mono[j] = (block.sum() - np.trace(block)) / (k * (k - 1))
    out = np.full((len(s.blocks), len(s.blocks)), np.nan)
    for i, bi in enumerate(s.blocks):
        for j, bj in enumerate(s.blocks):
            if i != j:
                out[i, j] = a[np.ix_(bi, bj)].mean() / np.sqrt(mono[i] * mono[j])
    return out


def item_vif(r: np.ndarray, s: Structure) -> np.ndarray:
    """VIF of each item on the other items of its construct: 1 / (1 − R²ₖ); 1 for a single item.

    R²ₖ comes from the correlations (the least-squares regression of item k
    on the block's other items, solved by ``lstsq`` so that collinear items
    give R² = 1 and VIF = ∞ rather than an error).
    """
    out = np.ones(len(s.items))
    for b in s.blocks:
        for pos, k in enumerate(b):
            others = np.delete(b, pos)
            if len(others) == 0:
                continue
            coef = np.linalg.lstsq(r[np.ix_(others, others)], r[others, k], rcond=None)[0]
            resid = 1.0 - coef @ r[others, k]
            out[k] = np.inf if resid <= 1e-12 else 1.0 / resid
    return out


def construct_vif(cor: np.ndarray, s: Structure) -> list[tuple[int, int, float]]:
    """Inner-model VIF (结构模型 VIF): (predecessor i, endogenous j, VIF) for every path.

    VIF of predecessor i in the regression of j = diagonal element of the
    inverse correlation matrix of j's predecessor scores, i.e.
    1 / (1 − R² of i on j's other predecessors); 1 when j has one predecessor.
    """
    rows = []
    for (j, pred), block in zip(s.predecessors, s.predecessor_blocks):
        diag = np.diag(np.linalg.inv(cor[block])) if len(pred) > 1 else np.ones(1)
        rows.extend((int(i), int(j), float(v)) for i, v in zip(pred, diag))
    return rows


def _without_path(s: Structure, i: int, j: int):
    """The structure without path i → j and without constructs left outside every path.

    Returns (structure, item positions kept), or None when no path is left.
    """
    pairs = [(a, b) for a, b in zip(*np.nonzero(s.paths)) if (a, b) != (i, j)]
    if not pairs:
        return None
    used = sorted({int(c) for p in pairs for c in p})
    constructs = {s.constructs[c]: [s.items[k] for k in s.blocks[c]] for c in used}
    modes = {s.constructs[c]: "B" if c in s.mode_b else "A" for c in used}
    reduced = build_structure(constructs, [(s.constructs[a], s.constructs[b]) for a, b in pairs], modes,
                              s.scheme)
    return reduced, np.concatenate([s.blocks[c] for c in used])


def r_squared_without_path(S: np.ndarray, s: Structure, i: int, j: int, tol: float, max_iter: int):
    """R² of construct j re-estimated without the path i → j (for f²); returns (R², converged).

    The model without the path is estimated afresh (as seminr does);
    constructs that take part in no path any more are left out.  When j has
    no predecessor left, R² = 0.
    """
    found = _without_path(s, i, j)
    if found is None:
        return 0.0, True
    reduced, keep = found
    name = s.constructs[j]
    if name not in reduced.constructs:
        return 0.0, True
    jj = reduced.constructs.index(name)
    endogenous = [m for m, (k, _) in enumerate(reduced.predecessors) if k == jj]
    if not endogenous:
        return 0.0, True
    est = estimate(S[np.ix_(keep, keep)], reduced, tol, max_iter)
    return float(est["rsq"][endogenous[0]]), bool(est["converged"])
