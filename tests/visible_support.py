"""Run a lab notebook the way a student's 检查作业 / Validate does: only the visible checks.

The released notebook (``labs/<lab>/``) holds the visible part of every test cell and
nothing hidden.  :func:`run_visible` fills its answer cells with the instructor's
solution code (or with a typical mistake from ``tests/wrong_answers/``), runs it top to
bottom in a fresh kernel, and reports for every autograded test cell whether it passed
and what it printed.  The grading tests then hold the visible checks to the rule

    the visible check passes  <=>  autograde gives the task full marks.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from grading_support import LABS, SOLUTIONS

CELL_TIMEOUT = 300


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    text: str  # everything the cell printed: streams and "ErrorName: message"


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_filled_release(lab: str, notebook: str, replacements: dict[str, str] | None = None) -> dict:
    """The released notebook with every answer cell holding the solution code or a replacement."""
    release = json.loads((LABS / lab / notebook).read_text(encoding="utf-8"))
    solution = json.loads((SOLUTIONS / lab / notebook).read_text(encoding="utf-8"))
    solved = {_nbgrader(c)["grade_id"]: _source(c) for c in solution["cells"]
              if c["cell_type"] == "code" and _nbgrader(c).get("solution")}
    replacements = dict(replacements or {})
    used = set()
    for cell in release["cells"]:
        meta = _nbgrader(cell)
        if cell["cell_type"] != "code" or not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if grade_id in replacements:
            cell["source"] = replacements[grade_id]
            used.add(grade_id)
        else:
            cell["source"] = solved[grade_id]
    unknown = set(replacements) - used
    if unknown:
        raise KeyError(f"{lab}/{notebook}: the fixture replaces cells that are not answer cells: {sorted(unknown)}")
    return release


def _cell_text(cell: dict) -> tuple[bool, str]:
    parts, failed = [], False
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(_source({"source": out["text"]}))
        elif out["output_type"] == "error":
            failed = True
            parts.append(f"{out['ename']}: {out['evalue']}")
    return not failed, "\n".join(parts)


def run_visible(lab: str, notebook: str, replacements: dict[str, str] | None = None,
                *, blank: bool = False) -> dict[str, CheckResult]:
    """Run the visible checks; ``blank`` runs the untouched student version instead."""
    import nbformat
    from nbclient import NotebookClient

    if blank:
        nb_json = json.loads((LABS / lab / notebook).read_text(encoding="utf-8"))
    else:
        nb_json = answer_filled_release(lab, notebook, replacements)
    with tempfile.TemporaryDirectory(prefix=f"visible-{lab}-") as tmp:
        work = Path(tmp) / lab
        shutil.copytree(LABS / lab, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        nb = nbformat.reads(json.dumps(nb_json), as_version=4)
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
                                resources={"metadata": {"path": str(work)}})
        client.execute()
    results = {}
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type == "code" and meta.get("grade") and not meta.get("solution"):
            passed, text = _cell_text(cell)
            results[meta["grade_id"]] = CheckResult(passed, text)
    return results
