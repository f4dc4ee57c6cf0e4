"""检查作业 (crmlab.selfcheck): the report of check_notebook, crmlab-check, and the server side's path rules."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from crmlab import launch
from crmlab.selfcheck import LABEXTENSION_NAME, LABEXTENSIONS_DIR, check_notebook, lab_arguments
from crmlab.selfcheck import cli, server

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _copy(source: Path, folder: Path) -> Path:
    # Checked in a copy: the notebook runs with its folder as working directory.
    target = folder / source.name
    shutil.copy(source, target)
    return target


def _cell(source: str, kind: str = "code", **nbgrader) -> nbformat.NotebookNode:
    cell = new_code_cell(source) if kind == "code" else new_markdown_cell(source)
    if nbgrader:
        cell.metadata["nbgrader"] = {"schema_version": 3, "locked": False, "solution": False,
                                     "grade": False, "task": False, **nbgrader}
    return cell


def _answer(source: str, grade_id: str):
    return _cell(source, solution=True, grade_id=grade_id)


def _test(source: str, grade_id: str, points: float):
    return _cell(source, grade=True, locked=True, grade_id=grade_id, points=points)


def _write(folder: Path, cells) -> Path:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "work.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_reference_answers_pass_every_check(tmp_path):
    report = check_notebook(_copy(ROOT / "solutions" / "lab00" / "lab00.ipynb", tmp_path))
    assert report.checks and report.all_passed, report.text()
    assert report.earned == report.auto_points and report.manual_points > 0
    assert report.total_points == 100
    n = len(report.checks)
    assert report.summary.startswith(f"通过 {n}/{n} 项检查，可得 {report.auto_points:g}/100 分")
    assert "书面题" in report.summary and not report.notes
    assert report.checks[0].task.startswith("任务 1") and "分）" not in report.checks[0].task


@pytest.mark.slow
def test_untouched_lab_fails_every_check_in_chinese(tmp_path):
    report = check_notebook(_copy(ROOT / "labs" / "lab00" / "lab00.ipynb", tmp_path))
    assert report.checks and report.passed_count == 0 and report.earned == 0
    assert report.summary.startswith(f"通过 0/{len(report.checks)} 项检查，可得 0/100 分")
    for check in report.checks:
        assert not check.passed and CJK.search(check.message), check
        assert check.task.startswith("任务") and check.check and check.points > 0
    text = report.text()
    data = json.dumps(report.to_dict(), ensure_ascii=False)
    for shown in (text, data):
        assert "Traceback" not in shown and "File \"" not in shown and "\x1b[" not in shown
    assert "还没有作答" in text and "未通过" in text and "同上。" in text


@pytest.mark.slow
def test_messages_name_the_cause(tmp_path):
    path = _write(tmp_path, [
        _cell("## 任务 1（5 分）　求和\n\n把 1 到 3 的和赋值给 `total`。", "markdown"),
        _answer("total = 1 + 2", "a1"),
        _test('"""检查 total 是否正确。"""\nassert total == 6, "total 不对：1 + 2 + 3 = 6。"', "t1", 5),
        _cell("### 任务 2（3 分）除法", "markdown"),
        _answer("ratio = 1 / 0", "a2"),
        _test('"""检查 ratio。"""\nassert ratio > 0, "ratio 应该大于 0。"', "t2", 3),
        _cell("### 任务 3　慢", "markdown"),
        _answer("import time\ntime.sleep(30)\nslow = 1", "a3"),
        _test("assert slow == 1", "t3", 2),
        _cell("### 任务 4", "markdown"),
        _test("assert undefined_name == 1", "t4", 1),
        _test("", "t5", 1),
        _cell("本题写在文字里。", "markdown", grade=True, solution=True, grade_id="q1", points=4),
    ])
    report = check_notebook(path, cell_timeout=2)
    by_id = {c.grade_id: c for c in report.checks}
    assert [c.task for c in report.checks] == ["任务 1　求和", "任务 2 除法", "任务 3　慢", "任务 4", "任务 4"]
    assert by_id["t1"].check == "检查 total 是否正确" and by_id["t1"].message == "total 不对：1 + 2 + 3 = 6。"
    assert by_id["t2"].message.startswith("上面的代码出错：ZeroDivisionError")
    assert "超过 2 秒" in by_id["t3"].message
    assert by_id["t4"].message == "检查时出错：用到了还没有定义的 undefined_name：先把定义它的单元格写好并运行。"
    assert "删掉了" in by_id["t5"].message
    assert report.manual_points == 4 and report.total_points == 16
    assert report.summary == "通过 0/5 项检查，可得 0/16 分（书面题 4 分由老师批改）。"


@pytest.mark.slow
def test_a_stopped_kernel_is_explained(tmp_path):
    path = _write(tmp_path, [
        _answer("x = 1", "a1"),
        _test("assert x == 1", "t1", 1),
        _cell("import os\nos._exit(1)"),
        _test("assert x == 1", "t2", 1),
    ])
    report = check_notebook(path)
    assert [c.passed for c in report.checks] == [True, False]
    assert report.checks[1].message.startswith("没有运行") and report.checks[1].task == "t2"
    assert any("内核" in note for note in report.notes)


@pytest.mark.slow
def test_crmlab_check_prints_the_report(tmp_path, capsys):
    path = _write(tmp_path, [_answer("x = 2", "a1"), _test('assert x == 1, "x 应该是 1。"', "t1", 1)])
    assert cli.main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "通过 0/1 项检查" in out and "未通过" in out and "x 应该是 1。" in out
    assert cli.main([str(tmp_path / "missing.ipynb")]) == 2
    assert "找不到笔记本" in capsys.readouterr().err
    assert cli.main([str(tmp_path / "notes.txt")]) == 2


def test_server_accepts_only_notebooks_inside_its_root(tmp_path):
    from jupyter_server.services.contents.filemanager import FileContentsManager
    from tornado.web import HTTPError

    root = tmp_path / "root"
    (root / "labs").mkdir(parents=True)
    (root / "labs" / "a.ipynb").write_text("{}")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "b.ipynb").write_text("{}")
    (tmp_path / "outside.ipynb").write_text("{}")
    manager = FileContentsManager(root_dir=str(root))

    def resolve(path):
        return asyncio.run(server.notebook_os_path(manager, path))

    assert Path(resolve("labs/a.ipynb")) == root / "labs" / "a.ipynb"
    assert Path(resolve("/labs/a.ipynb")) == root / "labs" / "a.ipynb"
    for path, status in [("../outside.ipynb", 403), ("labs/../../outside.ipynb", 403),
                         ("labs\\..\\..\\outside.ipynb", 403), (str(tmp_path / "outside.ipynb"), 404),
                         ("labs/missing.ipynb", 404), (".hidden/b.ipynb", 404), ("labs", 400),
                         ("nbgrader_config.py", 400), ("", 400), (None, 400), (["labs/a.ipynb"], 400)]:
        with pytest.raises(HTTPError) as raised:
            resolve(path)
        assert raised.value.status_code == status, path
        message = raised.value.log_message
        assert CJK.search(message.split(" / ")[0]) and " / " in message, message


def test_assignment_list_is_replaced_only_without_an_exchange(tmp_path):
    assert server.assignment_list_useless(str(ROOT))   # this repository configures no exchange
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    (tmp_path / "nbgrader_config.py").write_text(f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n")
    assert not server.assignment_list_useless(str(tmp_path))


def test_page_config_hook_disables_nbgrader_list_and_keeps_earlier_hooks():
    plugins = [server.VALIDATE_PLUGIN, server.ASSIGNMENT_LIST_PLUGIN]
    earlier = server._page_config_hook(lambda handler, config: {**config, "other": 1}, plugins, True)
    config = earlier(None, {"disabledExtensions": {"x": True}})
    assert config["disabledExtensions"] == {"x": True, server.VALIDATE_PLUGIN: True,
                                            server.ASSIGNMENT_LIST_PLUGIN: True}
    assert config["other"] == 1 and config[server.PAGE_OPTION] is True
    config = server._page_config_hook(None, plugins, True)(None, {"disabledExtensions": ["x"]})
    assert config["disabledExtensions"] == ["x", *plugins]
    # With an exchange (a classroom server) only nbgrader's English Validate gives way to 检查作业.
    config = server._page_config_hook(None, [server.VALIDATE_PLUGIN], False)(None, {})
    assert config["disabledExtensions"] == {server.VALIDATE_PLUGIN: True}
    assert server.PAGE_OPTION not in config


def test_prebuilt_extension_ships_in_the_package_and_crmlab_lab_loads_it():
    folder = LABEXTENSIONS_DIR / LABEXTENSION_NAME
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert package["name"] == LABEXTENSION_NAME
    assert (folder / package["jupyterlab"]["_build"]["load"]).is_file()
    # package-data in pyproject.toml must cover every built file, or a wheel ships a broken extension
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    built = {p.relative_to(LABEXTENSIONS_DIR.parent).as_posix() for p in folder.rglob("*") if p.is_file()}
    globs = re.search(r'"crmlab\.selfcheck" = \[(.*?)\]', pyproject).group(1)
    patterns = re.findall(r'"([^"]+)"', globs)
    assert all(any(Path(f).match(pattern) for pattern in patterns) for f in built), built
    command = launch.lab_command(["--no-browser"])
    assert all(arg in command for arg in lab_arguments()) and command[-1] == "--no-browser"
