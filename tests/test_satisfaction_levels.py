"""Level-score satisfaction index (五级赋分加权满意度) and the 0–100 bounds of the weighted index."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab.satisfaction import DEFAULT_LEVEL_SCORES, level_index, level_scores, weighted_index


def _error(func, *args, **kwargs) -> CRMLabInputError:
    with pytest.raises(CRMLabInputError) as err:
        func(*args, **kwargs)
    message = str(err.value)
    assert "参数" in message and "Argument" in message
    assert message.index(err.value.zh) < message.index(err.value.en)          # Chinese first
    return err.value


SURVEY = pd.DataFrame({
    "产品质量": ["很满意", "满意", "不满意", "基本满意"],
    "服务态度": ["满意", " 不太满意 ", "基本满意", "很满意"],      # stray spaces are ignored
    "价格": [4, 2, 1, 5],                                         # level codes: 1 不满意 … 5 很满意
}, index=["r1", "r2", "r3", "r4"])


def test_default_level_scores():
    assert DEFAULT_LEVEL_SCORES == {"很满意": 100, "满意": 80, "基本满意": 60, "不太满意": 30, "不满意": 0}


def test_level_scores_by_hand():
    scored = level_scores(SURVEY)
    expected = pd.DataFrame({"产品质量": [100.0, 80, 0, 60], "服务态度": [80.0, 30, 60, 100],
                             "价格": [80.0, 30, 0, 100]}, index=SURVEY.index)
    pd.testing.assert_frame_equal(scored, expected)


def test_level_index_by_hand():
    csi = level_index(SURVEY, weights=[0.5, 0.3, 0.2])
    # r1: 0.5·100 + 0.3·80 + 0.2·80 = 50 + 24 + 16 = 90
    # r2: 0.5·80  + 0.3·30 + 0.2·30 = 40 + 9 + 6   = 55
    # r3: 0.5·0   + 0.3·60 + 0.2·0  = 0 + 18 + 0   = 18
    # r4: 0.5·60  + 0.3·100 + 0.2·100 = 30 + 30 + 20 = 80
    np.testing.assert_allclose(csi, [90, 55, 18, 80])
    assert csi.name == "CSI" and list(csi.index) == ["r1", "r2", "r3", "r4"]
    assert csi.mean() == pytest.approx((90 + 55 + 18 + 80) / 4)       # overall index 60.75
    assert not csi.attrs                                               # plain data: no side results
    # weights by name; equal weights by default: r1 = (100 + 80 + 80) / 3
    by_name = level_index(SURVEY, weights={"价格": 0.2, "服务态度": 0.3, "产品质量": 0.5})
    np.testing.assert_allclose(by_name, csi)
    assert level_index(SURVEY).iloc[0] == pytest.approx(260 / 3)


def test_level_index_with_another_mapping():
    three = {"满意": 100, "一般": 50, "不满意": 0}
    answers = pd.DataFrame({"a": ["满意", "一般", 1], "b": [3, 2, "不满意"]})
    # codes 1, 2, 3 = lowest … highest score: 1 不满意 0, 2 一般 50, 3 满意 100
    np.testing.assert_allclose(level_index(answers, [0.25, 0.75], scores=three), [100, 50, 0])
    # 0.25·100 + 0.75·100; 0.25·50 + 0.75·50; 0.25·0 + 0.75·0


@pytest.mark.parametrize("answers, fragment", [
    (pd.DataFrame({"a": ["很满意", "还行"]}), "未知的等级"),
    (pd.DataFrame({"a": [1, 6]}), "1–5"),
    (pd.DataFrame({"a": [1.5, 2]}), "1–5"),
    (pd.DataFrame({"a": ["满意", None]}), "缺失"),
    (pd.DataFrame({"a": [True, False]}), "1–5"),
    (["满意"], "DataFrame"),
])
def test_level_scores_bad_answers(answers, fragment):
    err = _error(level_scores, answers)
    assert err.argument == "responses" and fragment in err.zh


def test_level_index_bad_weights_and_scores():
    assert _error(level_index, SURVEY, weights=[0.5, 0.5, 0.5]).argument == "weights"
    assert _error(level_index, SURVEY, scores={"满意": 1}).argument == "scores"
    assert _error(level_index, SURVEY, scores={"满意": 1, "不满意": 1}).argument == "scores"


def test_weighted_index_never_leaves_0_to_100_by_rounding():
    items = pd.DataFrame({"a": [1, 10], "b": [1, 10], "c": [1, 10]})
    # weights sum to 1 − 1e−7 (accepted within the 1e−6 tolerance): the respondent at the
    # bottom of the scale would get (0.9999999 − 1)/9·100 = −1.1e−6 without the clip
    csi = weighted_index(items, weights=[0.3, 0.3, 0.3999999], scale=(1, 10))
    assert csi.iloc[0] == 0.0
    assert 0 <= csi.iloc[1] <= 100
    assert csi.iloc[1] == pytest.approx((10 * 0.9999999 - 1) / 9 * 100)
