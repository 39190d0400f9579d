"""Briefing: step through the deck's saved views (buttons or keys), edit the deck, export it.

The editor (undo/redo, languages, limits, exports) is components/ui/deck_editor.py."""

from datetime import date

import streamlit as st

from components.data.schema import TABLES
from components.i18n.text import current_language, md, t
from components.model.deck import slide_model
from components.ui.cache import sources_md
from components.ui.deck_editor import deck_editor, go_to, messages
from components.ui.frame import get_deck
from components.ui.navigation import through_frame
from components.ui.page import require_tables
from components.ui.present import present_slide
from components.ui.render import footer, presentation_on, show_chart, show_table

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

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


if not presentation_on():
    messages(lang)
if not deck:
    # An empty deck is allowed: the editor says so and offers undo, restore and opening a file.
    if presentation_on():
        st.info(t("briefing.empty_state"))
    else:
        deck_editor(deck, tables, lang, today)
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
# A slide made from one chart (the matrix, the network...) previews that chart only.
chosen = model.chart(slide["chart"]) if slide.get("chart") else None
for chart in [chosen] if chosen else [chart for chart in model.charts if chart.on_slide]:
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
    deck_editor(deck, tables, lang, today)
footer()
