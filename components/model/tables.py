"""A data table for each chart: the rows the chart draws, as a table a keyboard and a screen reader
can go through cell by cell (issue 32: "a data table with the same rows, reachable by keyboard").

Each function takes the page's tables (the DataFrames the page model is built from), its state and
``today``, exactly as the page model's ``build`` does, and returns one DataFrame whose column
headers and text cells are in the interface language. The rows are chosen by the same derive
functions and the same rules the chart's figure uses, so the table never says more or less than
the picture (tests/test_chart_tables.py counts both). Nothing here knows Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd

from components.derive.chronology import filter_items
from components.derive.counting import HOSTED, NONE, TOOK_PART, counts_per_state
from components.derive.currency import status_labels
from components.derive.events import MILESTONE_LIMIT, filter_events, spread_sample
from components.derive.exercises import ExerciseView, exercise_view, filter_exercises, with_place_names
from components.derive.membership import INACTIVE, STATUSES, member_count_series, membership_periods, summary_on
from components.derive.org import established_text, exists_in, org_graph
from components.derive.participation import (
    co_participation,
    country_exercise_years,
    participation_matrix,
    per_year_totals,
)
from components.figures.chronology import category_label
from components.figures.exercises import EXERCISE_STATUS_STYLE, series_display_names
from components.figures.membership import state_order
from components.figures.participation import ROLE_MARKS, not_held_mark, role_label
from components.i18n.names import body_abbreviation, body_name, localized, series_names, state_names
from components.i18n.text import current_language, t
from components.model.base import TABLE_ROW_LIMIT
from components.model.chronology import all_items, item_statuses
from components.model.common import year_span
from components.model.exercises import filters_of, participation_states, personnel_text

# A date is shown only as exactly as the data knows it (never a made-up day): ISO text, which
# sorts in the table, to the day, the month or the year.
_ISO_BY_PRECISION = {"year": "%Y", "month": "%Y-%m"}


def dated(day: object, precision: str = "day") -> str:
    """``day`` as ISO text to its known precision ("1992", "1992-05", "1992-05-15"); empty if none."""
    if day is None or pd.isna(day):
        return ""
    return pd.Timestamp(day).strftime(_ISO_BY_PRECISION.get(str(precision), "%Y-%m-%d"))


def org_chart_rows(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """One row per body the org chart draws for ``state`` (its kinds and year): the body, its kind,
    the links the chart draws from it to other drawn bodies ("reports to: …"), its founding date.

    The same rule as ``figures.org.org_figure``: a body of a chosen kind is drawn unless it was
    founded after the year (an unknown founding date is drawn, and said)."""
    graph = org_graph(tables["bodies"], tables["body_links"]).graph
    kinds, year = set(state["kinds"]), state["year"]
    shown = [
        node
        for node, attributes in graph.nodes(data=True)
        if attributes["kind"] in kinds and exists_in(attributes, year) is not False
    ]
    drawn = set(shown)

    def label(node: str) -> str:
        abbreviation = body_abbreviation(graph.nodes[node])
        return body_name(graph.nodes[node]) + (f" ({abbreviation})" if abbreviation else "")

    rows = [
        {
            t("table.col.body"): label(node),
            t("table.col.kind"): t(f"kind.{graph.nodes[node]['kind']}"),
            t("table.col.links"): "; ".join(
                f"{t(f'relation.{relation}')}: {label(target)}"
                for _, target, relation in graph.out_edges(node, data="relation")
                if target in drawn
            ),
            t("table.col.established"): established_text(graph.nodes[node]),
        }
        for node in shown
    ]
    columns = [t(f"table.col.{key}") for key in ("body", "kind", "links", "established")]
    return pd.DataFrame(rows, columns=columns)


def timeline_milestones(events: pd.DataFrame, categories: tuple[str, ...] | list[str]) -> pd.DataFrame:
    """The milestones the membership timeline marks: the events of the chosen categories, spread
    over at most MILESTONE_LIMIT (the page says so in a note when it samples)."""
    milestones = filter_events(events, categories=categories)
    return spread_sample(milestones, MILESTONE_LIMIT) if len(milestones) > MILESTONE_LIMIT else milestones


def membership_timeline_rows(tables: dict[str, pd.DataFrame], state: dict, today: date) -> pd.DataFrame:
    """The membership timeline as rows: one per bar (a state, its status, from, to; "to" says when
    the status continues to today), in the chart's order top to bottom, then one per milestone on
    the lane above it (the milestones lane, the event, its date)."""
    members, periods = tables["members"], membership_periods(tables["membership"], today)
    names = state_names(members)
    order = {code: index for index, code in enumerate(state_order(periods, members))}
    periods = periods.assign(_row=periods["state"].map(order)).sort_values(["_row", "start"], kind="stable")
    lane, what, start, end = (t(f"table.col.{key}") for key in ("lane", "what", "from", "to"))
    rows = [
        {
            lane: names.get(period.state, period.state),
            what: t(f"status.{period.status}"),
            start: dated(period.start, period.start_precision),
            end: t("table.continues") if period.open_ended else dated(period.end, period.end_precision or "day"),
        }
        for period in periods.itertuples()
    ]
    milestones = timeline_milestones(tables["events"], state["ms"])
    milestones = milestones.assign(title=localized(milestones, "title")).sort_values("date", kind="stable")
    rows += [
        {
            lane: t("timeline.milestones"),
            what: str(event.title),
            start: dated(event.date, event.date_precision),
            end: "",
        }
        for event in milestones.itertuples()
    ]
    return pd.DataFrame(rows, columns=[lane, what, start, end])


def status_map_rows(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """The status map as rows: each state it shades and its status on the as-of date, by name."""
    names = state_names(tables["members"])
    grouped = summary_on(tables["membership"], state["asof"])
    rows = [
        {t("table.col.state"): names.get(code, code), t("table.col.status"): t(f"status.{status}")}
        for status in (*STATUSES, INACTIVE)
        for code in grouped.get(status, [])
    ]
    columns = [t("table.col.state"), t("table.col.status")]
    return pd.DataFrame(rows, columns=columns).sort_values(columns[0], kind="stable").reset_index(drop=True)


def member_count_rows(tables: dict[str, pd.DataFrame], state: dict, today: date) -> pd.DataFrame:
    """The member-count chart as rows: each date a count changes (and today), with how many states
    held each status the chart draws (a status never held is not drawn, and has no column)."""
    counts = member_count_series(tables["membership"], today)
    drawn = [status for status in STATUSES if counts.loc[counts["status"] == status, "count"].max() > 0]
    wide = counts.pivot_table(index="date", columns="status", values="count", aggfunc="last", sort=True)
    rows = pd.DataFrame({t("table.col.date"): [dated(day) for day in wide.index]})
    for status in drawn:
        rows[t(f"status.{status}")] = wide[status].astype(int).to_numpy()
    return rows


def exercises_per_year_rows(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """The exercise map's per-year chart as rows: each year of the filters' range (a single year
    chosen with Play does not narrow it, as it does not narrow the chart) with its exercises by
    status, a column for each status the chart stacks, or with its reported personnel (each figure
    counted once) when the chart shows personnel."""
    exercises = filter_exercises(with_place_names(tables["exercises"], tables["places"]), filters_of(state))
    years = tuple(state["ex_years"])
    all_years = list(range(years[0], years[1] + 1))
    rows = pd.DataFrame({t("table.col.year"): [str(year) for year in all_years]})
    if state.get("metric") == "personnel":
        totals = per_year_totals(exercises, years, "personnel")
        rows[t("participation.axis.personnel")] = [int(totals.get(year, 0)) for year in all_years]
        return rows
    counts = exercises.assign(year=exercises["start_date"].dt.year).groupby(["year", "status"]).size()
    for status in EXERCISE_STATUS_STYLE:
        values = [int(counts.get((year, status), 0)) for year in all_years]
        if any(values):
            rows[t(f"status_ex.{status}")] = values
    return rows


def _exercises(tables: dict[str, pd.DataFrame], today: date) -> pd.DataFrame:
    """The exercises as the exercise page's model reads them: with the names of the places they
    used (free-text search looks there) and each status as every view shows it."""
    exercises = with_place_names(tables["exercises"], tables["places"])
    return exercises.assign(status_label=status_labels(exercises, today))


def exercise_map_view(tables: dict[str, pd.DataFrame], state: dict, today: date) -> ExerciseView:
    """What the exercise map draws for ``state``: the filters, narrowed to the single year Play
    shows when one is chosen, through the same ``exercise_view`` as the page model."""
    filters = filters_of(state)
    if state.get("year"):
        filters = replace(filters, years=(state["year"], state["year"]))
    return exercise_view(_exercises(tables, today), tables["members"], filters, TABLE_ROW_LIMIT)


def _place_precision(point: dict) -> str:
    """How exactly the marker's place is known, as the map's hover says it."""
    if point.get("at_capital"):
        return t("exercises.at_capital")
    return t(f"exercises.precision.{point['plot_precision']}")


def _exercise_end(point: dict) -> str:
    """The last day, when the data knows the dates to the day (a month or a year has none)."""
    if point["date_precision"] in ("year", "month"):
        return ""
    return dated(point["end_date"])


def exercise_map_rows(tables: dict[str, pd.DataFrame], state: dict, today: date) -> pd.DataFrame:
    """The exercise map as rows: one per marker, oldest first (the exercise, its series, dates to
    the precision the data knows, status as shown, hosts, participants, the place and how exactly
    it is known, reported personnel). Exercises the map cannot place are not on it, so not here
    (the page names them in a caption). Above MAP_POINT_LIMIT exercises the map draws a marker per
    cell and series, and so does the table (``exercise_cell_rows``)."""
    view = exercise_map_view(tables, state, today)
    labels = series_display_names(_exercises(tables, today), series_names(tables["exercises"]))
    if view.cells is not None:
        return exercise_cell_rows(view.cells, labels)
    names = state_names(tables["members"])
    points = view.points.to_dict("records")
    places = localized(view.points, "location") if points else pd.Series(dtype=object)

    def states(key: str) -> list[str]:
        return [", ".join(names.get(code, code) for code in point[key]) for point in points]

    columns = {
        "exercise": [point["display_name"] for point in points],
        "series": [labels.get(str(point["series"]), str(point["series"])) for point in points],
        "start": [dated(point["start_date"], point["date_precision"]) for point in points],
        "end": [_exercise_end(point) for point in points],
        "status": [point["status_label"] for point in points],
        "hosts": states("host_states"),
        "participants": states("participants"),
        "location": [place if isinstance(place, str) else "" for place in places],
        "location_precision": [_place_precision(point) for point in points],
        "personnel": [personnel_text(point) for point in points],
    }
    return pd.DataFrame({t(f"col.{key}"): values for key, values in columns.items()})


def exercise_cell_rows(cells: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The aggregated map as rows: one per marker (a map cell and a series) with how many
    exercises it stands for, their first and last year and one of them by name, as its hover."""
    columns = {
        "col.series": [labels.get(str(series), str(series)) for series in cells["series"]],
        "participation.axis.exercises": [int(count) for count in cells["count"]],
        "table.col.from": [str(int(year)) for year in cells["first_year"]],
        "table.col.to": [str(int(year)) for year in cells["last_year"]],
        "table.col.example": [str(example) for example in cells["example"]],
    }
    return pd.DataFrame({t(key): values for key, values in columns.items()})


def _in_range(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """The exercises of the filters' year range (a single year chosen with Play does not narrow
    the participation charts), as the page model filters them."""
    return filter_exercises(with_place_names(tables["exercises"], tables["places"]), filters_of(state))


def matrix_cell(role: str) -> str:
    """A matrix cell as words with the chart's mark: "● hosted", "+ planned: not held, not
    counted"; empty where the state had no exercise that year."""
    if role == NONE:
        return ""
    return f"{ROLE_MARKS.get(role) or not_held_mark(role)} {role_label(role)}"


def participation_matrix_rows(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """The participation matrix as rows: one per state in the chart's order, the held exercises it
    took part in (the number after its name), then a column per year with the cell's mark and
    meaning: hosted or took part (held exercises only, as components/derive/counting.py counts),
    or listed for a planned or cancelled one (shown, never counted)."""
    exercises = _in_range(tables, state)
    columns = [t("participation.col.state"), t("participation.col.took_part")]
    if exercises.empty:
        return pd.DataFrame(columns=columns)
    names = state_names(tables["members"])
    states = participation_states(exercises, names)
    matrix = participation_matrix(exercises, tuple(state["ex_years"]), states)
    totals = counts_per_state(exercises, states).set_index("state")["took_part"]
    rows = pd.DataFrame({columns[0]: [names.get(code, code) for code in states]})
    rows[columns[1]] = [int(totals[code]) for code in states]
    for year in matrix.columns:
        rows[str(year)] = [matrix_cell(str(role)) for role in matrix[year]]
    return rows


def co_participation_rows(tables: dict[str, pd.DataFrame], state: dict) -> pd.DataFrame:
    """The co-participation network as rows: one per line it draws, a pair of states and how many
    held exercises both took part in (hosting counts; planned and cancelled ones add nothing),
    the most shared first."""
    names = state_names(tables["members"])
    graph = co_participation(_in_range(tables, state))
    columns = [t("table.col.state"), t("table.col.with"), t("table.col.shared")]
    pairs = sorted(
        (sorted((names.get(a, a), names.get(b, b))), int(weight)) for a, b, weight in graph.edges(data="weight")
    )
    pairs.sort(key=lambda pair: -pair[1])
    rows = [dict(zip(columns, [first, second, weight], strict=True)) for (first, second), weight in pairs]
    return pd.DataFrame(rows, columns=columns)


def chronology_rows(tables: dict[str, pd.DataFrame], state: dict, today: date) -> pd.DataFrame:
    """The chronology as rows: one per item it marks, oldest first (the date as exactly as it is
    known, the chart's row, the event or exercise, its status as shown where it has one)."""
    items = all_items(tables, bool(state["ch_ex"]), current_language())
    items = items.assign(status=items["item_id"].map(item_statuses(tables, today)).fillna(""))
    shown = filter_items(items, state["ch_cat"], state["ch_states"], state["ch_text"])
    columns = [t(key) for key in ("table.col.date", "table.col.lane", "table.col.item", "table.col.status")]
    values = [
        [dated(day, precision) for day, precision in zip(shown["date"], shown["precision"], strict=True)],
        [category_label(category) for category in shown["category"]],
        [str(title) for title in shown["title"]],
        [str(status) for status in shown["status"]],
    ]
    return pd.DataFrame(dict(zip(columns, values, strict=True)), columns=columns)


def country_exercises_rows(tables: dict[str, pd.DataFrame], state: dict, today: date) -> pd.DataFrame:
    """The country page's per-year chart as rows: each year of the exercises' span with the held
    exercises the state hosted and those it took part in without hosting (together: took part),
    then a column per other status it was listed with (planned, cancelled...: shown, not counted)."""
    exercises, code = tables["exercises"], state["country"]
    rows = pd.DataFrame(columns=[t("table.col.year")])
    if not code:
        return rows
    first, last = year_span(exercises["start_date"], (2004, today.year))
    years = list(range(first, last + 1))
    by_year = country_exercise_years(exercises, code).set_index("year")
    rows[t("table.col.year")] = [str(year) for year in years]
    for role in (HOSTED, TOOK_PART, *(column for column in by_year.columns if column not in (HOSTED, TOOK_PART))):
        counts = by_year[role] if role in by_year else pd.Series(dtype=int)
        rows[role_label(role)] = [int(counts.get(year, 0)) for year in years]
    return rows


# Each chart's data-table rows from the page's tables, declared state and today's date: the one
# place a page's chart finds its table (OpenPage.table), so no page imports these functions.
CHART_ROWS: dict[str, Callable[[dict[str, pd.DataFrame], dict, date], pd.DataFrame]] = {
    "org_chart": lambda tables, state, today: org_chart_rows(tables, state),
    "timeline_chart": membership_timeline_rows,
    "status_map": lambda tables, state, today: status_map_rows(tables, state),
    "count_chart": member_count_rows,
    "per_year": lambda tables, state, today: exercises_per_year_rows(tables, state),
    "exercise_map": exercise_map_rows,
    "participation_matrix": lambda tables, state, today: participation_matrix_rows(tables, state),
    "co_participation": lambda tables, state, today: co_participation_rows(tables, state),
    "chronology_chart": chronology_rows,
    "country_exercises": country_exercises_rows,
}


def chart_rows(chart_key: str, tables: dict[str, pd.DataFrame], state: dict, today: date) -> Callable[[], pd.DataFrame]:
    """The chart's data-table rows, as a function called only when a reader opens the table."""
    build = CHART_ROWS[chart_key]
    return lambda: build(tables, state, today)
