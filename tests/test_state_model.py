"""One declared state per page: codecs, links in either language, and one build for page, deck,
share link and export (pure, plus AppTest for what the page itself draws)."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from components.data.loaders import read_all
from components.export.html import briefing_html
from components.export.links import describe_state, share_url
from components.model.deck import (
    DeckError,
    deck_from_json,
    deck_to_json,
    decode_deck,
    default_deck,
    encode_deck,
    slide_chart,
    slide_figure,
    slide_model,
)
from components.model.pages import PAGE_KINDS, build_from_params
from tests.conftest import FIXED_TODAY, app_test

# A non-default state per page, written as a link would carry it (codes and ISO values only).
STATES = {
    "membership": {"asof": ["2005-12-31"], "ms": ["treaty", "forces"], "ev_cat": ["deployment"], "country": ["UZB"]},
    "structure": {"kinds": ["statutory", "permanent"], "layout": ["spring"], "year": ["2005"], "body": ["csc"]},
    "exercises": {"ex_years": ["2019", "2024"], "ex_hosts": ["KGZ"], "ex_status": ["held"], "country": ["KGZ"]},
    "country": {"country": ["KGZ"]},
    "chronology": {
        "ch_cat": ["treaty", "deployment"],
        "ch_states": ["ARM"],
        "ch_ex": ["1"],
        "item": ["treaty-signed-1992"],
        "country": ["ARM"],
    },
}


def test_every_page_with_a_declared_state_has_a_state_here():
    """A new page in PAGE_KINDS needs a non-default state above, or it is not checked."""
    assert set(STATES) == set(PAGE_KINDS)


CSC_RU = "Совет коллективной безопасности"


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


def domain(tables, page):
    return PAGE_KINDS[page].domain(tables, FIXED_TODAY)


def figure_data(model):
    return [json.loads(chart.figure.to_json())["data"] for chart in model.charts]


def exported_figure_data(page: str) -> list:
    """The trace data of every chart in an HTML export (the JSON handed to Plotly.newPlot)."""
    decoder, found, start = json.JSONDecoder(), [], 0
    while (start := page.find("Plotly.newPlot(", start)) != -1:
        start = page.index(", ", start) + 2
        data, _ = decoder.raw_decode(page, start)
        found.append(data)
    return found


def table_rows(model):
    return [table.rows.astype(str).to_dict("records") for table in model.tables]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("page", sorted(PAGE_KINDS))
def test_page_deck_link_and_export_build_the_same_view(tables, page, lang):
    """The state -> the page's figures and table rows equal the deck slide's, the share link's
    and the HTML export's for the same state."""
    kind = PAGE_KINDS[page]
    state, invalid = kind.spec.decode(STATES[page], domain(tables, page))
    assert invalid == []
    page_model = kind.build(tables, state, lang, FIXED_TODAY)
    params = kind.spec.encode(state, domain(tables, page))
    assert params == STATES[page], "encode(decode(link)) is the link"

    slide = slide_model({"page": page, "params": params}, tables, lang, FIXED_TODAY)
    url = share_url("http://localhost:8501/x", page, params)
    link_params = {k: v for k, v in parse_qs(urlsplit(url).query).items()}
    linked, _ = build_from_params(page, link_params, tables, lang, FIXED_TODAY)
    for other in (slide, linked):
        assert figure_data(other) == figure_data(page_model)
        assert table_rows(other) == table_rows(page_model)
        assert other.sources == page_model.sources
    exported = exported_figure_data(briefing_html([page_model], "v", FIXED_TODAY))
    # A slide shows one chart: the model's first chart meant for a slide, drawn for a slide exactly
    # as presentation mode draws it (model.deck.slide_figure), with the page's traces (x, y, ids and
    # hover; a slide raises small label sizes and may leave dense labels to the hover).
    chart = slide_chart(page_model)
    assert exported == ([json.loads(slide_figure(chart).to_json())["data"]] if chart else [])
    if chart:
        page_traces = json.loads(chart.figure.to_json())["data"]
        same = [(t.get("x"), t.get("hovertext"), t.get("customdata")) for t in page_traces]
        assert [(t.get("x"), t.get("hovertext"), t.get("customdata")) for t in exported[0]] == same


@pytest.mark.parametrize(
    ("page", "link", "expected"),
    [
        ("exercises", {"ex_hosts": ["Kyrgyzstan"]}, {"ex_hosts": ("KGZ",)}),
        ("exercises", {"ex_hosts": ["Кыргызстан"]}, {"ex_hosts": ("KGZ",)}),
        ("exercises", {"ex_hosts": ["Киргизия"]}, {"ex_hosts": ("KGZ",)}),
        ("exercises", {"ex_hosts": ["kgz"]}, {"ex_hosts": ("KGZ",)}),
        ("exercises", {"ex_status": ["Held"]}, {"ex_status": ("held",)}),
        ("membership", {"country": ["Uzbekistan (Узбекистан, UZB)"]}, {"country": "UZB"}),
        ("structure", {"layout": ["Force-directed"]}, {"layout": "spring"}),
        (
            "structure",
            {"body": ["Collective Security Council (CSC) — Совет коллективной безопасности · СКБ · SCB"]},
            {"body": "csc"},
        ),
        ("structure", {"body": ["Совет коллективной безопасности"]}, {"body": "csc"}),
        ("structure", {"body": ["CSC"]}, {"body": "csc"}),
        ("exercises", {"ex_years": ["2019-2024"]}, {"ex_years": (2019, 2024)}),
    ],
)
def test_old_label_links_and_codes_open_the_same_view(tables, page, link, expected):
    state, invalid = PAGE_KINDS[page].spec.decode(link, domain(tables, page))
    assert invalid == []
    assert {key: state[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("page", "link"),
    [
        ("membership", {"asof": ["not-a-date"]}),
        ("membership", {"asof": ["1800-01-01"]}),
        ("membership", {"ms": ["bogus"]}),
        ("structure", {"year": ["-5"]}),
        ("structure", {"year": ["２０２０"]}),
        ("structure", {"layout": ["../../etc"]}),
        ("structure", {"body": ["x" * 10_000]}),
        ("exercises", {"ex_years": ["a", "b"]}),
        ("exercises", {"ex_years": ["1900", "1901"]}),
        ("exercises", {"ex_hosts": ["XXX"]}),
        ("exercises", {"exercise": ["<script>"]}),
    ],
)
def test_unusable_link_values_take_the_default_and_are_reported(tables, page, link):
    spec = PAGE_KINDS[page].spec
    state, invalid = spec.decode(link, domain(tables, page))
    assert invalid == list(link)
    assert state == spec.defaults(domain(tables, page))
    assert PAGE_KINDS[page].build(tables, state, "en", FIXED_TODAY).charts


def test_defaults_encode_to_a_clean_link(tables):
    for page, kind in PAGE_KINDS.items():
        assert kind.spec.encode(kind.spec.defaults(domain(tables, page)), domain(tables, page)) == {}, page


def test_an_emptied_multiselect_is_kept_in_the_link(tables):
    spec, dom = PAGE_KINDS["membership"].spec, domain(tables, "membership")
    params = spec.encode({**spec.defaults(dom), "ms": ()}, dom)
    assert params == {"ms": [""]}
    assert spec.decode(params, dom)[0]["ms"] == ()


def test_describe_state_names_each_field(tables):
    spec = PAGE_KINDS["exercises"].spec
    assert describe_state(spec, STATES["exercises"]) == (
        "Years: 2019, 2024; Host state: KGZ; Status: held; Country in focus: KGZ"
    )
    assert describe_state(spec, {}) == "default view"


def test_membership_events_filter_reaches_the_slide(tables):
    """A slide saved with an Events filter shows that filter's events, not the generic page."""
    params = {"ev_cat": ["deployment"], "ev_state": ["KAZ"]}
    model = slide_model({"page": "membership", "params": params}, tables, "en", FIXED_TODAY)
    events = model.table("events")
    assert events.on_slide and events.total >= 1
    assert "deployed to Kazakhstan" in " ".join(events.rows["title"])


def test_deck_round_trips_as_link_and_file(tables):
    deck = default_deck(FIXED_TODAY)
    deck[0] = {**deck[0], "title": "Today", "notes": "Say who left."}
    assert decode_deck(encode_deck(deck))[0]["notes"] == "Say who left."
    assert len(encode_deck(deck)) < 400, "a deck of four fits in a link"
    again = deck_from_json(deck_to_json(deck))
    assert [s["page"] for s in again] == [s["page"] for s in deck]
    for bad in ("", "{}", "[1,2]", '{"format": "csto-explorer-deck", "slides": [{"page": "../x"}]}', "\xff"):
        with pytest.raises(DeckError):
            deck_from_json(bad)
    for bad in ("!!!", "eJzLSM3JyQcABiwCFQ", "A" * 30_000):
        with pytest.raises(DeckError):
            decode_deck(bad)


def test_the_page_draws_the_model_it_shares():
    """What AppTest sees on the page is the model's figure (same trace data)."""
    tables = read_all()
    at = app_test("pages/exercises.py", {"ex_hosts": "KGZ", "ex_years": ["2019", "2024"]})
    assert not at.exception
    kind = PAGE_KINDS["exercises"]
    state, _ = kind.spec.decode({"ex_hosts": ["KGZ"], "ex_years": ["2019", "2024"]}, kind.domain(tables, date.today()))
    model = kind.build(tables, state, "en", date.today())
    drawn = [json.loads(chart.proto.spec)["data"] for chart in at.get("plotly_chart")]
    assert drawn[0] == figure_data(model)[0]
