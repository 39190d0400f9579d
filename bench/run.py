"""CSTO Explorer benchmarks: one results table per question, printed and optionally written.

    .venv/bin/python -m bench.run                 # full run (about 15 minutes on 2 cores)
    .venv/bin/python -m bench.run --smoke         # tiny sizes: proves every script still works
    .venv/bin/python -m bench.run --budget        # the page budgets only (about 6 minutes)
    .venv/bin/python -m bench.run --write bench/RESULTS.md

Public tools only: Playwright driving Debian's Chromium, psutil, time. All traffic is to the app on
127.0.0.1; every loop is bounded by the sizes and repeat counts below.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import psutil
from playwright.sync_api import sync_playwright

from bench.common import (
    CHROMIUM_ARGS,
    chromium,
    drawn_condition,
    median_ms,
    rss_mb,
    server,
    table,
    wait_drawn,
    wait_idle,
)
from bench.synth import generate
from components.derive.org import layered_layout, spring_layout

PAGES = {
    "overview": ("", 0),
    "membership": ("membership", 3),
    "structure": ("structure", 1),
    "exercises": ("exercises", 2),
}
# A section's app server: (url, process, seconds to healthy), started for it or kept from before.
Running = tuple[str, psutil.Process, float]
Servers = Callable[[], AbstractContextManager[Running]]


def fresh_app() -> AbstractContextManager[Running]:
    return server()


def fresh_reference() -> AbstractContextManager[Running]:
    return server("bench/reference_app.py")


class Pair(NamedTuple):
    """Our app and the one-chart floor, measured in turns: each started fresh for its section (the
    full run) or kept from before (the smoke run)."""

    app: Servers = fresh_app
    reference: Servers = fresh_reference


@contextmanager
def kept(running: Running) -> Iterator[Running]:
    """A server started once for the whole smoke run: every section uses it, none stops it."""
    yield running


# page -> (selectbox label, value typed): one filter change each
INTERACTIONS = {
    "membership": ("Country in focus", ["Uzbek", "Armen"]),
    "structure": ("Find a body", ["CRRF", "Joint Staff"]),
    "exercises": ("Exercise", ["Rubezh-2024", "Interaction-2023"]),
}


def cold_start(browser, keep: ExitStack | None = None) -> tuple[list[dict], Running]:
    """`streamlit run` -> health endpoint answers -> first page fully drawn. The server stops
    afterwards unless ``keep`` (the smoke run's stack of shared servers) takes it."""
    started = time.perf_counter()
    with ExitStack() as own:
        running = (keep or own).enter_context(server())
        url, _, healthy = running
        page = browser.new_page()
        page.goto(url)
        wait_drawn(page, 0)
        drawn = time.perf_counter() - started
        page.close()
    rows = [
        {"step": "health endpoint answers", "seconds": round(healthy, 2)},
        {"step": "Overview fully drawn", "seconds": round(drawn, 2)},
    ]
    return rows, running


def navigation(
    browser,
    repeats: int,
    pages: tuple[str, ...] = tuple(PAGES),
    servers: Pair | None = None,
) -> list[dict]:
    """Browser navigation -> every plotly chart drawn, median of ``repeats``, beside the reference.

    Each page is measured in turns with the reference (one load of each, ``repeats`` times), in
    two tabs against two servers, so both see the same machine load: on two shared cores the
    reference alone drifted by 10% between runs. The reference is loaded at the root for the
    Overview (our root) and at the deep link ``/chart`` for every other page."""
    rows = []
    app, reference = servers or Pair()
    with reference() as (reference_url, _, _), app() as (url, _, _):
        reference_tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        for name in pages:
            path, charts = PAGES[name]
            reference_address = f"{reference_url}/{'chart' if path else ''}"
            _load(reference_tab, reference_address, 1)  # warm both once
            _load(tab, f"{url}/{path}", charts)
            references, samples = [], []
            for _ in range(repeats):
                references.append(_load(reference_tab, reference_address, 1))
                samples.append(_load(tab, f"{url}/{path}", charts))
            rows.append(
                {
                    "page": name,
                    "median ms": median_ms(samples),
                    "reference median ms (same turns)": median_ms(references),
                    "ratio to reference": round(statistics.median(samples) / statistics.median(references), 2),
                }
            )
        reference_tab.close()
        tab.close()
    return rows


def _load(page, address: str, charts: int) -> float:
    """Seconds from ``goto`` to drawn."""
    start = time.perf_counter()
    page.goto(address)
    wait_drawn(page, charts)
    return time.perf_counter() - start


def in_app_navigation(
    browser,
    repeats: int,
    pages: tuple[str, ...] = tuple(INTERACTIONS),
    servers: Pair | None = None,
) -> list[dict]:
    """A click on a link inside the app -> every chart drawn: no page load and no new session, the
    way a reader moves between pages in the sidebar. Beside the reference's own link from ``/start``
    to its one-chart page, in the same turns. Each click starts from a freshly loaded page."""
    from components.i18n.text import t  # the sidebar's labels  English, the default language

    rows = []
    app, reference = servers or Pair()
    with reference() as (reference_url, _, _), app() as (url, _, _):
        reference_tab = browser.new_page(viewport={"width": 1280, "height": 800})
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        for name in pages:
            charts = PAGES[name][1]
            references, samples = [], []
            for _ in range(repeats + 1):  # the first turn warms both
                references.append(_click(reference_tab, f"{reference_url}/start", "stPageLink", "Chart", 1))
                samples.append(_click(tab, url, "stSidebarNav", t(f"nav.{name}"), charts))
            reference = statistics.median(references[1:])
            rows.append(
                {
                    "page": name,
                    "median ms": median_ms(samples[1:]),
                    "reference median ms (same turns)": median_ms(references[1:]),
                    "ratio to reference": round(statistics.median(samples[1:]) / reference, 2),
                }
            )
        reference_tab.close()
        tab.close()
    return rows


def _click(page, start: str, container: str, label: str, charts: int) -> float:
    """Load ``start``, then seconds from a click on the link ``label`` until the new page is drawn
    and settled (its script finished and no element of the previous page is left)."""
    page.goto(start)
    wait_drawn(page, 0)
    began = time.perf_counter()
    page.get_by_test_id(container).get_by_text(label, exact=True).first.click()
    page.wait_for_function(
        f"{drawn_condition(charts)} && document.querySelectorAll('.js-plotly-plot').length >= {charts}"
        " && !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        polling="raf",
        timeout=120_000,
    )
    return time.perf_counter() - began


def interaction(
    browser, repeats: int, pages: tuple[str, ...] = tuple(INTERACTIONS), app: Servers = fresh_app
) -> list[dict]:
    """A filter change in the browser -> rerun finished and charts redrawn (median)."""
    rows = []
    with app() as (url, _, _):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        for name in pages:
            label, values = INTERACTIONS[name]
            path, charts = PAGES[name]
            page.goto(f"{url}/{path}")
            wait_drawn(page, charts)
            samples = []
            for index in range(repeats):
                box = page.get_by_test_id("stSelectbox").filter(has_text=label)
                box.click()
                page.keyboard.type(values[index % len(values)])
                before = page.url
                start = time.perf_counter()
                page.keyboard.press("Enter")
                page.wait_for_url(lambda address, previous=before: address != previous)  # the rerun ran
                wait_idle(page)
                wait_drawn(page, charts)
                samples.append(time.perf_counter() - start)
            rows.append({"page": name, "filter change -> redrawn, median ms": median_ms(samples)})
        page.close()
    return rows


def _cpu_seconds(browser, address: str, charts: int) -> float:
    """Renderer main-thread busy seconds (CDP ``TaskDuration``) for one load of ``address`` in a
    fresh tab, until every chart is drawn and the script has finished. A fresh tab each time: the
    counters of a reused tab reset on some navigations and not on others."""
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        session = tab.context.new_cdp_session(tab)
        session.send("Performance.enable")
        tab.goto(address)
        wait_drawn(tab, charts)
        wait_idle(tab)
        metrics = {metric["name"]: metric["value"] for metric in session.send("Performance.getMetrics")["metrics"]}
        return float(metrics["TaskDuration"])
    finally:
        tab.close()


def browser_cpu(
    browser,
    repeats: int,
    pages: tuple[str, ...] = tuple(PAGES),
    servers: Pair | None = None,
) -> list[dict]:
    """Chromium CPU per page load: the renderer's main-thread task time (plotly, layout, paint,
    React), median of ``repeats`` fresh-tab loads, in turns with the one-chart reference."""
    rows = []
    app, reference = servers or Pair()
    with reference() as (reference_url, _, _), app() as (url, _, _):
        for name in pages:
            path, charts = PAGES[name]
            reference_address = f"{reference_url}/{'chart' if path else ''}"
            references, samples = [], []
            for _ in range(repeats + 1):  # the first turn warms both servers
                references.append(_cpu_seconds(browser, reference_address, 1))
                samples.append(_cpu_seconds(browser, f"{url}/{path}", charts))
            rows.append(
                {
                    "page": name,
                    "CPU s per load": round(statistics.median(samples[1:]), 2),
                    "reference CPU s": round(statistics.median(references[1:]), 2),
                    "ratio to reference": round(statistics.median(samples[1:]) / statistics.median(references[1:]), 2),
                }
            )
    return rows


# The budgets: (section key, column holding the measure, limit, how the limit is read)
BUDGETS = {
    "navigation": ("ratio to reference", 1.3, "× the one-chart floor"),
    "link": ("ratio to reference", 1.5, "× the floor's link"),
    "filter": ("filter change -> redrawn, median ms", 100.0, "ms"),
    "cpu": ("ratio to reference", 1.5, "× the floor's CPU"),
}


def budget_rows(measured: dict[str, list[dict]]) -> list[dict]:
    """One row per page and budget: the measure, the limit and whether it is met."""
    rows = []
    for key, results in measured.items():
        column, limit, unit = BUDGETS[key]
        for result in results:
            value = result[column]
            rows.append(
                {
                    "budget": key,
                    "page": result["page"],
                    "measured": value,
                    "limit": f"≤ {limit} {unit}",
                    "met": "yes" if value <= limit else "**no**",
                }
            )
    return rows


def server_reruns(data_dir: Path | None, repeats: int, pages: tuple[str, ...] = tuple(PAGES)) -> dict[str, float]:
    """Median time of one script rerun per page, in process (Streamlit AppTest), caches warm."""
    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("CSTO_DATA_DIR")
    if data_dir:
        os.environ["CSTO_DATA_DIR"] = str(data_dir)
    results = {}
    try:
        for name in pages:
            path = PAGES[name][0]
            at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=600)
            at.run()
            if path:
                at.switch_page(f"pages/{name}.py").run()
            samples = []
            for _ in range(repeats):
                start = time.perf_counter()
                at.run()
                samples.append(time.perf_counter() - start)
            results[name] = median_ms(samples)
    finally:
        if previous is None:
            os.environ.pop("CSTO_DATA_DIR", None)
        else:
            os.environ["CSTO_DATA_DIR"] = previous
    return results


def bytes_sent(browser, url: str, pages: tuple[str, ...] = tuple(PAGES)) -> dict[str, int]:
    """Bytes the server sends over the WebSocket while each page loads and draws."""
    sizes = {}
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    received = [0]

    def on_socket(socket) -> None:
        socket.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", on_socket)
    for name in pages:
        path, charts = PAGES[name]
        page.goto(f"{url}/{path}")
        wait_drawn(page, charts)
        received[0] = 0
        page.reload()
        wait_drawn(page, charts)
        wait_idle(page)
        sizes[name] = received[0]
    page.close()
    return sizes


def scale(browser, sizes: list[int], repeats: int, pages: tuple[str, ...] = tuple(PAGES)) -> list[dict]:
    """Server rerun time and bytes sent per page with synthetic exercises and events."""
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(Path(tmp) / "data", size, size)
            reruns = server_reruns(folder, repeats, pages)
            with server(data_dir=folder, timeout=600) as (url, _, _):
                sent = bytes_sent(browser, url, pages)
        for name in pages:
            rows.append(
                {
                    "rows (exercises, events)": f"{size:,}",
                    "page": name,
                    "rerun median ms": reruns[name],
                    "KB sent": round(sent[name] / 1000, 1),
                }
            )
    return rows


def memory(browser, counts: list[int], app: Servers = fresh_app) -> list[dict]:
    """Server RSS with 1, 10 and 20 sessions open on the Exercise map (then idle); the cost of
    each session beyond the first, which pays for imports and loading the data."""
    rows = []
    with app() as (url, process, _):
        contexts = []
        first = None
        for target in counts:
            while len(contexts) < target:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(f"{url}/exercises")
                wait_drawn(page, 2)
                contexts.append(context)
            time.sleep(2)
            rss = rss_mb(process)
            first = rss if first is None else first
            extra = round((rss - first) / (target - counts[0]), 2) if target > counts[0] else "—"
            rows.append({"sessions": target, "server RSS MB": round(rss, 1), "MB per extra session": extra})
        for context in contexts:
            context.close()
    return rows


def layouts(node_counts: list[int]) -> list[dict]:
    """Layout time against node count on synthetic org charts (a tree under one supreme body)."""
    rows = []
    kinds = ["statutory", "permanent", "subsidiary", "working_group", "forces", "operation"]
    for count in node_counts:
        tree = (
            nx.random_labeled_tree(count, seed=7)
            if hasattr(nx, "random_labeled_tree")
            else nx.random_tree(count, seed=7)
        )
        graph = nx.DiGraph()
        for node in tree.nodes:
            graph.add_node(
                f"b{node}",
                kind="statutory" if node == 0 else kinds[1 + node % (len(kinds) - 1)],
                name=f"Body {node}",
                abbreviation="",
                established=None,
            )
        for parent, child in nx.bfs_edges(tree, 0):
            graph.add_edge(f"b{child}", f"b{parent}", relation="reports_to")
        timings = {}
        for label, layout in (("layered", layered_layout), ("spring (seeded)", spring_layout)):
            layout(graph)  # warm: a first call can pay for an import or a collection of earlier garbage
            samples = []
            for _ in range(3):
                start = time.perf_counter()
                layout(graph)
                samples.append(time.perf_counter() - start)
            timings[label] = median_ms(samples)
        rows.append({"nodes": count, "layered ms": timings["layered"], "spring ms": timings["spring (seeded)"]})
    return rows


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat")
    parser.add_argument(
        "--budget", action="store_true", help="only the page budgets: navigation, link, filter change, browser CPU"
    )
    parser.add_argument("--write", type=Path, help="write the results as Markdown to this file")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    repeats = 1 if args.smoke else 10
    sizes = [200] if args.smoke else [1_000, 10_000, 100_000]
    sessions = [1, 2] if args.smoke else [1, 10, 20]
    # networkx's spring layout needs scipy from 500 nodes; the app's own graph has about 30.
    nodes = [30, 100] if args.smoke else [30, 100, 300, 450]
    # The smoke run proves every script still works on one page, with one app server and one
    # reference server kept for all sections (in the full run each section starts its own, so
    # that none inherits another's caches or memory); the full run measures every page.
    pages = ("structure",) if args.smoke else tuple(PAGES)
    interacted = tuple(name for name in INTERACTIONS if name in pages)
    sections: list[str] = []

    def emit(section: str) -> None:
        sections.append(section)
        print(section, flush=True)  # partial results survive a failure later in the run

    with sync_playwright() as pw, ExitStack() as servers:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        # The smoke run keeps the cold-started server and one reference server for every section.
        app, reference = fresh_app, fresh_reference
        if not args.budget:
            started, shared_app = cold_start(browser, servers if args.smoke else None)
            emit(table(started, "1. Cold start"))
            if args.smoke:
                shared_reference = servers.enter_context(fresh_reference())
                app, reference = (lambda: kept(shared_app)), (lambda: kept(shared_reference))
        measured = {"navigation": navigation(browser, repeats, pages, Pair(app, reference))}
        emit(table(measured["navigation"], "2. Navigation -> every chart drawn (browser)"))
        measured["link"] = in_app_navigation(browser, repeats, interacted, Pair(app, reference))
        emit(table(measured["link"], "2b. A link clicked inside the app -> every chart drawn"))
        measured["filter"] = interaction(browser, max(2, repeats // 2), interacted, app)
        shipped = server_reruns(None, repeats, interacted)
        for row in measured["filter"]:
            row["server rerun median ms"] = shipped[row["page"]]
        emit(table(measured["filter"], "3. Interaction: filter change (browser) and server rerun (shipped data)"))
        measured["cpu"] = browser_cpu(browser, max(2, repeats // 2), pages, Pair(app, reference))
        emit(table(measured["cpu"], "3b. Chromium CPU per page load (renderer main thread, CDP TaskDuration)"))
        emit(table(budget_rows(measured), "3c. Budgets (performance issue #35), all from this run"))
        if not args.budget:
            emit(table(scale(browser, sizes, max(3, repeats // 2), pages), "4. Scale: synthetic exercises and events"))
            emit(table(memory(browser, sessions, app), "5. Memory: server RSS with open sessions"))
        browser.close()
    if not args.budget:
        emit(table(layouts(nodes), "6. Network layout time against node count"))
    flags = " --smoke" if args.smoke else " --budget" if args.budget else ""
    header = (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} · run {datetime.now(tz=UTC):%Y-%m-%d %H:%M} UTC · "
        f"command: `.venv/bin/python -m bench.run{flags}`\n"
    )
    report = header + "\n" + "\n".join(sections)
    print(header)
    if args.write:
        args.write.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
