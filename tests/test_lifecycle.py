"""Tests of crmlab.lifecycle: hand-built monthly series for every stage and pattern."""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import lifecycle as lc

END = "2023-12-31"  # observation end; month 35 when month 0 is 2021-01


def transactions(series: dict[str, list[float]], start="2021-01") -> pd.DataFrame:
    """One purchase on the 10th of every month with a positive volume."""
    rows = []
    for customer, volumes in series.items():
        for month, volume in enumerate(volumes):
            if volume > 0:
                day = (pd.Period(start, "M") + month).to_timestamp() + pd.Timedelta(days=9)
                rows.append((customer, day, float(volume)))
    return pd.DataFrame(rows, columns=["customer", "date", "amount"])


def pad(volumes, months=36):
    return list(volumes) + [0] * (months - len(volumes))


# Month 0 = 2021-01, month 35 = 2023-12 (the observation end).
HAND = {
    "早期流产": pad([10, 10, 5]),                                   # three small trial orders, then gone
    "中途夭折": pad([10, 10, 20, 30, 40, 50, 60]),                   # rising, stops before stable
    "提前退出": pad([10, 20, 40, 60, 80] + [100] * 10 + [60, 30]),   # ten stable months, then leaves
    "长久保持": [10, 20, 40, 60, 80] + [100] * 31,                   # stable up to the end
    "考察期": [0] * 34 + [10, 10],                                  # first order two months ago
    "形成期": [0] * 28 + [10, 10, 10, 20, 30, 40, 50, 60],          # past trial, still rising
    "退化期": [10, 20, 40, 60, 80] + [100] * 27 + [40, 20, 20, 20],  # long stable, now buying little
}


@pytest.fixture(scope="module")
def hand_result():
    return lc.classify_customers(transactions(HAND), "customer", "date", "amount",
                                 observation_end=END)


@pytest.mark.parametrize("customer, stage, pattern, highest", [
    ("早期流产", "退化期", "早期流产型", "考察期"),
    ("中途夭折", "退化期", "中途夭折型", "形成期"),
    ("提前退出", "退化期", "提前退出型", "稳定期"),
    ("长久保持", "稳定期", "长久保持型", "稳定期"),
    ("考察期", "考察期", "", "考察期"),
    ("形成期", "形成期", "", "形成期"),
    ("退化期", "退化期", "长久保持型", "稳定期"),
])
def test_hand_built_series_get_their_designed_stage_and_pattern(hand_result, customer, stage,
                                                                pattern, highest):
    row = hand_result.loc[customer]
    assert (row["stage"], row["pattern"], row["highest_stage"]) == (stage, pattern, highest)


def test_figures_of_the_rules_match_a_hand_calculation(hand_result):
    row = hand_result.loc["中途夭折"]
    # Monthly volumes 10 10 20 30 40 50 60 (2021-01..07); 3-month trailing means:
    # 10/3, 20/3, 40/3, 60/3, 90/3=30, 120/3=40, 150/3=50 -> peak 50.
    # High months need level >= 0.6 * 50 = 30: 2021-05, -06, -07 -> 3 (< 6, not stable).
    assert row["peak_level"] == pytest.approx(50.0)
    assert row["high_periods"] == 3
    assert row["span_periods"] == 7
    assert row["first_period"] == pd.Period("2021-01", "M")
    assert row["last_period"] == pd.Period("2021-07", "M")
    # Last purchase 2021-07, end 2023-12: 29 months without purchases >= 6 -> ended.
    assert row["periods_since_last"] == 29 and bool(row["ended"])
    assert row["total_volume"] == pytest.approx(220.0)
    assert row["current_level"] == 0.0

    stable = hand_result.loc["退化期"]
    # Level at 2023-12 = (20 + 20 + 20) / 3 = 20 < 0.5 * peak 100 -> 退化期.
    assert stable["current_level"] == pytest.approx(20.0)
    assert stable["peak_level"] == pytest.approx(100.0)
    assert not stable["ended"]


def test_result_is_indexed_by_customer_with_documented_columns(hand_result):
    assert hand_result.index.name == "customer"
    assert list(hand_result.index) == sorted(HAND)
    for column in ["stage", "pattern", "highest_stage", "ended", "first_period", "last_period",
                   "span_periods", "age_periods", "periods_since_last", "active_periods",
                   "total_volume", "peak_level", "current_level", "high_periods"]:
        assert column in hand_result.columns
    assert set(hand_result["stage"]) <= set(lc.STAGES)
    assert set(hand_result["pattern"]) <= set(lc.PATTERNS) | {""}
    assert not hand_result.isna().any().any()


def classify(series, **params):
    return lc.classify_customers(transactions(series), "customer", "date", "amount",
                                 observation_end=END, **params)


def test_inactive_periods_decides_when_a_relationship_has_ended():
    # Rising for 8 months, last purchase 2023-08: 4 months without purchases at the end.
    series = {"x": [0] * 24 + [10, 10, 10, 20, 30, 40, 50, 60] + [0] * 4}
    default = classify(series).loc["x"]
    assert not default["ended"] and default["pattern"] == ""
    assert default["stage"] == "退化期"  # level (0 + 0 + 0)/3 < half the peak
    shorter = classify(series, inactive_periods=4).loc["x"]
    assert shorter["ended"] and shorter["pattern"] == "中途夭折型"


def test_long_stable_periods_decides_long_lasting():
    series = {"x": HAND["提前退出"]}
    assert classify(series).loc["x", "pattern"] == "提前退出型"
    high = classify(series).loc["x", "high_periods"]
    assert classify(series, long_stable_periods=int(high)).loc["x", "pattern"] == "长久保持型"
    assert classify(series, long_stable_periods=int(high) + 1).loc["x", "pattern"] == "提前退出型"


def test_min_stable_periods_decides_reaching_stability():
    series = {"x": HAND["中途夭折"]}  # 3 high months (hand calculation above)
    assert classify(series, min_stable_periods=3).loc["x", "pattern"] == "提前退出型"
    assert classify(series, min_stable_periods=4).loc["x", "pattern"] == "中途夭折型"


def test_trial_periods_decides_early_abortion():
    series = {"x": HAND["早期流产"]}  # purchases span 3 months
    assert classify(series, trial_periods=3).loc["x", "pattern"] == "早期流产型"
    assert classify(series, trial_periods=2).loc["x", "pattern"] == "中途夭折型"


def test_stable_share_and_window_change_the_high_periods():
    series = {"x": HAND["中途夭折"]}
    # window 1: levels are the volumes; >= 0.6 * 60 = 36: 40, 50, 60 -> 3 high months
    assert classify(series, window=1).loc["x", "high_periods"] == 3
    # stable_share 0.3, window 3: levels 3.3 6.7 13.3 20 30 40 50; >= 0.3 * 50 = 15: 20 30 40 50 -> 4
    assert classify(series, stable_share=0.3).loc["x", "high_periods"] == 4


def test_decline_share_changes_the_current_stage():
    series = {"x": HAND["退化期"]}  # current level 20 = 0.2 * peak
    assert classify(series).loc["x", "stage"] == "退化期"
    assert classify(series, decline_share=0.2).loc["x", "stage"] == "稳定期"


def test_quarterly_rules_use_quarter_defaults():
    result = lc.classify_customers(transactions(HAND), "customer", "date", "amount", time_unit="Q",
                                   observation_end=END)
    assert result.loc["长久保持", "pattern"] == "长久保持型"
    assert result.loc["中途夭折", "pattern"] == "中途夭折型"
    assert result.loc["早期流产", "pattern"] == "早期流产型"
    assert result.loc["长久保持", "first_period"] == pd.Period("2021Q1", "Q")


def test_observation_end_drops_later_transactions():
    tx = transactions({"x": HAND["长久保持"]})
    result = lc.classify_customers(tx, "customer", "date", "amount", observation_end="2021-06-30")
    # Only 2021-01..06 are seen: 10 20 40 60 80 100, age 6 > trial, rising -> 形成期
    assert result.loc["x", "stage"] == "形成期"
    assert result.loc["x", "total_volume"] == pytest.approx(310.0)


def test_without_amounts_transactions_are_counted():
    tx = transactions({"x": [1, 1, 1]})
    tx = pd.concat([tx, tx.iloc[[0]]])  # two purchases in 2021-01
    series = lc.period_series(tx, "customer", "date")
    assert series.loc["x"].tolist() == [2.0, 1.0, 1.0]


def test_rule_parameters_and_explanation():
    assert lc.rule_parameters()["inactive_periods"] == 6
    assert lc.rule_parameters("Q")["trial_periods"] == 1
    text = lc.explain_rules(inactive_periods=4, long_stable_periods=24)
    assert "连续 4 个月" in text and "≥ 24 个月" in text
    assert "季度" in lc.explain_rules("Q")
    for name in ("早期流产型", "中途夭折型", "提前退出型", "长久保持型", "退化期", "形成期"):
        assert name in text


@pytest.mark.parametrize("params", [
    {"unknown_rule": 3}, {"window": 0}, {"window": 2.5}, {"stable_share": 0},
    {"decline_share": 1.5}, {"long_stable_periods": 3, "min_stable_periods": 6},
])
def test_bad_rule_parameters_are_rejected(params):
    with pytest.raises(CRMLabInputError):
        classify({"x": [1, 2, 3]}, **params)


def test_period_series_table():
    tx = transactions({"a": [5, 0, 7], "b": [0, 2, 0]})
    series = lc.period_series(tx, "customer", "date", "amount")
    assert list(series.columns.astype(str)) == ["2021-01", "2021-02", "2021-03"]
    assert series.loc["a"].tolist() == [5.0, 0.0, 7.0]
    assert series.loc["b"].tolist() == [0.0, 2.0, 0.0]
    quarterly = lc.period_series(tx, "customer", "date", "amount", time_unit="Q")
    assert quarterly.loc["a"].tolist() == [12.0]
    assert lc.period_series(tx, "customer", "date", "amount", customers=["b"]).index.tolist() == ["b"]
    with pytest.raises(CRMLabInputError, match="c"):
        lc.period_series(tx, "customer", "date", "amount", customers=["c"])


def test_cohort_retention_matches_a_hand_count():
    # a: Jan, Feb, Apr; b: Jan, Mar; c: Feb, Mar.  Observation ends in April.
    tx = transactions({"a": [1, 1, 0, 1], "b": [1, 0, 1, 0], "c": [0, 1, 1, 0]})
    shares = lc.cohort_retention(tx, "customer", "date")
    # Cohort 2021-01 (a, b): +1 month a -> 1/2; +2 b -> 1/2; +3 a -> 1/2.
    assert shares.loc[pd.Period("2021-01", "M")].tolist() == [1.0, 0.5, 0.5, 0.5]
    # Cohort 2021-02 (c): +1 month c -> 1; +2 nobody -> 0; +3 not observed yet -> NaN.
    feb = shares.loc[pd.Period("2021-02", "M")]
    assert feb.iloc[:3].tolist() == [1.0, 1.0, 0.0] and np.isnan(feb.iloc[3])
    assert shares.index.tolist() == [pd.Period("2021-01", "M"), pd.Period("2021-02", "M")]
    counts = lc.cohort_retention(tx, "customer", "date", counts=True)
    assert counts.iloc[0].tolist() == [2, 1, 1, 1]
    assert counts.iloc[1].tolist() == [1, 1, 0, 0]


@pytest.mark.parametrize("mutate, argument", [
    (lambda t: t.drop(columns="amount"), "transactions"),
    (lambda t: t.assign(date=["2021-13-45"] + list(t["date"].astype(str)[1:])), "date"),
    (lambda t: t.assign(amount=-t["amount"]), "amount"),
    (lambda t: t.iloc[0:0], "transactions"),
    (lambda t: t.assign(customer=[None] + list(t["customer"][1:])), "customer"),
    (lambda t: t.assign(amount=["many"] * len(t)), "amount"),
])
def test_bad_transactions_raise_bilingual_errors(mutate, argument):
    tx = mutate(transactions({"x": [1, 2, 3]}))
    with pytest.raises(CRMLabInputError) as error:
        lc.classify_customers(tx, "customer", "date", "amount")
    assert error.value.argument == argument
    message = str(error.value)
    assert "参数" in message and "Argument" in message


def test_other_bad_arguments():
    tx = transactions({"x": [1, 2, 3]})
    with pytest.raises(CRMLabInputError, match="time_unit") as error:
        lc.classify_customers(tx, "customer", "date", "amount", time_unit="W")
    assert error.value.argument == "time_unit" and '"Q"（季度）' in str(error.value)
    # the old keyword is not a time unit any more, and the error says so
    with pytest.raises(CRMLabInputError, match="time_unit="):
        lc.classify_customers(tx, "customer", "date", "amount", period="Q")
    with pytest.raises(CRMLabInputError, match="observation_end"):
        lc.classify_customers(tx, "customer", "date", "amount", observation_end="2020-01-01")
    with pytest.raises(CRMLabInputError, match="observation_end"):
        lc.classify_customers(tx, "customer", "date", "amount", observation_end="not a date")
    with pytest.raises(CRMLabInputError):
        lc.cohort_retention(tx.iloc[0:0], "customer", "date")


def test_plots_draw_curves_and_heatmap():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tx = transactions(HAND)
    series = lc.period_series(tx, "customer", "date", "amount")
    ax = lc.plot_lifecycle_curves(series, ["早期流产", "长久保持"], window=3)
    assert len(ax.lines) == 2
    assert ax.lines[1].get_ydata()[-1] == pytest.approx(100.0)
    ax2 = lc.plot_cohort_heatmap(lc.cohort_retention(tx, "customer", "date"))
    assert ax2.images
    with pytest.raises(CRMLabInputError):
        lc.plot_lifecycle_curves(series, ["nobody"])
    with pytest.raises(CRMLabInputError):
        lc.plot_cohort_heatmap(lc.cohort_retention(tx, "customer", "date", counts=True) + 5)
    plt.close("all")


def test_importing_the_module_does_not_import_matplotlib():
    code = "import sys, crmlab.lifecycle, crmlab.segmentation, crmlab.service; " \
           "print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_customer_whose_purchases_are_all_zero_never_reaches_stable():
    # Orders recorded with amount 0 (samples, cancelled orders): 36 months in a row up to
    # the end, and 12 months long ago.  With peak 0, "level >= 0.6 x peak" held in every
    # month, which used to make the first one 稳定期 / 长久保持型.  No volume at all is not
    # 稳定期: the relationship never got past 考察期.
    rows = [("零采购在续", (pd.Period("2021-01", "M") + m).to_timestamp() + pd.Timedelta(days=9), 0.0)
            for m in range(36)]
    rows += [("零采购结束", (pd.Period("2021-01", "M") + m).to_timestamp() + pd.Timedelta(days=9), 0.0)
             for m in range(12)]
    log = pd.concat([transactions({"长久保持": HAND["长久保持"]}),
                     pd.DataFrame(rows, columns=["customer", "date", "amount"])], ignore_index=True)
    result = lc.classify_customers(log, "customer", "date", "amount", observation_end=END)
    going = result.loc["零采购在续"]
    assert (going["stage"], going["pattern"], going["highest_stage"]) == ("考察期", "", "考察期")
    assert going["high_periods"] == 0 and going["peak_level"] == 0 and not going["ended"]
    # last order 2021-12, end 2023-12: 24 months without orders >= 6 → ended, in 考察期 → 早期流产型
    gone = result.loc["零采购结束"]
    assert (gone["stage"], gone["pattern"], gone["highest_stage"]) == ("退化期", "早期流产型", "考察期")
    assert bool(gone["ended"]) and gone["high_periods"] == 0
    # a customer with real volume is classified as before
    kept = result.loc["长久保持"]
    assert (kept["stage"], kept["pattern"]) == ("稳定期", "长久保持型")
    # counting transactions instead of amounts, the same orders are volume: 36 months at 1 order
    counted = lc.classify_customers(log, "customer", "date", None, observation_end=END)
    assert counted.loc["零采购在续", "stage"] == "稳定期"
    assert "金额全部为 0" in lc.explain_rules()
