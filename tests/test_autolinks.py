"""Text from data never becomes a link (issue 34, item 8): GitHub-flavoured Markdown (remark-gfm in
Streamlit) turns bare ``http://``, ``https://``, ``www.`` and e-mail addresses into links after
escapes are resolved, so the escaping helper ``md`` also breaks them with an invisible word joiner.
Only vetted source addresses (source_url columns, through ``source_links_md``) are links.

``gfm_autolinks`` mirrors the patterns of mdast-util-gfm-autolink-literal (the transform remark-gfm
runs on text nodes), so a test can say what the browser would have linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.i18n.text import md, source_links_md, tmd
from tests.conftest import ALL_PAGES, ROOT, data_copy_with, plant_in_every_text_cell

# Addresses that are not the row's vetted source: in names, notes, aliases, publishers, titles.
BARE = ["http://evil.example/a", "https://evil.example/b", "www.evil.example", "mail@evil.example"]
# mdast-util-gfm-autolink-literal: a protocol or www. address, and an e-mail address (ASCII \w).
_GFM_URL = re.compile(r"(?:https?://|www(?=\.))[-.\w]+", re.IGNORECASE | re.ASCII)
_GFM_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII)
# An explicit link (unescaped brackets): remark-gfm never autolinks inside one.
_LINK = re.compile(r"(?<!\\)\[(?:\\.|[^\]\\])*\]\([^)]*\)")
_ESCAPE = re.compile(r"\\(.)")


def gfm_autolinks(markdown: str) -> list[str]:
    """What remark-gfm would autolink in this Markdown's text (explicit links excluded)."""
    text = _ESCAPE.sub(r"\1", _LINK.sub(" ", markdown))
    return _GFM_URL.findall(text) + _GFM_EMAIL.findall(text)


@pytest.mark.parametrize("address", BARE)
def test_md_leaves_no_bare_address_to_autolink(address):
    [found] = gfm_autolinks(f"see {address} now")
    assert address.startswith(found), "the mirror of remark-gfm finds the address unescaped"
    assert gfm_autolinks(md(f"see {address} now")) == []
    assert gfm_autolinks(tmd("footer.data", folder=address, version="1")) == []


def test_md_keeps_the_text_readable():
    shown = md("see https://evil.example/a")
    assert shown.replace("\u2060", "").replace("\\", "") == "see https://evil.example/a"


def test_vetted_sources_stay_links_with_their_address_as_text():
    listing = source_links_md(["https://odkb-csto.org/news/1"], {"odkb-csto.org": ("CSTO", "official")})
    assert "](https://odkb-csto.org/news/1)" in listing
    assert "[https\\://odkb\\-csto\\.org/news/1]" in listing
    # A publisher name from the registry is data: it never links.
    listing = source_links_md(["https://odkb-csto.org/"], {"odkb-csto.org": ("www.evil.example", "official")})
    assert gfm_autolinks(listing) == []


# --- every page, with the addresses in every text cell of every file --------------------------------

MARKDOWN_ELEMENTS = ("markdown", "caption", "header", "subheader", "title", "info", "warning", "error", "success")


def plant(folder: Path) -> None:
    """Every bare address into every free-text cell and as extra items of every list column."""
    plant_in_every_text_cell(folder, BARE, skip_web_domains=True)


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    return data_copy_with(tmp_path_factory, "autolinks", plant)


PAGES = ALL_PAGES  # every page app.py declares (tests/apptest_helpers.py)
# Open cards that show notes: an exercise, a chronology item, a body.
PARAMS = {"country": "ARM", "exercise": "rubezh-2004", "item": "treaty-signed-1992", "body": "csc"}


def rendered(at: AppTest) -> list[str]:
    texts = [str(el.value) for kind in MARKDOWN_ELEMENTS for el in getattr(at, kind)]
    texts += [str(m.label) for m in at.metric] + [str(e.label) for e in at.expander]
    return texts + [str(tab.label) for tab in at.tabs]


@pytest.mark.parametrize("page", PAGES)
def test_no_data_text_becomes_a_link(planted, monkeypatch, page):
    monkeypatch.setenv("CSTO_DATA_DIR", str(planted))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in PARAMS.items():
        at.query_params[key] = value
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = rendered(at)
    assert any("evil" in text for text in texts) or page == "pages/briefing.py", "the addresses reach the page"
    linked = [(found, text[:200]) for text in texts for found in gfm_autolinks(text) if "evil" in found]
    assert linked == []
