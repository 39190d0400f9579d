"""Hostile data on every page: every text column of every file carries Markdown, HTML and KaTeX
payloads; no rendered Markdown element may turn one into a link, an image, a colour directive or
HTML — the payload appears escaped (``\\!\\[p\\]``) or not at all. Every page is visited with and
without a country in focus (``?country=ARM``), and the country card is opened."""

from __future__ import annotations

import contextlib
import csv
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.data.schema import TABLES
from tests.conftest import ALL_PAGES, DATA, FIXED_TODAY, ROOT

PAYLOADS = [
    "![p](http://evil.example/p.png)",
    "[x](http://evil.example)",
    "<img src=x onerror=alert(1)>",
    "$\\href{http://evil.example}{x}$",
    ":red[x]",
    "<script>",
]
# Each payload as it would act if rendered unescaped. An escaped payload (md(): ``\!\[p\]\(http…``)
# matches none of these.
UNSAFE = re.compile(
    r"(?<!\\)!\[|\]\((?:https?:)?//evil\.example|(?<!\\)<(?:img|script)\b|(?<!\\)\$\\href|:red\[",
    re.IGNORECASE,
)
MARKDOWN_ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success")


def poison(folder: Path) -> None:
    """Every payload into every free-text cell (and as extra items of every list column); ids,
    codes, dates and numbers stay valid so every file still loads."""
    for spec in TABLES.values():
        path = folder / spec.file_name
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            for column in spec.columns:
                if column.kind == "text":
                    row[column.name] = (row[column.name] + " " + " ".join(PAYLOADS)).strip()
                elif column.kind == "list":
                    row[column.name] = ";".join(filter(None, [row[column.name], *PAYLOADS]))
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(DATA, folder)
    poison(folder)
    return folder


def test_hostile_data_loads_with_the_payloads_intact(hostile):
    tables = read_all(hostile, today=FIXED_TODAY)
    assert all(payload in tables["members"]["name_en"].iloc[0] for payload in PAYLOADS)
    assert set(PAYLOADS) <= set(tables["exercises"]["aliases"].iloc[0])


def _choose(at: AppTest, kind: str, key: str, value: object) -> None:
    """Set a widget if this page has it (page rewrites may rename keys: the test must not depend
    on them to check what is rendered)."""
    with contextlib.suppress(KeyError, ValueError, IndexError):
        getattr(at, kind)(key=key).set_value(value).run()


def _rendered(at: AppTest) -> list[str]:
    texts = [str(el.value) for kind in MARKDOWN_ELEMENTS for el in getattr(at, kind)]
    texts += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    return texts


def _visit(hostile: Path, monkeypatch, page: str, country: str | None) -> AppTest:
    monkeypatch.setenv("CSTO_DATA_DIR", str(hostile))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if country:
        at.query_params["country"] = country
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    if page == "pages/structure.py":
        _choose(at, "selectbox", "body", "csc")
    if page == "pages/exercises.py":
        _choose(at, "selectbox", "exercise", "rubezh-2004")
    if page == "pages/membership.py":
        _choose(at, "selectbox", "focus", "ARM")
    return at


def _cases():
    for page in ALL_PAGES:
        yield pytest.param(page, None, id=f"{page}-no-focus")
        yield pytest.param(page, "ARM", id=f"{page}-focus-ARM")


@pytest.mark.parametrize(("page", "country"), list(_cases()))
def test_payloads_never_render_as_markup(hostile, monkeypatch, page, country):
    at = _visit(hostile, monkeypatch, page, country)
    assert not at.exception, [e.value for e in at.exception]
    rendered = _rendered(at)
    assert any("evil" in text for text in rendered) or page == "pages/briefing.py", (
        "the payloads reach the page (escaped), so the check is not vacuous"
    )
    offending = [text[:300] for text in rendered if UNSAFE.search(text)]
    assert offending == []


def test_country_card_renders_payloads_as_text(hostile, monkeypatch):
    at = _visit(hostile, monkeypatch, "pages/overview.py", "ARM")
    at.button(key="country_card_open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rendered = _rendered(at)
    assert any("evil" in text for text in rendered)
    assert [text[:300] for text in rendered if UNSAFE.search(text)] == []
