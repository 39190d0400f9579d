"""Readers and validation: the shipped data passes; each kind of bad input names its problem."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from components.data.loaders import DataValidationError, is_iso3, read_all, read_table, split_list
from components.data.schema import TABLES
from tests.conftest import FIXED_TODAY


def test_shipped_data_is_valid_and_typed():
    tables = read_all(today=FIXED_TODAY)
    assert set(tables) == set(TABLES)
    membership = tables["membership"]
    assert pd.api.types.is_datetime64_any_dtype(membership["date"])
    assert isinstance(membership["change"].dtype, pd.CategoricalDtype)
    exercises = tables["exercises"]
    assert pd.api.types.is_datetime64_any_dtype(exercises["start_date"])
    assert all(isinstance(v, list) for v in exercises["participants"])


def test_every_row_of_every_file_cites_a_source():
    for name, table in read_all(today=FIXED_TODAY).items():
        assert (table["source_url"].str.strip() != "").all(), name


def test_iso3_uses_pycountry():
    assert is_iso3("KAZ") and is_iso3("ARM")
    assert not is_iso3("XYZ") and not is_iso3("kaz") and not is_iso3("")


def test_split_list_trims_and_drops_empties():
    assert split_list("ARM; RUS;;") == ["ARM", "RUS"]


def _rewrite(path: Path, transform) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(transform(lines)) + "\n", encoding="utf-8")


def _problems(folder: Path, name: str = "membership") -> str:
    with pytest.raises(DataValidationError) as info:
        read_all(folder, today=FIXED_TODAY) if name != "members-only" else read_table("members", folder)
    return str(info.value)


def _replace_on_line(n: int, old: str, new: str):
    def transform(lines: list[str]) -> list[str]:
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
        return lines

    return transform


def test_missing_column_is_named(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(1, ",basis", ",basiss"))
    message = _problems(data_copy)
    assert "membership.csv, line 1" in message and "basis in the header (missing)" in message


def test_bad_date_names_line_and_column(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "1992-05-15", "15/05/1992"))
    message = _problems(data_copy)
    assert "membership.csv, line 2, column 'date': expected an ISO date YYYY-MM-DD" in message
    assert "'15/05/1992'" in message


def test_future_date_is_rejected(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "1992-05-15", "2099-05-15"))
    assert "line 2, column 'date'" in _problems(data_copy)


def test_unknown_state_code(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "ARM,", "XYZ,"))
    message = _problems(data_copy)
    assert "line 2, column 'state': expected ISO 3166-1 alpha-3" in message and "'XYZ'" in message


def test_real_state_missing_from_members(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "ARM,", "FRA,"))
    assert "line 2, column 'state': expected state code(s) listed in members.csv" in _problems(data_copy)


def test_misspelled_change_type(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, ",signed,", ",sined,"))
    message = _problems(data_copy)
    assert "line 2, column 'change': expected one of signed, acceded" in message and "'sined'" in message


def test_dangling_body_link(data_copy):
    path = data_copy / "body_links.csv"
    with path.open("a", encoding="utf-8") as f:
        f.write("no-such-body,csc,reports_to,https://example.org/x\n")
    line = len(path.read_text(encoding="utf-8").splitlines())
    message = _problems(data_copy)
    assert f"body_links.csv, line {line}, column 'from_id': expected a body_id listed in bodies.csv" in message


def test_duplicate_id(data_copy):
    path = data_copy / "members.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    message = _problems(data_copy)
    assert "members.csv" in message and "column 'iso3': expected a unique value (duplicate id)" in message


def test_empty_file(data_copy):
    (data_copy / "members.csv").write_text("", encoding="utf-8")
    assert "members.csv: expected a header row with columns iso3" in _problems(data_copy)


def test_wrong_delimiter(data_copy):
    _rewrite(data_copy / "members.csv", lambda lines: [line.replace(",", ";") for line in lines])
    assert "members.csv, line 1: expected comma-separated columns" in _problems(data_copy)


def test_non_utf8_bytes(data_copy):
    path = data_copy / "members.csv"
    path.write_bytes(path.read_bytes().replace("Армения".encode(), "Армения".encode("cp1251")))
    assert "members.csv, line 2: expected UTF-8 text" in _problems(data_copy)


def test_coordinates_out_of_range(data_copy):
    _rewrite(data_copy / "members.csv", _replace_on_line(2, ",40.183,", ",140.183,"))
    assert "members.csv, line 2, column 'capital_lat': expected a number between -90 and 90" in _problems(data_copy)


def test_ragged_row(data_copy):
    _rewrite(data_copy / "members.csv", _replace_on_line(3, "AZE,", "AZE,extra,"))
    assert "members.csv, line 3: expected 7 fields like the header (found '8 fields')" in _problems(data_copy)


def test_missing_source_is_required(data_copy):
    _rewrite(data_copy / "members.csv", lambda lines: [lines[0], *[line.rsplit(",", 1)[0] + "," for line in lines[1:]]])
    message = _problems(data_copy)
    assert "members.csv, line 2, column 'source_url': expected a value (required)" in message


def test_every_problem_reported_at_once(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "1992-05-15", "bad"))
    _rewrite(data_copy / "membership.csv", _replace_on_line(3, ",legal,", ",legalish,"))
    message = _problems(data_copy)
    assert "line 2, column 'date'" in message and "line 3, column 'basis'" in message
