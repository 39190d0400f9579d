"""Hostile input, round 3 (issue 34): data files that are valid but empty, and the optional
registries missing or broken. Every page must still run: a file with only its header is a valid
table of no rows, so no page may raise on it; a missing or invalid ``sources.csv`` or
``places.csv`` (optional lookups) leaves the Briefing page and the Exercise map working, with a
notice naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.schema import TABLES
from tests.conftest import ALL_PAGES, ROOT

EVERY_PAGE = ALL_PAGES  # every page app.py declares (tests/apptest_helpers.py)
# A country in focus and the chronology's exercises switched on reach the most code per page.
PARAMS = {"country": "ARM", "ch_ex": "1"}


def header_only(folder: Path, file_name: str) -> None:
    header = (folder / file_name).read_text(encoding="utf-8").splitlines()[0]
    (folder / file_name).write_text(header + "\n", encoding="utf-8")


def run_page(folder: Path, monkeypatch, page: str, params: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("CSTO_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in (params if params is not None else PARAMS).items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def texts(at: AppTest, kind: str) -> list[str]:
    """The elements' text as a reader sees it (Markdown escapes removed)."""
    return [str(el.value).replace("\\", "") for el in getattr(at, kind)]


@pytest.mark.parametrize("file_name", [spec.file_name for spec in TABLES.values()])
@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_survives_a_header_only_file(data_copy, monkeypatch, page, file_name):
    header_only(data_copy, file_name)
    at = run_page(data_copy, monkeypatch, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.container(key="page_footer"), "the page ran to its footer"


# --- the optional registries: sources.csv and places.csv --------------------------------------------


def break_file(folder: Path, file_name: str, how: str) -> None:
    path = folder / file_name
    if how == "missing":
        path.unlink()
    else:  # invalid: a header the contract does not know
        path.write_text("not,the,contract\n1,2,3\n", encoding="utf-8")


def data_error_shown(at: AppTest) -> bool:
    from components.i18n.text import t

    return any(t("error.data") in text for text in texts(at, "error"))


@pytest.mark.parametrize("how", ["missing", "invalid"])
@pytest.mark.parametrize("file_name", ["sources.csv", "places.csv"])
def test_briefing_works_without_the_optional_registries(data_copy, monkeypatch, file_name, how):
    break_file(data_copy, file_name, how)
    at = run_page(data_copy, monkeypatch, "pages/briefing.py", {})
    assert not at.exception, [e.value for e in at.exception]
    assert not data_error_shown(at), "the Briefing page is not stopped by an optional file"
    assert at.button(key="next"), "the deck's controls are drawn"
    assert any(file_name in text for text in texts(at, "warning")), "a notice names the file"


@pytest.mark.parametrize("how", ["missing", "invalid"])
def test_exercise_map_works_without_places(data_copy, monkeypatch, how):
    break_file(data_copy, "places.csv", how)
    at = run_page(data_copy, monkeypatch, "pages/exercises.py", {})
    assert not at.exception, [e.value for e in at.exception]
    assert not data_error_shown(at)
    assert at.get("plotly_chart"), "the map is drawn"
    assert any("places.csv" in text for text in texts(at, "warning")), "a notice names the file"
