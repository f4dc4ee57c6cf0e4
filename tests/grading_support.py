"""Run nbgrader on a lab in a throw-away course folder, the way an instructor would.

One call to :func:`grade_lab` copies ``nbgrader_config.py`` and
``solutions/<lab>/`` into a temporary course, runs ``generate_assignment``,
submits several notebooks as different students --

- ``solution``: the instructor's notebook, as if a student handed it in;
- ``blank``:    the untouched student version from the release;
- ``deleted-test``: the solution with its first test cell deleted, as a student
  might do by accident (nbgrader must put the cell back and grade it);
- one student per wrong answer in ``tests/wrong_answers/<lab>.py``: the
  solution notebook with some solution cells replaced by a typical mistake --

then runs ``autograde`` and ``generate_feedback`` and reads every score back
from the gradebook with nbgrader's own API.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
LABS = ROOT / "labs"
WRONG_ANSWERS_DIR = Path(__file__).resolve().parent / "wrong_answers"


def all_labs() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name.startswith("lab"))


def lab_notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb"))


@dataclass
class WrongAnswer:
    """A typical student mistake: solution cells to replace, and what must then fail.

    ``replace`` maps a solution cell's grade_id to the code a student might write;
    ``fails`` maps each test cell that must score 0 to a piece of the Chinese
    message it must show (so the feedback points at the mistake).
    """
    name: str
    replace: dict[str, str]
    fails: dict[str, str]
    notebook: str | None = None  # default: the lab's only notebook


def load_wrong_answers(lab: str) -> list[WrongAnswer]:
    path = WRONG_ANSWERS_DIR / f"{lab}.py"
    if not path.exists():
        return []
    spec = importlib.util.spec_from_file_location(f"wrong_answers_{lab}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [WrongAnswer(**item) for item in module.WRONG_ANSWERS]


@dataclass
class CellGrade:
    score: float
    max_score: float
    auto_score: float | None
    needs_manual_grade: bool
    cell_type: str


@dataclass
class NotebookGrade:
    score: float
    max_score: float
    code_score: float
    max_code_score: float
    written_max: float
    cells: dict[str, CellGrade]
    autograded_path: Path
    feedback_path: Path


@dataclass
class LabGrading:
    lab: str
    course: Path
    release: Path
    grades: dict[str, dict[str, NotebookGrade]] = field(default_factory=dict)  # student -> nb -> grade


def _env() -> dict:
    env = dict(os.environ)
    # nbgrader runs `alembic` by name; it lives next to this interpreter.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("MPLBACKEND", "Agg")
    return env


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=WARN"],
                            cwd=course, env=_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _replace_cells(notebook: dict, replacements: dict[str, str]) -> dict:
    notebook = json.loads(json.dumps(notebook))
    found = set()
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in replacements:
            cell["source"] = replacements[grade_id]
            found.add(grade_id)
    missing = set(replacements) - found
    if missing:
        raise KeyError(f"wrong-answer fixture names unknown cells: {sorted(missing)}")
    return notebook


def _without_first_test_cell(notebook: dict) -> dict:
    notebook = json.loads(json.dumps(notebook))
    cells = notebook["cells"]
    first = next(i for i, c in enumerate(cells)
                 if c["cell_type"] == "code" and c.get("metadata", {}).get("nbgrader", {}).get("grade"))
    del cells[first]
    return notebook


def grade_lab(lab: str, workdir: Path) -> LabGrading:
    """Generate, submit (solution, blank, wrong answers), autograde and make feedback for ``lab``."""
    course = workdir / lab
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(SOLUTIONS / lab, course / "solutions" / lab)
    _nbgrader(course, "generate_assignment", lab, "--force")
    release = course / "labs" / lab
    grading = LabGrading(lab, course, release)

    submissions: dict[str, dict[str, dict]] = {}
    source_nbs = {p.name: json.loads(p.read_text(encoding="utf-8"))
                  for p in lab_notebooks(SOLUTIONS / lab)}
    submissions["solution"] = source_nbs
    submissions["blank"] = {p.name: json.loads(p.read_text(encoding="utf-8"))
                            for p in lab_notebooks(release)}
    submissions["deleted-test"] = {name: _without_first_test_cell(nb) for name, nb in source_nbs.items()}
    for wrong in load_wrong_answers(lab):
        name = wrong.notebook or next(iter(source_nbs))
        nbs = dict(source_nbs)
        nbs[name] = _replace_cells(source_nbs[name], wrong.replace)
        submissions[f"wrong-{wrong.name}"] = nbs

    for student, notebooks in submissions.items():
        folder = course / "submitted" / student / lab
        folder.mkdir(parents=True)
        for name, nb in notebooks.items():
            (folder / name).write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")

    _nbgrader(course, "autograde", lab, "--create", "--force")
    _nbgrader(course, "generate_feedback", lab, "--force")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        for student in submissions:
            grading.grades[student] = {}
            for name in submissions[student]:
                stem = Path(name).stem
                nb = gradebook.find_submission_notebook(stem, lab, student)
                cells = {g.name: CellGrade(g.score, g.max_score, g.auto_score,
                                           g.needs_manual_grade, g.cell.cell_type)
                         for g in nb.grades}
                written_max = sum(c.max_score for c in cells.values() if c.cell_type == "markdown")
                grading.grades[student][stem] = NotebookGrade(
                    score=nb.score, max_score=nb.max_score,
                    code_score=nb.code_score, max_code_score=nb.max_code_score,
                    written_max=written_max, cells=cells,
                    autograded_path=course / "autograded" / student / lab / name,
                    feedback_path=course / "feedback" / student / lab / f"{stem}.html",
                )
    return grading


def cell_outputs_text(notebook_path: Path, grade_id: str) -> str:
    """All text a cell printed (streams and error messages) in an autograded notebook."""
    nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            parts = []
            for out in cell.get("outputs", []):
                if out["output_type"] == "stream":
                    parts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
                elif out["output_type"] == "error":
                    parts.append(f"{out['ename']}: {out['evalue']}")
            return "\n".join(parts)
    raise KeyError(grade_id)
