"""Briefing: step through saved views (buttons or arrow keys), reorder the deck, export it offline."""

from datetime import date

import streamlit as st

from components.data.schema import TABLES
from components.export.html import briefing_html
from components.i18n.text import current_language, md, set_language, source_links_md, t
from components.model.views import default_deck, render_view, view_caption, view_title
from components.ui.page_kit import current_data_version, ensure_app_frame, footer, require_tables, show_chart

ensure_app_frame()
st.title(t("briefing.title"))
st.caption(t("briefing.intro"))
tables = require_tables(*TABLES)
today = date.today()
deck: list[dict] = st.session_state.setdefault("deck", default_deck(today))


def move(index: int, step: int) -> None:
    target = index + step
    if 0 <= target < len(deck):
        deck[index], deck[target] = deck[target], deck[index]


def remove(index: int) -> None:
    if 0 <= index < len(deck):
        deck.pop(index)
    st.session_state["slide"] = max(1, min(st.session_state.get("slide", 1), len(deck) or 1))


def restore() -> None:
    st.session_state["deck"] = default_deck(today)
    st.session_state["slide"] = 1


def step(delta: int) -> None:
    st.session_state["slide"] = max(1, min(st.session_state.get("slide", 1) + delta, len(deck)))


if not deck:
    st.info(t("briefing.empty"))
    st.button(t("briefing.reset"), on_click=restore, key="deck_restore_empty")
    footer()
    st.stop()

if st.session_state.get("slide", 1) > len(deck):
    st.session_state["slide"] = len(deck)
controls = st.columns([1, 4, 1], vertical_alignment="center")
controls[0].button(
    t("briefing.previous"), on_click=step, args=(-1,), key="prev", shortcut="Left", icon=":material/arrow_back:"
)
number = controls[1].slider(
    t("briefing.slide"), 1, max(len(deck), 2), key="slide", bind="query-params", label_visibility="collapsed"
)
number = min(number, len(deck))
controls[2].button(
    t("briefing.next"), on_click=step, args=(1,), key="next", shortcut="Right", icon=":material/arrow_forward:"
)
st.caption(t("briefing.counter", number=number, total=len(deck)))

content = render_view(deck[number - 1], tables, today)
st.header(md(content.title))
st.markdown(md(content.caption))
st.caption(t("briefing.as_of", as_of=content.as_of))
for index, (title, figure) in enumerate(content.figures):
    show_chart(figure, f"slide_chart_{index}", f"csto-briefing-{number}-{index}", title=title)
with st.expander(t("briefing.sources", count=len(content.sources))):
    st.markdown(source_links_md(content.sources))

st.subheader(t("briefing.deck"))
for index, view in enumerate(deck):
    row = st.columns([6, 1, 1, 1], vertical_alignment="center")
    row[0].markdown(f"{index + 1}. **{md(view_title(view))}** — {md(view_caption(view))}")
    row[1].button("↑", key=f"up_{index}", on_click=move, args=(index, -1), help=t("briefing.up"), disabled=index == 0)
    row[2].button(
        "↓",
        key=f"down_{index}",
        on_click=move,
        args=(index, 1),
        help=t("briefing.down"),
        disabled=index == len(deck) - 1,
    )
    row[3].button("✕", key=f"remove_{index}", on_click=remove, args=(index,), help=t("briefing.remove"))
actions = st.columns(2)
actions[0].button(t("briefing.reset"), on_click=restore, key="deck_restore")
frozen_deck = [dict(view) for view in deck]
lang = current_language()
current_version = current_data_version()


def deck_html() -> bytes:
    """Built only on click: every slide's charts with map outlines and plotly.js embedded."""
    set_language(lang)  # the click runs this on another thread
    slides = [render_view(view, tables, today) for view in frozen_deck]
    return briefing_html(slides, current_version, today).encode("utf-8")


actions[1].download_button(
    t("briefing.export"),
    data=deck_html,
    file_name="csto-briefing.html",
    mime="text/html",
    key="deck_export",
    on_click="ignore",
    icon=":material/download:",
)
footer()
