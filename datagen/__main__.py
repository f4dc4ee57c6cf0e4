"""Rebuild every synthetic dataset: ``python -m datagen [DATA_DIR]``."""
from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import datagen

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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
    data_dir.mkdir(parents=True, exist_ok=True)
    for module in generator_modules():
        for path in module.write(data_dir):
            print(f"{module.__name__}: wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
