"""Run a lab's test cells in a fresh, trusted interpreter on the student's answer values.

    python -m crmlab.grading.checker PLAN.json RESULTS.json

``PLAN.json`` (written by the grader, never seen by student code) holds the
imports of the instructor's notebook, then for each test cell its source, the
names it reads and the file of values captured at its place in the student's
run.  Each test runs with a namespace made of:

1. the instructor's imports (``pd``, ``datasets``, ``clv`` …), run here, so a
   student who rebinds ``np`` or patches ``crmlab`` changes nothing;
2. names earlier test cells defined;
3. the student's values, rebuilt from data by :mod:`crmlab.grading.values`.

A test passes when it raises nothing and writes nothing to stderr (nbgrader's
rule).  The result of each test (its stdout, its stderr, the exception's name
and message, never the test's source) goes to ``RESULTS.json``.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import signal
import sys
import warnings
from pathlib import Path

MAX_STREAM = 10_000


class _TestTimeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _TestTimeout()


def assigned_names(source: str) -> set[str]:
    """Names a cell binds at its top level (assignments, imports, defs, loops, with, walrus)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def read_names(source: str) -> list[str]:
    """Names a test cell reads that it may get from the student (everything but builtins)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in found:
            found.append(node.id)
    # dir(), globals(), eval("name") ... reach names through strings: capture the names those strings spell
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    if calls & {"dir", "globals", "locals", "vars", "eval", "exec"}:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                if node.value not in found:
                    found.append(node.value)
    return [n for n in found if not hasattr(builtins, n)]


def import_code(sources: list[str]) -> str:
    """The top-level import statements of the instructor's cells, as one block of code."""
    lines = []
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                lines.append(ast.unparse(node))
    return "\n".join(lines)


def _cap(text: str) -> str:
    return text if len(text) <= MAX_STREAM else text[:MAX_STREAM] + "\n……（输出过长，已截断）\n"


def main(plan_path: str, results_path: str) -> int:
    from .sandbox import read_untrusted
    from .values import decode

    plan = json.loads(Path(plan_path).read_text(encoding="utf-8"))
    capture_dir = Path(plan["capture_dir"])
    namespace: dict = {"__name__": "__main__", "__builtins__": builtins}
    trusted: set[str] = set()
    setup_problem = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            exec(compile(plan["imports"], "<instructor imports>", "exec"), namespace)  # noqa: S102
        except Exception as exc:  # noqa: BLE001
            setup_problem = f"{type(exc).__name__}: {exc}"
    trusted |= assigned_names(plan["imports"])
    defined_by_tests: set[str] = set()
    results = []
    timer = hasattr(signal, "setitimer")  # not on Windows: there only the grader's overall timeout applies
    if timer:
        signal.signal(signal.SIGALRM, _on_alarm)
    for test in plan["tests"]:
        result = {"index": test["index"], "stdout": "", "stderr": "", "ename": None, "evalue": None}
        if test.get("capture") is None:
            result.update(ename="NotRun", evalue=test.get("not_run", ""))
            results.append(result)
            continue
        try:
            text = read_untrusted(capture_dir / test["capture"], 200_000_000).decode("utf-8")
            values = decode(text)
        except Exception as exc:  # noqa: BLE001 - whatever the student's kernel wrote, grading goes on
            values = {}
            result["capture_problem"] = type(exc).__name__
        for name in test["names"]:
            if name in trusted or name in defined_by_tests:
                continue
            if name in values:
                namespace[name] = values[name]
            else:
                namespace.pop(name, None)
        out, err = io.StringIO(), io.StringIO()
        if timer:
            signal.setitimer(signal.ITIMER_REAL, float(plan.get("test_timeout", 60)))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.showwarning = _show_warning(err)
                exec(compile(test["source"], f"<检查单元格 {test['grade_id']}>", "exec"), namespace)  # noqa: S102
        except _TestTimeout:
            result.update(ename="TimeoutError", evalue="这个检查运行超时（可能是提交的数据太大）。")
        except BaseException as exc:  # noqa: BLE001 - SystemExit and KeyboardInterrupt from tests count as failures too
            result.update(ename=type(exc).__name__, evalue=_cap(str(exc)))
        finally:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
        defined_by_tests |= assigned_names(test["source"])
        result["stdout"], result["stderr"] = _cap(out.getvalue()), _cap(err.getvalue())
        results.append(result)
    Path(results_path).write_text(json.dumps({"results": results, "setup_problem": setup_problem},
                                             ensure_ascii=False), encoding="utf-8")
    return 0


def _show_warning(stream):
    def show(message, category, filename, lineno, file=None, line=None):
        stream.write(f"{category.__name__}: {message}\n")
    return show


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
