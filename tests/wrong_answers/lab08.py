"""Typical mistakes in lab08, each autograded as wrong with a message that points at it.

Every fixture fails its visible check too (tests/test_visible_checks.py).  A mistake in
an early step changes the data of every later step, so its fixture lists the later
checks that lose points as well (a cascade), each with the message it shows.
"""

_UNIFY = '''all_records = pd.concat([
    unify(tables["市场部"], "市场部", marketing_mapping),
    unify(tables["设计部"], "设计部", {"客户": "姓名", "联系电话": "手机", "方案确认日期": "日期"}),
    unify(tables["工程部"], "工程部", {"业主姓名": "姓名", "电话": "手机", %s"开工日期": "日期"}),
    unify(tables["客服部"], "客服部", {"客户": "姓名", "联系方式": "手机", "回访日期": "日期"}),
], ignore_index=True)
'''

_NORMALIZE = (
    'all_records["手机_规范"] = normalize_phone(all_records["手机"])\n'
    'all_records["姓名_规范"] = normalize_name(all_records["姓名"])\n'
    'all_records["地址_规范"] = normalize_address(all_records["地址"])\n'
)

_MERGE = (
    'customer_base = merge_records(\n'
    '    all_records[["客户键", "部门", "姓名", "手机_规范", "地址", "地址_规范", "面积", "日期"]],\n'
    '    "客户键", rules, date_col="日期", source_col="部门")\n'
    'keys_after = match_customers(customer_base, ["手机_规范", "地址_规范"])\n'
    'rate_after = duplication_rate(keys_after)'
)

_RULES = (
    'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "newest",\n'
    '         "地址_规范": ["市场部"], "日期": "max"}\n'
)

_NAME_KEYS = 'checked["客户键_含姓名"] = match_customers(checked, ["手机_规范", "地址_规范", "姓名_规范"])\n'

_SPLIT = (
    'keys_per_customer = checked.groupby("真实客户编号")["客户键"].nunique()\n'
    'split_customers = sorted(keys_per_customer.index[keys_per_customer >= 2])'
)

_CHECKED = (
    'checked = all_records.merge(answer_key[["部门", "记录号", "真实客户编号"]], on=["部门", "记录号"], how="left")\n'
)

WRONG_ANSWERS = [
    # ---- 任务 1: one table
    {
        # 工程部's 工地地址 left out of its mapping: its records have no address.  Without the
        # address, customers who changed their number are no longer linked (cascade to 任务 3-6).
        "name": "site_address_not_mapped",
        "replace": {"task1_unify": _UNIFY % ""},
        "fails": {"test1_unify_values": "工程部的“地址”列是空的",
                  "test3_match_keys": "识别出的客户数偏多",
                  "test3_match_rate": "重复率偏低",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_split": "split_customers 不对"},
    },
    {
        # 客服部's 客户 left out of its mapping: its records have no name.  Task 2 says to go back
        # to 任务 1 first; the names in the conflicts, the merged names and the name rule change.
        "name": "service_name_not_mapped",
        "replace": {"task1_unify": _UNIFY.replace('{"客户": "姓名", "联系方式"', '{"联系方式"') % '"工地地址": "地址", '},
        "fails": {"test1_unify_values": "客服部的“姓名”列是空的",
                  "test2_normalize": "先回到任务 1",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_contract": "有些客户的姓名不对",
                  "test6_mixed": "n_mixed 不对"},
    },
    # ---- 任务 2: normalising and duplication rates
    {
        # Measuring the "raw" duplication on the already normalised phones: normalising seems useless.
        "name": "raw_rate_on_normalised_phones",
        "replace": {"task2_normalize": _NORMALIZE + (
            'raw_rate = duplication_rate(all_records["手机_规范"])\n'
            'phone_rate = duplication_rate(all_records["手机_规范"])')},
        "fails": {"test2_rates": "raw_rate 要用原始的“手机”列"},
    },
    {
        # Share of distinct numbers instead of the share of redundant records.
        "name": "rate_as_share_of_distinct",
        "replace": {"task2_normalize": _NORMALIZE + (
            'raw_rate = all_records["手机"].nunique() / len(all_records)\n'
            'phone_rate = all_records["手机_规范"].nunique() / len(all_records)')},
        "fails": {"test2_rates": "这是“不同号码占记录数的比例”"},
    },
    {
        # Spaces removed from the address, but "广州市…12栋2301室" and "…12-2301" still differ: fewer
        # records are linked by address (cascade to 任务 3-6).
        "name": "address_only_spaces_removed",
        "replace": {"task2_normalize": _NORMALIZE.replace('normalize_address(all_records["地址"])',
                                                          'all_records["地址"].str.replace(" ", "")') + (
            'raw_rate = duplication_rate(all_records["手机"])\n'
            'phone_rate = duplication_rate(all_records["手机_规范"])')},
        "fails": {"test2_normalize": "地址只去掉了空格",
                  "test3_match_keys": "识别出的客户数偏多",
                  "test3_match_rate": "重复率偏低",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_split": "split_customers 不对"},
    },
    # ---- 任务 3: matching
    {
        # Matching on the phone only: customers who changed their number are counted twice.
        "name": "match_on_phone_only",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, "手机_规范")\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = duplication_rate(all_records["客户键"])')},
        "fails": {"test3_match_keys": "识别出的客户数偏多：换过号码的客户被当成了两个人",
                  "test3_match_rate": "重复率偏低，和只按手机号算的一样",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_base": "rate_after 不对",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_split": "split_customers 不对"},
    },
    {
        # Adding the name as a third rule: namesakes who are different people get merged.
        "name": "match_with_name_too",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, ["手机_规范", "地址_规范", "姓名_规范"])\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = duplication_rate(all_records["客户键"])')},
        "fails": {"test3_match_keys": "把姓名也当成了匹配依据",
                  "test3_match_rate": "rate_before 不对",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对"},
    },
    {
        # Both columns in one inner list: records must agree on phone AND address.
        "name": "match_on_phone_and_address",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, [["手机_规范", "地址_规范"]])\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = duplication_rate(all_records["客户键"])')},
        "fails": {"test3_match_keys": "两列同时相同",
                  "test3_match_rate": "两列同时相同",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_base": "rate_after 不对",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_split": "split_customers 不对"},
    },
    {
        # The share of customers among the records instead of the share of redundant records.
        "name": "rate_before_as_share_of_customers",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, ["手机_规范", "地址_规范"])\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = n_customers / len(all_records)')},
        "fails": {"test3_match_rate": "这是“客户数占记录数的比例”"},
    },
    # ---- 任务 4: conflicts
    {
        # .count() counts cells (True and False), not the conflicting customers.
        "name": "conflicts_counted_with_count",
        "replace": {"task4_conflicts": (
            'conflicts = field_conflicts(all_records, "客户键", ["姓名_规范", "手机_规范", "面积"])\n'
            'conflict_counts = conflicts.count()')},
        "fails": {"test4_conflicts": ".count() 数的是格子数"},
    },
    {
        # The raw columns: every way of writing a phone or a name counts as a conflict.
        "name": "conflicts_on_raw_columns",
        "replace": {"task4_conflicts": (
            'conflicts = field_conflicts(all_records, "客户键", ["姓名", "手机", "面积"])\n'
            'conflict_counts = conflicts.sum()')},
        "fails": {"test4_conflicts": "检查的是规范后的列"},
    },
    # ---- 任务 5: merging
    {
        # Keeping the oldest phone number although contact fields follow the newest record.
        # "newest" for 日期 is the same as "max" (the newest record has the latest date): accepted.
        "name": "oldest_phone_wins",
        "replace": {"task5_merge": (
            'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "oldest",\n'
            '         "地址_规范": ["市场部"], "日期": "newest"}\n') + _MERGE},
        "fails": {"test5_merge_phone": "联系方式应以最新的记录为准"},
    },
    {
        # The name of the newest record: "王先生" from 客服部 replaces the name on the contract.
        "name": "name_from_newest_record",
        "replace": {"task5_merge": (
            'rules = {"姓名": "newest", "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "newest",\n'
            '         "地址_规范": ["市场部"], "日期": "max"}\n') + _MERGE},
        "fails": {"test5_merge_contract": "姓名应以市场部（合同）为准"},
    },
    {
        # The first contact date instead of the latest one.
        "name": "date_min",
        "replace": {"task5_merge": (
            'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "newest",\n'
            '         "地址_规范": ["市场部"], "日期": "min"}\n') + _MERGE},
        "fails": {"test5_merge_date": "最近一次接触客户的日期"},
    },
    {
        # The duplication rate "after" measured on the records before merging.
        "name": "rate_after_on_all_records",
        "replace": {"task5_merge": (
            'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "newest",\n'
            '         "地址_规范": ["市场部"], "日期": "max"}\n') + _MERGE.rsplit("\n", 1)[0] + (
            '\nrate_after = duplication_rate(all_records["客户键"])')},
        "fails": {"test5_merge_base": "这还是合并前的重复率"},
    },
    {
        # "After merging there are no duplicates, obviously": 0 written down, no re-matching done.
        "name": "rate_after_written_as_zero",
        "replace": {"task5_merge": _RULES + _MERGE.rsplit("\n", 2)[0] + '\nrate_after = 0.0'},
        "fails": {"test5_merge_base": "还没有 keys_after"},
    },
    {
        # Matched on the phone only in 任务 3, so the merged base still holds duplicates; writing
        # 0 for the rate after merging hides them.  (Cascade of match_on_phone_only.)
        "name": "rate_after_zero_hides_duplicates",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, "手机_规范")\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = duplication_rate(all_records["客户键"])'),
                    "task5_merge": _RULES + _MERGE.rsplit("\n", 1)[0] + '\nrate_after = 0.0'},
        "fails": {"test3_match_keys": "识别出的客户数偏多：换过号码的客户被当成了两个人",
                  "test3_match_rate": "重复率偏低，和只按手机号算的一样",
                  "test4_conflicts": "冲突客户数不对",
                  "test5_merge_base": "不要直接写一个数",
                  "test5_merge_phone": "有些客户的手机号不对",
                  "test5_merge_contract": "有些客户的",
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_split": "split_customers 不对"},
    },
    {
        # Re-matching the records before merging instead of the merged customer base.
        "name": "keys_after_on_all_records",
        "replace": {"task5_merge": _RULES + _MERGE.rsplit("\n", 2)[0] + (
            '\nkeys_after = match_customers(all_records, ["手机_规范", "地址_规范"])\n'
            'rate_after = duplication_rate(match_customers(customer_base, ["手机_规范", "地址_规范"]))')},
        "fails": {"test5_merge_base": "不是对 all_records 匹配"},
    },
    {
        # 地址_规范 left to the newest record although the table says "同地址" (市场部).  On this
        # data the values come out the same, so the check reads the rule itself.
        "name": "normalised_address_rule_newest",
        "replace": {"task5_merge": _RULES.replace('"地址_规范": ["市场部"]', '"地址_规范": "newest"') + _MERGE},
        "fails": {"test5_merge_contract": "“地址_规范”的规则不对"},
    },
    {
        # 地址_规范 left out of the merged columns (and so out of the rules); the re-matching then
        # falls back on the raw 地址.
        "name": "normalised_address_not_selected",
        "replace": {"task5_merge": (
            'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "newest", "日期": "max"}\n'
            'customer_base = merge_records(\n'
            '    all_records[["客户键", "部门", "姓名", "手机_规范", "地址", "面积", "日期"]],\n'
            '    "客户键", rules, date_col="日期", source_col="部门")\n'
            'keys_after = match_customers(customer_base, ["手机_规范", "地址"])\n'
            'rate_after = duplication_rate(keys_after)')},
        "fails": {"test5_merge_base": "共享客户库缺少“地址_规范”列",
                  "test5_merge_contract": "先让第一个合并检查通过"},
    },
    # ---- 任务 6: checking against the answer key
    {
        # "两个或更多" read as "more than two": keys mixing exactly two true customers and the
        # customer split over exactly two keys are missed.
        # The pairing of 任务 7 is a different, defensible one (P1 B, P2 F, P3 E): it must pass.
        "name": "more_than_two_for_two_or_more",
        "replace": {"task6_check": _CHECKED + _NAME_KEYS + (
            'n_mixed = int((checked.groupby("客户键_含姓名")["真实客户编号"].nunique() > 2).sum())\n'
            'keys_per_customer = checked.groupby("真实客户编号")["客户键"].nunique()\n'
            'split_customers = sorted(keys_per_customer.index[keys_per_customer > 2])'),
                    "task7_match": 'problem_measure = {"P1": "B", "P2": "F", "P3": "E", "P4": "F", "P5": "E"}'},
        "fails": {"test6_mixed": "“两个或更多”包括正好两个",
                  "test6_split": "“两个或更多”包括正好两个"},
    },
    {
        # Adding up the number of true customers per key instead of counting the mixed keys.
        # The pairing P1 B, P2 D is defensible too.
        "name": "mixed_counted_as_sum",
        "replace": {"task6_check": _CHECKED + _NAME_KEYS + (
            'n_mixed = int(checked.groupby("客户键_含姓名")["真实客户编号"].nunique().sum())\n') + _SPLIT,
                    "task7_match": 'problem_measure = {"P1": "B", "P2": "D", "P3": "B", "P4": "F", "P5": "E"}'},
        "fails": {"test6_mixed": "这是各客户键下真实客户数的合计"},
    },
    {
        # Counting the mixed keys of our own rule (none) instead of the rule with the name.
        "name": "mixed_counted_on_own_keys",
        "replace": {"task6_check": _CHECKED + _NAME_KEYS + (
            'n_mixed = int((checked.groupby("客户键")["真实客户编号"].nunique() >= 2).sum())\n') + _SPLIT},
        "fails": {"test6_mixed": "这是按我们自己的“客户键”数出来的"},
    },
    {
        # Grouped the wrong way round: true customers split over the name keys.
        "name": "mixed_grouped_by_true_customer",
        "replace": {"task6_check": _CHECKED + _NAME_KEYS + (
            'n_mixed = int((checked.groupby("真实客户编号")["客户键_含姓名"].nunique() >= 2).sum())\n') + _SPLIT},
        "fails": {"test6_mixed": "分组的方向反了"},
    },
    {
        # "Nothing is mixed" written down without building the keys with the name.
        "name": "mixed_written_as_zero",
        "replace": {"task6_check": _CHECKED + 'n_mixed = 0\n' + _SPLIT},
        "fails": {"test6_mixed": "checked 里还没有“客户键_含姓名”列"},
    },
    {
        # The answer key joined on 记录号 alone: 部门 comes back as 部门_x and 部门_y.  The display
        # line of the cell must not stop with an English KeyError; the check says what happened.
        "name": "answer_key_joined_on_record_id_only",
        "replace": {"task6_check": _CHECKED.replace('on=["部门", "记录号"]', 'on="记录号"') + _NAME_KEYS + (
            'n_mixed = int((checked.groupby("客户键_含姓名")["真实客户编号"].nunique() >= 2).sum())\n') + _SPLIT},
        "fails": {"test6_checked": "部门_x"},
    },
    # ---- 任务 7: problems and measures
    {
        # Answering "scattered customer data" with the organisational measure instead of data sharing.
        "name": "data_problem_answered_by_org_chart",
        "replace": {"task7_match": 'problem_measure = {"P1": "A", "P2": "D", "P3": "B", "P4": "F", "P5": "A"}'},
        "fails": {"test7_match": "对策不够对应"},
    },
    {
        # Internal hand-over of contract details answered by telling the customer about defects.
        "name": "contract_details_answered_by_customer_information",
        "replace": {"task7_match": 'problem_measure = {"P1": "A", "P2": "D", "P3": "C", "P4": "F", "P5": "E"}'},
        "fails": {"test7_match": "['P3']"},
    },
    {
        # Honest information for customers (C) does not change how staff see customers (P2).
        "name": "sales_mindset_answered_by_customer_information",
        "replace": {"task7_match": 'problem_measure = {"P1": "A", "P2": "C", "P3": "B", "P4": "F", "P5": "E"}'},
        "fails": {"test7_match": "解决的是客户“不知情”"},
    },
    {
        # The case gives the cause of P4 itself (outdated knowledge, no training): appraisal (D)
        # pushes people but does not teach them.
        "name": "outdated_staff_answered_by_appraisal",
        "replace": {"task7_match": 'problem_measure = {"P1": "A", "P2": "D", "P3": "B", "P4": "D", "P5": "E"}'},
        "fails": {"test7_match": "补不上陈旧的知识"},
    },
    {
        # Lower-case letters.
        "name": "lowercase_letters",
        "replace": {"task7_match": 'problem_measure = {"P1": "a", "P2": "d", "P3": "b", "P4": "f", "P5": "e"}'},
        "fails": {"test7_match": "大写字母"},
    },
]
