"""Membership timeline: who belonged, when, and in what status — on any as-of date."""

from datetime import date

import streamlit as st

from components.data.schema import EVENT_CATEGORIES
from components.derive.events import (
    DEFAULT_MILESTONES,
    MILESTONE_LIMIT,
    filter_events,
    spread_sample,
    with_first_source,
)
from components.derive.membership import (
    TREATY_SIGNED,
    member_count_series,
    membership_periods,
    state_history,
    step_year,
    summary_on,
)
from components.figures.timeline import member_count_figure, membership_timeline_figure, status_map_figure
from components.i18n.names import state_names, state_search_labels
from components.i18n.text import format_date, labelled, t, tmd
from components.ui.page_kit import (
    TABLE_ROW_LIMIT,
    cached_figure,
    csv_download,
    ensure_app_frame,
    focus_country,
    footer,
    require_tables,
    set_focus_country,
    show_chart,
)

TODAY = date.today()

ensure_app_frame()
st.title(t("membership.title"))
st.caption(t("membership.intro"))
tables = require_tables("members", "membership", "events")
members, membership, events = tables["members"], tables["membership"], tables["events"]
if membership.empty:
    st.info(t("membership.no_data"))
    footer("membership")
    st.stop()

names = state_names(members)
states_in_timeline = sorted(set(membership["state"].astype(str)), key=lambda s: names.get(s, s))


def start_playing() -> None:
    if st.session_state.get("play") and st.session_state.get("asof", TODAY) >= TODAY:
        st.session_state["asof"] = TREATY_SIGNED


def focus_from_click() -> None:
    """A click on a timeline row puts that state in focus."""
    points = st.session_state["timeline_chart"].selection.get("points", [])
    codes = [p["customdata"][0] for p in points if p.get("customdata")]
    if codes:
        st.session_state["focus"] = codes[0]
        set_focus_country(codes[0])  # and across every page, in the URL


@st.fragment(run_every=1.2 if st.session_state.get("play") else None)
def play_ticker() -> None:
    """While playing, move the as-of date on by a year and redraw the page."""
    if not st.session_state.get("play"):
        return
    following = step_year(st.session_state.get("asof", TODAY), TODAY)
    if following is None:
        st.session_state["play"] = False
    else:
        st.session_state["asof"] = following
    st.rerun(scope="app")


controls = st.columns([3, 2, 1.4], vertical_alignment="bottom")
as_of = controls[0].slider(
    t("membership.as_of"),
    min_value=TREATY_SIGNED,
    max_value=TODAY,
    value=TODAY,
    format="D MMM YYYY",
    key="asof",
    help=t("membership.as_of_help"),
    bind="query-params",
)
milestone_categories = controls[1].multiselect(
    t("membership.milestones"),
    options=list(EVENT_CATEGORIES),
    default=list(DEFAULT_MILESTONES),
    format_func=lambda c: t(f"category.{c}"),
    placeholder=t("widget.any"),
    key="ms",
    bind="query-params",
)
controls[2].toggle(t("membership.play"), key="play", on_change=start_playing, help=t("membership.play_help"))
play_ticker()

focus = st.session_state.get("focus") or focus_country()
milestones = filter_events(events, categories=milestone_categories)
if len(milestones) > MILESTONE_LIMIT:
    st.caption(t("membership.milestones_sampled", total=f"{len(milestones):,}", shown=MILESTONE_LIMIT))
    milestones = spread_sample(milestones, MILESTONE_LIMIT)
timeline = cached_figure(
    "membership_timeline",
    ("members", "membership", "events"),
    (as_of, tuple(milestone_categories), focus, TODAY),
    lambda: membership_timeline_figure(
        membership_periods(membership, TODAY), members, milestones, as_of=as_of, today=TODAY, highlight=focus
    ),
)
show_chart(
    timeline,
    "timeline_chart",
    "csto-membership-timeline",
    title=t("membership.chart_title"),
    on_select=focus_from_click,
    selection_mode="points",
)

# The alliance on the as-of date
st.subheader(t("membership.summary", day=format_date(as_of)))
grouped = summary_on(membership, as_of)
metrics = [
    ("members", grouped["member"] + grouped["frozen"]),
    ("parties", grouped["treaty_party"]),
    ("frozen", grouped["frozen"]),
    ("suspended", grouped["suspended"]),
    ("former", grouped["former"]),
    ("observers", grouped["observer"]),
]
for column, (key, codes) in zip(st.columns(3) + st.columns(3), metrics, strict=True):
    column.metric(t(f"membership.metric.{key}"), len(codes))
for key, codes in metrics:
    if codes:
        label = t(f"membership.metric.{key}")
        st.markdown(tmd("membership.names", label=label, names=", ".join(sorted(names.get(c, c) for c in codes))))

left, right = st.columns(2)
with left:
    status_today = {code: status for status, codes in grouped.items() for code in codes}
    show_chart(
        cached_figure(
            "status_map", ("members", "membership"), (as_of,), lambda: status_map_figure(status_today, members)
        ),
        "status_map",
        "csto-status-map",
        title=t("membership.map", day=format_date(as_of, short=True)),
        narrow=True,
    )
with right:
    count_figure = cached_figure(
        "member_count",
        ("membership",),
        (as_of, TODAY),
        lambda: member_count_figure(member_count_series(membership, TODAY), as_of),
    )
    show_chart(count_figure, "count_chart", "csto-member-count", title=t("membership.count"), narrow=True)

# One state in focus
focus_labels = state_search_labels(members)
st.selectbox(
    t("membership.focus"),
    options=[None, *states_in_timeline],
    format_func=lambda code: focus_labels.get(code, code) if code else t("membership.focus_none"),
    key="focus",
    help=t("membership.focus_help"),
    bind="query-params",
)
if focus:
    st.subheader(tmd("membership.history", name=names.get(focus, focus)))
    history = with_first_source(state_history(membership, focus))
    if history.empty:
        st.info(t("membership.history_empty"))
    else:
        st.dataframe(
            labelled(
                history[["date", "date_precision", "change", "body", "basis", "note", "source", "source_url"]],
                {"date_precision": "precision.", "change": "change.", "body": "body.", "basis": "basis."},
            ),
            hide_index=True,
            column_config={
                "date": st.column_config.DateColumn(t("col.date"), format="D MMM YYYY"),
                "date_precision": t("col.precision"),
                "change": t("col.change"),
                "body": t("col.body"),
                "basis": t("col.basis"),
                "note": st.column_config.TextColumn(t("col.note"), width="large"),
                "source": st.column_config.LinkColumn(t("col.source")),
                "source_url": t("col.all_sources"),
            },
        )

# Events table
st.subheader(t("membership.events"))
years_available = (
    (int(events["date"].dt.year.min()), int(events["date"].dt.year.max())) if len(events) else (1992, TODAY.year)
)
filters = st.columns([2, 2, 3])
categories = filters[0].multiselect(
    t("membership.events.category"),
    options=list(EVENT_CATEGORIES),
    format_func=lambda c: t(f"category.{c}"),
    placeholder=t("widget.any"),
    key="ev_cat",
    bind="query-params",
)
chosen_states = filters[1].multiselect(
    t("membership.events.state"),
    options=sorted(names, key=names.get),
    format_func=names.get,
    placeholder=t("widget.any"),
    key="ev_state",
    bind="query-params",
)
years = filters[2].slider(
    t("membership.events.years"),
    min_value=years_available[0],
    max_value=max(years_available[1], years_available[0] + 1),
    value=(years_available[0], max(years_available[1], years_available[0] + 1)),
    key="ev_years",
    bind="query-params",
)
shown = filter_events(events, categories=categories, states=chosen_states, years=years)
st.caption(t("membership.events.count", rows=len(shown), total=len(events)))
if shown.empty:
    st.info(t("membership.events.empty"))
else:
    table = shown[["date", "end_date", "title", "category", "states", "reported_figures", "note", "source_url"]]
    if len(table) > TABLE_ROW_LIMIT:
        st.caption(t("membership.events.capped", shown=f"{TABLE_ROW_LIMIT:,}", total=f"{len(table):,}"))
    st.dataframe(
        labelled(with_first_source(table.head(TABLE_ROW_LIMIT)), {"category": "category."}),
        hide_index=True,
        column_config={
            "date": st.column_config.DateColumn(t("col.date"), format="D MMM YYYY"),
            "end_date": st.column_config.DateColumn(t("col.end_date"), format="D MMM YYYY"),
            "title": st.column_config.TextColumn(t("col.title"), width="large"),
            "category": t("col.category"),
            "states": st.column_config.ListColumn(t("col.states")),
            "reported_figures": t("col.figures"),
            "note": t("col.note"),
            "source": st.column_config.LinkColumn(t("col.source")),
            "source_url": t("col.all_sources"),
        },
    )
    csv_download(
        t("membership.events.download", rows=len(shown)),
        table,
        "csto-events-filtered.csv",
        "download_events",
    )

footer("membership")
