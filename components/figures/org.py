"""The org chart as a plotly figure (pure: a networkx graph and positions in, a figure out)."""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Collection

import networkx as nx
import plotly.graph_objects as go

from components.derive.org import ROW_WIDTH_CHARS, abbreviation_key, established_text, exists_in, label_lines
from components.figures.style import BODY_KIND_STYLE, INK, OKABE_ITO, base_layout
from components.i18n.names import body_abbreviation, body_name
from components.i18n.text import esc, t

RELATION_STYLE = {
    # relation: (colour, dash) — every relation differs in colour and in dash.
    "reports_to": (OKABE_ITO["black"], "solid"),
    "subordinate_to": ("#8C6D31", "6px,3px"),  # a short, dense dash that reads in the legend too
    "part_of": (OKABE_ITO["blue"], "dashdot"),
    "established_by": ("#A0A0A0", "dot"),
    "coordinates": (OKABE_ITO["vermillion"], "dash"),
    "advises": (OKABE_ITO["reddish_purple"], "longdashdot"),
}

LABEL_FONT_SIZE = 13
LABEL_LINE_PX = 17  # one line of a node label
MARKER_PX = 22
ROW_GAP_PX = 44  # from the last label line of a row to the next row's marker
KEY_FONT_SIZE = 12
KEY_LINE_PX = 17
# Characters per line of one column of the abbreviation key: two columns side by side in the
# narrowest chart (about 660 px, a 1024-px screen with the sidebar open).
KEY_WRAP = 44
LEGEND_ROW_PX = 26
LEGEND_ROOM_WIDTH_PX = 640  # the chart's plot width on a 1024-px screen, less a margin
UNKNOWN_RING = "#4B5563"


def node_label(attributes: dict, width: int = 13, max_lines: int = 3) -> str:
    """The node's label: its abbreviation, else its full name wrapped (never cut).

    ``width`` and ``max_lines`` are kept for callers; the wrapping is ``derive.org.label_lines``."""
    return "<br>".join(esc(line) for line in label_lines(attributes))


# A slide has less height per row than the page (seven rows in about 480 px at 1024×768): a name
# keeps the page's line width, which the rows' spacing was made for, and at most two lines.
SLIDE_LABEL_LINES = 2


def org_for_slide(fig: go.Figure) -> None:
    """The org chart as a slide shows it (in place): the legends and abbreviation key stay on the
    page (~400 px below the drawing that a slide cannot spare; the bodies' own labels carry it), and
    a long name is cut to two lines with an ellipsis (its full name is in the hover), since a
    slide's rows are closer together than the page's; labels are not clipped at the plot's edge."""
    fig.update_layout(showlegend=False, margin={"b": 44, "l": 10, "r": 10})
    fig.layout.annotations = []
    for trace in fig.data:
        if trace.mode != "markers+text" or trace.text is None:
            continue
        labels = []
        for label in trace.text:
            lines = str(label).split("<br>")
            if len(lines) > SLIDE_LABEL_LINES:
                lines = [*lines[: SLIDE_LABEL_LINES - 1], lines[SLIDE_LABEL_LINES - 1] + "…"]
            labels.append("<br>".join(lines))
        trace.text = labels
        trace.cliponaxis = False  # the bottom row's labels hang below the plot area on a slide


def _rows_y(graph: nx.DiGraph, positions: dict[str, tuple[float, float]]) -> dict[float, float]:
    """Each row's y in pixels from the top: a row is as tall as its tallest label. Positions off
    the rows (a force layout) get evenly spaced rows, as tall as the tallest label."""
    if any(float(y) != round(y) for _, y in positions.values()):
        pitch = (
            MARKER_PX / 2
            + ROW_GAP_PX
            + LABEL_LINE_PX * max((len(label_lines(graph.nodes[n])) for n in positions if n in graph), default=1)
        )
        return {
            float(y): y * pitch for y in range(0, round(min((y for _, y in positions.values()), default=0)) - 2, -1)
        }
    tallest: dict[float, int] = {}
    for node, (_, y) in positions.items():
        if node in graph:
            tallest[y] = max(tallest.get(y, 1), len(label_lines(graph.nodes[node])))
    out: dict[float, float] = {}
    cursor = 0.0
    for y in sorted(tallest, reverse=True):
        out[y] = -cursor
        cursor += MARKER_PX / 2 + tallest[y] * LABEL_LINE_PX + ROW_GAP_PX
    return out


def _remap(y: float, rows: dict[float, float]) -> float:
    """Layout y -> pixel y, linear between rows (for edge bends and force-layout positions)."""
    keys = sorted(rows)
    if not keys:
        return y
    if len(keys) == 1:
        return rows[keys[0]] + (y - keys[0]) * 100
    for low, high in itertools.pairwise(keys):
        if y <= high:
            return rows[low] + (rows[high] - rows[low]) * (y - low) / (high - low)
    low, high = keys[-2], keys[-1]
    return rows[high] + (rows[high] - rows[low]) * (y - high) / (high - low)


def org_figure(
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    *,
    kinds: Collection[str] | None = None,
    selected: str | None = None,
    as_of_year: int | None = None,
    height: int | None = None,
    routes: dict[tuple[str, str], list[tuple[float, float]]] | None = None,
    show_key: bool = True,
) -> go.Figure:
    """Nodes coloured and shaped by kind, edges styled by relation (colour and dash) with arrowheads.

    Args:
        kinds: kinds to show (None: all); hidden kinds drop their nodes and edges.
        selected: body id to highlight with its neighbours; the rest fade.
        as_of_year: bodies founded later are not drawn; bodies whose founding date is unknown are
            drawn inside a grey ring and say so in their hover.
        height: None sizes the chart to its rows, legends and key (recommended).
        routes: bent edges from ``derive.org.layered_routes``; by default the routes the positions
            carry (``layered_layout`` gives them), else straight lines.
        show_key: spell out the abbreviations used as labels below the chart.
    """
    if routes is None:
        routes = getattr(positions, "routes", None)
    visible = [
        n
        for n in graph.nodes
        if n in positions
        and (kinds is None or graph.nodes[n]["kind"] in kinds)
        and exists_in(graph.nodes[n], as_of_year) is not False
    ]
    shown = graph.subgraph(visible)
    neighbours = set()
    if selected in shown:
        neighbours = {selected, *shown.successors(selected), *shown.predecessors(selected)}
    rows_px = _rows_y(graph, {n: positions[n] for n in visible} or positions)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return point[0], _remap(point[1], rows_px)

    def path(u: str, v: str) -> list[tuple[float, float]]:
        route = (routes or {}).get((u, v)) or [positions[u], positions[v]]
        return [at(p) for p in route]

    def emphasis(node: str) -> float:
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
            points = path(u, v)
            xs += [p[0] for p in points] + [None]
            ys += [p[1] for p in points] + [None]
        highlighted = any(u in neighbours and v in neighbours and selected in (u, v) for u, v in edges)
        faint = relation == "established_by" and not highlighted
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                # Through dot's bend points as a smooth curve, as dot itself draws them (a polyline
                # through those points zigzags where several long edges share a side channel).
                line={
                    "color": colour,
                    "dash": dash,
                    "width": 2.5 if highlighted else 2,
                    "shape": "spline",
                    "smoothing": 1,
                },
                name=t(f"relation.{relation}"),
                legend="legend",
                legendgroup=f"relation-{relation}",
                hoverinfo="skip",
                opacity=0.6 if faint else 0.9,
            )
        )
        fig.add_trace(_arrowheads([path(u, v) for u, v in edges], edges, colour, faint, neighbours, selected))
    unknown = [n for n in shown.nodes if as_of_year is not None and exists_in(graph.nodes[n], as_of_year) is None]
    if unknown:
        # Plotly markers have no dashed outline: a grey ring around the marker says "date unknown".
        fig.add_trace(
            go.Scatter(
                x=[at(positions[n])[0] for n in unknown],
                y=[at(positions[n])[1] for n in unknown],
                mode="markers",
                marker={
                    "symbol": "circle-open",
                    "size": 34,
                    "color": UNKNOWN_RING,
                    "line": {"width": 1.5, "color": UNKNOWN_RING},
                    "opacity": [emphasis(n) for n in unknown],
                },
                name=t("structure.legend.date_unknown"),
                legend="legend2",
                hoverinfo="skip",
            )
        )
    for kind, (colour, symbol) in BODY_KIND_STYLE.items():
        nodes = [n for n in shown.nodes if graph.nodes[n]["kind"] == kind]
        if not nodes:
            continue
        attributes = [graph.nodes[n] for n in nodes]
        fig.add_trace(
            go.Scatter(
                x=[at(positions[n])[0] for n in nodes],
                y=[at(positions[n])[1] for n in nodes],
                mode="markers+text",
                text=[node_label(a) for a in attributes],
                textposition="bottom center",
                textfont={"size": LABEL_FONT_SIZE, "color": INK},
                marker={
                    "symbol": symbol,
                    "size": [26 if n == selected else 20 for n in nodes],
                    "color": colour,
                    "opacity": [emphasis(n) for n in nodes],
                    "line": {
                        "color": ["#000000" if n == selected else "white" for n in nodes],
                        "width": [3 if n == selected else 1 for n in nodes],
                    },
                },
                name=t(f"kind.{kind}"),
                legendgroup=f"kind-{kind}",
                showlegend=False,
                customdata=[[n] for n in nodes],
                hovertext=[node_hover(graph, n, as_of_year=as_of_year) for n in nodes],
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
                    legend="legend2",
                    legendgroup=f"kind-{kind}",
                )
            )
    key = abbreviation_key(graph, list(shown.nodes)) if show_key else []
    _frame(fig, graph, positions, rows_px, shown, key, height)
    return fig


def _legend_entry_px(names: list[str]) -> int:
    """Width of one legend entry's text so that the longest name fits (about 8 px a character)."""
    return max(150, 9 * max((len(name) for name in names), default=10) + 10)


def _legend_rows(names: list[str]) -> int:
    per_row = max(1, LEGEND_ROOM_WIDTH_PX // (_legend_entry_px(names) + 40))
    return max(1, -(-len(names) // per_row))


def _frame(
    fig: go.Figure,
    graph: nx.DiGraph,
    positions: dict[str, tuple[float, float]],
    rows_px: dict[float, float],
    shown: nx.DiGraph,
    key: list[tuple[str, str]],
    height: int | None,
) -> None:
    """Axes fitted to the drawing (labels included), two horizontal legends and the abbreviation
    key below the plot, each in its own reserved band so nothing overlaps at any chart width."""
    relations = [tr.name for tr in fig.data if tr.legend == "legend" and tr.mode == "lines"]
    kinds = [tr.name for tr in fig.data if tr.legend == "legend2"]
    bands = [
        LEGEND_ROW_PX * (1 + _legend_rows(relations)) + 14,
        LEGEND_ROW_PX * (1 + _legend_rows(kinds)) + 14,
    ]
    key_columns = _key_columns(key)
    key_lines = max((text.count("<br>") + 1 for text in key_columns), default=0)
    key_px = (KEY_LINE_PX * (key_lines + 1) + 16) if key else 0
    bottom = sum(bands) + key_px + 10

    drawn = [positions[n] for n in shown.nodes] or list(positions.values())
    ys_px = [_remap(p[1], rows_px) for p in drawn]
    lowest_row = min((positions[n][1] for n in shown.nodes), default=0.0)
    lowest_labels = max(
        (len(label_lines(graph.nodes[n])) for n in shown.nodes if positions[n][1] <= lowest_row + 0.5), default=1
    )
    top_px, bottom_px = max(ys_px) + MARKER_PX, min(ys_px) - MARKER_PX / 2 - lowest_labels * LABEL_LINE_PX - 8
    plot_px = top_px - bottom_px
    total = int(plot_px + bottom + 78) if height is None else height
    plot_px = max(100.0, total - bottom - 78)

    fig.update_layout(**base_layout(height=total))
    fig.update_layout(
        showlegend=True,
        xaxis={"visible": False, "range": _x_range(graph, shown, positions), "automargin": True, "fixedrange": True},
        yaxis={"visible": False, "range": [bottom_px, top_px], "automargin": True, "fixedrange": True},
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 78, "b": bottom},
    )
    legend_common = {
        "orientation": "h",
        "x": 0,
        "xanchor": "left",
        "yanchor": "top",
        "font": {"size": 14},
        "title": {"side": "top", "font": {"size": 14}},
        "itemclick": False,
        "itemdoubleclick": False,
    }
    fig.update_layout(
        legend={
            **legend_common,
            "y": -8 / plot_px,
            "title": {**legend_common["title"], "text": t("structure.legend.relations")},
        },
        legend2={
            **legend_common,
            "y": -(bands[0] + 8) / plot_px,
            "title": {**legend_common["title"], "text": t("structure.legend.kinds")},
        },
    )
    # The key: at most two annotations (plotly lays out each annotation on its own).
    for index, column in enumerate(key_columns):
        heading = f"<b>{esc(t('structure.key_title'))}</b>" if index == 0 else "&nbsp;"
        fig.add_annotation(
            x=0.5 * index,
            y=-(bands[0] + bands[1] + 8) / plot_px,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            align="left",
            showarrow=False,
            text=f"{heading}<br>{column}",
            font={"size": KEY_FONT_SIZE},
            name="abbreviation-key",
        )


def _key_columns(key: list[tuple[str, str]]) -> list[str]:
    """The abbreviation key as one or two columns of wrapped lines (plotly text, escaped)."""
    if not key:
        return []
    entries = [
        "<br>".join(
            esc(line) if i == 0 else "&nbsp;&nbsp;&nbsp;" + esc(line)
            for i, line in enumerate(textwrap.wrap(f"{abbr} — {name}", KEY_WRAP, break_long_words=False))
        )
        for abbr, name in key
    ]
    if len(entries) < 5:
        return ["<br>".join(entries)]
    half = -(-len(entries) // 2)
    return ["<br>".join(entries[:half]), "<br>".join(entries[half:])]


def _arrowheads(
    paths: list[list[tuple[float, float]]],
    edges: list[tuple[str, str]],
    colour: str,
    faint: bool,
    neighbours: set[str],
    selected: str | None,
) -> go.Scatter:
    """One arrowhead in the middle of each edge's longest stretch, pointing from the subordinate
    body to the one it answers to. Markers, not annotations: plotly lays out each annotation on
    its own, which cost about 90 ms per draw of this chart; mid-edge heads also stay clear of the
    nodes, where many edges meet. ``angleref="previous"`` turns each head along its edge on
    screen: every head comes after an invisible point a little further back on the same edge."""
    xs, ys, sizes, opacities = [], [], [], []
    for points, (u, v) in zip(paths, edges, strict=True):
        (x0, y0), (x1, y1) = max(
            itertools.pairwise(points),
            key=lambda pair: abs(pair[1][1] - pair[0][1]) + abs(pair[1][0] - pair[0][0]) * 100,
        )
        xs += [x0 + (x1 - x0) * 0.45, x0 + (x1 - x0) * 0.55, None]
        ys += [y0 + (y1 - y0) * 0.45, y0 + (y1 - y0) * 0.55, None]
        opacity = (0.6 if faint else 0.9) if (not neighbours or selected in (u, v)) else 0.2
        sizes += [0, 13, 0]
        opacities += [0, opacity, 0]
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"symbol": "arrow", "angleref": "previous", "size": sizes, "color": colour, "opacity": opacities},
        legend="legend",
        showlegend=False,
        hoverinfo="skip",
    )


def _x_range(graph: nx.DiGraph, shown: nx.DiGraph, positions: dict[str, tuple[float, float]]) -> list[float]:
    """The drawing's width with room for the outermost labels (a character is about 1/92 of the
    row at the narrowest chart, see ``derive.org.ROW_WIDTH_CHARS``)."""
    nodes = list(shown.nodes) or list(positions)
    if not nodes:
        return [-0.1, 1.1]
    half = {n: (max(len(line) for line in label_lines(graph.nodes[n])) / 2 + 1.5) / ROW_WIDTH_CHARS for n in nodes}
    low = min(positions[n][0] - half[n] for n in nodes)
    high = max(positions[n][0] + half[n] for n in nodes)
    return [low, high] if high > low else [low - 0.5, high + 0.5]


def _padded(values: list[float], fraction: float) -> list[float]:
    low, high = min(values), max(values)
    pad = (high - low) * fraction or 1.0
    return [low - pad, high + pad]


def node_hover(graph: nx.DiGraph, node: str, *, as_of_year: int | None = None) -> str:
    attributes = graph.nodes[node]
    abbreviation = body_abbreviation(attributes)
    name = body_name(attributes) + (f" ({abbreviation})" if abbreviation else "")
    lines = [
        f"<b>{esc(name)}</b>",
        t(f"kind.{attributes['kind']}"),
        t("structure.established", day=established_text(attributes)),
    ]
    if attributes["established"] is None:
        lines.append(t("structure.date_unknown_hover"))
    return "<br>".join(lines)
