"""The data version comes from the data: the reviewed-up-to day recorded in data/reviewed.toml and
a digest of the files' contents, never their modification dates (which differ on every clone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from components.data.version import (
    REVIEW_FILE,
    UPDATE_COMMAND,
    content_hash,
    data_version,
    main,
    recorded_review,
    reviewed_on,
    snapshot_digest,
)
from tests.conftest import DATA, ROOT


def test_the_shipped_data_is_the_data_recorded_as_reviewed():
    """Fails whenever data/*.csv changes without the record: the message says what to run."""
    review = recorded_review(DATA)
    assert review is not None, f"data/{REVIEW_FILE} is missing: run {UPDATE_COMMAND} --reviewed YYYY-MM-DD"
    assert review.digest == snapshot_digest(DATA), (
        f"data/*.csv changed since data/{REVIEW_FILE} was written. Check the change, then run:\n"
        f"    {UPDATE_COMMAND}\n"
        "(it keeps the reviewed-up-to day; add --reviewed YYYY-MM-DD once sources are checked to a later day)"
    )
    assert review.reviewed <= date.today()
    assert data_version(DATA) == f"{review.reviewed.isoformat()}·{content_hash(DATA)}"


def _copy(target: Path, mtime: float) -> Path:
    shutil.copytree(DATA, target)
    for path in target.iterdir():
        os.utime(path, (mtime, mtime))
    return target


def test_two_clones_with_different_file_dates_show_the_same_version(tmp_path):
    """One clone made in 2021, one now: the same data, the same version, the recorded day."""
    old = _copy(tmp_path / "old", 1_600_000_000)  # 13 September 2020
    new = _copy(tmp_path / "new", 1_800_000_000)  # 15 January 2027
    assert data_version(old) == data_version(new) == data_version(DATA)
    assert data_version(old).split("·")[0] == recorded_review(DATA).reviewed.isoformat()


def test_changed_data_is_not_shown_as_reviewed(data_copy):
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert reviewed_on(data_copy) is None
    assert data_version(data_copy) == f"unreviewed·{content_hash(data_copy)}" != data_version(DATA)


def test_own_data_without_a_record_and_a_broken_record(data_copy):
    (data_copy / REVIEW_FILE).unlink()
    assert data_version(data_copy).startswith("unreviewed·")
    (data_copy / REVIEW_FILE).write_text("reviewed = 'yesterday'\n", encoding="utf-8")
    assert reviewed_on(data_copy) is None


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def _version_command(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """``python -m components.data.version ARGS``, in this process (argparse exits 2 on bad input)."""
    try:
        code = main(list(args))
    except SystemExit as exited:
        code = exited.code
    out, err = capsys.readouterr()
    return Ran(int(code), out, err)


def test_it_runs_as_a_module():
    ran = subprocess.run(
        [sys.executable, "-m", "components.data.version"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode == 0 and ran.stdout.strip() == data_version(DATA)


def test_the_update_command_records_the_data_and_keeps_the_day(data_copy, capsys):
    day = recorded_review(DATA).reviewed
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    checked = _version_command(capsys, "--data", str(data_copy))
    assert checked.returncode == 1 and UPDATE_COMMAND in checked.stderr
    assert checked.stdout.strip() == data_version(data_copy) and checked.stdout.startswith("unreviewed·")
    updated = _version_command(capsys, "--data", str(data_copy), "--update")
    assert updated.returncode == 0, updated.stderr
    digest = recorded_review(data_copy).digest
    assert updated.stdout.splitlines() == [
        f"{data_copy / REVIEW_FILE}: reviewed up to {day}, digest {digest[:8]}",
        data_version(data_copy),
    ]
    assert reviewed_on(data_copy) == day and data_version(data_copy).startswith(day.isoformat())
    later = _version_command(capsys, "--data", str(data_copy), "--update", "--reviewed", "2026-04-15")
    assert later.returncode == 0 and reviewed_on(data_copy) == date(2026, 4, 15)


def test_a_first_record_needs_a_day_and_a_day_needs_update(data_copy, capsys):
    (data_copy / REVIEW_FILE).unlink()
    first = _version_command(capsys, "--data", str(data_copy), "--update")
    assert first.returncode == 2 and "give --reviewed YYYY-MM-DD" in first.stderr
    assert not (data_copy / REVIEW_FILE).exists()
    alone = _version_command(capsys, "--data", str(data_copy), "--reviewed", "2026-04-15")
    assert alone.returncode == 2 and "--reviewed needs --update" in alone.stderr


@pytest.mark.parametrize("bad", ["2999-01-01", "15.04.2026"])
def test_the_update_command_refuses_a_future_or_malformed_day(data_copy, capsys, bad):
    before = (data_copy / REVIEW_FILE).read_text(encoding="utf-8")
    result = _version_command(capsys, "--data", str(data_copy), "--update", "--reviewed", bad)
    assert result.returncode == 2 and (data_copy / REVIEW_FILE).read_text(encoding="utf-8") == before
    assert "--reviewed" in result.stderr


def test_the_update_command_takes_today(data_copy, capsys):
    today = date.today().isoformat()
    result = _version_command(capsys, "--data", str(data_copy), "--update", "--reviewed", today)
    assert result.returncode == 0 and reviewed_on(data_copy) == date.today()
