"""Issue 27, "Done when": a briefer builds "The CSTO after January 2022" through the interface,
from an empty deck, and takes it out of the app. Seven slides (membership as of 10 January 2022,
the structure, the exercise map 2022–2026 for Armenia and Kazakhstan, that view's matrix and
co-participation network, the chronology's January 2022 Kazakhstan deployment card, Armenia's
profile), checked where a person reads them: the editor's titles and page/filters/language lines,
presentation mode slide by slide, the HTML slideshow and the PowerPoint, whose pictures are judged
by their pixels (Pillow) as in tests/browser/test_slide_pictures_browser.py."""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from PIL import Image, ImageChops

from components.data.loaders import read_all
from components.export.pptx import render_pngs, renderer_problem
from components.export.sources import registry_publishers
from components.model.deck import SLIDE_PICTURE_PX, deck_from_json, slide_model, view_figure
from tests.browser.journeys.helpers import click_button, open_page, pick, query, settle, type_into, visible_text
from tests.browser.test_slide_pictures_browser import (
    LEGEND_PROBE,
    MIN_INK_HEIGHT,
    MIN_INK_WIDTH,
    MIN_PLOT_SHARE,
    PLOT_PROBE,
    _box_of,
    _has_legend,
    _probe,
)

pytestmark = pytest.mark.browser

DEPLOYMENT = "CSTO Collective Peacekeeping Forces deployed to Kazakhstan"
TWO_STATES = "Years: 2022–2026; Participating state: Armenia, Kazakhstan"
# Per slide, as the editor shows it: the derived title and its page · filters · language line.
SLIDES = [
    ("Membership timeline · 10 January 2022", "Membership timeline · As of: 10 January 2022"),
    ("Organizational structure", "Organizational structure · default view"),
    ("Exercise map · 2022–2026 · Armenia, Kazakhstan", f"Exercise map · {TWO_STATES}"),
    ("Who took part, year by year · 2022–2026 · Armenia, Kazakhstan", f"Exercise map · {TWO_STATES}"),
    ("Who trains with whom: shared exercises · 2022–2026 · Armenia, Kazakhstan", f"Exercise map · {TWO_STATES}"),
    (f"Chronology · {DEPLOYMENT}", f"Chronology · Item: {DEPLOYMENT}"),
    ("Country profile · Armenia", "Country profile · Country in focus: Armenia"),
]
CHART_LINES = {3: "chart: who took part, year by year", 4: "chart: who trains with whom"}
LEGEND_SLIDES = (3, 6)  # the matrix and the profile: their pictures must show a legend
STATE_CODES = re.compile(r"\b(ARM|KAZ|BLR|KGZ|RUS|TJK|UZB)\s*,\s*(ARM|KAZ|BLR|KGZ|RUS|TJK|UZB)\b")


def share_panel_open(page) -> None:
    """Open "Share, cite or export this view" unless it is open already."""
    if not page.locator("[class*='st-key-add_view_']").first.is_visible():
        page.get_by_text("Share, cite or export this view").first.click()
        page.locator("[class*='st-key-add_view_']").first.wait_for()


def add_this_view(page, app_page: str, charts: int) -> None:
    """Share, cite or export this view -> Add this view to the briefing deck."""
    share_panel_open(page)
    page.locator(f".st-key-add_view_{app_page} button").click()
    settle(page, charts)


def add_chart(page, app_page: str, chart_title: str, charts: int) -> None:
    """Share, cite or export this view -> Add a chart of this view to the briefing deck -> the chart."""
    share_panel_open(page)
    pick(page, f"add_chart_{app_page}", chart_title, charts=charts)


def with_deck(page, url: str) -> str:
    """A page's link carrying the deck built so far (as the app's own links and a reload do)."""
    return f"{url}{'&' if '?' in url else '?'}deck={query(page)['deck'][0]}"


def build_the_deck(page, app_url: str) -> None:
    """The seven views, added as a briefer adds them, starting from an emptied deck."""
    open_page(page, f"{app_url}/briefing")
    click_button(page, "deck_clear")
    assert "The deck is empty" in visible_text(page)
    # In-app: the sidebar to the Membership timeline, its as-of date control.
    page.locator('[data-testid="stSidebarNav"] a', has_text="Membership timeline").click()
    settle(page, charts=3)
    type_into(page, "w_asof", "2022-01-10", charts=3)
    add_this_view(page, "membership", charts=3)
    page.keyboard.press("Escape")
    page.locator('[data-testid="stSidebarNav"] a', has_text="Organizational structure").click()
    settle(page, charts=1)
    add_this_view(page, "structure", charts=1)
    page.keyboard.press("Escape")
    # The views below are opened by their links (years and participants, the deployment's card).
    exercises = f"{app_url}/exercises?ex_years=2022&ex_years=2026&ex_participants=ARM&ex_participants=KAZ"
    open_page(page, with_deck(page, exercises), charts=2)
    add_this_view(page, "exercises", charts=2)
    add_chart(page, "exercises", "Who took part, year by year (2022–2026)", charts=2)
    add_chart(page, "exercises", "Who trains with whom: held exercises shared (2022–2026)", charts=2)
    page.keyboard.press("Escape")
    open_page(page, with_deck(page, f"{app_url}/chronology?item=deployment-kazakhstan-2022"), charts=1)
    add_this_view(page, "chronology", charts=1)
    page.keyboard.press("Escape")
    open_page(page, with_deck(page, f"{app_url}/country?country=ARM"), charts=1)
    add_this_view(page, "country", charts=1)
    page.keyboard.press("Escape")


def check_the_editor(page) -> None:
    """Seven slides, each with its derived title and the line saying what it shows."""
    page.locator('[data-testid="stSidebarNav"] a', has_text="Briefing").click()
    settle(page, charts=1)
    assert page.locator("strong", has_text="Slide").first.inner_text() == "Slide 1 of 7"
    titles = [page.locator(f".st-key-deck_title_{i} input").input_value() for i in range(7)]
    assert titles == [title for title, _ in SLIDES]
    text = visible_text(page)
    for index, (_, shown) in enumerate(SLIDES):
        line = f"{shown} · in the interface's language"
        if index in CHART_LINES:
            line += f" · {CHART_LINES[index]}"
        assert line in text, f"slide {index + 1}: {line!r} not in the editor"
    assert "deployment-kazakhstan-2022" not in text and not STATE_CODES.search(text)


def present_the_deck(page, publishers: set[str]) -> None:
    """Present: slide 1 of 7 first, then each slide with the arrow key: its title, one chart,
    a source line naming a publisher."""
    click_button(page, "deck_present")
    for number, (title, _) in enumerate(SLIDES, start=1):
        if number > 1:
            page.keyboard.press("ArrowRight")
            settle(page)
        page.locator(".st-key-present_chart .js-plotly-plot .main-svg").first.wait_for()
        slide = page.locator(".st-key-present_slide")
        assert slide.locator("h1").first.inner_text().strip() == title
        assert page.locator(".st-key-present_counter").inner_text().strip() == f"{number} / 7"
        assert slide.locator(".js-plotly-plot").count() == 1, f"slide {number}: one chart"
        source = page.locator(".st-key-page_footer [data-testid='stCaptionContainer']").first.inner_text()
        assert any(name in source for name in publishers), f"slide {number}: {source!r} names no publisher"
        if number == 6:
            drawn = slide.locator(".js-plotly-plot").first.text_content()
            assert DEPLOYMENT in " ".join(drawn.split()), "the chronology slide shows the card"
    assert query(page).get("slide") == ["7"]


def download(page, key: str) -> bytes:
    with page.expect_download(timeout=180_000) as saved:
        page.locator(f".st-key-{key} button").click()
    return saved.value.path().read_bytes()


def check_html(html: str, publishers: set[str]) -> None:
    """The slideshow: seven sections with the editor's titles, one chart each, named sources."""
    sections = html.split("<section class='slide'")[1:]
    assert len(sections) == 7
    for (title, _), section in zip(SLIDES, sections, strict=True):
        assert f"<h1>{title}</h1>" in section
        assert section.count('class="chart"') == 1, f"{title}: one chart"
        summary = re.search(r"<summary>(.*?)</summary>", section).group(1)
        assert any(name in summary for name in publishers), f"{title}: {summary!r}"
    assert DEPLOYMENT in sections[5]
    assert "Sources &amp; data page" not in html and "Sources & data page" not in html
    # What a reader reads (the scripts hold the charts' data, codes included): no state codes.
    assert not STATE_CODES.search(re.sub(r"<script>.*?</script>", "", html, flags=re.DOTALL))


def drawing_spans(png: Image.Image, name: str) -> None:
    """Not blank: what is drawn spans most of the picture (as in the slide-picture test)."""
    left, top, right, bottom = ImageChops.difference(png, Image.new("RGB", png.size, "white")).getbbox()
    assert right - left >= MIN_INK_WIDTH * png.size[0], f"{name}: drawing {right - left} of {png.size[0]} px wide"
    assert bottom - top >= MIN_INK_HEIGHT * png.size[1], f"{name}: drawing {bottom - top} of {png.size[1]} px high"


def check_pptx(data: bytes, publishers: set[str]) -> list[Image.Image]:
    """Seven slides with the editor's titles, one picture each, not blank, a named source line."""
    from pptx import Presentation

    slides = list(Presentation(io.BytesIO(data)).slides)
    assert len(slides) == 7
    pictures = []
    for (title, _), slide in zip(SLIDES, slides, strict=True):
        assert slide.shapes.title.text == title
        shapes = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert len(shapes) == 1, f"{title}: one picture"
        png = Image.open(io.BytesIO(shapes[0].image.blob)).convert("RGB")
        drawing_spans(png, title)
        pictures.append(png)
        title_id = slide.shapes.title.shape_id
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.shape_id != title_id]
        source = next(text for text in texts if "sources:" in text)
        assert any(name in source for name in publishers), f"{title}: {source!r}"
        everything = " ".join([*texts, slide.notes_slide.notes_text_frame.text])
        assert "Sources & data page" not in everything
        assert not STATE_CODES.search(everything) and "deployment-kazakhstan-2022" not in everything
    return pictures


def ink_share(image: Image.Image) -> float:
    """The share of a picture's pixels that are drawn on (not near-white)."""
    ink = ImageChops.difference(image, Image.new("RGB", image.size, "white")).convert("L")
    return ink.point(lambda value: 255 if value > 64 else 0).histogram()[255] / (image.size[0] * image.size[1])


def outside_boxes_differ(picture: Image.Image, probe: Image.Image, boxes: list[tuple]) -> float:
    """The share of pixels outside ``boxes`` where the picture and the probe differ: the probe
    changes only backgrounds inside the plot and the legends, so elsewhere they are one drawing."""
    mask = Image.new("L", picture.size, 255)
    for box in boxes:
        mask.paste(0, box)
    differ = ImageChops.difference(picture, probe).convert("L").point(lambda value: 255 if value > 48 else 0)
    return ImageChops.multiply(differ, mask).histogram()[255] / (picture.size[0] * picture.size[1])


def check_pictures(deck_json: bytes, pictures: list[Image.Image]) -> None:
    """Each PowerPoint picture is its slide's figure (the saved deck's slides built again, drawn
    with the plot's background magenta and the legends' green; outside those boxes the two
    pictures agree), the plot fills most of it, legends stay off the plot, and the matrix and the
    profile show their legend: its box in the .pptx picture holds its marks and words."""
    deck, today = deck_from_json(deck_json), date.today()
    tables = read_all(today=today)
    figures = [view_figure(slide_model(slide, tables, "en", today), SLIDE_PICTURE_PX) for slide in deck]
    probes = [Image.open(io.BytesIO(png)).convert("RGB") for png in render_pngs([_probe(f) for f in figures])]
    for index, (figure, probe, picture) in enumerate(zip(figures, probes, pictures, strict=True)):
        name = SLIDES[index][0]
        assert probe.size == picture.size, f"{name}: picture {picture.size}, slide figure {probe.size}"
        plot, legend = _box_of(probe, PLOT_PROBE), _box_of(probe, LEGEND_PROBE)
        assert plot is not None, f"{name}: no plot in the picture"
        share = (plot[2] - plot[0]) * (plot[3] - plot[1]) / (probe.size[0] * probe.size[1])
        assert share >= MIN_PLOT_SHARE, f"{name}: the plot is {share:.0%} of the picture"
        if index in LEGEND_SLIDES or _has_legend(figure):
            assert legend is not None, f"{name}: the figure has a legend, the picture shows none"
        boxes = [plot]
        if legend is not None:
            boxes.append(legend)
            overlap_x = min(plot[2], legend[2]) - max(plot[0], legend[0])
            overlap_y = min(plot[3], legend[3]) - max(plot[1], legend[1])
            assert min(overlap_x, overlap_y) <= 2, f"{name}: the legend {legend} lies over the plot {plot}"
            assert ink_share(picture.crop(legend)) >= 0.02, f"{name}: the legend's box is blank in the .pptx"
        differ = outside_boxes_differ(picture, probe, boxes)
        assert differ <= 0.01, f"{name}: the .pptx picture is not the slide figure ({differ:.1%} differs)"


def test_the_csto_after_january_2022_built_presented_and_exported(app_url, watched_page):
    if renderer_problem() is not None:
        pytest.skip(f"PowerPoint renderer missing: {renderer_problem().what}")
    page = watched_page.page
    publishers = {name for name, _ in registry_publishers("en").values()}
    build_the_deck(page, app_url)
    check_the_editor(page)
    deck_json = download(page, "deck_save")
    html = download(page, "deck_export").decode("utf-8")
    pictures = check_pptx(download(page, "deck_pptx"), publishers)
    check_html(html, publishers)
    check_pictures(deck_json, pictures)
    present_the_deck(page, publishers)
    assert json.loads(deck_json)["slides"][5]["params"] == {"item": ["deployment-kazakhstan-2022"]}
    assert watched_page.external_requests() == []
    assert watched_page.problems() == []
