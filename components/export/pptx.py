"""The deck as PowerPoint (pure): one slide per view with its title, chart picture, source line and
the speaker notes (with the view's numbered sources) in the slide's notes.

Chart pictures are rendered on the server by kaleido (v1), which drives a Chromium already on the
machine: ``BROWSER_PATH`` or Debian's ``/usr/bin/chromium``; nothing is ever downloaded. Map
outlines come from ``static/topojson`` through ``window.PlotlyGeoAssets`` (as in the HTML export),
so rendering needs no network either. ``renderer_problem()`` says what is missing instead of failing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib.util
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Coroutine, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from components.export.html import _geo_assets
from components.export.sources import (
    cited_for,
    offline_source_line,
    registry_publishers,
    slide_sources,
    source_entry,
)
from components.i18n.text import language, t
from components.model.base import PageModel, chart_summary
from components.model.deck import SLIDE_PICTURE_PX, slide_chart, view_figure

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# A picture is the slide figure presentation mode draws at 1280×720 (``SLIDE_PICTURE_PX``), at 2x,
# placed 12.5 inches wide under the title of a 16:9 slide (13.333 × 7.5 inches).
PICTURE_SCALE = 2
PICTURE_LEFT_IN = 0.4
PICTURE_TOP_IN = 1.15
SOURCE_TOP_IN = 6.85
PICTURE_WIDTH_IN = 12.5
# Characters of a title on one line of the 12.5-inch title box at 32 pt, and at 24 pt.
TITLE_ONE_LINE_CHARS = 52
TITLE_TWO_LINE_CHARS = 68
INSTALL_HINT = {
    "python-pptx": "pip install -r requirements.txt (python-pptx)",
    "kaleido": "pip install -r requirements.txt (kaleido)",
    "Chromium": "apt-get install -y chromium (or set BROWSER_PATH to a Chrome/Chromium)",
}


class RendererMissing(RuntimeError):
    """What the PowerPoint export needs and is not installed (``what``, ``install``)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what
        self.install = INSTALL_HINT[what]


def browser_path() -> str | None:
    """The Chromium kaleido drives: ``BROWSER_PATH`` if set, else Debian's or one on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in (DEBIAN_CHROMIUM, shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def renderer_problem() -> RendererMissing | None:
    """What is missing to build a .pptx here (None when everything is installed)."""
    if importlib.util.find_spec("pptx") is None:
        return RendererMissing("python-pptx")
    if importlib.util.find_spec("kaleido") is None:
        return RendererMissing("kaleido")
    if browser_path() is None:
        return RendererMissing("Chromium")
    return None


def render_pngs(figures: list[go.Figure]) -> list[bytes]:
    """PNG pictures of the figures, all in one headless Chromium session (kaleido)."""
    problem = renderer_problem()
    if problem:
        raise problem
    import kaleido
    from kaleido import PageGenerator

    os.environ.setdefault("BROWSER_PATH", browser_path() or DEBIAN_CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="csto-pptx-") as folder:
        assets = Path(folder) / "geo_assets.js"
        assets.write_text(_geo_assets(), encoding="utf-8")
        page = PageGenerator(mathjax=False, others=[str(assets)])

        async def render() -> list[bytes]:
            async with kaleido.Kaleido(n=1, page_generator=page) as renderer:
                return [await renderer.calc_fig(figure, opts=_picture_options(figure)) for figure in figures]

        return _run_apart(render)


def _picture_options(figure: go.Figure) -> dict[str, Any]:
    """Kaleido draws the figure at the size its layout says (a slide figure has one), at 2x."""
    width = figure.layout.width or SLIDE_PICTURE_PX[0]
    height = figure.layout.height or SLIDE_PICTURE_PX[1]
    return {"format": "png", "width": width, "height": height, "scale": PICTURE_SCALE}


def _run_apart(make: Callable[[], Coroutine[Any, Any, list[bytes]]]) -> list[bytes]:
    """Run the renderer's coroutine on a thread of its own: the caller's thread may already run
    an event loop (a server, a test harness), where ``asyncio.run`` is not allowed."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make())).result()


def briefing_pptx(
    slides: list[PageModel],
    version: str,
    accessed: date,
    notes: list[str] | None = None,
    langs: list[str] | None = None,
    publishers: Mapping[str, tuple[str, str]] | None = None,
) -> bytes:
    """The deck as a .pptx: per view a title, its slide figure as a picture (the one presentation
    mode draws, at its 1280×720 size), a source line with the data version and its sources'
    publishers by name, and the speaker notes followed by the view's numbered sources (publisher,
    kind, address: the file has no Sources & data page to point to). ``publishers`` (web domain
    -> (name, kind)) comes from data/sources.csv when not given."""
    from pptx import Presentation
    from pptx.util import Inches

    figures = [view_figure(model, SLIDE_PICTURE_PX) for model in slides]
    pictures = iter(render_pngs([figure for figure in figures if figure is not None]))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    registries: dict[str, Mapping[str, tuple[str, str]]] = {}
    for index, (model, figure) in enumerate(zip(slides, figures, strict=True)):
        lang = (langs or [])[index] if langs and index < len(langs) else "en"
        if publishers is None and lang not in registries:
            registries[lang] = registry_publishers(lang)
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
        _fill_slide(
            slide,
            model,
            (figure, next(pictures) if figure is not None else None),
            lang,
            publishers if publishers is not None else registries[lang],
            version,
        )
        note = (notes or [])[index] if notes and index < len(notes) else ""
        slide.notes_slide.notes_text_frame.text = _speaker_notes(
            model, note, version, accessed, lang, publishers if publishers is not None else registries[lang]
        )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def title_points(title: str) -> int:
    """The title's type size: 32 pt when it fits on one line of the slide, smaller for two or
    three lines, so that it never runs into the picture below it."""
    return 32 if len(title) <= TITLE_ONE_LINE_CHARS else 24 if len(title) <= 2 * TITLE_TWO_LINE_CHARS else 18


def _fill_slide(slide: Any, model: PageModel, picture: tuple, lang: str, publishers: Mapping, version: str) -> None:
    """Title, picture (the figure's proportions, 12.5 inches wide) and source line of one slide."""
    from pptx.util import Inches, Pt

    figure, png = picture
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.4), Inches(0.15), Inches(12.5), Inches(0.95)
    title.text = model.title
    title.text_frame.word_wrap = True
    for paragraph in title.text_frame.paragraphs:
        paragraph.font.size = Pt(title_points(model.title))
    if figure is not None:
        height = PICTURE_WIDTH_IN * figure.layout.height / figure.layout.width
        shown = slide.shapes.add_picture(
            io.BytesIO(png),
            Inches(PICTURE_LEFT_IN),
            Inches(PICTURE_TOP_IN),
            width=Inches(PICTURE_WIDTH_IN),
            height=Inches(height),
        )
        # The picture's alt text (what PowerPoint reads out): the chart's summary in the slide's
        # language, the one the app's screen-reader paragraph carries. python-pptx has no API for it.
        chart = slide_chart(model)
        if chart is not None:
            shown._element.nvPicPr.cNvPr.set("descr", chart_summary(chart, lang))
    box = slide.shapes.add_textbox(Inches(0.4), Inches(SOURCE_TOP_IN), Inches(12.5), Inches(0.5))
    box.text_frame.word_wrap = True
    box.text_frame.text = offline_source_line(model, version, lang, publishers, "export.sources_in_notes")
    box.text_frame.paragraphs[0].font.size = Pt(12)


def _speaker_notes(model: PageModel, note: str, version: str, accessed: date, lang: str, publishers: Mapping) -> str:
    """The slide's notes: the briefer's note, the view's caption, the data version, the sources."""
    with language(lang):
        sources_heading = t("export.sources")
        meta = t("export.meta", version=version, accessed=accessed.isoformat())
    about = cited_for(model)
    listed = "\n".join(
        f"{number}. {source_entry(url, publishers, lang, about.get(url, ''))}"
        for number, url in enumerate(slide_sources(model), start=1)
    )
    return "\n\n".join(
        part
        for part in (
            note,
            model.caption,
            model.deck.get("view"),
            meta,
            f"{sources_heading}:\n{listed}" if listed else "",
        )
        if part
    )
