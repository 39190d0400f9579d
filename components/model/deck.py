"""The briefing deck as a document: slides that are saved page states, with titles and notes (pure).

A slide is ``{"page", "params", "title", "notes"}`` where ``params`` are the page's URL values
(language-independent: codes, ids, ISO dates), so a deck made in English presents in Russian. A
slide without its own title uses a catalogue title (``title_key``) that follows the language.
The deck travels as compact text (``?deck=`` in links, so a reload keeps it) and as a JSON file.
"""

from __future__ import annotations

import base64
import json
import zlib
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
from components.i18n.text import LANGUAGES, language, t
from components.model.base import Chart, PageModel
from components.model.pages import PAGE_KINDS, build_from_params

MAX_SLIDES = 40
MAX_TITLE = 200
MAX_NOTES = 2_000
MAX_PARAM_VALUES = 60
FORMAT = "csto-explorer-deck"


class DeckError(ValueError):
    """A deck file or link that cannot be used (nothing is changed)."""


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
        model.title = slide_title(slide, lang)
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


def clean_slide(raw: object) -> dict[str, Any]:
    """A slide from untrusted input (a file, a link), or DeckError."""
    if not isinstance(raw, dict) or raw.get("page") not in PAGE_KINDS:
        raise DeckError("slide")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise DeckError("params")
    known = set(PAGE_KINDS[raw["page"]].spec.keys)
    clean_params = {
        str(key): [str(v)[:200] for v in (values if isinstance(values, list) else [values])][:MAX_PARAM_VALUES]
        for key, values in params.items()
        if str(key) in known
    }
    slide: dict[str, Any] = {
        "page": raw["page"],
        "params": clean_params,
        "title": str(raw.get("title") or "")[:MAX_TITLE],
        "notes": str(raw.get("notes") or "")[:MAX_NOTES],
    }
    if raw.get("lang") in LANGUAGES:
        slide["lang"] = raw["lang"]
    if raw.get("title_key") in {"deck.today.title", "deck.history.title", "deck.structure.title"}:
        slide["title_key"] = raw["title_key"]
    if raw.get("title_key") == "deck.exercises.title" and isinstance(raw.get("title_values"), dict):
        year = raw["title_values"].get("year")
        if isinstance(year, int):
            slide["title_key"] = raw["title_key"]
            slide["title_values"] = {"year": year}
    return slide


def deck_to_json(deck: list[dict[str, Any]]) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "slides": deck}, ensure_ascii=False, indent=1)


def deck_from_json(text: str | bytes) -> list[dict[str, Any]]:
    """A deck from a downloaded file; DeckError when it is not one (the current deck is kept)."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise DeckError("json") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("slides"), list):
        raise DeckError("format")
    if not data["slides"] or len(data["slides"]) > MAX_SLIDES:
        raise DeckError("size")
    return [clean_slide(slide) for slide in data["slides"]]


def encode_deck(deck: list[dict[str, Any]]) -> str:
    """The whole deck as compact URL-safe text."""
    raw = json.dumps(deck, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def decode_deck(text: str) -> list[dict[str, Any]]:
    """A deck from ``encode_deck`` text; DeckError when it is not one."""
    if len(text) > 20_000:
        raise DeckError("size")
    try:
        raw = zlib.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), bufsize=1 << 16)
        slides = json.loads(raw)
    except (ValueError, zlib.error) as error:
        raise DeckError("link") from error
    if not isinstance(slides, list) or not slides or len(slides) > MAX_SLIDES:
        raise DeckError("size")
    return [clean_slide(slide) for slide in slides]
