"""Customer-record merging (客户资料整合): normalise, match, measure and merge duplicates.

When several departments (市场部, 设计部, 工程部, 客服 ...) each keep their own
list, one customer appears several times, spelled differently and with
conflicting details.  Building one shared customer base (共享客户资料库)
takes four steps, one function each:

1. **Normalise** (规范化) the fields used to recognise a customer:
   :func:`normalize_phone` (``"+86 138-0013-8000"`` → ``"13800138000"``),
   :func:`normalize_address` (``"广州市天河区华景新城12栋2301室"`` → ``"华景新城12-2301"``),
   :func:`normalize_name` / :func:`normalize_text` (full-width → half-width,
   no spaces).
2. **Match** (识别重复): :func:`match_customers` gives every record a
   customer key; two records get the same key when they agree on *any one*
   of the match rules (e.g. same phone, or same name and same address), and
   matching is transitive (A~B and B~C puts A, B and C together).
3. **Measure** (重复率): :func:`duplication_rate` = (records − distinct
   customers) / records, the share of records that are redundant copies;
   :func:`field_conflicts` shows, per customer and field, whether the copies
   disagree (冲突).
4. **Merge** (合并): :func:`merge_records` keeps one row per customer and
   resolves each field by a stated rule (冲突解决规则):

   - ``"newest"``: the value of the most recent record (by ``date_col``)
     that has one -- e.g. contact fields, which customers update;
   - ``"oldest"``: the value of the earliest such record;
   - a list of sources, e.g. ``["工程部", "设计部"]``: the value recorded by the
     first of these departments (``source_col``) that has one, otherwise the
     newest value -- e.g. the site address, which 工程部 has verified on site;
   - ``"max"`` / ``"min"``: the largest / smallest value (numbers, dates);
   - ``"first"``: the first non-missing value in table order;
   - ``"join"``: all distinct values joined by "、".

   Missing values never win a rule while another record has a value.

All errors are bilingual :class:`~crmlab.CRMLabInputError` naming the argument.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._checks import input_error, require_columns, require_non_empty

__all__ = [
    "normalize_phone", "normalize_name", "normalize_text", "normalize_address", "match_customers",
    "duplication_rate", "field_conflicts", "MERGE_RULES", "merge_records",
]

MERGE_RULES = ("newest", "oldest", "max", "min", "first", "join")

_PHONE_SEPARATORS = re.compile(r"[\s\-()（）.·/+]")


def _as_series(values, argument: str) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        raise input_error(argument, "应为一列（Series 或列表），而不是整张表；请选出一列",
                          "expected one column (Series or list), not a whole table")
    if isinstance(values, pd.Series):
        return values
    if isinstance(values, (str, bytes)) or np.isscalar(values):
        return pd.Series([values])
    if values is None or not hasattr(values, "__iter__") or isinstance(values, Mapping):
        raise input_error(argument, f"应为一列值（Series 或列表），实际为 {type(values).__name__}",
                          f"expected one column of values (Series or list), got {type(values).__name__}")
    return pd.Series(list(values))


def _is_blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def normalize_text(values, argument: str = "values") -> pd.Series:
    """文本规范化：全角转半角、去掉空白、英文字母小写。

    Text in one canonical spelling (文本规范化): NFKC (full-width letters and digits
    become half-width), all whitespace removed (also the full-width space), Latin
    letters in lower case.  Blank cells become missing (<NA>).  Numbers are
    turned into text first (``12`` → ``"12"``)."""
    series = _as_series(values, argument)

    def clean(value):
        if _is_blank(value):
            return pd.NA
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = unicodedata.normalize("NFKC", str(value))
        text = re.sub(r"\s+", "", text).lower()
        return text or pd.NA

    return series.map(clean).astype("string")


def normalize_name(values, argument: str = "names") -> pd.Series:
    """姓名规范化：全角转半角、去掉空白和外文名中间的点；"先生""女士"等称呼保留不动。

    Customer names in one spelling (姓名规范化): like :func:`normalize_text`, and the
    middle dots of transliterated names (·, •, ．) are dropped, so "王 建国",
    "王建国 " and "王建国" are the same name."""
    text = normalize_text(values, argument)
    return text.str.replace(r"[·•．.]", "", regex=True).mask(lambda s: s.eq(""))


_ADDRESS_PREFIX = re.compile(r"^(?:[^\d]{1,6}?省)?(?:[^\d]{1,6}?市)?(?:[^\d]{1,3}?[区县])?")
_BUILDING = re.compile(r"(\d+)(?:栋|幢|座|号楼|-)(\d+)(?:室|房|号)?$")


def normalize_address(values, argument: str = "addresses") -> pd.Series:
    """地址规范化：统一写成"小区 栋-房号"。

    Flat addresses in one spelling (地址规范化): "小区 栋-房号".

    After :func:`normalize_text`, a leading province, city and district
    (…省, …市, a district of at most three characters plus 区 or 县) are
    removed, and the ending "<building>栋<room>室" -- also written 幢, 座, 号楼 or
    a hyphen, with or without 室/房/号 -- becomes "<building>-<room>".  So
    "广州市天河区华景新城12栋2301室", "天河区华景新城12幢2301" and "华景新城12-2301"
    all become "华景新城12-2301".  Text that does not end in building and room
    numbers keeps its wording (only the prefix is removed).
    """
    text = normalize_text(values, argument)

    def clean(value):
        if pd.isna(value):
            return pd.NA
        rest = _ADDRESS_PREFIX.sub("", value, count=1) or value
        return _BUILDING.sub(r"\1-\2", rest)

    return text.map(clean, na_action="ignore").astype("string")


def normalize_phone(values, argument: str = "phones") -> pd.Series:
    """电话号码规范化：只保留数字，去掉国家代码 86。

    Phone numbers as digits only (电话号码规范化).

    Spaces, hyphens, brackets, dots and a leading ``+`` are removed; the
    country code 86 / 0086 in front of an 11-digit mobile number is dropped
    (``"+86 138 0013 8000"`` → ``"13800138000"``); full-width digits count as
    digits.  Blank cells become missing (<NA>).  Anything that still contains
    other characters, or has fewer than 7 digits, is an error naming how many
    values and the first example -- it is not silently dropped.
    """
    series = _as_series(values, argument)
    bad = []

    def clean(value):
        if _is_blank(value):
            return pd.NA
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = unicodedata.normalize("NFKC", str(value)).strip()
        digits = _PHONE_SEPARATORS.sub("", text)
        if digits.startswith("0086"):
            digits = digits[4:]
        elif digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
            digits = digits[2:]
        if not digits.isdigit() or len(digits) < 7:
            bad.append(value)
            return pd.NA
        return digits

    result = series.map(clean).astype("string")
    if bad:
        raise input_error(argument, f"有 {len(bad)} 个电话号码无法识别（例如 {bad[0]!r}），"
                          "电话只能含数字、空格、横线、括号和开头的 +",
                          f"{len(bad)} phone number(s) could not be read (e.g. {bad[0]!r}); a phone "
                          "may only contain digits, spaces, hyphens, brackets and a leading +")
    return result


def _match_sets(match_on) -> list[list[str]]:
    if isinstance(match_on, str):
        return [[match_on]]
    rules = []
    for rule in match_on:
        rules.append([rule] if isinstance(rule, str) else list(rule))
    if not rules or any(not rule for rule in rules):
        raise input_error("match_on", "至少要给出一条匹配规则（列名，或几个列名组成的列表）",
                          "give at least one match rule (a column, or a list of columns)")
    return rules


def match_customers(records: pd.DataFrame, match_on, prefix: str = "K") -> pd.Series:
    """客户识别：给每条记录一个客户编号，在任一匹配字段上相同的记录属于同一位客户。

    A customer key per record (客户识别): records that agree on any match rule share it.

    ``match_on``: one column, or a list of rules where each rule is a column or
    a list of columns, e.g. ``["手机", ["姓名", "地址"]]`` = "same phone, or
    same name and same address".  Values are compared exactly, so normalise
    them first (:func:`normalize_phone`, :func:`normalize_name`).  A rule whose
    columns have a missing value in a record does not link that record.
    Matching is transitive.  Keys are ``prefix`` + a running number in order of
    first appearance (K001, K002, ...); the result has the records' index.
    """
    rules = _match_sets(match_on)
    require_columns(records, sorted({c for rule in rules for c in rule}), "records")
    require_non_empty(records, "records")
    n = len(records)
    parent = np.arange(n)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rule in rules:
        values = records[rule]
        usable = ~values.map(_is_blank).any(axis=1).to_numpy()
        first_seen: dict = {}
        for position, row in enumerate(values.itertuples(index=False, name=None)):
            if not usable[position]:
                continue
            if row in first_seen:
                a, b = find(first_seen[row]), find(position)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_seen[row] = position
    roots = [find(i) for i in range(n)]
    numbers: dict = {}
    for root in roots:
        numbers.setdefault(root, len(numbers) + 1)
    width = max(3, len(str(len(numbers))))
    keys = [f"{prefix}{numbers[root]:0{width}d}" for root in roots]
    return pd.Series(keys, index=records.index, name="客户键")


def duplication_rate(keys) -> float:
    """重复率 = (记录数 − 不同客户数) / 记录数。

    Share of redundant records (重复率) = (records − distinct customers) / records.

    ``keys``: the customer key of each record (a Series, list or index, e.g. the
    result of :func:`match_customers`).  0 means every record is a different
    customer; 0.25 means a quarter of the records are extra copies.
    """
    series = _as_series(keys, "keys") if not isinstance(keys, pd.Index) else keys.to_series()
    require_non_empty(series, "keys")
    if series.map(_is_blank).any():
        raise input_error("keys", f"有 {int(series.map(_is_blank).sum())} 条记录没有客户键",
                          f"{int(series.map(_is_blank).sum())} record(s) have no customer key")
    return float((len(series) - series.nunique()) / len(series))


def _key_series(records: pd.DataFrame, key) -> pd.Series:
    if isinstance(key, str):
        require_columns(records, [key], "records")
        series = records[key]
    else:
        series = _as_series(key, "key")
        if len(series) != len(records):
            raise input_error("key", f"长度 {len(series)} 与记录数 {len(records)} 不一致",
                              f"length {len(series)} differs from the {len(records)} records")
        series = pd.Series(series.to_numpy(), index=records.index, name=getattr(key, "name", "客户键"))
    if series.map(_is_blank).any():
        raise input_error("key", "有记录没有客户键，请先用 match_customers 识别客户",
                          "some records have no customer key; run match_customers first")
    return series


def field_conflicts(records: pd.DataFrame, key, fields) -> pd.DataFrame:
    """字段冲突：哪些客户的几份记录在哪些字段上不一致。

    Which customers' copies disagree on which field (字段冲突).

    ``key``: a column name or one key per record.  Returns one row per customer
    (index: the key, sorted) and one boolean column per field: True when the
    customer's records hold two or more different non-missing values of it.
    ``.sum()`` of the result counts the conflicting customers per field.
    """
    fields = [fields] if isinstance(fields, str) else list(fields)
    require_columns(records, fields, "records")
    require_non_empty(records, "records")
    keys = _key_series(records, key)
    data = records[fields].copy()
    for field in fields:
        data[field] = data[field].mask(data[field].map(_is_blank))
    distinct = data.groupby(keys.to_numpy(), sort=True).nunique(dropna=True)
    distinct.index.name = keys.name
    return distinct > 1


def _resolve(group: pd.DataFrame, field: str, rule, date_col, source_col):
    values = group[field]
    present = group[~values.map(_is_blank)]
    if present.empty:
        return pd.NA
    if isinstance(rule, (list, tuple)):
        for source in rule:
            hit = present[present[source_col] == source]
            if not hit.empty:
                return _resolve(hit, field, "newest", date_col, source_col)
        rule = "newest"
    if rule in ("newest", "oldest"):
        order = present.sort_values(date_col, kind="stable")
        return order[field].iloc[-1 if rule == "newest" else 0]
    if rule == "max":
        return present[field].max()
    if rule == "min":
        return present[field].min()
    if rule == "first":
        return present[field].iloc[0]
    distinct = list(dict.fromkeys(str(v) for v in present[field]))
    return "、".join(distinct)


def merge_records(records: pd.DataFrame, key, rules: dict | None = None, date_col: str | None = None,
                  source_col: str | None = None, default_rule="newest",
                  count_col: str | None = "记录数", sources_col: str | None = "来源部门") -> pd.DataFrame:
    """合并客户记录：每位客户一行，每个字段按规则取值。

    One row per customer (合并客户记录), each field resolved by a stated rule.

    ``key``: a column name or one customer key per record (e.g. from
    :func:`match_customers`).  ``rules`` maps fields to a rule (see the module
    docstring: "newest", "oldest", "max", "min", "first", "join", or a list of
    sources in priority order); every other column except ``key`` gets
    ``default_rule``.  "newest"/"oldest" need ``date_col`` (the record's date,
    e.g. 登记日期); a source list needs ``source_col`` (e.g. 部门).
    ``count_col`` adds how many records were merged, ``sources_col`` which
    sources they came from (None leaves them out); with both ``source_col`` and
    ``sources_col`` the source column itself is summarised there instead of
    being merged as a field.  Dates in ``date_col`` may be typed in mixed
    formats ("2023-06-23", "2023/06/23").  The result is indexed by the key
    (sorted) with the fields in their original column order; numeric and date
    fields keep their type.
    """
    require_columns(records, [], "records")
    require_non_empty(records, "records")
    keys = _key_series(records, key)
    key_col = key if isinstance(key, str) else None
    rules = dict(rules or {})
    summarised = source_col if (source_col and sources_col) else None
    fields = [c for c in records.columns if c not in (key_col, summarised)]
    unknown = [f for f in rules if f not in records.columns]
    if unknown:
        raise input_error("rules", f"规则中的列 {unknown} 不在表中（现有列：{list(records.columns)}）",
                          f"rule column(s) {unknown} are not in the table (available: {list(records.columns)})")
    all_rules = {field: rules.get(field, default_rule) for field in fields}
    for field, rule in all_rules.items():
        if isinstance(rule, (list, tuple)):
            if not source_col:
                raise input_error("source_col", f"“{field}”按部门优先的规则需要给出来源列 source_col",
                                  f"the source-priority rule of '{field}' needs source_col")
            require_columns(records, [source_col], "records")
            if not rule:
                raise input_error("rules", f"“{field}”的部门优先列表为空",
                                  f"the source list of '{field}' is empty")
            listed = set(records[source_col].dropna())
            missing = [s for s in rule if s not in listed]
            if missing:
                raise input_error("rules", f"“{field}”的优先部门 {missing} 在“{source_col}”列中不存在"
                                  f"（现有：{sorted(map(str, listed))}）",
                                  f"the priority source(s) {missing} of '{field}' do not occur in "
                                  f"'{source_col}'")
            needs_date = True
        elif rule in MERGE_RULES:
            needs_date = rule in ("newest", "oldest")
        else:
            raise input_error("rules", f"“{field}”的规则 {rule!r} 无效，可选：{list(MERGE_RULES)} "
                              "或部门优先列表", f"invalid rule {rule!r} for '{field}'; use one of "
                              f"{list(MERGE_RULES)} or a list of sources")
        if needs_date:
            if not date_col:
                raise input_error("date_col", f"“{field}”的规则 {rule!r} 要比较新旧，需要给出日期列 date_col",
                                  f"rule {rule!r} of '{field}' compares dates, so date_col is needed")
            require_columns(records, [date_col], "records")
    if date_col:
        raw_dates = records[date_col]
        if pd.api.types.is_datetime64_any_dtype(raw_dates):
            dates = raw_dates
        else:  # departments type dates differently ("2023-06-23", "2023/06/23"): parse each
            dates = pd.to_datetime(raw_dates.map(lambda v: v if _is_blank(v) else str(v).strip()),
                                   errors="coerce", format="mixed")
        bad = dates.isna()
        if bad.any():
            raise input_error(date_col, f"有 {int(bad.sum())} 个日期缺失或无法识别"
                              f"（例如 {records[date_col][bad].iloc[0]!r}）",
                              f"{int(bad.sum())} date(s) are missing or could not be parsed")
    work = records.copy()
    if date_col:
        work["__date__"] = dates
    date_key = "__date__" if date_col else None
    rows = {}
    for customer, group in work.groupby(keys.to_numpy(), sort=True):
        row = {field: _resolve(group, field, rule, date_key, source_col)
               for field, rule in all_rules.items()}
        if count_col:
            row[count_col] = len(group)
        if sources_col and source_col:
            row[sources_col] = "、".join(dict.fromkeys(str(s) for s in group[source_col].dropna()))
        rows[customer] = row
    merged = pd.DataFrame.from_dict(rows, orient="index")
    merged.index.name = key_col or keys.name or "客户键"
    for field in fields:  # numbers and dates keep their type (a missing value becomes NaN / NaT)
        dtype = records[field].dtype
        if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype):
            column = merged[field].astype(object)
            try:
                merged[field] = column.where(column.notna(), None).astype(dtype)
            except (TypeError, ValueError):
                pass
    return merged
