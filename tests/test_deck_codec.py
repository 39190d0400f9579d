"""The deck's one guarded decoder (issue 34 items 2, 3, 5, 6): a link, a file or the session's deck
is a deck or a DeckError "not a deck: what and where" — never TypeError, RecursionError or
UnicodeEncodeError, never a silently cut note."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from components.data.schema import TABLES
from components.model.deck import (
    MAX_NOTES,
    DeckError,
    deck_from_json,
    deck_to_json,
    decode_deck,
    default_deck,
    encode_deck,
    link_value,
    slide_model,
)
from components.model.deck_codec import MAX_LINK, PAGE_CHARTS, clean_deck, without_unsafe_characters
from components.model.pages import PAGE_KINDS
from components.ui.cache import load_table
from tests.conftest import FIXED_TODAY


def packed(raw: bytes) -> str:
    """A ``?deck=`` value made by hand, as an attacker would."""
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def as_file(slides: object) -> str:
    return json.dumps({"format": "csto-explorer-deck", "version": 1, "slides": slides})


def refused(slides: object) -> list[DeckError]:
    """The same slides as a link and as a file: both must be refused with DeckError."""
    errors = []
    for decode, text in ((decode_deck, packed(json.dumps(slides).encode())), (deck_from_json, as_file(slides))):
        with pytest.raises(DeckError) as caught:
            decode(text)
        errors.append(caught.value)
    return errors


@pytest.mark.parametrize("field", ["page", "title_key", "lang", "chart"])
def test_a_list_where_a_name_belongs_is_not_a_deck(field):
    """Was TypeError: unhashable type 'list' in clean_slide, and app.py stopped every page."""
    slide = {"page": "membership", "params": {}, field: ["membership"]}
    for error in refused([slide]):
        assert str(error).startswith("not a deck: slide 1 › " + field), str(error)


@pytest.mark.parametrize("field", ["title", "notes"])
@pytest.mark.parametrize("value", [["a"], {"a": 1}, 3, True])
def test_something_else_where_text_belongs_is_not_a_deck(field, value):
    """Was str()-ed into the title: "['a']" on a slide."""
    for error in refused([{"page": "membership", "params": {}, field: value}]):
        assert f"slide 1 › {field} should be text" in str(error)


def test_a_short_link_to_100000_nested_brackets_is_not_a_deck():
    """Was RecursionError in json.loads from a 294-character link."""
    link = packed(b"[" * 100_000)
    assert len(link) < 400
    with pytest.raises(DeckError, match="nests deeper"):
        decode_deck(link)
    with pytest.raises(DeckError, match="nests deeper"):
        deck_from_json(b'{"format": "csto-explorer-deck", "slides": ' + b"[" * 100_000)


def test_brackets_inside_text_do_not_count_as_nesting():
    slides = [{"page": "membership", "params": {}, "title": "[[[[[[[[[[{{{{{{{{", "notes": '\\"[[[[[[[["'}]
    assert decode_deck(encode_deck(slides))[0]["title"] == "[[[[[[[[[[{{{{{{{{"


def test_a_link_that_inflates_beyond_the_file_limit_is_not_a_deck():
    with pytest.raises(DeckError, match="larger than"):
        decode_deck(packed(b" " * 5_000_000))


@pytest.mark.parametrize("character", ["\ud800", "\udfff", "\ufffe", "\uffff", "\x00", "\x1b"])
@pytest.mark.parametrize("field", ["title", "notes"])
def test_characters_a_deck_cannot_hold_are_refused_with_their_code(character, field):
    """A lone surrogate was UnicodeEncodeError at pages/briefing.py; U+FFFE made the PowerPoint
    export fail with no file and no message."""
    slide = {"page": "membership", "params": {}, field: f"Before {character} after"}
    for error in refused([slide]):
        assert f"U+{ord(character):04X}" in str(error) and f"slide 1 › {field}" in str(error)


def test_surrogates_in_a_file_as_json_escapes_are_refused():
    text = '{"format": "csto-explorer-deck", "slides": [{"page": "membership", "title": "\\ud800"}]}'
    with pytest.raises(DeckError, match="U\\+D800"):
        deck_from_json(text)
    with pytest.raises(DeckError, match="UTF-8"):
        deck_from_json(b'{"format": "csto-explorer-deck", "slides": [{"title": "\xff"}]}')


def test_the_editor_drops_what_a_deck_cannot_hold():
    assert without_unsafe_characters("A\ufffeB\uffffC\x00D\tE\nF😀") == "ABCD\tE\nF😀"


def test_notes_come_back_whole_and_longer_ones_are_refused_not_cut():
    """At 3,000 characters the notes came back cut to 2,000 with no warning."""
    notes = "Say the numbers are announced sizes. " * 80
    assert 2_000 < len(notes) <= MAX_NOTES
    slides = [{"page": "membership", "params": {}, "title": "", "notes": notes}]
    assert decode_deck(encode_deck(slides))[0]["notes"] == notes
    assert deck_from_json(deck_to_json(slides))[0]["notes"] == notes
    for error in refused([{"page": "membership", "params": {}, "notes": "x" * (MAX_NOTES + 1)}]):
        assert "slide 1 › notes has 4,001 characters" in str(error)


def test_a_deck_too_large_for_a_link_has_no_link_value_but_saves_as_a_file():
    """After 100,000 characters of notes the app popped ?deck= and a reload lost every slide."""
    import random

    rng = random.Random(34)
    noisy = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(MAX_NOTES)) for _ in range(10)]
    deck = clean_deck([{"page": "membership", "params": {}, "notes": text} for text in noisy])
    assert len(encode_deck(deck)) > MAX_LINK and link_value(deck) is None
    assert deck_from_json(deck_to_json(deck)) == deck
    assert link_value(default_deck(FIXED_TODAY)) is not None


def test_slides_and_params_are_bounded():
    with pytest.raises(DeckError, match="41 slides"):
        clean_deck([{"page": "membership"}] * 41)
    with pytest.raises(DeckError, match="more than 60 values"):
        clean_deck([{"page": "membership", "params": {"ms": ["treaty"] * 61}}])
    with pytest.raises(DeckError, match="ms should be text"):
        clean_deck([{"page": "membership", "params": {"ms": [["treaty"]]}}])
    assert clean_deck([{"page": "exercises", "params": {"ex_years": [2022, 2026], "unknown": 1}}])[0]["params"] == {
        "ex_years": ["2022", "2026"]
    }


def test_a_slide_may_name_one_of_its_pages_charts():
    """Issue 27 item 3: a slide records which chart; the key is checked against the page."""
    slide = {"page": "exercises", "params": {}, "chart": "participation_matrix"}
    assert decode_deck(encode_deck([slide]))[0]["chart"] == "participation_matrix"
    for error in refused([{**slide, "page": "membership"}]):
        assert "slide 1 › chart" in str(error)


def test_the_page_chart_list_matches_what_each_page_builds():
    tables = {name: load_table(name) for name in TABLES}
    for page, kind in PAGE_KINDS.items():
        model, _ = kind.build(tables, kind.spec.defaults(kind.domain(tables, FIXED_TODAY)), "en", FIXED_TODAY), None
        built = {chart.key for chart in model.charts}
        assert built <= set(PAGE_CHARTS[page]), (page, built)
    for page, keys in PAGE_CHARTS.items():
        for key in keys:
            view = slide_model({"page": page, "params": {}, "chart": key}, tables, "en", FIXED_TODAY)
            assert view.title, (page, key)


def test_the_message_says_not_a_deck_in_the_readers_language():
    error = refused([{"page": ["x"]}])[0]
    assert error.message("en").startswith("not a deck: slide 1 › page")
    assert error.message("ru").startswith("не подборка: слайд 1 › page")


def test_old_decks_still_open():
    """A deck saved before this decoder (slides carry lang, default title keys) opens unchanged."""
    older = {"page": "country", "params": {"country": ["KGZ"]}, "title": "", "notes": "", "lang": "ru"}
    deck = [*default_deck(FIXED_TODAY), older]
    assert decode_deck(encode_deck(deck))[-1]["lang"] == "ru"
    assert deck_from_json(deck_to_json(deck))[3]["title_values"] == {"year": FIXED_TODAY.year - 1}
