"""Exercise filters, map points and figures on small fixtures with exact answers."""

from __future__ import annotations

import pandas as pd
import pytest

from components.derive.exercises import (
    ExerciseFilters,
    aggregate_points,
    filter_exercises,
    headline_counts,
    map_points,
    map_view_range,
    series_order,
)
from components.figures.exercises import (
    exercise_map_figure,
    marker_size,
    per_year_figure,
    series_display_names,
    series_styles,
)
from components.ui.render import TOPOJSON_URL, plotly_config

MEMBERS = pd.DataFrame(
    {
        "iso3": ["KGZ", "BLR", "TJK", "RUS"],
        "name_en": ["Kyrgyzstan", "Belarus", "Tajikistan", "Russia"],
        "capital_lat": [42.87, 53.9, 38.53, 55.75],
        "capital_lon": [74.61, 27.57, 68.78, 37.62],
    }
)


def exercise(
    ex_id,
    series,
    start,
    hosts,
    participants,
    *,
    lat=None,
    lon=None,
    precision=None,
    personnel=None,
    status="held",
    force="CRRF",
    aliases=(),
    location="",
):
    return {
        "exercise_id": ex_id,
        "name": ex_id.replace("-", " ").title(),
        "series": series,
        "start_date": pd.Timestamp(start),
        "end_date": pd.NaT,
        "date_precision": "day",
        "status": status,
        "host_states": list(hosts),
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "location_precision": precision,
        "participants": list(participants),
        "personnel": personnel,
        "force": force,
        "aliases": list(aliases),
        "note": "",
        "source_url": "https://example.org/e",
    }


EXERCISES = pd.DataFrame(
    [
        exercise(
            "ub-2023",
            "Unbreakable Brotherhood",
            "2023-10-09",
            ["KGZ"],
            ["KGZ", "RUS", "TJK"],
            lat=42.46,
            lon=76.18,
            precision="town",
            personnel=1500,
            force="Peacekeeping forces",
            aliases=["Nerushimoe Bratstvo", "Indestructible Brotherhood"],
            location="Edelweiss training ground, Balykchy",
        ),
        exercise(
            "interaction-2023",
            "Interaction",
            "2023-09-01",
            ["BLR"],
            ["BLR", "RUS"],
            lat=52.1,
            lon=23.7,
            precision="site",
            personnel=2500,
            location="Brestsky range",
        ),
        exercise("rubezh-2024", "Rubezh", "2024-10-14", ["TJK"], ["TJK", "RUS", "KGZ"], location="Harbmaidon"),
        exercise("interaction-2020", "Interaction", "2020-10-01", ["ARM"], [], status="cancelled"),
        exercise(
            "edelweiss-2",
            "Interaction",
            "2024-09-07",
            ["KGZ"],
            ["KGZ"],
            lat=42.46,
            lon=76.18,
            precision="town",
            location="Edelweiss training ground",
        ),
    ]
).astype({"personnel": "Float64", "latitude": "Float64", "longitude": "Float64"})


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["exercise_id"].tolist()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ExerciseFilters(), ["interaction-2020", "interaction-2023", "ub-2023", "edelweiss-2", "rubezh-2024"]),
        (ExerciseFilters(years=(2023, 2023)), ["interaction-2023", "ub-2023"]),
        (ExerciseFilters(series=["Interaction"]), ["interaction-2020", "interaction-2023", "edelweiss-2"]),
        (ExerciseFilters(hosts=["KGZ"]), ["ub-2023", "edelweiss-2"]),
        (ExerciseFilters(participants=["TJK"]), ["ub-2023", "rubezh-2024"]),
        (ExerciseFilters(statuses=["cancelled"]), ["interaction-2020"]),
        (ExerciseFilters(forces=["Peacekeeping forces"]), ["ub-2023"]),
        (ExerciseFilters(text="nerushimoe"), ["ub-2023"]),
        (ExerciseFilters(text="Indestructible brotherhood"), ["ub-2023"]),
        (ExerciseFilters(text="edelweiss"), ["ub-2023", "edelweiss-2"]),
        (ExerciseFilters(series=["Interaction"], hosts=["KGZ"], years=(2024, 2025)), ["edelweiss-2"]),
        (ExerciseFilters(series=["Rubezh"], hosts=["BLR"]), []),
    ],
)
def test_filters_alone_and_combined(filters, expected):
    assert ids(filter_exercises(EXERCISES, filters)) == expected


def test_map_points_place_capitals_and_spread_shared_points():
    points, unmapped = map_points(EXERCISES, MEMBERS)
    assert ids(unmapped) == ["interaction-2020"], "no coordinates and a host without a capital row"
    rubezh = points.set_index("exercise_id").loc["rubezh-2024"]
    assert rubezh["at_capital"] and rubezh["plot_precision"] == "country" and rubezh["plot_lat"] == 38.53
    shared = points[points["shared"] == 2]
    assert sorted(shared["exercise_id"]) == ["edelweiss-2", "ub-2023"]
    assert shared["plot_lon"].nunique() == 2, "two exercises at one place get distinct positions"


def test_crowded_point_keeps_markers_near_it():
    crowded = pd.concat([EXERCISES.iloc[[1]]] * 40, ignore_index=True).assign(exercise_id=[f"x{i}" for i in range(40)])
    points, _ = map_points(crowded, MEMBERS)
    distance = ((points["plot_lat"] - 52.1) ** 2 + (points["plot_lon"] - 23.7) ** 2) ** 0.5
    assert distance.max() <= 3 * 0.45 + 1e-9, "at most three rings around the real place"


def test_aggregation_counts_per_cell_and_series():
    many = pd.concat([EXERCISES] * 400, ignore_index=True)
    many["exercise_id"] = [f"e{i}" for i in range(len(many))]
    points, _ = map_points(many, MEMBERS)
    cells = aggregate_points(points)
    assert cells["count"].sum() == len(points)
    edelweiss = cells[(cells["series"] == "Interaction") & (cells["plot_lat"].round(2) == 42.46)]
    assert int(edelweiss["count"].iloc[0]) == 400


def test_map_switches_to_aggregated_markers_above_the_limit():
    many = pd.concat([EXERCISES] * 400, ignore_index=True)
    many["exercise_id"] = [f"e{i}" for i in range(len(many))]
    points, _ = map_points(many, MEMBERS)
    styles = series_styles(series_order(many))
    fig = exercise_map_figure(points, MEMBERS, {}, styles)
    drawn = sum(len(trace.lat) for trace in fig.data if trace.type == "scattergeo" and trace.lat[0] is not None)
    assert drawn < 20 and "exercises" in fig.data[0].hovertext[0]


def test_marker_size_by_personnel_with_fixed_unknown():
    assert marker_size(None, 2500) == marker_size(pd.NA, 2500) == 9
    assert marker_size(2500, 2500) > marker_size(1500, 2500) > 9


def test_map_figure_traces_sizes_hover_and_hollow_markers():
    styles = series_styles(series_order(EXERCISES))
    points, _ = map_points(EXERCISES, MEMBERS)
    labels = {series: series for series in styles}  # labels passed in are used as they are
    fig = exercise_map_figure(points, MEMBERS, {"KGZ": "member", "BLR": "member"}, styles, series_labels=labels)
    by_name = {trace.name: trace for trace in fig.data if trace.customdata is not None}
    assert {"Interaction", "Unbreakable Brotherhood", "Rubezh"} <= set(by_name)
    legend = {trace.name: trace for trace in fig.data if trace.showlegend is not False}
    assert {"Interaction", "Unbreakable Brotherhood", "Rubezh"} <= set(legend), "one legend entry per series"
    interaction = by_name["Interaction"]
    symbols = dict(zip([c[0] for c in interaction.customdata], interaction.marker.symbol, strict=True))
    assert symbols["interaction-2023"] == "circle" and symbols["edelweiss-2"] == "circle-open"
    sizes = dict(zip([c[0] for c in interaction.customdata], interaction.marker.size, strict=True))
    assert sizes["edelweiss-2"] == 9 < sizes["interaction-2023"]
    hover = by_name["Unbreakable Brotherhood"].hovertext[0]
    assert "Edelweiss training ground, Balykchy (nearest town)" in hover and "Personnel: 1,500" in hover
    assert "https://example.org/e" in hover
    assert "drawn at the capital" in by_name["Rubezh"].hovertext[0]
    assert fig.layout.geo.showland and fig.layout.geo.showcountries


def test_topojson_served_locally():
    config = plotly_config("x")
    assert config["topojsonURL"] == TOPOJSON_URL == "app/static/topojson/"
    from tests.conftest import ROOT

    assert (ROOT / "static" / "topojson" / "world_110m.json").exists()


def test_per_year_bars_and_headline_counts():
    styles = series_styles(series_order(EXERCISES))
    fig = per_year_figure(EXERCISES, styles, (2020, 2024), stack_by="series")
    interaction = next(trace for trace in fig.data if trace.name == "Interaction")
    assert list(interaction.x) == [2020, 2021, 2022, 2023, 2024] and list(interaction.y) == [1, 0, 0, 1, 1]
    counts = headline_counts(EXERCISES)
    # Held only: the cancelled 2020 exercise adds neither its host nor a held count (derive/counting.py).
    assert counts == {"exercises": 5, "held": 4, "hosts": 3, "participants": 4, "personnel": 4000, "with_personnel": 2}


def test_series_keep_their_style_when_filtered():
    styles = series_styles(series_order(EXERCISES))
    assert styles["Interaction"] != styles["Rubezh"]
    assert series_order(EXERCISES)[0] == "Interaction"


def test_per_year_stacks_by_status_says_so_and_carries_the_year():
    styles = series_styles(series_order(EXERCISES))
    fig = per_year_figure(EXERCISES, styles, (2020, 2024))
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"held", "cancelled"}
    assert list(by_name["cancelled"].y) == [1, 0, 0, 0, 0]
    assert [c[0] for c in by_name["held"].customdata] == [2020, 2021, 2022, 2023, 2024], "a click gives the year"
    assert fig.layout.showlegend and fig.layout.xaxis.automargin and fig.layout.yaxis.automargin
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.yaxis.title.standoff >= 10
    assert "by status" in fig.layout.annotations[0].text
    without_status = per_year_figure(EXERCISES[["start_date", "series"]], styles, (2020, 2024))
    assert "by series" in without_status.layout.annotations[0].text


def test_map_view_fits_the_markers_with_a_minimum_span_and_the_region_otherwise():
    points, _ = map_points(EXERCISES, MEMBERS)
    (lon0, lon1), (lat0, lat1) = map_view_range(points)
    assert lon0 < points["plot_lon"].min() - 1 and lon1 > points["plot_lon"].max() + 1
    assert lat1 > points["plot_lat"].max() + 1, "room above the northernmost marker"
    one = points[points["exercise_id"] == "rubezh-2024"]
    (lon0, lon1), (lat0, lat1) = map_view_range(one)
    assert lon1 - lon0 >= 16 and lat1 - lat0 >= 9, "one exercise is not a zoom to a village"
    assert lon0 < 68.78 < lon1 and lat0 < 38.53 < lat1
    assert map_view_range(points.iloc[0:0]) == ((22.0, 92.0), (34.0, 60.0))
    assert map_view_range(one, fit=False) == ((22.0, 92.0), (34.0, 60.0))
    fig = exercise_map_figure(one, MEMBERS, {}, series_styles(series_order(EXERCISES)))
    assert tuple(fig.layout.geo.lonaxis.range) == map_view_range(one)[0]


def test_map_marks_planned_and_cancelled_and_keys_sizes():
    planned = EXERCISES.assign(status=["held", "planned", "cancelled", "cancelled", "held"])
    points, _ = map_points(planned, MEMBERS)
    styles = series_styles(series_order(planned))
    fig = exercise_map_figure(points, MEMBERS, {}, styles, largest_personnel=10_000)
    overlays = [tr for tr in fig.data if tr.customdata is not None and "thin" in str(tr.marker.symbol)]
    marks = {c[0]: sym for tr in overlays for c, sym in zip(tr.customdata, tr.marker.symbol, strict=True)}
    assert marks == {"interaction-2023": "cross-thin-open", "rubezh-2024": "x-thin-open"}
    legend = {tr.name: tr for tr in fig.data if tr.showlegend is not False and tr.lat[0] is None}
    assert "Planned: paler, with +" in legend and "Cancelled: grey, with ×" in legend
    assert legend["Smallest: personnel not reported"].marker.size == 9 and fig.layout.legend.itemsizing == "trace"
    circles = [shape for shape in fig.layout.shapes if shape.type == "circle"]
    assert [round(c.x1 - c.x0, 3) for c in circles] == [
        round(marker_size(v, 10_000), 3) for v in (1_000, 5_000, 10_000)
    ]
    texts = [a.text for a in fig.layout.annotations]
    assert "1,000" in texts and "10,000" in texts


def test_one_name_per_series_the_one_its_exercises_carry():
    frame = pd.DataFrame(
        {
            "series": ["Thunder", "Thunder", "Rubezh (Frontier)", "Other"],
            "name": ["Grom-2019", "Grom-2021", "Rubezh-2023", "CRRF exercise (Tajikistan, May 2015)"],
            "aliases": [["Гром-2019"], ["Гром-2021"], ["Рубеж-2023"], []],
        }
    )
    assert series_display_names(frame) == {
        "Thunder": "Grom",
        "Rubezh (Frontier)": "Rubezh (Frontier)",
        "Other": "Other",
    }
    assert series_display_names(frame, lang="ru") == {
        "Thunder": "Гром",
        "Rubezh (Frontier)": "Рубеж",
        "Other": "Другие",
    }
    points, _ = map_points(EXERCISES, MEMBERS)
    fig = exercise_map_figure(
        points.assign(display_name=["Grom-2023"] * len(points)), MEMBERS, {}, {"Interaction": ("#000", "circle")}
    )
    assert "Grom" in {trace.name for trace in fig.data}, "without labels the map names series as their exercises"


def test_year_axes_label_every_year_up_to_ten_and_let_the_width_choose_beyond():
    """A fixed two-year step collided at 1024 px: past ten years plotly spaces the labels by width."""
    styles = series_styles(series_order(EXERCISES))
    short = per_year_figure(EXERCISES, styles, (2020, 2024)).layout.xaxis
    long = per_year_figure(EXERCISES, styles, (2004, 2026)).layout.xaxis
    assert short.dtick == 1 and long.dtick is None and long.tickangle == 0
    assert long.range[0] < 2004 - 1, "the first year's label keeps clear of the y axis's 0"
