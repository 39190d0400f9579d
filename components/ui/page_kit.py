"""The page boundary: the only module in ``components`` that talks to Streamlit.

Pages get their tables from here (cached on simple keys: table name, folder, file modification
time), show data errors as readable text, and share the footer and the plotly configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data.loaders import (
    DEFAULT_DATA_DIR,
    DataValidationError,
    Problem,
    data_dir,
    ids_of,
    parse_table,
    read_all,
    read_table,
    table_path,
)
from components.data.schema import DEPENDS_ON, TABLES
from components.data.version import data_version
from components.derive.country import country_summary
from components.derive.exercises import ExerciseFilters, ExerciseView, exercise_view
from components.derive.sources import cited_sources, to_csv_bytes
from components.export.html import briefing_html
from components.export.links import citation, describe_view, link_params, rejected_params, share_url
from components.figures.style import for_projector, with_title_and_source
from components.i18n.names import exercise_names, state_names
from components.i18n.text import current_language, format_date, labelled, set_language, source_links_md, t, tmd
from components.model.views import VIEW_KEYS, default_deck, render_view

# Served by Streamlit's static file serving (server.enableStaticServing); relative, so the app
# also works behind a proxy under a path prefix.
TOPOJSON_URL = "app/static/topojson/"
REF_KEYS = {"members": "iso3", "bodies": "body_id"}
SESSION_ROWS = "session_rows"
UPLOADABLE = ("exercises", "events")
UPLOAD_MAX_BYTES = 2_000_000
UPLOAD_MAX_ROWS = 5_000


def ensure_app_frame() -> None:
    """Run pages inside ``app.py``'s frame even when a deep link is a fresh server's first request.

    Streamlit decides once per process whether a ``pages/`` folder means the legacy multipage mode;
    until ``st.navigation`` has run, a first request for ``/membership`` executes
    ``pages/membership.py`` alone (no frame, file names in the menu). Switching the flag off and
    rerunning hands the request to ``app.py``, whose ``st.navigation`` serves the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else -1.0


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_table(name: str, folder: str, mtime: float, ref_mtimes: tuple[float, ...]) -> pd.DataFrame:
    """Read one validated table. The mtimes are cache keys: an edited file is read again.

    cache_resource, not cache_data: cache_data would unpickle a fresh copy on every call, which at
    100,000 rows costs about a second per table per rerun. The cached table is never handed out
    itself: ``load_table`` returns a copy, and no code mutates the list objects inside cells."""
    del mtime, ref_mtimes  # only part of the cache key
    refs = {ref: ids_of(_base_table(ref, Path(folder)), REF_KEYS[ref]) for ref in DEPENDS_ON[name]}
    return read_table(name, Path(folder), refs=refs)


def _base_table(name: str, folder: Path) -> pd.DataFrame:
    """The cached table as the data folder has it (no session rows)."""
    ref_mtimes = tuple(_mtime(table_path(ref, folder)) for ref in DEPENDS_ON[name])
    return _cached_table(name, str(folder), _mtime(table_path(name, folder)), ref_mtimes)


def load_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A validated, typed table (a copy, so callers can never change the cached one), with the
    rows this browser session uploaded added at the end."""
    table = _base_table(name, folder or data_dir()).copy()
    extra = st.session_state.get(SESSION_ROWS, {}).get(name)
    return table if extra is None else pd.concat([table, extra], ignore_index=True)


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
    refs = {ref: ids_of(load_table(ref), REF_KEYS[ref]) for ref in DEPENDS_ON[name]}
    rows = parse_table(name, raw, refs, file_name=file_name, max_rows=UPLOAD_MAX_ROWS)
    key = TABLES[name].key
    if key:
        clashes = sorted(set(rows[key]) & set(load_table(name)[key]))
        if clashes:
            problems = [Problem(file_name, None, key, "an id not already in the data", clash) for clash in clashes[:20]]
            raise DataValidationError(file_name, problems)
    stored = st.session_state.setdefault(SESSION_ROWS, {})
    stored[name] = pd.concat([stored[name], rows], ignore_index=True) if name in stored else rows
    return len(rows)


def data_health() -> pd.DataFrame:
    """Every validation problem in the data in use: file, line, column, expected, found."""
    problems = []
    for name in TABLES:
        try:
            load_table(name)
        except DataValidationError as error:
            problems.extend(error.problems)
    return pd.DataFrame(
        [
            {"file": p.file, "line": p.line, "column": p.column or "", "expected": p.expected, "found": p.value}
            for p in problems
        ],
        columns=["file", "line", "column", "expected", "found"],
    )


def show_data_error(error: DataValidationError) -> None:
    """A readable error box: what happened, then every problem as plain text (never HTML)."""
    st.error(t("error.data"), icon=":material/error:")
    with st.expander(t("error.details"), expanded=True):
        st.code(str(error), language=None)


def require_tables(*names: str) -> dict[str, pd.DataFrame]:
    """Load the tables a page needs or stop that page (only) with a clear message."""
    try:
        return {name: load_table(name) for name in names}
    except DataValidationError as error:
        show_data_error(error)
        footer()
        st.stop()
        raise  # unreachable: st.stop() ends the script run


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_version(folder: str, mtimes: tuple[float, ...]) -> str:
    del mtimes
    return data_version(Path(folder))


def current_data_version() -> str:
    folder = data_dir()
    mtimes = tuple(_mtime(table_path(name, folder)) for name in TABLES)
    return _cached_version(str(folder), mtimes)


def presentation_on() -> bool:
    """Whether the frame is in presentation mode (set by app.py from the toggle or ?present=1)."""
    return bool(st.session_state.get("presentation_mode"))


def current_view(page: str) -> dict:
    """This page's view state from its widgets' own values (codes and ids, never labels)."""
    state = {}
    for key in VIEW_KEYS.get(page, ()):
        value = st.session_state.get(key)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        state[key] = value
    return {"page": page, "state": state}


def _view_html(page: str, view: dict, title: str) -> Callable[[], bytes]:
    """Deferred HTML export of one view (built only when the button is clicked)."""
    folder = data_dir()
    lang = current_language()

    def build() -> bytes:
        set_language(lang)  # runs on another thread, which has its own (default) language
        tables = read_all(folder)
        content = render_view({**view, "title": title}, tables, date.today())
        return briefing_html([content], data_version(folder), date.today(), title=title).encode("utf-8")

    return build


def share_panel(page: str) -> None:
    """Copy link, cite this view, add it to the briefing deck, export it as offline HTML."""
    title = t(f"nav.{page}")
    params = link_params({key: st.query_params.get_all(key) for key in st.query_params})
    params.pop("present", None)
    url = share_url(st.context.url, (st.context.url and urlsplit(st.context.url).path) or page, params)
    version = current_data_version()
    with st.popover(t("share.button"), icon=":material/share:"):
        st.markdown(f"**{t('share.link')}**")
        st.code(url, language=None, wrap_lines=True)
        st.markdown(f"**{t('share.cite')}**")
        st.code(citation(title, describe_view(params), version, date.today(), url), language=None, wrap_lines=True)
        view = current_view(page)
        if page in VIEW_KEYS:
            st.button(
                t("share.add_to_deck"),
                key=f"add_view_{page}",
                on_click=_add_to_deck,
                args=(view, title, describe_view(params)),
                icon=":material/playlist_add:",
            )
            st.download_button(
                t("share.export_html"),
                data=_view_html(page, view, title),
                file_name=f"csto-{page}-view.html",
                mime="text/html",
                key=f"export_view_{page}",
                on_click="ignore",
                icon=":material/download:",
            )


def _add_to_deck(view: dict, title: str, caption: str) -> None:
    deck = st.session_state.setdefault("deck", default_deck(date.today()))
    deck.append({**view, "title": title, "caption": caption})
    st.toast(t("share.added", count=len(deck)), icon=":material/check:")


def footer(page: str | None = None) -> None:
    """Provenance on every page: which data, which version, where the sources are; sharing."""
    st.divider()
    if page:
        share_panel(page)
    folder = data_dir()
    shown = "data/" if folder.resolve() == DEFAULT_DATA_DIR else str(folder)
    # The keyed container gives tests and benchmarks a language-independent "page finished" mark.
    with st.container(key="page_footer"):
        st.caption(tmd("footer.data", folder=shown, version=current_data_version()))
        st.caption(t("footer.offline"))


def plotly_config(file_stem: str) -> dict:
    """Chart configuration: local map outlines, no plotly logo, PNG export at 2x."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def show_chart(
    figure: go.Figure, key: str, file_stem: str, title: str | None = None, narrow: bool = False, **kwargs
) -> object:
    """Draw a figure as built (our template, not Streamlit's) with its title and a source line,
    so a downloaded PNG carries both; in presentation mode, larger type and a taller chart.
    ``narrow``: the chart sits in a column, so its title and source line wrap sooner."""
    source = t("chart.source_line", version=current_data_version())
    framed = with_title_and_source(figure, title, source, width="narrow" if narrow else "wide")
    if presentation_on():
        framed = for_projector(framed)
    return st.plotly_chart(framed, key=key, theme=None, config=plotly_config(file_stem), **kwargs)


def opened_link() -> dict[str, list[str]]:
    """The query string as the page was opened, before its widgets read it."""
    return link_params({key: st.query_params.get_all(key) for key in st.query_params})


def report_rejected_link(before: dict[str, list[str]]) -> None:
    """After the page ran: say which link parameters were unknown or unusable, drop the unknown."""
    after = opened_link()
    known = {key for key in st.session_state if isinstance(key, str)}
    unknown, invalid = rejected_params(before, after, known)
    for key in unknown:
        st.query_params.pop(key, None)
    if unknown:
        st.toast(tmd("links.unknown", keys=", ".join(k[:40] for k in unknown[:10])), icon=":material/link_off:")
    if invalid:
        st.toast(tmd("links.invalid", keys=", ".join(invalid[:10])), icon=":material/link_off:")


# Tables show at most this many rows (the CSV download has all): at 100,000 rows a full table
# would send tens of megabytes to the browser on every rerun.
TABLE_ROW_LIMIT = 1_000


def csv_download(label: str, table: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, key: str) -> None:
    """A CSV download of exactly this table (or of what the callable returns), built only when
    clicked, never on every rerun."""
    st.download_button(
        label,
        data=lambda: to_csv_bytes(table() if callable(table) else table),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_sources(name: str, folder: str, mtime: float) -> pd.DataFrame:
    del mtime  # cache key only
    return cited_sources(_base_table(name, Path(folder)))


def cited_sources_of(name: str) -> pd.DataFrame:
    """Distinct sources a table cites, with row counts (cached per file version; session rows too)."""
    folder = data_dir()
    sources = _cached_sources(name, str(folder), _mtime(table_path(name, folder)))
    extra = st.session_state.get(SESSION_ROWS, {}).get(name)
    return sources if extra is None else cited_sources(load_table(name))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_exercise_view(
    folder: str, mtimes: tuple[float, ...], filters: ExerciseFilters, row_limit: int
) -> ExerciseView:
    del mtimes  # cache key only: edited files are read again
    base = Path(folder)
    return exercise_view(_base_table("exercises", base), _base_table("members", base), filters, row_limit)


def exercise_view_for(filters: ExerciseFilters) -> ExerciseView:
    """The Exercise map's reduced view, cached per data version and filters (the same filters
    come back on every rerun that only opens a card or a menu). Session uploads bypass the cache."""
    if SESSION_ROWS in st.session_state and "exercises" in st.session_state[SESSION_ROWS]:
        return exercise_view(load_table("exercises"), load_table("members"), filters, TABLE_ROW_LIMIT)
    folder = data_dir()
    mtimes = tuple(_mtime(table_path(name, folder)) for name in ("exercises", "members"))
    return _cached_exercise_view(str(folder), mtimes, filters, TABLE_ROW_LIMIT)


@st.cache_data(show_spinner=False, max_entries=128)
def _cached_figure(
    kind: str, folder: str, mtimes: tuple[float, ...], options: tuple, lang: str, _build: Callable[[], go.Figure]
) -> go.Figure:
    """The figure ``_build`` makes; everything it depends on is in the other arguments (the key).
    ``_build`` itself is not hashed (Streamlit skips arguments that start with an underscore)."""
    del kind, folder, mtimes, options, lang  # cache key only
    return _build()


def cached_figure(kind: str, tables: tuple[str, ...], options: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """A figure built once per data version, options and language, and shared by every session.

    Building a plotly figure costs 20-50 ms of validation; a new browser tab (every navigation by
    link) would pay it again for figures another tab already drew. ``options`` must hold every
    input ``build`` uses besides the ``tables`` and the language. Session uploads bypass the cache.
    Each call returns its own copy, so callers may frame the figure in place."""
    uploads = st.session_state.get(SESSION_ROWS, {})
    if any(name in uploads for name in tables):
        return build()
    folder = data_dir()
    mtimes = tuple(_mtime(table_path(name, folder)) for name in tables)
    return _cached_figure(kind, str(folder), mtimes, options, current_language(), _build=build)


@st.cache_data(show_spinner=False, max_entries=16)
def _cached_codes(name: str, column: str, folder: str, mtime: float) -> list[str]:
    del mtime
    return sorted(set().union(*_base_table(name, Path(folder))[column]))


def codes_in(name: str, column: str) -> list[str]:
    """Distinct state codes in a list column (e.g. every host state), cached per file version."""
    folder = data_dir()
    codes = _cached_codes(name, column, str(folder), _mtime(table_path(name, folder)))
    extra = st.session_state.get(SESSION_ROWS, {}).get(name)
    return codes if extra is None else sorted(set(codes).union(*extra[column]))


def focus_country() -> str | None:
    """The country in focus across pages (``?country=KGZ``), if it is a state in the data."""
    code = st.query_params.get("country", "").strip().upper()[:3]
    try:
        known = set(_base_table("members", data_dir())["iso3"])
    except DataValidationError:
        return None
    return code if code in known else None


def set_focus_country(code: str | None) -> None:
    """Put a country in focus (or clear it); the URL carries it to every page and into links."""
    if code:
        st.query_params["country"] = code
    else:
        st.query_params.pop("country", None)


@st.dialog(" ", width="large")
def country_card(code: str) -> None:
    """The country card: status today, membership history, exercises hosted and attended, events."""
    try:
        tables = {name: load_table(name) for name in ("members", "membership", "exercises", "events")}
    except DataValidationError as error:
        show_data_error(error)
        return
    names = state_names(tables["members"])
    summary = country_summary(code, tables, pd.Timestamp(date.today()))
    st.header(names.get(code, code))
    status = t(f"status.{summary.status_today}") if summary.status_today else t("country.no_status")
    st.markdown(tmd("country.status_today", status=status))
    st.subheader(t("country.history"))
    history = summary.history.assign(
        when=[
            format_date(d, p) for d, p in zip(summary.history["date"], summary.history["date_precision"], strict=True)
        ]
    )
    st.dataframe(
        labelled(
            history[["when", "change", "body", "basis", "note"]],
            {"change": "change.", "body": "body.", "basis": "basis."},
        ),
        hide_index=True,
        column_config={
            "when": t("col.date"),
            "change": t("col.change"),
            "body": t("col.body"),
            "basis": t("col.basis"),
            "note": st.column_config.TextColumn(t("col.note"), width="large"),
        },
    )
    hosted, attended = summary.hosted, summary.attended
    st.subheader(t("country.exercises", hosted=len(hosted), attended=len(attended)))
    ex_names = exercise_names(pd.concat([hosted, attended]).drop_duplicates("exercise_id"))
    if len(ex_names):
        st.markdown(tmd("country.exercise_list", names=", ".join(ex_names.head(40))))
    st.subheader(t("country.events", count=len(summary.events)))
    st.dataframe(
        summary.events[["date", "title", "category"]],
        hide_index=True,
        column_config={
            "date": st.column_config.DateColumn(t("col.date"), format="YYYY-MM-DD"),
            "title": st.column_config.TextColumn(t("col.title"), width="large"),
            "category": t("col.category"),
        },
    )
    with st.expander(t("country.sources", count=len(summary.sources))):
        st.markdown(source_links_md(summary.sources))


def country_focus_bar() -> None:
    """When a country is in focus: say so, open its card, or clear the focus — one click each."""
    code = focus_country()
    if not code:
        return
    try:
        name = state_names(_base_table("members", data_dir())).get(code, code)
    except DataValidationError:
        return
    bar = st.columns([4, 1.3, 1], vertical_alignment="center")
    bar[0].info(tmd("country.in_focus", name=name), icon=":material/my_location:")
    if bar[1].button(t("country.open_card"), key="country_card_open", icon=":material/badge:"):
        country_card(code)
    bar[2].button(
        t("country.clear"), key="country_clear", on_click=set_focus_country, args=(None,), icon=":material/close:"
    )


def member_codes() -> list[str]:
    """Every state in members.csv, ordered by its name in the language ([] if the file is broken)."""
    try:
        members = _base_table("members", data_dir())
    except DataValidationError:
        return []
    names = state_names(members)
    return sorted(names, key=names.get)


def members_or_empty() -> pd.DataFrame:
    try:
        return _base_table("members", data_dir())
    except DataValidationError:
        return pd.DataFrame(columns=["iso3", "name_en", "name_ru"])
