"""An analyst's journey, in English and in Russian: each step asserts what the person then reads."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.journeys.helpers import (
    click_button,
    drag_range,
    metrics,
    open_page,
    pick,
    query,
    rows_once,
    settle,
    slide_to,
    table_rows,
    type_into,
    visible_text,
)

pytestmark = pytest.mark.browser

WORDS = {
    "en": {
        "members": "Members",
        "alliance_2005": "The alliance on 31 December 2005",
        "uzbekistan": "Uzbekistan",
        "history": "History of Uzbekistan",
        "kyrgyzstan": "Kyrgyzstan",
        "exercises": "Exercises listed",
        "answers_to": "Answers to",
        "sources": "Sources",
    },
    "ru": {
        "members": "Члены",
        "alliance_2005": "31 декабря 2005",
        "uzbekistan": "Узбекистан",
        "history": "История: Узбекистан",
        "kyrgyzstan": "Кыргызстан",
        "exercises": "Учений в списке",
        "answers_to": "Подотчётен",
        "sources": "Источники",
    },
}


def suffix(lang: str) -> str:
    return "" if lang == "en" else "lang=ru"


def url(app_url: str, path: str, lang: str, extra: str = "") -> str:
    query_string = "&".join(part for part in (suffix(lang), extra) if part)
    return f"{app_url}/{path}" + (f"?{query_string}" if query_string else "")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_who_belonged_in_2005_and_2015_and_what_happened_to_uzbekistan(app_url, watched_page, lang):
    page, words = watched_page.page, WORDS[lang]
    open_page(page, url(app_url, "membership", lang), charts=3)
    type_into(page, "w_asof", "2005-12-31", charts=3)
    assert words["alliance_2005"] in visible_text(page)
    assert metrics(page)[words["members"]] == "6"
    assert query(page)["asof"] == ["2005-12-31"]
    # The year slider: from 2013 to 2015 with the keyboard.
    type_into(page, "w_asof", "2013-12-31", charts=3)
    slide_to(page, "w_asof_year", 2015, charts=3)
    assert query(page)["asof"] == ["2015-12-31"]
    members_2015 = metrics(page)[words["members"]]
    assert members_2015 == "6", "Uzbekistan had left in 2012"
    # Click Uzbekistan's bar on the timeline: it is in focus, its history is shown with sources.
    timeline = page.locator(".js-plotly-plot").first
    bars = timeline.locator(".barlayer .point path")
    labels = [t.text_content() for t in timeline.locator(".yaxislayer-above text").all()]
    assert words["uzbekistan"] in labels
    tick = timeline.locator(".yaxislayer-above text", has_text=words["uzbekistan"]).first
    row_y = tick.bounding_box()["y"] + tick.bounding_box()["height"] / 2
    bar = next(b for b in bars.all() if (box := b.bounding_box()) and box["y"] <= row_y <= box["y"] + box["height"])
    bar.click(force=True)
    settle(page, charts=3)
    assert query(page).get("country") == ["UZB"], "a click on Uzbekistan's bar puts it in focus"
    assert words["history"] in visible_text(page)
    history = table_rows(page, 0)
    assert len(history) >= 4, history
    assert watched_page.external_requests() == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_exercises_kyrgyzstan_hosted_2019_to_2024_and_searches(app_url, watched_page, lang):
    page, words = watched_page.page, WORDS[lang]
    open_page(page, url(app_url, "exercises", lang), charts=2)
    everything = int(metrics(page)[words["exercises"]])
    pick(page, "w_ex_hosts", words["kyrgyzstan"], charts=2)
    assert query(page)["ex_hosts"] == ["KGZ"]
    hosted = int(metrics(page)[words["exercises"]])
    assert 0 < hosted < everything
    drag_range(page, "w_ex_years", 0, 2019, charts=2)
    drag_range(page, "w_ex_years", 1, 2024, charts=2)
    assert query(page)["ex_years"] == ["2019", "2024"]
    shown = int(metrics(page)[words["exercises"]])
    rows = rows_once(page, lambda rows: len(rows) == shown)
    # The start date is the row's first ISO date (how many columns are in view depends on the width).
    starts = [next((cell for cell in row if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell)), "") for row in rows]
    assert rows and any(starts) and all("2019" <= start[:4] <= "2024" for start in starts if start), rows
    assert words["kyrgyzstan"] in page.locator(".st-key-w_ex_hosts").inner_text()
    assert shown == len(rows)
    screenshot(page, f"journey-exercises-kgz-{lang}")
    # Reset: every filter back to its default, a clean link, all exercises again.
    click_button(page, "ex_reset", charts=2)
    assert "ex_hosts" not in query(page) and "ex_years" not in query(page)
    assert int(metrics(page)[words["exercises"]]) == everything
    for text, expected in [("Нерушимое братство", "Brotherhood"), ("Rubezh", "Rubezh"), ("Issyk-Kul", "")]:
        type_into(page, "w_ex_text", text, charts=2)
        found = table_rows(page, 0)
        assert found, text
        assert all(expected in row[0] or expected.lower() in " ".join(row).lower() for row in found if expected)
    assert watched_page.external_requests() == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_cards_open_from_a_map_marker_and_an_org_chart_node(app_url, watched_page, lang):
    page, words = watched_page.page, WORDS[lang]
    open_page(page, url(app_url, "exercises", lang), charts=2)
    markers = page.locator(".js-plotly-plot .geo .scattergeo .point")
    assert markers.count() >= 20
    for index in range(markers.count()):
        box = markers.nth(index).bounding_box()
        if box and box["width"] > 4:
            markers.nth(index).click(force=True)
            break
    settle(page, charts=2)
    chosen = query(page).get("exercise")
    assert chosen, "a marker click picks that exercise"
    card = page.locator(".st-key-w_exercise").locator("xpath=ancestor::div[contains(@class,'stVerticalBlock')][1]")
    assert words["sources"] in card.inner_text()
    open_page(page, url(app_url, "structure", lang), charts=1)
    nodes = page.locator(".js-plotly-plot .scatterlayer .trace:has(.textpoint) .points path")
    assert nodes.count() >= 10
    nodes.first.click(force=True)
    settle(page, charts=1)
    assert query(page).get("body")
    assert words["answers_to"] in visible_text(page)
    assert page.locator(".st-key-w_body").inner_text().strip(), "the body picker shows the clicked body"
    assert watched_page.external_requests() == []


def test_play_through_the_years_keeps_the_charts_drawn(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/membership?asof=1997-12-31", charts=3)
    assert metrics(page)["Treaty parties"] == "9"
    page.locator(".st-key-w_play label").first.click()
    seen: list[str] = []
    for _ in range(40):
        page.wait_for_timeout(500)
        current = query(page).get("asof", [""])[0]
        if current and current not in seen:
            seen.append(current)
        assert page.get_by_text("This app has encountered an error").count() == 0
        if len(seen) >= 5:
            break
    assert page.locator(".st-key-w_asof_year input[type=range]").is_disabled(), "Play drives the year slider"
    page.locator(".st-key-w_play label").first.click()
    settle(page, charts=3)
    # Pause keeps the year Play reached (a lagging browser value once rewound it to the start).
    assert query(page)["asof"][0] >= seen[-1], (query(page), seen)
    assert not page.locator(".st-key-w_asof_year input[type=range]").is_disabled()
    assert len(seen) >= 3, seen
    assert seen == sorted(seen), "the as-of date only moves forward"
    assert page.locator(".js-plotly-plot .main-svg").count() >= 3
    # By the end of 1999 Azerbaijan, Georgia and Uzbekistan had not renewed the Treaty (9 -> 6
    # parties); from 2003 the six are members of the Organization: either way the counts moved.
    assert query(page)["asof"][0] >= "1999-12-31"
    shown = metrics(page)
    assert (shown["Treaty parties"], shown["Members"]) != ("9", "0"), shown
    assert watched_page.problems() == []
