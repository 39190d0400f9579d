"""What a person does in Chromium: clicks on charts open details; maps draw offline."""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import SCREENSHOTS, screenshot, wait_for_page

pytestmark = pytest.mark.browser


def test_membership_click_on_a_row_shows_its_history(app_url, watched_page):
    """Clicking a bar of the timeline puts that state in focus, with its dated history."""
    page = watched_page.page
    page.goto(f"{app_url}/membership")
    wait_for_page(page, charts=3)
    bars = page.locator(".js-plotly-plot").first.locator(".barlayer .point path")
    assert bars.count() >= 9
    bars.first.click(force=True)
    page.get_by_text("History of").first.wait_for(timeout=30_000)
    page.wait_for_url("**/membership?*country=*", timeout=30_000)
    assert watched_page.external_requests() == [] and watched_page.problems() == []


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_membership_screenshots_for_projectors(app_url, browser, width, height):
    """The timeline page at laptop and projector sizes (screenshots are looked at by a person)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{app_url}/membership")
    wait_for_page(page, charts=3)
    assert page.locator(".js-plotly-plot .barlayer .point").count() >= 9
    screenshot(page, f"membership-{width}x{height}")
    context.close()


def test_structure_click_on_a_node_shows_details(app_url, watched_page):
    """Clicking a node selects that body and fills the detail panel."""
    page = watched_page.page
    page.goto(f"{app_url}/structure")
    wait_for_page(page, charts=1)
    # Body traces carry labels; the arrowhead traces (no labels, no hover) are not clickable bodies.
    nodes = page.locator(".js-plotly-plot .scatterlayer .trace:has(.textpoint) .points path")
    assert nodes.count() >= 20
    nodes.first.click(force=True)
    page.get_by_text("Answers to").first.wait_for(timeout=30_000)
    page.wait_for_url("**/structure?body=*", timeout=30_000)
    screenshot(page, "structure-selected")
    assert watched_page.external_requests() == [] and watched_page.problems() == []


def test_exercise_map_draws_offline_and_marker_opens_card(app_url, watched_page):
    """Land and borders come from the app's own topojson; a marker click opens the card."""
    page = watched_page.page
    page.goto(f"{app_url}/exercises")
    wait_for_page(page, charts=2)
    geo = page.locator(".js-plotly-plot .geo").first
    page.wait_for_function(
        "document.querySelectorAll('.js-plotly-plot .geo .countries path, .js-plotly-plot .geo .land path').length > 0"
    )
    assert any("/app/static/topojson/world_110m.json" in url for url in watched_page.requests)
    markers = geo.locator(".scattergeo .point, .scattergeo path.point")
    assert markers.count() >= 50
    markers.nth(5).click(force=True)
    page.get_by_text("Sources").first.wait_for(timeout=30_000)
    screenshot(page, "exercises-card")
    assert watched_page.external_requests() == [] and watched_page.problems() == []


def test_exported_briefing_draws_every_chart_with_the_network_blocked(app_url, browser, tmp_path):
    """The deck's HTML export, opened with every request blocked, still draws each chart and map."""
    from components.data.loaders import read_all
    from components.export.html import briefing_html
    from components.model.deck import default_deck, slide_model

    today = date.today()
    tables = read_all()
    slides = [slide_model(view, tables, "en", today) for view in default_deck(today)]
    path = tmp_path / "briefing.html"
    path.write_text(briefing_html(slides, "test", today), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    context.route("http*://**", block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    charts = sum(c.on_slide for s in slides for c in s.charts)
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
    page.wait_for_function(
        "document.querySelectorAll('.geo .countries path, .geo .land path').length > 0", timeout=30_000
    )
    assert blocked == [] and errors == []
    page.screenshot(path=str(SCREENSHOTS / "export-briefing.png"), full_page=True)
    context.close()


def test_presentation_mode_hides_the_sidebar(app_url, browser):
    """?present=1: no sidebar, larger type; the screenshot is looked at on a projector-sized screen."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{app_url}/membership?present=1")
    wait_for_page(page, charts=3)
    assert page.locator("section[data-testid='stSidebar']").count() == 0
    assert page.get_by_text("Exit presentation mode").count() == 1
    root_size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert root_size == "21px"
    screenshot(page, "presentation-membership-1920x1080")
    context.close()
