"""The page boundary: the only module in ``components`` that talks to Streamlit.

Pages get their tables from here (cached on simple keys: table name, folder, file modification
time), show data errors as readable text, and share the footer and the plotly configuration.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from components.data import DataValidationError, data_dir, ids_of, read_table, table_path
from components.schema import DEPENDS_ON, TABLES
from components.text import t
from components.version import data_version

# Served by Streamlit's static file serving (server.enableStaticServing); relative, so the app
# also works behind a proxy under a path prefix.
TOPOJSON_URL = "app/static/topojson/"
REF_KEYS = {"members": "iso3", "bodies": "body_id"}


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


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_table(name: str, folder: str, mtime: float, ref_mtimes: tuple[float, ...]) -> pd.DataFrame:
    """Read one validated table. The mtimes are cache keys: an edited file is read again."""
    del mtime, ref_mtimes  # only part of the cache key
    refs = {ref: ids_of(load_table(ref, Path(folder)), REF_KEYS[ref]) for ref in DEPENDS_ON[name]}
    return read_table(name, Path(folder), refs=refs)


def load_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """A validated, typed table (a copy, so callers can never change the cached one)."""
    folder = folder or data_dir()
    ref_mtimes = tuple(_mtime(table_path(ref, folder)) for ref in DEPENDS_ON[name])
    return _cached_table(name, str(folder), _mtime(table_path(name, folder)), ref_mtimes).copy()


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


def footer() -> None:
    """Provenance on every page: which data, which version, where the sources are."""
    st.divider()
    folder = data_dir()
    shown = "data/" if folder.resolve() == (Path(__file__).resolve().parent.parent / "data") else str(folder)
    st.caption(t("footer.data", folder=shown, version=current_data_version()))
    st.caption(t("footer.offline"))


def plotly_config(file_stem: str) -> dict:
    """Chart configuration: local map outlines, no plotly logo, PNG export at 2x."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def show_chart(figure, key: str, file_stem: str, **kwargs) -> object:
    """Draw a plotly figure as built (our own template, not Streamlit's) with the shared config."""
    return st.plotly_chart(figure, key=key, theme=None, config=plotly_config(file_stem), **kwargs)
