"""Links, language and the country in focus, as a person uses them across pages."""

from __future__ import annotations

import pytest

from tests.browser.journeys.helpers import click_button, metrics, open_page, pick, query, settle, visible_text

pytestmark = pytest.mark.browser

SIDEBAR_PAGES = ["membership", "structure", "exercises", "country", "chronology", "briefing", "sources", ""]


def test_filters_set_in_english_open_the_same_view_in_russian(app_url, watched_page):
    """Set filters in English, open the same link with lang=ru: the same counts."""
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    pick(page, "w_ex_hosts", "Kyrgyzstan", charts=2)
    pick(page, "w_ex_status", "held", charts=2)
    english = metrics(page)
    assert query(page)["ex_hosts"] == ["KGZ"] and query(page)["ex_status"] == ["held"]
    link = page.url
    open_page(page, link + "&lang=ru", charts=2)
    russian = metrics(page)
    # The same numbers, each written in its language's way (Babel: "12,500" and "12 500").
    assert [value.replace("\xa0", "") for value in russian.values()] == [
        value.replace(",", "") for value in english.values()
    ]
    assert any("\xa0" in value for value in russian.values()), "Russian groups thousands with a space"
    assert "Кыргызстан" in page.locator(".st-key-w_ex_hosts").inner_text()
    # Switching the language on the page keeps the filters and the counts.
    page.locator(".st-key-language_switch").get_by_text("English", exact=True).click()
    settle(page, charts=2)
    assert list(metrics(page).values()) == list(english.values())
    assert "lang" not in query(page) and query(page)["ex_hosts"] == ["KGZ"]


def test_reset_gives_the_defaults_and_a_clean_link(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises?ex_hosts=KGZ&ex_text=Rubezh&country=KAZ", charts=2)
    filtered = int(metrics(page)["Exercises listed"])
    click_button(page, "ex_reset", charts=2)
    assert query(page) == {"country": ["KAZ"]}, "only the country in focus stays (it is cleared in the sidebar)"
    assert int(metrics(page)["Exercises listed"]) > filtered
    assert page.locator(".st-key-w_ex_text input").input_value() == ""
    open_page(page, f"{app_url}/structure?layout=spring&year=2005", charts=1)
    click_button(page, "structure_reset", charts=1)
    assert "layout" not in query(page) and "year" not in query(page)


def test_country_in_focus_survives_every_sidebar_click(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/?lang=ru")
    pick(page, "country_picker", "Кыргызстан (Kyrgyzstan, KGZ)")
    assert query(page)["country"] == ["KGZ"]
    links = page.locator('[data-testid="stSidebarNav"] a')
    assert links.count() == len(SIDEBAR_PAGES)
    for index in range(1, links.count()):
        page.locator('[data-testid="stSidebarNav"] a').nth(index).click()
        settle(page)
        assert query(page).get("country") == ["KGZ"], page.url
        assert query(page).get("lang") == ["ru"], page.url
        assert "Кыргызстан" in visible_text(page) or "Кыргызстан" in page.locator("section").first.inner_text()
    assert watched_page.external_requests() == []
