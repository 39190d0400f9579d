"""The whole journey by keyboard alone (issue 32 item 4): Tab, Shift+Tab, Enter, Space, arrows, typing,
never the mouse. A person filters the exercise map to a state, opens an exercise card, adds the
view to the briefing deck, goes to the Briefing page, presents the deck, steps on and leaves.
After each step the test reads what the person would see; at some it checks that the focused
control shows a ring a keyboard user can see."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest

from components.data.loaders import read_all
from components.i18n.text import language
from components.model.deck import default_deck
from components.model.pages import PAGE_KINDS
from components.model.tables import org_chart_rows
from tests.browser.journeys.helpers import open_page, query, settle

pytestmark = pytest.mark.browser

# What the focused element is, as the test needs it: its tag, its name, the st-key- class of the
# widget it belongs to, whether it is a sidebar page link, and its focus ring.
FOCUSED = """(() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const keyed = e.closest('[class*="st-key-"]');
  return {tag: e.tagName, label: (e.getAttribute('aria-label') || e.innerText || '').trim(),
    key: keyed ? [...keyed.classList].find(c => c.startsWith('st-key-')).slice(7) : '',
    testid: e.dataset.testid || '', outline: parseFloat(s.outlineWidth) || 0, style: s.outlineStyle};
})()"""
TAB_LIMIT = 150


def shipped_tables() -> dict:
    """The shipped data, as the app reads it today."""
    return read_all(today=date.today())


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, wanted: Callable[[dict], bool], what: str, backwards: bool = False) -> dict:
    """Press Tab (Shift+Tab) until the focused element is ``wanted``; fail naming ``what`` if
    Tab never reaches it."""
    seen = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focus = focused(page)
        if wanted(focus):
            return focus
        seen.append(focus["label"][:30] or focus["tag"])
    raise AssertionError(f"{what} is never reached by {'Shift+' if backwards else ''}Tab; passed {seen[-20:]}")


def assert_ring(focus: dict) -> None:
    """A keyboard user sees where the focus is: a solid outline at least 2 px wide."""
    assert focus["style"] == "solid" and focus["outline"] >= 2, focus


def summary_line(page) -> str:
    """The one line over the chart that says what the filters hold."""
    captions = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]')
    return " ".join(captions.filter(has_text="Participating state").all_inner_texts())


def test_filter_card_deck_and_presentation_by_keyboard_alone(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    before = len(default_deck(date.today()))

    # Filter the map to Armenia: Tab to the sidebar's multiselect, type, Enter.
    focus = tab_to(page, lambda f: f["key"] == "w_ex_participants" and f["tag"] == "INPUT", "Participating state")
    assert_ring(focus)
    page.keyboard.type("Armenia", delay=30)
    page.keyboard.press("Enter")
    settle(page, charts=2)
    page.keyboard.press("Escape")  # closes the option list
    assert query(page).get("ex_participants") == ["ARM"], page.url
    assert "Participating state (1): Armenia" in summary_line(page), summary_line(page)

    # Open an exercise card: Tab on to the exercise picker, arrow to the first exercise, Enter.
    assert_ring(tab_to(page, lambda f: f["key"] == "w_exercise" and f["tag"] == "INPUT", "the exercise picker"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    settle(page, charts=2)
    chosen = page.locator(".st-key-w_exercise input").first.input_value()
    titles = page.locator('[data-testid="stMain"] strong').all_inner_texts()
    assert query(page).get("exercise"), f"no exercise chosen: {page.url} {chosen!r}"
    assert chosen and titles[titles.index("Exercise card") + 1] in chosen, (chosen, titles[:3])

    # Add the view to the deck: Tab to the share panel, open it with Space, Tab to the button, Enter.
    tab_to(page, lambda f: f["testid"] == "stPopoverButton" and "Share, cite" in f["label"], "the share panel")
    page.keyboard.press("Space")
    focus = tab_to(page, lambda f: f["key"] == "add_view_exercises" and f["tag"] == "BUTTON", "Add this view")
    assert_ring(focus)
    page.keyboard.press("Enter")
    settle(page, charts=2)
    assert page.get_by_text(f"Added to the briefing deck ({before + 1} views).").count() == 1
    page.keyboard.press("Escape")  # closes the share panel

    # The Briefing page, by its sidebar link: back with Shift+Tab, Enter.
    focus = tab_to(
        page,
        lambda f: f["testid"] == "stSidebarNavLink" and f["label"].endswith("Briefing"),
        "the Briefing link",
        backwards=True,
    )
    assert_ring(focus)
    page.keyboard.press("Enter")
    settle(page)
    page.wait_for_url(re.compile(r"/briefing"), timeout=30_000)
    settle(page)
    assert page.get_by_text(f"Slide 1 of {before + 1}", exact=True).count() == 1

    # Present it: Tab to "Present the deck", Enter; step on with the right arrow; leave with Escape.
    focus = tab_to(page, lambda f: f["key"] == "deck_present" and f["tag"] == "BUTTON", "Present the deck")
    assert_ring(focus)
    page.keyboard.press("Enter")
    settle(page)
    counter = page.locator(".st-key-present_counter")
    assert counter.inner_text().strip() == f"1 / {before + 1}"
    page.keyboard.press("ArrowRight")
    settle(page)
    assert counter.inner_text().strip() == f"2 / {before + 1}"
    page.keyboard.press("Escape")
    settle(page)
    assert page.locator(".st-key-present_exit").count() == 0 and "present" not in query(page)
    assert page.locator('[data-testid="stSidebarNav"]').is_visible(), "the app's sidebar is back"


# Every chart page (with a view that draws its chart) and its main chart: the first chart it draws.
MAIN_CHARTS = {
    "membership": "timeline_chart",
    "structure": "org_chart",
    "exercises": "exercise_map",
    "chronology": "chronology_chart",
    "country?country=KGZ": "country_exercises",
}
INSIDE_CHART = "key => !!document.activeElement.closest('[data-testid=\"stMain\"] .st-key-' + key)"


@pytest.mark.parametrize(("lang", "link"), [("en", "Skip to the chart"), ("ru", "Перейти к диаграмме")])
def test_the_first_tab_stop_skips_to_the_chart(app_url, watched_page, lang, link):
    """On every chart page the first Tab lands on a visible "Skip to the chart" link (before the
    sidebar's pages and filters); Enter puts the focus on the page's main chart."""
    page = watched_page.page
    for path, key in MAIN_CHARTS.items():
        open_page(page, f"{app_url}/{path}{'&' if '?' in path else '?'}lang={lang}", charts=1)
        page.keyboard.press("Tab")
        focus = focused(page)
        assert (focus["tag"], focus["label"]) == ("A", link), (path, focus)
        assert_ring(focus)
        box = page.locator(f"a:text-is('{link}')").bounding_box()
        assert box and box["y"] >= 0 and box["height"] >= 24, f"{path}: the focused link is not in view: {box}"
        assert not page.evaluate(INSIDE_CHART, key), path
        page.keyboard.press("Enter")
        assert page.evaluate(INSIDE_CHART, key), f"{path}: Enter did not move the focus to the chart {key}"
        assert_ring(focused(page))


def test_a_charts_data_table_is_reached_and_read_by_keyboard(app_url, watched_page):
    """From the org chart, Tab reaches its data table; Enter opens it, Tab goes into the grid and the
    arrows move from cell to cell. The rows are the bodies the chart draws, in its order."""
    page = watched_page.page
    open_page(page, f"{app_url}/structure", charts=1)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link: on to the chart
    focus = tab_to(page, lambda f: f["key"] == "data_table_org_chart" and f["tag"] == "SUMMARY", "the data table")
    assert_ring(focus)
    assert "Data table: How the CSTO is organized" in focus["label"], focus
    page.keyboard.press("Enter")
    settle(page, charts=1)
    tab_to(page, lambda f: f["key"] == "data_table_org_chart" and f["tag"] == "CANVAS", "the data table's grid")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    # The grid moves the focus to the chosen cell's accessible copy a moment after the key.
    page.wait_for_function("document.activeElement.tagName === 'TD'", timeout=10_000)
    cell = focused(page)
    tables, kind = shipped_tables(), PAGE_KINDS["structure"]
    with language("en"):
        state, _ = kind.spec.decode({}, kind.domain(tables, date.today()))
        expected = org_chart_rows(tables, state)
    assert cell["tag"] == "TD" and cell["label"] in set(expected.iloc[:2].to_numpy().ravel()), cell
    grid = page.locator('.st-key-data_table_org_chart [data-testid="stDataFrame"]')
    assert grid.count() == 1
    shown = [
        [cell.text_content().strip() for cell in row.locator("td").all()] for row in grid.locator("tbody tr").all()
    ]
    assert shown and shown == expected.head(len(shown)).astype(str).values.tolist()
