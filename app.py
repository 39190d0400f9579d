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
from components.ui.styles import NARROW_SCREEN_CSS, PRESENTATION_CSS

frame_first()  # under plain `streamlit run app.py`: never Streamlit's file-name menu (navigation.py)
app = app_state()
# The language comes first: page titles in the menu are interface text too. ?lang=ru in a link.
set_language(app.lang)

st.set_page_config(page_title=t("app.title"), page_icon="static/favicon.png", layout="wide")
# <html lang> follows the interface language; focus rings for the keyboard (components/ui/a11y.py).
declare_language(app.lang)

# The presentation and narrow-screen CSS, like every rule the app sets, live in components/ui/styles.py.
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
