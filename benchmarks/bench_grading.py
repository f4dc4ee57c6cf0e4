"""Seconds per submission for `nbgrader autograde`: sandboxed, unsandboxed, and stock nbgrader.

    python benchmarks/bench_grading.py [--lab lab03] [--students 6]

Three throw-away courses grade the same submissions (the solution notebook,
handed in by N students) in the same run:

- ``sandbox``: the course's nbgrader_config.py, student code in bubblewrap and
  the tests in the trusted checker (what instructors run);
- ``no sandbox``: the same pipeline with ``CRMLAB_SANDBOX=off`` (Windows, macOS);
- ``stock nbgrader``: nbgrader's own Execute step, tests in the student's
  kernel (the unsafe baseline this project replaced).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _course(base: Path, lab: str, students: int, stock: bool) -> Path:
    course = base / ("stock" if stock else "safe")
    course.mkdir()
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    if stock:  # the course settings without the crmlab.grading wiring
        config = config.split("# ---------------------------------------------------------------- safe grading")[0]
        config += "\nc.Execute.timeout = 60\nc.Execute.interrupt_on_timeout = True\n"
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "solutions" / lab, course / "solutions" / lab)
    _run(course, {}, "generate_assignment", lab, "--force")
    for k in range(students):
        folder = course / "submitted" / f"s{k:02d}" / lab
        folder.mkdir(parents=True)
        shutil.copy(course / "solutions" / lab / f"{lab}.ipynb", folder / f"{lab}.ipynb")
    return course


def _run(course: Path, extra_env: dict, *args: str) -> float:
    env = dict(os.environ, **extra_env)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=ERROR"], cwd=course, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"nbgrader {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lab", default="lab03")
    parser.add_argument("--students", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = []
        for label, stock, env in (("sandbox", False, {}), ("no sandbox", False, {"CRMLAB_SANDBOX": "off"}),
                                  ("stock nbgrader", True, {})):
            base = tmp / label.replace(" ", "-")
            base.mkdir()
            course = _course(base, args.lab, args.students, stock)
            seconds = _run(course, env, "autograde", args.lab, "--create", "--force")
            rows.append((label, seconds / args.students))
        print(f"{args.lab}, {args.students} submissions each, sequential `nbgrader autograde`:")
        stock = rows[-1][1]
        for label, per in rows:
            print(f"  {label:15s} {per:6.2f} s/submission   ({per / stock:4.2f}× stock nbgrader)")


if __name__ == "__main__":
    main()
