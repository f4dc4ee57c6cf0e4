"""Helpers for the crmlab-grade console tests: small courses, rosters and zips as teachers get them."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class GBKInfo(zipfile.ZipInfo):
    """A zip entry whose name is stored as raw GBK bytes without the UTF-8 flag, as Windows' zipper does."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def add_to_zip(zf: zipfile.ZipFile, name: str, data: bytes, when=(2026, 11, 30, 10, 0, 0), gbk: bool = True):
    info = (GBKInfo if gbk else zipfile.ZipInfo)(name, date_time=when)
    zf.writestr(info, data)


def use_venv_path(monkeypatch) -> None:
    """nbgrader runs `alembic` by name when it creates a gradebook: put this interpreter's bin on PATH."""
    monkeypatch.setenv("PATH", os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def notebook(cells: list[dict]) -> dict:
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


def graded_cell(grade_id: str, points: float, kind: str = "test", outputs=None) -> dict:
    """A cell with nbgrader metadata: kind 'test' (autograded check), 'answer' (solution code) or 'manual'."""
    meta = {"grade": kind in ("test", "manual"), "solution": kind in ("answer", "manual"), "locked": kind == "test",
            "grade_id": grade_id, "schema_version": 3}
    if meta["grade"]:
        meta["points"] = points
    if kind == "manual":
        return {"cell_type": "markdown", "metadata": {"nbgrader": meta}, "source": "请在这里写下你的回答。"}
    return {"cell_type": "code", "metadata": {"nbgrader": meta}, "source": "pass", "outputs": outputs or [],
            "execution_count": None}


# lab00-like structure: two answers with two checks each, one written answer
LAB_CELLS = [("task1", 0, "answer"), ("test1_type", 5, "test"), ("test1_value", 10, "test"),
             ("task2", 0, "answer"), ("test2_value", 15, "test"), ("q1_reflection", 20, "manual")]


def fake_course(tmp_path: Path, labs=("lab00",)) -> Path:
    """A course root with the real nbgrader_config.py and a small release notebook per lab (no gradebook)."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for lab in labs:
        folder = root / "labs" / lab
        folder.mkdir(parents=True)
        cells = [graded_cell(g, p, k) for g, p, k in LAB_CELLS]
        (folder / f"{lab}.ipynb").write_text(json.dumps(notebook(cells), ensure_ascii=False), encoding="utf-8")
    return root


def fake_gradebook(root: Path, lab: str, scores: dict[str, dict[str, float | None]], *, duedate=None,
                   timestamps: dict[str, dt.datetime] | None = None, students: dict[str, str] | None = None):
    """A gradebook as autograding leaves it: ``scores[学号][grade_id]`` (None: waits for manual grading)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="crmlab") as gb:
        gb.update_or_create_assignment(lab, duedate=duedate)
        gb.add_notebook(lab, lab)
        for gid, points, kind in LAB_CELLS:
            if kind in ("test", "manual"):
                gb.add_grade_cell(gid, lab, lab, max_score=points, cell_type="code" if kind == "test" else "markdown")
            if kind in ("answer", "manual"):
                gb.add_solution_cell(gid, lab, lab)
        for sid, name in (students or {}).items():
            gb.update_or_create_student(sid, last_name=name, first_name="")
        for sid, cells in scores.items():
            gb.update_or_create_student(sid)
            with warnings.catch_warnings():   # nbgrader's add_submission trips a SQLAlchemy autoflush warning
                warnings.simplefilter("ignore")
                gb.add_submission(lab, sid, timestamp=(timestamps or {}).get(sid, dt.datetime(2026, 11, 30, 2, 0)))
            for gid, value in cells.items():
                grade = gb.find_grade(gid, lab, lab, sid)
                if value is None:
                    grade.auto_score, grade.needs_manual_grade = None, True
                else:
                    grade.auto_score, grade.needs_manual_grade = value, False
            gb.db.commit()


def error_output(ename: str, evalue: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": [f"{ename}: {evalue}"]}


def write_autograded(root: Path, lab: str, student: str, failures: dict[str, dict], grading_meta=None) -> None:
    """An autograded notebook whose test cells show ``failures[grade_id]`` (an error output)."""
    cells = [graded_cell(g, p, k, outputs=[failures[g]] if g in failures else None) for g, p, k in LAB_CELLS]
    nb = notebook(cells)
    if grading_meta is not None:
        nb["metadata"]["crmlab_grading"] = grading_meta
    folder = root / "autograded" / student / lab
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{lab}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


COUNT_MSG = "数量不对：请数一数表里有几行。 / Wrong count."
TYPE_MSG = "结果应该是整数。 / The result should be an integer."


def graded_course(tmp_path: Path) -> Path:
    """A course as it is after roster, collect and autograde of lab00 (built directly, no grading run).

    2026001 张三  all checks right, written answer waits for manual grading   30 + ?
    2026002 李四  test1_value, test2_value wrong; kernel died, no sandbox; late (file name)  5
    2026003 王五  blank; submitted after the due date                              0
    2026004 赵六  nothing handed in
    2026005 钱七  collected, not graded yet
    2026009       graded but not on the roster (name only in the gradebook)
    """
    root = fake_course(tmp_path)
    state = root / ".crmlab"
    (state / "late").mkdir(parents=True)
    (state / "roster.csv").write_bytes("学号,姓名,班级\r\n2026001,张三,营销1班\r\n2026002,李四,营销1班\r\n"
                                       "2026003,王五,营销2班\r\n2026004,赵六,营销2班\r\n2026005,钱七,营销2班\r\n"
                                       .encode("utf-8-sig"))
    (state / "late" / "lab00.json").write_text(json.dumps({"lab": "lab00", "students": {
        "2026002": {"late": True, "reasons": ["文件名标有迟交"]}, "2026001": {"late": False, "reasons": []}}},
        ensure_ascii=False), encoding="utf-8")
    fake_gradebook(root, "lab00", {
        "2026001": {"test1_type": 5, "test1_value": 10, "test2_value": 15, "q1_reflection": None},
        "2026002": {"test1_type": 5, "test1_value": 0, "test2_value": 0, "q1_reflection": None},
        "2026003": {"test1_type": 0, "test1_value": 0, "test2_value": 0, "q1_reflection": 0},
        "2026009": {"test1_type": 5, "test1_value": 10, "test2_value": 15, "q1_reflection": 12},
    }, duedate=dt.datetime(2026, 12, 1, 10, 0), timestamps={"2026003": dt.datetime(2026, 12, 1, 12, 0)},
        students={"2026009": "插班生"})
    name_error = error_output("NameError", "name 'city_spend' is not defined")
    write_autograded(root, "lab00", "2026001", {})
    write_autograded(root, "lab00", "2026002", {"test1_value": error_output("AssertionError", COUNT_MSG),
                                                "test2_value": name_error},
                     grading_meta={"stopped": {"event": "died", "index": 3}, "sandboxed": False})
    write_autograded(root, "lab00", "2026003", {"test1_type": error_output("AssertionError", TYPE_MSG),
                                                "test1_value": error_output("AssertionError", COUNT_MSG),
                                                "test2_value": name_error})
    write_autograded(root, "lab00", "2026009", {})
    for sid in ("2026001", "2026002", "2026003", "2026005", "2026009"):
        (root / "submitted" / sid / "lab00").mkdir(parents=True)
    return root
