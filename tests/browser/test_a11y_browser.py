"""Accessibility in the browser: axe-core's WCAG 2 A/AA rules on every page in both languages and
in presentation mode, and ``<html lang>`` following the interface language.

axe-core comes inside the ``axe-playwright-python`` wheel (``axe.min.js``): nothing is fetched at
test time. Each page is loaded once per language; axe runs on the drawn page.
"""

from __future__ import annotations

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe

from components.data.loaders import read_all
from components.i18n.text import language, t
from components.model.base import chart_summary
from components.model.pages import build_from_params
from tests.browser.conftest import wait_for_page

pytestmark = pytest.mark.browser

# The rule sets WCAG 2.0, 2.1 and 2.2 at levels A and AA name (axe-core's tags).
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}

# Every page of app.py, with a card or panel open where the page has one (its text is checked too).
PAGES = {
    "overview": "",
    "membership": "membership?country=KGZ",
    "structure": "structure?body=collective_security_council",
    "exercises": "exercises?exercise=rubezh-2004",
    "country": "country?country=KGZ",
    "chronology": "chronology?ch_ex=1&item=treaty-signed-1992",
    "briefing": "briefing",
    "sources": "sources",
}
# Presentation mode: every page with a declared state presents its view; the briefing its deck.
PRESENTED = ["membership", "structure", "exercises", "country", "chronology", "briefing"]


@pytest.fixture(scope="module", autouse=True)
def first_visit_is_the_front_page(app_url, tabs):
    """The app's own entry point settles Streamlit's multipage mode on the first session."""
    page = tabs.open(1280, 800)
    page.goto(app_url)
    wait_for_page(page)
    tabs.close([page])


def _with_params(path: str, **params: str) -> str:
    extra = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path}{'&' if '?' in path else '?'}{extra}" if extra else path


def _open(open_tab, app_url: str, path: str):
    page = open_tab(1280, 800)
    page.goto(f"{app_url}/{path}")
    wait_for_page(page)
    # Streamlit fades elements while a rerun is in flight; axe must see the settled page.
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    return page


def _violations(page) -> list[str]:
    """axe-core's WCAG A/AA violations, one line per failing element."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{rule['id']}: {node['html'][:120]} -> {node['failureSummary'][:200]}"
        for rule in results.response["violations"]
        for node in rule["nodes"]
    ]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_has_no_wcag_aa_violation(app_url, open_tab, name, lang):
    path = _with_params(PAGES[name], **({"lang": lang} if lang != "en" else {}))
    page = _open(open_tab, app_url, path)
    assert page.evaluate("document.documentElement.lang") == lang
    found = _violations(page)
    assert not found, f"{path}: {len(found)} WCAG A/AA violations:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", PRESENTED)
def test_presenting_has_no_wcag_aa_violation(app_url, open_tab, name, lang):
    path = _with_params(PAGES[name], present="1", **({"lang": lang} if lang != "en" else {}))
    page = _open(open_tab, app_url, path)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
    found = _violations(page)
    assert not found, f"{path}: {len(found)} WCAG A/AA violations:\n" + "\n".join(found)


# Every chart on these views has its data table (the exercise view draws the map, the per-year
# chart and, in two tabs, the matrix and the network).
TABLES_PER_PAGE = {"membership": 3, "structure": 1, "exercises": 4, "chronology": 1, "country": 1}


def _open_visible_tables(page, opened: int) -> int:
    """Open every data table the page shows now (not those in a hidden tab); how many are open."""
    summaries = page.locator('[data-testid="stMain"] [class*="st-key-data_table_"] summary')
    for index in range(summaries.count()):
        summary = summaries.nth(index)
        if summary.is_visible() and summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()
            opened += 1
            page.locator('[class*="st-key-data_table_"] [data-testid="stDataFrame"]').nth(opened - 1).wait_for(
                state="attached", timeout=60_000
            )
    return opened


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", ["membership", "structure", "exercises", "chronology", "country"])
def test_open_data_tables_and_the_focused_skip_link_have_no_wcag_aa_violation(app_url, open_tab, name, lang):
    """The parts a closed page does not show: every chart's data table opened (a table in a tab after
    that tab is chosen), and the "Skip to the chart" link in view (it shows only while focused)."""
    page = _open(open_tab, app_url, _with_params(PAGES[name], lang=lang))
    opened = _open_visible_tables(page, 0)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    for index in range(tabs.count()):
        tabs.nth(index).click()
        opened = _open_visible_tables(page, opened)
    assert opened == TABLES_PER_PAGE[name], f"{name}: {opened} data tables opened"
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    page.locator("#csto-skip-to-chart").focus()
    assert page.locator("#csto-skip-to-chart").bounding_box()["y"] >= 0, "the focused link is in view"
    found = _violations(page)
    assert not found, f"{name} ({lang}): {len(found)} WCAG A/AA violations:\n" + "\n".join(found)


def test_html_lang_follows_the_language_switch(app_url, open_tab):
    """Switching the language in the sidebar changes ``<html lang>`` without a reload, both ways."""
    page = _open(open_tab, app_url, "membership")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator('[data-testid="stSidebar"] button', has_text="Русский").click()
    page.wait_for_function("document.documentElement.lang === 'ru'", timeout=60_000)
    page.locator('[data-testid="stSidebar"] button', has_text="English").click()
    page.wait_for_function("document.documentElement.lang === 'en'", timeout=60_000)


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Move slide up", "Move slide down", "Remove slide"]),
        ("ru", ["Переместить слайд выше", "Переместить слайд ниже", "Удалить слайд"]),
    ],
)
def test_deck_buttons_are_named_for_a_screen_reader(app_url, open_tab, lang, names):
    """The deck's move and remove buttons show only an icon; their accessible name says what they do."""
    page = _open(open_tab, app_url, f"briefing?lang={lang}")
    for name in names:
        assert page.get_by_role("button", name=name, exact=True).count() >= 1, name
    for mark in ("↑", "↓", "✕"):
        assert page.get_by_role("button", name=mark, exact=True).count() == 0, mark


def _focused(page) -> dict:
    return page.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return {label: e.getAttribute('aria-label') || e.innerText.trim(), testid: e.dataset.testid || '',"
        " outline: parseFloat(s.outlineWidth), style: s.outlineStyle,"
        " inSidebar: !!e.closest('[data-testid=\"stSidebar\"]')}; })()"
    )


def test_copy_buttons_are_reached_with_tab(app_url, open_tab):
    """The share panel's Copy buttons (link and citation) are next in the Tab order after their text."""
    page = _open(open_tab, app_url, "membership")
    page.get_by_role("button", name="Share, cite or export this view").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
    code.first.wait_for(timeout=30_000)
    copies = 0
    code.first.focus()
    for _ in range(4):
        page.keyboard.press("Tab")
        copies += _focused(page)["label"] == "Copy to clipboard"
    assert copies == 2, "the link's and the citation's Copy buttons are each reached by Tab"


def test_sidebar_focus_is_clearly_visible(app_url, open_tab):
    """A keyboard user sees where the focus is in the sidebar: a solid ring at least 3 px wide."""
    page = _open(open_tab, app_url, "membership")
    for _ in range(30):
        page.keyboard.press("Tab")
        focus = _focused(page)
        if focus["inSidebar"] and focus["testid"] == "stSidebarNavLink":
            break
    else:
        pytest.fail("Tab never reached the sidebar's page links")
    assert focus["style"] == "solid" and focus["outline"] >= 3, focus


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Chart: Membership of the Collective Security Treaty", "Chart: Status by country on", "Legend:"]),
        ("ru", ["Диаграмма: Участие в Договоре о коллективной безопасности", "Условные обозначения:"]),
    ],
)
def test_charts_have_a_text_alternative_in_the_accessibility_tree(app_url, open_tab, lang, expected):
    """What a screen reader gets for the membership page's charts: each one's name and legend, in the
    page's language, while nothing of it shows on screen."""
    page = _open(open_tab, app_url, f"membership?lang={lang}")
    tree = page.locator('[data-testid="stMain"]').aria_snapshot()
    for text in expected:
        assert text in tree, text
    alternatives = page.locator('[class*="st-key-chart_alt_"]')
    assert alternatives.count() == 3, "one text alternative per chart"
    drawn = alternatives.evaluate_all(
        "els => els.map(e => [e.getBoundingClientRect().height,"
        " [...e.querySelectorAll('p')].every(p => getComputedStyle(p).fontSize === '0px')])"
    )
    assert all(height <= 1 and unseen for height, unseen in drawn), f"shown on screen: {drawn}"


# The charts drawn with a data table under them (show_chart's ``table=``, components/model/tables.py).
CHARTS_WITH_TABLES = {"timeline_chart", "status_map", "count_chart", "org_chart", "per_year"}
# The chart pages with the view each one opens (a page model for each is built here too).
CHART_PAGE_PARAMS = {"country": {"country": ["KGZ"]}}


def _accessibility_tree(page) -> str:
    """The main area's accessibility tree (Playwright's ARIA snapshot), with every tab opened in
    turn: a chart behind a closed tab is not in the tree until its tab is chosen."""
    main = page.locator('[data-testid="stMain"]')
    trees = [main.aria_snapshot()]
    for index in range(main.get_by_role("tab").count()):
        main.get_by_role("tab").nth(index).click()
        page.wait_for_timeout(300)
        trees.append(main.aria_snapshot())
    return "\n".join(trees)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page_name", ["membership", "structure", "exercises", "country", "chronology"])
def test_accessibility_snapshot_names_and_summarises_every_chart(app_url, open_tab, page_name, lang):
    """What a screen reader is given on each chart page: every chart's summary (which opens with the
    chart's name, its title) as the page model builds it for this language, whole."""
    params = CHART_PAGE_PARAMS.get(page_name, {})
    query = "&".join(f"{key}={value}" for key, values in params.items() for value in values)
    page = _open(open_tab, app_url, f"{page_name}?lang={lang}" + (f"&{query}" if query else ""))
    tree = " ".join(_accessibility_tree(page).replace('\\"', '"').split())
    today = date.today()
    with language(lang):
        model, _ = build_from_params(page_name, params, read_all(today=today), lang, today)
    assert model.charts, page_name
    for chart in model.charts:
        summary = " ".join(chart_summary(chart, lang).split())
        assert summary in tree, f"{chart.key}: {summary!r} not in the accessibility tree"
    for chart in (chart for chart in model.charts if chart.key in CHARTS_WITH_TABLES):
        label = t("chart.data_table", lang, title=" ".join(chart.title.replace("<br>", " ").split()))
        assert label in tree, f"{chart.key}: no {label!r} in the accessibility tree"
        # Opened, the table is a named grid region with the chart's rows in it.
        page.locator(f".st-key-data_table_{chart.key} summary").click()
        grid = page.locator(f'.st-key-data_table_{chart.key} [data-testid="stDataFrame"]')
        grid.wait_for(timeout=60_000)
        assert f'region "{label}"' in page.locator(f".st-key-data_table_{chart.key}").aria_snapshot()
        grid.scroll_into_view_if_needed()
        grid.locator("tbody tr").first.wait_for(state="attached", timeout=30_000)  # its rows, in view
