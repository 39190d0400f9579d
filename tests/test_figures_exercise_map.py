"""The exercise map of a few places: their names and the states around them (issue 31)."""

from __future__ import annotations

from datetime import date

import pytest

from components.data.loaders import read_all
from components.derive.exercises import map_points, series_order
from components.figures.exercises import exercise_map_figure, series_styles
from components.model.pages import build_from_params

TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def tables():
    return read_all(today=TODAY)


def _texts(fig) -> dict[str, list[str]]:
    return {str(trace.name): [str(text) for text in trace.text] for trace in fig.data if trace.text is not None}


@pytest.mark.parametrize(("lang", "state"), [("en", "Kyrgyzstan"), ("ru", "Кыргызстан")])
def test_a_map_of_one_exercise_names_its_place_and_the_states_around_it(tables, lang, state):
    """Kobalt-2022 at Balykchy on Lake Issyk-Kul: the map zoomed to a patch with no name on it but
    the training ground's. Now the states whose capitals are in view are named (Kyrgyzstan, whose
    capital Bishkek is 130 km away, among them), in the interface language."""
    model, _ = build_from_params("exercises", {"ex_text": ["Kobalt-2022"]}, tables, lang, TODAY)
    fig = model.chart("exercise_map").figure
    texts = _texts(fig)
    assert any("Edelweiss" in text or "Эдельвейс" in text for values in texts.values() for text in values)
    assert state in texts.get("surroundings", []), texts
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[0] < 74.61 < lon[1] and lat[0] < 42.87 < lat[1], "Bishkek is in view"


def test_the_view_reaches_the_nearest_capital(tables):
    """Chebarkul (55°N 60°E) is 1,000 km from any CSTO capital: the view reaches Astana."""
    exercises = tables["exercises"]
    chebarkul = exercises[exercises["location"].str.contains("Chebarkul", na=False)].head(1)
    points, _ = map_points(chebarkul, tables["members"])
    fig = exercise_map_figure(points, tables["members"], {}, series_styles(series_order(exercises)))
    lon, lat = fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range
    assert lon[0] < 71.43 < lon[1] and lat[0] < 51.17 < lat[1]
    assert _texts(fig)["surroundings"] == ["Kazakhstan"]


def test_the_region_map_names_no_states(tables):
    """The whole region's map has many places: the markers and the outlines are its reference."""
    model, _ = build_from_params("exercises", {}, tables, "en", TODAY)
    assert "surroundings" not in _texts(model.chart("exercise_map").figure)
