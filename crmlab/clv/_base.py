"""The base class of the probabilistic CLV models (BG/NBD, Gamma-Gamma): one fit loop.

A model is specified by constructing it (no arguments), fitted by ``fit(data)``,
which returns the model itself, and read through attributes and methods
(lifetimes / scikit-learn style)::

    model = BetaGeoModel().fit(frequency, recency, T)
    model.params_, model.summary(), model.expected_purchases(...)

:class:`CLVModel` owns the loop every fit runs -- check the data, maximise the
log-likelihood on log-parameters (:func:`~crmlab.clv._inputs.fit_in_log_space`),
store ``params_`` and the Hessian, return ``self`` -- plus the standard
errors, the parameter table ``summary()``, the not-fitted checks and the
``repr``.  A subclass supplies its parameter names and, in ``_likelihood``,
the checked data arranged for a fast log-likelihood (a :class:`Likelihood`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from .._checks import NotFittedError, input_error
from ._inputs import fit_in_log_space

__all__ = ["CLVModel", "Likelihood", "require_fitted"]


@dataclass
class Likelihood:
    """A model's log-likelihood on checked data, as the fit loop needs it.

    ``evaluate_scaled(theta, with_hessian=False)`` returns the total weighted
    log L and its gradient (and Hessian) on rescaled data (for conditioning;
    ``scaled_zh``/``scaled_en`` say how, for error messages); ``unscale``
    turns those estimates into parameters in the data's units;
    ``evaluate(params, with_hessian=True)`` returns log L, gradient and Hessian
    in the data's units.  ``total_weight`` counts the customers; ``fitted``
    lists extra attributes to set on the fitted model (e.g. ``n_patterns_``).
    """

    evaluate_scaled: Callable
    unscale: Callable
    evaluate: Callable
    total_weight: float
    scaled_zh: str
    scaled_en: str
    fitted: dict = field(default_factory=dict)


def require_fitted(model, method: str, attribute: bool = False) -> None:
    """Raise :class:`NotFittedError` unless ``model`` has been fitted (``attribute``: a property)."""
    if getattr(model, "params_", None) is None:
        raise NotFittedError(type(model).__name__, method if attribute else f"{method}()")


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


class CLVModel:
    """概率型 CLV 模型的共同基类：fit() 拟合并返回模型本身，结果是属性和方法。

    Base class of the maximum-likelihood CLV models (BG/NBD, Gamma-Gamma).

    ``fit(...)`` checks the data, maximises the log-likelihood and returns the
    model itself, now fitted.  Attributes after ``fit``: ``params_`` (Series),
    ``log_likelihood_`` (total), ``n_customers_`` (sum of weights),
    ``standard_errors_`` (from the analytic Hessian of -log L);
    :meth:`summary` is the parameter table.  Before ``fit`` every result and
    prediction raises :class:`~crmlab.NotFittedError`.

    A subclass sets ``PARAMETERS`` (names), ``NAME`` (e.g. "BG/NBD"),
    ``DATA_ARGUMENTS`` (named in errors) and implements ``_likelihood(*data,
    weights=...)`` returning a :class:`Likelihood`.
    """

    PARAMETERS: tuple = ()
    NAME = ""
    DATA_ARGUMENTS = ""

    def __init__(self):
        self.params_: pd.Series | None = None
        self.log_likelihood_: float | None = None
        self.n_customers_: float | None = None
        self._hessian = None
        self._fit_info = None  # the last fit's evaluation counts (see _inputs.minimise)

    # ------------------------------------------------------------------ fit
    def _likelihood(self, *data, weights=None) -> Likelihood:  # pragma: no cover - abstract
        raise NotImplementedError

    def fit(self, *data, weights=None):
        """Maximum-likelihood fit (极大似然估计); returns ``self``, now fitted."""
        likelihood = self._likelihood(*data, weights=weights)
        estimates, fit_info = fit_in_log_space(
            likelihood.evaluate_scaled, len(self.PARAMETERS), likelihood.total_weight, self.DATA_ARGUMENTS,
            self.PARAMETERS, scaled_zh=likelihood.scaled_zh, scaled_en=likelihood.scaled_en, model=self.NAME)
        params = np.asarray(likelihood.unscale(estimates), dtype=float)
        loglik, _, hessian = likelihood.evaluate(params, with_hessian=True)
        self.params_ = pd.Series(params, index=list(self.PARAMETERS), name=self.NAME)
        self.log_likelihood_ = float(loglik)
        self.n_customers_ = float(likelihood.total_weight)
        self._hessian = -hessian  # analytic, of -log L in the data's units
        self._fit_info = fit_info
        for name, value in likelihood.fitted.items():
            setattr(self, name, value)
        return self

    # -------------------------------------------------------------- results
    @property
    def is_fitted(self) -> bool:
        """Whether ``fit`` has run (已拟合)."""
        return getattr(self, "params_", None) is not None

    def _params(self, method: str) -> np.ndarray:
        """The fitted parameters as an array; :class:`NotFittedError` naming ``method`` before ``fit``."""
        require_fitted(self, method)
        return self.params_.to_numpy()

    @property
    def standard_errors_(self) -> pd.Series:
        """Standard errors (标准误) sqrt(diag(H^-1)), H the Hessian of -log L at the MLE."""
        require_fitted(self, "standard_errors_", attribute=True)
        return standard_errors(self._hessian, self.PARAMETERS, self.DATA_ARGUMENTS)

    def summary(self) -> pd.DataFrame:
        """参数估计表：估计值、标准误和 95% 置信区间。

        Parameter table: ``coef``, ``se(coef)`` and the Wald 95 % bounds coef -/+ 1.96 se.
        """
        require_fitted(self, "summary")
        errors = self.standard_errors_
        return pd.DataFrame({"coef": self.params_, "se(coef)": errors,
                             "lower 95% bound": self.params_ - 1.96 * errors,
                             "upper 95% bound": self.params_ + 1.96 * errors})

    def __repr__(self):
        name = type(self).__name__
        if not self.is_fitted:
            return f"{name}(unfitted)"
        shown = ", ".join(f"{k}={v:.4f}" for k, v in self.params_.items())
        return f"{name}({shown}; {self.n_customers_:g} customers)"
