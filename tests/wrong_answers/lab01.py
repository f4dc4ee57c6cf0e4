"""Typical mistakes in lab01, each autograded as wrong with a message that points at it."""

WRONG_ANSWERS = [
    {
        # A share written as a percentage (0-100) instead of a fraction (0-1).
        "name": "recorded_share_as_percent",
        "replace": {"task3_recorded": (
            'recorded = direct[direct["是否记录顾客信息"] == "是"]\n'
            'recorded_share = recorded["月均接触人次"].sum() / direct["月均接触人次"].sum() * 100')},
        "fails": {"test3_recorded": "乘了 100"},
    },
    {
        # Counting contact points instead of summing the contacts they make.
        "name": "recorded_share_by_count_of_points",
        "replace": {"task3_recorded": (
            'recorded_share = (direct["是否记录顾客信息"] == "是").mean()')},
        "fails": {"test3_recorded": "按人次算，不是按接触点个数算"},
    },
    {
        # Forgetting to keep only the departments that deal with customers directly.
        "name": "contacts_without_filter",
        "replace": {"task3_contacts": (
            'direct = touchpoints[touchpoints["是否直接接触顾客"] == "是"]\n'
            'contact_by_dept = touchpoints.groupby("部门")["月均接触人次"].sum().sort_values(ascending=False)')},
        "fails": {"test3_contacts_shape": "不直接接触顾客的部门"},
    },
    {
        # Comparing stores by raw complaint counts, not per 10,000 members.
        "name": "rate_without_dividing_by_members",
        "replace": {"task5_rate": (
            'rate_by_store = complaints.groupby("门店编号").size().sort_values(ascending=False)')},
        "fails": {"test5_rate_shape": "忘了除以该门店的会员人数"},
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
        # Analysis before integration: the steps in the wrong order.
        "name": "steps_in_wrong_order",
        "replace": {"task1_steps": 'crm_steps = ["业务数据分析", "应用业务集成", "决策执行"]'},
        "fails": {"test1_steps": "数据还分散在各部门时"},
    },
    {
        # Two project leaders and a member without a real duty.
        "name": "team_with_two_leaders",
        "replace": {"task7_team": (
            'team = pd.DataFrame({\n'
            '    "姓名": ["王芳", "李强", "张伟", "刘洋"],\n'
            '    "角色": ["项目负责人", "项目负责人", "组员", "组员"],\n'
            '    "职责": ["分工协调、总纂全文", "联系企业", "帮忙", "整理数据并作图"],\n'
            '})')},
        "fails": {"test7_team_rules": "每组只能有一位"},
    },
    {
        # Only one vague suggestion, and no numbers in the evidence.
        "name": "outline_vague",
        "replace": {"task8_outline": (
            'outline["标题"] = "XX超市客户关系管理调查报告"\n'
            'outline["开头"]["论点"] = "客户关系管理对XX超市非常重要，必须引起企业的高度重视。"\n'
            'outline["正文"]["理论依据"] = "客户关系管理以客户为中心。" * 8\n'
            'outline["正文"]["实例资料"] = "XX超市的投诉很多，很多部门都在接触顾客，但是信息没有记录下来。" * 3\n'
            'outline["结尾"]["结论"] = "XX超市应当重视客户关系管理，把各个部门的客户工作统一起来，提高顾客满意。"\n'
            'outline["结尾"]["建议"] = ["加强管理"]')},
        "fails": {"test8_outline_structure": "至少需要 2 条", "test8_outline_evidence": "实例资料里没有数字"},
    },
]
