"""Placeholder until its own issue lands."""

import streamlit as st

from components.page_kit import ensure_app_frame, footer
from components.text import t

ensure_app_frame()
st.title(t("nav.exercises"))
st.info(t("placeholder.body"))
footer()
