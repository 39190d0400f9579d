"""The briefing deck as a document: slides that are saved page states, with titles and notes (pure).

A slide is ``{"page", "params", "title", "notes"}`` where ``params`` are the page's URL values
(language-independent: codes, ids, ISO dates), so a deck made in English presents in Russian. A
slide without its own title uses a catalogue title (``title_key``) that follows the language.
The deck travels as compact text (``?deck=`` in links, so a reload keeps it) and as a JSON file.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go

from components.data.schema import EVENT_CATEGORIES
from components.figures.exercises import legend_beside_map
from components.figures.org import org_for_slide
from components.figures.style import for_projector
from components.figures.timeline import timeline_for_slide
from components.i18n.text import language, t
from components.model.base import Chart, PageModel

# The deck's decoder lives in deck_codec (one guarded schema for link, file and session); these
# names are re-exported so every caller keeps importing the deck from here.
from components.model.deck_codec import (  # noqa: F401
    FORMAT,
    MAX_NOTES,
    MAX_PARAM_VALUES,
    MAX_SLIDES,
    MAX_TITLE,
    DeckError,
    clean_deck,
    clean_slide,
    deck_from_json,
    deck_to_json,
    decode_deck,
    encode_deck,
    link_value,
)
from components.model.deck_view import view_title
from components.model.pages import build_from_params


def default_deck(today: date) -> list[dict[str, Any]]:
    """The deck the app ships with: today, over time, organization, last year's training."""
    last_year = today.year - 1
    return [
        {"page": "membership", "params": {}, "title_key": "deck.today.title", "notes": ""},
        {
            "page": "membership",
            "params": {"ms": list(EVENT_CATEGORIES[:5])},
            "title_key": "deck.history.title",
            "notes": "",
        },
        {"page": "structure", "params": {}, "title_key": "deck.structure.title", "notes": ""},
        {
            "page": "exercises",
            "params": {"ex_years": [str(last_year), str(last_year)]},
            "title_key": "deck.exercises.title",
            "title_values": {"year": last_year},
            "notes": "",
        },
    ]


def slide_title(slide: dict[str, Any], lang: str) -> str:
    """The slide's own title, or its catalogue title in the language."""
    if slide.get("title"):
        return str(slide["title"])[:MAX_TITLE]
    if slide.get("title_key"):
        return t(slide["title_key"], lang, **slide.get("title_values", {}))
    return t(f"nav.{slide.get('page', 'membership')}", lang)


def slide_model(slide: dict[str, Any], tables: dict[str, pd.DataFrame], lang: str, today: date) -> PageModel:
    """The slide's page model (the same build as the page itself)."""
    model, _ = build_from_params(slide["page"], slide["params"], tables, lang, today)
    with language(lang):
        if slide.get("title") or slide.get("title_key"):
            model.title = slide_title(slide, lang)
        else:  # an added view: a title from its filters, in the slide's language (issue 27)
            model.title = view_title(slide, tables, lang, today)
    return model


def publisher(url: str) -> str:
    """The site a source URL is on (``tass.com``), or the text itself when it is not a URL."""
    host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
    return (host.removeprefix("www.") if host else url)[:80]


def source_line(model: PageModel, version: str, lang: str) -> str:
    """One line of provenance for a slide: data version, first source's publisher, how many more."""
    with language(lang):
        first = publisher(model.sources[0]) if model.sources else "—"
        more = t("present.source_more", count=len(model.sources) - 1) if len(model.sources) > 1 else ""
        return t("present.source", version=version, first=first, more=more)


def slide_chart(model: PageModel):
    """The one chart a slide shows: the model's first chart meant for a slide (None if it has none)."""
    return next((chart for chart in model.charts if chart.on_slide), None)


def slide_figure(chart: Chart) -> go.Figure:
    """The chart as every slide draws it (presentation mode and the HTML deck alike): a copy with
    type for a projector and the screen's height, and what would crowd a slide left to the page.

    The org chart leaves its legends and key to the page and cuts long names to three lines. The
    exercise map's legend goes beside the map (a wide screen has room) and its size key is left to
    the page and the hover. The timeline's milestone names are left to the hover."""
    figure = for_projector(go.Figure(chart.figure), fill=True)
    figure.update_layout(title=None, margin={"t": 40})
    if chart.key == "org_chart":
        org_for_slide(figure)
    elif chart.key == "exercise_map":
        legend_beside_map(figure)
    elif chart.key == "timeline_chart":
        timeline_for_slide(figure)
    return figure
