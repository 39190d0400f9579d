"""The briefing deck's editor: a deck people can change without fear.

Every change (remove, move, restore, empty, a title or notes edited, the deck-wide language, a
deck opened from a file) is undoable and redoable (this session's history, ``frame.change_deck``);
each slide says which page, filters and language it shows; text fields show their limit while
typing, and a deck too large for a link is offered as a file instead of being dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.export.html import briefing_html
from components.export.links import share_url
from components.export.pptx import briefing_pptx
from components.i18n.text import LANGUAGES, md, t, tmd
from components.model.briefing import slide_number
from components.model.deck import (
    MAX_NOTES,
    MAX_TITLE,
    DeckError,
    deck_from_json,
    deck_to_json,
    default_deck,
    encode_deck,
    slide_model,
    slide_title,
)
from components.model.deck_codec import PAGE_CHARTS, without_unsafe_characters
from components.model.deck_view import filters_summary, view_title
from components.ui.cache import current_data_version
from components.ui.frame import (
    DECK_LINK_ERROR,
    DECK_TOO_LARGE,
    Action,
    change_deck,
    deck_history,
    get_deck,
    redo_deck,
    set_app_value,
    undo_deck,
)
from components.ui.share import export_problem, guarded_export, pptx_download

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
FILE_ERROR = "deck_file_error"
DONE = "_deck_done"


def go_to(number: int) -> None:
    """Show slide ``number`` (kept within the deck)."""
    number = max(1, min(number, len(get_deck())))
    if number == 1:
        st.query_params.pop("slide", None)
    else:
        st.query_params["slide"] = str(number)


def keep_slide() -> None:
    """Stay on the slide in view, or on the last one when the deck got shorter."""
    go_to(slide_number({"slide": st.query_params.get_all("slide")}, len(get_deck())))


def _said(action: Action) -> str:
    key, values = action
    return t(key, **values)


def _undo() -> None:
    action = undo_deck()
    if action:
        st.session_state[DONE] = ("briefing.undone", action)
    keep_slide()


def _redo() -> None:
    action = redo_deck()
    if action:
        st.session_state[DONE] = ("briefing.redone", action)
    keep_slide()


def move(index: int, step: int) -> None:
    slides = list(get_deck())
    target = index + step
    if 0 <= target < len(slides):
        slides[index], slides[target] = slides[target], slides[index]
        change_deck(slides, ("deck.action.move", {"number": index + 1}))


def remove(index: int) -> None:
    slides = list(get_deck())
    if 0 <= index < len(slides):
        slides.pop(index)
        change_deck(slides, ("deck.action.remove", {"number": index + 1}))
    keep_slide()


def restore() -> None:
    change_deck(default_deck(date.today()), ("deck.action.restore", {}))
    go_to(1)


def clear() -> None:
    change_deck([], ("deck.action.clear", {}))
    go_to(1)


def edit(index: int, field: str) -> None:
    """A title or notes as typed, without characters a deck cannot hold (U+FFFE, controls)."""
    slides = [dict(slide) for slide in get_deck()]
    limit = MAX_TITLE if field == "title" else MAX_NOTES
    if 0 <= index < len(slides):
        typed = without_unsafe_characters(str(st.session_state.get(f"deck_{field}_{index}", "")))[:limit]
        if typed != slides[index].get(field, ""):
            slides[index][field] = typed
            change_deck(slides, (f"deck.action.{field}", {"number": index + 1}))


def set_language() -> None:
    """Every slide in one language ("" follows the interface's)."""
    chosen = st.session_state.get("deck_language")
    slides = [{k: v for k, v in slide.items() if k != "lang"} for slide in get_deck()]
    if chosen in LANGUAGES:
        slides = [{**slide, "lang": chosen} for slide in slides]
    change_deck(slides, ("deck.action.language", {}))


def open_deck_file() -> None:
    upload = st.session_state.get("deck_file")
    if upload is None:
        return
    try:
        slides = deck_from_json(upload.getvalue())
    except DeckError as error:
        st.session_state[FILE_ERROR] = (upload.name, error)
        return
    change_deck(slides, ("deck.action.open", {}))
    go_to(1)


def messages(lang: str) -> None:
    """What the last undo or redo did, and why a link's or a file's deck was refused. The file's
    name is data: escaped (``tmd``), never Markdown or an image."""
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(t(done[0], action=_said(done[1])), icon=":material/undo:")
    link_error = st.session_state.pop(DECK_LINK_ERROR, None)
    if link_error is not None:
        st.warning(tmd("briefing.link_deck_error", reason=link_error.message(lang)), icon=":material/link_off:")
    file_error = st.session_state.pop(FILE_ERROR, None)
    if file_error is not None:
        name, error = file_error
        st.error(tmd("briefing.open_deck_error", file=name, reason=error.message(lang)), icon=":material/error:")


def history_bar() -> None:
    """Undo and Redo (saying what they would do), Restore the default deck, Empty the deck."""
    undo, redo = deck_history()
    row = st.columns(4)
    steps = ((row[0], "undo", _undo, undo), (row[1], "redo", _redo, redo))
    for place, step, on_click, action in steps:
        said = t(f"briefing.{step}_help", action=_said(action)) if action else t(f"briefing.nothing_to_{step}")
        place.button(
            t(f"briefing.{step}"),
            key=f"deck_{step}",
            on_click=on_click,
            disabled=action is None,
            icon=f":material/{step}:",
            help=said,
        )
    row[2].button(t("briefing.reset"), on_click=restore, key="deck_restore", icon=":material/restart_alt:")
    row[3].button(
        t("briefing.clear"), on_click=clear, key="deck_clear", icon=":material/delete_sweep:", disabled=not get_deck()
    )


def language_switch(deck: list[dict[str, Any]]) -> None:
    """One language for every slide ("Interface" follows the sidebar's switch)."""
    langs = {slide.get("lang") or "" for slide in deck}
    st.session_state["deck_language"] = langs.pop() if len(langs) == 1 else None
    st.segmented_control(
        t("briefing.deck_language"),
        ["", *LANGUAGES],
        format_func=lambda code: LANGUAGE_NAMES.get(code) or t("briefing.deck_language.interface"),
        key="deck_language",
        on_change=set_language,
        help=t("briefing.deck_language_help"),
    )


def slide_info(slide: dict[str, Any], tables: dict[str, pd.DataFrame], lang: str, today: date) -> str:
    """Which page, filters, chart and language the slide shows, in words."""
    page = slide["page"]
    shown = t(
        "briefing.slide_info",
        page=t(f"nav.{page}"),
        filters=filters_summary(page, slide["params"], tables, lang, today),
        language=LANGUAGE_NAMES[slide["lang"]] if slide.get("lang") else t("briefing.follows_interface"),
    )
    if slide.get("chart") in PAGE_CHARTS.get(page, ()):
        shown += " · " + t("briefing.slide_chart", chart=t(f"deck.chart.{slide['chart']}"))
    return shown


def shown_title(slide: dict[str, Any], tables: dict[str, pd.DataFrame], lang: str, today: date) -> str:
    """The title the slide shows: its own, its catalogue title, or one derived from its view."""
    if slide.get("title") or slide.get("title_key"):
        return slide_title(slide, lang)
    return view_title(slide, tables, lang, today)


def slide_rows(deck: list[dict[str, Any]], tables: dict[str, pd.DataFrame], lang: str, today: date) -> None:
    """One box per slide: title (limit shown), what it shows, move and remove, notes (limit shown)."""
    for index, view in enumerate(deck):
        view_lang = view.get("lang") or lang
        with st.container(border=True):
            row = st.columns([5, 1, 1, 1], vertical_alignment="bottom")
            st.session_state[f"deck_title_{index}"] = view.get("title") or shown_title(view, tables, view_lang, today)
            row[0].text_input(
                t("briefing.slide_title", number=index + 1),
                key=f"deck_title_{index}",
                on_change=edit,
                args=(index, "title"),
                max_chars=MAX_TITLE,
            )
            # Named buttons for screen readers; the name is clipped out of sight and the icon shows
            # (components/ui/a11y.py, ICON_ONLY_KEYS).
            row[1].button(
                t("briefing.up"),
                icon=":material/arrow_upward:",
                key=f"up_{index}",
                on_click=move,
                args=(index, -1),
                help=t("briefing.up"),
                disabled=index == 0,
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
            st.caption(md(slide_info(view, tables, lang, today)))
            st.session_state[f"deck_notes_{index}"] = view.get("notes", "")
            st.text_area(
                t("briefing.notes"),
                key=f"deck_notes_{index}",
                on_change=edit,
                args=(index, "notes"),
                height=68,
                max_chars=MAX_NOTES,
            )


def _exports(
    deck: list[dict[str, Any]], tables: dict[str, pd.DataFrame], lang: str, today: date
) -> tuple[Callable, Callable]:
    """The HTML and PowerPoint builds of the whole deck, made only on click."""
    frozen = [dict(view) for view in deck]
    version = current_data_version()
    langs = [view.get("lang") or lang for view in frozen]
    notes = [view.get("notes", "") for view in frozen]

    def models() -> list:
        return [slide_model(view, tables, view_lang, today) for view, view_lang in zip(frozen, langs, strict=True)]

    def html() -> bytes:
        return briefing_html(models(), version, today, notes=notes, langs=langs).encode("utf-8")

    def pptx() -> bytes:
        return briefing_pptx(models(), version, today, notes=notes, langs=langs)

    return html, pptx


def _present() -> None:
    """Present from slide 1, whichever slide was previewed."""
    go_to(1)
    set_app_value("present", "1")


def deck_actions(deck: list[dict[str, Any]], tables: dict[str, pd.DataFrame], lang: str, today: date) -> None:
    """Present, export (HTML, PowerPoint, JSON), the deck's link (or why it has none), open a file."""
    html, pptx = _exports(deck, tables, lang, today)
    st.button(
        t("briefing.present"),
        on_click=_present,
        key="deck_present",
        icon=":material/slideshow:",
        type="primary",
        help=t("briefing.present_help"),
        disabled=not deck,
    )
    exports = st.columns(3)
    with exports[0]:
        export_problem("deck_export")
        st.download_button(
            t("briefing.export"),
            data=guarded_export(html, "deck_export"),
            file_name="csto-briefing.html",
            mime="text/html",
            key="deck_export",
            on_click="ignore",
            icon=":material/download:",
            disabled=not deck,
        )
    with exports[1]:
        pptx_download(t("pptx.download"), pptx, "csto-briefing.pptx", "deck_pptx")
    exports[2].download_button(
        t("briefing.save_deck"),
        data=deck_to_json(deck).encode("utf-8"),
        file_name="csto-deck.json",
        mime="application/json",
        key="deck_save",
        on_click="ignore",
        icon=":material/save:",
    )
    if st.session_state.get(DECK_TOO_LARGE):
        st.warning(t("briefing.too_large"), icon=":material/save:")
    else:
        st.markdown(f"**{t('briefing.deck_link')}**", help=t("briefing.deck_link_help"))
        st.code(share_url(st.context.url, "briefing", {"deck": [encode_deck(deck)]}), language=None, wrap_lines=True)
    st.file_uploader(t("briefing.open_deck"), type=["json"], key="deck_file", on_change=open_deck_file)


def deck_editor(deck: list[dict[str, Any]], tables: dict[str, pd.DataFrame], lang: str, today: date) -> None:
    """The whole editor under the previewed slide (or alone, for an empty deck)."""
    st.subheader(t("briefing.deck"), anchor=False)
    history_bar()
    if not deck:
        st.info(t("briefing.empty_state"), icon=":material/playlist_add:")
    else:
        language_switch(deck)
        slide_rows(deck, tables, lang, today)
    deck_actions(deck, tables, lang, today)
