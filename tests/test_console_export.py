"""crmlab-grade export: the grade workbook, its figures checked against the gradebook."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from console_support import graded_course, use_venv_path
from crmlab.console.cli import main

pytest.importorskip("nbgrader")


@pytest.fixture
def course(tmp_path, monkeypatch):
    use_venv_path(monkeypatch)
    monkeypatch.chdir(tmp_path)
    return graded_course(tmp_path)


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_workbook_sheets_headers_and_figures(course, capsys):
    assert main(["export", "--course", str(course)]) == 0
    path = course / "成绩表.xlsx"
    assert f"成绩表已保存：{path}" in capsys.readouterr().out
    wb = load_workbook(path)
    assert wb.sheetnames == ["成绩总表", "lab00", "问题", "说明"]

    summary = _rows(wb["成绩总表"])
    assert summary[0] == ["学号", "姓名", "班级", "lab00（满分 50）", "总分（满分 50）"]
    assert summary[1:] == [
        ["2026001", "张三", "营销1班", 30, 30],
        ["2026002", "李四", "营销1班", 5, 5],
        ["2026003", "王五", "营销2班", 0, 0],
        ["2026004", "赵六", "营销2班", "未交", 0],
        ["2026005", "钱七", "营销2班", "未评分", 0],
        ["2026009", "插班生", None, 42, 42],         # graded, not on the roster: name from the gradebook
    ]

    lab = _rows(wb["lab00"])
    assert lab[0] == ["学号", "姓名", "班级", "test1_type（满分 5）", "test1_value（满分 10）", "test2_value（满分 15）",
                      "q1_reflection（满分 20，人工评分）", "总分（满分 50）", "待人工评分", "迟交", "提交时间", "状态"]
    by_id = {r[0]: r for r in lab[1:]}
    assert by_id["2026001"][3:10] == [5, 10, 15, None, 30, "是", None]
    assert by_id["2026002"][3:10] == [5, 0, 0, None, 5, "是", "是"]        # late by its file name
    assert by_id["2026003"][3:10] == [0, 0, 0, 0, 0, None, "是"]           # late by the gradebook's due date
    assert by_id["2026004"][-1] == "未交" and by_id["2026005"][-1] == "未评分"
    assert by_id["2026004"][3:8] == [None] * 5

    # the same figures as nbgrader's gradebook
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="crmlab") as gb:
        for sub in gb.assignment_submissions("lab00"):
            row = by_id[sub.student.id]
            assert row[7] == pytest.approx(sub.score)
            grades = {g.name: g for nb in sub.notebooks for g in nb.grades}
            for col, gid in zip(range(3, 7), ("test1_type", "test1_value", "test2_value", "q1_reflection")):
                expected = None if grades[gid].needs_manual_grade and grades[gid].manual_score is None \
                    else grades[gid].score
                assert row[col] == expected

    problems = _rows(wb["问题"])
    assert problems[0] == ["学号", "姓名", "实训", "问题"]
    assert ["2026002", "李四", "lab00"] == problems[1][:3] and "内核中途停止" in problems[1][3]
    assert any(p[0] == "2026002" and "沙箱" in p[3] for p in problems[1:])
    assert {p[0] for p in problems[1:]} == {"2026002"}


def test_workbook_is_ready_to_print(course):
    assert main(["export", "-o", str(course / "out" / "成绩.xlsx"), "--course", str(course)]) == 0
    wb = load_workbook(course / "out" / "成绩.xlsx")
    for ws in wb.worksheets:
        assert ws.freeze_panes in ("A2", "D2")
        assert ws["A1"].font.bold
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
        assert all(ws.column_dimensions[c].width >= 6 for c in "ABCD")
    lab = wb["lab00"]
    assert lab["D2"].number_format == "0.0" and lab["H2"].number_format == "0.0"
    assert lab["A2"].number_format == "@"
    assert lab["G2"].fill.fgColor.rgb.endswith("FFF2CC")            # waits for manual grading
    assert lab["J3"].comment is not None and "迟交" in lab["J3"].comment.text
    assert wb["成绩总表"]["D2"].number_format == "0.0"


def test_export_errors(tmp_path, course, capsys):
    assert main(["export", "--lab", "lab07", "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：成绩库里没有实训 lab07") and "\nError: " in err
    (course / "gradebook.db").rename(course / "old.db")
    assert main(["export", "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert "找不到成绩库" in err and "Traceback" not in err
    assert main(["export", "-o", "x.csv", "--course", str(course)]) == 1
    assert ".xlsx" in capsys.readouterr().err
