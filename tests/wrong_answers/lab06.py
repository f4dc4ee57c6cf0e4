"""Typical mistakes in lab06, each autograded as wrong with a message that points at it."""

_RANKED = 'ranked = tenants.sort_values("年租金", ascending=False).reset_index(drop=True)'
_SHARES = '\n'.join([
    'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum()',
    'ranked["累计占比"] = ranked["占比"].cumsum()',
])
_PLAN_TAIL = '\n'.join([
    'plan = segmentation.follow_up_schedule(abc, intervals=intervals, start="2024-03-01", skip_weekends=True)',
    'contacts_by_grade = plan.groupby("grade").size()',
])
_GRADING_HEAD = '\n'.join([
    'grading_table = ranked[["商户编号", "商户名称", "业态", "年租金", "占比", "累计占比", "ABC等级"]].rename(',
    '    columns={"ABC等级": "客户等级"})',
])
_GRADING_TAIL = '\n'.join([
    'grading_table["金字塔层级"] = grading_table["商户编号"].map(tiers)',
    'grading_table["跟进间隔（天）"] = grading_table["客户等级"].map(intervals)',
])
_KEY_EXTRA = 'extra_cols=["所在线路", "站点", "合作年数", "近12个月逾期缴租次数", "最长逾期天数"]'

WRONG_ANSWERS = [
    # ---- 任务 1
    {
        # Cumulative shares without sorting from the largest rent down: the grades and the
        # grading table (built on ranked) come out in the wrong order too.
        "name": "not_sorted",
        "replace": {"task1_ranked": "\n".join([
            "ranked = tenants.reset_index(drop=True)", _SHARES])},
        "fails": {"test1_ranked_order": "从大到小排序", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "从大到小排列"},
    },
    {
        # Shares computed on the unsorted tenants table: each row gets another tenant's share.
        "name": "shares_from_unsorted_tenants",
        "replace": {"task1_ranked": "\n".join([
            'ranked = tenants.sort_values("年租金", ascending=False).reset_index(drop=True)',
            'ranked["占比"] = tenants["年租金"] / tenants["年租金"].sum()',
            'ranked["累计占比"] = ranked["占比"].cumsum()'])},
        "fails": {"test1_ranked_shares": "占比和同一行商户的年租金对不上", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "先回到任务 1"},
    },
    {
        # Sorted the wrong way round (ascending=True is the default).
        "name": "sorted_ascending",
        "replace": {"task1_ranked": "\n".join([
            'ranked = tenants.sort_values("年租金").reset_index(drop=True)', _SHARES])},
        "fails": {"test1_ranked_order": "ascending=False", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "从大到小排列"},
    },
    {
        # Shares as percentages (0-100): every cumulative share is above 0.8, so the grades fall too.
        "name": "shares_in_percent",
        "replace": {"task1_ranked": "\n".join([
            _RANKED,
            'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum() * 100',
            'ranked["累计占比"] = ranked["占比"].cumsum()',
        ])},
        "fails": {"test1_ranked_shares": "不要乘 100", "test2_grades": "有商户的等级不对", "test6_grading_content": "先回到任务 1"},
    },
    {
        # The running total of the rents instead of the running total of the shares.
        "name": "cumulative_of_rent",
        "replace": {"task1_ranked": "\n".join([
            _RANKED,
            'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum()',
            'ranked["累计占比"] = ranked["年租金"].cumsum()',
        ])},
        "fails": {"test1_ranked_shares": "不是对年租金", "test2_grades": "有商户的等级不对", "test6_grading_content": "先回到任务 1"},
    },
    {
        # Shares rounded to two decimals "to look tidy": the grades shift at the boundaries.
        "name": "shares_rounded_early",
        "replace": {"task1_ranked": "\n".join([
            _RANKED,
            'ranked["占比"] = (ranked["年租金"] / ranked["年租金"].sum()).round(2)',
            'ranked["累计占比"] = ranked["占比"].cumsum()',
        ])},
        "fails": {"test1_ranked_shares": "\"占比\"被提前四舍五入了", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "先回到任务 1"},
    },
    {
        # Only the cumulative share rounded.
        "name": "cumulative_rounded_early",
        "replace": {"task1_ranked": "\n".join([
            _RANKED,
            'ranked["占比"] = ranked["年租金"] / ranked["年租金"].sum()',
            'ranked["累计占比"] = ranked["占比"].cumsum().round(2)',
        ])},
        "fails": {"test1_ranked_shares": "\"累计占比\"被提前四舍五入了", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "先回到任务 1"},
    },
    # ---- 任务 2
    {
        # Grading on the cumulative share itself (the spreadsheet rule 累计占比 <= 80 % -> A):
        # the tenant that crosses 80 % drops to B.
        "name": "boundary_tenant_demoted",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = ranked["累计占比"] - ranked["占比"]',
            'ranked["ABC等级"] = np.where(ranked["累计占比"] <= 0.8, "A",',
            '                           np.where(ranked["累计占比"] <= 0.95, "B", "C"))',
        ])},
        "fails": {"test2_grades": "跨过 80%", "test6_grading_content": "先回到任务 2"},
    },
    {
        # "Share before" as the previous row's cumulative share, with no value for the first row.
        "name": "before_by_shift",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = ranked["累计占比"].shift()',
            'ranked["ABC等级"] = np.where(ranked["此前累计"] < 0.8, "A",',
            '                           np.where(ranked["此前累计"] < 0.95, "B", "C"))',
        ])},
        "fails": {"test2_before": "此前累计有空值", "test2_grades": "第一名商户没有分到 A 级",
                  "test6_grading_content": "先回到任务 2"},
    },
    {
        # Thresholds written as percentages against shares between 0 and 1.
        "name": "thresholds_in_percent",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = ranked["累计占比"] - ranked["占比"]',
            'ranked["ABC等级"] = np.where(ranked["此前累计"] < 80, "A",',
            '                           np.where(ranked["此前累计"] < 95, "B", "C"))',
        ])},
        "fails": {"test2_grades": "不是 80 和 95", "test6_grading_content": "先回到任务 2"},
    },
    {
        # Each tenant's own share compared with the thresholds instead of the share before it:
        # every share is far below 0.8, so everyone is A (same grades as thresholds in percent).
        "name": "grades_on_own_share",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = ranked["累计占比"] - ranked["占比"]',
            'ranked["ABC等级"] = np.where(ranked["占比"] < 0.8, "A",',
            '                           np.where(ranked["占比"] < 0.95, "B", "C"))',
        ])},
        "fails": {"test2_grades": "不是单户的\"占比\"", "test6_grading_content": "先回到任务 2"},
    },
    {
        # "Share before" rounded to two decimals: a tenant just under 80 % moves up to 0.80.
        "name": "before_rounded_early",
        "replace": {"task2_grades": "\n".join([
            'ranked["此前累计"] = (ranked["累计占比"] - ranked["占比"]).round(2)',
            'ranked["ABC等级"] = np.where(ranked["此前累计"] < 0.8, "A",',
            '                           np.where(ranked["此前累计"] < 0.95, "B", "C"))',
        ])},
        "fails": {"test2_before": "被提前四舍五入了", "test2_grades": "有商户的等级不对",
                  "test6_grading_content": "先回到任务 2"},
    },
    # ---- 任务 3
    {
        # The two shares swapped.
        "name": "a_shares_swapped",
        "replace": {"task3_shares": "\n".join([
            'a_tenant_share = abc_summary.loc["A", "value_share"]',
            'a_rent_share = abc_summary.loc["A", "customer_share"]',
        ])},
        "fails": {"test3_shares": "两个数取反了"},
    },
    {
        # The number of A tenants instead of their share.
        "name": "a_tenant_count",
        "replace": {"task3_shares": "\n".join([
            'a_tenant_share = abc_summary.loc["A", "customers"]',
            'a_rent_share = abc_summary.loc["A", "value_share"]',
        ])},
        "fails": {"test3_shares": "customers 列"},
    },
    {
        # Both shares rounded to two decimals: answercheck adds its hint about rounding too early.
        "name": "a_shares_rounded_early",
        "replace": {"task3_shares": "\n".join([
            'a_tenant_share = round(abc_summary.loc["A", "customer_share"], 2)',
            'a_rent_share = round(abc_summary.loc["A", "value_share"], 2)',
        ])},
        "fails": {"test3_shares": "提前用 round 取了整"},
    },
    # ---- 任务 4
    {
        # Tiers of the rent column without the tenant numbers as index: the grading table's
        # map(tiers) then finds nothing.
        "name": "pyramid_without_tenant_index",
        "replace": {"task4_pyramid": "\n".join([
            'tiers = segmentation.pyramid_tiers(tenants["年租金"])',
            'tier_counts = tiers.value_counts()',
        ])},
        "fails": {"test4_pyramid": "索引应该是商户编号", "test6_grading_content": "金字塔层级有空值"},
    },
    {
        # Shares of tenants per tier instead of counts.
        "name": "pyramid_counts_normalized",
        "replace": {"task4_pyramid": "\n".join([
            'tiers = segmentation.pyramid_tiers(rent)',
            'tier_counts = tiers.value_counts(normalize=True)',
        ])},
        "fails": {"test4_pyramid": "normalize=True"},
    },
    # ---- 任务 5
    {
        # Intervals written in weeks instead of days.
        "name": "intervals_in_weeks",
        "replace": {"task5_plan": 'intervals = {"A": 1, "B": 2, "C": 4}\n' + _PLAN_TAIL},
        "fails": {"test5_plan": "单位是天"},
    },
    {
        # Weekends left in the plan.
        "name": "weekends_not_skipped",
        "replace": {"task5_plan": "\n".join([
            'intervals = {"A": 7, "B": 15, "C": 30}',
            'plan = segmentation.follow_up_schedule(abc, intervals=intervals, start="2024-03-01")',
            'contacts_by_grade = plan.groupby("grade").size()',
        ])},
        "fails": {"test5_plan": "skip_weekends=True"},
    },
    {
        # An end date before the 90 days are over: the plan stops at the end of April.
        "name": "plan_until_too_early",
        "replace": {"task5_plan": "\n".join([
            'intervals = {"A": 7, "B": 15, "C": 30}',
            'plan = segmentation.follow_up_schedule(abc, intervals=intervals, start="2024-03-01",',
            '                                       until="2024-04-30", skip_weekends=True)',
            'contacts_by_grade = plan.groupby("grade").size()',
        ])},
        "fails": {"test5_plan": "日程没有排满 90 天"},
    },
    {
        # Counted the tenants of each grade instead of the contacts.
        "name": "contacts_counted_as_tenants",
        "replace": {"task5_plan": "\n".join([
            'intervals = {"A": 7, "B": 15, "C": 30}',
            'plan = segmentation.follow_up_schedule(abc, intervals=intervals, start="2024-03-01", skip_weekends=True)',
            'contacts_by_grade = plan.groupby("grade")["customer"].nunique()',
        ])},
        "fails": {"test5_contacts": "这是每一级的商户数"},
    },
    {
        # Intervals written as text: follow_up_schedule refuses them, nothing after it is defined.
        "name": "intervals_as_text",
        "replace": {"task5_plan": 'intervals = {"A": "7", "B": "15", "C": "30"}\n' + _PLAN_TAIL},
        "fails": {"test5_plan": "不要加引号", "test5_contacts": "还没有算出 contacts_by_grade"},
    },
    # ---- 任务 6
    {
        # Grade column not renamed: 9 columns, but one with the wrong name.
        "name": "grade_column_not_renamed",
        "replace": {"task6_grading_table": "\n".join([
            'grading_table = ranked[["商户编号", "商户名称", "业态", "年租金", "占比", "累计占比", "ABC等级"]].copy()',
            'grading_table["金字塔层级"] = grading_table["商户编号"].map(tiers)',
            'grading_table["跟进间隔（天）"] = grading_table["ABC等级"].map(intervals)',
        ])},
        "fails": {"test6_grading_columns": "缺少这些列：客户等级", "test6_grading_content": "先让上一个检查通过"},
    },
    {
        # Follow-up interval looked up by tenant number instead of by grade: all empty.
        "name": "interval_mapped_on_tenant_id",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            'grading_table["金字塔层级"] = grading_table["商户编号"].map(tiers)',
            'grading_table["跟进间隔（天）"] = grading_table["商户编号"].map(intervals)',
        ])},
        "fails": {"test6_grading_content": "跟进间隔有空值"},
    },
    {
        # Shares turned into percentages in the table (x 100), the opposite of what the task asks.
        "name": "grading_shares_in_percent",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            'grading_table["占比"] = grading_table["占比"] * 100',
            'grading_table["累计占比"] = grading_table["累计占比"] * 100',
            _GRADING_TAIL,
        ])},
        "fails": {"test6_grading_content": "\"占比\"这一列乘了 100"},
    },
    {
        # Shares formatted as percent text for Excel.
        "name": "grading_shares_as_text",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            'grading_table["累计占比"] = grading_table["累计占比"].map("{:.1%}".format)',
            _GRADING_TAIL,
        ])},
        "fails": {"test6_grading_content": "不要改成带 % 的文字"},
    },
    {
        # Shares rounded in the table.
        "name": "grading_shares_rounded",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            'grading_table["占比"] = grading_table["占比"].round(4)',
            _GRADING_TAIL,
        ])},
        "fails": {"test6_grading_content": "\"占比\"这一列被四舍五入了"},
    },
    {
        # A share column renamed to say it is in percent: one column missing, one extra.
        "name": "grading_share_column_renamed",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            _GRADING_TAIL,
            'grading_table = grading_table.rename(columns={"占比": "占比（%）"})',
        ])},
        "fails": {"test6_grading_columns": "缺少这些列：占比。多出来的列是：占比（%）",
                  "test6_grading_content": "先让上一个检查通过"},
    },
    {
        # Half-width brackets in the last column's name.
        "name": "grading_interval_halfwidth_brackets",
        "replace": {"task6_grading_table": "\n".join([
            _GRADING_HEAD,
            'grading_table["金字塔层级"] = grading_table["商户编号"].map(tiers)',
            'grading_table["跟进间隔(天)"] = grading_table["客户等级"].map(intervals)',
        ])},
        "fails": {"test6_grading_columns": "多出来的列是：跟进间隔(天)", "test6_grading_content": "先让上一个检查通过"},
    },
    {
        # The "share before" column taken and renamed 累计占比.
        "name": "grading_before_as_cumulative",
        "replace": {"task6_grading_table": "\n".join([
            'grading_table = ranked[["商户编号", "商户名称", "业态", "年租金", "占比", "此前累计", "ABC等级"]].rename(',
            '    columns={"ABC等级": "客户等级", "此前累计": "累计占比"})',
            _GRADING_TAIL,
        ])},
        "fails": {"test6_grading_content": "\"累计占比\"这一列和 ranked 里的\"累计占比\"不一样"},
    },
    # ---- 任务 7
    {
        # No name column: the 客户 column holds tenant numbers.
        "name": "key_table_without_names",
        "replace": {"task7_key_table": "\n".join([
            'key_table = segmentation.key_customer_table(',
            '    tenants.set_index("商户编号"), "年租金",',
            '    ' + _KEY_EXTRA + ', rule="crossing")',
        ])},
        "fails": {"test7_key_table": "name_col"},
    },
    {
        # The other ABC rule for the key-customer table: one A tenant fewer than abc.
        "name": "key_table_cumulative_rule",
        "replace": {"task7_key_table": "\n".join([
            'key_table = segmentation.key_customer_table(',
            '    tenants.set_index("商户编号"), "年租金", name_col="商户名称",',
            '    ' + _KEY_EXTRA + ', rule="cumulative")',
        ])},
        "fails": {"test7_key_table": "rule=\"crossing\""},
    },
    # ---- 任务 8
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
    {
        # Two separate to_excel calls: the second file overwrites the first, one sheet is left.
        "name": "excel_second_sheet_overwrites",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            'grading_table.to_excel(excel_file, sheet_name="客户分级表", index=False)',
            'key_table.to_excel(excel_file, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_sheets": "同一个 ExcelWriter", "test8_excel_content": "先让上一个检查通过"},
    },
    {
        # The two tables written to each other's sheet.
        "name": "excel_sheets_swapped",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    key_table.to_excel(writer, sheet_name="客户分级表", index=False)',
            '    grading_table.to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_content": "写入的应该是 grading_table"},
    },
    {
        # Shares turned into percentages for Excel on a copy: grading_table itself stays right.
        "name": "excel_shares_times_100",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            'sheet = grading_table.copy()',
            'sheet["占比"] = sheet["占比"] * 100',
            'sheet["累计占比"] = sheet["累计占比"] * 100',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    sheet.to_excel(writer, sheet_name="客户分级表", index=False)',
            '    key_table.to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_content": "Excel 里的占比和 grading_table 不一样：是不是乘了 100？"},
    },
    {
        # The grading table re-sorted by tenant number before export: same rows, other order.
        "name": "excel_rows_resorted",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    grading_table.sort_values("商户编号").to_excel(writer, sheet_name="客户分级表", index=False)',
            '    key_table.to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_content": "Excel 里\"客户分级表\"的行顺序和 grading_table 不一样"},
    },
    {
        # The key-customer table sorted the other way round (smallest rent first) for the export.
        "name": "excel_key_rows_reversed",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    grading_table.to_excel(writer, sheet_name="客户分级表", index=False)',
            '    key_table.sort_values("年租金").to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_content": "Excel 里\"重点客户统计表\"的行顺序和 key_table 不一样"},
    },
    {
        # The grade written as "A级" in the workbook.
        "name": "excel_grade_rewritten",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            'sheet = grading_table.copy()',
            'sheet["客户等级"] = sheet["客户等级"] + "级"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    sheet.to_excel(writer, sheet_name="客户分级表", index=False)',
            '    key_table.to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_content": "Excel 里\"客户分级表\"的\"客户等级\"和 grading_table 里的不一样"},
    },
    {
        # Another file name than the one the task gives.
        "name": "excel_wrong_file_name",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "客户分级.xlsx"',
            "with pd.ExcelWriter(excel_file) as writer:",
            '    grading_table.to_excel(writer, sheet_name="客户分级表", index=False)',
            '    key_table.to_excel(writer, sheet_name="重点客户统计表", index=False)',
        ])},
        "fails": {"test8_excel_sheets": "一字不差"},
    },
    {
        # The file name set, the writing code forgotten: no file.
        "name": "excel_not_written",
        "replace": {"task8_excel": 'excel_file = "广州地铁商户分级.xlsx"'},
        "fails": {"test8_excel_sheets": "没有找到文件 广州地铁商户分级.xlsx：先运行上面写 Excel 的代码",
                  "test8_excel_content": "没有找到文件 广州地铁商户分级.xlsx：先运行上面写 Excel 的代码"},
    },
    {
        # A CSV file under the .xlsx name: openpyxl cannot open it.
        "name": "excel_written_as_csv",
        "replace": {"task8_excel": "\n".join([
            'excel_file = "广州地铁商户分级.xlsx"',
            'grading_table.to_csv(excel_file, index=False)',
        ])},
        "fails": {"test8_excel_sheets": "不是 Excel 工作簿", "test8_excel_content": "打不开"},
    },
    # ---- 任务 9
    {
        # Date and amount columns swapped in rfm_summary (it runs, on nonsense).
        "name": "rfm_date_amount_swapped",
        "replace": {"task9_rfm": "\n".join([
            'rfm = segmentation.rfm_summary(orders, "客户编号", "订单金额", "订单日期")',
            'rfm_class = segmentation.rfm_classes(rfm)',
            'class_counts = rfm_class.value_counts()',
        ])},
        # crmlab refuses numbers as dates, so the answer cell stops with a Chinese error.
        "fails": {"test9_rfm_summary": "传反了", "test9_rfm_classes": "先让上一个检查通过"},
    },
    {
        # Customers identified by name instead of number.
        "name": "rfm_by_customer_name",
        "replace": {"task9_rfm": "\n".join([
            'rfm = segmentation.rfm_summary(orders, "客户名称", "订单日期", "订单金额")',
            'rfm_class = segmentation.rfm_classes(rfm)',
            'class_counts = rfm_class.value_counts()',
        ])},
        "fails": {"test9_rfm_summary": "客户列要传"},
    },
    {
        # Median instead of the mean as the high/low split.
        "name": "rfm_median_split",
        "replace": {"task9_rfm": "\n".join([
            'rfm = segmentation.rfm_summary(orders, "客户编号", "订单日期", "订单金额")',
            'rfm_class = segmentation.rfm_classes(rfm, threshold="median")',
            'class_counts = rfm_class.value_counts()',
        ])},
        "fails": {"test9_rfm_classes": "用了中位数"},
    },
    {
        # The pyramid built on annual sales instead of rent: same tier sizes, other shops in them.
        "name": "pyramid_by_sales",
        "replace": {"task4_pyramid": (
            'tiers = segmentation.pyramid_tiers(tenants.set_index("商户编号")["年销售额"])\n'
            'tier_counts = tiers.value_counts()')},
        "fails": {"test4_pyramid": "分错了层"},
    },
]
