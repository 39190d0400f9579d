"""Organizational structure: the bodies and forces as an interactive network diagram."""

import streamlit as st

from components.i18n.text import t, tmd
from components.model.structure import StructureDetail, graphml
from components.ui.bind import bind, chosen
from components.ui.cards import body_card
from components.ui.frame import focus_country
from components.ui.navigation import through_frame
from components.ui.page import close_page, filter_panel, filter_summary, open_page, page_header, reset_button
from components.ui.render import csv_download
from components.ui.sections import notes, titled_table
from components.ui.state import clicked, reset, update

through_frame(__file__)  # under plain `streamlit run app.py` too, always inside the frame

page_header(t("structure.title"), t("structure.intro"))
page = open_page("structure")
model, state, names = page.model, page.state, page.model.names
found: StructureDetail = model.detail
labels = names["body"]

with filter_panel():
    bind("multiselect", "kinds", names=names["kinds"])
    bind("slider", "year")
    bodies = sorted(labels, key=labels.get)
    bind("selectbox", "body", options=bodies, names=labels, none=t("structure.search_none"))
    bind("segmented_control", "layout", names=names["layout"])
    reset_button("structure_reset", t("structure.reset"), reset, page.is_default("kinds", "layout", "year", "body"))
kinds = None if page.is_default("kinds") else chosen(state, "kinds", names["kinds"])
filter_summary(
    [f"{t('structure.year')}: {state['year']}", kinds, state["body"] and labels.get(state["body"], state["body"])]
)

country = focus_country()
if country:
    st.caption(tmd("country.structure_note", name=model.names["country"].get(country, country)))
if found.unlinked:
    st.caption(tmd("structure.unlinked", names=", ".join(found.unlinked)))
if found.dangling:
    st.warning(tmd("structure.dangling", links=", ".join(found.dangling)))
if found.empty:
    st.info(t("structure.empty"))
else:
    body_clicked = clicked("org_chart", lambda body_id: update(body=body_id))
    page.show_chart("org_chart", on_select=body_clicked, selection_mode="points")
    notes(model)

with st.container(border=True):
    body_card(found.details)

titled_table(model, "bodies")
downloads = st.columns(3)
downloads[0].download_button(
    t("structure.download.graphml"),
    lambda: graphml(model),
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
