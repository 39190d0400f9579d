"""Exercise map: where and how the alliance trains, with combinable filters and linked views."""

from datetime import date

import pandas as pd
import streamlit as st

from components.data.loaders import split_sources
from components.data.schema import EXERCISE_STATUSES
from components.derive.country import involves
from components.derive.events import with_first_source
from components.derive.exercises import ExerciseFilters, filter_exercises, series_order
from components.derive.membership import status_on
from components.figures.exercises import exercise_map_figure, per_year_figure, series_styles
from components.i18n.names import exercise_search_labels, series_names, state_names
from components.i18n.text import format_date, labelled, md, source_links_md, t, tmd
from components.ui.page_kit import (
    TABLE_ROW_LIMIT,
    cached_figure,
    codes_in,
    csv_download,
    ensure_app_frame,
    exercise_view_for,
    focus_country,
    footer,
    require_tables,
    show_chart,
)

ensure_app_frame()
st.title(t("exercises.title"))
st.caption(t("exercises.intro"))
tables = require_tables("members", "membership", "exercises")
members, exercises = tables["members"], tables["exercises"]
names = state_names(members)
series_labels = series_names(exercises)
all_series = series_order(exercises)
styles = series_styles(all_series)
first_year = int(exercises["start_date"].dt.year.min()) if len(exercises) else 2002
last_year = max(int(exercises["start_date"].dt.year.max()) if len(exercises) else date.today().year, first_year + 1)
UNMAPPED_LISTED = 12
FILTER_KEYS = ("ex_years", "ex_series", "ex_hosts", "ex_participants", "ex_status", "ex_force", "ex_text")


def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


def select_from_click() -> None:
    points = st.session_state["exercise_map"].selection.get("points", [])
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    if ids:
        st.session_state["exercise"] = ids[0]


def state_options(column: str) -> list[str]:
    return sorted(codes_in("exercises", column), key=lambda c: names.get(c, c))


with st.container(border=True):
    row1 = st.columns([2, 3, 2])
    years = row1[0].slider(
        t("exercises.years"), first_year, last_year, (first_year, last_year), key="ex_years", bind="query-params"
    )
    series = row1[1].multiselect(
        t("exercises.series"),
        all_series,
        format_func=series_labels.get,
        placeholder=t("widget.any"),
        key="ex_series",
        bind="query-params",
    )
    text = row1[2].text_input(
        t("exercises.search"), placeholder=t("exercises.search_placeholder"), key="ex_text", bind="query-params"
    )
    row2 = st.columns([2, 2, 2, 2, 1.5], vertical_alignment="bottom")
    hosts = row2[0].multiselect(
        t("exercises.hosts"),
        state_options("host_states"),
        format_func=names.get,
        placeholder=t("widget.any"),
        key="ex_hosts",
        bind="query-params",
    )
    participants = row2[1].multiselect(
        t("exercises.participants"),
        state_options("participants"),
        format_func=names.get,
        placeholder=t("widget.any"),
        key="ex_participants",
        bind="query-params",
    )
    statuses = row2[2].multiselect(
        t("exercises.status"),
        list(EXERCISE_STATUSES),
        format_func=lambda s: t(f"status_ex.{s}"),
        placeholder=t("widget.any"),
        key="ex_status",
        bind="query-params",
    )
    forces = row2[3].multiselect(
        t("exercises.force"),
        sorted(exercises["force"].dropna().unique()),
        placeholder=t("widget.any"),
        key="ex_force",
        bind="query-params",
    )
    row2[4].button(t("exercises.reset"), on_click=reset_filters, key="ex_reset", icon=":material/restart_alt:")

filters = ExerciseFilters(
    tuple(years), tuple(series), tuple(hosts), tuple(participants), tuple(statuses), tuple(forces), text
)
view = exercise_view_for(filters)
counts = view.counts
metrics = st.columns(4)
metrics[0].metric(t("exercises.metric.exercises"), f"{counts['exercises']:,}")
metrics[1].metric(t("exercises.metric.hosts"), counts["hosts"])
metrics[2].metric(t("exercises.metric.participants"), counts["participants"])
metrics[3].metric(
    t("exercises.metric.personnel"),
    f"{counts['personnel']:,}",
    help=t("exercises.metric.personnel_help", count=counts["with_personnel"]),
)

if view.shown == 0:
    st.warning(t("exercises.empty"), icon=":material/filter_alt_off:")
    st.button(t("exercises.reset"), on_click=reset_filters, key="ex_reset_empty", type="primary")
    footer("exercises")
    st.stop()

selected = st.session_state.get("exercise")
country = focus_country()
figure = cached_figure(
    "exercise_map",
    ("exercises", "members", "membership"),
    (filters, selected, country, date.today()),
    lambda: exercise_map_figure(
        view.points,
        members,
        status_on(tables["membership"], date.today()),
        styles,
        selected=selected,
        largest_personnel=exercises["personnel"].max(),
        cells=view.cells,
        series_labels=series_labels,
        focus_state=country,
    ),
)
show_chart(
    figure,
    "exercise_map",
    "csto-exercise-map",
    title=t("exercises.map_title", start=years[0], end=years[1], count=f"{view.shown:,}"),
    on_select=select_from_click,
    selection_mode="points",
)
st.caption(t("exercises.map_caption"))
if country:
    # Counted over every shown exercise: above MAP_POINT_LIMIT the map holds cells, not exercises.
    shown = filter_exercises(exercises, filters)
    involved = shown[involves(shown["host_states"], country) | involves(shown["participants"], country)]
    st.caption(t("country.map_caption", name=names.get(country, country), count=len(involved)))
if view.cells is not None:
    st.caption(t("exercises.aggregated", count=f"{view.shown - view.unmapped:,}", markers=len(view.cells)))
if view.unmapped:
    more = view.unmapped - len(view.unmapped_names)
    listed = ", ".join(view.unmapped_names) + (f" … (+{more:,})" if more > 0 else "")
    st.caption(tmd("exercises.unmapped", count=view.unmapped, names=listed))

left, right = st.columns([3, 2])
with left:
    show_chart(
        cached_figure(
            "per_year",
            ("exercises",),
            (filters,),
            lambda: per_year_figure(view.years_series, styles, years, series_labels),
        ),
        "per_year",
        "csto-exercises-per-year",
        title=t("exercises.per_year"),
        narrow=True,
    )
with right, st.container(border=True):
    st.markdown(f"**{t('exercises.card')}**")
    # The picker offers the exercises the table shows (at most TABLE_ROW_LIMIT) and the selected one.
    pickable = view.head
    if selected and selected not in set(pickable["exercise_id"]):
        pickable = pd.concat([pickable, filter_exercises(exercises[exercises["exercise_id"] == selected], filters)])
    ids = pickable["exercise_id"].tolist()
    labels = exercise_search_labels(pickable)
    choice = st.selectbox(
        t("exercises.pick"),
        [None, *ids],
        format_func=lambda i: labels.get(i, i) if i else t("exercises.pick_none"),
        key="exercise",
        bind="query-params",
    )
    if not choice:
        st.caption(t("exercises.card_hint"))
    else:
        row = pickable.set_index("exercise_id").loc[choice]
        precision = row["location_precision"] if isinstance(row["location_precision"], str) else "country"
        end = "" if row["end_date"] is None or str(row["end_date"]) == "NaT" else f" – {format_date(row['end_date'])}"
        st.markdown(f"**{md(labels.get(choice, row['name']))}** · {t('status_ex.' + str(row['status']))}")
        st.markdown(tmd("exercises.card.dates", value=f"{format_date(row['start_date'])}{end}"))
        st.markdown(
            tmd(
                "exercises.card.location", value=row["location"] or "—", precision=t(f"exercises.precision.{precision}")
            )
        )
        st.markdown(tmd("exercises.card.hosts", value=", ".join(names.get(c, c) for c in row["host_states"]) or "—"))
        st.markdown(
            tmd("exercises.card.participants", value=", ".join(names.get(c, c) for c in row["participants"]) or "—")
        )
        personnel = (
            f"{int(row['personnel']):,}" if str(row["personnel"]) != "<NA>" else t("exercises.personnel_unknown")
        )
        st.markdown(tmd("exercises.card.personnel", value=personnel))
        if isinstance(row["force"], str) and row["force"]:
            st.markdown(tmd("exercises.card.force", value=row["force"]))
        if row["aliases"]:
            st.markdown(tmd("exercises.card.aliases", value="; ".join(row["aliases"])))
        if isinstance(row["note"], str) and row["note"]:
            st.caption(tmd("exercises.card.note", value=row["note"]))
        st.markdown(f"**{t('exercises.card.sources')}**")
        st.markdown(source_links_md(split_sources(row["source_url"])))

st.subheader(t("exercises.table", rows=f"{view.shown:,}"))
columns = [
    "name",
    "series",
    "start_date",
    "end_date",
    "status",
    "host_states",
    "location",
    "location_precision",
    "participants",
    "personnel",
    "force",
    "source",
]
if view.shown > TABLE_ROW_LIMIT:
    st.caption(t("exercises.table_capped", shown=f"{TABLE_ROW_LIMIT:,}", total=f"{view.shown:,}"))
st.dataframe(
    labelled(
        with_first_source(view.head)[columns], {"status": "status_ex.", "location_precision": "exercises.precision."}
    ),
    hide_index=True,
    column_config={
        "name": t("col.exercise"),
        "series": t("col.series"),
        "start_date": st.column_config.DateColumn(t("col.start"), format="D MMM YYYY"),
        "end_date": st.column_config.DateColumn(t("col.end"), format="D MMM YYYY"),
        "status": t("col.status"),
        "host_states": st.column_config.ListColumn(t("col.hosts")),
        "location": st.column_config.TextColumn(t("col.location"), width="medium"),
        "location_precision": t("col.location_precision"),
        "participants": st.column_config.ListColumn(t("col.participants")),
        "personnel": st.column_config.NumberColumn(t("col.personnel"), format="%d"),
        "force": t("col.force"),
        "source": st.column_config.LinkColumn(t("col.source")),
    },
)
csv_download(
    t("exercises.download", rows=f"{view.shown:,}"),
    lambda: filter_exercises(exercises, filters)[[c for c in columns if c != "source"] + ["source_url"]],
    "csto-exercises-filtered.csv",
    "download_exercises",
)

footer("exercises")
