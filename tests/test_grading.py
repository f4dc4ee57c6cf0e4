"""Guards of the grading, generic over every lab folder in solutions/.

For each lab: labs/ is exactly what nbgrader generates from solutions/; nothing of a
solution, a hidden test or a rubric reaches labs/; the solution scores full marks; the
untouched student version scores zero; typical wrong answers fail with a message that
points at the mistake; nbgrader writes an HTML feedback file; solution notebooks run top
to bottom without an error or anything on stderr.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from grading_support import (LABS, ROOT, SOLUTIONS, all_labs, cell_outputs_text, grade_lab,
                             lab_notebooks, load_wrong_answers)

pytest.importorskip("nbgrader", reason="nbgrader is in the `course` extra: pip install -e '.[dev]'")

ALL_LABS = all_labs()
POINTS_PER_LAB = 100.0


@pytest.fixture(scope="session")
def grading(request, tmp_path_factory):
    """Grade each lab the selected tests need (``-k lab03``: lab03 only) once, three labs at a time
    (each in its own course and gradebook; grading waits on kernels and sandboxes as much as it
    computes, so three keep two cores busy)."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(max_workers=3)
    futures = {}

    def run(lab):
        if not futures:
            selected = {item.callspec.params["lab"] for item in request.session.items
                        if item.module.__name__ == __name__ and "lab" in getattr(
                            getattr(item, "callspec", None), "params", {})}
            for name in sorted(selected | {lab}):
                futures[name] = pool.submit(grade_lab, name, tmp_path_factory.mktemp("course"))
        return futures[lab].result()
    yield run
    pool.shutdown(wait=True, cancel_futures=True)


def _comparable(notebook: dict) -> dict:
    """A notebook without what may legitimately differ between two generations."""
    cells = []
    for cell in notebook["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        cells.append({"cell_type": cell["cell_type"], "source": source,
                      "nbgrader": cell.get("metadata", {}).get("nbgrader")})
    return {"cells": cells, "kernelspec": notebook["metadata"].get("kernelspec")}


def test_every_lab_has_a_release_and_a_source():
    assert ALL_LABS, "no lab in solutions/"
    assert sorted(p.name for p in LABS.iterdir() if p.is_dir()) == ALL_LABS
    assert all(re.fullmatch(r"lab0\d", lab) for lab in ALL_LABS)


def test_solutions_built_from_authoring_sources():
    result = subprocess.run([sys.executable, str(ROOT / "authoring" / "build.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lab", ALL_LABS)
def test_points_total_100(lab):
    total = 0.0
    for path in lab_notebooks(SOLUTIONS / lab):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade"):
                assert meta.get("points", 0) > 0, f"{path.name}: graded cell {meta['grade_id']} has no points"
                total += meta["points"]
    assert total == POINTS_PER_LAB


# Lines that may stand in a solution region and legitimately in the student version too.
_COMMON_LINES = {"### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"}


def _secret_lines(notebook: dict) -> set[str]:
    """Lines of solution regions, hidden tests and written-answer rubrics of a source notebook."""
    secrets = set()
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        lines = source.splitlines()
        if meta.get("solution") and cell["cell_type"] == "markdown":
            secrets.update(lines)
            continue
        for begin, end in (("BEGIN SOLUTION", "END SOLUTION"), ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")):
            inside = False
            for line in lines:
                if begin in line:
                    inside = True
                elif end in line:
                    inside = False
                elif inside:
                    secrets.add(line)
    # Short or punctuation-only lines (e.g. ')' or 'else:') are not evidence of a leak.
    return {s.strip() for s in secrets
            if len(s.strip()) >= 12 and s.strip() not in _COMMON_LINES and re.search(r"\w", s)}


@pytest.mark.parametrize("lab", ALL_LABS)
def test_no_solution_or_hidden_test_in_labs(lab):
    release_files = [p for p in (LABS / lab).rglob("*") if p.is_file()]
    assert release_files, f"labs/{lab} is empty"
    secrets = set()
    for path in lab_notebooks(SOLUTIONS / lab):
        secrets |= _secret_lines(json.loads(path.read_text(encoding="utf-8")))
    assert secrets, "the source notebook has no solution region: the leak test would prove nothing"
    for path in release_files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{path.relative_to(ROOT)} contains {marker!r}"
        if path.suffix == ".ipynb":
            text = "\n".join(
                c["source"] if isinstance(c["source"], str) else "".join(c["source"])
                for c in json.loads(text)["cells"])
        released_lines = {line.strip() for line in text.splitlines()}
        leaked = sorted(secrets & released_lines)
        assert not leaked, f"{path.relative_to(ROOT)} contains solution/hidden/rubric lines: {leaked[:5]}"


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_committed_labs_equal_nbgrader_release(lab, grading):
    generated = grading(lab).release
    committed = LABS / lab
    def listing(folder):  # a student's .ipynb_checkpoints is not part of the release
        return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))

    assert listing(generated) == listing(committed)
    for path in lab_notebooks(committed):
        fresh = json.loads((generated / path.name).read_text(encoding="utf-8"))
        stored = json.loads(path.read_text(encoding="utf-8"))
        assert _comparable(stored) == _comparable(fresh), (
            f"labs/{lab}/{path.name} differs from the nbgrader release of solutions/{lab}: "
            f"`python authoring/build.py {lab}` regenerates labs/{lab}/ and overwrites it, answers "
            f"written there included (move those to a crmlab-lab working copy first)")


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_solution_scores_full_marks(lab, grading):
    for name, grade in grading(lab).grades["solution"].items():
        failed = {k: c.score for k, c in grade.cells.items()
                  if c.cell_type == "code" and c.score != c.max_score}
        assert not failed, f"{lab}/{name}: test cells that did not give full marks: {failed}"
        assert grade.max_code_score > 0
        assert grade.code_score == grade.max_code_score
        # Written answers wait for the instructor; everything else is already full.
        assert grade.max_score == grade.max_code_score + grade.written_max
        manual = [k for k, c in grade.cells.items() if c.cell_type == "markdown"]
        assert all(grade.cells[k].needs_manual_grade for k in manual)


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_deleted_test_cell_is_put_back_and_graded(lab, grading):
    for name, grade in grading(lab).grades["deleted-test"].items():
        solution = grading(lab).grades["solution"][name]
        assert set(grade.cells) == set(solution.cells), "a deleted test cell was not graded"
        assert grade.code_score == grade.max_code_score == solution.max_code_score


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_untouched_student_version_scores_zero(lab, grading):
    for name, grade in grading(lab).grades["blank"].items():
        assert grade.max_score == POINTS_PER_LAB or len(grading(lab).grades["blank"]) > 1
        nonzero = {k: c.score for k, c in grade.cells.items() if c.score}
        assert grade.score == 0, f"{lab}/{name}: the untouched notebook scored {nonzero}"


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_feedback_html_written(lab, grading):
    for student in ("solution", "blank"):
        for name, grade in grading(lab).grades[student].items():
            html = grade.feedback_path.read_text(encoding="utf-8")
            assert "<html" in html.lower() and grade.feedback_path.stat().st_size > 1000


@pytest.mark.grading
@pytest.mark.parametrize("lab", ALL_LABS)
def test_solution_runs_without_errors_or_stderr(lab, grading):
    for name, grade in grading(lab).grades["solution"].items():
        nb = json.loads(grade.autograded_path.read_text(encoding="utf-8"))
        for index, cell in enumerate(nb["cells"]):
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", (
                    f"{lab}/{name} cell {index}: {out.get('ename')}: {out.get('evalue')}")
                assert not (out["output_type"] == "stream" and out["name"] == "stderr"), (
                    f"{lab}/{name} cell {index} wrote to stderr: {''.join(out['text'])[:300]}")


_WRONG = [(lab, wrong) for lab in ALL_LABS for wrong in load_wrong_answers(lab)]


@pytest.mark.grading
@pytest.mark.parametrize("lab,wrong", _WRONG, ids=[f"{lab}-{w.name}" for lab, w in _WRONG])
def test_typical_wrong_answer_is_caught_with_a_pointed_message(lab, wrong, grading):
    notebook = wrong.notebook or lab_notebooks(SOLUTIONS / lab)[0].name
    grade = grading(lab).grades[f"wrong-{wrong.name}"][notebook.removesuffix(".ipynb")]
    # Exactly the fixture's cells lose points: test_visible_checks.py holds the visible checks
    # to the same list, so a visible check passes exactly when its task gets full marks.
    lost = {k for k, c in grade.cells.items() if c.cell_type == "code" and c.score != c.max_score}
    assert lost == set(wrong.fails), f"{wrong.name}: autograde took points on {sorted(lost)}"
    for cell_id, message in wrong.fails.items():
        assert grade.cells[cell_id].score == 0, f"{wrong.name}: {cell_id} still gave points"
        shown = cell_outputs_text(grade.autograded_path, cell_id)
        assert message in shown, f"{wrong.name}: {cell_id} showed {shown!r}, expected {message!r}"
    assert grade.code_score < grade.max_code_score


def test_every_lab_has_a_wrong_answer_fixture():
    missing = [lab for lab in ALL_LABS if not load_wrong_answers(lab)]
    assert not missing, f"labs without a typical-wrong-answer fixture in tests/wrong_answers/: {missing}"
