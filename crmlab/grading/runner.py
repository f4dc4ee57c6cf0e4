"""Run a student's cells in a kernel, inside the sandbox, and record what happened.

    python -m crmlab.grading.runner PROGRAM.json OUT_DIR

``PROGRAM.json`` lists the steps in notebook order: the student's code cells
(``{"kind": "code", "index": i, "source": ...}``) and, where a test cell
stands, a capture of the names that test reads (``{"kind": "capture",
"index": i, "names": [...]}``).  No test source is ever in the program.

For each step one JSON line goes to ``OUT_DIR/events.jsonl`` as soon as the
step ends: a code cell's outputs (capped), or the file its capture wrote.
When the kernel dies (``exit()``, a crash, running out of memory) or a cell
runs past its timeout and does not answer the interrupt, a last line says so
and the run stops: what came before it still counts.

Everything here runs with the student's code and is untrusted by the grader,
which reads these files as data only.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from queue import Empty

CAPTURE_CODE = ("__import__('crmlab.grading.values', fromlist=['emit']).emit({names!r}, {path!r})")


def _cap_text(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n……（输出过长，只保留前 {limit} 个字符 / output truncated）\n"


class _Outputs:
    """nbformat outputs of one cell, with a size budget."""

    RICH_BUDGET = 8 * 1024 * 1024   # figures and tables of one cell

    def __init__(self, max_chars: int):
        self.items: list[dict] = []
        self.budget = max_chars
        self.rich_budget = self.RICH_BUDGET
        self.truncated = False
        self.dropped = False

    def _spend(self, n: int) -> bool:
        if n > self.rich_budget:
            return False
        self.rich_budget -= n
        return True

    def stream(self, name: str, text: str) -> None:
        if self.truncated:
            return
        if len(text) > self.budget:
            text = _cap_text(text, max(self.budget, 0))
            self.truncated = True
        self.budget -= len(text)
        if self.items and self.items[-1]["output_type"] == "stream" and self.items[-1]["name"] == name:
            self.items[-1]["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def rich(self, msg_type: str, content: dict) -> None:
        if msg_type == "error":
            tb = [_cap_text(str(line), 4000) for line in content.get("traceback", [])[-30:]]
            out = {"output_type": "error", "ename": _cap_text(str(content.get("ename", "")), 200),
                   "evalue": _cap_text(str(content.get("evalue", "")), 4000), "traceback": tb}
        else:
            data = {k: v for k, v in content.get("data", {}).items() if isinstance(v, (str, list, dict))}
            out = {"output_type": msg_type, "data": data, "metadata": content.get("metadata", {})}
            if msg_type == "execute_result":
                out["execution_count"] = content.get("execution_count")
        size = len(json.dumps(out, ensure_ascii=False))
        if self._spend(size):
            self.items.append(out)
        elif not self.dropped:
            self.dropped = True
            self.items.append({"output_type": "stream", "name": "stdout",
                               "text": "……（输出过大，已省略 / output too large, left out）\n"})


class Kernel:
    def __init__(self, cwd: str, startup_timeout: float = 60):
        from jupyter_client.manager import start_new_kernel

        self.km, self.kc = start_new_kernel(kernel_name="python3", startup_timeout=startup_timeout, cwd=cwd)

    def alive(self) -> bool:
        return self.km.is_alive()

    def run(self, code: str, timeout: float, max_chars: int) -> tuple[str, list[dict], int | None]:
        """Execute ``code``: ``(status, outputs, execution_count)``; status ok|died|timeout."""
        if not self.alive():
            return "died", [], None
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
        outputs = _Outputs(max_chars)
        count = None
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout", outputs.items, count
            try:
                msg = self.kc.get_iopub_msg(timeout=min(1.0, remaining))
            except Empty:
                if not self.alive():
                    return "died", outputs.items, count
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content.get("execution_state") == "idle":
                return "ok", outputs.items, count
            if kind == "execute_input":
                count = content.get("execution_count")
            elif kind == "stream":
                outputs.stream(content.get("name", "stdout"), str(content.get("text", "")))
            elif kind in ("display_data", "execute_result", "error"):
                outputs.rich(kind, content)
            elif kind == "clear_output":
                outputs.items.clear()

    def interrupt_and_wait(self, grace: float) -> bool:
        """Interrupt the running cell; True when the kernel answers again within ``grace`` seconds."""
        try:
            self.km.interrupt_kernel()
        except Exception:  # noqa: BLE001
            return False
        status, _, _ = self.run("pass", grace, 1000)
        return status == "ok"

    def stop(self) -> None:
        try:
            self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001
            pass


def main(program_path: str, out_dir: str) -> int:
    program = json.loads(Path(program_path).read_text(encoding="utf-8"))
    out = Path(out_dir)
    events = open(out / "events.jsonl", "a", encoding="utf-8")

    def emit(record: dict) -> None:
        events.write(json.dumps(record, ensure_ascii=False) + "\n")
        events.flush()

    timeout = float(program.get("cell_timeout", 60))
    grace = float(program.get("interrupt_grace", 10))
    max_chars = int(program.get("max_output_chars", 20000))
    try:
        kernel = Kernel(program["cwd"])
    except Exception as exc:  # noqa: BLE001
        emit({"event": "no-kernel", "detail": f"{type(exc).__name__}: {exc}"[:500]})
        return 0
    try:
        setup = kernel.run("import matplotlib\nmatplotlib.use('Agg')\n%matplotlib inline\n"
                           "import crmlab.grading.values", timeout, max_chars)
        if setup[0] != "ok":
            emit({"event": "died", "index": -1})
            return 0
        for step in program["steps"]:
            index = step["index"]
            if step["kind"] == "capture":
                path = str(out / f"capture-{index}.json")
                code = CAPTURE_CODE.format(names=list(step["names"]), path=path)
                status, outputs, _ = kernel.run(code, timeout, 2000)
                if status != "ok":
                    emit({"event": status if status == "died" else "timeout", "index": index})
                    return 0
                emit({"kind": "capture", "index": index, "file": Path(path).name,
                      "problem": _cap_text(json.dumps(outputs, ensure_ascii=False), 2000) if outputs else ""})
                continue
            started = time.monotonic()
            status, outputs, count = kernel.run(step["source"], timeout, max_chars)
            seconds = round(time.monotonic() - started, 3)
            if status == "timeout":
                recovered = kernel.interrupt_and_wait(grace)
                emit({"kind": "code", "index": index, "outputs": outputs, "execution_count": count,
                      "status": "timeout" if recovered else "hard-timeout", "seconds": seconds})
                if not recovered:
                    emit({"event": "hard-timeout", "index": index})
                    return 0
                continue
            emit({"kind": "code", "index": index, "outputs": outputs, "execution_count": count,
                  "status": status, "seconds": seconds})
            if status == "died":
                emit({"event": "died", "index": index})
                return 0
        emit({"event": "done"})
        return 0
    finally:
        kernel.stop()
        events.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
