"""The remaining filters of each page, one person's step each, with what they then read."""

from __future__ import annotations

import pytest

from tests.browser.journeys.helpers import drag_range, metrics, open_page, pick, query, settle, table_rows, visible_text

pytestmark = pytest.mark.browser


def test_events_by_category_and_state_find_the_2022_deployment(app_url, watched_page):
    """Bug: 'Deployment' + 'Kazakhstan' gave 0 of 130; the state a deployment went to is involved."""
    page = watched_page.page
    open_page(page, f"{app_url}/membership", charts=3)
    pick(page, "w_ev_cat", "Deployment", charts=3)
    pick(page, "w_ev_state", "Kazakhstan (Казахстан, KAZ)", charts=3)
    assert query(page)["ev_cat"] == ["deployment"] and query(page)["ev_state"] == ["KAZ"]
    text = visible_text(page)
    assert "0 of" not in text
    rows = table_rows(page, 0)
    assert any("Kazakhstan" in " ".join(row) for row in rows), rows
    drag_range(page, "w_ev_years", 0, 2022, charts=3)
    assert query(page)["ev_years"][0] == "2022"
    pick(page, "w_ms", "Summit", charts=3)
    assert "summit" in query(page)["ms"]


def test_structure_kinds_layout_year_and_body(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/structure", charts=1)
    nodes_before = page.locator(".js-plotly-plot .scatterlayer .trace:has(.textpoint) .points path").count()
    page.locator(".st-key-w_layout").get_by_text("Force-directed").click()
    settle(page, charts=1)
    assert query(page)["layout"] == ["spring"]
    page.locator(".st-key-w_year input[type=range]").focus()
    page.locator(".st-key-w_year input[type=range]").press("Home")
    settle(page, charts=1)
    assert query(page)["year"] == ["1992"]
    assert "not drawn" in visible_text(page)
    nodes_1992 = page.locator(".js-plotly-plot .scatterlayer .trace:has(.textpoint) .points path").count()
    assert nodes_1992 < nodes_before, "bodies founded later are not drawn"
    kinds = page.locator(".st-key-w_kinds input").first
    kinds.click()
    kinds.press("Backspace")  # a person removes the last kind (Recurring operation)
    page.keyboard.press("Escape")
    settle(page, charts=1)
    assert "kinds" in query(page) and "operation" not in query(page)["kinds"]


def test_exercise_series_participants_and_force(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    everything = int(metrics(page)["Exercises listed"])
    pick(page, "w_ex_series", "Indestructible Brotherhood", charts=2)
    brotherhood = int(metrics(page)["Exercises listed"])
    assert 0 < brotherhood < everything and query(page)["ex_series"] == ["Indestructible Brotherhood"]
    rows = table_rows(page, 0)
    assert rows and all("Brotherhood" in row[0] for row in rows)
    pick(page, "w_ex_participants", "Armenia", charts=2)
    assert int(metrics(page)["Exercises listed"]) <= brotherhood and query(page)["ex_participants"] == ["ARM"]
