"""Build the lab notebooks from their plain-text sources.

Authors edit ``authoring/<lab>.txt``; this script writes the nbgrader source
notebook ``solutions/<lab>/<lab>.ipynb`` and then runs ``nbgrader
generate_assignment`` so that ``labs/<lab>/`` (the student version) is always
exactly what nbgrader makes from ``solutions/``.

    python authoring/build.py            # every lab
    python authoring/build.py lab03      # one lab
    python authoring/build.py --check    # exit 1 if any solutions/ notebook is stale

Source format: a line ``%% KIND key=value ...`` at column 0 starts a new cell;
the lines up to the next such line are its text.  Kinds:

``md``                 a markdown cell (instructions, narrative)
``code``               an ordinary code cell (setup, demonstrations)
``solution id=ID``     a code cell students complete; the part between
                       ``### BEGIN SOLUTION`` / ``### END SOLUTION`` is replaced
                       by a stub in the student version
``test id=ID points=P`` an autograded test cell (visible tests, then hidden ones
                       between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``)
``answer id=ID points=P`` a manually graded written answer (markdown); its text in
                       the source is the model answer and the rubric, which the
                       student version replaces by the answer stub
"""
from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUTHORING = ROOT / "authoring"
SOLUTIONS = ROOT / "solutions"
LABS = ROOT / "labs"

KINDS = {"md", "code", "solution", "test", "answer"}
HEADER = re.compile(r"^%% (\w+)(.*)$")

NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


class SourceError(ValueError):
    """A problem in a lab's text source, with file and line."""


@dataclass
class CellSpec:
    kind: str
    options: dict
    text: str
    line: int


def parse_source(path: Path) -> list[CellSpec]:
    """Split a lab source into cell specifications."""
    cells: list[CellSpec] = []
    current: CellSpec | None = None
    lines: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = HEADER.match(line)
        if match:
            if current is not None:
                current.text = "\n".join(lines).strip("\n")
                cells.append(current)
            kind, rest = match.group(1), match.group(2)
            if kind not in KINDS:
                raise SourceError(f"{path.name}:{number}: unknown cell kind {kind!r}")
            options = dict(item.split("=", 1) for item in rest.split())
            current, lines = CellSpec(kind, options, "", number), []
        elif current is None:
            if line.strip():
                raise SourceError(f"{path.name}:{number}: text before the first '%% ' header")
        else:
            lines.append(line)
    if current is not None:
        current.text = "\n".join(lines).strip("\n")
        cells.append(current)
    return cells


def _require(spec: CellSpec, path: Path, *keys: str) -> None:
    for key in keys:
        if key not in spec.options:
            raise SourceError(f"{path.name}:{spec.line}: '{spec.kind}' cell needs {key}=...")


def _check_test_cell(spec: CellSpec, path: Path) -> None:
    """Test cells must not end in an expression: nbgrader reads a value as partial credit."""
    tree = ast.parse(spec.text)
    if not tree.body:
        raise SourceError(f"{path.name}:{spec.line}: empty test cell")
    last = tree.body[-1]
    if isinstance(last, ast.Expr) and not (
        isinstance(last.value, ast.Call) and getattr(last.value.func, "id", "") == "print"
    ):
        raise SourceError(f"{path.name}:{spec.line}: test cell {spec.options['id']} ends in an "
                          "expression; nbgrader would take its value as a partial score")


def _nbgrader_meta(grade_id: str, *, grade: bool, solution: bool, locked: bool,
                   points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def build_notebook(lab: str) -> dict:
    """The nbgrader source notebook of ``lab`` as a JSON-able dict (nbformat 4.5)."""
    path = AUTHORING / f"{lab}.txt"
    specs = parse_source(path)
    seen: set[str] = set()
    cells = []
    for index, spec in enumerate(specs):
        grade_id = spec.options.get("id")
        if spec.kind in {"solution", "test", "answer"}:
            _require(spec, path, "id")
            if grade_id in seen:
                raise SourceError(f"{path.name}:{spec.line}: duplicated id {grade_id!r}")
            seen.add(grade_id)
        cell_id = grade_id or f"{lab}-{index:03d}"
        metadata: dict = {}
        if spec.kind == "solution":
            if "### BEGIN SOLUTION" not in spec.text:
                raise SourceError(f"{path.name}:{spec.line}: solution cell without ### BEGIN SOLUTION")
            metadata["nbgrader"] = _nbgrader_meta(grade_id, grade=False, solution=True, locked=False)
        elif spec.kind == "test":
            _require(spec, path, "points")
            _check_test_cell(spec, path)
            metadata["nbgrader"] = _nbgrader_meta(grade_id, grade=True, solution=False, locked=True,
                                                  points=float(spec.options["points"]))
        elif spec.kind == "answer":
            _require(spec, path, "points")
            metadata["nbgrader"] = _nbgrader_meta(grade_id, grade=True, solution=True, locked=False,
                                                  points=float(spec.options["points"]))
        cell_type = "markdown" if spec.kind in {"md", "answer"} else "code"
        cell = {"cell_type": cell_type, "id": cell_id, "metadata": metadata, "source": spec.text}
        if cell_type == "code":
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    return {"cells": cells, "metadata": NOTEBOOK_METADATA, "nbformat": 4, "nbformat_minor": 5}


def notebook_json(notebook: dict) -> str:
    """Serialise like Jupyter and nbgrader do, so diffs between solutions/ and labs/ stay small."""
    import nbformat  # a dependency of nbgrader (the `course` extra), needed only when building

    node = nbformat.from_dict(notebook)
    nbformat.validate(node)
    return nbformat.writes(node)


def all_labs() -> list[str]:
    return sorted(p.stem for p in AUTHORING.glob("lab*.txt"))


def write_solution(lab: str) -> Path:
    target = SOLUTIONS / lab / f"{lab}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(notebook_json(build_notebook(lab)), encoding="utf-8")
    return target


def nbgrader_env() -> dict:
    """Environment for nbgrader subprocesses: nbgrader runs the ``alembic`` command of the
    same environment by name, so that environment's scripts folder must be on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def generate_release(lab: str, course_root: Path = ROOT) -> Path:
    """Run ``nbgrader generate_assignment`` for ``lab`` in ``course_root``; return the release folder."""
    with tempfile.TemporaryDirectory() as tmp:
        # A throw-away gradebook: generating the student version must not touch the course's.
        db = f"sqlite:///{Path(tmp) / 'gradebook.db'}"
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", lab, "--force",
             f"--CourseDirectory.db_url={db}", "--log-level=WARN"],
            cwd=course_root, check=True, env=nbgrader_env(),
        )
    return course_root / "labs" / lab


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labs", nargs="*", help="lab ids (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="only check that solutions/ matches authoring/")
    args = parser.parse_args(argv)
    labs = args.labs or all_labs()
    if args.check:
        stale = [lab for lab in labs
                 if (SOLUTIONS / lab / f"{lab}.ipynb").read_text(encoding="utf-8")
                 != notebook_json(build_notebook(lab))]
        for lab in stale:
            # Rebuilding also regenerates labs/<lab>/ (generate_assignment --force): whoever
            # answered in there must hear it before running the command, not after.
            print(f"solutions/{lab}/{lab}.ipynb 和 authoring/{lab}.txt 不一致。运行 python authoring/build.py {lab} "
                  f"会重写它，并重新生成 labs/{lab}/、覆盖那里的文件：在 labs/{lab}/ 里写过的答案会丢失，"
                  f"请先移到 crmlab-lab 的个人工作副本。\n"
                  f"stale: solutions/{lab}/{lab}.ipynb. `python authoring/build.py {lab}` rewrites it and "
                  f"regenerates labs/{lab}/, overwriting the files there (move any answers written in "
                  f"labs/{lab}/ to a crmlab-lab working copy first).")
        return 1 if stale else 0
    for lab in labs:
        print(f"wrote {write_solution(lab).relative_to(ROOT)}")
        release = generate_release(lab)
        shutil.rmtree(release / ".ipynb_checkpoints", ignore_errors=True)
        print(f"generated {release.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
