"""The shared input checks give one bilingual sentence naming the argument."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import _checks as checks


def test_message_is_chinese_then_english_and_names_the_argument():
    err = checks.input_error("retention", "必须在区间 [0, 1] 内", "must lie in [0, 1]")
    assert isinstance(err, ValueError)
    text = str(err)
    assert text.index("参数 retention") < text.index("Argument 'retention'")
    assert err.argument == "retention"


def test_require_columns_lists_missing_and_available():
    df = pd.DataFrame({"客户": [1], "金额": [2.0]})
    with pytest.raises(CRMLabInputError, match="缺少列 日期") as info:
        checks.require_columns(df, ["客户", "日期"], "transactions")
    assert "transactions" in str(info.value) and "金额" in str(info.value)
    with pytest.raises(CRMLabInputError, match="DataFrame"):
        checks.require_columns([1, 2], ["客户"], "transactions")
    dup = pd.DataFrame([[1, 2]], columns=["a", "a"])
    with pytest.raises(CRMLabInputError, match="列名重复"):
        checks.require_columns(dup, ["a"], "items")


def test_as_float_array_rejects_text_and_nan():
    assert checks.as_float_array([1, 2], "x").dtype == float
    with pytest.raises(CRMLabInputError, match="数值"):
        checks.as_float_array(["a"], "x")
    with pytest.raises(CRMLabInputError, match="1 个缺失值"):
        checks.as_float_array([1.0, np.nan], "x")
    assert np.isnan(checks.as_float_array([np.nan], "x", allow_nan=True)).all()


def test_ranges_whole_numbers_choices():
    checks.require_in_range([0, 1], "retention", 0, 1)
    with pytest.raises(CRMLabInputError, match=r"\(-1, inf\]"):
        checks.require_in_range([-1], "r", -1, np.inf, low_open=True)
    with pytest.raises(CRMLabInputError, match="整数"):
        checks.require_whole([2.5], "n")
    with pytest.raises(CRMLabInputError, match="不能为负数"):
        checks.require_non_negative([-0.1], "amount")
    with pytest.raises(CRMLabInputError, match="可选"):
        checks.require_choice("Q", "period", ["M", "Q"][:1])
    with pytest.raises(CRMLabInputError, match="不能为空"):
        checks.require_non_empty(pd.DataFrame(), "transactions")


def test_dates_that_do_not_parse_are_named():
    parsed = checks.to_datetime_column(pd.Series(["2026-01-02", "2026-02-03"]), "date")
    assert parsed.dt.year.tolist() == [2026, 2026]
    with pytest.raises(CRMLabInputError, match="无法识别.*明天"):
        checks.to_datetime_column(pd.Series(["2026-01-02", "明天"]), "date")
    with pytest.raises(CRMLabInputError, match="缺失"):
        checks.to_datetime_column(pd.Series(["2026-01-02", None]), "date")


def test_error_types_share_one_base_and_are_bilingual():
    import crmlab
    from crmlab import ConvergenceError, CRMLabError, NotFittedError

    for name in ("CRMLabError", "CRMLabInputError", "NotFittedError", "ConvergenceError"):
        assert name in crmlab.__all__ and getattr(crmlab, name) is getattr(checks, name)
    bad = checks.input_error("rate", "必须在区间 [0, 1] 内", "must lie in [0, 1]")
    assert isinstance(bad, CRMLabError) and isinstance(bad, ValueError)
    not_fitted = NotFittedError("BetaGeoModel", "expected_purchases()")
    assert isinstance(not_fitted, CRMLabError) and isinstance(not_fitted, AttributeError)
    assert not isinstance(not_fitted, ValueError)
    text = str(not_fitted)
    assert text.index("请先调用 fit()") < text.index("call fit() before expected_purchases()")
    stuck = ConvergenceError("迭代未收敛", "the iteration did not converge")
    assert isinstance(stuck, CRMLabError) and isinstance(stuck, RuntimeError)
    assert str(stuck) == "迭代未收敛。 / the iteration did not converge."
    assert (stuck.zh, stuck.en) == ("迭代未收敛", "the iteration did not converge")
    # One except clause catches every crmlab error, and nothing else.
    for error in (bad, not_fitted, stuck):
        with pytest.raises(CRMLabError):
            raise error


def test_errors_survive_pickling():
    import pickle

    from crmlab import ConvergenceError, NotFittedError

    for error in (checks.input_error("n", "必须是整数", "must be a whole number"),
                  NotFittedError("BetaGeoModel", "summary"),
                  ConvergenceError("未收敛", "did not converge")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert vars(copy) == vars(error)
