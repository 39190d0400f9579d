"""The org chart as a plotly figure (pure: a networkx graph and positions in, a figure out)."""

from __future__ import annotations

from collections.abc import Collection

import networkx as nx
import plotly.graph_objects as go

from components.derive.org import established_text, exists_in
from components.figures.style import BODY_KIND_STYLE, INK, OKABE_ITO, base_layout
from components.i18n.names import body_abbreviation, body_name
from components.i18n.text import esc, t

RELATION_STYLE = {
    # relation: (colour, dash)
    "reports_to": (OKABE_ITO["black"], "solid"),
    "subordinate_to": (OKABE_ITO["black"], "solid"),
    "part_of": (OKABE_ITO["blue"], "solid"),
    "established_by": ("#B0B0B0", "dot"),
    "coordinates": (OKABE_ITO["vermillion"], "dash"),
    "advises": (OKABE_ITO["reddish_purple"], "dashdot"),
}


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
