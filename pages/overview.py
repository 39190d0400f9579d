"""Overview: what the organization is, headline figures, and a way into every page."""

from datetime import date

import streamlit as st

from components.overview import headline, intro_sources, state_names
from components.page_kit import ensure_app_frame, footer, require_tables
from components.text import t

ensure_app_frame()
st.title(t("overview.title"))
tables = require_tables("members", "membership", "events", "exercises")
figures = headline(tables, date.today())

for key in ("overview.intro.1", "overview.intro.2", "overview.intro.3"):
    st.markdown(t(key))
st.caption(t("overview.intro.sources", sources=" · ".join(intro_sources(tables["events"]))))

dash = t("overview.no_data")
cols = st.columns(5)
cols[0].metric(t("overview.metric.members"), len(figures.members_today), help=t("overview.metric.members_help"))
cols[1].metric(t("overview.metric.ever"), figures.ever_party)
cols[2].metric(t("overview.metric.exercises"), figures.exercises)
span = f"{figures.first_year}–{figures.last_year}" if figures.first_year else dash
cols[3].metric(t("overview.metric.span"), span)
latest = figures.latest_event_date.date().isoformat() if figures.latest_event_date is not None else dash
cols[4].metric(t("overview.metric.latest"), latest, help=figures.latest_event_title)
if figures.latest_event_title:
    cols[4].caption(figures.latest_event_title)

members = tables["members"]
st.markdown(t("overview.members_today", names=", ".join(state_names(members, figures.members_today))))
if figures.frozen_today:
    st.markdown(t("overview.frozen_today", names=", ".join(state_names(members, figures.frozen_today))))

st.subheader(t("overview.pages"))
cards = st.columns(4)
for card, (path, key, icon) in zip(
    cards,
    [
        ("pages/membership.py", "membership", ":material/timeline:"),
        ("pages/structure.py", "structure", ":material/account_tree:"),
        ("pages/exercises.py", "exercises", ":material/map:"),
        ("pages/sources.py", "sources", ":material/menu_book:"),
    ],
    strict=True,
):
    with card.container(border=True):
        st.page_link(path, label=t(f"nav.{key}"), icon=icon)
        st.caption(t(f"overview.card.{key}"))

footer()
