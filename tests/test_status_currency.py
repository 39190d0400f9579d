"""The status "announced" apart from held, planned and cancelled, and honest currency: an announced
or planned item whose dates have passed reads "no report yet" in every view (map, table, card,
chronology, country profile). ``today`` is always passed, never read from the clock."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.data.loaders import parse_table, read_all
from components.data.schema import EXERCISE_STATUSES, TABLES
from components.derive.currency import last_day, no_report_yet, status_labels
from components.derive.exercises import ExerciseFilters, filter_exercises, series_order
from components.figures.exercises import (
    EXERCISE_STATUS_STYLE,
    STATUS_OVERLAY,
    exercise_map_figure,
    per_year_figure,
    series_styles,
)
from components.i18n.text import CATALOGUE, language
from components.i18n.text import t as t_en
from components.model.pages import build_from_params
from tests.conftest import FIXED_TODAY

TABLES_NOW = read_all(today=FIXED_TODAY)
# Rubezh-2007 is known from a pre-exercise announcement only: the example of "announced" here (the
# data helper sets the shipped rows; this test does not depend on which they are).
ANNOUNCED = "rubezh-2007"


def with_announced(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    exercises = tables["exercises"].copy()
    status = exercises["status"].astype(str).where(exercises["exercise_id"] != ANNOUNCED, "announced")
    exercises["status"] = pd.Categorical(status, categories=list(EXERCISE_STATUSES))
    return {**tables, "exercises": exercises}


TABLES_ANNOUNCED = with_announced(TABLES_NOW)


# --- the status ------------------------------------------------------------------------------------


def test_announced_is_a_status_in_the_contract_and_the_catalogue():
    assert "announced" in EXERCISE_STATUSES
    assert "announced" in TABLES["exercises"].future_dates.allowed  # an upcoming exercise may be announced
    for lang in ("en", "ru"):
        assert CATALOGUE[lang]["status_ex.announced"] != CATALOGUE[lang]["status_ex.held"]
        assert "exercises.legend.announced" in CATALOGUE[lang]


def test_an_announced_row_loads_and_a_future_one_is_allowed():
    header = ",".join(TABLES["exercises"].column_names)
    cells = {name: "" for name in TABLES["exercises"].column_names}
    cells.update(
        exercise_id="x-2027",
        name="X-2027",
        series="Other",
        start_date="2027-05-01",
        date_precision="month",
        status="announced",
        source_url="https://example.org/announcement",
    )
    table = parse_table("exercises", f"{header}\n{','.join(cells.values())}\n".encode(), today=FIXED_TODAY)
    assert table["status"].iloc[0] == "announced"


def test_the_status_filter_offers_announced_in_both_languages_and_keeps_only_it():
    exercises = TABLES_ANNOUNCED["exercises"]
    expected = list(exercises.loc[exercises["status"] == "announced", "exercise_id"])
    kept = filter_exercises(exercises, ExerciseFilters(statuses=["announced"]))
    assert ANNOUNCED in expected and list(kept["exercise_id"]) == expected
    held = filter_exercises(TABLES_ANNOUNCED["exercises"], ExerciseFilters(statuses=["held"]))
    assert ANNOUNCED not in set(held["exercise_id"])
    model, invalid = build_from_params("exercises", {"ex_status": ["объявлено"]}, TABLES_ANNOUNCED, "ru", FIXED_TODAY)
    assert invalid == [] and model.detail.shown == len(expected)


def test_per_year_chart_stacks_announced_apart_and_loses_no_exercise():
    """Every row is in exactly one stack; announced has its own trace (colour and pattern)."""
    exercises = TABLES_ANNOUNCED["exercises"]
    styles = series_styles(series_order(exercises))
    with language("en"):
        fig = per_year_figure(exercises[["start_date", "series", "status"]], styles)
    by_name = {trace.name: trace for trace in fig.data}
    assert sum(sum(trace.y) for trace in fig.data) == len(exercises)
    announced = by_name["announced"]
    expected = exercises.loc[exercises["status"] == "announced", "start_date"].dt.year.value_counts()
    drawn = {int(x): int(y) for x, y in zip(announced.x, announced.y, strict=True) if y}
    assert drawn == {int(year): int(count) for year, count in expected.items()} and drawn[2007] >= 1
    patterns = {status: pattern for status, (_, pattern) in EXERCISE_STATUS_STYLE.items()}
    assert len(set(patterns.values())) == len(patterns), "each status has its own pattern"


def test_map_marks_announced_with_its_own_shape_and_legend_entry():
    exercises = TABLES_ANNOUNCED["exercises"]
    cancelled = exercises.loc[exercises["status"] == "cancelled", "exercise_id"].iloc[0]
    points = exercises[exercises["exercise_id"].isin([ANNOUNCED, "rubezh-2004", cancelled])]
    points = points.assign(plot_lat=points["latitude"], plot_lon=points["longitude"], plot_precision="site")
    with language("en"):
        fig = exercise_map_figure(points, TABLES_NOW["members"], {}, series_styles(series_order(points)))
    assert len(set(STATUS_OVERLAY.values())) == len(STATUS_OVERLAY)
    overlays = [
        (symbol, trace.customdata[i][0])
        for trace in fig.data
        if trace.customdata is not None and isinstance(trace.marker.symbol, tuple)
        for i, symbol in enumerate(trace.marker.symbol)
        if symbol in STATUS_OVERLAY.values()
    ]
    assert sorted(overlays) == sorted([("line-ew-open", ANNOUNCED), ("x-thin-open", cancelled)]), overlays
    legend = [trace.name for trace in fig.data if trace.lat is not None and list(trace.lat) == [None]]
    assert "Announced only: paler, with –" in legend and t_en("exercises.legend.cancelled") in legend


# --- no report yet ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "precision", "last"),
    [
        ("2026-10-13", "2026-10-15", "day", date(2026, 10, 15)),
        ("2026-09-01", None, "month", date(2026, 9, 30)),
        ("2020-01-01", None, "year", date(2020, 12, 31)),
        ("2026-02-01", None, "month", date(2026, 2, 28)),
        ("2026-11-11", None, "day", date(2026, 11, 11)),
    ],
)
def test_last_day_widens_a_date_by_its_precision(start, end, precision, last):
    assert last_day(pd.Timestamp(start), pd.Timestamp(end) if end else pd.NaT, precision) == last


def test_no_report_yet_only_for_announced_or_planned_items_past_their_last_day():
    exercises = TABLES_ANNOUNCED["exercises"].set_index("exercise_id", drop=False)
    late = no_report_yet(exercises, date(2026, 10, 1))
    assert late["echelon-2026"]  # September 2026, month precision: over on 30 September
    assert not late["rock-2026"]  # 13-15 October 2026
    assert late[ANNOUNCED] and late["ub-2017"]
    assert not late[exercises["status"].astype(str).isin(["held", "cancelled"])].any()
    assert not no_report_yet(exercises, date(2026, 9, 30))["echelon-2026"]


def test_status_labels_say_no_report_yet_in_both_languages():
    rows = TABLES_ANNOUNCED["exercises"].set_index("exercise_id", drop=False)
    rows = rows.loc[["echelon-2026", "rock-2026", ANNOUNCED, "rubezh-2004"]]
    with language("en"):
        assert list(status_labels(rows, date(2026, 10, 1))) == [
            "planned — no report yet",
            "planned",
            "announced — no report yet",
            "held",
        ]
    with language("ru"):
        assert status_labels(rows, date(2026, 10, 1)).iloc[0] == "запланировано — сообщений о проведении пока нет"


def test_exercise_table_card_and_map_hover_say_no_report_yet():
    params = {"exercise": ["echelon-2026"], "ex_years": ["2026-2026"]}
    model, _ = build_from_params("exercises", params, TABLES_NOW, "en", date(2026, 10, 1))
    assert model.detail.card["status"] == "planned — no report yet"
    rows = model.table("exercises").rows
    statuses = {name.split(" · ")[0]: status for name, status in zip(rows["name"], rows["status"], strict=True)}
    assert statuses["Echelon-2026"] == "planned — no report yet" and statuses["Rock-2026"] == "planned"
    hover = " ".join(text for trace in model.chart("exercise_map").figure.data for text in (trace.hovertext or ()))
    assert "Echelon-2026</b> · planned — no report yet" in hover
    earlier, _ = build_from_params("exercises", params, TABLES_NOW, "en", date(2026, 8, 1))
    assert earlier.detail.card["status"] == "planned"


def test_chronology_table_and_card_say_no_report_yet_for_events_and_exercises():
    params = {"ch_ex": ["1"], "item": ["summit-2026-11-moscow"]}
    model, _ = build_from_params("chronology", params, TABLES_NOW, "en", FIXED_TODAY)
    assert model.detail.card["status"] == "planned — no report yet"
    rows = model.table("items").rows.set_index("title")
    assert rows.loc["Rock-2026", "status"] == "planned — no report yet"
    forum = TABLES_NOW["events"].set_index("event_id").loc["forum-2026-11-moscow", "title"]
    assert rows.loc[forum, "status"] == "planned"  # November 2026 is not over on 29 November
    before, _ = build_from_params("chronology", params, TABLES_NOW, "en", date(2026, 11, 1))
    assert before.detail.card["status"] == "planned"


def test_country_profile_says_no_report_yet():
    model, _ = build_from_params("country", {"country": ["TJK"]}, TABLES_NOW, "ru", FIXED_TODAY)
    rows = model.table("exercises_not_held").rows.set_index("name")
    assert rows.loc["Скала-2026", "status"] == "запланировано — сообщений о проведении пока нет"


def test_chronology_draws_items_not_reported_as_held_hollow_with_their_status():
    params = {"ch_ex": ["1"]}
    model, _ = build_from_params("chronology", params, with_announced(TABLES_NOW), "en", FIXED_TODAY)
    marks = {
        item[0]: (symbol, text)
        for trace in model.chart("chronology_chart").figure.data
        if trace.customdata is not None
        for item, symbol, text in zip(trace.customdata, trace.marker.symbol, trace.text, strict=True)
    }
    assert marks["summit-2026-11-moscow"][0].endswith("-open")
    assert "planned — no report yet" in marks["summit-2026-11-moscow"][1]
    assert marks[ANNOUNCED][0].endswith("-open") and "announced — no report yet" in marks[ANNOUNCED][1]
    assert not marks["rubezh-2004"][0].endswith("-open") and "held" not in marks["rubezh-2004"][1]
    assert not marks["treaty-signed-1992"][0].endswith("-open")
    assert any("Hollow markers" in note for note in model.notes)
    assert set(model.table("items").download["status"]) == set(EXERCISE_STATUSES)
