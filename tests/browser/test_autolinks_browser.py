"""In Chromium: bare addresses inside data text (state names, notes, aliases) are never links —
remark-gfm autolinks ``http://``, ``https://``, ``www.`` and e-mail addresses even when each
character is escaped, so ``md`` breaks them with a word joiner. The vetted sources stay links.
The same data as tests/test_autolinks.py, read where a person would see it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import start_app, wait_for_page
from tests.conftest import DATA
from tests.test_autolinks import plant

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def planted_url(chromium_executable, tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("autolinks-browser") / "data"
    shutil.copytree(DATA, folder)
    plant(folder)
    url, proc = start_app(Path(folder))
    yield url
    proc.terminate()
    proc.wait(timeout=20)


VIEWS = [
    ("", 0),  # members' names in "Members today"
    ("chronology?item=treaty-signed-1992", 1),  # the item card's note
    ("exercises?exercise=rubezh-2004", 1),  # the exercise card's aliases and note
]


@pytest.mark.parametrize(("path", "charts"), VIEWS, ids=["overview", "chronology-card", "exercise-card"])
def test_data_addresses_are_text_and_sources_are_links(planted_url, open_tab, path, charts):
    page = open_tab()
    page.goto(f"{planted_url}/{path}")
    wait_for_page(page, charts=charts)
    main = page.locator('[data-testid="stMain"]')
    assert "evil.example" in main.inner_text(), "the planted addresses are on the page"
    linked = main.locator('a[href*="evil.example"], a[href^="mailto:"]')
    assert linked.count() == 0, [linked.nth(i).get_attribute("href") for i in range(min(linked.count(), 5))]
    if path:  # a card lists its sources: those are still links
        assert main.locator('a[href^="https://"], a[href^="http://"]').count() >= 1
