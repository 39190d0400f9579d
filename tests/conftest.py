"""Shared fixtures: a copy of the shipped data that a test may break on purpose."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Validation bounds dates by "today"; tests pin it so no test depends on the wall clock.
FIXED_TODAY = date(2026, 1, 1)
# Every page file, as AppTest's switch_page names them.
ALL_PAGES = [
    "pages/overview.py",
    "pages/membership.py",
    "pages/structure.py",
    "pages/exercises.py",
    "pages/briefing.py",
    "pages/sources.py",
]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of ``data/`` to corrupt in one test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
