"""Exercise map: where and how the alliance trains, with combinable filters and linked views."""

import streamlit as st

from components.figures.exercises import series_display_names
from components.i18n.names import force_names, series_names, state_names
from components.i18n.text import format_number, md, t, tmd
from components.model.exercises import FILTERS
from components.model.tables import exercises_per_year_rows
from components.ui.cache import load_table, sources_md
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, more_filters, named, open_page, page_header
from components.ui.play import follows_play, play_ticker, playing
from components.ui.render import show_chart, show_metrics, show_table
from components.ui.state import changed, current_state, reset, update, widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

PLAYING = "exercises_playing"

page_header(t("exercises.title"), t("exercises.intro"))
page = open_page("exercises")
domain, model = page.domain, page.model
exercises = page.tables["exercises"]
names = state_names(load_table("members"))
series_labels = series_display_names(exercises, series_names(exercises))
forces = force_names(page.tables["forces"])


def year_from_click() -> None:
    """A click on a year's bar narrows the filters to that year."""
    points = st.session_state["per_year"].selection.get("points", [])
    years = [p["customdata"][0] for p in points if p.get("customdata")]
    if years:
        update(ex_years=(int(years[0]), int(years[0])))


def select_from_click() -> None:
    points = st.session_state["exercise_map"].selection.get("points", [])
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    if ids:
        update(exercise=ids[0])


def reset_filters() -> None:
    reset(keep=("country", "exercise", "metric"))


def toggle_play() -> None:
    """Play starts at the first year (or goes on from the year shown, unless it is the last)."""
    playing = bool(st.session_state.get("w_ex_play"))
    st.session_state[PLAYING] = playing
    year = current_state()["year"]
    if playing and (year is None or year >= domain.bounds["year"][1]):
        update(year=domain.bounds["year"][0])


def step_year() -> bool:
    """Play's step: on to the next year, until the last."""
    year = current_state()["year"]
    if year is None or year >= domain.bounds["year"][1]:
        return False
    update(year=year + 1)
    return True


def state_multiselect(column, name: str, label: str) -> None:
    column.multiselect(
        t(label),
        domain.options[name],
        format_func=lambda c: names.get(c, c),
        placeholder=t("widget.any"),
        key=widget_key(name),
        on_change=changed(name),
    )


def year_row() -> None:
    """Exercises over time: one year at a time, by hand or with Play (under the map, which leads)."""
    st.session_state["w_ex_play"] = playing(PLAYING)
    low_year, high_year = domain.bounds["year"]
    timeline = st.columns([4.5, 1.8], vertical_alignment="bottom")  # "Воспроизвести" whole at 1024 px
    timeline[0].select_slider(
        t("exercises.year"),
        options=[None, *range(low_year, high_year + 1)],
        format_func=lambda y: t("exercises.year_all") if y is None else str(y),
        key=widget_key("year"),
        **follows_play(PLAYING, changed("year")),
        help=t("exercises.year_help"),
    )
    timeline[1].toggle(t("exercises.play"), key="w_ex_play", on_change=toggle_play, help=t("exercises.play_help"))
    play_ticker(PLAYING, 1.5, step_year)


state = page.state
with filter_panel():
    low, high = domain.bounds["ex_years"]
    st.slider(t("exercises.years"), low, high, key=widget_key("ex_years"), on_change=changed("ex_years"))
    st.multiselect(
        t("exercises.series"),
        domain.options["ex_series"],
        format_func=lambda s: series_labels.get(s, s),
        placeholder=t("widget.any"),
        key=widget_key("ex_series"),
        on_change=changed("ex_series"),
    )
    st.text_input(
        t("exercises.search"),
        placeholder=t("exercises.search_placeholder"),
        key=widget_key("ex_text"),
        on_change=changed("ex_text"),
    )
    state_multiselect(st, "ex_hosts", "exercises.hosts")
    state_multiselect(st, "ex_participants", "exercises.participants")
    with more_filters():
        st.multiselect(
            t("exercises.status"),
            domain.options["ex_status"],
            format_func=lambda s: t(f"status_ex.{s}"),
            placeholder=t("widget.any"),
            key=widget_key("ex_status"),
            on_change=changed("ex_status"),
        )
        st.multiselect(
            t("exercises.force"),
            domain.options["ex_force"],
            format_func=lambda f: forces.get(f, f),
            placeholder=t("widget.any"),
            key=widget_key("ex_force"),
            on_change=changed("ex_force"),
        )
    st.button(
        t("exercises.reset"),
        on_click=reset_filters,
        key="ex_reset",
        icon=":material/restart_alt:",
        disabled=page.is_default(*FILTERS),
        help=t("exercises.reset_help"),
    )

filter_summary(
    [
        "–".join(str(year) for year in state["ex_years"]),
        state["ex_series"] and named(t("exercises.series"), [series_labels.get(s, s) for s in state["ex_series"]]),
        state["ex_text"] and f"{t('exercises.search')}: «{state['ex_text']}»",
        state["ex_hosts"] and named(t("exercises.hosts"), [names.get(c, c) for c in state["ex_hosts"]]),
        state["ex_participants"]
        and named(t("exercises.participants"), [names.get(c, c) for c in state["ex_participants"]]),
        state["ex_status"] and named(t("exercises.status"), [t(f"status_ex.{s}") for s in state["ex_status"]]),
        state["ex_force"] and named(t("exercises.force"), state["ex_force"]),
    ]
)

show_metrics(model.metrics, per_row=4)
if model.extra["year"]:
    st.markdown(f"# {model.extra['year']}")

if model.extra["shown"] == 0:
    st.warning(t("exercises.empty"), icon=":material/filter_alt_off:")
    st.button(t("exercises.reset"), on_click=reset_filters, key="ex_reset_empty", type="primary")
    year_row()  # Play goes on through a year with nothing to show
    close_page(page)
    st.stop()

show_chart(model.chart("exercise_map"), on_select=select_from_click, selection_mode="points")
year_row()

for note in model.notes:
    st.caption(md(note))
if model.extra["unmapped"]:
    more = model.extra["unmapped"] - len(model.extra["unmapped_names"])
    listed = ", ".join(model.extra["unmapped_names"]) + (f" … (+{format_number(more)})" if more > 0 else "")
    st.caption(tmd("exercises.unmapped", count=model.extra["unmapped"], names=listed))

left, right = st.columns([3, 2])
with left:
    st.segmented_control(
        t("exercises.per_year_metric"),
        domain.options["metric"],
        format_func=lambda m: t(f"exercises.per_year_metric.{m}"),
        key=widget_key("metric"),
        on_change=changed("metric"),
        required=True,
    )
    show_chart(
        model.chart("per_year"),
        table=exercises_per_year_rows(page.tables, state),
        on_select=year_from_click,
        selection_mode="points",
    )
    st.caption(t("exercises.per_year_click"))
    if model.extra["metric"] == "personnel":
        st.caption(t("exercises.personnel_once"))
with right, st.container(border=True):
    st.markdown(f"**{t('exercises.card')}**")
    pickable = model.extra["pickable"]
    st.selectbox(
        t("exercises.pick"),
        [None, *pickable],
        format_func=lambda i: pickable.get(i, i) if i else t("exercises.pick_none"),
        # Streamlit shows a None value as its placeholder ("Choose an option"), not as the option.
        placeholder=t("exercises.pick_none"),
        key=widget_key("exercise"),
        on_change=changed("exercise"),
    )
    card = model.extra["card"]
    if not card:
        st.caption(t("exercises.card_hint"))
    else:
        st.markdown(f"**{md(card['name'])}** · {md(card['status'])}")
        st.markdown(tmd("exercises.card.dates", value=card["dates"]))
        st.markdown(tmd("exercises.card.location", value=card["location"], precision=card["precision"]))
        st.markdown(tmd("exercises.card.hosts", value=card["hosts"]))
        st.markdown(tmd("exercises.card.participants", value=card["participants"]))
        st.markdown(tmd("exercises.card.personnel", value=card["personnel"]))
        if card["force"]:
            st.markdown(tmd("exercises.card.force", value=card["force"]))
        if card["aliases"]:
            st.markdown(tmd("exercises.card.aliases", value=card["aliases"]))
        if card["note"]:
            st.caption(tmd("exercises.card.note", value=card["note"]))
        st.markdown(f"**{t('exercises.card.sources')}**")
        st.markdown(sources_md(card["sources"]))

table = model.table("exercises")
st.subheader(table.title, anchor=False)
show_table(table, download_label=t("exercises.download", rows=format_number(table.total)))

# Who trains with whom: over the filters' year range (not the single year Play shows).
if model.chart("participation_matrix"):
    st.subheader(t("participation.heading"), anchor=False)
    matrix_tab, network_tab = st.tabs([t("participation.tab.matrix"), t("participation.tab.network")])
    with matrix_tab:
        show_chart(model.chart("participation_matrix"))
        st.caption(t("participation.matrix_note"))
        totals = model.table("participation_totals")
        st.markdown(f"**{totals.title}**")
        show_table(totals, download_label=t("participation.totals_download", rows=totals.total))
        st.caption(t("counting.rule"))
    with network_tab:
        if model.chart("co_participation"):
            show_chart(model.chart("co_participation"))
            st.caption(t("participation.network_note"))
        else:
            st.info(t("participation.network_empty"))

close_page(page)
