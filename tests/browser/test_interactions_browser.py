"""What a person does in Chromium: clicks on charts open details; maps draw offline."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot, wait_for_page

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
def test_membership_screenshots_for_projectors(app_url, open_tab, width, height):
    """The timeline page at laptop and projector sizes (screenshots are looked at by a person)."""
    page = open_tab(width, height)
    page.goto(f"{app_url}/membership")
    wait_for_page(page, charts=3)
    assert page.locator(".js-plotly-plot .barlayer .point").count() >= 9
    screenshot(page, f"membership-{width}x{height}")


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
