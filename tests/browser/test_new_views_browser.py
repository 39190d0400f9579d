"""The new views in Chromium, in both languages: Chronology, the Exercise map's single year and who
trains with whom (the Country profile's names and counts are read by the page walk). Each shows
the expected names and counts, with no error and no request off this machine; one screenshot each
is saved under screenshots/."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from components.data.loaders import read_all
from tests.browser.conftest import screenshot, wait_for_page

pytestmark = pytest.mark.browser

TABLES = read_all()
EXERCISES = TABLES["exercises"]
IN_2017 = int((EXERCISES["start_date"].dt.year == 2017).sum())

VIEWS = {
    # name: (path and query, charts drawn, texts a person reads per language)
    "chronology": (
        "chronology?ch_text=Kazakhstan&item=deployment-kazakhstan-2022",
        1,
        {"en": ["Chronology", "6 January 2022", "Item "], "ru": ["Хронология", "6 января 2022", "Запись "]},
    ),
    "exercises-year": (
        "exercises?year=2017",
        3,
        {"en": ["2017", "Who trains with whom", f"Exercises shown ({IN_2017})"],
         "ru": ["2017", "Кто с кем учится", f"({IN_2017})"]},
    ),
}  # fmt: skip


def open_view(app_url: str, watched_page, path: str, lang: str, charts: int):
    page = watched_page.page
    joiner = "&" if "?" in path else "?"
    page.goto(f"{app_url}/{path}{joiner}lang={lang}" if lang != "en" else f"{app_url}/{path}")
    wait_for_page(page, charts=charts)
    return page


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", VIEWS)
def test_new_view_draws_with_its_names_and_counts(app_url, watched_page, name, lang):
    path, charts, expected = VIEWS[name]
    page = open_view(app_url, watched_page, path, lang, charts)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.locator('[data-testid="stMain"]').inner_text()
    for text in expected[lang]:
        assert text in body, (name, lang, text)
    screenshot(page, f"view-{name}" + ("-ru" if lang == "ru" else ""))
    assert watched_page.external_requests() == []
    assert watched_page.problems() == []


def test_story_mode_next_moves_to_the_next_item(app_url, watched_page):
    page = open_view(app_url, watched_page, "chronology?ch_text=Kazakhstan", "en", 1)
    page.locator(".st-key-story_next button").click()
    page.get_by_text("Item 1 of").wait_for(timeout=30_000)
    page.locator(".st-key-story_next button").click()
    page.get_by_text("Item 2 of").wait_for(timeout=30_000)
    assert "item=" in page.url
    assert watched_page.problems() == []


def test_who_trains_with_whom_network_tab(app_url, watched_page):
    page = open_view(app_url, watched_page, "exercises", "en", 3)
    page.get_by_role("tab", name="Shared exercises").click()
    page.get_by_text("the number on a line is that count").wait_for(timeout=30_000)
    page.get_by_role("tab", name="Shared exercises").scroll_into_view_if_needed()
    screenshot(page, "view-exercises-network")
    assert watched_page.problems() == []


def test_play_steps_the_exercise_map_year_by_year(app_url, watched_page):
    page = open_view(app_url, watched_page, "exercises?year=2010", "en", 3)
    page.locator(".st-key-w_ex_play label").first.click()
    page.wait_for_url("**year=2011**", timeout=60_000)  # Play goes on from the year shown
    page.wait_for_url("**year=2012**", timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".st-key-w_year input[type=range]").first.is_disabled(), "Play drives the year slider"
    page.locator(".st-key-w_ex_play label").first.click()  # pause
    page.wait_for_function("() => !document.querySelector('.st-key-w_year input[type=range]').disabled")
    year = parse_qs(urlparse(page.url).query)["year"][0]
    assert int(year) >= 2012, "Pause keeps the year Play reached"
    assert watched_page.problems() == []
