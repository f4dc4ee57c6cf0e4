"""Typical mistakes in lab00, each failing its visible check (and autograde) with a message that points at it."""

WRONG_ANSWERS = [
    # --- 任务 1: counting the customers -------------------------------------------------
    {
        # customers.shape is (rows, columns), not the number of customers.
        "name": "count_with_shape",
        "replace": {"task1_count": "n_customers = customers.shape"},
        "fails": {"test1_count_type": "(行数, 列数)", "test1_count_value": "数的应该是行数"},
    },
    {
        # Counting the columns instead of the rows.
        "name": "count_columns",
        "replace": {"task1_count": "n_customers = len(customers.columns)"},
        "fails": {"test1_count_value": "这是表格的列数"},
    },
    {
        # customers.size counts cells (rows x columns).
        "name": "count_cells_with_size",
        "replace": {"task1_count": "n_customers = int(customers.size)"},
        "fails": {"test1_count_value": "格子的总数"},
    },
    # --- 任务 2: the average spend, 四舍五入 to 2 decimals ------------------------------
    {
        # Averaging the wrong column: 购买次数 instead of 近一年消费金额.
        "name": "mean_of_wrong_column",
        "replace": {"task2_mean": 'avg_spend = round_half_up(customers["购买次数"].mean(), 2)'},
        "fails": {"test2_mean_range": "是不是用了别的列", "test2_mean_value": "平均消费金额不对"},
    },
    {
        # Summing instead of averaging.
        "name": "sum_instead_of_mean",
        "replace": {"task2_mean": 'avg_spend = round_half_up(customers["近一年消费金额"].sum(), 2)'},
        "fails": {"test2_mean_range": "用合计代替了平均", "test2_mean_value": "平均消费金额不对"},
    },
    {
        # The median (issue 13): 2020.25 lies between min and max, so a range check let it pass.
        "name": "median_instead_of_mean",
        "replace": {"task2_mean": 'avg_spend = round_half_up(customers["近一年消费金额"].median(), 2)'},
        "fails": {"test2_mean_value": "中位数"},
    },
    {
        # Python's round: 2870.125 -> 2870.12, but 四舍五入 by hand gives 2870.13 (issue 13).
        "name": "python_round_is_not_half_up",
        "replace": {"task2_mean": 'avg_spend = round(customers["近一年消费金额"].mean(), 2)'},
        "fails": {"test2_mean_value": "round_half_up"},
    },
    {
        # Not rounding at all: the right mean, but not 保留 2 位小数.
        "name": "mean_not_rounded",
        "replace": {"task2_mean": 'avg_spend = float(customers["近一年消费金额"].mean())'},
        "fails": {"test2_mean_rounding": "保留 2 位小数"},
    },
    {
        # Rounding early to 1 decimal: 2870.1 passes the "保留 2 位小数" test, the value check says which places.
        "name": "mean_rounded_to_one_decimal",
        "replace": {"task2_mean": 'avg_spend = round_half_up(customers["近一年消费金额"].mean(), 1)'},
        "fails": {"test2_mean_value": "只保留了 1 位小数"},
    },
    {
        # Rounding to a whole number: round(x) gives an int.
        "name": "mean_rounded_to_integer",
        "replace": {"task2_mean": 'avg_spend = round(customers["近一年消费金额"].mean())'},
        "fails": {"test2_mean_range": "不要取整", "test2_mean_value": "取成了整数"},
    },
    # --- 任务 3: the gold members -------------------------------------------------------
    {
        # Filtering by amount instead of by 会员等级: everyone found is gold, but not every gold member.
        "name": "gold_by_amount",
        "replace": {"task3_filter": 'gold_members = customers[customers["近一年消费金额"] > 5000]'},
        "fails": {"test3_filter_type": "不是金卡", "test3_filter_count": "会员等级"},
    },
    {
        # The four biggest spenders (over 3000 yuan) are not the four 金卡 members.
        "name": "gold_by_amount_over_3000",
        "replace": {"task3_filter": 'gold_members = customers[customers["近一年消费金额"] > 3000]'},
        "fails": {"test3_filter_type": "不是金卡", "test3_filter_count": "会员等级"},
    },
    {
        # Frequent buyers (more than 10 purchases) taken for 金卡 members.
        "name": "gold_by_purchase_count",
        "replace": {"task3_filter": 'gold_members = customers[customers["购买次数"] > 10]'},
        "fails": {"test3_filter_type": "不是金卡", "test3_filter_count": "会员等级"},
    },
    {
        # The top four by spend.
        "name": "gold_as_top_four_spenders",
        "replace": {"task3_filter": ('gold_members = customers.sort_values("近一年消费金额", ascending=False)'
                                     '.head(4)')},
        "fails": {"test3_filter_type": "不是金卡", "test3_filter_count": "会员等级"},
    },
    {
        # "Not ordinary" takes the silver members too.
        "name": "gold_and_silver",
        "replace": {"task3_filter": 'gold_members = customers[customers["会员等级"] != "普通"]'},
        "fails": {"test3_filter_type": "混进了不是金卡的客户", "test3_filter_count": "对不上"},
    },
    {
        # The condition alone (a column of True/False), not the rows it selects.
        "name": "gold_condition_only",
        "replace": {"task3_filter": 'gold_members = customers["会员等级"] == "金卡"'},
        "fails": {"test3_filter_type": "应该是一张表", "test3_filter_count": "应该是一张表"},
    },
    # --- 任务 4: spend by city ----------------------------------------------------------
    {
        # Forgetting to sort, and averaging per city instead of summing.
        "name": "city_mean_unsorted",
        "replace": {"task4_groupby": 'city_spend = customers.groupby("城市")["近一年消费金额"].mean()'},
        "fails": {"test4_groupby_shape": "从大到小排序", "test4_groupby_value": "求了平均值"},
    },
    {
        # Counting customers per city instead of adding up their spend (sorted, so the form looks right).
        "name": "city_count_not_sum",
        "replace": {"task4_groupby": 'city_spend = customers["城市"].value_counts()'},
        "fails": {"test4_groupby_value": "数了人数"},
    },
    {
        # Sorted the wrong way round (ascending is the default of sort_values).
        "name": "city_sorted_ascending",
        "replace": {"task4_groupby": 'city_spend = customers.groupby("城市")["近一年消费金额"].sum().sort_values()'},
        "fails": {"test4_groupby_shape": "从大到小排序"},
    },
    {
        # Rounding the city totals: the sums then miss the grand total by less than a yuan per city.
        "name": "city_totals_rounded",
        "replace": {"task4_groupby": ('city_spend = customers.groupby("城市")["近一年消费金额"].sum().round()'
                                      '.sort_values(ascending=False)')},
        "fails": {"test4_groupby_value": "用 round 取了整"},
    },
]
