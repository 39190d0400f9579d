"""A chart's data table holds the rows the chart draws (issue 32): counted against the figure the
page model builds for the same state, in both languages, for the default view and for views that
change what is drawn (fewer kinds, an earlier year, every milestone category, exercise filters, a
single year chosen with Play, another state, a selected item)."""

from __future__ import annotations

import html
import re
from collections import Counter

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.data.loaders import read_all
from components.data.schema import BODY_KINDS, EVENT_CATEGORIES
from components.derive.events import MILESTONE_LIMIT
from components.figures.exercises import STATUS_OVERLAY
from components.i18n.text import CATALOGUE, esc, format_number, language, t
from components.model.pages import PAGE_KINDS
from components.model.tables import (
    chronology_rows,
    co_participation_rows,
    country_exercises_rows,
    dated,
    exercise_map_rows,
    exercises_per_year_rows,
    member_count_rows,
    membership_timeline_rows,
    org_chart_rows,
    participation_matrix_rows,
    status_map_rows,
)
from tests.conftest import FIXED_TODAY

DAY = pd.Timedelta(days=1)


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def built(tables, page: str, params: dict[str, list[str]], lang: str):
    """The page's state from URL values and its model, as the page builds them."""
    kind = PAGE_KINDS[page]
    state, invalid = kind.spec.decode(params, kind.domain(tables, FIXED_TODAY))
    assert not invalid, invalid
    return state, kind.build(tables, state, lang, FIXED_TODAY)


def node_counts(figure: go.Figure) -> Counter:
    """Bodies the org chart draws, by kind name (its marker traces carry each body's id)."""
    return Counter({trace.name: len(trace.customdata) for trace in figure.data if trace.customdata is not None})


def edge_count(figure: go.Figure) -> int:
    """Links the org chart draws: each is one path in a relation's line trace, ended by a gap."""
    return sum(list(trace.x).count(None) for trace in figure.data if trace.mode == "lines")


STRUCTURE_VIEWS = [
    {},
    {"year": ["1995"]},
    {"kinds": ["statutory", "working_group"]},
    {"year": ["2005"], "kinds": ["statutory", "forces"]},
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", STRUCTURE_VIEWS)
def test_the_org_chart_table_has_a_row_per_drawn_body_and_every_drawn_link(tables, params, lang):
    assert set(params.get("kinds", [])) <= set(BODY_KINDS)
    with language(lang):
        state, model = built(tables, "structure", params, lang)
        rows = org_chart_rows(tables, state)
        kind_column, links_column = t("table.col.kind"), t("table.col.links")
    figure = model.chart("org_chart").figure
    assert Counter(rows[kind_column]) == node_counts(figure)
    assert len(rows) == sum(node_counts(figure).values()) > 0
    drawn_links = sum(len(cell.split("; ")) for cell in rows[links_column] if cell)
    assert drawn_links == edge_count(figure) > 0


def period_counts(figure: go.Figure) -> Counter:
    """Bars the membership timeline draws, by status name (legend-only twins have no bars)."""
    return Counter(
        {
            trace.name: len(trace.y)
            for trace in figure.data
            if trace.type == "bar" and list(trace.y) != [None] and trace.showlegend is False
        }
    )


def milestone_dates(figure: go.Figure, lang: str) -> list[str]:
    lane = t("timeline.milestones", lang)
    return [str(day)[:10] for trace in figure.data if trace.name == lane for day in trace.x]


TIMELINE_VIEWS = [{}, {"ms": list(EVENT_CATEGORIES)}, {"ms": ["treaty"]}]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", TIMELINE_VIEWS)
def test_the_timeline_table_has_a_row_per_bar_and_per_milestone(tables, params, lang):
    with language(lang):
        state, model = built(tables, "membership", params, lang)
        rows = membership_timeline_rows(tables, state, FIXED_TODAY)
        lane, what, start = t("table.col.lane"), t("table.col.what"), t("table.col.from")
    figure = model.chart("timeline_chart").figure
    milestones = rows[rows[lane] == t("timeline.milestones", lang)]
    periods = rows.drop(milestones.index)
    assert Counter(periods[what]) == period_counts(figure)
    # A milestone's date is as exact as the data knows it; the figure places it on its first day.
    drawn = milestone_dates(figure, lang)
    assert len(milestones) == len(drawn) <= MILESTONE_LIMIT
    assert [day[: len(shown)] for day, shown in zip(drawn, milestones[start], strict=True)] == list(milestones[start])


def test_more_milestones_than_the_lane_holds_are_sampled_as_the_chart_samples_them(tables):
    """With more events than the lane can hold (the shipped events twice over, a day apart), the
    table keeps exactly the ones drawn, not all of them."""
    events = tables["events"]
    doubled = pd.concat([events, events.assign(event_id=events["event_id"] + "-again", date=events["date"] + DAY)])
    tables = {**tables, "events": doubled.sort_values("date", kind="stable").reset_index(drop=True)}
    state, model = built(tables, "membership", {"ms": list(EVENT_CATEGORIES)}, "en")
    rows = membership_timeline_rows(tables, state, FIXED_TODAY)
    assert len(doubled) > MILESTONE_LIMIT
    milestones = rows[rows["Row of the chart"] == "Milestones"]
    drawn = milestone_dates(model.chart("timeline_chart").figure, "en")
    assert len(milestones) == len(drawn) == MILESTONE_LIMIT
    assert [day[:4] for day in drawn] == [day[:4] for day in milestones["From"]]


AS_OF_VIEWS = [{}, {"asof": ["2000-06-30"]}, {"asof": ["2012-12-31"]}]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", AS_OF_VIEWS)
def test_the_status_map_table_has_each_shaded_state_with_its_status(tables, params, lang):
    with language(lang):
        state, model = built(tables, "membership", params, lang)
        rows = status_map_rows(tables, state)
        columns = [t("table.col.state"), t("table.col.status")]
    shaded = {tuple(text.split(" — ")) for trace in model.chart("status_map").figure.data for text in trace.hovertext}
    assert set(rows[columns].itertuples(index=False, name=None)) == shaded
    assert len(rows) == len(shaded) > 0


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", AS_OF_VIEWS)
def test_the_member_count_table_has_each_step_of_each_line(tables, params, lang):
    with language(lang):
        state, model = built(tables, "membership", params, lang)
        rows = member_count_rows(tables, state, FIXED_TODAY)
        date_column = t("table.col.date")
    lines = model.chart("count_chart").figure.data
    assert list(rows.columns[1:]) == [trace.name.replace("<br>", " ") for trace in lines]
    for trace in lines:
        drawn = {str(day)[:10]: count for day, count in zip(trace.x, trace.y, strict=True)}
        assert dict(zip(rows[date_column], rows[trace.name.replace("<br>", " ")], strict=True)) == drawn


PER_YEAR_VIEWS = [
    {},
    {"ex_years": ["2010-2015"]},
    {"ex_participants": ["ARM"], "year": ["2012"]},
    {"ex_status": ["cancelled", "planned"]},
    {"metric": ["personnel"]},
    {"metric": ["personnel"], "ex_hosts": ["KGZ"]},
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", PER_YEAR_VIEWS)
def test_the_per_year_table_has_each_bar_of_each_stack(tables, params, lang):
    """Each year of the range with each stacked bar's count (or the personnel bar's figure): the
    same numbers the chart draws, in the same columns as its legend."""
    with language(lang):
        state, model = built(tables, "exercises", params, lang)
        rows = exercises_per_year_rows(tables, state)
        year_column = t("table.col.year")
    bars = model.chart("per_year").figure.data
    assert rows[year_column].tolist() == [str(year) for year in bars[0].x]
    if params.get("metric"):
        assert rows.columns.tolist()[1:] == [t("participation.axis.personnel", lang)]
        assert rows.iloc[:, 1].tolist() == list(bars[0].y)
        return
    assert rows.columns.tolist()[1:] == [bar.name for bar in bars]
    for bar in bars:
        assert rows[bar.name].tolist() == list(bar.y), bar.name
    assert sum(sum(bar.y) for bar in bars) > 0


def exercise_markers(figure: go.Figure) -> Counter:
    """The exercises the map marks, as (name, status, place precision) from each marker's hover
    (the "+", "×" and "–" drawn on top of some markers repeat them, and are left out)."""
    overlays = set(STATUS_OVERLAY.values())
    markers = Counter()
    for trace in figure.data:
        if trace.type != "scattergeo" or trace.customdata is None or set(trace.marker.symbol) <= overlays:
            continue
        for hover in trace.hovertext:
            lines = [html.unescape(line) for line in hover.split("<br>")]
            name, status = re.fullmatch(r"<b>(.*)</b> · (.*)", lines[0]).groups()
            markers[(name, status, lines[2].rsplit(" (", 1)[1].removesuffix(")"))] += 1
    return markers


MAP_VIEWS = [
    {},
    {"year": ["2012"]},
    {"ex_hosts": ["KAZ"], "ex_status": ["held"]},
    {"ex_status": ["cancelled", "planned", "announced"]},
    {"ex_text": ["Rubezh"], "ex_years": ["2010-2020"]},
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", MAP_VIEWS)
def test_the_exercise_map_table_has_a_row_per_marker(tables, params, lang):
    """Each marker the map draws is a row with the same exercise, status and place precision (a
    single year chosen with Play narrows both); exercises the map cannot place are in neither."""
    with language(lang):
        state, model = built(tables, "exercises", params, lang)
        rows = exercise_map_rows(tables, state, FIXED_TODAY)
        columns = [t(f"col.{key}") for key in ("exercise", "status", "location_precision")]
    drawn = exercise_markers(model.chart("exercise_map").figure)
    assert Counter(rows[columns].itertuples(index=False, name=None)) == drawn
    assert len(rows) == sum(drawn.values()) == model.detail.shown - model.detail.unmapped > 0


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_aggregated_map_table_has_a_row_per_cell_marker(tables, lang, monkeypatch):
    """Above MAP_POINT_LIMIT the map draws one marker per cell and series: so does the table, with
    the count each marker stands for."""
    monkeypatch.setattr("components.derive.exercises.MAP_POINT_LIMIT", 20)
    with language(lang):
        state, model = built(tables, "exercises", {}, lang)
        rows = exercise_map_rows(tables, state, FIXED_TODAY)
        count_column = t("participation.axis.exercises")
    hovers = [
        hover for trace in model.chart("exercise_map").figure.data if trace.hovertext for hover in trace.hovertext
    ]
    drawn = Counter(int(re.match(r"<b>\D*(\d+)", hover).group(1)) for hover in hovers if hover.startswith("<b>"))
    assert Counter(rows[count_column]) == drawn
    assert rows[count_column].sum() == model.detail.shown - model.detail.unmapped > 20


PARTICIPATION_VIEWS = [
    {},
    {"ex_years": ["2015-2020"]},
    {"ex_participants": ["ARM"], "year": ["2012"]},
    {"ex_status": ["cancelled", "planned"]},
    {"ex_hosts": ["BLR"]},
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", PARTICIPATION_VIEWS)
def test_the_matrix_table_has_each_cell_of_the_matrix(tables, params, lang):
    """Each state's row with its took-part total (after its name on the chart) and each year's
    cell: the chart's mark and what its hover says (held roles, or planned/cancelled: not counted)."""
    with language(lang):
        state, model = built(tables, "exercises", params, lang)
        rows = participation_matrix_rows(tables, state)
        state_column, total_column = t("participation.col.state"), t("participation.col.took_part")
        labels = [
            f"{name} · {format_number(total)}"
            for name, total in zip(rows[state_column], rows[total_column], strict=True)
        ]
    heatmap = model.chart("participation_matrix").figure.data[0]
    assert [html.unescape(label) for label in heatmap.y] == labels
    years = [str(year) for year in heatmap.x]
    assert rows.columns.tolist() == [state_column, total_column, *years]
    for row, marks, hovers in zip(rows.itertuples(index=False), heatmap.text, heatmap.customdata, strict=True):
        for year, cell, mark, hover in zip(years, row[2:], marks, hovers, strict=True):
            said = html.unescape(hover).split(f" · {year}: ", 1)[1]
            assert cell == (f"{mark} {said}" if mark else ""), (row[0], year)
    assert sum(cell != "" for cell in rows[years].to_numpy().ravel()) > 0


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", PARTICIPATION_VIEWS)
def test_the_network_table_has_each_line_of_the_network(tables, params, lang):
    """Each line the network draws is a row: the two states and the held exercises they shared
    (the count on the line); with no line drawn (no held exercise shared) the table is empty."""
    with language(lang):
        state, model = built(tables, "exercises", params, lang)
        rows = co_participation_rows(tables, state)
        hover_of = [
            {t("participation.edge_hover", a=esc(a), b=esc(b), count=format_number(n)) for a, b in ((x, y), (y, x))}
            for x, y, n in rows.itertuples(index=False, name=None)
        ]
    chart = model.chart("co_participation")
    if chart is None:
        assert rows.empty
        return
    lines = list(chart.figure.data[0].customdata)
    assert len(rows) == len(lines) == len(chart.figure.layout.shapes) > 0
    assert all(len(hovers & set(lines)) == 1 for hovers in hover_of)
    assert len({line for hovers in hover_of for line in hovers & set(lines)}) == len(lines)


def chronology_marks(figure: go.Figure) -> dict[str, list[str]]:
    """Dates the chronology marks, by the row (category) they are on; the ring around a selected
    item is not a mark of its own."""
    return {
        html.unescape(trace.name): [str(day)[:10] for day in trace.x]
        for trace in figure.data
        if trace.customdata is not None
    }


CHRONOLOGY_VIEWS = [
    {},
    {"ch_ex": ["1"]},
    {"ch_ex": ["1"], "ch_states": ["ARM"]},
    {"ch_cat": ["summit", "treaty"]},
    {"ch_text": ["Moscow"], "item": ["summit-2002-05-moscow"]},
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("params", CHRONOLOGY_VIEWS)
def test_the_chronology_table_has_a_row_per_mark(tables, params, lang):
    """Each mark is a row on the same chart row at the same date (as exactly as it is known); the
    hollow marks (not held) are the rows whose status is other than held."""
    with language(lang):
        state, model = built(tables, "chronology", params, lang)
        rows = chronology_rows(tables, state, FIXED_TODAY)
        date_column, lane, status = t("table.col.date"), t("table.col.lane"), t("table.col.status")
        not_held = ~rows[status].isin(["", t("status_ex.held")])
    figure = model.chart("chronology_chart").figure
    marks = chronology_marks(figure)
    assert Counter(rows[lane]) == Counter({row: len(days) for row, days in marks.items()})
    for row, days in marks.items():
        known = rows.loc[rows[lane] == row, date_column].tolist()
        assert [day[: len(shown)] for day, shown in zip(days, known, strict=True)] == known, row
    hollow = sum(
        str(symbol).endswith("-open")
        for trace in figure.data
        if trace.customdata is not None
        for symbol in trace.marker.symbol
    )
    assert hollow == int(not_held.sum())
    assert len(rows) == sum(len(days) for days in marks.values()) > 0
    if params.get("item"):  # the selected item is ringed, and still one row
        assert len(figure.data) == len(marks) + 2  # the marks, the hollow key, the ring


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("country", ["ARM", "RUS", "UZB", "KGZ"])
def test_the_country_table_has_each_bar_of_each_stack(tables, country, lang):
    """Each year of the chart with each bar's count: hosted, took part without hosting, and each
    not-held status (never counted), in the legend's order and words."""
    with language(lang):
        state, model = built(tables, "country", {"country": [country]}, lang)
        rows = country_exercises_rows(tables, state, FIXED_TODAY)
        year_column = t("table.col.year")
    bars = model.chart("country_exercises").figure.data
    assert rows[year_column].tolist() == [str(year) for year in bars[0].x]
    assert rows.columns.tolist()[1:] == [html.unescape(bar.name) for bar in bars]
    for bar in bars:
        assert rows[html.unescape(bar.name)].tolist() == list(bar.y), bar.name
    took_part = rows[t("participation.role.hosted", lang)] + rows[t("participation.role.took_part", lang)]
    assert took_part.sum() == len(model.table("exercises").download)


def test_no_country_no_per_year_table(tables):
    state, model = built(tables, "country", {}, "en")
    assert country_exercises_rows(tables, state, FIXED_TODAY).empty
    assert not model.charts


def test_the_russian_tables_speak_russian(tables):
    """Headers from the Russian catalogue, states and bodies by their Russian names, statuses and
    kinds in Russian."""
    with language("ru"):
        state, _ = built(tables, "structure", {}, "ru")
        org = org_chart_rows(tables, state)
        state, _ = built(tables, "membership", {}, "ru")
        timeline = membership_timeline_rows(tables, state, FIXED_TODAY)
    ru = CATALOGUE["ru"]
    assert list(org.columns) == [ru[f"table.col.{key}"] for key in ("body", "kind", "links", "established")]
    assert list(timeline.columns) == [ru[f"table.col.{key}"] for key in ("lane", "what", "from", "to")]
    assert "Совет коллективной безопасности (СКБ)" in set(org[ru["table.col.body"]])
    assert "Армения" in set(timeline[ru["table.col.lane"]])
    assert ru["status.member"] in set(timeline[ru["table.col.what"]])
    assert ru["table.continues"] in set(timeline[ru["table.col.to"]])


def test_the_new_russian_tables_speak_russian(tables):
    """The exercise map, matrix, network, chronology and country tables in Russian: headers from
    the Russian catalogue, states, statuses, roles and chart rows in Russian."""
    ru = CATALOGUE["ru"]
    with language("ru"):
        state, _ = built(tables, "exercises", {}, "ru")
        exercise_map = exercise_map_rows(tables, state, FIXED_TODAY)
        matrix = participation_matrix_rows(tables, state)
        network = co_participation_rows(tables, state)
        state, _ = built(tables, "chronology", {"ch_ex": ["1"]}, "ru")
        chronology = chronology_rows(tables, state, FIXED_TODAY)
        state, _ = built(tables, "country", {"country": ["ARM"]}, "ru")
        country = country_exercises_rows(tables, state, FIXED_TODAY)
    assert list(exercise_map.columns[:3]) == [ru["col.exercise"], ru["col.series"], ru["col.start"]]
    assert "Рубеж-2004" in set(exercise_map[ru["col.exercise"]])
    assert ru["status_ex.held"] in set(exercise_map[ru["col.status"]])
    assert "Армения" in set(matrix[ru["participation.col.state"]])
    assert f"● {ru['participation.role.hosted']}" in set(matrix.iloc[:, 2:].to_numpy().ravel())
    assert list(network.columns) == [ru[f"table.col.{key}"] for key in ("state", "with", "shared")]
    assert "Россия" in set(network[ru["table.col.state"]]) | set(network[ru["table.col.with"]])
    assert list(chronology.columns) == [ru[f"table.col.{key}"] for key in ("date", "lane", "item", "status")]
    assert {ru["chronology.category.exercise"], ru["category.summit"]} <= set(chronology[ru["table.col.lane"]])
    assert list(country.columns[:3]) == [
        ru["table.col.year"],
        ru["participation.role.hosted"],
        ru["participation.role.took_part"],
    ]


def test_a_date_is_shown_only_as_exactly_as_it_is_known():
    assert dated("1992-05-15") == "1992-05-15"
    assert dated("1992-05-15", "month") == "1992-05"
    assert dated("1992-05-15", "year") == "1992"
    assert dated(None) == ""


@pytest.mark.parametrize(
    "page, params",
    [
        ("membership", {}),
        ("structure", {}),
        ("exercises", {}),
        ("chronology", {}),
        ("country", {"country": ["KGZ"]}),
    ],
)
def test_every_chart_a_page_draws_has_a_data_table(page, params):
    """A chart added to a page without its rows in CHART_ROWS fails here, not silently without a table."""
    from components.data.loaders import read_all
    from components.model.pages import PAGE_KINDS
    from components.model.tables import CHART_ROWS, chart_rows
    from tests.conftest import FIXED_TODAY

    tables = read_all()
    kind = PAGE_KINDS[page]
    state, _ = kind.spec.decode(params, kind.domain(tables, FIXED_TODAY))
    model = kind.build(tables, state, "en", FIXED_TODAY)
    drawn = [chart.key for chart in model.charts if chart.figure is not None]
    assert drawn and set(drawn) <= set(CHART_ROWS)
    for key in drawn:
        assert len(chart_rows(key, tables, state, FIXED_TODAY)()) > 0, key
