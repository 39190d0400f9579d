"""One counting rule, one number per word: "took part" and "hosted" count HELD exercises only, and
every view says the same number for the same state (card = profile = chart = slide = matrix totals
= CSV downloads = an independent count of data/exercises.csv read with the csv module).

Planned and cancelled exercises are shown apart (their own mark and legend entry) and never add to
a held count: Armenia refused to host the 2023 exercise, so Armenia never "hosted" in 2023."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.counting import is_held, listed_breakdown, state_counts, status_counts
from components.derive.country import country_summary
from components.derive.participation import co_participation, country_exercise_years, participation_matrix
from components.export.csv import to_csv_bytes
from components.i18n.text import language
from components.model.deck import slide_chart, slide_model
from components.model.pages import build_from_params
from tests.conftest import DATA, FIXED_TODAY, app_test


def _codes(cell: str) -> set[str]:
    return {code.strip() for code in cell.split(";") if code.strip()}


def _raw_exercises() -> list[dict[str, str]]:
    with open(DATA / "exercises.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _member_codes() -> list[str]:
    with open(DATA / "members.csv", newline="", encoding="utf-8") as handle:
        return [row["iso3"] for row in csv.DictReader(handle)]


def independent_counts(code: str) -> dict[str, int]:
    """The rule, applied to the raw file without the app's code: held = status 'held'."""
    took_part = hosted = not_held = 0
    for row in _raw_exercises():
        hosts, listed = _codes(row["host_states"]), _codes(row["host_states"]) | _codes(row["participants"])
        if code not in listed:
            continue
        if row["status"] == "held":
            took_part += 1
            hosted += code in hosts
        else:
            not_held += 1
    return {"took_part": took_part, "hosted": hosted, "not_held": not_held}


def csv_rows(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The rows of a CSV download exactly as the file a briefer saves."""
    return list(csv.DictReader(io.StringIO(to_csv_bytes(frame).decode("utf-8"))))


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


@pytest.fixture(scope="module")
def exercises_page(tables):
    model, invalid = build_from_params("exercises", {}, tables, "en", FIXED_TODAY)
    assert invalid == []
    return model


def test_the_independent_count_sees_the_cases_that_matter():
    """Guards the fixture data: Kyrgyzstan and Armenia have planned or cancelled exercises, so a
    count that adds them differs from the held count."""
    assert independent_counts("KGZ")["not_held"] > 0 and independent_counts("ARM")["not_held"] > 0
    arm_2023 = [r for r in _raw_exercises() if r["start_date"].startswith("2023") and "ARM" in _codes(r["host_states"])]
    assert [r["status"] for r in arm_2023] == ["cancelled"]


@pytest.mark.parametrize("code", _member_codes())
def test_every_view_says_the_same_counts_for_the_state(tables, exercises_page, code):
    expected = independent_counts(code)
    # The country card.
    summary = country_summary(code, tables, pd.Timestamp(FIXED_TODAY))
    assert (len(summary.took_part), len(summary.hosted), len(summary.not_held)) == tuple(expected.values())
    # The Country profile: metrics, chart title and bars, tables and their CSV downloads.
    profile, _ = build_from_params("country", {"country": [code]}, tables, "en", FIXED_TODAY)
    metrics = {m.label: m.value for m in profile.metrics}
    assert metrics["Took part in (held)"] == str(expected["took_part"])
    assert metrics["Hosted (held)"] == str(expected["hosted"])
    chart = profile.chart("country_exercises")
    assert f"took part in {expected['took_part']}, hosted {expected['hosted']}" in chart.title
    bars = {trace.name: sum(trace.y) for trace in chart.figure.data}
    assert bars["hosted"] == expected["hosted"]
    assert bars["hosted"] + bars["took part, not hosting"] == expected["took_part"]
    assert len(csv_rows(profile.table("exercises").download)) == expected["took_part"]
    assert profile.table("exercises").total == expected["took_part"]
    downloaded = csv_rows(profile.table("exercises_not_held").download)
    assert len(downloaded) == expected["not_held"] and all(r["status"] != "held" for r in downloaded)
    # The slide made from the profile says the same.
    slide = slide_chart(slide_model({"page": "country", "params": {"country": [code]}}, tables, "en", FIXED_TODAY))
    assert f"took part in {expected['took_part']}, hosted {expected['hosted']}" in slide.title
    # The who-trains-with-whom matrix (all years): the total after the name and the totals CSV.
    totals = {r["state"]: r for r in csv_rows(exercises_page.table("participation_totals").download)}
    if expected["took_part"] or expected["not_held"]:
        assert totals[code]["took_part"] == str(expected["took_part"])
        assert totals[code]["hosted"] == str(expected["hosted"])
        assert totals[code]["not_held"] == str(expected["not_held"])
        heatmap = exercises_page.chart("participation_matrix").figure.data[0]
        name = summary_name(tables, code)
        assert f"{name} · {expected['took_part']}" in list(heatmap.y)
    else:
        assert code not in totals


def summary_name(tables, code: str) -> str:
    return tables["members"].set_index("iso3").loc[code, "name_en"]


def test_russian_card_and_profile_use_the_same_numbers(tables):
    expected = independent_counts("KGZ")
    profile, _ = build_from_params("country", {"country": ["KGZ"]}, tables, "ru", FIXED_TODAY)
    metrics = {m.label: m.value for m in profile.metrics}
    assert metrics["Участвовало в учениях"] == str(expected["took_part"])
    assert metrics["Принимало учений"] == str(expected["hosted"])
    title = profile.chart("country_exercises").title
    assert f"участвовало: {expected['took_part']}, принимало: {expected['hosted']}" in title


# --- Armenia 2023 is never "hosted" ---------------------------------------------------------------


def test_armenia_2023_is_not_hosted_in_the_matrix(tables, exercises_page):
    matrix = participation_matrix(tables["exercises"], (2004, 2026), ["ARM"])
    assert matrix.loc["ARM", 2023] == "cancelled" and matrix.loc["ARM", 2020] == "cancelled"
    heatmap = exercises_page.chart("participation_matrix").figure.data[0]
    row = next(i for i, label in enumerate(heatmap.y) if label.startswith("Armenia"))
    column = list(heatmap.x).index(2023)
    hover = heatmap.customdata[row][column]
    assert "hosted" not in hover and "cancelled: not held, not counted" in hover, hover
    assert heatmap.text[row][column] == "×"


def test_armenia_2023_is_not_hosted_in_the_profile_or_its_chart(tables):
    profile, _ = build_from_params("country", {"country": ["ARM"]}, tables, "en", FIXED_TODAY)
    chart = profile.chart("country_exercises").figure
    hosted = next(trace for trace in chart.data if trace.name == "hosted")
    by_year = dict(zip(hosted.x, hosted.y, strict=True))
    assert by_year[2023] == 0 and by_year[2020] == 0, "the cancelled exercises were never hosted"
    cancelled = next(trace for trace in chart.data if trace.name == "cancelled: not held, not counted")
    assert dict(zip(cancelled.x, cancelled.y, strict=True))[2023] == 1
    assert cancelled.marker.pattern.shape, "hatched, not told apart by colour alone"
    held_ids = set(profile.table("exercises").download["exercise_id"])
    assert "ub-2023-armenia" not in held_ids
    listed = profile.table("exercises_not_held").rows
    row = listed[profile.table("exercises_not_held").download["exercise_id"].to_numpy() == "ub-2023-armenia"]
    assert row[["status", "listed_as"]].to_dict("records") == [{"status": "cancelled", "listed_as": "host"}]
    years = country_exercise_years(tables["exercises"], "ARM").set_index("year")
    assert years.loc[2023, "hosted"] == 0 and years.loc[2023, "cancelled"] == 1


def test_the_2026_column_shows_no_host_from_plans_alone(tables):
    exercises = tables["exercises"]
    states = sorted(set().union(*exercises["host_states"], *exercises["participants"]))
    column = participation_matrix(exercises, (2026, 2026), states)[2026]
    raw_2026 = [r for r in _raw_exercises() if r["start_date"].startswith("2026")]
    held_hosts = {c for r in raw_2026 if r["status"] == "held" for c in _codes(r["host_states"])}
    planned_hosts = {c for r in raw_2026 if r["status"] == "planned" for c in _codes(r["host_states"])}
    assert planned_hosts - held_hosts, "the data has hosts of planned 2026 exercises"
    assert {code for code, role in column.items() if role == "hosted"} == held_hosts
    assert all(column[code] == "planned" for code in planned_hosts - held_hosts)


# --- Planned and cancelled never count; shown with their own mark ---------------------------------


def _frame(statuses: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "exercise_id": [f"x{i}" for i in range(len(statuses))],
            "start_date": pd.to_datetime(["2023-05-01"] * len(statuses)),
            "status": statuses,
            "host_states": [["ARM"]] * len(statuses),
            "participants": [["ARM", "RUS"]] * len(statuses),
        }
    )


@pytest.mark.parametrize("status", ["planned", "cancelled", "announced", "", "Held", "not cancelled"])
def test_only_held_counts_any_other_status_never_does(status):
    assert not is_held(status)
    frame = _frame([status])
    assert state_counts(frame, "ARM").__dict__ == {"took_part": 0, "hosted": 0, "not_held": 1}
    assert participation_matrix(frame, (2023, 2023), ["ARM"]).loc["ARM", 2023] == status
    assert co_participation(frame).number_of_nodes() == 0


def test_held_counts_and_status_breakdown():
    frame = _frame(["held", "planned", "cancelled", "held"])
    assert state_counts(frame, "ARM").__dict__ == {"took_part": 2, "hosted": 2, "not_held": 2}
    assert state_counts(frame, "RUS").__dict__ == {"took_part": 2, "hosted": 0, "not_held": 2}
    assert status_counts(frame) == {"held": 2, "planned": 1, "cancelled": 1}
    with language("en"):
        assert listed_breakdown(frame).startswith("2 held, 1 planned, 1 cancelled.")


def test_the_network_counts_held_exercises_only(tables, exercises_page):
    graph = co_participation(tables["exercises"])
    for code in graph.nodes:
        assert graph.nodes[code]["exercises"] == independent_counts(code)["took_part"]
    raw = [r for r in _raw_exercises() if r["status"] == "held"]
    shared = sum(1 for r in raw if {"ARM", "RUS"} <= _codes(r["host_states"]) | _codes(r["participants"]))
    assert graph["ARM"]["RUS"]["weight"] == shared
    assert "held exercises shared" in exercises_page.chart("co_participation").title


def test_the_matrix_has_a_mark_and_a_legend_entry_for_planned_and_cancelled(exercises_page):
    figure = exercises_page.chart("participation_matrix").figure
    legend = {trace.name: trace for trace in figure.data if trace.showlegend is not False and trace.name}
    assert "+ planned: not held, not counted" in legend, list(legend)
    assert "× cancelled: not held, not counted" in legend, list(legend)
    for name in ("+ planned: not held, not counted", "× cancelled: not held, not counted"):
        trace = legend[name]
        assert trace.marker.symbol == "square-open", "a hollow mark, not colour alone"
        assert len(trace.x) > 0, "drawn on the cells it names"
    heatmap = figure.data[0]
    marks = {mark for row in heatmap.text for mark in row}
    assert {"●", "○", "+", "×"} <= marks


# --- Listed counts say what they count ------------------------------------------------------------


def test_overview_and_exercise_map_say_listed_and_held(tables, exercises_page):
    raw = _raw_exercises()
    held = sum(r["status"] == "held" for r in raw)
    metric = next(m for m in exercises_page.metrics if m.label == "Exercises listed")
    assert metric.value == f"{len(raw):,}"
    assert metric.help.startswith(f"{held} held, ")
    assert len(csv_rows(exercises_page.table("exercises").download)) == len(raw)
    with language("en"):
        assert listed_breakdown(tables["exercises"]) == metric.help
    hosts = next(m for m in exercises_page.metrics if m.label == "Host states")
    held_hosts = {c for r in raw if r["status"] == "held" for c in _codes(r["host_states"])}
    assert hosts.value == str(len(held_hosts))
    assert re.search(rf"\({held} held\)", exercises_page.caption)


# --- What a person reads: the card and the profile on the running page (AppTest) ------------------


@pytest.mark.parametrize("code", _member_codes())
def test_the_rendered_card_and_profile_say_the_same_numbers(code):
    expected = independent_counts(code)
    at = app_test("pages/country.py", {"country": code})
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Took part in (held)"], metrics["Hosted (held)"]) == (
        str(expected["took_part"]),
        str(expected["hosted"]),
    )
    headings = [h.value for h in at.subheader]
    assert f"Held exercises it took part in ({expected['took_part']})" in headings
    at.button(key="country_card_open").click().run()
    assert not at.exception
    card = f"Held exercises: took part in {expected['took_part']}, hosted {expected['hosted']}"
    assert card in [h.value for h in at.subheader], [h.value for h in at.subheader]


def test_the_chronology_marks_planned_and_cancelled_items_hollow_with_a_legend_entry(tables):
    model, _ = build_from_params("chronology", {"ch_ex": ["1"], "item": ["ub-2023-armenia"]}, tables, "en", FIXED_TODAY)
    figure = model.chart("chronology_chart").figure
    symbol_of = {
        point[0]: symbol
        for trace in figure.data
        if trace.customdata
        for point, symbol in zip(trace.customdata, trace.marker.symbol, strict=True)
    }
    raw = {r["exercise_id"]: r["status"] for r in _raw_exercises()}
    for exercise_id, status in raw.items():
        assert symbol_of[exercise_id].endswith("-open") == (status != "held"), (exercise_id, status)
    assert any(trace.showlegend and "planned or cancelled — not held" in trace.name for trace in figure.data)
    assert model.detail.card["status"] == "cancelled"
