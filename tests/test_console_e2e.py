"""A whole term's grading through crmlab-grade: roster → collect → autograde → feedback → export → report.

A class of 32 students on an Excel roster (two classes, 学号 stored as numbers).
lab00 comes as a platform zip with GBK-named entries: honest work, the typical
slips of tests/wrong_answers/lab00.py, blank notebooks, two students missing,
two late (suffix), one file of a student not on the roster, one student with an
older second file and one broken notebook.  lab02 comes as a folder with one
folder per student for six students (the grading time of the test stays
small).  Every figure of the exported workbook is checked against nbgrader's
gradebook.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from console_support import add_to_zip, use_venv_path
from crmlab.console.cli import main
from grading_support import ROOT, _env, _replace_cells, load_wrong_answers

# The class hands in three typical slips of lab00, one per task checked, three students each.
SLIPS_00 = ("count_columns", "median_instead_of_mean", "city_mean_unsorted")


def _slips_00():
    return [w for w in load_wrong_answers("lab00") if w.name in SLIPS_00]

pytest.importorskip("nbgrader")
pytestmark = pytest.mark.grading

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明",
         "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "斌", "萍", "鹏", "琳", "晨"]
CLASS = [(f"2026{i + 1:03d}", SURNAMES[i] + GIVEN[i], "营销1班" if i < 16 else "营销2班") for i in range(32)]
NAME = {sid: name for sid, name, _ in CLASS}


def _run(root, *argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main([*argv, "--course", str(root)])
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def _dump(nb) -> bytes:
    return json.dumps(nb, ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    import _pytest.monkeypatch

    mp = _pytest.monkeypatch.MonkeyPatch()
    use_venv_path(mp)
    base = tmp_path_factory.mktemp("term")
    root = base / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for lab in ("lab00", "lab02"):
        shutil.copytree(ROOT / "solutions" / lab, root / "solutions" / lab)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", lab, "--force", "--log-level=ERROR"],
                       cwd=root, env=_env(), check=True)
    nbs = {lab: {"solution": json.loads((root / "solutions" / lab / f"{lab}.ipynb").read_text(encoding="utf-8")),
                 "blank": json.loads((root / "labs" / lab / f"{lab}.ipynb").read_text(encoding="utf-8"))}
           for lab in ("lab00", "lab02")}

    # the roster, as the registrar's Excel sheet
    wb = Workbook()
    wb.active.append(["2026级市场营销专业 学生名单"])
    wb.active.append(["序号", "学 号", "学生姓名", "班级名称"])
    for i, (sid, name, klass) in enumerate(CLASS, 1):
        wb.active.append([i, int(sid), name, klass])
    wb.save(base / "学生名单.xlsx")

    # lab00: who hands in what
    plan00 = {}
    ids = [sid for sid, _, _ in CLASS]
    wrong00 = _slips_00()
    for k, sid in enumerate(ids):
        if k in (30, 31):
            continue                                        # missing
        if k < 9:
            plan00[sid] = wrong00[k % len(wrong00)]         # typical slips, three students each
        elif k < 11:
            plan00[sid] = "blank"
        else:
            plan00[sid] = "solution"
    late00 = {ids[12], ids[20]}
    with zipfile.ZipFile(base / "lab00.zip", "w") as zf:
        for k, (sid, kind) in enumerate(plan00.items()):
            nb = nbs["lab00"][kind] if isinstance(kind, str) else _replace_cells(nbs["lab00"]["solution"], kind.replace)
            name = NAME[sid]
            style = k % 4
            path = [f"{sid}_{name}_lab00.ipynb", f"{name}_{sid}.ipynb", f"{sid}-{name}.ipynb",
                    f"{sid} {name}/lab00.ipynb"][style]
            if sid in late00:
                path = f"{sid}_{name}_迟交.ipynb"
            add_to_zip(zf, path, _dump(nb), when=(2026, 11, 30, 8 + k % 10, 0, 0), gbk=k % 5 != 0)
        # an older second file of ids[11], a broken notebook of ids[13], a file of someone not on the roster
        add_to_zip(zf, f"{ids[11]}_{NAME[ids[11]]}_第一版.ipynb", _dump(nbs["lab00"]["blank"]),
                   when=(2026, 11, 29, 8, 0, 0))
        add_to_zip(zf, f"{ids[13]}_{NAME[ids[13]]}_备份.ipynb", b'{"cells": [{"cell_type": "code"',
                   when=(2026, 11, 28, 8, 0, 0))
        add_to_zip(zf, "2099001_路人甲.ipynb", _dump(nbs["lab00"]["solution"]))

    # lab02: a folder, one folder per student, for six students
    wrong02 = load_wrong_answers("lab02")
    plan02 = {ids[0]: "solution", ids[3]: "blank", ids[4]: wrong02[0], ids[5]: wrong02[2],
              ids[16]: "solution", ids[17]: "solution"}
    folder02 = base / "lab02下载"
    for sid, kind in plan02.items():
        nb = nbs["lab02"][kind] if isinstance(kind, str) else _replace_cells(nbs["lab02"]["solution"], kind.replace)
        suffix = "（迟交）" if sid == ids[17] else ""
        target = folder02 / f"{sid} {NAME[sid]}{suffix}" / "lab02.ipynb"
        target.parent.mkdir(parents=True)
        target.write_bytes(_dump(nb))

    logs = {}
    for step in (["roster", str(base / "学生名单.xlsx")],
                 ["collect", "lab00", str(base / "lab00.zip"), "--due", "2026-12-01 18:00"],
                 ["collect", "lab02", str(folder02)],
                 ["autograde", "lab00", "--jobs", "2"], ["autograde", "lab02", "--jobs", "2"],
                 ["feedback", "lab00"], ["feedback", "lab02"],
                 ["export"], ["report", "lab00"], ["report", "lab02"]):
        code, out, err = _run(root, *step)
        assert code == 0, (step, out, err)
        logs[" ".join(step[:2])] = out
    yield {"root": root, "plan": {"lab00": plan00, "lab02": plan02}, "late00": late00, "logs": logs, "ids": ids}
    mp.undo()


def _gradebook(root):
    from nbgrader.api import Gradebook
    return Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="crmlab")


def test_roster_and_collect_reports(term):
    logs, ids = term["logs"], term["ids"]
    roster = logs[f"roster {term['root'].parent / '学生名单.xlsx'}"]
    assert "名单共 32 名学生：新增 32" in roster
    collect00 = logs["collect lab00"]
    assert "收到 30 名学生的作业" in collect00 and "迟交 2 人" in collect00
    assert "未交 2 人" in collect00 and f"{ids[30]} {NAME[ids[30]]}" in collect00
    assert "2099001_路人甲.ipynb（2099001 路人甲）" in collect00
    kept, dropped = f"{ids[11]} {NAME[ids[11]]}/lab00.ipynb", f"{ids[11]}_{NAME[ids[11]]}_第一版.ipynb"
    assert f"{ids[11]} {NAME[ids[11]]}：保留 {kept}（11-30 09:00），舍弃 {dropped}（11-29 08:00）" in collect00
    assert f"{ids[13]}_{NAME[ids[13]]}_备份.ipynb：文件内容不是有效的 JSON" in collect00
    assert "收到 6 名学生的作业" in logs["collect lab02"] and "未交 26 人" in logs["collect lab02"]
    with zipfile.ZipFile(term["root"].parent / "lab00.zip") as zf:   # most names really are raw GBK bytes
        assert sum(1 for i in zf.infolist() if not i.flag_bits & 0x800 and not i.filename.isascii()) >= 20
    submitted = sorted(p.parent.name for p in (term["root"] / "submitted").glob("*/lab00"))
    assert submitted == sorted(term["plan"]["lab00"])


def test_grades_follow_the_answers(term):
    root, plan = term["root"], term["plan"]
    with _gradebook(root) as gb:
        for lab in ("lab00", "lab02"):
            subs = {s.student.id: s for s in gb.assignment_submissions(lab)}
            assert set(subs) == set(plan[lab])
            for sid, kind in plan[lab].items():
                sub = subs[sid]
                if kind == "solution":
                    assert sub.code_score == sub.max_code_score > 0, (lab, sid)
                elif kind == "blank":
                    assert sub.score == 0, (lab, sid)
                else:
                    assert 0 < sub.code_score < sub.max_code_score, (lab, sid, kind.name)
                    grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
                    assert all(grades[t].score == 0 for t in kind.fails), (lab, sid, kind.name)
        late = {s.student.id for s in gb.assignment_submissions("lab00") if s.total_seconds_late > 0}
    assert late == set()          # the zip times are before the due date; late only by the suffix
    assert "完成：已评分 30，未变化跳过 0，失败 0" in term["logs"]["autograde lab00"]
    assert "] 30/30  " in term["logs"]["autograde lab00"]                    # one progress line per student
    for lab in ("lab00", "lab02"):
        for sid in plan[lab]:
            assert list((root / "feedback" / sid / lab).glob("*.html")), (lab, sid)


def test_workbook_figures_match_the_gradebook(term):
    root, ids = term["root"], term["ids"]
    wb = load_workbook(root / "成绩表.xlsx")
    assert wb.sheetnames == ["成绩总表", "lab00", "lab02", "问题", "说明"]
    summary = [list(r) for r in wb["成绩总表"].iter_rows(values_only=True)]
    assert summary[0][:3] == ["学号", "姓名", "班级"] and summary[0][3].startswith("lab00（满分 100")
    rows = {r[0]: r for r in summary[1:]}
    assert list(rows) == ids                                 # by 班级, then 学号; 学号 as text
    with _gradebook(root) as gb:
        scores = {lab: {s.student.id: s for s in gb.assignment_submissions(lab)} for lab in ("lab00", "lab02")}
        for sid, name, klass in CLASS:
            row = rows[sid]
            assert row[1:3] == [name, klass]
            total = 0
            for col, lab in ((3, "lab00"), (4, "lab02")):
                if sid in scores[lab]:
                    assert row[col] == pytest.approx(scores[lab][sid].score)
                    total += scores[lab][sid].score
                else:
                    assert row[col] == "未交"
            assert row[5] == pytest.approx(total)

        for lab in ("lab00", "lab02"):
            sheet = [list(r) for r in wb[lab].iter_rows(values_only=True)]
            header = sheet[0]
            by_id = {r[0]: r for r in sheet[1:]}
            for sid, sub in scores[lab].items():
                row = by_id[sid]
                for nb in sub.notebooks:
                    for g in nb.grades:
                        col = next(i for i, h in enumerate(header)
                                   if h.startswith(f"{g.name}（满分 {g.max_score:g}"))
                        expected = None if g.needs_manual_grade and g.manual_score is None else g.score
                        assert row[col] == (None if expected is None else pytest.approx(expected)), (lab, sid, g.name)
                assert row[header.index("待人工评分")] == ("是" if sub.needs_manual_grade else None)
            late_col = header.index("迟交")
            flagged = {sid for sid, r in by_id.items() if r[late_col] == "是"}
            assert flagged == (term["late00"] if lab == "lab00" else {ids[17]})
    problems = [list(r) for r in wb["问题"].iter_rows(values_only=True)]
    assert problems[0] == ["学号", "姓名", "实训", "问题"]


def test_class_reports(term):
    root = term["root"]
    for lab in ("lab00", "lab02"):
        folder = root / "report" / lab
        assert (folder / "index.html").is_file() and (folder / "score_hist.png").is_file()
        assert (folder / "pass_rates.png").is_file()
    page = (root / "report" / "lab00" / "index.html").read_text(encoding="utf-8")
    # each typical slip, made by three students, shows among the most common messages of its check
    for wrong in _slips_00():
        for test, piece in wrong.fails.items():
            assert piece in page, (wrong.name, test)
    assert "30 人已评分" in term["logs"]["report lab00"]
