"""Per-customer purchase summaries from a transaction log (交易记录汇总：频次、近度、客户年龄).

The summary is the input of the BG/NBD and Gamma-Gamma models and of the
lifecycle analysis.  Definitions are those of lifetimes'
``summary_data_from_transaction_data`` (Fader & Hardie's convention):

- Time is cut into periods of one ``time_unit`` (calendar month "M", the
  default, week "W" running Monday to Sunday, or day "D"); several purchases
  in one period count as one purchase whose amount is their sum.
- ``frequency`` (购买频次) x = number of periods with a purchase, minus 1 -- the
  number of *repeat* purchases.
- ``recency`` (近度) t_x = periods from the first purchase to the last one
  (0 when there is no repeat purchase).
- ``T`` (客户年龄) = periods from the first purchase to the end of observation.
- ``monetary`` (平均消费额) = mean amount of the repeat purchase periods
  (the first purchase is excluded); 0 for customers without repeat purchases.

Transactions dated after ``observation_end`` (in a later period) are ignored.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import TIME_UNITS as _ALL_UNITS
from .._checks import input_error, observation_end_date, require_time_unit, transaction_log

__all__ = ["summarize_transactions", "TIME_UNITS"]

#: The time units :func:`summarize_transactions` accepts: code -> (Chinese, English).
TIME_UNITS = {unit: _ALL_UNITS[unit] for unit in ("D", "W", "M")}

# 1970-01-01 (day 0 of numpy's calendar) was a Thursday; adding 3 days makes
# integer division by 7 start each week on a Monday, like pandas' "W" periods.
_DAYS_THURSDAY_TO_MONDAY = 3


def _period_numbers(dates: np.ndarray, time_unit: str) -> np.ndarray:
    """Consecutive integer number of the period (day, week or month) holding each date."""
    if time_unit == "M":
        return dates.astype("datetime64[M]").astype(np.int64)
    days = dates.astype("datetime64[D]").astype(np.int64)
    if time_unit == "W":
        return np.floor_divide(days + _DAYS_THURSDAY_TO_MONDAY, 7)
    return days


def summarize_transactions(transactions: pd.DataFrame, customer_col: str, date_col: str,
                           amount_col: str | None = None, observation_end=None,
                           time_unit: str = "M") -> pd.DataFrame:
    """把交易记录汇总为每位客户的频次、近度、客户年龄 T（和平均消费额）

    Summarise a transaction log into frequency, recency, T (and monetary) per customer.

    Parameters
    ----------
    transactions : DataFrame with one row per purchase (交易记录).
    customer_col, date_col : names of the customer-id and purchase-date columns.
    amount_col : optional name of the purchase-amount column (non-negative).
    observation_end : end of observation (观察期末), a date; default the latest
        purchase date.  Purchases in later periods are dropped.
    time_unit : 时间单位 -- "M" calendar months (default), "W" weeks
        (Monday-Sunday) or "D" days; recency and T are counted in this unit,
        and BG/NBD predictions made from the summary use it too.

    Returns
    -------
    DataFrame indexed by customer id (sorted), float columns ``frequency``,
    ``recency``, ``T`` and, when ``amount_col`` is given, ``monetary``::

        frequency = (number of purchase periods) - 1
        recency   = last purchase period - first purchase period
        T         = observation_end period - first purchase period
        monetary  = mean over repeat periods of the period's total amount (0 if none)

    For "D" and "W" this is identical to lifetimes'
    ``summary_data_from_transaction_data``; for "M" lifetimes divides by an
    average month length (and fails under pandas 3), whereas here recency and T
    are whole calendar months.
    """
    require_time_unit(time_unit, list(TIME_UNITS))
    customers, dates, amount = transaction_log(transactions, customer_col, date_col, amount_col)
    period = _period_numbers(dates.to_numpy(dtype="datetime64[ns]"), time_unit)

    if observation_end is None:
        end_period = int(period.max())
    else:
        end = np.array([observation_end_date(observation_end)])
        end_period = int(_period_numbers(end, time_unit)[0])

    observed = period <= end_period
    if not observed.any():
        raise input_error("observation_end", "观察期末早于所有交易日期",
                          "the end of observation is before every transaction")
    customer_code, customer_ids = pd.factorize(customers.to_numpy()[observed], sort=True)
    period = period[observed]

    # One key per (customer, period): sorting the keys groups each customer's
    # purchase periods together in time order, and np.unique merges purchases
    # made in the same period.
    first_period = period.min()
    span = int(end_period - first_period) + 1
    key = customer_code.astype(np.int64) * span + (period - first_period)
    unique_key, period_of_row = np.unique(key, return_inverse=True)
    customer_of_period = unique_key // span
    period_index = unique_key % span

    n_customers = len(customer_ids)
    starts = np.flatnonzero(np.r_[True, customer_of_period[1:] != customer_of_period[:-1]])
    ends = np.r_[starts[1:], len(unique_key)] - 1
    periods_bought = np.diff(np.r_[starts, len(unique_key)])
    first = period_index[starts].astype(float)
    last = period_index[ends].astype(float)
    summary = pd.DataFrame(
        {"frequency": (periods_bought - 1).astype(float),
         "recency": last - first,
         "T": float(end_period - first_period) - first},
        index=pd.Index(customer_ids, name=customer_col))

    if amount_col is not None:
        period_total = np.bincount(period_of_row, weights=amount[observed],
                                   minlength=len(unique_key))
        repeat = np.ones(len(unique_key), dtype=bool)
        repeat[starts] = False
        repeat_total = np.bincount(customer_of_period[repeat], weights=period_total[repeat],
                                   minlength=n_customers)
        repeats = periods_bought - 1
        summary["monetary"] = np.divide(repeat_total, repeats, out=np.zeros(n_customers),
                                        where=repeats > 0)
    return summary
