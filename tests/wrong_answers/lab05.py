"""Typical mistakes in lab05, each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # Melting the wide sheet but keeping the months with 0: every customer then
        # looks as if he ordered every month.
        "name": "keeps_zero_months",
        "replace": {"task2_orders": (
            'orders = monthly.melt(id_vars="客户编号", var_name="月份", value_name="订货额")'
        )},
        "fails": {"test2_orders_shape": "订货额为 0 的行"},
    },
    {
        # Counting high months over the whole series, including the months after the
        # last order while the moving average is still high.
        "name": "high_months_outside_span",
        "replace": {"task4_hand": "\n".join([
            "peak_level = level.max()",
            "first_month = one[one > 0].index.min()",
            "last_month = one[one > 0].index.max()",
            "high_months = int((level >= 0.6 * peak_level).sum())",
            "months_silent = int((one.loc[last_month:] == 0).sum())",
        ])},
        "fails": {"test4_high": "只能数首次订货到最后一次订货之间的月份"},
    },
    {
        # Peak taken from the raw monthly orders instead of the 3-month level.
        "name": "peak_of_raw_orders",
        "replace": {"task4_hand": "\n".join([
            "peak_level = one.max()",
            "first_month = one[one > 0].index.min()",
            "last_month = one[one > 0].index.max()",
            "high_months = int(((level >= 0.6 * level.max()) & (level.index >= first_month)",
            "                   & (level.index <= last_month)).sum())",
            "months_silent = int((one.loc[last_month:] == 0).sum())",
        ])},
        "fails": {"test4_peak": "3 个月移动平均"},
    },
    {
        # Share as a percentage (0-100) instead of 0-1.
        "name": "share_in_percent",
        "replace": {"task7_patterns": "\n".join([
            'pattern_counts = result.loc[result["pattern"] != "", "pattern"].value_counts()',
            'ended_counts = result.loc[result["ended"], "pattern"].value_counts()',
            "largest_ended_pattern = ended_counts.idxmax()",
            "largest_share = ended_counts.max() / ended_counts.sum() * 100",
        ])},
        "fails": {"test7_share": "0 到 1 之间的小数"},
    },
    {
        # Share of all customers instead of the ended relationships.
        "name": "share_of_all_customers",
        "replace": {"task7_patterns": "\n".join([
            'pattern_counts = result.loc[result["pattern"] != "", "pattern"].value_counts()',
            'ended_counts = result.loc[result["ended"], "pattern"].value_counts()',
            "largest_ended_pattern = ended_counts.idxmax()",
            "largest_share = ended_counts.max() / len(result)",
        ])},
        "fails": {"test7_share": "分母应该是关系已经结束的客户总数"},
    },
    {
        # Monthly cohorts instead of quarterly ones.
        "name": "monthly_cohorts",
        "replace": {"task8_cohort": "\n".join([
            'retention = lifecycle.cohort_retention(orders, "客户编号", "月份")',
            'retention_2021q1 = retention.iloc[0, 4]',
            'retention_2022q1 = retention.iloc[12, 4]',
        ])},
        "fails": {"test8_retention": "period=\"Q\""},
    },
]
