"""How much `import crmlab` adds over importing numpy and pandas (target: < 0.3 s).

Each measurement is a fresh interpreter, so nothing is cached in-process.
Run: python benchmarks/bench_import.py [--repeat N]
"""
import argparse
import statistics
import subprocess
import sys

BASE = "import numpy, pandas"
TIMER = ("import time; t0 = time.perf_counter(); {code}; "
         "print(time.perf_counter() - t0)")


def measure(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", TIMER.format(code=code)],
                             capture_output=True, text=True, check=True)
        times.append(float(out.stdout))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    base = measure(BASE, args.repeat)
    rows = [("numpy + pandas", base)]
    for module in ("crmlab", "crmlab.clv", "crmlab.satisfaction", "crmlab.lifecycle",
                   "crmlab.segmentation", "crmlab.service", "crmlab.value"):
        try:
            rows.append((module, measure(f"{BASE}; import {module}", args.repeat)))
        except subprocess.CalledProcessError:
            rows.append((module, float("nan")))
    print(f"{'import':<24}{'median s':>10}{'added s':>10}")
    for name, seconds in rows:
        print(f"{name:<24}{seconds:>10.3f}{seconds - base:>10.3f}")


if __name__ == "__main__":
    main()
