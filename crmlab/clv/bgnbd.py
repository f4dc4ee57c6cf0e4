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

Computation (计算方式), for a million customers in well under a second:

- the fit merges identical (x, t_x, T) rows into weighted patterns, then per
  evaluation computes the terms in x alone (A1 + A2) once per distinct x,
  ln(alpha + T) and ln(alpha + t_x) once per distinct time, and for each
  repeat-buyer pattern only log(1 + exp(d)), d = A4 - A3; the analytic
  gradient and Hessian come from the same tables.  BFGS on log-parameters
  gets the gradient below 1e-6, Newton steps finish (see ``_inputs.minimise``);
- the 2F1 in E[Y(t) | x, t_x, T] depends on (x, T) only and is computed once
  per distinct pair (real data with T in whole days have few), P(alive) once
  per customer.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from scipy import special

from .._checks import input_error
from ._base import CLVModel, Likelihood
from ._inputs import (codes_of, distinct_rows, dot, frequency_array, index_of, on_distinct, purchase_history,
                      require_customers, shaped, time_array, weight_array)

__all__ = ["BetaGeoModel", "bgnbd_log_likelihood"]

PARAMETER_NAMES = ("r", "alpha", "a", "b")


def _odds(params, x_values):
    """ln(a) - ln(b + x - 1) for each x value; -inf for x = 0, where the A4 term is absent.

    It is A4 - A3 without the time terms, and the log-odds of having dropped
    out without them (so P(alive) = 1 for x = 0).
    """
    r, alpha, a, b = params
    return np.where(x_values > 0, np.log(a) - np.log(b + np.maximum(x_values, 1) - 1), -np.inf)


def _log_odds_terms(params, x_values):
    """Per distinct x: A1 + A2 (the terms of log L that depend on x only) and :func:`_odds`."""
    r, alpha, a, b = params
    front = (special.gammaln(r + x_values) - special.gammaln(r) + r * np.log(alpha)
             + special.gammaln(b + x_values) - special.gammaln(b)
             + special.gammaln(a + b) - special.gammaln(a + b + x_values))
    return front, _odds(params, x_values)


def _front_gradient(params, x_values):
    """Per distinct x: the gradient of A1 + A2 in (r, alpha, a, b) (4 x k)."""
    r, alpha, a, b = params
    psi = special.digamma
    both = psi(a + b) - psi(a + b + x_values)
    ones = np.ones_like(x_values)
    return np.array([psi(r + x_values) - psi(r) + np.log(alpha) * ones, r / alpha * ones,
                     both, psi(b + x_values) - psi(b) + both])


def _front_hessian(params, x_values, weights):
    """Hessian in (r, alpha, a, b) of sum_x weights_x (A1 + A2)(x) (4 x 4, symmetric)."""
    r, alpha, a, b = params
    trigamma = functools.partial(special.polygamma, 1)
    both = dot(weights, trigamma(a + b) - trigamma(a + b + x_values))
    total = weights.sum()
    hessian = np.zeros((4, 4))
    hessian[0, 0] = dot(weights, trigamma(r + x_values) - trigamma(r))
    hessian[0, 1] = hessian[1, 0] = total / alpha
    hessian[1, 1] = -total * r / alpha ** 2
    hessian[2, 2] = hessian[2, 3] = hessian[3, 2] = both
    hessian[3, 3] = dot(weights, trigamma(b + x_values) - trigamma(b)) + both
    return hessian


def _softplus_and_share(d):
    """log(1 + exp(d)) and exp(d) / (1 + exp(d)), accurate for any d (including -inf).

    While exp(d) cannot overflow, log1p(exp(d)) loses nothing (for large d the
    rounding of exp(d) shifts the log by ~1e-16); beyond, the form
    max(d, 0) + log1p(exp(-|d|)) is used.  d below -700 counts as -700, which
    moves either value by less than 1e-304 (d = -inf gives 1e-304, not 0).
    """
    if d.size == 0 or d.max() < 700:
        # Below -700 both are below 1e-304: clipping there changes nothing that a
        # sum can see, and exp is much faster on -700 than on -inf or on underflow.
        e = np.exp(np.maximum(d, -700.0))
        softplus = np.log1p(e)
        e1 = e + 1.0
        np.divide(e, e1, out=e)
        return softplus, e
    e = np.exp(-np.abs(d))
    softplus = np.maximum(d, 0.0) + np.log1p(e)
    share = np.where(d >= 0, 1.0, e) / (1.0 + e)
    return softplus, share


def _log_likelihood(params, x, t_x, T, with_gradient=False):
    """Per-customer log L and, optionally, its gradient in (r, alpha, a, b) (4 x n).

    log L = A1 + A2 + A3 + log(1 + [x > 0] exp(d)) with d = A4 - A3
          = log(a / (b + x - 1)) + (r + x) (ln(alpha + T) - ln(alpha + t_x));
    A1 + A2 are computed once per distinct x, and the share exp(d) / (1 + exp(d))
    of the A4 term gives the gradient.
    """
    r, alpha, a, b = params
    x, t_x, T = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x, t_x, T)))
    shape = x.shape
    x, t_x, T = x.ravel(), t_x.ravel(), T.ravel()
    codes, x_values = codes_of(x, whole=True)
    front, odds = _log_odds_terms(params, x_values)
    log_age, log_recency = np.log(alpha + T), np.log(alpha + t_x)
    d = odds[codes] + (r + x) * (log_age - log_recency)
    softplus, share = _softplus_and_share(d)
    loglik = front[codes] - (r + x) * log_age + softplus
    if not with_gradient:
        return loglik.reshape(shape)
    base = _front_gradient(params, x_values)[:, codes]
    repeat = x > 0
    d_r = base[0] - log_age + share * (log_age - log_recency)
    d_alpha = base[1] - (r + x) / (alpha + T) + share * (r + x) * (1 / (alpha + T) - 1 / (alpha + t_x))
    d_a = base[2] + share / a
    d_b = base[3] - share / np.where(repeat, b + x - 1, 1.0)
    return loglik.reshape(shape), np.array([d_r, d_alpha, d_a, d_b]).reshape((4,) + shape)


class _Patterns:
    """Customers grouped into distinct (x, t_x, T) patterns, arranged for a fast likelihood.

    log L summed over customers (weights w) splits into

    - terms in x only (A1 + A2): computed for each distinct x, weighted by the
      customers with that x;
    - A3 = -(r + x) ln(alpha + T): ln(alpha + T) once per distinct T, weighted
      by the customers' sums of 1 and x at that T;
    - log(1 + exp(d)) for repeat buyers only, d = log(a / (b + x - 1)) +
      (r + x) (ln(alpha + T) - ln(alpha + t_x)): per pattern, a few table
      look-ups, one exp and one log1p (ln(alpha + t_x) too is a table).

    Time is multiplied by ``time_scale`` in :meth:`evaluate` (tables only).
    """

    def __init__(self, x, t_x, T, w):
        keep = w > 0
        if not np.all(keep):
            x, t_x, T, w = x[keep], t_x[keep], T[keep], w[keep]
        x_codes, self.x_values = codes_of(x, whole=True)
        t_codes, self.t_values = codes_of(t_x)
        T_codes, self.T_values = codes_of(T)
        group, (ix, it, iT) = distinct_rows(x_codes, t_codes, T_codes,
                                            widths=(len(self.x_values), len(self.t_values), len(self.T_values)))
        weight = np.bincount(group, weights=w, minlength=len(ix))
        self.n_patterns = len(ix)
        self.total_weight = float(weight.sum())
        self.weight_x = np.bincount(ix, weights=weight, minlength=len(self.x_values))
        x_of_pattern = self.x_values[ix]
        self.weight_T = np.bincount(iT, weights=weight, minlength=len(self.T_values))
        self.weight_xT = np.bincount(iT, weights=weight * x_of_pattern, minlength=len(self.T_values))
        repeat = x_of_pattern > 0
        self.repeat_x = x_of_pattern[repeat]
        self.repeat_ix, self.repeat_it, self.repeat_iT = ix[repeat], it[repeat], iT[repeat]
        self.repeat_w = weight[repeat]
        self.repeat_weight = float(self.repeat_w.sum())

    def evaluate(self, params, time_scale=1.0, with_gradient=True, with_hessian=False):
        """Total weighted log L, and optionally its gradient and Hessian in (r, alpha, a, b).

        Returns ``total``, ``(total, gradient)`` or ``(total, gradient, hessian)``.
        """
        r, alpha, a, b = params
        age, recency = alpha + self.T_values * time_scale, alpha + self.t_values * time_scale
        log_age, log_recency = np.log(age), np.log(recency)
        front, odds = _log_odds_terms(params, self.x_values)
        at_T = r * self.weight_T + self.weight_xT
        iT, it, ix = self.repeat_iT, self.repeat_it, self.repeat_ix
        gap = log_age[iT]
        gap -= log_recency[it]  # ln(alpha + T) - ln(alpha + t_x)
        rx = self.repeat_x + r
        d = rx * gap
        d += odds[ix]
        softplus, share = _softplus_and_share(d)
        total = dot(self.weight_x, front) - dot(at_T, log_age) + dot(self.repeat_w, softplus)
        if not (with_gradient or with_hessian):
            return total
        # Gradient: A1 + A2 per distinct x, A3 per distinct T, and for the
        # softplus term share * (gradient of d), d's gradient being
        # (gap, (r + x) (1/(alpha + T) - 1/(alpha + t_x)), 1/a, -1/(b + x - 1)).
        ws = share * self.repeat_w
        inverse_age, inverse_recency = 1.0 / age, 1.0 / recency
        inverse_gap = inverse_age[iT]
        inverse_gap -= inverse_recency[it]
        inverse_b = 1.0 / (b + np.maximum(self.x_values, 1) - 1)
        ws_by_x = np.bincount(ix, weights=ws, minlength=len(inverse_b))
        gradient = np.einsum("ij,j->i", _front_gradient(params, self.x_values), self.weight_x)
        gradient[0] += dot(ws, gap) - dot(self.weight_T, log_age)
        gradient[1] += dot(ws * rx, inverse_gap) - dot(at_T, inverse_age)
        gradient[2] += ws.sum() / a
        gradient[3] -= dot(ws_by_x, inverse_b)
        if not with_hessian:
            return total, gradient
        hessian = _front_hessian(params, self.x_values, self.weight_x)
        hessian[0, 1] -= dot(self.weight_T, inverse_age)
        hessian[1, 1] += dot(at_T, inverse_age ** 2)
        # softplus(d): share (1 - share) (grad d)(grad d)^T + share * (Hessian of d).
        curvature = ws * (1.0 - share)
        d_grad = np.array([gap, rx * inverse_gap, np.full_like(gap, 1.0 / a), -inverse_b[ix]])
        hessian += np.einsum("in,jn->ij", d_grad * curvature, d_grad)
        hessian[0, 1] += dot(ws, inverse_gap)
        hessian[1, 1] -= dot(ws * rx, inverse_age[iT] ** 2 - inverse_recency[it] ** 2)
        hessian[2, 2] -= ws.sum() / a ** 2
        hessian[3, 3] += dot(ws_by_x, inverse_b ** 2)
        hessian[1, 0] = hessian[0, 1]
        return total, gradient, (hessian + hessian.T) / 2  # exactly symmetric


def bgnbd_log_likelihood(params, frequency, recency, T) -> np.ndarray:
    """每位客户在 BG/NBD 模型下的对数似然。

    Log-likelihood of each customer under BG/NBD parameters (r, alpha, a, b).

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


def _probability_alive(params, x, t_x, age, x_codes=None):
    """P(alive | x, t_x, T) = 1 / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x))**(r + x)).

    The log-odds of having dropped out use log1p((T - t_x) / (alpha + t_x)) =
    ln((alpha + T) / (alpha + t_x)), exact also when t_x is close to T, and
    ln(a) - ln(b + x - 1) from a table of the distinct x (``x_codes``: the
    output of ``codes_of(x.ravel(), whole=True)`` when already known), -inf
    for x = 0.
    """
    r, alpha, a, b = params
    shape = np.shape(x)
    x, t_x, age = (np.ravel(v) for v in (x, t_x, age))
    codes, x_values = x_codes if x_codes is not None else codes_of(x, whole=True)
    log_odds = age - t_x
    log_odds /= alpha + t_x
    np.log1p(log_odds, out=log_odds)
    log_odds *= r + x
    log_odds += _odds(params, x_values)[codes]
    # 1 / (1 + exp(log odds)): exactly 1 below -700 (x = 0 gives -inf; exp is also much
    # faster on -700 than on -inf or on arguments whose result underflows), 0 once exp overflows.
    np.maximum(log_odds, -700.0, out=log_odds)
    with np.errstate(over="ignore"):
        np.exp(log_odds, out=log_odds)
    log_odds += 1.0
    return np.divide(1.0, log_odds, out=log_odds).reshape(shape)


def _by_pairs(x, age):
    """Group customers by their (x, T): (x codes, group of each customer, x and T of each group)."""
    x_codes = codes_of(x, whole=True)
    T_codes, T_values = codes_of(age)
    group, (ix, iT) = distinct_rows(x_codes[0], T_codes, widths=(len(x_codes[1]), len(T_values)))
    return x_codes, group, x_codes[1][ix], T_values[iT]


def _expected_purchases(params, horizons, discounts, x, t_x, age):
    """sum_i discounts[i] * (E[Y(horizons[i]) | x, t_x, T] - E[Y(horizons[i - 1]) | ...]), E[Y(0)] = 0.

    With one horizon and discount 1 this is E[Y(t) | x, t_x, T] itself.  x,
    t_x, T are checked arrays of one shape; the horizons scalars.  The 2F1
    part depends on (x, T) only: for many customers it is computed once per
    distinct pair and horizon, and P(alive) once per customer.
    """
    def per_pair(x_values, age_values):
        total, previous = 0.0, 0.0
        for horizon, discount in zip(horizons, discounts):
            current = _purchases_if_alive(params, horizon, x_values, age_values)
            total = total + (current - previous) * discount
            previous = current
        return total

    shape = np.shape(x)
    if np.size(x) < 2048:
        return per_pair(x, age) * _probability_alive(params, x, t_x, age)
    x, t_x, age = (np.ravel(v) for v in (x, t_x, age))
    x_codes, group, x_values, age_values = _by_pairs(x, age)
    alive = _probability_alive(params, x, t_x, age, x_codes=x_codes)
    alive *= per_pair(x_values, age_values)[group]
    return alive.reshape(shape)


class BetaGeoModel(CLVModel):
    """重复购买模型 BG/NBD：用极大似然估计拟合，预测客户仍活跃的概率和未来购买次数。

    BG/NBD model of repeat purchases (BG/NBD 模型), fitted by maximum likelihood.

    Usage::

        model = BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
        model.params_                      # r, alpha, a, b
        model.summary()                    # estimates, standard errors, 95 % intervals
        model.expected_purchases(39, 2, 30.43, 38.86)

    ``fit`` returns the model itself, now fitted.  Attributes after ``fit``:
    ``params_`` (Series r, alpha, a, b), ``log_likelihood_`` (total over
    customers, in the data's time unit), ``standard_errors_`` (from the
    analytic Hessian of -log L), ``n_customers_`` (sum of weights) and
    ``n_patterns_`` (distinct (x, t_x, T) rows actually evaluated); the
    parameter table is :meth:`summary`.  Predictions before ``fit`` raise
    :class:`~crmlab.NotFittedError`.  Formulas: see the module docstring.
    """

    PARAMETERS = PARAMETER_NAMES
    NAME = "BG/NBD"
    DATA_ARGUMENTS = "frequency, recency, T"

    def __init__(self):
        super().__init__()
        self.n_patterns_: int | None = None

    # ------------------------------------------------------------------ fit
    def fit(self, frequency, recency, T, weights=None):
        """用极大似然估计拟合 BG/NBD 模型，返回拟合好的模型本身。

        Maximum-likelihood fit (极大似然估计); returns ``self``, now fitted.

        Parameters
        ----------
        frequency, recency, T : per-customer x, t_x and T (same time unit).
        weights : optional number of customers sharing each row (e.g. a
            Fader-Hardie condensed table); the log-likelihood is
            ``sum_i weights_i * log L_i``.

        Identical (x, t_x, T) rows are merged before optimisation, and the
        likelihood is organised so that each evaluation costs a few vector
        operations per distinct pattern (terms in x alone once per distinct x,
        logarithms of alpha + T and alpha + t_x once per distinct time).  The
        optimiser (BFGS on log-parameters with the analytic gradient) works on
        time rescaled to max(T) = 1 for conditioning; alpha is scaled back.

        Raises :class:`~crmlab.CRMLabInputError` for no customers, no repeat
        buyers (a and b cannot be estimated), every T = 0, or estimates that run
        off to 0 or infinity (the maximum does not exist for the data), and
        :class:`~crmlab.ConvergenceError` when the optimiser does not converge.
        Predictions before ``fit`` raise :class:`~crmlab.NotFittedError`.
        """
        return super().fit(frequency, recency, T, weights=weights)

    def _likelihood(self, frequency, recency, T, weights=None) -> Likelihood:
        x, t_x, age = purchase_history(frequency, recency, T)
        if x.ndim != 1:
            x, t_x, age = (np.atleast_1d(v).ravel() for v in (x, t_x, age))
        require_customers(len(x), "frequency, recency, T")
        w = weight_array(weights, len(x))
        patterns = _Patterns(x, t_x, age, w)
        if patterns.T_values.max() <= 0:
            raise input_error("T", "所有客户的年龄 T 都是 0，无法拟合", "every T is 0; there is nothing to fit")
        if patterns.repeat_weight == 0:
            raise input_error("frequency", "所有客户的重复购买次数都是 0（没有回头客），无法估计流失参数 a、b，"
                              "BG/NBD 模型至少需要一部分有重复购买的客户",
                              "every customer has frequency 0 (no repeat buyers), so the drop-out "
                              "parameters a and b cannot be estimated; BG/NBD needs some repeat buyers")
        scale = 1.0 / patterns.T_values.max()

        def unscale(estimates):
            r, alpha_scaled, a, b = estimates
            return np.array([r, alpha_scaled / scale, a, b])

        return Likelihood(
            evaluate_scaled=lambda params, with_hessian=False: patterns.evaluate(params, scale,
                                                                                 with_hessian=with_hessian),
            unscale=unscale,
            evaluate=lambda params, with_hessian=True: patterns.evaluate(params, with_hessian=with_hessian),
            total_weight=patterns.total_weight,
            scaled_zh="时间按最大 T 缩放为 1", scaled_en="time scaled to max T = 1",
            fitted={"n_patterns_": patterns.n_patterns})

    # ---------------------------------------------------------- predictions
    def probability_alive(self, frequency, recency, T):
        """P(alive | x, t_x, T) (客户仍活跃的概率)::

            1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x))**(r + x))
        """
        self._params("probability_alive")
        x, t_x, age = purchase_history(frequency, recency, T)
        return shaped(self._alive(x, t_x, age), index_of(frequency, recency, T), "probability_alive")

    def _alive(self, x, t_x, age):
        return _probability_alive(self.params_.to_numpy(), x, t_x, age)

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
        if np.ndim(horizon) == 0:
            expected = _expected_purchases(params, [horizon], [1.0], x, t_x, age)
        else:  # several horizons: once per distinct (t, x, T)
            if_alive = on_distinct(lambda *rows: _purchases_if_alive(params, *rows), (horizon, x, age),
                                   whole=(1,))
            expected = if_alive * _probability_alive(params, *np.broadcast_arrays(x, t_x, age))
        return shaped(expected, index_of(frequency, recency, T, t), "expected_purchases")

    def _discounted_purchases(self, horizons, discounts, x, t_x, age):
        """sum_i discounts[i] * (E[Y(horizons[i])] - E[Y(horizons[i - 1])]) per customer (checked inputs)."""
        return _expected_purchases(self.params_.to_numpy(), horizons, discounts, x, t_x, age)

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
