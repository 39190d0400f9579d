"""Status derivation and membership periods on small named cases with exact answers."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.data.schema import CHANGE_TYPES
from components.derive.membership import (
    ever_party,
    member_count_series,
    membership_periods,
    state_history,
    status_on,
    step_year,
    summary_on,
)


def changes(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A tiny membership table from (state, date, change) triples."""
    frame = pd.DataFrame(rows, columns=["state", "date", "change"])
    return frame.assign(
        date=pd.to_datetime(frame["date"]),
        change=pd.Categorical(frame["change"], categories=list(CHANGE_TYPES)),
        date_precision="day",
        body="treaty",
        basis="legal",
        note="",
        source_url="https://example.org/source",
    )


LEFT_AND_RETURNED = changes(
    ("UZB", "1992-05-15", "signed"),
    ("UZB", "1999-04-20", "not_renewed"),
    ("UZB", "2006-06-23", "returned"),
    ("UZB", "2008-03-28", "ratified"),
    ("UZB", "2012-12-19", "suspended"),
)
FROZEN_BUT_MEMBER = changes(
    ("ARM", "1992-05-15", "signed"),
    ("ARM", "2003-09-18", "founding_member"),
    ("ARM", "2024-02-22", "participation_frozen"),
    ("ARM", "2024-06-12", "participation_frozen"),
)
PARTY_NEVER_MEMBER = changes(("GEO", "1993-12-09", "acceded"), ("GEO", "1999-04-20", "not_renewed"))


def test_state_that_left_and_returned():
    assert status_on(LEFT_AND_RETURNED, date(1995, 1, 1)) == {"UZB": "treaty_party"}
    assert status_on(LEFT_AND_RETURNED, date(2000, 1, 1)) == {"UZB": "former"}
    assert status_on(LEFT_AND_RETURNED, date(2010, 1, 1)) == {"UZB": "member"}
    assert status_on(LEFT_AND_RETURNED, date(2020, 1, 1)) == {"UZB": "suspended"}
    periods = membership_periods(LEFT_AND_RETURNED, today=date(2025, 1, 1))
    assert periods["status"].tolist() == ["treaty_party", "member", "suspended"]
    assert periods["start"].dt.year.tolist() == [1992, 2006, 2012]
    assert periods["open_ended"].tolist() == [False, False, True]


def test_frozen_participation_still_counts_as_member_and_is_one_period():
    assert status_on(FROZEN_BUT_MEMBER, date(2025, 1, 1)) == {"ARM": "frozen"}
    periods = membership_periods(FROZEN_BUT_MEMBER, today=date(2025, 1, 1))
    frozen = periods[periods["status"] == "frozen"]
    assert len(frozen) == 1 and frozen["start"].iloc[0] == pd.Timestamp("2024-02-22")
    assert frozen["end"].iloc[0] == pd.Timestamp("2025-01-01") and frozen["open_ended"].iloc[0]


def test_treaty_party_that_never_joined_the_organization():
    periods = membership_periods(PARTY_NEVER_MEMBER, today=date(2025, 1, 1))
    assert periods["status"].tolist() == ["treaty_party"]
    assert periods["end"].iloc[0] == pd.Timestamp("1999-04-20")
    assert summary_on(PARTY_NEVER_MEMBER, date(2025, 1, 1))["former"] == ["GEO"]


def test_a_change_applies_on_its_own_date():
    assert status_on(LEFT_AND_RETURNED, date(2012, 12, 18)) == {"UZB": "member"}
    assert status_on(LEFT_AND_RETURNED, date(2012, 12, 19)) == {"UZB": "suspended"}
    assert status_on(PARTY_NEVER_MEMBER, date(1993, 12, 8)) == {}


def test_non_status_rows_do_not_break_periods():
    history = state_history(LEFT_AND_RETURNED, "UZB")
    assert len(history) == 5 and pd.isna(history.loc[3, "status"])
    assert len(membership_periods(LEFT_AND_RETURNED, today=date(2025, 1, 1))) == 3


def test_ever_party_and_counts():
    everything = pd.concat([LEFT_AND_RETURNED, FROZEN_BUT_MEMBER, PARTY_NEVER_MEMBER], ignore_index=True)
    assert ever_party(everything) == ["ARM", "GEO", "UZB"]
    counts = member_count_series(everything, today=date(2025, 1, 1))
    last = counts[counts["date"] == counts["date"].max()].set_index("status")["count"]
    assert last["frozen"] == 1 and last["suspended"] == 1 and last["member"] == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2020, 5, 1), date(2021, 5, 1)),
        (date(2024, 2, 29), date(2025, 2, 28)),
        (date(2025, 6, 1), date(2025, 12, 31)),
        (date(2025, 12, 31), None),
    ],
)
def test_step_year_for_play(day, expected):
    assert step_year(day, date(2025, 12, 31)) == expected
