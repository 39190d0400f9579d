"""Overview: the headline figures and the way into every page (declared state and the one build).

The Overview has no filters: its declared state is the app's country in focus only, so a link to
it carries nothing of its own. Its model is what the page shows, in one language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.derive.counting import listed_breakdown
from components.derive.overview import Headline, headline, intro_sources, state_names
from components.i18n.text import format_date, language, t
from components.model.common import COUNTRY
from components.model.state import PageSpec

SPEC = PageSpec("overview", (COUNTRY,))
TABLES_USED = ("members", "membership", "events", "exercises")


@dataclass
class OverviewModel:
    """What the Overview shows: the headline figures as text, the names behind them, the
    introduction's sources."""

    figures: Headline
    exercises_help: str
    span: str
    latest: str
    covers: str | None
    members_today: list[str]
    frozen_today: list[str]
    sources: list[str]


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> OverviewModel:
    """The Overview's figures as of ``today`` in ``lang``."""
    with language(lang):
        figures = headline(tables, today)
        dash = t("overview.no_data")
        dated = figures.latest_event_date is not None
        return OverviewModel(
            figures=figures,
            exercises_help=listed_breakdown(tables["exercises"]),
            span=f"{figures.first_year}–{figures.last_year}" if figures.first_year else dash,
            latest=format_date(figures.latest_event_date, short=True) if dated else dash,
            covers=t("overview.covers", day=format_date(figures.latest_event_date)) if dated else None,
            members_today=state_names(tables["members"], figures.members_today),
            frozen_today=state_names(tables["members"], figures.frozen_today),
            sources=intro_sources(tables["events"], tables["membership"]),
        )
