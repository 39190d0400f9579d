"""Chronology: every event (and, on request, every exercise) on one zoomable time axis, with
filters, search, a card per item and a story mode that steps through the filtered items."""

import streamlit as st

from components.i18n.names import state_names, state_search_labels
from components.i18n.text import md, t, tmd
from components.model.chronology import FILTERS
from components.ui.cache import load_table, sources_md
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, named, open_page, page_header
from components.ui.render import show_chart, show_table
from components.ui.state import changed, reset, update, widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page_header(t("chronology.title"), t("chronology.intro"))
page = open_page("chronology")
model, domain, state = page.model, page.domain, page.state
members = load_table("members")
names = state_names(members)
labels = state_search_labels(members)


def select_from_click() -> None:
    points = st.session_state["chronology_chart"].selection.get("points", [])
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    if ids:
        update(item=ids[0])


def exercises_toggled() -> None:
    update(ch_ex=1 if st.session_state.get("w_ch_ex_toggle") else 0)


def category_label(category: str) -> str:
    return t("chronology.category.exercise") if category == "exercise" else t(f"category.{category}")


def reset_filters() -> None:
    reset(keep=("country", "item"))


# The toggle is not a field's own widget (the field is 0/1): set it from the state before it is drawn.
st.session_state["w_ch_ex_toggle"] = bool(state["ch_ex"])
with filter_panel():
    st.toggle(
        t("chronology.with_exercises"),
        key="w_ch_ex_toggle",
        on_change=exercises_toggled,
        help=t("chronology.with_exercises_help"),
    )
    st.multiselect(
        t("chronology.categories"),
        [c for c in domain.options["ch_cat"] if state["ch_ex"] or c != "exercise"],
        format_func=category_label,
        placeholder=t("widget.any"),
        key=widget_key("ch_cat"),
        on_change=changed("ch_cat"),
    )
    st.multiselect(
        t("chronology.states"),
        sorted(domain.options["ch_states"], key=lambda c: names.get(c, c)),
        format_func=lambda c: labels.get(c, c),
        placeholder=t("widget.any"),
        key=widget_key("ch_states"),
        on_change=changed("ch_states"),
    )
    st.text_input(
        t("chronology.search"),
        placeholder=t("chronology.search_placeholder"),
        key=widget_key("ch_text"),
        on_change=changed("ch_text"),
    )
    st.button(
        t("chronology.reset"),
        on_click=reset_filters,
        key="ch_reset",
        icon=":material/restart_alt:",
        disabled=page.is_default(*FILTERS),
    )
filter_summary(
    [
        state["ch_ex"] and t("chronology.with_exercises"),
        state["ch_cat"] and named(t("chronology.categories"), [category_label(c) for c in state["ch_cat"]]),
        state["ch_states"] and named(t("chronology.states"), [names.get(c, c) for c in state["ch_states"]]),
        state["ch_text"] and f"{t('chronology.search')}: «{state['ch_text']}»",
    ]
)

st.caption(md(model.caption))
if not model.extra["ids"]:
    st.warning(t("chronology.empty"), icon=":material/filter_alt_off:")
    close_page(page)
    st.stop()

show_chart(model.chart("chronology_chart"), on_select=select_from_click, selection_mode="points")
for note in model.notes:
    st.caption(md(note))

# Story mode: one item at a time through the filtered set; the item is in the URL.
with st.container(border=True, key="story"):
    st.markdown(f"**{t('chronology.story')}**")
    steps = st.columns([1, 3, 1], vertical_alignment="center")
    steps[0].button(
        t("chronology.previous"),
        key="story_previous",
        on_click=update,
        kwargs={"item": model.extra["previous"]},
        icon=":material/arrow_back:",
        disabled=model.extra["position"] == 1,
        width="stretch",
    )
    if model.extra["position"]:
        steps[1].markdown(t("chronology.position", position=model.extra["position"], count=len(model.extra["ids"])))
    steps[2].button(
        t("chronology.next"),
        key="story_next",
        on_click=update,
        kwargs={"item": model.extra["next"]},
        icon=":material/arrow_forward:",
        disabled=model.extra["position"] == len(model.extra["ids"]),
        width="stretch",
    )
    card = model.extra["card"]
    if not card:
        st.caption(t("chronology.card_hint"))
    else:
        st.subheader(md(card["title"]), anchor=False)
        st.markdown(tmd("chronology.card.dates", value=card["dates"]))
        st.markdown(tmd("chronology.card.category", value=card["category"]))
        if card["status"]:
            st.markdown(tmd("chronology.card.status", value=card["status"]))
        st.markdown(tmd("chronology.card.states", value=card["states"]))
        if card["note"]:
            st.caption(md(card["note"]))
        st.markdown(f"**{t('chronology.card.sources')}**")
        st.markdown(sources_md(card["sources"]))

table = model.table("items")
st.subheader(table.title, anchor=False)
show_table(table, download_label=t("profile.download", rows=table.total))

close_page(page)
