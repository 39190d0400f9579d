"""The cards pages show beside a chart: an exercise, a chronology item, a body of the structure.

Each card is a model's plain strings (escaped here); the page only says where it goes."""

from __future__ import annotations

import streamlit as st

from components.i18n.text import md, t, tmd
from components.ui.cache import sources_md


def _lines(card: dict, prefix: str, keys: tuple[str, ...]) -> None:
    """One 'Label: value' line per key that has a value."""
    for key in keys:
        if card.get(key):
            st.markdown(tmd(f"{prefix}.{key}", value=card[key]))


def _sources(card: dict, heading: str) -> None:
    st.markdown(f"**{t(heading)}**")
    st.markdown(sources_md(card["sources"]))


def exercise_card(card: dict | None) -> None:
    """The exercise picked on the map or in the list."""
    if not card:
        st.caption(t("exercises.card_hint"))
        return
    st.markdown(f"**{md(card['name'])}** · {md(card['status'])}")
    st.markdown(tmd("exercises.card.dates", value=card["dates"]))
    st.markdown(tmd("exercises.card.location", value=card["location"], precision=card["precision"]))
    for key in ("hosts", "participants", "personnel"):
        st.markdown(tmd(f"exercises.card.{key}", value=card[key]))
    _lines(card, "exercises.card", ("force", "aliases"))
    if card["note"]:
        st.caption(tmd("exercises.card.note", value=card["note"]))
    _sources(card, "exercises.card.sources")


def chronology_card(card: dict | None) -> None:
    """The chronology item in the story's focus."""
    if not card:
        st.caption(t("chronology.card_hint"))
        return
    st.subheader(md(card["title"]), anchor=False)
    st.markdown(tmd("chronology.card.dates", value=card["dates"]))
    st.markdown(tmd("chronology.card.category", value=card["category"]))
    _lines(card, "chronology.card", ("status",))
    st.markdown(tmd("chronology.card.states", value=card["states"]))
    if card["note"]:
        st.caption(md(card["note"]))
    _sources(card, "chronology.card.sources")


def body_card(details: dict | None) -> None:
    """The body picked in the structure diagram: names, kind, date, whom it answers to."""
    st.subheader(t("structure.details"), anchor=False)
    if not details:
        st.caption(t("structure.details_hint"))
        return
    st.markdown(f"**{md(details['name'])}**")
    for key in ("abbreviation", "name_ru"):
        if details[key]:
            st.markdown(tmd(f"structure.{key}", value=details[key]))
    st.markdown(t("structure.kind", value=t(f"kind.{details['kind']}")))
    st.markdown(tmd("structure.established", day=details["established"]))
    if details["description"]:
        st.markdown(md(details["description"]))
    up, down = st.columns(2)
    for place, key, lines in ((up, "answers_to", details["answers_to"]), (down, "answered_by", details["answered_by"])):
        place.markdown(f"**{t(f'structure.{key}')}**")
        place.markdown("\n".join(f"- {md(line)}" for line in lines) or t("structure.nothing"))
    _sources(details, "structure.sources")
