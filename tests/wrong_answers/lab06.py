"""Typical mistakes in lab06, each autograded as wrong with a message that points at it."""

_RANKED = 'ranked = tenants.sort_values("年租金", ascending=False).reset_index(drop=True)'
_SHARES = '\n'.join([
    'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum()',
    'ranked["累计占比"] = ranked["占比"].cumsum()',
])

WRONG_ANSWERS = [
    {
        # Cumulative shares without sorting from the largest rent down.
        "name": "not_sorted",
        "replace": {"task1_ranked": "\n".join([
            "ranked = tenants.reset_index(drop=True)", _SHARES])},
        "fails": {"test1_ranked": "从大到小排序"},
    },
    {
        # Shares as percentages (0-100).
        "name": "shares_in_percent",
        "replace": {"task1_ranked": "\n".join([
            _RANKED,
            'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum() * 100',
            'ranked["累计占比"] = ranked["占比"].cumsum()',
        ])},
        "fails": {"test1_ranked": "乘了 100"},
    },
    {
        # Grading on the cumulative share itself: the tenant that crosses 80 % drops to B.
        "name": "boundary_tenant_demoted",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = ranked["累计占比"] - ranked["占比"]',
            'ranked["ABC等级"] = np.where(ranked["累计占比"] <= 0.8, "A",',
            '                           np.where(ranked["累计占比"] <= 0.95, "B", "C"))',
        ])},
        "fails": {"test2_grades": "跨过 80%"},
    },
    {
        # Intervals written in weeks instead of days.
        "name": "intervals_in_weeks",
        "replace": {"task5_plan": "\n".join([
            'intervals = {"A": 1, "B": 2, "C": 4}',
            'plan = segmentation.follow_up_schedule(abc, intervals=intervals, start="2024-03-01", skip_weekends=True)',
            'contacts_by_grade = plan.groupby("grade").size()',
        ])},
        "fails": {"test5_plan": "单位是天"},
    },
    {
        # Exporting with the row index: an extra unnamed first column in Excel.
        "name": "excel_with_index",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    grading_table.to_excel(writer, sheet_name="客户分级表")',
            '    key_table.to_excel(writer, sheet_name="重点客户统计表")',
        ])},
        "fails": {"test8_excel_content": "index=False"},
    },
]
