"""What a person does and reads on a page, as small steps for the journey tests."""

from __future__ import annotations

import contextlib
import re

from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import wait_for_page


def open_page(page, url: str, charts: int = 0) -> None:
    page.goto(url)
    wait_for_page(page, charts=charts)


def settle(page, charts: int = 0) -> None:
    """Wait for the rerun a click started to finish. The server's answer is awaited first: on a
    busy machine it can take longer than any fixed pause to start, and a page read before it
    arrives is the old page (``window.__appMessageAt``, the time of the app's last message, comes
    from ``conftest.COUNT_APP_MESSAGES``). Then until its messages have stopped for 300 ms and
    Streamlit shows no running status and no stale element."""
    asked = page.evaluate("performance.now()")
    with contextlib.suppress(PlaywrightError):  # no answer: the action needed no rerun
        page.wait_for_function("t => (window.__appMessageAt || 0) > t", arg=asked, timeout=5_000)
    page.wait_for_function("() => performance.now() - (window.__appMessageAt || 0) > 300", timeout=60_000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]') && "
        "document.querySelectorAll('[data-stale=\"true\"]').length === 0",
        timeout=60_000,
    )
    wait_for_page(page, charts=charts)


def metrics(page) -> dict[str, str]:
    """Every metric on the page: label -> value, as a person reads them."""
    found = {}
    for metric in page.locator('[data-testid="stMetric"]').all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text().strip()
        found[label] = metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return found


def table_rows(page, index: int = 0) -> list[list[str]]:
    """The rows a data table shows (its accessible copy holds the rows in view)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    grid.scroll_into_view_if_needed()
    try:
        grid.locator("tbody tr").first.wait_for(state="attached", timeout=10_000)
    except Exception:
        return []
    for _ in range(3):  # the grid may redraw while it is read: read it again
        try:
            return [
                [cell.text_content().strip() for cell in row.locator("td").all()]
                for row in grid.locator("tbody tr").all()
            ]
        except Exception:
            page.wait_for_timeout(500)
    raise AssertionError("the table kept changing while it was read")


def rows_once(page, ready, index: int = 0, attempts: int = 20) -> list[list[str]]:
    """The table's rows once ``ready(rows)`` holds: the grid's accessible copy can lag the rerun
    that changed it by a moment (under load, a few). Returns the last rows read either way, so the
    caller's assertion shows what was on screen."""
    rows = table_rows(page, index)
    for _ in range(attempts):
        if ready(rows):
            break
        page.wait_for_timeout(500)
        rows = table_rows(page, index)
    return rows


def reveal(page, key: str) -> None:
    """A control kept behind the page's "More filters" button is reached as a person reaches it:
    the button is clicked first."""
    more = page.locator(".st-key-more_filters button")
    if more.count() and not page.locator(f".st-key-{key}").first.is_visible():
        more.first.click()
        page.locator(f".st-key-{key}").first.wait_for(timeout=10_000)


def pick(page, key: str, option: str, charts: int = 0) -> None:
    """Choose an option in the select or multiselect keyed ``key`` by its visible label."""
    reveal(page, key)
    box = page.locator(f".st-key-{key} input").first
    box.scroll_into_view_if_needed()
    box.click()
    box.type(option[:12], delay=20)  # a person types to narrow a long list
    page.get_by_role("option").filter(has_text=option).first.click()
    page.keyboard.press("Escape")
    settle(page, charts)


def type_into(page, key: str, text: str, charts: int = 0) -> None:
    """Type (paste) ``text`` into a text or date box and leave it, as a person does."""
    for _ in range(3):
        box = page.locator(f".st-key-{key} input, .st-key-{key} textarea").first
        box.fill(text)
        if box.evaluate("e => e.tagName") != "TEXTAREA":
            box.press("Enter")
        page.locator("h1").first.click()  # leaving the box commits it (a typed date too)
        settle(page, charts)
        if page.locator(f".st-key-{key} input, .st-key-{key} textarea").first.input_value() == text:
            return
    raise AssertionError(f"{key} did not keep {text!r}")


def click_button(page, key: str, charts: int = 0) -> None:
    page.locator(f".st-key-{key} button").first.click()
    settle(page, charts)


def query(page) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(page.url).query)


def visible_text(page) -> str:
    return re.sub(r"\s+", " ", page.locator('[data-testid="stMain"]').inner_text())


def _thumbs(page, key: str) -> list[tuple[int, float, float]]:
    inputs = page.locator(f".st-key-{key} input[type=range]")
    found = []
    for index in range(inputs.count()):
        box = inputs.nth(index).locator("xpath=..").bounding_box()
        found.append((int(inputs.nth(index).get_attribute("value")), box["x"] + box["width"] / 2, box["y"]))
    return found


def drag_range(page, key: str, thumb: int, value: int, charts: int = 0) -> None:
    """Drag one thumb of a range slider to ``value`` with the mouse, as a person does."""
    (low, x_low, _), (high, x_high, _) = _thumbs(page, key)
    _, x_now, y = _thumbs(page, key)[thumb]
    target = x_low + (value - low) / (high - low) * (x_high - x_low)
    page.mouse.move(x_now, y + 0.5)
    page.mouse.down()
    page.mouse.move(target, y + 0.5, steps=10)
    page.mouse.up()
    settle(page, charts)
    if _thumbs(page, key)[thumb][0] != value:  # a pixel off: finish with the arrow keys
        slide_to(page, key, value, thumb, charts)


def slide_to(page, key: str, value: int, thumb: int = 0, charts: int = 0) -> None:
    """Move a slider's thumb to ``value`` with the arrow keys, one step (and one rerun) at a time."""
    for _ in range(60):
        handle = page.locator(f".st-key-{key} input[type=range]").nth(thumb)
        current = int(handle.get_attribute("value"))
        if current == value:
            return
        handle.focus()
        handle.press("ArrowRight" if current < value else "ArrowLeft")
        settle(page, charts)
    raise AssertionError(f"{key} did not reach {value}")
