"""Membership timeline: who belonged, when, and in what status — on any as-of date."""

from datetime import date

import streamlit as st

from components.i18n.names import state_search_labels
from components.i18n.text import format_date, t, tmd
from components.model.membership import MembershipDetail
from components.ui.bind import bind, summary
from components.ui.cache import load_table
from components.ui.frame import set_app_value
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, open_page, page_header
from components.ui.play import day_play, follows_play, play_ticker, playing, year_end
from components.ui.render import show_metrics, show_table
from components.ui.sections import notes
from components.ui.state import clicked, update

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

PLAYING = "membership_playing"

page_header(t("membership.title"), t("membership.intro"))
page = open_page("membership")
model, state, domain, names = page.model, page.state, page.domain, page.model.names
detail: MembershipDetail = model.detail
first_day, today = domain.bounds["asof"]
as_of: date = state["asof"]


def year_picked() -> None:
    update(asof=year_end(int(st.session_state["w_asof_year"]), today))


toggle_play, step_year = day_play(PLAYING, "w_play", "asof", (first_day, today))


# Widget values that are not fields themselves are set from the state before they are drawn.
st.session_state["w_asof_year"] = as_of.year
st.session_state["w_play"] = playing(PLAYING)

with filter_panel():
    bind("multiselect", "ms", names=names["ms"])
filter_summary([f"{t('membership.as_of')}: {format_date(as_of)}", *summary(state, names, "ms")])
focus_clicked = clicked("timeline_chart", lambda code: set_app_value("country", code))
page.show_chart("timeline_chart", on_select=focus_clicked, selection_mode="points")
notes(model)
# The chart's own controls under it, as on a player: the year, the day, Play.
controls = st.columns([2.4, 1.4, 2.2], vertical_alignment="bottom")
controls[0].slider(
    t("membership.as_of_year"),
    min_value=first_day.year,
    max_value=today.year,
    key="w_asof_year",
    **follows_play(PLAYING, year_picked),
    help=t("membership.as_of_help"),
)
bind("date_input", "asof", controls[1], min_value=first_day, max_value=today, format="YYYY-MM-DD", play=PLAYING)
controls[2].toggle(t("membership.play"), key="w_play", on_change=toggle_play, help=t("membership.play_help"))
play_ticker(PLAYING, 1.2, step_year)

st.subheader(t("membership.summary", day=format_date(as_of)), anchor=False)
show_metrics(model.metrics)
for key, listed in detail.groups.items():
    if listed:
        st.markdown(tmd("membership.names", label=t(f"membership.metric.{key}"), names=", ".join(listed)))
left, right = st.columns(2)
with left:
    page.show_chart("status_map")
with right:
    page.show_chart("count_chart")

if detail.focus:
    st.subheader(tmd("membership.history", name=detail.focus_name), anchor=False)
    history = model.table("history")
    if history:
        show_table(history)
    else:
        st.info(t("membership.history_empty"))
else:
    st.caption(t("membership.focus_hint"))

st.subheader(t("membership.events"), anchor=False)
filters = st.columns([2, 2, 3])
bind("multiselect", "ev_cat", filters[0], names=names["ev_cat"])
by_name = sorted(domain.options["ev_state"], key=lambda c: names["ev_state"].get(c, c))
bind("multiselect", "ev_state", filters[1], options=by_name, names=state_search_labels(load_table("members")))
bind("slider", "ev_years", filters[2])
events = model.table("events")
st.caption(t("membership.events.count", rows=events.total, total=len(page.tables["events"])))
if events.total == 0:
    st.info(t("membership.events.empty"))
else:
    show_table(events, download_label=t("membership.events.download", rows=events.total))

close_page(page)
