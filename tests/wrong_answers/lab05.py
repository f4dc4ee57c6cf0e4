"""Typical mistakes in lab05, each autograded as wrong with a message that points at it.

Every later task is checked against the course data, not against the student's own
``orders``: a slip in task 2 therefore also costs the tasks built on it, and the
fixture lists those cells too (their checks send the student back to task 2).
"""

_T4_PEAK = ["peak_level = level.max()", "threshold = 0.6 * peak_level"]
_T4_HIGH = [
    "is_high = level >= threshold",
    "in_span = (level.index >= first_month) & (level.index <= last_month)",
    "high_months = int((is_high & in_span).sum())",
]


def _t4_high(is_high=_T4_HIGH[0], in_span=_T4_HIGH[1]):
    """Task 4 step 2 as a student fills it: the two conditions, then the given last line."""
    return "\n".join([is_high, in_span, _T4_HIGH[2]])


def _t4_silent(line):
    """Task 4 step 3: the given ``after_last`` line, then the student's count."""
    return "\n".join(["after_last = one.loc[last_month:]", line])


_T7 = [
    'pattern_counts = result.loc[result["pattern"] != "", "pattern"].value_counts()',
    'ended_counts = result.loc[result["ended"], "pattern"].value_counts()',
    "largest_ended_pattern = ended_counts.idxmax()",
]

_ZERO_ROWS_CASCADE = {
    "test6_classify": "先改好任务 2",
    "test7_counts": "先让任务 6 的检查通过",
    "test7_largest": "0 订货的行",
    "test7_share": "0 订货的行",
    "test8_retention": "先改好任务 2",
    "test8_cells": "先改好任务 2",
}

WRONG_ANSWERS = [
    {
        # Copy-pasting the first line and forgetting to change the sheet name: both tables
        # are the monthly sheet.
        "name": "customers_from_wrong_sheet",
        "replace": {"task1_read": "\n".join([
            'customers = pd.read_excel(xlsx_path, sheet_name="月度订货额")',
            'monthly = pd.read_excel(xlsx_path, sheet_name="月度订货额")',
        ])},
        "fails": {"test1_read": "联系人"},
    },
    {
        # Thinking the sheet has a title row: header=1 turns the first customer into the header.
        "name": "customers_header_row_skipped",
        "replace": {"task1_read": "\n".join([
            'customers = pd.read_excel(xlsx_path, sheet_name="客户信息", header=1)',
            'monthly = pd.read_excel(xlsx_path, sheet_name="月度订货额")',
        ])},
        "fails": {"test1_read": "表头不对"},
    },
    {
        # Melting the wide sheet but keeping the months with 0: every customer then
        # looks as if he ordered every month (classification and cohorts break too).
        "name": "keeps_zero_months",
        "replace": {"task2_orders": (
            'orders = monthly.melt(id_vars="客户编号", var_name="月份", value_name="订货额")'
        )},
        "fails": {"test2_orders_shape": "订货额为 0 的行", "test2_orders_value": "500 × 36",
                  **_ZERO_ROWS_CASCADE},
    },
    {
        # dropna() to remove "empty" months: 0 is not a missing value, nothing is removed.
        "name": "dropna_instead_of_filter",
        "replace": {"task2_orders": (
            'orders = monthly.melt(id_vars="客户编号", var_name="月份", value_name="订货额").dropna()'
        )},
        "fails": {"test2_orders_shape": "dropna() 去不掉", "test2_orders_value": "500 × 36",
                  **_ZERO_ROWS_CASCADE},
    },
    {
        # reset_index() after filtering, to tidy the jumping row numbers: an extra column.
        "name": "orders_reset_index",
        "replace": {"task2_orders": "\n".join([
            'orders = monthly.melt(id_vars="客户编号", var_name="月份", value_name="订货额")',
            'orders = orders[orders["订货额"] > 0].reset_index()',
        ])},
        "fails": {"test2_orders_shape": "reset_index()"},
    },
    {
        # Leaving out the amount column: period_series then counts orders per month, and the
        # hand-worked customer's numbers are counts too.
        "name": "series_counts_not_amounts",
        "replace": {"task3_series": 'series = lifecycle.period_series(orders, "客户编号", "月份")'},
        "fails": {"test3_series": "订货次数", "test4_peak": "先让任务 3 的检查通过",
                  "test4_high": "先让任务 3 的检查通过"},
    },
    {
        # Months bundled into quarters: the rules (and the hand-worked customer) are monthly.
        # The threshold step only multiplies by 0.6, so it still passes.
        "name": "series_by_quarter",
        "replace": {"task3_series": 'series = lifecycle.period_series(orders, "客户编号", "月份", "订货额", time_unit="Q")'},
        "fails": {"test3_series": "不要设 time_unit", "test4_peak": "先让任务 3 的检查通过",
                  "test4_high": "先让任务 3 的检查通过", "test4_silent": "先让任务 3 的检查通过"},
    },
    {
        # Peak taken from the raw monthly orders instead of the 3-month level; the threshold
        # is then 60 % of that (consistent with the wrong peak, so only the peak loses points).
        "name": "peak_of_raw_orders",
        "replace": {"task4_peak": "peak_level = one.max()\nthreshold = 0.6 * peak_level"},
        "fails": {"test4_peak": "3 个月移动平均"},
    },
    {
        # The right peak, but the threshold from the highest single month: for XD0163 it
        # counts the same high months, so only the threshold's own check can catch it.
        "name": "threshold_from_raw_max",
        "replace": {"task4_peak": "peak_level = level.max()\nthreshold = 0.6 * one.max()"},
        "fails": {"test4_threshold": "不是 one 的最大值"},
    },
    {
        # The threshold typed from the table, whose levels are shown rounded to whole yuan.
        "name": "threshold_typed_from_rounded_table",
        "replace": {"task4_peak": "peak_level = level.max()\nthreshold = 0.6 * 34537"},
        "fails": {"test4_threshold": "不要自己抄数字"},
    },
    {
        # 60 % written as 60.
        "name": "threshold_times_60",
        "replace": {"task4_peak": "peak_level = level.max()\nthreshold = 60 * peak_level"},
        "fails": {"test4_threshold": "60% 就是 0.6", "test4_high": "先让第 1 步的检查通过"},
    },
    {
        # Comparing the raw monthly orders, not the 3-month level, with the threshold.
        "name": "is_high_from_raw_orders",
        "replace": {"task4_high": _t4_high(is_high="is_high = one >= threshold")},
        "fails": {"test4_high": "比较的是单月订货额 one"},
    },
    {
        # Only the first boundary: the months after the last order, while the moving
        # average is still high, are counted too.
        "name": "in_span_without_last_month_bound",
        "replace": {"task4_high": _t4_high(in_span="in_span = level.index >= first_month")},
        "fails": {"test4_high": "level.index <= last_month"},
    },
    {
        # Strict comparisons: the first and the last month with an order left out.
        "name": "in_span_strict_bounds",
        "replace": {"task4_high": _t4_high(
            in_span="in_span = (level.index > first_month) & (level.index < last_month)")},
        "fails": {"test4_high": "少了两头的月份"},
    },
    {
        # Only the last month left out (< instead of <=).
        "name": "in_span_strict_last_month",
        "replace": {"task4_high": _t4_high(
            in_span="in_span = (level.index >= first_month) & (level.index < last_month)")},
        "fails": {"test4_high": "少了最后一次订货的那个月"},
    },
    {
        # Counting the months from the last order on, the last order's month included.
        "name": "silent_includes_last_order_month",
        "replace": {"task4_silent": _t4_silent("months_silent = len(after_last)")},
        "fails": {"test4_silent": "多数了一个月"},
    },
    {
        # Counting every month without an order, also those before the first order.
        "name": "silent_counts_all_zero_months",
        "replace": {"task4_silent": _t4_silent("months_silent = int((one == 0).sum())")},
        "fails": {"test4_silent": "首次订货以前的月份不算"},
    },
    {
        # Giving the highest stage reached as the stage at the end of 2023.
        "name": "stage_is_highest_stage",
        "replace": {"task5_verdict": 'my_stage = "形成期"\nmy_pattern = "中途夭折型"'},
        "fails": {"test5_stage": "最高阶段"},
    },
    {
        # The verdict that the miscounted high months (outside the span) would suggest.
        "name": "pattern_reached_stable",
        "replace": {"task5_verdict": 'my_stage = "退化期"\nmy_pattern = "提前退出型"'},
        "fails": {"test5_pattern": "高水平月够 6 个吗"},
    },
    {
        # Classifying by quarters: the rules of task 4 are monthly.
        "name": "classify_by_quarter",
        "replace": {"task6_classify": 'result = lifecycle.classify_customers(orders, "客户编号", "月份", "订货额", time_unit="Q")'},
        "fails": {"test6_classify": "按季度", "test7_counts": "先让任务 6 的检查通过",
                  "test7_share": "占比不对"},
    },
    {
        # Counting patterns only among ended relationships: 长久保持型 goes missing.
        "name": "pattern_counts_only_ended",
        "replace": {"task7_patterns": "\n".join([
            'pattern_counts = result.loc[result["ended"], "pattern"].value_counts()',
            *_T7[1:],
            "largest_share = ended_counts.max() / ended_counts.sum()",
        ])},
        "fails": {"test7_counts": "少了长久保持型"},
    },
    {
        # Share as a percentage (0-100) instead of 0-1.
        "name": "share_in_percent",
        "replace": {"task7_patterns": "\n".join([
            *_T7, "largest_share = ended_counts.max() / ended_counts.sum() * 100"])},
        "fails": {"test7_share": "0 到 1 之间的小数"},
    },
    {
        # Share of all customers instead of the ended relationships.
        "name": "share_of_all_customers",
        "replace": {"task7_patterns": "\n".join([*_T7, "largest_share = ended_counts.max() / len(result)"])},
        "fails": {"test7_share": "分母应该是关系已经结束的客户总数"},
    },
    {
        # Share of the customers with a known pattern: 长久保持型 is not an ended relationship.
        "name": "share_of_known_patterns",
        "replace": {"task7_patterns": "\n".join([*_T7, "largest_share = ended_counts.max() / pattern_counts.sum()"])},
        "fails": {"test7_share": "长久保持型的关系还没有结束"},
    },
    {
        # Monthly cohorts instead of quarterly ones.
        "name": "monthly_cohorts",
        "replace": {"task8_cohort": "\n".join([
            'retention = lifecycle.cohort_retention(orders, "客户编号", "月份")',
            'retention_2021q1 = retention.iloc[0, 3]',
            'retention_2022q3 = retention.iloc[18, 3]',
        ])},
        "fails": {"test8_retention": "time_unit=\"Q\"", "test8_cells": "retention_2021q1 不对"},
    },
    {
        # Off by one: "the 4th column" read as column 3 (columns start at 0).
        "name": "cohort_cell_off_by_one",
        "replace": {"task8_cohort": "\n".join([
            'retention = lifecycle.cohort_retention(orders, "客户编号", "月份", time_unit="Q")',
            'retention_2021q1 = retention.loc["2021Q1", 2]',
            'retention_2022q3 = retention.loc["2022Q3", 2]',
        ])},
        "fails": {"test8_cells": "少数了一列"},
    },
    {
        # Counting the first quarter as quarter 1: one column too far.
        "name": "cohort_cell_counted_from_one",
        "replace": {"task8_cohort": "\n".join([
            'retention = lifecycle.cohort_retention(orders, "客户编号", "月份", time_unit="Q")',
            'retention_2021q1 = retention.loc["2021Q1", 4]',
            'retention_2022q3 = retention.loc["2022Q3", 4]',
        ])},
        "fails": {"test8_cells": "多数了一列"},
    },
]
