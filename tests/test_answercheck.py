"""crmlab.answercheck: fingerprints that tell right from wrong without showing the answer."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.answercheck import check, fingerprint, matches, round_half_up


def test_round_half_up_is_hand_rounding():
    # By hand: 2870.125 -> 2870.13; Python's round gives 2870.12 (half to even, binary float).
    assert round(2870.125, 2) == 2870.12
    assert round_half_up(2870.125, 2) == 2870.13
    assert round_half_up(0.5, 0) == 1.0 and round_half_up(2.5, 0) == 3.0
    assert round_half_up(-1.005, 2) == -1.01
    assert round_half_up(7, 2) == 7.0


def test_fingerprint_rounds_half_up_and_separates_neighbours():
    assert fingerprint(2870.125) == fingerprint(2870.13) == fingerprint(np.float64(2870.13))
    assert fingerprint(2870.12) != fingerprint(2870.13)
    assert fingerprint(3, digits=0) == fingerprint(3.0, digits=0) == fingerprint(np.int64(3), digits=0)
    assert fingerprint(-0.001) == fingerprint(0.0)
    # Same number, other precision: a different fingerprint (digits is part of it).
    assert fingerprint(1.5, digits=1) != fingerprint(1.5, digits=2)


def test_fingerprint_of_containers_and_tables():
    s = pd.Series([3.0, 1.0], index=["北京", "上海"])
    assert fingerprint(s) == fingerprint(pd.Series([3.004, 0.999], index=["北京", "上海"]))
    assert fingerprint(s) != fingerprint(s.sort_values())           # order matters
    assert fingerprint(s) != fingerprint(pd.Series([3.0, 1.0], index=["北京", "广州"]))  # labels matter
    assert fingerprint(["a", "b"]) != fingerprint(["b", "a"])
    assert fingerprint({"b", "a"}) == fingerprint({"a", "b"})
    assert fingerprint({"x": 1, "y": 2}) == fingerprint({"y": 2, "x": 1})
    df = pd.DataFrame({"金额": [1.0, 2.0]}, index=["a", "b"])
    assert fingerprint(df) != fingerprint(df.rename(columns={"金额": "次数"}))
    assert fingerprint(np.array([1, 2])) == fingerprint([1, 2])
    assert fingerprint(" 发展期 ") == fingerprint("发展期")
    assert fingerprint(True) != fingerprint(1)
    # Missing values of pandas' nullable types are fingerprinted, not refused.
    assert fingerprint(pd.Series(["a", pd.NA], dtype="string")) == fingerprint(pd.Series(["a", pd.NA], dtype="string"))
    assert fingerprint([pd.NA]) != fingerprint([None]) and fingerprint(pd.NaT) == fingerprint(pd.NA)


def test_check_messages():
    right = fingerprint(2870.13)
    check(2870.125, right, "不对")
    with pytest.raises(AssertionError, match="四舍五入"):
        check(2870.12, right, "不对", wrong={fingerprint(2870.12): "用 round() 得到的是银行家舍入，请按四舍五入"})
    with pytest.raises(AssertionError, match="^不对$"):
        check(1.234, right, "不对", wrong={fingerprint(2870.12): "x"})
    with pytest.raises(AssertionError, match="^不对$"):
        check(object(), right, "不对")          # cannot be fingerprinted: just wrong
    assert matches(2870.13, right) and not matches("2870.13", right)


@pytest.mark.parametrize("call, argument", [
    (lambda: round_half_up("1.5"), "value"),
    (lambda: round_half_up(float("nan")), "value"),
    (lambda: round_half_up(1.5, digits=-1), "digits"),
    (lambda: fingerprint(1.0, digits=2.5), "digits"),
    (lambda: fingerprint(object()), "value"),
    (lambda: matches(1.0, 123), "expected"),
    (lambda: check(1.0, "abc", ""), "message"),
    (lambda: check(1.0, "abc", "不对", rounding_hint="no"), "rounding_hint"),
])
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(CRMLabInputError, match=argument):
        call()


def test_check_says_when_a_wrong_value_looks_rounded_too_early():
    """A value with fewer decimals than the check keeps gets a hint about early rounding."""
    right = fingerprint(2870.125, digits=2)
    with pytest.raises(AssertionError, match="最多只有 1 位小数.*去掉取整"):
        check(2870.1, right, "均值不对。")
    with pytest.raises(AssertionError, match="最多只有 1 位小数"):
        check(pd.Series([2870.5, 12.0]), right, "均值不对。")
    # Full-precision wrong values, whole numbers (counts, minutes) and digits=0 checks get the plain message.
    for value, digits in [(2870.111, 2), ([1.5, 2.25], 2), (12, 2), (3.0, 0), (pd.Series([2870.0, 12.0]), 2)]:
        with pytest.raises(AssertionError) as caught:
            check(value, right, "均值不对。", digits=digits)
        assert str(caught.value) == "均值不对。"
    # A message that already talks about rounding is left alone.
    with pytest.raises(AssertionError) as caught:
        check(2870.1, right, "请按四舍五入保留两位。")
    assert str(caught.value) == "请按四舍五入保留两位。"
    # Checks whose right answers are short too (half yuan) can turn the hint off.
    with pytest.raises(AssertionError) as caught:
        check(6.5, right, "差价不对。", rounding_hint=False)
    assert str(caught.value) == "差价不对。"
