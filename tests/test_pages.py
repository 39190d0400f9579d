"""AppTest: every page runs without exception; data errors stay on the pages that need the file."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = ROOT / "app.py"

PAGES = ["pages/overview.py", "pages/membership.py", "pages/structure.py", "pages/exercises.py", "pages/sources.py"]


def run_page(page: str, timeout: float = 30) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_overview_shows_figures_from_the_data():
    at = run_page("pages/overview.py")
    labels = {m.label: m.value for m in at.metric}
    assert labels["States ever party"] == "9"
    assert labels["Member states today"] == "6"


def test_bad_membership_file_stops_only_the_pages_that_need_it(data_copy, monkeypatch):
    path = data_copy / "membership.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("1992-05-15", "1992-99-99", 1), encoding="utf-8")
    monkeypatch.setenv("CSTO_DATA_DIR", str(data_copy))
    at = run_page("pages/overview.py")
    assert not at.exception
    assert any("cannot show its data" in e.value for e in at.error)
    assert any("membership.csv, line 2, column 'date'" in c.value for c in at.code)
    sources = run_page("pages/sources.py")
    assert not sources.exception
    assert len(sources.download_button) >= 6, "the other files still download"
