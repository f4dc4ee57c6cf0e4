"""summarize_transactions: hand-made logs, the published CDNOW summary, lifetimes, bad input."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.clv import summarize_transactions
from crmlab.datasets import load_cdnow_summary_with_spend, load_cdnow_transactions


def small_log():
    # Customer "a": 2024-01-01 (Mon) 10 + 5 same day, 2024-01-07 (Sun) 20, 2024-01-08 (Mon) 30,
    # 2024-03-15 40.  Customer "b": one purchase 2024-02-29 of 7.  Customer "c": only after the end.
    return pd.DataFrame({
        "cust": ["a", "a", "b", "a", "a", "a", "c"],
        "day": ["2024-01-01", "2024-01-01", "2024-02-29", "2024-01-07", "2024-01-08",
                "2024-03-15", "2024-04-20"],
        "amount": [10.0, 5.0, 7.0, 20.0, 30.0, 40.0, 99.0],
    })


def test_days_by_hand():
    out = summarize_transactions(small_log(), "cust", "day", "amount", observation_end="2024-03-31",
                                 time_unit="D")
    assert list(out.index) == ["a", "b"]  # "c" bought only after the end
    assert list(out.columns) == ["frequency", "recency", "T", "monetary"]
    # a: purchase days Jan 1, Jan 7, Jan 8, Mar 15 -> 3 repeat days; Mar 15 is day 74.
    assert out.loc["a"].tolist() == [3.0, 74.0, 90.0, pytest.approx((20 + 30 + 40) / 3)]
    # b: no repeat purchase; Feb 29 to Mar 31 is 31 days.
    assert out.loc["b"].tolist() == [0.0, 0.0, 31.0, 0.0]


def test_weeks_start_on_monday_and_merge_same_period_amounts():
    out = summarize_transactions(small_log(), "cust", "day", "amount", observation_end="2024-03-31",
                                 time_unit="W")
    # Jan 1 and Jan 7 fall in one Monday-Sunday week (amount 10 + 5 + 20 = 35 first week);
    # Jan 8 starts the next week; Mar 15 is in the week of Mar 11, 10 weeks after Jan 1;
    # Mar 31 (a Sunday) is in the week of Mar 25, 12 weeks after Jan 1.
    assert out.loc["a"].tolist() == [2.0, 10.0, 12.0, pytest.approx((30 + 40) / 2)]


def test_months_are_calendar_months_and_default_end_is_last_purchase():
    log = small_log()
    out = summarize_transactions(log, "cust", "day", "amount")          # the default unit is the month
    pd.testing.assert_frame_equal(out, summarize_transactions(log, "cust", "day", "amount", time_unit="M"))
    # Months Jan, Mar for a (Jan purchases merge: 10 + 5 + 20 + 30 = 65 first month);
    # default end = last purchase 2024-04-20, so c is kept with T = 0.
    assert out.loc["a"].tolist() == [1.0, 2.0, 3.0, 40.0]
    assert out.loc["c"].tolist() == [0.0, 0.0, 0.0, 0.0]
    assert out.loc["b", "T"] == 2.0


def test_without_amounts_and_with_timestamps_and_integer_ids():
    log = pd.DataFrame({"id": [3, 1, 3], "when": pd.to_datetime(["2024-05-01 23:59", "2024-05-02 00:01",
                                                                 "2024-05-03 08:00"])})
    out = summarize_transactions(log, "id", "when", time_unit="D")
    assert list(out.columns) == ["frequency", "recency", "T"]
    assert list(out.index) == [1, 3]
    assert out.loc[3].tolist() == [1.0, 2.0, 2.0]
    assert out.loc[1].tolist() == [0.0, 0.0, 1.0]


def test_cdnow_matches_published_summary_within_rounding():
    # The published summary counts weeks as days / 7 up to the calibration end 1997-09-30.
    ours = summarize_transactions(load_cdnow_transactions(), "customer_id", "date", "amount",
                                  observation_end="1997-09-30", time_unit="D")
    published = load_cdnow_summary_with_spend()
    assert len(ours) == len(published) == 2357
    np.testing.assert_array_equal(ours["frequency"], published["frequency"])
    np.testing.assert_allclose(ours["recency"] / 7, published["recency"], atol=0.005)
    np.testing.assert_allclose(ours["T"] / 7, published["T"], atol=0.005)
    np.testing.assert_allclose(ours["monetary"], published["monetary"], atol=0.005 + 1e-9)


@pytest.mark.parametrize("unit", ["D", "W"])
@pytest.mark.parametrize("end", [None, "1997-09-30", "1998-06-30"])
def test_cdnow_identical_to_lifetimes(unit, end):
    utils = pytest.importorskip("lifetimes.utils", reason="lifetimes (the 'bench' extra) is not installed")
    log = load_cdnow_transactions()
    theirs = utils.summary_data_from_transaction_data(log, "customer_id", "date", "amount",
                                                      observation_period_end=end, freq=unit)
    ours = summarize_transactions(log, "customer_id", "date", "amount", observation_end=end, time_unit=unit)
    assert list(ours.index) == list(theirs.index)
    np.testing.assert_array_equal(ours[["frequency", "recency", "T"]], theirs[["frequency", "recency", "T"]])
    np.testing.assert_allclose(ours["monetary"], theirs["monetary_value"], rtol=1e-12)


def expect_error(argument, *args, **kwargs):
    with pytest.raises(CRMLabInputError) as info:
        summarize_transactions(*args, **kwargs)
    assert info.value.argument == argument
    assert f"参数 {argument}" in str(info.value) and f"Argument '{argument}'" in str(info.value)
    return info.value


def test_bad_input():
    log = small_log()
    error = expect_error("transactions", log, "cust", "date")
    assert "date" in error.en
    expect_error("transactions", log, "cust", "day", "price")
    expect_error("transactions", log.iloc[:0], "cust", "day")
    expect_error("transactions", [1, 2], "cust", "day")
    error = expect_error("time_unit", log, "cust", "day", time_unit="Q")
    assert '"M"（月）' in error.zh and '"W" (week)' in error.en
    negative = log.assign(amount=[10, -5, 7, 20, 30, 40, 99])
    expect_error("amount", negative, "cust", "day", "amount")
    missing = log.assign(amount=[10, np.nan, 7, 20, 30, 40, 99])
    assert "NaN" in expect_error("amount", missing, "cust", "day", "amount").en
    expect_error("day", log.assign(day=["2024-01-01", "not a date", *log["day"][2:]]), "cust", "day")
    expect_error("day", log.assign(day=[None, *log["day"][1:]]), "cust", "day")
    expect_error("cust", log.assign(cust=[None, *log["cust"][1:]]), "cust", "day")
    expect_error("observation_end", log, "cust", "day", observation_end="someday")
    expect_error("observation_end", log, "cust", "day", observation_end="2020-01-01")
