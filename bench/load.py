"""Many viewers: N browser sessions at once, each driving filter changes on every page.

    .venv/bin/python bench/load.py --sessions 20 --reruns 5
    .venv/bin/python bench/load.py --sessions 5 --url http://127.0.0.1:PORT   # through a running proxy

Reports errors (Streamlit exceptions, page errors) and server memory before, during and after.
Traffic goes only to the app on 127.0.0.1; the loop is bounded by --sessions and --reruns.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import time
from urllib.parse import urlsplit

from playwright.async_api import async_playwright

from bench.common import CHROMIUM_ARGS, chromium, rss_mb, server, table

# page path -> (selectbox label to drive, values typed in turn)
DRIVES = {
    "membership": ("Country in focus", ["Uzbek", "Armen", "Kyrgyz", "Belar", "Tajik", "Russia"]),
    "structure": ("Find a body", ["CRRF", "Secretariat", "Joint Staff", "CSC", "ICMEC", "Channel"]),
    "exercises": (
        "Exercise",
        ["Interaction-2024", "Rubezh-2024", "Search-2023", "Echelon-2023", "Rubezh-2010", "Cobalt"],
    ),
}


async def drive(browser, url: str, reruns: int, errors: list[str]) -> int:
    """One viewer: open each page and pick a value in its search box ``reruns`` times."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    page.set_default_timeout(300_000)  # 20 viewers on 2 cores: slow is measured, not an error
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    done = 0
    for path, (label, values) in DRIVES.items():
        await page.goto(f"{url}/{path}")
        await page.locator(".st-key-page_footer").first.wait_for(timeout=180_000)
        for value in values[:reruns]:
            box = page.get_by_test_id("stSelectbox").filter(has_text=label)
            await box.click()
            await page.keyboard.type(value)
            await page.keyboard.press("Enter")
            await page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=180_000)
            done += 1
        exceptions = await page.get_by_test_id("stException").count()
        if exceptions:
            errors.append(f"{path}: {exceptions} Streamlit exception(s)")
    await context.close()
    return done


async def run(sessions: int, reruns: int, base_url: str | None = None) -> list[dict]:
    """Against a server started here (RSS measured), or against ``base_url`` (a proxy already
    running on this machine, e.g. the one `bench.proxy` starts: no RSS, the processes are not ours)."""
    rows = []
    with server() if base_url is None else _running(base_url) as (url, process, _):
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            warm = await browser.new_page()
            await warm.goto(url)
            await warm.locator(".st-key-page_footer").first.wait_for(timeout=180_000)
            await warm.close()
            before = rss_mb(process) if process else "—"
            errors: list[str] = []
            started = time.perf_counter()
            results = await asyncio.gather(
                *(drive(browser, url, reruns, errors) for _ in range(sessions)), return_exceptions=True
            )
            counts = [r for r in results if isinstance(r, int)]
            errors += [f"session failed: {r!r}"[:300] for r in results if not isinstance(r, int)]
            elapsed = time.perf_counter() - started
            during = rss_mb(process) if process else "—"
            await browser.close()
        await asyncio.sleep(2)
        after = rss_mb(process) if process else "—"
        rows.append(
            {
                "sessions": sessions,
                "reruns driven": sum(counts),
                "errors": len(errors),
                "seconds": round(elapsed, 1),
                "RSS before (MB)": _round(before),
                "RSS with sessions (MB)": _round(during),
                "RSS after close (MB)": _round(after),
            }
        )
        for error in errors[:10]:
            print("ERROR", error)
    return rows


@contextlib.contextmanager
def _running(url: str):
    if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("load goes to this machine only (127.0.0.1 / localhost)")
    yield url.rstrip("/"), None, 0.0


def _round(value):
    return round(value, 1) if isinstance(value, float) else value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--url", help="an app or proxy already running on this machine (default: start one)")
    args = parser.parse_args()
    rows = asyncio.run(run(args.sessions, args.reruns, args.url))
    print(table(rows, "Many viewers"))
    if rows[0]["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
