"""Typical mistakes in lab00, each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # Averaging the wrong column: 购买次数 instead of 近一年消费金额.
        "name": "mean_of_wrong_column",
        "replace": {"task2_mean": 'avg_spend = round(customers["购买次数"].mean(), 2)'},
        "fails": {"test2_mean_range": "是不是用了别的列"},
    },
    {
        # Summing instead of averaging.
        "name": "sum_instead_of_mean",
        "replace": {"task2_mean": 'avg_spend = round(customers["近一年消费金额"].sum(), 2)'},
        "fails": {"test2_mean_range": "用合计代替了平均"},
    },
    {
        # Forgetting to sort, and averaging per city instead of summing.
        "name": "city_mean_unsorted",
        "replace": {"task4_groupby": 'city_spend = customers.groupby("城市")["近一年消费金额"].mean()'},
        "fails": {"test4_groupby_shape": "从大到小排序", "test4_groupby_value": "求了平均值而不是合计"},
    },
]
