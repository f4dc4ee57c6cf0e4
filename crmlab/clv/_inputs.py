"""Input checks shared by the probabilistic CLV models (BG/NBD, Gamma-Gamma)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import (ConvergenceError, as_float_array, input_error, require_finite,
                       require_non_negative, require_whole)


def index_of(*values):
    """The index of the first pandas Series among ``values`` (to label results), else None."""
    for value in values:
        if isinstance(value, pd.Series):
            return value.index
    return None


def shaped(result: np.ndarray, index, name: str):
    """Return a Series on ``index``, a float for a 0-d result, else the ndarray."""
    if index is not None and np.ndim(result) == 1 and len(result) == len(index):
        return pd.Series(result, index=index, name=name)
    return float(result) if np.ndim(result) == 0 else result


def non_negative_array(values, argument: str) -> np.ndarray:
    """A float array of finite values >= 0, else the standard error (NaN / infinite first).

    Two reductions (min, max) check the common good case; only bad input pays
    for the checks that count and name what is wrong.
    """
    arr = as_float_array(values, argument, allow_nan=True)
    if arr.size and not (arr.min() >= 0 and arr.max() < np.inf):  # a NaN fails the first test
        require_finite(arr, argument)
        require_non_negative(arr, argument)
    return arr


def frequency_array(frequency, argument: str = "frequency") -> np.ndarray:
    """Repeat-purchase counts: finite, whole and non-negative."""
    x = non_negative_array(frequency, argument)
    require_whole(x, argument)
    return x


def time_array(value, argument: str) -> np.ndarray:
    """A duration (recency, T, t): finite and non-negative."""
    return non_negative_array(value, argument)


def purchase_history(frequency, recency, T):
    """Check (x, t_x, T) and return them as broadcast float arrays.

    Rules: x whole and >= 0; 0 <= t_x <= T; t_x = 0 when x = 0 (no repeat
    purchase, so the last purchase is the first one).
    """
    x = frequency_array(frequency)
    t_x = time_array(recency, "recency")
    age = time_array(T, "T")
    try:
        x, t_x, age = np.broadcast_arrays(x, t_x, age)
    except ValueError:
        raise input_error("frequency, recency, T", "三者长度不一致", "lengths differ") from None
    if np.any(t_x > age):
        bad = int(np.sum(t_x > age))
        raise input_error("recency", f"有 {bad} 个客户的近度大于客户年龄 T（最后一次购买不能晚于观察期末）",
                          f"{bad} customer(s) have recency larger than T (the last purchase "
                          "cannot come after the end of observation)")
    if np.any((x == 0) & (t_x > 0)):
        bad = int(np.sum((x == 0) & (t_x > 0)))
        raise input_error("recency", f"有 {bad} 个客户购买频次为 0 但近度大于 0（无重复购买时近度应为 0）",
                          f"{bad} customer(s) have frequency 0 but recency > 0 (recency must be 0 "
                          "without repeat purchases)")
    return x, t_x, age


def require_customers(n: int, argument: str) -> None:
    """Raise when there is no customer to fit on."""
    if n == 0:
        raise input_error(argument, "不能为空（拟合至少需要一个客户）",
                          "must not be empty (fitting needs at least one customer)")


# ---------------------------------------------------------------- distinct values
# The likelihoods and predictions depend on a customer only through a few
# numbers that repeat a lot in real data (x is a small count, T and t_x are
# whole days); these helpers find the distinct values in O(n) (hashing, not
# sorting) so expensive special functions run once per distinct value.

def codes_of(values: np.ndarray, whole: bool = False):
    """(codes, table) of a 1-d float array, with ``values == table[codes]``.

    ``whole=True`` promises non-negative whole numbers (counts): below 65,536
    a count is its own code (the table is 0, 1, ..., max, some values maybe
    absent), larger ones are hashed like any float.
    """
    if whole and values.size and values.max() < 65536:
        return values.astype(np.intp), np.arange(int(values.max()) + 1, dtype=float)
    codes, table = pd.factorize(values, sort=False)
    return codes, np.asarray(table, dtype=float)


def distinct_rows(*codes: np.ndarray, widths=None):
    """Group rows by their tuple of codes: (row -> group, the codes of each group per column).

    Each argument holds one column's codes (from :func:`codes_of`; ``widths``
    are the sizes of their tables when known, else each column's max + 1).
    The columns are combined into one int64 key: a dense table marks the keys
    in use when the key range is small, else the keys are hashed (re-hashed
    before the key could overflow).
    """
    n = len(codes[0])
    if widths is None:
        widths = [int(column.max()) + 1 if column.size else 1 for column in codes]
    size = int(np.prod(widths, dtype=float))
    if size <= max(4 * n, 1 << 16):
        key = codes[0]
        for column, width in zip(codes[1:], widths[1:]):
            key = key * width
            key += column
        used = np.zeros(size, dtype=bool)
        used[key] = True
        group = (np.cumsum(used) - 1)[key]
        distinct_keys = np.flatnonzero(used)
        per_column = []
        for width in reversed(widths):
            distinct_keys, column = np.divmod(distinct_keys, width)
            per_column.append(column)
        return group, per_column[::-1]
    key, size = np.zeros(n, dtype=np.int64), 1
    for column, width in zip(codes, widths):
        if size * width >= 2 ** 62:
            key, distinct = pd.factorize(key, sort=False)
            size = len(distinct)
        key = key * width + column
        size *= width
    group, distinct = pd.factorize(key, sort=False)
    # One row of each group (any will do: they share every code).
    representative = np.empty(len(distinct), dtype=np.intp)
    representative[group] = np.arange(n)
    return group, [column[representative] for column in codes]


def dot(u: np.ndarray, v: np.ndarray) -> float:
    """Inner product of two 1-d arrays, by einsum rather than BLAS.

    On two cores shared with other work, OpenBLAS's threads made one dot
    product of 250,000 numbers take ~8 ms instead of ~0.15 ms.
    """
    return float(np.einsum("i,i->", u, v))


def on_distinct(function, columns, whole=(), smallest: int = 2048):
    """``function(*columns)`` evaluated once per distinct row of the broadcast columns.

    Columns of size 1 are passed through as they are; the others are
    broadcast, flattened and deduplicated (``whole`` lists the positions of
    count columns).  Small inputs are evaluated directly.  The result has the
    broadcast shape and equals ``function(*np.broadcast_arrays(*columns))``
    elementwise, since every distinct row is computed from the same numbers.
    """
    shape = np.broadcast_shapes(*(np.shape(c) for c in columns))
    n = int(np.prod(shape))
    varying = [i for i, c in enumerate(columns) if np.size(c) > 1]
    if n < smallest or not varying:
        return function(*np.broadcast_arrays(*columns))
    tables, codes = {}, []
    for i in varying:
        column_codes, tables[i] = codes_of(np.broadcast_to(columns[i], shape).ravel(), whole=i in whole)
        codes.append(column_codes)
    group, distinct = distinct_rows(*codes, widths=[len(tables[i]) for i in varying])
    distinct = dict(zip(varying, distinct))
    arguments = [tables[i][distinct[i]] if i in tables else np.asarray(c).reshape(())
                 for i, c in enumerate(columns)]
    return np.asarray(function(*arguments))[group].reshape(shape)


def weight_array(weights, n: int) -> np.ndarray:
    """Customer counts per row: finite, non-negative, same length, not all zero."""
    if weights is None:
        return np.ones(n)
    w = as_float_array(weights, "weights")
    require_non_negative(w, "weights")
    if w.shape != (n,):
        raise input_error("weights", f"长度应为 {n}，与客户数一致", f"must have length {n}, one per customer")
    if w.sum() <= 0:
        raise input_error("weights", "权重之和必须大于 0", "weights must not all be zero")
    return w


class _Converged(Exception):
    """Raised inside the objective to stop the optimiser at a point that meets the tolerance."""


def minimise(objective, x0: np.ndarray, argument: str, hessian=None, tolerance: float = 1e-10):
    """Minimise ``objective(theta) -> (value, gradient)``; returns (theta, info).

    BFGS (quasi-Newton with the analytic gradient) runs until a point is
    evaluated whose largest gradient component is at most ``tolerance`` (or,
    when the analytic ``hessian(theta)`` is given, 1e-6: Newton steps then
    finish, each one squaring the error).  The objective is a mean over many
    customers, so its last digits are rounding noise and a line search can
    stall near the optimum; the stopping rule therefore looks at the
    gradient (computed to ~1e-13), not at changes in the value, and the best
    point evaluated is returned.  If the gradient is still above 1e-8, BFGS
    starts again from there.  Raises :class:`~crmlab.ConvergenceError`
    (naming the data ``argument``) unless the best gradient is below 1e-6.  (scipy's
    L-BFGS-B would do as well in evaluations, but its BLAS calls on tiny
    vectors can cost milliseconds each when OpenBLAS threads compete.)

    ``info``: ``nfev`` (= ``njev``: value and gradient come together),
    ``nhev`` (Hessians), the methods used and the final largest gradient.
    """
    from scipy import optimize  # imported on first fit: it is slow to import

    best = {"gradient": np.inf, "theta": np.asarray(x0, dtype=float), "nfev": 0, "nhev": 0,
            "stop": tolerance}

    def watched(theta):
        # Trial steps may overflow; such points are rejected by the line search
        # (and a failed fit ends in the error below), so numpy's warnings are noise.
        with np.errstate(all="ignore"):
            value, gradient = objective(theta)
        best["nfev"] += 1
        size = np.max(np.abs(gradient))
        if np.isfinite(value) and size < best["gradient"]:
            best.update(gradient=size, theta=np.array(theta, dtype=float), slope=np.array(gradient))
            if size <= best["stop"]:
                raise _Converged
        return value, gradient

    methods, message = ["BFGS"], "converged"
    best["stop"] = max(tolerance, 1e-6) if hessian is not None else tolerance
    try:
        message = optimize.minimize(watched, x0=best["theta"], jac=True, method="BFGS",
                                    options={"gtol": best["stop"], "maxiter": 2000}).message
    except _Converged:
        pass
    best["stop"] = tolerance
    if hessian is not None and tolerance < best["gradient"] <= 1e-3:
        methods.append("Newton")
        for _ in range(6):
            with np.errstate(all="ignore"):
                matrix = hessian(best["theta"])
            if not np.all(np.isfinite(matrix)):
                break
            best["nhev"] += 1
            try:  # only where the objective is convex (Cholesky succeeds): a minimum, not a saddle
                np.linalg.cholesky(matrix)
                step = np.linalg.solve(matrix, best["slope"])
            except np.linalg.LinAlgError:
                break
            before = best["gradient"]
            try:
                watched(best["theta"] - step)
            except _Converged:
                break
            if best["gradient"] > before / 2:  # no longer converging: rounding noise or a bad Hessian
                break
    if best["gradient"] > 1e-8:
        methods.append("BFGS")
        try:
            message = optimize.minimize(watched, x0=best["theta"], jac=True, method="BFGS",
                                        options={"gtol": tolerance, "maxiter": 2000}).message
        except _Converged:
            pass
    info = {"nfev": best["nfev"], "njev": best["nfev"], "nhev": best["nhev"],
            "method": " + ".join(methods), "gradient": float(best["gradient"])}
    if not best["gradient"] <= 1e-6:
        raise ConvergenceError(
            f"极大似然估计未收敛（{message}；数据：{argument}）：请检查数据是否太少或有异常值",
            f"the maximum-likelihood fit did not converge ({message}; data: {argument}); "
            "check for too little data or outliers")
    return best["theta"], info


def fit_in_log_space(evaluate, n_params: int, total_weight: float, argument: str, names, *,
                     scaled_zh: str, scaled_en: str, model: str):
    """Maximum-likelihood fit shared by the CLV models: ``(estimates, evaluation counts)``.

    ``evaluate(params, with_hessian=False)`` returns the log-likelihood and its
    gradient (and Hessian) in the parameters; the search runs on log(theta),
    which keeps every parameter positive, on the mean per customer, which keeps
    the scale O(1).  Estimates that run off to 0 or infinity mean that the
    maximum-likelihood estimate does not exist for the data: a bilingual error
    naming ``argument`` (``scaled_zh``/``scaled_en`` say how the data were rescaled).
    """
    def objective(log_params):
        params = np.exp(log_params)
        loglik, grad = evaluate(params)
        # d/d log(theta) = theta * d/d theta
        return -loglik / total_weight, -grad * params / total_weight

    def objective_hessian(log_params):
        # Hessian in log-parameters: diag(theta) H diag(theta) + diag(theta * gradient).
        params = np.exp(log_params)
        _, grad, hessian = evaluate(params, with_hessian=True)
        return -(hessian * np.outer(params, params) + np.diag(params * grad)) / total_weight

    log_params, info = minimise(objective, np.zeros(n_params), argument, hessian=objective_hessian)
    if np.max(np.abs(log_params)) > 20:
        shown = ", ".join(f"{k}={v:.3g}" for k, v in zip(names, np.exp(log_params)))
        raise input_error(argument,
                          f"估计值趋于 0 或无穷大（{shown}，{scaled_zh}），极大似然估计不存在，数据不足以估计 {model} 模型",
                          f"the estimates run off to 0 or infinity ({shown}, {scaled_en}): "
                          "the maximum-likelihood estimate does not exist for these data")
    return np.exp(log_params), info
