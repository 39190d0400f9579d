"""Presentation mode as a slideshow: one slide = its title, one chart filling the screen, a source line.

The server cannot read the viewport, so the chart's size comes from the browser: the figure has no
fixed height (``for_projector(fill=True)``), ``st.plotly_chart(height="stretch")`` fills its box,
and app.py's constant presentation CSS makes the slide (``.st-key-present_slide``) a column as tall
as the viewport in which that box (``.st-key-present_chart``) takes what the title, the caption and
the source line leave. The figure is ``model.deck.view_figure``: the one PowerPoint and the HTML
slideshow draw too. Nothing else is drawn: no notices, no editor, no footer
beyond the slide's own source line and counter.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.i18n.text import current_language, md, t
from components.model.base import PageModel
from components.model.deck import slide_chart, source_line, view_figure
from components.ui.cache import current_data_version, publishers
from components.ui.page import open_page
from components.ui.render import chart_alternative, plotly_config

CAPTION_LIMIT = 160


def one_line(text: str, limit: int = CAPTION_LIMIT) -> str:
    """A caption short enough for one line on a slide."""
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def present_slide(
    model: PageModel,
    lang: str | None = None,
    counter: str | None = None,
    controls: Callable[[], None] | None = None,
) -> None:
    """Draw one slide: title, optional one-line caption, the slide's chart, then a bottom line
    with the source, the counter and the (small) navigation ``controls``."""
    # One column as tall as the screen (app.py's presentation CSS): the chart takes what is left.
    with st.container(key="present_slide"):
        st.title(md(model.title), anchor=False)
        if model.caption:
            st.caption(md(one_line(model.caption)))
        chart = slide_chart(model)
        with st.container(key="present_chart"):
            if chart is None:
                st.markdown(t("present.no_chart"))
            else:
                chart_alternative(chart, lang, prefix="present_")
                st.plotly_chart(
                    view_figure(model),
                    key=f"present_{chart.key}",
                    theme=None,
                    config={**plotly_config(chart.file_stem), "responsive": True, "displayModeBar": False},
                    height="stretch",
                )
        # The slide's bottom line is its footer: provenance, then the counter and the controls.
        with st.container(key="page_footer", horizontal=True, vertical_alignment="center"):
            st.caption(md(source_line(model, current_data_version(), lang or current_language(), publishers())))
            if counter:
                with st.container(key="present_counter", width="content"):
                    st.markdown(f"**{counter}**")
            if controls:
                controls()


def present_page(page: str) -> None:
    """``?present=1`` on a page with a declared state: that single view as one slide."""
    opened = open_page(page)
    present_slide(opened.model)
