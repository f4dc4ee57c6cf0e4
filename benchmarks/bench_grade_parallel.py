"""A class graded by `crmlab-grade autograde --jobs N` against sequential `nbgrader autograde`.

    python benchmarks/bench_grade_parallel.py [--lab lab03] [--students 40] [--jobs 2]

Two copies of one course, each with the same class (the solution, the blank
release and each typical slip of tests/wrong_answers/<lab>.py, repeated to
the class size), graded in the same run: one by nbgrader's own command (one
submission after another, through the sandboxed pipeline), one by
``crmlab.console.grade.autograde`` with N workers.  Prints seconds per
submission, the ratio, and whether both gradebooks hold the same scores.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from grading_support import _env, _replace_cells, load_wrong_answers  # noqa: E402


def _course(base: Path, lab: str, students: int) -> Path:
    course = base / "course"
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "solutions" / lab, course / "solutions" / lab)
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", lab, "--force", "--log-level=ERROR"],
                   cwd=course, env=_env(), check=True)
    name = f"{lab}.ipynb"
    solution = json.loads((course / "solutions" / lab / name).read_text(encoding="utf-8"))
    kinds = [solution, json.loads((course / "labs" / lab / name).read_text(encoding="utf-8"))]
    kinds += [_replace_cells(solution, w.replace) for w in load_wrong_answers(lab)]
    for k in range(students):
        folder = course / "submitted" / f"2026{k:04d}" / lab
        folder.mkdir(parents=True)
        (folder / name).write_text(json.dumps(kinds[k % len(kinds)], ensure_ascii=False), encoding="utf-8")
    return course


def _scores(course: Path, lab: str) -> dict:
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(lab)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lab", default="lab03")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    from crmlab.console.grade import autograde

    with tempfile.TemporaryDirectory() as tmp:
        sequential = _course(Path(tmp) / "sequential", args.lab, args.students)
        parallel = _course(Path(tmp) / "parallel", args.lab, args.students)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", args.lab, "--create", "--force",
                        "--log-level=ERROR"], cwd=sequential, env=_env(), check=True, capture_output=True)
        t_seq = time.perf_counter() - started
        started = time.perf_counter()
        autograde(parallel, args.lab, jobs=args.jobs)
        t_par = time.perf_counter() - started
        same = _scores(sequential, args.lab) == _scores(parallel, args.lab)
    n = args.students
    print(f"{args.lab}, {n} submissions, {args.jobs} jobs on this machine:")
    print(f"  nbgrader autograde (sequential)     {t_seq:7.1f} s   {t_seq / n:5.2f} s/submission")
    print(f"  crmlab-grade autograde --jobs {args.jobs}      {t_par:7.1f} s   {t_par / n:5.2f} s/submission")
    print(f"  speed-up {t_seq / t_par:4.2f}x; same scores in both gradebooks: {same}")


if __name__ == "__main__":
    main()
