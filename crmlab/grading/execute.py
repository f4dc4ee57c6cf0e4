"""nbgrader's execute step, made safe: student code in a sandbox, tests in a trusted interpreter.

``SandboxedExecute`` takes the place of nbgrader's ``Execute`` in
``Autograde.autograde_preprocessors`` (see ``nbgrader_config.py``).  For one
notebook it

1. copies the submission folder to a private temporary folder;
2. runs the student's code cells, in order, in a fresh kernel inside the
   sandbox (:mod:`.sandbox`, :mod:`.runner`); where a test cell stands, the
   kernel writes the values that test reads as data (:mod:`.values`): the
   tests themselves never enter the sandbox;
3. when the sandbox has ended (and every process it started with it), runs
   the test cells in a fresh trusted interpreter on those values
   (:mod:`.checker`), itself sandboxed read-only;
4. writes the outputs back into the notebook: the student cells' (capped and
   cleaned), and for each test cell nothing (pass) or an error holding only its
   Chinese message (fail), so nbgrader's ``SaveAutoGrades`` scores it as usual.

A kernel that dies, ``exit()``, or a cell that ignores the interrupt after its
timeout stops the run there: tests before that point keep their result, tests
after it score 0 with a Chinese message, and grading goes on with the next
student.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
from nbgrader import utils as nbutils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer

from . import checker, sandbox
from .submission import NOTES_KEY, add_notes
from .messages import hard_timeout, kernel_died, no_kernel, not_run, notebook_timeout, soft_timeout

GRADING_IN = "/grading/in"
GRADING_OUT = "/grading/out"
GRADING_CHECK = "/grading/check"
MIMETYPE = re.compile(r"^[a-zA-Z0-9]+/[a-zA-Z0-9\-\+\.]+$")
SAFE_MIMETYPES = {"text/plain", "text/html", "text/markdown", "text/latex", "image/png", "image/jpeg",
                  "application/json"}


def _drain(stream, keep: int, sink: list) -> None:
    """Read a pipe to its end, keeping only the last ``keep`` bytes (a student may print gigabytes)."""
    tail = b""
    for chunk in iter(lambda: stream.read(65536), b""):
        tail = (tail + chunk)[-keep:]
    sink.append(tail.decode("utf-8", "replace"))


def _run(argv, *, env, cwd, limits, timeout) -> tuple[int | None, str, bool]:
    """Run ``argv``; ``(returncode or None if killed, last output, timed out?)``."""
    group = sandbox.ControlGroup(limits)
    try:
        return _run_in(argv, env=env, cwd=cwd, limits=limits, timeout=timeout, group=group)
    finally:
        group.close()


def _run_in(argv, *, env, cwd, limits, timeout, group) -> tuple[int | None, str, bool]:
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, preexec_fn=sandbox.limit_resources(limits, group))
    sink: list[str] = []
    reader = threading.Thread(target=_drain, args=(proc.stdout, 20000, sink), daemon=True)
    reader.start()
    timed_out = False
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        if proc.poll() is None or timed_out:
            try:
                if hasattr(os, "killpg"):   # the whole session the child started (no sandbox: its kernel too)
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
    reader.join(timeout=5)
    return (None if timed_out else proc.returncode), (sink[0] if sink else ""), timed_out


def _clean_output(out) -> dict | None:
    """An nbformat output built from untrusted data, or None if it is not one."""
    if not isinstance(out, dict):
        return None
    kind = out.get("output_type")
    if kind == "stream":
        name = out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout"
        return nbformat.v4.new_output("stream", name=name, text=str(out.get("text", "")))
    if kind == "error":
        tb = out.get("traceback") if isinstance(out.get("traceback"), list) else []
        return nbformat.v4.new_output("error", ename=str(out.get("ename", "")), evalue=str(out.get("evalue", "")),
                                      traceback=[str(t) for t in tb])
    if kind in ("display_data", "execute_result"):
        data = {}
        for key, value in (out.get("data") or {}).items() if isinstance(out.get("data"), dict) else ():
            if not isinstance(key, str) or not MIMETYPE.match(key) or key not in SAFE_MIMETYPES:
                continue
            if key == "application/json":
                data[key] = value
            elif isinstance(value, str):
                data[key] = value
            elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                data[key] = "".join(value)
        from .feedback import clean_bundle
        data = clean_bundle(data)
        if not data:
            return None
        if kind == "execute_result":
            count = out.get("execution_count")
            return nbformat.v4.new_output("execute_result", data=data,
                                          execution_count=count if isinstance(count, int) else None)
        return nbformat.v4.new_output("display_data", data=data)
    return None


def _error(message: str, ename: str = "AssertionError") -> dict:
    return nbformat.v4.new_output("error", ename=ename, evalue=message, traceback=[f"{ename}: {message}"])


class SandboxedExecute(NbGraderPreprocessor):
    """Execute a submission safely; see the module docstring."""

    cell_timeout = Integer(60, help="Seconds a student cell may run before it is interrupted.").tag(config=True)
    interrupt_grace = Integer(10, help="Seconds an interrupted cell gets to stop before grading stops.").tag(config=True)
    notebook_timeout = Integer(1800, help="Seconds the whole sandboxed run of one notebook may take.").tag(config=True)
    test_timeout = Integer(60, help="Seconds one test cell may run in the trusted checker.").tag(config=True)
    memory_mb = Integer(4096, help="Address-space limit of each sandboxed process, in MiB.").tag(config=True)
    max_output_chars = Integer(20000, help="Characters kept of one cell's outputs.").tag(config=True)
    require_sandbox = Bool(False, help="Refuse to grade when no sandbox is available.").tag(config=True)

    def preprocess(self, nb, resources):
        started = time.monotonic()
        workdir = Path(resources.get("metadata", {}).get("path") or ".").resolve()
        assignment = resources["nbgrader"]["assignment"]
        notebook = resources["nbgrader"]["notebook"]
        coursedir = self._coursedir()
        course_root = Path(coursedir.root).resolve()
        source_nb = Path(coursedir.format_path(coursedir.source_directory, ".", assignment)) / f"{notebook}.ipynb"
        if not sandbox.available():
            if self.require_sandbox:
                raise RuntimeError(sandbox.NOT_ISOLATED_WARNING)
            self.log.warning(sandbox.NOT_ISOLATED_WARNING)

        steps, tests = [], []
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if nbutils.is_grade(cell) and not nbutils.is_solution(cell):
                names = checker.read_names(cell.source)
                steps.append({"kind": "capture", "index": index, "names": names})
                tests.append({"index": index, "grade_id": cell.metadata.nbgrader["grade_id"],
                              "source": cell.source, "names": names})
            else:
                steps.append({"kind": "code", "index": index, "source": cell.source})

        with tempfile.TemporaryDirectory(prefix="crmlab-grade-", ignore_cleanup_errors=True) as tmp:
            tmp = Path(tmp)
            work, run_in, run_out, check = tmp / "work", tmp / "in", tmp / "out", tmp / "check"
            shutil.copytree(workdir, work, symlinks=True)
            for d in (run_in, run_out, check):
                d.mkdir()
            home = f"{sandbox.HOME}/{assignment}"
            binds = [(work, home, True), (run_in, GRADING_IN, False), (run_out, GRADING_OUT, True)]
            argv, isolated = sandbox.command(
                [sys.executable, "-I", "-m", "crmlab.grading.runner", f"{GRADING_IN}/program.json", GRADING_OUT],
                binds=binds, workdir=home, hidden=(str(course_root),))
            if not isolated:  # the same program, on real paths
                home = str(work)
                argv = [sys.executable, "-I", "-m", "crmlab.grading.runner", str(run_in / "program.json"), str(run_out)]
            program = {"cwd": home, "steps": steps, "cell_timeout": self.cell_timeout,
                       "interrupt_grace": self.interrupt_grace, "max_output_chars": self.max_output_chars}
            (run_in / "program.json").write_text(json.dumps(program, ensure_ascii=False), encoding="utf-8")
            limits = sandbox.Limits(memory_mb=self.memory_mb, cpu_seconds=self.notebook_timeout)
            code, tail, timed_out = _run(argv, env=sandbox.environment(home), cwd=str(work), limits=limits,
                                         timeout=self.notebook_timeout)
            records, stop = self._read_events(run_out / "events.jsonl", timed_out, code, tail)
            ran = time.monotonic() - started

            captures = {r["index"]: r["file"] for r in records if r.get("kind") == "capture"
                        and isinstance(r.get("file"), str) and re.fullmatch(r"capture-\d+\.json", r["file"])}
            stop_index = stop.get("index") if stop else None
            for test in tests:
                if test["index"] in captures:
                    test["capture"] = captures[test["index"]]
                else:
                    test["capture"] = None
                    test["not_run"] = not_run(stop)
            plan = {"imports": checker.import_code(self._instructor_cells(source_nb)), "tests": tests,
                    "test_timeout": self.test_timeout,
                    "capture_dir": GRADING_OUT if isolated else str(run_out)}
            (check / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
            check_home = f"{sandbox.HOME}/{assignment}" if isolated else str(work)
            argv, _ = sandbox.command(
                [sys.executable, "-I", "-m", "crmlab.grading.checker", f"{GRADING_CHECK}/plan.json",
                 f"{GRADING_CHECK}/results.json"],
                binds=[(work, check_home, False), (run_out, GRADING_OUT, False), (check, GRADING_CHECK, True)],
                workdir=check_home, hidden=(str(course_root),))
            if not isolated:
                argv = [sys.executable, "-I", "-m", "crmlab.grading.checker", str(check / "plan.json"),
                        str(check / "results.json")]
            code, tail, _ = _run(argv, env=sandbox.environment(check_home), cwd=str(work),
                                 limits=sandbox.Limits(memory_mb=max(self.memory_mb, 4096), cpu_seconds=3600),
                                 timeout=self.test_timeout * max(len(tests), 1) + 120)
            self.log.info("student code %.1f s, checks %.1f s", ran, time.monotonic() - started - ran)
            try:
                checked = json.loads((check / "results.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise RuntimeError(f"crmlab checker failed (exit {code}): {tail[-3000:]}") from exc
            if checked.get("setup_problem"):
                self.log.warning("instructor imports failed in the checker: %s", checked["setup_problem"])

        stop_message = self._write_back(nb, records, stop, checked["results"])
        from .feedback import safe_markdown
        for cell in nb.cells:  # the instructor's formgrader renders these too
            if cell.cell_type == "markdown":
                cell.source = safe_markdown(cell.source)
        info = nb.metadata.setdefault(NOTES_KEY, {})
        info.update({"sandboxed": isolated, "stopped": stop, "seconds": round(time.monotonic() - started, 2)})
        add_notes(nb, ([stop_message.split(" / ")[0]] if stop_message else [])
                  + ([] if isolated else ["本次评分没有使用沙箱（评分机器未安装 bubblewrap），学生代码未被隔离。"]))
        # one line per graded notebook: crmlab-grade reads it for its progress bar
        self.log.info("crmlab-graded student=%s notebook=%s stopped=%s", resources["nbgrader"]["student"],
                      notebook, (stop or {}).get("event") or "-")
        return nb, resources

    # -------------------------------------------------------------- helpers

    def _coursedir(self):
        from nbgrader.coursedir import CourseDirectory
        return CourseDirectory(config=self.config)

    @staticmethod
    def _instructor_cells(source_nb: Path) -> list[str]:
        """Sources of the instructor's own code cells (not the students' answers, not tests)."""
        try:
            nb = nbformat.read(str(source_nb), as_version=4)
        except (OSError, ValueError):
            return []
        return [c.source for c in nb.cells if c.cell_type == "code" and not nbutils.is_solution(c)
                and not nbutils.is_grade(c)]

    def _read_events(self, path: Path, timed_out: bool, code, tail: str):
        records, stop, done = [], None, False
        raw = sandbox.read_untrusted(path, 64 * 1024 * 1024)
        for line in raw.decode("utf-8", "replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict) or not isinstance(record.get("index", 0), int):
                continue
            if "event" in record:
                done = done or record["event"] == "done"
                if record["event"] != "done" and stop is None:
                    stop = {"event": str(record["event"])[:40], "index": record.get("index")}
                continue
            records.append(record)
        if stop is None and not done:
            last = records[-1]["index"] if records else None
            stop = {"event": "notebook-timeout" if timed_out else "died", "index": last}
        if stop is not None and stop["event"] == "no-kernel":
            self.log.error("could not start a kernel in the sandbox: %s", tail[-2000:])
        return records, stop

    def _write_back(self, nb, records, stop, results) -> None:
        by_index = {r["index"]: r for r in records if r.get("kind") == "code"}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                cell.outputs = []
                cell.execution_count = None
        for index, record in by_index.items():
            if not (0 <= index < len(nb.cells)) or nb.cells[index].cell_type != "code":
                continue
            cell = nb.cells[index]
            outputs = record.get("outputs") if isinstance(record.get("outputs"), list) else []
            cell.outputs = [o for o in map(_clean_output, outputs[:200]) if o is not None]
            count = record.get("execution_count")
            cell.execution_count = count if isinstance(count, int) else None
            if record.get("status") == "timeout":
                cell.outputs.append(_error(soft_timeout(self.cell_timeout), "TimeoutError"))
        if stop is not None:
            index = stop.get("index")
            message = {"died": kernel_died, "hard-timeout": lambda: hard_timeout(self.cell_timeout),
                       "timeout": lambda: hard_timeout(self.cell_timeout),
                       "notebook-timeout": lambda: notebook_timeout(self.notebook_timeout),
                       "no-kernel": no_kernel}.get(stop["event"], kernel_died)()
            if isinstance(index, int) and 0 <= index < len(nb.cells) and nb.cells[index].cell_type == "code" \
                    and not (nbutils.is_grade(nb.cells[index]) and not nbutils.is_solution(nb.cells[index])):
                nb.cells[index].outputs.append(_error(message, "KernelStopped"))
        else:
            message = None
        for result in results:
            cell = nb.cells[result["index"]]
            outputs = []
            if result.get("stdout"):
                outputs.append(nbformat.v4.new_output("stream", name="stdout", text=result["stdout"]))
            if result.get("stderr"):
                outputs.append(nbformat.v4.new_output("stream", name="stderr", text=result["stderr"]))
            if result.get("ename"):
                evalue = result.get("evalue") or ""
                if result["ename"] == "AssertionError" and not evalue:
                    evalue = "检查没有通过。 / The check failed."
                outputs.append(_error(evalue, result["ename"]))
            cell.outputs = outputs
        return message
