"""Exercise map: where and how the alliance trains, with combinable filters and linked views."""

import streamlit as st

from components.i18n.text import format_number, t
from components.model.exercises import FILTERS, ExercisesDetail
from components.ui.bind import bind, summary
from components.ui.cards import exercise_card
from components.ui.navigation import through_frame
from components.ui.page import (
    close_page,
    filter_panel,
    filter_summary,
    more_filters,
    open_page,
    page_header,
    reset_button,
)
from components.ui.play import play_ticker, playing, year_play
from components.ui.render import show_metrics, show_table
from components.ui.sections import notes, participation_section, unmapped_note
from components.ui.state import clicked, reset, update

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

PLAYING = "exercises_playing"

page_header(t("exercises.title"), t("exercises.intro"))
page = open_page("exercises")
domain, model, state = page.domain, page.model, page.state
detail: ExercisesDetail = model.detail
names = model.names
first_year, last_year = domain.bounds["year"]


def reset_filters() -> None:
    reset(keep=("country", "exercise", "metric"))


toggle_play, step_year = year_play(PLAYING, "w_ex_play", "year", (first_year, last_year))


def year_row() -> None:
    """Exercises over time: one year at a time, by hand or with Play (under the map, which leads)."""
    st.session_state["w_ex_play"] = playing(PLAYING)
    timeline = st.columns([4.5, 1.8], vertical_alignment="bottom")  # "Воспроизвести" whole at 1024 px
    years = [None, *range(first_year, last_year + 1)]
    bind("select_slider", "year", timeline[0], options=years, names=str, none=t("exercises.year_all"), play=PLAYING)
    timeline[1].toggle(t("exercises.play"), key="w_ex_play", on_change=toggle_play, help=t("exercises.play_help"))
    play_ticker(PLAYING, 1.5, step_year)


with filter_panel():
    bind("slider", "ex_years")
    bind("multiselect", "ex_series", names=names["ex_series"])
    bind("text_input", "ex_text")
    bind("multiselect", "ex_hosts", names=names["ex_hosts"])
    bind("multiselect", "ex_participants", names=names["ex_participants"])
    with more_filters():
        bind("multiselect", "ex_status", names=names["ex_status"])
        bind("multiselect", "ex_force", names=names["ex_force"])
    reset_button("ex_reset", t("exercises.reset"), reset_filters, page.is_default(*FILTERS), t("exercises.reset_help"))
filter_summary(summary(state, names, *FILTERS))

show_metrics(model.metrics, per_row=4)
if detail.year:
    st.markdown(f"# {detail.year}")
if detail.shown == 0:
    st.warning(t("exercises.empty"), icon=":material/filter_alt_off:")
    st.button(t("exercises.reset"), on_click=reset_filters, key="ex_reset_empty", type="primary")
    year_row()  # Play goes on through a year with nothing to show
    close_page(page)
    st.stop()

exercise_clicked = clicked("exercise_map", lambda exercise_id: update(exercise=exercise_id))
page.show_chart("exercise_map", on_select=exercise_clicked, selection_mode="points")
year_row()
notes(model)
unmapped_note(detail.unmapped, detail.unmapped_names)

left, right = st.columns([3, 2])
with left:
    bind("segmented_control", "metric", names=names["metric"])
    year_clicked = clicked("per_year", lambda year: update(ex_years=(int(year), int(year))))
    page.show_chart("per_year", on_select=year_clicked, selection_mode="points")
    st.caption(t("exercises.per_year_click"))
    if detail.metric == "personnel":
        st.caption(t("exercises.personnel_once"))
with right, st.container(border=True):
    st.markdown(f"**{t('exercises.card')}**")
    pickable = names["exercise"]
    bind("selectbox", "exercise", options=list(pickable), names=pickable, none=t("exercises.pick_none"))
    exercise_card(detail.card)

table = model.table("exercises")
st.subheader(table.title, anchor=False)
show_table(table, download_label=t("exercises.download", rows=format_number(table.total)))
participation_section(page)

close_page(page)
