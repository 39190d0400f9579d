"""Chronology: every event (and, on request, every exercise) on one zoomable time axis, with
filters, search, a card per item and a story mode that steps through the filtered items."""

import streamlit as st

from components.i18n.names import state_search_labels
from components.i18n.text import md, t
from components.model.chronology import FILTERS, Story
from components.ui.bind import bind, summary
from components.ui.cache import load_table
from components.ui.cards import chronology_card
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, open_page, page_header, reset_button
from components.ui.sections import notes, titled_table
from components.ui.state import clicked, reset, update

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page_header(t("chronology.title"), t("chronology.intro"))
page = open_page("chronology")
model, domain, state, names = page.model, page.domain, page.state, page.model.names
labels = state_search_labels(load_table("members"))
story: Story = model.detail


def exercises_toggled() -> None:
    update(ch_ex=1 if st.session_state.get("w_ch_ex_toggle") else 0)


def reset_filters() -> None:
    reset(keep=("country", "item"))


# The toggle is not a field's own widget (the field is 0/1): set it from the state before it is drawn.
st.session_state["w_ch_ex_toggle"] = bool(state["ch_ex"])
with filter_panel():
    toggle_help = t("chronology.with_exercises_help")
    st.toggle(t("chronology.with_exercises"), key="w_ch_ex_toggle", on_change=exercises_toggled, help=toggle_help)
    categories = [c for c in domain.options["ch_cat"] if state["ch_ex"] or c != "exercise"]
    bind("multiselect", "ch_cat", options=categories, names=names["ch_cat"])
    by_name = sorted(domain.options["ch_states"], key=lambda c: names["ch_states"].get(c, c))
    bind("multiselect", "ch_states", options=by_name, names=labels)
    bind("text_input", "ch_text")
    reset_button("ch_reset", t("chronology.reset"), reset_filters, page.is_default(*FILTERS))
with_exercises = state["ch_ex"] and t("chronology.with_exercises")
filter_summary([with_exercises, *summary(state, names, "ch_cat", "ch_states", "ch_text")])

st.caption(md(model.caption))
if not story.ids:
    st.warning(t("chronology.empty"), icon=":material/filter_alt_off:")
    close_page(page)
    st.stop()

item_clicked = clicked("chronology_chart", lambda item_id: update(item=item_id))
page.show_chart("chronology_chart", on_select=item_clicked, selection_mode="points")
notes(model)

# Story mode: one item at a time through the filtered set; the item is in the URL.
with st.container(border=True, key="story"):
    st.markdown(f"**{t('chronology.story')}**")
    steps = st.columns([1, 3, 1], vertical_alignment="center")
    position, count = story.position, len(story.ids)
    for place, step, icon, last in (
        (steps[0], "previous", "arrow_back", 1),
        (steps[2], "next", "arrow_forward", count),
    ):
        place.button(
            t(f"chronology.{step}"),
            key=f"story_{step}",
            on_click=update,
            kwargs={"item": getattr(story, step)},
            icon=f":material/{icon}:",
            disabled=position == last,
            width="stretch",
        )
    if position:
        steps[1].markdown(t("chronology.position", position=position, count=count))
    chronology_card(story.card)

titled_table(model, "items", download="profile.download")
close_page(page)
