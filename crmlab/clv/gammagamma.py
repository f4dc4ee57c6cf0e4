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
The expected spend is the posterior mean of p / nu, finite only when
p x + q > 1: with a fitted q < 1 (very heavy-tailed spend) customers with few
purchases have none, and :meth:`GammaGammaModel.expected_spend` raises rather
than return the negative number the formula would give.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from .._checks import as_float_array, input_error, require_time_unit
from ._base import CLVModel, Likelihood, require_fitted
from ._inputs import (codes_of, dot, frequency_array, index_of, non_negative_array, purchase_history,
                      require_customers, shaped, weight_array)
from .bgnbd import BetaGeoModel

__all__ = ["GammaGammaModel", "customer_lifetime_value", "PERIODS_PER_MONTH"]

PARAMETER_NAMES = ("p", "q", "gamma")

# Periods per month used to cut the CLV horizon into months; the same factors
# as lifetimes' customer_lifetime_value, so the two give identical numbers.
PERIODS_PER_MONTH = {"M": 1.0, "W": 4.345, "D": 30.0}


def _front_terms(params, x_values, with_gradient=False):
    """Per distinct x: lnG(p x + q) - lnG(p x) and, optionally, the digamma parts of the gradient."""
    p, q, _ = params
    px = p * x_values
    front = special.gammaln(px + q) - special.gammaln(px)
    if not with_gradient:
        return front
    psi_total = special.digamma(px + q)
    return front, x_values * (psi_total - special.digamma(px)), psi_total


def _log_likelihood(params, x, m, with_gradient=False):
    """Per-customer log L of (x, m) and, optionally, its gradient in (p, q, gamma) (3 x n).

    The gamma functions are evaluated once per distinct x.
    """
    p, q, gamma = params
    x, m = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(m, dtype=float))
    shape = x.shape
    x, m = x.ravel(), m.ravel()
    codes, x_values = codes_of(x, whole=True)
    x_values = np.maximum(x_values, 1)  # rows with x = 0 have no spend likelihood: NaN through ln x
    px = p * x
    log_total = np.log(x * m + gamma)
    log_m, log_x = np.log(m), np.log(x)
    terms = _front_terms(params, x_values, with_gradient)
    front = terms[0] if with_gradient else terms
    loglik = (front[codes] - special.gammaln(q) + q * np.log(gamma) + (px - 1) * log_m + px * log_x
              - (px + q) * log_total)
    if not with_gradient:
        return loglik.reshape(shape)
    _, d_front, psi_total = terms
    d_p = d_front[codes] + x * (log_m + log_x - log_total)
    d_q = psi_total[codes] - special.digamma(q) + np.log(gamma) - log_total
    d_gamma = q / gamma - (px + q) / (x * m + gamma)
    return loglik.reshape(shape), np.array([d_p, d_q, d_gamma]).reshape((3,) + shape)


class _SpendData:
    """Repeat buyers' (x, m, weight), arranged for a fast total log-likelihood.

    With s = x m (a customer's total repeat spend), the weighted sum of log L is

        sum_x W_x [lnG(p x + q) - lnG(p x)] - W lnG(q) + W q ln(gamma)
        + p sum w x (ln m + ln x) - sum w ln m - sum (w (p x + q)) ln(s + gamma)

    where W_x sums the weights of customers with x purchases and W all
    weights: the gamma functions run once per distinct x, the sums of ln m and
    ln x once per fit, and each evaluation costs one log and one division per
    customer.  Money is multiplied by ``money_scale`` (the totals and ln m terms).
    """

    def __init__(self, x, m, w, money_scale=1.0):
        keep = w > 0
        if not np.all(keep):
            x, m, w = x[keep], m[keep], w[keep]
        codes, x_values = codes_of(x, whole=True)
        weight_x = np.bincount(codes, weights=w, minlength=len(x_values))
        present = weight_x > 0  # the table may list counts nobody has
        self.x_values, self.weight_x = x_values[present], weight_x[present]
        self.total_weight = float(w.sum())
        self.spend = x * m * money_scale
        self.weights = np.stack([w, w * x])  # rows: w, w x
        log_m = np.log(m * money_scale)
        self.sum_log_m = dot(w, log_m)
        self.sum_x_log = dot(w * x, log_m + np.log(x))

    def evaluate(self, params, with_gradient=True, with_hessian=False):
        """Total weighted log L, and optionally its gradient and Hessian in (p, q, gamma).

        Returns ``total``, ``(total, gradient)`` or ``(total, gradient, hessian)``.
        """
        p, q, gamma = params
        W = self.total_weight
        shifted = self.spend + gamma
        # (sum w ln(s + gamma), sum w x ln(s + gamma)); einsum, not BLAS, whose threads cost more here
        log_shifted = np.einsum("ij,j->i", self.weights, np.log(shifted))
        front = special.gammaln(p * self.x_values + q) - special.gammaln(p * self.x_values)
        total = (dot(self.weight_x, front) - W * special.gammaln(q) + W * q * np.log(gamma)
                 + p * self.sum_x_log - self.sum_log_m - q * log_shifted[0] - p * log_shifted[1])
        if not (with_gradient or with_hessian):
            return total
        x_values, px = self.x_values, p * self.x_values
        psi_total = special.digamma(px + q)
        np.divide(1.0, shifted, out=shifted)
        inverse = np.einsum("ij,j->i", self.weights, shifted)  # sums of w / (s + gamma), w x / (s + gamma)
        gradient = np.array([
            dot(self.weight_x, x_values * (psi_total - special.digamma(px))) + self.sum_x_log - log_shifted[1],
            dot(self.weight_x, psi_total) - W * special.digamma(q) + W * np.log(gamma) - log_shifted[0],
            W * q / gamma - q * inverse[0] - p * inverse[1],
        ])
        if not with_hessian:
            return total, gradient
        trigamma_total = special.polygamma(1, px + q)
        np.multiply(shifted, shifted, out=shifted)
        squared = np.einsum("ij,j->i", self.weights, shifted)  # sums of w / (s + gamma)**2, w x / ...
        pq = dot(self.weight_x, x_values * trigamma_total)
        qg = W / gamma - inverse[0]
        hessian = np.array([
            [dot(self.weight_x, x_values ** 2 * (trigamma_total - special.polygamma(1, px))), pq, -inverse[1]],
            [pq, dot(self.weight_x, trigamma_total) - W * special.polygamma(1, q), qg],
            [-inverse[1], qg, -W * q / gamma ** 2 + q * squared[0] + p * squared[1]],
        ])
        return total, gradient, hessian


def _spend_inputs(frequency, monetary, *, repeat_buyers_only: bool):
    x = frequency_array(frequency)
    m = non_negative_array(monetary, "monetary")
    try:
        x, m = np.broadcast_arrays(x, m)
    except ValueError:
        raise input_error("frequency, monetary", "两者长度不一致", "lengths differ") from None
    if repeat_buyers_only and x.size and x.min() == 0:
        raise input_error("frequency", "Gamma-Gamma 模型只用有重复购买的客户拟合，请先筛选 frequency > 0",
                          "the Gamma-Gamma model is fitted on repeat buyers only; keep rows with "
                          "frequency > 0")
    if np.any((x > 0) & (m == 0)):
        raise input_error("monetary", "有重复购买的客户平均消费额必须大于 0",
                          "repeat buyers must have a positive mean spend")
    return x, m


class GammaGammaModel(CLVModel):
    """客单价模型 Gamma-Gamma：估计每位客户的期望平均消费额。

    Gamma-Gamma model of the mean transaction value (Gamma-Gamma 模型).

    Usage::

        buyers = summary[summary["frequency"] > 0]
        spend = GammaGammaModel().fit(buyers["frequency"], buyers["monetary"])
        spend.params_                      # p, q, gamma
        spend.summary()                    # estimates, standard errors, 95 % intervals
        spend.expected_spend(buyers["frequency"], buyers["monetary"])

    ``fit`` returns the model itself, now fitted.  Attributes after ``fit``:
    ``params_`` (Series p, q, gamma), ``log_likelihood_`` (total),
    ``standard_errors_``, ``n_customers_``; the parameter table is
    :meth:`summary`.  Predictions before ``fit`` raise
    :class:`~crmlab.NotFittedError`.  Formulas: see the module docstring.
    """

    PARAMETERS = PARAMETER_NAMES
    NAME = "Gamma-Gamma"
    DATA_ARGUMENTS = "frequency, monetary"

    def fit(self, frequency, monetary, weights=None):
        """用极大似然估计拟合 Gamma-Gamma 模型（只用有重复购买的客户），返回拟合好的模型本身。

        Maximum-likelihood fit on repeat buyers (x >= 1, m > 0); returns ``self``, now fitted.

        ``weights`` counts identical customers: log-likelihood = sum_i w_i log L_i.
        Optimised by BFGS on log-parameters with the analytic gradient, finished
        by Newton steps with the analytic Hessian (which also gives the standard
        errors); money is rescaled to mean 1 for conditioning and gamma scaled
        back.  Each evaluation costs one log and one division per customer (the
        gamma functions run once per distinct x).  Raises
        :class:`~crmlab.CRMLabInputError` for no customers or estimates that run
        off to 0 or infinity (the maximum does not exist for the data), and
        :class:`~crmlab.ConvergenceError` when the optimiser does not converge.
        Predictions before ``fit`` raise :class:`~crmlab.NotFittedError`.
        """
        return super().fit(frequency, monetary, weights=weights)

    def _likelihood(self, frequency, monetary, weights=None) -> Likelihood:
        x, m = _spend_inputs(frequency, monetary, repeat_buyers_only=True)
        x, m = np.atleast_1d(x).ravel(), np.atleast_1d(m).ravel()
        require_customers(len(x), "frequency, monetary")
        w = weight_array(weights, len(x))
        scale = 1.0 / np.average(m, weights=w)
        scaled = _SpendData(x, m, w, money_scale=scale)

        def unscale(estimates):
            p, q, gamma_scaled = estimates
            return np.array([p, q, gamma_scaled / scale])

        def evaluate(params, with_hessian=True):
            return _SpendData(x, m, w).evaluate(params, with_hessian=with_hessian)

        return Likelihood(evaluate_scaled=scaled.evaluate, unscale=unscale, evaluate=evaluate,
                          total_weight=scaled.total_weight,
                          scaled_zh="金额按均值缩放为 1", scaled_en="money scaled to mean 1")

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

        Customers with x = 0 get the population mean p gamma / (q - 1).  The
        formula is the mean of p / nu under the customer's posterior
        nu ~ Gamma(q + p x, gamma + x m), which is finite only when p x + q > 1:
        when the fitted q is below 1, customers with few purchases have no
        expected spend (the formula would turn negative), and this raises.
        """
        require_fitted(self, "expected_spend")
        x, m = _spend_inputs(frequency, monetary, repeat_buyers_only=False)
        p, q, gamma = self.params_.to_numpy()
        if x.size and x.min() == 0:
            self.population_mean_spend()  # raises when q <= 1
        denominator = p * x
        denominator += q - 1
        if denominator.size and denominator.min() <= 0:
            bad = int(np.sum(denominator <= 0))
            raise input_error(
                "frequency",
                f"模型参数 p = {p:.4g}、q = {q:.4g} 下，有 {bad} 个客户的 p·x + q ≤ 1（购买频次 x ≤ {(1 - q) / p:.4g}），"
                "其预期消费额无穷大、公式会给出负数；q < 1 说明消费额分布尾部太重，请检查 monetary 中的异常值",
                f"with p = {p:.4g} and q = {q:.4g}, {bad} customer(s) have p x + q <= 1 (frequency "
                f"x <= {(1 - q) / p:.4g}), so their expected spend is infinite and the formula would be "
                "negative; q < 1 means very heavy-tailed spend: check monetary for outliers")
        spend = x * m
        spend += gamma
        spend *= p
        spend /= denominator  # p (gamma + x m) / (p x + q - 1)
        return shaped(spend, index_of(frequency, monetary), "expected_spend")


def customer_lifetime_value(purchase_model: BetaGeoModel, spend_model: GammaGammaModel,
                            frequency, recency, T, monetary, months: int = 12,
                            discount_rate: float = 0.01, time_unit: str = "M"):
    """概率型客户终身价值：BG/NBD 预测的购买次数 × Gamma-Gamma 预测的客单价，按月贴现求和。

    Discounted CLV over a horizon from BG/NBD + Gamma-Gamma (概率型客户终身价值).

    The horizon is cut into months; ``time_unit`` is the time unit in which
    frequency, recency and T (and the BG/NBD fit) are measured -- "M" months
    (the default), "W" weeks or "D" days, as in
    :func:`~crmlab.clv.summarize_transactions` -- with f periods per month
    ("M": f = 1, "W": 4.345, "D": 30 -- lifetimes' convention)::

        CLV = sum_{i=1..months} E[spend | x, m] * (E[Y(i f)] - E[Y((i - 1) f)]) / (1 + d)**i

    where E[Y(t)] is the BG/NBD conditional expected number of purchases in the
    next t periods, E[spend | x, m] the Gamma-Gamma expected transaction value
    and d the monthly discount rate ``discount_rate``.  This is the formula of
    lifetimes' ``GammaGammaFitter.customer_lifetime_value`` (a margin is not
    applied: multiply by your profit margin to value profit rather than revenue).

    E[Y(t)] is P(alive) times a term that depends on (x, T) only, so the
    discounted monthly sum of that term is computed once per distinct (x, T)
    pair and then multiplied by each customer's P(alive) and expected spend.

    Returns a Series (indexed like ``frequency`` when that is a Series) or an ndarray.
    """
    if not isinstance(purchase_model, BetaGeoModel):
        raise input_error("purchase_model", f"应为 BetaGeoModel，实际为 {type(purchase_model).__name__}",
                          f"expected a BetaGeoModel, got {type(purchase_model).__name__}")
    if not isinstance(spend_model, GammaGammaModel):
        raise input_error("spend_model", f"应为 GammaGammaModel，实际为 {type(spend_model).__name__}",
                          f"expected a GammaGammaModel, got {type(spend_model).__name__}")
    require_fitted(purchase_model, "expected_purchases")
    require_fitted(spend_model, "expected_spend")
    require_time_unit(time_unit, list(PERIODS_PER_MONTH))
    if (isinstance(months, (bool, np.bool_)) or not isinstance(months, (int, float, np.integer, np.floating))
            or not np.isfinite(months) or months != int(months) or months < 1):
        raise input_error("months", "必须是大于等于 1 的整数（月数）", "must be a whole number of months >= 1")
    rate = float(as_float_array(discount_rate, "discount_rate"))
    if rate <= -1:
        raise input_error("discount_rate", "月贴现率必须大于 -1", "the monthly discount rate must be greater than -1")
    x, t_x, age = purchase_history(frequency, recency, T)
    spend = np.asarray(spend_model.expected_spend(x, np.broadcast_to(monetary, np.shape(x))
                                                  if np.ndim(monetary) == 0 else monetary))
    per_month = PERIODS_PER_MONTH[time_unit]
    months = np.arange(1, int(months) + 1)
    # sum over months of (E[Y(i f)] - E[Y((i - 1) f)]) / (1 + d)**i
    purchases = purchase_model._discounted_purchases(months * per_month, 1.0 / (1 + rate) ** months,
                                                     x, t_x, age)
    value = spend * purchases
    return shaped(value, index_of(frequency, recency, T, monetary), "clv")
