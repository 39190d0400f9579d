"""Where the main chart starts on each chart page, and the first screen as a reader sees it.

The main chart is the first plotly chart in the page's main area; its top is measured in CSS pixels
from the top of the window, with the sidebar open as Streamlit opens it. From 1024 px up it should
start in the upper half of the first screen. The app must already be running::

    .venv/bin/python -m tools.chart_top --url http://localhost:8501 --out docs/screens/layout-after

prints one line per page and size and saves the first screen of each as a small PNG.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM_ARGS, chromium
from tools.screenshots import _shrink

# (file stem, path): the chart pages as a reader opens them.
CHART_PAGES = (
    ("membership", "/membership"),
    ("structure", "/structure"),
    ("exercises", "/exercises"),
    ("chronology", "/chronology"),
    ("country", "/country?country=KGZ"),
)
SIZES = ((1366, 768), (390, 844))

# The first chart's top in the window, and whether the page scrolls sideways.
MEASURE = """
() => {
  const plot = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    top: plot ? Math.round(plot.getBoundingClientRect().top) : null,
    sideways: Math.max(document.documentElement.scrollWidth, main ? main.scrollWidth : 0) > window.innerWidth + 1,
  };
}
"""


def measure(url: str, out: Path | None, lang: str = "en") -> list[str]:
    """One line per page and size: the main chart's top, and the first screen saved to ``out``."""
    lines = []
    if out:
        out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height})
            for stem, path in CHART_PAGES:
                page = context.new_page()
                joiner = "&" if "?" in path else "?"
                page.goto(f"{url}{path}{'' if lang == 'en' else joiner + 'lang=' + lang}")
                page.locator(".st-key-page_footer").first.wait_for(timeout=180_000)
                page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .main-svg', timeout=180_000)
                page.wait_for_timeout(2_500)  # fonts in, plotly's second layout done
                found = page.evaluate(MEASURE)
                half = "upper half" if found["top"] is not None and found["top"] < height / 2 else "below half"
                sideways = ", scrolls sideways" if found["sideways"] else ""
                lines.append(f"{stem:<11} {width}x{height}: chart top {found['top']} px ({half}){sideways}")
                if out:
                    target = out / f"{stem}{'' if lang == 'en' else '-' + lang}-{width}x{height}.png"
                    page.screenshot(path=str(target))
                    _shrink(target)
                page.close()
            context.close()
        browser.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8501")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--lang", default="en", choices=["en", "ru"])
    args = parser.parse_args()
    for line in measure(args.url.rstrip("/"), args.out, args.lang):
        print(line, flush=True)


if __name__ == "__main__":
    main()
