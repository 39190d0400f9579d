"""Headline figures for the Overview page, computed from the tables (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.data.loaders import split_sources
from components.derive.membership import ever_party, summary_on
from components.i18n.names import state_names as names_by_code
from components.i18n.text import current_language

# Events whose sources back the Overview's introductory sentences.
INTRO_EVENT_IDS = (
    "treaty-signed-1992",
    "treaty-in-force-1994",
    "treaty-prolongation-protocol-1999",
    "decision-create-csto-2002",
    "charter-signed-2002",
    "un-ga-observer-2004",
)


@dataclass(frozen=True)
class Headline:
    """The numbers a briefer quotes first."""

    members_today: list[str]
    frozen_today: list[str]
    ever_party: int
    exercises: int
    first_year: int | None
    last_year: int | None
    latest_event_title: str | None
    latest_event_date: pd.Timestamp | None


def headline(tables: dict[str, pd.DataFrame], today: date) -> Headline:
    """Headline figures as of ``today`` from membership, events and exercises."""
    membership, events, exercises = tables["membership"], tables["events"], tables["exercises"]
    grouped = summary_on(membership, today)
    dates = pd.concat([membership["date"], events["date"], exercises["start_date"]]).dropna()
    happened = events["status"].astype(str) == "held" if "status" in events else pd.Series(True, index=events.index)
    past_events = events[(events["date"] <= pd.Timestamp(today)) & happened].sort_values("date", kind="stable")
    russian = current_language() == "ru"
    latest = past_events.iloc[-1] if len(past_events) else None
    return Headline(
        members_today=sorted(grouped["member"] + grouped["frozen"]),
        frozen_today=sorted(grouped["frozen"]),
        ever_party=len(ever_party(membership)),
        exercises=len(exercises),
        first_year=int(dates.min().year) if len(dates) else None,
        last_year=int(dates.max().year) if len(dates) else None,
        latest_event_title=str(latest["title_ru"] if russian and latest.get("title_ru") else latest["title"])
        if latest is not None
        else None,
        latest_event_date=latest["date"] if latest is not None else None,
    )


def intro_sources(events: pd.DataFrame, membership: pd.DataFrame) -> list[str]:
    """Distinct source URLs behind the introduction (its events and the 1993 accessions)."""
    cells = [
        *events[events["event_id"].isin(INTRO_EVENT_IDS)].sort_values("date")["source_url"],
        *membership[membership["change"] == "acceded"]["source_url"],
    ]
    urls: list[str] = []
    for cell in cells:
        urls.extend(u for u in split_sources(cell) if u not in urls)
    return urls


def state_names(members: pd.DataFrame, codes: list[str]) -> list[str]:
    """Display names for ISO3 codes in the interface language (unknown codes shown as they are)."""
    names = names_by_code(members)
    return [names.get(code, code) for code in codes]
