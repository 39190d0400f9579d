"""Country profile: one state's complete record — membership, posts, exercises, events, sources."""

import streamlit as st

from components.i18n.names import state_search_labels
from components.i18n.text import md, t
from components.ui.cache import load_table, sources_md
from components.ui.frame import set_app_value
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, open_page, page_header
from components.ui.render import show_chart, show_metrics, show_table
from components.ui.state import widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page = open_page("country")
model, domain = page.model, page.domain
labels = state_search_labels(load_table("members"))


def country_picked() -> None:
    """The profile's state is the app's country in focus (the sidebar shows the same)."""
    set_app_value("country", st.session_state.get(widget_key("country")) or None)


# With a state picked, the line under the title is its status today (the chart comes sooner);
# before, it says what the page is for.
page_header(md(model.title), md(model.caption) if model.extra.get("code") else t("profile.intro"))
# The picker goes to the sidebar once a state is picked; until then it is the page's one question.
with filter_panel() if model.extra.get("code") else st.container():
    st.selectbox(
        t("profile.picker"),
        [None, *sorted(domain.options["country"], key=lambda c: labels.get(c, c))],
        format_func=lambda c: labels.get(c, c) if c else t("country.none"),
        # Streamlit shows a None value as its placeholder ("Choose an option"), not as the option.
        placeholder=t("country.none"),
        key=widget_key("country"),
        on_change=country_picked,
    )
if not model.extra.get("code"):
    st.info(t("profile.pick_hint"), icon=":material/flag:")
    close_page(page)
    st.stop()

show_metrics(model.metrics, per_row=4)
# The chart leads (its exercises table follows further down, with the membership record first).
show_chart(model.chart("country_exercises"))
for note in model.notes:
    st.caption(md(note))

periods = model.table("periods")
st.subheader(periods.title, anchor=False)
show_table(periods, download_label=t("profile.download", rows=periods.total))

posts = model.table("posts")
st.subheader(posts.title, anchor=False)
if posts.total:
    show_table(posts)
else:
    st.caption(t("profile.posts_empty"))

exercises = model.table("exercises")
st.subheader(exercises.title, anchor=False)
if exercises.total:
    show_table(exercises, download_label=t("profile.download", rows=exercises.total))
else:
    st.caption(t("profile.empty"))
not_held = model.table("exercises_not_held")
if not_held.total:
    st.subheader(not_held.title, anchor=False)
    show_table(not_held, download_label=t("profile.download", rows=not_held.total))

events = model.table("events")
st.subheader(events.title, anchor=False)
if events.total:
    show_table(events, download_label=t("profile.download", rows=events.total))
else:
    st.caption(t("profile.empty"))

changes = model.table("changes")
with st.expander(changes.title):
    show_table(changes)
with st.expander(t("profile.sources", count=len(model.sources))):
    st.markdown(sources_md(model.sources))

close_page(page)
