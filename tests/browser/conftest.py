"""Real-browser fixtures: the app on a free local port, and Debian's Chromium driven by Playwright.

Never ``playwright install``: the browser is Debian's ``chromium`` package. On a laptop without it
the browser tests skip loudly; with ``CSTO_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.common import CHROMIUM_ARGS
from tests.conftest import ROOT
from tests.servers import free_port, start_server

SCREENSHOTS = ROOT / "screenshots"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def _is_base_path_probe(url: str) -> bool:
    """Streamlit's frontend, opened on /membership, first asks /membership/_stcore/health and
    /membership/_stcore/host-config to detect a base path, gets 404, then uses /_stcore/. That
    probe is the framework's, not the app's."""
    path = urlparse(url).path
    return path.endswith(("/_stcore/health", "/_stcore/host-config")) and path.count("/") > 2


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = chromium_path()
    if path:
        return path
    message = "Debian's chromium is not installed (apt-get install -y chromium): browser tests NOT run"
    if os.environ.get("CSTO_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    warnings.warn(message, stacklevel=1)
    print(f"\n{'!' * 20}\n{message}\n{'!' * 20}", file=sys.stderr)
    pytest.skip(message)


# Every app server the browser tests start writes its log here; the session fails at its end if
# any log holds a traceback or an error line (an app that errs silently is a broken app).
SERVER_LOGS: list[Path] = []
LOG_DIR = ROOT / "screenshots" / "server-logs"
ERROR_LINE = re.compile(r"Traceback \(most recent call last\)|^\S*Error\b|\bERROR\b|Exception:", re.MULTILINE)


def server_log_errors(log: Path) -> list[str]:
    """The lines of a server log that report an error (with a little context)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    lines = text.splitlines()
    return ["\n".join(lines[max(0, i - 2) : i + 12]) for i, line in enumerate(lines) if ERROR_LINE.search(line)]


def start_app(data_dir: Path | None = None) -> tuple[str, subprocess.Popen]:
    """The app as ``make run`` starts it (``components.ui.serve``), on a free port, logging to a file."""
    port = free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / f"server-{port}.log"
    SERVER_LOGS.append(log)
    return start_server(log, port, data_dir, args=["--logger.level", "info"])


@pytest.fixture(scope="session", autouse=True)
def server_logs_are_clean() -> Iterator[None]:
    """At the end of the browser run: fail, printing the lines, if any app server logged an error."""
    yield
    found = {log.name: errors for log in SERVER_LOGS if (errors := server_log_errors(log))}
    if found:
        report = "\n\n".join(f"--- {name}\n" + "\n...\n".join(errors[:10]) for name, errors in found.items())
        pytest.fail(f"the app server logged errors:\n{report}", pytrace=False)


@pytest.fixture(scope="session")
def app_url(chromium_executable) -> Iterator[str]:
    url, proc = start_app()
    yield url
    proc.terminate()
    proc.wait(timeout=20)


# One renderer process for the app's tabs: a page in a new tab then loads in about 2 s instead of
# 4.5 s (measured on the 2-core machine; most likely because the renderer keeps the Streamlit and
# plotly scripts it has already compiled). Most of a browser test's time is page loads. Tabs stay
# separate documents and separate app sessions.
TEST_BROWSER_ARGS = [*CHROMIUM_ARGS, "--process-per-site"]


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_executable, args=TEST_BROWSER_ARGS)
        yield chromium
        chromium.close()


# In the tests' window only: the time of the last message the app's server sent the page, so that
# a step can wait for the answer to a click instead of guessing how long the server takes
# (journeys/helpers.py, ``settle``). It listens; it changes nothing the app sends or receives.
COUNT_APP_MESSAGES = """
(() => {
  const Native = window.WebSocket;
  if (!Native || Native.countsAppMessages) return;
  class Counted extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__appMessageAt = performance.now(); });
    }
  }
  Counted.countsAppMessages = true;
  window.WebSocket = Counted;
})();
"""


class Tabs:
    """The browser window the tests open their tabs in. The app keeps no state in the browser
    (no cookies of its own, no storage), so tabs share nothing a test could see. The last tab of
    a test is parked on the app's health page until the next test opens one, so that the shared
    renderer outlives every test."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.add_init_script(COUNT_APP_MESSAGES)
        self.parked = None

    def open(self, width: int, height: int):
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        return page

    def close(self, pages: list) -> None:
        """Close a test's tabs but park the last one on the app's health page (its session ends
        with the page); a tab the test closed itself, or whose server has stopped, just closes."""
        pages = [page for page in pages if not page.is_closed()]
        if not pages:
            return
        *others, last = pages
        for page in others:
            page.close()
        origin = urlparse(last.url)
        try:
            if origin.scheme not in ("http", "https"):
                raise ValueError(origin.scheme)
            last.goto(f"{origin.scheme}://{origin.netloc}/_stcore/health", timeout=10_000)
        except Exception:
            last.close()
            return
        if self.parked is not None:
            self.parked.close()
        self.parked = last


@pytest.fixture(scope="session")
def tabs(browser) -> Iterator[Tabs]:
    window = Tabs(browser)
    yield window
    window.context.close()


@pytest.fixture
def open_tab(tabs):
    """``open_tab(width, height)``: a new tab of the given size, closed when the test ends."""
    opened = []

    def open_one(width: int = 1280, height: int = 800):
        opened.append(tabs.open(width, height))
        return opened[-1]

    yield open_one
    tabs.close(opened)


class PageWatch:
    """Records every request and console error a page makes."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.failed_responses: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))

    def _on_response(self, response) -> None:
        if response.status >= 400 and not _is_base_path_probe(response.url):
            self.failed_responses.append(f"{response.status} {response.url}")

    def _on_console(self, msg) -> None:
        # Chromium logs every 4xx as "Failed to load resource" without its URL; those are judged
        # by URL in _on_response instead, so Streamlit's own base-path probe is not an app error.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.console_errors.append(msg.text)

    def problems(self) -> list[str]:
        return self.console_errors + self.failed_responses

    def external_requests(self) -> list[str]:
        external = []
        for url in self.requests:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                external.append(url)
        return external


@pytest.fixture
def watched_page(open_tab):
    return PageWatch(open_tab())


def wait_for_page(page, charts: int = 0, timeout: int = 60_000) -> None:
    """Wait until the script has finished (the footer is drawn) and ``charts`` plotly charts are."""
    page.wait_for_selector("h1", timeout=timeout)
    page.locator(".st-key-page_footer").first.wait_for(timeout=timeout)
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=timeout
        )


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # Streamlit scrolls inside its main container, so grow the viewport to the content first.
    viewport = page.viewport_size
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], section.main')]"
        ".map(e => e.scrollHeight), window.innerHeight)"
    )
    page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 8000)})
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path
