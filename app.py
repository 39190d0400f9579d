"""CSTO Explorer — the frame only: page config, navigation, shared sidebar, presentation mode."""

import streamlit as st

from components.i18n.names import state_search_labels
from components.i18n.text import LANGUAGES, set_language, t, tmd
from components.model.pages import PAGE_KINDS
from components.ui.a11y import declare_language
from components.ui.country import country_focus_bar, member_codes, members_or_empty
from components.ui.frame import (
    CURRENT_PAGE,
    LAST_PAGE,
    app_state,
    set_app_value,
    take_notices,
    unknown_keys,
)
from components.ui.navigation import frame_first, hand_over
from components.ui.present import present_page

frame_first()  # under plain `streamlit run app.py`: never Streamlit's file-name menu (navigation.py)
app = app_state()
# The language comes first: page titles in the menu are interface text too. ?lang=ru in a link.
set_language(app.lang)

st.set_page_config(page_title=t("app.title"), page_icon="static/favicon.png", layout="wide")
# <html lang> follows the interface language; focus rings for the keyboard (components/ui/a11y.py).
declare_language(app.lang)

# Larger type for a projector: Streamlit sizes its interface in rem, so raising the root font size
# scales text, headings, metrics and widgets together. Static CSS only: no data reaches this HTML.
# In presentation mode the page is a slide: the app's chrome, the sidebar (still open when presenting
# was switched on from it), notices and editors are hidden, the chart box (.st-key-present_chart)
# takes the viewport's height less the title and the source line, and the plotly chart stretches to
# it (components/ui/present.py). First/Last stay mounted (their
# Home/End shortcuts work) but off screen; the exit button is a small mark in the corner. The small
# buttons stay fully opaque: faded to 40-55 % their text fell to 2.4:1 (WCAG AA asks 4.5:1).
PRESENTATION_CSS = (
    "<style>html { font-size: 21px; }"
    '[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],'
    ' [data-testid="stStatusWidget"], [data-testid="stToastContainer"], [data-testid="stToast"],'
    ' [data-testid="stExpander"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],'
    ' [data-testid="stExpandSidebarButton"], footer { display: none !important; }'
    '[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.6rem 0 1.6rem !important;'
    " max-width: 100% !important; }"
    '[data-testid="stMain"] h1 { font-size: 1.9rem; padding: 0 5rem 0 0; margin: 0; }'  # clear of the exit mark
    # The slide is a column as tall as the screen and the chart box takes what the title, the
    # caption and the bottom line leave: a two-line title shrinks the chart instead of pushing
    # the source line and the counter off a 1280×720 screen.
    # The slide is pinned to the screen (not placed after whatever the frame draws above it, such
    # as the style blocks, whose empty boxes still take a gap each) and its parts keep their own
    # height, but the chart box, which takes the rest.
    "[data-testid='stLayoutWrapper']:has(> .st-key-present_slide) { position: fixed; top: 0.6rem;"
    " bottom: 0.3rem; left: 1.6rem; right: 1.6rem; width: auto !important; height: auto; }"
    ".st-key-present_slide { height: 100%; flex-wrap: nowrap; }"
    ".st-key-present_slide > * { flex: none; }"
    ".st-key-present_slide > div:has(> .st-key-present_chart) { flex: 1 1 0 !important; min-height: 200px; }"
    ".st-key-present_chart { height: 100% !important; flex: none !important; }"
    ".st-key-present_chart [data-testid='stElementContainer'], .st-key-present_chart"
    " [data-testid='stFullScreenFrame'], .st-key-present_chart .stPlotlyChart,"
    " .st-key-present_chart .js-plotly-plot { height: 100% !important; }"
    ".st-key-page_footer { gap: 0.6rem; }"
    ".st-key-page_footer p { font-size: 0.72rem; margin: 0; }"
    ".st-key-page_footer button { min-height: 1.6rem; padding: 0 0.5rem; }"
    ".st-key-first, .st-key-last { position: absolute; left: -9999px; }"
    ".st-key-present_exit { position: fixed; top: 0.3rem; right: 0.4rem; z-index: 1000; width: auto; }"
    ".st-key-present_exit button { min-height: 1.4rem; padding: 0 0.4rem; font-size: 0.6rem; }"
    "</style>"
)

# On a screen narrower than a 1280-pixel laptop's (a 1024×768 projector), Streamlit's 5rem side
# padding would leave the charts about 560 px: the same page keeps 1.5rem so they get about 680.
# Button and metric labels there wrap onto a second line rather than end in "…".
NARROW_SCREEN_CSS = (
    "<style>@media (max-width: 1279.98px) {"
    ' [data-testid="stMainBlockContainer"] { padding-left: 1.5rem; padding-right: 1.5rem; }'
    ' [data-testid="stMain"] button [data-testid="stMarkdownContainer"],'
    ' [data-testid="stMain"] button [data-testid="stMarkdownContainer"] p,'
    ' [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],'
    ' [data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"] p {'
    " white-space: normal; text-overflow: clip; } }"
    "</style>"
)

PAGES = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/home:", url_path="", default=True),
    st.Page("pages/membership.py", title=t("nav.membership"), icon=":material/timeline:", url_path="membership"),
    st.Page("pages/structure.py", title=t("nav.structure"), icon=":material/account_tree:", url_path="structure"),
    st.Page("pages/exercises.py", title=t("nav.exercises"), icon=":material/map:", url_path="exercises"),
    st.Page("pages/country.py", title=t("nav.country"), icon=":material/flag:", url_path="country"),
    st.Page("pages/chronology.py", title=t("nav.chronology"), icon=":material/history:", url_path="chronology"),
    st.Page("pages/briefing.py", title=t("nav.briefing"), icon=":material/slideshow:", url_path="briefing"),
    st.Page("pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
]
presenting = app.present
st.session_state["presentation_mode"] = presenting


def switch_language() -> None:
    """The language switch writes ?lang=..., so shared links keep the language."""
    chosen = st.session_state["language_switch"]
    set_app_value("lang", None if chosen == "en" else chosen)


page = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
st.session_state[LAST_PAGE] = st.session_state.get(CURRENT_PAGE)
st.session_state[CURRENT_PAGE] = page.url_path
if presenting:
    st.html(PRESENTATION_CSS)
    st.button(
        t("present.exit"),
        on_click=set_app_value,
        args=("present", None),
        key="present_exit",
        icon=":material/close_fullscreen:",
        shortcut="Escape",
    )
    if page.url_path in PAGE_KINDS:
        # Any page with a declared state presents its single view as one slide.
        present_page(page.url_path)
        st.stop()
else:
    st.html(NARROW_SCREEN_CSS)
    country_focus_bar()
    with st.sidebar:
        st.session_state["language_switch"] = app.lang
        st.segmented_control(
            t("language.label"),
            LANGUAGES,
            format_func=lambda code: {"en": "English", "ru": "Русский"}[code],
            key="language_switch",
            on_change=switch_language,
            required=True,
        )
        codes = member_codes()
        labels = state_search_labels(members_or_empty())
        # The URL is the truth (a click on a timeline row or a link may have changed it).
        # "" (not None) means no country: a None value would show Streamlit's placeholder instead.
        st.session_state["country_picker"] = app.country or ""
        st.selectbox(
            t("country.picker"),
            ["", *codes],
            format_func=lambda code: labels.get(code, code) if code else t("country.none"),
            key="country_picker",
            on_change=lambda: set_app_value("country", st.session_state["country_picker"] or None),
            help=t("country.picker_help"),
        )
        # The state picked here stays in focus on the page in view (its history, its exercises);
        # one click opens its full profile.
        if app.country and page.url_path != "country":
            st.page_link("pages/country.py", label=t("profile.open"), icon=":material/flag:")
        st.caption(t("app.tagline"))
        st.session_state["present_toggle"] = False
        st.toggle(
            t("present.toggle"),
            key="present_toggle",
            help=t("present.toggle_help"),
            on_change=lambda: set_app_value("present", "1" if st.session_state["present_toggle"] else None),
        )
unknown = unknown_keys(page.url_path)
notices = take_notices()
if not presenting:
    # Presenting shows nothing but the slides: no notices in front of an audience.
    if unknown:
        st.toast(tmd("links.unknown", keys=", ".join(k[:40] for k in unknown[:10])), icon=":material/link_off:")
    if notices:
        st.toast(tmd("links.invalid", keys=", ".join(sorted(set(notices))[:10])), icon=":material/link_off:")
hand_over()
page.run()
