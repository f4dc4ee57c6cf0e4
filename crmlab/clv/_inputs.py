"""Input checks shared by the probabilistic CLV models (BG/NBD, Gamma-Gamma)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import as_float_array, input_error, require_non_negative, require_whole


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


def frequency_array(frequency, argument: str = "frequency") -> np.ndarray:
    """Repeat-purchase counts: finite, whole and non-negative."""
    x = as_float_array(frequency, argument)
    require_non_negative(x, argument)
    require_whole(x, argument)
    return x


def time_array(value, argument: str) -> np.ndarray:
    """A duration (recency, T, t): finite and non-negative."""
    arr = as_float_array(value, argument)
    require_non_negative(arr, argument)
    return arr


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


def require_fitted(model, method: str) -> None:
    if getattr(model, "params_", None) is None:
        raise input_error("model", f"请先调用 fit() 拟合模型，再调用 {method}()",
                          f"call fit() before {method}()")


def numerical_hessian(gradient, theta: np.ndarray) -> np.ndarray:
    """Hessian by central differences of an analytic gradient, symmetrised.

    Relative steps of 1e-5 balance truncation error (step squared) against
    rounding error (machine epsilon over step) for a gradient accurate to ~1e-15.
    """
    k = len(theta)
    hessian = np.empty((k, k))
    for j in range(k):
        step = 1e-5 * max(abs(theta[j]), 1e-3)
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        hessian[:, j] = (gradient(up) - gradient(down)) / (2 * step)
    return (hessian + hessian.T) / 2


def standard_errors(hessian: np.ndarray, names, argument: str) -> pd.Series:
    """Standard errors sqrt(diag(H^-1)) of the MLE from the Hessian H of -log L.

    Raises instead of returning NaN when H is singular or not positive definite.
    """
    try:
        covariance = np.linalg.inv(hessian)
    except np.linalg.LinAlgError:
        covariance = np.full_like(hessian, np.inf)
    variances = np.diag(covariance)
    if np.any(~np.isfinite(variances)) or np.any(variances <= 0):
        raise input_error(argument, "信息矩阵奇异，无法计算标准误（数据太少或参数不可识别）",
                          "the information matrix is singular, so standard errors cannot be "
                          "computed (too little data or unidentified parameters)")
    return pd.Series(np.sqrt(variances), index=list(names))


def summary_table(params: pd.Series, errors: pd.Series) -> pd.DataFrame:
    """Parameter table: estimate, standard error and a Wald 95 % interval."""
    return pd.DataFrame({"coef": params, "se(coef)": errors,
                         "lower 95% bound": params - 1.96 * errors,
                         "upper 95% bound": params + 1.96 * errors})


class MaximumLikelihoodSummary:
    """Standard errors and the parameter table shared by the fitted CLV models.

    A subclass sets ``PARAMETERS`` (names), ``DATA_ARGUMENTS`` (named in errors)
    and, in ``fit``, ``params_`` and ``_hessian`` (of -log L at the MLE).
    """

    PARAMETERS: tuple = ()
    DATA_ARGUMENTS = ""

    @property
    def standard_errors_(self) -> pd.Series:
        """Standard errors (标准误) sqrt(diag(H^-1)), H the Hessian of -log L at the MLE."""
        require_fitted(self, "standard_errors_")
        return standard_errors(self._hessian, self.PARAMETERS, self.DATA_ARGUMENTS)

    @property
    def summary(self) -> pd.DataFrame:
        """Parameter table: coef, se(coef), 95 % Wald bounds coef -/+ 1.96 se."""
        require_fitted(self, "summary")
        return summary_table(self.params_, self.standard_errors_)
