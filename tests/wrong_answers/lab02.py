"""Typical mistakes in lab02, each autograded as wrong with a message that points at it."""

_TABLE = '\n'.join([
    'my_table = offers.copy()',
    'my_table["顾客总价值"] = offers[value_parts].sum(axis=1)',
    'my_table["顾客总成本"] = offers[cost_parts].sum(axis=1)',
])
_RAISED = '\n'.join([
    'raised_parts = offers.loc["王薇奶茶店"][value_parts + cost_parts].to_dict()',
    'raised_parts["货币成本"] += 3',
    'wang_raised = value.delivered_value(**raised_parts)',
])
_ADVANTAGE = '\n'.join([
    'value_gap = offers.loc["王薇奶茶店", value_parts] - offers.loc["连锁品牌店", value_parts]',
    'cost_gap = offers.loc["连锁品牌店", cost_parts] - offers.loc["王薇奶茶店", cost_parts]',
    'advantage = pd.concat([value_gap, cost_gap]).astype(float)',
])
_SOLVED_PARTS = {
    1: "货币成本", 2: "人员价值", 3: "产品价值", 4: "时间成本", 5: "精神成本", 6: "服务价值",
    7: "精力成本", 8: "形象价值", 9: "产品价值", 10: "精神成本", 11: "服务价值", 12: "货币成本",
    13: "精力成本", 14: "人员价值", 15: "时间成本", 16: "形象价值", 17: "精神成本", 18: "产品价值",
}


def _parts(**changes):
    """complaint_parts as a student writes it, with some complaints classified differently."""
    parts = dict(_SOLVED_PARTS)
    parts.update({int(k.lstrip("n")): v for k, v in changes.items()})
    return f"complaint_parts = {parts!r}"


WRONG_ANSWERS = [
    # ---- 任务 1
    {
        # Rounding the total cost to a whole yuan (the scores have halves).
        "name": "cost_rounded_to_whole_yuan",
        "replace": {"task1_wang": (
            'wang_value = offers.loc["王薇奶茶店", value_parts].sum()\n'
            'wang_cost = round(offers.loc["王薇奶茶店", cost_parts].sum())\n'
            'wang_delivered = wang_value - wang_cost')},
        "fails": {"test1_wang_totals": "取成了整数"},
    },
    {
        # Taking the price for the whole customer cost (forgetting time, energy, psychic cost).
        "name": "cost_is_only_the_price",
        "replace": {"task1_wang": (
            'wang_value = offers.loc["王薇奶茶店", value_parts].sum()\n'
            'wang_cost = offers.loc["王薇奶茶店", "货币成本"]\n'
            'wang_delivered = wang_value - wang_cost')},
        "fails": {"test1_wang_totals": "只算了货币成本"},
    },
    {
        # Cost minus value: the delivered value with the wrong sign.
        "name": "delivered_reversed",
        "replace": {"task1_wang": (
            'wang_value = offers.loc["王薇奶茶店", value_parts].sum()\n'
            'wang_cost = offers.loc["王薇奶茶店", cost_parts].sum()\n'
            'wang_delivered = wang_cost - wang_value')},
        "fails": {"test1_wang_delivered": "减反了"},
    },
    {
        # The four parts picked out but never added up: Series instead of numbers.
        "name": "parts_not_summed",
        "replace": {"task1_wang": (
            'wang_value = offers.loc["王薇奶茶店", value_parts]\n'
            'wang_cost = offers.loc["王薇奶茶店", cost_parts]\n'
            'wang_delivered = wang_value.sum() - wang_cost.sum()')},
        "fails": {"test1_wang_totals": "别忘了 .sum()", "test1_wang_delivered": "也应该各是一个数"},
    },
    # ---- 任务 2
    {
        # Summing down the columns instead of across each row: every new column is empty.
        "name": "sum_without_axis_1",
        "replace": {"task2_table": (
            'my_table = offers.copy()\n'
            'my_table["顾客总价值"] = offers[value_parts].sum()\n'
            'my_table["顾客总成本"] = offers[cost_parts].sum()\n'
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = my_table["顾客总价值"] / my_table["顾客总成本"]')},
        "fails": {"test2_table_form": "没写 axis=1", "test2_table_totals": "没写 axis=1",
                  "test2_table_ratio": "axis=1"},
    },
    {
        # Value ratio upside down: cost / value.
        "name": "ratio_inverted",
        "replace": {"task2_table": _TABLE + '\n' + (
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = my_table["顾客总成本"] / my_table["顾客总价值"]')},
        "fails": {"test2_table_ratio": "分子分母倒过来"},
    },
    {
        # Value ratio written as a percentage.
        "name": "ratio_in_percent",
        "replace": {"task2_table": _TABLE + '\n' + (
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = my_table["顾客总价值"] / my_table["顾客总成本"] * 100')},
        "fails": {"test2_table_ratio": "不用乘 100"},
    },
    {
        # The ratio rounded to one decimal before the check.
        "name": "ratio_rounded_early",
        "replace": {"task2_table": _TABLE + '\n' + (
            'my_table["客户让渡价值"] = my_table["顾客总价值"] - my_table["顾客总成本"]\n'
            'my_table["价值成本比"] = (my_table["顾客总价值"] / my_table["顾客总成本"]).round(1)')},
        "fails": {"test2_table_ratio": "提前四舍五入"},
    },
    {
        # Delivered value as cost minus value in the table.
        "name": "table_delivered_reversed",
        "replace": {"task2_table": _TABLE + '\n' + (
            'my_table["客户让渡价值"] = my_table["顾客总成本"] - my_table["顾客总价值"]\n'
            'my_table["价值成本比"] = my_table["顾客总价值"] / my_table["顾客总成本"]')},
        "fails": {"test2_table_totals": "减反了"},
    },
    # ---- 任务 3
    {
        # idxmin for the best shop, idxmax for the cheapest one.
        "name": "idxmin_idxmax_swapped",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["客户让渡价值"].idxmin()\n'
            'cheapest_shop = offers["货币成本"].idxmax()')},
        "fails": {"test3_library_shops": "用 idxmax()"},
    },
    {
        # The shop with the highest total value taken for the one customers prefer.
        "name": "best_by_total_value",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["顾客总价值"].idxmax()\n'
            'cheapest_shop = offers["货币成本"].idxmin()')},
        "fails": {"test3_library_shops": "顾客总价值最高"},
    },
    {
        # Ranked by the value ratio instead of the delivered value.
        "name": "best_by_value_ratio",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["价值成本比"].idxmax()\n'
            'cheapest_shop = offers["货币成本"].idxmin()')},
        "fails": {"test3_library_shops": "价值成本比最高"},
    },
    {
        # The shop with the lowest total cost taken for the best one.
        "name": "best_by_lowest_total_cost",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["顾客总成本"].idxmin()\n'
            'cheapest_shop = offers["货币成本"].idxmin()')},
        "fails": {"test3_library_shops": "它的让渡价值不是最大的"},
    },
    {
        # The cheapest shop taken for the one customers prefer.
        "name": "best_is_the_cheapest",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = offers["货币成本"].idxmin()\n'
            'cheapest_shop = offers["货币成本"].idxmin()')},
        "fails": {"test3_library_shops": "这家店价格最低"},
    },
    {
        # The price read as the whole customer cost.
        "name": "cheapest_by_total_cost",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["客户让渡价值"].idxmax()\n'
            'cheapest_shop = lib_table["顾客总成本"].idxmin()')},
        "fails": {"test3_library_shops": "价格只是货币成本这一项"},
    },
    {
        # The largest value itself instead of the shop that has it.
        "name": "best_shop_is_a_number",
        "replace": {"task3_library": (
            'lib_table = value.delivered_value_table(offers)\n'
            'best_shop = lib_table["客户让渡价值"].max()\n'
            'cheapest_shop = offers["货币成本"].idxmin()')},
        "fails": {"test3_library_form": "而不是 max()", "test3_library_shops": "应该是店名（文字），不是一个数"},
    },
    # ---- 任务 4
    {
        # The chart of one shop only.
        "name": "chart_of_one_shop",
        "replace": {"task4_chart": 'dv_chart = value.plot_delivered_value(offers.loc[["王薇奶茶店"]])'},
        "fails": {"test4_chart": "柱段数量不对"},
    },
    {
        # A home-made chart: all eight parts stacked in one bar per shop (the count of segments is right).
        "name": "chart_one_bar_per_shop",
        "replace": {"task4_chart": 'dv_chart = offers[value_parts + cost_parts].plot.bar(stacked=True)'},
        "fails": {"test4_chart": "每家店应该有两根柱子"},
    },
    {
        # A home-made chart with the two bars swapped: costs on the left, values on the right.
        "name": "chart_homemade_bars_swapped",
        "replace": {"task4_chart": '\n'.join([
            'import numpy as np',
            'dv_chart = plt.subplots()[1]',
            'x = np.arange(len(offers))',
            'for parts, dx in ((cost_parts, -0.2), (value_parts, 0.2)):',
            '    bottom = np.zeros(len(offers))',
            '    for part in parts:',
            '        dv_chart.bar(x + dx, offers[part], 0.4, bottom=bottom, label=part)',
            '        bottom = bottom + offers[part].to_numpy()',
            'dv_chart.set_xticks(x, offers.index)',
        ])},
        "fails": {"test4_chart": "左边的价值柱画的内容不对"},
    },
    {
        # A home-made chart whose segments are not stacked (every segment starts at 0).
        "name": "chart_homemade_not_stacked",
        "replace": {"task4_chart": '\n'.join([
            'import numpy as np',
            'dv_chart = plt.subplots()[1]',
            'x = np.arange(len(offers))',
            'for parts, dx in ((value_parts, -0.2), (cost_parts, 0.2)):',
            '    for part in parts:',
            '        dv_chart.bar(x + dx, offers[part], 0.4, label=part)',
            'dv_chart.set_xticks(x, offers.index)',
        ])},
        "fails": {"test4_chart": "没有一段接一段地叠起来"},
    },
    # ---- 任务 5
    {
        # Head room measured down to zero instead of to the runner-up (the 6.5 reading).
        "name": "max_raise_down_to_zero",
        "replace": {"task5_raise": _RAISED + '\n' + 'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"]'},
        "fails": {"test5_max_raise": "正好降到 0"},
    },
    {
        # Compared with every shop, 王薇 included: the runner-up is herself.
        "name": "max_raise_against_herself",
        "replace": {"task5_raise": _RAISED + '\n' + (
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"] - lib_table["客户让渡价值"].max()')},
        "fails": {"test5_max_raise": "王薇和自己比了"},
    },
    {
        # Compared with the weakest shop instead of the strongest rival.
        "name": "max_raise_against_the_weakest",
        "replace": {"task5_raise": _RAISED + '\n' + (
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"] - lib_table["客户让渡价值"].min()')},
        "fails": {"test5_max_raise": "让渡价值最低的那家店"},
    },
    {
        # Compared with the shop of the highest total value instead of the runner-up.
        "name": "max_raise_against_the_chain",
        "replace": {"task5_raise": _RAISED + '\n' + (
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"] - lib_table.loc["连锁品牌店", "客户让渡价值"]')},
        "fails": {"test5_max_raise": "比的是连锁品牌店"},
    },
    {
        # The runner-up minus 王薇: a negative head room.
        "name": "max_raise_reversed",
        "replace": {"task5_raise": _RAISED + '\n' + (
            'max_raise = lib_table["客户让渡价值"].drop("王薇奶茶店").max() - lib_table.loc["王薇奶茶店", "客户让渡价值"]')},
        "fails": {"test5_max_raise": "减反了"},
    },
    {
        # Head room counted from the raised price of (a) instead of today's price.
        "name": "max_raise_after_the_raise",
        "replace": {"task5_raise": _RAISED + '\n' + (
            'max_raise = wang_raised["delivered_value"] - lib_table["客户让渡价值"].drop("王薇奶茶店").max()')},
        "fails": {"test5_max_raise": "提价 3 元之后"},
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
        "fails": {"test5_raised": "不应改变顾客总价值"},
    },
    {
        # The raise never applied: the dictionary passed as it was.
        "name": "raise_forgotten",
        "replace": {"task5_raise": (
            'raised_parts = offers.loc["王薇奶茶店"][value_parts + cost_parts].to_dict()\n'
            'wang_raised = value.delivered_value(**raised_parts)\n'
            'runner_up = lib_table["客户让渡价值"].drop("王薇奶茶店").max()\n'
            'max_raise = lib_table.loc["王薇奶茶店", "客户让渡价值"] - runner_up')},
        "fails": {"test5_raised": "忘了把货币成本加 3"},
    },
    # ---- 任务 6
    {
        # Cost differences taken in the same direction as value differences.
        "name": "advantage_cost_sign",
        "replace": {"task6_advantage": (
            'advantage = (offers.loc["王薇奶茶店", value_parts + cost_parts]\n'
            '             - offers.loc["连锁品牌店", value_parts + cost_parts]).astype(float)\n'
            'biggest_advantage = advantage.idxmax()')},
        "fails": {"test6_advantage": "方向和价值项相反", "test6_advantage_biggest": "成本项也算优势"},
    },
    {
        # Compared with the delivery shop (the runner-up of task 5) instead of the chain store.
        "name": "advantage_against_wrong_shop",
        "replace": {"task6_advantage": (
            'value_gap = offers.loc["王薇奶茶店", value_parts] - offers.loc["外卖平台店铺", value_parts]\n'
            'cost_gap = offers.loc["外卖平台店铺", cost_parts] - offers.loc["王薇奶茶店", cost_parts]\n'
            'advantage = pd.concat([value_gap, cost_gap]).astype(float)\n'
            'biggest_advantage = advantage.idxmax()')},
        "fails": {"test6_advantage": "比较的对象不对", "test6_advantage_biggest": "成本项也算优势"},
    },
    {
        # The smallest advantage (the biggest disadvantage) picked.
        "name": "biggest_advantage_idxmin",
        "replace": {"task6_advantage": (
            'value_gap = offers.loc["王薇奶茶店", value_parts] - offers.loc["连锁品牌店", value_parts]\n'
            'cost_gap = offers.loc["连锁品牌店", cost_parts] - offers.loc["王薇奶茶店", cost_parts]\n'
            'advantage = pd.concat([value_gap, cost_gap]).astype(float)\n'
            'biggest_advantage = advantage.idxmin()')},
        "fails": {"test6_advantage_biggest": "王薇最吃亏的一项"},
    },
    {
        # The biggest gap in size, a disadvantage included: abs() before idxmax().
        "name": "biggest_advantage_abs",
        "replace": {"task6_advantage": _ADVANTAGE + '\n' + 'biggest_advantage = advantage.abs().idxmax()'},
        "fails": {"test6_advantage_biggest": "不要先取绝对值"},
    },
    {
        # Only the four value parts searched for the biggest advantage.
        "name": "biggest_advantage_values_only",
        "replace": {"task6_advantage": _ADVANTAGE + '\n' + 'biggest_advantage = value_gap.idxmax()'},
        "fails": {"test6_advantage_biggest": "成本项也算优势"},
    },
    # ---- 任务 7
    {
        # Paying more and travelling far read as missing service (value) instead of a cost.
        "name": "costs_read_as_values",
        "replace": {"task7_classify": _parts(n1="服务价值", n4="服务价值")},
        "fails": {"test7_classify_side": "第 1、4 条抱怨放错了一侧", "test7_classify_first": "第 1、4 条"},
    },
    {
        # Time and energy, service and personnel mixed up.
        "name": "time_energy_service_staff_confused",
        "replace": {"task7_classify": _parts(n2="服务价值", n4="精力成本", n11="人员价值", n15="精力成本")},
        "fails": {"test7_classify_first": "第 2、4 条", "test7_classify_second": "第 11、15 条"},
    },
    {
        # A part name that does not exist (精神价值 for 精神成本).
        "name": "part_name_typo",
        "replace": {"task7_classify": _parts(n10="精神价值")},
        "fails": {"test7_classify_form": "不是八个组成部分之一", "test7_classify_side": "第 10 条",
                  "test7_classify_second": "第 10 条"},
    },
    {
        # The store's reputation read as the customer's own worry.
        "name": "image_read_as_psychic_cost",
        "replace": {"task7_classify": _parts(n8="精神成本", n16="精神成本")},
        "fails": {"test7_classify_side": "第 8、16 条", "test7_classify_first": "第 8 条",
                  "test7_classify_second": "第 16 条"},
    },
]
