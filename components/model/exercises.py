"""Exercise map: declared state and the one build the page, deck and exports share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from components.data.loaders import split_sources
from components.data.schema import EXERCISE_STATUSES
from components.derive.counting import counts_per_state, listed_breakdown, listed_mask, state_counts
from components.derive.currency import status_labels
from components.derive.exercises import (
    ExerciseFilters,
    ExerciseView,
    exercise_view,
    filter_exercises,
    series_order,
    with_place_names,
)
from components.derive.membership import status_on
from components.derive.participation import (
    co_participation,
    involved_states,
    participation_matrix,
    per_year_totals,
    personnel_total,
)
from components.figures.exercises import exercise_map_figure, per_year_figure, series_display_names, series_styles
from components.figures.participation import co_participation_figure, participation_heatmap, personnel_per_year_figure
from components.i18n.names import (
    exercise_search_labels,
    force_name,
    force_names,
    localized,
    series_names,
    state_names,
)
from components.i18n.text import LANGUAGES, format_date, format_number, labelled, language, t
from components.model.base import TABLE_ROW_LIMIT, Chart, Column, Metric, PageModel, Table, unique_sources
from components.model.columns import columns
from components.model.common import COUNTRY, country_domain, state_aliases, year_span
from components.model.state import Code, Codes, Domain, Field, Number, PageSpec, Text, YearRange

SPEC = PageSpec(
    "exercises",
    (
        Field("ex_years", YearRange(), "exercises.years", default_from=lambda d: d.bounds["ex_years"]),
        Field("ex_series", Codes(), "exercises.series", default=()),
        Field("ex_hosts", Codes(), "exercises.hosts", default=()),
        Field("ex_participants", Codes(), "exercises.participants", default=()),
        Field("ex_status", Codes(), "exercises.status", default=()),
        Field("ex_force", Codes(), "exercises.force", default=()),
        Field("ex_text", Text(), "exercises.search", default="", placeholder="exercises.search_placeholder"),
        Field("exercise", Code(), "exercises.pick"),
        Field("year", Number(), "exercises.year", help="exercises.year_help"),
        Field("metric", Code(), "exercises.per_year_metric", default="exercises"),
        COUNTRY,
    ),
)
FILTERS = ("ex_years", "ex_series", "ex_hosts", "ex_participants", "ex_status", "ex_force", "ex_text")
TABLES_USED = ("members", "membership", "exercises", "places", "forces")
UNMAPPED_LISTED = 12
METRICS = ("exercises", "personnel")
TABLE_COLUMNS = [
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
    "source_url",
]


def domain(tables: dict[str, pd.DataFrame], today: date) -> Domain:
    members, exercises = tables["members"], tables["exercises"]
    options, aliases = country_domain(members)
    states = state_aliases(members)
    series = sorted(set(exercises["series"].astype(str)))
    series_aliases = {label: code for lang in LANGUAGES for code, label in series_names(exercises, lang).items()}
    status_aliases = {t(f"status_ex.{s}", lang): s for s in EXERCISE_STATUSES for lang in LANGUAGES}
    force_aliases = {
        label: code for lang in LANGUAGES for code, label in force_names(tables.get("forces"), lang).items()
    }
    exercise_aliases = {
        label: code for lang in LANGUAGES for code, label in exercise_search_labels(exercises, lang).items()
    }
    exercise_aliases.update(dict(zip(exercises["name"].astype(str), exercises["exercise_id"], strict=True)))
    return Domain(
        options={
            **options,
            "ex_series": series,
            "ex_hosts": sorted(set().union(*exercises["host_states"])) if len(exercises) else [],
            "ex_participants": sorted(set().union(*exercises["participants"])) if len(exercises) else [],
            "ex_status": list(EXERCISE_STATUSES),
            "ex_force": sorted(set(exercises["force"].dropna().astype(str))),
            "exercise": list(exercises["exercise_id"]),
            "metric": list(METRICS),
        },
        aliases={
            **aliases,
            "ex_series": series_aliases,
            "ex_hosts": states,
            "ex_participants": states,
            "ex_status": status_aliases,
            "ex_force": force_aliases,
            "exercise": exercise_aliases,
        },
        bounds={
            "ex_years": year_span(exercises["start_date"], (2002, today.year)),
            "year": year_span(exercises["start_date"], (2002, today.year)),
        },
    )


def filters_of(state: dict) -> ExerciseFilters:
    return ExerciseFilters(
        tuple(state["ex_years"]),
        tuple(state["ex_series"]),
        tuple(state["ex_hosts"]),
        tuple(state["ex_participants"]),
        tuple(state["ex_status"]),
        tuple(state["ex_force"]),
        state["ex_text"],
    )


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    """Everything the Exercise map page shows for ``state`` in ``lang``."""
    with language(lang):
        return _build(tables, state, today)


@dataclass
class ExercisesDetail:
    """What the Exercise map shows besides its charts and tables."""

    shown: int  # exercises shown (the map, the counts, the table)
    unmapped: int  # of them, how many the map cannot place
    unmapped_names: list[str]  # the first few of those, by name
    selected: str | None  # the exercise picked (its id), if it is in the data
    card: dict | None  # the picked exercise's card, as plain strings
    year: int | None  # the single year Play or a click shows, or None for the filters' range
    metric: str  # what the per-year chart counts: exercises or personnel


@dataclass
class Selection:
    """The exercises one state selects, filtered once: those in the filters' year range (the
    per-year chart, the matrix) and those shown (the map, counts, table: one year while Play runs)."""

    range_filters: ExerciseFilters
    year: int | None
    in_range: pd.DataFrame
    shown: pd.DataFrame

    @property
    def years(self) -> tuple[int, int]:
        return (self.year, self.year) if self.year else self.range_filters.years


def select(exercises: pd.DataFrame, state: dict) -> Selection:
    """Every filter but the years applied once; the two year spans then cut the result."""
    range_filters = filters_of(state)
    year = state.get("year")
    matching = filter_exercises(exercises, replace(range_filters, years=None))
    started = matching["start_date"].dt.year
    in_range = matching[started.between(*range_filters.years)]
    shown = matching[started.between(year, year)] if year else in_range
    return Selection(range_filters, year, in_range, shown)


@dataclass
class Names:
    """Display names in the page's language: states, forces, series and exercises."""

    states: dict[str, str]
    forces: dict[str, str]
    series: dict[str, str]


def _metrics(counts: dict, shown: pd.DataFrame) -> list[Metric]:
    personnel_help = t("exercises.metric.personnel_help", count=counts["with_personnel"])
    return [
        Metric(t("exercises.metric.exercises"), format_number(counts["exercises"]), listed_breakdown(shown)),
        Metric(t("exercises.metric.hosts"), str(counts["hosts"]), t("exercises.metric.hosts_help")),
        Metric(
            t("exercises.metric.participants"), str(counts["participants"]), t("exercises.metric.participants_help")
        ),
        Metric(t("exercises.metric.personnel"), format_number(personnel_total(shown)), personnel_help),
    ]


def _map_chart(
    tables: dict, exercises: pd.DataFrame, view: ExerciseView, picked: Selection, state: dict, today: date, names: Names
) -> Chart:
    """The map of the shown exercises (one marker each, or one per cell when there are many)."""
    start, end = picked.years
    count = format_number(view.shown)
    title = (
        t("exercises.map_title_year", year=picked.year, count=count)
        if picked.year
        else t("exercises.map_title", start=start, end=end, count=count)
    )
    figure = exercise_map_figure(
        view.points,
        tables["members"],
        status_on(tables["membership"], today),
        series_styles(series_order(exercises)),
        selected=state["exercise"] if state["exercise"] in set(exercises["exercise_id"]) else None,
        largest_personnel=exercises["personnel"].max(),
        cells=view.cells,
        series_labels=names.series,
        focus_state=state["country"],
    )
    return Chart("exercise_map", title, figure, "csto-exercise-map")


def _map_notes(view: ExerciseView, shown: pd.DataFrame, country: str | None, names: Names) -> list[str]:
    """What the map's caption says: how to read it, the focus state's part, the aggregation."""
    notes = [t("exercises.map_caption")]
    if country:
        count, took_part = int(listed_mask(shown, country).sum()), state_counts(shown, country).took_part
        notes.append(
            t("country.map_caption", name=names.states.get(country, country), count=count, took_part=took_part)
        )
    if view.cells is not None:
        mapped = format_number(view.shown - view.unmapped)
        notes.append(t("exercises.aggregated", count=mapped, markers=len(view.cells)))
    return notes


def _exercises_table(head: pd.DataFrame, picked: Selection, total: int, names: Names, labels: dict[str, str]) -> Table:
    """The shown exercises as rows (the first TABLE_ROW_LIMIT and the picked one) and a CSV of all."""
    table_rows = labelled(
        head[[c for c in TABLE_COLUMNS if c in head.columns]].assign(
            name=[labels.get(i, n) for i, n in zip(head["exercise_id"], head["name"], strict=True)]
        ),
        {"location_precision": "exercises.precision."},
    )
    table_rows = table_rows.assign(
        status=head["status_label"],
        series=head["series"].astype(str).map(lambda s: names.series.get(s, s)),
        force=head["force"].map(lambda f: force_name(f, names.forces)),
        host_states=head["host_states"].map(lambda codes: [names.states.get(c, c) for c in codes]),
        participants=head["participants"].map(lambda codes: [names.states.get(c, c) for c in codes]),
        location=localized(head, "location"),
        personnel=[personnel_text(row) for row in head.to_dict("records")],
    )
    return Table(
        key="exercises",
        title=t("exercises.table", rows=format_number(total)),
        rows=table_rows.head(TABLE_ROW_LIMIT),
        columns=columns(
            *TABLE_COLUMNS,
            start_date="col.start",
            end_date=Column(t("col.end"), "date"),
            host_states=Column(t("col.hosts"), "list"),
            location_precision=Column(t("col.location_precision")),
            participants=Column(t("col.participants"), "list"),
            personnel=Column(t("col.personnel")),
            series=Column(t("col.series")),
            force=Column(t("col.force")),
            source_url=Column(t("col.all_sources"), "sources"),
        ),
        download=picked.shown[TABLE_COLUMNS],
        file_name="csto-exercises-filtered.csv",
        total=total,
    )


def _option_names(names: Names, labels: dict[str, str], head: pd.DataFrame) -> dict[str, dict]:
    """The display names of each field's options (the widgets and the filter summary)."""
    return {
        "ex_series": names.series,
        "ex_hosts": names.states,
        "ex_participants": names.states,
        "ex_status": {s: t(f"status_ex.{s}") for s in EXERCISE_STATUSES},
        "ex_force": names.forces,
        "metric": {m: t(f"exercises.per_year_metric.{m}") for m in METRICS},
        "exercise": {i: labels.get(i, i) for i in head["exercise_id"]},
    }


def _build(tables: dict[str, pd.DataFrame], state: dict, today: date) -> PageModel:
    exercises = with_place_names(tables["exercises"], tables["places"])
    # The status as every view shows it: "planned — no report yet" once the dates have passed.
    exercises = exercises.assign(status_label=status_labels(exercises, today))
    names = Names(state_names(tables["members"]), force_names(tables.get("forces")), {})
    names.series = series_display_names(exercises, series_names(exercises))
    picked = select(exercises, state)
    # The rows are filtered already: exercise_view only shapes them for the map and the table.
    view = exercise_view(picked.shown, tables["members"], ExerciseFilters(), TABLE_ROW_LIMIT)
    (start, end), range_years = picked.years, picked.range_filters.years
    selected = state["exercise"] if state["exercise"] in set(exercises["exercise_id"]) else None
    charts: list[Chart] = []
    notes: list[str] = []
    if view.shown:
        charts.append(_map_chart(tables, exercises, view, picked, state, today, names))
        styles = series_styles(series_order(exercises))
        charts.append(per_year_chart(picked.in_range, range_years, styles, names.series, state.get("metric")))
        notes = _map_notes(view, picked.shown, state["country"], names)
    charts.extend(participation_charts(picked.in_range, range_years, names.states))
    head = view.head
    if selected and selected not in set(head["exercise_id"]):
        head = pd.concat([head, exercises[exercises["exercise_id"] == selected]])
    labels = exercise_search_labels(head)
    return PageModel(
        page="exercises",
        title=t("nav.exercises"),
        caption=t("view.exercises.caption", count=view.shown, held=view.counts["held"], start=start, end=end),
        as_of=f"{start}–{end}",
        charts=charts,
        metrics=_metrics(view.counts, picked.shown),
        notes=notes,
        tables=[
            _exercises_table(head, picked, view.shown, names, labels),
            participation_totals(picked.in_range, range_years, names.states),
        ],
        sources=unique_sources(view.head["source_url"]),
        names=_option_names(names, labels, head),
        detail=ExercisesDetail(
            shown=view.shown,
            unmapped=view.unmapped,
            unmapped_names=view.unmapped_names,
            selected=selected,
            card=exercise_card(exercises, selected, names.states, names.forces) if selected else None,
            year=picked.year,
            metric=state.get("metric") or "exercises",
        ),
    )


def exercise_card(
    exercises: pd.DataFrame, exercise_id: str, names: dict[str, str], forces: dict[str, str] | None = None
) -> dict:
    """The facts the exercise card shows, as plain strings (the ui escapes them)."""
    row = exercises.set_index("exercise_id").loc[exercise_id]
    label = exercise_search_labels(exercises[exercises["exercise_id"] == exercise_id]).get(exercise_id, row["name"])
    end = row["end_date"]
    has_end = end is not None and not pd.isna(end)
    precision = row["location_precision"] if isinstance(row["location_precision"], str) else "country"
    one = exercises[exercises["exercise_id"] == exercise_id]
    location = localized(one, "location").iloc[0]
    note = localized(one, "note").iloc[0]
    return {
        "name": label,
        "status": str(row["status_label"]) if "status_label" in row else t(f"status_ex.{row['status']}"),
        "dates": format_date(row["start_date"]) + (f" – {format_date(end)}" if has_end else ""),
        "location": location if isinstance(location, str) and location else "—",
        "precision": t(f"exercises.precision.{precision}"),
        "hosts": ", ".join(names.get(c, c) for c in row["host_states"]) or "—",
        "participants": ", ".join(names.get(c, c) for c in row["participants"]) or "—",
        "personnel": personnel_text(one.iloc[0].to_dict()) or t("exercises.personnel_unknown"),
        "force": force_name(row["force"], forces or {}),
        "aliases": "; ".join(row["aliases"]) if row["aliases"] else "",
        "note": note if isinstance(note, str) else "",
        "sources": split_sources(row["source_url"]),
    }


def per_year_chart(
    exercises: pd.DataFrame,
    years: tuple[int, int],
    styles: dict[str, tuple[str, str]],
    series_labels: dict[str, str],
    metric: str | None,
) -> Chart:
    """Per year over the filters' year range: exercises by series, or reported personnel with
    each figure counted once (a combined figure for several joint exercises added once)."""
    if metric == "personnel":
        return Chart(
            "per_year",
            t("exercises.per_year_personnel"),
            personnel_per_year_figure(per_year_totals(exercises, years, "personnel")),
            "csto-exercises-personnel-per-year",
            narrow=True,
        )
    return Chart(
        "per_year",
        t("exercises.per_year_status_title"),
        per_year_figure(exercises[["start_date", "series", "status"]], styles, years, series_labels),
        "csto-exercises-per-year",
        narrow=True,
    )


def participation_states(exercises: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Every state listed in the exercises (any status), by name: the matrix's rows."""
    return sorted(set().union(*(involved_states(r) for r in exercises.to_dict("records"))), key=names.get)


def participation_charts(exercises: pd.DataFrame, years: tuple[int, int], names: dict[str, str]) -> list[Chart]:
    """Who trains with whom over the filtered exercises: the state x year matrix (held roles; planned
    and cancelled cells marked apart; each state's took-part total after its name) and the
    co-participation network of held exercises (page only: not on the slide)."""
    if exercises.empty:
        return []
    states = participation_states(exercises, names)
    totals = counts_per_state(exercises, states).set_index("state")["took_part"].to_dict()
    charts = [
        Chart(
            "participation_matrix",
            t("participation.matrix_title", start=years[0], end=years[1]),
            participation_heatmap(participation_matrix(exercises, years, states), names, totals),
            "csto-exercise-participation",
            on_slide=False,
        )
    ]
    graph = co_participation(exercises)
    if graph.number_of_edges():
        charts.append(
            Chart(
                "co_participation",
                t("participation.network_title", start=years[0], end=years[1]),
                co_participation_figure(graph, names),
                "csto-co-participation",
                on_slide=False,
            )
        )
    return charts


def participation_totals(exercises: pd.DataFrame, years: tuple[int, int], names: dict[str, str]) -> Table:
    """The matrix's totals as a table and a CSV: per state, held exercises it took part in and
    hosted, and the planned or cancelled ones it was listed for (not counted)."""
    states = participation_states(exercises, names) if len(exercises) else []
    counts = counts_per_state(exercises, states)
    counts.insert(1, "name", [names.get(code, code) for code in counts["state"]])
    return Table(
        key="participation_totals",
        title=t("participation.totals", start=years[0], end=years[1]),
        rows=counts.drop(columns=["state"]),
        columns=columns("name", "took_part", "hosted", "not_held", name=Column(t("participation.col.state"))),
        download=counts,
        file_name="csto-participation-totals.csv",
        total=len(counts),
    )


QUALIFIER_MARKS = {"about": "≈ ", "over": "> ", "up_to": "≤ ", "exact": ""}


def personnel_text(row: dict) -> str:
    """Personnel as reported: '≈ 1,700', '> 2,000', '≤ 500', '6,500 (combined: 3 exercises)';
    '' when not reported."""
    value = row.get("personnel")
    if value is None or pd.isna(value):
        return ""
    qualifier = row.get("personnel_qualifier")
    text = QUALIFIER_MARKS.get(qualifier if isinstance(qualifier, str) else "exact", "") + format_number(int(value))
    if row.get("personnel_scope") == "combined":
        others = row.get("personnel_combined_with") or []
        text += " " + t("exercises.personnel_combined", count=len(others) + 1)
    return text
