"""The deck's one guarded decoder, for the link (``?deck=``), the JSON file and the session (pure).

A deck arrives from outside in three ways: a shared link, a file someone opens, and the session's
own edits. Each is checked against one schema before anything else sees it: types, lengths, how
deep the JSON nests and that every string is Unicode a PowerPoint file can hold. Any bad input
becomes ``DeckError`` ("not a deck: <what and where>"); nothing else escapes (not ``TypeError``
from a list where a name belongs, not ``RecursionError`` from 100,000 nested brackets, not
``UnicodeEncodeError`` from a lone surrogate). A shared link must never take a page down.

Nothing is cut silently: text over its limit is refused with where it is, not shortened.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import zlib
from typing import Any

from components.i18n.text import LANGUAGES, t
from components.model.pages import PAGE_KINDS

FORMAT = "csto-explorer-deck"
MAX_SLIDES = 40
MAX_TITLE = 200
MAX_NOTES = 4_000
MAX_PARAM_VALUES = 60
MAX_PARAM_VALUE = 200
MAX_LINK = 20_000  # characters of ?deck= (a browser keeps about 32,000 in an address)
MAX_FILE = 2_000_000  # bytes of a deck file; a full deck of 40 slides is about 700 kB
MAX_DEPTH = 6  # {"slides": [{"params": {"key": ["value"]}}]} nests five deep

# Which charts each page has (Chart.key in components/model/*.py): a slide may name one of them.
# tests/test_deck_codec.py builds every page and checks this list against what the models make.
PAGE_CHARTS: dict[str, tuple[str, ...]] = {
    "membership": ("timeline_chart", "status_map", "count_chart"),
    "structure": ("org_chart",),
    "exercises": ("exercise_map", "per_year", "participation_matrix", "co_participation"),
    "country": ("country_exercises",),
    "chronology": ("chronology_chart",),
}
TITLE_KEYS = ("deck.today.title", "deck.history.title", "deck.structure.title")
YEAR_TITLE_KEY = "deck.exercises.title"

# Characters XML 1.0 (and so PowerPoint) can hold; the rest (controls, lone surrogates, U+FFFE,
# U+FFFF) make python-pptx raise, and a surrogate cannot even be written as UTF-8.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
_LINK_TEXT = re.compile(r"[A-Za-z0-9_-]*")


class DeckError(ValueError):
    """A deck file or link that cannot be used (nothing is changed). ``key`` and ``values`` are
    the catalogue message, so the interface says what and where in the reader's language."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        values = {name: _shown(value, lang) for name, value in self.values.items()}
        if "kind" in values:  # a catalogue key: "text", "a list" in the reader's language
            values["kind"] = t(values["kind"], lang)
        return t("deck.error", lang, what=t(self.key, lang, **values))


def without_unsafe_characters(text: str) -> str:
    """Text a person typed or pasted, without the characters a deck cannot hold (the editor's
    side of the rule the decoder enforces)."""
    return _NOT_XML.sub("", text)


def _where(path: tuple[object, ...]) -> tuple[object, ...]:
    """Where in the deck, shown as ``slide 3 › params › ex_years`` in the reader's language."""
    return path


def _shown(value: object, lang: str | None) -> str:
    """A message value as text: a path with slides counted from 1, as the editor shows them."""
    if isinstance(value, tuple):
        parts = [t("deck.where.slide", lang, number=p + 1) if isinstance(p, int) else str(p)[:40] for p in value]
        return " › ".join(parts) or "—"
    return str(value)[:120]


def _text(value: object, path: tuple[object, ...], limit: int, *, required: bool = False) -> str:
    """A string within ``limit`` characters, all of them ones a deck can hold."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise DeckError("deck.error.type", where=_where(path), kind="deck.kind.text")
    if len(value) > limit:
        raise DeckError("deck.error.long", where=_where(path), limit=f"{limit:,}", length=f"{len(value):,}")
    bad = _NOT_XML.search(value)
    if bad:
        raise DeckError("deck.error.character", where=_where(path), code=f"U+{ord(bad.group()):04X}")
    return value


def _params(raw: object, page: str, path: tuple[object, ...]) -> dict[str, list[str]]:
    """A slide's page parameters: the page's own keys, each a list of short strings."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DeckError("deck.error.type", where=_where(path), kind="deck.kind.object")
    known = set(PAGE_KINDS[page].spec.keys)
    params: dict[str, list[str]] = {}
    for key, values in raw.items():
        if key not in known:
            continue  # a key an older or newer app used: the page's default for it
        values = values if isinstance(values, list) else [values]
        if len(values) > MAX_PARAM_VALUES:
            raise DeckError("deck.error.many", where=_where((*path, key)), limit=MAX_PARAM_VALUES)
        params[key] = [_param_value(value, (*path, key)) for value in values]
    return params


def _param_value(value: object, path: tuple[object, ...]) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return _text(value, path, MAX_PARAM_VALUE, required=True)


def _page(raw: dict, path: tuple[object, ...]) -> str:
    page = raw.get("page")
    if not isinstance(page, str) or page not in PAGE_KINDS:
        raise DeckError("deck.error.page", where=_where((*path, "page")), value=repr(page)[:40])
    return page


def _title_key(raw: dict, slide: dict[str, Any], path: tuple[object, ...]) -> None:
    """A catalogue title (follows the language) instead of the slide's own words."""
    key = raw.get("title_key")
    if key is None:
        return
    if key in TITLE_KEYS:
        slide["title_key"] = key
        return
    values = raw.get("title_values")
    year = values.get("year") if isinstance(values, dict) else None
    if key == YEAR_TITLE_KEY and isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200:
        slide["title_key"] = key
        slide["title_values"] = {"year": year}
        return
    raise DeckError("deck.error.title_key", where=_where((*path, "title_key")), value=repr(key)[:40])


def _optional_choice(raw: dict, name: str, choices: tuple[str, ...], path: tuple[object, ...]) -> str | None:
    value = raw.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in choices:
        raise DeckError("deck.error.choice", where=_where((*path, name)), value=repr(value)[:40])
    return value


def clean_slide(raw: object, index: int = 0) -> dict[str, Any]:
    """One slide from untrusted input, or DeckError naming the slide and the field."""
    path: tuple[object, ...] = (index,)
    if not isinstance(raw, dict):
        raise DeckError("deck.error.type", where=_where(path), kind="deck.kind.object")
    page = _page(raw, path)
    slide: dict[str, Any] = {
        "page": page,
        "params": _params(raw.get("params"), page, (*path, "params")),
        "title": _text(raw.get("title"), (*path, "title"), MAX_TITLE),
        "notes": _text(raw.get("notes"), (*path, "notes"), MAX_NOTES),
    }
    lang = _optional_choice(raw, "lang", tuple(LANGUAGES), path)
    if lang:
        slide["lang"] = lang
    chart = _optional_choice(raw, "chart", PAGE_CHARTS.get(page, ()), path)
    if chart:
        slide["chart"] = chart
    _title_key(raw, slide, path)
    return slide


def clean_deck(slides: object) -> list[dict[str, Any]]:
    """A deck (a list of slides, possibly empty) from untrusted Python values, or DeckError."""
    if not isinstance(slides, list):
        raise DeckError("deck.error.type", where=("slides",), kind="deck.kind.list")
    if len(slides) > MAX_SLIDES:
        raise DeckError("deck.error.slides", limit=MAX_SLIDES, count=len(slides))
    return [clean_slide(slide, index) for index, slide in enumerate(slides)]


def _depth(text: str) -> int:
    """How deep the JSON's arrays and objects nest, counted without parsing (brackets inside
    strings do not count), so 100,000 ``[`` are refused before ``json.loads`` recurses."""
    brackets = _BRACKETS.findall(_JSON_STRING.sub('""', text))
    steps = (1 if bracket in "[{" else -1 for bracket in brackets)
    return max(itertools.accumulate(steps, initial=0))


def parse_json(text: str | bytes) -> object:
    """JSON text (at most MAX_FILE bytes, nesting at most MAX_DEPTH) as Python values."""
    if isinstance(text, bytes | bytearray):
        if len(text) > MAX_FILE:
            raise DeckError("deck.error.file_size", limit=f"{MAX_FILE:,}")
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DeckError("deck.error.encoding", where=f"byte {error.start}") from error
    if len(text) > MAX_FILE:
        raise DeckError("deck.error.file_size", limit=f"{MAX_FILE:,}")
    if _depth(text) > MAX_DEPTH:
        raise DeckError("deck.error.depth", limit=MAX_DEPTH)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:
        raise DeckError("deck.error.json", detail=str(error)[:80]) from error


def deck_to_json(deck: list[dict[str, Any]]) -> str:
    return json.dumps({"format": FORMAT, "version": 1, "slides": deck}, ensure_ascii=False, indent=1)


def deck_from_json(text: str | bytes) -> list[dict[str, Any]]:
    """A deck from a saved file; DeckError when it is not one (the current deck is kept)."""
    data = parse_json(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DeckError("deck.error.format", format=FORMAT)
    return clean_deck(data.get("slides"))


def encode_deck(deck: list[dict[str, Any]]) -> str:
    """The whole deck as compact URL-safe text (may be longer than a link holds: see fits_link)."""
    raw = json.dumps(deck, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")


def link_value(deck: list[dict[str, Any]]) -> str | None:
    """The deck as a ``?deck=`` value, or None when it is too large for a link (save it as a file)."""
    text = encode_deck(deck)
    return text if len(text) <= MAX_LINK else None


def _unpack(text: str) -> str:
    """The JSON inside a link value: base64url of zlib, inflated to at most MAX_FILE bytes."""
    if not isinstance(text, str) or len(text) > MAX_LINK:
        raise DeckError("deck.error.link_size", limit=f"{MAX_LINK:,}")
    if not _LINK_TEXT.fullmatch(text):
        raise DeckError("deck.error.link")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_FILE)
    except (ValueError, zlib.error) as error:
        raise DeckError("deck.error.link") from error
    if inflater.unconsumed_tail:
        raise DeckError("deck.error.file_size", limit=f"{MAX_FILE:,}")
    if not inflater.eof:
        raise DeckError("deck.error.link")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DeckError("deck.error.encoding", where=f"byte {error.start}") from error


def decode_deck(text: str) -> list[dict[str, Any]]:
    """A deck from a ``?deck=`` value; DeckError when it is not one."""
    return clean_deck(parse_json(_unpack(text)))
