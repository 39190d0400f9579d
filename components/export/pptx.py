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
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from components.export.html import _geo_assets
from components.figures.style import PROJECTOR_FONT_SIZE
from components.i18n.text import language, t
from components.model.base import PageModel
from components.model.deck import slide_chart, source_line

DEBIAN_CHROMIUM = "/usr/bin/chromium"
# Picture size in CSS pixels (rendered at 2x): the slide's chart area is 12.5 x 5.4 inches.
PICTURE_WIDTH = 1250
PICTURE_HEIGHT = 540
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


def _slide_figure(figure: go.Figure) -> go.Figure:
    """The chart as a picture: no title of its own (the slide has it), type sized for a room."""
    picture = go.Figure(figure)
    picture.update_layout(
        title=None,
        height=None,
        width=None,
        margin={"t": 40},
        font={"size": PROJECTOR_FONT_SIZE - 4},
        legend={"font": {"size": PROJECTOR_FONT_SIZE - 6}},
    )
    return picture


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
            opts = {"format": "png", "width": PICTURE_WIDTH, "height": PICTURE_HEIGHT, "scale": 2}
            async with kaleido.Kaleido(n=1, page_generator=page) as renderer:
                return [await renderer.calc_fig(figure, opts=opts) for figure in figures]

        return _run_apart(render)


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
) -> bytes:
    """The deck as a .pptx: per view a title, its first slide chart as a picture, a source line with
    the data version, and the speaker notes followed by the view's numbered sources."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    charts = [slide_chart(model) for model in slides]
    pictures = iter(render_pngs([_slide_figure(chart.figure) for chart in charts if chart is not None]))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    layout = deck.slide_layouts[5]  # "Title Only"
    for index, (model, chart) in enumerate(zip(slides, charts, strict=True)):
        lang = (langs or [])[index] if langs and index < len(langs) else "en"
        slide = deck.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.9)
        title.text = model.title
        title.text_frame.paragraphs[0].font.size = Pt(32)
        if chart is not None:
            slide.shapes.add_picture(
                io.BytesIO(next(pictures)), Inches(0.4), Inches(1.2), width=Inches(12.5), height=Inches(5.4)
            )
        box = slide.shapes.add_textbox(Inches(0.4), Inches(6.75), Inches(12.5), Inches(0.5))
        box.text_frame.word_wrap = True
        box.text_frame.text = source_line(model, version, lang)
        box.text_frame.paragraphs[0].font.size = Pt(12)
        note = (notes or [])[index] if notes and index < len(notes) else ""
        with language(lang):
            sources_heading = t("export.sources")
            meta = t("export.meta", version=version, accessed=accessed.isoformat())
        listed = "\n".join(f"{number}. {url}" for number, url in enumerate(model.sources, start=1))
        slide.notes_slide.notes_text_frame.text = "\n\n".join(
            part for part in (note, model.caption, meta, f"{sources_heading}:\n{listed}" if listed else "") if part
        )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
