"""Exercise filters, map points and figures (pure: DataFrames in, DataFrames or figures out)."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from components.data import split_sources
from components.style import INK, OKABE_ITO, base_layout, styled_geo
from components.text import esc, t

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
APPROXIMATE = ("town", "region", "country")


@dataclass(frozen=True)
class ExerciseFilters:
    """Everything the user can narrow the exercises by; empty means 'all'."""

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
    ).str.casefold()


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
    words = filters.text.casefold().split()
    if words:
        haystack = search_text(exercises)
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    return exercises[keep].sort_values(["start_date", "exercise_id"], kind="stable")


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
    capitals = members.set_index("iso3")[["capital_lat", "capital_lon"]]
    rows, unmapped = [], []
    for record in exercises.to_dict("records"):
        lat, lon, precision, at_capital = record["latitude"], record["longitude"], record["location_precision"], False
        if pd.isna(lat) or pd.isna(lon):
            hosts = record["host_states"]
            if len(hosts) == 1 and hosts[0] in capitals.index and pd.notna(capitals.loc[hosts[0], "capital_lat"]):
                lat, lon = capitals.loc[hosts[0], "capital_lat"], capitals.loc[hosts[0], "capital_lon"]
                precision, at_capital = "country", True
            else:
                unmapped.append(record)
                continue
        rows.append(
            {
                **record,
                "plot_lat": float(lat),
                "plot_lon": float(lon),
                "plot_precision": str(precision or "country"),
                "at_capital": at_capital,
            }
        )
    points = pd.DataFrame(rows, columns=[*exercises.columns, "plot_lat", "plot_lon", "plot_precision", "at_capital"])
    if not points.empty:
        key = points["plot_lat"].round(3).astype(str) + "," + points["plot_lon"].round(3).astype(str)
        points["shared"] = key.map(key.value_counts())
        offsets = [ring_offset(i, n) for i, n in zip(points.groupby(key).cumcount(), points["shared"], strict=True)]
        points["plot_lat"] += [dy for _, dy in offsets]
        points["plot_lon"] += [dx for dx, _ in offsets]
    else:
        points["shared"] = pd.Series(dtype=int)
    return points, pd.DataFrame(unmapped, columns=exercises.columns)


def ring_offset(index: int, count: int) -> tuple[float, float]:
    """(dlon, dlat) for the index-th of ``count`` markers at one point: none when alone."""
    if count <= 1:
        return 0.0, 0.0
    ring = index // RING_CAPACITY
    on_ring = min(count - ring * RING_CAPACITY, RING_CAPACITY)
    angle = 2 * math.pi * (index % RING_CAPACITY) / on_ring
    radius = RING_RADIUS_DEG * (1 + ring)
    return radius * math.cos(angle), radius * math.sin(angle)


def marker_size(personnel: float | None, largest: float) -> float:
    """Area proportional to reported personnel; unknown personnel gets a fixed small size."""
    if personnel is None or pd.isna(personnel) or largest <= 0:
        return UNKNOWN_SIZE
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(float(personnel) / largest)


def _dates(row: dict) -> str:
    start, end = row["start_date"], row["end_date"]
    precision = row["date_precision"]
    if precision == "year":
        return f"{start.year} ({t('precision.year')})"
    if precision == "month":
        return f"{start:%B %Y} ({t('precision.month')})"
    if pd.isna(end) or end == start:
        return f"{start:%-d %B %Y}"
    return f"{start:%-d %b} – {end:%-d %b %Y}"


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
            f"<b>{esc(row['name'])}</b> · {t('status_ex.' + str(row['status']))}",
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
) -> go.Figure:
    """Member states shaded, one marker per exercise: colour+symbol by series, size by personnel,
    hollow when the location is approximate (town, region or country)."""
    names = {
        code: esc(name) for code, name in zip(members["iso3"].astype(str), members["name_en"].astype(str), strict=True)
    }
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
    for style, members_of_style in _group_by_style(styles).items():
        colour, symbol = style
        subset = points[points["series"].isin(members_of_style)]
        if subset.empty:
            continue
        records = subset.to_dict("records")
        approximate = [r["plot_precision"] in APPROXIMATE for r in records]
        chosen = [r["exercise_id"] == selected for r in records]
        label = (
            esc(members_of_style[0])
            if len(members_of_style) == 1
            else t("exercises.legend.other_series", names=esc(", ".join(members_of_style)))
        )
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
                    "opacity": [1.0 if not selected or c else 0.35 for c in chosen],
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
    styled_geo(fig, resolution=50)
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


def per_year_figure(
    exercises: pd.DataFrame, styles: dict[str, tuple[str, str]], years: tuple[int, int] | None = None
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
                name=esc(series),
                legendgroup=series,
                marker={
                    "color": colour,
                    "pattern": {"shape": patterns[index % len(patterns)], "fgcolor": "white", "solidity": 0.3},
                },
                hovertemplate="%{x}: %{y} · " + esc(series) + "<extra></extra>",
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
    hosts = {code for codes in exercises["host_states"] for code in codes}
    participants = {code for codes in exercises["participants"] for code in codes}
    return {
        "exercises": len(exercises),
        "hosts": len(hosts),
        "participants": len(participants),
        "personnel": int(exercises["personnel"].fillna(0).sum()),
        "with_personnel": int(exercises["personnel"].notna().sum()),
    }
