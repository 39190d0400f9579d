"""Accessibility the frame adds to every page: the document's language, the focus styles and the
"Skip to the chart" link.

Streamlit writes ``<html lang="en">`` into its page and offers no setting for it, so a Russian
page would be read by a screen reader with English rules. The app sets the attribute from the
interface language with one tiny script. Only a fixed code from ``LANGUAGES`` ("en" or "ru")
reaches that script, never data or a URL value, so nothing a viewer types can run in it.
"""

from __future__ import annotations

import json
import re

import streamlit as st
from streamlit.errors import StreamlitDuplicateElementKey

from components.i18n.text import language_code, t

# The script's own container is hidden: it draws nothing and takes no room on the page.
LANG_KEY = "html_lang"

# A keyboard user must see where the focus is: Streamlit's own ring in the sidebar is a faint
# 1-px outline. Every focusable control gets a 3-px ring in the text colour (16:1 on the sidebar
# grey, 3:1 is required for focus indicators), only for keyboard focus (:focus-visible).
# Captions and the shortcut marks on buttons: Streamlit draws them in the text colour at 60 %
# (#797B7E, 4.2:1 on white, 4.1:1 on the sidebar's grey); #5F6368 at full opacity gives 6.1:1 and
# 5.5:1 (WCAG AA asks 4.5:1 for text).
# Static CSS only: no data reaches this HTML.
CAPTION_COLOUR = "#5F6368"
# Buttons that show only their icon (the deck's move and remove buttons, and the exit mark of a presented
# slide, which sat over long titles): their label stays in the
# page, so a screen reader announces "Move slide up", but is clipped out of sight.
ICON_ONLY_KEYS = ("up_", "down_", "remove_", "present_exit")
_ICON_ONLY = ", ".join(
    f'[class*="st-key-{prefix}"] button [data-testid="stMarkdownContainer"]' for prefix in ICON_ONLY_KEYS
)
# A chart's text alternative (components/ui/render.py, show_chart) is read, not shown: the chart
# and its title are on screen; its container takes no room.
_CHART_ALT = '[class*="st-key-chart_alt_"]'
# The wrapper Streamlit puts around that container is a flex item of the column too: in flow it
# took a gap's height, which pushed a presented slide's source line below a 720-px screen.
_CHART_ALT_WRAPPER = f'[data-testid="stLayoutWrapper"]:has(> {_CHART_ALT})'
# The "Skip to the chart" link (skip_link_to): its script's container draws nothing either.
SKIP_KEY = "skip_to_chart"
SKIP_LINK_ID = "csto-skip-to-chart"
# Out of sight above the page until it has the keyboard focus, then shown at the top left, over
# Streamlit's header, in the text colour on white (16:1) with the focus ring's outline.
SKIP_LINK_CSS = (
    f"#{SKIP_LINK_ID} {{ position: fixed; left: 1rem; top: -200px; z-index: 1000010; background: #FFFFFF;"
    " color: #1F2328; padding: 0.5rem 1rem; border: 3px solid #1F2328; border-radius: 0.25rem;"
    " font-weight: 600; text-decoration: underline; }"
    f"#{SKIP_LINK_ID}:focus {{ top: 0.75rem; outline: 3px solid #1F2328; outline-offset: 2px; }}"
    # The chart the link leads to takes the focus (tabindex -1, set by the link): the ring shows it.
    '[data-testid="stMain"] [tabindex="-1"][class*="st-key-"]:focus'
    " { outline: 3px solid #1F2328 !important; outline-offset: 2px !important; }"
)
A11Y_CSS = (
    "<style>"
    f".st-key-{LANG_KEY}, .st-key-{SKIP_KEY},"
    f' [data-testid="stLayoutWrapper"]:has(> .st-key-{SKIP_KEY}) {{ display: none !important; }}'
    + SKIP_LINK_CSS
    + f'[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, button kbd'
    f" {{ color: {CAPTION_COLOUR} !important; opacity: 1 !important; }}"
    # The date field's day, month and year parts are its click targets: 24 px (WCAG 2.2, 2.5.8).
    # The field's side padding goes from 13 to 6 px so the wider parts still fit "2026-12-07" in the
    # 113-px field the membership page has on a 1024-px screen.
    '[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;'
    " text-align: center; }"
    '[data-testid="stDateInput"] [role="group"] { padding-left: 6px; padding-right: 6px; }'
    '[data-testid="stSidebar"] :is(a, button, input, [role="button"], [role="combobox"], [role="switch"],'
    ' [role="radio"], [tabindex]):focus-visible, [data-testid="stMain"] :is(a, button, input, [role="button"],'
    ' [role="combobox"], [role="switch"], [role="radio"], [role="tab"], [role="slider"], summary)'
    # A popover (the share panel) is drawn outside the main area and the sidebar: its buttons too.
    ':focus-visible, [data-testid="stPopoverBody"] :is(a, button, [role="button"]):focus-visible'
    " { outline: 3px solid #1F2328 !important; outline-offset: 2px !important; }"
    # The Copy button of a code block (the share panel's link and citation) is hidden until the
    # pointer hovers the block, so Tab skipped it: it stays shown, and so reachable by keyboard.
    '[data-testid="stCode"] :has(> [data-testid="stElementToolbarButton"]),'
    ' [data-testid="stCode"] [data-testid="stElementToolbarButton"],'
    ' [data-testid="stCode"] [data-testid="stElementToolbarButton"] button'
    " { visibility: visible !important; opacity: 1 !important; }"
    # Read, not shown: out of the layout, type of size 0 (no clipped overflow that a check for cut
    # labels would flag), and clipped. Not display:none, which would hide it from screen readers too.
    + f"{_ICON_ONLY}, {_CHART_ALT}, {_CHART_ALT_WRAPPER}"
    + " { position: absolute !important; clip-path: inset(50%); font-size: 0 !important; margin: 0 !important;"
    " width: 1px !important; }"
    + ", ".join(f"{selector} *" for selector in (*_ICON_ONLY.split(", "), _CHART_ALT))
    + " { font-size: 0 !important; line-height: 0 !important; margin: 0 !important; }"
    "</style>"
)


def lang_script(lang: str | None) -> str:
    """The script that sets ``document.documentElement.lang``; only a fixed code goes into it."""
    return f"<script>document.documentElement.lang = '{language_code(lang)}';</script>"


def declare_language(lang: str | None) -> None:
    """Make the page's ``<html lang>`` the interface language, and add the focus styles."""
    st.html(A11Y_CSS)
    with st.container(key=LANG_KEY):
        st.html(lang_script(lang), unsafe_allow_javascript=True)


# A chart's key as the model names it (never data): the only value that reaches the script besides
# the catalogue's text.
_CHART_KEY = re.compile(r"[A-Za-z0-9_]+")

# The link is put before Streamlit's whole app in <body>, so it comes before the sidebar and
# Streamlit's own "Skip to main content" in the Tab order. Enter focuses the chart's own element
# container (the st-key- class Streamlit gives a keyed chart), which scrolls it into view. On a page
# with no such chart (after the viewer moves on) the link hides itself, and so is no Tab stop.
_SKIP_SCRIPT = """<script>(() => {
const key = __KEY__, text = __TEXT__, id = __ID__;
const target = (chart) => document.querySelector('[data-testid="stMain"] .st-key-' + chart);
let link = document.getElementById(id);
if (!link) {
  link = document.createElement('a');
  link.id = id;
  document.body.prepend(link);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    const chart = target(link.dataset.chart);
    if (!chart) return;
    chart.setAttribute('tabindex', '-1');
    chart.focus();
  });
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    setTimeout(() => { queued = false; link.hidden = !target(link.dataset.chart); }, 250);
  }).observe(document.body, {childList: true, subtree: true});
}
link.href = '#' + key;
link.dataset.chart = key;
link.textContent = text;
link.hidden = false;
})();</script>"""


def _js_string(value: str) -> str:
    """A JavaScript string literal that cannot end the script it sits in."""
    return json.dumps(value).replace("<", "\\u003c")


def skip_script(chart_key: str, lang: str | None = None) -> str:
    """The script that puts a "Skip to the chart" link first on the page, leading to ``chart_key``.
    Only a chart key (letters, digits, underscores: anything else raises) and the catalogue's text
    in ``lang`` go into it, both as JavaScript string literals."""
    if not _CHART_KEY.fullmatch(chart_key):
        raise ValueError(f"not a chart key: {chart_key!r}")
    return (
        _SKIP_SCRIPT.replace("__KEY__", _js_string(chart_key))
        .replace("__TEXT__", _js_string(t("chart.skip_link", language_code(lang) if lang else None)))
        .replace("__ID__", _js_string(SKIP_LINK_ID))
    )


def skip_link_to(chart_key: str) -> None:
    """A "Skip to the chart" link, the page's first Tab stop, to the first chart drawn in this run
    (a page's main chart leads). Streamlit's own "Skip to main content" lands above the filters;
    this one lands on the chart. A later chart of the same run finds the key taken and adds none."""
    try:
        box = st.container(key=SKIP_KEY)
    except StreamlitDuplicateElementKey:
        return
    script = skip_script(chart_key)
    with box:
        st.html(script, unsafe_allow_javascript=True)
