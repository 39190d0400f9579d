"""The chart-first layout's pieces that need no browser: the active-filter summary's wording and
the one-exercise map that names its place (issue 31). The layout itself is measured in a real
browser by tests/browser/test_page_walk_browser.py."""

from __future__ import annotations

from components.derive.exercises import map_points, series_order
from components.figures.exercises import exercise_map_figure, series_styles
from components.ui.page import LAYOUT_CSS, named
from tests.test_filters_exercises import EXERCISES, MEMBERS


def place_labels(fig) -> list[str]:
    return [text for trace in fig.data if trace.mode == "markers+text" for text in trace.text]


def test_a_map_of_one_exercise_names_its_place():
    points, _ = map_points(EXERCISES, MEMBERS)
    styles = series_styles(series_order(EXERCISES))
    one = points[points["exercise_id"] == "ub-2023"]
    assert place_labels(exercise_map_figure(one, MEMBERS, {}, styles)) == ["Edelweiss training ground"]
    # Two exercises at one place: one name, not two on top of each other.
    same_place = points[points["exercise_id"].isin(["ub-2023", "edelweiss-2"])]
    assert place_labels(exercise_map_figure(same_place, MEMBERS, {}, styles)) == ["Edelweiss training ground"]


def test_a_map_of_many_places_names_none():
    """Names on a map of many places would cover each other and the markers; the hover has them."""
    points, _ = map_points(EXERCISES, MEMBERS)
    many = points.assign(location=[f"Range {i}" for i in range(len(points))])
    assert place_labels(exercise_map_figure(many, MEMBERS, {}, series_styles(series_order(EXERCISES)))) == []


def test_the_filter_summary_names_what_a_narrow_box_cannot_show():
    assert named("Host state", ["Armenia", "Kazakhstan"]) == "Host state (2): Armenia, Kazakhstan"


def test_the_layout_css_is_static():
    """Nothing but fixed CSS reaches unsafe HTML (house rule): no format fields, no data."""
    assert "{" in LAYOUT_CSS and "%" not in LAYOUT_CSS and "<script" not in LAYOUT_CSS
