"""Briefing: step through the deck's saved views (buttons or keys), edit the deck, export it."""

from datetime import date

import streamlit as st

from components.data.schema import TABLES
from components.export.html import briefing_html
from components.export.links import share_url
from components.export.pptx import briefing_pptx
from components.i18n.text import current_language, md, t
from components.model.deck import (
    DeckError,
    deck_from_json,
    deck_to_json,
    default_deck,
    encode_deck,
    slide_model,
    slide_title,
)
from components.ui.cache import current_data_version, sources_md
from components.ui.frame import get_deck, save_deck, set_app_value
from components.ui.page import require_tables
from components.ui.present import present_slide
from components.ui.render import footer, presentation_on, show_chart, show_table
from components.ui.share import pptx_download

if not presentation_on():
    st.title(t("briefing.title"), anchor=False)
    st.caption(t("briefing.intro"))
tables = require_tables(*TABLES)
today = date.today()
lang = current_language()
deck = get_deck()


def slide_number() -> int:
    """The slide in the URL (``?slide=3``), kept within the deck without a notice."""
    raw = st.query_params.get("slide", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() else 1
    return max(1, min(number, max(len(deck), 1)))


def go_to(number: int) -> None:
    number = max(1, min(number, len(get_deck())))
    if number == 1:
        st.query_params.pop("slide", None)
    else:
        st.query_params["slide"] = str(number)


def move(index: int, step: int) -> None:
    slides = list(get_deck())
    target = index + step
    if 0 <= target < len(slides):
        slides[index], slides[target] = slides[target], slides[index]
        save_deck(slides)


def remove(index: int) -> None:
    slides = list(get_deck())
    if 0 <= index < len(slides):
        slides.pop(index)
        save_deck(slides)
    go_to(min(slide_number(), max(len(slides), 1)))


def restore() -> None:
    save_deck(default_deck(today))
    go_to(1)


def edit(index: int, field: str) -> None:
    slides = [dict(s) for s in get_deck()]
    if 0 <= index < len(slides):
        slides[index][field] = st.session_state.get(f"deck_{field}_{index}", "")
        save_deck(slides)


def open_deck_file() -> None:
    upload = st.session_state.get("deck_file")
    if upload is None:
        return
    try:
        slides = deck_from_json(upload.getvalue())
    except DeckError:
        st.session_state["deck_file_error"] = upload.name
        return
    save_deck(slides)
    go_to(1)


if not deck:
    st.info(t("briefing.empty"))
    st.button(t("briefing.reset"), on_click=restore, key="deck_restore_empty")
    footer()
    st.stop()

number = slide_number()


def navigation(compact: bool = False) -> None:
    """First, Previous, Next, Last with the Home, Left, Right, End keys (compact on a slide)."""
    buttons = (
        ("first", t("briefing.first"), 1, "Home", None, False),
        ("prev", t("briefing.previous"), number - 1, "Left", ":material/arrow_back:", number == 1),
        ("next", t("briefing.next"), number + 1, "Right", ":material/arrow_forward:", number == len(deck)),
        ("last", t("briefing.last"), len(deck), "End", None, False),
    )
    if compact:
        for key, label, target, shortcut, icon, disabled in buttons:
            st.button(
                "" if icon else label,
                on_click=go_to,
                args=(target,),
                key=key,
                shortcut=shortcut,
                icon=icon,
                disabled=disabled,
                help=label,
            )
        return
    # The counter above four equal buttons: between them, on a 1024-px screen, it left each button
    # too narrow for its label and key ("В начало Home").
    st.markdown(f"**{t('briefing.counter', number=number, total=len(deck))}**")
    places = st.columns(4, vertical_alignment="center")
    for place, (key, label, target, shortcut, icon, disabled) in zip(places, buttons, strict=True):
        place.button(label, on_click=go_to, args=(target,), key=key, shortcut=shortcut, icon=icon, disabled=disabled)


slide = deck[number - 1]
slide_lang = slide.get("lang") or lang
model = slide_model(slide, tables, slide_lang, today)
if presentation_on():
    # The slideshow: this slide's title, its one chart filling the screen, its source line.
    present_slide(
        model, slide_lang, t("export.slide_of", number=number, total=len(deck)), lambda: navigation(compact=True)
    )
    st.stop()
navigation()
st.header(md(model.title), anchor=False)
st.markdown(md(model.caption))
for chart in model.charts:
    if chart.on_slide:
        show_chart(chart)
for table in model.tables:
    if table.on_slide:
        st.subheader(table.title, anchor=False)
        show_table(table)
if slide.get("notes"):
    st.info(md(slide["notes"]), icon=":material/sticky_note_2:")
with st.expander(t("briefing.sources", count=len(model.sources))):
    st.markdown(sources_md(model.sources))

if not presentation_on():
    st.subheader(t("briefing.deck"), anchor=False)
    for index, view in enumerate(deck):
        with st.container(border=True):
            row = st.columns([5, 1, 1, 1], vertical_alignment="bottom")
            st.session_state[f"deck_title_{index}"] = view.get("title") or slide_title(view, lang)
            row[0].text_input(
                t("briefing.slide_title", number=index + 1),
                key=f"deck_title_{index}",
                on_change=edit,
                args=(index, "title"),
            )
            # Named buttons for screen readers; the name is hidden on screen, the icon shows
            # (components/ui/a11y.py, ICON_ONLY_KEYS).
            row[1].button(
                t("briefing.up"),
                key=f"up_{index}",
                on_click=move,
                args=(index, -1),
                help=t("briefing.up"),
                disabled=index == 0,
                icon=":material/arrow_upward:",
            )
            row[2].button(
                t("briefing.down"),
                icon=":material/arrow_downward:",
                key=f"down_{index}",
                on_click=move,
                args=(index, 1),
                help=t("briefing.down"),
                disabled=index == len(deck) - 1,
            )
            row[3].button(
                t("briefing.remove"),
                icon=":material/close:",
                key=f"remove_{index}",
                on_click=remove,
                args=(index,),
                help=t("briefing.remove"),
            )
            st.session_state[f"deck_notes_{index}"] = view.get("notes", "")
            st.text_area(
                t("briefing.notes"), key=f"deck_notes_{index}", on_change=edit, args=(index, "notes"), height=68
            )
    frozen = [dict(view) for view in deck]
    version = current_data_version()
    langs = [view.get("lang") or lang for view in frozen]
    notes = [view.get("notes", "") for view in frozen]

    def deck_models() -> list:
        return [slide_model(view, tables, view_lang, today) for view, view_lang in zip(frozen, langs, strict=True)]

    def deck_html() -> bytes:
        """Built only on click: a slideshow with every slide's chart, map outlines and plotly.js."""
        return briefing_html(deck_models(), version, today, notes=notes, langs=langs).encode("utf-8")

    def deck_pptx() -> bytes:
        """Built only on click: one PowerPoint slide per view, charts rendered by kaleido."""
        return briefing_pptx(deck_models(), version, today, notes=notes, langs=langs)

    actions = st.columns(3)
    actions[0].button(
        t("briefing.present"),
        on_click=set_app_value,
        args=("present", "1"),
        key="deck_present",
        icon=":material/slideshow:",
        type="primary",
    )
    actions[1].button(t("briefing.reset"), on_click=restore, key="deck_restore")
    exports = st.columns(3)
    exports[0].download_button(
        t("briefing.export"),
        data=deck_html,
        file_name="csto-briefing.html",
        mime="text/html",
        key="deck_export",
        on_click="ignore",
        icon=":material/download:",
    )
    with exports[1]:
        pptx_download(t("pptx.download"), deck_pptx, "csto-briefing.pptx", "deck_pptx")
    exports[2].download_button(
        t("briefing.save_deck"),
        data=deck_to_json(frozen).encode("utf-8"),
        file_name="csto-deck.json",
        mime="application/json",
        key="deck_save",
        on_click="ignore",
        icon=":material/save:",
    )
    st.markdown(f"**{t('briefing.deck_link')}**", help=t("briefing.deck_link_help"))
    st.code(share_url(st.context.url, "briefing", {"deck": [encode_deck(frozen)]}), language=None, wrap_lines=True)
    st.file_uploader(t("briefing.open_deck"), type=["json"], key="deck_file", on_change=open_deck_file)
    if st.session_state.get("deck_file_error"):
        st.error(t("briefing.open_deck_error", file=st.session_state.pop("deck_file_error")), icon=":material/error:")
footer()
