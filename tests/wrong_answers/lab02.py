"""Typical mistakes in lab02, each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # Taking the price for the whole customer cost (forgetting time, energy, psychic cost).
        "name": "cost_is_only_the_price",
        "replace": {"task1_wang": (
            'wang_value = offers.loc["王薇奶茶店", value_parts].sum()\n'
            'wang_cost = offers.loc["王薇奶茶店", "货币成本"]\n'
            'wang_delivered = wang_value - wang_cost')},
        "fails": {"test1_wang_value": "只算了货币成本"},
    },
    {
        # Summing down the columns instead of across each row.
        "name": "sum_without_axis_1",
        "replace": {"task2_table": (
            'my_table = offers.copy()\n'
            'my_table["顾客总价值"] = offers[value_parts].sum()\n'
            'my_table["顾客总成本"] = offers[cost_parts].sum()\n'
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = my_table["顾客总价值"] / my_table["顾客总成本"]')},
        "fails": {"test2_table_form": "没写 axis=1"},
    },
    {
        # Value ratio upside down: cost / value.
        "name": "ratio_inverted",
        "replace": {"task2_table": (
            'my_table = offers.copy()\n'
            'my_table["顾客总价值"] = offers[value_parts].sum(axis=1)\n'
            'my_table["顾客总成本"] = offers[cost_parts].sum(axis=1)\n'
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = my_table["顾客总成本"] / my_table["顾客总价值"]')},
        "fails": {"test2_table_ratio": "分子分母倒过来"},
    },
    {
        # Head room measured down to zero instead of to the runner-up.
        "name": "max_raise_down_to_zero",
        "replace": {"task5_raise": (
            'raised_parts = offers.loc["王薇奶茶店"][value_parts + cost_parts].to_dict()\n'
            'raised_parts["货币成本"] += 3\n'
            'wang_raised = value.delivered_value(**raised_parts)\n'
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"]')},
        "fails": {"test5_max_raise": "让渡价值第二高的店"},
    },
    {
        # The raise applied to a value part instead of the price.
        "name": "raise_added_to_value",
        "replace": {"task5_raise": (
            'raised_parts = offers.loc["王薇奶茶店"][value_parts + cost_parts].to_dict()\n'
            'raised_parts["产品价值"] += 3\n'
            'wang_raised = value.delivered_value(**raised_parts)\n'
            'runner_up = lib_table["客户让渡价值"].drop("王薇奶茶店").max()\n'
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"] - runner_up')},
        "fails": {"test5_raised": "忘了把货币成本加 3"},
    },
    {
        # Cost differences taken in the same direction as value differences.
        "name": "advantage_cost_sign",
        "replace": {"task6_advantage": (
            'advantage = (offers.loc["王薇奶茶店", value_parts + cost_parts]\n'
            '             - offers.loc["外卖平台店铺", value_parts + cost_parts]).astype(float)\n'
            'biggest_advantage = advantage.idxmax()')},
        "fails": {"test6_advantage_sum": "方向和价值项相反"},
    },
    {
        # Queueing and paying extra read as missing service (value) instead of a cost.
        "name": "costs_read_as_values",
        "replace": {"task7_classify": (
            'complaint_parts = {1: "产品价值", 2: "产品价值", 3: "产品价值", 4: "服务价值", 5: "服务价值",\n'
            '                   6: "人员价值", 7: "人员价值", 8: "形象价值", 9: "形象价值",\n'
            '                   10: "货币成本", 11: "服务价值", 12: "服务价值", 13: "时间成本",\n'
            '                   14: "精力成本", 15: "精力成本", 16: "精神成本", 17: "精神成本", 18: "精神成本"}')},
        "fails": {"test7_classify_core": "价值\"和\"成本\"弄反了"},
    },
    {
        # Time and energy, service and personnel mixed up.
        "name": "time_energy_service_staff_confused",
        "replace": {"task7_classify": (
            'complaint_parts = {1: "产品价值", 2: "产品价值", 3: "产品价值", 4: "时间成本", 5: "时间成本",\n'
            '                   6: "服务价值", 7: "服务价值", 8: "形象价值", 9: "形象价值",\n'
            '                   10: "货币成本", 11: "货币成本", 12: "时间成本", 13: "时间成本",\n'
            '                   14: "时间成本", 15: "精力成本", 16: "精神成本", 17: "精神成本", 18: "精神成本"}')},
        "fails": {"test7_classify_overall": "有 5 条归类与参考答案不一致"},
    },
]
