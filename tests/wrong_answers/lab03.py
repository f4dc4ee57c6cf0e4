"""Typical mistakes in lab03 (客户终身价值), each failing its visible check with a message that points at it.

Every fixture lists *all* test cells that lose points, the cascades included: the visible
checks compare with the fingerprints of the true figures, so a wrong input in task 1 (or a
wrong summary in task 7) also fails the later checks that use it.  The common hint of those
later checks is "（前面的检查没通过时，先改前面的。）".

The notebook numbers its tasks in the order a student meets them: 任务 1–4 and 5–8 in class
(cell ids task1..task4 and task7..task10), 任务 9 and 10 after class (cell ids task5, task6,
placed in the 课后 part).  The comments below use the cell ids' numbers.
"""

T1 = "n = 10\nCo = 500\nPo = 3000\nIn = 1000\nCs = 100\nr = {r}"
T2 = ("years = np.arange(1, n + 1)\n"
      "yearly_margin = pd.Series(In - Cs, index=years)\n"
      "clv_one = Po - Co + yearly_margin.sum()")
T3 = ("table3 = pd.DataFrame({{\"年份\": {years}}})\n"
      "table3[\"净现金流\"] = In - Cs\n"
      "table3[\"贴现因子\"] = {factor}\n"
      "table3[\"现值\"] = table3[\"净现金流\"] * table3[\"贴现因子\"]\n"
      "clv_three = {value}")
T3_RIGHT = dict(years="years", factor="1 / (1 + r) ** table3[\"年份\"]", value="Po - Co + table3[\"现值\"].sum()")
T5 = ("ab = pd.DataFrame({{\n"
      "    \"模型一\": clv.model_one(10, {args}),\n"
      "    \"模型三\": clv.model_three(10, {args}, r={r}),\n"
      "}}, index=[\"A\", \"B\"])\n"
      "better_customer = {better}")
T5_RIGHT = dict(args="In=[500, 550], Cs=[200, 300]", r="0.08", better="ab[\"模型三\"].idxmax()")
T7 = "summary = clv.summarize_transactions(transactions, \"customer_id\", \"date\", {rest})"
T8 = ("bgf = clv.BetaGeoModel().fit({data}[\"frequency\"], {data}[\"recency\"], {data}[\"T\"])\n"
      "p_alive = bgf.probability_alive(summary[\"frequency\"], summary[\"recency\"], summary[\"T\"])\n"
      "n_active = int({count})")
T8_RIGHT = dict(data="summary", count="((summary[\"frequency\"] > 0) & (p_alive >= 0.5)).sum()")
T9 = ("expected_52 = bgf.expected_purchases({t}, summary[\"frequency\"], summary[\"recency\"], summary[\"T\"])\n"
      "total_next_year = float(expected_52.{total}())")
T10 = ("buyers = summary[summary[\"frequency\"] > 0]\n"
       "ggf = clv.GammaGammaModel().fit(buyers[\"frequency\"], buyers[\"monetary\"])\n"
       "clv_12 = clv.customer_lifetime_value(bgf, ggf, summary[\"frequency\"], summary[\"recency\"], summary[\"T\"],\n"
       "                                     summary[\"monetary\"], months=12, discount_rate=0.01{unit})\n"
       "top10 = clv_12.{top}")
T10_RIGHT = dict(unit=", time_unit=\"W\"", top="sort_values(ascending=False).head(10)")

EARLIER = "先改前面"   # the hint every later check gives when an earlier task is wrong


def t3(**changes):
    return T3.format(**{**T3_RIGHT, **changes})


def t5(**changes):
    return T5.format(**{**T5_RIGHT, **changes})


def t8(**changes):
    return T8.format(**{**T8_RIGHT, **changes})


def t10(**changes):
    return T10.format(**{**T10_RIGHT, **changes})


WRONG_ANSWERS = [
    # ---------------------------------------------------------------- task 1: the data of 习题一
    {
        # Writing the interest rate 8 % as 8 instead of 0.08; the library then refuses r=8 in task 4.
        "name": "rate_as_percent_number",
        "replace": {"task1_params": T1.format(r="8")},
        "fails": {"test1_params": "8% 写 0.08", "test3_three_table": "8% 写 0.08",
                  "test3_three_value": "8% 写 0.08", "test4_library": "还没有定义 lib_three",
                  "test4_breakdown": "还没有定义 bd"},
    },
    {
        # 8 % typed as 0.8 (one zero missing): between 0 and 1, so only the figures show it.
        "name": "rate_ten_times_too_large",
        "replace": {"task1_params": T1.format(r="0.8")},
        "fails": {"test1_params": "利率 r 写大了", "test3_three_table": EARLIER,
                  "test3_three_value": EARLIER, "test4_library": EARLIER, "test4_breakdown": EARLIER},
    },
    {
        # A wrong amount (Cs = 200): the message must not add the rounding hint (the inputs are
        # whole numbers); every later check of exercise 1 shows the cascade.
        "name": "wrong_service_cost_in_task1",
        "replace": {"task1_params": "n = 10\nCo = 500\nPo = 3000\nIn = 1000\nCs = 200\nr = 0.08"},
        "fails": {"test1_params": "有数据和习题一不一致", "test2_one_table": EARLIER, "test2_one_value": EARLIER,
                  "test3_three_table": "净现金流不对", "test3_three_value": EARLIER, "test4_library": EARLIER,
                  "test4_breakdown": EARLIER, "test6_sensitivity": EARLIER},
    },
    {
        # Co and Po swapped in task 1: hand and library results agree with each other, both wrong.
        "name": "swap_co_po_in_task1",
        "replace": {"task1_params": "n = 10\nCo = 3000\nPo = 500\nIn = 1000\nCs = 100\nr = 0.08"},
        "fails": {"test1_params": "Co 和 Po 写反了", "test2_one_value": "Co 和 Po", "test3_three_value": "Co 和 Po",
                  "test4_library": "Co 和 Po", "test4_breakdown": "Co 和 Po", "test6_sensitivity": "Co 和 Po"},
    },
    # ---------------------------------------------------------------- task 2: model one by hand
    {
        # Ignoring the year-0 term Po - Co: only the yearly margins are summed.
        "name": "ignore_first_purchase_and_acquisition_cost",
        "replace": {"task2_model_one": ("years = np.arange(1, n + 1)\n"
                                        "yearly_margin = pd.Series(In - Cs, index=years)\n"
                                        "clv_one = yearly_margin.sum()")},
        "fails": {"test2_one_value": "Po − Co"},
    },
    {
        # np.arange(1, n) stops at n - 1: nine years; task 3 reuses `years` and is short of a year too.
        "name": "years_off_by_one",
        "replace": {"task2_model_one": T2.replace("np.arange(1, n + 1)", "np.arange(1, n)")},
        "fails": {"test2_one_table": "np.arange 的终点不包含在内", "test2_one_value": "少算了一年",
                  "test3_three_table": "任务 2 的 years", "test3_three_value": EARLIER},
    },
    {
        # Signs of the year-0 term reversed: Co - Po instead of Po - Co.
        "name": "year0_signs_reversed",
        "replace": {"task2_model_one": T2.replace("Po - Co + ", "Co - Po + ")},
        "fails": {"test2_one_value": "Co 和 Po 的加减弄反了"},
    },
    {
        # yearly_margin as a plain list and clv_one with sum(): the value check must say so in
        # Chinese (it used to raise AttributeError: 'list' object has no attribute 'sum').
        "name": "yearly_margin_as_list",
        "replace": {"task2_model_one": ("years = np.arange(1, n + 1)\n"
                                        "yearly_margin = [In - Cs] * n\n"
                                        "clv_one = Po - Co + sum(yearly_margin)")},
        "fails": {"test2_one_table": "pd.Series", "test2_one_value": "不是列表"},
    },
    # ---------------------------------------------------------------- task 3: model three by hand
    {
        # Discounting from year 0 instead of year 1 (years 0..n-1).
        "name": "discount_from_year_zero",
        "replace": {"task3_model_three": t3(years="np.arange(0, n)")},
        "fails": {"test3_three_table": "贴现应从第 1 年开始", "test3_three_value": "第一年的净收益没有贴现"},
    },
    {
        # Simple instead of compound discounting: 1 / (1 + r t).
        "name": "linear_discount_factor",
        "replace": {"task3_model_three": t3(factor="1 / (1 + r * table3[\"年份\"])")},
        "fails": {"test3_three_table": "要用乘方", "test3_three_value": "要用乘方"},
    },
    {
        # Discounting one year late: year t divided by (1 + r) ** (t - 1), so year 1 is not discounted.
        "name": "discount_exponent_t_minus_1",
        "replace": {"task3_model_three": t3(factor="1 / (1 + r) ** (table3[\"年份\"] - 1)")},
        "fails": {"test3_three_table": "贴现晚了一年", "test3_three_value": "第一年的净收益没有贴现"},
    },
    {
        # Discount factors rounded to 4 decimals like the textbook's table: the table passes (it is
        # checked at 4 decimals) but the sum of the rounded factors makes clv_three a whole number.
        "name": "discount_factors_rounded_to_4",
        "replace": {"task3_model_three": t3(factor="(1 / (1 + r) ** table3[\"年份\"]).round(4)")},
        "fails": {"test3_three_value": "贴现因子被四舍五入"},
    },
    {
        # The Series yearly_margin (index 1..n) put into table3 (index 0..n-1): year 1 becomes NaN.
        "name": "net_cash_flow_misaligned_index",
        "replace": {"task3_model_three": t3().replace("table3[\"净现金流\"] = In - Cs",
                                                      "table3[\"净现金流\"] = yearly_margin")},
        "fails": {"test3_three_table": "空值（NaN）", "test3_three_value": EARLIER},
    },
    {
        # Model three without the year-0 term: only the present values are summed.
        "name": "model_three_without_year0",
        "replace": {"task3_model_three": t3(value="table3[\"现值\"].sum()")},
        "fails": {"test3_three_value": "别忘了第 0 年的 Po − Co"},
    },
    {
        # Rounded early to 1 decimal: the check keeps 2 and adds answercheck's hint about rounding.
        "name": "model_three_rounded_early",
        "replace": {"task3_model_three": t3(value="round(Po - Co + table3[\"现值\"].sum(), 1)")},
        "fails": {"test3_three_value": "提前用 round 取了整"},
    },
    # ---------------------------------------------------------------- task 4: the library
    {
        # Positional arguments in the order of the exercise text (Po before Co): Co and Po swapped.
        "name": "library_co_po_positional_swap",
        "replace": {"task4_library": ("lib_one = clv.model_one(n, Po, Co, In, Cs)\n"
                                      "lib_three = clv.model_three(n, Po, Co, In, Cs, r)\n"
                                      "bd = clv.breakdown(n, Po, Co, In, Cs, r)")},
        "fails": {"test4_library": "Co 和 Po 传反了", "test4_breakdown": "Co 和 Po 传反了"},
    },
    {
        # breakdown called without r: its default 0 means no discounting at all.
        "name": "breakdown_without_rate",
        "replace": {"task4_library": ("lib_one = clv.model_one(n, Co=Co, Po=Po, In=In, Cs=Cs)\n"
                                      "lib_three = clv.model_three(n, Co=Co, Po=Po, In=In, Cs=Cs, r=r)\n"
                                      "bd = clv.breakdown(n, Co=Co, Po=Po, In=In, Cs=Cs)")},
        "fails": {"test4_breakdown": "别忘了传入利率 r"},
    },
    {
        # round(...) of the library's value gives an int, which answercheck's automatic hint does not see.
        "name": "library_value_rounded_to_int",
        "replace": {"task4_library": ("lib_one = clv.model_one(n, Co=Co, Po=Po, In=In, Cs=Cs)\n"
                                      "lib_three = round(clv.model_three(n, Co=Co, Po=Po, In=In, Cs=Cs, r=r))\n"
                                      "bd = clv.breakdown(n, Co=Co, Po=Po, In=In, Cs=Cs, r=r)")},
        "fails": {"test4_library": "取成了整数"},
    },
    # ---------------------------------------------------------------- task 5 (任务 9, after class): customers A and B
    {
        # r=8 typed in task 5 itself: the library refuses it, so ab is never made.
        "name": "customers_rate_as_percent_number",
        "replace": {"task5_customers": t5(r="8")},
        "fails": {"test5_ab_shape": "还没有定义 ab", "test5_ab_value": "还没有定义 ab",
                  "test5_better": "还没有定义 better_customer"},
    },
    {
        # Only revenue counted (service costs left out): B then looks better, consistently with the table.
        "name": "customers_revenue_only",
        "replace": {"task5_customers": t5(args="In=[500, 550], Cs=[0, 0]")},
        "fails": {"test5_ab_value": "只算了收入", "test5_better": "结论不对"},
    },
    {
        # Co and Po of exercise 1 carried over into exercise 2, which has none.
        "name": "customers_with_exercise1_costs",
        "replace": {"task5_customers": t5(args="Co=Co, Po=Po, In=[500, 550], Cs=[200, 300]")},
        "fails": {"test5_ab_value": "不要把习题一的 Co、Po 带进来"},
    },
    {
        # idxmax() over the whole table: a Series (one name per column), not one name.
        "name": "customers_conclusion_is_a_series",
        "replace": {"task5_customers": t5(better="ab.idxmax()")},
        "fails": {"test5_better": "不要对整张表用"},
    },
    {
        # Right table, conclusion typed by hand from the higher revenue.
        "name": "customers_conclusion_from_revenue",
        "replace": {"task5_customers": t5(better="\"B\"")},
        "fails": {"test5_better": "和你的表 ab 不一致"},
    },
    {
        # Model one's function in the 模型三 column: both columns equal (and whole numbers).
        "name": "ab_model_one_twice",
        "replace": {"task5_customers": t5().replace("clv.model_three(10, In=[500, 550], Cs=[200, 300], r=0.08)",
                                                    "clv.model_one(10, In=[500, 550], Cs=[200, 300])")},
        "fails": {"test5_ab_value": "一模一样"},
    },
    # ---------------------------------------------------------------- task 6 (任务 10, after class): sensitivity
    {
        # Model one (no discounting) for every rate: a flat line.
        "name": "sensitivity_with_model_one",
        "replace": {"task6_sensitivity": ("rates = [0, 0.04, 0.08, 0.12, 0.16]\n"
                                          "sensitivity = pd.Series([clv.model_one(n, Co=Co, Po=Po, In=In, Cs=Cs)] * 5,"
                                          " index=rates)")},
        "fails": {"test6_sensitivity": "是不是用了模型三"},
    },
    {
        # Co and Po not passed: the year-0 term is missing at every rate.
        "name": "sensitivity_without_year0",
        "replace": {"task6_sensitivity": ("rates = [0, 0.04, 0.08, 0.12, 0.16]\n"
                                          "sensitivity = pd.Series(clv.model_three(n, In=In, Cs=Cs, r=rates), index=rates)")},
        "fails": {"test6_sensitivity": "漏了第 0 年的 Po − Co"},
    },
    # ---------------------------------------------------------------- task 7: the summary
    {
        # time_unit left out: the default is months, so every later figure is off too.
        "name": "summary_in_months",
        "replace": {"task7_summary": T7.format(rest="\"amount\"")},
        "fails": {"test7_summary": "看起来时间单位是月", "test8_model": EARLIER, "test8_alive": EARLIER,
                  "test9_expected": EARLIER, "test10_top10_value": EARLIER},
    },
    {
        # Days instead of weeks.
        "name": "summary_in_days",
        "replace": {"task7_summary": T7.format(rest="\"amount\", time_unit=\"D\"")},
        "fails": {"test7_summary": "看起来时间单位是天", "test8_model": EARLIER, "test8_alive": EARLIER,
                  "test9_expected": EARLIER, "test10_top10_value": EARLIER},
    },
    {
        # An observation end half a year after the data: every customer looks older.
        "name": "summary_observation_end_too_late",
        "replace": {"task7_summary": T7.format(rest="\"amount\", time_unit=\"W\", observation_end=\"1998-12-31\"")},
        "fails": {"test7_summary": "观察期末（observation_end）不用自己设", "test8_model": EARLIER,
                  "test8_alive": EARLIER, "test9_expected": EARLIER, "test10_top10_value": EARLIER},
    },
    {
        # Amount column left out: no monetary, so Gamma-Gamma in task 10 cannot run.
        "name": "summary_without_amount",
        "replace": {"task7_summary": T7.format(rest="time_unit=\"W\"")},
        "fails": {"test7_summary": "给出金额列了吗", "test10_top10_shape": "还没有定义 top10",
                  "test10_top10_value": "还没有定义 ggf"},
    },
    # ---------------------------------------------------------------- task 8: BG/NBD and P(alive)
    {
        # BG/NBD fitted on repeat buyers only (the filter belongs to Gamma-Gamma).
        "name": "bgnbd_fitted_on_repeat_buyers",
        "replace": {"task8_alive": "buyers = summary[summary[\"frequency\"] > 0]\n" + t8(data="buyers")},
        "fails": {"test8_model": "只用有重复购买的客户", "test8_alive": EARLIER, "test9_expected": EARLIER,
                  "test10_top10_value": EARLIER},
    },
    {
        # frequency > 0 forgotten: one-time buyers (P(alive) = 1) are counted as active.
        "name": "active_counts_one_time_buyers",
        "replace": {"task8_alive": t8(count="(p_alive >= 0.5).sum()")},
        "fails": {"test8_alive": "只买过一次的客户也数进去了"},
    },
    {
        # The condition turned round: repeat buyers who are probably gone.
        "name": "active_condition_reversed",
        "replace": {"task8_alive": t8(count="((summary[\"frequency\"] > 0) & (p_alive < 0.5)).sum()")},
        "fails": {"test8_alive": "条件的方向反了"},
    },
    {
        # Probabilities rounded to 2 decimals: the mean checked at 3 decimals moves, so the check
        # looks at the probabilities themselves.
        "name": "p_alive_rounded",
        "replace": {"task8_alive": t8().replace("p_alive = bgf.probability_alive(summary[\"frequency\"], "
                                                "summary[\"recency\"], summary[\"T\"])",
                                                "p_alive = bgf.probability_alive(summary[\"frequency\"], "
                                                "summary[\"recency\"], summary[\"T\"]).round(2)")},
        "fails": {"test8_alive": "用 round 取了整"},
    },
    # ---------------------------------------------------------------- task 9: next year's purchases
    {
        # A year is 12 (months) instead of 52 weeks in the BG/NBD prediction.
        "name": "next_year_as_12_periods",
        "replace": {"task9_expected": T9.format(t="12", total="sum")},
        "fails": {"test9_expected": "一年是 52 周"},
    },
    {
        # The mean per customer instead of the total.
        "name": "next_year_total_as_mean",
        "replace": {"task9_expected": T9.format(t="52", total="mean")},
        "fails": {"test9_expected": "不是平均数"},
    },
    {
        # The total rounded to a whole number of purchases (the task asks for the sum itself).
        "name": "next_year_total_rounded",
        "replace": {"task9_expected": T9.format(t="52", total="sum").replace(
            "total_next_year = float(expected_52.sum())", "total_next_year = round(float(expected_52.sum()))")},
        "fails": {"test9_expected": "用 round 取了整"},
    },
    # ---------------------------------------------------------------- task 10: CLV and the top 10
    {
        # Sorting the customer values ascending: the 10 least valuable customers.
        "name": "top10_sorted_ascending",
        "replace": {"task10_top10": t10(top="sort_values().head(10)")},
        "fails": {"test10_top10_shape": "从大到小", "test10_top10_value": "top10 不对"},
    },
    {
        # time_unit left out of customer_lifetime_value: weeks are read as months.
        "name": "clv_default_time_unit",
        "replace": {"task10_top10": t10(unit="")},
        "fails": {"test10_top10_value": "time_unit 要和汇总表一致"},
    },
    {
        # Every customer's value rounded to whole dollars: the total checked at 0 decimals moves.
        "name": "clv_12_rounded",
        "replace": {"task10_top10": t10().replace("time_unit=\"W\")", "time_unit=\"W\").round()")},
        "fails": {"test10_top10_value": "用 round 取了整"},
    },
]
