"""Many viewers: N browser sessions at once, each driving filter changes on every page.

    .venv/bin/python bench/load.py --sessions 20 --reruns 5

Reports errors (Streamlit exceptions, page errors) and server memory before, during and after.
Traffic goes only to the app on 127.0.0.1; the loop is bounded by --sessions and --reruns.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from playwright.async_api import async_playwright

from bench.common import CHROMIUM_ARGS, chromium, rss_mb, server, table

# page path -> (selectbox label to drive, values typed in turn)
DRIVES = {
    "membership": ("State in focus", ["Uzbek", "Armen", "Kyrgyz", "Belar", "Tajik", "Russia"]),
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


async def run(sessions: int, reruns: int) -> list[dict]:
    rows = []
    with server() as (url, process, _):
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            warm = await browser.new_page()
            await warm.goto(url)
            await warm.locator(".st-key-page_footer").first.wait_for(timeout=180_000)
            await warm.close()
            before = rss_mb(process)
            errors: list[str] = []
            started = time.perf_counter()
            results = await asyncio.gather(
                *(drive(browser, url, reruns, errors) for _ in range(sessions)), return_exceptions=True
            )
            counts = [r for r in results if isinstance(r, int)]
            errors += [f"session failed: {r!r}"[:300] for r in results if not isinstance(r, int)]
            elapsed = time.perf_counter() - started
            during = rss_mb(process)
            await browser.close()
        await asyncio.sleep(2)
        after = rss_mb(process)
        rows.append(
            {
                "sessions": sessions,
                "reruns driven": sum(counts),
                "errors": len(errors),
                "seconds": round(elapsed, 1),
                "RSS before (MB)": round(before, 1),
                "RSS with sessions (MB)": round(during, 1),
                "RSS after close (MB)": round(after, 1),
            }
        )
        for error in errors[:10]:
            print("ERROR", error)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--reruns", type=int, default=5)
    args = parser.parse_args()
    rows = asyncio.run(run(args.sessions, args.reruns))
    print(table(rows, "Many viewers"))
    if rows[0]["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
