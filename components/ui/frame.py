"""The app frame's own state: language, country in focus, presentation mode and the deck.

They live in the URL (``?lang=ru&country=KGZ&present=1&deck=...``) like every page's state, so a
link carries them. Streamlit drops the query string when the viewer clicks another page in the
sidebar; the frame remembers the app-level values (and each page's last state) for this session
and puts them back, so the country in focus and the language survive every click.
"""

from __future__ import annotations

import copy

import streamlit as st

from components.data.loaders import DataValidationError
from components.i18n.text import LANGUAGES
from components.model.common import COUNTRY, country_domain
from components.model.deck import DeckError, clean_deck, decode_deck, default_deck, link_value
from components.model.pages import PAGE_KINDS
from components.model.state import Domain, Unusable
from components.ui.cache import load_table

APP_KEYS = ("lang", "country", "present", "deck")
REMEMBERED = ("lang", "country", "deck")
SAVED = "_app_state"
PAGE_PARAMS = "_page_params"
LAST_PAGE = "_last_page"
CURRENT_PAGE = "_current_page"
NOTICES = "_link_notices"
DECK = "deck"
DECK_LINK_ERROR = "_deck_link_error"
DECK_TOO_LARGE = "_deck_too_large"
UNDO = "_deck_undo"
REDO = "_deck_redo"
HISTORY_LIMIT = 20  # undoable deck actions kept per session (the issue asks for at least 10)


def _country_code(raw: str) -> str | None:
    """The ISO code a link's ``country`` names: the code (any case) or a name an older link
    carried ('Uzbekistan (Узбекистан, UZB)', 'Кыргызстан'); None when it names no state."""
    try:
        members = load_table("members")
    except DataValidationError:
        return None
    options, aliases = country_domain(members)
    try:
        return COUNTRY.codec.decode("country", [raw], Domain(options=options, aliases=aliases))
    except Unusable:
        return None


def app_state() -> dict[str, str | None]:
    """Language, country, presentation and deck from the URL, restored after a sidebar click and
    checked; unusable values are removed and reported."""
    saved: dict[str, str] = st.session_state.setdefault(SAVED, {})
    for key in REMEMBERED:
        if key not in st.query_params and key in saved:
            st.query_params[key] = saved[key]
    invalid: list[str] = []
    lang = st.query_params.get("lang", "en")
    if lang not in LANGUAGES:
        invalid.append("lang")
        st.query_params.pop("lang", None)
        lang = "en"
    raw_country = st.query_params.get("country", "").strip()
    country = _country_code(raw_country) if raw_country else None
    if raw_country and not country:
        invalid.append("country")
        st.query_params.pop("country", None)
    elif country and raw_country != country:
        st.query_params["country"] = country
    present = st.query_params.get("present", "0")
    if present not in ("0", "1", "true", "false"):
        invalid.append("present")
        st.query_params.pop("present", None)
        present = "0"
    deck_text = st.query_params.get("deck", "")
    if deck_text:
        try:
            st.session_state[DECK] = decode_deck(deck_text)
        except DeckError as error:
            # The session's deck is kept; the briefing page says why the link's deck was refused.
            invalid.append("deck")
            st.query_params.pop("deck", None)
            st.session_state[DECK_LINK_ERROR] = error
    if invalid:
        st.session_state.setdefault(NOTICES, []).extend(invalid)
    for key in REMEMBERED:
        if key in st.query_params:
            saved[key] = st.query_params[key]
        else:
            saved.pop(key, None)
    return {"lang": lang, "country": country, "present": "1" if present in ("1", "true") else None}


def set_app_value(key: str, value: str | None) -> None:
    """Change an app-level value (language switch, country picker, presentation) in the URL."""
    saved: dict[str, str] = st.session_state.setdefault(SAVED, {})
    if value:
        st.query_params[key] = value
        if key in REMEMBERED:
            saved[key] = value
    else:
        st.query_params.pop(key, None)
        saved.pop(key, None)


def focus_country() -> str | None:
    """The country in focus across pages (``?country=KGZ``), if it is a state in the data."""
    raw = st.query_params.get("country", "").strip()
    return _country_code(raw) if raw else None


def get_deck() -> list[dict]:
    """This session's deck (the default deck until the viewer changes it)."""
    from datetime import date

    if DECK not in st.session_state:
        st.session_state[DECK] = default_deck(date.today())
    return st.session_state[DECK]


def save_deck(deck: list[dict]) -> None:
    """Keep the deck in the session and, when it fits, in the URL (so a reload or a shared link
    keeps it). The session's deck passes the same schema as a link or a file (DeckError if not).
    A deck too large for a link stays in the session and the briefing page offers it as a file;
    it is never dropped or cut."""
    deck = clean_deck(deck)
    st.session_state[DECK] = deck
    value = link_value(deck)
    st.session_state[DECK_TOO_LARGE] = value is None
    set_app_value("deck", value)


Action = tuple[str, dict[str, object]]  # a catalogue key and its values: what a change did


def change_deck(deck: list[dict], action: Action) -> None:
    """An undoable change: the deck before it goes on this session's undo list (never a global
    one), and the redo list is cleared. Nothing is recorded when the new deck is refused."""
    before = copy.deepcopy(get_deck())
    save_deck(deck)
    undo: list = st.session_state.setdefault(UNDO, [])
    undo.append((action, before))
    del undo[:-HISTORY_LIMIT]
    st.session_state[REDO] = []


def _step(source: str, target: str) -> Action | None:
    """Undo or redo: take the last deck from one list, put the current one on the other."""
    history: list = st.session_state.get(source) or []
    if not history:
        return None
    action, deck = history.pop()
    st.session_state.setdefault(target, []).append((action, copy.deepcopy(get_deck())))
    save_deck(deck)
    return action


def undo_deck() -> Action | None:
    """The deck as it was before the last change; returns what was undone."""
    return _step(UNDO, REDO)


def redo_deck() -> Action | None:
    """The last undone change again; returns what was redone."""
    return _step(REDO, UNDO)


def deck_history() -> tuple[Action | None, Action | None]:
    """What Undo and Redo would do now (None when there is nothing)."""
    undo, redo = st.session_state.get(UNDO) or [], st.session_state.get(REDO) or []
    return (undo[-1][0] if undo else None), (redo[-1][0] if redo else None)


def remember_page(page: str, params: dict[str, list[str]]) -> dict[str, list[str]] | None:
    """Each page's last state in this session; returns the state to restore when the viewer came
    back to the page from another one through the sidebar (which dropped the query string)."""
    memory: dict[str, dict[str, list[str]]] = st.session_state.setdefault(PAGE_PARAMS, {})
    came_from = st.session_state.get(LAST_PAGE)
    restore = memory.get(page) if came_from not in (None, page) and not params else None
    return restore


def store_page(page: str, params: dict[str, list[str]]) -> None:
    st.session_state.setdefault(PAGE_PARAMS, {})[page] = params


def take_notices() -> list[str]:
    """The link keys this run could not use (each reported once)."""
    return st.session_state.pop(NOTICES, [])


def unknown_keys(page: str) -> list[str]:
    """Link keys neither the app nor this page knows: reported once and dropped from the URL."""
    known = set(APP_KEYS) | ({"slide"} if page == "briefing" else set())
    if page in PAGE_KINDS:
        known |= set(PAGE_KINDS[page].spec.keys)
    unknown = sorted(key for key in st.query_params if key not in known)
    for key in unknown:
        st.query_params.pop(key, None)
    return unknown
