"""What a person sees in Chromium: every page draws, with no error and no request off this machine."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_page

pytestmark = pytest.mark.browser

PAGES = {
    "overview": "",
    "membership": "membership",
    "structure": "structure",
    "exercises": "exercises",
    "briefing": "briefing",
    "sources": "sources",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_draws_offline_without_errors(app_url, watched_page, name):
    """Every page renders, shows no Streamlit exception or console error, and stays on localhost."""
    page = watched_page.page
    page.goto(f"{app_url}/{PAGES[name]}")
    wait_for_page(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"page-{name}")
    assert watched_page.external_requests() == []
    assert watched_page.problems() == []


@pytest.mark.parametrize("name", PAGES)
def test_page_draws_in_russian(app_url, watched_page, name):
    """The Russian interface on every page: no error, no external request; screenshots looked at."""
    page = watched_page.page
    page.goto(f"{app_url}/{PAGES[name]}?lang=ru")
    wait_for_page(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator("h1").first.inner_text().strip() != ""
    screenshot(page, f"page-{name}-ru")
    assert watched_page.external_requests() == []
    assert watched_page.problems() == []
