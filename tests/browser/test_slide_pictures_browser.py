"""PowerPoint pictures judged by their pixels: every chart kind a slide can show, exported as the
briefer exports it, must be a picture of the slide (the slide figure at its size), the plot must
fill most of it, legends must stay off the plot, and no text may overlap other text.

The pictures are read from the .pptx with Pillow. To find the plot and the legends in the pixels,
the figures the export hands its renderer are drawn a second time with the plot's background in
magenta and the legends' in green (nothing else changes). The same figures are drawn by plotly.js
in Chromium at the picture's size to measure every text's box (the legibility walk's measure)."""

from __future__ import annotations

import io
import json
import os
from datetime import date

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageChops
from plotly.offline import get_plotlyjs

from components.data.loaders import read_all
from components.export import pptx
from components.export.html import _geo_assets
from components.model.deck import SLIDE_PICTURE_PX, default_deck, slide_model
from tests.browser.test_legibility_browser import MEASURE, ORG_SLIDE_CUT_LIMIT, problems, settled

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 29)
PLOT_PROBE = (255, 0, 255)
LEGEND_PROBE = (0, 255, 0)
# The plot's box takes at least this share of the picture; whatever is drawn (ink) spans at
# least these shares of its width and height, and leaves no empty band taller than the last.
MIN_PLOT_SHARE = 0.5
MIN_INK_WIDTH = 0.85
MIN_INK_HEIGHT = 0.8
MAX_EMPTY_BAND = 0.2


def _deck() -> dict[str, dict]:
    """The default deck and a slide of every other chart a view can put on one."""
    today, history, structure, exercises = default_deck(TODAY)
    two_states = {"ex_years": ["2022", "2026"], "ex_participants": ["ARM", "KAZ"]}
    return {
        "today": today,
        "history": history,
        "structure": structure,
        "exercises": exercises,
        "exercises_two_states": {"page": "exercises", "params": two_states},
        "matrix": {"page": "exercises", "params": {"ex_years": ["2022", "2026"]}, "chart": "participation_matrix"},
        "network": {"page": "exercises", "params": {"ex_years": ["2022", "2026"]}, "chart": "co_participation"},
        "per_year": {"page": "exercises", "params": {}, "chart": "per_year"},
        "chronology_card": {"page": "chronology", "params": {"item": ["deployment-kazakhstan-2022"]}},
        "profile": {"page": "country", "params": {"country": ["ARM"]}},
        "status_map": {"page": "membership", "params": {}, "chart": "status_map"},
        "count_chart": {"page": "membership", "params": {}, "chart": "count_chart"},
    }


# The Russian slides of the kinds whose labels grow most in Russian (legends, names, the card).
RUSSIAN = ("today", "structure", "exercises", "matrix", "chronology_card", "profile", "status_map")
ENGLISH = _deck()
SLIDES = {**ENGLISH, **{f"{name}_ru": {**ENGLISH[name], "lang": "ru"} for name in RUSSIAN}}


def _probe(figure: go.Figure) -> go.Figure:
    """The same figure with the plot's background magenta and every legend's green. An item card
    a slide shows with its chart (the chronology's) is what the slide is about: it counts as plot."""
    probe = go.Figure(figure)
    magenta, green = "rgb({},{},{})".format(*PLOT_PROBE), "rgb({},{},{})".format(*LEGEND_PROBE)
    probe.update_layout(plot_bgcolor=magenta)
    for note in probe.layout.annotations:
        if note.name == "slide-card":
            note.bgcolor = magenta
    probe.update_geos(bgcolor=magenta, landcolor=magenta, oceancolor=magenta, lakecolor=magenta, showocean=True)
    for name in [key for key in probe.layout.to_plotly_json() if key.startswith("legend")]:
        probe.update_layout({name: {"bgcolor": green}})
    return probe


@pytest.fixture(scope="module")
def exported() -> dict[str, dict]:
    """Per slide: its PowerPoint picture, the picture's shape, the figure the export rendered and
    that figure's probe picture."""
    problem = pptx.renderer_problem()
    if problem is not None:
        pytest.skip(f"PowerPoint renderer missing: {problem.what} ({problem.install})")
    from pptx import Presentation

    tables = read_all(today=TODAY)
    models = [slide_model(slide, tables, slide.get("lang", "en"), TODAY) for slide in SLIDES.values()]
    rendered: list[go.Figure] = []
    real_render = pptx.render_pngs
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pptx, "render_pngs", lambda figures: rendered.extend(figures) or real_render(figures))
        data = pptx.briefing_pptx(models, "test", TODAY, langs=[slide.get("lang", "en") for slide in SLIDES.values()])
    assert len(rendered) == len(SLIDES), "every slide has a chart"
    probes = real_render([_probe(figure) for figure in rendered])
    found = {}
    for name, slide, figure, probe in zip(SLIDES, Presentation(io.BytesIO(data)).slides, rendered, probes, strict=True):
        shape = next(shape for shape in slide.shapes if shape.shape_type == 13)
        found[name] = {
            "png": Image.open(io.BytesIO(shape.image.blob)).convert("RGB"),
            "shape": (shape.width, shape.height),
            "figure": figure,
            "probe": Image.open(io.BytesIO(probe)).convert("RGB"),
        }
    _keep_for_eyes(found)
    return found


def _keep_for_eyes(found: dict[str, dict]) -> None:
    """With ``CSTO_SLIDE_PICTURES=folder``, the pictures (and their probes) are saved there to be
    opened and looked at."""
    folder = os.environ.get("CSTO_SLIDE_PICTURES")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    for name, parts in found.items():
        parts["png"].save(os.path.join(folder, f"{name}.png"))
        parts["probe"].save(os.path.join(folder, f"{name}-probe.png"))


def _box_of(image: Image.Image, colour: tuple[int, int, int]) -> tuple[int, int, int, int] | None:
    """The bounding box of the pixels of exactly ``colour``."""
    mask = ImageChops.difference(image, Image.new("RGB", image.size, colour)).convert("L")
    return mask.point(lambda value: 255 if value < 8 else 0).getbbox()


def _has_legend(figure: go.Figure) -> bool:
    """Does the figure draw a legend (some named trace shown in it, the legend not switched off)?"""
    if figure.layout.showlegend is False:
        return False
    return any(trace.name and trace.showlegend is not False for trace in figure.data)


def _ink_rows(image: Image.Image) -> list[bool]:
    """Per pixel row: does it hold anything but the white background?"""
    ink = ImageChops.difference(image, Image.new("RGB", image.size, "white")).convert("L")
    ink = ink.point(lambda value: 255 if value > 24 else 0)
    width = image.size[0]
    return [bool(ink.crop((0, y, width, y + 1)).getbbox()) for y in range(image.size[1])]


@pytest.mark.parametrize("name", SLIDES)
def test_picture_is_the_slide_at_its_size_and_the_drawing_fills_it(exported, name):
    png, (shape_width, shape_height) = exported[name]["png"], exported[name]["shape"]
    width, height = SLIDE_PICTURE_PX
    assert png.size == (2 * width, 2 * height), f"{name}: picture {png.size}, slide figure {width}×{height} at 2x"
    assert abs(shape_width / shape_height - width / height) < 0.01, f"{name}: the picture is stretched on the slide"
    left, top, right, bottom = ImageChops.difference(png, Image.new("RGB", png.size, "white")).getbbox()
    assert (right - left) >= MIN_INK_WIDTH * png.size[0], f"{name}: drawing {right - left} of {png.size[0]} px wide"
    assert (bottom - top) >= MIN_INK_HEIGHT * png.size[1], f"{name}: drawing {bottom - top} of {png.size[1]} px high"
    rows, longest, run = _ink_rows(png), 0, 0
    for has_ink in rows:
        run = 0 if has_ink else run + 1
        longest = max(longest, run)
    assert longest <= MAX_EMPTY_BAND * len(rows), f"{name}: an empty band {longest} of {len(rows)} px high"


@pytest.mark.parametrize("name", SLIDES)
def test_plot_fills_most_of_the_picture_and_legends_stay_off_it(exported, name):
    probe = exported[name]["probe"]
    plot = _box_of(probe, PLOT_PROBE)
    assert plot is not None, f"{name}: no plot area in the picture"
    share = (plot[2] - plot[0]) * (plot[3] - plot[1]) / (probe.size[0] * probe.size[1])
    assert share >= MIN_PLOT_SHARE, f"{name}: the plot is {share:.0%} of the picture"
    legend = _box_of(probe, LEGEND_PROBE)
    if _has_legend(exported[name]["figure"]):
        # A legend placed outside the picture (measured from the container, above its top) is no
        # legend a briefer sees: the matrix and the profile lost theirs that way once.
        assert legend is not None, f"{name}: the figure has legend entries but the picture shows no legend"
    if legend is not None:
        overlap_x = min(plot[2], legend[2]) - max(plot[0], legend[0])
        overlap_y = min(plot[3], legend[3]) - max(plot[1], legend[1])
        assert min(overlap_x, overlap_y) <= 2, f"{name}: the legend {legend} lies over the plot {plot}"


@pytest.fixture(scope="module")
def drawing_page(browser):
    """A page of the picture's size with plotly.js and the map outlines, offline."""
    width, height = SLIDE_PICTURE_PX
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_content(
        "<html><body style='margin:0'><div id='chart'></div>"
        f"<script>{_geo_assets()}</script><script>{get_plotlyjs()}</script></body></html>"
    )
    yield page
    page.close()


@pytest.mark.parametrize("name", SLIDES)
def test_no_text_overlaps_other_text_in_the_picture(exported, drawing_page, name):
    figure = go.Figure(exported[name]["figure"])
    png = exported[name]["png"]
    figure.update_layout(width=png.size[0] // 2, height=png.size[1] // 2)
    plotted = json.loads(figure.to_json())
    drawing_page.evaluate(
        "([data, layout]) => Plotly.newPlot('chart', data, layout, {staticPlot: true})",
        [plotted["data"], plotted["layout"]],
    )
    found = problems(settled(drawing_page, MEASURE))
    if name.startswith("structure"):  # a name with no room on the slide is cut (its hover is whole)
        cut = [line for line in found if line.endswith(" is cut")]
        limit = ORG_SLIDE_CUT_LIMIT["ru" if name.endswith("_ru") else "en"]
        assert len(cut) <= limit, f"{name}: {len(cut)} names cut (at most {limit}):\n" + "\n".join(cut)
        found = [line for line in found if line not in cut]
    assert not found, f"{name}:\n" + "\n".join(found[:20])
