"""The country in focus: the bar that says so on every page, its card, and the sidebar picker's data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from components.data.loaders import DataValidationError
from components.derive.country import CountrySummary, country_summary
from components.i18n.names import exercise_names, localized, state_names
from components.i18n.text import format_date, labelled, md, t, tmd
from components.model.base import display_frame
from components.ui.cache import load_table, load_tables, sources_md
from components.ui.frame import focus_country, set_app_value
from components.ui.render import show_data_error


def _history(summary: CountrySummary) -> None:
    """The state's membership record, dated at each change's precision."""
    st.subheader(t("country.history"), anchor=False)
    history = summary.history
    when = [format_date(d, p) for d, p in zip(history["date"], history["date_precision"], strict=True)]
    rows = labelled(
        history.assign(when=when)[["when", "change", "body", "basis", "note"]],
        {"change": "change.", "body": "body.", "basis": "basis."},
    )
    labels = {key: t(f"col.{key}") for key in ("change", "body", "basis")}
    st.dataframe(
        display_frame(rows),
        hide_index=True,
        column_config={
            "when": t("col.date"),
            **labels,
            "note": st.column_config.TextColumn(t("col.note"), width="large"),
        },
    )


def _exercises(summary: CountrySummary) -> None:
    """The held exercises it took part in and hosted; planned and cancelled ones listed apart."""
    st.subheader(t("country.exercises", took_part=len(summary.took_part), hosted=len(summary.hosted)), anchor=False)
    ex_names = exercise_names(summary.took_part)
    if len(ex_names):
        st.markdown(tmd("country.exercise_list", names=", ".join(ex_names.head(40))))
    if len(summary.not_held):
        listed = ", ".join(exercise_names(summary.not_held).head(40))
        st.markdown(tmd("country.not_held", count=len(summary.not_held), names=listed))
    st.caption(t("counting.rule"))


def _events(summary: CountrySummary) -> None:
    st.subheader(t("country.events", count=len(summary.events)), anchor=False)
    events = summary.events.assign(title=localized(summary.events, "title"))
    st.dataframe(
        display_frame(labelled(events[["date", "title", "category"]], {"category": "category."})),
        hide_index=True,
        column_config={
            "date": t("col.date"),
            "title": st.column_config.TextColumn(t("col.title"), width="large"),
            "category": t("col.category"),
        },
    )


@st.dialog(" ", width="large")
def country_card(code: str) -> None:
    """The country card: status today, membership history, held exercises it took part in and hosted
    (planned and cancelled ones listed apart, not counted), events."""
    try:
        tables = load_tables(("members", "membership", "exercises", "events"))
    except DataValidationError as error:
        show_data_error(error)
        return
    names = state_names(tables["members"])
    summary = country_summary(code, tables, pd.Timestamp(date.today()))
    st.header(md(names.get(code, code)), anchor=False)
    st.page_link("pages/country.py", label=t("profile.open"), icon=":material/flag:")
    status = t(f"status.{summary.status_today}") if summary.status_today else t("country.no_status")
    st.markdown(tmd("country.status_today", status=status))
    _history(summary)
    _exercises(summary)
    _events(summary)
    with st.expander(t("country.sources", count=len(summary.sources))):
        st.markdown(sources_md(summary.sources))


def country_focus_bar() -> None:
    """When a country is in focus: say so, open its card, or clear the focus — one click each."""
    code = focus_country()
    if not code:
        return
    name = state_names(load_table("members")).get(code, code)
    bar = st.columns([3.2, 1.6, 1.2], vertical_alignment="center")  # both buttons whole at 1024 px
    bar[0].info(tmd("country.in_focus", name=name), icon=":material/my_location:")
    if bar[1].button(t("country.open_card"), key="country_card_open", icon=":material/badge:"):
        country_card(code)
    bar[2].button(
        t("country.clear"), key="country_clear", on_click=set_app_value, args=("country", None), icon=":material/close:"
    )


def member_codes() -> list[str]:
    """Every state in members.csv, ordered by its name in the language ([] if the file is broken)."""
    try:
        members = load_table("members")
    except DataValidationError:
        return []
    names = state_names(members)
    return sorted(names, key=names.get)


def members_or_empty() -> pd.DataFrame:
    try:
        return load_table("members")
    except DataValidationError:
        return pd.DataFrame(columns=["iso3", "name_en", "name_ru"])
