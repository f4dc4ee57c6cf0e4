"""Input checks and error types shared by every crmlab module.

Every public function validates its arguments before computing anything, so a
student sees one sentence saying which argument is wrong and why -- first in
Chinese, then in English -- instead of a NaN or a traceback from deep inside
pandas.  All such errors are :class:`CRMLabInputError`, a ``ValueError``.

The error types (all subclasses of :class:`CRMLabError`, all bilingual):

- :class:`CRMLabInputError` (``ValueError``): bad input -- names the argument;
- :class:`NotFittedError` (``AttributeError``): a model's result or
  prediction asked for before ``fit``;
- :class:`ConvergenceError` (``RuntimeError``): an iterative estimation
  (maximum likelihood, PLS) did not converge.
"""
from __future__ import annotations

import warnings
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = [
    "CRMLabError",
    "CRMLabInputError",
    "NotFittedError",
    "ConvergenceError",
    "input_error",
    "require_columns",
    "require_non_empty",
    "as_float_array",
    "require_finite",
    "require_non_negative",
    "require_in_range",
    "require_whole",
    "require_choice",
    "TIME_UNITS",
    "require_time_unit",
    "to_datetime_column",
    "transaction_log",
    "observation_end_date",
]


class CRMLabError(Exception):
    """所有 crmlab 错误的共同基类 / Base class of every crmlab error.

    The message is one sentence in Chinese, then the same in English; ``zh``
    and ``en`` hold the two halves.
    """

    def __init__(self, zh: str, en: str):
        self._init_args = (zh, en)
        self.zh = zh
        self.en = en
        super().__init__(f"{zh}。 / {en}.")

    def __reduce__(self):
        # Rebuild from the constructor's arguments, so the error survives pickling
        # (e.g. from a worker process) with its message and attributes.
        return type(self), self._init_args


class CRMLabInputError(CRMLabError, ValueError):
    """输入有误：某个参数的类型或取值不对 / Bad input to a crmlab function.

    ``argument`` is the name of the argument (or column) that is wrong; the
    message reads "参数 x：…。 / Argument 'x': ….".
    """

    def __init__(self, argument: str, zh: str, en: str):
        self._init_args = (argument, zh, en)
        self.argument = argument
        self.zh = zh
        self.en = en
        Exception.__init__(self, f"参数 {argument}：{zh}。 / Argument '{argument}': {en}.")


class NotFittedError(CRMLabError, AttributeError):
    """模型尚未拟合：先调用 fit() / A model method was used before ``fit``.

    ``method`` names what was asked for, e.g. ``expected_purchases``.
    """

    def __init__(self, model: str, method: str, zh_hint: str = "", en_hint: str = ""):
        self.model = model
        self.method = method
        super().__init__(f"{model} 还没有拟合：请先调用 fit() 拟合模型，再使用 {method}{zh_hint}",
                         f"{model} is not fitted yet: call fit() before {method}{en_hint}")
        self._init_args = (model, method, zh_hint, en_hint)


class ConvergenceError(CRMLabError, RuntimeError):
    """迭代估计未收敛 / An iterative estimation did not converge.

    Raised instead of returning estimates that may be wrong; the message says
    what did not converge and what to try.
    """


def input_error(argument: str, zh: str, en: str) -> CRMLabInputError:
    """Build the standard bilingual error; callers ``raise input_error(...)``."""
    return CRMLabInputError(argument, zh, en)


def require_columns(df, columns: Iterable[str], argument: str = "data") -> None:
    """Raise when ``df`` is not a DataFrame or lacks any of ``columns``."""
    if not isinstance(df, pd.DataFrame):
        raise input_error(argument, f"应为 pandas DataFrame，实际为 {type(df).__name__}",
                          f"expected a pandas DataFrame, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        shown = "、".join(map(str, missing))
        raise input_error(argument, f"缺少列 {shown}（现有列：{list(df.columns)}）",
                          f"missing column(s) {missing} (available: {list(df.columns)})")
    duplicated = df.columns[df.columns.duplicated()].tolist()
    if duplicated:
        raise input_error(argument, f"列名重复：{duplicated}", f"duplicated column name(s): {duplicated}")


def require_non_empty(obj, argument: str) -> None:
    """Raise for an empty table or sequence."""
    if len(obj) == 0:
        raise input_error(argument, "不能为空表", "must not be empty")


def as_float_array(values, argument: str, *, allow_nan: bool = False) -> np.ndarray:
    """Convert scalars, lists, Series or arrays to a float ndarray, rejecting text and NaN."""
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy()
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise input_error(argument, "必须是数值（不能含文字）", "must be numeric (no text)") from None
    if not allow_nan:
        require_finite(arr, argument)
    return arr


def require_finite(arr: np.ndarray, argument: str) -> None:
    """Raise when any value is NaN or infinite, saying how many."""
    bad = ~np.isfinite(arr)
    if bad.any():
        n = int(bad.sum())
        raise input_error(argument, f"含有 {n} 个缺失值（NaN）或无穷大，请先处理缺失数据",
                          f"contains {n} missing (NaN) or infinite value(s); handle missing data first")


def require_non_negative(arr: np.ndarray, argument: str) -> None:
    """Raise when any value is below zero."""
    if np.any(np.asarray(arr) < 0):
        raise input_error(argument, "不能为负数", "must not be negative")


def require_in_range(arr, argument: str, low: float, high: float, *,
                     low_open: bool = False, high_open: bool = False) -> None:
    """Raise unless every value lies in the interval [low, high] (ends optionally open)."""
    a = np.asarray(arr, dtype=float)
    too_low = a <= low if low_open else a < low
    too_high = a >= high if high_open else a > high
    if np.any(too_low) or np.any(too_high):
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        interval = f"{left}{low:g}, {high:g}{right}"
        raise input_error(argument, f"必须在区间 {interval} 内", f"must lie in {interval}")


def require_whole(arr, argument: str) -> None:
    """Raise unless every value is a whole number (e.g. a count of years)."""
    a = np.asarray(arr, dtype=float)
    if np.any(a != np.round(a)):
        raise input_error(argument, "必须是整数", "must be a whole number")


def require_choice(value, argument: str, choices: Sequence) -> None:
    """Raise unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise input_error(argument, f"取值 {value!r} 无效，可选：{list(choices)}",
                          f"invalid value {value!r}; choose one of {list(choices)}")


#: Every time unit a crmlab function may accept (``time_unit=``): code -> (Chinese, English).
#: Each function accepts the subset it supports and says which in its error.
#: Weeks run Monday to Sunday; months, quarters and years follow the calendar.
TIME_UNITS = {"D": ("天", "day"), "W": ("周", "week"), "M": ("月", "month"), "Q": ("季度", "quarter"),
              "Y": ("年", "year")}


def require_time_unit(time_unit, allowed: Sequence[str], argument: str = "time_unit") -> str:
    """Raise unless ``time_unit`` is one of the codes in ``allowed`` (a subset of :data:`TIME_UNITS`)."""
    if not isinstance(time_unit, str) or time_unit not in allowed:
        zh = "、".join(f'"{u}"（{TIME_UNITS[u][0]}）' for u in allowed)
        en = ", ".join(f'"{u}" ({TIME_UNITS[u][1]})' for u in allowed)
        raise input_error(argument, f"时间单位应为 {zh}之一，实际为 {time_unit!r}",
                          f"the time unit must be one of {en}; got {time_unit!r}")
    return time_unit


def to_datetime_column(series: pd.Series, argument: str) -> pd.Series:
    """Parse a date column, naming the first value that does not parse."""
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    elif pd.api.types.is_numeric_dtype(series):
        # pandas would read numbers as nanoseconds since 1970: a swapped amount column
        # would pass as dates in January 1970 and give nonsense instead of an error.
        raise input_error(argument, f"这一列是数字（例如 {series.iloc[0]}），不是日期：是不是把日期列和金额列"
                          "（或客户编号列）弄反了",
                          f"this column holds numbers (e.g. {series.iloc[0]}), not dates: "
                          "was the date column swapped with the amount (or customer id) column")
    else:
        with warnings.catch_warnings():
            # pandas warns when it cannot infer one format; the bad values are
            # reported below, and a warning on stderr would cost a student's test cell.
            warnings.simplefilter("ignore", UserWarning)
            parsed = pd.to_datetime(series, errors="coerce")
        bad = parsed.isna() & series.notna()
        if bad.any():
            example = series[bad].iloc[0]
            raise input_error(argument, f"有 {int(bad.sum())} 个日期无法识别，例如 {example!r}",
                              f"{int(bad.sum())} date(s) could not be parsed, e.g. {example!r}")
    if parsed.isna().any():
        raise input_error(argument, f"有 {int(parsed.isna().sum())} 个日期缺失",
                          f"{int(parsed.isna().sum())} date(s) are missing")
    return parsed


def transaction_log(transactions, customer_col: str, date_col: str, amount_col: str | None = None):
    """Validate a transaction table (交易记录): customer, date and optional amount columns.

    Returns ``(customers, dates, amounts)``: the customer column, the dates as
    time-zone-naive datetimes (periods follow the local calendar), and the
    amounts as a non-negative float array (``None`` without ``amount_col``).
    """
    columns = [customer_col, date_col] + ([amount_col] if amount_col is not None else [])
    require_columns(transactions, columns, "transactions")
    require_non_empty(transactions, "transactions")
    customers = transactions[customer_col]
    if customers.isna().any():
        n = int(customers.isna().sum())
        raise input_error(customer_col, f"有 {n} 个客户编号缺失", f"{n} customer id(s) are missing")
    dates = _tz_naive(to_datetime_column(transactions[date_col], date_col))
    amounts = None
    if amount_col is not None:
        amounts = as_float_array(transactions[amount_col], amount_col)
        require_non_negative(amounts, amount_col)
    return customers, dates, amounts


def observation_end_date(value, argument: str = "observation_end") -> np.datetime64:
    """Parse the end of an observation window (观察期末) as a time-zone-naive datetime64[ns]."""
    end = pd.to_datetime(pd.Series([value]), errors="coerce")
    if end.isna().any():
        raise input_error(argument, f"无法识别的日期 {value!r}", f"could not parse the date {value!r}")
    return _tz_naive(end).to_numpy(dtype="datetime64[ns]")[0]


def _tz_naive(dates: pd.Series) -> pd.Series:
    # Wall-clock dates without time zone, so periods follow the local calendar.
    return dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
