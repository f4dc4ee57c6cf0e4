"""Hostile and broken submissions graded through the real nbgrader commands.

One throw-away lab00 course grades every case of ``hostile_corpus.CASES`` plus
an honest classmate (``victim``) with ``nbgrader autograde`` and
``generate_feedback``, as the README's instructor workflow does.  For every
case: the exact automatic score its honest answers deserve; nothing outside
its private copy changed (course files, classmates, the installed crmlab);
the classmate's grade intact; no hidden-test line and no live script in any
feedback; every process the sandbox started gone.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import re
import time
from pathlib import Path

import pytest

import crmlab
from crmlab.grading import sandbox
from grading_support import ROOT, SOLUTIONS, _nbgrader
from hostile_corpus import CASES, FULL, WRONG, Case

pytest.importorskip("nbgrader")
pytestmark = [pytest.mark.grading, pytest.mark.skipif(not sandbox.available(),
              reason="bubblewrap is not available: sudo apt-get install bubblewrap")]

LAB = "lab00"
CELL_TIMEOUT = 4


def _hidden_lines(notebook: dict) -> list[str]:
    lines, hiding = [], False
    for cell in notebook["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for line in source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                hiding = True
            elif "END HIDDEN TESTS" in line:
                hiding = False
            elif hiding and len(line.strip()) > 12:
                lines.append(line.strip())
    return lines


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _index(cells, grade_id):
    return next(i for i, c in enumerate(cells) if _grade_id(c) == grade_id)


def _code_cell(source: str, metadata=None) -> dict:
    return {"cell_type": "code", "metadata": metadata or {}, "source": source, "outputs": [],
            "execution_count": None}


def _build(case: Case, solution: dict, release: dict, fill: dict) -> dict:
    nb = json.loads(json.dumps(release if case.base == "blank" else solution))
    cells = nb["cells"]
    if case.base == "wrong":
        for cell in cells:
            if _grade_id(cell) in WRONG:
                cell["source"] = WRONG[_grade_id(cell)]
    if case.attack:
        source = case.attack
        for key, value in fill.items():
            source = source.replace("{" + key + "}", value)
        attack = _code_cell(source)
        if case.where is None:
            first = next(i for i, c in enumerate(cells) if _grade_id(c))
            cells.insert(first, attack)
        elif case.where == "end":
            cells.append(attack)
        else:
            cells.insert(_index(cells, case.where.split(":", 1)[1]) + 1, attack)
    if case.transform == "paste-answer":
        i = _index(cells, "task2_mean")
        copy = json.loads(json.dumps(cells[i]))
        cells[i]["source"] = "# 在这里写你的代码（删除下面这一行后再运行）\nraise NotImplementedError()"
        cells.insert(i + 1, copy)
    elif case.transform == "paste-test":
        i = _index(cells, "test2_mean_value")
        cells.insert(i, json.loads(json.dumps(cells[i])))
    elif case.transform == "delete-task3":
        for gid in ("task3_filter", "test3_filter_type", "test3_filter_count"):
            del cells[_index(cells, gid)]
    elif case.transform == "forge-metadata":
        cells.append(_code_cell("print('free points')", {"nbgrader": {
            "grade": True, "solution": False, "locked": True, "grade_id": "forged", "points": 1000,
            "schema_version": 99}}))
        cells[_index(cells, "test4_groupby_value")]["metadata"]["nbgrader"]["points"] = 1000
        cells[_index(cells, "test4_groupby_value")]["metadata"]["nbgrader"]["schema_version"] = 99
        first_md = next(c for c in cells if c["cell_type"] == "markdown")
        first_md["metadata"]["nbgrader"] = {"grade": True, "solution": False, "grade_id": "test1_count_type",
                                            "points": 500, "schema_version": 3}
    elif case.transform == "markdown-script":
        cells.insert(3, {"cell_type": "markdown", "metadata": {},
                         "source": '<script>alert("pwned-md")</script>\n\n[a](javascript:alert("pwned-link"))'})
    for cell in cells:
        cell.pop("id", None)
    nb["nbformat_minor"] = 4
    return nb


def _snapshot(paths) -> dict:
    digest = {}
    for root in paths:
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" in p.parts or ".ipynb_checkpoints" in p.parts:
                continue
            digest[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return digest


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    course = tmp_path_factory.mktemp("hostile") / "course"
    course.mkdir()
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (f"\nc.SandboxedExecute.cell_timeout = {CELL_TIMEOUT}\nc.SandboxedExecute.interrupt_grace = 3\n"
               "c.SandboxedExecute.require_sandbox = True\n")
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    import shutil
    shutil.copytree(SOLUTIONS / LAB, course / "solutions" / LAB)
    _nbgrader(course, "generate_assignment", LAB, "--force")
    solution = json.loads((course / "solutions" / LAB / f"{LAB}.ipynb").read_text(encoding="utf-8"))
    release = json.loads((course / "labs" / LAB / f"{LAB}.ipynb").read_text(encoding="utf-8"))
    marker = course.parent / "escaped-marker"
    crmlab_dir = Path(crmlab.__file__).parent
    canary = course.parent / "host-secret.jsonl"
    canary.write_text(json.dumps({"kind": "code", "index": 2, "outputs": [
        {"output_type": "stream", "name": "stdout", "text": "HOST-SECRET-CANARY"}]}) + "\n")
    fill = {"course": str(course), "marker": str(marker), "crmlab_init": str(crmlab_dir / "__init__.py"),
            "canary": str(canary)}

    students = {"victim": Case("victim", "solution", FULL)}
    students.update({case.name: case for case in CASES})
    for student, case in students.items():
        folder = course / "submitted" / student / LAB
        folder.mkdir(parents=True)
        text = json.dumps(_build(case, solution, release, fill), ensure_ascii=False)
        if case.transform == "truncate":
            text = text[: len(text) // 2]
        elif case.transform == "json-list":
            text = json.dumps([text[:100]])
        name = case.filename or f"{LAB}.ipynb"
        (folder / name).write_bytes(text.encode(case.encoding or "utf-8"))

    data_dir = Path(importlib.import_module("crmlab.data").__file__).parent
    watched = [course / "nbgrader_config.py", course / "solutions", course / "labs", crmlab_dir, data_dir] + [
        course / "submitted" / s for s in students if students[s].filename is None]
    before = _snapshot(watched)
    started = time.monotonic()
    autograde = _nbgrader(course, "autograde", LAB, "--create", "--force")
    seconds = time.monotonic() - started
    _nbgrader(course, "generate_feedback", LAB, "--force")
    time.sleep(6)  # longer than the detached child waits before it writes
    after = _snapshot(watched)

    from nbgrader.api import Gradebook
    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in students:
            sub = gb.find_submission(LAB, student)
            scores[student] = (sub.code_score, sub.max_score,
                               max((g.manual_score or 0) for nb in sub.notebooks for g in nb.grades))
    return {"course": course, "scores": scores, "before": before, "after": after, "marker": marker,
            "hidden": _hidden_lines(solution), "students": students, "seconds": seconds,
            "log": autograde.stdout + autograde.stderr, "data_dir": data_dir}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_submission_scores_what_its_answers_deserve(case, hostile):
    code_score, max_score, manual = hostile["scores"][case.name]
    assert max_score == 100.0, f"{case.name}: the lab's maximum changed to {max_score}"
    assert manual == 0, f"{case.name}: a manual score appeared ({manual})"
    assert code_score == case.score, f"{case.name} ({case.what}): scored {code_score}, its answers deserve {case.score}"


def test_honest_classmate_keeps_full_marks(hostile):
    assert hostile["scores"]["victim"][0] == FULL


def test_nothing_outside_the_submission_changed(hostile):
    changed = sorted(k for k in hostile["before"] if hostile["before"][k] != hostile["after"].get(k))
    assert not changed, f"files changed by student code: {changed}"
    assert not hostile["marker"].exists(), "a sandboxed process wrote outside its private copy"


def test_no_hidden_test_and_no_live_script_in_feedback(hostile):
    hidden = hostile["hidden"]
    assert hidden, "the lab has hidden tests to look for"
    for html in (hostile["course"] / "feedback").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        leaked = [line for line in hidden if line in text]
        assert not leaked, f"{html}: hidden test lines in feedback: {leaked[:2]}"
        assert "BEGIN HIDDEN TESTS" not in text
        live = re.findall(r"<script[^>]*>[^<]*pwned|<img src=x onerror|<svg onload|href=\"javascript:", text)
        assert not live, f"{html}: live script in feedback: {live}"
        assert "HOST-SECRET-CANARY" not in text, f"{html}: the grader read a file outside the sandbox"
    for notebook in (hostile["course"] / "autograded").rglob("*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        assert '<script>alert(\\"pwned-md\\")' not in text and "HOST-SECRET-CANARY" not in text, notebook
        assert html.stat().st_size < 2_000_000, f"{html} is {html.stat().st_size} bytes"


def test_feedback_explains_a_stopped_kernel_in_chinese(hostile):
    html = (hostile["course"] / "feedback" / "kernel-dies-midway" / LAB / f"{LAB}.html").read_text(encoding="utf-8")
    assert "内核" in html and "0 分" in html


def test_every_submission_has_feedback(hostile):
    for student in hostile["students"]:
        assert (hostile["course"] / "feedback" / student / LAB / f"{LAB}.html").exists(), student


def test_failed_regrade_leaves_no_stale_grade_or_feedback(hostile):
    course = hostile["course"]
    folder = course / "submitted" / "victim" / LAB
    (folder / f"{LAB}.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
    try:
        _nbgrader(course, "autograde", LAB, "--student", "victim", "--force")
    except RuntimeError:
        pass  # nbgrader reports the unreadable file and exits 1: the point is what it leaves behind
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.find_submission(LAB, "victim").code_score == 0
    assert not (course / "feedback" / "victim" / LAB).exists()


def test_grading_without_sandbox_still_scores_and_says_so(tmp_path):
    """No bubblewrap (Windows, macOS): the same scores, and a plain warning in Chinese, then English."""
    import os
    import shutil
    import subprocess
    import sys

    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(SOLUTIONS / LAB, course / "solutions" / LAB)
    _nbgrader(course, "generate_assignment", LAB, "--force")
    for student, source in (("honest", course / "solutions"), ("blank", course / "labs")):
        (course / "submitted" / student / LAB).mkdir(parents=True)
        shutil.copy(source / LAB / f"{LAB}.ipynb", course / "submitted" / student / LAB / f"{LAB}.ipynb")
    env = dict(os.environ, CRMLAB_SANDBOX="off", PATH=os.pathsep.join([str(Path(sys.executable).parent),
                                                                        os.environ.get("PATH", "")]))
    result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", LAB, "--create"], cwd=course, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert log.index("警告") < log.index("WARNING: no bubblewrap"), log[-2000:]
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.find_submission(LAB, "honest").code_score == FULL
        assert gb.find_submission(LAB, "blank").code_score == 0
