"""Chronology: every event (and, on request, every exercise) on one time axis, with filters,
search, a card per item and a story mode (declared state and the one build)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.data.loaders import split_sources
from components.data.schema import EVENT_CATEGORIES
from components.derive.chronology import chronology_items, filter_items, step_item
from components.derive.currency import status_labels
from components.derive.participation import EXERCISE_CATEGORY
from components.figures.chronology import category_label, chronology_figure
from components.i18n.names import exercise_names, state_names
from components.i18n.text import LANGUAGES, format_date, format_number, language, t
from components.model.base import TABLE_ROW_LIMIT, Chart, Metric, PageModel, Table, unique_sources
from components.model.columns import columns
from components.model.common import COUNTRY, country_domain, state_aliases
from components.model.state import Code, Codes, Domain, Field, Number, PageSpec, Text

SPEC = PageSpec(
    "chronology",
    (
        Field("ch_cat", Codes(), "chronology.categories", default=()),
        Field("ch_states", Codes(), "chronology.states", default=()),
        Field("ch_text", Text(), "chronology.search", default="", placeholder="chronology.search_placeholder"),
        Field("ch_ex", Number(), "chronology.with_exercises", default=0),
        Field("item", Code(), "chronology.item"),
        COUNTRY,
    ),
)
FILTERS = ("ch_cat", "ch_states", "ch_text", "ch_ex")
TABLES_USED = ("members", "events", "exercises")
CATEGORIES = (*EVENT_CATEGORIES, EXERCISE_CATEGORY)


def domain(tables: dict[str, pd.DataFrame], today: date) -> Domain:
    members, events, exercises = tables["members"], tables["events"], tables["exercises"]
    options, aliases = country_domain(members)
    category_aliases = {category_label_in(c, lang): c for c in CATEGORIES for lang in LANGUAGES}
    return Domain(
        options={
            **options,
            "ch_cat": list(CATEGORIES),
            "ch_states": list(members["iso3"]),
            "item": [*events["event_id"].astype(str), *exercises["exercise_id"].astype(str)],
        },
        aliases={**aliases, "ch_cat": category_aliases, "ch_states": state_aliases(members)},
        bounds={"ch_ex": (0, 1)},
    )


def category_label_in(category: str, lang: str) -> str:
    with language(lang):
        return category_label(category)


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    """Everything the Chronology shows for ``state`` in ``lang``."""
    with language(lang):
        return _build(tables, state, lang, today)


def all_items(tables: dict[str, pd.DataFrame], with_exercises: bool, lang: str) -> pd.DataFrame:
    exercises = tables["exercises"] if with_exercises else None
    names = None
    if exercises is not None and "name_ru" not in exercises:
        names = exercise_names(exercises, lang)
    return chronology_items(tables["events"], exercises, lang, names)


def item_statuses(tables: dict[str, pd.DataFrame], today: date) -> dict[str, str]:
    """item_id -> its status as shown ("planned — no report yet" once the dates have passed)."""
    events, exercises = tables["events"], tables["exercises"]
    statuses: dict[str, str] = {}
    if "status" in exercises:
        statuses.update(zip(exercises["exercise_id"].astype(str), status_labels(exercises, today), strict=True))
    if "status" in events:
        labels = status_labels(events, today, start="date")
        statuses.update(zip(events["event_id"].astype(str), labels, strict=True))
    return statuses


def item_status_codes(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """item_id -> its status code as the data writes it (held, announced, planned, cancelled)."""
    codes: dict[str, str] = {}
    for frame, key in ((tables["exercises"], "exercise_id"), (tables["events"], "event_id")):
        if "status" in frame:
            codes.update(zip(frame[key].astype(str), frame["status"].astype(str), strict=True))
    return codes


def _items(tables: dict[str, pd.DataFrame], with_exercises: bool, lang: str, today: date) -> pd.DataFrame:
    """Every item on the axis with its status as shown and as the data writes it."""
    items = all_items(tables, with_exercises, lang)
    statuses, codes = item_statuses(tables, today), item_status_codes(tables)
    return items.assign(
        status=items["item_id"].map(statuses).fillna(""), status_code=items["item_id"].map(codes).fillna("")
    )


def _items_table(shown: pd.DataFrame, names: dict[str, str]) -> Table:
    """The filtered items, dated at their precision; the CSV keeps codes and ISO dates."""
    rows = shown.assign(
        when=[format_date(d, p) for d, p in zip(shown["date"], shown["precision"], strict=True)],
        category=shown["category"].map(category_label),
        states=shown["states"].map(lambda codes: [names.get(c, c) for c in codes]),
    )
    shown_columns = ["when", "title", "category", "status", "states", "source_url"]
    return Table(
        key="items",
        title=t("chronology.table", count=format_number(len(shown))),
        rows=rows[shown_columns].head(TABLE_ROW_LIMIT),
        columns=columns(*shown_columns),
        download=shown.drop(columns=["search", "status"])
        .rename(columns={"status_code": "status"})
        .assign(states=shown["states"].map(";".join)),
        file_name="csto-chronology.csv",
        total=len(shown),
    )


@dataclass
class Story:
    """Story mode: the filtered items in order, the one in focus, its neighbours and its card."""

    ids: list[str]
    selected: str | None
    position: int  # 1-based; 0 when no item is in focus
    previous: str | None
    next: str | None
    card: dict | None
    titles: dict[str, str]


def _story(shown: pd.DataFrame, selected: str | None, names: dict[str, str]) -> Story:
    ids = list(shown["item_id"])
    return Story(
        ids=ids,
        selected=selected,
        position=ids.index(selected) + 1 if selected else 0,
        previous=step_item(ids, selected, -1),
        next=step_item(ids, selected, 1),
        card=item_card(shown, selected, names) if selected else None,
        titles=dict(zip(shown["item_id"], shown["title"], strict=True)),
    )


def _build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    names = state_names(tables["members"])
    with_exercises = bool(state["ch_ex"])
    items = _items(tables, with_exercises, lang, today)
    shown = filter_items(items, state["ch_cat"], state["ch_states"], state["ch_text"])
    selected = state["item"] if state["item"] in set(shown["item_id"]) else None
    categories = [c for c in CATEGORIES if with_exercises or c != EXERCISE_CATEGORY]
    charts = []
    if len(shown):
        title = t("chronology.chart_title", count=format_number(len(shown)))
        charts.append(
            Chart("chronology_chart", title, chronology_figure(shown, categories, selected), "csto-chronology")
        )
    notes = [t("chronology.hollow_note")] if (~shown["status_code"].isin(["", "held"])).any() else []
    first, last = (shown["date"].min(), shown["date"].max()) if len(shown) else (None, None)
    span = f"{first.year}–{last.year}" if first is not None else ""
    return PageModel(
        page="chronology",
        title=t("nav.chronology"),
        caption=t("chronology.caption", count=len(shown), total=len(items), span=span),
        as_of=span,
        charts=charts,
        metrics=[
            Metric(t("chronology.metric.items"), format_number(len(shown))),
            Metric(t("chronology.metric.span"), span or "—"),
        ],
        tables=[_items_table(shown, names)],
        notes=notes,
        sources=unique_sources(shown["source_url"]),
        names={"ch_cat": {c: category_label(c) for c in CATEGORIES}, "ch_states": names},
        detail=_story(shown, selected, names),
    )


def item_card(items: pd.DataFrame, item_id: str, names: dict[str, str]) -> dict:
    """The facts one item's card shows, as plain strings (the ui escapes them)."""
    row = items[items["item_id"] == item_id].iloc[0]
    end = row["end_date"]
    has_end = end is not None and not pd.isna(end) and end != row["date"]
    return {
        "title": row["title"],
        "kind": row["kind"],
        "category": category_label(row["category"]),
        "status": str(row.get("status") or ""),
        "dates": format_date(row["date"], row["precision"]) + (f" – {format_date(end)}" if has_end else ""),
        "states": ", ".join(names.get(c, c) for c in row["states"]) or "—",
        "note": row["note"],
        "sources": split_sources(row["source_url"]),
    }
