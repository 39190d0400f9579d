"""The Chronology page's items: events and exercises on one line, their filters and story steps (pure).

Columns that a table may not carry yet (``title_ru``, ``name_ru``...) are read defensively, as in
components/derive/participation.py, whose cell readers this module shares.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from components.derive.counting import HELD
from components.derive.participation import EXERCISE_CATEGORY, as_list, involved_states, localized

ITEM_COLUMNS = [
    "item_id", "kind", "date", "precision", "end_date", "title", "category", "status", "states", "note", "source_url",
    "search",
]  # fmt: skip


def chronology_items(
    events: pd.DataFrame, exercises: pd.DataFrame | None, lang: str, exercise_names: pd.Series | None = None
) -> pd.DataFrame:
    """Events (and exercises when given) as one list of dated items, oldest first.

    An exercise is an item of category ``exercise``; its states are hosts and participants.
    ``status`` is the row's own (held, planned, cancelled...): the chart marks what was not held."""
    items = _as_items(
        events,
        ("event", "event_id", "date"),
        lang,
        title=localized(events, "title", lang),
        category=events["category"].astype(str),
        states=events["states"].map(as_list),
        search=_search_text(events, ("title", "title_ru", "note", "note_ru")),
    )
    if exercises is not None and len(exercises):
        names = exercise_names if exercise_names is not None else localized(exercises, "name", lang)
        searched = ("name", "name_ru", "aliases", "location", "location_ru", "note")
        ex_items = _as_items(
            exercises,
            ("exercise", "exercise_id", "start_date"),
            lang,
            title=names.astype(str),
            category=EXERCISE_CATEGORY,
            states=[sorted(involved_states(r)) for r in exercises.to_dict("records")],
            search=_search_text(exercises, searched) + " " + names.astype(str).map(_fold),
        )
        ex_items = ex_items[~ex_items["item_id"].isin(set(items["item_id"]))]
        items = pd.concat([items, ex_items], ignore_index=True)
    items = items[ITEM_COLUMNS].sort_values(["date", "kind", "item_id"], kind="stable")
    return items.reset_index(drop=True)


def _as_items(frame: pd.DataFrame, kind_id_date: tuple[str, str, str], lang: str, **own: object) -> pd.DataFrame:
    """The item columns events and exercises fill the same way (``kind_id_date``: the kind, the id
    column, the date column), with ``own``: the title, category, states and search text."""
    kind, id_column, date_column = kind_id_date
    columns = {
        "item_id": frame[id_column].astype(str),
        "kind": kind,
        "date": frame[date_column],
        "precision": _precision(frame),
        "end_date": frame.get("end_date", pd.NaT),
        "status": _status(frame),
        "note": localized(frame, "note", lang),
        "source_url": frame["source_url"].astype(str),
    }
    return pd.DataFrame(columns | own)


def _search_text(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.Series:
    """The folded text search looks in: the given columns the table has, in both languages."""
    text = pd.Series("", index=frame.index, dtype=object)
    for column in columns:
        if column in frame:
            cells = frame[column].map(lambda v: " ".join(v) if isinstance(v, list) else "" if pd.isna(v) else str(v))
            text = text + " " + cells
    return text.map(_fold)


def _status(frame: pd.DataFrame) -> pd.Series:
    if "status" not in frame:
        return pd.Series(HELD, index=frame.index)
    return frame["status"].astype(object).where(frame["status"].notna(), HELD).astype(str)


def _precision(frame: pd.DataFrame) -> pd.Series:
    if "date_precision" not in frame:
        return pd.Series("day", index=frame.index)
    return frame["date_precision"].astype(object).where(frame["date_precision"].notna(), "day").astype(str)


def filter_items(
    items: pd.DataFrame, categories: Collection[str] = (), states: Collection[str] = (), text: str = ""
) -> pd.DataFrame:
    """Items matching every filter: any of ``categories``, involving any of ``states``, and every
    word of ``text`` in the title or note (both languages where the data has them; case- and
    ё-insensitive)."""
    keep = pd.Series(True, index=items.index)
    if categories:
        keep &= items["category"].isin(set(categories))
    if states:
        wanted = set(states)
        keep &= items["states"].map(lambda codes: bool(wanted.intersection(codes)))
    for word in _fold(text).split():
        keep &= items["search"].str.contains(word, regex=False)
    return items[keep]


def _fold(text: str) -> str:
    return str(text).casefold().replace("ё", "е")


def step_item(ids: list[str], current: str | None, step: int) -> str | None:
    """The item ``step`` places from ``current`` in ``ids`` (story mode), clamped to the ends;
    with no current item, Next starts at the first and Previous at the last."""
    if not ids:
        return None
    if current not in ids:
        return ids[0] if step >= 0 else ids[-1]
    position = min(max(ids.index(current) + step, 0), len(ids) - 1)
    return ids[position]
