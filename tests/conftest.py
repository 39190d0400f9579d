"""Shared fixtures: a copy of the shipped data that a test may break on purpose."""

from __future__ import annotations

import os
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--unit-only",
        action="store_true",
        help="skip every test that runs the app in AppTest (mutation testing runs the unit tests only)",
    )


@pytest.fixture(scope="session", autouse=True)
def unit_only(request):
    """With ``--unit-only`` (pyproject.toml, [tool.mutmut]) a test that opens the app is skipped where
    it opens it: mutmut runs each mutant against the tests that reached it, and a page run takes
    seconds where a unit test takes milliseconds."""
    if not request.config.getoption("unit_only"):
        yield
        return
    from streamlit.testing.v1 import AppTest

    def skip(*args, **kwargs):
        pytest.skip("--unit-only: this test runs the app")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(AppTest, "from_file", skip)
        yield


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


# --- order and markers -----------------------------------------------------------------------------
# The longest tests run first (browser tests, then those that start a server, then those that run the
# app in AppTest, then the pure ones), so that the last tests of a run are short and no worker waits
# for another's long tail. Under pytest-xdist the order is dealt round-robin over the workers:
# worksteal hands each worker a contiguous share of the list, which then starts with its longest.
WEIGHT_BROWSER, WEIGHT_SERVER, WEIGHT_APPTEST, WEIGHT_PURE = 3, 2, 1, 0
_APPTEST_MODULES: dict[str, bool] = {}
BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def _runs_the_app(item: pytest.Item) -> bool:
    path = str(item.path)
    if path not in _APPTEST_MODULES:
        text = item.path.read_text(encoding="utf-8")
        _APPTEST_MODULES[path] = "AppTest" in text or "app_test(" in text
    return _APPTEST_MODULES[path]


def weight_of(item: pytest.Item) -> int:
    if item.get_closest_marker("browser"):
        return WEIGHT_BROWSER
    if item.get_closest_marker("server"):
        return WEIGHT_SERVER
    return WEIGHT_APPTEST if _runs_the_app(item) else WEIGHT_PURE


def longest_first(items: list, workers: int) -> list:
    """``items`` heaviest first (ties in collection order), dealt round-robin into ``workers`` runs."""
    ordered = sorted(items, key=lambda item: -weight_of(item))
    if workers <= 1:
        return ordered
    return [item for start in range(workers) for item in ordered[start::workers]]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_TESTS in item.path.parents and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser") and not item.get_closest_marker("server"):
            item.add_marker(pytest.mark.server)  # every browser test talks to an app server
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    items[:] = longest_first(items, workers)


def data_copy_with(tmp_path_factory: pytest.TempPathFactory, name: str, prepare) -> Path:
    """A copy of ``data/`` changed by ``prepare(folder)``, for a module-scoped fixture."""
    folder = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(DATA, folder)
    prepare(folder)
    return folder


def read_rows(path: Path) -> list[list[str]]:
    """A CSV file's records as lists of cells (the header first)."""
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    """Write records as the data files are written (UTF-8, LF line ends)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def plant_in_every_text_cell(folder: Path, words: list[str], *, skip_web_domains: bool = False) -> None:
    """Append ``words`` to every free-text cell of every table in ``folder`` and add them as extra
    items of every list column that is not a checked reference (ids, codes, dates and numbers stay
    valid, so every file still loads): hostile payloads, bare addresses."""
    import csv

    from components.data.schema import TABLES

    for spec in TABLES.values():
        path = folder / spec.file_name
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            for column in spec.columns:
                if column.kind == "text" and not (skip_web_domains and column.web_domain):
                    row[column.name] = (row[column.name] + " " + " ".join(words)).strip()
                elif column.kind == "list" and not column.references:
                    row[column.name] = ";".join(filter(None, [row[column.name], *words]))
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
