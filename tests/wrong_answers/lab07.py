"""Typical mistakes in lab07, each autograded as wrong with a message that points at it.

Every fixture fails its visible check too (tests/test_visible_checks.py), so a student
sees the same verdict in 检查作业 / Validate as in the grade.
"""

_GROUPS = (
    'by_handler = complaint_metrics(log, by="处理人")\n'
    'by_category = complaint_metrics(log, by="投诉类别")\n'
)

_STRICT = (
    'strict = complaint_metrics(log, followup_days=1)\n'
    'strict_ok = strict.loc["全部", "meets_standards"]\n'
)

_MENU_START = '''ticket_spec = {
    "prompt": "您好，欢迎拨打A票务公司票务热线",
    "options": {
        "1": {"label": "班次查询", "action": "查询班次",
              "prompt": "请输入出发地和目的地的城市代码，中间用星号隔开；要指定日期的，按井号键后输入日期。"},
        "2": {"label": "订票业务", "options": {
            "1": {"label": "单程票", "action": "预订单程票"},
            "2": {"label": "往返票", "action": "预订往返票"},
            "0": {"label": "人工服务", "action": "转人工"},
            "*": IVRMenu.BACK,
        }},
    },
}
human = {"label": "人工服务", "action": "转人工"}
'''
_MENU_END = '''ticket_spec["options"]["0"] = human
ticket_menu = IVRMenu.from_dict(ticket_spec, max_depth=3)
'''
_CHANGE_OK = '''ticket_spec["options"]["3"] = {"label": "改签业务", "options": {
    "1": {"label": "改乘日期", "action": "改签日期"},
    "2": {"label": "改乘班次", "action": "改签班次"},
    "0": human, "*": IVRMenu.BACK}}
'''
_REFUND_OK = '''ticket_spec["options"]["4"] = {"label": "退票业务", "options": {
    "1": {"label": "办理退票", "action": "办理退票"},
    "2": {"label": "查询退款进度", "action": "查询退款进度"},
    "0": human, "*": IVRMenu.BACK}}
'''

WRONG_ANSWERS = [
    # ---- 任务 1: response hours and late count
    {
        # .dt.seconds keeps only the part below one day: every response looks shorter than 24 h.
        "name": "timedelta_seconds_drops_days",
        "replace": {"task1_response": (
            'response_hours = (log["首次响应时间"] - log["受理时间"]).dt.seconds / 3600\n'
            'n_late = int((response_hours > 24).sum())')},
        "fails": {"test1_response_value": "要用 .dt.total_seconds()",
                  "test1_late_count": "一件超时的也没数到"},
    },
    {
        # Subtracting the other way round: negative durations, and nothing is "late".
        "name": "times_subtracted_backwards",
        "replace": {"task1_response": (
            'response_hours = (log["受理时间"] - log["首次响应时间"]).dt.total_seconds() / 3600\n'
            'n_late = int((response_hours > 24).sum())')},
        "fails": {"test1_response_shape": "减反了",
                  "test1_response_value": "有些投诉的响应时长不对",
                  "test1_late_count": "一件超时的也没数到"},
    },
    {
        # Dividing by 60 gives minutes; the late count is then done consistently in minutes.
        "name": "minutes_instead_of_hours",
        "replace": {"task1_response": (
            'response_hours = (log["首次响应时间"] - log["受理时间"]).dt.total_seconds() / 60\n'
            'n_late = int((response_hours > 24 * 60).sum())')},
        "fails": {"test1_response_shape": "1 小时 = 3600 秒",
                  "test1_response_value": "有些投诉的响应时长不对"},
    },
    {
        # Leaving the durations as Timedelta (never turned into hours); the late count still works.
        "name": "timedelta_not_converted",
        "replace": {"task1_response": (
            'response_hours = log["首次响应时间"] - log["受理时间"]\n'
            'n_late = int((response_hours > pd.Timedelta(hours=24)).sum())')},
        "fails": {"test1_response_shape": "还是一段段时长（Timedelta）",
                  "test1_response_value": "有些投诉的响应时长不对"},
    },
    {
        # Counting the complaints answered in time instead of the late ones.
        "name": "late_counted_on_time",
        "replace": {"task1_response": (
            'response_hours = (log["首次响应时间"] - log["受理时间"]).dt.total_seconds() / 3600\n'
            'n_late = int((response_hours <= 24).sum())')},
        "fails": {"test1_late_count": "数成了 24 小时内按时响应的投诉"},
    },
    {
        # len() of a boolean column counts every row, not the True ones.
        "name": "late_count_with_len",
        "replace": {"task1_response": (
            'response_hours = (log["首次响应时间"] - log["受理时间"]).dt.total_seconds() / 3600\n'
            'n_late = len(response_hours > 24)')},
        "fails": {"test1_late_count": "len(...) 数的是行数"},
    },
    {
        # Rounding the hours to one decimal before the check: the check keeps two.
        "name": "response_hours_rounded_early",
        "replace": {"task1_response": (
            'response_hours = round((log["首次响应时间"] - log["受理时间"]).dt.total_seconds() / 3600, 1)\n'
            'n_late = int((response_hours > 24).sum())')},
        "fails": {"test1_response_value": "提前用 round 取了整"},
    },
    {
        # Taking 处理完成时间 instead of 首次响应时间: hours until the case was handled.
        "name": "response_from_wrong_column",
        "replace": {"task1_response": (
            'response_hours = (log["处理完成时间"] - log["受理时间"]).dt.total_seconds() / 3600\n'
            'n_late = int((response_hours > 24).sum())')},
        "fails": {"test1_response_shape": "“首次响应时间”和“受理时间”这两列",
                  "test1_response_value": "只有还没响应的投诉才应该是空值",
                  "test1_late_count": "超时件数不对"},
    },
    # ---- 任务 2: overall metrics
    {
        # The whole column instead of its one cell (bool(column) would even raise in pandas).
        "name": "overall_ok_whole_column",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log)\n'
            'overall_ok = overall["meets_standards"]\n' + _STRICT)},
        "fails": {"test2_overall_ok": "现在是一整列"},
    },
    {
        # Judging by one rate against 90 (a percentage) although rates are fractions.
        "name": "overall_ok_percent_threshold",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log)\n'
            'overall_ok = bool(overall.loc["全部", "response_on_time_rate"] >= 90)\n' + _STRICT)},
        "fails": {"test2_overall_ok": "overall_ok 或 strict_ok 的判断不对"},
    },
    {
        # Judging both tables by the response standard alone: the 1-day 回访 standard is missed unseen.
        "name": "verdict_from_one_standard",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log)\n'
            'overall_ok = bool(overall.loc["全部", "response_on_time_rate"] >= 0.9)\n'
            'strict = complaint_metrics(log, followup_days=1)\n'
            'strict_ok = bool(strict.loc["全部", "response_on_time_rate"] >= 0.9)')},
        "fails": {"test2_overall_ok": "只看一两项比率不够"},
    },
    {
        # Writing True without reading the tables.
        "name": "verdict_hard_coded_true",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log)\n'
            'overall_ok = True\n'
            'strict = complaint_metrics(log, followup_days=1)\n'
            'strict_ok = True')},
        "fails": {"test2_overall_ok": "overall_ok 或 strict_ok 的判断不对"},
    },
    {
        # The stricter table computed without the new deadline: the same as overall.
        "name": "strict_without_parameter",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log)\n'
            'overall_ok = overall.loc["全部", "meets_standards"]\n'
            'strict = complaint_metrics(log)\n'
            'strict_ok = strict.loc["全部", "meets_standards"]')},
        "fails": {"test2_overall_ok": "strict 的指标不对"},
    },
    {
        # Transposing the table to read it more easily, and keeping the transposed table.
        "name": "overall_transposed",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log).T\n'
            'overall_ok = bool(overall.loc["meets_standards", "全部"])\n' + _STRICT)},
        "fails": {"test2_overall": "不要转置"},
    },
    {
        # A stricter 回访 deadline than the standard (1 day instead of 2): different figures.
        "name": "overall_with_changed_parameters",
        "replace": {"task2_overall": (
            'overall = complaint_metrics(log, followup_days=1)\n'
            'overall_ok = overall.loc["全部", "meets_standards"]\n' + _STRICT)},
        # With the stricter deadline the verdict flips too, so overall_ok loses its points as well.
        "fails": {"test2_overall": "不要改参数", "test2_overall_ok": "overall_ok 或 strict_ok 的判断不对"},
    },
    # ---- 任务 3: groups below the standards
    {
        # Standards written as percentages (90) while the rates are fractions (0.9).
        "name": "threshold_in_percent",
        "replace": {"task3_groups": _GROUPS + (
            'handlers_missing = sorted(by_handler.index[(by_handler["response_on_time_rate"] < 90)'
            ' | (by_handler["followup_rate"] < 90)])\n'
            'categories_missing = sorted(by_category.index[(by_category["response_on_time_rate"] < 90)'
            ' | (by_category["followup_rate"] < 90)])')},
        "fails": {"test3_missing": "标准 90% 要写成 0.9"},
    },
    {
        # Forgetting ~: the groups that DO meet the standards.
        "name": "forgot_negation",
        "replace": {"task3_groups": _GROUPS + (
            'handlers_missing = sorted(by_handler.index[by_handler["meets_standards"]])\n'
            'categories_missing = sorted(by_category.index[by_category["meets_standards"]])')},
        "fails": {"test3_missing": "筛选条件前面要加 ~"},
    },
    {
        # Looking at the response standard only: the category that misses 回访率 is not found.
        "name": "only_response_standard",
        "replace": {"task3_groups": _GROUPS + (
            'handlers_missing = sorted(by_handler.index[by_handler["response_on_time_rate"] < 0.9])\n'
            'categories_missing = sorted(by_category.index[by_category["response_on_time_rate"] < 0.9])')},
        "fails": {"test3_missing": "一个不达标的类别也没找到"},
    },
    {
        # Looking at 回访率 only: the handler who responds late is not found.
        "name": "only_followup_standard",
        "replace": {"task3_groups": _GROUPS + (
            'handlers_missing = sorted(by_handler.index[by_handler["followup_rate"] < 0.9])\n'
            'categories_missing = sorted(by_category.index[by_category["followup_rate"] < 0.9])')},
        "fails": {"test3_missing": "一个不达标的处理人也没找到"},
    },
    {
        # Grouping both tables by the same column (copy-paste): by_category is per handler.
        "name": "category_table_grouped_by_handler",
        "replace": {"task3_groups": (
            'by_handler = complaint_metrics(log, by="处理人")\n'
            'handlers_missing = sorted(by_handler.index[~by_handler["meets_standards"]])\n'
            'by_category = complaint_metrics(log, by="处理人")\n'
            'categories_missing = sorted(by_category.index[~by_category["meets_standards"]])')},
        "fails": {"test3_tables": "by_category 应该每个投诉类别一行",
                  "test3_missing": "categories_missing 里应该只有“投诉类别”这一列里的名字"},
    },
    {
        # Keeping the index (not a list) and not sorting it.
        "name": "index_not_list",
        "replace": {"task3_groups": _GROUPS + (
            'handlers_missing = by_handler.index[~by_handler["meets_standards"]]\n'
            'categories_missing = sorted(by_category.index[~by_category["meets_standards"]])')},
        "fails": {"test3_missing": "应该是一个列表"},
    },
    # ---- 任务 4: the complaint case
    {
        # Closing the case at the first 回访 although the customer was not satisfied.
        "name": "closed_without_escalation",
        "replace": {"task4_case": (
            'case = ComplaintCase("TS2024-0315", "2024-03-04 09:10")\n'
            'case.investigate("2024-03-04 11:30").handle("2024-03-04 16:00")\n'
            'case.follow_up("2024-03-05 10:00").close("2024-03-06 15:30")')},
        "fails": {"test4_case_history": "这一步应该是升级（escalate）"},
    },
    {
        # Escalating at the time of the 回访 call instead of when the customer complained again.
        "name": "escalation_at_wrong_time",
        "replace": {"task4_case": (
            'case = ComplaintCase("TS2024-0315", "2024-03-04 09:10")\n'
            'case.investigate("2024-03-04 11:30").handle("2024-03-04 16:00")\n'
            'case.follow_up("2024-03-05 10:00").escalate("2024-03-05 10:00")\n'
            'case.follow_up("2024-03-06 15:00").close("2024-03-06 15:30")')},
        "fails": {"test4_case_history": "有的步骤时间和表格不一致"},
    },
    {
        # Stopping after the escalation: the case is back in 处理, never closed.
        "name": "case_left_open",
        "replace": {"task4_case": (
            'case = ComplaintCase("TS2024-0315", "2024-03-04 09:10")\n'
            'case.investigate("2024-03-04 11:30").handle("2024-03-04 16:00")\n'
            'case.follow_up("2024-03-05 10:00").escalate("2024-03-05 10:20")')},
        "fails": {"test4_case_state": "还没有结案", "test4_case_history": "状态顺序和表格对不上"},
    },
    # ---- 任务 5: an illegal step
    {
        # Handling before closing: the error comes from 处理, not from skipping steps at 调查.
        "name": "closed_after_handle",
        "replace": {"task5_invalid": (
            'demo = ComplaintCase("演示", "2024-03-04 09:10")\n'
            'demo.investigate("2024-03-04 11:30").handle("2024-03-04 11:45")\n'
            'try:\n'
            '    demo.close("2024-03-04 12:00")\n'
            'except CRMLabInputError as err:\n'
            '    invalid_error = err')},
        "fails": {"test5_invalid": "不是在“调查”状态下直接结案时报出的"},
    },
    {
        # Keeping the message text instead of the error object.
        "name": "error_as_text",
        "replace": {"task5_invalid": (
            'demo = ComplaintCase("演示", "2024-03-04 09:10")\n'
            'demo.investigate("2024-03-04 11:30")\n'
            'try:\n'
            '    demo.close("2024-03-04 12:00")\n'
            'except CRMLabInputError as err:\n'
            '    invalid_error = str(err)')},
        "fails": {"test5_invalid": "应该是系统报出的错误对象本身"},
    },
    {
        # Trying 回访 (follow_up) instead of 结案 at 调查: also refused, but not the step the task asks for.
        "name": "refused_follow_up_instead_of_close",
        "replace": {"task5_invalid": (
            'demo = ComplaintCase("演示", "2024-03-04 09:10")\n'
            'demo.investigate("2024-03-04 11:30")\n'
            'try:\n'
            '    demo.follow_up("2024-03-04 12:00")\n'
            'except CRMLabInputError as err:\n'
            '    invalid_error = err')},
        "fails": {"test5_invalid": "这个错误不是结案报出的"},
    },
    {
        # Trying to close at another time than the text gives (or without a time).
        "name": "demo_closed_at_wrong_time",
        "replace": {"task5_invalid": (
            'demo = ComplaintCase("演示", "2024-03-04 09:10")\n'
            'demo.investigate("2024-03-04 11:30")\n'
            'try:\n'
            '    demo.close("2024-03-04 12:30")\n'
            'except CRMLabInputError as err:\n'
            '    invalid_error = err')},
        "fails": {"test5_invalid": "被拒绝的结案时间和题目不一致"},
    },
    {
        # Investigating at the wrong time (the time of the 受理 table row below it).
        "name": "demo_investigated_at_wrong_time",
        "replace": {"task5_invalid": (
            'demo = ComplaintCase("演示", "2024-03-04 09:10")\n'
            'demo.investigate("2024-03-04 12:00")\n'
            'try:\n'
            '    demo.close("2024-03-04 12:00")\n'
            'except CRMLabInputError as err:\n'
            '    invalid_error = err')},
        "fails": {"test5_invalid": "受理时间或调查时间和题目不一致"},
    },
    # ---- 任务 6: menu check-up
    {
        # Duplicates removed, but kept in the order validate() reports them: not sorted.
        "name": "kinds_not_sorted",
        "replace": {"task6_validate": (
            'problems = bad_menu.validate()\n'
            'problem_kinds = list(dict.fromkeys(p.kind for p in problems))')},
        "fails": {"test6_validate": "要排好序"},
    },
    {
        # Sorted but not de-duplicated: the menu has two dead ends, so dead_end appears twice.
        "name": "kinds_not_deduplicated",
        "replace": {"task6_validate": (
            'problems = bad_menu.validate()\n'
            'problem_kinds = sorted(p.kind for p in problems)')},
        "fails": {"test6_validate": "problem_kinds 里有重复的种类"},
    },
    {
        # The nodes where problems are, not the kinds of problems.
        "name": "nodes_instead_of_kinds",
        "replace": {"task6_validate": (
            'problems = bad_menu.validate()\n'
            'problem_kinds = sorted({p.node for p in problems})')},
        "fails": {"test6_validate": "题目要的是问题的种类（.kind）"},
    },
    # ---- 任务 7: ticket menu
    {
        # The refund-progress action does not say what it is about (no 退票 / 退款).
        "name": "refund_action_without_refund_word",
        "replace": {"task7_menu": _MENU_START + _CHANGE_OK + (
            'ticket_spec["options"]["4"] = {"label": "退票业务", "options": {\n'
            '    "1": {"label": "办理退票", "action": "办理退票"},\n'
            '    "2": {"label": "查询退款进度", "action": "查询进度"},\n'
            '    "0": human, "*": IVRMenu.BACK}}\n') + _MENU_END},
        "fails": {"test7_menu_refund": "动作里有没有“退票”或“退款”二字"},
    },
    {
        # The change menu has no * (back) key.
        "name": "change_menu_without_back",
        "replace": {"task7_menu": _MENU_START + (
            'ticket_spec["options"]["3"] = {"label": "改签业务", "options": {\n'
            '    "1": {"label": "改乘日期", "action": "改签日期"},\n'
            '    "2": {"label": "改乘班次", "action": "改签班次"},\n'
            '    "0": human}}\n') + _REFUND_OK + _MENU_END},
        "fails": {"test7_menu_human_back": "按 * 应该返回主菜单"},
    },
    {
        # Keys 1 and 2 of the change menu swapped.
        "name": "change_keys_swapped",
        "replace": {"task7_menu": _MENU_START + (
            'ticket_spec["options"]["3"] = {"label": "改签业务", "options": {\n'
            '    "1": {"label": "改乘班次", "action": "改签班次"},\n'
            '    "2": {"label": "改乘日期", "action": "改签日期"},\n'
            '    "0": human, "*": IVRMenu.BACK}}\n') + _REFUND_OK + _MENU_END},
        "fails": {"test7_menu_change": "两个选项的按键放反了"},
    },
    {
        # A submenu with a key that leads nowhere (a typo in the child): the menu is invalid, so
        # the simulations of the three key checks cannot run either.
        "name": "menu_with_defect",
        "replace": {"task7_menu": _MENU_START + _CHANGE_OK + _REFUND_OK + (
            'ticket_spec["options"]["4"]["options"]["3"] = {"label": "退票规则"}\n') + _MENU_END},
        "fails": {"test7_menu_valid": "菜单还有缺陷",
                  "test7_menu_change": "先让上一个检查通过",
                  "test7_menu_refund": "先让上一个检查通过",
                  "test7_menu_human_back": "先让上一个检查通过"},
    },
    # ---- 任务 8: listening time
    {
        # Counting only the last announcement instead of every level the caller listens to.
        "name": "listen_only_last_prompt",
        "replace": {"task8_listen": (
            'refund_call = old_menu.simulate("51")\n'
            'listen_seconds = len(refund_call["prompt"].iloc[-1]) / 4')},
        "fails": {"test8_listen_seconds": "只算了最后一段播报"},
    },
    {
        # Rounding the seconds to a whole number: round() gives an int, the answer has a half second.
        "name": "listen_rounded_to_whole_seconds",
        "replace": {"task8_listen": (
            'refund_call = old_menu.simulate("51")\n'
            'listen_seconds = round(refund_call["prompt"].str.len().sum() / 4)')},
        "fails": {"test8_listen_seconds": "结果被取成了整数"},
    },
    {
        # Characters counted, but not turned into seconds.
        "name": "listen_characters_not_seconds",
        "replace": {"task8_listen": (
            'refund_call = old_menu.simulate("51")\n'
            'listen_seconds = refund_call["prompt"].str.len().sum()')},
        "fails": {"test8_listen_seconds": "还没换算成秒"},
    },
    {
        # Pressing only 5: the caller never reaches the refund.
        "name": "listen_wrong_keys",
        "replace": {"task8_listen": (
            'refund_call = old_menu.simulate("5")\n'
            'listen_seconds = refund_call["prompt"].str.len().sum() / 4')},
        "fails": {"test8_listen_call": "先按 5、再按 1", "test8_listen_seconds": "收听时长不对"},
    },
]
