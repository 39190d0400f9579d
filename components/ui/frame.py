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
from components.model import briefing, overview, sources
from components.model.app import AppState, app_domain, decode_app
from components.model.deck import clean_deck, default_deck, link_value
from components.model.pages import PAGE_KINDS
from components.model.state import Domain
from components.ui.cache import load_table

APP_KEYS = ("lang", "country", "present", "deck")
# The declared state of the pages that cannot be saved to the deck (overview, sources: the
# country in focus only; the briefing: its slide number).
OTHER_SPECS = {spec.page: spec for spec in (overview.SPEC, sources.SPEC, briefing.SPEC)}
REMEMBERED = ("lang", "country", "deck")
SAVED = "_app_state"
PAGE_PARAMS = "_page_params"
LAST_PAGE = "_last_page"
CURRENT_PAGE = "_current_page"
NOTICES = "_link_notices"
APP_NOW = "_app_now"  # (the URL's country value, its code) as this run's app_state decoded them
DECK = "deck"
DECK_LINK_ERROR = "_deck_link_error"
DECK_TOO_LARGE = "_deck_too_large"
UNDO = "_deck_undo"
REDO = "_deck_redo"
HISTORY_LIMIT = 20  # undoable deck actions kept per session (the issue asks for at least 10)


def _app_domain() -> Domain:
    """The frame's domain: the languages and the states of members.csv (none if it is broken)."""
    try:
        members = load_table("members")
    except DataValidationError:
        members = None
    return app_domain(members)


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def app_state() -> AppState:
    """Language, country, presentation and deck from the URL, restored after a sidebar click and
    checked once per run (``APP_SPEC``); unusable values are removed and reported."""
    saved: dict[str, str] = st.session_state.setdefault(SAVED, {})
    for key in REMEMBERED:
        if key not in st.query_params and key in saved:
            st.query_params[key] = saved[key]
    state = decode_app(_query(), _app_domain())
    for key in state.invalid:
        st.query_params.pop(key, None)
    if state.country and st.query_params.get("country") != state.country:
        st.query_params["country"] = state.country  # the code, whatever name an older link carried
    if state.deck is not None:
        st.session_state[DECK] = state.deck
    if state.deck_error is not None:
        # The session's deck is kept; the briefing page says why the link's deck was refused.
        st.session_state[DECK_LINK_ERROR] = state.deck_error
    if state.invalid:
        st.session_state.setdefault(NOTICES, []).extend(state.invalid)
    for key in REMEMBERED:
        if key in st.query_params:
            saved[key] = st.query_params[key]
        else:
            saved.pop(key, None)
    st.session_state[APP_NOW] = (st.query_params.get("country", ""), state.country)
    return state


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
    """The country in focus across pages (``?country=KGZ``), if it is a state in the data: as
    this run's ``app_state`` decoded it (decoded again only if the URL changed since)."""
    raw = st.query_params.get("country", "").strip()
    decoded_raw, code = st.session_state.get(APP_NOW, (None, None))
    if raw == decoded_raw:
        return code
    if not raw:
        return None
    return decode_app({"country": [raw]}, _app_domain()).country


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
    known = set(APP_KEYS)
    if page in PAGE_KINDS:
        known |= set(PAGE_KINDS[page].spec.keys)
    elif page in OTHER_SPECS:
        known |= set(OTHER_SPECS[page].keys)
    unknown = sorted(key for key in st.query_params if key not in known)
    for key in unknown:
        st.query_params.pop(key, None)
    return unknown
