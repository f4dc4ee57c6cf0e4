"""crmlab.console.grade: a class graded in parallel gets the grades nbgrader alone would give."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from crmlab import CRMLabInputError
from crmlab.console.grade import autograde, feedback, grading_problems
from crmlab.grading import sandbox
from grading_support import ROOT, _env, _replace_cells, load_wrong_answers

pytest.importorskip("nbgrader")
pytestmark = pytest.mark.grading
LAB = "lab00"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = tmp_path_factory.mktemp("console") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / LAB, course / "solutions" / LAB)
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", LAB, "--force", "--log-level=ERROR"],
                   cwd=course, env=_env(), check=True)
    name = f"{LAB}.ipynb"
    solution = json.loads((course / "solutions" / LAB / name).read_text(encoding="utf-8"))
    release = json.loads((course / "labs" / LAB / name).read_text(encoding="utf-8"))
    dies = json.loads(json.dumps(solution))
    dies["cells"].append({"cell_type": "code", "metadata": {}, "source": "import os\nos._exit(1)",
                          "outputs": [], "execution_count": None})
    wrong = load_wrong_answers(LAB)[0]
    class_ = {"2026001": solution, "2026002": release, "2026003": _replace_cells(solution, wrong.replace),
              "2026004": dies, "2026005": solution}
    for student, nb in class_.items():
        folder = course / "submitted" / student / LAB
        folder.mkdir(parents=True)
        (folder / name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return course


def _scores(course):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.code_score for s in gb.assignment_submissions(LAB)}


def test_parallel_grading_gives_each_student_the_grade_of_their_answers(course):
    seen = []
    results = autograde(course, LAB, jobs=2, progress=seen.append)
    assert [r.status for r in results] == ["graded"] * 5
    scores = _scores(course)
    assert scores["2026001"] == scores["2026005"] == scores["2026004"] == 80
    assert scores["2026002"] == 0
    assert 0 < scores["2026003"] < 80
    assert {p.student for p in seen} == set(scores) and seen[-1].done == seen[-1].total == 5
    assert any("内核" in p for p in grading_problems(course, LAB, "2026004")) or sandbox.available() is False
    assert all(r.score is not None and r.max_score == 100 for r in results)


def test_unchanged_submissions_are_skipped_and_one_student_can_be_regraded(course):
    assert {r.status for r in autograde(course, LAB, jobs=2)} == {"skipped"}
    folder = course / "submitted" / "2026005" / LAB
    shutil.copy(course / "labs" / LAB / f"{LAB}.ipynb", folder / f"{LAB}.ipynb")
    results = {r.student: r.status for r in autograde(course, LAB, jobs=2)}
    assert results["2026005"] == "graded" and results["2026001"] == "skipped"
    assert _scores(course)["2026005"] == 0
    again = autograde(course, LAB, students=["2026001"])
    assert [(r.student, r.status) for r in again] == [("2026001", "graded")]


def test_feedback_for_every_graded_student(course):
    assert feedback(course, LAB) == ["2026001", "2026002", "2026003", "2026004", "2026005"]


def test_bad_arguments_are_named(course, tmp_path):
    with pytest.raises(CRMLabInputError, match="jobs"):
        autograde(course, LAB, jobs=0)
    with pytest.raises(CRMLabInputError, match="students"):
        autograde(course, LAB, students=["nobody"])
    with pytest.raises(CRMLabInputError, match="nbgrader_config"):
        autograde(tmp_path, LAB)
