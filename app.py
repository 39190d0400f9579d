"""CSTO Explorer — the frame only: page config, navigation, shared sidebar, presentation mode."""

import streamlit as st

from components.i18n.names import state_search_labels
from components.i18n.text import LANGUAGES, set_language, t
from components.ui.page_kit import (
    country_focus_bar,
    focus_country,
    member_codes,
    members_or_empty,
    opened_link,
    report_rejected_link,
    set_focus_country,
)

# The language comes first: page titles in the menu are interface text too. ?lang=ru in a link.
set_language(st.query_params.get("lang", "en"))

st.set_page_config(page_title=t("app.title"), page_icon="static/favicon.png", layout="wide")

# Larger type for a projector: Streamlit sizes its interface in rem, so raising the root font size
# scales text, headings, metrics and widgets together. Static CSS only: no data reaches this HTML.
PRESENTATION_CSS = "<style>html { font-size: 21px; }</style>"

PAGES = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/home:", url_path="", default=True),
    st.Page("pages/membership.py", title=t("nav.membership"), icon=":material/timeline:", url_path="membership"),
    st.Page("pages/structure.py", title=t("nav.structure"), icon=":material/account_tree:", url_path="structure"),
    st.Page("pages/exercises.py", title=t("nav.exercises"), icon=":material/map:", url_path="exercises"),
    st.Page("pages/briefing.py", title=t("nav.briefing"), icon=":material/slideshow:", url_path="briefing"),
    st.Page("pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
]

link = opened_link()
presenting = st.query_params.get("present") in ("1", "true")
st.session_state["presentation_mode"] = presenting


def set_language_param() -> None:
    """The language switch writes ?lang=..., so shared links keep the language."""
    chosen = st.session_state["language_switch"]
    if chosen == "en":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen


def set_presentation(on: bool) -> None:
    if on:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


page = st.navigation(PAGES, position="hidden" if presenting else "sidebar")
country_focus_bar()
if presenting:
    st.html(PRESENTATION_CSS)
    st.button(
        t("present.exit"),
        on_click=set_presentation,
        args=(False,),
        key="present_exit",
        icon=":material/close_fullscreen:",
    )
    page.run()
else:
    with st.sidebar:
        st.segmented_control(
            t("language.label"),
            LANGUAGES,
            default=st.query_params.get("lang", "en") if st.query_params.get("lang") in LANGUAGES else "en",
            format_func=lambda code: {"en": "English", "ru": "Русский"}[code],
            key="language_switch",
            on_change=set_language_param,
            required=True,
        )
        codes = member_codes()
        labels = state_search_labels(members_or_empty())
        # The URL is the truth (a click on a timeline row or a link may have changed it).
        # "" (not None) means no country: a None value would show Streamlit's placeholder instead.
        st.session_state["country_picker"] = focus_country() or ""
        st.selectbox(
            t("country.picker"),
            ["", *codes],
            format_func=lambda code: labels.get(code, code) if code else t("country.none"),
            key="country_picker",
            on_change=lambda: set_focus_country(st.session_state["country_picker"] or None),
            help=t("country.picker_help"),
        )
        st.caption(t("app.tagline"))
        st.toggle(
            t("present.toggle"),
            value=False,
            key="present_toggle",
            help=t("present.toggle_help"),
            on_change=lambda: set_presentation(st.session_state["present_toggle"]),
        )
    page.run()
report_rejected_link(link)
