"""``python -m components.data.validate DIR``: a maintainer checks a data folder before using it;
every problem is named (file, line, column) and the exit status says whether the folder is usable."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from components.data.validate import main
from tests.conftest import DATA, FIXED_TODAY, ROOT

TODAY = ["--today", FIXED_TODAY.isoformat()]


def validated(folder: Path, capsys, status: int) -> str:
    """What ``python -m components.data.validate FOLDER`` prints, checking its exit status."""
    assert main([str(folder), *TODAY]) == status
    return capsys.readouterr().out


def set_cell(path: Path, row_number: int, column: str, value: str) -> None:
    """Set one cell (row_number 1 = the first data row, on line 2) of a copy of a data file."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row_number][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def test_the_shipped_data_is_valid(capsys):
    assert main([str(DATA), *TODAY]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("OK: 0 problem(s), 0 warning(s)")
    assert "exercises.csv (" in out and "forces.csv (" in out


def test_each_problem_is_named_by_file_line_and_column(data_copy, capsys):
    set_cell(data_copy / "exercises.csv", 2, "status", "done")
    set_cell(data_copy / "events.csv", 4, "date", "2001-02-30")
    assert main([str(data_copy), *TODAY]) == 1
    out = capsys.readouterr().out
    assert (
        "exercises.csv, line 3, column 'status': expected one of held, announced, planned, cancelled (found 'done')"
        in out
    )
    assert "events.csv, line 5, column 'date': expected" in out and "(found '2001-02-30')" in out
    assert out.strip().endswith("NOT OK: 2 problem(s), 0 warning(s)")


def test_a_force_without_a_russian_name_is_a_warning_with_its_line(data_copy, capsys):
    set_cell(data_copy / "exercises.csv", 1, "force", "Border guard units")
    out = validated(data_copy, capsys, status=0)
    assert "exercises.csv, line 2, column 'force': warning: a force listed in forces.csv" in out
    assert "(found 'Border guard units')" in out


def test_a_missing_file_and_a_held_exercise_in_the_future_are_problems(data_copy, capsys):
    (data_copy / "forces.csv").unlink()
    set_cell(data_copy / "exercises.csv", 1, "end_date", "2027-01-10")
    out = validated(data_copy, capsys, status=1)
    assert "forces.csv: expected the file forces.csv in the data folder (not found)" in out
    assert "exercises.csv, line 2, column 'end_date': expected a date not after today (2026-11-29) for a held" in out


def test_not_a_folder_is_exit_status_2(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_it_runs_as_a_module(data_copy):
    set_cell(data_copy / "members.csv", 3, "iso3", "XXX")
    done = subprocess.run(
        [sys.executable, "-m", "components.data.validate", str(data_copy), *TODAY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "members.csv, line 4, column 'iso3'" in done.stdout
