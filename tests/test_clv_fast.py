"""The fast BG/NBD and Gamma-Gamma code paths against plain per-customer formulas.

The fit evaluates the likelihood on distinct (x, t_x, T) patterns with
table look-ups, analytic gradients and Hessians, and the predictions work on
distinct (x, T) pairs; here each is checked against a straightforward
per-customer computation written out below (math.lgamma, one customer at a
time), against finite differences, and against the results of the previous
implementation.  Also the edge cases that used to fail with raw numpy errors
or silently.
"""
import math

import numpy as np
import pandas as pd
import pytest
from scipy import special

from crmlab import CRMLabInputError
from crmlab.clv import BetaGeoModel, GammaGammaModel, bgnbd_log_likelihood, customer_lifetime_value
from crmlab.clv import bgnbd, gammagamma
from crmlab.clv._inputs import distinct_rows, on_distinct
from crmlab.datasets import load_cdnow_summary_with_spend

PARAMS = (0.24, 4.4, 0.79, 2.4)
SPEND_PARAMS = (6.2, 3.7, 15.4)


def simulate(n, seed=0, params=PARAMS, spend=SPEND_PARAMS, window_days=546):
    """Customers from the BG/NBD and Gamma-Gamma stories, joining on whole days over 78 weeks."""
    r, alpha, a, b = params
    p, q, gamma = spend
    rng = np.random.default_rng(seed)
    age_days = rng.integers(1, window_days + 1, n)
    age = age_days / 7
    rate, drop = rng.gamma(r, 1 / alpha, n), rng.beta(a, b, n)
    x, last, clock = np.zeros(n), np.zeros(n), np.zeros(n)
    active = np.arange(n)
    while active.size:
        clock[active] += rng.exponential(1.0, active.size) / rate[active]
        active = active[clock[active] <= age[active]]
        x[active] += 1
        last[active] = clock[active]
        active = active[rng.random(active.size) >= drop[active]]
    recency = np.where(x > 0, np.minimum(np.ceil(last * 7), age_days), 0) / 7
    nu = rng.gamma(q, 1 / gamma, n)
    monetary = np.where(x > 0, rng.gamma(np.maximum(p * x, 1e-300), 1.0, n) / nu / np.maximum(x, 1), 0.0)
    return x, recency, age, monetary


@pytest.fixture(scope="module")
def customers():
    return simulate(400, seed=1)


# ------------------------------------------------------------------ plain formulas
def plain_bgnbd(params, x, t_x, T):
    """FHL (2005) eq. 6 for one customer at a time, each factor's log written out."""
    r, alpha, a, b = params
    out = []
    for xi, ti, Ti in zip(x, t_x, T):
        front = (math.lgamma(r + xi) - math.lgamma(r) + r * math.log(alpha)
                 + math.lgamma(a + b) + math.lgamma(b + xi) - math.lgamma(b) - math.lgamma(a + b + xi))
        first = -(r + xi) * math.log(alpha + Ti)
        if xi == 0:
            out.append(front + first)
            continue
        second = math.log(a) - math.log(b + xi - 1) - (r + xi) * math.log(alpha + ti)
        top = max(first, second)
        out.append(front + top + math.log(math.exp(first - top) + math.exp(second - top)))
    return np.array(out)


def plain_gamma_gamma(params, x, m):
    p, q, gamma = params
    return np.array([math.lgamma(p * xi + q) - math.lgamma(p * xi) - math.lgamma(q) + q * math.log(gamma)
                     + (p * xi - 1) * math.log(mi) + p * xi * math.log(xi) - (p * xi + q) * math.log(xi * mi + gamma)
                     for xi, mi in zip(x, m)])


def plain_expected_purchases(params, t, x, t_x, T):
    """FHL (2005) eq. 10 as printed, with P(alive) as its own factor."""
    r, alpha, a, b = params
    out = []
    for xi, ti, Ti in zip(x, t_x, T):
        z = t / (alpha + Ti + t)
        bracket = 1 - ((alpha + Ti) / (alpha + Ti + t)) ** (r + xi) * special.hyp2f1(r + xi, b + xi, a + b + xi - 1, z)
        odds = a / (b + xi - 1) * ((alpha + Ti) / (alpha + ti)) ** (r + xi) if xi > 0 else 0.0
        out.append((a + b + xi - 1) / (a - 1) * bracket / (1 + odds))
    return np.array(out)


def finite_difference(function, theta, relative_step=1e-6):
    """Central differences of a scalar or vector function, one column per parameter."""
    theta = np.asarray(theta, dtype=float)
    columns = []
    for j in range(len(theta)):
        step = relative_step * theta[j]
        up, down = theta.copy(), theta.copy()
        up[j] += step
        down[j] -= step
        columns.append((np.asarray(function(up)) - np.asarray(function(down))) / (2 * step))
    return np.array(columns).T


# ------------------------------------------------------------------ BG/NBD likelihood
def test_per_customer_log_likelihood_matches_plain_formula(customers):
    x, t_x, T, _ = customers
    assert (x == 0).any() and (x > 5).any()
    for params in [PARAMS, (1.7, 0.3, 3.0, 0.6), (0.05, 40.0, 0.2, 9.0)]:
        np.testing.assert_allclose(bgnbd_log_likelihood(params, x, t_x, T), plain_bgnbd(params, x, t_x, T),
                                   rtol=1e-12)


def test_pattern_likelihood_matches_plain_sum(customers):
    x, t_x, T, _ = customers
    # Duplicate some customers and give weights, so patterns really merge.
    x, t_x, T = (np.concatenate([v, v[:100]]) for v in (x, t_x, T))
    weights = np.arange(len(x)) % 3 + 0.5
    patterns = bgnbd._Patterns(x, t_x, T, weights)
    assert patterns.n_patterns < len(x)
    assert patterns.total_weight == pytest.approx(weights.sum())
    for params in [PARAMS, (1.7, 0.3, 3.0, 0.6)]:
        plain = math.fsum(weights * plain_bgnbd(params, x, t_x, T))
        assert patterns.evaluate(params, with_gradient=False) == pytest.approx(plain, rel=1e-12)
        # Time rescaling is applied to the tables only.
        scaled = math.fsum(weights * plain_bgnbd(params, x, t_x / 78, T / 78))
        assert patterns.evaluate(params, time_scale=1 / 78, with_gradient=False) == pytest.approx(scaled, rel=1e-12)


def test_pattern_gradient_and_hessian_match_finite_differences(customers):
    x, t_x, T, _ = customers
    patterns = bgnbd._Patterns(x, t_x, T, np.ones(len(x)))
    for params in [np.array(PARAMS), np.array([1.7, 0.3, 3.0, 0.6])]:
        total, gradient, hessian = patterns.evaluate(params, with_hessian=True)
        assert total == pytest.approx(patterns.evaluate(params, with_gradient=False), rel=1e-15)
        numeric = finite_difference(lambda theta: patterns.evaluate(theta, with_gradient=False), params)
        np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-6 * np.abs(gradient).max())
        numeric_hessian = finite_difference(lambda theta: patterns.evaluate(theta)[1], params)
        np.testing.assert_allclose(hessian, hessian.T, rtol=0, atol=0)
        np.testing.assert_allclose(hessian, numeric_hessian, rtol=1e-6, atol=1e-6 * np.abs(hessian).max())


def test_per_customer_gradient_matches_finite_differences(customers):
    x, t_x, T, _ = customers
    params = np.array(PARAMS)
    _, gradient = bgnbd._log_likelihood(params, x, t_x, T, with_gradient=True)
    numeric = finite_difference(lambda theta: bgnbd._log_likelihood(theta, x, t_x, T), params)
    np.testing.assert_allclose(gradient.T, numeric, rtol=1e-6, atol=1e-8)


def test_fit_reaches_the_maximum_of_the_plain_likelihood(customers):
    x, t_x, T, _ = customers
    model = BetaGeoModel().fit(x, t_x, T)
    params = model.params_.to_numpy()
    assert model.log_likelihood_ == pytest.approx(math.fsum(plain_bgnbd(params, x, t_x, T)), rel=1e-12)
    # The plain total is lower one relative step away in every direction.
    for j in range(4):
        for sign in (-1, 1):
            moved = params.copy()
            moved[j] *= 1 + sign * 1e-4
            assert math.fsum(plain_bgnbd(moved, x, t_x, T)) < model.log_likelihood_
    assert model._fit_info["gradient"] <= 1e-9
    assert model.n_patterns_ == len(pd.DataFrame({"x": x, "t": t_x, "T": T}).drop_duplicates())


# ------------------------------------------------------------------ Gamma-Gamma likelihood
def test_gamma_gamma_likelihood_gradient_hessian(customers):
    x, _, _, m = customers
    buyers = x > 0
    x, m = x[buyers], m[buyers]
    weights = np.arange(len(x)) % 4 + 1.0
    params = np.array(SPEND_PARAMS)
    np.testing.assert_allclose(gammagamma._log_likelihood(params, x, m), plain_gamma_gamma(params, x, m),
                               rtol=1e-12)
    data = gammagamma._SpendData(x, m, weights)
    total, gradient, hessian = data.evaluate(params, with_hessian=True)
    assert total == pytest.approx(math.fsum(weights * plain_gamma_gamma(params, x, m)), rel=1e-12)
    numeric = finite_difference(lambda theta: data.evaluate(theta, with_gradient=False), params)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-6, atol=1e-6 * np.abs(gradient).max())
    numeric_hessian = finite_difference(lambda theta: data.evaluate(theta)[1], params)
    np.testing.assert_allclose(hessian, numeric_hessian, rtol=1e-6, atol=1e-6 * np.abs(hessian).max())
    _, per_customer = gammagamma._log_likelihood(params, x, m, with_gradient=True)
    np.testing.assert_allclose(per_customer @ weights, gradient, rtol=1e-10)
    # Money rescaled for the optimiser: the same likelihood up to the Jacobian of m.
    scaled = gammagamma._SpendData(x, m, weights, money_scale=0.01)
    expected = math.fsum(weights * plain_gamma_gamma(params, x, m * 0.01))
    assert scaled.evaluate(params, with_gradient=False) == pytest.approx(expected, rel=1e-12)


# ------------------------------------------------------------------ predictions
def test_fast_predictions_match_plain_formulas():
    x, t_x, T, m = simulate(5000, seed=2)  # above the size where (x, T) pairs are deduplicated
    model = BetaGeoModel()
    model.params_ = pd.Series(PARAMS, index=["r", "alpha", "a", "b"])
    expected = model.expected_purchases(39, x, t_x, T)
    np.testing.assert_allclose(expected, plain_expected_purchases(PARAMS, 39, x, t_x, T), rtol=1e-9)
    # The deduplicated path gives exactly what the direct path gives on small chunks.
    chunks = np.concatenate([model.expected_purchases(39, x[i:i + 1000], t_x[i:i + 1000], T[i:i + 1000])
                             for i in range(0, len(x), 1000)])
    np.testing.assert_allclose(expected, chunks, rtol=1e-14)
    r, alpha, a, b = PARAMS
    plain_alive = np.where(x > 0, 1 / (1 + a / (b + np.maximum(x, 1) - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)), 1)
    np.testing.assert_allclose(model.probability_alive(x, t_x, T), plain_alive, rtol=1e-13)
    # Several horizons at once (broadcast (k, 1) against n customers).
    horizons = np.array([[4.345], [52.0]])
    both = model.expected_purchases(horizons, x, t_x, T)
    assert both.shape == (2, len(x))
    np.testing.assert_allclose(both[1], plain_expected_purchases(PARAMS, 52.0, x, t_x, T), rtol=1e-9)


def test_fast_clv_matches_month_by_month_sum():
    x, t_x, T, m = simulate(4000, seed=3)
    purchases = BetaGeoModel()
    purchases.params_ = pd.Series(PARAMS, index=["r", "alpha", "a", "b"])
    spend = GammaGammaModel()
    spend.params_ = pd.Series(SPEND_PARAMS, index=["p", "q", "gamma"])
    value = customer_lifetime_value(purchases, spend, x, t_x, T, m, months=6, discount_rate=0.02, time_unit="W")
    p, q, gamma = SPEND_PARAMS
    mean_spend = (p * gamma + p * x * m) / (p * x + q - 1)
    plain, previous = 0.0, 0.0
    for month in range(1, 7):
        current = plain_expected_purchases(PARAMS, month * 4.345, x, t_x, T)
        plain = plain + mean_spend * (current - previous) / 1.02 ** month
        previous = current
    np.testing.assert_allclose(value, plain, rtol=1e-9)


def test_distinct_rows_dense_and_hashed_agree():
    rng = np.random.default_rng(4)
    small = [rng.integers(0, 5, 3000), rng.integers(0, 7, 3000)]          # dense key table
    large = [rng.integers(0, 2000, 3000), rng.integers(0, 3000, 3000)]    # hashed keys
    for codes in (small, large):
        group, per_column = distinct_rows(*codes)
        for column, distinct in zip(codes, per_column):
            np.testing.assert_array_equal(distinct[group], column)  # every row rebuilt from its group
        assert len(per_column[0]) == len(set(zip(*codes)))           # and the groups are distinct
    values = rng.integers(0, 40, 5000).astype(float), rng.random(5000).round(2)
    result = on_distinct(lambda u, v: u * 1000 + v, values, whole=(0,))
    np.testing.assert_array_equal(result, values[0] * 1000 + values[1])


# ------------------------------------------------------------------ same results as before
# The previous implementation's results on CDNOW (per-customer likelihood,
# numerical Hessian), recorded before the fast path replaced it.
OLD_CDNOW = {
    "bgnbd": [0.24259290713715417, 4.413531559596103, 0.7928861481774899, 2.4257534376574497],
    "bgnbd_loglik": -9582.42556056736,
    "bgnbd_se": [0.012557319575350714, 0.37822141527226694, 0.18571914308526521, 0.7053457555659255],
    "gg": [6.248802489708794, 3.7445884532891367, 15.447748009470418],
    "gg_loglik": -4055.923243502864,
    "gg_se": [1.1896870187302129, 0.290165612108029, 4.159993810109917],
    "expected_39": [1.2259104522317383, 0.2032506449802487, 0.19478084696556663],
    "alive": [0.7266091515973004, 0.2122274088250749, 1.0],
    "clv_12": [36.27849649621156, 4.637466795049456, 8.344092658908995],
}


def test_cdnow_results_equal_the_previous_implementation():
    summary = load_cdnow_summary_with_spend()
    x, t_x, T, m = (summary[c].to_numpy() for c in ("frequency", "recency", "T", "monetary"))
    model = BetaGeoModel().fit(x, t_x, T)
    np.testing.assert_allclose(model.params_, OLD_CDNOW["bgnbd"], rtol=1e-7, atol=0)
    assert model.log_likelihood_ == pytest.approx(OLD_CDNOW["bgnbd_loglik"], rel=1e-13)
    np.testing.assert_allclose(model.standard_errors_, OLD_CDNOW["bgnbd_se"], rtol=1e-6)
    buyers = x > 0
    spend = GammaGammaModel().fit(x[buyers], m[buyers])
    np.testing.assert_allclose(spend.params_, OLD_CDNOW["gg"], rtol=1e-7, atol=0)
    assert spend.log_likelihood_ == pytest.approx(OLD_CDNOW["gg_loglik"], rel=1e-13)
    np.testing.assert_allclose(spend.standard_errors_, OLD_CDNOW["gg_se"], rtol=1e-6)
    np.testing.assert_allclose(model.expected_purchases(39, x, t_x, T)[:3], OLD_CDNOW["expected_39"], rtol=1e-6)
    np.testing.assert_allclose(model.probability_alive(x, t_x, T)[:3], OLD_CDNOW["alive"], rtol=1e-6)
    np.testing.assert_allclose(customer_lifetime_value(model, spend, x, t_x, T, m, time_unit="W")[:3],
                               OLD_CDNOW["clv_12"], rtol=1e-6)


# ------------------------------------------------------------------ edge cases
def expect_error(argument, call, *args, **kwargs):
    with pytest.raises(CRMLabInputError) as info:
        call(*args, **kwargs)
    assert info.value.argument == argument
    message = str(info.value)
    assert f"参数 {argument}" in message and f"Argument '{argument}'" in message
    assert message.index("参数") < message.index("Argument")  # Chinese first, then English
    return info.value


def test_fit_without_customers():
    error = expect_error("frequency, recency, T", BetaGeoModel().fit, [], [], [])
    assert "empty" in error.en and "空" in error.zh
    error = expect_error("frequency, monetary", GammaGammaModel().fit, [], [])
    assert "empty" in error.en


def test_fit_without_repeat_buyers():
    T = np.arange(1.0, 51.0)
    error = expect_error("frequency", BetaGeoModel().fit, np.zeros(50), np.zeros(50), T)
    assert "no repeat buyers" in error.en and "a and b" in error.en and "重复购买" in error.zh
    # Repeat buyers with zero weight do not count.
    error = expect_error("frequency", BetaGeoModel().fit, [0, 0, 3], [0.0, 0.0, 5.0], [10.0, 20.0, 30.0],
                         weights=[1.0, 2.0, 0.0])
    assert "no repeat buyers" in error.en


def test_fit_whose_estimates_run_off_raises():
    # Every repeat buyer bought at the very end (t_x = T): nobody looks dead, so
    # the drop-out probability a / (a + b) is pushed to 0 and no maximum exists.
    x = np.array([1.0, 2.0, 3.0, 1.0, 0.0, 0.0] * 20)
    T = np.array([10.0, 20.0, 30.0, 40.0, 15.0, 25.0] * 20)
    t_x = np.where(x > 0, T, 0.0)
    error = expect_error("frequency, recency, T", BetaGeoModel().fit, x, t_x, T)
    assert "infinity" in error.en and "不存在" in error.zh


def test_expected_spend_is_never_negative():
    # With q < 1 the posterior mean of p / nu is infinite for p x + q <= 1 and
    # the closed form (p gamma + p x m) / (p x + q - 1) turns negative.
    model = GammaGammaModel()
    model.params_ = pd.Series([0.2, 0.7, 10.0], index=["p", "q", "gamma"])
    p, q, gamma = model.params_
    assert (p * gamma + p * 1 * 20) / (p * 1 + q - 1) < 0  # what the formula alone would say
    error = expect_error("frequency", model.expected_spend, [1, 5], [20.0, 30.0])
    assert "q = 0.7" in error.en and "1 customer(s)" in error.en and "异常值" in error.zh
    assert model.expected_spend(2, 20.0) > 0  # p x + q > 1: finite and positive
    expect_error("q", model.expected_spend, 0, 0.0)  # population mean infinite for q <= 1
    purchases = BetaGeoModel()
    purchases.params_ = pd.Series(PARAMS, index=["r", "alpha", "a", "b"])
    expect_error("frequency", customer_lifetime_value, purchases, model, [1, 3], [2.0, 5.0], [10.0, 10.0], [20.0, 30.0])
    # Spend from the Gamma-Gamma story itself, fitted: every expected spend is positive or refused.
    x, _, _, m = simulate(3000, seed=5)
    buyers = x > 0
    fitted = GammaGammaModel().fit(x[buyers], m[buyers])
    assert (fitted.expected_spend(x[buyers], m[buyers]) > 0).all()


def test_predictions_on_no_customers():
    model = BetaGeoModel()
    model.params_ = pd.Series(PARAMS, index=["r", "alpha", "a", "b"])
    assert model.probability_alive([], [], []).shape == (0,)
    assert model.expected_purchases(10, [], [], []).shape == (0,)
