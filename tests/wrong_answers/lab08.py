"""Typical mistakes in lab08, each autograded as wrong with a message that points at it."""

_NORMALIZE = (
    'all_records["手机_规范"] = normalize_phone(all_records["手机"])\n'
    'all_records["姓名_规范"] = normalize_name(all_records["姓名"])\n'
    'all_records["地址_规范"] = normalize_address(all_records["地址"])\n'
)

WRONG_ANSWERS = [
    {
        # Measuring the "raw" duplication on the already normalised phones: normalising seems useless.
        "name": "raw_rate_on_normalised_phones",
        "replace": {"task2_normalize": _NORMALIZE + (
            'raw_rate = duplication_rate(all_records["手机_规范"])\n'
            'phone_rate = duplication_rate(all_records["手机_规范"])')},
        "fails": {"test2_rates": "应该比 raw_rate 大"},
    },
    {
        # Matching on the phone only: customers who changed their number are counted twice.
        "name": "match_on_phone_only",
        "replace": {"task3_match": (
            'all_records["客户键"] = match_customers(all_records, "手机_规范")\n'
            'n_customers = int(all_records["客户键"].nunique())\n'
            'rate_before = duplication_rate(all_records["客户键"])')},
        "fails": {"test3_match_keys": "识别出的客户数偏多"},
    },
    {
        # Keeping the oldest phone number although contact fields follow the newest record.
        "name": "oldest_phone_wins",
        "replace": {"task5_merge": (
            'rules = {"姓名": ["市场部"], "地址": ["市场部"], "面积": ["市场部"], "手机_规范": "oldest",\n'
            '         "地址_规范": ["市场部"], "日期": "max"}\n'
            'customer_base = merge_records(\n'
            '    all_records[["客户键", "部门", "姓名", "手机_规范", "地址", "地址_规范", "面积", "日期"]],\n'
            '    "客户键", rules, date_col="日期", source_col="部门")\n'
            'rate_after = duplication_rate(match_customers(customer_base, ["手机_规范", "地址_规范"]))')},
        "fails": {"test5_merge_rules": "联系方式应以最新的记录为准"},
    },
    {
        # Answering "scattered customer data" with the organisational measure instead of data sharing.
        "name": "data_problem_answered_by_org_chart",
        "replace": {"task7_match": 'problem_measure = {"P1": "A", "P2": "D", "P3": "B", "P4": "F", "P5": "A"}'},
        "fails": {"test7_match": "对策不够对应"},
    },
]
