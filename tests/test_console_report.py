"""crmlab-grade report: score distribution, pass rates and the most common failure messages."""
from __future__ import annotations

import pytest

from console_support import COUNT_MSG, TYPE_MSG, error_output, graded_course, use_venv_path
from crmlab.console.cli import main
from crmlab.console.common import Course
from crmlab.console.report import analyse, failure_message

pytest.importorskip("nbgrader")


@pytest.fixture
def course(tmp_path, monkeypatch):
    use_venv_path(monkeypatch)
    monkeypatch.chdir(tmp_path)
    return graded_course(tmp_path)


@pytest.mark.parametrize("output, message", [
    (error_output("AssertionError", COUNT_MSG), "数量不对：请数一数表里有几行。"),
    (error_output("AssertionError", ""), "AssertionError"),
    (error_output("NameError", "name 'city_spend' is not defined"), "变量 city_spend 不存在（没有作答，或答题单元格运行出错）"),
    (error_output("NotRun", "这个检查没有运行：评分在第 3 个单元格因内核停止而停止，得 0 分。 / This check did not run."),
     "这个检查没有运行：评分在第 3 个单元格因内核停止而停止，得 0 分。"),
    (error_output("TypeError", "unsupported operand"), "TypeError: unsupported operand"),
    ({"output_type": "stream", "name": "stdout", "text": "hi"}, None),
])
def test_failure_messages(output, message):
    assert failure_message(output) == message


def test_pass_rates_and_messages_counted(course):
    report = analyse(Course(course), "lab00")
    checks = {c.cell.grade_id: c for c in report.checks}
    assert list(checks) == ["test1_type", "test1_value", "test2_value"]        # tests only, notebook order
    assert (checks["test1_type"].passed, checks["test1_type"].graded) == (3, 4)
    assert (checks["test1_value"].passed, checks["test2_value"].passed) == (2, 2)
    assert checks["test1_value"].messages == {COUNT_MSG.split(" / ")[0]: 2}
    assert checks["test1_type"].messages == {TYPE_MSG.split(" / ")[0]: 1}
    assert checks["test2_value"].messages.most_common(1) == [("变量 city_spend 不存在（没有作答，或答题单元格运行出错）", 2)]
    assert report.scores == {"2026001": 30, "2026002": 5, "2026003": 0, "2026009": 42}
    assert report.missing == ["2026004", "2026005"] and report.manual_pending == 2 and report.late == 2
    assert [s for s, _ in report.problems] == ["2026002", "2026002"]
    assert [c.cell.grade_id for c in report.low_checks()] == ["test1_value", "test2_value"]


def test_report_files_and_summary(course, capsys):
    assert main(["report", "lab00", "--course", str(course)]) == 0
    out = capsys.readouterr().out
    folder = course / "report" / "lab00"
    for name in ("index.html", "score_hist.png", "pass_rates.png"):
        assert (folder / name).is_file()
    for png in ("score_hist.png", "pass_rates.png"):
        assert (folder / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 2                          # self-contained
    assert "lab00 班级报告" in page and "建议重点讲解" in page
    assert '<span class="count">2 人</span>：数量不对：请数一数表里有几行。' in page
    assert "内核中途停止" in page
    assert "4 人已评分，平均 19.2 分" in out and "test1_value 通过率 50%" in out and "数量不对" in out
    assert f"报告：{folder / 'index.html'}" in out


def test_report_of_an_unknown_lab(course, capsys):
    assert main(["report", "lab05", "--course", str(course)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：找不到实训 lab05") and "\nError: " in err and "Traceback" not in err


def test_on_a_tie_a_real_mistake_comes_before_not_answered():
    from collections import Counter

    from crmlab.console.report import UNANSWERED, CheckStats
    from crmlab.console.scores import CellInfo

    stats = CheckStats(CellInfo("lab00", "t", 5, "test"), 6, 1,
                       Counter({f"变量 x 不存在{UNANSWERED}": 2, "平均值不对": 2, "类型不对": 1}))
    assert stats.top() == [("平均值不对", 2), (f"变量 x 不存在{UNANSWERED}", 2), ("类型不对", 1)]
