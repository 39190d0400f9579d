"""Caches at the Streamlit boundary, all keyed by one data snapshot.

A snapshot is the data folder, a digest of its files' *contents* (an edit that keeps the file's
modification time is still picked up) and a digest of this session's uploads. Tables, load
failures, models and the data version are cached on it; nothing else keys a cache.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from components.data.loaders import (
    REF_KEYS,
    DataValidationError,
    Loaded,
    Problem,
    data_dir,
    ids_of,
    load_result,
    parse_table,
    refs_from,
    table_path,
)
from components.data.schema import ALL_DEPENDENCIES, DEPENDS_ON, TABLES
from components.data.version import data_version, file_digest, reviewed_on
from components.derive.sources import cited_sources, health_table
from components.i18n.text import current_language, source_links_md
from components.model.base import PageModel

SESSION_ROWS = "session_rows"
UPLOAD_DIGEST = "session_rows_digest"
UPLOADABLE = ("exercises", "events")
UPLOAD_MAX_BYTES = 2_000_000
UPLOAD_MAX_ROWS = 5_000


@dataclass(frozen=True)
class Snapshot:
    """Which data a run sees: folder, per-file content digests, and the session's uploads."""

    folder: str
    files: tuple[tuple[str, str], ...]
    uploads: str

    @property
    def key(self) -> str:
        joined = "|".join(f"{n}:{d}" for n, d in self.files)
        return hashlib.sha256(f"{self.folder}|{joined}|{self.uploads}".encode()).hexdigest()[:16]

    def file_digest(self, name: str) -> str:
        return dict(self.files)[name]


def snapshot() -> Snapshot:
    """The data this run sees (file digests are remembered per file state, so this is cheap)."""
    folder = data_dir()
    files = tuple((name, file_digest(table_path(name, folder))) for name in TABLES)
    return Snapshot(str(folder), files, st.session_state.get(UPLOAD_DIGEST, ""))


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_load(name: str, folder: str, digests: tuple[str, ...], today: date) -> Loaded:
    """One table's load result: the typed table or the problems that stopped it, with warnings.
    Failures are cached too: an invalid 90 MB file is parsed once per content, not on every view.
    ``digests`` (this file's and its references') and ``today`` are the cache key.

    cache_resource, not cache_data: cache_data would unpickle a fresh copy on every call, which at
    100,000 rows costs about a second per table per rerun. The cached table is never handed out
    itself: ``load_table`` returns a copy."""
    del digests
    refs = refs_from({ref: _load(ref, Path(folder), today) for ref in DEPENDS_ON[name]})
    return load_result(name, Path(folder), refs, today)


def _load(name: str, folder: Path, today: date | None = None) -> Loaded:
    digests = tuple(file_digest(table_path(n, folder)) for n in (name, *ALL_DEPENDENCIES[name]))
    return _cached_load(name, str(folder), digests, today or date.today())


def _base_table(name: str, folder: Path) -> pd.DataFrame:
    """The cached table as the data folder has it (no session rows); raises its data error."""
    return _load(name, folder).unwrap()


def load_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A validated, typed table (a copy: callers can never change the cached one), with the rows
    this browser session uploaded added at the end."""
    table = _base_table(name, folder or data_dir()).copy()
    extra = st.session_state.get(SESSION_ROWS, {}).get(name)
    return table if extra is None else pd.concat([table, extra], ignore_index=True)


def load_tables(names: tuple[str, ...] | list[str]) -> dict[str, pd.DataFrame]:
    return {name: load_table(name) for name in names}


def loadable_tables(names: tuple[str, ...] | list[str]) -> dict[str, pd.DataFrame]:
    """The tables among ``names`` that load, without the ones that do not: for what only looks
    names up (a citation naming states and events), where a broken file must not stop a page that
    does not need it; the page that needs that file says what is wrong with it."""
    tables = {}
    for name in names:
        try:
            tables[name] = load_table(name)
        except DataValidationError:
            continue
    return tables


def accept_upload(name: str, file_name: str, raw: bytes) -> int:
    """Validate an uploaded CSV in memory and keep its rows for this session only.

    Returns the number of rows added. Raises DataValidationError (type, size and row caps are
    checked before parsing; ids must not clash with the shipped data or earlier uploads).
    """
    if not file_name.lower().endswith(".csv"):
        raise DataValidationError(file_name, [Problem(file_name, None, None, "a .csv file")])
    if len(raw) > UPLOAD_MAX_BYTES:
        raise DataValidationError(
            file_name, [Problem(file_name, None, None, f"at most {UPLOAD_MAX_BYTES:,} bytes", f"{len(raw):,} bytes")]
        )
    refs = upload_refs(name)
    rows = parse_table(name, raw, refs, file_name=file_name, max_rows=UPLOAD_MAX_ROWS)
    key = TABLES[name].key
    if key:
        clashes = sorted(set(rows[key]) & set(load_table(name)[key]))
        if clashes:
            problems = [Problem(file_name, None, key, "an id not already in the data", clash) for clash in clashes[:20]]
            raise DataValidationError(file_name, problems)
    stored = st.session_state.setdefault(SESSION_ROWS, {})
    stored[name] = pd.concat([stored[name], rows], ignore_index=True) if name in stored else rows
    previous = st.session_state.get(UPLOAD_DIGEST, "")
    st.session_state[UPLOAD_DIGEST] = hashlib.sha256(previous.encode() + name.encode() + raw).hexdigest()[:16]
    return len(rows)


def upload_refs(name: str) -> dict[str, frozenset[str]]:
    """The ids an upload to ``name`` may reference: of the tables it references (an optional one that
    does not load is left unchecked, as in the data folder) and, for a table that references
    itself, its own rows so far."""
    refs: dict[str, frozenset[str]] = {}
    for ref in DEPENDS_ON[name]:
        try:
            refs[ref] = ids_of(load_table(ref), REF_KEYS[ref])
        except DataValidationError:
            if not TABLES[ref].optional:
                raise
    spec = TABLES[name]
    if spec.key and any(col.references == name for col in spec.columns):
        refs[name] = ids_of(load_table(name), spec.key)
    return refs


def clear_uploads() -> None:
    st.session_state.pop(SESSION_ROWS, None)
    st.session_state.pop(UPLOAD_DIGEST, None)


def data_health() -> pd.DataFrame:
    """Every problem and warning in the data in use: file, severity, line, column, expected, found."""
    return health_table({name: _load(name, data_dir()) for name in TABLES})


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_version(folder: str, key: str) -> str:
    del key
    return data_version(Path(folder))


def current_data_version() -> str:
    shot = snapshot()
    return _cached_version(shot.folder, shot.key)


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_review_day(folder: str, key: str) -> date | None:
    del key
    return reviewed_on(Path(folder))


def current_review_day() -> date | None:
    """The day the data in use was reviewed up to (data/reviewed.toml); None when it is not the
    data recorded as reviewed."""
    shot = snapshot()
    return _cached_review_day(shot.folder, shot.key)


@st.cache_data(show_spinner=False, max_entries=96)
def _cached_model(
    page: str,
    snapshot_key: str,
    state_key: tuple,
    lang: str,
    today: date,
    _tables: dict[str, pd.DataFrame],
    _build: Callable[..., PageModel],
    _state: dict,
) -> PageModel:
    """The model ``_build`` makes; everything it depends on is in the other arguments (the key)."""
    del page, snapshot_key, state_key
    return _build(_tables, _state, lang, today)


def cached_model(page: str, build: Callable[..., PageModel], tables: dict[str, pd.DataFrame], state: dict) -> PageModel:
    """A page's model, built once per data snapshot, state, language and day and shared by every
    session that sees the same snapshot (a session with uploads has its own snapshot key)."""
    state_key = tuple(sorted((k, repr(v)) for k, v in state.items()))
    return _cached_model(
        page, snapshot().key, state_key, current_language(), date.today(), _tables=tables, _build=build, _state=state
    )


def cited_sources_of(name: str) -> pd.DataFrame:
    """Distinct sources a table cites, with row counts (this session's rows included)."""
    return cited_sources(load_table(name))


def publishers() -> dict[str, tuple[str, str]]:
    """Web domain -> (publisher in the language, kind), from the source registry ({} if broken)."""
    try:
        registry = load_table("sources")
    except DataValidationError:
        return {}
    russian = current_language() == "ru"
    names = [
        ru if russian and isinstance(ru, str) and ru else en
        for en, ru in zip(registry["publisher"], registry["publisher_ru"], strict=True)
    ]
    return dict(zip(registry["domain"], zip(names, registry["kind"].astype(str), strict=True), strict=True))


def sources_md(urls: list[str]) -> str:
    """The numbered source list with each link's publisher and kind."""
    return source_links_md(urls, publishers())
