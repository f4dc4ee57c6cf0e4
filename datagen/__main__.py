"""Rebuild every synthetic dataset: ``python -m datagen [DATA_DIR [ANSWER_DIR]]``.

Student data go to ``DATA_DIR`` (default ``data/``, installed with crmlab as
``crmlab.data``).  Answer keys -- what a generator planted, which students
must find themselves -- go to ``ANSWER_DIR`` (default
``tests/fixtures/answers/``), which is never installed: a module's
``write_answers(answer_dir)`` writes them.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import datagen

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO / "data"
DEFAULT_ANSWER_DIR = REPO / "tests" / "fixtures" / "answers"


def generator_modules():
    """All dataset modules of this package that define ``write``, in name order."""
    for info in sorted(pkgutil.iter_modules(datagen.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"datagen.{info.name}")
        if hasattr(module, "write"):
            yield module


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DEFAULT_DATA_DIR
    answer_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_ANSWER_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    answer_dir.mkdir(parents=True, exist_ok=True)
    for module in generator_modules():
        for path in module.write(data_dir):
            print(f"{module.__name__}: wrote {path.name}")
        if hasattr(module, "write_answers"):
            for path in module.write_answers(answer_dir):
                print(f"{module.__name__}: wrote answer key {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
