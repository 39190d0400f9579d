"""The briefing deck as a document: slides that are saved page states, with titles and notes (pure).

A slide is ``{"page", "params", "title", "notes"}`` where ``params`` are the page's URL values
(language-independent: codes, ids, ISO dates), so a deck made in English presents in Russian. A
slide without its own title uses a catalogue title (``title_key``) that follows the language.
The deck travels as compact text (``?deck=`` in links, so a reload keeps it) and as a JSON file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go

from components.data.schema import EVENT_CATEGORIES
from components.figures.exercises import legend_beside_map
from components.figures.membership import timeline_for_slide
from components.figures.org import org_for_slide
from components.figures.slide import (
    card_under_chart,
    legend_above,
    legend_beside,
    network_for_slide,
)
from components.figures.style import for_projector
from components.i18n.text import language, publisher_of, t
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
from components.model.deck_view import value_names, view_title
from components.model.pages import PAGE_KINDS, build_from_params
from components.model.state import PageSpec


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
    if isinstance(slide.get("chart"), str):
        model.deck["slide_chart"] = slide["chart"]
    spec = PAGE_KINDS[slide["page"]].spec
    model.deck["view"] = describe_params(spec, slide["params"], lang, value_names(tables, lang))
    return model


def describe_params(spec: PageSpec, params: dict[str, list[str]], lang: str | None, names: dict[str, str]) -> str:
    """What the view shows, in words: each set field with its label and its values by name
    ('Participants: Armenia, Kazakhstan'; a code without a name is shown as it is)."""
    parts = []
    for field in spec.fields:
        values = params.get(field.name)
        if values:
            shown = ", ".join(names.get(v, v)[:80] for v in values if v) or "—"
            parts.append(f"{t(field.label, lang)}: {shown}")
    return "; ".join(parts) if parts else t("share.default_view", lang)


def publisher(url: str) -> str:
    """The site a source URL is on (``tass.com``), or the text itself when it is not a URL."""
    host = urlsplit(url).hostname if url.startswith(("http://", "https://")) else None
    return (host.removeprefix("www.") if host else url)[:80]


def source_line(
    model: PageModel, version: str, lang: str, publishers: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """One line of provenance for a slide: data version, first source's publisher (by its name in
    the source registry ``publishers`` when it is there, else its web domain), how many more."""
    with language(lang):
        known = publisher_of(model.sources[0], publishers) if model.sources and publishers else None
        first = known[0] if known else publisher(model.sources[0]) if model.sources else "—"
        more = t("present.source_more", count=len(model.sources) - 1) if len(model.sources) > 1 else ""
        return t("present.source", version=version, first=first, more=more)


# The chart box of a slide presented on a 1280×720 screen with a one-line title and a caption
# (app.py's presentation CSS: 21 px root type, 1.6 rem side padding; ui/present.py's slide column:
# the box takes the screen's height less the title, the caption and the bottom line). The
# PowerPoint picture is drawn at this size, in CSS pixels, so what the briefer carries out is the
# slide they presented.
SLIDE_SCREEN_PX = (1280, 720)
SLIDE_PICTURE_PX = (1213, 548)


def slide_chart(model: PageModel, key: str | None = None) -> Chart | None:
    """The one chart a slide shows: the chart the slide asked for (``key``, else the ``chart`` its
    slide recorded), else the model's first chart meant for a slide (None if it has none)."""
    wanted = key or model.deck.get("slide_chart")
    chosen = model.chart(wanted) if isinstance(wanted, str) else None
    return chosen or next((chart for chart in model.charts if chart.on_slide), None)


def slide_figure(chart: Chart, card: dict | None = None, size: tuple[int, int] | None = None) -> go.Figure:
    """The chart as every slide draws it (presentation mode, the HTML deck and PowerPoint alike): a
    copy with type for a projector, and what would crowd a slide left to the page.

    Without ``size`` the figure takes the height of the box it is drawn in (the screen's); with
    it, the figure is exactly that many CSS pixels (a picture). The org chart leaves its legends and
    key to the page and cuts long names to two lines. The exercise map's legend goes beside the
    map and its size key is left to the page and the hover. The timeline's milestone names are left
    to the hover. A chronology slide shows the chosen item's ``card`` under its time axis."""
    figure = for_projector(go.Figure(chart.figure), fill=True)
    figure.update_layout(title=None, margin={"t": 40})
    adjust = SLIDE_ADJUSTMENTS.get(chart.key)
    if adjust is not None:
        adjust(figure)
    if card and chart.key == "chronology_chart":
        card_under_chart(figure, card)
    if size is not None:
        figure.update_layout(width=size[0], height=size[1], autosize=False)
    return figure


SLIDE_ADJUSTMENTS: dict[str, Callable[[go.Figure], None]] = {
    "org_chart": org_for_slide,
    "exercise_map": legend_beside_map,
    "timeline_chart": timeline_for_slide,
    "participation_matrix": legend_above,
    "co_participation": network_for_slide,
    "country_exercises": legend_above,
    "status_map": legend_beside,
    "count_chart": legend_beside,
}


def view_figure(model: PageModel, size: tuple[int, int] | None = None) -> go.Figure | None:
    """The slide figure of a view: its slide chart through ``slide_figure``, with the item card
    the view shows (None when the view has no chart). The one call every slide renderer makes."""
    chart = slide_chart(model)
    if chart is None:
        return None
    return slide_figure(chart, getattr(model.detail, "card", None), size)
