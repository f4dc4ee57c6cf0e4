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
    'rate_after = duplication_rate(match_customers(customer_base, ["手机_规范", "地址_规范"]))'
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
                  "test5_merge_date": "有些客户的日期不对",
                  "test6_mixed": "n_mixed 不对"},
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
    # ---- 任务 6: checking against the answer key
    {
        # "两个或更多" read as "more than two": the customer split over two keys is missed.
        # The pairing of 任务 7 is a different, defensible one (P1 B, P2 F, P3 E): it must pass.
        "name": "more_than_two_for_two_or_more",
        "replace": {"task6_check": _CHECKED + (
            'n_mixed = int((checked.groupby("客户键")["真实客户编号"].nunique() > 2).sum())\n'
            'keys_per_customer = checked.groupby("真实客户编号")["客户键"].nunique()\n'
            'split_customers = sorted(keys_per_customer.index[keys_per_customer > 2])'),
                    "task7_match": 'problem_measure = {"P1": "B", "P2": "F", "P3": "E", "P4": "F", "P5": "E"}'},
        "fails": {"test6_split": "“两个或更多”包括正好两个"},
    },
    {
        # Adding up the number of true customers per key instead of counting the mixed keys.
        # The pairing P2 C is defensible too (honest information is part of valuing the customer).
        "name": "mixed_counted_as_sum",
        "replace": {"task6_check": _CHECKED + (
            'n_mixed = int(checked.groupby("客户键")["真实客户编号"].nunique().sum())\n'
            'keys_per_customer = checked.groupby("真实客户编号")["客户键"].nunique()\n'
            'split_customers = sorted(keys_per_customer.index[keys_per_customer >= 2])'),
                    "task7_match": 'problem_measure = {"P1": "A", "P2": "C", "P3": "B", "P4": "F", "P5": "E"}'},
        "fails": {"test6_mixed": "这是各客户键下真实客户数的合计"},
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
        # Lower-case letters.
        "name": "lowercase_letters",
        "replace": {"task7_match": 'problem_measure = {"P1": "a", "P2": "d", "P3": "b", "P4": "f", "P5": "e"}'},
        "fails": {"test7_match": "大写字母"},
    },
]
