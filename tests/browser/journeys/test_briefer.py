"""A briefer's journey: views from three pages into the deck, edited, reordered, presented, exported."""

from __future__ import annotations

import json

import pytest

from tests.browser.journeys.helpers import click_button, open_page, pick, query, settle, type_into

pytestmark = pytest.mark.browser


def add_this_view(page, app_page: str, charts: int) -> None:
    """Share, cite or export this view -> Add this view to the briefing deck."""
    page.get_by_text("Share, cite or export this view").first.click()
    page.locator(f".st-key-add_view_{app_page} button").click()
    settle(page, charts)
    page.keyboard.press("Escape")


def slide_counter(page) -> str:
    return page.locator("strong", has_text="Slide").first.inner_text()


def test_four_views_from_three_pages_become_a_deck_that_presents_and_exports(app_url, watched_page, tmp_path):
    page = watched_page.page
    open_page(page, f"{app_url}/briefing")
    click_button(page, "remove_3")  # the default deck has four slides; drop the last one
    click_button(page, "deck_restore")  # and change one's mind: the default deck again
    assert slide_counter(page) == "Slide 1 of 4"
    open_page(page, f"{app_url}/membership", charts=3)
    type_into(page, "w_asof", "2005-12-31", charts=3)
    add_this_view(page, "membership", charts=3)
    open_page(page, f"{app_url}/structure?deck={query(page)['deck'][0]}&year=2010", charts=1)
    # (each page is opened by its link with the deck in it, as a reload or a shared link would)
    add_this_view(page, "structure", charts=1)
    open_page(page, f"{app_url}/exercises?deck={query(page)['deck'][0]}", charts=2)
    pick(page, "w_ex_hosts", "Kyrgyzstan", charts=2)
    add_this_view(page, "exercises", charts=2)
    pick(page, "w_ex_status", "announced", charts=2)  # Grom-2019: announced, no report of it found
    add_this_view(page, "exercises", charts=2)
    open_page(page, f"{app_url}/briefing?deck={query(page)['deck'][0]}", charts=1)
    assert slide_counter(page) == "Slide 1 of 8"
    # Rename the first added slide, give it notes, move the structure slide above it.
    type_into(page, "deck_title_4", "The alliance in 2005", charts=1)
    type_into(page, "deck_notes_4", "Uzbekistan returned in 2006.", charts=1)
    click_button(page, "up_5", charts=1)
    assert page.locator(".st-key-deck_title_5 input").input_value() == "The alliance in 2005"
    # Present with the keys.
    open_page(page, f"{app_url}/briefing?deck={query(page)['deck'][0]}&present=1")
    page.keyboard.press("ArrowRight")
    settle(page)
    assert query(page).get("slide") == ["2"]
    page.keyboard.press("End")
    settle(page)
    assert query(page).get("slide") == ["8"]
    assert page.locator('[data-testid="stToast"]').count() == 0
    page.keyboard.press("ArrowLeft")
    settle(page)
    assert query(page).get("slide") == ["7"]
    # Export: the deck as JSON and as the offline HTML slideshow.
    open_page(page, f"{app_url}/briefing?deck={query(page)['deck'][0]}")
    with page.expect_download() as saved:
        page.locator(".st-key-deck_save button").click()
    deck = json.loads(saved.value.path().read_text(encoding="utf-8"))
    pages = [slide["page"] for slide in deck["slides"]]
    assert pages[4:] == ["structure", "membership", "exercises", "exercises"]
    assert deck["slides"][5]["notes"] == "Uzbekistan returned in 2006."
    with page.expect_download(timeout=120_000) as exported:
        page.locator(".st-key-deck_export button").click()
    html = exported.value.path().read_text(encoding="utf-8")
    assert html.count("<section") >= 8 and "The alliance in 2005" in html
    assert watched_page.external_requests() == []
