"""A legibility standard for every chart, checked on the figure objects (no browser).

For each figure builder, with the shipped data, in English and in Russian, framed as the pages
frame it (title and source line), on screen and after ``for_projector``:

- no type smaller than 11 px on screen, 16 px on a projector;
- every visible cartesian axis lets plotly grow the margin for its labels (``automargin``);
- axes that need a title have one; legends sit inside the figure (a PNG download keeps them);
- no label longer than what fits: tick labels, annotation lines and trace text lines have a
  length limit, and whatever is shortened ("…") carries its full text in a hover.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import plotly.graph_objects as go
import pytest

from components.data.loaders import read_all
from components.derive.events import DEFAULT_MILESTONES, filter_events
from components.derive.exercises import map_points, series_order
from components.derive.membership import member_count_series, membership_periods, summary_on
from components.derive.org import layered_layout, layered_routes, org_graph, spring_layout
from components.figures.exercises import exercise_map_figure, per_year_figure, series_display_names, series_styles
from components.figures.membership import member_count_figure, membership_timeline_figure, status_map_figure
from components.figures.org import org_figure
from components.figures.style import (
    MIN_FONT_SIZE,
    MIN_PROJECTOR_FONT_SIZE,
    for_projector,
    with_title_and_source,
)
from components.i18n.names import exercise_names, series_names
from components.i18n.text import set_language
from tests.conftest import FIXED_TODAY

TODAY = date(2026, 11, 29)
# Longest line (characters) that fits where each kind of text goes at 1280 px.
TICK_LABEL_LIMIT = 30
ANNOTATION_LINE_LIMIT = 72
TRACE_TEXT_LINE_LIMIT = 34


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def _builders(tables) -> dict[str, tuple[Callable[[], go.Figure], str]]:
    """name -> (build the figure in the current language, "wide" or "narrow" like the page)."""
    members, membership = tables["members"], tables["membership"]
    graph = org_graph(tables["bodies"], tables["body_links"]).graph

    def exercises_figure(kind: str) -> go.Figure:
        exercises = tables["exercises"].assign(display_name=exercise_names(tables["exercises"]))
        labels = series_display_names(exercises, series_names(exercises))
        styles = series_styles(series_order(exercises))
        if kind == "per_year":
            return per_year_figure(exercises[["start_date", "series", "status"]], styles, (2004, 2025), labels)
        points, _ = map_points(exercises, members)
        statuses = {code: "member" for code in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")}
        return exercise_map_figure(
            points, members, statuses, styles, largest_personnel=exercises["personnel"].max(), series_labels=labels
        )

    def status_map() -> go.Figure:
        grouped = summary_on(membership, TODAY)
        return status_map_figure({c: s for s, codes in grouped.items() for c in codes}, members)

    milestones = filter_events(tables["events"], categories=DEFAULT_MILESTONES)
    return {
        "timeline": (
            lambda: membership_timeline_figure(
                membership_periods(membership, TODAY), members, milestones, as_of=TODAY, today=TODAY
            ),
            "wide",
        ),
        "status_map": (status_map, "narrow"),
        "member_count": (lambda: member_count_figure(member_count_series(membership, TODAY), as_of=TODAY), "narrow"),
        "org_layered": (
            lambda: org_figure(graph, layered_layout(graph), routes=layered_routes(graph), as_of_year=2026),
            "wide",
        ),
        "org_spring": (lambda: org_figure(graph, spring_layout(graph), as_of_year=2026), "wide"),
        "exercise_map": (lambda: exercises_figure("map"), "wide"),
        "per_year": (lambda: exercises_figure("per_year"), "narrow"),
    }


CASES = [
    (name, lang, projector)
    for name in (
        "timeline",
        "status_map",
        "member_count",
        "org_layered",
        "org_spring",
        "exercise_map",
        "per_year",
    )
    for lang in ("en", "ru")
    for projector in (False, True)
]


def _fonts(node: object, path: str = "") -> Iterator[tuple[str, float]]:
    """Every explicit font size in a figure's JSON, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}.{key}"
            if key in ("font", "textfont", "tickfont", "insidetextfont", "outsidetextfont") and isinstance(value, dict):
                sizes = value.get("size")
                for size in sizes if isinstance(sizes, list | tuple) else [sizes]:
                    if size is not None:
                        yield here, float(size)
            if key != "template":
                yield from _fonts(value, here)
    elif isinstance(node, list | tuple):
        for index, value in enumerate(node):
            yield from _fonts(value, f"{path}[{index}]")


def _lines(text: str | None) -> list[str]:
    import re

    plain = re.sub(r"<(?!br)[^>]+>", "", str(text or "")).replace("&nbsp;", " ")
    return [line for line in re.split(r"<br\s*/?>", plain) if line]


_BUILT: dict[tuple[str, str], dict] = {}


@pytest.fixture(params=CASES, ids=[f"{n}-{lang}-{'projector' if p else 'screen'}" for n, lang, p in CASES])
def framed(request, tables):
    name, lang, projector = request.param
    set_language(lang)
    try:
        if (name, lang) not in _BUILT:  # each figure is built once per language, then copied
            build, width = _builders(tables)[name]
            figure = with_title_and_source(build(), f"Chart {name}", "CSTO Explorer · data 2026-11-29·d8ab3d2d", width)
            _BUILT[(name, lang)] = figure.to_dict()
        figure = go.Figure(_BUILT[(name, lang)])
        if projector:
            figure = for_projector(figure)
        yield name, projector, figure
    finally:
        set_language("en")


def test_type_is_large_enough(framed):
    name, projector, figure = framed
    smallest = MIN_PROJECTOR_FONT_SIZE if projector else MIN_FONT_SIZE
    layout = figure.to_plotly_json()
    too_small = [(where, size) for where, size in _fonts(layout) if size < smallest]
    assert not too_small, f"{name}: type under {smallest} px: {too_small[:8]}"
    assert (figure.layout.font.size or 12) >= smallest


def test_axes_make_room_for_their_labels_and_legends_stay_inside(framed):
    name, _, figure = framed
    layout = figure.layout
    for key in [k for k in layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        axis = layout[key]
        if axis.visible is False:
            continue
        assert axis.automargin, f"{name}: {key} without automargin cuts its labels"
    legends = [k for k in layout.to_plotly_json() if k.startswith("legend")]
    for key in legends:
        legend = layout[key]
        if legend.orientation == "h" and legend.yref != "container":
            assert legend.y is None or legend.y > -1.5, f"{name}: {key} far below the plot"
            assert (layout.margin.b or 0) >= 60, f"{name}: {key} below the plot without a bottom margin for it"


def test_titles_where_needed(framed):
    name, _, figure = framed
    assert figure.layout.title.text, f"{name}: no chart title"
    if name in ("member_count", "per_year"):
        assert figure.layout.yaxis.title.text, f"{name}: the count axis has no title"


def test_no_label_longer_than_fits_and_shortened_text_has_hover(framed):
    name, _, figure = framed
    layout = figure.layout
    for key in [k for k in layout.to_plotly_json() if k.startswith("yaxis")]:
        for label in layout[key].categoryarray or ():
            assert len(str(label)) <= TICK_LABEL_LIMIT, f"{name}: tick label too long: {label!r}"
    for annotation in layout.annotations:
        for line in _lines(annotation.text):
            assert len(line) <= ANNOTATION_LINE_LIMIT, f"{name}: annotation line too long: {line!r}"
        if "…" in str(annotation.text):
            assert annotation.hovertext, f"{name}: shortened annotation without its full text: {annotation.text!r}"
    for trace in figure.data:
        texts = trace.text if isinstance(trace.text, list | tuple) else [trace.text]
        for text in texts:
            for line in _lines(text):
                assert len(line) <= TRACE_TEXT_LINE_LIMIT, f"{name}: label line too long: {line!r}"
            if text and "…" in str(text):
                assert trace.hovertext is not None and all(trace.hovertext), (
                    f"{name}: {trace.name!r} shortens labels but has no hover with the full text"
                )
