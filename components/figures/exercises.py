"""Exercise map and per-year figures (pure: DataFrames in, plotly figures out)."""

from __future__ import annotations

import math
from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go

from components.data.loaders import split_sources
from components.derive.exercises import APPROXIMATE, MAP_POINT_LIMIT, aggregate_points
from components.figures.style import INK, OKABE_ITO, base_layout, styled_geo
from components.i18n.names import state_names
from components.i18n.text import esc, format_date, t

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
