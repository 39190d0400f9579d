"""What a deck slide shows, in words: its filters for the editor and a title derived from the view
(pure).

A slide added from a page keeps only the page's URL values, so its title and its filter summary
are made when shown, in the slide's language: "Exercise map · 2022–2026 · Armenia, Kazakhstan",
not two slides both called "Exercise map", and in Russian when the deck is shown in Russian.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from components.i18n.names import exercise_names, localized, state_names
from components.i18n.text import CATALOGUE, DEFAULT_LANGUAGE, format_date, t
from components.model.pages import PAGE_KINDS

MAX_SHOWN_VALUES = 4
MAX_DERIVED_TITLE = 200


def _shown(value: Any, names: dict[str, str], lang: str) -> str:
    """One field's value as a reader says it: a year range, state names, a date."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return str(value[0]) if value[0] == value[1] else f"{value[0]}–{value[1]}"
    if isinstance(value, tuple):
        shown = [names.get(str(v), str(v)) for v in value]
        more = len(shown) - MAX_SHOWN_VALUES
        return ", ".join(shown[:MAX_SHOWN_VALUES]) + (f" +{more}" if more > 0 else "")
    if isinstance(value, date):
        return format_date(value, lang=lang)
    return names.get(str(value), str(value))


def value_names(tables: dict[str, pd.DataFrame], lang: str) -> dict[str, str]:
    """Codes a view's link carries -> what a reader calls them in ``lang``: states ("ARM" ->
    Armenia), events (an event id -> its title), exercises and bodies (their names)."""
    names: dict[str, str] = {}
    if "members" in tables:
        names.update(state_names(tables["members"], lang))
    if "bodies" in tables:
        bodies = tables["bodies"]
        body_names = localized(bodies.rename(columns={"name_en": "name"}), "name", lang).astype(str)
        names.update(zip(bodies["body_id"].astype(str), body_names, strict=True))
    if "exercises" in tables:
        exercises = tables["exercises"]
        names.update(zip(exercises["exercise_id"].astype(str), exercise_names(exercises, lang), strict=True))
    if "events" in tables:
        events = tables["events"]
        names.update(zip(events["event_id"].astype(str), localized(events, "title", lang).astype(str), strict=True))
    return names


def view_values(
    page: str, params: dict[str, list[str]], tables: dict[str, pd.DataFrame], lang: str, today: date
) -> list[tuple[str, str]]:
    """(label, value) for every field the slide sets, as the page decodes it (a value the page
    cannot use is not shown: the page shows its default instead)."""
    kind = PAGE_KINDS[page]
    state, invalid = kind.spec.decode(params, kind.domain(tables, today))
    names = value_names(tables, lang)
    values = []
    for field in kind.spec.fields:
        if params.get(field.name) and field.name not in invalid and state.get(field.name) not in (None, "", ()):
            values.append((t(field.label, lang), _shown(state[field.name], names, lang)))
    return values


def filters_summary(
    page: str, params: dict[str, list[str]], tables: dict[str, pd.DataFrame], lang: str, today: date
) -> str:
    """ "Years: 2022–2026; Hosts: Armenia, Kazakhstan", or "default view"."""
    values = view_values(page, params, tables, lang, today)
    return "; ".join(f"{label}: {value}" for label, value in values) or t("share.default_view", lang)


def view_title(slide: dict[str, Any], tables: dict[str, pd.DataFrame], lang: str, today: date) -> str:
    """A title from the view: the chart's or the page's name, then the filter values
    ("Who trains with whom · 2022–2026 · Armenia, Kazakhstan")."""
    values = view_values(slide["page"], slide.get("params", {}), tables, lang, today)
    if slide.get("chart") and f"deck.chart.{slide['chart']}" in CATALOGUE[DEFAULT_LANGUAGE]:
        name = t(f"deck.chart.{slide['chart']}", lang)
        head = name[:1].upper() + name[1:]
    else:
        head = t(f"nav.{slide['page']}", lang)
    return " · ".join([head, *(value for _, value in values)])[:MAX_DERIVED_TITLE]
