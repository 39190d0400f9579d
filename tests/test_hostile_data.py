"""Hostile data on every page: every text column of every file carries Markdown, HTML and KaTeX
payloads; no rendered Markdown element may turn one into a link, an image, a colour directive or
HTML — the payload appears escaped (``\\!\\[p\\]``) or not at all. Every page app.py declares is
visited with and without a country in focus (``?country=ARM``); every page with a declared state opens
its detail view (structure panel, exercise card, ...) through its current widget key, and a key the
page no longer has fails the test instead of being skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.model.pages import PAGE_KINDS
from tests.apptest_helpers import field_widget_key, page_file, set_widget, widget
from tests.conftest import ALL_PAGES, FIXED_TODAY, ROOT, data_copy_with, plant_in_every_text_cell

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
    plant_in_every_text_cell(folder, PAYLOADS)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    return data_copy_with(tmp_path_factory, "hostile", poison)


def test_hostile_data_loads_with_the_payloads_intact(hostile):
    tables = read_all(hostile, today=FIXED_TODAY)
    assert all(payload in tables["members"]["name_en"].iloc[0] for payload in PAYLOADS)
    assert set(PAYLOADS) <= set(tables["exercises"]["aliases"].iloc[0])


def _rendered(at: AppTest) -> list[str]:
    texts = [str(el.value) for kind in MARKDOWN_ELEMENTS for el in getattr(at, kind)]
    texts += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    return texts


def _visit(hostile: Path, monkeypatch, page: str, params: dict[str, str]) -> AppTest:
    monkeypatch.setenv("CSTO_DATA_DIR", str(hostile))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The detail view of every page with a declared state (the structure panel, the exercise card, the
# chronology's story card, the country profile, the membership history of a state in focus): the
# field that opens it, a value, and whether a person sets it with the page's own widget (``w_<field>``,
# which must exist) or by link (the membership page's country comes from the sidebar; the story
# card's item from its Previous/Next buttons or a link).
DETAILS: dict[str, tuple[str, str, bool]] = {
    "membership": ("country", "ARM", False),
    "structure": ("body", "csc", True),
    "exercises": ("exercise", "rubezh-2004", True),
    "country": ("country", "ARM", True),
    "chronology": ("item", "treaty-signed-1992", False),
}


def test_every_page_with_a_declared_state_has_its_detail_checked():
    """A new page with a declared state must say which detail view the hostile data opens."""
    assert set(DETAILS) == set(PAGE_KINDS)


def _open_detail(hostile: Path, monkeypatch, kind: str) -> tuple[list[str], list[str]]:
    """What the page renders before and after its detail view is opened with hostile data."""
    name, value, by_widget = DETAILS[kind]
    key = field_widget_key(kind, name)
    at = _visit(hostile, monkeypatch, page_file(kind), {})
    rendered_before = _rendered(at)
    if by_widget:
        after = set_widget(at, key, value)
    else:
        after = _visit(hostile, monkeypatch, page_file(kind), {name: value})
        assert after.query_params[name] in (value, [value]), f"the page dropped ?{name}={value}"
    return rendered_before, _rendered(after)


@pytest.mark.parametrize("kind", sorted(DETAILS))
def test_detail_views_render_payloads_as_text(hostile, monkeypatch, kind):
    """The detail view opens (more of the poisoned data is on screen than before) and nothing in
    it renders as markup."""
    before, after = _open_detail(hostile, monkeypatch, kind)
    evil = [text for text in after if "evil" in text]
    assert len(evil) > len([text for text in before if "evil" in text]), "the detail view did not open"
    assert [text[:300] for text in after if UNSAFE.search(text)] == []


# Views whose Markdown carries no data text (the briefing's slides are charts; without a country the
# profile asks for one and the chronology shows its chart until an item is picked: its card is in
# test_detail_views_render_payloads_as_text).
NO_DATA_TEXT = {
    ("pages/briefing.py", None),
    ("pages/briefing.py", "ARM"),
    ("pages/country.py", None),
    ("pages/chronology.py", None),
}


def _cases():
    for page in ALL_PAGES:
        yield pytest.param(page, None, id=f"{page}-no-focus")
        yield pytest.param(page, "ARM", id=f"{page}-focus-ARM")


@pytest.mark.parametrize(("page", "country"), list(_cases()))
def test_payloads_never_render_as_markup(hostile, monkeypatch, page, country):
    at = _visit(hostile, monkeypatch, page, {"country": country} if country else {})
    rendered = _rendered(at)
    if (page, country) not in NO_DATA_TEXT:
        assert any("evil" in text for text in rendered), "the payloads reach the page (escaped): not vacuous"
    offending = [text[:300] for text in rendered if UNSAFE.search(text)]
    assert offending == []


def test_country_card_renders_payloads_as_text(hostile, monkeypatch):
    at = _visit(hostile, monkeypatch, "pages/overview.py", {"country": "ARM"})
    before = [text for text in _rendered(at) if "evil" in text]
    widget(at, "country_card_open").click().run()
    assert not at.exception, [e.value for e in at.exception]
    rendered = _rendered(at)
    assert len([text for text in rendered if "evil" in text]) > len(before), "the country card did not open"
    assert [text[:300] for text in rendered if UNSAFE.search(text)] == []
