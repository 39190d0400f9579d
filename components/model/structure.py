"""Organizational structure: declared state and the one build the page, deck and exports share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx
import pandas as pd

from components.data.schema import BODY_KINDS
from components.derive.events import with_first_source
from components.derive.org import (
    body_details,
    graphml_bytes,
    graphviz_available,
    layered_layout,
    org_graph,
    spring_layout,
    unconnected_bodies,
)
from components.figures.org import org_figure
from components.i18n.names import body_name, body_search_label, localized, state_names
from components.i18n.text import LANGUAGES, current_language, labelled, language, t
from components.model.base import Chart, Column, PageModel, Table, unique_sources
from components.model.columns import ALL_SOURCES, columns
from components.model.common import COUNTRY, country_domain, last_of
from components.model.state import Code, Codes, Domain, Field, Number, PageSpec

LAYOUTS = ("layered", "spring")
SPEC = PageSpec(
    "structure",
    (
        Field("kinds", Codes(), "structure.kinds", default=tuple(BODY_KINDS)),
        Field("layout", Code(), "structure.layout", default="layered"),
        Field("year", Number(), "structure.year", default_from=last_of("year"), help="structure.year_help_hidden"),
        Field("body", Code(), "structure.search", help="structure.search_help"),
        COUNTRY,
    ),
)
TABLES_USED = ("members", "bodies", "body_links")


def domain(tables: dict[str, pd.DataFrame], today: date) -> Domain:
    bodies = tables["bodies"]
    options, aliases = country_domain(tables["members"])
    graph = org_graph(bodies, tables["body_links"]).graph
    body_aliases: dict[str, str] = {}
    for node, attributes in graph.nodes(data=True):
        for lang in LANGUAGES:
            body_aliases[body_search_label(attributes, lang)] = node
            body_aliases[body_name(attributes, lang)] = node
        if attributes.get("abbreviation"):
            body_aliases.setdefault(str(attributes["abbreviation"]), node)
    layout_aliases = {t(f"structure.layout.{k}", lang): k for k in LAYOUTS for lang in LANGUAGES}
    kind_aliases = {t(f"kind.{k}", lang): k for k in BODY_KINDS for lang in LANGUAGES}
    return Domain(
        options={**options, "kinds": list(BODY_KINDS), "layout": list(LAYOUTS), "body": list(graph.nodes)},
        aliases={**aliases, "kinds": kind_aliases, "layout": layout_aliases, "body": body_aliases},
        bounds={"year": (1992, today.year)},
    )


def build(tables: dict[str, pd.DataFrame], state: dict, lang: str, today: date) -> PageModel:
    """Everything the Structure page shows for ``state`` in ``lang``."""
    with language(lang):
        return _build(tables, state)


@dataclass
class StructureDetail:
    """What the Structure page shows besides the diagram and the table."""

    graph: nx.DiGraph  # the whole organization (the GraphML download)
    selected: str | None  # the body picked, if it is in the graph
    details: dict | None  # its card, as plain strings
    unlinked: list[str]  # bodies with no link to another, by name
    dangling: list[str]  # links naming a body the data does not have
    empty: bool  # no kind of body chosen: nothing to draw


def _notes(graph, year: int) -> list[str]:
    """What the diagram leaves out or draws apart: a layout without Graphviz, bodies established
    after the year, bodies without a known date."""
    unknown = [n for n, d in graph.nodes(data="established") if d is None]
    later = [n for n, d in graph.nodes(data="established") if d is not None and d.year > year]
    notes = [] if graphviz_available() else [t("structure.layout_fallback")]
    if later:
        notes.append(t("structure.later_hidden", count=len(later), year=year))
    if unknown:
        notes.append(t("structure.unknown_dates_ring", count=len(unknown)))
    return notes


def _bodies_table(bodies: pd.DataFrame, download: pd.DataFrame) -> Table:
    """Every body, named as the page's language names it: the Russian page in Russian only, the
    English page in both; the CSV is the data file as it is."""
    names = ["name_en", "name_ru"]
    if current_language() == "ru":
        has_russian = bodies["name_ru"].fillna("").astype(str).str.strip() != ""
        bodies = bodies.assign(name_ru=bodies["name_ru"].where(has_russian, bodies["name_en"]))
        names = ["name_ru"]
    table = with_first_source(bodies)[[*names, "abbreviation", "kind", "established", "description"]]
    english = "name_en" in names
    return Table(
        key="bodies",
        title=t("structure.table"),
        rows=labelled(table.assign(source_url=bodies["source_url"]), {"kind": "kind."}),
        columns=columns(
            *names,
            "abbreviation",
            "kind",
            "established",
            "description",
            "source_url",
            name_en=Column(t("col.name"), "wide"),
            name_ru=Column(t("col.name_ru") if english else t("col.name"), "wide"),
            source_url=Column(t(ALL_SOURCES), "sources"),
        ),
        download=download,
        file_name="bodies.csv",
        total=len(bodies),
    )


def _build(tables: dict[str, pd.DataFrame], state: dict) -> PageModel:
    # Descriptions in the reader's language (English where no Russian one exists yet).
    bodies = tables["bodies"].assign(description=localized(tables["bodies"], "description"))
    built = org_graph(bodies, tables["body_links"])
    graph = built.graph
    year, kinds = state["year"], list(state["kinds"])
    selected = state["body"] if state["body"] in graph else None
    charts = []
    if kinds:
        positions = spring_layout(graph) if state["layout"] == "spring" else layered_layout(graph)
        figure = org_figure(graph, positions, kinds=kinds, selected=selected, as_of_year=year)
        charts.append(Chart("org_chart", t("structure.chart_title", year=year), figure, "csto-structure"))
    shown_bodies = bodies[bodies["body_id"] == selected] if selected else bodies
    return PageModel(
        page="structure",
        title=t("nav.structure"),
        caption=t("view.structure.caption", year=year, count=graph.number_of_nodes()),
        as_of=str(year),
        charts=charts,
        notes=_notes(graph, year),
        tables=[_bodies_table(bodies, tables["bodies"])],
        sources=unique_sources(shown_bodies["source_url"]),
        names={
            "kinds": {k: t(f"kind.{k}") for k in BODY_KINDS},
            "layout": {k: t(f"structure.layout.{k}") for k in LAYOUTS},
            "country": state_names(tables["members"]),
            "body": {node: body_search_label(attributes) for node, attributes in graph.nodes(data=True)},
        },
        detail=StructureDetail(
            graph=graph,
            selected=selected,
            details=body_details(graph, selected) if selected else None,
            unlinked=[body_name(graph.nodes[n]) for n in unconnected_bodies(graph)],
            dangling=[f"{u} → {v}" for u, v, _ in built.dangling],
            empty=not kinds,
        ),
    )


def graphml(model: PageModel) -> bytes:
    """The model's organization graph as GraphML (for yEd, Gephi...): the Structure page's download."""
    return graphml_bytes(model.detail.graph)
