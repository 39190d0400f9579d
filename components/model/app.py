"""The app frame's declared state: language, country in focus, presentation mode, the deck (pure).

Like a page's, the frame's state lives in the URL (``?lang=ru&country=KGZ&present=1&deck=...``)
and is decoded once per run with declared codecs: ``components/ui/frame.py`` only restores what
a sidebar click dropped, writes the clean values back and keeps the result for the run (pages ask
it for the country in focus instead of decoding it again).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from components.i18n.text import LANGUAGES
from components.model.common import COUNTRY, country_domain
from components.model.deck import DeckError, decode_deck
from components.model.state import Code, Domain, Field, Flag, PageSpec

LANG = Field("lang", Code(), "language.label", default="en")
PRESENT = Field("present", Flag(), "present.toggle", default=False)
APP_SPEC = PageSpec("app", (LANG, COUNTRY, PRESENT))
DECK_KEY = "deck"


def app_domain(members: pd.DataFrame | None) -> Domain:
    """The languages and, when members.csv loads, its states (codes and the names older links
    carried); without it no country can be in focus."""
    options, aliases = country_domain(members) if members is not None else ({"country": []}, {"country": {}})
    return Domain(options={**options, "lang": list(LANGUAGES)}, aliases=aliases)


@dataclass
class AppState:
    """What the frame's part of the URL says, checked."""

    lang: str = "en"
    country: str | None = None
    present: bool = False
    deck: list[dict[str, Any]] | None = None  # None: the link carries no deck (the session's stays)
    invalid: list[str] = field(default_factory=list)
    deck_error: DeckError | None = None


def decode_app(params: Mapping[str, list[str]], domain: Domain) -> AppState:
    """The frame's state from URL values; unusable values take their default and are named in
    ``invalid`` (a refused deck also keeps its reason in ``deck_error``)."""
    values, invalid = APP_SPEC.decode({k: [v.strip() for v in vs] for k, vs in params.items()}, domain)
    state = AppState(values["lang"], values["country"], values["present"], invalid=invalid)
    deck_text = (params.get(DECK_KEY) or [""])[-1]
    if deck_text:
        try:
            state.deck = decode_deck(deck_text)
        except DeckError as error:
            state.invalid.append(DECK_KEY)
            state.deck_error = error
    return state
