"""Tests of crmlab.segmentation against hand calculations."""
import numpy as np
import pandas as pd
import pytest

from crmlab import CRMLabInputError
from crmlab import segmentation as sg

SALES = pd.Series({"甲": 500, "乙": 200, "丙": 100, "丁": 100, "戊": 60, "己": 40}, name="销售额")


def test_abc_matches_a_hand_calculation():
    # Total 1000.  Sorted: 甲 500, 乙 200, 丙 100, 丁 100, 戊 60, 己 40.
    # cumulative share after each:    0.50  0.70  0.80  0.90  0.96  1.00
    # cumulative share before each:   0.00  0.50  0.70  0.80  0.90  0.96
    # A while before < 0.8, B while before < 0.95, else C:
    #                                  A     A     A     B     B     C
    table = sg.abc_table(SALES)
    assert table.index.tolist() == ["甲", "乙", "丙", "丁", "戊", "己"]
    assert table["cumulative_share"].tolist() == pytest.approx([0.5, 0.7, 0.8, 0.9, 0.96, 1.0])
    assert table["abc_class"].tolist() == ["A", "A", "A", "B", "B", "C"]
    classes = sg.abc_classify(SALES)
    assert classes.to_dict() == {"甲": "A", "乙": "A", "丙": "A", "丁": "B", "戊": "B", "己": "C"}
    assert classes.name == "abc_class"


def test_abc_keeps_input_order_and_breaks_ties_by_it():
    shuffled = SALES[["己", "丁", "甲", "丙", "戊", "乙"]]
    classes = sg.abc_classify(shuffled)
    assert classes.index.tolist() == ["己", "丁", "甲", "丙", "戊", "乙"]
    # 丁 and 丙 both have 100; 丁 now comes first in the input, so 丁 is A and 丙 is B.
    assert classes["丁"] == "A" and classes["丙"] == "B"


def test_customer_crossing_a_threshold_is_in_the_higher_class():
    # 70, 20, 10: before = 0, 0.7, 0.9.  The second customer takes the total
    # from 0.7 to 0.9, crossing a = 0.8, and is still A; the third is B (0.9 < 0.95).
    assert sg.abc_classify([70, 20, 10]).tolist() == ["A", "A", "B"]
    # Thresholds are parameters: with a = 0.6 the second is B.
    assert sg.abc_classify([70, 20, 10], a=0.6).tolist() == ["A", "B", "B"]


def test_reaching_a_threshold_exactly_ends_the_class_despite_float_noise():
    # 0.7 + 0.2 is 0.8999999999999999 in floating point; it still counts as
    # reaching b = 0.9, so the third customer is C.
    assert sg.abc_classify([0.7, 0.2, 0.1], a=0.7, b=0.9).tolist() == ["A", "B", "C"]


def test_abc_rules_crossing_and_cumulative_by_hand():
    # Total 1000.  Sorted: 甲 500, 乙 200, 丙 150, 丁 80, 戊 50, 己 20.
    # cumulative share after each:    0.50  0.70  0.85  0.93  0.98  1.00
    # cumulative share before each:   0.00  0.50  0.70  0.85  0.93  0.98
    # crossing   (before < 0.8 → A, before < 0.95 → B):   A A A B B C   (丙 crosses 0.8: still A;
    #                                                                    戊 crosses 0.95: still B)
    # cumulative (after ≤ 0.8 → A, after ≤ 0.95 → B):     A A B B C C   (丙 at 0.85 is B; 戊 at 0.98 is C)
    sales = pd.Series({"甲": 500, "乙": 200, "丙": 150, "丁": 80, "戊": 50, "己": 20})
    assert sg.abc_classify(sales).tolist() == ["A", "A", "A", "B", "B", "C"]
    assert sg.abc_classify(sales, rule="crossing").tolist() == ["A", "A", "A", "B", "B", "C"]
    assert sg.abc_classify(sales, rule="cumulative").tolist() == ["A", "A", "B", "B", "C", "C"]
    table = sg.abc_table(sales, rule="cumulative")
    assert table["cumulative_share"].tolist() == pytest.approx([0.5, 0.7, 0.85, 0.93, 0.98, 1.0])
    summary = sg.abc_summary(sales, rule="cumulative")
    assert summary["customers"].tolist() == [2, 2, 2]
    assert summary["value_share"].tolist() == pytest.approx([0.7, 0.23, 0.07])
    # SALES (cumulative 0.5 0.7 0.8 0.9 0.96 1.0): 丙 reaches 0.8 exactly, so it is A under both
    # rules; 戊 takes the total from 0.9 to 0.96, past 0.95: B when crossing, C when cumulative
    assert sg.abc_classify(SALES, rule="cumulative").tolist() == ["A", "A", "A", "B", "C", "C"]


def test_abc_cumulative_rule_edge_cases():
    # a single customer with 90 % of the total: no A customer under the spreadsheet rule
    assert sg.abc_classify([90, 6, 4], rule="cumulative").tolist() == ["B", "C", "C"]
    assert sg.abc_classify([90, 6, 4]).tolist() == ["A", "B", "C"]
    # exactly reaching a threshold counts as "≤" despite floating-point noise: 0.4 + 0.2 is
    # 0.6000000000000001 in floating point, still A with a = 0.6
    assert sg.abc_classify([0.4, 0.2, 0.2, 0.2], a=0.6, b=0.8, rule="cumulative").tolist() == ["A", "A", "B", "C"]
    with pytest.raises(CRMLabInputError) as err:
        sg.abc_classify(SALES, rule="excel")
    assert err.value.argument == "rule" and "cumulative" in str(err.value)


def test_key_customer_table_passes_the_rule_on():
    customers = pd.DataFrame({"sales": [500, 200, 150, 80, 50, 20]}, index=list("abcdef"))
    assert len(sg.key_customer_table(customers, "sales")) == 3
    assert len(sg.key_customer_table(customers, "sales", rule="cumulative")) == 2


def test_abc_summary_counts_and_shares():
    summary = sg.abc_summary(SALES)
    assert summary["customers"].tolist() == [3, 2, 1]
    assert summary["value"].tolist() == [800.0, 160.0, 40.0]
    assert summary["value_share"].tolist() == pytest.approx([0.8, 0.16, 0.04])
    assert summary["customer_share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])


@pytest.mark.parametrize("values, kwargs", [
    ([], {}), ([1, -2, 3], {}), ([1, np.nan], {}), ([0, 0], {}), (["a", "b"], {}),
    ([1, 2], {"a": 0.9, "b": 0.8}), ([1, 2], {"a": 0}), ([1, 2], {"b": 1.2}),
    (pd.DataFrame({"x": [1, 2]}), {}),
])
def test_abc_bad_input(values, kwargs):
    with pytest.raises(CRMLabInputError):
        sg.abc_classify(values, **kwargs)


def test_pyramid_tiers_by_share_of_customers():
    values = pd.Series(np.arange(100, 0, -1), index=[f"c{i}" for i in range(1, 101)])
    tiers = sg.pyramid_tiers(values)
    # 100 customers: VIP rank 1; 主要 ranks 2-5; 普通 6-20; 小客户 21-100.
    assert tiers.value_counts().to_dict() == {"小客户": 80, "普通客户": 15, "主要客户": 4, "VIP客户": 1}
    assert tiers["c1"] == "VIP客户" and tiers["c5"] == "主要客户"
    assert tiers["c20"] == "普通客户" and tiers["c21"] == "小客户"
    # 10 customers: upper ranks ceil(0.1)=1, ceil(0.5)=1, ceil(2)=2, 10 -> 主要客户 is empty.
    small = sg.pyramid_tiers(list(range(10, 0, -1)))
    assert small.tolist() == ["VIP客户", "普通客户"] + ["小客户"] * 8
    with pytest.raises(CRMLabInputError):
        sg.pyramid_tiers([1, 2], tiers=[("大", 0.5), ("小", 0.4)])


# Worked example: one customer per RFM class.  Means: recency (50+...)/8 = 50 days,
# frequency (10+1+...)/8 = 5.5, monetary (1000+100+...)/8 = 550.
RFM = pd.DataFrame({
    "recency":   [5, 5, 95, 95, 5, 5, 95, 95],
    "frequency": [10, 1, 10, 1, 10, 1, 10, 1],
    "monetary":  [1000, 1000, 1000, 1000, 100, 100, 100, 100],
}, index=list("ABCDEFGH"))


def test_rfm_classes_match_the_worked_example():
    classes = sg.rfm_classes(RFM)
    # A: R 5<=50 高, F 10>=5.5 高, M 1000>=550 高 -> 重要价值; B: 高低高 -> 重要发展; ...
    assert classes.tolist() == ["重要价值", "重要发展", "重要保持", "重要挽留",
                                "一般价值", "一般发展", "一般保持", "一般挽留"]
    table = sg.rfm_table(RFM)
    assert table.loc["C", ["R", "F", "M"]].tolist() == ["低", "高", "高"]
    rules = sg.rfm_class_rules()
    assert len(rules) == 8 and rules.loc["重要挽留"].tolist() == ["低", "低", "高"]


def test_rfm_mean_threshold_and_median_and_score_input():
    summary = pd.DataFrame({"recency": [10, 20, 30, 100], "frequency": [1, 2, 3, 10],
                            "monetary": [100, 200, 300, 1400]}, index=list("wxyz"))
    # means: recency 40, frequency 4, monetary 500 -> only z is high on F and M, w..y on R
    assert sg.rfm_classes(summary).tolist() == ["一般发展", "一般发展", "一般发展", "重要保持"]
    # medians: recency 25, frequency 2.5, monetary 250 -> w, x 高低低; y 低高高; z 低高高
    assert sg.rfm_classes(summary, threshold="median").tolist() == [
        "一般发展", "一般发展", "重要保持", "重要保持"]
    # A value equal to the mean counts as high: monetary of x = mean 200 of [100, 200, 300].
    equal = pd.DataFrame({"recency": [1, 2, 3], "frequency": [1, 2, 3], "monetary": [100, 200, 300]})
    assert sg.rfm_table(equal)["M"].tolist() == ["低", "高", "高"]
    scores = sg.rfm_scores(RFM)
    from_scores = sg.rfm_classes(scores, recency_col="R_score", frequency_col="F_score",
                                 monetary_col="M_score", recency_higher_is_better=True)
    assert from_scores.tolist() == sg.rfm_classes(RFM).tolist()


def test_rfm_quantile_scores_by_hand():
    summary = pd.DataFrame({"recency": [50, 40, 30, 20, 10], "frequency": [1, 1, 3, 4, 5],
                            "monetary": [10, 20, 30, 40, 50]})
    scores = sg.rfm_scores(summary, bins=5)
    # n = 5, bins = 5: score = floor((rank - 1) * 5 / 5) + 1 = rank.
    assert scores["R_score"].tolist() == [1, 2, 3, 4, 5]   # fewest days since purchase is best
    assert scores["F_score"].tolist() == [1, 1, 3, 4, 5]   # tie at 1 shares the lowest rank
    assert scores["M_score"].tolist() == [1, 2, 3, 4, 5]
    assert scores["rfm_code"].tolist() == ["111", "212", "333", "444", "555"]
    # bins = 2: floor((rank - 1) * 2 / 5) + 1: ranks 1, 2, 3 -> floor(0, 0.4, 0.8) + 1 = 1;
    # ranks 4, 5 -> floor(1.2, 1.6) + 1 = 2
    assert sg.rfm_scores(summary, bins=2)["M_score"].tolist() == [1, 1, 1, 2, 2]
    mean_split = sg.rfm_scores(summary, method="mean")
    assert mean_split["M_score"].tolist() == [1, 1, 2, 2, 2]   # mean 30: >= 30 is high


def test_rfm_summary_from_transactions():
    tx = pd.DataFrame({"c": ["a", "a", "a", "b"],
                       "d": ["2024-01-01", "2024-01-01", "2024-01-21", "2024-01-11"],
                       "amt": [10.0, 5.0, 20.0, 7.0]})
    summary = sg.rfm_summary(tx, "c", "d", "amt", observation_end="2024-01-31")
    # a: last purchase 01-21 -> 10 days; purchase days 01-01 and 01-21 -> 2; total 35
    # b: last purchase 01-11 -> 20 days; 1 purchase day; total 7
    assert summary.loc["a"].tolist() == [10.0, 2.0, 35.0]
    assert summary.loc["b"].tolist() == [20.0, 1.0, 7.0]
    with pytest.raises(CRMLabInputError):
        sg.rfm_summary(tx.assign(amt=-tx["amt"]), "c", "d", "amt")
    # Date and amount columns swapped: numbers are not dates (pandas alone would read 1970 dates).
    with pytest.raises(CRMLabInputError, match="弄反"):
        sg.rfm_summary(tx, "c", "amt", "d")


@pytest.mark.parametrize("summary", [
    RFM.drop(columns="monetary"), RFM.iloc[0:0], RFM.assign(recency=-RFM["recency"]),
    RFM.assign(frequency=np.nan),
])
def test_rfm_bad_input(summary):
    with pytest.raises(CRMLabInputError):
        sg.rfm_classes(summary)


def test_key_customer_table():
    customers = pd.DataFrame({"名称": list("甲乙丙丁戊己"), "销售额": SALES.to_numpy(),
                              "负责人": list("UVWXYZ")})
    table = sg.key_customer_table(customers, "销售额", "名称", extra_cols=["负责人"])
    assert table["客户"].tolist() == ["甲", "乙", "丙"]
    assert table["序号"].tolist() == [1, 2, 3]
    assert table["占总额比例"].tolist() == pytest.approx([0.5, 0.2, 0.1])
    assert table["累计占比"].tolist() == pytest.approx([0.5, 0.7, 0.8])
    assert table["负责人"].tolist() == ["U", "V", "W"]
    assert len(sg.key_customer_table(customers, "销售额", grades=("A", "B"))) == 5
    assert sg.key_customer_table(customers, "销售额", top=2)["客户"].tolist() == [0, 1]
    with pytest.raises(CRMLabInputError):
        sg.key_customer_table(customers, "销售额", grades=("D",))
    with pytest.raises(CRMLabInputError):
        sg.key_customer_table(customers, "利润")


def test_follow_up_schedule_with_weekends_and_holidays():
    grades = pd.Series({"k1": "A", "k2": "C"})
    plan = sg.follow_up_schedule(grades, {"A": 7, "C": 30}, "2024-09-27", until="2024-10-20",
                                 skip_weekends=True,
                                 holidays=pd.date_range("2024-10-01", "2024-10-07"))
    # k1 (A, every 7 days from Fri 09-27): 09-27, 10-04 (holiday -> Tue 10-08), 10-11, 10-18.
    # k2 (C, every 30 days): 09-27 only (10-27 is after 10-20).
    k1 = plan[plan["customer"] == "k1"]
    assert k1["planned_date"].dt.strftime("%m-%d").tolist() == ["09-27", "10-04", "10-11", "10-18"]
    assert k1["date"].dt.strftime("%m-%d").tolist() == ["09-27", "10-08", "10-11", "10-18"]
    assert k1["moved"].tolist() == [False, True, False, False]
    assert k1["weekday"].tolist() == ["周五", "周二", "周五", "周五"]
    assert plan[plan["customer"] == "k2"]["contact_no"].tolist() == [1]
    # Saturday start without shifting stays on Saturday; with skip_weekends goes back to Friday.
    sat = sg.follow_up_schedule({"x": "B"}, None, "2024-06-01", until="2024-06-01")
    assert sat["weekday"].tolist() == ["周六"]
    back = sg.follow_up_schedule({"x": "B"}, None, "2024-06-01", until="2024-06-01",
                                 skip_weekends=True, roll="backward")
    assert back["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-31"]
    # Default horizon of 90 days: B every 15 days -> days 0, 15, ..., 75, 90? 90 > 89 -> 6 contacts.
    assert len(sg.follow_up_schedule({"x": "B"}, None, "2024-01-01")) == 6


@pytest.mark.parametrize("grades, intervals, start, kwargs", [
    ({"x": "D"}, None, "2024-01-01", {}),                     # unknown grade
    ({"x": "A"}, {"A": 0}, "2024-01-01", {}),                 # interval not positive
    ({"x": "A"}, {"A": 2.5}, "2024-01-01", {}),               # interval not whole days
    ({"x": "A"}, None, "someday", {}),                        # start does not parse
    ({"x": "A"}, None, "2024-01-01", {"until": "2023-12-01"}),
    ({}, None, "2024-01-01", {}),                             # no customers
    ({"x": None}, None, "2024-01-01", {}),                    # missing grade
    ({"x": "A"}, None, None, {}),                             # no start date
])
def test_follow_up_bad_input(grades, intervals, start, kwargs):
    with pytest.raises(CRMLabInputError) as error:
        sg.follow_up_schedule(pd.Series(grades, dtype=object), intervals, start, **kwargs)
    assert "/" in str(error.value)
