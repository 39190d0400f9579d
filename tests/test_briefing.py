"""Shareable views, citations, saved views and exports (pure parts)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.data.version import content_hash, data_version
from components.export.csv import neutralise_formula, to_csv_bytes
from components.export.html import briefing_html
from components.export.links import share_url
from components.model.deck import default_deck, slide_model, slide_title
from tests.conftest import DATA, FIXED_TODAY


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def test_share_url_without_a_known_host_is_relative():
    assert share_url(None, "exercises", {"ex_text": ["a b"]}) == "/exercises?ex_text=a+b"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ok", "ok"),
        ("x;=HYPERLINK(1)", "x;'=HYPERLINK(1)"),
        ("a, +cmd|' /C calc'!A0", "a, '+cmd|' /C calc'!A0"),
        (-3, -3),
        (1.5, 1.5),
    ],
)
def test_csv_formula_injection_is_neutralised(value, expected):
    assert neutralise_formula(value) == expected


def test_csv_bytes_keep_numbers_and_dates():
    frame = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x")'],
            "number": [-5],
            "day": [pd.Timestamp("2020-01-02")],
            "states": [["ARM", "RUS"]],
        }
    )
    assert (
        to_csv_bytes(frame).decode()
        == '"text","number","day","states"\n"\'=HYPERLINK(""http://x"")",-5,"2020-01-02","ARM;RUS"\n'
    )


def test_data_version_has_date_and_content_hash():
    version = data_version(DATA)
    day, digest = version.split("·")
    assert date.fromisoformat(day) and digest == content_hash(DATA) and len(digest) == 8


def test_default_deck_builds_every_slide(tables):
    deck = default_deck(FIXED_TODAY)
    assert [view["page"] for view in deck] == ["membership", "membership", "structure", "exercises"]
    for view in deck:
        model = slide_model(view, tables, "en", FIXED_TODAY)
        assert model.charts and model.sources and model.title == slide_title(view, "en") != ""


def test_briefing_html_is_self_contained_and_escaped(tables):
    slides = [slide_model(view, tables, "en", FIXED_TODAY) for view in default_deck(FIXED_TODAY)]
    slides[0].caption = "<img src=x onerror=alert(1)>"
    slides[0].sources = ["javascript:alert(1)", "https://example.org/?a=<b>"]
    page = briefing_html(slides, "2026-01-01·abcd1234", FIXED_TODAY)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page and "https://example.org/?a=&lt;b&gt;" in page
    assert "window.PlotlyGeoAssets" in page and '"world_110m"' in page
    assert "<script src=" not in page, "no script is fetched from anywhere"
    assert page.count("Plotly.newPlot(") == sum(any(c.on_slide for c in s.charts) for s in slides), "one per slide"
    assert "2026-01-01·abcd1234" in page
