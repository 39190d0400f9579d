"""Accessibility the frame adds to every page: the document's language and the focus styles.

Streamlit writes ``<html lang="en">`` into its page and offers no setting for it, so a Russian
page would be read by a screen reader with English rules. The app sets the attribute from the
interface language with one tiny script. Only a fixed code from ``LANGUAGES`` ("en" or "ru")
reaches that script, never data or a URL value, so nothing a viewer types can run in it.
"""

from __future__ import annotations

import streamlit as st

from components.i18n.text import DEFAULT_LANGUAGE, LANGUAGES

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
A11Y_CSS = (
    "<style>"
    f".st-key-{LANG_KEY} {{ display: none !important; }}"
    f'[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, button kbd'
    f" {{ color: {CAPTION_COLOUR} !important; opacity: 1 !important; }}"
    # The date field's day, month and year parts are its click targets: 24 px (WCAG 2.2, 2.5.8).
    # The field's side padding goes from 13 to 6 px so the wider parts still fit "2026-12-07" in the
    # 113-px field the membership page has on a 1024-px screen.
    '[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;'
    " text-align: center; }"
    '[data-testid="stDateInput"] [role="group"] { padding-left: 6px; padding-right: 6px; }'
    '[data-testid="stSidebar"] :is(a, button, input, [role="button"], [role="combobox"], [role="switch"],'
    ' [role="radio"], [tabindex]):focus-visible, [data-testid="stMain"] :is(a, button, input, [role="button"],'
    ' [role="combobox"], [role="switch"], [role="radio"], [role="tab"], [role="slider"])'
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


def language_code(lang: str | None) -> str:
    """The code the page declares: one of LANGUAGES, English for anything else."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def lang_script(lang: str | None) -> str:
    """The script that sets ``document.documentElement.lang``; only a fixed code goes into it."""
    return f"<script>document.documentElement.lang = '{language_code(lang)}';</script>"


def declare_language(lang: str | None) -> None:
    """Make the page's ``<html lang>`` the interface language, and add the focus styles."""
    st.html(A11Y_CSS)
    with st.container(key=LANG_KEY):
        st.html(lang_script(lang), unsafe_allow_javascript=True)
