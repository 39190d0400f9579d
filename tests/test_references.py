"""Cross-references between the data files (issue 34, item 7): every column the schema declares as
a reference (``Column.references``) is checked against the referenced table's key — places, states,
bodies and the exercises a combined personnel figure covers — and a broken one is a named problem
(file, line, column, expected, found) in Data health, never "All 9 data files pass validation"."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import Problem, load_snapshot, parse_result
from components.data.schema import DEPENDS_ON, TABLES
from tests.conftest import FIXED_TODAY, ROOT, read_rows, write_rows


def set_cell(folder: Path, file_name: str, line: int, column: str, value: str) -> str:
    """Put ``value`` in ``column`` on ``line`` (the header is line 1); returns what was there."""
    rows = read_rows(folder / file_name)
    index = rows[0].index(column)
    before = rows[line - 1][index]
    rows[line - 1][index] = value
    write_rows(folder / file_name, rows)
    return before


def problems(folder: Path) -> list[Problem]:
    return [p for loaded in load_snapshot(folder, FIXED_TODAY).values() for p in loaded.problems]


def located(found: list[Problem], file_name: str, line: int, column: str) -> list[Problem]:
    return [p for p in found if (p.file, p.line, p.column) == (file_name, line, column)]


# --- places --------------------------------------------------------------------------------------


def test_an_exercise_pointing_to_a_missing_place_is_named(data_copy):
    set_cell(data_copy, "exercises.csv", 2, "place_id", "atlantis")
    [problem] = located(problems(data_copy), "exercises.csv", 2, "place_id")
    assert problem.expected == "a place_id listed in places.csv (not listed: atlantis)"
    assert problem.value == "atlantis"


def test_each_of_place_ids_is_checked(data_copy):
    set_cell(data_copy, "exercises.csv", 2, "place_ids", "edelweiss;atlantis;almaty")
    [problem] = located(problems(data_copy), "exercises.csv", 2, "place_ids")
    assert problem.expected == "place_id(s) listed in places.csv (not listed: atlantis)"
    assert problem.value == "edelweiss;atlantis;almaty"


def test_a_place_row_deleted_while_exercises_use_it(data_copy):
    rows = read_rows(data_copy / "places.csv")
    write_rows(data_copy / "places.csv", [row for row in rows if row[0] != "aktau"])
    found = problems(data_copy)
    # rubezh-2006 (line 4) points to aktau in both place_id and place_ids.
    assert [p.expected for p in located(found, "exercises.csv", 4, "place_id")] == [
        "a place_id listed in places.csv (not listed: aktau)"
    ]
    assert located(found, "exercises.csv", 4, "place_ids")
    assert all(p.file == "exercises.csv" for p in found)


def test_a_place_in_a_country_not_in_members_is_named(data_copy):
    set_cell(data_copy, "places.csv", 2, "country", "FRA")
    [problem] = located(problems(data_copy), "places.csv", 2, "country")
    assert problem.expected.startswith("state code(s) listed in members.csv")
    assert problem.value == "FRA"


def test_combined_with_names_exercises_of_the_same_file(data_copy):
    set_cell(data_copy, "exercises.csv", 39, "personnel_combined_with", "combat-brotherhood-2017;no-such-exercise")
    [problem] = located(problems(data_copy), "exercises.csv", 39, "personnel_combined_with")
    assert problem.expected == "exercise_id(s) listed in exercises.csv (not listed: no-such-exercise)"


def test_an_upload_may_combine_with_exercises_already_in_the_data():
    """An uploaded row's combined-with ids are checked against the data folder's exercises too."""
    header = ",".join(TABLES["exercises"].column_names)
    rows = read_rows(ROOT / "data" / "exercises.csv")
    row = dict(zip(rows[0], rows[1], strict=True))
    row.update(exercise_id="uploaded-1", personnel_combined_with="rubezh-2005")
    line = ",".join(f'"{row[c]}"' for c in TABLES["exercises"].column_names)
    raw = f"{header}\n{line}\n".encode()
    without = parse_result("exercises", raw, {}, FIXED_TODAY)
    assert [p.column for p in without.problems] == ["personnel_combined_with"]
    with_data = parse_result("exercises", raw, {"exercises": frozenset({"rubezh-2005"})}, FIXED_TODAY)
    assert with_data.ok, with_data.problems


# --- every declared reference, from the schema ---------------------------------------------------

DECLARED = [(spec, col) for spec in TABLES.values() for col in spec.columns if col.references]
UNLISTED = {"iso3": "FRA", "iso3_list": "FRA", "id": "no-such-id", "list": "no-such-id"}


def test_the_declared_references_cover_places_states_bodies_and_combined_with():
    declared = {(spec.name, col.name): col.references for spec, col in DECLARED}
    assert declared[("exercises", "place_id")] == "places"
    assert declared[("exercises", "place_ids")] == "places"
    assert declared[("exercises", "personnel_combined_with")] == "exercises"
    assert declared[("places", "country")] == "members"
    assert declared[("body_links", "from_id")] == "bodies"
    assert DEPENDS_ON["places"] == ("members",)


@pytest.mark.parametrize(("spec", "col"), DECLARED, ids=[f"{s.name}.{c.name}" for s, c in DECLARED])
def test_every_declared_reference_is_checked(data_copy, spec, col):
    before = set_cell(data_copy, spec.file_name, 2, col.name, UNLISTED[col.kind])
    found = located(problems(data_copy), spec.file_name, 2, col.name)
    assert len(found) == 1, (before, found)
    assert "listed in " + TABLES[col.references].file_name in found[0].expected
    assert "FRA" in found[0].expected or "no-such-id" in found[0].expected


def test_the_shipped_data_has_no_broken_reference():
    assert [str(p) for p in problems(ROOT / "data")] == []


# --- Data health -----------------------------------------------------------------------------------


def test_data_health_lists_the_broken_reference(data_copy, monkeypatch):
    set_cell(data_copy, "exercises.csv", 2, "place_id", "atlantis")
    monkeypatch.setenv("CSTO_DATA_DIR", str(data_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    assert not at.success or "pass validation" not in at.success[0].value
    health = next(df.value for df in at.dataframe if "expected" in df.value.columns)
    row = health[health["column"] == "place_id"].iloc[0]
    assert (row["file"], row["line"], row["found"]) == ("exercises.csv", 2, "atlantis")
    assert row["expected"] == "a place_id listed in places.csv (not listed: atlantis)"
