"""Every CSS rule the app sets, and where each one's selector must find something.

Streamlit gives keyed containers a stable class (``st.container(key="page_filters")`` ->
``.st-key-page_filters``): rules use those where the app draws the element itself. Where it does
not (the main block's padding, the title, metric values, the sidebar's chrome), a rule has to name
Streamlit's own test ids, which a Streamlit upgrade may rename without notice. So every rule is
declared here once, with ``found_on``: a page (URL path and query) where its selector must match
at least one element. ``tests/browser/test_style_hooks_browser.py`` opens those pages and fails
naming the selector that matches nothing. Rules for what only shows now and then (a toast, the
"running" widget, the collapsed sidebar's button) say so with ``found_on=None``.

Static CSS only: nothing from the data reaches these strings (``st.html`` draws them). They are
built from literals and joins alone, so ``tests/test_security.py`` can check that statically.
"""

from __future__ import annotations

from typing import NamedTuple

NARROW = "(max-width: 1279.98px)"  # a 1024×768 projector, not a 1280-px laptop
PHONE = "(max-width: 640px)"
PRESENTING = "membership?present=1"
BRIEFING_PRESENTED = "briefing?present=1"


class Rule(NamedTuple):
    selector: str  # one selector (no commas: each is checked on its own)
    declarations: str
    found_on: str | None  # "exercises", "membership?present=1"...; None: shows only at times


# The chart leads: a compact title, the filters in the sidebar (first in it, above the app's own
# controls), metrics in one slim row, so that from 1024 px up the main chart starts in the upper
# half of the first screen (issue 31; tests/browser/test_page_walk_browser.py measures it).
PAGE_LAYOUT = (
    ('[data-testid="stMainBlockContainer"]', "padding-top: 3.5rem;", "exercises"),
    ('[data-testid="stMain"] h1', "font-size: 1.75rem; line-height: 1.25; padding: 0;", "exercises"),
    ('[data-testid="stMain"] [data-testid="stMetricValue"]', "font-size: 1.5rem;", "exercises"),
    (
        '[data-testid="stSidebarUserContent"] [data-testid="stLayoutWrapper"]:has(> .st-key-page_filters)',
        "order: -1;",
        "exercises",
    ),
)

# On a phone (PHONE) a chart keeps the width its labels were laid out for (as at 1024 px) and
# scrolls sideways inside its own box; four metrics wrap two a row instead of stacking (issue 31).
PHONE_CHART = (
    (
        '[data-testid="stMain"] [data-testid="stElementContainer"]:has(.stPlotlyChart)',
        "overflow-x: auto; overflow-y: hidden;",
        "exercises",
    ),
    ('[data-testid="stMain"] [data-testid="stFullScreenFrame"]:has(.stPlotlyChart)', "min-width: 680px;", "exercises"),
)
PHONE_METRICS = (
    (
        '[data-testid="stMain"] [data-testid="stHorizontalBlock"]'
        ':has(> [data-testid="stColumn"] [data-testid="stMetric"])',
        "flex-wrap: wrap;",
        "exercises",
    ),
    (
        '[data-testid="stMain"] [data-testid="stHorizontalBlock"]'
        ' > [data-testid="stColumn"]:has([data-testid="stMetric"])',
        "min-width: calc(50% - 1rem) !important; flex: 1 1 calc(50% - 1rem) !important;",
        "exercises",
    ),
)

# On a screen narrower than a 1280-pixel laptop's (NARROW), Streamlit's 5rem side padding would
# leave the charts about 560 px: the same page keeps 1.5rem so they get about 680. Button and
# metric labels there wrap onto a second line rather than end in "…".
WRAP = "white-space: normal; text-overflow: clip;"
NARROW_SCREEN = (
    ('[data-testid="stMainBlockContainer"]', "padding-left: 1.5rem; padding-right: 1.5rem;", "exercises"),
    ('[data-testid="stMain"] button [data-testid="stMarkdownContainer"]', WRAP, "exercises"),
    ('[data-testid="stMain"] button [data-testid="stMarkdownContainer"] p', WRAP, "exercises"),
    ('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]', WRAP, "exercises"),
    ('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p', WRAP, "exercises"),
)

# Presentation mode: the page is a slide. Larger type for a projector (Streamlit sizes in rem);
# the app's chrome, the sidebar, notices and editors hidden; the slide (.st-key-present_slide) a
# column as tall as the screen in which the chart box (.st-key-present_chart) takes what the
# title, the caption and the source line leave (components/ui/present.py); First/Last mounted
# (their Home/End keys work) but off screen; the exit button a small mark in the corner. The
# small buttons stay fully opaque: faded to 40-55 % their text fell to 2.4:1 (WCAG AA asks 4.5:1).
# (A rule hiding [data-testid="stDecoration"] went: Streamlit 1.67 draws no such element, as the
# style-hook test found.)
HIDE = "display: none !important;"
FULL_HEIGHT = "height: 100% !important;"
PRESENTATION = (
    ("html", "font-size: 21px;", PRESENTING),
    ('[data-testid="stHeader"]', HIDE, PRESENTING),
    ('[data-testid="stToolbar"]', HIDE, PRESENTING),
    ('[data-testid="stStatusWidget"]', HIDE, None),  # only while the script runs
    ('[data-testid="stToastContainer"]', HIDE, None),  # only while a toast shows
    ('[data-testid="stToast"]', HIDE, None),
    ('[data-testid="stExpander"]', HIDE, None),  # only on a page with an expander
    ('[data-testid="stSidebar"]', HIDE, None),  # when presenting was switched on from the sidebar
    ('[data-testid="stSidebarCollapsedControl"]', HIDE, None),
    ('[data-testid="stExpandSidebarButton"]', HIDE, None),
    ("footer", HIDE, None),
    (
        '[data-testid="stMainBlockContainer"]',
        "padding: 0.6rem 1.6rem 0 1.6rem !important; max-width: 100% !important;",
        PRESENTING,
    ),
    ('[data-testid="stMain"] h1', "font-size: 1.9rem; padding: 0 5rem 0 0; margin: 0;", PRESENTING),
    # The slide is pinned to the screen (not placed after the style blocks, whose empty boxes
    # still take a gap each) and its parts keep their own height, but the chart box, which takes the rest.
    (
        "[data-testid='stLayoutWrapper']:has(> .st-key-present_slide)",
        "position: fixed; top: 0.6rem; bottom: 0.3rem; left: 1.6rem; right: 1.6rem; width: auto !important;"
        " height: auto;",
        PRESENTING,
    ),
    (".st-key-present_slide", "height: 100%; flex-wrap: nowrap;", PRESENTING),
    (".st-key-present_slide > *", "flex: none;", PRESENTING),
    (
        ".st-key-present_slide > div:has(> .st-key-present_chart)",
        "flex: 1 1 0 !important; min-height: 200px;",
        PRESENTING,
    ),
    (".st-key-present_chart", "height: 100% !important; flex: none !important;", PRESENTING),
    (".st-key-present_chart [data-testid='stElementContainer']", FULL_HEIGHT, PRESENTING),
    (".st-key-present_chart [data-testid='stFullScreenFrame']", FULL_HEIGHT, PRESENTING),
    (".st-key-present_chart .stPlotlyChart", FULL_HEIGHT, PRESENTING),
    (".st-key-present_chart .js-plotly-plot", FULL_HEIGHT, PRESENTING),
    (".st-key-page_footer", "gap: 0.6rem;", PRESENTING),
    (".st-key-page_footer p", "font-size: 0.72rem; margin: 0;", PRESENTING),
    (".st-key-page_footer button", "min-height: 1.6rem; padding: 0 0.5rem;", BRIEFING_PRESENTED),
    (".st-key-first", "position: absolute; left: -9999px;", BRIEFING_PRESENTED),
    (".st-key-last", "position: absolute; left: -9999px;", BRIEFING_PRESENTED),
    (".st-key-present_exit", "position: fixed; top: 0.3rem; right: 0.4rem; z-index: 1000; width: auto;", PRESENTING),
    (".st-key-present_exit button", "min-height: 1.4rem; padding: 0 0.4rem; font-size: 0.6rem;", PRESENTING),
)

# The <style> blocks, from the rules above by joins alone (``selector`` is one rule).
LAYOUT_CSS = "<style>" + "".join(selector[0] + " { " + selector[1] + " }" for selector in PAGE_LAYOUT) + "</style>"
PHONE_CHART_CSS = (
    "<style>@media "
    + PHONE
    + " {"
    + "".join(" " + selector[0] + " { " + selector[1] + " }" for selector in PHONE_CHART)
) + " }</style>"
PHONE_METRICS_CSS = (
    "<style>@media "
    + PHONE
    + " {"
    + "".join(" " + selector[0] + " { " + selector[1] + " }" for selector in PHONE_METRICS)
    + " }</style>"
)
NARROW_SCREEN_CSS = (
    "<style>@media "
    + NARROW
    + " {"
    + "".join(" " + selector[0] + " { " + selector[1] + " }" for selector in NARROW_SCREEN)
    + " }</style>"
)
PRESENTATION_CSS = (
    "<style>" + "".join(selector[0] + " { " + selector[1] + " }" for selector in PRESENTATION) + "</style>"
)

ALL_RULES = tuple(Rule(*rule) for rule in (*PAGE_LAYOUT, *PHONE_CHART, *PHONE_METRICS, *NARROW_SCREEN, *PRESENTATION))
