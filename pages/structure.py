"""Organizational structure: the bodies and forces as an interactive network diagram."""

from datetime import date

import streamlit as st

from components.data.schema import BODY_KINDS
from components.derive.events import with_first_source
from components.derive.org import (
    body_details,
    graphml_bytes,
    layered_layout,
    org_graph,
    spring_layout,
    unconnected_bodies,
)
from components.figures.org import org_figure
from components.i18n.names import body_name, body_search_label, state_names
from components.i18n.text import labelled, md, source_links_md, t, tmd
from components.ui.page_kit import (
    cached_figure,
    csv_download,
    ensure_app_frame,
    focus_country,
    footer,
    load_table,
    require_tables,
    show_chart,
)

ensure_app_frame()
st.title(t("structure.title"))
st.caption(t("structure.intro"))
tables = require_tables("bodies", "body_links")
bodies, links = tables["bodies"], tables["body_links"]
built = org_graph(bodies, links)
graph = built.graph
names = {node: body_search_label(attrs) for node, attrs in graph.nodes(data=True)}


def select_from_click() -> None:
    """A click on a node selects that body."""
    points = st.session_state["org_chart"].selection.get("points", [])
    ids = [p["customdata"][0] for p in points if p.get("customdata")]
    if ids:
        st.session_state["body"] = ids[0]


controls = st.columns([3, 1.4, 2], vertical_alignment="bottom")
kinds = controls[0].multiselect(
    t("structure.kinds"),
    list(BODY_KINDS),
    default=list(BODY_KINDS),
    format_func=lambda k: t(f"kind.{k}"),
    placeholder=t("widget.any"),
    key="kinds",
    bind="query-params",
)
layout_name = controls[1].segmented_control(
    t("structure.layout"),
    ["layered", "spring"],
    default="layered",
    required=True,
    format_func=lambda k: t(f"structure.layout.{k}"),
    key="layout",
    bind="query-params",
)
year = controls[2].slider(
    t("structure.year"),
    min_value=1992,
    max_value=date.today().year,
    value=date.today().year,
    key="year",
    help=t("structure.year_help"),
    bind="query-params",
)
selected = st.selectbox(
    t("structure.search"),
    [None, *sorted(graph.nodes, key=names.get)],
    format_func=lambda n: names[n] if n else t("structure.search_none"),
    key="body",
    help=t("structure.search_help"),
    bind="query-params",
)

country = focus_country()
if country:
    st.caption(t("country.structure_note", name=state_names(load_table("members")).get(country, country)))
lonely = unconnected_bodies(graph)
if lonely:
    st.caption(tmd("structure.unlinked", names=", ".join(body_name(graph.nodes[n]) for n in lonely)))
if built.dangling:
    st.warning(tmd("structure.dangling", links=", ".join(f"{u} → {v}" for u, v, _ in built.dangling)))
if not kinds:
    st.info(t("structure.empty"))
else:
    figure = cached_figure(
        "org_chart",
        ("bodies", "body_links"),
        (layout_name, tuple(kinds), selected, year),
        lambda: org_figure(
            graph,
            layered_layout(graph) if layout_name != "spring" else spring_layout(graph),
            kinds=kinds,
            selected=selected,
            as_of_year=year,
        ),
    )
    show_chart(
        figure,
        "org_chart",
        "csto-structure",
        title=t("structure.chart_title", year=year),
        on_select=select_from_click,
        selection_mode="points",
    )
    unknown = [n for n, d in graph.nodes(data="established") if d is None]
    later = [n for n, d in graph.nodes(data="established") if d is not None and d.year > year]
    if later:
        st.caption(t("structure.later", count=len(later), year=year))
    if unknown:
        st.caption(t("structure.unknown_dates", count=len(unknown)))

with st.container(border=True):
    st.subheader(t("structure.details"))
    if not selected:
        st.caption(t("structure.details_hint"))
    else:
        details = body_details(graph, selected)
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
        st.markdown(source_links_md(details["sources"]))

st.subheader(t("structure.table"))
st.dataframe(
    labelled(
        with_first_source(bodies)[
            ["name_en", "name_ru", "abbreviation", "kind", "established", "description", "source"]
        ],
        {"kind": "kind."},
    ),
    hide_index=True,
    column_config={
        "name_en": t("col.name"),
        "name_ru": t("col.name_ru"),
        "abbreviation": t("col.abbreviation"),
        "kind": t("col.kind"),
        "established": st.column_config.DateColumn(t("col.established"), format="YYYY-MM-DD"),
        "description": st.column_config.TextColumn(t("col.description"), width="large"),
        "source": st.column_config.LinkColumn(t("col.source")),
    },
)
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
    csv_download(t("structure.download.bodies"), bodies, "bodies.csv", "dl_bodies")
with downloads[2]:
    csv_download(t("structure.download.links"), links, "body_links.csv", "dl_links")

footer("structure")
