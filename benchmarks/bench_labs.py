"""Run time of every solution notebook, top to bottom (target: under 10 s each).

Executes solutions/<lab>/*.ipynb with nbclient in a temporary copy of its folder
(so nothing is written into the repository) and prints seconds per notebook,
split into kernel start-up and cell execution.
Run: python benchmarks/bench_labs.py [lab ...]
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(path: Path) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, folder)
        nb = nbformat.read(folder / path.name, as_version=4)
        client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
        t0 = time.perf_counter()
        with client.setup_kernel():
            t1 = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def main(labs: list[str]) -> None:
    labs = labs or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    print(f"{'notebook':<28}{'kernel s':>10}{'cells s':>10}{'total s':>10}")
    for lab in labs:
        for path in sorted((ROOT / "solutions" / lab).glob("*.ipynb")):
            start, cells = run(path)
            print(f"{lab + '/' + path.name:<28}{start:>10.2f}{cells:>10.2f}{start + cells:>10.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
