"""Membership periods and the member count, every column against the shipped data file (read here
with the csv module): the rows a person sees in the country profile and the count chart carry the
state, dates, precisions and sources of the data rows they came from. Written to kill the mutants
that survived in components/derive/membership.py (docs/mutation.md)."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.data.schema import CHANGE_TYPES
from components.derive.membership import STATUSES, member_count_series, membership_periods, status_on
from tests.conftest import DATA, FIXED_TODAY


@pytest.fixture(scope="module")
def membership() -> pd.DataFrame:
    return read_all(today=FIXED_TODAY)["membership"]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with (DATA / "membership.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_period_starts_and_ends_on_a_row_of_its_own_state(membership, rows):
    """Start: a status row of that state, with its precision and source; end: the next status
    row's date and precision, or today and no precision when the period is still open."""
    periods = membership_periods(membership, today=FIXED_TODAY)
    dated = {(r["state"], r["date"], r["date_precision"], r["source_url"]) for r in rows if CHANGE_TYPES[r["change"]]}
    by_state_day = {(r["state"], r["date"], r["date_precision"]) for r in rows if CHANGE_TYPES[r["change"]]}
    for period in periods.itertuples():
        start = (period.state, period.start.date().isoformat(), period.start_precision, period.source_url)
        assert start in dated, start
        if period.open_ended:
            assert period.end == pd.Timestamp(FIXED_TODAY) and period.end_precision == "" and period.end_change == ""
        else:
            assert (period.state, period.end.date().isoformat(), period.end_precision) in by_state_day
            assert CHANGE_TYPES[period.end_change] != period.status
    states = {r["state"] for r in rows if CHANGE_TYPES[r["change"]] not in (None, "former")}
    assert set(periods["state"]) == states


def test_a_restated_status_keeps_the_first_rows_date_precision_and_source(membership, rows):
    """Armenia's participation was declared frozen seven times: one period, from the first."""
    periods = membership_periods(membership, today=FIXED_TODAY)
    frozen = periods[(periods["state"] == "ARM") & (periods["status"] == "frozen")]
    first = next(r for r in rows if r["state"] == "ARM" and r["change"] == "participation_frozen")
    assert len(frozen) == 1
    period = frozen.iloc[0]
    assert (period["start"].date().isoformat(), period["start_precision"], period["source_url"]) == (
        first["date"],
        first["date_precision"],
        first["source_url"],
    )


def test_periods_are_sorted_by_state_and_never_overlap(membership):
    periods = membership_periods(membership, today=FIXED_TODAY)
    assert periods["state"].tolist() == sorted(periods["state"])
    for _, own in periods.groupby("state"):
        assert (own["start"].iloc[1:].to_numpy() >= own["end"].iloc[:-1].to_numpy()).all()


@pytest.mark.parametrize("day", [date(1995, 1, 1), date(2005, 6, 1), date(2013, 1, 1), FIXED_TODAY])
def test_the_count_series_is_the_status_of_every_state_on_that_day(membership, day):
    """The count chart's last step on or before ``day`` equals counting status_on(day) by hand,
    for every status (zeros included), and the series has one row per status per step."""
    counts = member_count_series(membership, today=FIXED_TODAY)
    assert len(counts) % len(STATUSES) == 0
    assert all(list(step["status"]) == list(STATUSES) for _, step in counts.groupby("date", sort=True))
    step = counts[counts["date"] == counts[counts["date"] <= pd.Timestamp(day)]["date"].max()]
    expected = Counter(status_on(membership, day).values())
    assert dict(zip(step["status"], step["count"], strict=True)) == {s: expected.get(s, 0) for s in STATUSES}
    assert counts["date"].max() == pd.Timestamp(FIXED_TODAY)


def test_status_on_gives_one_status_per_state_with_a_status_row(membership, rows):
    day = FIXED_TODAY
    status = status_on(membership, day)
    states = {r["state"] for r in rows if CHANGE_TYPES[r["change"]] and r["date"] <= day.isoformat()}
    assert set(status) == states and list(status) == sorted(status)
