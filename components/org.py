"""The organization as a directed graph, its layouts, and its plotly figure (pure).

Edges point from a body to the body it reports to, is part of, or was established by — so
"up" in the graph is "up" in the org chart.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from components.data import split_sources
from components.names import body_abbreviation, body_name
from components.style import BODY_KIND_STYLE, INK, OKABE_ITO, base_layout
from components.text import esc, format_date, t

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
RELATION_STYLE = {
    # relation: (colour, dash)
    "reports_to": (OKABE_ITO["black"], "solid"),
    "subordinate_to": (OKABE_ITO["black"], "solid"),
    "part_of": (OKABE_ITO["blue"], "solid"),
    "established_by": ("#B0B0B0", "dot"),
    "coordinates": (OKABE_ITO["vermillion"], "dash"),
    "advises": (OKABE_ITO["reddish_purple"], "dashdot"),
}
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


def node_label(attributes: dict, width: int = 13, max_lines: int = 3) -> str:
    """Abbreviation when the organization uses one, else the name wrapped into a narrow block."""
    if body_abbreviation(attributes):
        return esc(body_abbreviation(attributes))
    lines: list[str] = []
    for word in body_name(attributes).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + "…"]
    return "<br>".join(esc(line) for line in lines)


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


def org_figure(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    kinds: Collection[str] | None = None,
    selected: str | None = None,
    as_of_year: int | None = None,
    height: int = 860,
) -> go.Figure:
    """Nodes coloured and shaped by kind, edges styled by relation with arrowheads.

    Args:
        kinds: kinds to show (None: all); hidden kinds drop their nodes and edges.
        selected: body id to highlight with its neighbours; the rest fade.
        as_of_year: bodies founded later are greyed; unknown founding dates keep a dashed outline.
    """
    visible = [n for n in graph.nodes if kinds is None or graph.nodes[n]["kind"] in kinds]
    shown = graph.subgraph(visible)
    neighbours = set()
    if selected in shown:
        neighbours = {selected, *shown.successors(selected), *shown.predecessors(selected)}

    def emphasis(node: str) -> float:
        if as_of_year is not None and exists_in(graph.nodes[node], as_of_year) is False:
            return 0.15
        if neighbours and node not in neighbours:
            return 0.25
        return 1.0

    fig = go.Figure()
    for relation, (colour, dash) in RELATION_STYLE.items():
        edges = [(u, v) for u, v, r in shown.edges(data="relation") if r == relation]
        if not edges:
            continue
        xs, ys = [], []
        for u, v in edges:
            xs += [positions[u][0], positions[v][0], None]
            ys += [positions[u][1], positions[v][1], None]
        highlighted = any(u in neighbours and v in neighbours and selected in (u, v) for u, v in edges)
        faint = relation == "established_by" and not highlighted
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": colour, "dash": dash, "width": 2.5 if highlighted else 1.5},
                name=t(f"relation.{relation}"),
                legendgroup="relations",
                legendgrouptitle={"text": t("structure.legend.relations")},
                hoverinfo="skip",
                opacity=0.5 if faint else 0.9,
            )
        )
        fig.add_trace(_arrowheads(edges, positions, colour, faint, neighbours, selected))
    for kind, (colour, symbol) in BODY_KIND_STYLE.items():
        nodes = [n for n in shown.nodes if graph.nodes[n]["kind"] == kind]
        if not nodes:
            continue
        attributes = [graph.nodes[n] for n in nodes]
        unknown_date = [as_of_year is not None and exists_in(a, as_of_year) is None for a in attributes]
        fig.add_trace(
            go.Scatter(
                x=[positions[n][0] for n in nodes],
                y=[positions[n][1] for n in nodes],
                mode="markers+text",
                text=[node_label(a) for a in attributes],
                textposition="bottom center",
                textfont={"size": 13, "color": INK},
                marker={
                    "symbol": symbol,
                    "size": [26 if n == selected else 20 for n in nodes],
                    "color": colour,
                    "opacity": [emphasis(n) for n in nodes],
                    "line": {
                        "color": [
                            "#000000" if n == selected else ("#555555" if u else "white")
                            for n, u in zip(nodes, unknown_date, strict=True)
                        ],
                        "width": [
                            3 if n == selected else (2 if u else 1) for n, u in zip(nodes, unknown_date, strict=True)
                        ],
                    },
                },
                name=t(f"kind.{kind}"),
                legendgroup=f"kind-{kind}",
                showlegend=False,
                customdata=[[n] for n in nodes],
                hovertext=[node_hover(graph, n) for n in nodes],
                hoverinfo="text",
            )
        )
    for kind, (colour, symbol) in BODY_KIND_STYLE.items():
        # Legend-only twins: the real traces carry per-node opacity, which the legend would copy.
        if any(graph.nodes[n]["kind"] == kind for n in shown.nodes):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"symbol": symbol, "size": 14, "color": colour},
                    name=t(f"kind.{kind}"),
                    legendgroup=f"kind-{kind}",
                    legendgrouptitle={"text": t("structure.legend.kinds")}
                    if kind == next(iter(BODY_KIND_STYLE))
                    else None,
                )
            )
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 13}},
        xaxis={"visible": False, "range": _padded([p[0] for p in positions.values()], 0.06)},
        yaxis={"visible": False, "range": _padded([p[1] for p in positions.values()], 0.08)},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
    )
    return fig


def _arrowheads(
    edges: list[tuple[str, str]],
    positions: dict[str, tuple[float, float]],
    colour: str,
    faint: bool,
    neighbours: set[str],
    selected: str | None,
) -> go.Scatter:
    """One arrowhead at the middle of each edge, pointing from the subordinate body to the one it
    answers to. Markers, not annotations: plotly lays out each annotation on its own, which cost
    about 90 ms per draw of this chart; mid-edge heads also stay clear of the nodes, where many
    edges meet. ``angleref="previous"`` turns each head along its edge on screen: every head comes
    after an invisible point a little further back on the same edge."""
    xs, ys, sizes, opacities = [], [], [], []
    for u, v in edges:
        (x0, y0), (x1, y1) = positions[u], positions[v]
        xs += [x0 + (x1 - x0) * 0.45, x0 + (x1 - x0) * 0.55, None]
        ys += [y0 + (y1 - y0) * 0.45, y0 + (y1 - y0) * 0.55, None]
        opacity = (0.5 if faint else 0.9) if (not neighbours or selected in (u, v)) else 0.2
        sizes += [0, 13, 0]
        opacities += [0, opacity, 0]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": colour, "opacity": opacities},
        legendgroup="relations",
        showlegend=False,
        hoverinfo="skip",
    )


def _padded(values: list[float], fraction: float) -> list[float]:
    low, high = min(values), max(values)
    pad = (high - low) * fraction or 1.0
    return [low - pad, high + pad]


def node_hover(graph: nx.DiGraph, node: str) -> str:
    attributes = graph.nodes[node]
    abbreviation = body_abbreviation(attributes)
    name = body_name(attributes) + (f" ({abbreviation})" if abbreviation else "")
    return "<br>".join(
        [
            f"<b>{esc(name)}</b>",
            t(f"kind.{attributes['kind']}"),
            t("structure.established", day=established_text(attributes)),
        ]
    )


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
