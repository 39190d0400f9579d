"""Statuses and periods derived from the dated changes in ``membership.csv``.

Membership is never typed in twice: the status of a state on any day, and the periods drawn on the
timeline, are computed here from the change rows alone.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.data.schema import CHANGE_TYPES

# The Treaty's signing in Tashkent: the first day the timeline and the as-of date can show.
TREATY_SIGNED = date(1992, 5, 15)
# Statuses a state can hold, in the order a legend should list them.
STATUSES = ("treaty_party", "member", "frozen", "suspended", "observer")
INACTIVE = "former"
# When two changes share a date, apply them in this order so that e.g. a signature and an entry
# into force on one day leave the stronger status.
_ORDER = {change: i for i, change in enumerate(CHANGE_TYPES)}


def _sorted_changes(membership: pd.DataFrame) -> pd.DataFrame:
    changes = membership.assign(_order=membership["change"].astype(str).map(_ORDER))
    return changes.sort_values(["state", "date", "_order"], kind="stable").drop(columns="_order")


def status_changes(membership: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that change a status, with the resulting ``status`` column added."""
    changes = _sorted_changes(membership)
    changes = changes.assign(status=changes["change"].astype(str).map(CHANGE_TYPES))
    return changes[changes["status"].notna()].reset_index(drop=True)


def status_on(membership: pd.DataFrame, day: date | pd.Timestamp) -> dict[str, str]:
    """Each state's status on ``day`` (a change dated ``day`` already applies).

    Returns:
        ``{iso3: status}`` for every state with at least one status change on or before ``day``;
        states out of the alliance by then map to ``"former"``.
    """
    cutoff = pd.Timestamp(day)
    changes = status_changes(membership)
    past = changes[changes["date"] <= cutoff]
    latest = past.groupby("state", sort=True).tail(1)
    return dict(zip(latest["state"].astype(str), latest["status"], strict=True))


def summary_on(membership: pd.DataFrame, day: date | pd.Timestamp) -> dict[str, list[str]]:
    """States grouped by status on ``day``: keys are the statuses plus ``"former"``."""
    grouped: dict[str, list[str]] = {status: [] for status in (*STATUSES, INACTIVE)}
    for state, status in status_on(membership, day).items():
        grouped[status].append(state)
    return grouped


def membership_periods(membership: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """Continuous periods in one status per state (``former`` periods are gaps, not rows).

    Returns a DataFrame with columns: state, status, start, end, open_ended, start_precision,
    end_precision, basis, note, source_url (the start row's), end_change.
    """
    end_of_data = pd.Timestamp(today or date.today())
    rows = []
    for state, changes in status_changes(membership).groupby("state", sort=True):
        records = changes.to_dict("records")
        for current, following in zip(records, [*records[1:], None], strict=True):
            if current["status"] == INACTIVE:
                continue
            if following is not None and following["status"] == current["status"]:
                # The same status restated (e.g. a ratification recorded as joining): keep one period.
                following["date"], following["date_precision"] = current["date"], current["date_precision"]
                following["source_url"] = current["source_url"]
                continue
            rows.append(
                {
                    "state": str(state),
                    "status": current["status"],
                    "start": current["date"],
                    "end": following["date"] if following else end_of_data,
                    "open_ended": following is None,
                    "start_precision": str(current["date_precision"]),
                    "end_precision": str(following["date_precision"]) if following else "",
                    "basis": str(current["basis"]),
                    "note": current["note"],
                    "source_url": current["source_url"],
                    "end_change": str(following["change"]) if following else "",
                }
            )
    columns = [
        "state", "status", "start", "end", "open_ended", "start_precision", "end_precision",
        "basis", "note", "source_url", "end_change",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def member_count_series(membership: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
    """Step series of how many states held each status over time (for the count chart).

    Returns columns: date, status, count — one row per change date and status.
    """
    changes = status_changes(membership).sort_values(["date", "state"], kind="stable")
    current: dict[str, str] = {}
    records = []
    # One pass in date order; a day's counts are taken after all of that day's changes.
    for day, todays in changes.groupby("date", sort=True):
        for state, status in zip(todays["state"].astype(str), todays["status"], strict=True):
            current[state] = status
        held = pd.Series(list(current.values()), dtype=object).value_counts()
        records.extend({"date": day, "status": s, "count": int(held.get(s, 0))} for s in STATUSES)
    if today is not None and records:
        last = records[-len(STATUSES) :]
        records.extend({**row, "date": pd.Timestamp(today)} for row in last)
    return pd.DataFrame(records, columns=["date", "status", "count"])


def state_history(membership: pd.DataFrame, state: str) -> pd.DataFrame:
    """All dated changes of one state, oldest first, with the status each led to (if any)."""
    rows = _sorted_changes(membership[membership["state"] == state])
    return rows.assign(status=rows["change"].astype(str).map(CHANGE_TYPES)).reset_index(drop=True)


def ever_party(membership: pd.DataFrame) -> list[str]:
    """States that were at some time party to the Treaty or member of the Organization."""
    changes = status_changes(membership)
    return sorted(changes[changes["status"].isin(("treaty_party", "member"))]["state"].astype(str).unique())


def step_year(day: date, today: date) -> date | None:
    """``day`` one year later (capped at ``today``), or None once ``today`` is reached (for Play)."""
    if day >= today:
        return None
    try:
        later = day.replace(year=day.year + 1)
    except ValueError:  # 29 February in a non-leap year
        later = day.replace(year=day.year + 1, day=28)
    return min(later, today)
