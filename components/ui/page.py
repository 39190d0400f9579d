"""What every page with a declared state does first and last: tables, state, model; share, footer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.data.loaders import DataValidationError, empty_table
from components.data.schema import TABLES
from components.i18n.text import md, t, tmd
from components.model.base import PageModel
from components.model.pages import PAGE_KINDS, PageKind
from components.model.state import Domain
from components.model.tables import chart_rows
from components.ui.cache import cached_model, load_table, load_tables, snapshot
from components.ui.render import footer, presentation_on, show_chart, show_data_error
from components.ui.share import share_panel
from components.ui.state import page_state
from components.ui.styles import LAYOUT_CSS  # the chart leads (issue 31): see styles.PAGE_LAYOUT


def page_header(title: str, intro: str) -> None:
    """The page's title and one short line under it: small enough that the chart comes first."""
    st.html(LAYOUT_CSS)
    st.title(title, anchor=False)
    st.caption(intro)


@contextmanager
def filter_panel() -> Iterator[None]:
    """The page's filters, in the sidebar above the app's own controls (a map or a chart then
    takes the page's width and its first screen; on a phone they are one tap away)."""
    with st.sidebar.container(key="page_filters"):
        st.markdown(f"**{t('filters.heading')}**")
        yield


def more_filters():
    """The less-used filters, behind one button in the filter panel."""
    return st.popover(t("filters.more"), icon=":material/tune:", key="more_filters", width="stretch")


def reset_button(key: str, label: str, on_click: Callable[[], None], disabled: bool, help: str | None = None) -> None:
    """The filter panel's Reset: every filter back to its default (greyed out when they are)."""
    st.button(label, on_click=on_click, key=key, icon=":material/restart_alt:", disabled=disabled, help=help)


def named(label: str, names: Iterable[str]) -> str:
    """'2 states: Armenia, Kazakhstan' — a multiselect's choice, readable however narrow its box."""
    listed = list(names)
    return f"{label} ({len(listed)}): {', '.join(listed)}"


def filter_summary(parts: Iterable[str | None]) -> None:
    """One line over the chart saying what the filters hold ('2022–2026 · Hosts (2): …'), or
    that nothing is filtered."""
    shown = [part for part in parts if part]
    st.caption(md(" · ".join(shown)) if shown else t("filters.none"), help=t("filters.where"))


def require_tables(*names: str) -> dict[str, pd.DataFrame]:
    """Load the tables a page needs or stop that page (only) with a clear message.

    An optional table (``TableSpec.optional``: the source registry, the place gazetteer) that does
    not load does not stop the page: it goes on with that table empty and a notice naming the file."""
    try:
        tables = load_tables([name for name in names if not TABLES[name].optional])
    except DataValidationError as error:
        show_data_error(error)
        footer()
        st.stop()
        raise  # unreachable: st.stop() ends the script run
    return {name: tables[name] if name in tables else optional_table(name) for name in names}


def optional_table(name: str) -> pd.DataFrame:
    """The table, or an empty one with a notice (none while presenting) when it does not load."""
    try:
        return load_table(name)
    except DataValidationError:
        if not presentation_on():
            st.warning(tmd("error.optional", file=TABLES[name].file_name), icon=":material/warning:")
        return empty_table(name)


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_domain(page: str, snapshot_key: str, today: date, _tables: dict[str, pd.DataFrame]) -> Domain:
    del snapshot_key
    return PAGE_KINDS[page].domain(_tables, today)


@dataclass
class OpenPage:
    """A page as this run sees it: its kind, tables, domain, state (from the URL) and model."""

    kind: PageKind
    tables: dict[str, pd.DataFrame]
    domain: Domain
    state: dict[str, Any]
    model: PageModel

    def table(self, chart_key: str) -> Callable[[], pd.DataFrame]:
        """The rows of this view's chart ``chart_key`` for its data table, built only when opened."""
        return chart_rows(chart_key, self.tables, self.state, date.today())

    def show_chart(self, chart_key: str, **options: object) -> object:
        """Draw the model's chart ``chart_key`` with its data table under it (``options`` go to
        st.plotly_chart, e.g. on_select)."""
        return show_chart(self.model.chart(chart_key), table=self.table(chart_key), **options)

    def is_default(self, *names: str) -> bool:
        defaults = self.kind.spec.defaults(self.domain)
        return all(self.state[name] == defaults[name] for name in names)


def open_page(page: str) -> OpenPage:
    """The page's tables, its state from the URL (widgets set to it) and its model."""
    kind = PAGE_KINDS[page]
    tables = require_tables(*kind.tables)
    domain = _cached_domain(page, snapshot().key, date.today(), _tables=tables)
    state = page_state(kind.spec, domain)
    return OpenPage(kind, tables, domain, state, cached_model(page, kind.build, tables, state))


def close_page(opened: OpenPage) -> None:
    """Share, cite or export this view, then the footer (no share panel while presenting)."""
    st.divider()
    if not presentation_on():
        share_panel(opened.kind.spec, opened.model)
    footer()
