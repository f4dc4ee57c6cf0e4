"""BG/NBD and Gamma-Gamma: published CDNOW figures, hand calculations, identities, bad input."""
import math

import numpy as np
import pandas as pd
import pytest

from crmlab import ConvergenceError, CRMLabError, CRMLabInputError, NotFittedError
from crmlab.clv import BetaGeoModel, GammaGammaModel, bgnbd_log_likelihood, customer_lifetime_value
from crmlab.datasets import load_cdnow_summary, load_cdnow_summary_with_spend

PUBLISHED_BGNBD = {"r": 0.242593, "alpha": 4.413532, "a": 0.792886, "b": 2.425752}
PUBLISHED_GG = {"p": 6.2488, "q": 3.7446, "gamma": 15.4477}


@pytest.fixture(scope="module")
def cdnow():
    return load_cdnow_summary()


@pytest.fixture(scope="module")
def bgnbd(cdnow):
    return BetaGeoModel().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])


@pytest.fixture(scope="module")
def repeat_buyers():
    summary = load_cdnow_summary_with_spend()
    return summary[summary["frequency"] > 0]


@pytest.fixture(scope="module")
def gamma_gamma(repeat_buyers):
    return GammaGammaModel().fit(repeat_buyers["frequency"], repeat_buyers["monetary"])


# ------------------------------------------------------------------ BG/NBD acceptance
def test_bgnbd_cdnow_published_mle(bgnbd):
    for name, value in PUBLISHED_BGNBD.items():
        assert abs(bgnbd.params_[name] - value) < 1e-4, name
    assert list(bgnbd.params_.index) == ["r", "alpha", "a", "b"]
    assert round(bgnbd.log_likelihood_, 2) == -9582.43
    assert bgnbd.n_customers_ == 2357
    assert bgnbd.n_patterns_ < 2357  # identical customers were merged


def test_bgnbd_cdnow_published_customer_predictions(bgnbd):
    assert bgnbd.expected_purchases(39, 2, 30.43, 38.86) == pytest.approx(1.2259, abs=1e-3)
    assert bgnbd.probability_alive(2, 30.43, 38.86) == pytest.approx(0.7266, abs=1e-3)


def test_bgnbd_summary_and_standard_errors(bgnbd):
    table = bgnbd.summary()
    assert list(table.columns) == ["coef", "se(coef)", "lower 95% bound", "upper 95% bound"]
    assert list(table.index) == ["r", "alpha", "a", "b"]
    errors = bgnbd.standard_errors_
    assert (errors > 0).all() and (errors < bgnbd.params_).all()
    np.testing.assert_allclose(table["upper 95% bound"] - table["coef"], 1.96 * errors)


def test_bgnbd_standard_errors_match_lifetimes(cdnow, bgnbd):
    lifetimes = pytest.importorskip("lifetimes", reason="lifetimes (the 'bench' extra) is not installed")
    theirs = lifetimes.BetaGeoFitter().fit(cdnow["frequency"].to_numpy(), cdnow["recency"].to_numpy(),
                                           cdnow["T"].to_numpy())
    np.testing.assert_allclose(bgnbd.standard_errors_.to_numpy(), theirs.standard_errors_.to_numpy(),
                               rtol=1e-3)


# ------------------------------------------------------------------ BG/NBD hand calculations
def test_probability_alive_by_hand(bgnbd):
    r, alpha, a, b = bgnbd.params_
    x, t_x, T = 2, 30.43, 38.86
    by_hand = 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    assert bgnbd.probability_alive(x, t_x, T) == pytest.approx(by_hand, rel=1e-13)
    assert bgnbd.probability_alive(0, 0, 50) == 1.0


def test_log_likelihood_by_hand_including_hundreds_of_purchases():
    params = (0.8, 3.0, 0.6, 2.5)
    r, alpha, a, b = params
    for x, t_x, T in [(0, 0.0, 20.0), (3, 10.0, 20.0), (600, 49.5, 50.0)]:
        # FHL (2005) eq. 6, each factor's log written out separately.
        log_front = (math.lgamma(r + x) - math.lgamma(r) + r * math.log(alpha)
                     + math.lgamma(a + b) + math.lgamma(b + x) - math.lgamma(b) - math.lgamma(a + b + x))
        first = -(r + x) * math.log(alpha + T)
        if x == 0:
            expected = log_front + first
        else:
            second = math.log(a) - math.log(b + x - 1) - (r + x) * math.log(alpha + t_x)
            top = max(first, second)
            expected = log_front + top + math.log(math.exp(first - top) + math.exp(second - top))
        got = bgnbd_log_likelihood(params, x, t_x, T)
        assert np.isfinite(got)
        assert got == pytest.approx(expected, rel=1e-12)
    # For x = 0 the likelihood is simply (alpha / (alpha + T))**r.
    assert math.exp(bgnbd_log_likelihood(params, 0, 0, 20)) == pytest.approx((3 / 23) ** 0.8)


def test_heavy_buyers_do_not_overflow_and_have_the_right_slope(bgnbd):
    r, alpha, a, b = bgnbd.params_
    x, t_x, T = np.array([300.0, 800.0]), np.array([38.0, 38.8]), np.array([38.86, 38.86])
    alive = bgnbd.probability_alive(x, t_x, T)
    expected = bgnbd.expected_purchases(52, x, t_x, T)
    assert np.all(np.isfinite(alive)) and np.all(np.isfinite(expected))
    # At t -> 0, dE[Y(t)]/dt = P(alive) * posterior mean rate (r + x) / (alpha + T).
    tiny = 1e-6
    slope = bgnbd.expected_purchases(tiny, x, t_x, T) / tiny
    np.testing.assert_allclose(slope, alive * (r + x) / (alpha + T), rtol=1e-4)
    # Over a long horizon a heavy buyer is expected to buy many times.
    assert np.all(expected > 100)


def test_new_customer_identities(bgnbd):
    t = np.array([0.0, 10.0, 39.0, 78.0])
    new = bgnbd.expected_purchases_new(t)
    assert new[0] == 0.0
    np.testing.assert_allclose(new, bgnbd.expected_purchases(t, 0, 0, 0), rtol=1e-12)
    # P(X(t) = k) is a distribution over k whose mean is E[X(t)].
    k = np.arange(0, 400)
    probabilities = bgnbd.probability_of_purchases(39, k)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-10)
    assert (k * probabilities).sum() == pytest.approx(bgnbd.expected_purchases_new(39), rel=1e-9)
    assert bgnbd.probability_of_purchases(0, 0) == pytest.approx(1.0)


def test_probability_of_purchases_exact_geometric_case():
    # r = 1 makes the negative binomial geometric: P(N = j) = q (1 - q)**j, q = alpha / (alpha + t).
    # r = 1, alpha = 4, a = 2, b = 1, t = 1, k = 13: q = 0.8, P(N >= 13) = 0.2**13,
    # B(2, 14) / B(2, 1) = (1/210) / (1/2) = 1/105 and B(3, 13) / B(2, 1) = (2/2730) / (1/2) = 4/2730.
    model = BetaGeoModel()
    model.params_ = pd.Series([1.0, 4.0, 2.0, 1.0], index=["r", "alpha", "a", "b"])
    exact = (1 / 105) * 0.8 * 0.2 ** 13 + (4 / 2730) * 0.2 ** 13
    assert model.probability_of_purchases(1, 13) == pytest.approx(exact, rel=1e-12)


def test_removable_singularities_are_continuous():
    # a + b = 1 (c = 0 for new customers) and a = 1 are limits of the closed form.
    def model(a, b):
        m = BetaGeoModel()
        m.params_ = pd.Series([1.0, 1.0, a, b], index=["r", "alpha", "a", "b"])
        return m

    for a, b in [(0.5, 0.5), (1.0, 2.0)]:
        exact = model(a, b).expected_purchases_new([1.0, 10.0])
        near = (model(a, b - 1e-7).expected_purchases_new([1.0, 10.0])
                + model(a, b + 1e-7).expected_purchases_new([1.0, 10.0])) / 2
        np.testing.assert_allclose(exact, near, rtol=1e-7)
        assert np.all(np.isfinite(model(a, b).expected_purchases(5, [0, 3], [0, 2], [3, 3])))
    # With a + b < 1 the closed form still equals sum_k k P(X(t) = k).
    odd = model(0.5, 0.2)
    k = np.arange(0, 20_000)
    assert (k * odd.probability_of_purchases(10, k)).sum() == pytest.approx(
        odd.expected_purchases_new(10), rel=1e-9)


def test_fitted_model_reproduces_cdnow_repeat_purchase_counts(bgnbd, cdnow):
    # sum over customers of E[X(T_i)] is the model's forecast of all calibration-period
    # repeat purchases (2,457 in the data); a good fit lands within a few per cent.
    predicted = bgnbd.expected_purchases_new(cdnow["T"]).sum()
    assert cdnow["frequency"].sum() == 2457
    assert predicted == pytest.approx(2457, rel=0.03)


def test_predictions_keep_the_customer_index(bgnbd, cdnow):
    head = cdnow.head(5)
    alive = bgnbd.probability_alive(head["frequency"], head["recency"], head["T"])
    assert isinstance(alive, pd.Series) and list(alive.index) == list(head.index)
    table = bgnbd.customer_predictions(39, head["frequency"], head["recency"], head["T"])
    assert list(table.columns) == ["frequency", "recency", "T", "probability_alive", "expected_purchases"]
    assert table.loc[1, "expected_purchases"] == pytest.approx(1.2259, abs=1e-3)


def test_weights_equal_repeated_rows():
    rows = pd.DataFrame({"x": [0, 1, 2, 5, 0], "t_x": [0, 4.0, 8.0, 30.0, 0], "T": [40.0, 39, 38, 36, 20],
                         "count": [50, 20, 10, 3, 40]})
    weighted = BetaGeoModel().fit(rows["x"], rows["t_x"], rows["T"], weights=rows["count"])
    expanded = rows.loc[rows.index.repeat(rows["count"])]
    plain = BetaGeoModel().fit(expanded["x"], expanded["t_x"], expanded["T"])
    np.testing.assert_allclose(weighted.params_, plain.params_, rtol=1e-6)
    assert weighted.log_likelihood_ == pytest.approx(plain.log_likelihood_, rel=1e-10)
    assert plain.n_patterns_ == 5 and plain.n_customers_ == 123


# ------------------------------------------------------------------ Gamma-Gamma
def test_gamma_gamma_cdnow_published(gamma_gamma, repeat_buyers):
    assert len(repeat_buyers) == 946
    for name, value in PUBLISHED_GG.items():
        assert abs(gamma_gamma.params_[name] - value) < 1e-3, name
    assert list(gamma_gamma.summary().index) == ["p", "q", "gamma"]
    assert (gamma_gamma.standard_errors_ > 0).all()


def test_expected_spend_by_hand(gamma_gamma):
    p, q, gamma = gamma_gamma.params_
    # Customer 1 of CDNOW: 2 repeat purchases averaging $22.35.
    weight = p * 2 / (p * 2 + q - 1)
    by_hand = weight * 22.35 + (1 - weight) * p * gamma / (q - 1)
    assert gamma_gamma.expected_spend(2, 22.35) == pytest.approx(by_hand, rel=1e-13)
    assert gamma_gamma.expected_spend(0, 0) == pytest.approx(p * gamma / (q - 1))
    # FHL report the population mean transaction value near $35.
    assert gamma_gamma.population_mean_spend() == pytest.approx(35, abs=1)


def test_clv_by_hand_for_one_month(bgnbd, gamma_gamma):
    spend = gamma_gamma.expected_spend(2, 22.35)
    purchases = bgnbd.expected_purchases(4.345, 2, 30.43, 38.86)
    value = customer_lifetime_value(bgnbd, gamma_gamma, 2, 30.43, 38.86, 22.35, months=1,
                                    discount_rate=0.01, time_unit="W")
    assert value == pytest.approx(spend * purchases / 1.01, rel=1e-13)
    two = customer_lifetime_value(bgnbd, gamma_gamma, 2, 30.43, 38.86, 22.35, months=2, time_unit="W")
    second_month = bgnbd.expected_purchases(2 * 4.345, 2, 30.43, 38.86) - purchases
    assert two == pytest.approx(value + spend * second_month / 1.01 ** 2, rel=1e-12)


def test_clv_matches_lifetimes(bgnbd, gamma_gamma):
    lifetimes = pytest.importorskip("lifetimes", reason="lifetimes (the 'bench' extra) is not installed")
    summary = load_cdnow_summary_with_spend()
    their_bg = lifetimes.BetaGeoFitter()
    their_bg.params_ = bgnbd.params_.rename(None).copy()
    their_bg.predict = their_bg.conditional_expected_number_of_purchases_up_to_time
    their_gg = lifetimes.GammaGammaFitter()
    their_gg.params_ = pd.Series(gamma_gamma.params_.to_numpy(), index=["p", "q", "v"])
    args = (summary["frequency"], summary["recency"], summary["T"], summary["monetary"])
    for unit in ("W", "D"):
        ours = customer_lifetime_value(bgnbd, gamma_gamma, *args, months=12, discount_rate=0.01,
                                       time_unit=unit)
        theirs = their_gg.customer_lifetime_value(their_bg, *args, time=12, discount_rate=0.01, freq=unit)
        assert list(ours.index) == list(summary.index)
        np.testing.assert_allclose(ours, theirs, rtol=1e-9)


# ------------------------------------------------------------------ bad input
def expect_error(argument, call, *args, **kwargs):
    with pytest.raises(CRMLabInputError) as info:
        call(*args, **kwargs)
    assert info.value.argument == argument
    assert f"参数 {argument}" in str(info.value) and f"Argument '{argument}'" in str(info.value)
    return info.value


def test_bgnbd_bad_input(bgnbd):
    fit = BetaGeoModel().fit
    error = expect_error("recency", fit, [1, 2], [5.0, 12.0], [10.0, 11.0])
    assert "T" in error.zh and "larger than T" in error.en
    error = expect_error("recency", fit, [0, 2], [3.0, 5.0], [10.0, 11.0])
    assert "frequency 0" in error.en
    expect_error("frequency", fit, [-1, 2], [0.0, 5.0], [10.0, 11.0])
    expect_error("frequency", fit, [1.5, 2], [1.0, 5.0], [10.0, 11.0])
    assert "NaN" in expect_error("T", fit, [1, 2], [1.0, 5.0], [10.0, np.nan]).en
    expect_error("recency", fit, [1, 2], [-1.0, 5.0], [10.0, 11.0])
    expect_error("weights", fit, [1, 2], [1.0, 5.0], [10.0, 11.0], weights=[1.0])
    expect_error("weights", fit, [1, 2], [1.0, 5.0], [10.0, 11.0], weights=[1.0, -1.0])
    expect_error("T", fit, [0, 0], [0.0, 0.0], [0.0, 0.0])
    expect_not_fitted(BetaGeoModel().probability_alive, 1, 1, 2)
    expect_error("t", bgnbd.expected_purchases, -1, 1, 1, 2)
    expect_error("k", bgnbd.probability_of_purchases, 10, 1.5)
    expect_error("params", bgnbd_log_likelihood, [1, 1, 1], 1, 1, 2)


def test_gamma_gamma_bad_input(gamma_gamma):
    fit = GammaGammaModel().fit
    expect_error("frequency", fit, [0, 2], [0.0, 5.0])
    expect_error("monetary", fit, [1, 2], [-3.0, 5.0])
    expect_error("monetary", fit, [1, 2], [0.0, 5.0])
    expect_error("monetary", fit, [1, 2], [np.nan, 5.0])
    expect_not_fitted(GammaGammaModel().expected_spend, 1, 10)
    expect_error("monetary", gamma_gamma.expected_spend, 1, -10)


def test_clv_bad_input(bgnbd, gamma_gamma):
    args = (bgnbd, gamma_gamma, 2, 30.43, 38.86, 22.35)
    expect_error("months", customer_lifetime_value, *args, months=0)
    expect_error("months", customer_lifetime_value, *args, months=1.5)
    expect_error("time_unit", customer_lifetime_value, *args, time_unit="Y")
    expect_error("discount_rate", customer_lifetime_value, *args, discount_rate=-1)
    expect_error("recency", customer_lifetime_value, bgnbd, gamma_gamma, 2, 40.0, 38.86, 22.35)
    expect_not_fitted(customer_lifetime_value, BetaGeoModel(), gamma_gamma, 2, 30.43, 38.86, 22.35)
    expect_error("purchase_model", customer_lifetime_value, None, gamma_gamma, 2, 30.43, 38.86, 22.35)
    expect_error("spend_model", customer_lifetime_value, bgnbd, bgnbd, 2, 30.43, 38.86, 22.35)
    expect_error("months", customer_lifetime_value, *args, months="12")


def expect_not_fitted(call, *args, **kwargs):
    with pytest.raises(NotFittedError) as info:
        call(*args, **kwargs)
    text = str(info.value)
    assert text.index("请先调用 fit()") < text.index("call fit() before")
    assert isinstance(info.value, CRMLabError) and isinstance(info.value, AttributeError)
    return info.value


def test_every_prediction_before_fit_raises_not_fitted():
    bg, gg = BetaGeoModel(), GammaGammaModel()
    for call, args in [(bg.probability_alive, (1, 1, 2)), (bg.expected_purchases, (5, 1, 1, 2)),
                       (bg.expected_purchases_new, (5,)), (bg.probability_of_purchases, (5, 1)),
                       (bg.customer_predictions, (5, [1], [1], [2])),
                       (gg.expected_spend, (1, 10)), (gg.population_mean_spend, ())]:
        assert expect_not_fitted(call, *args).method == f"{call.__name__}()"
    for model in (bg, gg):
        assert expect_not_fitted(model.summary).method == "summary()"
        assert expect_not_fitted(getattr, model, "standard_errors_").method == "standard_errors_"
        assert not model.is_fitted and repr(model).endswith("(unfitted)")
    assert not hasattr(gg, "standard_errors_")      # an AttributeError, so hasattr() is False


def test_optimiser_that_does_not_converge_raises_convergence_error(monkeypatch):
    from scipy import optimize

    from crmlab.clv import _inputs

    class Stuck:
        message = "Maximum number of iterations has been exceeded."

    # An optimiser that never moves: the gradient at the start stays large.
    monkeypatch.setattr(optimize, "minimize", lambda *a, **k: Stuck())
    with pytest.raises(ConvergenceError) as info:
        BetaGeoModel().fit([1, 2, 0, 5], [3.0, 8.0, 0.0, 20.0], [30.0, 30.0, 30.0, 30.0])
    error = info.value
    assert isinstance(error, CRMLabError) and isinstance(error, RuntimeError)
    assert str(error).index("未收敛") < str(error).index("did not converge")
    with pytest.raises(ConvergenceError):
        GammaGammaModel().fit([1, 2, 3], [10.0, 20.0, 15.0])
    assert _inputs.ConvergenceError is ConvergenceError


def test_probability_alive_matrix_plot(bgnbd):
    import matplotlib.pyplot as plt

    from crmlab.clv import plot_probability_alive_matrix

    ax = plot_probability_alive_matrix(bgnbd, max_frequency=10, T=38.86)
    grid = ax.images[0].get_array()
    assert grid.shape == (11, 60)
    assert grid[0, 0] == 1.0 and grid[0, 1:].mask.all()  # x = 0 only at t_x = 0
    assert grid[2, -1] == pytest.approx(bgnbd.probability_alive(2, 38.86, 38.86))
    plt.close(ax.figure)
    expect_error("T", plot_probability_alive_matrix, bgnbd, T=-1)
