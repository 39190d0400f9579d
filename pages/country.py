"""Country profile: one state's complete record — membership, posts, exercises, events, sources."""

import streamlit as st

from components.i18n.text import md, t
from components.ui.bind import bind
from components.ui.cache import sources_md
from components.ui.frame import set_app_value
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, open_page, page_header
from components.ui.render import show_metrics, show_table
from components.ui.sections import notes, titled_table
from components.ui.state import widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page = open_page("country")
model, domain = page.model, page.domain
picked = model.detail.code
labels = model.names["country"]


def country_picked() -> None:
    """The profile's state is the app's country in focus (the sidebar shows the same)."""
    set_app_value("country", st.session_state.get(widget_key("country")) or None)


# With a state picked, the line under the title is its status today (the chart comes sooner);
# before, it says what the page is for.
page_header(md(model.title), md(model.caption) if picked else t("profile.intro"))
# The picker goes to the sidebar once a state is picked; until then it is the page's one question.
with filter_panel() if picked else st.container():
    by_label = sorted(domain.options["country"], key=lambda c: labels.get(c, c))
    bind(
        "selectbox",
        "country",
        label=t("profile.picker"),
        options=by_label,
        names=labels,
        none=t("country.none"),
        on_change=country_picked,
    )
if not picked:
    st.info(t("profile.pick_hint"), icon=":material/flag:")
    close_page(page)
    st.stop()

show_metrics(model.metrics, per_row=4)
# The chart leads (its exercises table follows further down, with the membership record first).
page.show_chart("country_exercises")
notes(model)

titled_table(model, "periods", download="profile.download")
titled_table(model, "posts", empty="profile.posts_empty")
titled_table(model, "exercises", download="profile.download", empty="profile.empty")
if model.table("exercises_not_held").total:
    titled_table(model, "exercises_not_held", download="profile.download")
titled_table(model, "events", download="profile.download", empty="profile.empty")

changes = model.table("changes")
with st.expander(changes.title):
    show_table(changes)
with st.expander(t("profile.sources", count=len(model.sources))):
    st.markdown(sources_md(model.sources))

close_page(page)
