"""Charts' text alternatives and plotly's number format, in the page's language."""

from __future__ import annotations

import pytest

from components.data.loaders import read_all
from components.figures.style import base_layout
from components.i18n.text import CATALOGUE, language
from components.model.base import chart_summary
from components.model.pages import PAGE_KINDS, build_from_params
from tests.conftest import FIXED_TODAY

PARAMS = {"country": {"country": ["KGZ"]}}


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", list(PAGE_KINDS))
def test_every_chart_has_a_text_alternative_in_the_page_language(tables, page, lang):
    with language(lang):
        model, _ = build_from_params(page, PARAMS.get(page, {}), tables, lang, FIXED_TODAY)
    assert model.charts, page
    opening = CATALOGUE[lang]["chart.alt"].split("{")[0]
    for chart in model.charts:
        summary = chart_summary(chart, lang)
        title = " ".join(chart.title.replace("<br>", " ").split()).rstrip(".")
        assert summary.startswith(opening + title), summary
        if lang == "ru":
            assert "Chart" not in summary and "Legend" not in summary, summary


def test_the_status_map_alternative_names_every_status_it_shows(tables):
    with language("en"):
        model, _ = build_from_params("membership", {}, tables, "en", FIXED_TODAY)
    chart = model.chart("status_map")
    shown = [trace.name.replace("<br>", " ") for trace in chart.figure.data]
    summary = chart_summary(chart)
    assert shown and all(" ".join(name.split()) in summary for name in shown), (shown, summary)


@pytest.mark.parametrize(("lang", "separators"), [("en", ".,"), ("ru", ",\u00a0")])
def test_plotly_groups_numbers_as_the_language_does(lang, separators):
    with language(lang):
        assert base_layout()["separators"] == separators
