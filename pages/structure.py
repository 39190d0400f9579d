"""Placeholder until its own issue lands."""

import streamlit as st

from components.page_kit import footer
from components.text import t

st.title(t("nav.structure"))
st.info(t("placeholder.body"))
footer()
