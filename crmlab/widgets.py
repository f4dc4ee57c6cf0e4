"""Interactive explorers for the labs (ipywidgets).

Each explorer returns an ``ipywidgets`` container to display in a notebook;
the numbers it shows come from the model functions in the other modules, so
the widgets hold no maths of their own.  ipywidgets and matplotlib are
imported when an explorer is built, not when crmlab is imported.
"""
from __future__ import annotations

__all__: list[str] = []

# --- CLV explorer (lab03) ---

# --- 四分图 explorer (lab04) ---
