"""Saved views: what each page shows for a given state, rebuilt for briefings and exports (pure).

A view is ``{"page": ..., "title": ..., "caption": ..., "state": {widget key: value}}`` where the
state holds the pages' own option values (ISO codes, ids, ISO dates), never display labels, so a
saved deck survives a change of interface language. Every value is checked and falls back to the
page's default when it does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from components.data.loaders import split_sources
from components.data.schema import BODY_KINDS, EVENT_CATEGORIES, EXERCISE_STATUSES
from components.derive.events import DEFAULT_MILESTONES, MILESTONE_LIMIT, filter_events, spread_sample
from components.derive.exercises import ExerciseFilters, exercise_view, series_order
from components.derive.membership import TREATY_SIGNED, membership_periods, status_changes, status_on, summary_on
from components.derive.org import layered_layout, org_graph, spring_layout
from components.figures.exercises import exercise_map_figure, per_year_figure, series_styles
from components.figures.org import org_figure
from components.figures.timeline import membership_timeline_figure, status_map_figure
from components.i18n.text import format_date, t

# The widget keys whose values make up each page's view.
VIEW_KEYS = {
    "membership": ("asof", "ms", "focus"),
    "structure": ("kinds", "layout", "year", "body"),
    "exercises": (
        "ex_years",
        "ex_series",
        "ex_hosts",
        "ex_participants",
        "ex_status",
        "ex_force",
        "ex_text",
        "exercise",
    ),
}


@dataclass
class ViewContent:
    """What a slide or an export shows for one view."""

    title: str
    caption: str
    as_of: str
    figures: list[tuple[str, go.Figure]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def default_deck(today: date) -> list[dict]:
    """The briefing deck the app ships with: today, over time, organization, last year's training.
    Titles are catalogue keys, so the deck follows the interface language."""
    last_year = today.year - 1
    return [
        {
            "page": "membership",
            "title_key": "deck.today.title",
            "caption_key": "deck.today.caption",
            "state": {"asof": today.isoformat()},
        },
        {
            "page": "membership",
            "title_key": "deck.history.title",
            "caption_key": "deck.history.caption",
            "state": {"ms": list(EVENT_CATEGORIES[:5])},
        },
        {
            "page": "structure",
            "title_key": "deck.structure.title",
            "caption_key": "deck.structure.caption",
            "state": {},
        },
        {
            "page": "exercises",
            "title_key": "deck.exercises.title",
            "caption_key": "deck.exercises.caption",
            "title_values": {"year": last_year},
            "state": {"ex_years": [last_year, last_year]},
        },
    ]  # fmt: skip


def _date(value: object, default: date, low: date, high: date) -> date:
    try:
        parsed = date.fromisoformat(str(value))
    except ValueError:
        return default
    return min(max(parsed, low), high)


def _choices(value: object, allowed: list[str] | tuple[str, ...], default: tuple[str, ...] = ()) -> list[str]:
    values = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
    kept = [str(v) for v in values if str(v) in allowed]
    return kept if kept or not values else list(default)


def _year_range(value: object, low: int, high: int) -> tuple[int, int]:
    try:
        start, end = (int(v) for v in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return low, high
    start, end = max(low, min(start, high)), max(low, min(end, high))
    return (start, end) if start <= end else (end, start)


def _unique_sources(cells: pd.Series) -> list[str]:
    urls: list[str] = []
    for cell in cells:
        urls.extend(u for u in split_sources(cell) if u not in urls)
    return urls


def membership_view(tables: dict[str, pd.DataFrame], state: dict, today: date) -> ViewContent:
    members, membership, events = tables["members"], tables["membership"], tables["events"]
    as_of = _date(state.get("asof"), today, TREATY_SIGNED, today)
    categories = (
        _choices(state.get("ms"), EVENT_CATEGORIES, DEFAULT_MILESTONES) if "ms" in state else list(DEFAULT_MILESTONES)
    )
    focus = state.get("focus") if state.get("focus") in set(membership["state"]) else None
    periods = membership_periods(membership, today)
    milestones = spread_sample(filter_events(events, categories=categories), MILESTONE_LIMIT)
    timeline = membership_timeline_figure(periods, members, milestones, as_of=as_of, today=today, highlight=focus)
    grouped = summary_on(membership, as_of)
    status_map = status_map_figure({c: s for s, codes in grouped.items() for c in codes}, members)
    shown = status_changes(membership)
    shown = shown[shown["date"] <= pd.Timestamp(as_of)]
    if focus:
        shown = shown[shown["state"] == focus]
    return ViewContent(
        title=t("nav.membership"),
        caption=t(
            "view.membership.caption", day=format_date(as_of), members=len(grouped["member"]) + len(grouped["frozen"])
        ),
        as_of=as_of.isoformat(),
        figures=[
            (t("membership.title"), timeline),
            (t("membership.map", day=format_date(as_of)), status_map),
        ],
        sources=_unique_sources(shown["source_url"]),
    )


def structure_view(tables: dict[str, pd.DataFrame], state: dict, today: date) -> ViewContent:
    built = org_graph(tables["bodies"], tables["body_links"])
    graph = built.graph
    kinds = _choices(state.get("kinds"), BODY_KINDS, BODY_KINDS) if "kinds" in state else list(BODY_KINDS)
    layout = "spring" if state.get("layout") == "spring" else "layered"
    try:
        year = max(1992, min(int(state.get("year", today.year)), today.year))
    except (TypeError, ValueError):
        year = today.year
    selected = state.get("body") if state.get("body") in graph else None
    positions = spring_layout(graph) if layout == "spring" else layered_layout(graph)
    figure = org_figure(graph, positions, kinds=kinds, selected=selected, as_of_year=year)
    bodies = tables["bodies"]
    if selected:
        bodies = bodies[bodies["body_id"] == selected]
    return ViewContent(
        title=t("nav.structure"),
        caption=t("view.structure.caption", year=year, count=graph.number_of_nodes()),
        as_of=str(year),
        figures=[(t("structure.title"), figure)],
        sources=_unique_sources(bodies["source_url"]),
    )


def exercises_view(tables: dict[str, pd.DataFrame], state: dict, today: date) -> ViewContent:
    exercises, members = tables["exercises"], tables["members"]
    low = int(exercises["start_date"].dt.year.min()) if len(exercises) else 2002
    high = max(int(exercises["start_date"].dt.year.max()) if len(exercises) else today.year, low + 1)
    states = sorted(set(members["iso3"]))
    filters = ExerciseFilters(
        years=_year_range(state.get("ex_years"), low, high) if "ex_years" in state else (low, high),
        series=_choices(state.get("ex_series"), sorted(set(exercises["series"]))),
        hosts=_choices(state.get("ex_hosts"), states),
        participants=_choices(state.get("ex_participants"), states),
        statuses=_choices(state.get("ex_status"), EXERCISE_STATUSES),
        forces=_choices(state.get("ex_force"), sorted(set(exercises["force"].dropna()))),
        text=str(state.get("ex_text") or "")[:200],
    )
    view = exercise_view(exercises, members, filters, row_limit=1_000)
    styles = series_styles(series_order(exercises))
    selected = state.get("exercise") if state.get("exercise") in set(view.head["exercise_id"]) else None
    figures = [
        (
            t("exercises.title"),
            exercise_map_figure(
                view.points,
                members,
                status_on(tables["membership"], today),
                styles,
                selected=selected,
                largest_personnel=exercises["personnel"].max(),
                cells=view.cells,
            ),
        ),
        (t("exercises.per_year"), per_year_figure(view.years_series, styles, filters.years)),
    ]
    shown = view.head
    return ViewContent(
        title=t("nav.exercises"),
        caption=t("view.exercises.caption", count=view.shown, start=filters.years[0], end=filters.years[1]),
        as_of=f"{filters.years[0]}–{filters.years[1]}",
        figures=figures,
        sources=_unique_sources(shown["source_url"]),
    )


BUILDERS = {"membership": membership_view, "structure": structure_view, "exercises": exercises_view}


def render_view(view: dict, tables: dict[str, pd.DataFrame], today: date) -> ViewContent:
    """Rebuild one saved view; its own title and caption (if any) replace the page's defaults."""
    page = view.get("page") if view.get("page") in BUILDERS else "membership"
    state = view.get("state") if isinstance(view.get("state"), dict) else {}
    content = BUILDERS[page](tables, state, today)
    content.title = view_title(view) or content.title
    content.caption = view_caption(view) or content.caption
    return content


def view_title(view: dict) -> str:
    """A saved view's title: catalogue text (so it follows the language) or what the user gave."""
    if view.get("title_key"):
        return t(view["title_key"], **view.get("title_values", {}))
    return str(view.get("title") or "")[:200]


def view_caption(view: dict) -> str:
    if view.get("caption_key"):
        return t(view["caption_key"], **view.get("title_values", {}))
    return str(view.get("caption") or "")[:600]
