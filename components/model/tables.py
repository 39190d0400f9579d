"""A data table for each chart: the rows the chart draws, as a table a keyboard and a screen reader
can go through cell by cell (issue 32: "a data table with the same rows, reachable by keyboard").

Each function takes the page's tables (the DataFrames the page model is built from), its state and
``today``, exactly as the page model's ``build`` does, and returns one DataFrame whose column
headers and text cells are in the interface language. The rows are chosen by the same derive
functions and the same rules the chart's figure uses, so the table never says more or less than
the picture (tests/test_chart_tables.py counts both). Nothing here knows Streamlit.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.derive.events import MILESTONE_LIMIT, filter_events, spread_sample
from components.derive.exercises import filter_exercises, with_place_names
from components.derive.membership import INACTIVE, STATUSES, member_count_series, membership_periods, summary_on
from components.derive.org import established_text, exists_in, org_graph
from components.derive.participation import per_year_totals
from components.figures.exercises import EXERCISE_STATUS_STYLE
from components.figures.timeline import state_order
from components.i18n.names import body_abbreviation, body_name, localized, state_names
from components.i18n.text import t
from components.model.exercises import filters_of

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
