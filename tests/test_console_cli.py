"""crmlab-grade's command line: Chinese-then-English help and errors, the progress display, the summaries."""
from __future__ import annotations

import io

import pytest

from console_support import fake_course, use_venv_path
from crmlab.console import grade
from crmlab.console.cli import COMMANDS, main
from crmlab.console.progress import ProgressBar

pytest.importorskip("nbgrader")


def _first_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_main_help_is_chinese_then_english(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    lines = _first_lines(out)
    assert lines[0].startswith("用法 / usage: crmlab-grade")
    assert lines[1].startswith("《客户关系处理》教师控制台")
    assert out.index("教师控制台") < out.index("Instructor console")
    for name, (zh, en) in COMMANDS.items():
        assert name in out and zh[:6] in out
    assert main([]) == 0 and "用法 / usage" in capsys.readouterr().out


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_has_chinese_then_english_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    lines = _first_lines(out)
    zh, en = COMMANDS[command]
    assert lines[0].startswith(f"用法 / usage: crmlab-grade {command}")
    description = lines.index(zh)
    assert lines[description + 1].lower().startswith(en[:10].lower())
    assert "选项 / options:" in out and "显示帮助后退出 / show this help and exit" in out


@pytest.mark.parametrize("argv, zh", [
    (["collect", "lab03"], "缺少参数：SOURCE"),
    (["autograde", "lab03", "--jobs", "x"], "参数 --jobs/-j 的值“x”不是整数"),
    (["autograde", "lab03", "--jobs", "0"], "参数 --jobs/-j 至少为 1"),
    (["frobnicate"], "参数 COMMAND 的值 'frobnicate' 无效"),
])
def test_command_line_mistakes(argv, zh, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"错误：{zh}" in err and "\nError: " in err


def test_not_a_course_root(tmp_path, capsys):
    assert main(["export", "--course", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误：{tmp_path} 不是课程目录") and "Error: " in err and "Traceback" not in err


def test_progress_bar_on_a_terminal_and_in_a_log():
    tty, log = io.StringIO(), io.StringIO()
    bar, plain = ProgressBar(tty, tty=True), ProgressBar(log, tty=False)
    steps = [grade.Progress(0, 2, None, None, None), grade.Progress(1, 2, "2026001", "graded", 3.2),
             grade.Progress(2, 2, "2026002", "died", 0.0)]
    for p in steps:
        bar(p)
        plain(p)
    assert tty.getvalue().count("\r") == 3 and tty.getvalue().endswith("\n")
    assert "2026001 已评分  预计还需 3秒" in tty.getvalue()
    assert log.getvalue().splitlines() == [
        "[████████████░░░░░░░░░░░░] 1/2  2026001 已评分  预计还需 3秒",
        "[████████████████████████] 2/2  2026002 已评分（内核中途停止）"]


def test_autograde_and_feedback_commands_summarise_the_engine(tmp_path, capsys, monkeypatch):
    use_venv_path(monkeypatch)
    root = fake_course(tmp_path)
    (root / "gradebook.db").touch()
    for sid in ("2026001", "2026002", "2026003"):
        (root / "submitted" / sid / "lab00").mkdir(parents=True)
    calls = {}

    def fake_autograde(root_, lab, *, jobs=1, students=None, force=False, progress=None):
        calls.update(root=root_, lab=lab, jobs=jobs, students=students, force=force)
        progress(grade.Progress(1, 2, "2026001", "graded", 2.0))
        progress(grade.Progress(2, 2, "2026002", "failed", 0.0))
        return [grade.StudentResult("2026001", "graded", 80.0, 100.0, 2.0, []),
                grade.StudentResult("2026002", "failed", None, None, 1.0, ["提交的文件无法读取"]),
                grade.StudentResult("2026003", "skipped", 60.0, 100.0, 0.0, ["评分时未使用沙箱"])]

    monkeypatch.setattr(grade, "autograde", fake_autograde)
    monkeypatch.setattr(grade, "feedback", lambda root_, lab, students=None: ["2026001"])
    assert main(["autograde", "lab00", "-j", "2", "--force", "--course", str(root)]) == 1   # one failed
    out = capsys.readouterr().out
    assert calls == {"root": root, "lab": "lab00", "jobs": 2, "students": None, "force": True}
    assert "已评分 1，未变化跳过 1，失败 1" in out and "平均分 70.0" in out
    assert "2026002（评分失败）：提交的文件无法读取" in out and "2026003（未变化，跳过）：评分时未使用沙箱" in out

    assert main(["autograde", "lab00", "--student", "2026009", "--course", str(root)]) == 1
    assert "学号 2026009 没有 lab00 的提交" in capsys.readouterr().err

    (root / "autograded" / "2026001" / "lab00").mkdir(parents=True)
    (root / "autograded" / "2026002" / "lab00").mkdir(parents=True)
    assert main(["feedback", "lab00", "--course", str(root)]) == 0
    out = capsys.readouterr().out
    assert "已为 1 名学生生成反馈" in out and "没有生成反馈的学生 1 人（还没评分或评分失败）：2026002" in out


def test_engine_input_errors_are_shown_in_both_languages(tmp_path, capsys, monkeypatch):
    from crmlab import CRMLabInputError

    use_venv_path(monkeypatch)
    root = fake_course(tmp_path)
    (root / "gradebook.db").touch()

    def refuse(*args, **kwargs):
        raise CRMLabInputError("lab", "实训 lab00 还没有发布", "lab00 is not released yet")

    monkeypatch.setattr(grade, "autograde", refuse)
    assert main(["autograde", "lab00", "--course", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：参数 lab：实训 lab00 还没有发布。") and "\nError: Argument 'lab'" in err
