"""Briefing: the slide in view (declared state) and what the page shows for it (pure).

The slide number is the page's one field (``?slide=3``): a number past either end of the deck
opens the first or last slide without a notice (a deck edited elsewhere may be shorter), so the
page, the deck editor's moves and Previous/Next read it with one codec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from components.data.schema import TABLES
from components.model.base import Chart, PageModel, Table
from components.model.common import COUNTRY
from components.model.deck import slide_model
from components.model.state import Clamped, Domain, Field, PageSpec

SLIDE = Field("slide", Clamped(), "briefing.slide", default=1)
SPEC = PageSpec("briefing", (SLIDE, COUNTRY))
# A slide may show any page: the briefing loads every table.
TABLES_USED = tuple(TABLES)


def domain(deck_length: int) -> Domain:
    return Domain(bounds={"slide": (1, max(deck_length, 1))})


def slide_number(params: Mapping[str, list[str]], deck_length: int) -> int:
    """The slide a link or a button asks for, kept within the deck."""
    state, _ = SPEC.decode({"slide": params.get("slide", [])}, domain(deck_length))
    return state["slide"]


@dataclass
class BriefingModel:
    """One slide of the deck as the Briefing previews it."""

    number: int
    total: int
    slide: dict[str, Any]
    lang: str
    model: PageModel
    charts: list[Chart]
    tables: list[Table]


def build(
    deck: list[dict[str, Any]], number: int, tables: dict[str, pd.DataFrame], lang: str, today: date
) -> BriefingModel:
    """Slide ``number`` of ``deck``: its page's model in the slide's language (the deck's when it
    has none) and what its preview shows: a slide made from one chart (the matrix, the network...)
    previews that chart only, otherwise every chart and table meant for a slide."""
    slide = deck[number - 1]
    slide_lang = slide.get("lang") or lang
    model = slide_model(slide, tables, slide_lang, today)
    chosen = model.chart(slide["chart"]) if slide.get("chart") else None
    charts = [chosen] if chosen else [chart for chart in model.charts if chart.on_slide]
    shown_tables = [table for table in model.tables if table.on_slide]
    return BriefingModel(number, len(deck), slide, slide_lang, model, charts, shown_tables)
