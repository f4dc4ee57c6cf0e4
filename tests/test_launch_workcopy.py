"""crmlab-lab's personal working copy: copies the released labs once, later adds only what the
course added, never overwrites a student's file; --course opens the course as before; a working
copy made inside the repository stays out of pytest and git."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import crmlab
from crmlab import launch

ROOT = Path(__file__).resolve().parent.parent


def notebook(text: str) -> bytes:
    cell = {"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [], "source": text}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, ensure_ascii=False).encode("utf-8")


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def course(tmp_path):
    """A course folder with two released labs; lab01 has a data file next to its notebook."""
    course = tmp_path / "course"
    write(course / "nbgrader_config.py", b"")
    write(course / "labs" / "lab00" / "lab00.ipynb", notebook("x = 1  # 学生版"))
    write(course / "labs" / "lab01" / "lab01.ipynb", notebook("pd.read_csv('门店.csv')"))
    write(course / "labs" / "lab01" / "门店.csv", "门店,销售额\n天河店,12\n".encode("utf-8"))
    # JupyterLab's autosaves in the release are nobody's lab material
    write(course / "labs" / "lab00" / ".ipynb_checkpoints" / "lab00-checkpoint.ipynb", notebook("old"))
    return course


def start(cwd: Path, *args: str, env: dict | None = None, installed_from: Path | None = None):
    """crmlab-lab's decision (folder to open, messages), with no JupyterLab and no real install location."""
    return launch.prepare(launch.parse_arguments(list(args)), env or {}, cwd,
                          installed_from=installed_from or cwd / "no-install")


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_start_copies_the_labs_and_their_data_files(course, tmp_path):
    work = tmp_path / "home" / "crmlab-work"
    opened, lines = start(course, "--work-dir", str(work))
    assert opened == work
    for name in ("lab00/lab00.ipynb", "lab01/lab01.ipynb", "lab01/门店.csv"):
        assert (work / name).read_bytes() == (course / "labs" / name).read_bytes(), name
    assert not (work / "lab00" / ".ipynb_checkpoints").exists()
    assert (work / launch.WORK_COPY_MARKER).is_file()
    assert not (work / ".gitignore").exists(), "a working copy outside the course may be the student's own git repo"
    text = "\n".join(lines)
    assert str(work) in text and "lab00" in text and "lab01" in text and "复制" in text
    assert (course / "labs" / "lab00" / "lab00.ipynb").read_bytes() == notebook("x = 1  # 学生版")


def test_second_start_leaves_the_students_work_byte_identical(course, tmp_path):
    work = tmp_path / "work"
    start(course, "--work-dir", str(work))
    answered = notebook("x = 42  # 我的答案")
    (work / "lab00" / "lab00.ipynb").write_bytes(answered)
    (work / "lab01" / "门店.csv").write_bytes(b"edited")
    write(work / "lab01" / "我的笔记.md", "笔记".encode("utf-8"))
    # The teacher fixes a typo in the release: the student's answered notebook still wins.
    write(course / "labs" / "lab00" / "lab00.ipynb", notebook("x = 1  # 修正后的学生版"))
    before = snapshot(work)

    opened, lines = start(course, "--work-dir", str(work))

    assert opened == work
    assert snapshot(work) == before
    assert (work / "lab00" / "lab00.ipynb").read_bytes() == answered
    assert lines == [f"crmlab：工作文件夹 {work}，课程没有新增的实训。"]


def test_a_new_lab_and_a_new_file_are_added_without_touching_the_rest(course, tmp_path):
    work = tmp_path / "work"
    start(course, "--work-dir", str(work))
    (work / "lab00" / "lab00.ipynb").write_bytes(notebook("answered"))
    before = snapshot(work)
    write(course / "labs" / "lab09" / "lab09.ipynb", notebook("新实训"))
    write(course / "labs" / "lab09" / "数据.xlsx", b"PK fake workbook")
    write(course / "labs" / "lab01" / "补充数据.csv", b"a,b\n1,2\n")

    _, lines = start(course, "--work-dir", str(work))

    after = snapshot(work)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == ["lab01/补充数据.csv", "lab09/lab09.ipynb", "lab09/数据.xlsx"]
    assert (work / "lab09" / "数据.xlsx").read_bytes() == b"PK fake workbook"
    assert lines == [f"crmlab：课程新增了实训 lab09，已复制到 {work}",
                     "crmlab：补上了你这里缺少的文件 lab01/补充数据.csv（你已有的文件都没有改动）"]


def test_a_deleted_notebook_comes_back_fresh(course, tmp_path):
    # The documented way to start a lab over: delete (or rename) the notebook and start again.
    work = tmp_path / "work"
    start(course, "--work-dir", str(work))
    (work / "lab00" / "lab00.ipynb").rename(work / "lab00" / "lab00-旧.ipynb")
    start(course, "--work-dir", str(work))
    assert (work / "lab00" / "lab00.ipynb").read_bytes() == (course / "labs" / "lab00" / "lab00.ipynb").read_bytes()
    assert (work / "lab00" / "lab00-旧.ipynb").is_file()


def test_course_option_opens_the_course_folder_and_copies_nothing(course, tmp_path):
    env = {launch.WORK_DIR_ENV: str(tmp_path / "work")}
    opened, lines = start(course / "labs" / "lab01", "--course", env=env)
    assert opened == course and lines == []
    assert not (tmp_path / "work").exists()


def test_environment_variable_and_option_choose_the_folder(course, tmp_path):
    env = {launch.WORK_DIR_ENV: str(tmp_path / "from-env")}
    assert start(course, env=env)[0] == tmp_path / "from-env"
    assert (tmp_path / "from-env" / "lab00" / "lab00.ipynb").is_file()
    assert start(course, "--work-dir=from-option", env=env)[0] == course / "from-option"  # relative to cwd
    assert (course / "from-option" / "lab01" / "门店.csv").is_file()
    assert launch.work_dir(None, {}, course) == Path.home() / "crmlab-work"
    assert launch.work_dir(None, {launch.WORK_DIR_ENV: ""}, course) == Path.home() / "crmlab-work"


def test_options_are_taken_out_and_the_rest_goes_to_jupyter():
    options = launch.parse_arguments(["--no-browser", "--work-dir", "我的作业", "--port", "8890"])
    assert options.work_dir == "我的作业" and not options.course
    assert options.jupyter_args == ["--no-browser", "--port", "8890"]
    assert launch.parse_arguments(["--course", "--allow-root"]).jupyter_args == ["--allow-root"]
    for bad in (["--work-dir"], ["--work-dir="], ["--work-dir", "--no-browser"], ["--course", "--work-dir", "w"]):
        with pytest.raises(launch.LaunchError, match=r"^--.*[\u4e00-\u9fff].* / "):
            launch.parse_arguments(bad)


@pytest.mark.parametrize("where", ["labs/mine", "labs", "solutions/lab00/w", "."])
def test_no_working_copy_where_regenerating_the_labs_would_overwrite_it(course, where):
    before = snapshot(course)
    with pytest.raises(launch.LaunchError, match="labs/ 或 solutions/") as err:
        start(course, "--work-dir", where)
    assert str(err.value).index("crmlab：") < str(err.value).index("crmlab:")
    assert snapshot(course) == before


def test_without_a_course_an_existing_working_copy_still_opens(course, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    work = tmp_path / "work"
    with pytest.raises(launch.LaunchError) as err:
        start(elsewhere, "--work-dir", str(work))
    message = str(err.value)
    assert "找不到实训" in message and "no labs found" in message and message.index("找") < message.index("no labs")
    assert not work.exists()
    start(course, "--work-dir", str(work))
    opened, lines = start(elsewhere, "--work-dir", str(work))
    assert opened == work and "没有找到课程文件夹" in lines[0]


def test_an_editable_install_finds_the_repository_labs(tmp_path):
    if Path(crmlab.__file__).resolve().parent.parent != ROOT:
        pytest.skip("crmlab is not installed from this repository (pip install -e .)")
    assert launch.course_labs(tmp_path) == ROOT / "labs"


def test_main_prints_where_and_execs_jupyterlab_in_the_working_copy(course, tmp_path, monkeypatch, capsys):
    if os.name != "posix":
        pytest.skip("the exec path is POSIX-only")
    calls = []

    def fake_exec(program, command):
        calls.append((Path.cwd(), command))
        raise SystemExit(0)

    monkeypatch.setattr(launch.os, "execv", fake_exec)
    monkeypatch.setenv(launch.WORK_DIR_ENV, str(tmp_path / "work"))
    monkeypatch.chdir(course / "labs")
    with pytest.raises(SystemExit):
        launch.main(["--no-browser"])
    cwd, command = calls[-1]
    assert cwd == tmp_path / "work" and command[-1] in ("--no-browser", "--allow-root")
    assert "--work-dir" not in command
    out = capsys.readouterr().out
    assert f"个人工作文件夹 {tmp_path / 'work'}" in out and f"在 {tmp_path / 'work'} 打开 JupyterLab" in out

    monkeypatch.chdir(course / "labs" / "lab00")
    with pytest.raises(SystemExit):
        launch.main(["--course"])
    assert calls[-1][0] == course and "--course" not in calls[-1][1]


@pytest.mark.slow
def test_a_working_copy_inside_the_repository_stays_out_of_pytest_and_git(tmp_path):
    """Real pytest (with nbval) and git on a small course laid out like this repository."""
    repo = tmp_path / "repo"
    for name in ("pyproject.toml", "conftest.py"):
        write(repo / name, (ROOT / name).read_bytes())
    write(repo / "nbgrader_config.py", b"")
    write(repo / "tests" / "test_course.py", b"def test_course():\n    pass\n")
    write(repo / "labs" / "lab00" / "lab00.ipynb", notebook("x = 1"))
    start(repo, "--work-dir", "mywork")
    # The student answers and even writes a test of their own; a plain folder gets the same files.
    write(repo / "mywork" / "lab00" / "lab00.ipynb", notebook("raise SystemExit('不该被运行')"))
    write(repo / "mywork" / "lab00" / "test_mine.py", b"def test_mine():\n    pass\n")
    write(repo / "plain" / "lab00" / "lab00.ipynb", notebook("x = 2"))
    write(repo / "plain" / "test_plain.py", b"def test_plain():\n    pass\n")

    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
         "--nbval", "."], cwd=repo, capture_output=True, text=True)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    # The plain folder shows the same files would be collected without the marker.
    assert "plain/test_plain.py::test_plain" in collected.stdout
    assert "plain/lab00/lab00.ipynb" in collected.stdout and "tests/test_course.py" in collected.stdout
    assert "mywork" not in collected.stdout

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True, check=True).stdout
    assert "plain/test_plain.py" in status and "mywork" not in status
