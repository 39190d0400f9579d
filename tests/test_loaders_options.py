"""What the loaders' options do (refs, today, the file name shown, the row cap), what a last-resort
report hides, and small derived figures (per-year totals, map cells, who was ever a party), each
checked by its value. Written against mutmut's survivors (docs/mutation.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from components.data import loaders
from components.data.loaders import DataValidationError, load_result, parse_table, read_table
from components.data.schema import TABLES
from components.derive.exercises import aggregate_points
from components.derive.membership import ever_party
from components.derive.participation import per_year_totals
from tests.conftest import DATA, FIXED_TODAY


def events_upload(*rows: tuple[str, str, str]) -> bytes:
    """An events file with one row per (id, date, states), every other cell valid."""
    names = TABLES["events"].column_names
    lines = [",".join(names)]
    for event_id, day, states in rows:
        row = f"{event_id},{day},day,,Council session,summit,{states},,,https://example.org/e,held,Сессия,,yes"
        lines.append(row + "," * (len(names) - 1 - row.count(",")))
    return ("\n".join(lines) + "\n").encode()


def problems_of(error: pytest.ExceptionInfo[DataValidationError]) -> list[tuple[str | None, str | None]]:
    return [(p.column, p.value) for p in error.value.problems]


# --- parse_table and read_table pass every option on ----------------------------------------------


def test_parse_table_checks_references_against_the_given_refs():
    raw = events_upload(("e-1", "2020-01-01", "ARM;UZB"))
    with pytest.raises(DataValidationError) as error:
        parse_table("events", raw, {"members": frozenset({"ARM"})}, today=FIXED_TODAY)
    assert [column for column, _ in problems_of(error)] == ["states"]
    table = parse_table("events", raw, {"members": frozenset({"ARM", "UZB"})}, today=FIXED_TODAY)
    assert list(table["states"].iloc[0]) == ["ARM", "UZB"]


def test_parse_table_names_the_upload_and_caps_its_rows():
    raw = events_upload(("e-1", "2020-01-01", "ARM"), ("e-2", "2021-01-01", "ARM"), ("e-3", "2022-01-01", "ARM"))
    with pytest.raises(DataValidationError) as error:
        parse_table("events", raw, today=FIXED_TODAY, file_name="my upload.csv", max_rows=2)
    assert error.value.file == "my upload.csv"
    assert [(p.expected, p.value) for p in error.value.problems] == [("at most 2 rows", "4 lines")]
    assert len(parse_table("events", raw, today=FIXED_TODAY, max_rows=3)) == 3


def test_parse_table_bounds_dates_by_the_given_today():
    raw = events_upload(("e-1", "2026-11-30", "ARM"))
    with pytest.raises(DataValidationError) as error:
        parse_table("events", raw, today=FIXED_TODAY)
    assert [p.column for p in error.value.problems] == ["date"]
    assert parse_table("events", raw, today=FIXED_TODAY.replace(month=12))["event_id"].tolist() == ["e-1"]


@pytest.fixture
def events_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "events.csv").write_bytes(events_upload(("e-1", "2026-11-30", "ARM;UZB")))
    return folder


def test_read_table_reads_the_given_folder_with_refs_and_today(events_folder):
    refs = {"members": frozenset({"ARM", "UZB"})}
    december = FIXED_TODAY.replace(month=12)
    assert read_table("events", events_folder, refs, december)["event_id"].tolist() == ["e-1"]
    with pytest.raises(DataValidationError) as error:
        read_table("events", events_folder, {"members": frozenset({"ARM"})}, december)
    assert [column for column, _ in problems_of(error)] == ["states"]
    with pytest.raises(DataValidationError) as error:
        read_table("events", events_folder, refs, FIXED_TODAY)
    assert [p.column for p in error.value.problems] == ["date"]
    shipped = read_table("events", DATA, today=FIXED_TODAY)
    assert len(shipped) == len(pd.read_csv(DATA / "events.csv"))


# --- a last-resort report names no server path ----------------------------------------------------


def test_a_failed_read_hides_the_folder_even_when_given_relative(tmp_path, monkeypatch):
    folder = tmp_path / "server-secret" / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.chdir(tmp_path)
    relative = Path("server-secret/data")

    def fail(path: Path, file_name: str):
        raise OSError(f"cannot open {path.resolve()} (also tried {path})")

    monkeypatch.setattr(loaders, "_read_bytes", fail)
    (problem,) = load_result("events", relative, today=FIXED_TODAY).problems
    assert "server-secret" not in problem.expected and str(tmp_path) not in problem.expected
    assert (
        problem.expected
        == "a file the loader can read (it failed while reading the file: OSError: cannot open … (also tried …))"
    )


def test_a_last_resort_detail_is_cut_at_300_characters(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("x" * 1000)

    monkeypatch.setattr(loaders, "_parse_text", fail)
    (problem,) = loaders.parse_result("events", events_upload(("e-1", "2020-01-01", "ARM"))).problems
    detail = "RuntimeError: " + "x" * (300 - len("RuntimeError: "))
    assert problem.expected == f"a file the loader can read (it failed while parsing the rows: {detail})"


# --- small derived figures ------------------------------------------------------------------------


def exercises_frame(rows: list[tuple[str, str, int | None]]) -> pd.DataFrame:
    """(id, start date, personnel) rows of exercises held by Kazakhstan with Russia."""
    return pd.DataFrame(
        {
            "exercise_id": [r[0] for r in rows],
            "start_date": pd.to_datetime([r[1] for r in rows]),
            "personnel": pd.array([r[2] for r in rows], dtype="Int64"),
            "host_states": [["KAZ"]] * len(rows),
            "participants": [["KAZ", "RUS"]] * len(rows),
            "status": ["held"] * len(rows),
        }
    )


def test_per_year_totals_count_exercises_by_default_and_zero_fill():
    frame = exercises_frame([("a", "2020-03-01", 100), ("b", "2020-09-01", 50), ("c", "2022-01-01", None)])
    totals = per_year_totals(frame, (2019, 2023))
    assert totals.to_dict() == {2019: 0, 2020: 2, 2021: 0, 2022: 1, 2023: 0} and totals.dtype.kind == "i"
    empty = per_year_totals(frame.iloc[:0], (2020, 2022), metric="personnel")
    assert empty.to_dict() == {2020: 0, 2021: 0, 2022: 0} and empty.dtype.kind == "i"


def test_map_cells_group_by_series_and_cell_with_the_approximate_flag():
    points = pd.DataFrame(
        {
            "exercise_id": ["a", "b", "c", "d"],
            "series": ["Rubezh", "Rubezh", "Rubezh", "Echelon"],
            "base_lat": [42.0, 42.9, 52.0, 42.1],
            "base_lon": [74.0, 74.9, 74.0, 74.1],
            "start_date": pd.to_datetime(["2004-01-01", "2010-01-01", "2012-01-01", "2015-01-01"]),
            "plot_precision": ["site", "country", "site", "site"],
            "name": ["Rubezh-2004", "Rubezh-2010", "Rubezh-2012", "Echelon-2015"],
        }
    )
    cells = aggregate_points(points, cell_degrees=2.0)
    rows = {(r["series"], r["count"]): r for r in cells.to_dict("records")}
    assert sorted(rows) == [("Echelon", 1), ("Rubezh", 1), ("Rubezh", 2)]
    both = rows[("Rubezh", 2)]
    assert (both["plot_lat"], both["plot_lon"]) == pytest.approx((42.45, 74.45))
    assert (both["first_year"], both["last_year"], both["approximate"]) == (2004, 2010, True)
    assert both["example"] == "Rubezh-2004" and not rows[("Rubezh", 1)]["approximate"]
    assert list(cells["series"]) == ["Echelon", "Rubezh", "Rubezh"], "sorted by series, then cell"
    named = aggregate_points(points.assign(display_name=["Рубеж-2004", "b", "c", "d"]), cell_degrees=2.0)
    assert named.loc[named["count"] == 2, "example"].item() == "Рубеж-2004"
    assert len(aggregate_points(points, cell_degrees=40.0)) == 2, "one cell per series at 40 degrees"


def test_ever_party_counts_treaty_parties_and_members():
    membership = pd.DataFrame(
        {
            "state": ["AAA", "BBB", "CCC"],
            "date": pd.to_datetime(["1994-04-20", "2002-10-07", "1992-05-15"]),
            "date_precision": ["day"] * 3,
            "change": ["signed", "joined", "treaty_in_force"],
            "body": ["treaty", "organization", "treaty"],
        }
    )
    assert ever_party(membership) == ["AAA", "BBB"], "a treaty party and a member; a date alone is no status"


def test_a_file_over_the_size_limit_is_named_with_both_sizes(tmp_path):
    with (tmp_path / "events.csv").open("wb") as f:
        f.truncate(loaders.MAX_FILE_BYTES + 1)  # sparse: takes no disk space, never read
    (problem,) = load_result("events", tmp_path, today=FIXED_TODAY).problems
    assert (problem.file, problem.line, problem.column) == ("events.csv", None, None)
    assert (problem.expected, problem.value) == ("a file of at most 200,000,000 bytes", "200,000,001 bytes")
