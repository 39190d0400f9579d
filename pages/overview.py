"""Overview: what the organization is, headline figures, and a way into every page."""

from datetime import date

import streamlit as st

from components.derive.counting import listed_breakdown
from components.derive.overview import headline, intro_sources, state_names
from components.i18n.text import format_date, md, t, tmd
from components.ui.cache import sources_md
from components.ui.page import require_tables
from components.ui.render import footer

st.title(t("overview.title"), anchor=False)
tables = require_tables("members", "membership", "events", "exercises")
figures = headline(tables, date.today())

for key in ("overview.intro.1", "overview.intro.2", "overview.intro.3"):
    st.markdown(t(key))
with st.expander(t("overview.intro.sources_label")):
    st.markdown(sources_md(intro_sources(tables["events"], tables["membership"])))

dash = t("overview.no_data")
top = st.columns(3)
top[0].metric(t("overview.metric.members"), len(figures.members_today), help=t("overview.metric.members_help"))
top[1].metric(t("overview.metric.ever"), figures.ever_party)
top[2].metric(t("overview.metric.exercises"), figures.exercises, help=listed_breakdown(tables["exercises"]))
bottom = st.columns(3)
span = f"{figures.first_year}–{figures.last_year}" if figures.first_year else dash
bottom[0].metric(t("overview.metric.span"), span)
latest = format_date(figures.latest_event_date, short=True) if figures.latest_event_date is not None else dash
with bottom[1]:
    st.metric(t("overview.metric.latest"), latest)
    if figures.latest_event_title:
        st.caption(md(figures.latest_event_title))
if figures.latest_event_date is not None:
    st.caption(t("overview.covers", day=format_date(figures.latest_event_date)))

members = tables["members"]
st.markdown(tmd("overview.members_today", names=", ".join(state_names(members, figures.members_today))))
if figures.frozen_today:
    st.markdown(tmd("overview.frozen_today", names=", ".join(state_names(members, figures.frozen_today))))

st.subheader(t("overview.pages"), anchor=False)
cards = st.columns(2) + st.columns(2)
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
