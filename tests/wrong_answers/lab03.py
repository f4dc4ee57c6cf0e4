"""Typical mistakes in lab03 (客户终身价值), each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # Writing the interest rate 8 % as 8 instead of 0.08.
        "name": "rate_as_percent_number",
        "replace": {"task1_params": "n = 10\nCo = 500\nPo = 3000\nIn = 1000\nCs = 100\nr = 8"},
        "fails": {"test1_params": "8% 写 0.08", "test3_three_value": "8% 写 0.08"},
    },
    {
        # Ignoring the year-0 term Po - Co: only the yearly margins are summed.
        "name": "ignore_first_purchase_and_acquisition_cost",
        "replace": {"task2_model_one": ("years = np.arange(1, n + 1)\n"
                                        "yearly_margin = pd.Series(In - Cs, index=years)\n"
                                        "clv_one = yearly_margin.sum()")},
        "fails": {"test2_one_value": "Po − Co"},
    },
    {
        # Discounting from year 0 instead of year 1 (years 0..n-1).
        "name": "discount_from_year_zero",
        "replace": {"task3_model_three": (
            "table3 = pd.DataFrame({\"年份\": np.arange(0, n)})\n"
            "table3[\"净现金流\"] = In - Cs\n"
            "table3[\"贴现因子\"] = 1 / (1 + r) ** table3[\"年份\"]\n"
            "table3[\"现值\"] = table3[\"净现金流\"] * table3[\"贴现因子\"]\n"
            "clv_three = Po - Co + table3[\"现值\"].sum()")},
        "fails": {"test3_three_table": "贴现应从第 1 年开始", "test3_three_value": "从第 0 年就开始贴现"},
    },
    {
        # A year is 12 (months) instead of 52 weeks in the BG/NBD prediction.
        "name": "next_year_as_12_periods",
        "replace": {"task9_expected": (
            "expected_52 = bgf.expected_purchases(12, summary[\"frequency\"], summary[\"recency\"], summary[\"T\"])\n"
            "total_next_year = float(expected_52.sum())")},
        "fails": {"test9_expected": "一年是 52 周"},
    },
    {
        # Sorting the customer values ascending: the 10 least valuable customers.
        "name": "top10_sorted_ascending",
        "replace": {"task10_top10": (
            "buyers = summary[summary[\"frequency\"] > 0]\n"
            "ggf = clv.GammaGammaModel().fit(buyers[\"frequency\"], buyers[\"monetary\"])\n"
            "clv_12 = clv.customer_lifetime_value(bgf, ggf, summary[\"frequency\"], summary[\"recency\"], summary[\"T\"],\n"
            "                                     summary[\"monetary\"], months=12, discount_rate=0.01, time_unit=\"W\")\n"
            "top10 = clv_12.sort_values().head(10)")},
        "fails": {"test10_top10_shape": "从大到小"},
    },
]
