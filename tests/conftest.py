"""Shared fixtures: a copy of the shipped data that a test may break on purpose."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

# ALL_PAGES: every page file app.py declares, as AppTest's switch_page names them (read from app.py by
# tests/apptest_helpers.py, so a new page is covered by every test that walks the pages).
from tests.apptest_helpers import ALL_PAGES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Validation bounds dates by "today"; tests pin it so no test depends on the wall clock.
FIXED_TODAY = date(2026, 11, 29)
__all__ = ["ALL_PAGES", "DATA", "FIXED_TODAY", "ROOT", "app_test"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of ``data/`` to corrupt in one test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def declared_navigation(monkeypatch):
    """AppTest resets Streamlit's 'pages/ folder means auto-discovered pages' flag for every app;
    the app declares its pages (``make run`` starts it through ``components.ui.serve``)."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def app_test(page: str = "pages/overview.py", params: dict | None = None, timeout: float = 60):
    """Run ``page`` in AppTest as a link with ``params`` would open it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    return at.run()
