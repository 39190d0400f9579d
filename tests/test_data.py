"""Readers and validation: the shipped data passes; each kind of bad input names its problem."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from components.data.loaders import (
    DataValidationError,
    empty_table,
    is_iso3,
    load_snapshot,
    parse_table,
    read_all,
    read_table,
    split_list,
)
from components.data.schema import TABLES
from components.data.version import content_hash, snapshot_digest
from components.derive.country import country_summary
from components.derive.sources import health_table
from tests.conftest import DATA, FIXED_TODAY


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
        if name == "sources":
            continue  # the registry of publishers, not facts
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


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("1992-05-15", "2099-05-15", ["line 2, column 'date'"]),
        ("ARM,", "XYZ,", ["line 2, column 'state': expected ISO 3166-1 alpha-3", "'XYZ'"]),
        ("ARM,", "FRA,", ["line 2, column 'state': expected state code(s) listed in members.csv"]),
        (",signed,", ",sined,", ["line 2, column 'change': expected one of signed, acceded", "'sined'"]),
    ],
    ids=["future date", "unknown state code", "real state missing from members", "misspelled change type"],
)
def test_a_bad_membership_cell_is_named_by_line_and_column(data_copy, old, new, expected):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, old, new))
    message = _problems(data_copy)
    assert all(fragment in message for fragment in expected), message


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
    assert (
        "members.csv" in message and "column 'iso3': expected a unique value (duplicate id; first on line 2)" in message
    )


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


# --- empty tables, future dates, snapshots ---------------------------------------------------------


@pytest.mark.parametrize("name", ["events", "exercises"])
def test_header_only_table_keeps_its_columns_and_the_country_card_works(data_copy, name):
    _rewrite(data_copy / f"{name}.csv", lambda lines: lines[:1])
    tables = read_all(data_copy, today=FIXED_TODAY)
    assert tables[name].empty and list(tables[name].columns) == TABLES[name].column_names
    summary = country_summary("ARM", tables, pd.Timestamp(FIXED_TODAY))
    assert summary.status_today == "frozen", "membership still drives the status"
    assert list(summary.events.columns) == TABLES["events"].column_names
    assert list(summary.hosted.columns) == TABLES["exercises"].column_names
    assert summary.sources, "the membership rows still cite their sources"


def test_country_summary_on_all_empty_tables():
    tables = {name: empty_table(name) for name in ("membership", "exercises", "events")}
    summary = country_summary("ARM", tables, pd.Timestamp(FIXED_TODAY))
    assert summary.status_today is None and summary.sources == []
    assert summary.took_part.empty and summary.hosted.empty and summary.not_held.empty and summary.events.empty


def _with_status_column(monkeypatch) -> None:
    """The events contract has its `status` column (kept as a step so the tests read as before)."""
    assert "status" in TABLES["events"].column_names


def _events_upload(date_value: str, status: str) -> bytes:
    header = ",".join(TABLES["events"].column_names)
    row = f"e-1,{date_value},day,,Council session,summit,ARM,,,https://example.org/e,{status},Сессия,,yes"
    row += "," * (len(TABLES["events"].column_names) - 1 - row.count(","))  # empty later columns
    return f"{header}\n{row}\n".encode()


@pytest.mark.parametrize("status", ["announced", "planned", "cancelled"])
def test_future_dates_follow_the_declared_status_column(monkeypatch, status):
    _with_status_column(monkeypatch)
    table = parse_table("events", _events_upload("2026-12-11", status), today=FIXED_TODAY)
    assert table["date"].iloc[0] == pd.Timestamp("2026-12-11") and table["status"].iloc[0] == status


def test_future_date_of_a_held_event_is_rejected_with_the_reason(monkeypatch):
    _with_status_column(monkeypatch)
    with pytest.raises(DataValidationError) as info:
        parse_table("events", _events_upload("2026-12-11", "held"), today=FIXED_TODAY)
    assert (
        "events.csv, line 2, column 'date': expected a date not after today (2026-11-29) for a held event "
        "(only announced, planned or cancelled rows may be dated later) (found '2026-12-11')"
    ) in str(info.value)


def test_without_a_status_column_no_future_date_passes(monkeypatch):
    spec = TABLES["events"]
    monkeypatch.setitem(TABLES, "events", replace(spec, columns=tuple(c for c in spec.columns if c.name != "status")))
    header = ",".join(TABLES["events"].column_names)
    raw = f"{header}\ne-1,2026-12-11,day,,Session,summit,ARM,,,https://example.org/e,Сессия,,yes,\n".encode()
    with pytest.raises(DataValidationError, match=r"expected a date not after today \(2026-11-29\)"):
        parse_table("events", raw, today=FIXED_TODAY)


def test_today_itself_is_allowed_for_what_happened(data_copy):
    _rewrite(data_copy / "membership.csv", _replace_on_line(2, "1992-05-15", FIXED_TODAY.isoformat()))
    assert read_all(data_copy, today=FIXED_TODAY)["membership"]["date"].max() == pd.Timestamp(FIXED_TODAY)


def test_snapshot_digest_follows_contents_not_dates(data_copy, tmp_path):
    before = snapshot_digest(data_copy)
    assert before == snapshot_digest(DATA), "two copies of the same data agree"
    path = data_copy / "members.csv"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Yerevan", b"Erevan"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the edit keeps the modification time
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    edited = snapshot_digest(data_copy)
    assert edited != before
    path.write_bytes(b"")
    empty = snapshot_digest(data_copy)
    path.unlink()
    assert len({before, edited, empty, snapshot_digest(data_copy)}) == 4, "missing is not empty"
    assert content_hash(data_copy) == snapshot_digest(data_copy)[:8]


def test_load_snapshot_never_raises_and_keeps_going(data_copy):
    (data_copy / "members.csv").write_bytes(b"\x00")
    _rewrite(data_copy / "events.csv", _replace_on_line(2, "1992-05-15", "1992-99-99"))
    results = load_snapshot(data_copy, today=FIXED_TODAY)
    assert set(results) == set(TABLES)
    assert not results["members"].ok and not results["events"].ok
    assert results["membership"].ok, "checked without the members cross-reference"
    assert "events.csv, line 2, column 'date'" in str(results["events"].error)
    with pytest.raises(DataValidationError, match=r"members\.csv"):
        results["members"].unwrap()


def test_health_table_lists_errors_and_warnings(data_copy):
    _rewrite(data_copy / "events.csv", lambda lines: [lines[0] + ",title_de", *[line + ",x" for line in lines[1:]]])
    _rewrite(data_copy / "members.csv", _replace_on_line(2, ",40.183,", ",４０.183,"))
    health = health_table(load_snapshot(data_copy, today=FIXED_TODAY))
    rows = health.to_dict("records")
    assert {"file": "members.csv", "severity": "error", "line": 2, "column": "capital_lat"}.items() <= rows[0].items()
    assert rows[0]["found"] == "４０.183"
    warning = next(row for row in rows if row["severity"] == "warning")
    assert warning["file"] == "events.csv" and warning["column"] == "title_de"
    assert "not part of the data contract" in warning["expected"]
