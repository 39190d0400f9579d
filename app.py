"""CSTO Explorer — the frame only: page config, navigation, shared sidebar."""

import streamlit as st

from components.text import t

st.set_page_config(page_title=t("app.title"), page_icon="static/favicon.png", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/home:", url_path="", default=True),
    st.Page("pages/membership.py", title=t("nav.membership"), icon=":material/timeline:", url_path="membership"),
    st.Page("pages/structure.py", title=t("nav.structure"), icon=":material/account_tree:", url_path="structure"),
    st.Page("pages/exercises.py", title=t("nav.exercises"), icon=":material/map:", url_path="exercises"),
    st.Page("pages/sources.py", title=t("nav.sources"), icon=":material/menu_book:", url_path="sources"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.caption(t("app.tagline"))
page.run()
