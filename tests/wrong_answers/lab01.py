"""Typical mistakes in lab01, each failing its visible check (and autograde) with a message that points at it."""

_TEAM_OK_BUT = (
    'team = pd.DataFrame({{\n'
    '    "姓名": {names},\n'
    '    "角色": {roles},\n'
    '    "职责": {duties},\n'
    '}})')

WRONG_ANSWERS = [
    # --- 任务 1: the three steps in order ------------------------------------------------
    {
        # Analysis before integration (issue 13: the order was checked only by a hidden test).
        "name": "steps_in_wrong_order",
        "replace": {"task1_steps": 'crm_steps = ["业务数据分析", "应用业务集成", "决策执行"]'},
        "fails": {"test1_steps_order": "数据还分散在各部门时"},
    },
    {
        # Deciding before analysing.
        "name": "steps_decision_before_analysis",
        "replace": {"task1_steps": 'crm_steps = ["应用业务集成", "决策执行", "业务数据分析"]'},
        "fails": {"test1_steps_order": "决策要依据什么"},
    },
    {
        # Shortened names: "业务集成" is not the step's name as given.
        "name": "steps_short_names",
        "replace": {"task1_steps": 'crm_steps = ["业务集成", "数据分析", "决策执行"]'},
        "fails": {"test1_steps_names": "完全一样", "test1_steps_order": "先让上一个检查通过"},
    },
    # --- 任务 2: totals ------------------------------------------------------------------
    {
        # Daily visitors (人次) added up as if they were floor space: 40,500 lies in the 3万多 range.
        "name": "area_from_visitor_column",
        "replace": {"task2_totals": ('total_members = int(stores["会员人数"].sum())\n'
                                     'total_area = int(stores["日均客流"].sum())')},
        "fails": {"test2_totals_value": "日均客流"},
    },
    {
        # New members of the last year instead of all members.
        "name": "members_from_new_members_column",
        "replace": {"task2_totals": ('total_members = int(stores["近一年新增会员"].sum())\n'
                                     'total_area = int(stores["营业面积"].sum())')},
        "fails": {"test2_totals_type": "会员合计不在合理范围", "test2_totals_value": "近一年新增的会员"},
    },
    # --- 任务 3 (a): contacts by department ----------------------------------------------
    {
        # Forgetting to keep only the departments that deal with customers directly.
        "name": "contacts_without_filter",
        "replace": {"task3_contacts": (
            'direct = touchpoints[touchpoints["是否直接接触顾客"] == "是"]\n'
            'contact_by_dept = touchpoints.groupby("部门")["月均接触人次"].sum().sort_values(ascending=False)')},
        "fails": {"test3_contacts_shape": "不直接接触顾客的部门"},
    },
    {
        # Counting contact points per department instead of adding up their contacts.
        "name": "contacts_counted_not_summed",
        "replace": {"task3_contacts": (
            'direct = touchpoints[touchpoints["是否直接接触顾客"] == "是"]\n'
            'contact_by_dept = direct.groupby("部门")["月均接触人次"].count().sort_values(ascending=False)')},
        "fails": {"test3_contacts_value": "用了平均值或计数"},
    },
    {
        # Filtering on the wrong yes/no column (是否记录顾客信息): the form looks right, departments are missing.
        # The share in (b) is then computed on the wrong rows too.
        "name": "contacts_filtered_on_recorded",
        "replace": {"task3_contacts": (
            'direct = touchpoints[touchpoints["是否记录顾客信息"] == "是"]\n'
            'contact_by_dept = direct.groupby("部门")["月均接触人次"].sum().sort_values(ascending=False)')},
        "fails": {"test3_contacts_value": "部门不全", "test3_recorded": "比例不对"},
    },
    # --- 任务 3 (b): share of contacts recorded ------------------------------------------
    {
        # A share written as a percentage (0-100) instead of a fraction (0-1).
        "name": "recorded_share_as_percent",
        "replace": {"task3_recorded": (
            'recorded = direct[direct["是否记录顾客信息"] == "是"]\n'
            'recorded_share = recorded["月均接触人次"].sum() / direct["月均接触人次"].sum() * 100')},
        "fails": {"test3_recorded": "乘了 100"},
    },
    {
        # Counting contact points instead of weighting by 月均接触人次 (issue 13: passed the visible check).
        "name": "recorded_share_by_count_of_points",
        "replace": {"task3_recorded": (
            'recorded_share = (direct["是否记录顾客信息"] == "是").mean()')},
        "fails": {"test3_recorded": "接触点的个数"},
    },
    {
        # The complement: the share of contacts NOT recorded.
        "name": "recorded_share_inverted",
        "replace": {"task3_recorded": (
            'not_recorded = direct[direct["是否记录顾客信息"] == "否"]\n'
            'recorded_share = not_recorded["月均接触人次"].sum() / direct["月均接触人次"].sum()')},
        "fails": {"test3_recorded": "算反了"},
    },
    {
        # Recorded divided by not recorded (a ratio, not a share).
        "name": "recorded_over_unrecorded",
        "replace": {"task3_recorded": (
            'recorded = direct[direct["是否记录顾客信息"] == "是"]\n'
            'unrecorded = direct[direct["是否记录顾客信息"] == "否"]\n'
            'recorded_share = recorded["月均接触人次"].sum() / unrecorded["月均接触人次"].sum()')},
        "fails": {"test3_recorded": "分母不对"},
    },
    {
        # Rounded early to 2 decimals (0.10): the check keeps 3, and says the result looks rounded.
        "name": "recorded_share_rounded_early",
        "replace": {"task3_recorded": (
            'direct = touchpoints[touchpoints["是否直接接触顾客"] == "是"]\n'
            'recorded = direct[direct["是否记录顾客信息"] == "是"]\n'
            'recorded_share = round(recorded["月均接触人次"].sum() / direct["月均接触人次"].sum(), 2)')},
        "fails": {"test3_recorded": "提前用 round 取了整"},
    },
    # --- 任务 4 (a): complaints by category ----------------------------------------------
    {
        # Shares (normalize=True) instead of counts.  The chart of 任务 6 plots the student's own
        # complaints_by_type, so it is not marked down a second time.
        "name": "types_as_shares",
        "replace": {"task4_types": 'complaints_by_type = complaints["投诉类别"].value_counts(normalize=True)'},
        "fails": {"test4_types_value": "算成了比例"},
    },
    {
        # groupby().size() is sorted by name, not by count.
        "name": "types_not_sorted",
        "replace": {"task4_types": 'complaints_by_type = complaints.groupby("投诉类别").size()'},
        "fails": {"test4_types_shape": "从多到少"},
    },
    # --- 任务 4 (b): share received by 顾客关系部 ------------------------------------------
    {
        # Looking for 顾客关系部 in the channel column: no such channel, share 0.
        "name": "crm_share_from_channel_column",
        "replace": {"task4_share": 'crm_dept_share = (complaints["受理渠道"] == "顾客关系部").mean()'},
        "fails": {"test4_share": "结果是 0"},
    },
    {
        # Only the service desk, one of the two channels 顾客关系部 takes complaints through.
        "name": "crm_share_service_desk_only",
        "replace": {"task4_share": 'crm_dept_share = (complaints["受理渠道"] == "服务台").mean()'},
        "fails": {"test4_share": "只算了服务台"},
    },
    {
        # The count of complaints instead of the share.
        "name": "crm_share_as_count",
        "replace": {"task4_share": 'crm_dept_share = int((complaints["受理部门"] == "顾客关系部").sum())'},
        "fails": {"test4_share": "算成了件数"},
    },
    # --- 任务 5: complaints per 10,000 members -------------------------------------------
    {
        # Comparing stores by raw complaint counts, not per 10,000 members.
        "name": "rate_without_dividing_by_members",
        "replace": {"task5_rate": (
            'rate_by_store = complaints.groupby("门店编号").size().sort_values(ascending=False)')},
        "fails": {"test5_rate_value": "忘了除以该门店的会员人数"},
    },
    {
        # Per member, forgetting to scale to 10,000 members.
        "name": "rate_not_per_10000",
        "replace": {"task5_rate": (
            'count_by_store = complaints.groupby("门店编号").size()\n'
            'members_by_store = stores.set_index("门店编号")["会员人数"]\n'
            'rate_by_store = (count_by_store / members_by_store).sort_values(ascending=False)')},
        "fails": {"test5_rate_value": "乘以 10000"},
    },
    {
        # Dividing by .values: value_counts() is sorted by count, the stores table by id, so each
        # store's complaints are divided by another store's members (every number still looks plausible).
        "name": "rate_misaligned_values",
        "replace": {"task5_rate": (
            'count_by_store = complaints["门店编号"].value_counts()\n'
            'rate_by_store = (count_by_store / stores["会员人数"].values * 10000).sort_values(ascending=False)')},
        "fails": {"test5_rate_value": "门店没有对齐"},
    },
    {
        # Rounded by hand to whole numbers (round, then astype(int)): no float left for answercheck's
        # automatic hint, so the check names the rounding itself.
        "name": "rate_rounded_to_integers",
        "replace": {"task5_rate": (
            'count_by_store = complaints.groupby("门店编号").size()\n'
            'members_by_store = stores.set_index("门店编号")["会员人数"]\n'
            'rate_by_store = (count_by_store / members_by_store * 10000).round().astype(int)'
            '.sort_values(ascending=False)')},
        "fails": {"test5_rate_value": "取了整"},
    },
    # --- 任务 6: the chart ---------------------------------------------------------------
    {
        # A bar chart without title and axis label.
        "name": "chart_without_labels",
        "replace": {"task6_chart": 'chart = complaints_by_type.plot.bar(rot=30)'},
        "fails": {"test6_chart_labels": "中文标题"},
    },
    {
        # A pie chart instead of bars (its wedges have no height).
        "name": "chart_as_pie",
        "replace": {"task6_chart": (
            'chart = complaints_by_type.plot.pie()\n'
            'chart.set_title("各类投诉件数")\n'
            'chart.set_ylabel("件数")')},
        "fails": {"test6_chart_bars": "没有柱子"},
    },
    {
        # Eight bars, labelled, but of the shares instead of the counts of 任务 4 (a).
        "name": "chart_of_shares",
        "replace": {"task6_chart": (
            'chart = complaints["投诉类别"].value_counts(normalize=True).plot.bar(rot=30)\n'
            'chart.set_title("各类投诉占比")\n'
            'chart.set_ylabel("占比")')},
        "fails": {"test6_chart_bars": "对不上"},
    },
    # --- 任务 7: the team ----------------------------------------------------------------
    {
        # Two project leaders and a member without a real duty.
        "name": "team_with_two_leaders",
        "replace": {"task7_team": _TEAM_OK_BUT.format(
            names='["王芳", "李强", "张伟", "刘洋"]',
            roles='["项目负责人", "项目负责人", "组员", "组员"]',
            duties='["分工协调、总纂全文", "联系企业", "帮忙", "整理数据并作图"]')},
        "fails": {"test7_team_rules": "每组只能有一位"},
    },
    {
        # Everyone writes, nobody compiles the final text (总纂).
        "name": "team_without_editor",
        "replace": {"task7_team": _TEAM_OK_BUT.format(
            names='["王芳", "李强", "张伟", "刘洋"]',
            roles='["项目负责人", "组员", "组员", "组员"]',
            duties='["制订调查计划、分工协调", "联系企业、访谈经理", "整理数据并作图", "撰写结论与建议"]')},
        "fails": {"test7_team_rules": "总纂"},
    },
    {
        # Duties of four characters or more that say nothing concrete (they passed check_team alone).
        "name": "team_vague_duties",
        "replace": {"task7_team": _TEAM_OK_BUT.format(
            names='["王芳", "李强", "张伟", "刘洋"]',
            roles='["项目负责人", "组员", "组员", "组员"]',
            duties='["分工协调、总纂全文", "负责调查", "帮忙写报告", "参与相关工作"]')},
        "fails": {"test7_team_rules": "职责还太笼统"},
    },
    {
        # Everyone but the leader has the same duty: no division of labour.
        "name": "team_same_duties",
        "replace": {"task7_team": _TEAM_OK_BUT.format(
            names='["王芳", "李强", "张伟", "刘洋"]',
            roles='["项目负责人", "组员", "组员", "组员"]',
            duties='["分工协调、总纂全文", "调查并整理数据", "调查并整理数据。", "调查并整理数据！"]')},
        "fails": {"test7_team_rules": "一字不差"},
    },
    {
        # The skeleton's placeholders left in, only the raise line deleted.
        "name": "team_skeleton_unfilled",
        "replace": {"task7_team": _TEAM_OK_BUT.format(
            names='["……", "……", "……", "……"]',
            roles='["项目负责人", "组员", "组员", "组员"]',
            duties='["……", "……", "……", "……"]')},
        "fails": {"test7_team_form": "没填的", "test7_team_rules": "姓名重复"},
    },
    # --- 任务 8: the outline -------------------------------------------------------------
    {
        # Only one vague suggestion, and no numbers in the evidence.  export_docx then refuses the
        # incomplete outline, so 任务 9 has no report either.
        "name": "outline_vague",
        "replace": {"task8_outline": (
            'outline["标题"] = "XX超市客户关系管理调查报告"\n'
            'outline["开头"]["论点"] = "客户关系管理对XX超市非常重要，必须引起企业的高度重视。"\n'
            'outline["正文"]["理论依据"] = "客户关系管理以客户为中心。" * 8\n'
            'outline["正文"]["实例资料"] = "XX超市的投诉很多，很多部门都在接触顾客，但是信息没有记录下来。" * 3\n'
            'outline["结尾"]["结论"] = "XX超市应当重视客户关系管理，把各个部门的客户工作统一起来，提高顾客满意。"\n'
            'outline["结尾"]["建议"] = ["加强管理"]')},
        "fails": {"test8_outline_structure": "至少需要 2 条", "test8_outline_evidence": "实例资料里没有数字",
                  "test9_export": "导出没有成功"},
    },
    {
        # The conclusion copies the thesis word for word.
        "name": "conclusion_repeats_thesis",
        "replace": {"task8_outline": (
            'outline["标题"] = "XX超市客户关系管理调查报告"\n'
            'outline["开头"]["论点"] = "整合分散在各部门的客户信息，是XX超市提升会员忠诚度、减少顾客流失的关键一步，应当尽快着手去做。"\n'
            'outline["正文"]["理论依据"] = "客户关系管理以客户为中心，要求企业认出客户、区分客户、保持接触、按需调整产品和服务。" * 2\n'
            'outline["正文"]["实例资料"] = f"XX超市共有 {total_members} 名会员，2025 年收到 {len(complaints)} 件投诉，'
            '顾客关系部只受理了其中的 {crm_dept_share:.0%}，其余分散在各部门，信息没有汇到一起。" * 2\n'
            'outline["结尾"]["结论"] = outline["开头"]["论点"]\n'
            'outline["结尾"]["建议"] = ["由顾客关系部牵头建立统一的投诉信息平台", "在收银台推广会员扫码，留下顾客记录"]')},
        "fails": {"test8_outline_evidence": "一字不差"},
    },
    # --- 任务 9: the Word file -----------------------------------------------------------
    {
        # Exported without the team table.
        "name": "export_without_team",
        "replace": {"task9_export": (
            'report_path = report.export_docx(outline, "XX超市客户关系管理调查报告.docx",\n'
            '                                 figures={"各类投诉件数": chart.figure})')},
        "fails": {"test9_export": "team=team"},
    },
]
