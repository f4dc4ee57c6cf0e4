"""BG/NBD purchase model (BG/NBD 购买次数模型; Fader, Hardie & Lee 2005).

Story: while alive, a customer buys as a Poisson process with rate lambda
(个人购买率), lambda ~ Gamma(r, alpha) across customers; after every purchase
the customer drops out (流失) with probability p, p ~ Beta(a, b).  The data per
customer are x repeat purchases (frequency), the time t_x of the last one
(recency) and the age T, all measured from the first purchase.

Likelihood of one customer, in log space (so customers with hundreds of
purchases neither overflow nor underflow)::

    log L = A1 + A2 + log( exp(A3) + [x > 0] * exp(A4) )
    A1 = lnG(r + x) - lnG(r) + r ln(alpha)
    A2 = lnB(a, b + x) - lnB(a, b)
    A3 = -(r + x) ln(alpha + T)
    A4 = ln(a) - ln(b + x - 1) - (r + x) ln(alpha + t_x)

Predictions (z = t / (alpha + T + t), 2F1 Gauss' hypergeometric function)::

    P(alive | x, t_x, T) = 1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))**(r + x))
    E[Y(t) | x, t_x, T]  = (a + b + x - 1) / (a - 1)
                           * (1 - ((alpha + T) / (alpha + T + t))**(r + x) * 2F1(r + x, b + x; a + b + x - 1; z))
                           * P(alive | x, t_x, T)
    E[X(t)]              = E[Y(t) | 0, 0, 0]      (a new customer)
    P(X(t) = k)          = B(a, b + k) / B(a, b) * NB(k; r, alpha / (alpha + t))
                           + [k > 0] * B(a + 1, b + k - 1) / B(a, b) * P(NB(r, alpha / (alpha + t)) >= k)

where NB is the negative binomial count with P(NB = k) = G(r + k) / (G(r) k!)
q**r (1 - q)**k.  The conditional expectation is evaluated through Euler's
transformation ``((alpha+T)/(alpha+T+t))**(r+x) 2F1(r+x, b+x; c; z) =
(1-z)**(a-1) 2F1(a+b-1-r, a-1; c; z)``, whose parameters stay small however
large x is.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from .._checks import input_error
from ._inputs import (MaximumLikelihoodSummary, frequency_array, index_of, numerical_hessian,
                      purchase_history, require_fitted, shaped, time_array, weight_array)

__all__ = ["BetaGeoModel", "bgnbd_log_likelihood"]

PARAMETER_NAMES = ("r", "alpha", "a", "b")


def _log_likelihood(params, x, t_x, T, with_gradient=False):
    """Per-customer log L and, optionally, its gradient in (r, alpha, a, b) (4 x n)."""
    r, alpha, a, b = params
    repeat = x > 0
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.betaln(a, b + x) - special.betaln(a, b)
    a3 = -(r + x) * np.log(alpha + T)
    # For x = 0 the A4 term is absent; b + max(x, 1) - 1 keeps the log defined.
    a4 = np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + t_x)
    a4 = np.where(repeat, a4, -np.inf)
    log_sum = np.logaddexp(a3, a4)
    loglik = a1 + a2 + log_sum
    if not with_gradient:
        return loglik
    share3 = np.exp(a3 - log_sum)
    share4 = np.exp(a4 - log_sum)
    psi = special.digamma
    d_r = psi(r + x) - psi(r) + np.log(alpha) - share3 * np.log(alpha + T) \
        - share4 * np.log(alpha + t_x)
    d_alpha = r / alpha - share3 * (r + x) / (alpha + T) - share4 * (r + x) / (alpha + t_x)
    d_a = psi(a + b) - psi(a + b + x) + share4 / a
    d_b = psi(b + x) - psi(b) + psi(a + b) - psi(a + b + x) \
        - share4 / np.where(repeat, b + x - 1, 1.0)
    return loglik, np.array([d_r, d_alpha, d_a, d_b])


def bgnbd_log_likelihood(params, frequency, recency, T) -> np.ndarray:
    """Log-likelihood of each customer under BG/NBD parameters (r, alpha, a, b).

    See the module docstring for the formula; ``params`` is a sequence or a
    Series with ``r``, ``alpha``, ``a``, ``b`` (all > 0).
    """
    if isinstance(params, pd.Series):
        params = params.reindex(list(PARAMETER_NAMES)).to_numpy()
    params = np.asarray(params, dtype=float)
    if params.shape != (4,) or not np.all(np.isfinite(params)) or np.any(params <= 0):
        raise input_error("params", "应为 4 个正数 r, alpha, a, b", "must be four positive numbers r, alpha, a, b")
    x, t_x, age = purchase_history(frequency, recency, T)
    return _log_likelihood(params, x, t_x, age)


def _purchases_if_alive(params, t, x, age):
    """(a + b + x - 1) / (a - 1) * (1 - (1 - z)**(a - 1) * 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z)).

    This is E[Y(t) | x, t_x, T] / P(alive).  Two removable singularities of
    the closed form are filled with their limits:

    - c = a + b + x - 1 = 0 (only for x = 0, a + b = 1):  r z (1 - z)**(a - 1) 2F1(1 - r, a; 2; z),
      from c * 2F1(A, B; c; z) -> A B z 2F1(A + 1, B + 1; 2; z) as c -> 0;
    - a = 1: the mean of the values at a = 1 -/+ 1e-6 (error of order 1e-12).
    """
    r, alpha, a, b = params
    if a == 1.0:
        below = _purchases_if_alive((r, alpha, 1.0 - 1e-6, b), t, x, age)
        above = _purchases_if_alive((r, alpha, 1.0 + 1e-6, b), t, x, age)
        return (below + above) / 2
    z = t / (alpha + age + t)
    c = a + b + x - 1
    safe_c = np.where(c == 0, 1.0, c)
    hyper = special.hyp2f1(a + b - 1 - r, a - 1, safe_c, z)
    log_power = (a - 1) * np.log1p(-z)
    # expm1 keeps digits for short horizons; 2F1 can be negative only when
    # c < 0 (x = 0, a + b < 1), where the plain difference is used.
    with np.errstate(invalid="ignore"):
        one_minus = np.where(hyper > 0, -np.expm1(log_power + np.log(np.abs(hyper))),
                             1.0 - np.exp(log_power) * hyper)
    value = safe_c / (a - 1) * one_minus
    if np.any(c == 0):
        limit = r * z * np.exp(log_power) * special.hyp2f1(1 - r, a, 2, z)
        value = np.where(c == 0, limit, value)
    if not np.all(np.isfinite(value)):
        raise input_error("t", "超几何函数数值溢出，请缩短预测期 t",
                          "the hypergeometric function overflowed; use a shorter horizon t")
    return value


def _collapse(x, t_x, T, weights):
    """Merge identical (x, t_x, T) rows, summing their weights (the likelihood only sees patterns)."""
    patterns = pd.DataFrame({"x": x, "t_x": t_x, "T": T, "w": weights})
    grouped = patterns[patterns["w"] > 0].groupby(["x", "t_x", "T"], sort=False)["w"].sum()
    keys = grouped.index
    return (keys.get_level_values(0).to_numpy(float), keys.get_level_values(1).to_numpy(float),
            keys.get_level_values(2).to_numpy(float), grouped.to_numpy(float))


class BetaGeoModel(MaximumLikelihoodSummary):
    """BG/NBD model of repeat purchases (BG/NBD 模型), fitted by maximum likelihood.

    Usage::

        model = BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
        model.params_                      # r, alpha, a, b
        model.summary                      # estimates, standard errors, 95 % intervals
        model.expected_purchases(39, 2, 30.43, 38.86)

    Attributes after ``fit``: ``params_`` (Series r, alpha, a, b),
    ``log_likelihood_`` (total over customers, in the data's time unit),
    ``standard_errors_`` (from the numerical Hessian of -log L),
    ``n_customers_`` (sum of weights) and ``n_patterns_`` (distinct
    (x, t_x, T) rows actually evaluated).  Formulas: see the module docstring.
    """

    PARAMETERS = PARAMETER_NAMES
    DATA_ARGUMENTS = "frequency, recency, T"

    def __init__(self):
        self.params_: pd.Series | None = None
        self.log_likelihood_: float | None = None
        self.n_customers_: float | None = None
        self.n_patterns_: int | None = None
        self._hessian = None

    def __repr__(self):
        if self.params_ is None:
            return "BetaGeoModel(unfitted)"
        shown = ", ".join(f"{k}={v:.4f}" for k, v in self.params_.items())
        return f"BetaGeoModel({shown}; {self.n_customers_:g} customers)"

    # ------------------------------------------------------------------ fit
    def fit(self, frequency, recency, T, weights=None):
        """Maximum-likelihood fit (极大似然估计); returns ``self``.

        Parameters
        ----------
        frequency, recency, T : per-customer x, t_x and T (same time unit).
        weights : optional number of customers sharing each row (e.g. a
            Fader-Hardie condensed table); the log-likelihood is
            ``sum_i weights_i * log L_i``.

        Identical (x, t_x, T) rows are merged before optimisation, so a million
        customers cost no more than their distinct purchase patterns.  The
        optimiser (BFGS on log-parameters with the analytic gradient) works on
        time rescaled to max(T) = 1 for conditioning; alpha is scaled back.
        """
        x, t_x, age = purchase_history(frequency, recency, T)
        if x.ndim != 1:
            x, t_x, age = (np.atleast_1d(v).ravel() for v in (x, t_x, age))
        w = weight_array(weights, len(x))
        x, t_x, age, w = _collapse(x, t_x, age, w)
        if age.max() <= 0:
            raise input_error("T", "所有客户的年龄 T 都是 0，无法拟合", "every T is 0; there is nothing to fit")
        scale = 1.0 / age.max()
        s_recency, s_age = t_x * scale, age * scale
        total_weight = w.sum()

        def objective(log_params):
            params = np.exp(log_params)
            loglik, grad = _log_likelihood(params, x, s_recency, s_age, with_gradient=True)
            # d/d log(theta) = theta * d/d theta; the mean keeps the scale O(1).
            return (-(w @ loglik) / total_weight, -(grad @ w) * params / total_weight)

        from scipy import optimize  # imported on first fit: it is slow to import

        result = optimize.minimize(objective, x0=np.zeros(4), jac=True, method="BFGS",
                                   options={"gtol": 1e-10, "maxiter": 2000})
        gradient_norm = np.max(np.abs(result.jac))
        if not np.all(np.isfinite(result.x)) or gradient_norm > 1e-6:
            raise input_error("frequency, recency, T", f"极大似然估计未收敛（{result.message}）",
                              f"the maximum-likelihood fit did not converge ({result.message})")
        r, alpha_scaled, a, b = np.exp(result.x)
        params = np.array([r, alpha_scaled / scale, a, b])
        self.params_ = pd.Series(params, index=list(PARAMETER_NAMES), name="BG/NBD")
        self.log_likelihood_ = float(w @ _log_likelihood(params, x, t_x, age))
        self.n_customers_ = float(total_weight)
        self.n_patterns_ = len(x)

        def total_gradient(theta):
            return -(_log_likelihood(theta, x, t_x, age, with_gradient=True)[1] @ w)

        self._hessian = numerical_hessian(total_gradient, params)
        return self

    # ---------------------------------------------------------- predictions
    def _params(self, method):
        require_fitted(self, method)
        return self.params_.to_numpy()

    def probability_alive(self, frequency, recency, T):
        """P(alive | x, t_x, T) (客户仍活跃的概率)::

            1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))**(r + x))
        """
        self._params("probability_alive")
        x, t_x, age = purchase_history(frequency, recency, T)
        return shaped(self._alive(x, t_x, age), index_of(frequency, recency, T), "probability_alive")

    def _alive(self, x, t_x, age):
        r, alpha, a, b = self.params_.to_numpy()
        log_odds_dead = (np.log(a) - np.log(b + np.maximum(x, 1) - 1)
                         + (r + x) * (np.log(alpha + age) - np.log(alpha + t_x)))
        return np.where(x > 0, special.expit(-log_odds_dead), 1.0)

    def expected_purchases(self, t, frequency, recency, T):
        """E[Y(t) | x, t_x, T]: expected purchases in the next t periods (未来 t 期的期望购买次数)::

            (a + b + x - 1) / (a - 1)
            * (1 - (1 - z)**(a - 1) * 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z))
            * P(alive | x, t_x, T),          z = t / (alpha + T + t)

        (the Euler-transformed form of Fader, Hardie & Lee's eq. 10).
        """
        params = self._params("expected_purchases")
        horizon = time_array(t, "t")
        x, t_x, age = purchase_history(frequency, recency, T)
        expected = _purchases_if_alive(params, horizon, x, age) * self._alive(x, t_x, age)
        return shaped(expected, index_of(frequency, recency, T, t), "expected_purchases")

    def expected_purchases_new(self, t):
        """E[X(t)]: expected purchases of a new customer in (0, t] (新客户的期望购买次数)::

            (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t))**r * 2F1(r, b; a + b - 1; t / (alpha + t)))
        """
        params = self._params("expected_purchases_new")
        horizon = time_array(t, "t")
        expected = _purchases_if_alive(params, horizon, 0.0, 0.0)
        return shaped(expected, index_of(t), "expected_purchases_new")

    def probability_of_purchases(self, t, k):
        """P(X(t) = k): probability that a new customer makes k purchases in (0, t] (购买 k 次的概率)::

            B(a, b + k) / B(a, b) * NB(k; r, q)
            + [k > 0] * B(a + 1, b + k - 1) / B(a, b) * P(NB(r, q) >= k),   q = alpha / (alpha + t)
        """
        r, alpha, a, b = self._params("probability_of_purchases")
        horizon = time_array(t, "t")
        count = frequency_array(k, "k")
        q = alpha / (alpha + horizon)
        from scipy import stats  # imported on first use: it is slow to import

        still_alive = np.exp(special.betaln(a, b + count) - special.betaln(a, b)
                             + stats.nbinom.logpmf(count, r, q))
        died_later = np.exp(special.betaln(a + 1, b + np.maximum(count, 1) - 1) - special.betaln(a, b)) \
            * stats.nbinom.sf(count - 1, r, q)
        probability = still_alive + np.where(count > 0, died_later, 0.0)
        return shaped(probability, index_of(k, t), "probability")

    def customer_predictions(self, t, frequency, recency, T) -> pd.DataFrame:
        """Per-customer table (客户预测表): frequency, recency, T, probability_alive and
        expected_purchases (E[Y(t)] for the single horizon ``t``)."""
        self._params("customer_predictions")
        if np.ndim(t) != 0:
            raise input_error("t", "预测表只用一个预测期长度", "give a single horizon for the table")
        x, t_x, age = (np.atleast_1d(v) for v in purchase_history(frequency, recency, T))
        table = pd.DataFrame({"frequency": x, "recency": t_x, "T": age},
                             index=index_of(frequency, recency, T))
        table["probability_alive"] = self._alive(x, t_x, age)
        table["expected_purchases"] = np.asarray(self.expected_purchases(t, x, t_x, age))
        return table
