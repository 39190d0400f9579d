"""The spam/mirror list ships with the app's validation (issue 34, item 8): a user's own data folder
that cites a listed site — in a source_url, inside a note, or registered in sources.csv even as
``official`` — gets a named problem (file, line, column), and the site is never shown with the
publisher name the folder gave it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import Problem, load_snapshot
from components.data.spam import SPAM_DOMAINS, spam_domain, spam_in_text
from tests.conftest import FIXED_TODAY, ROOT

SPAM_URL = "https://www.amansaja.com/csto-armenia"
FAKE_PUBLISHER = "Ministry of Defence of Armenia"


def edit_rows(path: Path, change) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def register_spam_as_official(folder: Path) -> int:
    """Add amansaja.com to sources.csv as an official publisher; returns its line."""
    lines: list[int] = []

    def add(rows: list[list[str]]) -> None:
        rows.append(["amansaja.com", FAKE_PUBLISHER, "Минобороны Армении", "official", "", "https://amansaja.com/"])
        lines.append(len(rows))

    edit_rows(folder / "sources.csv", add)
    return lines[0]


def cite_spam(folder: Path, file_name: str, column: str = "source_url") -> None:
    """The first data row of ``file_name`` cites the spam page (its other sources stay)."""

    def cite(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        rows[1][index] = f"{rows[1][index]} ; {SPAM_URL}" if column == "source_url" else f"see {SPAM_URL}"

    edit_rows(folder / file_name, cite)


def problems(folder: Path) -> list[Problem]:
    return [p for loaded in load_snapshot(folder, FIXED_TODAY).values() for p in loaded.problems]


def test_the_list_covers_subdomains_and_ignores_www():
    assert spam_domain("www.amansaja.com") == "amansaja.com"
    assert spam_domain("en.AMANSAJA.com.") == "amansaja.com"
    assert spam_domain("notamansaja.com") is None
    assert spam_in_text(f"reported by {SPAM_URL}, also http://odkb-csto.org/") == ["amansaja.com"]
    assert len(SPAM_DOMAINS) >= 34


def test_a_spam_domain_registered_as_official_is_a_named_problem(data_copy):
    line = register_spam_as_official(data_copy)
    found = [p for p in problems(data_copy) if p.file == "sources.csv"]
    # The domain itself, and its own source_url (which cites the spam site too), on the same line.
    assert [(p.line, p.column) for p in found] == [(line, "domain"), (line, "source_url")]
    assert found[0].value == "amansaja.com"
    assert all("not a spam, SEO or mirror site" in p.expected for p in found)


@pytest.mark.parametrize("file_name", ["members.csv", "membership.csv", "events.csv", "exercises.csv", "places.csv"])
def test_a_cited_spam_page_is_a_named_problem(data_copy, file_name):
    cite_spam(data_copy, file_name)
    found = [p for p in problems(data_copy) if p.file == file_name]
    assert [(p.line, p.column) for p in found] == [(2, "source_url")]
    assert "listed as one: amansaja.com" in found[0].expected


def test_a_spam_address_inside_a_note_is_a_named_problem(data_copy):
    cite_spam(data_copy, "events.csv", column="note")
    found = [p for p in problems(data_copy) if p.file == "events.csv"]
    assert [(p.line, p.column) for p in found] == [(2, "note")]


def rendered(at: AppTest) -> list[str]:
    kinds = ("markdown", "caption", "error", "warning", "info", "success")
    return [str(el.value).replace("\\", "") for kind in kinds for el in getattr(at, kind)]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/chronology.py", "pages/sources.py"])
def test_the_spam_site_is_never_shown_as_the_ministry(data_copy, monkeypatch, page):
    register_spam_as_official(data_copy)
    cite_spam(data_copy, "events.csv")
    monkeypatch.setenv("CSTO_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = rendered(at)
    assert not [text for text in texts if FAKE_PUBLISHER in text and "amansaja" in text]
    assert not [text for text in texts if f"{FAKE_PUBLISHER}** (official)" in text]
    if page == "pages/sources.py":
        assert not at.success, "Data health does not say every file passes"
        health = next(df.value for df in at.dataframe if "expected" in df.value.columns)
        assert {"sources.csv", "events.csv"} <= set(health["file"])
