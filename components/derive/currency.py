"""Honest currency: an announced or planned item whose dates have passed is not "held", and it
is not simply "planned" either — no report of it has been found yet (pure; ``today`` is passed in,
never read from the clock, so tests and the page agree on the day).

The data's sources end at some day; the app runs later. Without this, a planned November meeting
looks exactly the same in December as it did in April.
"""

from __future__ import annotations

import calendar
from datetime import date

import pandas as pd

from components.data.schema import AWAITING_REPORT
from components.i18n.text import t


def last_day(start: object, end: object, precision: object) -> date | None:
    """The last day an item's dates cover: its end date, else its start date widened by the
    date's precision (a month-precise date covers the whole month, a year-precise one the year)."""
    for value in (end, start):
        if value is None or pd.isna(value):
            continue
        day = pd.Timestamp(value).date()
        if value is end:
            return day
        if precision == "year":
            return date(day.year, 12, 31)
        if precision == "month":
            return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        return day
    return None


def no_report_yet(
    frame: pd.DataFrame,
    today: date,
    start: str = "start_date",
    end: str = "end_date",
    precision: str = "date_precision",
) -> pd.Series:
    """True where the status still waits for a report (announced, planned) and the item's last
    day is before ``today``. Indexed like ``frame``; all False when it has no status column."""
    if "status" not in frame or frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    ends = frame[end] if end in frame else pd.Series(None, index=frame.index, dtype=object)
    precisions = frame[precision] if precision in frame else pd.Series("day", index=frame.index)
    waiting = frame["status"].astype(str).isin(AWAITING_REPORT)
    passed = [
        bool(w) and (last := last_day(s, e, p)) is not None and last < today
        for w, s, e, p in zip(waiting, frame[start], ends, precisions, strict=True)
    ]
    return pd.Series(passed, index=frame.index, dtype=bool)


def status_labels(frame: pd.DataFrame, today: date, start: str = "start_date") -> pd.Series:
    """Each row's status in the interface language, with "— no report yet" where its dates have
    passed without a report (see ``no_report_yet``; the end and precision columns by their usual names)."""
    overdue = no_report_yet(frame, today, start)
    labels = [
        t("status_ex.no_report", status=t(f"status_ex.{status}")) if late else t(f"status_ex.{status}")
        for status, late in zip(frame["status"].astype(str), overdue, strict=True)
    ]
    return pd.Series(labels, index=frame.index, dtype=object)
