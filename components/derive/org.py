"""The organization as a directed graph and its layouts (pure).

Edges point from a body to the body it reports to, is part of, or was established by — so
"up" in the graph is "up" in the org chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from components.data.loaders import split_sources
from components.i18n.names import body_name
from components.i18n.text import format_date, t

# Org-chart rows, top to bottom. The supreme body (a statutory body with no parent) sits alone on
# row 0; the other statutory bodies on row 1.
LAYER_BY_KIND = {
    "statutory": 1,
    "permanent": 2,
    "parliamentary": 2,
    "subsidiary": 3,
    "working_group": 4,
    "forces": 5,
    "operation": 7,
}


# Relations that place a body under another in the chart; the others are drawn but do not rank.
HIERARCHY_RELATIONS = ("reports_to", "subordinate_to", "part_of", "established_by")


SPRING_SEED = 7


@dataclass
class OrgGraph:
    """The graph plus what could not be drawn (links naming unknown bodies)."""

    graph: nx.DiGraph
    dangling: list[tuple[str, str, str]] = field(default_factory=list)


def org_graph(bodies: pd.DataFrame, links: pd.DataFrame) -> OrgGraph:
    """Build the directed graph of bodies; a link to an unknown body is reported, not drawn."""
    graph = nx.DiGraph()
    for body in bodies.to_dict("records"):
        established = body.get("established")
        graph.add_node(
            str(body["body_id"]),
            name=str(body["name_en"]),
            aliases=list(body.get("aliases") or []),
            abbreviation=str(body.get("abbreviation") or ""),
            name_ru=str(body.get("name_ru") or ""),
            kind=str(body["kind"]),
            established=None if pd.isna(established) else pd.Timestamp(established),
            established_precision=str(body.get("established_precision") or ""),
            description=str(body.get("description") or ""),
            source_url=str(body.get("source_url") or ""),
        )
    dangling = []
    for link in links.to_dict("records"):
        source, target, relation = str(link["from_id"]), str(link["to_id"]), str(link["relation"])
        if source not in graph or target not in graph:
            dangling.append((source, target, relation))
            continue
        graph.add_edge(source, target, relation=relation, source_url=str(link.get("source_url") or ""))
    return OrgGraph(graph, dangling)


def hierarchy(graph: nx.DiGraph) -> nx.DiGraph:
    """Only the ranking relations (reports to, subordinate to, part of, established by)."""
    return graph.edge_subgraph(
        (u, v) for u, v, relation in graph.edges(data="relation") if relation in HIERARCHY_RELATIONS
    ).copy()


def supreme_bodies(graph: nx.DiGraph) -> list[str]:
    """Statutory bodies that answer to no one (the Collective Security Council)."""
    ranked = hierarchy(graph)
    return sorted(
        node
        for node, kind in graph.nodes(data="kind")
        if kind == "statutory" and (node not in ranked or ranked.out_degree(node) == 0)
    )


def layers(graph: nx.DiGraph) -> dict[str, int]:
    """Row of each body: by kind, pushed below any body it ranks under (a Secretariat under the
    Secretary General, forces under the Collective Forces). Falls back to kinds alone on a cycle."""
    supreme = set(supreme_bodies(graph))
    rows = {n: 0 if n in supreme else LAYER_BY_KIND.get(kind, 7) for n, kind in graph.nodes(data="kind")}
    ranked = hierarchy(graph)
    if not nx.is_directed_acyclic_graph(ranked):
        return rows
    for node in reversed(list(nx.topological_sort(ranked))):  # parents before children
        parents = [p for p in ranked.successors(node) if graph.edges[node, p]["relation"] != "established_by"]
        if parents:
            rows[node] = max(rows[node], *(rows[p] + 1 for p in parents))
    return rows


def layered_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic org-chart positions: rows by kind, each row ordered under its parents.

    Within a row, bodies are sorted by the mean x of the bodies they rank under (so children sit
    beneath parents), then by id; rows are spread over the same width, centred.
    """
    ranked = hierarchy(graph)
    rows: dict[int, list[str]] = {}
    for node, row in sorted(layers(graph).items()):
        rows.setdefault(row, []).append(node)
    positions: dict[str, tuple[float, float]] = {}

    def parent_x(node: str) -> float:
        xs = [positions[p][0] for p in (ranked.successors(node) if node in ranked else []) if p in positions]
        return sum(xs) / len(xs) if xs else math.inf

    for depth, layer in enumerate(sorted(rows)):
        ordered = sorted(rows[layer], key=lambda n: (parent_x(n), graph.nodes[n]["kind"], n))
        for index, node in enumerate(ordered):
            x = 0.5 if len(ordered) == 1 else index / (len(ordered) - 1)
            positions[node] = (x, -float(depth))
    return positions


def spring_layout(graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Force-directed alternative with a fixed seed, so the same picture every load."""
    raw = nx.spring_layout(graph.to_undirected(), seed=SPRING_SEED, k=0.9, iterations=200)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def established_text(attributes: dict) -> str:
    day = attributes["established"]
    if day is None:
        return t("structure.established_unknown")
    precision = attributes["established_precision"]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_date(day, "month")
    return format_date(day)


def exists_in(attributes: dict, year: int | None) -> bool | None:
    """Whether the body existed in ``year``: None when its founding date is unknown."""
    if year is None:
        return True
    if attributes["established"] is None:
        return None
    return attributes["established"].year <= year


def body_details(graph: nx.DiGraph, node: str) -> dict[str, object]:
    """What the detail panel shows: the body, what it answers to, what answers to it, sources."""
    attributes = graph.nodes[node]

    def described(other: str, relation: str) -> str:
        other_attributes = graph.nodes[other]
        label = body_name(other_attributes) + (
            f" ({other_attributes['abbreviation']})" if other_attributes["abbreviation"] else ""
        )
        return f"{label} — {t(f'relation.{relation}')}"

    return {
        "name": body_name(attributes),
        "abbreviation": attributes["abbreviation"],
        "name_ru": attributes["name_ru"],
        "kind": attributes["kind"],
        "established": established_text(attributes),
        "description": attributes["description"],
        "answers_to": [described(v, r) for _, v, r in sorted(graph.out_edges(node, data="relation"))],
        "answered_by": [described(u, r) for u, _, r in sorted(graph.in_edges(node, data="relation"))],
        "sources": split_sources(attributes["source_url"]),
    }


def graphml_bytes(graph: nx.DiGraph) -> bytes:
    """The graph as GraphML (dates as ISO text and lists joined with ';': GraphML has neither)."""

    def plain(value: object) -> object:
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        if isinstance(value, list):
            return ";".join(map(str, value))
        return "" if value is None else value

    export = nx.DiGraph()
    for node, attributes in graph.nodes(data=True):
        export.add_node(node, **{key: plain(value) for key, value in attributes.items()})
    export.add_edges_from(graph.edges(data=True))
    return "\n".join(nx.generate_graphml(export)).encode("utf-8")


def unconnected_bodies(graph: nx.DiGraph) -> list[str]:
    """Bodies with no path (in either direction) to a supreme body: no sourced relation links them."""
    undirected = graph.to_undirected(as_view=True)
    reachable: set[str] = set()
    for top in supreme_bodies(graph):
        reachable |= nx.node_connected_component(undirected, top)
    return sorted(set(graph.nodes) - reachable)
