"""Plain ``streamlit run app.py`` (what Streamlit Community Cloud and most hosts run) gives the same
app as ``make run`` (``python -m components.ui.serve``).

Streamlit decides in a fresh process, at its first session, whether the top-level ``pages/`` folder
means its older multipage mode (components/ui/navigation.py). So:
- several fresh ``streamlit run app.py`` processes are each opened first by a cold deep link
  (one of them by two tabs at once), and show the app's sidebar and frame, not a menu of file
  names or a page without the frame;
- then every page is opened cold, in both languages, with ``?country=KGZ`` and with
  ``?present=1``, on a plain server and on the ``make run`` server, and each shows the same
  sidebar (menu labels and links, language switch, country picker, presentation toggle) and frame
  (title, presentation mode, footer).
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError

from bench.common import free_port, wait_healthy
from components.i18n.text import t
from tests.browser.conftest import LOG_DIR, SERVER_LOGS, wait_for_page
from tests.conftest import ROOT
from tests.test_run_app import declared_pages

pytestmark = pytest.mark.browser

PAGES = {url: page for page, url in declared_pages().items()}  # URL path -> file; "" is the Overview
FILE_NAMES = {page.rsplit("/", 1)[-1].removesuffix(".py") for page in PAGES.values()} | {"app"}

# What a reader sees of the frame: the page's title, the sidebar's menu (labels and addresses) and
# widgets, whether it presents, and whether the page finished (its footer).
FRAME = """
() => {
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const keys = sidebar ? [...sidebar.querySelectorAll('[class*="st-key-"]')]
      .map(e => [...e.classList].find(c => c.startsWith('st-key-'))) : [];
  return {
    title: document.querySelector('h1').innerText.trim(),
    menu: [...document.querySelectorAll('[data-testid="stSidebarNav"] a')]
      .map(a => [a.innerText.split('\\n').pop().trim(), new URL(a.href).pathname]),
    sidebar: [...new Set(keys)].sort(),
    presenting: !!document.querySelector('.st-key-present_exit'),
    footer: !!document.querySelector('.st-key-page_footer'),
  };
}
"""


def start_plain_server() -> tuple[str, subprocess.Popen]:
    """``streamlit run app.py`` from the repository root, as a host runs it: no components.ui.serve,
    no memory settings, Streamlit deciding the pages mode itself."""
    port = free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"plain-server-{port}.log"
    SERVER_LOGS.append(log)
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    with log.open("w", encoding="utf-8") as handle:
        proc = subprocess.Popen(
            [*command, "--server.address", "127.0.0.1"], cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, proc)
    return url, proc


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def plain_url(chromium_executable) -> Iterator[str]:
    url, proc = start_plain_server()
    yield url
    stop(proc)


def read_frame(tab, url: str) -> dict:
    tab.goto(url)
    return settled_frame(tab)


def settled_frame(tab) -> dict:
    wait_for_page(tab)
    with contextlib.suppress(PlaywrightError):  # what is on screen then is judged by the caller
        tab.wait_for_function(  # the app's menu (or none, presenting), never Streamlit's file names
            "names => ![...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a')]"
            ".some(a => names.includes(a.innerText.split('\\n').pop().trim()))",
            arg=sorted(FILE_NAMES),
            timeout=30_000,
        )
    return tab.evaluate(FRAME)


def expected_menu(lang: str) -> list[list[str]]:
    return [[t(f"nav.{url or 'overview'}", lang), f"/{url}"] for url in PAGES]


def check_app_frame(frame: dict, lang: str, presenting: bool) -> None:
    assert frame["footer"], "the page did not finish"
    assert frame["presenting"] is presenting
    if presenting:
        assert frame["menu"] == [] and frame["sidebar"] == []
    else:
        assert frame["menu"] == expected_menu(lang), f"not the app's menu: {frame}"
        assert {"st-key-language_switch", "st-key-country_picker", "st-key-present_toggle"} <= set(frame["sidebar"])


COLD = ["membership?present=1", "country?country=KGZ&lang=ru"]  # two more below, at once


@pytest.mark.parametrize("link", COLD)
def test_a_fresh_plain_server_opened_by_a_deep_link_shows_the_app(browser, link):
    url, proc = start_plain_server()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        frame = read_frame(tab, f"{url}/{link}")
        check_app_frame(frame, "ru" if "lang=ru" in link else "en", presenting="present=1" in link)
    finally:
        context.close()
        stop(proc)


def test_two_first_visitors_at_once_both_get_the_frame(browser):
    """Both first sessions of a fresh process start in Streamlit's pages-folder mode."""
    url, proc = start_plain_server()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tabs = [context.new_page(), context.new_page()]
        links = ["exercises?country=KGZ", "chronology?lang=ru"]
        for tab, link in zip(tabs, links, strict=True):  # both sessions start before either has drawn
            tab.goto(f"{url}/{link}", wait_until="commit")
        for tab, lang in zip(tabs, ("en", "ru"), strict=True):
            check_app_frame(settled_frame(tab), lang, presenting=False)
    finally:
        context.close()
        stop(proc)


WALK = [
    *(f"{url}?country=KGZ&lang={lang}" for lang in ("en", "ru") for url in PAGES),
    *(f"{url}?present=1" for url in ("", "membership", "exercises", "briefing")),
]


@pytest.mark.parametrize("link", WALK)
def test_every_page_cold_looks_as_under_make_run(plain_url, app_url, open_tab, link):
    """Every page cold on the plain server shows the app's frame in its language; in English it is
    also compared, field by field, with the same link on the ``make run`` server (the Russian and
    presenting frames are checked against what they must hold, which is what that comparison
    showed them to be: one page load each instead of two keeps the walk's cost down)."""
    tab = open_tab()
    plain = read_frame(tab, f"{plain_url}/{link}")
    check_app_frame(plain, "ru" if "lang=ru" in link else "en", presenting="present=1" in link)
    if "lang=en" in link:
        assert plain == read_frame(tab, f"{app_url}/{link}")
