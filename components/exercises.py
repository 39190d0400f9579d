"""Exercise filters, map points and figures (pure: DataFrames in, DataFrames or figures out)."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.data import split_sources
from components.names import exercise_names, state_names
from components.style import INK, OKABE_ITO, base_layout, styled_geo
from components.text import esc, format_date, t

SERIES_STYLE_ORDER = [
    (OKABE_ITO["blue"], "circle"),
    (OKABE_ITO["vermillion"], "square"),
    (OKABE_ITO["bluish_green"], "diamond"),
    (OKABE_ITO["orange"], "triangle-up"),
    (OKABE_ITO["reddish_purple"], "pentagon"),
    (OKABE_ITO["sky_blue"], "hexagon"),
    (OKABE_ITO["black"], "star"),
    ("#8C6D31", "triangle-down"),
    (OKABE_ITO["grey"], "hourglass"),
]
UNKNOWN_SIZE = 9
MIN_SIZE, MAX_SIZE = 11, 42
RING_RADIUS_DEG = 0.45  # exercises at the same point are spread on a small ring around it
RING_CAPACITY = 8
MAX_RINGS = 3
APPROXIMATE = ("town", "region", "country")
# Above this many exercises the map draws one marker per cell and series instead (said on screen):
# one marker each would send megabytes to the browser and take seconds to draw.
MAP_POINT_LIMIT = 1_500
AGGREGATE_CELL_DEG = 1.0


@dataclass(frozen=True)
class ExerciseFilters:
    """Everything the user can narrow the exercises by; empty means 'all' (hashable, so it can key
    a cache: pass tuples)."""

    years: tuple[int, int] | None = None
    series: Collection[str] = ()
    hosts: Collection[str] = ()
    participants: Collection[str] = ()
    statuses: Collection[str] = ()
    forces: Collection[str] = ()
    text: str = ""


def search_text(exercises: pd.DataFrame) -> pd.Series:
    """The lower-cased text free-text search looks in: name, series, aliases and location."""
    return (
        exercises["name"].astype(str)
        + " "
        + exercises["series"].astype(str)
        + " "
        + exercises["aliases"].map(" ".join)
        + " "
        + exercises["location"].fillna("").astype(str)
    ).map(normalise_search)


def normalise_search(text: str) -> str:
    """Case- and ё-insensitive text for search (Объединённый finds Объединенный)."""
    return str(text).casefold().replace("ё", "е")


def filter_exercises(exercises: pd.DataFrame, filters: ExerciseFilters) -> pd.DataFrame:
    """Exercises matching every filter at once (empty filters match everything), oldest first."""
    keep = pd.Series(True, index=exercises.index)
    if filters.years is not None:
        keep &= exercises["start_date"].dt.year.between(*filters.years)
    if filters.series:
        keep &= exercises["series"].isin(set(filters.series))
    if filters.hosts:
        wanted_hosts = set(filters.hosts)
        keep &= exercises["host_states"].map(lambda codes: bool(wanted_hosts.intersection(codes)))
    if filters.participants:
        wanted = set(filters.participants)
        keep &= exercises["participants"].map(lambda codes: bool(wanted.intersection(codes)))
    if filters.statuses:
        keep &= exercises["status"].astype(str).isin(set(filters.statuses))
    if filters.forces:
        keep &= exercises["force"].isin(set(filters.forces))
    words = normalise_search(filters.text).split()
    if words:
        haystack = search_text(exercises)
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    kept = exercises[keep]
    if kept["start_date"].is_monotonic_increasing:
        return kept
    return kept.sort_values(["start_date", "exercise_id"], kind="stable")


def series_styles(series: Collection[str]) -> dict[str, tuple[str, str]]:
    """(colour, symbol) per series: most frequent series first; a series keeps its style across
    filters because the order depends on the full list passed in, not the filtered one."""
    ordered = list(dict.fromkeys(series))
    return {name: SERIES_STYLE_ORDER[min(i, len(SERIES_STYLE_ORDER) - 1)] for i, name in enumerate(ordered)}


def _group_by_style(styles: dict[str, tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """Series that share a style (the rarest ones) become one legend entry."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for series, style in styles.items():
        grouped.setdefault(style, []).append(series)
    return grouped


def series_order(exercises: pd.DataFrame) -> list[str]:
    counts = exercises["series"].value_counts()
    return sorted(counts.index, key=lambda s: (s == "Other", -counts[s], s))


def map_points(exercises: pd.DataFrame, members: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Where to draw each exercise, and which cannot be drawn.

    Rows without coordinates but with exactly one host are drawn at that host's capital with
    precision ``country`` (said in the hover); the rest are returned as not mappable. Exercises
    sharing one point are spread on a small ring so that each stays visible and clickable.

    Returns:
        (points, unmapped): points adds ``plot_lat``, ``plot_lon``, ``plot_precision``,
        ``at_capital`` and ``shared`` (how many exercises share the original point).
    """
    capitals = members.set_index("iso3")[["capital_lat", "capital_lon"]].astype(float)
    lat = exercises["latitude"].astype(float)
    lon = exercises["longitude"].astype(float)
    missing = lat.isna() | lon.isna()
    capital_lat = pd.Series(np.nan, index=exercises.index)
    capital_lon = pd.Series(np.nan, index=exercises.index)
    if missing.any():
        single_host = exercises.loc[missing, "host_states"].map(lambda hosts: hosts[0] if len(hosts) == 1 else None)
        capital_lat[missing] = single_host.map(capitals["capital_lat"].to_dict()).astype(float)
        capital_lon[missing] = single_host.map(capitals["capital_lon"].to_dict()).astype(float)
    at_capital = missing & capital_lat.notna() & capital_lon.notna()
    drawable = ~missing | at_capital
    points = exercises[drawable].assign(
        plot_lat=lat.where(~at_capital, capital_lat)[drawable],
        plot_lon=lon.where(~at_capital, capital_lon)[drawable],
        plot_precision=exercises["location_precision"]
        .astype(object)
        .where(~at_capital, "country")[drawable]
        .fillna("country")
        .astype(str),
        at_capital=at_capital[drawable],
    )
    points["base_lat"], points["base_lon"] = points["plot_lat"], points["plot_lon"]
    key = [points["plot_lat"].round(3), points["plot_lon"].round(3)]
    points["shared"] = points.groupby(key)["plot_lat"].transform("size").astype(int)
    index = points.groupby(key).cumcount().to_numpy()
    count = points["shared"].to_numpy()
    ring = np.minimum(index // RING_CAPACITY, MAX_RINGS - 1)
    on_ring = np.minimum(count - ring * RING_CAPACITY, RING_CAPACITY).clip(min=1)  # the outer ring may overlap
    angle = 2 * np.pi * (index % RING_CAPACITY) / on_ring
    radius = np.where(count > 1, RING_RADIUS_DEG * (1 + ring), 0.0)
    points["plot_lat"] = points["plot_lat"].to_numpy() + radius * np.sin(angle)
    points["plot_lon"] = points["plot_lon"].to_numpy() + radius * np.cos(angle)
    return points.reset_index(drop=True), exercises[~drawable].reset_index(drop=True)


def aggregate_points(points: pd.DataFrame, cell_degrees: float = AGGREGATE_CELL_DEG) -> pd.DataFrame:
    """Too many exercises to draw one by one: one marker per map cell and series, with a count.

    Returns columns: series, plot_lat, plot_lon (cell mean), count, first_year, last_year,
    approximate (any location in the cell known only approximately), example (one name).
    """
    cells = points.assign(
        cell_lat=(points["base_lat"] / cell_degrees).round(),
        cell_lon=(points["base_lon"] / cell_degrees).round(),
        year=points["start_date"].dt.year,
        approximate=points["plot_precision"].isin(APPROXIMATE),
    )
    grouped = cells.groupby(["series", "cell_lat", "cell_lon"], sort=True)
    return grouped.agg(
        plot_lat=("base_lat", "mean"),
        plot_lon=("base_lon", "mean"),
        count=("exercise_id", "size"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        approximate=("approximate", "any"),
        example=("display_name" if "display_name" in points else "name", "first"),
    ).reset_index()


def marker_size(personnel: float | None, largest: float) -> float:
    """Area proportional to reported personnel; unknown personnel gets a fixed small size."""
    if personnel is None or pd.isna(personnel) or largest <= 0:
        return UNKNOWN_SIZE
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(float(personnel) / largest)


def _dates(row: dict) -> str:
    start, end = row["start_date"], row["end_date"]
    precision = row["date_precision"]
    if precision in ("year", "month"):
        return f"{format_date(start, precision)} ({t('precision.' + precision)})"
    if pd.isna(end) or end == start:
        return format_date(start)
    return f"{format_date(start)} – {format_date(end)}"


def exercise_hover(row: dict, names: dict[str, str]) -> str:
    """Hover text: name, dates, location and precision, host, participants, personnel, source."""
    precision = t(f"exercises.precision.{row['plot_precision']}")
    if row.get("at_capital"):
        precision = t("exercises.at_capital")
    personnel = (
        t("exercises.personnel_value", value=f"{int(row['personnel']):,}")
        if pd.notna(row["personnel"])
        else t("exercises.personnel_unknown")
    )
    sources = [esc(url) for url in split_sources(row["source_url"])]
    return "<br>".join(
        [
            f"<b>{esc(row.get('display_name') or row['name'])}</b> · {t('status_ex.' + str(row['status']))}",
            _dates(row),
            f"{esc(_clip(str(row['location'] or '')))} ({precision})",
            t("exercises.hover.hosts", names=", ".join(names.get(c, c) for c in row["host_states"]) or "—"),
            t(
                "exercises.hover.participants",
                names=_clip(", ".join(names.get(c, c) for c in row["participants"]) or "—"),
            ),
            personnel,
            t(
                "timeline.source",
                source=(sources[0] if sources else "") + (f" (+{len(sources) - 1})" if len(sources) > 1 else ""),
            ),
        ]
    )


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def exercise_map_figure(
    points: pd.DataFrame,
    members: pd.DataFrame,
    member_status: dict[str, str],
    styles: dict[str, tuple[str, str]],
    *,
    selected: str | None = None,
    largest_personnel: float | None = None,
    height: int = 640,
    cells: pd.DataFrame | None = None,
    series_labels: dict[str, str] | None = None,
    focus_state: str | None = None,
) -> go.Figure:
    """Member states shaded, one marker per exercise: colour+symbol by series, size by personnel,
    hollow when the location is approximate (town, region or country)."""
    names = {code: esc(name) for code, name in state_names(members).items()}
    fig = go.Figure()
    shaded = {code: status for code, status in member_status.items() if status in ("member", "frozen", "suspended")}
    if shaded:
        fig.add_trace(
            go.Choropleth(
                locations=list(shaded),
                z=[1] * len(shaded),
                colorscale=[[0, "#DCE9F5"], [1, "#DCE9F5"]],
                showscale=False,
                marker_line_color="#7A8CA5",
                marker_line_width=0.8,
                hovertext=[f"{names.get(c, c)} — {t('status.' + s)}" for c, s in shaded.items()],
                hoverinfo="text",
                name=t("exercises.legend.members"),
                showlegend=True,
            )
        )
    largest = largest_personnel if largest_personnel is not None else (points["personnel"].max() if len(points) else 0)
    largest = 0 if pd.isna(largest) else float(largest)
    aggregated = cells if cells is not None else (aggregate_points(points) if len(points) > MAP_POINT_LIMIT else None)
    for style, members_of_style in _group_by_style(styles).items():
        shown_names = [(series_labels or {}).get(name, name) for name in members_of_style]
        label = (
            esc(shown_names[0])
            if len(shown_names) == 1
            else t("exercises.legend.other_series", names=esc(", ".join(shown_names)))
        )
        if aggregated is not None:
            _add_aggregated_trace(fig, aggregated[aggregated["series"].isin(members_of_style)], style, label)
        else:
            _add_exercise_trace(
                fig,
                points[points["series"].isin(members_of_style)],
                style,
                label,
                names,
                selected,
                largest,
                focus_state,
            )
    encoding = [
        (t("exercises.legend.exact"), "circle", 14),
        (t("exercises.legend.approximate"), "circle-open", 14),
        (t("exercises.legend.unknown_personnel"), "circle", UNKNOWN_SIZE),
    ]
    for index, (name, symbol, size) in enumerate(encoding):
        fig.add_trace(
            go.Scattergeo(
                lat=[None],
                lon=[None],
                mode="markers",
                name=name,
                legendgroup="encoding",
                legendgrouptitle={"text": t("exercises.legend.encoding")} if index == 0 else None,
                marker={"symbol": symbol, "size": size, "color": "#555555", "line": {"width": 2, "color": "#555555"}},
            )
        )
    styled_geo(fig)
    # A conic projection suits this wide, mid-latitude region better than a world projection.
    fig.update_geos(
        projection={"type": "conic equal area", "rotation": {"lon": 60}, "parallels": [40, 55]},
        lonaxis_range=[22, 92],
        lataxis_range=[34, 60],
    )
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 0,
            "y": -0.01,
            "yanchor": "top",
            "font": {"size": 13},
            "itemsizing": "constant",
        },
        clickmode="event+select",
        dragmode="pan",
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
    )
    return fig


def _add_exercise_trace(
    fig: go.Figure,
    subset: pd.DataFrame,
    style: tuple[str, str],
    label: str,
    names: dict[str, str],
    selected: str | None,
    largest: float,
    focus_state: str | None = None,
) -> None:
    """One marker per exercise: clickable, sized by personnel, hollow when approximate; with a
    state in focus, exercises it neither hosted nor took part in are faded."""
    if subset.empty:
        return
    colour, symbol = style
    records = subset.to_dict("records")
    approximate = [r["plot_precision"] in APPROXIMATE for r in records]
    chosen = [r["exercise_id"] == selected for r in records]
    fig.add_trace(
        go.Scattergeo(
            lat=subset["plot_lat"],
            lon=subset["plot_lon"],
            mode="markers",
            name=label,
            legendgroup=label,
            marker={
                "symbol": [f"{symbol}-open" if a else symbol for a in approximate],
                "size": [marker_size(r["personnel"], largest) for r in records],
                "color": colour,
                "opacity": [
                    0.35
                    if (selected and not c)
                    or (focus_state and focus_state not in r["host_states"] and focus_state not in r["participants"])
                    else 1.0
                    for r, c in zip(records, chosen, strict=True)
                ],
                "line": {
                    "width": [3 if c else (2.5 if a else 1) for c, a in zip(chosen, approximate, strict=True)],
                    "color": [INK if c else colour for c in chosen],
                },
            },
            customdata=[[r["exercise_id"]] for r in records],
            hovertext=[exercise_hover(r, names) for r in records],
            hoverinfo="text",
        )
    )


def _add_aggregated_trace(fig: go.Figure, cells: pd.DataFrame, style: tuple[str, str], label: str) -> None:
    """One marker per map cell and series, area by count (used above MAP_POINT_LIMIT)."""
    if cells.empty:
        return
    colour, symbol = style
    largest = float(cells["count"].max())
    fig.add_trace(
        go.Scattergeo(
            lat=cells["plot_lat"],
            lon=cells["plot_lon"],
            mode="markers",
            name=label,
            legendgroup=label,
            marker={
                "symbol": [f"{symbol}-open" if a else symbol for a in cells["approximate"]],
                "size": [MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(c / largest) for c in cells["count"]],
                "color": colour,
                "line": {"width": 2, "color": colour},
            },
            hovertext=[
                t(
                    "exercises.aggregate_hover",
                    count=int(row.count),
                    series=label,
                    first=int(row.first_year),
                    last=int(row.last_year),
                    example=esc(row.example),
                )
                for row in cells.itertuples()
            ],
            hoverinfo="text",
        )
    )


def per_year_figure(
    exercises: pd.DataFrame,
    styles: dict[str, tuple[str, str]],
    years: tuple[int, int] | None = None,
    series_labels: dict[str, str] | None = None,
    focus_state: str | None = None,
) -> go.Figure:
    """Stacked bars: exercises per year by series (patterns double the colours)."""
    fig = go.Figure()
    counts = exercises.assign(year=exercises["start_date"].dt.year).groupby(["year", "series"]).size()
    span = years or (
        (int(exercises["start_date"].dt.year.min()), int(exercises["start_date"].dt.year.max()))
        if len(exercises)
        else (2004, 2025)
    )
    all_years = list(range(span[0], span[1] + 1))
    patterns = ["", "/", ".", "x", "-", "|", "+", "\\", ""]
    for index, (series, (colour, _)) in enumerate(styles.items()):
        values = [int(counts.get((year, series), 0)) for year in all_years]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                x=all_years,
                y=values,
                name=esc((series_labels or {}).get(series, series)),
                legendgroup=series,
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": patterns[index % len(patterns)],
                        "fgcolor": "white",
                        "solidity": 0.3,
                        "fillmode": "overlay",
                    },
                },
                hovertemplate="%{x}: %{y} · " + esc((series_labels or {}).get(series, series)) + "<extra></extra>",
            )
        )
    fig.update_layout(**base_layout(height=340))
    fig.update_layout(
        barmode="stack",
        showlegend=False,
        yaxis={"title": t("exercises.per_year_axis"), "dtick": 1 if len(exercises) < 40 else None},
        xaxis={"dtick": 2, "tickformat": "d"},
        dragmode=False,
    )
    return fig


def headline_counts(exercises: pd.DataFrame) -> dict[str, int]:
    """Counts for the linked headline: exercises, host states, participating states, personnel."""
    hosts = set().union(*exercises["host_states"])
    participants = set().union(*exercises["participants"])
    return {
        "exercises": len(exercises),
        "hosts": len(hosts),
        "participants": len(participants),
        "personnel": int(exercises["personnel"].fillna(0).sum()),
        "with_personnel": int(exercises["personnel"].notna().sum()),
    }


@dataclass
class ExerciseView:
    """Everything the Exercise map page draws for one set of filters, already reduced in size:
    at most MAP_POINT_LIMIT points (or aggregated cells) and ``row_limit`` table rows."""

    shown: int
    counts: dict[str, int]
    points: pd.DataFrame
    cells: pd.DataFrame | None
    unmapped: int
    unmapped_names: list[str]
    years_series: pd.DataFrame
    head: pd.DataFrame


def exercise_view(
    exercises: pd.DataFrame, members: pd.DataFrame, filters: ExerciseFilters, row_limit: int
) -> ExerciseView:
    """Filter once and reduce every output to what the browser needs (aggregating the map above
    MAP_POINT_LIMIT exercises), so that the result is small enough to cache and to send."""
    shown = filter_exercises(exercises, filters)
    shown = shown.assign(display_name=exercise_names(shown))
    points, unmapped = map_points(shown, members)
    cells = aggregate_points(points) if len(points) > MAP_POINT_LIMIT else None
    return ExerciseView(
        shown=len(shown),
        counts=headline_counts(shown),
        points=points.iloc[0:0] if cells is not None else points,
        cells=cells,
        unmapped=len(unmapped),
        unmapped_names=unmapped["display_name"].head(12).tolist(),
        years_series=shown[["start_date", "series"]],
        head=shown.head(row_limit),
    )
