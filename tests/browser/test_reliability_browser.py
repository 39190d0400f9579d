"""In Chromium: a broken data file stops only the pages that need it; hostile data stays inert."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from components.model.pages import PAGE_KINDS
from tests.apptest_helpers import DECLARED_PAGES
from tests.browser.conftest import PageWatch, screenshot, start_app, wait_for_page
from tests.conftest import DATA
from tests.test_hostile_data import DETAILS
from tests.test_security import poison

pytestmark = pytest.mark.browser


@pytest.fixture
def app_with(tmp_path, chromium_executable):
    """Start the app on a copy of the data that a test changes first."""
    procs = []

    def start(damage) -> str:
        folder = tmp_path / "data"
        shutil.copytree(DATA, folder)
        damage(folder)
        url, proc = start_app(folder)
        procs.append(proc)
        return url

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)


def test_broken_exercises_file_stops_only_its_pages(app_with, open_tab):
    """exercises.csv replaced by binary: the Exercise map explains, the timeline still draws."""
    url = app_with(lambda folder: (folder / "exercises.csv").write_bytes(b"\x00\x01\x02"))
    page = open_tab()
    page.goto(f"{url}/exercises")
    page.get_by_text("cannot show its data").first.wait_for(timeout=60_000)
    page.get_by_text("exercises.csv: 1 problem(s)").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "reliability-broken-exercises")
    page.goto(f"{url}/membership")
    wait_for_page(page, charts=3)
    assert page.get_by_text("cannot show its data").count() == 0
    page.close()


def hostile_visits() -> list[tuple[str, dict[str, str], int]]:
    """Every page app.py declares, with a country in focus (``?country=``, as the sidebar writes it)
    and, on a page with a declared state, the link that opens its detail view (the same details as
    tests/test_hostile_data.py); and whether plotly charts are expected."""
    visits = []
    for declared in DECLARED_PAGES:
        params = {"country": "ARM"}
        if declared.url_path in DETAILS:
            name, value, _ = DETAILS[declared.url_path]
            params[name] = value
        visits.append((declared.url_path, params, 1 if declared.url_path in PAGE_KINDS else 0))
    return visits


def test_hostile_data_is_inert_in_the_browser(app_with, browser):
    """Script, image and link payloads in every text field, every page with its detail view open:
    no dialog, no request off this machine, and every link value used (none dropped as stale)."""
    url = app_with(poison)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watch = PageWatch(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path, params, charts in hostile_visits():
        page.goto(f"{url}/{path}?{urlencode(params)}")
        wait_for_page(page, charts=charts)
        kept = {key: values[-1] for key, values in parse_qs(urlsplit(page.url).query).items()}
        assert kept == params, f"/{path}: the app dropped or rewrote link values it should use"
        assert page.get_by_text("this page does not know").count() == 0, f"/{path}: a link key is stale"
        if charts:  # hover text is where plotly would interpret markup
            points = page.locator(".js-plotly-plot .scatterlayer .points path, .js-plotly-plot .barlayer .point path")
            for index in range(min(points.count(), 20)):
                box = points.nth(index).bounding_box()
                if box and box["width"] > 2 and box["height"] > 2:
                    points.nth(index).hover(force=True, timeout=5_000)
                    break
    screenshot(page, "reliability-hostile-sources")
    assert dialogs == []
    assert watch.external_requests() == []
    context.close()
