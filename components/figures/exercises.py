"""Exercise map and per-year figures (pure: DataFrames in, plotly figures out)."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from components.data.loaders import split_sources
from components.derive.exercises import APPROXIMATE, MAP_POINT_LIMIT, aggregate_points, map_view_range
from components.figures.style import INK, OKABE_ITO, base_layout, paper_note, styled_geo, wrapped, year_axis
from components.i18n.names import exercise_names, localized, state_names
from components.i18n.text import current_language, esc, format_date, format_number, t

SERIES_STYLE_ORDER = [
    (OKABE_ITO["blue"], "circle"),
    (OKABE_ITO["vermillion"], "square"),
    (OKABE_ITO["bluish_green"], "diamond"),
    (OKABE_ITO["orange"], "triangle-up"),
    (OKABE_ITO["reddish_purple"], "pentagon"),
    (OKABE_ITO["sky_blue"], "hexagon"),
    (OKABE_ITO["black"], "star"),
    # A dark brown: the earlier ochre #8C6D31 came within ΔE 6 of the vermillion under protanopia
    # (tests/test_a11y_palettes.py asks at least 10 under every simulated colour-vision deficiency).
    ("#552200", "triangle-down"),
    (OKABE_ITO["grey"], "hourglass"),
]


UNKNOWN_SIZE = 9
PLACE_LABELS_UP_TO = 3  # a map of this few places names them
PLACE_LABEL_WRAP = 28  # characters a line: a place's name in two or three short lines, not one long one
# A map of a few places also names the states around them, at their capitals (members.csv): it
# reaches at least to the nearest capital, this many degrees past it; a name goes above its capital
# (a place's name hangs under its marker) and is left out where it would touch a place's marker or
# name, or another state's name, on the narrowest map (a phone's) at a slide's type.
SURROUNDING_PAD_DEG = 2.0
SURROUNDING_MAP_PX = (360, 440)
LABEL_CHAR_PX = 12  # a Cyrillic letter at a slide's 20-px type
LABEL_LINE_PX = 22
SURROUNDING_INK = "#4B5563"


MIN_SIZE, MAX_SIZE = 11, 42


_YEAR_SUFFIX = re.compile(r"\s*[-–]\s*\d{4}\s*$")


def series_display_names(
    exercises: pd.DataFrame, series_labels: dict[str, str] | None = None, lang: str | None = None
) -> dict[str, str]:
    """One name per series, the one its exercises carry: "Grom" (rows say Grom-2019), not
    "Thunder"; "Indestructible Brotherhood", not "Unbreakable Brotherhood". A series name that
    already contains its exercises' name is kept ("Rubezh (Frontier)" for Rubezh-2023); the
    catch-all series is "Other" in the language. ``series_labels`` (e.g. ``series_names``) are the
    names to start from; the exercises' names are ``display_name`` when present."""
    names = exercises["display_name"].astype(str) if "display_name" in exercises else exercise_names(exercises, lang)
    result = {}
    for series, group in names.groupby(exercises["series"].astype(str), sort=True):
        label = (series_labels or {}).get(series, series)
        if series == "Other":
            result[series] = t("exercises.series_other", lang)
            continue
        stems = group.map(lambda name: _YEAR_SUFFIX.sub("", name).strip())
        stem = str(stems.mode().iloc[0]) if len(stems) else label
        result[series] = label if (not stem or stem.casefold() in label.casefold()) else stem
    return result


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
        t("exercises.personnel_value", value=format_number(int(row["personnel"])))
        if pd.notna(row["personnel"])
        else t("exercises.personnel_unknown")
    )
    sources = [esc(url) for url in split_sources(row["source_url"])]
    return "<br>".join(
        [
            f"<b>{esc(row.get('display_name') or row['name'])}</b> · "
            + esc(row.get("status_label") or t("status_ex." + str(row["status"]))),
            _dates(row),
            f"{esc(_clip(_location(row)))} ({precision})",
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


def _location(row: dict) -> str:
    """The location in the interface language (``location_ru`` in Russian where the data has it)."""
    russian = row.get("location_ru")
    if current_language() == "ru" and isinstance(russian, str) and russian.strip():
        return russian
    location = row.get("location")
    return location if isinstance(location, str) else ""


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Status styling on the map: announced and planned exercises are paler with a "–" or a "+" over
# them, cancelled ones grey with a "×" over them (colour alone would not tell them apart). Only held
# exercises are drawn plain.
STATUS_OVERLAY = {"announced": "line-ew-open", "planned": "cross-thin-open", "cancelled": "x-thin-open"}
PALER = ("announced", "planned")
CANCELLED_COLOUR = "#9A9A9A"
PLANNED_OPACITY = 0.5
SIZE_KEY_PERSONNEL = (1_000, 5_000, 10_000)
MAP_TOP_MARGIN = 78  # what ``with_title_and_source`` gives a one-line title: the plot keeps its height
SIZE_KEY_BAND = 76
LEGEND_ROW = 25


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
    fit_view: bool = True,
    map_height: int | None = None,
) -> go.Figure:
    """Member states shaded, one marker per exercise: colour+symbol by series, size by personnel,
    hollow when the location is approximate (town, region or country); planned exercises paler
    with a "+", cancelled ones grey with a "×". A key below the map shows reference bubbles for
    1,000 / 5,000 / 10,000 personnel, drawn at the size the map uses. A map of one to three places
    names them and the states around them.

    Args:
        fit_view: fit the view to the shown markers (a filtered map); False: the region view (the
            unfiltered map). The range used is in ``layout.geo.lonaxis.range``/``lataxis.range``.
        height: the whole figure; ``map_height``, when given, is the map's own height instead and
            the figure grows by the legend and key below it.
    """
    names = {code: esc(name) for code, name in state_names(members).items()}
    fig = go.Figure()
    legend_names = _shade_members(fig, member_status, names)
    largest = largest_personnel if largest_personnel is not None else (points["personnel"].max() if len(points) else 0)
    largest = 0 if pd.isna(largest) else float(largest)
    if series_labels is None and len(points):
        series_labels = series_display_names(points)  # the names the exercises themselves carry
    aggregated = cells if cells is not None else (aggregate_points(points) if len(points) > MAP_POINT_LIMIT else None)
    marks = _MarkContext(names, selected, largest, focus_state)
    legend_names += _add_series(fig, points, aggregated, styles, series_labels or {}, marks)
    view = map_view_range(points if aggregated is None else aggregated, fit=fit_view)
    if aggregated is None:
        places = _place_labels(points)
        if places is not None:
            view = _with_nearest_capital(view, places, members)
            _add_surroundings(fig, members, view, places)
            _add_place_label_trace(fig, places)
    statuses = set(points["status"].astype(str)) if aggregated is None and "status" in points else set()
    encoding = _add_encoding_legend(fig, statuses)
    _map_view(fig, *view)
    key = aggregated is None and largest > 0
    _map_layout(fig, legend_names, len(encoding), key, height, map_height, largest)
    return fig


class _MarkContext(NamedTuple):
    """What every exercise marker needs beside its row: state names, the selection, the largest
    personnel figure (for sizes) and the state in focus."""

    names: dict[str, str]
    selected: str | None
    largest: float
    focus_state: str | None


def _shade_members(fig: go.Figure, member_status: dict[str, str], names: dict[str, str]) -> list[str]:
    """Today's member states shaded (one choropleth); returns its legend name, if drawn."""
    shaded = {code: status for code, status in member_status.items() if status in ("member", "frozen", "suspended")}
    if not shaded:
        return []
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
    return [t("exercises.legend.members")]


def _add_series(
    fig: go.Figure,
    points: pd.DataFrame,
    aggregated: pd.DataFrame | None,
    styles: dict[str, tuple[str, str]],
    series_labels: dict[str, str],
    marks: _MarkContext,
) -> list[str]:
    """One marker trace and one legend entry per series style, then the status marks of all series
    in one trace on top. Returns the legend names drawn."""
    legend_names = []
    overlays = []
    for style, members_of_style in _group_by_style(styles).items():
        shown_names = [series_labels.get(name, name) for name in members_of_style]
        label = (
            esc(shown_names[0])
            if len(shown_names) == 1
            else t("exercises.legend.other_series", names=esc(", ".join(shown_names)))
        )
        label = wrapped(label, MAP_LEGEND_WRAP)  # a long entry takes lines, not the next column
        if aggregated is not None:
            drawn = _add_aggregated_trace(fig, aggregated[aggregated["series"].isin(members_of_style)], style, label)
        else:
            drawn = _add_exercise_trace(fig, points[points["series"].isin(members_of_style)], style, label, marks)
            overlays += drawn if isinstance(drawn, list) else []
        if drawn is not False:
            fig.add_trace(_legend_marker(label, style))
            legend_names.append(label)
    if overlays:
        fig.add_trace(_overlay_trace(overlays))
    return legend_names


def _legend_marker(label: str, style: tuple[str, str]) -> go.Scattergeo:
    """The series' own legend entry, at one size: the drawn trace's sizes vary with personnel."""
    colour, symbol = style
    return go.Scattergeo(
        lat=[None],
        lon=[None],
        mode="markers",
        name=label,
        legendgroup=label,
        marker={"symbol": symbol, "size": 13, "color": colour, "line": {"width": 1, "color": colour}},
    )


def _add_encoding_legend(fig: go.Figure, statuses: set[str]) -> list[str]:
    """The titled "how to read the markers" legend group (legend-only entries); returns its names."""
    encoding = [
        (t("exercises.legend.exact"), "circle", 13, "#555555", None),
        (t("exercises.legend.approximate"), "circle-open", 13, "#555555", None),
        (t("exercises.legend.unknown_personnel"), "circle", UNKNOWN_SIZE, "#555555", None),
    ]
    encoding += [
        (t(f"exercises.legend.{status}"), "circle", 13, CANCELLED_COLOUR if status == "cancelled" else "#555555", mark)
        for status, mark in STATUS_OVERLAY.items()
        if status in statuses
    ]
    for index, (name, symbol, size, colour, overlay) in enumerate(encoding):
        fig.add_trace(
            go.Scattergeo(
                lat=[None],
                lon=[None],
                mode="markers",
                name=name,
                legendgroup="encoding",
                legendgrouptitle={"text": t("exercises.legend.encoding")} if index == 0 else None,
                marker={
                    "symbol": overlay or symbol,
                    "size": size,
                    "color": "#111111" if overlay else colour,
                    "opacity": PLANNED_OPACITY if overlay in (STATUS_OVERLAY[s] for s in PALER) else 1.0,
                    "line": {"width": 2, "color": "#111111" if overlay else colour},
                },
            )
        )
    return [name for name, *_ in encoding]


def _map_view(fig: go.Figure, lon_range: tuple[float, float], lat_range: tuple[float, float]) -> None:
    """Local outlines, and a conic projection centred on the view: it suits this wide,
    mid-latitude region better than a world projection."""
    styled_geo(fig)
    lat_span = lat_range[1] - lat_range[0]
    fig.update_geos(
        projection={
            "type": "conic equal area",
            "rotation": {"lon": round((lon_range[0] + lon_range[1]) / 2, 3)},
            "parallels": [round(lat_range[0] + lat_span / 3, 3), round(lat_range[0] + 2 * lat_span / 3, 3)],
        },
        lonaxis_range=list(lon_range),
        lataxis_range=list(lat_range),
    )


def _map_layout(
    fig: go.Figure,
    legend_names: list[str],
    encoding: int,
    key: bool,
    height: int,
    map_height: int | None,
    largest: float,
) -> None:
    """The figure's height from the map, the legend's rows and the size key, all inside the figure
    (a PNG download keeps them); the legend and size key under the map."""
    band = SIZE_KEY_BAND if key else 0
    bottom = band + LEGEND_ROW * (_map_legend_rows(legend_names, encoding) + 1) + 16
    total = (map_height + MAP_TOP_MARGIN + bottom) if map_height else max(height, MAP_TOP_MARGIN + 440 + bottom)
    plot_px = total - MAP_TOP_MARGIN - bottom
    fig.update_layout(**base_layout(height=total))
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 0,
            "y": -(band + 6) / plot_px,
            "yanchor": "top",
            "font": {"size": 13},
            "itemsizing": "trace",
            "entrywidth": MAP_LEGEND_ENTRY_PX,
            "groupclick": "toggleitem",
        },
        clickmode="event+select",
        dragmode="pan",
        margin={"l": 0, "r": 0, "t": MAP_TOP_MARGIN, "b": bottom},
    )
    if key:
        _add_size_key(fig, largest, plot_px)


def _place_labels(points: pd.DataFrame) -> pd.DataFrame | None:
    """The places a map of one to three places names (plot_lat, plot_lon, place), else None. The
    name is the location's first part, up to a comma or semicolon ("Chebarkul training ground",
    not the oblast and country after it); the hover and the card have it all."""
    if "location" not in points or not len(points):
        return None
    first_part = localized(points, "location").fillna("").astype(str).str.split(r"[,;]", regex=True).str[0]
    places = points.assign(place=first_part)
    places = places.assign(place=places["place"].str.strip()).dropna(subset=["plot_lat", "plot_lon"])
    places = places[places["place"] != ""].drop_duplicates("place")
    return places if 0 < len(places) <= PLACE_LABELS_UP_TO else None


def _add_place_label_trace(fig: go.Figure, places: pd.DataFrame) -> None:
    """The places' names under their markers: a patch of map with no town on it tells a reader
    nothing about where the exercise was."""
    fig.add_trace(
        go.Scattergeo(
            lat=places["plot_lat"],
            lon=places["plot_lon"],
            mode="markers+text",
            text=[wrapped(esc(place), PLACE_LABEL_WRAP) for place in places["place"]],
            textposition="bottom center",
            textfont={"size": 13, "color": INK},
            # An invisible marker as large as the largest exercise marker: the name sits below it.
            marker={"size": MAX_SIZE, "opacity": 0},
            hoverinfo="skip",
            showlegend=False,
        )
    )


View = tuple[tuple[float, float], tuple[float, float]]


def _capitals(members: pd.DataFrame) -> pd.DataFrame:
    """Every state with a capital's coordinates in members.csv (iso3, capital_lat, capital_lon)."""
    if not {"capital_lat", "capital_lon"} <= set(members.columns):
        return pd.DataFrame(columns=["iso3", "capital_lat", "capital_lon"])
    capitals = members.assign(
        capital_lat=pd.to_numeric(members["capital_lat"], errors="coerce"),
        capital_lon=pd.to_numeric(members["capital_lon"], errors="coerce"),
    )
    return capitals.dropna(subset=["capital_lat", "capital_lon"])


def _with_nearest_capital(view: View, places: pd.DataFrame, members: pd.DataFrame) -> View:
    """The view widened, if need be, to the shipped capital nearest the places (with a margin), so
    that a map of one place always shows a state's name to read it by."""
    capitals = _capitals(members)
    if capitals.empty:
        return view
    lat, lon = float(places["plot_lat"].mean()), float(places["plot_lon"].mean())
    distance = (capitals["capital_lat"] - lat) ** 2 + ((capitals["capital_lon"] - lon) * 0.7) ** 2
    nearest = capitals.loc[distance.idxmin()]
    (lon0, lon1), (lat0, lat1) = view
    pad = SURROUNDING_PAD_DEG
    lon_range = (min(lon0, nearest["capital_lon"] - pad), max(lon1, nearest["capital_lon"] + pad))
    lat_range = (min(lat0, nearest["capital_lat"] - pad), max(lat1, nearest["capital_lat"] + pad))
    return tuple(round(float(v), 3) for v in lon_range), tuple(round(float(v), 3) for v in lat_range)


Box = tuple[float, float, float, float]


def _clear_of_places(capitals: pd.DataFrame, labels: list[str], view: View, places: pd.DataFrame) -> list[str | None]:
    """Where each state's name goes (a plotly text position) to stay clear of the places' markers
    and names and of the other states' names, on the narrowest map at a slide's type (boxes in
    pixels, the view taken as flat); None where no side is clear."""
    (lon0, lon1), (lat0, lat1) = view
    map_width, map_height = SURROUNDING_MAP_PX

    def at(lon: float, lat: float) -> tuple[float, float]:
        return (lon - lon0) / (lon1 - lon0) * map_width, (lat1 - lat) / (lat1 - lat0) * map_height

    taken: list[Box] = []
    for place in places.itertuples():
        x, y = at(place.plot_lon, place.plot_lat)
        lines = wrapped(esc(place.place), PLACE_LABEL_WRAP).split("<br>")
        half = max(len(line) for line in lines) * LABEL_CHAR_PX / 2
        taken += [(x - MAX_SIZE / 2, x + MAX_SIZE / 2, y - MAX_SIZE / 2, y + MAX_SIZE / 2)]
        taken += [(x - half, x + half, y + MAX_SIZE / 2, y + MAX_SIZE / 2 + LABEL_LINE_PX * len(lines))]
    chosen = []
    for row, label in zip(capitals.itertuples(), labels, strict=True):
        x, y = at(row.capital_lon, row.capital_lat)
        width, tall = len(label) * LABEL_CHAR_PX, LABEL_LINE_PX + 4
        sides = {
            "top center": (x - width / 2, x + width / 2, y - tall, y),
            "top left": (x - width, x, y - tall, y),
            "top right": (x, x + width, y - tall, y),
            "bottom left": (x - width, x, y, y + tall),
            "bottom right": (x, x + width, y, y + tall),
        }
        side = next(
            (
                side
                for side, box in sides.items()
                if box[0] >= 0
                and box[1] <= map_width
                and box[2] >= 0
                and box[3] <= map_height
                and not any(_overlap(box, b) for b in taken)
            ),
            None,
        )
        chosen.append(side)
        taken += [sides[side]] if side else []
    return chosen


def _overlap(a: Box, b: Box, pad: float = 4) -> bool:
    return a[0] < b[1] + pad and b[0] < a[1] + pad and a[2] < b[3] + pad and b[2] < a[3] + pad


def _add_surroundings(fig: go.Figure, members: pd.DataFrame, view: View, places: pd.DataFrame) -> None:
    """The names of the states whose capitals lie in the view, written at the capital (from
    members.csv, in the interface language), except where a place's own name goes."""
    capitals = _capitals(members)
    (lon0, lon1), (lat0, lat1) = view
    inside = capitals[capitals["capital_lon"].between(lon0, lon1) & capitals["capital_lat"].between(lat0, lat1)]
    names = state_names(members)
    sides = _clear_of_places(inside, [esc(names.get(code, code)) for code in inside["iso3"]], view, places)
    inside = inside.assign(side=sides).dropna(subset=["side"])
    if not inside.empty:
        fig.add_trace(_state_names_trace(inside, [esc(names.get(code, code)) for code in inside["iso3"]]))


def _state_names_trace(capitals: pd.DataFrame, labels: list[str]) -> go.Scattergeo:
    """The states' names as map text (no markers, no hover), each on its chosen side of its capital."""
    return go.Scattergeo(
        mode="text",
        text=labels,
        textposition=list(capitals["side"]),
        lat=capitals["capital_lat"],
        lon=capitals["capital_lon"],
        textfont={"size": 13, "color": SURROUNDING_INK},
        hoverinfo="skip",
        showlegend=False,
        name="surroundings",
    )


def legend_beside_map(fig: go.Figure) -> None:
    """The map's legend as one column to the right of the map, without the size key (in place; for
    a slide, where the height below the map is what the map itself needs)."""
    fig.update_layout(
        legend={"orientation": "v", "x": 1.01, "xanchor": "left", "y": 1, "yanchor": "top", "tracegroupgap": 4},
        margin={"l": 0, "r": 0, "t": 8, "b": 8},
    )
    fig.layout.legend.entrywidth = None
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "size-key"]
    fig.layout.shapes = [s for s in fig.layout.shapes if not str(s.name or "").startswith("size-key")]


# Legend entries are laid out in columns of this width (text; plus about 40 px for the glyph), so
# that rows do not break mid-way at 1280 px; long "other series" entries take two columns.
MAP_LEGEND_ENTRY_PX = 220
MAP_LEGEND_ROOM_PX = 800
MAP_LEGEND_WRAP = 30  # characters per line of a legend entry (about 220 px at 13 px)


def _map_legend_rows(names: list[str], encoding: int) -> int:
    """Rows the legend takes at the narrowest chart: series flow in columns, then the titled
    "how to read markers" group, which plotly stacks one entry a row."""
    per_row = max(1, MAP_LEGEND_ROOM_PX // (MAP_LEGEND_ENTRY_PX + 40))
    lines = sum(name.count("<br>") + 1 for name in names)
    return -(-lines // per_row) + encoding + 1


def _add_size_key(fig: go.Figure, largest: float, plot_px: float) -> None:
    """Three reference bubbles below the map, as large as the map draws these personnel figures
    (circles of exact pixel size, anchored in the figure), with their numbers beside them."""
    centre_y = -(SIZE_KEY_BAND / 2 + 4) / plot_px
    paper_note(fig, 0, centre_y, t("exercises.legend.size_key"), yanchor="middle", name="size-key")
    x = 0.30
    for value in SIZE_KEY_PERSONNEL:
        diameter = marker_size(value, largest)
        fig.add_shape(
            type="circle",
            xref="paper",
            yref="paper",
            xsizemode="pixel",
            ysizemode="pixel",
            xanchor=x,
            yanchor=centre_y,
            x0=-diameter / 2,
            x1=diameter / 2,
            y0=-diameter / 2,
            y1=diameter / 2,
            line={"color": "#555555", "width": 1.5},
            fillcolor="rgba(85,85,85,0.25)",
            name=f"size-key-{value}",
        )
        paper_note(fig, x, centre_y, format_number(value), yanchor="middle", xshift=diameter / 2 + 6, name="size-key")
        x += 0.14


def _add_exercise_trace(
    fig: go.Figure, subset: pd.DataFrame, style: tuple[str, str], label: str, marks: _MarkContext
) -> list[dict] | bool:
    """One marker per exercise: clickable, sized by personnel, hollow when approximate; announced
    and planned ones paler and cancelled ones grey; with a state in focus, exercises it neither
    hosted nor took part in are faded. Returns the status marks to draw on top (one dict per marked
    exercise, possibly none), or False when nothing was drawn."""
    if subset.empty:
        return False
    colour, symbol = style
    records = subset.to_dict("records")
    approximate = [r["plot_precision"] in APPROXIMATE for r in records]
    chosen = [r["exercise_id"] == marks.selected for r in records]
    status = [str(r.get("status") or "") for r in records]
    colours = [CANCELLED_COLOUR if s == "cancelled" else colour for s in status]
    faded = [_faded(r, c, marks) for r, c in zip(records, chosen, strict=True)]
    sizes = [marker_size(r["personnel"], marks.largest) for r in records]
    hover = [exercise_hover(r, marks.names) for r in records]
    marker = {
        "symbol": [f"{symbol}-open" if a else symbol for a in approximate],
        "size": sizes,
        "color": colours,
        "opacity": [
            0.35 if f else (PLANNED_OPACITY if s in PALER else 1.0) for f, s in zip(faded, status, strict=True)
        ],
        "line": {
            "width": [3 if c else (2.5 if a else 1) for c, a in zip(chosen, approximate, strict=True)],
            "color": [INK if c else col for c, col in zip(chosen, colours, strict=True)],
        },
    }
    customdata = [[r["exercise_id"]] for r in records]
    fig.add_trace(_series_trace(subset, label, marker, hover, customdata=customdata))
    return [
        {
            "lat": records[i]["plot_lat"],
            "lon": records[i]["plot_lon"],
            "symbol": STATUS_OVERLAY[s],
            "size": max(sizes[i], 12),
            "opacity": 0.35 if faded[i] else 1.0,
            "id": records[i]["exercise_id"],
            "hover": hover[i],
        }
        for i, s in enumerate(status)
        if s in STATUS_OVERLAY
    ]


def _series_trace(frame: pd.DataFrame, label: str, marker: dict, hover: list[str], **options: object) -> go.Scattergeo:
    """A series' markers at ``frame``'s plot_lat/plot_lon, hover text, no legend entry of its own
    (the series' legend entry is drawn at one size by ``_legend_marker``)."""
    return go.Scattergeo(
        lat=frame["plot_lat"],
        lon=frame["plot_lon"],
        mode="markers",
        name=label,
        legendgroup=label,
        showlegend=False,
        marker=marker,
        hovertext=hover,
        hoverinfo="text",
        **options,
    )


def _faded(record: dict, chosen: bool, marks: _MarkContext) -> bool:
    """Another exercise is selected, or the state in focus neither hosted nor took part in it."""
    focus = marks.focus_state
    return bool(marks.selected and not chosen) or bool(
        focus and focus not in record["host_states"] and focus not in record["participants"]
    )


def _overlay_trace(marks: list[dict]) -> go.Scattergeo:
    """The "–" / "+" / "×" on top of announced, planned and cancelled exercises of every series, in
    one trace: same place, size, click target and hover as the marker under each."""
    return go.Scattergeo(
        lat=[m["lat"] for m in marks],
        lon=[m["lon"] for m in marks],
        mode="markers",
        showlegend=False,
        marker={
            "symbol": [m["symbol"] for m in marks],
            "size": [m["size"] for m in marks],
            "color": "#111111",
            "opacity": [m["opacity"] for m in marks],
            "line": {"width": 2, "color": "#111111"},
        },
        customdata=[[m["id"]] for m in marks],
        hovertext=[m["hover"] for m in marks],
        hoverinfo="text",
        name="status-marks",
    )


def _add_aggregated_trace(fig: go.Figure, cells: pd.DataFrame, style: tuple[str, str], label: str) -> bool:
    """One marker per map cell and series, area by count (used above MAP_POINT_LIMIT)."""
    if cells.empty:
        return False
    colour, symbol = style
    largest = float(cells["count"].max())
    marker = {
        "symbol": [f"{symbol}-open" if a else symbol for a in cells["approximate"]],
        "size": [MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(c / largest) for c in cells["count"]],
        "color": colour,
        "line": {"width": 2, "color": colour},
    }
    hover = [
        t(
            "exercises.aggregate_hover",
            count=int(row.count),
            series=label,
            first=int(row.first_year),
            last=int(row.last_year),
            example=esc(row.example),
        )
        for row in cells.itertuples()
    ]
    fig.add_trace(_series_trace(cells, label, marker, hover))
    return True


EXERCISE_STATUS_STYLE = {
    # status: (colour, pattern) — the same marks as on the map: announced and planned lighter, each
    # with its own pattern, cancelled grey.
    "held": (OKABE_ITO["blue"], ""),
    "announced": (OKABE_ITO["bluish_green"], "-"),
    "planned": (OKABE_ITO["sky_blue"], "/"),
    "cancelled": ("#9A9A9A", "x"),
}
PER_YEAR_TOP_MARGIN = 100  # title, source line, and the note saying what is stacked


def per_year_figure(
    exercises: pd.DataFrame,
    styles: dict[str, tuple[str, str]],
    years: tuple[int, int] | None = None,
    series_labels: dict[str, str] | None = None,
    focus_state: str | None = None,
    *,
    stack_by: str | None = None,
    height: int = 340,
) -> go.Figure:
    """Stacked bars of exercises per year, with a legend and a note saying what is stacked.

    Args:
        stack_by: "status" (held / announced / planned / cancelled) or "series" (patterns double
            the colours);
            None: by status when ``exercises`` has a ``status`` column, else by series.
    Every bar carries its year as ``customdata`` ([[year], …]) so that a click can filter to it.
    """
    fig = go.Figure()
    by = stack_by or ("status" if "status" in exercises.columns else "series")
    year_of = exercises["start_date"].dt.year
    span = years or ((int(year_of.min()), int(year_of.max())) if len(exercises) else (2004, 2025))
    all_years = list(range(span[0], span[1] + 1))
    counts, groups = _stacks(exercises.assign(year=year_of), by, styles, series_labels or {})
    for key, label, colour, pattern in groups:
        values = [int(counts.get((year, key), 0)) for year in all_years]
        if any(values):
            fig.add_trace(_year_bars(all_years, values, key, esc(label), colour, pattern))
    legend_rows = 1 if by == "status" else -(-len(fig.data) // 2)
    _per_year_layout(fig, span, 26 * legend_rows + 8, height, len(exercises))
    note = t("exercises.per_year_by_status" if by == "status" else "exercises.per_year_by_series")
    paper_note(fig, 0, 1, note, yanchor="bottom", yshift=4, font={"size": 13, "color": "#4B5563"}, name="stacking-note")
    return fig


def _stacks(
    exercises: pd.DataFrame, by: str, styles: dict[str, tuple[str, str]], series_labels: dict[str, str]
) -> tuple[pd.Series, list[tuple[str, str, str, str]]]:
    """Counts per (year, status or series), and the stacks in order: (key, label, colour, pattern)."""
    if by == "status":
        counts = exercises.assign(status=exercises["status"].astype(str)).groupby(["year", "status"]).size()
        groups = [
            (status, t(f"status_ex.{status}"), colour, pattern)
            for status, (colour, pattern) in EXERCISE_STATUS_STYLE.items()
        ]
        return counts, groups
    counts = exercises.groupby(["year", "series"]).size()
    patterns = ["", "/", ".", "x", "-", "|", "+", "\\", ""]
    groups = [
        (series, series_labels.get(series, series), colour, patterns[index % len(patterns)])
        for index, (series, (colour, _)) in enumerate(styles.items())
    ]
    return counts, groups


def _year_bars(years: list[int], values: list[int], key: str, name: str, colour: str, pattern: str) -> go.Bar:
    """One stack's bars, each carrying its year for a click."""
    return go.Bar(
        x=years,
        y=values,
        name=name,
        legendgroup=key,
        customdata=[[year] for year in years],
        marker={
            "color": colour,
            "line": {"color": "white", "width": 0.5},
            "pattern": {"shape": pattern, "fgcolor": "white", "solidity": 0.3, "fillmode": "overlay"},
        },
        hovertemplate="%{x}: %{y} · " + name + "<extra></extra>",
    )


def _per_year_layout(fig: go.Figure, span: tuple[int, int], legend_px: int, height: int, rows: int) -> None:
    """Stacked bars, the legend in the figure's own bottom margin under the year labels (a PNG
    download keeps it whole), whole-number counts."""
    fig.update_layout(**base_layout(height=height + legend_px))
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "font": {"size": 13},
            "traceorder": "normal",
        },
        yaxis={
            "title": {"text": t("exercises.per_year_axis"), "standoff": 12},
            "automargin": True,
            "rangemode": "tozero",
            "tickformat": "d",
            "dtick": 1 if rows < 40 else None,
        },
        xaxis=year_axis(span[0], span[1]),
        margin={"t": PER_YEAR_TOP_MARGIN, "l": 10, "r": 16, "b": 40 + legend_px},
        dragmode=False,
        clickmode="event+select",
    )
