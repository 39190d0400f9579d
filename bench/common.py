"""Shared benchmark plumbing: start a Streamlit server, find Chromium, measure RSS, print tables.

Public tools only: Playwright driving Debian's Chromium, psutil, time.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path:
        sys.exit("Debian's chromium is needed: apt-get install -y chromium")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until ``url`` answers its health check; fails at once if ``proc`` has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy in {timeout} s")


@contextmanager
def server(
    script: str = "app.py", data_dir: Path | None = None, timeout: float = 120
) -> Iterator[tuple[str, psutil.Process, float]]:
    """Run ``streamlit run script``; yields (url, process, seconds until the health check passed)."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if data_dir:
        env["CSTO_DATA_DIR"] = str(data_dir)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            *(["-m", "components.ui.serve"] if script == "app.py" else ["-m", "streamlit", "run", script]),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            if time.perf_counter() - started > timeout or proc.poll() is not None:
                raise RuntimeError("server did not start")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        yield url, psutil.Process(proc.pid), time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def rss_mb(process: psutil.Process) -> float:
    return process.memory_info().rss / 1_000_000


def drawn_condition(charts: int) -> str:
    """JavaScript that is true once the script finished (footer drawn), no skeletons are left,
    ``charts`` plotly charts are drawn and every map has its outlines (plotly draws a map's land
    only after loading the outline file, a few hundred milliseconds after the chart appears)."""
    return (
        "!!document.querySelector('.st-key-page_footer')"
        " && document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"
        f" && document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}"
        " && Array.from(document.querySelectorAll('.js-plotly-plot .geo'))"
        ".every(map => map.querySelector('.layer.land path'))"
    )


def wait_drawn(page, charts: int, timeout: int = 120_000) -> None:
    """Wait for :func:`drawn_condition`, checked on every animation frame.

    One ``wait_for_function`` (polled each frame), not ``locator.wait_for``: Playwright retries a
    locator after 0, 20, 50, 100, 100 and then every 500 ms, so a page drawn at 590 ms was reported
    at about 950 ms and the navigation figures carried up to half a second of polling delay."""
    page.wait_for_function(drawn_condition(charts), timeout=timeout, polling="raf")


def wait_idle(page, timeout: int = 120_000) -> None:
    """Wait until Streamlit's running indicator has come and gone."""
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def table(rows: list[dict], title: str) -> str:
    """A Markdown table (printed, and pasted into bench/RESULTS.md)."""
    columns = list(rows[0])
    lines = [f"### {title}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines) + "\n"
