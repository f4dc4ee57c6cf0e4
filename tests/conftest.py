import os
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Tests import their helpers (grading_support) by plain name, and the data generator
# (datagen, not an installed package) from the repository root; appended, so the
# installed crmlab still comes first.
sys.path.insert(0, str(TESTS))
sys.path.append(str(TESTS.parent))
# No window pops up and nothing waits for a display.
os.environ.setdefault("MPLBACKEND", "Agg")
