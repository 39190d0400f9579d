"""The deck as a document and its exports (pure): PowerPoint, the HTML slideshow, deck files and links."""

from __future__ import annotations

import html
import io
import json
import re
from html.parser import HTMLParser

import pytest

from components.data.loaders import read_all
from components.export.html import briefing_html
from components.export.links import describe_state
from components.export.pptx import briefing_pptx, renderer_problem
from components.export.sources import publisher_name, registry_publishers
from components.i18n.text import language
from components.model.base import chart_summary
from components.model.deck import (
    SLIDE_PICTURE_PX,
    DeckError,
    deck_from_json,
    deck_to_json,
    decode_deck,
    default_deck,
    encode_deck,
    slide_chart,
    slide_model,
    source_line,
    value_names,
    view_figure,
)
from components.model.pages import PAGE_KINDS
from tests.conftest import FIXED_TODAY

VERSION = "2026-01-01·abcd1234"
NOTES = ["Open with the six members <b>today</b>.", "", "Bodies & who chairs them.", "Where they trained."]


@pytest.fixture(scope="module")
def tables():
    return read_all(today=FIXED_TODAY)


@pytest.fixture(scope="module")
def deck():
    slides = default_deck(FIXED_TODAY)
    slides[2]["lang"] = "ru"
    slides[0]["params"] = {"country": ["KGZ"]}
    return slides


@pytest.fixture(scope="module")
def models(tables, deck):
    return [slide_model(view, tables, view.get("lang", "en"), FIXED_TODAY) for view in deck]


def test_source_line_names_version_first_publisher_and_count(models):
    line = source_line(models[0], VERSION, "en")
    assert VERSION in line and f"{len(models[0].sources) - 1} more" in line
    assert "://" not in line, "the publisher, not the whole address"
    named = source_line(models[0], VERSION, "en", registry_publishers("en"))
    assert publisher_name(models[0].sources[0], registry_publishers("en")) in named


def test_pptx_has_one_slide_per_view_with_title_picture_source_and_notes(models, deck):
    problem = renderer_problem()
    if problem is not None:
        pytest.skip(f"PowerPoint renderer missing: {problem.what} ({problem.install})")
    from pptx import Presentation

    langs = [view.get("lang", "en") for view in deck]
    data = briefing_pptx(models, VERSION, FIXED_TODAY, notes=NOTES, langs=langs)
    presentation = Presentation(io.BytesIO(data))
    assert len(presentation.slides) == len(models)
    for slide, model, note in zip(presentation.slides, models, NOTES, strict=True):
        assert slide.shapes.title.text == model.title
        visuals = [s for s in slide.shapes if s.shape_type == 13 or getattr(s, "has_chart", False)]
        assert len(visuals) == 1, "one chart per slide, as a picture or a native chart"
        if visuals[0].shape_type == 13:
            assert visuals[0].image.blob.startswith(b"\x89PNG") and len(visuals[0].image.blob) > 20_000
        # The picture sits between the title and the source line, inside the slide.
        picture, title = visuals[0], slide.shapes.title
        line = next(s for s in slide.shapes if s.has_text_frame and VERSION in s.text_frame.text)
        assert title.top + title.height <= picture.top and picture.top + picture.height <= line.top
        assert line.top + line.height <= presentation.slide_height
        assert picture.left + picture.width <= presentation.slide_width
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]
        assert any(VERSION in text for text in texts), "the source line carries the data version"
        # The file has no Sources & data page: its publishers are named, the full list is in the notes.
        lang = "ru" if model is models[2] else "en"
        first = publisher_name(model.sources[0], registry_publishers(lang))
        assert any(first in text for text in texts), f"the source line names {first}"
        assert not any("Sources & data" in text or "Источники и данные" in text for text in texts)
        speaker = slide.notes_slide.notes_text_frame.text
        assert note in speaker and f"1. {first} (" in speaker and f" — {model.sources[0]}" in speaker
    # The Russian slide's source line is Russian.
    ru_texts = [s.text_frame.text for s in presentation.slides[2].shapes if s.has_text_frame]
    assert any("Данные" in text for text in ru_texts)


def test_html_export_is_a_slideshow_with_keys_notes_and_sources(models, deck):
    page = briefing_html(models, VERSION, FIXED_TODAY, notes=NOTES, langs=[v.get("lang", "en") for v in deck])
    body = page.split("</head>", 1)[1]
    assert body.count("<section class='slide'") == len(models)
    assert page.count('window.DRAW["') == sum(slide_chart(m) is not None for m in models)
    for key in ("ArrowRight", "ArrowLeft", "'Home'", "'End'", "'n'"):
        assert key in page, key
    assert "addEventListener('keydown'" in page
    assert "&lt;b&gt;today&lt;/b&gt;" in page and "<b>today</b>" not in page, "notes are escaped"
    assert body.count("class='notes'") == sum(bool(n) for n in NOTES)
    assert body.count(VERSION) >= len(models), "every slide carries the data version"
    assert "<script src=" not in page and not re.search(r"(src|href)=[\"']?https?://cdn", page), "nothing fetched"
    assert "Данные" in body, "the Russian slide keeps its language"
    assert "Sources &amp; data" not in body and "Источники и данные" not in body, "no page the file lacks"
    tass = registry_publishers("en")["tass.com"][0]
    assert f"<li>{tass} (" in body, "each listed source starts with its publisher's name"


def test_bad_deck_file_changes_nothing():
    kept = default_deck(FIXED_TODAY)
    before = json.dumps(kept)
    bad_files = [
        b"not json",
        b"\xff\xfe",
        json.dumps({"format": "something-else", "slides": []}).encode(),
        json.dumps({"format": "csto-explorer-deck", "slides": {}}).encode(),
        json.dumps({"format": "csto-explorer-deck", "slides": [{"page": "nowhere"}]}).encode(),
        json.dumps({"format": "csto-explorer-deck", "slides": [{"page": "membership", "params": 3}]}).encode(),
        json.dumps({"format": "csto-explorer-deck", "slides": [{"page": "membership"}] * 41}).encode(),
    ]
    for raw in bad_files:
        with pytest.raises(DeckError):
            kept = deck_from_json(raw) or kept
    assert json.dumps(kept) == before
    for text in ("x", "!!!", encode_deck({})):
        with pytest.raises(DeckError):
            decode_deck(text)
    # An empty deck is a deck (issue 27: the editor may empty it; a link keeps it empty).
    assert deck_from_json(json.dumps({"format": "csto-explorer-deck", "slides": []})) == []
    assert decode_deck(encode_deck([])) == []


def test_deck_keeps_order_titles_notes_params_and_language(deck):
    edited = [dict(view) for view in reversed(deck)]
    edited[0]["title"] = "Where they trained"
    edited[0]["notes"] = "Say the numbers are announced sizes."
    for restored in (decode_deck(encode_deck(edited)), deck_from_json(deck_to_json(edited))):
        assert [v["page"] for v in restored] == [v["page"] for v in edited]
        assert restored[0]["title"] == "Where they trained" and restored[0]["notes"].startswith("Say")
        assert restored[1]["lang"] == "ru"
        assert restored[-1]["params"] == {"country": ["KGZ"]}


def test_missing_renderer_says_what_to_install(monkeypatch, models):
    from components.export import pptx

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    problem = pptx.renderer_problem()
    assert problem is not None and problem.what == "Chromium" and "apt-get install -y chromium" in problem.install
    with pytest.raises(pptx.RendererMissing):
        pptx.briefing_pptx(models[:1], VERSION, FIXED_TODAY)


TWO_STATES = {"page": "exercises", "params": {"ex_years": ["2022", "2026"], "ex_participants": ["ARM", "KAZ"]}}
STORY = {"page": "chronology", "params": {"item": ["deployment-kazakhstan-2022"]}}


def test_a_slide_shows_the_chart_it_recorded(tables):
    """A slide's ``chart`` picks the view's chart (even one the page keeps off slides); an
    unknown key falls back to the view's first slide chart."""
    for key in ("participation_matrix", "co_participation", "per_year"):
        model = slide_model({**TWO_STATES, "chart": key}, tables, "en", FIXED_TODAY)
        assert slide_chart(model).key == key
        figure = view_figure(model)
        assert figure.layout.title.text is None and figure.layout.height is None, "the screen gives the height"
    model = slide_model({**TWO_STATES, "chart": "nowhere"}, tables, "en", FIXED_TODAY)
    assert slide_chart(model).key == "exercise_map"
    assert slide_chart(model, "co_participation").key == "co_participation"


def test_matrix_slide_names_the_states_and_keeps_its_legend_off_the_rows(tables):
    model = slide_model({**TWO_STATES, "chart": "participation_matrix"}, tables, "en", FIXED_TODAY)
    figure = view_figure(model, SLIDE_PICTURE_PX)
    assert (figure.layout.width, figure.layout.height) == SLIDE_PICTURE_PX
    assert {"Armenia", "Kazakhstan"} <= {label.split(" · ")[0] for label in figure.data[0].y}
    assert figure.layout.legend.y >= 1 and figure.layout.legend.yanchor == "bottom", "the legend sits above"


def test_chronology_slide_carries_the_story_card(tables):
    """Not two triangles on a line: the card's title, dates, states and note are on the slide."""
    for lang, title, when in (("en", "Kazakhstan", "January 2022"), ("ru", "Казахстан", "января 2022")):
        model = slide_model(STORY, tables, lang, FIXED_TODAY)
        card = model.detail.card
        figure = view_figure(model)
        texts = [note.text for note in figure.layout.annotations if note.name == "slide-card"]
        assert len(texts) == 1, "one card"
        text = texts[0]
        assert title in card["title"] and f"<b>{card['title'][:40]}" in text
        assert when in text and card["states"].split(", ")[0] in text
        assert card["note"].split()[0] in text and "https://" not in text, "the note, its addresses in the list"
        assert figure.layout.xaxis.rangeslider.visible is False
        assert figure.layout.margin.b >= 24 * len(text.split("<br>")), "the margin makes room for the card"


def test_citations_and_offline_lines_use_names_not_codes(tables):
    """'Participating state: Armenia, Kazakhstan' and an event's title, never 'ARM, KAZ' or its id."""
    for lang, states in (("en", "Armenia, Kazakhstan"), ("ru", "Армения, Казахстан")):
        names = value_names(tables, lang)
        described = describe_state(PAGE_KINDS["exercises"].spec, TWO_STATES["params"], lang, names)
        assert states in described and "ARM" not in described
        story = describe_state(PAGE_KINDS["chronology"].spec, STORY["params"], lang, names)
        assert "deployment-kazakhstan-2022" not in story and ("Kazakhstan" in story or "Казахстан" in story)
    models = [slide_model(view, tables, "en", FIXED_TODAY) for view in (TWO_STATES, STORY)]
    page = briefing_html(models, VERSION, FIXED_TODAY)
    assert "Participating state: Armenia, Kazakhstan" in page and "ARM, KAZ" not in page
    assert "Item: CSTO Collective Peacekeeping Forces deployed to Kazakhstan" in page
    # The story slide lists its item's sources first, with what they are cited for.
    card, story = models[1].detail.card, html.unescape(page.split("id='slide2'", 1)[1])
    first_listed = story.split("<li>", 1)[1]
    assert f"— {card['title']}, {card['dates']} — " in first_listed.split("</li>", 1)[0]
    assert card["sources"][0] in first_listed.split("</li>", 1)[0]


def _summaries(models, deck) -> list[tuple[int, str, str]]:
    """(slide index, language, the chart's text alternative) for each slide that draws a chart."""
    return [
        (index, view.get("lang", "en"), chart_summary(slide_chart(model), view.get("lang", "en")))
        for index, (model, view) in enumerate(zip(models, deck, strict=True))
        if slide_chart(model) is not None
    ]


def test_pptx_picture_alt_text_is_the_chart_summary_in_the_slide_language(models, deck):
    problem = renderer_problem()
    if problem is not None:
        pytest.skip(f"PowerPoint renderer missing: {problem.what} ({problem.install})")
    from pptx import Presentation

    summaries = _summaries(models, deck)
    assert {lang for _, lang, _ in summaries} == {"en", "ru"}, "the deck has charts in both languages"
    chosen = [models[index] for index, _, _ in summaries]
    data = briefing_pptx(chosen, VERSION, FIXED_TODAY, langs=[lang for _, lang, _ in summaries])
    for slide, (_, lang, summary) in zip(Presentation(io.BytesIO(data)).slides, summaries, strict=True):
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
        assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == [summary]
        assert summary.startswith("Диаграмма:" if lang == "ru" else "Chart:"), summary


def test_html_chart_is_an_image_named_by_its_summary(models, deck):
    page = briefing_html(models, VERSION, FIXED_TODAY, langs=[view.get("lang", "en") for view in deck])
    summaries = _summaries(models, deck)
    assert {lang for _, lang, _ in summaries} == {"en", "ru"}
    for index, lang, summary in summaries:
        assert f"<section class='slide' id='slide{index + 1}' data-number='{index + 1}' lang='{lang}'>" in page
        named = f'<div id="slide{index + 1}-chart" class="chart" role="img" aria-label="{html.escape(summary)}">'
        assert named in page, summary


class _Languages(HTMLParser):
    """What a screen reader is told about languages: ``<html lang>``, and each slide's ``lang``
    with the text of its bottom line (the meta line under the sources)."""

    def __init__(self) -> None:
        super().__init__()
        self.document: str | None = None
        self.slides: list[str] = []
        self.meta: list[str] = []
        self._in_meta = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.document = found.get("lang")
        elif tag == "section":
            self.slides.append(found.get("lang") or "")
        self._in_meta = tag == "p" and bool(self.slides) and not found.get("class")

    def handle_data(self, data: str) -> None:
        if self._in_meta and data.strip():
            self.meta.append(data)
            self._in_meta = False


def _languages(page: str) -> _Languages:
    parsed = _Languages()
    parsed.feed(page)
    return parsed


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_html_deck_declares_its_language_at_the_top(tables, lang):
    """A Russian deck (exported from the Russian interface, its slides Russian) is ``<html lang="ru">``
    and so is every slide; an English one "en"."""
    slides = default_deck(FIXED_TODAY)
    with language(lang):
        models = [slide_model(view, tables, lang, FIXED_TODAY) for view in slides]
        parsed = _languages(briefing_html(models, VERSION, FIXED_TODAY, langs=[lang] * len(models)))
    assert parsed.document == lang
    assert parsed.slides == [lang] * len(slides)
    opening = "Версия данных" if lang == "ru" else "Data version"
    assert parsed.meta and all(line.startswith(opening) for line in parsed.meta), parsed.meta[:2]


def test_a_russian_slide_in_an_english_deck_is_written_in_russian(models, deck):
    """The file is English (its title and <html lang>); the Russian slide says lang="ru" and its own
    lines under the sources are Russian, not the file's English."""
    with language("en"):
        parsed = _languages(briefing_html(models, VERSION, FIXED_TODAY, langs=[v.get("lang", "en") for v in deck]))
    assert parsed.document == "en"
    assert parsed.slides == [view.get("lang", "en") for view in deck]
    for lang, line in zip(parsed.slides, parsed.meta, strict=True):
        assert line.startswith("Версия данных" if lang == "ru" else "Data version"), (lang, line)
