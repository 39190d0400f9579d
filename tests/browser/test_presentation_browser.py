"""Presenting on a projector: the slideshow at 16:9 and 4:3, its keys, the deck across a reload, and
the offline HTML slideshow paged with the keys while the network is blocked."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot, wait_for_page

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080), (1024, 768)]
COUNTER = ".st-key-present_counter"


@pytest.fixture(scope="module", autouse=True)
def first_visit_is_the_front_page(app_url, tabs):
    """Streamlit decides on its first session whether ``pages/`` is its older multipage mode; the
    app's own entry point (``make run``) settles that first, so the tests open the front page first."""
    page = tabs.open(1280, 800)
    page.goto(app_url)
    wait_for_page(page)
    tabs.close([page])


def _wait_slide(page, number: int, total: int = 4) -> None:
    page.wait_for_function(
        "([sel, text]) => { const c = document.querySelector(sel); return c && c.innerText.trim() === text; }",
        arg=[COUNTER, f"{number} / {total}"],
        timeout=60_000,
    )
    # The slide's chart is drawn and has taken the height the presentation CSS gives it.
    page.wait_for_function(
        "() => { const p = document.querySelectorAll('.js-plotly-plot');"
        " return p.length === 1 && p[0].querySelector('.main-svg')"
        " && p[0].getBoundingClientRect().height >= 0.6 * window.innerHeight; }",
        timeout=60_000,
    )


def _check_slide(page, width: int, height: int) -> None:
    charts = page.locator(".js-plotly-plot")
    assert charts.count() == 1, "one chart per slide"
    box = charts.first.bounding_box()
    assert box is not None
    assert box["height"] >= 0.6 * height, f"chart {box['height']:.0f}px of a {height}px screen"
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"chart leaves the screen: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"chart leaves the screen: {box}"
    assert page.locator('[data-testid="stToast"]').count() == 0, "no notice in front of an audience"
    assert page.locator("section[data-testid='stSidebar']").count() == 0
    assert page.locator('[data-testid="stHeader"]').evaluate_all(
        "els => els.every(e => getComputedStyle(e).display === 'none')"
    )
    assert page.locator(".st-key-deck_title_0").count() == 0, "no deck editor on a slide"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_deck_presents_one_chart_per_slide_and_pages_with_the_keys(app_url, open_tab, width, height):
    page = open_tab(width, height)
    page.goto(f"{app_url}/briefing?present=1")
    wait_for_page(page, charts=1)
    _wait_slide(page, 1)
    _check_slide(page, width, height)
    screenshot(page, f"presentation-{width}x{height}-slide1")
    for number in (2, 3, 4):
        page.keyboard.press("ArrowRight")
        _wait_slide(page, number)
        _check_slide(page, width, height)
        screenshot(page, f"presentation-{width}x{height}-slide{number}")
    page.keyboard.press("ArrowLeft")
    _wait_slide(page, 3)
    page.keyboard.press("Home")
    _wait_slide(page, 1)
    page.keyboard.press("End")
    _wait_slide(page, 4)
    _check_slide(page, width, height)


def test_single_view_presents_as_one_slide(app_url, open_tab):
    page = open_tab(1280, 720)
    page.goto(f"{app_url}/exercises?present=1&ex_years=2025&ex_years=2025")
    wait_for_page(page, charts=1)
    _check_slide(page, 1280, 720)
    assert page.get_by_text("Exit presentation mode").count() == 1


def test_reload_keeps_a_reordered_deck(app_url, open_tab):
    page = open_tab(1280, 900)
    page.goto(f"{app_url}/briefing")
    wait_for_page(page, charts=1)
    first = page.locator(".st-key-deck_title_0 input").input_value()
    second = page.locator(".st-key-deck_title_1 input").input_value()
    page.locator(".st-key-down_0 button").first.click()
    page.wait_for_function("() => location.search.includes('deck=')", timeout=30_000)
    page.wait_for_function(
        "([t]) => document.querySelector('.st-key-deck_title_0 input').value === t", arg=[second], timeout=30_000
    )
    page.reload()
    wait_for_page(page, charts=1)
    assert page.locator(".st-key-deck_title_0 input").input_value() == second
    assert page.locator(".st-key-deck_title_1 input").input_value() == first
    # The same deck presents in that order.
    page.goto(page.url + "&present=1")
    wait_for_page(page, charts=1)
    _wait_slide(page, 1)
    assert page.locator("h1").first.inner_text().strip() == second


def test_html_slideshow_pages_with_the_keys_offline(browser, tmp_path):
    from components.data.loaders import read_all
    from components.export.html import briefing_html
    from components.model.deck import default_deck, slide_model

    today = date.today()
    tables = read_all(today=today)
    slides = [slide_model(view, tables, "en", today) for view in default_deck(today)]
    path = tmp_path / "briefing.html"
    path.write_text(briefing_html(slides, "test", today, notes=["first notes", "", "", "last"]), encoding="utf-8")

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    blocked: list[str] = []

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    context.route("http*://**", abort)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())

    def at(number: int) -> None:
        page.wait_for_function(f"document.body.dataset.slide === '{number}'", timeout=20_000)
        page.wait_for_function(
            "() => { const s = document.querySelector('.slide.active');"
            " return s && s.querySelector('.js-plotly-plot .main-svg'); }",
            timeout=30_000,
        )
        assert page.locator(".slide.active").count() == 1
        box = page.locator(".slide.active .js-plotly-plot").bounding_box()
        assert box and box["height"] >= 0.6 * 720 and box["y"] + box["height"] <= 720

    at(1)
    assert page.locator(".slide.active .notes").is_hidden()
    page.keyboard.press("n")
    assert page.locator(".slide.active .notes").is_visible()
    page.keyboard.press("n")
    for number in (2, 3, 4):
        page.keyboard.press("ArrowRight")
        at(number)
    page.keyboard.press("ArrowLeft")
    at(3)
    page.keyboard.press("Home")
    at(1)
    page.keyboard.press("End")
    at(4)
    assert page.locator(".slide.active .geo, .slide.active .geolayer").count() >= 1, "map outlines drawn"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "html-slideshow-1280x720.png"))
    assert blocked == [] and errors == []
    context.close()


LONG_TITLE = "The CSTO after January 2022: the Kazakhstan deployment, Armenia's freeze, and who still trains together"


def test_a_two_line_title_keeps_the_source_line_and_counter_on_screen(app_url, open_tab):
    """At 1280×720 a title that wraps onto a second line shrinks the chart: the source line and
    the counter stay on the screen, and the chart still takes most of it."""
    from components.model.deck import encode_deck

    deck = [
        {"page": "exercises", "params": {"ex_years": ["2022", "2026"]}, "title": LONG_TITLE, "notes": ""},
        {"page": "chronology", "params": {"item": ["deployment-kazakhstan-2022"]}, "title": "Story", "notes": ""},
    ]
    page = open_tab(1280, 720)
    page.goto(f"{app_url}/briefing?present=1&deck={encode_deck(deck)}")
    wait_for_page(page, charts=1)
    _wait_slide(page, 1, total=2)
    title = page.locator("h1").first.bounding_box()
    assert title and title["height"] > 70, "the long title takes two lines at 1280 px"
    for selector in (".st-key-page_footer", COUNTER):
        box = page.locator(selector).first.bounding_box()
        assert box and box["y"] + box["height"] <= 720, f"{selector} leaves the screen: {box}"
    chart = page.locator(".js-plotly-plot").first.bounding_box()
    assert chart and chart["height"] >= 0.6 * 720 and chart["y"] >= title["y"] + title["height"]
    screenshot(page, "presentation-1280x720-two-line-title")
    # The chronology slide shows its story card: the item's title is drawn in the chart.
    page.keyboard.press("ArrowRight")
    _wait_slide(page, 2, total=2)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')]"
        ".some(t => t.textContent.includes('deployed to Kazakhstan'))",
        timeout=30_000,
    )
