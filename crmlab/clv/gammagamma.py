"""Gamma-Gamma spend model (Gamma-Gamma 消费金额模型) and probabilistic CLV (概率型客户终身价值).

Story (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note 025):
each transaction value of a customer is Gamma(p, nu); across customers
nu ~ Gamma(q, gamma).  Spend is assumed independent of purchase frequency.
For a customer with x repeat purchases of mean value m (monetary)::

    log L = lnG(p x + q) - lnG(p x) - lnG(q) + q ln(gamma) + (p x - 1) ln(m)
            + p x ln(x) - (p x + q) ln(x m + gamma)

    E[spend | x, m] = (p gamma + p x m) / (p x + q - 1)
                    = w * m + (1 - w) * p gamma / (q - 1),   w = p x / (p x + q - 1)

i.e. a weighted average of the customer's own mean and the population mean
p gamma / (q - 1).  The model is fitted on repeat buyers (x >= 1, m > 0).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from .._checks import as_float_array, input_error, require_choice, require_non_negative
from ._inputs import (MaximumLikelihoodSummary, frequency_array, index_of, numerical_hessian,
                      purchase_history, require_fitted, shaped, weight_array)
from .bgnbd import BetaGeoModel

__all__ = ["GammaGammaModel", "customer_lifetime_value", "PERIODS_PER_MONTH"]

PARAMETER_NAMES = ("p", "q", "gamma")

# Periods per month used to cut the CLV horizon into months; the same factors
# as lifetimes' customer_lifetime_value, so the two give identical numbers.
PERIODS_PER_MONTH = {"D": 30.0, "W": 4.345, "M": 1.0}


def _log_likelihood(params, x, m, with_gradient=False):
    """Per-customer log L of (x, m) and, optionally, its gradient in (p, q, gamma) (3 x n)."""
    p, q, gamma = params
    px = p * x
    log_total = np.log(x * m + gamma)
    loglik = (special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(gamma)
              + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * log_total)
    if not with_gradient:
        return loglik
    psi = special.digamma
    d_p = x * (psi(px + q) - psi(px) + np.log(m) + np.log(x) - log_total)
    d_q = psi(px + q) - psi(q) + np.log(gamma) - log_total
    d_gamma = q / gamma - (px + q) / (x * m + gamma)
    return loglik, np.array([d_p, d_q, d_gamma])


def _spend_inputs(frequency, monetary, *, repeat_buyers_only: bool):
    x = frequency_array(frequency)
    m = as_float_array(monetary, "monetary")
    require_non_negative(m, "monetary")
    try:
        x, m = np.broadcast_arrays(x, m)
    except ValueError:
        raise input_error("frequency, monetary", "两者长度不一致", "lengths differ") from None
    if repeat_buyers_only and np.any(x == 0):
        raise input_error("frequency", "Gamma-Gamma 模型只用有重复购买的客户拟合，请先筛选 frequency > 0",
                          "the Gamma-Gamma model is fitted on repeat buyers only; keep rows with "
                          "frequency > 0")
    if np.any((x > 0) & (m == 0)):
        raise input_error("monetary", "有重复购买的客户平均消费额必须大于 0",
                          "repeat buyers must have a positive mean spend")
    return x, m


class GammaGammaModel(MaximumLikelihoodSummary):
    """Gamma-Gamma model of the mean transaction value (Gamma-Gamma 模型).

    Usage::

        buyers = summary[summary["frequency"] > 0]
        spend = GammaGammaModel().fit(buyers["frequency"], buyers["monetary"])
        spend.params_                      # p, q, gamma
        spend.expected_spend(buyers["frequency"], buyers["monetary"])

    Attributes after ``fit``: ``params_`` (Series p, q, gamma),
    ``log_likelihood_`` (total), ``standard_errors_``, ``summary``.
    Formulas: see the module docstring.
    """

    PARAMETERS = PARAMETER_NAMES
    DATA_ARGUMENTS = "frequency, monetary"

    def __init__(self):
        self.params_: pd.Series | None = None
        self.log_likelihood_: float | None = None
        self.n_customers_: float | None = None
        self._hessian = None

    def __repr__(self):
        if self.params_ is None:
            return "GammaGammaModel(unfitted)"
        shown = ", ".join(f"{k}={v:.4f}" for k, v in self.params_.items())
        return f"GammaGammaModel({shown}; {self.n_customers_:g} customers)"

    def fit(self, frequency, monetary, weights=None):
        """Maximum-likelihood fit on repeat buyers (x >= 1, m > 0); returns ``self``.

        ``weights`` counts identical customers: log-likelihood = sum_i w_i log L_i.
        Optimised by BFGS on log-parameters with the analytic gradient; money is
        rescaled to mean 1 for conditioning and gamma scaled back.
        """
        x, m = _spend_inputs(frequency, monetary, repeat_buyers_only=True)
        x, m = np.atleast_1d(x).ravel(), np.atleast_1d(m).ravel()
        w = weight_array(weights, len(x))
        scale = 1.0 / np.average(m, weights=w)
        scaled_m = m * scale
        total_weight = w.sum()

        def objective(log_params):
            params = np.exp(log_params)
            loglik, grad = _log_likelihood(params, x, scaled_m, with_gradient=True)
            return -(w @ loglik) / total_weight, -(grad @ w) * params / total_weight

        from scipy import optimize  # imported on first fit: it is slow to import

        result = optimize.minimize(objective, x0=np.zeros(3), jac=True, method="BFGS",
                                   options={"gtol": 1e-10, "maxiter": 2000})
        if not np.all(np.isfinite(result.x)) or np.max(np.abs(result.jac)) > 1e-6:
            raise input_error("frequency, monetary", f"极大似然估计未收敛（{result.message}）",
                              f"the maximum-likelihood fit did not converge ({result.message})")
        p, q, gamma_scaled = np.exp(result.x)
        params = np.array([p, q, gamma_scaled / scale])
        self.params_ = pd.Series(params, index=list(PARAMETER_NAMES), name="Gamma-Gamma")
        self.log_likelihood_ = float(w @ _log_likelihood(params, x, m))
        self.n_customers_ = float(total_weight)
        self._hessian = numerical_hessian(
            lambda theta: -(_log_likelihood(theta, x, m, with_gradient=True)[1] @ w), params)
        return self

    def population_mean_spend(self) -> float:
        """Mean transaction value across customers, p gamma / (q - 1) (总体平均消费额); needs q > 1."""
        require_fitted(self, "population_mean_spend")
        p, q, gamma = self.params_.to_numpy()
        if q <= 1:
            raise input_error("q", "q <= 1 时总体平均消费额不存在", "the population mean spend is infinite when q <= 1")
        return float(p * gamma / (q - 1))

    def expected_spend(self, frequency, monetary):
        """E[spend | x, m]: expected value of a customer's future transactions (预期单次消费额)::

            (p gamma + p x m) / (p x + q - 1)

        Customers with x = 0 get the population mean p gamma / (q - 1).
        """
        require_fitted(self, "expected_spend")
        x, m = _spend_inputs(frequency, monetary, repeat_buyers_only=False)
        p, q, gamma = self.params_.to_numpy()
        if np.any(x == 0):
            self.population_mean_spend()  # raises when q <= 1
        spend = (p * gamma + p * x * m) / (p * x + q - 1)
        return shaped(spend, index_of(frequency, monetary), "expected_spend")


def customer_lifetime_value(purchase_model: BetaGeoModel, spend_model: GammaGammaModel,
                            frequency, recency, T, monetary, months: int = 12,
                            discount_rate: float = 0.01, time_unit: str = "W"):
    """Discounted CLV over a horizon from BG/NBD + Gamma-Gamma (概率型客户终身价值).

    The horizon is cut into months; with f periods per month (``time_unit`` "W":
    f = 4.345, "D": 30, "M": 1 -- lifetimes' convention)::

        CLV = sum_{i=1..months} E[spend | x, m] * (E[Y(i f)] - E[Y((i - 1) f)]) / (1 + d)**i

    where E[Y(t)] is the BG/NBD conditional expected number of purchases in the
    next t periods, E[spend | x, m] the Gamma-Gamma expected transaction value
    and d the monthly discount rate ``discount_rate``.  This is the formula of
    lifetimes' ``GammaGammaFitter.customer_lifetime_value`` (a margin is not
    applied: multiply by your profit margin to value profit rather than revenue).

    Returns a Series (indexed like ``frequency`` when that is a Series) or an ndarray.
    """
    require_fitted(purchase_model, "expected_purchases")
    require_fitted(spend_model, "expected_spend")
    require_choice(time_unit, "time_unit", list(PERIODS_PER_MONTH))
    if np.ndim(months) != 0 or months != int(months) or months < 1:
        raise input_error("months", "必须是大于等于 1 的整数（月数）", "must be a whole number of months >= 1")
    rate = float(as_float_array(discount_rate, "discount_rate"))
    if rate <= -1:
        raise input_error("discount_rate", "月贴现率必须大于 -1", "the monthly discount rate must be greater than -1")
    x, t_x, age = purchase_history(frequency, recency, T)
    spend = np.asarray(spend_model.expected_spend(x, np.broadcast_to(monetary, np.shape(x))
                                                  if np.ndim(monetary) == 0 else monetary))
    per_month = PERIODS_PER_MONTH[time_unit]
    value = np.zeros(np.shape(x))
    previous = np.zeros(np.shape(x))
    for month in range(1, int(months) + 1):
        cumulative = np.asarray(purchase_model.expected_purchases(month * per_month, x, t_x, age))
        value = value + spend * (cumulative - previous) / (1 + rate) ** month
        previous = cumulative
    return shaped(value, index_of(frequency, recency, T, monetary), "clv")
