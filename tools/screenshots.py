"""Screenshots of every page, for the README and for before/after checks.

Each page at a laptop's 1280×800 and a projector's 1920×1080 (and 1024×768 with ``--small``), with
Debian's Chromium: the whole page at that width (the window is made as tall as the page, so the
charts below the fold are in the picture), and each slide in presentation mode at exactly that
size. The app must already be running::

    .venv/bin/python -m tools.screenshots --url http://localhost:8501 --out docs/screens

Run it against an older commit's server into another folder to compare before and after.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM_ARGS, chromium

# (file stem, path): every page, the country profile with a state picked.
PAGES = (
    ("overview", "/"),
    ("membership", "/membership"),
    ("structure", "/structure"),
    ("exercises", "/exercises"),
    ("country", "/country?country=KGZ"),
    ("chronology", "/chronology?ch_ex=1"),
    ("briefing", "/briefing"),
    ("sources", "/sources"),
)
SIZES = ((1280, 800), (1920, 1080))
SMALL = (1024, 768)


def shoot(url: str, out: Path, sizes: tuple[tuple[int, int], ...], lang: str) -> list[Path]:
    """One PNG per page and size (and in presentation mode at each size); returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for width, height in sizes:
            for stem, path in PAGES:
                for mode, extra in (("", ""), ("-present", "present=1")):
                    if mode and stem in ("overview", "sources"):
                        continue  # no slide of their own
                    query = "&".join(part for part in (extra, "" if lang == "en" else f"lang={lang}") if part)
                    joiner = "&" if "?" in path else "?"
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.goto(f"{url}{path}{joiner + query if query else ''}")
                    page.wait_for_selector("h1", timeout=60_000)
                    page.wait_for_timeout(4_000)  # charts drawn, fonts in, plotly's second layout done
                    if not mode:  # the page scrolls inside Streamlit's main box: open the window to it
                        tall = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
                        page.set_viewport_size({"width": width, "height": max(height, int(tall))})
                        page.wait_for_timeout(1_500)
                    target = out / f"{stem}{mode}{'' if lang == 'en' else '-' + lang}-{width}x{height}.png"
                    page.screenshot(path=str(target))
                    _shrink(target)
                    written.append(target)
                    context.close()
        browser.close()
    return written


def _shrink(path: Path) -> None:
    """256 colours are plenty for a flat interface and its charts: a third of the bytes in git."""
    with Image.open(path) as picture:
        picture.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8501")
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    parser.add_argument("--small", action="store_true", help="also 1024×768")
    args = parser.parse_args()
    sizes = (SMALL, *SIZES) if args.small else SIZES
    for path in shoot(args.url.rstrip("/"), args.out, sizes, args.lang):
        print(path)


if __name__ == "__main__":
    main()
