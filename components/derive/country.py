"""One country in focus: everything the data says about it, gathered for the country card (pure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.loaders import split_sources
from components.derive.membership import state_history, status_on


@dataclass
class CountrySummary:
    """A state's place in the alliance: status today, history, exercises, events, sources."""

    code: str
    status_today: str | None
    history: pd.DataFrame
    hosted: pd.DataFrame
    attended: pd.DataFrame
    events: pd.DataFrame
    sources: list[str]


def involves(codes_column: pd.Series, code: str) -> pd.Series:
    """Rows whose list of states includes ``code``."""
    return codes_column.map(lambda codes: code in codes)


def country_summary(code: str, tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> CountrySummary:
    """Everything tied to ``code`` in membership, exercises (hosted / took part) and events."""
    membership, exercises, events = tables["membership"], tables["exercises"], tables["events"]
    history = state_history(membership, code)
    hosted = exercises[involves(exercises["host_states"], code)]
    attended = exercises[involves(exercises["participants"], code)]
    tied_events = events[involves(events["states"], code)]
    urls: list[str] = []
    for frame in (history, hosted, attended, tied_events):
        for cell in frame["source_url"]:
            urls.extend(url for url in split_sources(cell) if url not in urls)
    return CountrySummary(
        code=code,
        status_today=status_on(membership, today).get(code),
        history=history,
        hosted=hosted,
        attended=attended,
        events=tied_events,
        sources=urls,
    )
