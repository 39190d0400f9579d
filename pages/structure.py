"""Organizational structure: the bodies and forces as an interactive network diagram."""

import streamlit as st

from components.data.schema import BODY_KINDS
from components.derive.org import graphml_bytes
from components.i18n.names import body_search_label, state_names
from components.i18n.text import md, t, tmd
from components.model.tables import org_chart_rows
from components.ui.cache import load_table, sources_md
from components.ui.frame import focus_country
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, named, open_page, page_header
from components.ui.render import csv_download, show_chart, show_table
from components.ui.state import changed, reset, update, widget_key

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page_header(t("structure.title"), t("structure.intro"))
page = open_page("structure")
model, domain = page.model, page.domain
graph = model.extra["graph"]
labels = {node: body_search_label(attributes) for node, attributes in graph.nodes(data=True)}


def select_from_click() -> None:
    """A click on a node selects that body."""
    points = st.session_state["org_chart"].selection.get("points", [])
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    if ids:
        update(body=ids[0])


with filter_panel():
    st.multiselect(
        t("structure.kinds"),
        list(BODY_KINDS),
        format_func=lambda k: t(f"kind.{k}"),
        placeholder=t("widget.any"),
        key=widget_key("kinds"),
        on_change=changed("kinds"),
    )
    low, high = domain.bounds["year"]
    st.slider(
        t("structure.year"),
        low,
        high,
        key=widget_key("year"),
        help=t("structure.year_help_hidden"),
        on_change=changed("year"),
    )
    st.selectbox(
        t("structure.search"),
        [None, *sorted(graph.nodes, key=labels.get)],
        format_func=lambda n: labels[n] if n else t("structure.search_none"),
        # Streamlit shows a None value as its placeholder ("Choose an option"), not as the option.
        placeholder=t("structure.search_none"),
        key=widget_key("body"),
        help=t("structure.search_help"),
        on_change=changed("body"),
    )
    st.segmented_control(
        t("structure.layout"),
        domain.options["layout"],
        required=True,
        format_func=lambda k: t(f"structure.layout.{k}"),
        key=widget_key("layout"),
        on_change=changed("layout"),
    )
    st.button(
        t("structure.reset"),
        on_click=reset,
        key="structure_reset",
        icon=":material/restart_alt:",
        disabled=page.is_default("kinds", "layout", "year", "body"),
    )
state = page.state
filter_summary(
    [
        f"{t('structure.year')}: {state['year']}",
        not page.is_default("kinds") and named(t("structure.kinds"), [t(f"kind.{k}") for k in state["kinds"]]),
        state["body"] and labels.get(state["body"], state["body"]),
    ]
)

country = focus_country()
if country:
    name = state_names(load_table("members")).get(country, country)
    st.caption(tmd("country.structure_note", name=name))
if model.extra["unlinked"]:
    st.caption(tmd("structure.unlinked", names=", ".join(model.extra["unlinked"])))
if model.extra["dangling"]:
    st.warning(tmd("structure.dangling", links=", ".join(model.extra["dangling"])))
if model.extra["empty"]:
    st.info(t("structure.empty"))
else:
    show_chart(
        model.chart("org_chart"),
        table=org_chart_rows(page.tables, state),
        on_select=select_from_click,
        selection_mode="points",
    )
    for note in model.notes:
        st.caption(md(note))

with st.container(border=True):
    st.subheader(t("structure.details"), anchor=False)
    details = model.extra["details"]
    if not details:
        st.caption(t("structure.details_hint"))
    else:
        st.markdown(f"**{md(details['name'])}**")
        for key in ("abbreviation", "name_ru"):
            if details[key]:
                st.markdown(tmd(f"structure.{key}", value=details[key]))
        st.markdown(t("structure.kind", value=t(f"kind.{details['kind']}")))
        st.markdown(tmd("structure.established", day=details["established"]))
        if details["description"]:
            st.markdown(md(details["description"]))
        up, down = st.columns(2)
        up.markdown(f"**{t('structure.answers_to')}**")
        up.markdown("\n".join(f"- {md(line)}" for line in details["answers_to"]) or t("structure.nothing"))
        down.markdown(f"**{t('structure.answered_by')}**")
        down.markdown("\n".join(f"- {md(line)}" for line in details["answered_by"]) or t("structure.nothing"))
        st.markdown(f"**{t('structure.sources')}**")
        st.markdown(sources_md(details["sources"]))

table = model.table("bodies")
st.subheader(table.title, anchor=False)
show_table(table)
downloads = st.columns(3)
downloads[0].download_button(
    t("structure.download.graphml"),
    lambda: graphml_bytes(graph),
    "csto-structure.graphml",
    "application/xml",
    key="dl_graphml",
    on_click="ignore",
    icon=":material/download:",
)
with downloads[1]:
    csv_download(t("structure.download.bodies"), page.tables["bodies"], "bodies.csv", "dl_bodies")
with downloads[2]:
    csv_download(t("structure.download.links"), page.tables["body_links"], "body_links.csv", "dl_links")

close_page(page)
