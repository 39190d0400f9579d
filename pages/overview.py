"""Overview: what the organization is, headline figures, and a way into every page."""

from datetime import date

import streamlit as st

from components.i18n.text import current_language, format_date, md, t, tmd
from components.model import overview
from components.ui.cache import current_review_day, sources_md
from components.ui.navigation import page_link, through_frame
from components.ui.page import require_tables
from components.ui.render import footer

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

# Every page of the app in the sidebar's order (pages/<key>.py, nav.<key>) and its icon; each card says what it answers.
CARDS = (("membership", "timeline"), ("structure", "account_tree"), ("exercises", "map"), ("country", "flag"))
CARDS += (("chronology", "history"), ("briefing", "slideshow"), ("sources", "menu_book"))

st.title(t("overview.title"), anchor=False)
model = overview.build(require_tables(*overview.TABLES_USED), {}, current_language(), date.today())
figures = model.figures

for key in ("overview.intro.1", "overview.intro.2", "overview.intro.3"):
    st.markdown(t(key))
with st.expander(t("overview.intro.sources_label")):
    st.markdown(sources_md(model.sources))

top = st.columns(3)
top[0].metric(t("overview.metric.members"), len(figures.members_today), help=t("overview.metric.members_help"))
top[1].metric(t("overview.metric.ever"), figures.ever_party)
top[2].metric(t("overview.metric.exercises"), figures.exercises, help=model.exercises_help)
bottom = st.columns(3)
bottom[0].metric(t("overview.metric.span"), model.span)
with bottom[1]:
    st.metric(t("overview.metric.latest"), model.latest)
    if figures.latest_event_title:
        st.caption(md(figures.latest_event_title))
if model.covers:
    st.caption(model.covers)
reviewed = current_review_day()
st.caption(t("overview.reviewed", day=format_date(reviewed)) if reviewed else t("overview.unreviewed"))

st.markdown(tmd("overview.members_today", names=", ".join(model.members_today)))
if model.frozen_today:
    st.markdown(tmd("overview.frozen_today", names=", ".join(model.frozen_today)))

st.subheader(t("overview.pages"), anchor=False)
cards = [column for _ in range(0, len(CARDS), 2) for column in st.columns(2)]
for card, (key, icon) in zip(cards, CARDS, strict=False):
    with card.container(border=True):
        page_link(f"pages/{key}.py", t(f"nav.{key}"), f":material/{icon}:")
        st.caption(t(f"overview.card.{key}"))

footer()
