"""Membership timeline: who belonged, when, and in what status — on any as-of date."""

from datetime import date

import streamlit as st

from components.data.schema import EVENT_CATEGORIES
from components.derive.events import with_first_source
from components.derive.membership import TREATY_SIGNED
from components.i18n.names import state_names, state_search_labels
from components.i18n.text import format_date, labelled, md, t, tmd
from components.model.base import Column, Table
from components.model.tables import member_count_rows, membership_timeline_rows, status_map_rows
from components.ui.cache import load_table
from components.ui.frame import set_app_value
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, named, open_page, page_header
from components.ui.play import follows_play, play_ticker, playing
from components.ui.render import show_chart, show_metrics, show_table
from components.ui.state import changed, current_state, update, widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

TODAY = date.today()
PLAYING = "membership_playing"

page_header(t("membership.title"), t("membership.intro"))
page = open_page("membership")
model, state, domain = page.model, page.state, page.domain
members = load_table("members")
names = state_names(members)
as_of: date = state["asof"]


def year_end(year: int) -> date:
    """The as-of date a year stands for: its last day (today for the current year)."""
    return min(date(year, 12, 31), TODAY)


def year_picked() -> None:
    update(asof=year_end(int(st.session_state["w_asof_year"])))


def toggle_play() -> None:
    playing = bool(st.session_state.get("w_play"))
    st.session_state[PLAYING] = playing
    if playing and current_state()["asof"] >= TODAY:
        update(asof=year_end(TREATY_SIGNED.year))


def focus_from_click() -> None:
    """A click on a timeline row puts that state in focus on every page."""
    points = st.session_state["timeline_chart"].selection.get("points", [])
    codes = [p["customdata"][0] for p in points if p.get("customdata")]
    if codes:
        set_app_value("country", codes[0])


def step_year() -> bool:
    """Play's step: on to the end of the next year (today in the current year)."""
    current = current_state()["asof"]
    if current >= TODAY:
        return False
    update(asof=year_end(current.year + 1 if current == year_end(current.year) else current.year))
    return True


# Widget values that are not fields themselves are set from the state before they are drawn.
st.session_state["w_asof_year"] = as_of.year
st.session_state["w_play"] = playing(PLAYING)

with filter_panel():
    st.multiselect(
        t("membership.milestones"),
        options=list(EVENT_CATEGORIES),
        format_func=lambda c: t(f"category.{c}"),
        placeholder=t("widget.any"),
        key=widget_key("ms"),
        on_change=changed("ms"),
    )
filter_summary(
    [
        f"{t('membership.as_of')}: {format_date(as_of)}",
        state["ms"] and named(t("membership.milestones"), [t(f"category.{c}") for c in state["ms"]]),
    ]
)
show_chart(
    model.chart("timeline_chart"),
    table=membership_timeline_rows(page.tables, state, TODAY),
    on_select=focus_from_click,
    selection_mode="points",
)
for note in model.notes:
    st.caption(md(note))
# The chart's own controls under it, as on a player: the year, the day, Play.
controls = st.columns([2.4, 1.4, 2.2], vertical_alignment="bottom")
controls[0].slider(
    t("membership.as_of_year"),
    min_value=TREATY_SIGNED.year,
    max_value=TODAY.year,
    key="w_asof_year",
    **follows_play(PLAYING, year_picked),
    help=t("membership.as_of_help"),
)
controls[1].date_input(
    t("membership.as_of"),
    min_value=TREATY_SIGNED,
    max_value=TODAY,
    format="YYYY-MM-DD",
    key=widget_key("asof"),
    **follows_play(PLAYING, changed("asof")),
    help=t("membership.as_of_date_help"),
)
controls[2].toggle(t("membership.play"), key="w_play", on_change=toggle_play, help=t("membership.play_help"))
play_ticker(PLAYING, 1.2, step_year)

st.subheader(t("membership.summary", day=format_date(as_of)), anchor=False)
show_metrics(model.metrics)
for key, listed in model.extra["groups"].items():
    if listed:
        st.markdown(tmd("membership.names", label=t(f"membership.metric.{key}"), names=", ".join(listed)))

left, right = st.columns(2)
with left:
    show_chart(model.chart("status_map"), table=status_map_rows(page.tables, state))
with right:
    show_chart(model.chart("count_chart"), table=member_count_rows(page.tables, state, TODAY))

focus = model.extra["focus"]
if focus:
    st.subheader(tmd("membership.history", name=model.extra["focus_name"]), anchor=False)
    history = model.extra["history"]
    if history is None or history.empty:
        st.info(t("membership.history_empty"))
    else:
        rows = labelled(
            with_first_source(history)[["date", "date_precision", "change", "body", "basis", "note", "source_url"]],
            {"date_precision": "precision.", "change": "change.", "body": "body.", "basis": "basis."},
        )
        show_table(
            Table(
                key="history",
                title="",
                rows=rows,
                columns={
                    "date": Column(t("col.date"), "date"),
                    "date_precision": Column(t("col.precision")),
                    "change": Column(t("col.change")),
                    "body": Column(t("col.body")),
                    "basis": Column(t("col.basis")),
                    "note": Column(t("col.note"), "wide"),
                    "source_url": Column(t("col.source"), "sources"),
                },
                download=history,
                file_name=f"csto-history-{focus}.csv",
                total=len(history),
            )
        )
else:
    st.caption(t("membership.focus_hint"))

# Events table
events_table = model.table("events")
st.subheader(t("membership.events"), anchor=False)
labels = state_search_labels(members)
filters = st.columns([2, 2, 3])
filters[0].multiselect(
    t("membership.events.category"),
    options=domain.options["ev_cat"],
    format_func=lambda c: t(f"category.{c}"),
    placeholder=t("widget.any"),
    key=widget_key("ev_cat"),
    on_change=changed("ev_cat"),
)
filters[1].multiselect(
    t("membership.events.state"),
    options=sorted(domain.options["ev_state"], key=lambda c: names.get(c, c)),
    format_func=lambda c: labels.get(c, c),
    placeholder=t("widget.any"),
    key=widget_key("ev_state"),
    on_change=changed("ev_state"),
)
low, high = domain.bounds["ev_years"]
filters[2].slider(t("membership.events.years"), low, high, key=widget_key("ev_years"), on_change=changed("ev_years"))
st.caption(t("membership.events.count", rows=events_table.total, total=len(page.tables["events"])))
if events_table.total == 0:
    st.info(t("membership.events.empty"))
else:
    show_table(events_table, download_label=t("membership.events.download", rows=events_table.total))

close_page(page)
