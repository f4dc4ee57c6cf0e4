"""检查答案的小工具：用"指纹"核对结果，而不把正确答案写在检查里 / Answer fingerprints for visible checks.

A visible check in a lab must tell a student whether a value is right without
printing the value: the check cell is in the student's notebook.  So the check
compares *fingerprints*: the value is put in a canonical text form (numbers
rounded 四舍五入 to a stated number of decimals, containers in order, tables
with their labels) and hashed with SHA-256.  The author stores the fingerprint
of the right answer -- and, for targeted feedback, those of typical wrong
answers -- and :func:`check` raises an ``AssertionError`` with the Chinese
message that fits.

    >>> fingerprint(2.675, digits=2) == fingerprint(2.68, digits=2)
    True
    >>> fingerprint(2.67, digits=2) == fingerprint(2.68, digits=2)
    False

Hand rounding (四舍五入) rounds halves up, Python's ``round`` rounds halves
to even and works on the binary float (``round(2.675, 2) == 2.67``):
:func:`round_half_up` rounds the way the textbook does.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np
import pandas as pd

from crmlab._checks import input_error

__all__ = ["round_half_up", "fingerprint", "matches", "check"]

# Short enough to sit in a check cell, long enough that no two answers of a lab collide.
_HEX_DIGITS = 16


def _require_digits(digits) -> int:
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 0 <= digits <= 12:
        raise input_error("digits", "小数位数应为 0～12 的整数", "should be a whole number from 0 to 12")
    return int(digits)


def round_half_up(value, digits: int = 2) -> float:
    """四舍五入到 ``digits`` 位小数（和手算一致）/ Round halves up, as by hand.

    Python's ``round(2.675, 2)`` gives 2.67 (2.675 is stored as a binary
    float just below, and exact halves go to the even digit); the textbook's
    四舍五入 gives 2.68.  The value is rounded from its shortest decimal form,
    so what you see printed is what gets rounded.

    >>> round_half_up(2.675, 2)
    2.68
    """
    digits = _require_digits(digits)
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise input_error("value", f"应该是一个数，收到的是 {type(value).__name__}",
                          f"should be a number, got {type(value).__name__}")
    if not math.isfinite(float(value)):
        raise input_error("value", "不能是 NaN 或无穷大", "must not be NaN or infinite")
    return float(_rounded(value, digits))


def _rounded(value, digits: int) -> Decimal:
    exact = Decimal(repr(float(value))) if isinstance(value, (float, np.floating)) else Decimal(int(value))
    result = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result + 0  # -0.00 and 0.00 are the same answer


def _canonical(value, digits: int) -> str:
    if value is None:
        return "None"
    if value is pd.NA or value is pd.NaT:  # missing values from pandas' nullable types
        return "NA"
    if isinstance(value, (bool, np.bool_)):
        return "True" if value else "False"
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        try:
            return str(_rounded(value, digits))
        except InvalidOperation:  # pragma: no cover - finite floats always quantize
            return repr(number)
    if isinstance(value, str):
        return "s:" + value.strip()
    if isinstance(value, pd.Timestamp):
        return "t:" + value.isoformat()
    if isinstance(value, pd.DataFrame):
        columns = ",".join(_canonical(c, digits) for c in value.columns)
        rows = ";".join(_canonical(i, digits) + ":" + ",".join(_canonical(v, digits) for v in row)
                        for i, row in zip(value.index, value.itertuples(index=False, name=None)))
        return f"DF[{columns}|{rows}]"
    if isinstance(value, pd.Series):
        return "S[" + ";".join(f"{_canonical(i, digits)}={_canonical(v, digits)}"
                               for i, v in value.items()) + "]"
    if isinstance(value, Mapping):
        items = sorted((_canonical(k, digits), _canonical(v, digits)) for k, v in value.items())
        return "D{" + ";".join(f"{k}={v}" for k, v in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v, digits) for v in value)) + "}"
    if isinstance(value, (list, tuple, np.ndarray, pd.Index)):
        return "[" + ",".join(_canonical(v, digits) for v in list(value)) + "]"
    if isinstance(value, np.generic):
        return _canonical(value.item(), digits)
    raise input_error("value", f"无法核对 {type(value).__name__} 类型的结果",
                      f"cannot fingerprint a value of type {type(value).__name__}")


def fingerprint(value, digits: int = 2) -> str:
    """结果的指纹：四舍五入到 ``digits`` 位后的 SHA-256 摘要 / Fingerprint of a result.

    Numbers are rounded half up to ``digits`` decimals; lists, arrays and
    Series keep their order (a Series also its index labels); a DataFrame
    keeps its column names, row labels and values; sets and dicts do not
    depend on order; text is compared without surrounding spaces.  Two values
    have the same fingerprint exactly when they print the same after this
    rounding.
    """
    digits = _require_digits(digits)
    text = f"{digits}|{_canonical(value, digits)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HEX_DIGITS]


def matches(value, expected: str, digits: int = 2) -> bool:
    """结果的指纹是否等于 ``expected`` / Whether ``value`` has the fingerprint ``expected``."""
    if not isinstance(expected, str):
        raise input_error("expected", "应该是 fingerprint(...) 给出的字符串", "should be a string from fingerprint(...)")
    try:
        return fingerprint(value, digits) == expected
    except ValueError:
        return False


def check(value, expected: str, message: str, *, digits: int = 2,
          wrong: Mapping[str, str] | None = None, rounding_hint: bool = True) -> None:
    """核对结果；不对时给出提示 / Check a result against its fingerprint, with a pointed message.

    ``expected`` is the fingerprint of the right answer.  ``wrong`` maps the
    fingerprints of typical wrong answers to a message about that mistake;
    any other wrong value gets ``message``, followed by a hint about rounding
    too early when every float in it has fewer decimals than ``digits`` (turn
    that off with ``rounding_hint=False`` where right answers are short too,
    e.g. scores in half yuan).  Raises ``AssertionError`` (what
    nbgrader and 检查作业 report as 未通过) and returns ``None`` when right.
    """
    if not isinstance(message, str) or not message.strip():
        raise input_error("message", "应该是一句中文提示", "should be a hint for the student")
    if not isinstance(rounding_hint, bool):
        raise input_error("rounding_hint", "应该是 True 或 False", "should be True or False")
    got = None
    try:
        got = fingerprint(value, digits)
    except ValueError:
        pass
    if got == expected:
        return None
    if got is not None and wrong and got in wrong:
        raise AssertionError(wrong[got])
    shortest = _rounded_early(value, digits)
    # Whole numbers are left out: they are far more often counts, minutes or yuan than early rounding.
    if rounding_hint and shortest and "四舍五入" not in message:
        message = (f"{message}（另外：你的结果最多只有 {shortest} 位小数。如果是自己提前用 round 取了整，"
                   f"请去掉取整，给出完整的计算结果：检查会按要求的位数四舍五入。）")
    raise AssertionError(message)


def _floats_in(value):
    if isinstance(value, (float, np.floating)):
        yield float(value)
    elif isinstance(value, pd.DataFrame):
        for column in value.columns:
            yield from _floats_in(value[column])
    elif isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        array = np.asarray(value)
        if np.issubdtype(array.dtype, np.floating):
            yield from map(float, array.ravel())
        elif array.dtype == object:
            for v in array.ravel():
                yield from _floats_in(v)
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _floats_in(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _floats_in(v)


def _rounded_early(value, digits: int) -> int | None:
    """The most decimals among the value's floats, when that is fewer than ``digits``.

    A wrong answer whose floats all have fewer decimals than the check keeps is
    most often a right answer rounded too early (``round(x, 1)`` before a check
    at two decimals); the check says so as a possibility, never as a verdict.
    """
    floats = [f for f in _floats_in(value) if math.isfinite(f)]
    if digits == 0 or not floats:
        return None
    most = 0
    for f in floats:
        places = next((k for k in range(digits) if abs(f - round(f, k)) < 1e-9 * max(1.0, abs(f))), None)
        if places is None:
            return None
        most = max(most, places)
    return most
