"""``crmlab-check 笔记本.ipynb``：在终端里检查作业，结果和 JupyterLab 里的"检查作业"一样。

Exit status: 0 every check passed, 1 some check failed, 2 the notebook could not be checked.
"""
from __future__ import annotations

import argparse
import json
import sys

from .check import CELL_TIMEOUT, NotebookUnreadable, check_notebook


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crmlab-check",
        description="从头到尾运行一本实训笔记本，逐项列出自动检查是否通过（和 JupyterLab 里的“检查作业”按钮相同）。"
                    " / Run a lab notebook top to bottom and list which of its checks pass.")
    parser.add_argument("notebook", help="笔记本文件，例如 labs/lab00/lab00.ipynb / the notebook file")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print the report as JSON")
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, metavar="秒",
                        help=f"每个单元格最多运行的秒数（默认 {CELL_TIMEOUT}） / seconds per cell")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A Windows console may not encode every character a student's error message holds.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if not args.notebook.lower().endswith(".ipynb"):
        print("只能检查笔记本（.ipynb 文件）。 / Only notebooks (.ipynb) can be checked.", file=sys.stderr)
        return 2
    print("正在检查……", file=sys.stderr, flush=True)
    try:
        report = check_notebook(args.notebook, cell_timeout=max(1, args.timeout))
    except NotebookUnreadable as error:
        print(error, file=sys.stderr)
        return 2
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if args.json else report.text())
    return 0 if report.all_passed else 1


if __name__ == "__main__":
    sys.exit(main())
