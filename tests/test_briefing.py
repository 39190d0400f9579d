"""Shareable views, citations, saved views and exports (pure parts)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.data.version import content_hash, data_version
from components.derive.sources import to_csv_bytes
from components.export.html import briefing_html, neutralise_formula
from components.export.links import citation, describe_view, rejected_params, share_url
from components.model.views import VIEW_KEYS, default_deck, render_view, view_title
from tests.conftest import DATA, FIXED_TODAY


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def test_rejected_params_split_unknown_and_invalid():
    before = {"asof": ["garbage"], "zzz": ["1"], "ms": ["Treaty"], "present": ["1"]}
    after = {"zzz": ["1"], "ms": ["Treaty"], "present": ["1"]}
    assert rejected_params(before, after, known_keys={"asof", "ms"}) == (["zzz"], ["asof"])


def test_describe_view_and_citation():
    params = {"asof": ["1995-01-01"], "focus": ["Uzbekistan"], "noise": ["x"]}
    described = describe_view(params)
    assert described == "As of: 1995-01-01; State in focus: Uzbekistan"
    assert describe_view({}) == "default view"
    url = share_url(
        "http://localhost:8501/membership?old=1", "membership", {"asof": ["1995-01-01"], "ms": ["Treaty", "Forces"]}
    )
    assert url == "http://localhost:8501/membership?asof=1995-01-01&ms=Treaty&ms=Forces"
    line = citation("Membership timeline", described, "2026-11-27·abcd1234", date(2026, 11, 27), url)
    assert line.startswith("CSTO Explorer — Membership timeline: As of: 1995-01-01")
    assert "Data version 2026-11-27·abcd1234. Accessed 2026-11-27. http://localhost:8501/membership?" in line


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
        to_csv_bytes(frame).decode() == 'text,number,day,states\n"\'=HYPERLINK(""http://x"")",-5,2020-01-02,ARM;RUS\n'
    )


def test_data_version_has_date_and_content_hash():
    version = data_version(DATA)
    day, digest = version.split("·")
    assert date.fromisoformat(day) and digest == content_hash(DATA) and len(digest) == 8


def test_default_deck_renders_every_view(tables):
    deck = default_deck(FIXED_TODAY)
    assert [view["page"] for view in deck] == ["membership", "membership", "structure", "exercises"]
    for view in deck:
        content = render_view(view, tables, FIXED_TODAY)
        assert content.figures and content.sources and content.title == view_title(view) != ""


@pytest.mark.parametrize(
    "state",
    [
        {"asof": "not-a-date", "ms": ["bogus"], "focus": "<script>"},
        {"asof": "1800-01-01", "ms": "treaty", "focus": None},
        {"kinds": ["nope"], "layout": "../../etc", "year": "-5", "body": "x" * 10_000},
        {"ex_years": ["a", "b"], "ex_series": [None], "ex_hosts": "KGZ", "ex_text": "x" * 10_000, "exercise": 5},
        {"ex_years": [2030, 1990], "ex_status": ["held", "DROP TABLE"]},
    ],
)
@pytest.mark.parametrize("page", sorted(VIEW_KEYS))
def test_hostile_or_stale_view_states_fall_back_to_defaults(tables, page, state):
    content = render_view({"page": page, "state": state}, tables, FIXED_TODAY)
    assert content.figures


def test_membership_view_as_of_changes_caption_and_sources(tables):
    early = render_view({"page": "membership", "state": {"asof": "1995-01-01"}}, tables, FIXED_TODAY)
    late = render_view({"page": "membership", "state": {"asof": "2025-01-01"}}, tables, FIXED_TODAY)
    assert "0 member states" in early.caption and "6 member states" in late.caption
    assert len(early.sources) < len(late.sources)


def test_briefing_html_is_self_contained_and_escaped(tables):
    slides = [render_view(view, tables, FIXED_TODAY) for view in default_deck(FIXED_TODAY)]
    slides[0].caption = "<img src=x onerror=alert(1)>"
    slides[0].sources = ["javascript:alert(1)", "https://example.org/?a=<b>"]
    page = briefing_html(slides, "2026-01-01·abcd1234", FIXED_TODAY)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript' not in page and "https://example.org/?a=&lt;b&gt;" in page
    assert "window.PlotlyGeoAssets" in page and '"world_110m"' in page
    assert "<script src=" not in page, "no script is fetched from anywhere"
    assert page.count("Plotly.newPlot(") == sum(len(s.figures) for s in slides)
    assert "2026-01-01·abcd1234" in page
