"""CSV downloads by their content: the rows and columns a person gets, compared with the data files
(read here with the csv module, not through the app's loaders) and with the count the page states."""

from __future__ import annotations

import csv
import io
import math

import pytest

from components.data.loaders import read_all
from components.data.schema import TABLES
from components.export.csv import to_csv_bytes
from components.model.pages import PAGE_KINDS
from tests.conftest import DATA, FIXED_TODAY
from tests.test_state_model import STATES


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def shipped(file_name: str) -> list[dict[str, str]]:
    with (DATA / file_name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def same_cell(got: str, expected: str) -> bool:
    """Equal text, or equal numbers however written (``53.9`` and ``53.900``)."""
    if got == expected:
        return True
    try:
        return math.isclose(float(got), float(expected))
    except ValueError:
        return False


def by_key(rows: list[dict[str, str]], key: str | None) -> dict[str, dict[str, str]]:
    if key is None:
        return {"\x1f".join(row.values()): row for row in rows}
    return {row[key]: row for row in rows}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_sources_downloads_hold_every_row_and_cell_of_the_shipped_file(tables, name):
    """The Sources page offers each table as ``to_csv_bytes(load_table(name))``: same columns, the
    same rows (by key; the loader may sort them), every cell the same text or number."""
    spec = TABLES[name]
    got, expected = csv_rows(to_csv_bytes(tables[name])), shipped(spec.file_name)
    assert list(got[0]) == list(expected[0]) == spec.column_names
    assert len(got) == len(expected) > 0
    got_by_key, expected_by_key = by_key(got, spec.key), by_key(expected, spec.key)
    assert got_by_key.keys() == expected_by_key.keys()
    differ = [
        (row_key, column, got_by_key[row_key][column], value)
        for row_key, row in expected_by_key.items()
        for column, value in row.items()
        if not same_cell(got_by_key[row_key][column], value)
    ]
    assert differ == []


@pytest.mark.parametrize("page", sorted(PAGE_KINDS))
@pytest.mark.parametrize("linked", [False, True], ids=["default", "linked-state"])
def test_every_table_download_holds_the_rows_its_page_counts(tables, page, linked):
    """Each table's CSV has exactly ``total`` rows (the count in its title and download label),
    the columns of the table it downloads."""
    kind = PAGE_KINDS[page]
    params = STATES[page] if linked else {}
    state, _ = kind.spec.decode(params, kind.domain(tables, FIXED_TODAY))
    model = kind.build(tables, state, "en", FIXED_TODAY)
    for table in model.tables:
        if table.download is None:
            continue
        rows = csv_rows(to_csv_bytes(table.download))
        assert len(rows) == table.total == len(table.download), table.key
        if rows:
            assert list(rows[0]) == [str(c) for c in table.download.columns], table.key


def test_exercise_download_is_the_filter_applied_to_the_data(tables):
    """Kyrgyzstan hosting, 2019–2024, held: the download's exercises are exactly the rows of
    exercises.csv that say so (computed here from the file itself)."""
    kind = PAGE_KINDS["exercises"]
    state, invalid = kind.spec.decode(
        {"ex_years": ["2019", "2024"], "ex_hosts": ["KGZ"], "ex_status": ["held"]}, kind.domain(tables, FIXED_TODAY)
    )
    assert invalid == []
    table = kind.build(tables, state, "en", FIXED_TODAY).table("exercises")
    # The download has no id column: an exercise is its start date and its sources.
    downloaded = {(row["start_date"], row["source_url"]) for row in csv_rows(to_csv_bytes(table.download))}
    expected = {
        (row["start_date"], row["source_url"])
        for row in shipped("exercises.csv")
        if "KGZ" in row["host_states"].split(";")
        and 2019 <= int(row["start_date"][:4]) <= 2024
        and row["status"] == "held"
    }
    assert downloaded == expected and len(expected) >= 3
