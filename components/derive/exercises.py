"""Exercise filters, map points and the per-page view (pure: DataFrames in, DataFrames out)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.derive import counting
from components.i18n.names import exercise_names

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
    """The lower-cased text free-text search looks in: name, series, aliases and location, in
    both languages, and the names and aliases of the places used (Иссык-Куль, Балыкчи)."""
    text = (
        exercises["name"].astype(str)
        + " "
        + exercises["series"].astype(str)
        + " "
        + exercises["aliases"].map(" ".join)
        + " "
        + exercises["location"].fillna("").astype(str)
    )
    for column in ("name_ru", "location_ru"):
        if column in exercises:
            text = text + " " + exercises[column].fillna("").astype(str)
    if "place_names" in exercises:
        text = text + " " + exercises["place_names"].map(" ".join)
    return text.map(normalise_search)


def with_place_names(exercises: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Add ``place_names``: every name and alias of the places an exercise used, for search."""
    if places.empty or "place_ids" not in exercises:
        return exercises
    names = {
        row.place_id: [str(row.name_en), str(row.name_ru), *row.aliases]
        for row in places[["place_id", "name_en", "name_ru", "aliases"]].itertuples()
    }

    def used(place_ids: object, place_id: object) -> list[str]:
        ids = list(place_ids or []) + ([place_id] if isinstance(place_id, str) else [])
        return [name for place in dict.fromkeys(ids) for name in names.get(place, [])]

    drawn = exercises["place_id"] if "place_id" in exercises else pd.Series(None, index=exercises.index, dtype=object)
    # A list per row, built without DataFrame.apply: on a table of no rows (a file with only its
    # header) apply(axis=1) returns a frame, which cannot become a column.
    place_names = [used(ids, one) for ids, one in zip(exercises["place_ids"], drawn, strict=True)]
    return exercises.assign(place_names=pd.Series(place_names, index=exercises.index, dtype=object))


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


# The map's view with no filter: the alliance's exercise area (Belarus to Kyrgyzstan, the Caucasus
# to Moscow), widened to every shown marker when one falls outside.
MAP_REGION_LON = (22.0, 92.0)
MAP_REGION_LAT = (34.0, 60.0)
# A fitted view is at least this many degrees wide and tall (one exercise is not a zoom to a
# village) and keeps this margin around the markers (the largest marker is about 1.5° across at
# the smallest view), so that no marker is cut at an edge.
MAP_MIN_SPAN = (16.0, 9.0)
MAP_PAD_DEG = 1.6
MAP_PAD_FRACTION = 0.12


def map_view_range(points: pd.DataFrame, *, fit: bool = True) -> tuple[tuple[float, float], tuple[float, float]]:
    """((lon_min, lon_max), (lat_min, lat_max)) for the exercise map.

    ``fit``: the shown markers with padding and a minimum span (for a filtered map); otherwise the
    region (for the unfiltered map). Either way every marker is inside with its margin. With no
    markers: the region."""
    lat = pd.to_numeric(points["plot_lat"], errors="coerce").dropna() if len(points) else pd.Series(dtype=float)
    lon = pd.to_numeric(points["plot_lon"], errors="coerce").dropna() if len(points) else pd.Series(dtype=float)
    if lat.empty or lon.empty:
        return MAP_REGION_LON, MAP_REGION_LAT

    def padded(low: float, high: float, minimum: float) -> tuple[float, float]:
        pad = max(MAP_PAD_DEG, (high - low) * MAP_PAD_FRACTION)
        low, high = low - pad, high + pad
        if high - low < minimum:
            middle = (low + high) / 2
            low, high = middle - minimum / 2, middle + minimum / 2
        return round(low, 3), round(high, 3)

    lon_range = padded(float(lon.min()), float(lon.max()), MAP_MIN_SPAN[0])
    lat_range = padded(float(lat.min()), float(lat.max()), MAP_MIN_SPAN[1])
    lat_range = (max(-89.0, lat_range[0]), min(89.0, lat_range[1]))
    if fit:
        return lon_range, lat_range
    return (
        (min(MAP_REGION_LON[0], lon_range[0]), max(MAP_REGION_LON[1], lon_range[1])),
        (min(MAP_REGION_LAT[0], lat_range[0]), max(MAP_REGION_LAT[1], lat_range[1])),
    )


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


def headline_counts(exercises: pd.DataFrame) -> dict[str, int]:
    """Counts for the linked headline: exercises listed (any status) and held, states that hosted
    and that took part in a held one (components/derive/counting.py), personnel."""
    return {
        "exercises": len(exercises),
        "held": len(counting.held(exercises)),
        "hosts": len(counting.states_that_hosted(exercises)),
        "participants": len(counting.states_that_took_part(exercises)),
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
