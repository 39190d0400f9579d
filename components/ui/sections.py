"""Parts of a page drawn from its model that are more than one chart or table: the exercise
map's participation tabs, the notes under a chart."""

from __future__ import annotations

import streamlit as st

from components.i18n.text import format_number, md, t, tmd
from components.model.base import PageModel
from components.ui.page import OpenPage
from components.ui.render import show_table


def notes(model: PageModel) -> None:
    """The model's notes, one caption each, under its chart."""
    for note in model.notes:
        st.caption(md(note))


def unmapped_note(count: int, listed_names: list[str]) -> None:
    """Which shown exercises the map could not place (the first few by name)."""
    if not count:
        return
    more = count - len(listed_names)
    listed = ", ".join(listed_names) + (f" … (+{format_number(more)})" if more > 0 else "")
    st.caption(tmd("exercises.unmapped", count=count, names=listed))


def participation_section(page: OpenPage) -> None:
    """Who trains with whom, over the filters' year range (not the single year Play shows): the
    matrix with its totals, and the co-participation network, each with its data table."""
    model = page.model
    if not model.chart("participation_matrix"):
        return
    st.subheader(t("participation.heading"), anchor=False)
    matrix_tab, network_tab = st.tabs([t("participation.tab.matrix"), t("participation.tab.network")])
    with matrix_tab:
        page.show_chart("participation_matrix")
        st.caption(t("participation.matrix_note"))
        totals = model.table("participation_totals")
        st.markdown(f"**{totals.title}**")
        show_table(totals, download_label=t("participation.totals_download", rows=totals.total))
        st.caption(t("counting.rule"))
    with network_tab:
        if model.chart("co_participation"):
            page.show_chart("co_participation")
            st.caption(t("participation.network_note"))
        else:
            st.info(t("participation.network_empty"))


def titled_table(model: PageModel, key: str, download: str | None = None, empty: str | None = None) -> None:
    """A model's table under its title; ``download``: the catalogue key of its download button's
    label (with the row count); ``empty``: the caption shown instead of an empty table."""
    table = model.table(key)
    st.subheader(table.title, anchor=False)
    if empty and not table.total:
        st.caption(t(empty))
        return
    show_table(table, download_label=t(download, rows=table.total) if download else None)
