"""Textbook CLV models: COURSE.md worked examples, hand sums, broadcasting, bad input."""
import re

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.clv import (breakdown, general_model, infinite_horizon_clv, model_one, model_three,
                        model_two)


def expect_error(argument, call, *args, **kwargs):
    """Assert a bilingual CRMLabInputError naming ``argument``."""
    with pytest.raises(CRMLabInputError) as info:
        call(*args, **kwargs)
    assert info.value.argument == argument
    message = str(info.value)
    assert argument in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.zh)  # Chinese part
    assert re.search("[A-Za-z]{4}", info.value.en)  # English part (may quote Chinese names)
    assert message.index(info.value.zh) < message.index(info.value.en)
    return info.value


# ---------------------------------------------------------------- COURSE.md worked examples
def test_worked_example_model_one():
    assert model_one(n=10, Co=500, Po=3000, In=1000, Cs=100) == pytest.approx(11_500, abs=1e-9)
    assert model_one(10, 500, 3000, 1000, 100) == pytest.approx(11_500, abs=1e-9)


def test_worked_example_model_three_to_the_cent():
    value = model_three(n=10, Co=500, Po=3000, In=1000, Cs=100, r=0.08)
    assert round(value, 2) == 8539.07
    assert isinstance(value, float)


def test_customers_a_and_b():
    assert model_one(10, In=500, Cs=200) == pytest.approx(3000)
    assert model_one(10, In=550, Cs=300) == pytest.approx(2500)
    assert round(model_three(10, In=500, Cs=200, r=0.08), 2) == 2013.02
    assert round(model_three(10, In=550, Cs=300, r=0.08), 2) == 1677.52
    both = model_three(10, In=[500, 550], Cs=[200, 300], r=0.08)
    assert isinstance(both, np.ndarray)
    np.testing.assert_allclose(both, [2013.0244196794, 1677.5203497398], rtol=1e-10)


# ---------------------------------------------------------------- hand calculations
def test_model_three_hand_sum():
    # 2500 + 900 * (1/1.08 + 1/1.08**2 + ... + 1/1.08**10), written out term by term.
    annuity = sum(1 / 1.08 ** t for t in range(1, 11))
    assert annuity == pytest.approx(6.710081399, abs=1e-9)
    assert model_three(10, 500, 3000, 1000, 100, r=0.08) == pytest.approx(2500 + 900 * annuity, rel=1e-13)


def test_model_two_hand_sum():
    # R = 0.8, margin 900, n = 3: 900 * (0.8 + 0.64 + 0.512) = 1756.8, plus Po - Co = 2500.
    assert model_two(3, 500, 3000, 1000, 100, retention=0.8) == pytest.approx(2500 + 1756.8, rel=1e-13)


def test_general_model_reduces_to_each_model():
    args = dict(n=7, Co=200, Po=800, In=650, Cs=150)
    assert general_model(**args) == pytest.approx(model_one(**args))
    assert general_model(**args, retention=0.7) == pytest.approx(model_two(**args, retention=0.7))
    assert general_model(**args, r=0.1) == pytest.approx(model_three(**args, r=0.1))
    # Both: Po - Co = 600 plus margin 500 * sum (0.7/1.1)**t for t = 1..7 (geometric series).
    q = 0.7 / 1.1
    expected = 600 + 500 * q * (1 - q ** 7) / (1 - q)
    assert general_model(**args, retention=0.7, r=0.1) == pytest.approx(expected, rel=1e-12)


def test_zero_years_is_first_purchase_minus_cost():
    assert model_three(0, Co=500, Po=3000, In=1000, Cs=100, r=0.08) == 2500.0


def test_broadcasting_over_customers_and_horizons():
    values = model_one(np.array([1, 2, 3]), In=100, Cs=np.array([10, 20, 30]))
    np.testing.assert_allclose(values, [90, 160, 210])
    grid = model_three(np.array([[5], [10]]), In=1000, Cs=100, r=np.array([0.05, 0.08]))
    assert grid.shape == (2, 2)
    assert grid[1, 1] == pytest.approx(model_three(10, In=1000, Cs=100, r=0.08))
    assert grid[0, 0] == pytest.approx(model_three(5, In=1000, Cs=100, r=0.05))
    series = model_one(pd.Series([1, 2]), In=10, Cs=0)
    np.testing.assert_allclose(series, [10, 20])


def test_infinite_horizon_is_gupta_lehmann_by_hand():
    # Gupta & Lehmann (2003): CLV = m R / (1 + i - R), margin at the end of years 1, 2, ...
    # m = 900, R = 0.9, i = 0.08: 900 * 0.9 / (1.08 - 0.9) = 810 / 0.18 = 4500.
    closed = infinite_horizon_clv(900.0, retention=0.9, discount_rate=0.08)
    assert closed == pytest.approx(4500.0, rel=1e-14)
    assert isinstance(closed, float)
    # term by term: 900 * (0.9/1.08) + 900 * (0.9/1.08)**2 + ... (geometric series, q = 0.8333…)
    q = 0.9 / 1.08
    assert closed == pytest.approx(sum(900 * q ** t for t in range(1, 400)), rel=1e-12)
    # the limit of the general model (years 1..n, no Po/Co) as n grows
    assert closed == pytest.approx(general_model(1000, In=900, Cs=0, retention=0.9, r=0.08), rel=1e-12)
    # R = 0.5, i = 0.1: 100 * 0.5 / 0.6 = 83.33…; 200 → 166.66…
    np.testing.assert_allclose(infinite_horizon_clv([100, 200], retention=0.5, discount_rate=0.1),
                               [250 / 3, 500 / 3], rtol=1e-14)
    # no retention: nothing after year 0
    assert infinite_horizon_clv(900, retention=0.0, discount_rate=0.08) == 0.0


def test_infinite_horizon_arguments_are_named():
    with pytest.raises(TypeError):
        infinite_horizon_clv(900, 0.9, 0.08)                       # positional rates: refused
    error = expect_error("r", infinite_horizon_clv, 900, r=0.08, retention=0.9)   # the old keyword
    assert "discount_rate" in error.zh and "discount_rate" in error.en
    expect_error("retention", infinite_horizon_clv, 900, discount_rate=0.08)
    expect_error("discount_rate", infinite_horizon_clv, 900, retention=0.9)
    error = expect_error("discount_rate", infinite_horizon_clv, 900, retention=0.9, discount_rate=8)
    assert "0.08" in error.zh
    error = expect_error("retention", infinite_horizon_clv, 900, retention=90, discount_rate=0.08)
    assert "0.8" in error.zh


# ---------------------------------------------------------------- breakdown table
def test_breakdown_columns_rows_and_total():
    table = breakdown(10, Co=500, Po=3000, In=1000, Cs=100, r=0.08)
    assert list(table.columns) == ["年份", "收入", "成本", "净现金流", "贴现因子", "现值", "累计现值"]
    assert len(table) == 11
    year0 = table.iloc[0]
    assert (year0["收入"], year0["成本"], year0["净现金流"], year0["贴现因子"]) == (3000, 500, 2500, 1)
    assert table.loc[1, "贴现因子"] == pytest.approx(1 / 1.08)
    assert table.loc[1, "现值"] == pytest.approx(900 / 1.08)
    assert round(table["累计现值"].iloc[-1], 2) == 8539.07
    np.testing.assert_allclose(table["现值"].cumsum(), table["累计现值"])


def test_breakdown_with_retention_adds_survival_column():
    table = breakdown(3, In=10, Cs=2, retention=0.5)
    assert list(table.columns) == ["年份", "留存概率", "收入", "成本", "净现金流", "贴现因子", "现值", "累计现值"]
    np.testing.assert_allclose(table["留存概率"], [1, 0.5, 0.25, 0.125])
    np.testing.assert_allclose(table["收入"], [0, 5, 2.5, 1.25])
    assert table["累计现值"].iloc[-1] == pytest.approx(model_two(3, In=10, Cs=2, retention=0.5))


def test_breakdown_rejects_arrays():
    expect_error("In", breakdown, 3, In=[10, 20], Cs=2)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("n", [-1, 2.5, np.array([3, -2])])
def test_bad_years(n):
    expect_error("n", model_one, n, In=10, Cs=1)


def test_years_nan_and_cap():
    expect_error("n", model_one, float("nan"), In=10, Cs=1)
    expect_error("n", model_one, 10_000, In=10, Cs=1)
    expect_error("n", model_one, None, In=10, Cs=1)


@pytest.mark.parametrize("r", [-1, -1.5, -0.02])
def test_negative_rate_is_rejected(r):
    error = expect_error("r", model_three, 10, In=10, Cs=1, r=r)
    assert "负数" in error.zh and "0.08" in error.zh


@pytest.mark.parametrize("r", [8, 1, 12.5, [0.05, 8]])
def test_rate_typed_as_a_percentage_is_rejected(r):
    error = expect_error("r", model_three, 10, In=10, Cs=1, r=r)
    assert "0.08" in error.zh and "0.08" in error.en and "百分数" in error.zh


@pytest.mark.parametrize("call", [
    lambda: general_model(10, In=10, Cs=1, r=8),
    lambda: general_model(10, In=10, Cs=1, retention=0.8, r=-0.1),
    lambda: breakdown(10, In=10, Cs=1, r=8),
])
def test_every_textbook_model_checks_the_rate(call):
    with pytest.raises(CRMLabInputError) as info:
        call()
    assert info.value.argument == "r"


def test_rates_just_inside_the_range_are_fine():
    assert model_three(1, In=108, Cs=0, r=0.08) == pytest.approx(100)
    assert model_three(1, In=1.999, Cs=0, r=0.999) == pytest.approx(1.0)
    assert model_three(3, In=10, Cs=1, r=0) == model_one(3, In=10, Cs=1)


def test_retention_typed_as_a_percentage_is_explained():
    error = expect_error("retention", model_two, 5, In=10, Cs=1, retention=80)
    assert "0.8" in error.zh and "百分数" in error.zh
    expect_error("retention", breakdown, 5, In=10, Cs=1, retention=1.2)


@pytest.mark.parametrize("retention", [-0.1, 1.2, float("nan")])
def test_retention_outside_unit_interval(retention):
    expect_error("retention", model_two, 5, In=10, Cs=1, retention=retention)


def test_missing_and_bad_amounts():
    expect_error("In", model_one, 5, Cs=1)
    expect_error("Cs", model_one, 5, In=1)
    expect_error("Cs", model_one, 5, In=10, Cs=-1)
    expect_error("Co", model_one, 5, Co=float("nan"), In=10, Cs=1)
    expect_error("Po", model_one, 5, Po="三千", In=10, Cs=1)
    expect_error("retention", model_two, 5, In=10, Cs=1)
    expect_error("r", model_three, 5, In=10, Cs=1)


def test_incompatible_lengths_and_divergent_infinite_horizon():
    with pytest.raises(CRMLabInputError, match="incompatible"):
        model_one([1, 2, 3], In=[1, 2], Cs=0)
    expect_error("retention", infinite_horizon_clv, 100, retention=1.0, discount_rate=0.0)


# ---------------------------------------------------------------- charts and import weight
def test_plot_breakdown_and_models():
    import matplotlib.pyplot as plt

    from crmlab.clv import plot_breakdown, plot_models

    table = breakdown(10, Co=500, Po=3000, In=1000, Cs=100, r=0.08)
    ax = plot_breakdown(table)
    assert len(ax.patches) == 11
    assert ax.patches[1].get_height() == pytest.approx(900 / 1.08)
    assert any("8,539.07" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)
    ax = plot_models({"模型一": 11500, "模型三": 8539.07})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["模型一", "模型三"]
    assert [round(p.get_height(), 2) for p in ax.patches] == [11500, 8539.07]
    plt.close(ax.figure)
    expect_error("table", plot_breakdown, table.drop(columns="现值"))
    expect_error("values", plot_models, {"模型一": float("nan")})


def test_import_clv_does_not_load_matplotlib_or_ipywidgets():
    import subprocess
    import sys

    code = ("import sys, crmlab.clv, crmlab.value; "
            "print(any(m.split('.')[0] in ('matplotlib', 'ipywidgets') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
