"""Briefing: step through the deck's saved views (buttons or keys), edit the deck, export it.

The editor (undo/redo, languages, limits, exports) is components/ui/deck_editor.py."""

from datetime import date

import streamlit as st

from components.i18n.text import current_language, md, t
from components.model import briefing
from components.ui.cache import sources_md
from components.ui.deck_editor import deck_editor, go_to, messages
from components.ui.frame import get_deck
from components.ui.navigation import through_frame
from components.ui.page import require_tables
from components.ui.present import present_slide
from components.ui.render import footer, presentation_on, show_chart, show_table
from components.ui.state import query_dict

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

presenting = presentation_on()
if not presenting:
    st.title(t("briefing.title"), anchor=False)
    st.caption(t("briefing.intro"))
tables = require_tables(*briefing.TABLES_USED)
today, lang, deck = date.today(), current_language(), get_deck()

if not presenting:
    messages(lang)
if not deck:
    # An empty deck is allowed: the editor says so and offers undo, restore and opening a file.
    if presenting:
        st.info(t("briefing.empty_state"))
    else:
        deck_editor(deck, tables, lang, today)
    footer()
    st.stop()

view = briefing.build(deck, briefing.slide_number(query_dict(), len(deck)), tables, lang, today)
number, total = view.number, view.total


def navigation(compact: bool = False) -> None:
    """First, Previous, Next, Last with the Home, Left, Right, End keys (compact on a slide)."""
    buttons = (
        ("first", t("briefing.first"), 1, "Home", None, False),
        ("prev", t("briefing.previous"), number - 1, "Left", ":material/arrow_back:", number == 1),
        ("next", t("briefing.next"), number + 1, "Right", ":material/arrow_forward:", number == total),
        ("last", t("briefing.last"), total, "End", None, False),
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
    st.markdown(f"**{t('briefing.counter', number=number, total=total)}**")
    places = st.columns(4, vertical_alignment="center")
    for place, (key, label, target, shortcut, icon, disabled) in zip(places, buttons, strict=True):
        place.button(label, on_click=go_to, args=(target,), key=key, shortcut=shortcut, icon=icon, disabled=disabled)


model = view.model
if presenting:
    # The slideshow: this slide's title, its one chart filling the screen, its source line.
    present_slide(model, view.lang, t("export.slide_of", number=number, total=total), lambda: navigation(True))
    st.stop()
navigation()
st.header(md(model.title), anchor=False)
st.markdown(md(model.caption))
for chart in view.charts:
    show_chart(chart)
for table in view.tables:
    st.subheader(table.title, anchor=False)
    show_table(table)
if view.slide.get("notes"):
    st.info(md(view.slide["notes"]), icon=":material/sticky_note_2:")
with st.expander(t("briefing.sources", count=len(model.sources))):
    st.markdown(sources_md(model.sources))

deck_editor(deck, tables, lang, today)
footer()
