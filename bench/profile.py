"""Where a page load's browser time goes: a CDP CPU profile of one load per page, by source.

    .venv/bin/python -m bench.profile                      # every page, beside the one-chart floor
    .venv/bin/python -m bench.profile --pages exercises --top 15

Each page is loaded in a fresh tab with the JavaScript profiler on (sampling every 200 µs) until
every chart is drawn and the script has finished. The samples' self time is summed by the script
they ran in — plotly.js, Streamlit's own bundle (React included), other scripts — plus the
renderer's own work outside JavaScript (style, layout, paint: ``(program)``), and garbage
collection. Public tools only: Playwright driving Debian's Chromium.
"""

from __future__ import annotations

import argparse
from collections import Counter
from contextlib import ExitStack

from playwright.sync_api import sync_playwright

from bench.common import CHROMIUM_ARGS, chromium, server, table, wait_drawn, wait_idle
from bench.run import PAGES

# Streamlit ships plotly.js inside its PlotlyChart chunk; the other chunks are named by what they hold.
SCRIPTS = (
    ("PlotlyChart", "plotly.js (Streamlit's chart chunk)"),
    ("react-dom", "React"),
    ("emotion", "CSS-in-JS (emotion, styled-components)"),
    ("styled-components", "CSS-in-JS (emotion, styled-components)"),
    ("StreamlitMarkdown", "Markdown"),
)
SPECIAL = {"(program)": "renderer outside JavaScript", "(garbage collector)": "garbage collection", "(idle)": "idle"}


def source_of(node: dict) -> str:
    """The bucket a profile node's self time belongs to."""
    frame = node["callFrame"]
    name, url = frame.get("functionName", ""), frame.get("url", "")
    if name in SPECIAL and not url:
        return SPECIAL[name]
    script = url.rsplit("/", 1)[-1]
    for marker, bucket in SCRIPTS:
        if marker in script:
            return bucket
    if "/static/" in url:
        return "Streamlit, other"
    return "other JavaScript" if url else "native (DOM, V8 builtins)"


def profile_load(browser, address: str, charts: int) -> tuple[Counter, Counter]:
    """(self ms by bucket, self ms by top function) for one load of ``address`` in a fresh tab."""
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        session = tab.context.new_cdp_session(tab)
        session.send("Profiler.enable")
        session.send("Profiler.setSamplingInterval", {"interval": 200})
        session.send("Profiler.start")
        tab.goto(address)
        wait_drawn(tab, charts)
        wait_idle(tab)
        profile = session.send("Profiler.stop")["profile"]
    finally:
        tab.close()
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = dict.fromkeys(nodes, 0.0)
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        deltas[sample] += delta / 1000
    buckets, functions = Counter(), Counter()
    for node_id, milliseconds in deltas.items():
        node = nodes[node_id]
        buckets[source_of(node)] += milliseconds
        frame = node["callFrame"]
        where = frame.get("url", "").rsplit("/", 1)[-1]
        functions[f"{frame.get('functionName') or '(anonymous)'} [{where}]"] += milliseconds
    buckets.pop("idle", None)
    return buckets, functions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--top", type=int, default=0, help="also list this many functions by self time")
    args = parser.parse_args()
    rows, tops = [], []
    with sync_playwright() as pw, ExitStack() as stack:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        url = stack.enter_context(server())[0]
        reference_url = stack.enter_context(server("bench/reference_app.py"))[0]
        profile_load(browser, f"{reference_url}/chart", 1)  # warm both servers
        targets = [("floor (one chart)", f"{reference_url}/chart", 1)]
        targets += [(name, f"{url}/{PAGES[name][0]}", PAGES[name][1]) for name in args.pages]
        for name, address, charts in targets:
            profile_load(browser, address, charts)  # warm: caches filled, bundles in the disk cache
            buckets, functions = profile_load(browser, address, charts)
            rows.append(
                {
                    "page": name,
                    **{k: round(v) for k, v in sorted(buckets.items())},
                    "total ms": round(sum(buckets.values())),
                }
            )
            tops += [
                {"page": name, "function [script]": f, "self ms": round(ms)}
                for f, ms in functions.most_common(args.top)
            ]
        browser.close()
    columns = sorted({key for row in rows for key in row} - {"page", "total ms"})
    rows = [{"page": row["page"], **{c: row.get(c, 0) for c in columns}, "total ms": row["total ms"]} for row in rows]
    print(table(rows, "Browser self time per page load, by source (ms, one warm load each)"))
    if tops:
        print(table(tops, f"Top {args.top} functions by self time"))


if __name__ == "__main__":
    main()
