"""Fuzzing the deck decoder with Hypothesis (issue 34, "What to build" 6): more than 10,000
generated decks, link values and files — arbitrary JSON trees, deck-shaped trees with wrong types
in every field, random bytes, base64 and zlib of random JSON. Each is a deck or a DeckError;
nothing else escapes, and what is accepted survives a second trip through link and file."""

from __future__ import annotations

import base64
import json
import os
import zlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.model.deck import DeckError, deck_from_json, deck_to_json, decode_deck, encode_deck, link_value
from components.model.deck_codec import FORMAT, PAGE_CHARTS

# 2,000 examples per property (10,000 in all) in `make test`; `make check` asks for fewer
# (CSTO_DECK_FUZZ_EXAMPLES) to stay a quick loop.
EXAMPLES = int(os.environ.get("CSTO_DECK_FUZZ_EXAMPLES", "2000"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
json_trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=8,
)
pages = st.sampled_from([*PAGE_CHARTS, "nowhere", ""]) | json_trees
names = st.sampled_from(["ms", "asof", "ex_years", "ex_hosts", "country", "year", "ch_text", "x"])
params = st.dictionaries(names, json_trees | st.lists(st.text(max_size=30) | st.integers(), max_size=62), max_size=3)
slides = st.fixed_dictionaries(
    {"page": pages},
    optional={
        "params": params | json_trees,
        "title": st.text(max_size=250) | json_trees,
        "notes": st.text(max_size=50) | json_trees,
        "lang": st.sampled_from(["en", "ru", "de"]) | json_trees,
        "chart": st.sampled_from([key for keys in PAGE_CHARTS.values() for key in keys]) | json_trees,
        "title_key": st.sampled_from(["deck.today.title", "deck.exercises.title", "nav.x"]) | json_trees,
        "title_values": st.fixed_dictionaries({"year": st.integers() | json_trees}) | json_trees,
    },
)
decks = st.lists(slides, max_size=6) | json_trees


def packed(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def survives(decode, text) -> None:
    """A deck (that goes round again unchanged) or DeckError: nothing else."""
    try:
        deck = decode(text)
    except DeckError as error:
        assert error.message("ru").startswith("не подборка: ")
        return
    assert isinstance(deck, list) and all(isinstance(slide, dict) for slide in deck)
    deck_to_json(deck).encode("utf-8")  # no lone surrogate reaches a page or a file
    assert deck_from_json(deck_to_json(deck)) == deck
    if link_value(deck) is not None:
        assert decode_deck(encode_deck(deck)) == deck


@FUZZ
@given(decks)
def test_deck_shaped_links_and_files(deck):
    survives(decode_deck, packed(json.dumps(deck).encode()))
    survives(deck_from_json, json.dumps({"format": FORMAT, "slides": deck}))


@FUZZ
@given(json_trees)
def test_arbitrary_json_as_link_and_file(tree):
    survives(decode_deck, packed(json.dumps(tree).encode()))
    survives(deck_from_json, json.dumps(tree).encode())


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_as_file_packed_link_and_base64(raw):
    survives(deck_from_json, raw)
    survives(decode_deck, packed(raw))
    survives(decode_deck, base64.urlsafe_b64encode(raw).decode().rstrip("="))


@FUZZ
@given(st.text(max_size=300))
def test_random_text_as_link_and_file(text):
    survives(decode_deck, text)
    survives(deck_from_json, text)


@FUZZ
@given(st.integers(min_value=1, max_value=3_000), st.sampled_from("[{"), st.booleans())
def test_deep_nesting_as_link_and_file(depth, bracket, wrapped):
    tree = bracket * depth if not wrapped else f'{{"format": "{FORMAT}", "slides": ' + "[" * depth
    survives(decode_deck, packed(tree.encode()))
    survives(deck_from_json, tree)
