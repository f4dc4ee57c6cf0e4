"""Typical mistakes in lab07, each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # .dt.seconds keeps only the part below one day: every response looks shorter than 24 h.
        "name": "timedelta_seconds_drops_days",
        "replace": {"task1_response": (
            'response_hours = (log["首次响应时间"] - log["受理时间"]).dt.seconds / 3600\n'
            'n_late = int((response_hours > 24).sum())')},
        "fails": {"test1_response_value": "用 total_seconds",
                  "test1_late_count": "超时件数应该大于 0"},
    },
    {
        # Standards written as percentages (90) while the rates are fractions (0.9).
        "name": "threshold_in_percent",
        "replace": {"task3_groups": (
            'by_handler = complaint_metrics(log, by="处理人")\n'
            'handlers_missing = sorted(by_handler.index[(by_handler["response_on_time_rate"] < 90)'
            ' | (by_handler["followup_rate"] < 90)])\n'
            'by_category = complaint_metrics(log, by="投诉类别")\n'
            'categories_missing = sorted(by_category.index[(by_category["response_on_time_rate"] < 90)'
            ' | (by_category["followup_rate"] < 90)])')},
        "fails": {"test3_handlers": "阈值应写 0.9 而不是 90",
                  "test3_categories": "阈值应写 0.9 而不是 90"},
    },
    {
        # Closing the case at the first 回访 although the customer was not satisfied.
        "name": "closed_without_escalation",
        "replace": {"task4_case": (
            'case = ComplaintCase("TS2024-0315", "2024-03-04 09:10")\n'
            'case.investigate("2024-03-04 11:30").handle("2024-03-04 16:00")\n'
            'case.follow_up("2024-03-05 10:00").close("2024-03-06 15:30")')},
        "fails": {"test4_case_history": "应该是升级（escalate）"},
    },
    {
        # Counting only the last announcement instead of every level the caller listens to.
        "name": "listen_only_last_prompt",
        "replace": {"task9_listen": (
            'refund_call = ticket_menu.simulate("41")\n'
            'listen_seconds = len(refund_call["prompt"].iloc[-1]) / 4')},
        "fails": {"test9_listen": "每一层播报的字数都加起来"},
    },
]
