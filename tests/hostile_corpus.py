"""Hostile and broken lab00 submissions, each with the score its honest answers deserve.

Each entry starts from a notebook (``solution``: every task right, 80 automatic
points; ``blank``: the untouched release, 0; ``wrong``: avg_spend and
city_spend wrong, ``WRONG_SCORE``), applies edits (answer cells replaced,
cells added before/after a graded cell, the file re-encoded or renamed) and
says the exact automatic score nbgrader must give.  ``{course}`` in a cell is
replaced by the course's absolute path, ``{marker}`` by a file the attack
tries to create outside its sandbox.

lab00's tasks and points: task 1 ``n_customers`` 15, task 2 ``avg_spend`` 20,
task 3 ``gold_members`` 20, task 4 ``city_spend`` 25 (80 automatic points).
"""
from __future__ import annotations

from dataclasses import dataclass, field

FULL = 80.0
WRONG = {  # the "wrong" base: task 2 and task 4 answered wrongly
    "task2_mean": "avg_spend = round(customers[\"近一年消费金额\"].median(), 2)",
    "task4_groupby": "city_spend = customers.groupby(\"城市\")[\"近一年消费金额\"].mean().sort_values(ascending=False)",
}
# Both value tests fail (task 2: 10 points, task 4: 15); the median still lies between min and max
# and has two decimals, and the city means are sorted as asked.
WRONG_SCORE = 80.0 - 10.0 - 15.0


@dataclass
class Case:
    name: str
    base: str                       # solution | blank | wrong
    score: float                    # exact automatic score expected
    attack: str = ""                # a cell added before the first graded cell (or at `where`)
    where: str | None = None        # "after:<grade_id>", "end"
    replace: dict = field(default_factory=dict)
    encoding: str | None = None     # utf-8-sig | gbk
    filename: str | None = None     # submit under another file name
    transform: str | None = None    # named notebook transformation (see the test module)
    what: str = ""


ESCAPE_GRADEBOOK = r'''
import os, sqlite3, glob
hits = []
for path in ["{course}/gradebook.db", "../../../gradebook.db", "../../gradebook.db", "/work/gradebook.db"]:
    try:
        con = sqlite3.connect(path)
        con.execute("UPDATE grade SET manual_score = 1000")
        con.commit(); hits.append(path)
    except Exception as exc:
        pass
print("gradebook hits:", hits)
'''

ESCAPE_FILES = r'''
import os, glob
for path in ["{course}/nbgrader_config.py", "{course}/submitted/victim/lab00/lab00.ipynb",
             "{crmlab_init}", "{course}/solutions/lab00/lab00.ipynb", "{marker}"]:
    try:
        with open(path, "a") as f:
            f.write("\nimport os; os.system('touch {marker}')\n")
        print("wrote", path)
    except Exception as exc:
        print("blocked", type(exc).__name__)
print(glob.glob("{course}/*"), glob.glob("/work/*"), os.listdir("/"))
'''

READ_SECRETS = r'''
import glob
for path in glob.glob("{course}/solutions/*/*.ipynb") + glob.glob("/**/solutions/*/*.ipynb", recursive=False):
    print(open(path).read())
try:
    print(open("{course}/solutions/lab00/lab00.ipynb").read())
except Exception as exc:
    print("blocked", type(exc).__name__)
'''

DETACHED_CHILD = r'''
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(4)
        for path in ["{marker}", "{course}/gradebook.db"]:
            try:
                open(path, "a").write("late")
            except Exception:
                pass
        os._exit(0)
    os._exit(0)
'''

INPUT_TRANSFORMER = r'''
ip = get_ipython()
def wrap(lines):
    body = "".join("    " + l for l in lines) or "    pass\n"
    return ["try:\n"] + ["    " + l for l in lines] + ["\nexcept BaseException:\n    pass\n"]
ip.input_transformers_post.append(wrap)
'''

AST_TRANSFORMER = r'''
import ast
class DropAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
get_ipython().ast_transformers.append(DropAsserts())
'''

PRE_RUN_HOOK = r'''
def fake(info):
    from IPython.display import display
    display(1.0)
get_ipython().events.register("pre_run_cell", fake)
get_ipython().events.register("post_run_cell", lambda result: setattr(result, "error_in_exec", None))
'''

PATCH_BUILTINS = r'''
import builtins
builtins.abs = lambda x: 0
'''

PATCH_LIBRARIES = r'''
import numpy as np, pandas as pd, crmlab.datasets
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: True
_fake = crmlab.datasets.load_intro_customers().iloc[:0]
crmlab.datasets.load_intro_customers = lambda *a, **k: _fake
class FakeDatasets:
    def load_intro_customers(self):
        return _fake
datasets = FakeDatasets()
'''

LYING_VALUES = r'''
class Yes(float):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __lt__(self, other): return True
    def __le__(self, other): return True
    def __gt__(self, other): return True
    def __ge__(self, other): return True
    def __sub__(self, other): return Yes(0.0)
    def __abs__(self): return 0.0
    def __round__(self, n=0): return self
avg_spend = Yes(1.0)
'''

LYING_OBJECT = r'''
import crmlab._checks as _c
fake = _c.CRMLabInputError.__new__(_c.CRMLabInputError)
fake.__dict__["__eq__"] = lambda *a: True
city_spend = fake
'''

KILL_KERNEL = "import os\nos._exit(1)"
EXIT = "exit()"
KILL_PARENT = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"
IGNORE_INTERRUPT = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.05)"
SLEEP_INTERRUPTIBLE = "import time\ntime.sleep(600)"
MEMORY_HOG = "blocks = [bytearray(512 * 1024 * 1024) for _ in range(16)]"
BIG_OUTPUT = "print('x' * 50_000_000)"
SCRIPT_OUTPUT = r'''
from IPython.display import HTML, Javascript, display
display(HTML("<b>hi</b><script>alert('pwned-html')</script><img src=x onerror=alert('pwned-img')>"))
display({"application/javascript": "alert('pwned-js')", "text/plain": "js"}, raw=True)
display({"image/svg+xml": "<svg onload=alert('pwned-svg')></svg>", "text/plain": "svg"}, raw=True)
'''
FORK_BOMB = r'''
import os, time
children = []
for _ in range(150):
    pid = os.fork()
    if pid == 0:
        time.sleep(120)
        os._exit(0)
    children.append(pid)
print(len(children), "children")
'''
BIG_FILE = "with open('big.bin', 'wb') as f:\n    for _ in range(64):\n        f.write(b'0' * (16 * 1024 * 1024))"

FIFO_EVENTS = "import os\nos.unlink('/grading/out/events.jsonl')\nos.mkfifo('/grading/out/events.jsonl')"
SYMLINK_EVENTS = "import os\nos.unlink('/grading/out/events.jsonl')\nos.symlink('{canary}', '/grading/out/events.jsonl')"
MARKDOWN_OUTPUT = "from IPython.display import Markdown, display\ndisplay(Markdown('[click](javascript:alert(\"pwned-mdout\"))'))"
FORKED_MEMORY = r'''
import os, time
kids = []
for _ in range(4):
    pid = os.fork()
    if pid == 0:
        try:
            block = bytearray(2000 * 2**20)
            for j in range(0, len(block), 4096):
                block[j] = 1
        except MemoryError:
            pass
        os._exit(0)
    kids.append(pid)
for pid in kids:
    os.waitpid(pid, 0)
'''

CASES = [
    # file system and processes
    Case("gradebook-sqlite", "blank", 0.0, ESCAPE_GRADEBOOK, what="rewrite the gradebook with sqlite3"),
    Case("escape-files", "solution", FULL, ESCAPE_FILES, what="write config, classmate, crmlab, solutions"),
    Case("read-secrets", "blank", 0.0, READ_SECRETS, what="print solutions and hidden tests into output"),
    Case("detached-child", "blank", 0.0, DETACHED_CHILD, what="a double-forked child writes after grading"),
    Case("fork-bomb", "solution", FULL, FORK_BOMB, where="end", what="150 sleeping children"),
    Case("big-file", "solution", FULL, BIG_FILE, where="end", what="1 GiB file in the submission folder"),
    # the student's interpreter cannot change a test's verdict
    Case("input-transformer", "blank", 0.0, INPUT_TRANSFORMER, what="wrap later cells in try/except"),
    Case("ast-transformer", "wrong", WRONG_SCORE, AST_TRANSFORMER, what="delete asserts"),
    Case("pre-run-hook", "blank", 0.0, PRE_RUN_HOOK, what="emit an execute_result before each cell"),
    Case("patch-builtins", "wrong", WRONG_SCORE, PATCH_BUILTINS, where="after:task4_groupby",
         what="builtins.abs replaced (the hidden tests compare with abs)"),
    Case("patch-libraries", "wrong", WRONG_SCORE, PATCH_LIBRARIES,
         what="np.allclose, crmlab.datasets, rebinding datasets"),
    # the same answers without the lie: avg_spend = 1.0 (below the minimum) and city_spend not a Series
    Case("lying-float", "wrong", WRONG_SCORE - 5, LYING_VALUES, where="after:task2_mean", what="float subclass __eq__"),
    Case("lying-object", "wrong", WRONG_SCORE - 10, LYING_OBJECT, where="after:task4_groupby",
         what="crmlab object with a planted __eq__"),
    # honest students whose kernel stopped or whose file is unusual
    Case("kernel-dies-at-end", "solution", FULL, KILL_KERNEL, where="end", what="os._exit in the last cell"),
    Case("kernel-dies-midway", "solution", 35.0, KILL_KERNEL, where="after:test2_mean_value",
         what="os._exit after task 2: tasks 1-2 kept"),
    Case("exit-at-end", "solution", FULL, EXIT, where="end", what="IPython exit()"),
    Case("kill-parent", "solution", 15.0, KILL_PARENT, where="after:test1_count_value",
         what="kill the runner after task 1"),
    Case("ignores-interrupt", "solution", 55.0, IGNORE_INTERRUPT, where="after:test3_filter_count",
         what="a cell that ignores SIGINT past the timeout"),
    Case("interruptible-sleep", "solution", FULL, SLEEP_INTERRUPTIBLE, where="after:test1_count_value",
         what="a long sleep is interrupted, grading goes on"),
    Case("memory-hog", "solution", FULL, MEMORY_HOG, where="after:test1_count_value", what="8 GiB allocation"),
    Case("big-output", "solution", FULL, BIG_OUTPUT, where="after:test1_count_value", what="50 MB on one line"),
    Case("script-output", "solution", FULL, SCRIPT_OUTPUT, where="after:test1_count_value",
         what="<script>, javascript and svg outputs"),
    Case("pasted-answer", "solution", FULL, transform="paste-answer", what="answer cell copied, answer in the copy"),
    Case("pasted-test", "solution", FULL, transform="paste-test", what="test cell copied"),
    Case("deleted-pair", "solution", 60.0, transform="delete-task3", what="task 3 answer and tests deleted"),
    Case("metadata-forged", "solution", FULL, transform="forge-metadata",
         what="own cell claims 1000 points, schema 99, a markdown test"),
    Case("bom", "solution", FULL, encoding="utf-8-sig", what="UTF-8 with BOM"),
    Case("gbk", "solution", FULL, encoding="gbk", what="GBK-encoded file"),
    Case("renamed", "solution", FULL, filename="lab00 (1).ipynb", what="the only notebook, renamed"),
    Case("extra-cells", "solution", FULL, "x = 1\nprint('extra')", where="after:task3_filter", what="extra cells"),
    # found by red-teaming: the grader must neither hang on nor follow what the sandbox leaves behind
    Case("fifo-events", "solution", 0.0, FIFO_EVENTS, where="after:test1_count_value",
         what="its own event file replaced by a FIFO: costs only this student, never hangs the class"),
    Case("symlink-events", "solution", 0.0, SYMLINK_EVENTS, where="after:test1_count_value",
         what="its own event file replaced by a link to a file of the grader's machine"),
    Case("markdown-script", "solution", FULL, MARKDOWN_OUTPUT, where="after:test1_count_value",
         transform="markdown-script", what="<script> and javascript: links in markdown and outputs"),
    Case("forked-memory", "solution", FULL, FORKED_MEMORY, where="end", what="4 children of 2 GB each"),
    Case("truncated-json", "solution", 0.0, transform="truncate", what="a file cut off mid-way"),
    Case("json-list", "solution", 0.0, transform="json-list", what="a JSON list, not a notebook"),
]
