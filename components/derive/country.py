"""One country in focus: everything the data says about it, gathered for the country card (pure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.loaders import split_sources
from components.derive import counting
from components.derive.membership import state_history, status_on


@dataclass
class CountrySummary:
    """A state's place in the alliance: status today, history, exercises, events, sources.

    ``took_part`` and ``hosted`` are held exercises (components/derive/counting.py); ``not_held``
    are the planned, cancelled... ones it was listed for, shown apart and never counted."""

    code: str
    status_today: str | None
    history: pd.DataFrame
    took_part: pd.DataFrame
    hosted: pd.DataFrame
    not_held: pd.DataFrame
    events: pd.DataFrame
    sources: list[str]


def involves(codes_column: pd.Series, code: str) -> pd.Series:
    """Rows whose list of states includes ``code``: a boolean mask, also for an empty column (an
    empty object-typed mask would select columns, not rows)."""
    return pd.Series([code in codes for codes in codes_column], index=codes_column.index, dtype=bool)


def _rows_involving(table: pd.DataFrame, column: str, code: str) -> pd.DataFrame:
    return table.loc[involves(table[column], code)]


def country_summary(code: str, tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> CountrySummary:
    """Everything tied to ``code`` in membership, exercises (took part / hosted / not held) and events.

    Works on empty tables too (a file with only its header row): the parts are then empty frames
    with the table's columns."""
    membership, exercises, events = tables["membership"], tables["exercises"], tables["events"]
    history = state_history(membership, code)
    took_part = counting.took_part(exercises, code)
    hosted = counting.hosted(exercises, code)
    not_held = counting.listed_not_held(exercises, code)
    tied_events = _rows_involving(events, "states", code)
    urls: list[str] = []
    seen: set[str] = set()
    for frame in (history, took_part, not_held, tied_events):
        for cell in frame.get("source_url", ()):
            for url in split_sources(cell):
                if url not in seen:
                    seen.add(url)
                    urls.append(url)
    return CountrySummary(
        code=code,
        status_today=status_on(membership, today).get(code),
        history=history,
        took_part=took_part,
        hosted=hosted,
        not_held=not_held,
        events=tied_events,
        sources=urls,
    )
