"""Editing the deck without fear (issue 27 item 4): remove, empty, restore and reorder are undone
and redone; one switch shows every slide in Russian; a chart of a view becomes its own slide; a
deck opened with ?lang=ru is Russian slides under Russian controls. Checked as a person sees it:
the counter, the titles in the editor, the slide's heading, the messages."""

from __future__ import annotations

import pytest

from tests.browser.journeys.helpers import click_button, open_page, pick, query, settle, visible_text

pytestmark = pytest.mark.browser


def counter(page) -> str:
    return page.locator("strong", has_text="Slide").first.inner_text()


def title(page, index: int) -> str:
    return page.locator(f".st-key-deck_title_{index} input").input_value()


def heading(page) -> str:
    return page.locator('[data-testid="stMain"] h2').first.inner_text()


def test_remove_empty_and_reorder_are_undone_and_redone(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/briefing")
    first, second = title(page, 0), title(page, 1)
    assert counter(page) == "Slide 1 of 4" and first == "The alliance today"
    click_button(page, "remove_0")
    assert counter(page) == "Slide 1 of 3" and title(page, 0) == second
    assert page.locator(".st-key-deck_undo button").first.get_attribute("disabled") is None
    click_button(page, "deck_undo")
    assert "Undone: removing slide 1" in visible_text(page)
    assert counter(page) == "Slide 1 of 4" and title(page, 0) == first
    click_button(page, "deck_redo")
    assert "Redone: removing slide 1" in visible_text(page) and title(page, 0) == second
    click_button(page, "deck_undo")
    click_button(page, "down_0")
    assert (title(page, 0), title(page, 1)) == (second, first)
    # Emptying the deck is allowed, stays empty across a reload, and is undone.
    click_button(page, "deck_clear")
    assert "The deck is empty" in visible_text(page)
    open_page(page, page.url)
    assert "The deck is empty" in visible_text(page), "a reload keeps the empty deck"
    # A reload is a new session: its history starts empty (never shared between sessions).
    assert page.locator(".st-key-deck_undo button").first.get_attribute("disabled") is not None
    click_button(page, "deck_restore")
    assert counter(page) == "Slide 1 of 4"
    click_button(page, "deck_undo")
    assert "The deck is empty" in visible_text(page) and "Undone: restoring the default deck" in visible_text(page)
    click_button(page, "deck_redo")
    assert counter(page) == "Slide 1 of 4" and title(page, 0) == "The alliance today"


def test_one_switch_shows_every_slide_in_russian_and_a_chart_becomes_a_slide(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises?ex_years=2022&ex_years=2026", charts=2)
    page.get_by_text("Share, cite or export this view").first.click()
    pick(page, "add_chart_exercises", "Who took part, year by year", charts=2)
    page.keyboard.press("Escape")
    open_page(page, f"{app_url}/briefing?deck={query(page)['deck'][0]}&slide=5", charts=1)
    assert counter(page) == "Slide 5 of 5"
    assert heading(page) == "Who took part, year by year · 2022–2026"
    assert title(page, 4) == "Who took part, year by year · 2022–2026"
    assert "chart: who took part, year by year" in visible_text(page)
    # The deck-wide language: every slide's title and the slide in view turn Russian.
    page.locator(".st-key-deck_language button", has_text="Русский").click()
    settle(page, charts=1)
    assert [title(page, i) for i in range(5)] == [
        "Альянс сегодня",
        "Членство во времени",
        "Как устроена организация",
        title(page, 3),
        "Кто участвовал, по годам · 2022–2026",
    ]
    assert title(page, 3).startswith("Где проходили учения")
    assert heading(page) == "Кто участвовал, по годам · 2022–2026"
    assert visible_text(page).count("· Русский") == 5
    click_button(page, "deck_undo", charts=1)
    assert "Undone: changing the language of every slide" in visible_text(page)
    assert title(page, 0) == "The alliance today" and heading(page) == "Who took part, year by year · 2022–2026"


def test_a_deck_opened_with_lang_ru_is_russian_slides_under_russian_controls(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises?ex_years=2022&ex_years=2026&ex_hosts=ARM&ex_hosts=KAZ", charts=2)
    page.get_by_text("Share, cite or export this view").first.click()
    page.locator(".st-key-add_view_exercises button").click()
    settle(page, charts=2)
    page.keyboard.press("Escape")
    open_page(page, f"{app_url}/briefing?deck={query(page)['deck'][0]}&slide=5&lang=ru", charts=1)
    assert page.locator("strong", has_text="Слайд").first.inner_text() == "Слайд 5 из 5"
    assert heading(page) == "Карта учений · 2022–2026 · Армения, Казахстан"
    assert title(page, 4) == "Карта учений · 2022–2026 · Армения, Казахстан"
    assert page.locator(".st-key-deck_undo button").first.inner_text().strip().endswith("Отменить")
    # Present the deck starts at slide 1, not at the slide in view.
    click_button(page, "deck_present")
    assert query(page).get("present") == ["1"] and "slide" not in query(page)
