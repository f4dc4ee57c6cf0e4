"""从学习平台导出的文件名里认出学生：学号、姓名、迟交标记。

Learning platforms name downloaded work in many ways; all of these are recognised::

    2023001_张三_实训三.ipynb        学号_姓名_任意
    张三_2023001.ipynb              姓名_学号
    2023001-张三.ipynb              学号-姓名
    2023001张三.ipynb               no separator between 学号 and 姓名
    2023001 张三/lab03.ipynb         one folder per student (any depth)
    2023001_张三_迟交.ipynb, 2023001_张三(迟交).ipynb, 张三_2023001_late.ipynb, 补交/逾期 …

Rules: the file name is read first, then its folders from the nearest out.
A token equal to a roster 学号 decides; otherwise a token equal to a roster
姓名 that only one student has.  A name that disagrees with the 学号 is
reported (the 学号 wins).  Files of students not on the roster keep the
学号 / 姓名 they seem to carry, for the teacher's report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATE_RE = re.compile(r"迟交|补交|逾期|超时提交|晚交|(?<![A-Za-z])late(?![A-Za-z])", re.I)
_COPY_RE = re.compile(r"副本|的副本|复制|(?<![A-Za-z])copy(?: of)?(?![A-Za-z])", re.I)
_SEPARATORS = re.compile(r"[\s_\-—–−,，、.。;；:：+=#&@~!！()（）\[\]【】{}《》<>'\"“”‘’]+")
_RUNS = re.compile(rf"[{_CJK}·•]+|[^{_CJK}·•]+")
# CJK words in file names that are never a student's name
_NOT_NAMES = {"实训", "作业", "提交", "学号", "姓名", "班级", "课程", "客户关系处理", "客户关系", "实验", "练习",
              "报告", "答案", "最终版", "最终", "修改", "修改版", "新", "未命名", "无标题", "附件", "文件"}


@dataclass
class Identity:
    """Who a submitted file belongs to (``student`` is None when not on the roster or unclear)."""
    student: str | None
    by: str | None = None             # "学号" | "姓名"
    late: bool = False                # the name carries a late mark (迟交, late …)
    seen_id: str | None = None        # a 学号-like token found in the name
    seen_name: str | None = None      # a name-like token found in the name
    note: str | None = None           # Chinese: why unclear, or a mismatch worth checking


def tokens(part: str) -> list[str]:
    """``'2023001张三_lab03 (1)'`` → ``['2023001', '张三', 'lab03', '1']`` (late and copy marks removed)."""
    part = LATE_RE.sub(" ", part)
    part = _COPY_RE.sub(" ", part)
    out = []
    for piece in _SEPARATORS.split(part):
        for run in _RUNS.findall(piece):
            run = run.strip("·•")
            if run:
                out.append(run)
    return out


def _parts(relpath: str) -> list[str]:
    """The file's stem, then its folders from the nearest out."""
    parts = [p for p in re.split(r"[\\/]+", relpath) if p]
    if not parts:
        return []
    stem = re.sub(r"\.ipynb$", "", parts[-1], flags=re.I)
    return [stem] + list(reversed(parts[:-1]))


def _looks_like_id(token: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z]{0,3}\d{5,}[A-Za-z]?", token))


def _looks_like_name(token: str) -> bool:
    return bool(re.fullmatch(rf"[{_CJK}·]{{2,8}}", token)) and token not in _NOT_NAMES \
        and not re.search(r"实训|作业|练习|实验|报告", token)


def identify(relpath: str, ids: dict[str, str], names: dict[str, list[str]] | None = None) -> Identity:
    """Whose file is ``relpath`` (``/``-separated path inside the download)?

    ``ids`` maps 学号 → 姓名 (the roster); ``names`` maps 姓名 → [学号, …]
    (built from ``ids`` when not given).
    """
    if names is None:
        names = {}
        for sid, name in ids.items():
            if name:
                names.setdefault(name, []).append(sid)
    parts = _parts(relpath)
    late = any(LATE_RE.search(p) for p in parts)
    per_part = [tokens(p) for p in parts]
    flat = [t for ts in per_part for t in ts]
    seen_id = next((t for t in flat if _looks_like_id(t)), None)
    seen_name = next((t for t in flat if _looks_like_name(t)), None)

    for ts in per_part:                                  # 1. a roster 学号, nearest part first
        hit = next((t for t in ts if t in ids), None)
        if hit is not None:
            note = None
            written = next((t for t in ts if t in names or _looks_like_name(t)), None)
            if written and ids.get(hit) and written != ids[hit]:
                note = f"文件名里的姓名“{written}”与名单上 {hit} 的姓名“{ids[hit]}”不一致，已按学号归入。"
            return Identity(hit, "学号", late, hit, written or ids.get(hit), note)

    ambiguous = None
    for ts in per_part:                                  # 2. a roster 姓名 that only one student has
        for t in ts:
            owners = names.get(t)
            if not owners:
                continue
            if len(owners) == 1:
                note = None
                if seen_id and seen_id != owners[0]:
                    note = f"文件名里的学号“{seen_id}”不在名单上，已按姓名“{t}”归入 {owners[0]}。"
                return Identity(owners[0], "姓名", late, seen_id, t, note)
            ambiguous = ambiguous or (t, owners)
    if ambiguous:
        t, owners = ambiguous
        return Identity(None, None, late, seen_id, t,
                        f"名单上有 {len(owners)} 名学生叫“{t}”（{'、'.join(owners)}），文件名里没有学号，无法确定是谁。")
    if seen_id or seen_name:
        return Identity(None, None, late, seen_id, seen_name, "不在名单上。")
    return Identity(None, None, late, None, None, "文件名里找不到学号或姓名。")
